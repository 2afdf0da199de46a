"""Frozen weekly snapshots as the dashboard shows them: the frozen weeks, a week's map, a trend.

Reads go straight to `core.snapshots.freeze`; a frozen row becomes the same value objects as
a live result, so the map and the trend draw either without knowing which.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date

from sqlmodel import Session

from core.snapshots.queries import SnapshotRow, list_weeks, snapshot_rows, trend
from dashboard.views import AreaRef, AreaValues, TrendPoint
from models import vocab
from models.snapshot import RunStatus

NO_ROW_LEVEL = vocab.LEVELS[0].value  # the lowest level; a kabupaten without a row shows 'no data'


def frozen_weeks(*, session: Session) -> list[date]:
    """The Mondays of every successfully frozen week, newest first."""
    weeks = {week.week_start for week in list_weeks(session=session) if week.status == RunStatus.SUCCEEDED}
    return sorted(weeks, reverse=True)


def frozen_area_values(
    *, session: Session, refs: Sequence[AreaRef], week_start: date
) -> list[AreaValues] | None:
    """A frozen week's numbers in the order of refs; None when the week holds no row in scope."""
    rows = snapshot_rows(session=session, week_start=week_start, kodes=[ref.kode for ref in refs])
    by_kode = {row.kabupaten_kode: row for row in rows}
    if not by_kode:
        return None
    return [snapshot_values(ref, by_kode.get(ref.kode)) for ref in refs]


def frozen_trend(*, session: Session, kode: str, weeks: int) -> dict[date, TrendPoint]:
    """A kabupaten's frozen weekly rows by the Sunday each was scored for."""
    return {
        row.as_of: TrendPoint(row.as_of, row.score, row.factor_scores, frozen=True)
        for row in trend(session=session, kabupaten_kode=kode, weeks=weeks)
    }


def snapshot_values(ref: AreaRef, row: SnapshotRow | None) -> AreaValues:
    """A frozen row in the live shape; a kabupaten without a row shows 'no data'."""
    if row is None:
        return AreaValues(
            **asdict(ref),
            score=0.0,
            level=NO_ROW_LEVEL,
            factor_scores={},
            reports_7d=0,
            surge=False,
            has_data=False,
        )
    scores = row.factor_scores
    return AreaValues(
        **asdict(ref),
        score=row.score,
        level=row.level,
        factor_scores=scores,
        reports_7d=row.reports_7d,
        surge=row.surge,
        has_data=row.score > 0,
        factor_has_data={factor: value > 0 for factor, value in scores.items()},
    )
