"""One report: every field in the reader's language, local times, the point on a small map with
its kabupaten's outline, the trail (who, what, when, note) and the steps the reader may take.

Report text sits in plain html components, which React escapes. Builders here are pure;
report_callbacks.py does the work.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from typing import Any

from dash import dcc, html

from dashboard import figures
from dashboard.i18n import format_number, label, t
from dashboard.local_time import local_time_label
from dashboard.pages.inbox import INBOX_PATH
from dashboard.tables import data_table
from dashboard.views import ReportView, TrailStep
from geo.display import Bounds
from geo.http import GEOJSON_PATH
from models.duplicate import DuplicateCandidate
from models.report import ReportPublic
from models.vocab import NOTE_REQUIRED_STATUSES

REPORT_PATH = re.compile(r"^/laporan/([0-9a-fA-F-]{36})/?$")
NO_VALUE = "\u2013"


def report_id_of(path: str) -> uuid.UUID | None:
    """The report a /laporan/<id> path names, or None when it names none."""
    match = REPORT_PATH.match(path)
    if not match:
        return None
    try:
        return uuid.UUID(match.group(1))
    except ValueError:
        return None


def not_found(lang: str) -> Any:
    """The same answer for an unknown report and one outside the reader's scope (nothing leaks)."""
    return html.Div(
        [
            html.H1(t("report.not_found", lang), id="not-found"),
            dcc.Link(t("report.back", lang), href=INBOX_PATH, className="back-link"),
        ],
        className="report-page",
    )


def layout(view: ReportView, lang: str, bounds: Bounds, duplicates: Any = None) -> Any:
    """The report page: a back link, then the body that a step redraws."""
    return html.Div(
        [
            dcc.Store(id="report-id", data=str(view.report.id)),
            dcc.Link(t("report.back", lang), href=INBOX_PATH, className="back-link", id="back-to-inbox"),
            html.Div(body(view, lang, bounds, duplicates), id="report-body"),
        ],
        className="report-page",
    )


def body(
    view: ReportView, lang: str, bounds: Bounds, duplicates: Any = None, message: str | None = None
) -> list[Any]:
    """Everything that changes when the report does."""
    report = view.report
    return [
        html.Header(
            [
                html.H1(report.title, id="report-title"),
                html.Span(
                    label("status", report.status.value, lang),
                    className=f"badge status-{report.status.value}",
                    id="report-status",
                ),
            ],
            className="report-header",
        ),
        html.Div(
            [
                html.Section([html.H2(t("report.details", lang)), details(view, lang)], className="card"),
                html.Section(
                    [html.H2(t("report.location", lang)), *location(view, lang, bounds)],
                    className="card",
                ),
            ],
            className="kab-grid",
        ),
        actions(view, lang, message),
        *([duplicates] if duplicates is not None else []),
        html.Section(
            [html.H2(t("report.trail", lang)), trail_table(view.trail, report, lang)], className="card"
        ),
    ]


def _row(field: str, value: Any, lang: str) -> Any:
    return html.Tr([html.Th(label("report_field", field, lang)), html.Td(value)])


def details(view: ReportView, lang: str) -> Any:
    """Every field a person reads, labelled from the vocabulary; times in the kabupaten's zone."""
    report = view.report
    kode = report.kabupaten_kode
    kecamatan = (
        f"{view.kecamatan_nama} ({report.kecamatan_kode})"
        if report.kecamatan_kode
        else (report.kecamatan or NO_VALUE)
    )
    rows = [
        _row("kabupaten_kode", f"{view.kabupaten_nama} ({kode})", lang),
        _row("kecamatan", kecamatan, lang),
        _row(
            "desa_kode",
            f"{view.desa_nama or ''} ({report.desa_kode})" if report.desa_kode else NO_VALUE,
            lang,
        ),
        _row("occurred_at", local_time_label(kode, report.occurred_at), lang),
        _row("received_at", local_time_label(kode, report.received_at), lang),
        _row(
            "category",
            f"{label('category', report.category.value, lang)} "
            f"({label('factor', report.factor.value, lang)})",
            lang,
        ),
        _row("severity", f"{report.severity} {label('severity', str(report.severity), lang)}", lang),
        _row("crowd_size", format_number(report.crowd_size, lang) if report.crowd_size else NO_VALUE, lang),
        _row("source_type", label("source_type", report.source_type.value, lang), lang),
        _row("reporter", report.reporter, lang),
        _row("description", html.Div(report.description or NO_VALUE, className="report-text"), lang),
        _row("id", html.Code(str(report.id)), lang),
    ]
    if report.duplicate_of:
        rows.append(
            _row(
                "duplicate_of",
                dcc.Link(
                    str(report.duplicate_of), href=f"{INBOX_PATH}/{report.duplicate_of}", id="duplicate-of"
                ),
                lang,
            )
        )
    return html.Table(html.Tbody(rows), className="data-table fields-table", id="report-fields")


def mismatch_notes(view: ReportView, lang: str) -> list[str]:
    """What the point says against the named place, in words (empty when they agree)."""
    report = view.report
    notes = []
    if report.location_mismatch:
        notes.append(
            t("report.mismatch_kabupaten", lang, located=view.located_kabupaten_nama)
            if view.located_kabupaten_nama
            else t("report.mismatch_outside", lang)
        )
    if report.kecamatan_mismatch:
        notes.append(
            t(
                "report.mismatch_kecamatan",
                lang,
                located=view.located_kecamatan_nama or report.located_kecamatan_kode or NO_VALUE,
            )
        )
    return notes


def location(view: ReportView, lang: str, bounds: Bounds) -> list[Any]:
    """The small map (or a line saying there is no point) and the mismatch flags."""
    report = view.report
    flags = [html.P(note, className="warning", id="report-mismatch") for note in mismatch_notes(view, lang)]
    if report.latitude is None or report.longitude is None:
        return [html.P(t("report.no_point", lang), className="muted", id="report-no-point"), *flags]
    figure = figures.report_location_figure(
        GEOJSON_PATH,
        report.kabupaten_kode,
        report.located_kabupaten_kode if report.location_mismatch else None,
        (report.latitude, report.longitude),
        bounds,
        (view.kabupaten_nama, view.located_kabupaten_nama),
    )
    return [
        dcc.Graph(
            id="report-map",
            figure=figure,
            config={"displaylogo": False, "displayModeBar": False, "topojsonURL": figures.TOPOJSON_URL},
            responsive=True,
            style={"height": "260px"},
        ),
        html.P(f"{report.latitude:.5f}, {report.longitude:.5f}", className="muted small"),
        *flags,
    ]


def actions(view: ReportView, lang: str, message: str | None = None) -> Any:
    """A note box, a button per status this reader may move the report to, and 'note only'."""
    steps = [
        html.Button(
            t("report.move_to", lang, status=label("status", status, lang)),
            id={"type": "report-step", "status": status},
            n_clicks=0,
            className="danger" if status in NOTE_REQUIRED_STATUSES else "",
        )
        for status in view.allowed
        if status != "duplikat"  # a duplicate is marked from its original (the suggestions below)
    ]
    if view.may_note:
        steps.append(html.Button(t("report.add_note", lang), id="report-add-note", n_clicks=0))
    if not view.allowed:
        hint: Any = html.P(t("report.no_actions", lang), className="muted small")
    else:
        hint = None
    return html.Section(
        [
            html.H2(t("report.actions", lang)),
            dcc.Textarea(
                id="report-note", placeholder=t("report.note", lang), maxLength=2000, className="note-input"
            ),
            html.Div(steps, className="admin-row"),
            hint,
            html.Div(message, id="report-message", role="status"),
        ],
        className="card",
        id="report-actions",
    )


def trail_text(step: TrailStep, lang: str) -> str:
    """What happened at one step, in words."""
    if step.action == "created":
        return t("report.trail.created", lang)
    if step.action == "status_change":
        return t(
            "report.trail.status_change",
            lang,
            from_=label("status", step.from_status or "", lang),
            to=label("status", step.to_status or "", lang),
        )
    return t("report.trail.note", lang)


def trail_table(trail: Sequence[TrailStep], report: ReportPublic, lang: str) -> Any:
    """The trail, oldest first, times in the report's kabupaten's zone."""
    header = html.Tr([html.Th(t(f"report.col.{key}", lang)) for key in ("when", "who", "what", "note")])
    rows = [
        html.Tr(
            [
                html.Td(local_time_label(report.kabupaten_kode, step.at), className="nowrap"),
                html.Td(step.actor),
                html.Td(trail_text(step, lang)),
                html.Td(step.note or "", className="report-text"),
            ],
            className="trail-row",
        )
        for step in trail
    ]
    return data_table(header, rows, id="report-trail")


def duplicates_section(view: ReportView, candidates: Sequence[DuplicateCandidate], lang: str) -> Any:
    """Reports this one may repeat, best first, each with why (text, distance, hours) and, where the
    reader may mark duplicates, one click to mark this report a duplicate of it (with the note above)."""
    if view.report.status.value != "baru":
        return None
    may_mark = "duplikat" in view.allowed
    items = []
    for candidate in candidates:
        other = candidate.report
        facts = [
            t("report.similarity", lang, share=f"{format_number(candidate.text_similarity * 100, lang)} %"),
            t("report.hours_apart", lang, hours=format_number(candidate.hours_apart, lang, 1)),
        ]
        if candidate.distance_km is not None:
            facts.append(t("report.distance", lang, km=format_number(candidate.distance_km, lang, 1)))
        items.append(
            html.Li(
                [
                    dcc.Link(other.title, href=f"{INBOX_PATH}/{other.id}", className="report-link"),
                    html.Span(
                        f" · {local_time_label(other.kabupaten_kode, other.occurred_at)} · "
                        f"{label('status', other.status.value, lang)} · " + " · ".join(facts),
                        className="muted small",
                    ),
                    *(
                        [html.Span(t("report.likely", lang), className="badge mismatch")]
                        if candidate.likely
                        else []
                    ),
                    *(
                        [
                            html.Button(
                                t("report.mark_duplicate", lang),
                                id={"type": "report-duplicate", "id": str(other.id)},
                                n_clicks=0,
                                className="danger",
                            )
                        ]
                        if may_mark
                        else []
                    ),
                ],
                className="duplicate-candidate",
            )
        )
    body: Any = (
        html.Ul(items, className="duplicate-list", id="duplicate-list")
        if items
        else html.P(t("report.duplicates_none", lang), className="muted", id="duplicates-none")
    )
    return html.Section(
        [html.H2(t("report.duplicates", lang)), body], className="card", id="report-duplicates"
    )
