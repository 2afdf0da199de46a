"""The main page's numbers: map columns, hover texts, the ranking and which scores to show.

Pure functions of `AreaValues` (plus a `DashboardData` for the few that read), shared by the
page's first render and its callbacks, so both always show the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from core.accounts.service import Principal
from core.risk.params import RiskParams
from dashboard import figures
from dashboard.data import DashboardData
from dashboard.i18n import format_number, label, t
from dashboard.pages.query import factor_key, parse_date
from dashboard.views import AreaValues

RANK_LIMIT = 15
CHANGE_EPSILON = 0.05


def factor_label(choice: str | None, lang: str) -> str:
    """Which score the hover shows: 'Skor total', or 'Skor dari faktor Kerumunan saja' for one factor."""
    key = factor_key(choice)
    if key is None:
        return t("map.score_total", lang)
    return t("map.score_factor", lang, factor=label("factor", key, lang))


def map_columns(
    areas: Sequence[AreaValues], factor: str | None, params: RiskParams
) -> tuple[list[str], list[float | None], list[str | None]]:
    """Codes, values and levels in one order, ready for the choropleth."""
    pairs = [area.value(factor, params) for area in areas]
    return [a.kode for a in areas], [p[0] for p in pairs], [p[1] for p in pairs]


def hover_column(areas: Sequence[AreaValues], lang: str) -> list[str]:
    """Per-date hover text: province, factor breakdown, reports in 7 days, surge."""
    return [figures.area_hover(a.nama_prov, a.factor_scores, a.reports_7d, a.surge, lang) for a in areas]


@dataclass(frozen=True)
class RankRow:
    """One ranked kabupaten: its value and level for the factor, and the change over 7 days."""

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
        return "↑", f"+{format_number(change, lang, 1)}", "change-up"
    if change < -CHANGE_EPSILON:
        return "↓", format_number(change, lang, 1), "change-down"
    return "→", format_number(0.0, lang, 1), "change-same"


def shown_day(day: date, week: str | None, frozen_weeks: Sequence[date]) -> date:
    """The day the values are of: a frozen week's Sunday when one is picked, else the picked day."""
    week_start = parse_date(week)
    if week_start is not None and week_start in frozen_weeks:
        return week_start + timedelta(days=6)
    return day


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
