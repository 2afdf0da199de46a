"""Alerts: a kabupaten rose to tinggi or surged; recorded once per week, sent to webhooks with retries.

An alert is unique per (kabupaten, kind, week), so a snapshot and a live report check that see
the same thing raise it once, whichever comes first. Each alert gets one delivery per webhook URL;
deliveries run in background threads (never in a request), retry with bounded exponential backoff,
and keep their state in the database, so a sweep can finish what a stopped process left pending.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import Engine, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from core.accounts.service import Principal
from core.config import Settings
from core.db import get_engine, read_session, write_session
from core.regions.service import province_of
from core.risk.engine import RiskResult
from core.risk.service import risk_for_kodes, risk_params
from core.snapshots.freeze import latest_level_before, week_of
from models.account import Role
from models.region import Kabupaten
from models.snapshot import Alert, AlertDelivery, AlertKind, AlertSource, DeliveryStatus, RiskSnapshot
from models.types import utc_now

logger = logging.getLogger(__name__)

ERROR_LIMIT = 500


# --------------------------------------------------------------------------- rules


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
        _draft(snap.kabupaten_kode, nama, kind, week, snap.as_of, snap.score, snap.level, snap.reports_7d)
        for snap, nama in rows
        for kind in alert_kinds(level=snap.level, previous_level=snap.previous_level, surge=snap.surge)
    ]
    return record_alerts(session=session, drafts=drafts, webhook_urls=webhook_urls)


def _draft(
    kode: str,
    nama: str,
    kind: AlertKind,
    week: date,
    as_of: date,
    score: float,
    level: str,
    reports_7d: int,
    source: AlertSource = AlertSource.SNAPSHOT,
) -> AlertDraft:
    message = alert_message(kind=kind, nama=nama, kode=kode, score=score, reports_7d=reports_7d, as_of=as_of)
    return AlertDraft(kode, kind, week, as_of, score, level, reports_7d, source, message)


# --------------------------------------------------------------------------- the live check after a report


def check_report_alert(
    *,
    settings: Settings,
    kabupaten_kode: str,
    now: datetime | None = None,
    policy: DeliveryPolicy | None = None,
) -> list[int]:
    """After a report is stored: alert once this week if the kabupaten's live risk rose to tinggi or surged.

    Meant for FastAPI BackgroundTasks: it never raises (a failure is logged) and delivery runs
    in its own thread. Returns the ids of newly raised alerts.
    """
    try:
        return _check_report_alert(settings, kabupaten_kode, now or utc_now(), policy)
    except Exception:
        logger.exception("live alert check for %s failed", kabupaten_kode)
        return []


def _check_report_alert(
    settings: Settings, kode: str, now: datetime, policy: DeliveryPolicy | None
) -> list[int]:
    engine = get_engine(settings)
    week = week_of(now, ZoneInfo(settings.report_timezone))
    with read_session(engine) as session:
        result = risk_for_kodes(session=session, kodes=[kode], params=risk_params(settings), now=now)[kode]
        previous = latest_level_before(session=session, kabupaten_kode=kode, week=week)
        nama = session.exec(select(Kabupaten.nama).where(Kabupaten.kode == kode)).one()
    kinds = alert_kinds(level=result.level, previous_level=previous, surge=result.surge)
    if not kinds:
        return []
    drafts = [_live_draft(result, nama, kind, week) for kind in kinds]
    with write_session(engine) as session:
        ids = record_alerts(session=session, drafts=drafts, webhook_urls=settings.webhook_urls)
        session.commit()
    deliver_in_background(settings=settings, alert_ids=ids, policy=policy)
    return ids


class LiveAlertChecker:
    """Re-scores kabupaten that received reports, each at most once per interval.

    Intake only marks a kabupaten as touched (cheap); one worker thread does the risk
    computation, so a burst of reports costs one check per kabupaten, not one per report.
    An alert therefore follows its report within `interval` seconds.
    """

    def __init__(self, settings: Settings, interval: float) -> None:
        self.settings = settings
        self.interval = interval
        self.pending: set[str] = set()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.stopped = threading.Event()

    def stop(self) -> None:
        """Drop pending checks and let the worker end (shutdown, or a test's database going away)."""
        self.stopped.set()
        with self.lock:
            self.pending.clear()

    def mark(self, kodes: Iterable[str]) -> None:
        """Remember these kabupaten for the next check (never blocks intake)."""
        if self.stopped.is_set():
            return
        with self.lock:
            self.pending.update(kodes)
            if self.thread is None and self.pending:
                self.thread = threading.Thread(target=self._run, name="waspada-live-alerts", daemon=True)
                self.thread.start()

    def _take(self) -> set[str]:
        with self.lock:
            taken, self.pending = self.pending, set()
            if not taken:
                self.thread = None
            return taken

    def _run(self) -> None:
        while not self.stopped.wait(self.interval):
            kodes = self._take()
            if not kodes:
                return
            for kode in sorted(kodes):
                check_report_alert(settings=self.settings, kabupaten_kode=kode)


_CHECKERS: dict[str, LiveAlertChecker] = {}
_CHECKERS_LOCK = threading.Lock()


def stop_live_alert_checkers() -> None:
    """Stop every checker of this process."""
    with _CHECKERS_LOCK:
        for checker in _CHECKERS.values():
            checker.stop()
        _CHECKERS.clear()


def live_alert_checker(settings: Settings) -> LiveAlertChecker:
    """The process's checker for this database."""
    with _CHECKERS_LOCK:
        checker = _CHECKERS.get(settings.database_url)
        if checker is None:
            checker = _CHECKERS[settings.database_url] = LiveAlertChecker(
                settings, settings.live_alert_interval_seconds
            )
        return checker


def _live_draft(result: RiskResult, nama: str, kind: AlertKind, week: date) -> AlertDraft:
    """A live alert belongs to the report zone's current week, scored on the kabupaten's local today."""
    return _draft(
        result.kabupaten_kode,
        nama,
        kind,
        week,
        result.as_of,
        result.score,
        result.level,
        result.reports_7d,
        AlertSource.REPORT,
    )


# --------------------------------------------------------------------------- delivery


@dataclass(frozen=True)
class DeliveryPolicy:
    """How hard to try a webhook: attempt n (1-based) waits base * 2**(n-1) s after failing."""

    max_attempts: int = 5
    backoff_base: float = 0.5
    backoff_cap: float = 60.0
    timeout: float = 10.0
    lease: timedelta = timedelta(minutes=10)

    def backoff(self, attempt: int) -> float:
        return min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1))


DEFAULT_POLICY = DeliveryPolicy()

_threads: set[threading.Thread] = set()
_threads_lock = threading.Lock()


def deliver_in_background(
    *, settings: Settings, alert_ids: Sequence[int], policy: DeliveryPolicy | None = None
) -> list[threading.Thread]:
    """Send these alerts' pending deliveries from daemon threads, one per URL, so no caller waits."""
    if not alert_ids:
        return []
    engine = get_engine(settings)
    with read_session(engine) as session:
        pending = session.exec(
            select(AlertDelivery.id, AlertDelivery.url).where(
                col(AlertDelivery.alert_id).in_(list(alert_ids)),
                AlertDelivery.status == DeliveryStatus.PENDING.value,
            )
        ).all()
    by_url: dict[str, list[int]] = defaultdict(list)
    for delivery_id, url in pending:
        by_url[url].append(delivery_id or 0)
    return [_start(engine, ids, policy or DEFAULT_POLICY) for ids in by_url.values()]


def _start(engine: Engine, delivery_ids: list[int], policy: DeliveryPolicy) -> threading.Thread:
    thread = threading.Thread(
        target=_deliver_all, args=(engine, delivery_ids, policy), name="waspada-webhook", daemon=True
    )
    with _threads_lock:
        _threads.add(thread)
    thread.start()
    return thread


def _deliver_all(engine: Engine, delivery_ids: list[int], policy: DeliveryPolicy) -> None:
    """A thread's whole life: deliver each in turn; nothing escapes to kill the process."""
    try:
        with httpx.Client(timeout=policy.timeout) as client:
            for delivery_id in delivery_ids:
                try:
                    deliver_one(engine=engine, delivery_id=delivery_id, policy=policy, client=client)
                except Exception:
                    logger.exception("webhook delivery %s crashed", delivery_id)
    finally:
        with _threads_lock:
            _threads.discard(threading.current_thread())


def wait_for_deliveries(timeout: float = 30.0) -> bool:
    """Join the delivery threads of this process (shutdown, tests); True when all finished."""
    deadline = time.monotonic() + timeout
    while True:
        with _threads_lock:
            alive = [t for t in _threads if t.is_alive()]
        if not alive:
            return True
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        alive[0].join(timeout=remaining)


def deliver_pending(*, settings: Settings, policy: DeliveryPolicy | None = None) -> list[threading.Thread]:
    """Resume every pending delivery whose claim has lapsed (a stopped process, a restart)."""
    engine = get_engine(settings)
    with read_session(engine) as session:
        ids = session.exec(
            select(AlertDelivery.alert_id)
            .where(AlertDelivery.status == DeliveryStatus.PENDING.value)
            .where(
                or_(col(AlertDelivery.claimed_until).is_(None), col(AlertDelivery.claimed_until) < utc_now())
            )
        ).all()
    return deliver_in_background(settings=settings, alert_ids=sorted(set(ids)), policy=policy)


def _claim(engine: Engine, delivery_id: int, policy: DeliveryPolicy) -> bool:
    """Take the delivery for a lease, so two processes never post the same alert at once."""
    now = utc_now()
    with write_session(engine) as session:
        claimed = session.exec(
            update(AlertDelivery)
            .where(
                col(AlertDelivery.id) == delivery_id,
                col(AlertDelivery.status) == DeliveryStatus.PENDING.value,
                or_(col(AlertDelivery.claimed_until).is_(None), col(AlertDelivery.claimed_until) < now),
            )
            .values(claimed_until=now + policy.lease)
        ).rowcount
        session.commit()
    return claimed == 1


def _payload(session: Session, delivery: AlertDelivery) -> dict[str, Any]:
    """The JSON a receiver gets: the alert with names, stable across retries."""
    alert = session.get(Alert, delivery.alert_id)
    assert alert is not None
    nama = session.exec(select(Kabupaten.nama).where(Kabupaten.kode == alert.kabupaten_kode)).one()
    return {
        "id": alert.id,
        "kind": alert.kind,
        "kabupaten_kode": alert.kabupaten_kode,
        "nama": nama,
        "kode_prov": province_of(alert.kabupaten_kode),
        "week_start": alert.week_start.isoformat(),
        "as_of": alert.as_of.isoformat(),
        "score": alert.score,
        "level": alert.level,
        "reports_7d": alert.reports_7d,
        "source": alert.source,
        "message": alert.message,
        "created_at": alert.created_at.isoformat(),
    }


def deliver_one(*, engine: Engine, delivery_id: int, policy: DeliveryPolicy, client: httpx.Client) -> str:
    """POST one alert to one URL until it is accepted (2xx) or the attempts run out; returns the status."""
    if not _claim(engine, delivery_id, policy):
        return "claimed-elsewhere"
    with read_session(engine) as session:
        delivery = session.get(AlertDelivery, delivery_id)
        assert delivery is not None
        payload, url, attempts = _payload(session, delivery), delivery.url, delivery.attempts
    headers = {"Idempotency-Key": f"waspada-alert-{payload['id']}", "User-Agent": "waspada-webhook/1"}
    while attempts < policy.max_attempts:
        attempts += 1
        error = _post(client, url, payload, headers)
        status = _record_attempt(engine, delivery_id, attempts, error, policy)
        if status != DeliveryStatus.PENDING.value:
            return status
        time.sleep(policy.backoff(attempts))
    return _record_attempt(engine, delivery_id, attempts, "no attempts left", policy)


def _post(client: httpx.Client, url: str, payload: dict[str, Any], headers: dict[str, str]) -> str | None:
    """One attempt; None when the receiver accepted it, otherwise why not."""
    try:
        response = client.post(url, json=payload, headers=headers)
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}: {exc}"[:ERROR_LIMIT]
    if response.is_success:
        return None
    return f"HTTP {response.status_code}"


def _record_attempt(
    engine: Engine, delivery_id: int, attempts: int, error: str | None, policy: DeliveryPolicy
) -> str:
    """Keep the delivery's state after each attempt, so a crash loses at most one attempt."""
    if error is None:
        status = DeliveryStatus.DELIVERED.value
    elif attempts >= policy.max_attempts:
        status = DeliveryStatus.FAILED.value
    else:
        status = DeliveryStatus.PENDING.value
    now = utc_now()
    values: dict[str, Any] = {"attempts": attempts, "last_error": error, "status": status}
    values["claimed_until"] = now + policy.lease if status == DeliveryStatus.PENDING.value else None
    if error is None:
        values["delivered_at"] = now
    with write_session(engine) as session:
        session.exec(update(AlertDelivery).where(col(AlertDelivery.id) == delivery_id).values(**values))
        session.commit()
    if status == DeliveryStatus.FAILED.value:
        logger.warning("webhook delivery %s failed after %d attempts: %s", delivery_id, attempts, error)
    return status


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class DeliveryView:
    url: str
    status: str
    attempts: int
    last_error: str | None
    delivered_at: datetime | None


@dataclass(frozen=True)
class AlertView:
    """An alert as a caller sees it; delivery details (URLs may hold secrets) only for admins."""

    id: int
    kabupaten_kode: str
    nama: str
    kind: str
    week_start: date
    as_of: date
    score: float
    level: str
    reports_7d: int
    source: str
    message: str
    created_at: datetime
    deliveries: tuple[DeliveryView, ...] | None


def list_alerts(
    *, session: Session, account: Principal, since: datetime | None = None, limit: int = 200
) -> list[AlertView]:
    """Alerts in the caller's scope, newest first."""
    query = select(Alert, Kabupaten.nama).join(Kabupaten, col(Kabupaten.kode) == col(Alert.kabupaten_kode))
    if account.role is Role.ANALYST:
        query = query.where(Kabupaten.kode_prov == account.provinsi_kode)
    elif account.role is Role.OFFICER:
        query = query.where(Alert.kabupaten_kode == account.kabupaten_kode)
    if since is not None:
        query = query.where(col(Alert.created_at) >= _as_utc(since))
    rows = session.exec(query.order_by(col(Alert.created_at).desc(), col(Alert.id).desc()).limit(limit)).all()
    deliveries = _deliveries(session, [a.id or 0 for a, _ in rows]) if account.role is Role.ADMIN else None
    return [_alert_view(alert, nama, deliveries) for alert, nama in rows]


def _as_utc(moment: datetime) -> datetime:
    """A naive filter instant is UTC; one beyond the calendar's ends is clamped to it."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    try:
        return aware.astimezone(UTC)
    except OverflowError:
        return datetime.min.replace(tzinfo=UTC) if aware.year == 1 else datetime.max.replace(tzinfo=UTC)


def _deliveries(session: Session, alert_ids: list[int]) -> dict[int, list[DeliveryView]]:
    grouped: dict[int, list[DeliveryView]] = defaultdict(list)
    if not alert_ids:
        return grouped
    query = select(AlertDelivery).where(col(AlertDelivery.alert_id).in_(alert_ids)).order_by(AlertDelivery.id)
    for d in session.exec(query):
        grouped[d.alert_id].append(DeliveryView(d.url, d.status, d.attempts, d.last_error, d.delivered_at))
    return grouped


def _alert_view(alert: Alert, nama: str, deliveries: dict[int, list[DeliveryView]] | None) -> AlertView:
    return AlertView(
        id=alert.id or 0,
        kabupaten_kode=alert.kabupaten_kode,
        nama=nama,
        kind=alert.kind,
        week_start=alert.week_start,
        as_of=alert.as_of,
        score=alert.score,
        level=alert.level,
        reports_7d=alert.reports_7d,
        source=alert.source,
        message=alert.message,
        created_at=alert.created_at,
        deliveries=tuple(deliveries.get(alert.id or 0, ())) if deliveries is not None else None,
    )
