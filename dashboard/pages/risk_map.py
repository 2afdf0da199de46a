"""The main page: election in focus, controls, one-trace choropleth, and the ranked table.

The page is rendered once per visit (figure with the geometry URL); afterwards factor, date,
province and week changes send a dash.Patch with values only, and the report points toggle
patches the second trace.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from dash import Dash, Input, Output, Patch, State, ctx, dcc, html
from dash.exceptions import PreventUpdate

from core.accounts.service import Principal
from core.alerts.queries import AlertView
from core.risk.engine import RiskParams
from dashboard import figures
from dashboard.data import AreaValues, DashboardData, ElectionView
from dashboard.i18n import label, t
from dashboard.session import current_principal

GEOJSON_URL = "/api/v1/geo/kabupaten.geojson"
FACTOR_CHOICES: tuple[str, ...] = ("semua", "kerumunan", "kampanye", "isu", "kekerasan")
ALL = "semua"
RANK_LIMIT = 15
CHANGE_EPSILON = 0.05
QUICK_OFFSETS: tuple[int, ...] = (-30, -7, -1, 0, 7)


@dataclass(frozen=True)
class MapQuery:
    """What the URL asks the main page to show first."""

    as_of: date
    factor: str
    province: str


def parse_date(value: str | None) -> date | None:
    """An ISO day from a control or the URL; anything else is ignored."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def first(query: Mapping[str, Sequence[str]], key: str) -> str | None:
    values = query.get(key) or []
    return values[0] if values else None


def parse_query(query: Mapping[str, Sequence[str]], today: date, provinces: Sequence[str]) -> MapQuery:
    """Initial control values from ?tanggal=&faktor=&provinsi=, falling back to safe defaults."""
    factor = first(query, "faktor") or ALL
    province = first(query, "provinsi") or ""
    return MapQuery(
        as_of=parse_date(first(query, "tanggal")) or today,
        factor=factor if factor in FACTOR_CHOICES else ALL,
        province=province if province in provinces else "",
    )


def factor_key(choice: str | None) -> str | None:
    """The engine's factor name, or None for 'Semua' (the total score)."""
    return None if not choice or choice == ALL else choice


def factor_label(choice: str | None, lang: str) -> str:
    """What the hover names next to the score: '(Kekerasan)', nothing for the total."""
    key = factor_key(choice)
    return f"({t(f'factor.{key}', lang)})" if key else ""


def map_columns(
    areas: Sequence[AreaValues], factor: str | None, params: RiskParams
) -> tuple[list[str], list[float | None], list[str | None]]:
    """Codes, values and levels in one order, ready for the choropleth."""
    pairs = [area.value(factor, params) for area in areas]
    return [a.kode for a in areas], [p[0] for p in pairs], [p[1] for p in pairs]


def hover_column(areas: Sequence[AreaValues], lang: str) -> list[str]:
    """Per-date hover text: province, factor breakdown, reports in 7 days, surge."""
    return [figures.area_hover(a.nama_prov, a.factor_scores, a.reports_7d, a.surge, lang) for a in areas]


def nearest_election(elections: Sequence[ElectionView], day: date) -> ElectionView | None:
    """The election whose voting day is closest to day (an upcoming one wins a tie)."""
    if not elections:
        return None
    return min(elections, key=lambda e: (abs((e.voting_day - day).days), e.voting_day < day))


def quick_date_options(elections: Sequence[ElectionView], today: date, lang: str) -> list[dict[str, str]]:
    """'Hari ini' plus H-30 ... H+7 of every election, e.g. 'H-7 Pilkada Serentak 2024'."""
    options = [{"label": f"{t('control.today', lang)} ({today.isoformat()})", "value": today.isoformat()}]
    for election in reversed(elections):
        for offset in QUICK_OFFSETS:
            day = election.voting_day + timedelta(days=offset)
            text = f"{figures.countdown_label(-offset)} {election.name} ({day.isoformat()})"
            options.append({"label": text, "value": day.isoformat()})
    return options


@dataclass(frozen=True)
class RankRow:
    area: AreaValues
    value: float
    level: str
    change: float | None


def rank_areas(
    areas: Sequence[AreaValues],
    factor: str | None,
    params: RiskParams,
    province: str,
    limit: int = RANK_LIMIT,
) -> list[tuple[AreaValues, float, str]]:
    """The highest values first (only areas with data), optionally within one province."""
    rows = []
    for area in areas:
        if province and area.kode_prov != province:
            continue
        value, level = area.value(factor, params)
        if value is not None and level is not None and value > 0:
            rows.append((area, value, level))
    rows.sort(key=lambda row: (-row[1], row[0].kode))
    return rows[:limit]


def change_marker(change: float | None, lang: str) -> tuple[str, str, str]:
    """Arrow, signed text and css class of a week-on-week change."""
    if change is None:
        return "", figures.EN_DASH, "change-none"
    if change > CHANGE_EPSILON:
        return "↑", f"+{change:.1f}", "change-up"
    if change < -CHANGE_EPSILON:
        return "↓", f"{change:.1f}", "change-down"
    return "→", "0.0", "change-same"


def kabupaten_href(kode: str, as_of: date, factor: str | None = None) -> str:
    """Link to a kabupaten page that keeps the day (and factor) the reader was looking at."""
    query = {"tanggal": as_of.isoformat()}
    if factor and factor != ALL:
        query["faktor"] = factor
    return f"/kabupaten/{kode}?{urlencode(query)}"


# ---------------------------------------------------------------------- data for a view


def area_source(
    data: DashboardData, principal: Principal, as_of: date, week: str | None
) -> tuple[list[AreaValues], date]:
    """Live scores for the day, or a frozen week's (scored on its Sunday) when one is picked."""
    week_start = parse_date(week)
    if week_start is not None:
        frozen = data.snapshot_scores(principal, week_start)
        if frozen is not None:
            return frozen, week_start + timedelta(days=6)
    return data.scores(principal, as_of), as_of


def ranking_rows(
    data: DashboardData, areas: Sequence[AreaValues], factor: str | None, as_of: date, province: str
) -> list[RankRow]:
    """Top areas with their change since as_of - 7 (scored only for those few kabupaten)."""
    top = rank_areas(areas, factor, data.params, province)
    previous = data.previous_scores([a.kode for a, _, _ in top], as_of - timedelta(days=7))
    rows = []
    for area, value, level in top:
        before = previous.get(area.kode)
        prev_value = before.value(factor, data.params)[0] if before else None
        rows.append(RankRow(area, value, level, value - (prev_value or 0.0) if before else None))
    return rows


def map_bounds(data: DashboardData, principal: Principal, province: str) -> figures.Bounds:
    """The box to show: the chosen province, else the account's scope, else Indonesia."""
    if province:
        box = data.province_bounds().get(province)
        if box is not None:
            return box
    return data.scope_bounds(principal) or figures.INDONESIA


# ---------------------------------------------------------------------- components


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
    reports: list[Any] = [str(area.reports_7d)]
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
            html.Td(figures.format_value(row.value), className="num"),
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
                    " " + t("alerts.line", lang, score=f"{alert.score:.1f}", day=alert.as_of.isoformat()),
                    className="muted small",
                ),
            ]
        )
        for alert in alerts
    ]
    return html.Ul(items, id="alerts", className="alerts")


def election_texts(
    elections: Sequence[ElectionView], election_id: int | None, day: date, lang: str
) -> tuple[str, str, str]:
    """Countdown ('H-7'), voting day and stage of the chosen election relative to day."""
    election = next((e for e in elections if e.id == election_id), None) or nearest_election(elections, day)
    if election is None:
        return figures.EN_DASH, t("election.none", lang), f"{t('stage.label', lang)}: {figures.EN_DASH}"
    countdown = figures.countdown_label((election.voting_day - day).days)
    voting = t("election.voting_day", lang, day=election.voting_day.isoformat())
    stage = election.stage_on(day)
    stage_text = label("stage", stage, lang) if stage else t("stage.none", lang)
    return countdown, voting, f"{t('stage.label', lang)}: {stage_text}"


def layout(data: DashboardData, principal: Principal, lang: str, query: Mapping[str, Sequence[str]]) -> Any:
    """The whole main page for one visit (the only time the full figure is sent)."""
    provinces = data.provinces_in_scope(principal)
    view = parse_query(query, data.today(), [kode for kode, _ in provinces])
    elections = data.elections()
    focus = nearest_election(elections, view.as_of)
    areas = data.scores(principal, view.as_of)
    factor = factor_key(view.factor)
    codes, values, levels = map_columns(areas, factor, data.params)
    figure = figures.build_map_figure(
        GEOJSON_URL,
        codes,
        values,
        levels,
        hover_column(areas, lang),
        labels=figures.MapLabels.for_language(lang),
        bounds=map_bounds(data, principal, view.province),
        factor_label=factor_label(view.factor, lang),
    )
    rows = ranking_rows(data, areas, factor, view.as_of, view.province)
    countdown, voting, stage = election_texts(elections, focus.id if focus else None, view.as_of, lang)
    return html.Div(
        [
            _election_bar(elections, focus, countdown, voting, stage, lang),
            _controls(data, view, provinces, elections, lang),
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


def _election_bar(
    elections: Sequence[ElectionView],
    focus: ElectionView | None,
    countdown: str,
    voting: str,
    stage: str,
    lang: str,
) -> Any:
    options = [{"label": e.name, "value": e.id} for e in reversed(elections)]
    return html.Section(
        [
            html.Label(t("election.label", lang), htmlFor="election"),
            dcc.Dropdown(
                id="election",
                options=options,
                value=focus.id if focus else None,
                clearable=False,
                searchable=False,
                className="election-select",
            ),
            html.Span(countdown, id="countdown", className="countdown", title=t("countdown.title", lang)),
            html.Span(voting, id="voting-day", className="muted"),
            html.Span(stage, id="stage", className="stage"),
        ],
        className="election-bar",
    )


def _controls(
    data: DashboardData,
    view: MapQuery,
    provinces: Sequence[tuple[str, str]],
    elections: Sequence[ElectionView],
    lang: str,
) -> Any:
    province_options = [{"label": t("control.all_provinces", lang), "value": ""}] + [
        {"label": nama, "value": kode} for kode, nama in provinces
    ]
    weeks = data.snapshot_weeks()
    week_options = [{"label": t("control.week_live", lang), "value": ""}] + [
        {
            "label": t("control.week_of", lang, start=w.isoformat(), end=(w + timedelta(days=6)).isoformat()),
            "value": w.isoformat(),
        }
        for w in weeks
    ]
    return html.Section(
        [
            _control(
                t("control.factor", lang),
                dcc.RadioItems(
                    id="factor",
                    options=[{"label": t(f"factor.{f}", lang), "value": f} for f in FACTOR_CHOICES],
                    value=view.factor,
                    inline=True,
                    className="factor-radio",
                ),
            ),
            _control(
                t("control.province", lang),
                dcc.Dropdown(id="province", options=province_options, value=view.province, clearable=False),
            ),
            _control(
                t("control.date", lang),
                dcc.DatePickerSingle(
                    id="date",
                    date=view.as_of.isoformat(),
                    display_format="YYYY-MM-DD",
                    first_day_of_week=1,
                    clearable=False,
                ),
            ),
            _control(
                t("control.quick_date", lang),
                dcc.Dropdown(
                    id="quick-date",
                    options=quick_date_options(elections, data.today(), lang),
                    value=None,
                    placeholder=t("control.quick_date", lang),
                    searchable=True,
                ),
            ),
            _control(
                t("control.week", lang),
                dcc.Dropdown(id="week", options=week_options, value="", clearable=False),
                hidden=not weeks,
                control_id="week-control",
            ),
            dcc.Checklist(
                id="show-points",
                options=[{"label": t("control.points", lang), "value": "on"}],
                value=[],
                className="points-toggle",
            ),
        ],
        className="controls",
    )


def _control(text: str, component: Any, *, hidden: bool = False, control_id: str | None = None) -> Any:
    extra = {"id": control_id} if control_id else {}
    return html.Div(
        [html.Span(text, className="control-label"), component],
        className="control",
        style={"display": "none"} if hidden else None,
        **extra,
    )


# ---------------------------------------------------------------------- callbacks


def register(app: Dash, data: DashboardData) -> None:
    """Wire the main page's callbacks; each returns a Patch or a small component, never geometry."""

    @app.callback(
        Output("risk-map", "figure", allow_duplicate=True),
        Output("ranking", "children"),
        Input("factor", "value"),
        Input("date", "date"),
        Input("province", "value"),
        Input("week", "value"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def refresh(factor_choice: str, day: str, province: str, week: str, lang: str) -> tuple[Patch, Any]:
        """Values for a new factor/day/week, or a new view for a province: a Patch either way."""
        principal = current_principal()
        allowed = {kode for kode, _ in data.provinces_in_scope(principal)}
        province = province if province in allowed else ""
        areas, as_of = area_source(data, principal, parse_date(day) or data.today(), week)
        factor = factor_key(factor_choice)
        triggered = {item["prop_id"].split(".")[0] for item in ctx.triggered}
        patch = Patch()
        if triggered & {"factor", "date", "week"}:
            _, values, levels = map_columns(areas, factor, data.params)
            hover = hover_column(areas, lang) if triggered & {"date", "week"} else None
            figures.map_value_patch(
                values,
                levels,
                labels=figures.MapLabels.for_language(lang),
                hover=hover,
                factor_label=factor_label(factor_choice, lang),
                patch=patch,
            )
        if "province" in triggered:
            figures.zoom_patch(map_bounds(data, principal, province), patch=patch)
        rows = ranking_rows(data, areas, factor, as_of, province)
        return patch, ranking_table(rows, as_of, factor, lang)

    @app.callback(
        Output("risk-map", "figure", allow_duplicate=True),
        Input("show-points", "value"),
        Input("date", "date"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def toggle_points(show: list[str] | None, day: str, lang: str) -> Patch:
        """Report points of the last 7 days on or off, as a Patch of the second trace."""
        visible = "on" in (show or [])
        if not visible and ctx.triggered_id == "date":
            raise PreventUpdate
        points = data.report_points(current_principal(), parse_date(day) or data.today()) if visible else []
        return figures.points_patch(
            [p.lat for p in points],
            [p.lon for p in points],
            [
                figures.point_hover(p.title, label("category", p.category, lang), p.occurred_local)
                for p in points
            ],
            visible=visible,
        )

    @app.callback(
        Output("election", "value"),
        Input("date", "date"),
        prevent_initial_call=True,
    )
    def focus_nearest(day: str) -> int:
        """A new day puts the nearest election in focus (the reader may pick another)."""
        election = nearest_election(data.elections(), parse_date(day) or data.today())
        if election is None:
            raise PreventUpdate
        return election.id

    @app.callback(
        Output("countdown", "children"),
        Output("voting-day", "children"),
        Output("stage", "children"),
        Input("election", "value"),
        Input("date", "date"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def show_countdown(election_id: int | None, day: str, lang: str) -> tuple[str, str, str]:
        return election_texts(data.elections(), election_id, parse_date(day) or data.today(), lang)

    @app.callback(
        Output("date", "date"),
        Output("quick-date", "value"),
        Input("quick-date", "value"),
        prevent_initial_call=True,
    )
    def jump(value: str | None) -> tuple[str, None]:
        if not parse_date(value):
            raise PreventUpdate
        return str(value), None

    @app.callback(
        Output("url", "pathname"),
        Output("url", "search"),
        Input("risk-map", "clickData"),
        State("date", "date"),
        State("factor", "value"),
        prevent_initial_call=True,
    )
    def open_clicked(click: dict | None, day: str, factor_choice: str) -> tuple[str, str]:
        """A click on an area opens its page (clicks on report points carry no location)."""
        points = (click or {}).get("points") or [{}]
        kode = points[0].get("location")
        if not kode or not current_principal().can_read_kabupaten(str(kode)):
            raise PreventUpdate
        href = kabupaten_href(str(kode), parse_date(day) or data.today(), factor_choice)
        path, _, search = href.partition("?")
        return path, f"?{search}"
