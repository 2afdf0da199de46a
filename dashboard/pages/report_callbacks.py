"""The report page's work: its page for a path, and each step (a status, a note, a duplicate)
through core.reports.workflow; refusals shown in the reader's language, the page redrawn after."""

from __future__ import annotations

import uuid
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from core.accounts.service import Principal
from core.errors import Forbidden, IllegalTransition, InvalidInput, WaspadaError
from dashboard import figures
from dashboard.data import DashboardData
from dashboard.i18n import t
from dashboard.pages import report
from dashboard.session import current_language, current_principal
from models.report import ReportStatus, ReportUpdate


def _bounds(data: DashboardData, kode: str) -> Any:
    return data.kabupaten_bounds().get(kode, figures.INDONESIA)


def page(data: DashboardData, principal: Principal, lang: str, report_id: uuid.UUID) -> Any:
    """The page of one report in scope, or the same 'not found' for any other id."""
    view = data.report_view(principal, report_id)
    if view is None:
        return report.not_found(lang)
    return report.layout(
        view, lang, _bounds(data, view.report.kabupaten_kode), _duplicates(data, principal, view, lang)
    )


def _duplicates(data: DashboardData, principal: Principal, view: Any, lang: str) -> Any:
    """The suggestions, only for a report still waiting to be triaged."""
    if view.report.status.value != "baru":
        return None
    return report.duplicates_section(view, data.duplicate_candidates(principal, view.report.id), lang)


def refusal_text(exc: WaspadaError, lang: str) -> str:
    """Why a step was refused, as a sentence in the reader's language."""
    if isinstance(exc, InvalidInput):
        field = exc.errors[0].field
        if field == "note":
            return t("report.error.note", lang)
        if field == "duplicate_of":
            return t("report.error.duplicate", lang)
        return t("report.error.other", lang, reason=exc.errors[0].reason)
    if isinstance(exc, IllegalTransition):
        return t("report.error.transition", lang)
    if isinstance(exc, Forbidden):
        return t("report.error.forbidden", lang)
    return t("report.error.other", lang, reason=exc.message)


def _update_for(trigger: Any, note: str | None) -> ReportUpdate:
    """The step a button asks for, with the note (if any)."""
    text = (note or "").strip() or None
    if trigger == "report-add-note":
        return ReportUpdate(note=text)
    if trigger["type"] == "report-duplicate":
        return ReportUpdate(status=ReportStatus.DUPLIKAT, duplicate_of=uuid.UUID(trigger["id"]), note=text)
    return ReportUpdate(status=ReportStatus(trigger["status"]), note=text)


def register(app: Dash, data: DashboardData) -> None:
    """Wire the report page's buttons."""

    @app.callback(
        Output("report-body", "children"),
        Output("report-message", "children", allow_duplicate=True),
        Input({"type": "report-step", "status": ALL}, "n_clicks"),
        Input({"type": "report-duplicate", "id": ALL}, "n_clicks"),
        Input("report-add-note", "n_clicks"),
        State("report-note", "value"),
        State("report-id", "data"),
        prevent_initial_call=True,
    )
    def step(_steps: Any, _duplicates: Any, _note_clicks: Any, note: str | None, rid: str) -> tuple:
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            raise PreventUpdate  # a button that was only (re)drawn, not clicked
        principal, lang = current_principal(), current_language()
        report_id = uuid.UUID(rid)
        try:
            update = _update_for(ctx.triggered_id, note)
        except ValueError:
            return no_update, t("report.error.note", lang)
        if update.status is None and update.note is None:
            return no_update, t("report.error.note", lang)
        outcome = data.step_reports(principal, [report_id], update)[0]
        if outcome.error is not None:
            return no_update, refusal_text(outcome.error, lang)
        view = data.report_view(principal, report_id)
        if view is None:
            return report.not_found(lang), no_update
        drawn = report.body(
            view, lang, _bounds(data, view.report.kabupaten_kode), message=t("report.saved", lang)
        )
        return drawn, no_update
