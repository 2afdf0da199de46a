"""Reading frozen weeks: run records, which weeks are still to freeze, a week's rows with names, trends.

A snapshot row as callers see it (`SnapshotRow`) is the snapshot table's columns plus the
kabupaten's and province's names; its fields are derived from `RiskSnapshot`, so the API, the
files and the weekly report can never disagree with the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, make_dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from core.accounts.service import Principal
from core.errors import NotFound
from core.regions.service import kabupaten_kode_or_not_found
from core.risk.params import FACTORS
from core.risk.service import kabupaten_in_scope
from core.snapshots.weeks import EARLIEST_WEEK, check_week_start, last_complete_week, week_end, week_start
from models.election import Election, ElectionStage
from models.region import Kabupaten, Kecamatan, Province
from models.report import ReportDaily
from models.snapshot import KecamatanSnapshot, RiskSnapshot, RunStatus, SnapshotRun

# --------------------------------------------------------------------------- run records


def run_status(*, session: Session, week_start: date) -> str | None:
    """The status of a week's run record (None: never attempted), so callers tell frozen weeks apart."""
    return session.exec(select(SnapshotRun.status).where(SnapshotRun.week_start == week_start)).first()


def earliest_data_day(*, session: Session) -> date | None:
    """The first day anything can score: the oldest counted report or election stage (None: neither)."""
    report_day = session.exec(select(func.min(ReportDaily.day)).where(ReportDaily.count > 0)).one()
    stage_day = session.exec(select(func.min(ElectionStage.start_date))).one()
    voting_day = session.exec(select(func.min(Election.voting_day))).one()
    days = [day for day in (report_day, stage_day, voting_day) if day is not None]
    return min(days) if days else None


def missing_weeks(*, session: Session, now: datetime, tz: ZoneInfo | str, limit: int) -> list[date]:
    """Complete weeks to produce, oldest first, bounded to the newest `limit`.

    Every complete week after the newest succeeded one, and any week in that span whose
    run failed or never finished; with no snapshot at all, the last `limit` weeks. Never a
    week before the first report or election: those would be empty weeks frozen for nothing.
    """
    last = last_complete_week(now, tz)
    first_day = earliest_data_day(session=session)
    if last is None or limit <= 0 or first_day is None:
        return []
    oldest = max(EARLIEST_WEEK, week_start(first_day))
    window = [last - timedelta(days=7 * i) for i in reversed(range(limit))]
    window = [w for w in window if w >= oldest]
    if not window:
        return []
    runs = dict(
        session.exec(
            select(SnapshotRun.week_start, SnapshotRun.status).where(col(SnapshotRun.week_start) >= window[0])
        ).all()
    )
    newest_success = session.exec(
        select(func.max(SnapshotRun.week_start)).where(SnapshotRun.status == RunStatus.SUCCEEDED.value)
    ).one()
    return [
        w
        for w in window
        if runs.get(w) != RunStatus.SUCCEEDED.value
        and (newest_success is None or w > newest_success or w in runs)
    ]


@dataclass(frozen=True)
class SnapshotWeek:
    """A week's run record, as the list of available weeks shows it."""

    week_start: date
    as_of: date
    status: str
    trigger: str
    started_at: datetime
    finished_at: datetime | None
    rows: int
    attempts: int
    error: str | None
    model_version: str | None
    params_hash: str | None


def list_weeks(*, session: Session) -> list[SnapshotWeek]:
    """Every week with a run record, newest first."""
    runs = session.exec(select(SnapshotRun).order_by(col(SnapshotRun.week_start).desc())).all()
    return [_week_view(run) for run in runs]


def snapshot_run(*, session: Session, week_start: date) -> SnapshotWeek | None:
    """One week's run record, if any."""
    run = session.exec(select(SnapshotRun).where(SnapshotRun.week_start == week_start)).first()
    return _week_view(run) if run else None


def _week_view(run: SnapshotRun) -> SnapshotWeek:
    return SnapshotWeek(
        week_start=run.week_start,
        as_of=week_end(run.week_start),
        status=run.status,
        trigger=run.trigger,
        started_at=run.started_at,
        finished_at=run.finished_at,
        rows=run.rows,
        attempts=run.attempts,
        error=run.error,
        model_version=run.model_version,
        params_hash=run.params_hash,
    )


# --------------------------------------------------------------------------- frozen rows with names


NAME_FIELDS: tuple[tuple[str, type], ...] = (("nama", str), ("kode_prov", str), ("nama_prov", str))
_LEADING_COLUMNS = ("week_start", "as_of", "kabupaten_kode")
SNAPSHOT_COLUMNS: tuple[str, ...] = tuple(RiskSnapshot.model_fields)


def _snapshot_row_fields() -> list[tuple[str, Any]]:
    """The table's columns in the API's order: the week, its Sunday, the kabupaten and its names, the rest."""
    types = {name: info.annotation for name, info in RiskSnapshot.model_fields.items()}
    rest = [(name, types[name]) for name in SNAPSHOT_COLUMNS if name not in _LEADING_COLUMNS]
    return [(name, types[name]) for name in _LEADING_COLUMNS] + list(NAME_FIELDS) + rest


def _factor_scores(row: Any) -> dict[str, float]:
    """The factor scores of a row as one mapping, as the live risk result has them."""
    return {factor: getattr(row, f"score_{factor}") for factor in FACTORS}


SnapshotRow = make_dataclass(
    "SnapshotRow",
    _snapshot_row_fields(),
    frozen=True,
    namespace={
        "__doc__": "One frozen kabupaten-week with its names: what the API, exports and report all show.",
        "__module__": __name__,
        "factor_scores": property(_factor_scores),
    },
)
SNAPSHOT_FIELDS: tuple[str, ...] = tuple(SnapshotRow.__dataclass_fields__)


def _rows_query() -> Any:
    """Snapshot rows joined with the names of their kabupaten and province."""
    return (
        select(RiskSnapshot, Kabupaten.nama, Kabupaten.kode_prov, Province.nama)
        .join(Kabupaten, col(Kabupaten.kode) == col(RiskSnapshot.kabupaten_kode))
        .join(Province, col(Province.kode) == col(Kabupaten.kode_prov))
    )


def _snapshot_row(snap: RiskSnapshot, nama: str, kode_prov: str, nama_prov: str) -> SnapshotRow:
    values = {name: getattr(snap, name) for name in SNAPSHOT_COLUMNS}
    return SnapshotRow(**values, nama=nama, kode_prov=kode_prov, nama_prov=nama_prov)


def snapshot_rows(
    *, session: Session, week_start: date, kodes: Sequence[str] | None = None
) -> list[SnapshotRow]:
    """A frozen week's rows (all, or these kabupaten), in code order, with names."""
    query = (
        _rows_query().where(RiskSnapshot.week_start == week_start).order_by(col(RiskSnapshot.kabupaten_kode))
    )
    if kodes is not None:
        query = query.where(col(RiskSnapshot.kabupaten_kode).in_(list(kodes)))
    return [_snapshot_row(*row) for row in session.exec(query).all()]


def snapshot_for_scope(
    *, session: Session, account: Principal, week_start: date, provinsi: str | None = None
) -> list[SnapshotRow]:
    """The week's rows the caller may see; NotFound when the week was never frozen."""
    week = check_week_start(week_start)
    if run_status(session=session, week_start=week) != RunStatus.SUCCEEDED.value:
        raise NotFound(f"no snapshot for the week starting {week.isoformat()}")
    refs = kabupaten_in_scope(session=session, account=account, provinsi=provinsi)
    return snapshot_rows(session=session, week_start=week, kodes=[r.kode for r in refs])


def trend(*, session: Session, kabupaten_kode: str, weeks: int = 12) -> list[SnapshotRow]:
    """A kabupaten's last `weeks` frozen weeks, oldest first (the caller checks scope)."""
    query = (
        _rows_query()
        .where(RiskSnapshot.kabupaten_kode == kabupaten_kode)
        .order_by(col(RiskSnapshot.week_start).desc())
        .limit(weeks)
    )
    return [_snapshot_row(*row) for row in reversed(session.exec(query).all())]


def latest_level_before(*, session: Session, kabupaten_kode: str, week: date) -> str | None:
    """The level frozen for the newest week before this one (what 'rose to tinggi' compares with)."""
    return session.exec(
        select(RiskSnapshot.level)
        .where(RiskSnapshot.kabupaten_kode == kabupaten_kode, col(RiskSnapshot.week_start) < week)
        .order_by(col(RiskSnapshot.week_start).desc())
        .limit(1)
    ).first()


# --------------------------------------------------------------------------- frozen kecamatan rows


_KECAMATAN_LEADING = ("week_start", "as_of", "kecamatan_kode")
_KECAMATAN_NAMES: tuple[tuple[str, type], ...] = (("nama", str), ("kabupaten_kode", str), ("nama_kab", str))


def _kecamatan_row_fields() -> list[tuple[str, Any]]:
    """The week, its Sunday, the kecamatan, the names, then the scores (in the table's order)."""
    types = {name: info.annotation for name, info in KecamatanSnapshot.model_fields.items()}
    named = {name for name, _ in _KECAMATAN_NAMES}
    leading = {*_KECAMATAN_LEADING, *named}
    rest = [(name, kind) for name, kind in types.items() if name not in leading]
    return [(name, types[name]) for name in _KECAMATAN_LEADING] + list(_KECAMATAN_NAMES) + rest


KecamatanSnapshotRow = make_dataclass(
    "KecamatanSnapshotRow",
    _kecamatan_row_fields(),
    frozen=True,
    namespace={
        "__doc__": "One frozen kecamatan-week with its own and its kabupaten's name.",
        "__module__": __name__,
        "factor_scores": property(_factor_scores),
    },
)
KECAMATAN_SNAPSHOT_FIELDS: tuple[str, ...] = tuple(KecamatanSnapshotRow.__dataclass_fields__)


def kecamatan_snapshot_for_scope(
    *,
    session: Session,
    account: Principal,
    week_start: date,
    provinsi: str | None = None,
    kabupaten: str | None = None,
) -> list[KecamatanSnapshotRow]:
    """The week's kecamatan rows the caller may see, in code order; NotFound for a week never frozen."""
    week = check_week_start(week_start)
    if run_status(session=session, week_start=week) != RunStatus.SUCCEEDED.value:
        raise NotFound(f"no snapshot for the week starting {week.isoformat()}")
    visible = {r.kode for r in kabupaten_in_scope(session=session, account=account, provinsi=provinsi)}
    if kabupaten is not None:
        visible &= {kabupaten_kode_or_not_found(kabupaten)}
    query = (
        select(KecamatanSnapshot, Kecamatan.nama, Kabupaten.nama)
        .join(Kecamatan, col(Kecamatan.kode) == col(KecamatanSnapshot.kecamatan_kode))
        .join(Kabupaten, col(Kabupaten.kode) == col(KecamatanSnapshot.kabupaten_kode))
        .where(KecamatanSnapshot.week_start == week)
        .order_by(col(KecamatanSnapshot.kecamatan_kode))
    )
    if len(visible) <= 100:
        query = query.where(col(KecamatanSnapshot.kabupaten_kode).in_(sorted(visible)))
    columns = tuple(KecamatanSnapshot.model_fields)
    return [
        KecamatanSnapshotRow(**{name: getattr(snap, name) for name in columns}, nama=nama, nama_kab=nama_kab)
        for snap, nama, nama_kab in session.exec(query).all()
        if snap.kabupaten_kode in visible
    ]
