"""The main page: election in focus, controls, one-trace choropleth, and the ranked table.

The page is rendered once per visit (figure with the geometry URL); afterwards factor, date,
province and week changes send a dash.Patch with values only, and the report points toggle
patches the second trace (see `risk_map_callbacks`). The map layer is the API's own URL
(`GET /api/v1/geo/kabupaten.geojson`): the dashboard never serves geometry itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from dash import dcc, html

from core.accounts.service import Principal
from core.alerts.queries import AlertView
from dashboard import figures
from dashboard.data import DashboardData
from dashboard.i18n import format_number, label, t
from dashboard.pages import model
from dashboard.pages.query import factor_key, kabupaten_href, parse_query
from dashboard.pages.risk_map_controls import controls, election_bar, election_texts, nearest_election
from dashboard.pages.risk_map_focus import focus_banner, focus_view, long_date
from dashboard.pages.risk_map_values import (
    RankRow,
    change_marker,
    factor_label,
    hover_column,
    map_bounds,
    map_columns,
    ranking_rows,
)
from geo.http import GEOJSON_PATH  # served by the API (api/routes/geometry.py), never by the dashboard


def ranking_table(rows: Sequence[RankRow], as_of: date, factor: str | None, lang: str) -> Any:
    """The ranked table; every name links to its kabupaten page."""
    if not rows:
        return html.P(t("rank.empty", lang), className="muted", id="ranking-empty")
    keys = ("rank.rank", "rank.name", "rank.score", "rank.level", "rank.change", "rank.reports")
    head = html.Thead(html.Tr([html.Th(t(key, lang)) for key in keys]))
    body = html.Tbody([_rank_row(index, row, as_of, factor, lang) for index, row in enumerate(rows, 1)])
    return html.Table([head, body], className="ranking-table")


def _rank_row(index: int, row: RankRow, as_of: date, factor: str | None, lang: str) -> Any:
    """One ranked kabupaten: name (with province), value, level in words, change, reports, surge."""
    arrow, text, css = change_marker(row.change, lang)
    direction = {"change-up": "rank.up", "change-down": "rank.down", "change-same": "rank.same"}.get(css)
    area = row.area
    reports: list[Any] = [format_number(area.reports_7d, lang)]
    if area.surge:
        reports += [" ", html.Span(t("rank.surge", lang), className="badge surge")]
    return html.Tr(
        [
            html.Td(str(index), className="num"),
            html.Td(
                [
                    dcc.Link(area.nama, href=kabupaten_href(area.kode, as_of, factor), className="rank-link"),
                    html.Div(area.nama_prov, className="muted small"),
                ]
            ),
            html.Td(figures.format_value(row.value, lang), className="num"),
            html.Td(html.Span(label("level", row.level, lang), className=f"badge level-{row.level}")),
            html.Td(
                html.Span(
                    f"{arrow} {text}".strip(), className=css, title=t(direction, lang) if direction else ""
                ),
                className="num nowrap",
            ),
            html.Td(reports, className="num nowrap"),
        ],
        className="rank-row",
        **{"data-kode": area.kode},
    )


def alerts_list(alerts: Sequence[AlertView], as_of: date, lang: str) -> Any:
    """Recent tinggi and surge alerts, each a link to its kabupaten (text, never HTML)."""
    if not alerts:
        return html.P(t("alerts.empty", lang), className="muted", id="alerts")
    items = [
        html.Li(
            [
                html.Span(t(f"alerts.{alert.kind}", lang), className=f"badge alert-{alert.kind}"),
                " ",
                dcc.Link(alert.nama, href=kabupaten_href(alert.kabupaten_kode, as_of)),
                html.Span(
                    " "
                    + t(
                        "alerts.line",
                        lang,
                        score=format_number(alert.score, lang, 1),
                        day=long_date(alert.as_of, lang),
                    ),
                    className="muted small",
                ),
            ]
        )
        for alert in alerts
    ]
    return html.Ul(items, id="alerts", className="alerts")


def layout(data: DashboardData, principal: Principal, lang: str, query: Mapping[str, Sequence[str]]) -> Any:
    """The whole main page for one visit (the only time the full figure is sent)."""
    provinces = data.provinces_in_scope(principal)
    view, focus_day = focus_view(
        data, principal, query, parse_query(query, data.today(), [k for k, _ in provinces])
    )
    elections = data.elections()
    focus = nearest_election(elections, view.as_of)
    areas = data.scores(principal, view.as_of)
    factor = factor_key(view.factor)
    codes, values, levels = map_columns(areas, factor, data.params)
    figure = figures.build_map_figure(
        GEOJSON_PATH,
        codes,
        values,
        levels,
        hover_column(areas, lang),
        labels=figures.MapLabels.for_language(lang),
        bounds=map_bounds(data, principal, view.province),
        factor_label=factor_label(view.factor, lang),
    )
    rows = ranking_rows(data, areas, factor, view.as_of, view.province)
    focus_id = focus.id if focus else None
    countdown, voting, stage = election_texts(elections, focus_id, view.as_of, data.params, lang)
    return html.Div(
        [
            election_bar(elections, focus, countdown, voting, stage, lang),
            focus_banner(focus_day, data.today(), lang),
            controls(data, view, provinces, elections, lang),
            html.Div(
                [
                    html.Section(
                        [
                            html.H2(t("map.title", lang)),
                            dcc.Graph(
                                id="risk-map",
                                figure=figure,
                                config={
                                    "displaylogo": False,
                                    "scrollZoom": True,
                                    "displayModeBar": False,
                                    "topojsonURL": figures.TOPOJSON_URL,
                                },
                                className="risk-map",
                                responsive=True,
                                style={"height": f"{figures.MAP_HEIGHT_PX}px"},
                            ),
                            html.P(t("map.hint", lang), className="muted small"),
                            model.score_guide(data.params, lang),
                        ],
                        className="map-panel",
                    ),
                    html.Section(
                        [
                            html.H2(t("rank.title", lang)),
                            html.Div(ranking_table(rows, view.as_of, factor, lang), id="ranking"),
                            html.H2(t("alerts.title", lang)),
                            alerts_list(data.alerts(principal, view.as_of), view.as_of, lang),
                        ],
                        className="rank-panel",
                    ),
                ],
                className="map-layout",
            ),
        ],
        className="risk-page",
    )
