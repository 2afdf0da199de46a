"""One kabupaten/kota: score and level with what drives it, weekly trend, reports and events.

Report text is placed in plain html components, which React escapes: a description holding
`<script>` or `<b>` is shown as those characters and never runs or renders.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from dash import dcc, html

from core.accounts.service import Principal
from core.risk.engine import RiskResult
from core.risk.service import KecamatanRef
from dashboard import figures, trend
from dashboard.data import TREND_WEEKS, DashboardData
from dashboard.i18n import format_number, label, t
from dashboard.local_time import last_sundays, local_time_label
from dashboard.pages.agenda_callbacks import trend_agenda
from dashboard.pages.inbox import INBOX_PATH
from dashboard.pages.query import first, parse_date
from dashboard.tables import data_table
from dashboard.views import KabupatenDetail, TrendPoint
from geo.display import Bounds
from geo.http import kecamatan_geojson_path
from models.event import PlannedEvent
from models.report import ReportPublic

TREND_AHEAD = timedelta(days=7)  # the events the score looks ahead to


def not_found(lang: str) -> Any:
    """The same page for an unknown code and one outside the account's scope (nothing leaks)."""
    return html.Div(
        [
            html.H1(t("kab.not_found", lang), id="not-found"),
            html.P(t("kab.not_found_help", lang), className="muted"),
            dcc.Link(t("kab.back", lang), href="/", className="back-link"),
        ],
        className="kabupaten-page",
    )


def layout(
    data: DashboardData, principal: Principal, lang: str, kode: str, query: Mapping[str, Sequence[str]]
) -> Any:
    """The whole page, or 'tidak ditemukan' when the kabupaten is unknown or out of scope."""
    as_of = parse_date(first(query, "tanggal"))
    detail = data.kabupaten_detail(principal, kode, as_of)
    if detail is None:
        return not_found(lang)
    day = detail.result.as_of
    back = f"/?tanggal={day.isoformat()}"
    if first(query, "faktor"):
        back += f"&faktor={first(query, 'faktor')}"
    return html.Div(
        [
            dcc.Link(t("kab.back", lang), href=back, className="back-link", id="back-to-map"),
            _title(detail, lang),
            html.Div([_score_card(detail, lang), _explanation(detail, lang)], className="kab-grid"),
            _kecamatan(
                data.kecamatan_risk(principal, detail.kode, day), detail.kode, data.kabupaten_bounds(), lang
            ),
            _trend(
                data.trend(principal, detail.kode, day),
                data.params.level_cutoffs,
                lang,
                _agenda_lines(data, principal, detail.kode, day),
            ),
            _reports(data.recent_reports(principal, detail.kode, day), lang),
            _events(data.upcoming_events(principal, detail.kode, day), lang),
        ],
        className="kabupaten-page",
    )


def _title(detail: KabupatenDetail, lang: str) -> Any:
    return html.Header(
        [
            html.H1(detail.nama, id="kabupaten-name"),
            html.P(
                f"{detail.nama_prov} · {detail.kode} · {t('kab.zone', lang, zone=detail.zona)} · "
                f"{t('kab.as_of', lang, day=detail.result.as_of.isoformat())}",
                className="muted",
            ),
        ]
    )


def _score_card(detail: KabupatenDetail, lang: str) -> Any:
    result = detail.result
    level = _shown_level(result)
    level_class = f"level-{level}" if level else "level-none"
    context = ""
    if result.election_name:
        stage = label("stage", result.stage, lang) if result.stage else t("election.no_stage", lang)
        countdown = figures.countdown_label(result.days_to_election)
        context = t(
            "kab.stage_context", lang, election=result.election_name, countdown=countdown, stage=stage
        )
    factor_items = [
        html.Li(
            [
                html.Span(label("factor", f, lang)),
                html.Span(figures.format_value(result.factor_scores.get(f, 0.0))),
            ],
            className="factor-item",
        )
        for f in figures.FACTORS
    ]
    factor_items.append(
        html.Li(
            [html.Span(t("kab.agenda", lang)), html.Span(figures.format_value(result.event_score))],
            className="factor-item",
        )
    )
    level_text = label("level", level, lang) if level else t("map.no_data", lang)
    badges = [html.Span(level_text, className=f"badge {level_class}", id="kab-level")]
    if result.surge:
        badges.append(html.Span(t("rank.surge", lang), className="badge surge"))
    return html.Section(
        [
            html.H2(t("kab.score", lang)),
            html.Div(figures.format_value(result.score), className="big-score", id="kab-score"),
            html.Div(badges, className="badges"),
            html.P(f"{t('map.reports_7d', lang)}: {result.reports_7d}", className="muted"),
            html.P(context, className="muted") if context else None,
            html.H3(t("kab.factors", lang)),
            html.Ul(factor_items, className="factor-list"),
        ],
        className="card",
    )


def _explanation(detail: KabupatenDetail, lang: str) -> Any:
    contributions = detail.result.contributions
    if not contributions:
        body: Any = html.P(t("kab.no_contributions", lang), className="muted")
    else:
        header = html.Tr(
            [
                html.Th(t(key, lang))
                for key in ("kab.kind", "kab.day", "kab.title", "kab.factor_or_type", "kab.share")
            ]
        )
        rows = [
            html.Tr(
                [
                    html.Td(t(f"kab.kind.{c.kind}", lang)),
                    html.Td(c.day.isoformat() if c.day else "", className="nowrap"),
                    html.Td(
                        dcc.Link(c.title, href=f"{INBOX_PATH}/{c.id}") if c.kind == "report" else c.title
                    ),
                    html.Td(label("factor" if c.kind == "report" else "event_type", c.factor_or_type, lang)),
                    html.Td(f"{c.share * 100:.0f}%", className="num"),
                ]
            )
            for c in contributions
        ]
        body = data_table(header, rows, id="contributions")
    return html.Section([html.H2(t("kab.explanation", lang)), body], className="card")


def _shown_level(result: RiskResult) -> str | None:
    """A level only where something scored; an area without reports or events is 'no data'."""
    return result.level if result.raw_points > 0 or result.score > 0 else None


def _kecamatan(
    rows: Sequence[tuple[KecamatanRef, RiskResult]], kode: str, bounds: Mapping[str, Bounds], lang: str
) -> Any:
    """The kabupaten's kecamatan as a choropleth (its own layer, by URL) and the ones that score, ranked."""
    levels = [_shown_level(result) for _, result in rows]
    figure = figures.build_map_figure(
        kecamatan_geojson_path(kode),
        [ref.kode for ref, _ in rows],
        [result.score if level else None for (_, result), level in zip(rows, levels, strict=True)],
        levels,
        [
            figures.area_hover(ref.kode, result.factor_scores, result.reports_7d, result.surge, lang)
            for ref, result in rows
        ],
        labels=figures.MapLabels.for_language(lang),
        bounds=bounds.get(kode, figures.INDONESIA),
    )
    scored = sorted(
        (row for row, level in zip(rows, levels, strict=True) if level),
        key=lambda row: (-row[1].score, row[0].kode),
    )
    return html.Section(
        [
            html.H2(t("kab.kecamatan", lang)),
            html.P(t("kab.kecamatan_help", lang), className="muted small"),
            dcc.Graph(
                id="kecamatan-map",
                figure=figure,
                config={"displaylogo": False, "displayModeBar": False, "topojsonURL": figures.TOPOJSON_URL},
                responsive=True,
                style={"height": "380px"},
            ),
            _kecamatan_table(scored, lang),
        ],
        className="card",
    )


def _kecamatan_table(scored: Sequence[tuple[KecamatanRef, RiskResult]], lang: str) -> Any:
    """The kecamatan that score, highest first (all others have nothing reported or planned)."""
    if not scored:
        return html.P(t("kab.kecamatan_none", lang), className="muted", id="kecamatan-none")
    keys = ("kab.kecamatan_name", "rank.score", "rank.level", "rank.reports")
    rows = [
        html.Tr(
            [
                html.Td(ref.nama),
                html.Td(figures.format_value(result.score), className="num"),
                html.Td(
                    html.Span(label("level", result.level, lang), className=f"badge level-{result.level}")
                ),
                html.Td(str(result.reports_7d), className="num"),
            ],
            **{"data-kecamatan": ref.kode},
        )
        for ref, result in scored
    ]
    header = html.Tr([html.Th(t(key, lang)) for key in keys])
    return data_table(header, rows, id="kecamatan-ranking")


def _agenda_lines(data: DashboardData, principal: Principal, kode: str, day: date) -> list[tuple[date, str]]:
    """The planned events the trend marks: from the first charted week to the week ahead."""
    first = last_sundays(day, TREND_WEEKS)[0] - timedelta(days=6)
    return trend_agenda(data, principal, kode, first, day + TREND_AHEAD)


def _trend(
    points: Sequence[TrendPoint],
    cutoffs: tuple[float, float],
    lang: str,
    agenda: Sequence[tuple[date, str]] = (),
) -> Any:
    weeks = [p.week_end for p in points]
    series: dict[str, list[float | None]] = {"total": [p.total for p in points]}
    for factor in figures.FACTORS:
        series[factor] = [p.factor_scores.get(factor, 0.0) for p in points]
    names = {"total": t("kab.trend_total", lang), **{f: label("factor", f, lang) for f in figures.FACTORS}}
    figure = trend.trend_figure(
        weeks,
        series,
        names,
        cutoffs=[
            (value, f"{label('level', level, lang)} ≥ {format_number(value, lang, 2)}")
            for value, level in zip(cutoffs, ("sedang", "tinggi"), strict=True)
        ],
        axis_titles=(t("kab.trend_x", lang), t("kab.trend_y", lang)),
        agenda=agenda,
        agenda_name=t("kab.trend_agenda", lang),
    )
    return html.Section(
        [
            html.H2(t("kab.trend", lang)),
            dcc.Graph(
                id="trend",
                figure=figure,
                config={"displaylogo": False, "displayModeBar": False},
                responsive=True,
                style={"height": "320px"},
            ),
        ],
        className="card",
    )


def _reports(reports: Sequence[ReportPublic], lang: str) -> Any:
    if not reports:
        return html.Section(
            [html.H2(t("kab.reports", lang)), html.P(t("kab.no_reports", lang), className="muted")],
            className="card",
        )
    header = html.Tr(
        [
            html.Th(t(key, lang))
            for key in (
                "kab.time",
                "kab.category",
                "kab.severity",
                "kab.status",
                "kab.title",
                "kab.description",
            )
        ]
    )
    rows = [
        html.Tr(
            [
                html.Td(local_time_label(r.kabupaten_kode, r.occurred_at), className="nowrap"),
                html.Td(label("category", r.category.value, lang)),
                html.Td(f"{r.severity} {label('severity', str(r.severity), lang)}", className="nowrap"),
                html.Td(label("status", r.status.value, lang)),
                html.Td(dcc.Link(r.title, href=f"{INBOX_PATH}/{r.id}"), className="report-title"),
                html.Td(r.description, className="report-description"),
            ],
            **{"data-report": str(r.id)},
        )
        for r in reports
    ]
    return html.Section(
        [
            html.H2(t("kab.reports", lang)),
            data_table(header, rows, id="reports"),
        ],
        className="card",
    )


def _events(events: Sequence[PlannedEvent], lang: str) -> Any:
    if not events:
        return html.Section(
            [html.H2(t("kab.events", lang)), html.P(t("kab.no_events", lang), className="muted")],
            className="card",
        )
    header = html.Tr(
        [
            html.Th(t(key, lang))
            for key in ("kab.time", "kab.event_type", "kab.title", "kab.venue", "kab.organiser", "kab.crowd")
        ]
    )
    rows = [
        html.Tr(
            [
                html.Td(local_time_label(e.kabupaten_kode, e.starts_at), className="nowrap"),
                html.Td(label("event_type", e.event_type, lang)),
                html.Td(e.title),
                html.Td(e.venue),
                html.Td(e.organiser),
                html.Td(
                    figures.EN_DASH if e.expected_crowd is None else format_number(e.expected_crowd, lang),
                    className="num",
                ),
            ]
        )
        for e in events
    ]
    return html.Section(
        [
            html.H2(t("kab.events", lang)),
            data_table(header, rows, id="events"),
        ],
        className="card",
    )
