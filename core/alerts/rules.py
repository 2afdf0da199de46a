"""Alert rules and records: who deserves an alert, its message, and recording it once per week.

An alert is unique per (kabupaten, kind, week), so a snapshot and a live report check that see
the same thing raise it once, whichever comes first; each new alert gets one pending delivery
per webhook URL (sent by core.alerts.delivery).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from core.risk.engine import RiskResult
from models.region import Kabupaten
from models.snapshot import Alert, AlertDelivery, AlertKind, AlertSource, DeliveryStatus, RiskSnapshot
from models.types import utc_now


def alert_kinds(*, level: str, previous_level: str | None, surge: bool) -> list[AlertKind]:
    """Rising to tinggi (from anything else, or from nothing known) and any surge deserve an alert."""
    kinds = []
    if level == "tinggi" and previous_level != "tinggi":
        kinds.append(AlertKind.TINGGI)
    if surge:
        kinds.append(AlertKind.SURGE)
    return kinds


def alert_message(
    *, kind: AlertKind, nama: str, kode: str, score: float, reports_7d: int, as_of: date
) -> str:
    """One sentence in Bahasa Indonesia that an officer can act on from a chat notification."""
    if kind is AlertKind.TINGGI:
        return f"{nama} ({kode}) naik ke tingkat kerawanan TINGGI: skor {score:.1f} per {as_of.isoformat()}."
    return (
        f"Lonjakan laporan di {nama} ({kode}): {reports_7d} laporan dalam 7 hari "
        f"sampai {as_of.isoformat()} (skor {score:.1f})."
    )


@dataclass(frozen=True)
class AlertDraft:
    """An alert about to be recorded."""

    kabupaten_kode: str
    kind: AlertKind
    week_start: date
    as_of: date
    score: float
    level: str
    reports_7d: int
    source: AlertSource
    message: str


def _insert(session: Session, table: Any) -> Any:
    """INSERT with ON CONFLICT for the session's backend."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def record_alerts(
    *, session: Session, drafts: Sequence[AlertDraft], webhook_urls: Sequence[str]
) -> list[int]:
    """Insert the alerts not yet raised this week (the unique key decides races) and their deliveries.

    Runs in the caller's transaction; returns the ids of the alerts that are new.
    """
    if not drafts:
        return []
    stamp = utc_now()
    values = [
        {**asdict(draft), "kind": draft.kind.value, "source": draft.source.value, "created_at": stamp}
        for draft in drafts
    ]
    stmt = (
        _insert(session, Alert.__table__)
        .values(values)
        .on_conflict_do_nothing(index_elements=["kabupaten_kode", "kind", "week_start"])
        .returning(Alert.__table__.c.id)
    )
    ids = sorted(row[0] for row in session.exec(stmt).all())
    deliveries = [
        {
            "alert_id": alert_id,
            "url": url,
            "status": DeliveryStatus.PENDING.value,
            "attempts": 0,
            "created_at": stamp,
        }
        for alert_id in ids
        for url in dict.fromkeys(webhook_urls)
    ]
    if deliveries:
        session.exec(_insert(session, AlertDelivery.__table__).values(deliveries).on_conflict_do_nothing())
    return ids


def record_snapshot_alerts(session: Session, week: date, *, webhook_urls: Sequence[str]) -> list[int]:
    """The alerts a frozen week raises: who rose to tinggi, who surged (inside the freezing transaction)."""
    rows = session.exec(
        select(RiskSnapshot, Kabupaten.nama)
        .join(Kabupaten, col(Kabupaten.kode) == col(RiskSnapshot.kabupaten_kode))
        .where(RiskSnapshot.week_start == week)
        .where(or_(col(RiskSnapshot.level) == "tinggi", col(RiskSnapshot.surge).is_(True)))
        .order_by(col(RiskSnapshot.kabupaten_kode))
    ).all()
    drafts = [
        draft_alert(scored=snap, nama=nama, kind=kind, week=week, source=AlertSource.SNAPSHOT)
        for snap, nama in rows
        for kind in alert_kinds(level=snap.level, previous_level=snap.previous_level, surge=snap.surge)
    ]
    return record_alerts(session=session, drafts=drafts, webhook_urls=webhook_urls)


def draft_alert(
    *, scored: RiskSnapshot | RiskResult, nama: str, kind: AlertKind, week: date, source: AlertSource
) -> AlertDraft:
    """An alert with its message, from a frozen row or a live result: whichever check found it."""
    kode, as_of, score, reports_7d = scored.kabupaten_kode, scored.as_of, scored.score, scored.reports_7d
    message = alert_message(kind=kind, nama=nama, kode=kode, score=score, reports_7d=reports_7d, as_of=as_of)
    return AlertDraft(kode, kind, week, as_of, score, scored.level, reports_7d, source, message)
