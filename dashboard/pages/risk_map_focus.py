"""The day the map opens on: the one asked for, else today, else the latest day with data.

A new installation (or one between elections) would open on an empty, grey map of today; when
today has no recent reports and no election stage is running, the first view moves to the
newest day with data and a banner says so. A day in the URL (`?tanggal=`) is never moved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from dash import dcc, html

from core.accounts.service import Principal
from core.risk.params import RiskParams
from dashboard.data import DashboardData
from dashboard.i18n import t
from dashboard.pages.query import MapQuery, first, parse_date
from dashboard.views import ElectionView

RECENT_DAYS = 7  # the map's "Laporan 7 hari": reports this recent make today worth showing


@dataclass(frozen=True)
class FocusDay:
    """The day shown, whether it replaced today, and whether its data is the synthetic demo's."""

    day: date
    moved: bool = False
    demo: bool = False


def choose_focus_day(
    *, asked: date | None, today: date, stage_active: bool, latest_data: date | None, demo: bool
) -> FocusDay:
    """The asked day; else today, unless today is quiet and outside every stage: then the latest data."""
    if asked is not None:
        return FocusDay(asked)
    recent = latest_data is not None and latest_data > today - timedelta(days=RECENT_DAYS)
    if stage_active or latest_data is None or recent or latest_data > today:
        return FocusDay(today)
    return FocusDay(latest_data, moved=True, demo=demo)


def any_stage_on(elections: Sequence[ElectionView], day: date, params: RiskParams) -> bool:
    """Whether some election is in one of its stages on day (the team then needs today's view)."""
    return any(election.stage_on(day, params) for election in elections)


def focus_view(
    data: DashboardData, principal: Principal, query: Mapping[str, Sequence[str]], view: MapQuery
) -> tuple[MapQuery, FocusDay]:
    """The page's first state with its day settled by `choose_focus_day`."""
    today = data.today()
    asked = parse_date(first(query, "tanggal"))
    stage_active = asked is None and any_stage_on(data.elections(), today, data.params)
    latest = data.latest_data(principal, today) if asked is None and not stage_active else None
    focus = choose_focus_day(
        asked=asked,
        today=today,
        stage_active=stage_active,
        latest_data=latest.day if latest else None,
        demo=latest.demo if latest else False,
    )
    return replace(view, as_of=focus.day), focus


def long_date(day: date, lang: str) -> str:
    """A day written out in the reader's language: '30 November 2024' / 'November 30, 2024'."""
    return t("date.long", lang, day=day.day, month=t(f"month.{day.month}", lang), year=day.year)


def focus_banner(focus: FocusDay, today: date, lang: str) -> Any:
    """Why the map shows another day than today, with a link back to today (hidden otherwise)."""
    if not focus.moved:
        return html.Div(id="focus-banner", style={"display": "none"})
    key = "focus.demo" if focus.demo else "focus.latest"
    return html.Div(
        [
            html.Span(t(key, lang, day=long_date(focus.day, lang)), id="focus-text"),
            " ",
            dcc.Link(t("focus.today", lang), href=f"/?tanggal={today.isoformat()}", id="focus-today"),
        ],
        id="focus-banner",
        className="card focus-banner",
        role="status",
    )
