"""Figure and Patch builders as plain functions, the i18n catalogue, and the page's pure helpers."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from core.risk.engine import DEFAULT_PARAMS
from dashboard import figures
from dashboard.data import AreaValues, ElectionView, as_date, last_sundays, snapshot_values
from dashboard.i18n import CATALOGUE, LANGUAGES, t
from dashboard.pages import risk_map

URL = "/api/v1/geo/kabupaten.geojson"
CODES = ["81.01", "81.02", "81.03", "81.71"]
VALUES = [None, 5.0, 30.0, 75.5]
LEVELS = [None, "rendah", "sedang", "tinggi"]
HOVER = ["a", "b", "c", "d"]
DASHBOARD_DIR = Path(__file__).resolve().parents[2] / "dashboard"


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
    assert [row[0] for row in trace.customdata] == ["\u2013", "5.0", "30.0", "75.5"]
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
    assert "%{meta}" in template and figure.data[0].meta == ""


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


def test_trend_figure_has_one_line_per_series() -> None:
    weeks = [date(2024, 11, 3), date(2024, 11, 10)]
    figure = figures.trend_figure(weeks, {"total": [1.0, 2.0], "isu": [0.0, 1.0]}, {"total": "Total"})
    assert [trace.name for trace in figure.data] == ["Total", "isu"]
    assert list(figure.data[0].x) == ["2024-11-03", "2024-11-10"]


# ---------------------------------------------------------------------- i18n


def test_every_catalogue_key_has_both_languages_and_no_empty_string() -> None:
    for key, texts in CATALOGUE.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(text.strip() for text in texts.values()), key
        placeholders = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in texts.items()}
        assert placeholders["id"] == placeholders["en"], key


def test_every_key_used_in_the_code_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for path in DASHBOARD_DIR.rglob("*.py"):
        used |= set(re.findall(r"\bt\(\s*\"([a-z_]+\.[a-z_.]+)\"", path.read_text(encoding="utf-8")))
    assert used, "the scan found no t() calls"
    assert used <= set(CATALOGUE), sorted(used - set(CATALOGUE))


def test_language_falls_back_to_indonesian() -> None:
    assert t("nav.logout", "en") == "Log out"
    assert t("nav.logout", "fr") == t("nav.logout", "id") == "Keluar"


def test_vocabularies_are_translated() -> None:
    from core.risk.params import STAGES
    from models.event import EventType
    from models.report import Category, ReportStatus

    for prefix, codes in (
        ("stage", STAGES),
        ("category", [c.value for c in Category]),
        ("status", [s.value for s in ReportStatus]),
        ("event", [e.value for e in EventType]),
        ("level", figures.LEVELS),
        ("factor", risk_map.FACTOR_CHOICES),
    ):
        missing = [code for code in codes if f"{prefix}.{code}" not in CATALOGUE]
        assert not missing, (prefix, missing)


# ---------------------------------------------------------------------- page helpers


def area(
    kode: str, score: float, factors: dict[str, float], *, prov: str = "81", surge: bool = False
) -> AreaValues:
    return AreaValues(
        kode=kode,
        nama=f"Kab {kode}",
        kode_prov=prov,
        nama_prov="Maluku",
        score=score,
        level="tinggi" if score >= 49.33 else "sedang" if score >= 13.47 else "rendah",
        factor_scores=factors,
        reports_7d=3,
        surge=surge,
        has_data=score > 0,
        factor_has_data={f: v > 0 for f, v in factors.items()},
    )


def test_map_columns_use_the_factor_score_and_grey_for_no_data() -> None:
    areas = [area("81.01", 0.0, {"isu": 0.0}), area("81.02", 60.0, {"isu": 20.0, "kekerasan": 55.0})]
    codes, values, levels = risk_map.map_columns(areas, None, DEFAULT_PARAMS)
    assert (codes, values, levels) == (["81.01", "81.02"], [None, 60.0], [None, "tinggi"])
    _, values, levels = risk_map.map_columns(areas, "isu", DEFAULT_PARAMS)
    assert (values, levels) == ([None, 20.0], [None, "sedang"])


def test_ranking_orders_by_value_and_filters_by_province() -> None:
    areas = [
        area("81.01", 20.0, {"isu": 5.0}),
        area("81.02", 60.0, {"isu": 1.0}),
        area("94.01", 90.0, {"isu": 9.0}, prov="94"),
    ]
    assert [a.kode for a, _, _ in risk_map.rank_areas(areas, None, DEFAULT_PARAMS, "")] == [
        "94.01",
        "81.02",
        "81.01",
    ]
    assert [a.kode for a, _, _ in risk_map.rank_areas(areas, "isu", DEFAULT_PARAMS, "81")] == [
        "81.01",
        "81.02",
    ]


def test_change_markers() -> None:
    assert risk_map.change_marker(5.25, "id")[:2] == ("↑", "+5.2")
    assert risk_map.change_marker(-3.0, "id")[:2] == ("↓", "-3.0")
    assert risk_map.change_marker(0.0, "id")[:2] == ("→", "0.0")
    assert risk_map.change_marker(None, "id")[0] == ""


def test_nearest_election_and_stage_on_a_day() -> None:
    pilkada = ElectionView(
        2,
        "Pilkada Serentak 2024",
        date(2024, 11, 27),
        (
            ("kampanye", date(2024, 9, 25), date(2024, 11, 23)),
            ("pemungutan", date(2024, 11, 27), date(2024, 11, 27)),
            ("rekapitulasi", date(2024, 11, 27), date(2024, 12, 16)),
        ),
    )
    pemilu = ElectionView(1, "Pemilu 2024", date(2024, 2, 14), ())
    assert risk_map.nearest_election([pemilu, pilkada], date(2024, 11, 20)) is pilkada
    assert risk_map.nearest_election([pemilu, pilkada], date(2024, 3, 1)) is pemilu
    assert pilkada.stage_on(date(2024, 11, 27)) == "pemungutan"  # not the overlapping recap
    assert pilkada.stage_on(date(2024, 11, 20)) == "kampanye"
    countdown, _, stage = risk_map.election_texts([pemilu, pilkada], 2, date(2024, 11, 20), "id")
    assert (countdown, stage) == ("H-7", "Tahapan: Kampanye")
    options = risk_map.quick_date_options([pemilu, pilkada], date(2026, 1, 1), "id")
    assert {"label": "H-7 Pilkada Serentak 2024 (2024-11-20)", "value": "2024-11-20"} in options


def test_query_parsing_keeps_only_allowed_values() -> None:
    today = date(2024, 11, 20)
    view = risk_map.parse_query(
        {"tanggal": ["2024-11-01"], "faktor": ["isu"], "provinsi": ["81"]}, today, ["81"]
    )
    assert view == risk_map.MapQuery(date(2024, 11, 1), "isu", "81")
    view = risk_map.parse_query({"tanggal": ["x"], "faktor": ["<b>"], "provinsi": ["94"]}, today, ["81"])
    assert view == risk_map.MapQuery(today, "semua", "")


def test_last_sundays_and_snapshot_rows_adapt() -> None:
    assert last_sundays(date(2024, 11, 20), 3) == [date(2024, 11, 3), date(2024, 11, 10), date(2024, 11, 17)]
    assert last_sundays(date(2024, 11, 17), 1) == [date(2024, 11, 17)]
    assert as_date({"week_start": "2024-11-11"}) == date(2024, 11, 11)
    from dashboard.data import AreaRef

    ref = AreaRef("81.02", "Kab", "81", "Maluku")
    row = {
        "kabupaten_kode": "81.02",
        "score": 55.0,
        "level": "tinggi",
        "factor_scores": '{"isu": 55.0}',
        "surge": 1,
    }
    values = snapshot_values(ref, row)
    assert (values.score, values.level, values.factor_scores, values.surge) == (
        55.0,
        "tinggi",
        {"isu": 55.0},
        True,
    )
    assert snapshot_values(ref, None).has_data is False
