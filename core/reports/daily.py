"""The daily report counts the risk engine reads: recount from scratch, compare, rebuild."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import delete
from sqlmodel import Session, select

from core.reports.intake import AggregateKey, aggregate_key, apply_aggregate_deltas
from core.risk.params import POINT_UNITS
from models.report import (
    AGGREGATE_CLASSES,
    AGGREGATE_COLUMNS,
    POINTS_COLUMNS,
    Report,
    ReportDaily,
    aggregate_column,
)


def recount_daily(session: Session) -> Counter[AggregateKey]:
    """What the aggregate should hold, recomputed from every stored report."""
    counts: Counter[AggregateKey] = Counter()
    for report in session.exec(select(Report).execution_options(yield_per=5000)):
        key = aggregate_key(report, report.status)
        if key:
            counts[key] += 1
    return counts


def stored_daily(session: Session) -> Counter[AggregateKey]:
    """What the aggregate holds now, one key per class (zero counts are dropped).

    Raises ValueError when a row's total or its per-factor points disagree with its counts.
    """
    counts: Counter[AggregateKey] = Counter()
    for row in session.execute(select(ReportDaily.__table__)).mappings():
        points = dict.fromkeys(POINTS_COLUMNS, 0)
        for factor, severity, verified in AGGREGATE_CLASSES:
            n = row[aggregate_column(factor, severity, verified)]
            if n:
                counts[(row["kabupaten_kode"], row["day"], factor, severity, verified)] = n
                points[factor] += n * POINT_UNITS[(severity, verified)]
        where = f"{row['kabupaten_kode']} {row['day']}"
        if row["count"] != sum(row[name] for name in AGGREGATE_COLUMNS):
            raise ValueError(f"report_daily total out of step for {where}")
        if any(row[POINTS_COLUMNS[factor]] != units for factor, units in points.items()):
            raise ValueError(f"report_daily points out of step with the counts for {where}")
    return counts


def rebuild_daily(session: Session) -> int:
    """Replace the aggregate with a fresh recount (after bulk loads or a repair); returns rows."""
    counts = recount_daily(session)
    session.exec(delete(ReportDaily.__table__))
    apply_aggregate_deltas(session, counts)
    session.commit()
    return len(counts)
