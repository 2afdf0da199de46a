"""The daily report counts the risk engine reads: recount from scratch, compare, rebuild."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import delete
from sqlmodel import Session, select

from core.reports import AggregateKey, aggregate_key, apply_aggregate_deltas
from models.report import Report, ReportDaily


def recount_daily(session: Session) -> Counter[AggregateKey]:
    """What the aggregate should hold, recomputed from every stored report."""
    counts: Counter[AggregateKey] = Counter()
    for report in session.exec(select(Report).execution_options(yield_per=5000)):
        key = aggregate_key(report, report.status)
        if key:
            counts[key] += 1
    return counts


def stored_daily(session: Session) -> Counter[AggregateKey]:
    """What the aggregate holds now (zero rows left behind by status changes are dropped)."""
    return Counter(
        {
            (r.kabupaten_kode, r.day, r.factor, r.severity, r.verified): r.count
            for r in session.exec(select(ReportDaily))
            if r.count
        }
    )


def rebuild_daily(session: Session) -> int:
    """Replace the aggregate with a fresh recount (after bulk loads or a repair); returns rows."""
    counts = recount_daily(session)
    session.exec(delete(ReportDaily))
    apply_aggregate_deltas(session, counts)
    session.commit()
    return len(counts)
