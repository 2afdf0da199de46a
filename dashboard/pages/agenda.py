"""Agenda: the planned events in the reader's scope, and the form to plan, edit, cancel and restore one.

Builders and conversions here are pure (data in, components or values out); agenda_callbacks.py
reads and writes through core.events.service, whose scope rule refuses what a role may not do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from dash import dcc, html

from core.regions.service import zone_of_kabupaten, zone_of_province
from dashboard.i18n import format_number, label, t
from dashboard.local_time import local_time_label
from dashboard.tables import data_table
from models import vocab
from models.event import PlannedEvent

AGENDA_PATH = "/agenda"
PAST_WINDOW = timedelta(days=91)  # "the past 3 months"
LIST_LIMIT = 300
LOCAL_INPUT_FORMAT = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> reads and writes
FORM_FIELDS = (
    "kabupaten_kode",
    "kecamatan_kode",
    "event_type",
    "title",
    "starts_at",
    "ends_at",
    "venue",
    "organiser",
    "expected_crowd",
    "source",
)
REASONS = {  # pydantic's and core's error types -> the reason's key (anything else: "invalid")
    "missing": "required",
    "string_too_short": "required",
    "string_too_long": "too_long",
    "int_type": "number",
    "int_parsing": "number",
    "int_from_float": "number",
    "greater_than_equal": "range",
    "less_than_equal": "range",
    "datetime_parsing": "time",
    "datetime_from_date_parsing": "time",
    "value_error": "invalid",
    "enum": "choice",
    "unknown": "choice",
    "not_in_kabupaten": "kecamatan",
    "unknown_kecamatan": "kecamatan",
    "before_start": "before_start",
    "too_long": "too_long_event",
    "too_early": "too_early",
}


@dataclass(frozen=True)
class Refusal:
    """One refused field and the kind of reason (pydantic's or core's error type)."""

    field: str
    type: str


def refusal_text(refusals: Sequence[Refusal], lang: str) -> str:
    """Each refused field by its label with the reason, in the page's language; never a raw message."""
    parts = []
    for refusal in refusals:
        field = refusal.field if refusal.field in FORM_FIELDS else None
        name = t(f"agenda.field.{field}", lang) if field else t("agenda.field.other", lang)
        reason = t(f"agenda.reason.{REASONS.get(refusal.type, 'invalid')}", lang)
        parts.append(f"{name}: {reason}")
    return "; ".join(parts)


def zone_name(kabupaten_kode: str | None) -> str | None:
    """WIB, WITA or WIT for a kabupaten (None before one is picked)."""
    if not kabupaten_kode:
        return None
    return zone_of_province(kabupaten_kode.split(".", 1)[0])[1]


def parse_local(text: str | None) -> str | None:
    """A datetime-local value as the ISO text the schema reads (naive: the kabupaten's own zone)."""
    value = (text or "").strip()
    return value or None


def local_input_value(kabupaten_kode: str, instant: datetime) -> str:
    """A stored UTC instant as the form shows it: local time of the kabupaten, no zone suffix."""
    return instant.astimezone(zone_of_kabupaten(kabupaten_kode)).strftime(LOCAL_INPUT_FORMAT)


def crowd_value(value: Any) -> Any:
    """A number input gives 500.0 for 500: whole numbers become int, other input goes on as typed."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value in ("", None):
        return None
    return value


def form_payload(values: Mapping[str, Any], editing: bool) -> dict[str, Any]:
    """The form's values as the event schema's fields (the kabupaten only for a new event)."""
    payload: dict[str, Any] = {
        "event_type": values.get("event_type"),
        "title": values.get("title") or "",
        "starts_at": parse_local(values.get("starts_at")),
        "ends_at": parse_local(values.get("ends_at")) or parse_local(values.get("starts_at")),
        "venue": values.get("venue") or "",
        "organiser": values.get("organiser") or "",
        "expected_crowd": crowd_value(values.get("expected_crowd")),
        "source": values.get("source") or "",
        "kecamatan_kode": values.get("kecamatan_kode") or None,
    }
    if not editing:
        payload["kabupaten_kode"] = values.get("kabupaten_kode") or ""
        payload = {k: v for k, v in payload.items() if v is not None}  # absent: the schema's default
    return payload


def form_values(event: PlannedEvent) -> dict[str, Any]:
    """A stored event as the form shows it (times in its kabupaten's own zone)."""
    kode = event.kabupaten_kode
    return {
        "kabupaten_kode": kode,
        "kecamatan_kode": event.kecamatan_kode,
        "event_type": event.event_type,
        "title": event.title,
        "starts_at": local_input_value(kode, event.starts_at),
        "ends_at": local_input_value(kode, event.ends_at),
        "venue": event.venue,
        "organiser": event.organiser,
        "expected_crowd": event.expected_crowd,
        "source": event.source,
    }


def listing_start(now: datetime, past: bool) -> datetime:
    """Upcoming events end after now; with the switch, those of the past 3 months too."""
    return now - PAST_WINDOW if past else now


# ---------------------------------------------------------------------- components


def kabupaten_options(names: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"label": f"{kode} {nama}", "value": kode} for kode, nama in names.items()]


def _term_options(vocabulary: str, lang: str) -> list[dict[str, str]]:
    return [{"label": text, "value": value} for value, text in vocab.labels(vocabulary, lang).items()]


def _control(key: str, component: Any, lang: str, **props: Any) -> Any:
    return html.Label(
        [html.Span(t(key, lang), className="control-label"), component], className="control", **props
    )


def _switch(cid: str, key: str, lang: str) -> Any:
    """A one-box checklist: ticked shows more rows."""
    options = [{"label": t(key, lang), "value": "on"}]
    return dcc.Checklist(id=cid, options=options, value=[], className="points-toggle")


def filters(lang: str, names: Mapping[str, str]) -> Any:
    """The kabupaten filter and the two switches (past 3 months, cancelled)."""
    return html.Div(
        [
            _control(
                "agenda.field.kabupaten_kode",
                dcc.Dropdown(
                    id="agenda-filter-kabupaten",
                    options=kabupaten_options(names),
                    placeholder=t("inbox.any", lang),
                ),
                lang,
            ),
            _switch("agenda-past", "agenda.show_past", lang),
            _switch("agenda-cancelled", "agenda.show_cancelled", lang),
        ],
        className="inbox-filters card",
        id="agenda-filters",
    )


def _crowd(value: int | None, lang: str) -> str:
    return "\u2013" if value is None else format_number(value, lang)


def _status(event: PlannedEvent, lang: str) -> Any:
    if event.cancelled:
        return html.Span(t("agenda.cancelled", lang), className="badge status-ditolak")
    return html.Span(t("agenda.planned", lang), className="badge status-baru")


def agenda_table(events: Sequence[PlannedEvent], names: Mapping[str, str], lang: str, limited: bool) -> Any:
    """One row per event, soonest first: local time with its zone, place, type, what, where, who, crowd."""
    if not events:
        return html.P(t("agenda.empty", lang), className="muted", id="agenda-empty")
    keys = ("time", "kabupaten_kode", "event_type", "title", "venue", "organiser", "expected_crowd", "status")
    header = html.Tr([html.Th(t(f"agenda.col.{key}", lang)) for key in keys])
    rows = [
        html.Tr(
            [
                html.Td(local_time_label(e.kabupaten_kode, e.starts_at), className="nowrap"),
                html.Td(names.get(e.kabupaten_kode, e.kabupaten_kode)),
                html.Td(label("event_type", e.event_type, lang)),
                html.Td(
                    html.Button(
                        e.title,
                        id={"type": "agenda-edit", "id": str(e.id)},
                        className="link-button",
                        title=t("agenda.edit", lang),
                    )
                ),
                html.Td(e.venue),
                html.Td(e.organiser),
                html.Td(_crowd(e.expected_crowd, lang), className="num"),
                html.Td(_status(e, lang)),
            ],
            **{"data-event": str(e.id)},
        )
        for e in events
    ]
    table = data_table(header, rows, id="agenda-rows")
    if not limited:
        return table
    return html.Div([table, html.P(t("agenda.limited", lang, count=len(events)), className="muted small")])


def _input(cid: str, kind: str = "text", **props: Any) -> Any:
    return dcc.Input(id=cid, type=kind, debounce=False, **props)


def event_form(lang: str, names: Mapping[str, str]) -> Any:
    """The plan/edit form; only kabupaten the reader may plan for are offered."""
    only = next(iter(names)) if len(names) == 1 else None
    controls = [
        _control(
            "agenda.field.kabupaten_kode",
            dcc.Dropdown(id="agenda-kabupaten", options=kabupaten_options(names), value=only),
            lang,
        ),
        _control("agenda.field.kecamatan_kode", dcc.Dropdown(id="agenda-kecamatan", options=[]), lang),
        _control(
            "agenda.field.event_type",
            dcc.Dropdown(id="agenda-type", options=_term_options("event_type", lang), value="rapat_umum"),
            lang,
        ),
        _control("agenda.field.title", _input("agenda-title", maxLength=200), lang),
        _control("agenda.field.starts_at", _input("agenda-starts", "datetime-local"), lang),
        _control("agenda.field.ends_at", _input("agenda-ends", "datetime-local"), lang),
        _control("agenda.field.venue", _input("agenda-venue", maxLength=200), lang),
        _control("agenda.field.organiser", _input("agenda-organiser", maxLength=200), lang),
        _control("agenda.field.expected_crowd", _input("agenda-crowd", "number", min=0, step=1), lang),
        _control("agenda.field.source", _input("agenda-source", maxLength=200), lang),
    ]
    buttons = html.Div(
        [
            html.Button(t("agenda.save", lang), id="agenda-save", className="primary"),
            html.Button(t("agenda.new", lang), id="agenda-new"),
            html.Button(t("agenda.cancel_event", lang), id="agenda-cancel-event", hidden=True),
            html.Button(t("agenda.restore_event", lang), id="agenda-restore-event", hidden=True),
        ],
        className="admin-row",
    )
    return html.Section(
        [
            html.H2(t("agenda.form_new", lang), id="agenda-form-title"),
            html.P(zone_help(only, lang), className="muted small", id="agenda-zone"),
            html.Div(controls, className="inbox-filters"),
            buttons,
            html.P("", id="agenda-message", role="status"),
        ],
        className="card",
        id="agenda-form",
    )


def zone_help(kabupaten_kode: str | None, lang: str) -> str:
    """The form says in which zone its times are typed."""
    zone = zone_name(kabupaten_kode)
    return t("agenda.zone", lang, zone=zone) if zone else t("agenda.zone_pick", lang)


def layout(lang: str, scope_names: Mapping[str, str], plan_names: Mapping[str, str], table: Any) -> Any:
    """The whole page: title, filters, the list, and the form (when the reader may plan anywhere)."""
    form = event_form(lang, plan_names) if plan_names else html.P(t("agenda.read_only", lang))
    return html.Div(
        [
            dcc.Store(id="agenda-editing", data=None),
            dcc.Store(id="agenda-saved", data=0),
            html.H1(t("agenda.title", lang)),
            html.P(t("agenda.help", lang), className="muted small"),
            filters(lang, scope_names),
            html.Div(table, id="agenda-table", className="table-scroll"),
            form,
        ],
        className="inbox-page agenda-page",
    )


def plannable(names: Mapping[str, str], allowed: Iterable[str]) -> dict[str, str]:
    """The scope's kabupaten the reader may plan for, in the scope's order."""
    keep = set(allowed)
    return {kode: nama for kode, nama in names.items() if kode in keep}
