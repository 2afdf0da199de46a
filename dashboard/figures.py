"""PURE figure and Patch builders: plain data in, plotly figures or dash.Patch out (no I/O, no clock).

The map is ONE `go.Choropleth` trace on a `geo` subplot (SVG, no tiles, no WebGL) whose geometry
is a URL the browser fetches and caches once; afterwards only values travel: z (a level code on
a stepped colour scale), customdata and text, and the view (lon/lat ranges). Report points live
in a second, scattergeo trace. (A MapLibre `choroplethmap` re-tiles the whole GeoJSON on every
colour change, ~0.5 s in software rendering; the SVG trace only repaints 514 paths, ~70 ms.)
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go
from dash import Patch

from dashboard.i18n import format_number, label, t
from models import vocab

Bounds = tuple[float, float, float, float]  # west, south, east, north

EN_DASH = "\u2013"  # shown for a missing value (never 0)
MAP_TRACE = 0
POINTS_TRACE = 1
LEVELS: tuple[str, ...] = vocab.values(vocab.LEVELS)  # lowest first
FACTORS: tuple[str, ...] = vocab.values(vocab.FACTORS)
LEVEL_CODES: dict[str | None, int] = {None: 0, **{level: code for code, level in enumerate(LEVELS, 1)}}
NO_DATA_COLOR = "#c9c9c9"  # grey
LEVEL_PALETTE = ("#7cb342", "#ffb300", "#d32f2f")  # green-ish, amber, red: lowest level first
LEVEL_COLORS: dict[str | None, str] = {None: NO_DATA_COLOR, **dict(zip(LEVELS, LEVEL_PALETTE, strict=True))}
Z_MIN, Z_MAX = -0.5, 3.5  # each integer code sits in the middle of its colour band
MAP_HEIGHT_PX = 480
LEGEND_MARGIN_PX = 64  # the level legend sits under the map, never over an area
VIEW_PADDING = 0.04  # share of the box added on each side when zooming to it
INDONESIA: Bounds = (94.9, -11.1, 141.1, 6.1)
TOPOJSON_URL = "/assets/topojson/"
"""plotly's geo subplot loads a base-map topojson even when the base map is hidden; the dashboard
serves an empty one there (dcc.Graph config `topojsonURL`), so nothing is fetched from the internet."""


@dataclass(frozen=True)
class MapLabels:
    """The few words the map itself carries, already in the reader's language."""

    level_names: Mapping[str | None, str] = field(default_factory=lambda: level_names("id"))
    legend_title: str = "Tingkat"
    points_label: str = "Laporan"
    lang: str = "id"  # how numbers are written: 16,5 in Indonesian, 16.5 in English

    @classmethod
    def for_language(cls, lang: str) -> MapLabels:
        """Labels from the catalogue, so the map speaks the page's language."""
        return cls(
            level_names=level_names(lang),
            legend_title=t("map.legend", lang),
            points_label=t("map.point", lang),
            lang=lang,
        )


def level_names(lang: str) -> dict[str | None, str]:
    """Each level's word (and 'no data' for None) in lang: colour is never the only cue."""
    return {None: t("map.no_data", lang), **{level: label("level", level, lang) for level in LEVELS}}


def level_code(level: str | None) -> int:
    """The number z carries for a level; unknown strings are a bug, not 'no data'."""
    return LEVEL_CODES[level]


def stepped_colorscale() -> list[list[float | str]]:
    """Hard colour steps (no blending) so four integer codes give exactly four colours."""
    order: list[str | None] = [None, *LEVELS]
    steps: list[list[float | str]] = []
    for index, level in enumerate(order):
        color = LEVEL_COLORS[level]
        steps += [[index / len(order), color], [(index + 1) / len(order), color]]
    return steps


def format_value(value: float | None, lang: str = "en") -> str:
    """Scores with one decimal as the language writes them (16,5 / 16.5); a missing value is a dash."""
    return EN_DASH if value is None else format_number(value, lang, 1)


def customdata_rows(
    values: Sequence[float | None], levels: Sequence[str | None], labels: MapLabels
) -> list[list[str]]:
    """Per area: the value shown and its level in words, so colour is never the only cue."""
    return [
        [format_value(v, labels.lang), labels.level_names[lvl]] for v, lvl in zip(values, levels, strict=True)
    ]


def hovertemplate() -> str:
    """Name from the geometry, which score from meta ('Skor total'), value and level from customdata."""
    return (
        "<b>%{properties.nama}</b><br>"
        "%{meta}: <b>%{customdata[0]}</b> (%{customdata[1]})<br>"
        "%{text}<extra></extra>"
    )


def check_lengths(codes: Sequence[str], *columns: Sequence[object]) -> None:
    """Locations and their values must line up one to one, or the map would lie."""
    lengths = {len(codes), *(len(c) for c in columns)}
    if len(lengths) != 1:
        raise ValueError(f"codes and value columns differ in length: {sorted(lengths)}")


def build_map_figure(
    geojson_url: str,
    codes: Sequence[str],
    values: Sequence[float | None],
    levels: Sequence[str | None],
    hover: Sequence[str],
    *,
    labels: MapLabels | None = None,
    bounds: Bounds = INDONESIA,
    factor_label: str | None = None,
    opacity: Sequence[float] | None = None,
) -> go.Figure:
    """The whole map once: one choropleth trace by URL plus an empty, hidden points trace."""
    labels = labels or MapLabels()
    check_lengths(codes, values, levels, hover)
    choropleth = go.Choropleth(
        geojson=geojson_url,
        featureidkey="id",
        locations=list(codes),
        z=[level_code(level) for level in levels],
        zmin=Z_MIN,
        zmax=Z_MAX,
        colorscale=stepped_colorscale(),
        customdata=customdata_rows(values, levels, labels),
        text=list(hover),
        hovertemplate=hovertemplate(),
        meta=t("map.score_total", labels.lang) if factor_label is None else factor_label,
        marker={"line": {"width": 0.4, "color": "#ffffff"}, "opacity": list(opacity) if opacity else 1.0},
        colorbar=_colorbar(labels),
        name="kabupaten",
    )
    points = go.Scattergeo(
        lat=[],
        lon=[],
        text=[],
        mode="markers",
        visible=False,
        marker={"size": 6, "color": "#1a237e", "opacity": 0.7, "line": {"width": 0.5, "color": "#ffffff"}},
        hovertemplate="%{text}<extra></extra>",
        name=labels.points_label,
        showlegend=False,
    )
    figure = go.Figure(data=[choropleth, points])
    lon_range, lat_range = view_ranges(bounds)
    figure.update_layout(
        template="none",
        geo=_geo_view(lon_range, lat_range),
        margin={"l": 0, "r": 0, "t": 0, "b": LEGEND_MARGIN_PX},
        uirevision=view_revision(bounds),
        clickmode="event",
        hoverlabel={"align": "left"},
        dragmode="pan",
    )
    return figure


def _geo_view(lon_range: list[float], lat_range: list[float]) -> dict[str, object]:
    """A geo subplot without a base map (no tiles, nothing fetched), showing these ranges."""
    return {
        "visible": False,
        "projection": {"type": "mercator"},
        "lonaxis": {"range": lon_range},
        "lataxis": {"range": lat_range},
        "bgcolor": "rgba(0,0,0,0)",
    }


def _colorbar(labels: MapLabels) -> dict[str, object]:
    """A horizontal legend that names each colour (ticks in the middle of the bands)."""
    order: list[str | None] = [None, *LEVELS]
    return {
        "title": {"text": labels.legend_title, "side": "top"},
        "tickvals": [level_code(level) for level in order],
        "ticktext": [labels.level_names[level] for level in order],
        "orientation": "h",
        "len": 0.6,
        "thickness": 12,
        "x": 0.0,
        "xanchor": "left",
        "y": -0.02,
        "yanchor": "top",
    }


def map_value_patch(
    values: Sequence[float | None],
    levels: Sequence[str | None],
    *,
    labels: MapLabels | None = None,
    hover: Sequence[str] | None = None,
    factor_label: str | None = None,
    patch: Patch | None = None,
) -> Patch:
    """New values for the same areas in the same order: z, customdata, and text/meta if given."""
    labels = labels or MapLabels()
    check_lengths(values, levels, *([hover] if hover is not None else []))
    patch = Patch() if patch is None else patch
    trace = patch["data"][MAP_TRACE]
    trace["z"] = [level_code(level) for level in levels]
    trace["customdata"] = customdata_rows(values, levels, labels)
    if factor_label is not None:
        trace["meta"] = factor_label
    if hover is not None:
        trace["text"] = list(hover)
    return patch


def view_ranges(bounds: Bounds, padding: float = VIEW_PADDING) -> tuple[list[float], list[float]]:
    """Longitude and latitude ranges showing the box with a margin (geo fits them to the frame)."""
    west, south, east, north = bounds
    pad_lon = max(east - west, 0.05) * padding
    pad_lat = max(north - south, 0.05) * padding
    return (
        [round(west - pad_lon, 4), round(east + pad_lon, 4)],
        [round(max(south - pad_lat, -85.0), 4), round(min(north + pad_lat, 85.0), 4)],
    )


def view_revision(bounds: Bounds) -> str:
    """A new uirevision per view, so a new box wins over the reader's own pan and zoom."""
    return "view:" + ",".join(f"{v:.4f}" for v in bounds)


def zoom_patch(bounds: Bounds, *, patch: Patch | None = None) -> Patch:
    """Move the view to a box: layout.geo lon/lat ranges and the uirevision, nothing else."""
    lon_range, lat_range = view_ranges(bounds)
    patch = Patch() if patch is None else patch
    patch["layout"]["geo"]["lonaxis"]["range"] = lon_range
    patch["layout"]["geo"]["lataxis"]["range"] = lat_range
    patch["layout"]["uirevision"] = view_revision(bounds)
    return patch


def points_patch(
    lats: Sequence[float],
    lons: Sequence[float],
    texts: Sequence[str],
    *,
    visible: bool,
    patch: Patch | None = None,
) -> Patch:
    """Show (or hide and empty) the report points without touching the choropleth."""
    check_lengths(lats, lons, texts)
    patch = Patch() if patch is None else patch
    trace = patch["data"][POINTS_TRACE]
    trace["lat"] = list(lats) if visible else []
    trace["lon"] = list(lons) if visible else []
    trace["text"] = list(texts) if visible else []
    trace["visible"] = visible
    return patch


def escape_hover(text: str) -> str:
    """Plotly renders a few HTML tags in hover labels; user text must show literally."""
    return html.escape(text, quote=False)


def area_hover(
    province: str,
    factor_scores: Mapping[str, float] | None,
    reports_7d: int | None,
    surge: bool,
    lang: str,
) -> str:
    """The per-date part of an area's hover: province, factor breakdown, recent reports, surge."""
    lines = [escape_hover(province)]
    if factor_scores is not None:
        parts = [
            f"{label('factor', f, lang)} {format_value(factor_scores.get(f, 0.0), lang)}" for f in FACTORS
        ]
        lines.append(" · ".join(parts))
    if reports_7d is not None:
        surge_text = t("map.surge", lang) if surge else t("map.no_surge", lang)
        lines.append(f"{t('map.reports_7d', lang)}: {format_number(reports_7d, lang)} · {surge_text}")
    return "<br>".join(lines)


def point_hover(title: str, category: str, when: str) -> str:
    """A report point's hover: its title shown literally, category and local time."""
    return f"<b>{escape_hover(title)}</b><br>{escape_hover(category)}<br>{escape_hover(when)}"


def countdown_label(days_to_voting: int | None) -> str:
    """'H-7' before voting day, 'H' on it, 'H+3' after; a dash when there is no election."""
    if days_to_voting is None:
        return EN_DASH
    if days_to_voting > 0:
        return f"H-{days_to_voting}"
    if days_to_voting < 0:
        return f"H+{-days_to_voting}"
    return "H"


REPORT_AREA_COLOR = "#90caf9"  # the report's kabupaten
LOCATED_AREA_COLOR = "#ffcc80"  # where the point lies instead, when that differs


def point_bounds(bounds: Bounds, lat: float | None, lon: float | None) -> Bounds:
    """A box grown to hold the point, so a point outside its kabupaten is still in view."""
    if lat is None or lon is None:
        return bounds
    west, south, east, north = bounds
    return (min(west, lon), min(south, lat), max(east, lon), max(north, lat))


def report_location_figure(
    geojson_url: str,
    kode: str,
    located_kode: str | None,
    point: tuple[float, float] | None,
    bounds: Bounds,
    names: tuple[str, str | None],
) -> go.Figure:
    """A small map of one report: its kabupaten's outline, the kabupaten the point lies in if another,
    and the point itself."""
    codes = [kode] + ([located_kode] if located_kode and located_kode != kode else [])
    areas = go.Choropleth(
        geojson=geojson_url,
        featureidkey="id",
        locations=codes,
        z=list(range(len(codes))),
        zmin=0,
        zmax=1,
        colorscale=[[0.0, REPORT_AREA_COLOR], [1.0, LOCATED_AREA_COLOR]],
        showscale=False,
        text=[escape_hover(name or "") for name in names[: len(codes)]],
        hovertemplate="%{text}<extra></extra>",
        marker={"line": {"width": 1.2, "color": "#1a237e"}},
        name="kabupaten",
    )
    traces: list[go.BaseTraceType] = [areas]
    if point is not None:
        traces.append(
            go.Scattergeo(
                lat=[point[0]],
                lon=[point[1]],
                mode="markers",
                marker={"size": 12, "color": "#c62828", "line": {"width": 2, "color": "#ffffff"}},
                hovertemplate=f"{point[0]:.5f}, {point[1]:.5f}<extra></extra>",
                showlegend=False,
                name="point",
            )
        )
    figure = go.Figure(data=traces)
    lon_range, lat_range = view_ranges(point_bounds(bounds, *(point or (None, None))), padding=0.15)
    figure.update_layout(
        template="none",
        geo=_geo_view(lon_range, lat_range),
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        dragmode="pan",
    )
    return figure
