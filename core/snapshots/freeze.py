"""Freezing a week's risk exactly once: score every kabupaten, replace the week's rows, record the run.

Freezing a week replaces its 514 rows and records the run in one transaction; the database
decides races (an advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite, unique keys on both).
Week arithmetic lives in core.snapshots.weeks, reading frozen weeks in core.snapshots.queries.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from core.accounts.service import Principal
from core.risk.engine import RiskResult
from core.risk.params import FACTORS, MODEL_VERSION, RiskParams
from core.risk.service import kecamatan_refs, risk_for_kecamatan_refs, risk_for_kodes
from core.snapshots.queries import run_status
from core.snapshots.weeks import check_week_start, week_end
from models import vocab
from models.account import AuditEvent
from models.region import Kabupaten
from models.report import ReportDaily
from models.snapshot import KecamatanSnapshot, RiskSnapshot, RunStatus, RunTrigger, SnapshotRun
from models.types import utc_now

logger = logging.getLogger(__name__)

LEVEL_RANK = {level: rank for rank, level in enumerate(vocab.values(vocab.LEVELS))}
REPORTS_28D_DAYS = 28
ADVISORY_LOCK_NAMESPACE = 0x57535053  # "WSPS": keeps our advisory keys apart from anyone else's
ERROR_TEXT_LIMIT = 4000

AlertHook = Callable[[Session, date], Sequence[int]]
"""Called inside the freezing transaction with the week; returns the ids of the alerts it raised."""


# --------------------------------------------------------------------------- freezing a week


@dataclass(frozen=True)
class SnapshotRunResult:
    """What one attempt to freeze a week did: succeeded, skipped (already done) or failed."""

    week_start: date
    status: str
    rows: int = 0
    forced: bool = False
    error: str | None = None
    alert_ids: tuple[int, ...] = ()

    @property
    def succeeded(self) -> bool:
        return self.status == RunStatus.SUCCEEDED.value


SKIPPED = "skipped"


def compute_week(
    *,
    session: Session,
    week_start: date,
    params: RiskParams,
    trigger: RunTrigger | str,
    force: bool = False,
    actor: Principal | None = None,
    raise_alerts: AlertHook | None = None,
) -> SnapshotRunResult:
    """Freeze one week once; a succeeded week is only recomputed with force (audited).

    `session` must be a write session (core.db.write_session): each transaction it opens
    takes the SQLite write lock at BEGIN. Failures are recorded, logged and returned, not raised.
    """
    week = check_week_start(week_start)
    trigger = RunTrigger(trigger)
    if not force and run_status(session=session, week_start=week) == RunStatus.SUCCEEDED.value:
        session.rollback()
        return SnapshotRunResult(week, SKIPPED)
    _mark_running(session, week, trigger)
    try:
        return _freeze(session, week, params, trigger, force, actor, raise_alerts)
    except Exception as exc:
        session.rollback()
        logger.exception("snapshot of week %s failed", week.isoformat())
        error = f"{type(exc).__name__}: {exc}"[:ERROR_TEXT_LIMIT]
        _record_failure(session, week, error)
        return SnapshotRunResult(week, RunStatus.FAILED.value, forced=force, error=error)


def _upsert(session: Session, table: Any) -> Any:
    """INSERT with ON CONFLICT for the session's backend."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def _mark_running(session: Session, week: date, trigger: RunTrigger) -> None:
    """Show the week as running (own short transaction); a succeeded record is left as it is."""
    table = SnapshotRun.__table__
    values = {"status": RunStatus.RUNNING.value, "trigger": trigger.value, "started_at": utc_now()}
    stmt = _upsert(session, table).values(week_start=week, rows=0, attempts=0, **values)
    stmt = stmt.on_conflict_do_update(
        index_elements=["week_start"],
        set_={**values, "finished_at": None},
        where=table.c.status != RunStatus.SUCCEEDED.value,
    )
    session.exec(stmt)
    session.commit()


def _lock_week(session: Session, week: date) -> None:
    """Serialise freezers of one week: the first statement of the transaction takes the lock."""
    if session.get_bind().dialect.name == "postgresql":
        session.exec(
            text("SELECT pg_advisory_xact_lock(:namespace, :week)").bindparams(
                namespace=ADVISORY_LOCK_NAMESPACE, week=week.toordinal()
            )
        )
    # SQLite: the write session began this transaction with BEGIN IMMEDIATE: the lock is already ours


def _freeze(
    session: Session,
    week: date,
    params: RiskParams,
    trigger: RunTrigger,
    force: bool,
    actor: Principal | None,
    raise_alerts: AlertHook | None,
) -> SnapshotRunResult:
    """Lock, re-check, replace the week's rows, relink the next week, record the run: one commit."""
    _lock_week(session, week)
    run = session.exec(
        select(SnapshotRun).where(SnapshotRun.week_start == week).execution_options(populate_existing=True)
    ).first()
    if run is not None and run.status == RunStatus.SUCCEEDED.value and not force:
        session.rollback()
        return SnapshotRunResult(week, SKIPPED)
    rows = snapshot_values(session=session, week=week, params=params)
    session.exec(delete(RiskSnapshot).where(col(RiskSnapshot.week_start) == week))
    session.execute(insert(RiskSnapshot.__table__), rows)
    session.exec(delete(KecamatanSnapshot).where(col(KecamatanSnapshot.week_start) == week))
    kecamatan_rows = kecamatan_snapshot_values(session=session, week=week, params=params)
    if kecamatan_rows:
        session.execute(insert(KecamatanSnapshot.__table__), kecamatan_rows)
    _relink_next_week(session, week, {r["kabupaten_kode"]: r["level"] for r in rows})
    _record_success(session, run, week, trigger, len(rows), params)
    alert_ids = tuple(raise_alerts(session, week)) if raise_alerts else ()
    if force:
        _audit_recompute(session, week, actor, trigger)
    session.commit()
    return SnapshotRunResult(week, RunStatus.SUCCEEDED.value, len(rows), force, None, alert_ids)


def snapshot_values(*, session: Session, week: date, params: RiskParams) -> list[dict[str, Any]]:
    """Score every kabupaten on the week's Sunday, with its change against the previous week."""
    as_of = week_end(week)
    kodes = list(session.exec(select(Kabupaten.kode).order_by(Kabupaten.kode)).all())
    results = risk_for_kodes(session=session, kodes=kodes, as_of=as_of, params=params)
    last_28d = reports_in_days(session=session, as_of=as_of, days=REPORTS_28D_DAYS)
    previous = previous_levels(session=session, week=week)
    stamp = utc_now()
    return [_row(week, results[kode], last_28d.get(kode, 0), previous.get(kode), stamp) for kode in kodes]


def kecamatan_snapshot_values(*, session: Session, week: date, params: RiskParams) -> list[dict[str, Any]]:
    """Score every kecamatan of the registry on the week's Sunday (one query for the whole country)."""
    refs = kecamatan_refs(session=session)
    results = risk_for_kecamatan_refs(session=session, kecamatan=refs, as_of=week_end(week), params=params)
    return [
        {
            "week_start": week,
            "kecamatan_kode": ref.kode,
            "kabupaten_kode": ref.kode_kab,
            "as_of": result.as_of,
            "score": result.score,
            "level": result.level,
            **{f"score_{factor}": result.factor_scores[factor] for factor in FACTORS},
            "reports_7d": result.reports_7d,
            "surge": result.surge,
            "model_version": result.model_version,
            "params_hash": result.params_hash,
        }
        for ref, result in ((ref, results[ref.kode]) for ref in refs)
    ]


def _row(
    week: date, result: RiskResult, reports_28d: int, previous_level: str | None, stamp: datetime
) -> dict[str, Any]:
    """One snapshot row as plain column values, ready for a bulk insert."""
    return {
        "week_start": week,
        "kabupaten_kode": result.kabupaten_kode,
        "as_of": result.as_of,
        "score": result.score,
        "level": result.level,
        **{f"score_{factor}": result.factor_scores[factor] for factor in FACTORS},
        "reports_7d": result.reports_7d,
        "reports_28d": reports_28d,
        "surge": result.surge,
        "previous_level": previous_level,
        "level_change": level_change(previous_level, result.level),
        "model_version": result.model_version,
        "params_hash": result.params_hash,
        "created_at": stamp,
    }


def level_change(previous_level: str | None, level: str) -> int | None:
    """+1/+2 rose, 0 same, negative fell; None without a previous week to compare with."""
    if previous_level is None:
        return None
    return LEVEL_RANK[level] - LEVEL_RANK[previous_level]


def reports_in_days(*, session: Session, as_of: date, days: int) -> dict[str, int]:
    """Counted reports per kabupaten on the local days as_of-(days-1) .. as_of."""
    daily = ReportDaily.__table__
    query = (
        select(daily.c.kabupaten_kode, func.sum(daily.c.count))
        .where(daily.c.day > as_of - timedelta(days=days), daily.c.day <= as_of)
        .group_by(daily.c.kabupaten_kode)
    )
    return {kode: int(total or 0) for kode, total in session.execute(query)}


def previous_levels(*, session: Session, week: date) -> dict[str, str]:
    """The levels frozen for the week before, to tell what rose and what fell."""
    query = select(RiskSnapshot.kabupaten_kode, RiskSnapshot.level).where(
        RiskSnapshot.week_start == week - timedelta(days=7)
    )
    return dict(session.exec(query).all())


def _relink_next_week(session: Session, week: date, levels: dict[str, str]) -> None:
    """A recomputed week changes what the following week rose or fell from; keep it true."""
    following = week + timedelta(days=7)
    rows = session.exec(
        select(RiskSnapshot.kabupaten_kode, RiskSnapshot.level).where(RiskSnapshot.week_start == following)
    ).all()
    if not rows:
        return
    table = RiskSnapshot.__table__
    stmt = (
        update(table)
        .where(table.c.week_start == bindparam("b_week"), table.c.kabupaten_kode == bindparam("b_kode"))
        .values(previous_level=bindparam("b_previous"), level_change=bindparam("b_change"))
    )
    params = [
        {
            "b_week": following,
            "b_kode": kode,
            "b_previous": levels.get(kode),
            "b_change": level_change(levels.get(kode), level),
        }
        for kode, level in rows
    ]
    session.connection().execute(stmt, params)


def _record_success(
    session: Session, run: SnapshotRun | None, week: date, trigger: RunTrigger, rows: int, params: RiskParams
) -> None:
    """The run record says succeeded, with when, how many rows and which model made them."""
    now = utc_now()
    if run is None:
        run = SnapshotRun(
            week_start=week, status=RunStatus.RUNNING.value, trigger=trigger.value, started_at=now
        )
    run.status = RunStatus.SUCCEEDED.value
    run.trigger = trigger.value
    run.finished_at = now
    run.error = None
    run.rows = rows
    run.attempts += 1
    run.model_version = MODEL_VERSION
    run.params_hash = params.params_hash()
    session.add(run)


def _record_failure(session: Session, week: date, error: str) -> None:
    """Record the failure in its own transaction so the next tick retries the week."""
    try:
        session.exec(
            update(SnapshotRun)
            .where(col(SnapshotRun.week_start) == week, col(SnapshotRun.status) != RunStatus.SUCCEEDED.value)
            .values(
                status=RunStatus.FAILED.value,
                error=error,
                finished_at=utc_now(),
                attempts=col(SnapshotRun.attempts) + 1,
            )
        )
        session.commit()
    except Exception:  # the database itself may be what failed; the log keeps the story
        session.rollback()
        logger.exception("could not record the failed snapshot of week %s", week.isoformat())


def _audit_recompute(session: Session, week: date, actor: Principal | None, trigger: RunTrigger) -> None:
    """A forced recompute rewrites history, so it is written to the audit trail."""
    session.add(
        AuditEvent(
            account_id=actor.account_id if actor else None,
            actor=actor.name if actor else trigger.value,
            entity="snapshot",
            entity_id=week.isoformat(),
            action="recompute",
            to_value=trigger.value,
        )
    )
