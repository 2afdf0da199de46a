"""The inbox's work: the page for a URL, filters written back into the URL, the 10-second refresh,
and bulk verify or reject through core.reports.workflow (whose rules refuse what a role may not)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qs

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from core.accounts.service import Principal
from core.errors import InvalidInput
from dashboard.data import MATCH_COUNT_CAP, DashboardData
from dashboard.i18n import t
from dashboard.pages import inbox
from dashboard.pages.inbox import InboxQuery, inbox_search, parse_inbox_query
from dashboard.pages.query import parse_date
from dashboard.phone import fold_on_phone
from dashboard.session import current_language, current_principal
from models.report import ReportStatus, ReportUpdate


def _scope_names(data: DashboardData, principal: Principal) -> dict[str, str]:
    """The kabupaten the reader may filter by, code to name."""
    return {ref.kode: ref.nama for ref in data.scope_refs(principal)}


def _safe(data: DashboardData, principal: Principal, state: InboxQuery) -> tuple[Any, inbox.Counts]:
    """A page and the counts; a cursor of another filter or a stale one falls back to the first page.

    With a text search the tabs carry no numbers (counting every match would scan every report);
    the page says how many match instead, up to a cap.
    """
    flt = state.to_filter()
    try:
        page = data.inbox(principal, flt, state.cursor)
    except InvalidInput:
        page = data.inbox(principal, flt, None)
    if state.text:
        return page, inbox.Counts(
            per_status=None, matches=data.match_count(principal, flt), cap=MATCH_COUNT_CAP
        )
    return page, inbox.Counts(per_status=data.status_counts(principal, flt))


def page(data: DashboardData, principal: Principal, lang: str, query: Mapping[str, Sequence[str]]) -> Any:
    """The inbox for this URL, in the reader's scope."""
    state = parse_inbox_query(query)
    kabupaten = _scope_names(data, principal)
    if state.kabupaten and state.kabupaten not in kabupaten:
        state = replace(state, kabupaten=None, kecamatan=None)
    kecamatan = data.kecamatan_names(state.kabupaten) if state.kabupaten else {}
    listed, counts = _safe(data, principal, state)
    return inbox.layout(principal, lang, state, listed, counts, kabupaten, kecamatan)


def _state_of(search: str | None) -> InboxQuery:
    return parse_inbox_query(parse_qs((search or "").lstrip("?")))


def _picked(values: Sequence[Sequence[str] | None]) -> list[str]:
    return [rid for chosen in values for rid in (chosen or [])]


def register(app: Dash, data: DashboardData) -> None:
    """Wire the inbox: filters -> URL, refresh, bulk steps."""
    fold_on_phone(app, "inbox-filter-fold")

    @app.callback(
        Output("url", "search", allow_duplicate=True),
        Input("inbox-kabupaten", "value"),
        Input("inbox-kecamatan", "value"),
        Input("inbox-factor", "value"),
        Input("inbox-category", "value"),
        Input("inbox-severity", "value"),
        Input("inbox-source", "value"),
        Input("inbox-since", "value"),
        Input("inbox-until", "value"),
        Input("inbox-text", "value"),
        State("inbox-state", "data"),
        prevent_initial_call=True,
    )
    def filter_to_url(*args: Any) -> str:
        kab, kec, factor, category, severity, source, since, until, text, current = args
        old = _state_of(current)
        new = InboxQuery(
            status=old.status,
            kabupaten=kab or None,
            kecamatan=kec if kab and kec and kec.startswith(f"{kab}.") else None,
            factor=factor or None,
            category=category or None,
            severity=severity or None,
            source_type=source or None,
            since=parse_date(since),
            until=parse_date(until),
            text=(text or "").strip()[:200] or None,
        )
        search = inbox_search(new)
        if search == inbox_search(replace(old, cursor=None)) and not old.cursor:
            raise PreventUpdate
        return search

    @app.callback(
        Output("inbox-table", "children"),
        Output("inbox-counts", "children"),
        Output("inbox-message", "children"),
        Input("inbox-refresh", "n_intervals"),
        Input("inbox-verify", "n_clicks"),
        Input("inbox-reject", "n_clicks"),
        State({"type": "inbox-pick", "id": ALL}, "value"),
        State("inbox-note", "value"),
        State("inbox-state", "data"),
        prevent_initial_call=True,
    )
    def refresh_or_step(_tick: int | None, _verify: int | None, _reject: int | None, *rest: Any) -> tuple:
        picks, note, search = rest
        principal, lang = current_principal(), current_language()
        state = _state_of(search)
        selected = _picked(picks)
        message: Any = no_update
        trigger = ctx.triggered_id
        if trigger in ("inbox-verify", "inbox-reject"):
            if not ctx.triggered[0]["value"]:
                raise PreventUpdate
            if not selected:
                return no_update, no_update, t("inbox.pick_first", lang)
            reject = trigger == "inbox-reject"
            if reject and not (note or "").strip():
                return no_update, no_update, t("report.error.note", lang)  # the ticks stay
            message = _bulk_step(data, principal, lang, selected, reject, note)
            selected = []
        elif state.cursor:
            raise PreventUpdate  # an older page does not move under the reader
        kabupaten = _scope_names(data, principal)
        listed, counts = _safe(data, principal, state)
        return (
            inbox.inbox_table(listed, lang, kabupaten, selected),
            inbox.status_tabs(state, counts, lang),
            message,
        )


def _bulk_step(
    data: DashboardData, principal: Principal, lang: str, selected: list[str], reject: bool, note: str | None
) -> str:
    """Verify or reject the selection; say how many changed and how many could not."""
    text = (note or "").strip() or None
    update = ReportUpdate(status=ReportStatus.DITOLAK if reject else ReportStatus.TERVERIFIKASI, note=text)
    outcomes = data.step_reports(principal, [uuid.UUID(rid) for rid in selected], update)
    changed = sum(1 for o in outcomes if o.report is not None)
    return t("inbox.done", lang, changed=changed, refused=len(outcomes) - changed)
