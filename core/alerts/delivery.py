"""Webhook delivery of alerts: background threads, a lease per delivery, bounded exponential backoff.

Each alert has one delivery per webhook URL; deliveries run in daemon threads (never in a
request), retry with bounded exponential backoff, and keep their state in the database, so a
sweep (deliver_pending) can finish what a stopped process left pending.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import Engine, or_, update
from sqlmodel import Session, col, select

from core.config import Settings
from core.db import get_engine, read_session, write_session
from core.regions.service import province_of
from models.region import Kabupaten
from models.snapshot import Alert, AlertDelivery, DeliveryStatus
from models.types import utc_now

logger = logging.getLogger(__name__)

ERROR_LIMIT = 500


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
