"""The agenda's work: list the events in scope, fill the form for an edit, and write through
core.events.service (the API's own functions: one path, one scope rule)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate
from pydantic import ValidationError

from core.accounts.service import Principal
from core.db import read_session, write_session
from core.errors import Forbidden, InvalidInput, NotFound, WaspadaError
from core.events.service import EventFilter, create_event, get_event, list_events, may_plan, update_event
from core.regions.directory import get_directory
from core.regions.service import local_day
from dashboard.data import DashboardData
from dashboard.i18n import t
from dashboard.local_time import local_day_bounds
from dashboard.pages import agenda
from dashboard.pages.agenda import Refusal
from dashboard.session import current_language, current_principal
from models.event import PlannedEvent, PlannedEventCreate, PlannedEventUpdate

FORM_IDS = {  # form field -> the component holding it
    "kabupaten_kode": "agenda-kabupaten",
    "kecamatan_kode": "agenda-kecamatan",
    "event_type": "agenda-type",
    "title": "agenda-title",
    "starts_at": "agenda-starts",
    "ends_at": "agenda-ends",
    "venue": "agenda-venue",
    "organiser": "agenda-organiser",
    "expected_crowd": "agenda-crowd",
    "source": "agenda-source",
}


def scope_names(data: DashboardData, principal: Principal) -> dict[str, str]:
    """The kabupaten the reader may see, code to name."""
    return {ref.kode: ref.nama for ref in data.scope_refs(principal)}


def plan_names(data: DashboardData, principal: Principal) -> dict[str, str]:
    """The kabupaten the reader may plan events for (core's rule, the API's)."""
    names = scope_names(data, principal)
    return agenda.plannable(names, [kode for kode in names if may_plan(principal, kode)])


def events_in_scope(
    data: DashboardData, principal: Principal, kabupaten: str | None, past: bool, cancelled: bool
) -> list[PlannedEvent]:
    """The events the list shows, soonest first (never cached: a write must show at once)."""
    flt = EventFilter(
        kabupaten=kabupaten or None,
        starts_from=agenda.listing_start(data.now(), past),
        include_cancelled=cancelled,
    )
    with read_session(data.engine) as session:
        return list_events(session=session, account=principal, flt=flt, limit=agenda.LIST_LIMIT)


def trend_agenda(
    data: DashboardData, principal: Principal, kode: str, first: date, last: date
) -> list[tuple[date, str]]:
    """A kabupaten's uncancelled events starting on the days [first, last] (its zone): the trend's lines."""
    start, _ = local_day_bounds(kode, first)
    _, end = local_day_bounds(kode, last)
    flt = EventFilter(kabupaten=kode, starts_from=start, starts_until=end)
    with read_session(data.engine) as session:
        events = list_events(session=session, account=principal, flt=flt, limit=agenda.LIST_LIMIT)
    return [(local_day(kode, e.starts_at), e.title) for e in events if e.starts_at >= start]


def table(
    data: DashboardData, principal: Principal, lang: str, kabupaten: str | None, past: bool, cancelled: bool
) -> Any:
    names = scope_names(data, principal)
    chosen = kabupaten if kabupaten in names else None
    events = events_in_scope(data, principal, chosen, past, cancelled)
    return agenda.agenda_table(events, data.kabupaten_names(), lang, len(events) >= agenda.LIST_LIMIT)


def page(data: DashboardData, principal: Principal, lang: str) -> Any:
    """The agenda for this reader: the upcoming events in scope and the form."""
    listed = table(data, principal, lang, None, False, False)
    return agenda.layout(lang, scope_names(data, principal), plan_names(data, principal), listed)


def refusals_of(exc: Exception) -> list[Refusal]:
    """What a refusal names: the fields and the kind of each reason (never the raw message)."""
    if isinstance(exc, ValidationError):
        return [Refusal(str(e["loc"][0]) if e["loc"] else "", e["type"]) for e in exc.errors()]
    if isinstance(exc, InvalidInput):
        return [Refusal(e.field, e.type) for e in exc.errors]
    return []


def refusal_message(exc: Exception, lang: str) -> str:
    """A refused write in the page's language."""
    if isinstance(exc, Forbidden):
        return t("agenda.error.forbidden", lang)
    if isinstance(exc, NotFound):
        return t("agenda.error.not_found", lang)
    refusals = refusals_of(exc)
    if refusals:
        return t("agenda.error.fields", lang, fields=agenda.refusal_text(refusals, lang))
    return t("agenda.error.other", lang)


def save(
    data: DashboardData, principal: Principal, values: Mapping[str, Any], editing: str | None
) -> PlannedEvent:
    """Create an event, or update the one being edited; raises what core or the schema refuse."""
    payload = agenda.form_payload(values, editing=editing is not None)
    directory = get_directory(data.settings.geo_dir)
    with write_session(data.engine) as session:
        if editing is None:
            event_in = PlannedEventCreate.model_validate(payload)
            event, _ = create_event(
                session=session, account=principal, event_in=event_in, directory=directory
            )
        else:
            update = PlannedEventUpdate.model_validate(payload)
            event = update_event(
                session=session,
                account=principal,
                event_id=uuid.UUID(editing),
                update=update,
                directory=directory,
            )
    data.cache.clear()  # the map and scores read events: cached scores are stale now
    return event


def set_cancelled(data: DashboardData, principal: Principal, editing: str, cancelled: bool) -> PlannedEvent:
    """Cancel or restore an event (core checks the scope)."""
    with write_session(data.engine) as session:
        event = update_event(
            session=session,
            account=principal,
            event_id=uuid.UUID(editing),
            update=PlannedEventUpdate(cancelled=cancelled),
        )
    data.cache.clear()
    return event


def load(data: DashboardData, principal: Principal, event_id: str) -> PlannedEvent | None:
    """One event in scope for the form; None outside it."""
    try:
        with read_session(data.engine) as session:
            return get_event(session=session, account=principal, event_id=uuid.UUID(event_id))
    except (NotFound, ValueError):
        return None


def _form_outputs(values: Mapping[str, Any]) -> list[Any]:
    return [values.get(field) for field in FORM_IDS]


def _edit_buttons(event: PlannedEvent | None) -> tuple[bool, bool]:
    """(cancel hidden, restore hidden): one of them for an event being edited, none for a new one."""
    if event is None:
        return True, True
    return event.cancelled, not event.cancelled


def register(app: Dash, data: DashboardData) -> None:
    """Wire the agenda: the list, the form's kabupaten, edit, save, cancel and restore."""

    @app.callback(
        Output("agenda-table", "children"),
        Input("agenda-filter-kabupaten", "value"),
        Input("agenda-past", "value"),
        Input("agenda-cancelled", "value"),
        Input("agenda-saved", "data"),
        prevent_initial_call=True,
    )
    def relist(kabupaten: str | None, past: Sequence[str], cancelled: Sequence[str], _saved: int) -> Any:
        principal, lang = current_principal(), current_language()
        return table(data, principal, lang, kabupaten, bool(past), bool(cancelled))

    @app.callback(
        Output("agenda-kecamatan", "options"),
        Output("agenda-zone", "children"),
        Input("agenda-kabupaten", "value"),
    )
    def kabupaten_picked(kabupaten: str | None) -> tuple[list[dict[str, str]], str]:
        lang = current_language()
        names = data.kecamatan_names(kabupaten) if kabupaten else {}
        options = [{"label": nama, "value": kode} for kode, nama in names.items()]
        return options, agenda.zone_help(kabupaten, lang)

    @app.callback(
        *[Output(cid, "value", allow_duplicate=True) for cid in FORM_IDS.values()],
        Output("agenda-kabupaten", "disabled"),
        Output("agenda-editing", "data", allow_duplicate=True),
        Output("agenda-form-title", "children"),
        Output("agenda-cancel-event", "hidden", allow_duplicate=True),
        Output("agenda-restore-event", "hidden", allow_duplicate=True),
        Output("agenda-message", "children", allow_duplicate=True),
        Input({"type": "agenda-edit", "id": ALL}, "n_clicks"),
        Input("agenda-new", "n_clicks"),
        prevent_initial_call=True,
    )
    def start_editing(_edits: Sequence[int | None], _new: int | None) -> list[Any]:
        principal, lang = current_principal(), current_language()
        trigger = ctx.triggered_id
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            raise PreventUpdate  # a list redrawn, not a click
        if trigger == "agenda-new":
            names = plan_names(data, principal)
            only = next(iter(names)) if len(names) == 1 else None
            fresh = {"kabupaten_kode": only, "event_type": "rapat_umum"}
            return [*_form_outputs(fresh), False, None, t("agenda.form_new", lang), True, True, ""]
        event = load(data, principal, trigger["id"])
        if event is None:
            raise PreventUpdate
        cancel_hidden, restore_hidden = _edit_buttons(event)
        title = t("agenda.form_edit", lang, title=event.title)
        hidden = [cancel_hidden, restore_hidden]
        return [*_form_outputs(agenda.form_values(event)), True, str(event.id), title, *hidden, ""]

    @app.callback(
        Output("agenda-message", "children"),
        Output("agenda-saved", "data"),
        Output("agenda-editing", "data"),
        Output("agenda-cancel-event", "hidden"),
        Output("agenda-restore-event", "hidden"),
        Output("agenda-kabupaten", "disabled", allow_duplicate=True),
        Input("agenda-save", "n_clicks"),
        Input("agenda-cancel-event", "n_clicks"),
        Input("agenda-restore-event", "n_clicks"),
        *[State(cid, "value") for cid in FORM_IDS.values()],
        State("agenda-editing", "data"),
        State("agenda-saved", "data"),
        prevent_initial_call=True,
    )
    def write(_save: int | None, _cancel: int | None, _restore: int | None, *rest: Any) -> tuple:
        *form, editing, saved = rest
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        principal, lang = current_principal(), current_language()
        trigger = ctx.triggered_id
        try:
            if trigger == "agenda-save":
                event = save(data, principal, dict(zip(FORM_IDS, form, strict=True)), editing)
                key = "agenda.saved" if editing is None else "agenda.updated"
            elif editing is None:
                raise PreventUpdate
            else:
                event = set_cancelled(data, principal, editing, trigger == "agenda-cancel-event")
                key = "agenda.cancelled_done" if event.cancelled else "agenda.restored_done"
        except (ValidationError, WaspadaError) as exc:
            return refusal_message(exc, lang), no_update, no_update, no_update, no_update, no_update
        cancel_hidden, restore_hidden = _edit_buttons(event)
        message = t(key, lang, title=event.title)
        return message, (saved or 0) + 1, str(event.id), cancel_hidden, restore_hidden, True
