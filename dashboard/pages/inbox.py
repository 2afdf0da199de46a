"""Laporan masuk: the reports in the reader's scope, newest arrival first, to verify and follow up.

Every filter lives in the URL (`/laporan?status=baru&kabupaten=81.02&cari=hoaks`), so a view can
be bookmarked, shared and left with the back button; the page is drawn from the URL alone.
Builders here are pure; inbox_callbacks.py reads the data and does the work.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

from dash import dcc, html

from core.accounts.service import Principal
from core.reports.queries import ReportFilter
from dashboard.i18n import format_number, label, t
from dashboard.local_time import local_day_bounds, local_time_label
from dashboard.pages.query import first, parse_date
from dashboard.tables import data_table
from models import vocab
from models.report import ReportPage, ReportPublic

INBOX_PATH = "/laporan"
REFRESH_MS = 10_000
CURSOR_PATTERN = r"^[A-Za-z0-9_-]{1,200}$"

# URL parameter -> the field of InboxQuery it fills (the URL speaks the dashboard's language).
URL_NAMES: dict[str, str] = {
    "status": "status",
    "kabupaten": "kabupaten",
    "kecamatan": "kecamatan",
    "faktor": "factor",
    "kategori": "category",
    "keparahan": "severity",
    "sumber": "source_type",
    "sejak": "since",
    "sampai": "until",
    "cari": "text",
    "kursor": "cursor",
}


@dataclass(frozen=True)
class InboxQuery:
    """What the inbox URL asks for; every field optional, anything unexpected dropped."""

    status: str | None = None
    kabupaten: str | None = None
    kecamatan: str | None = None
    factor: str | None = None
    category: str | None = None
    severity: str | None = None
    source_type: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None
    cursor: str | None = None

    def to_filter(self) -> ReportFilter:
        """The core filter: days are whole local days of the kabupaten's zone (WIB without one)."""
        since = local_day_bounds(self.kabupaten, self.since)[0] if self.since else None
        until = local_day_bounds(self.kabupaten, self.until)[1] if self.until else None
        return ReportFilter(
            kabupaten=self.kabupaten,
            kecamatan=self.kecamatan,
            status=self.status,
            factor=self.factor,
            category=self.category,
            severity=int(self.severity) if self.severity else None,
            source_type=self.source_type,
            since=since,
            until=until,
            text=self.text,
        )


_CHOICES: dict[str, frozenset[str]] = {
    "status": frozenset(vocab.values(vocab.STATUSES)),
    "factor": frozenset(vocab.values(vocab.FACTORS)),
    "category": frozenset(vocab.values(vocab.CATEGORIES)),
    "severity": frozenset(vocab.values(vocab.SEVERITIES)),
    "source_type": frozenset(vocab.values(vocab.SOURCE_TYPES)),
}


def _valid(name: str, raw: str) -> bool:
    """Whether one URL value is one the page can use (a stale or hand-edited link is just ignored)."""
    if name in _CHOICES:
        return raw in _CHOICES[name]
    if name == "kabupaten":
        return re.fullmatch(r"\d{2}\.\d{2}", raw) is not None
    if name == "kecamatan":
        return re.fullmatch(r"\d{2}\.\d{2}\.\d{2}", raw) is not None
    if name == "cursor":
        return re.fullmatch(CURSOR_PATTERN, raw) is not None
    return name == "text" and 0 < len(raw) <= 200


def parse_inbox_query(query: Mapping[str, Sequence[str]]) -> InboxQuery:
    """The inbox's state from its URL; a kecamatan outside the chosen kabupaten is dropped."""
    values: dict[str, Any] = {}
    for url_name, name in URL_NAMES.items():
        raw = (first(query, url_name) or "").strip()
        if not raw:
            continue
        if name in ("since", "until"):
            values[name] = parse_date(raw)
        elif _valid(name, raw):
            values[name] = raw
    parsed = InboxQuery(**values)
    if parsed.kecamatan and not (parsed.kabupaten and parsed.kecamatan.startswith(f"{parsed.kabupaten}.")):
        parsed = replace(parsed, kecamatan=None)
    return parsed


def inbox_search(inbox: InboxQuery) -> str:
    """The URL query string of a state ('' for the unfiltered first page)."""
    by_field = {name: url for url, name in URL_NAMES.items()}
    pairs = []
    for item in fields(inbox):
        value = getattr(inbox, item.name)
        if value:
            pairs.append((by_field[item.name], value.isoformat() if isinstance(value, date) else value))
    return f"?{urlencode(pairs)}" if pairs else ""


# ---------------------------------------------------------------------- builders


def _options(vocabulary: str, lang: str) -> list[dict[str, str]]:
    return [
        {"label": label(vocabulary, term.value, lang), "value": term.value}
        for term in vocab.VOCABULARIES[vocabulary]
    ]


def layout(
    principal: Principal,
    lang: str,
    inbox: InboxQuery,
    page: ReportPage,
    counts: Counts,
    kabupaten: Mapping[str, str],
    kecamatan: Mapping[str, str],
) -> Any:
    """The whole inbox for one URL state: filters, status tabs, the table and the bulk actions."""
    return html.Div(
        [
            dcc.Store(id="inbox-state", data=inbox_search(inbox)),
            dcc.Interval(id="inbox-refresh", interval=REFRESH_MS),
            html.H1(t("inbox.title", lang)),
            html.P(t("inbox.help", lang), className="muted small"),
            filters(inbox, lang, kabupaten, kecamatan),
            html.Div(status_tabs(inbox, counts, lang), id="inbox-counts", className="status-tabs"),
            html.Div(
                inbox_table(page, lang, kabupaten, selected=()), id="inbox-table", className="table-scroll"
            ),
            html.Div(pager(inbox, page, lang), id="inbox-pager", className="pager"),
            bulk_panel(principal, lang),
        ],
        className="inbox-page",
    )


def _severity_options(lang: str) -> list[dict[str, str]]:
    return [{"label": f"{term.value} {term.label(lang)}", "value": term.value} for term in vocab.SEVERITIES]


def filters(inbox: InboxQuery, lang: str, kabupaten: Mapping[str, str], kecamatan: Mapping[str, str]) -> Any:
    """The filter bar; each control's value is the URL's."""
    any_label = t("inbox.any", lang)
    choices: list[tuple[str, str, list[dict[str, str]], str | None]] = [
        (
            "report_field.kabupaten_kode",
            "inbox-kabupaten",
            [{"label": f"{k} {n}", "value": k} for k, n in kabupaten.items()],
            inbox.kabupaten,
        ),
        (
            "report_field.kecamatan",
            "inbox-kecamatan",
            [{"label": n, "value": k} for k, n in kecamatan.items()],
            inbox.kecamatan,
        ),
        ("report_field.factor", "inbox-factor", _options("factor", lang), inbox.factor),
        ("report_field.category", "inbox-category", _options("category", lang), inbox.category),
        ("report_field.severity", "inbox-severity", _severity_options(lang), inbox.severity),
        ("report_field.source_type", "inbox-source", _options("source_type", lang), inbox.source_type),
    ]
    days = [("inbox.since", "inbox-since", inbox.since), ("inbox.until", "inbox-until", inbox.until)]
    controls = [
        _control(
            key,
            dcc.Dropdown(
                id=cid,
                options=options,
                value=value,
                placeholder=any_label,
                disabled=cid == "inbox-kecamatan" and not inbox.kabupaten,
            ),
            lang,
        )
        for key, cid, options, value in choices
    ] + [
        _control(
            key, dcc.Input(id=cid, type="date", value=day.isoformat() if day else None, debounce=True), lang
        )
        for key, cid, day in days
    ]
    controls.append(
        _control(
            "inbox.search_label",
            dcc.Input(
                id="inbox-text",
                type="search",
                value=inbox.text or "",
                debounce=True,
                placeholder=t("inbox.search", lang),
                maxLength=200,
            ),
            lang,
        )
    )
    controls.append(dcc.Link(t("inbox.reset", lang), href=INBOX_PATH, id="inbox-reset", className="nav-link"))
    return html.Details(
        [html.Summary(t("inbox.filters", lang)), html.Div(controls, className="inbox-filters")],
        open=True,
        id="inbox-filter-fold",
        className="card filter-card",
    )


def _control(key: str, component: Any, lang: str) -> Any:
    return html.Label([html.Span(t(key, lang), className="control-label"), component], className="control")


@dataclass(frozen=True)
class Counts:
    """The tabs' numbers: per status, or (with a text search) how many match, up to a cap."""

    per_status: Mapping[str, int] | None
    matches: int = 0
    cap: int = 0


def status_tabs(inbox: InboxQuery, counts: Counts, lang: str) -> list[Any]:
    """A link per status with its count (and 'all'), the current one marked; links keep the filters."""
    per_status = counts.per_status
    tabs = [(None, t("inbox.all", lang), sum(per_status.values()) if per_status is not None else None)] + [
        (term.value, term.label(lang), per_status.get(term.value, 0) if per_status is not None else None)
        for term in vocab.STATUSES
    ]
    links: list[Any] = [
        dcc.Link(
            [
                html.Span(name),
                html.Span(f" {format_number(count, lang)}", className="count") if count is not None else None,
            ],
            href=INBOX_PATH + inbox_search(replace(inbox, status=status, cursor=None)),
            className="status-tab" + (" current" if status == inbox.status else ""),
            id=f"status-tab-{status or 'all'}",
        )
        for status, name, count in tabs
    ]
    if per_status is None:
        more = counts.matches > counts.cap
        text = t(
            "inbox.matches_more" if more else "inbox.matches",
            lang,
            count=format_number(counts.cap if more else counts.matches, lang),
        )
        links.append(html.Span(text, className="muted", id="inbox-matches"))
    return links


def _place(report: ReportPublic, kabupaten: Mapping[str, str]) -> str:
    name = kabupaten.get(report.kabupaten_kode, report.kabupaten_kode)
    return f"{name} · {report.kecamatan}" if report.kecamatan else name


def inbox_table(page: ReportPage, lang: str, kabupaten: Mapping[str, str], selected: Sequence[str]) -> Any:
    """One row per report: a tick box, arrival and occurrence in the kabupaten's zone, place, what, status."""
    if not page.items:
        return html.P(t("inbox.empty", lang), className="muted", id="inbox-empty")
    chosen = set(selected)
    header = html.Tr(
        [
            html.Th(t("inbox.col.pick", lang)),
            html.Th(t("inbox.col.received", lang)),
            html.Th(t("inbox.col.occurred", lang)),
            html.Th(t("inbox.col.place", lang)),
            html.Th(t("inbox.col.report", lang)),
            html.Th(t("report_field.severity", lang)),
            html.Th(t("report_field.status", lang)),
        ]
    )
    rows = []
    for report in page.items:
        rid = str(report.id)
        flags = (
            [html.Span(t("inbox.mismatch", lang), className="badge mismatch")]
            if report.location_mismatch or report.kecamatan_mismatch
            else []
        )
        rows.append(
            html.Tr(
                [
                    html.Td(
                        dcc.Checklist(
                            id={"type": "inbox-pick", "id": rid},
                            options=[{"label": "", "value": rid}],
                            value=[rid] if rid in chosen else [],
                            className="pick",
                        )
                    ),
                    html.Td(local_time_label(report.kabupaten_kode, report.received_at), className="nowrap"),
                    html.Td(local_time_label(report.kabupaten_kode, report.occurred_at), className="nowrap"),
                    html.Td(_place(report, kabupaten)),
                    html.Td(
                        [
                            dcc.Link(report.title, href=f"{INBOX_PATH}/{rid}", className="report-link"),
                            html.Div(
                                f"{label('category', report.category.value, lang)} · "
                                f"{label('source_type', report.source_type.value, lang)}",
                                className="muted small",
                            ),
                            *flags,
                        ]
                    ),
                    html.Td(
                        f"{report.severity} {label('severity', str(report.severity), lang)}",
                        className="nowrap",
                    ),
                    html.Td(
                        html.Span(
                            label("status", report.status.value, lang),
                            className=f"badge status-{report.status.value}",
                        )
                    ),
                ],
                className="inbox-row",
            )
        )
    return data_table(header, rows, id="inbox-rows")


def pager(inbox: InboxQuery, page: ReportPage, lang: str) -> list[Any]:
    """Back to the newest page, and on to the next one (the cursor rides in the URL)."""
    links = []
    if inbox.cursor:
        links.append(
            dcc.Link(
                t("inbox.first_page", lang),
                href=INBOX_PATH + inbox_search(replace(inbox, cursor=None)),
                id="inbox-first",
                className="nav-link",
            )
        )
    if page.next_cursor:
        links.append(
            dcc.Link(
                t("inbox.next_page", lang),
                href=INBOX_PATH + inbox_search(replace(inbox, cursor=page.next_cursor)),
                id="inbox-next",
                className="nav-link",
            )
        )
    return links


def bulk_panel(principal: Principal, lang: str) -> Any:
    """Verify or reject the ticked reports at once (analysts and admins triage; officers do not)."""
    triage = principal.role.value != "officer"
    return html.Section(
        [
            html.H2(t("inbox.selection", lang)),
            dcc.Textarea(
                id="inbox-note", placeholder=t("inbox.note", lang), maxLength=2000, className="note-input"
            ),
            html.Div(
                [
                    html.Button(t("inbox.verify", lang), id="inbox-verify", n_clicks=0),
                    html.Button(t("inbox.reject", lang), id="inbox-reject", n_clicks=0, className="danger"),
                ],
                className="admin-row",
            ),
            html.Div(id="inbox-message", role="status"),
        ],
        className="card",
        id="inbox-bulk",
        hidden=not triage,  # officers do not triage; the controls stay so the page's wiring is whole
    )
