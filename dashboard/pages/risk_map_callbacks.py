"""The main page's callbacks: each answers with a dash.Patch or a small component, never geometry."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, Patch, State, ctx
from dash.exceptions import PreventUpdate

from dashboard import figures
from dashboard.data import DashboardData
from dashboard.i18n import label
from dashboard.pages.query import factor_key, kabupaten_href, parse_date
from dashboard.pages.risk_map import ranking_table
from dashboard.pages.risk_map_controls import election_texts, nearest_election
from dashboard.pages.risk_map_values import (
    area_source,
    factor_label,
    hover_column,
    map_bounds,
    map_columns,
    ranking_rows,
    shown_day,
)
from dashboard.phone import fold_on_phone
from dashboard.session import current_principal


def register(app: Dash, data: DashboardData) -> None:
    """Wire the main page's callbacks; each returns a Patch or a small component, never geometry."""
    fold_on_phone(app, "controls-fold")

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
        Input("week", "value"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def show_countdown(election_id: int | None, day: str, week: str, lang: str) -> tuple[str, str, str]:
        """The header for the day the values are of (a frozen week's end), the stage by the score's rule."""
        day_shown = shown_day(parse_date(day) or data.today(), week, data.snapshot_weeks())
        return election_texts(data.elections(), election_id, day_shown, data.params, lang)

    @app.callback(
        Output("focus-banner", "style"),
        Input("date", "date"),
        prevent_initial_call=True,
    )
    def hide_focus_banner(_day: str) -> dict[str, str]:
        """A day the reader picks is theirs: the banner about the opening day no longer applies."""
        return {"display": "none"}

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
