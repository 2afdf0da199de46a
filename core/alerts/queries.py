"""Reading alerts: the ones in the caller's scope, with delivery details for admins only."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, func, select

from core.accounts.service import Principal
from core.regions.service import normalize_kabupaten_kode, normalize_province_kode
from models.account import Role
from models.region import Kabupaten
from models.snapshot import Alert, AlertDelivery, DeliveryStatus
from models.types import as_utc


@dataclass(frozen=True)
class DeliveryView:  # how one webhook delivery went (no docstring: it would change the OpenAPI schema)
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
    *,
    session: Session,
    account: Principal,
    since: datetime | None = None,
    provinsi: str | None = None,
    kabupaten: str | None = None,
    limit: int = 200,
) -> list[AlertView]:
    """Alerts in the caller's scope, newest first; the filters narrow the scope, never widen it."""
    query = select(Alert, Kabupaten.nama).join(Kabupaten, col(Kabupaten.kode) == col(Alert.kabupaten_kode))
    if account.role is Role.ANALYST:
        query = query.where(Kabupaten.kode_prov == account.provinsi_kode)
    elif account.role is Role.OFFICER:
        query = query.where(Alert.kabupaten_kode == account.kabupaten_kode)
    if provinsi is not None:
        query = query.where(Kabupaten.kode_prov == normalize_province_kode(provinsi))
    if kabupaten is not None:
        query = query.where(Alert.kabupaten_kode == normalize_kabupaten_kode(kabupaten, "kabupaten"))
    if since is not None:
        query = query.where(col(Alert.created_at) >= as_utc(since))
    rows = session.exec(query.order_by(col(Alert.created_at).desc(), col(Alert.id).desc()).limit(limit)).all()
    deliveries = _deliveries(session, [a.id or 0 for a, _ in rows]) if account.role is Role.ADMIN else None
    return [_alert_view(alert, nama, deliveries) for alert, nama in rows]


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


@dataclass(frozen=True)
class WebhookSummary:
    """How one webhook URL has fared: deliveries by state, the last success and the last error."""

    url: str
    configured: bool
    delivered: int
    pending: int
    failed: int
    last_delivered_at: datetime | None
    last_error: str | None


def webhook_summaries(*, session: Session, account: Principal, configured: list[str]) -> list[WebhookSummary]:
    """Every configured or used webhook URL with its delivery counts; admins only (URLs hold secrets)."""
    account.require_admin()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = session.exec(
        select(AlertDelivery.url, AlertDelivery.status, func.count()).group_by(
            AlertDelivery.url, AlertDelivery.status
        )
    ).all()
    for url, status, count in rows:
        counts[url][status] = count
    last_ok = dict(
        session.exec(
            select(AlertDelivery.url, func.max(AlertDelivery.delivered_at)).group_by(AlertDelivery.url)
        ).all()
    )
    summaries = []
    for url in sorted(set(configured) | set(counts)):
        error = session.exec(
            select(AlertDelivery.last_error)
            .where(AlertDelivery.url == url, col(AlertDelivery.last_error).is_not(None))
            .order_by(col(AlertDelivery.id).desc())
        ).first()
        by_status = counts.get(url, {})
        summaries.append(
            WebhookSummary(
                url=url,
                configured=url in configured,
                delivered=by_status.get(DeliveryStatus.DELIVERED.value, 0),
                pending=by_status.get(DeliveryStatus.PENDING.value, 0),
                failed=by_status.get(DeliveryStatus.FAILED.value, 0),
                last_delivered_at=as_utc(last_ok[url]) if last_ok.get(url) else None,
                last_error=error,
            )
        )
    return summaries
