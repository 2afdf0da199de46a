"""Figure and Patch builders as plain functions: plain data in, plotly figures or Patches out."""

from __future__ import annotations

import pytest

from dashboard import figures

URL = "/api/v1/geo/kabupaten.geojson"
CODES = ["81.01", "81.02", "81.03", "81.71"]
VALUES = [None, 5.0, 30.0, 75.5]
LEVELS = [None, "rendah", "sedang", "tinggi"]
HOVER = ["a", "b", "c", "d"]


def operations(patch: object) -> list[dict]:
    return patch.to_plotly_json()["operations"]  # type: ignore[attr-defined]


def test_map_figure_has_one_choropleth_trace_referencing_the_geometry_by_url() -> None:
    figure = figures.build_map_figure(URL, CODES, VALUES, LEVELS, HOVER)
    choropleths = [trace for trace in figure.data if trace.type in ("choropleth", "choroplethmap")]
    assert len(choropleths) == 1
    trace = choropleths[0]
    assert trace.geojson == URL  # the URL string, never the FeatureCollection
    assert "features" not in figure.to_json()
    assert figure.data[figures.MAP_TRACE] is trace


def test_codes_values_and_levels_line_up() -> None:
    figure = figures.build_map_figure(URL, CODES, VALUES, LEVELS, HOVER)
    trace = figure.data[figures.MAP_TRACE]
    assert list(trace.locations) == CODES
    assert list(trace.z) == [0, 1, 2, 3]
    assert [row[0] for row in trace.customdata] == ["\u2013", "5,0", "30,0", "75,5"]  # Indonesian default
    assert [row[1] for row in trace.customdata] == ["Tidak ada data", "Rendah", "Sedang", "Tinggi"]
    assert list(trace.text) == HOVER


def test_mismatched_columns_are_refused() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        figures.build_map_figure(URL, CODES, VALUES[:3], LEVELS, HOVER)
    with pytest.raises(ValueError, match="differ in length"):
        figures.map_value_patch(VALUES, LEVELS[:2])


def test_levels_get_four_distinct_colours_from_one_stepped_scale() -> None:
    scale = figures.stepped_colorscale()
    z_span = figures.Z_MAX - figures.Z_MIN

    def colour_at(code: int) -> str:
        position = (code - figures.Z_MIN) / z_span
        return next(
            c for start, c in zip(scale[::2], scale[1::2], strict=True) if start[0] <= position <= c[0]
        )[1]

    colours = [colour_at(figures.level_code(level)) for level in LEVELS]
    assert colours == [figures.LEVEL_COLORS[level] for level in LEVELS]
    assert len(set(colours)) == 4


def test_hover_names_the_level_in_words_and_the_area_by_its_geometry() -> None:
    figure = figures.build_map_figure(URL, CODES, VALUES, LEVELS, HOVER)
    template = figure.data[0].hovertemplate
    assert "%{properties.nama}" in template and "%{customdata[1]}" in template and "%{text}" in template
    assert "%{meta}: <b>%{customdata[0]}</b>" in template and figure.data[0].meta == "Skor total"


def test_value_patch_touches_only_value_paths() -> None:
    patch = figures.map_value_patch(VALUES, LEVELS)
    ops = operations(patch)
    assert {tuple(op["location"]) for op in ops} == {("data", 0, "z"), ("data", 0, "customdata")}
    assert all(op["operation"] == "Assign" for op in ops)
    values = {op["location"][-1]: op["params"]["value"] for op in ops}
    assert values["z"] == [0, 1, 2, 3]
    assert "geojson" not in str(patch.to_plotly_json())


def test_value_patch_with_hover_and_factor_also_replaces_text_and_meta_only() -> None:
    patch = figures.map_value_patch(VALUES, LEVELS, hover=HOVER, factor_label="(Isu)")
    assert {tuple(op["location"]) for op in operations(patch)} == {
        ("data", 0, "z"),
        ("data", 0, "customdata"),
        ("data", 0, "text"),
        ("data", 0, "meta"),
    }


def test_zoom_patch_touches_only_the_view() -> None:
    bounds = (131.0, -8.5, 135.0, -5.0)
    ops = operations(figures.zoom_patch(bounds))
    locations = {tuple(op["location"]) for op in ops}
    assert locations == {
        ("layout", "geo", "lonaxis", "range"),
        ("layout", "geo", "lataxis", "range"),
        ("layout", "uirevision"),
    }
    by_location = {tuple(op["location"]): op["params"]["value"] for op in ops}
    lon = by_location[("layout", "geo", "lonaxis", "range")]
    lat = by_location[("layout", "geo", "lataxis", "range")]
    assert lon[0] < 131.0 < 135.0 < lon[1] and lat[0] < -8.5 < -5.0 < lat[1]
    assert by_location[("layout", "uirevision")] != figures.view_revision(figures.INDONESIA)


def test_patches_compose_into_one_update() -> None:
    patch = figures.map_value_patch(VALUES, LEVELS)
    figures.zoom_patch(figures.INDONESIA, patch=patch)
    assert len(operations(patch)) == 5


def test_points_patch_shows_or_hides_the_second_trace_only() -> None:
    shown = operations(figures.points_patch([-5.6], [132.7], ["x"], visible=True))
    assert {tuple(op["location"][:2]) for op in shown} == {("data", figures.POINTS_TRACE)}
    assert {op["location"][-1]: op["params"]["value"] for op in shown}["visible"] is True
    hidden = {
        op["location"][-1]: op["params"]["value"]
        for op in operations(figures.points_patch([], [], [], visible=False))
    }
    assert hidden == {"lat": [], "lon": [], "text": [], "visible": False}


def test_user_text_in_hover_is_escaped() -> None:
    text = figures.point_hover("<b>bold</b> & <script>alert(1)</script>", "Hoaks", "2024-11-20 10:00 WIB")
    assert "<script>" not in text and "&lt;script&gt;" in text and "&lt;b&gt;bold" in text


def test_countdown_labels() -> None:
    assert [figures.countdown_label(d) for d in (7, 0, -3, None)] == ["H-7", "H", "H+3", "\u2013"]


def test_hover_names_every_factor_of_the_vocabulary_in_the_readers_language() -> None:
    text = figures.area_hover("Maluku", {"isu": 20.0, "lainnya": 1.5}, 3, False, "en")
    breakdown = text.split("<br>")[1].split(" · ")
    assert breakdown == [
        "Crowds 0.0",
        "Campaign 0.0",
        "Issues and hoaxes 20.0",
        "Violence 0.0",
        "Other 1.5",
    ]


def test_map_labels_name_the_levels_in_both_languages() -> None:
    assert figures.MapLabels.for_language("en").level_names == {
        None: "No data",
        "rendah": "Low",
        "sedang": "Medium",
        "tinggi": "High",
    }
    assert figures.MapLabels().level_names == {
        None: "Tidak ada data",
        "rendah": "Rendah",
        "sedang": "Sedang",
        "tinggi": "Tinggi",
    }
    assert figures.LEVEL_CODES == {None: 0, "rendah": 1, "sedang": 2, "tinggi": 3}


@pytest.mark.parametrize(
    ("lang", "reports", "breakdown", "count"),
    [
        ("id", 5400, "Isu dan hoaks 16,5", "Laporan 7 hari: 5.400"),
        ("en", 5400, "Issues and hoaxes 16.5", "Reports, 7 days: 5,400"),
    ],
)
def test_area_hover_writes_numbers_in_the_readers_language(
    lang: str, reports: int, breakdown: str, count: str
) -> None:
    lines = figures.area_hover("Maluku", {"isu": 16.5}, reports, False, lang).split("<br>")
    assert breakdown in lines[1].split(" · ")
    assert lines[2].startswith(count)


@pytest.mark.parametrize(
    ("value", "lang", "text"), [(16.5, "id", "16,5"), (16.5, "en", "16.5"), (None, "id", "\u2013")]
)
def test_format_value_per_language(value: float | None, lang: str, text: str) -> None:
    assert figures.format_value(value, lang) == text
