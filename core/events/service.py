"""Planned events: scoped like reports (officers their kabupaten, analysts their province)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, col, select

from core.accounts.service import Principal
from core.errors import Forbidden, IdempotencyConflict, InvalidInput, NotFound, UnknownKabupaten
from core.regions.directory import RegionDirectory, kecamatan_problem
from core.regions.kecamatan import normalize_kecamatan_kode
from core.regions.service import (
    existing_kabupaten,
    local_day,
    normalize_kabupaten_kode,
    normalize_province_kode,
    zone_of_kabupaten,
)
from core.reports.intake import EARLIEST_OCCURRED_AT, content_hash
from core.risk.inputs import PlannedEventInput
from models.event import PlannedEvent, PlannedEventCreate, PlannedEventPublic, PlannedEventUpdate
from models.types import as_utc, utc_now

MAX_EVENT_LENGTH = timedelta(days=90)


def can_manage_event(account: Principal, kabupaten_kode: str) -> bool:
    """Officers plan for their kabupaten, analysts for their province, admins anywhere."""
    return account.role.value != "officer" or account.kabupaten_kode == kabupaten_kode


def may_plan(account: Principal, kabupaten_kode: str) -> bool:
    """The one write rule for events, for the API and the dashboard alike (read scope and role)."""
    return account.can_read_kabupaten(kabupaten_kode) and can_manage_event(account, kabupaten_kode)


def _local_to_utc(moment: datetime, kabupaten_kode: str) -> datetime:
    """A time without offset is the kabupaten's own local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone_of_kabupaten(kabupaten_kode))
    return moment.astimezone(UTC)


def _check_span(starts: datetime, ends: datetime) -> None:
    if starts < EARLIEST_OCCURRED_AT:
        raise InvalidInput.single("starts_at", "starts_at is before 2000-01-01", "too_early")
    if ends < starts:
        raise InvalidInput.single("ends_at", "ends_at is before starts_at", "before_start")
    if ends - starts > MAX_EVENT_LENGTH:
        raise InvalidInput.single("ends_at", "an event may last at most 90 days", "too_long")


def _authorize(session: Session, account: Principal, kode: str) -> None:
    if kode not in existing_kabupaten(session=session, kodes={kode}):
        raise UnknownKabupaten(kode)
    if not may_plan(account, kode):
        raise Forbidden(f"you may not plan events for kabupaten {kode}")


def _kecamatan_of(raw: str | None, kabupaten: str, directory: RegionDirectory | None) -> str | None:
    """The event's kecamatan, dotted, or a 422 naming the field when it is not in the kabupaten."""
    if raw is None:
        return None
    kode = normalize_kecamatan_kode(raw)
    problem = kecamatan_problem(kode, kabupaten, directory)
    if problem is not None:
        raise InvalidInput([problem])
    return kode


def create_event(
    *,
    session: Session,
    account: Principal,
    event_in: PlannedEventCreate,
    directory: RegionDirectory | None = None,
) -> tuple[PlannedEvent, bool]:
    """Store an event; the same id with the same content again is a replay (False)."""
    kode = normalize_kabupaten_kode(event_in.kabupaten_kode)
    _authorize(session, account, kode)
    kecamatan = _kecamatan_of(event_in.kecamatan_kode, kode, directory)
    starts = _local_to_utc(event_in.starts_at, kode)
    ends = _local_to_utc(event_in.ends_at, kode) if event_in.ends_at else starts
    _check_span(starts, ends)
    values = {
        "kabupaten_kode": kode,
        "event_type": event_in.event_type.value,
        "title": event_in.title,
        "starts_at": starts.isoformat(),
        "ends_at": ends.isoformat(),
        "expected_crowd": event_in.expected_crowd,
        "source": event_in.source,
        "created_by": account.name,
    }
    if kecamatan is not None:  # only when given, so fingerprints from before kecamatan stand
        values["kecamatan_kode"] = kecamatan
    for key in ("venue", "organiser"):  # likewise: an event without them keeps its old fingerprint
        if getattr(event_in, key):
            values[key] = getattr(event_in, key)
    fingerprint = content_hash(values)
    event_id = event_in.id or uuid.uuid4()
    existing = session.get(PlannedEvent, event_id)
    if existing is not None:
        if existing.content_hash == fingerprint:
            return existing, False
        raise IdempotencyConflict(f"event {event_id} was already stored with different content")
    event = PlannedEvent(
        **{**values, "starts_at": starts, "ends_at": ends}, id=event_id, content_hash=fingerprint
    )
    session.add(event)
    session.commit()
    return event, True


def get_event(*, session: Session, account: Principal, event_id: uuid.UUID) -> PlannedEvent:
    event = session.get(PlannedEvent, event_id)
    if event is None or not account.can_read_kabupaten(event.kabupaten_kode):
        raise NotFound(f"event {event_id} not found")
    return event


def update_event(
    *,
    session: Session,
    account: Principal,
    event_id: uuid.UUID,
    update: PlannedEventUpdate,
    directory: RegionDirectory | None = None,
) -> PlannedEvent:
    """Move, rename, place or cancel an event within one's scope."""
    event = get_event(session=session, account=account, event_id=event_id)
    if not can_manage_event(account, event.kabupaten_kode):
        raise Forbidden("you may not change this event")
    changes = update.model_dump(exclude_unset=True)
    for key in ("starts_at", "ends_at"):
        if changes.get(key) is not None:
            changes[key] = _local_to_utc(changes[key], event.kabupaten_kode)
    if "kecamatan_kode" in changes:
        changes["kecamatan_kode"] = _kecamatan_of(changes["kecamatan_kode"], event.kabupaten_kode, directory)
    for key, value in changes.items():
        if value is None and key not in ("expected_crowd", "kecamatan_kode"):
            raise InvalidInput.single(key, f"{key} cannot be null")
        setattr(event, key, value.value if hasattr(value, "value") else value)
    _check_span(event.starts_at, event.ends_at)
    event.updated_at = utc_now()
    session.add(event)
    session.commit()
    return event


@dataclass(frozen=True)
class EventFilter:
    kabupaten: str | None = None
    provinsi: str | None = None
    starts_from: datetime | None = None
    starts_until: datetime | None = None
    include_cancelled: bool = False


def list_events(
    *, session: Session, account: Principal, flt: EventFilter, limit: int = 200
) -> list[PlannedEvent]:
    """Events in the caller's scope, soonest first."""
    query = select(PlannedEvent)
    if account.role.value == "officer":
        query = query.where(PlannedEvent.kabupaten_kode == account.kabupaten_kode)
    elif account.role.value == "analyst":
        query = query.where(col(PlannedEvent.kabupaten_kode).startswith(f"{account.provinsi_kode}."))
    if flt.kabupaten:
        query = query.where(
            PlannedEvent.kabupaten_kode == normalize_kabupaten_kode(flt.kabupaten, "kabupaten")
        )
    if flt.provinsi:
        prov = normalize_province_kode(flt.provinsi)
        query = query.where(col(PlannedEvent.kabupaten_kode).startswith(f"{prov}."))
    if flt.starts_from:
        query = query.where(col(PlannedEvent.ends_at) >= as_utc(flt.starts_from))
    if flt.starts_until:
        query = query.where(col(PlannedEvent.starts_at) < as_utc(flt.starts_until))
    if not flt.include_cancelled:
        query = query.where(col(PlannedEvent.cancelled).is_(False))
    query = query.order_by(col(PlannedEvent.starts_at), col(PlannedEvent.id)).limit(limit)
    return list(session.exec(query).all())


def to_public(event: PlannedEvent) -> PlannedEventPublic:
    return PlannedEventPublic.model_validate(event.model_dump())


def events_in_horizon(
    *,
    session: Session,
    kodes: set[str] | None,
    first_day: date,
    last_day: date,
    by_kecamatan: bool = False,
) -> dict[str, list[PlannedEventInput]]:
    """Uncancelled events of these kabupaten overlapping the days [first_day, last_day].

    Grouped by kabupaten, or with `by_kecamatan` by kecamatan (events placed in one only).
    A day's slack either side covers the zones.
    """
    lower = datetime.combine(first_day - timedelta(days=1), time.min, tzinfo=UTC)
    upper = datetime.combine(last_day + timedelta(days=2), time.min, tzinfo=UTC)
    query = select(
        PlannedEvent.id,
        PlannedEvent.kabupaten_kode,
        PlannedEvent.title,
        PlannedEvent.event_type,
        PlannedEvent.starts_at,
        PlannedEvent.ends_at,
        PlannedEvent.expected_crowd,
        PlannedEvent.kecamatan_kode,
    ).where(
        col(PlannedEvent.cancelled).is_(False),
        col(PlannedEvent.ends_at) >= lower,
        col(PlannedEvent.starts_at) < upper,
    )
    if kodes is not None and len(kodes) <= 100:
        query = query.where(col(PlannedEvent.kabupaten_kode).in_(kodes))
    grouped: dict[str, list[PlannedEventInput]] = defaultdict(list)
    for event_id, kode, title, event_type, starts, ends, crowd, kecamatan in session.exec(query):
        key = kecamatan if by_kecamatan else kode
        if key is not None and (kodes is None or kode in kodes):
            grouped[key].append(
                PlannedEventInput(
                    id=str(event_id),
                    title=title,
                    event_type=event_type,
                    starts_on=local_day(kode, starts),
                    ends_on=local_day(kode, ends),
                    expected_crowd=crowd,
                )
            )
    return grouped
