"""The daily report counts the risk engine reads: keep them in step, recount, compare, rebuild."""

from __future__ import annotations

import functools
from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from core.regions.service import local_day
from core.reports.rows import StoredOrPrepared
from core.risk.params import POINT_UNITS
from models.report import (
    AGGREGATE_CLASSES,
    AGGREGATE_COLUMNS,
    COUNTED_STATUSES,
    POINTS_COLUMNS,
    VERIFIED_STATUSES,
    Report,
    ReportDaily,
    ReportStatus,
    aggregate_column,
    factor_of,
)

ZERO_COUNTS = dict.fromkeys((*AGGREGATE_COLUMNS, *POINTS_COLUMNS.values()), 0)

AggregateKey = tuple[str, date, str, int, bool]
Executor = Session | Connection


def aggregate_key(report: StoredOrPrepared, status: str) -> AggregateKey | None:
    """Where a report counts in the daily aggregate; None when its status does not count."""
    counted_as = ReportStatus(status)
    if counted_as not in COUNTED_STATUSES:
        return None
    return (
        report.kabupaten_kode,
        local_day(report.kabupaten_kode, report.occurred_at),
        factor_of(report.category).value,
        report.severity,
        counted_as in VERIFIED_STATUSES,
    )


@functools.lru_cache(maxsize=4)
def _aggregate_upsert(dialect: str) -> Any:
    """Built once per backend: constructing this 53-column statement costs more than running it."""
    table = ReportDaily.__table__
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    return stmt.on_conflict_do_update(
        index_elements=["day", "kabupaten_kode"],
        set_={name: table.c[name] + stmt.excluded[name] for name in ("count", *ZERO_COUNTS)},
    )


def _dialect_name(executor: Executor) -> str:
    """Which backend a session or connection talks to (the upsert's syntax depends on it)."""
    bind = executor if isinstance(executor, Connection) else executor.get_bind()
    return bind.dialect.name


def apply_aggregate_deltas(session: Executor, deltas: Counter[AggregateKey]) -> None:
    """Add the deltas to the daily rows: one cached upsert statement run over every touched day."""
    rows: dict[tuple[str, date], dict[str, Any]] = {}
    for (kode, day, factor, severity, verified), n in deltas.items():
        if n:
            row = rows.setdefault(
                (kode, day), {"day": day, "kabupaten_kode": kode, "count": 0, **ZERO_COUNTS}
            )
            row[aggregate_column(factor, severity, verified)] += n
            row[POINTS_COLUMNS[factor]] += n * POINT_UNITS[(severity, verified)]
            row["count"] += n
    if not rows:
        return
    session.execute(_aggregate_upsert(_dialect_name(session)), list(rows.values()))


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
