"""Helpers the snapshot and alert tests share: violent days, freezing a week, reading what was stored."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func
from sqlmodel import select

from core.accounts.service import Principal
from core.db import read_session, write_session
from core.reports.daily import apply_aggregate_deltas
from core.risk.params import DEFAULT_PARAMS
from core.snapshots.freeze import SnapshotRunResult, compute_week
from core.snapshots.weekly_report import EventAhead, WeeklyReport
from models.account import Role
from models.snapshot import RiskSnapshot, SnapshotRun

WIB = ZoneInfo("Asia/Jakarta")
WIT = ZoneInfo("Asia/Jayapura")
WEEK_1 = date(2024, 11, 11)  # Monday; its Sunday is 2024-11-17
WEEK_2 = date(2024, 11, 18)  # Monday; its Sunday is 2024-11-24 (Pilkada masa tenang)
KABUPATEN = 514
ADMIN = Principal(account_id=1, name="admin", role=Role.ADMIN)  # for reads: no account row behind it
MALUKU_ANALYST = Principal(account_id=2, name="analyst", role=Role.ANALYST, provinsi_kode="81")


def store_violence(engine: Engine, kode: str, day: date, reports: int) -> None:
    """Verified severity-5 violence on one local day: enough of it makes a kabupaten tinggi and surge."""
    with write_session(engine) as session:
        apply_aggregate_deltas(session, Counter({(kode, day, "kekerasan", 5, True): reports}))
        session.commit()


def freeze(
    engine: Engine, week: date, *, force: bool = False, actor: Principal | None = None
) -> SnapshotRunResult:
    """Freeze one week with the default model, as the CLI would."""
    with write_session(engine) as session:
        return compute_week(
            session=session, week_start=week, params=DEFAULT_PARAMS, trigger="cli", force=force, actor=actor
        )


def runs(engine: Engine) -> list[SnapshotRun]:
    with read_session(engine) as session:
        return list(session.exec(select(SnapshotRun).order_by(SnapshotRun.week_start)).all())


def row_counts(engine: Engine) -> dict[date, int]:
    with read_session(engine) as session:
        query = select(RiskSnapshot.week_start, func.count()).group_by(RiskSnapshot.week_start)
        return dict(session.exec(query).all())


def snapshot_of(engine: Engine, week: date, kode: str) -> RiskSnapshot:
    with read_session(engine) as session:
        return session.exec(
            select(RiskSnapshot).where(RiskSnapshot.week_start == week, RiskSnapshot.kabupaten_kode == kode)
        ).one()


def at(day: date, hour: int) -> datetime:
    """An hour of a day in Jakarta: the clock the scheduler and the week edges use."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=WIB)


def ahead_with_events(events: tuple[EventAhead, ...]) -> WeeklyReport:
    """A report whose only content is its week ahead."""
    return WeeklyReport(
        week_start=date(2024, 11, 18), as_of=date(2024, 11, 24), next_week_start=date(2024, 11, 25),
        next_week_end=date(2024, 12, 1), provinsi_kode=None, provinsi_nama=None, timezone="Asia/Jakarta",
        zona="WIB", rows=(), tinggi=(), rose=(), surges=(), flagged=(), elections=(), events=events,
        generated_at=None, model_version=None, params_hash=None,
    )  # fmt: skip
