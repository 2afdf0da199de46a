"""Planned events: rallies, debates, registrations, plenaries, notified demonstrations."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import CurrentAccount, RegionDirectoryDep, SessionDep, WriteSessionDep
from api.errors import CONFLICT, ERROR_RESPONSES, NOT_FOUND
from core.events import service as events
from core.events.service import EventFilter
from models.event import PlannedEventCreate, PlannedEventPublic, PlannedEventUpdate
from models.types import IsoDateTime

router = APIRouter(prefix="/events", tags=["events"])
AUTH_ERRORS = {k: ERROR_RESPONSES[k] for k in (401, 403, 413, 422)}


@router.post(
    "",
    status_code=201,
    response_model=PlannedEventPublic,
    responses={
        200: {"model": PlannedEventPublic, "description": "A retry"},
        409: CONFLICT,
        **AUTH_ERRORS,
    },
)
def create_event(
    event_in: PlannedEventCreate,
    account: CurrentAccount,
    session: WriteSessionDep,
    directory: RegionDirectoryDep,
    response: Response,
) -> PlannedEventPublic:
    """Plan an event (officers for their kabupaten, analysts their province); idempotent on id."""
    event, created = events.create_event(
        session=session, account=account, event_in=event_in, directory=directory
    )
    response.headers["Location"] = f"/api/v1/events/{event.id}"
    if not created:
        response.status_code = 200
        response.headers["Idempotent-Replayed"] = "true"
    return events.to_public(event)


@router.get("", response_model=list[PlannedEventPublic], responses=AUTH_ERRORS)
def list_events(
    account: CurrentAccount,
    session: SessionDep,
    kabupaten: Annotated[str | None, Query(pattern=r"^\d{2}\.?\d{2}$")] = None,
    provinsi: Annotated[str | None, Query(pattern=r"^\d{2}$")] = None,
    starts_from: Annotated[IsoDateTime | None, Query(alias="from")] = None,
    starts_until: Annotated[IsoDateTime | None, Query(alias="until")] = None,
    include_cancelled: bool = False,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[PlannedEventPublic]:
    """Events in your scope that end after `from` and start before `until`, soonest first."""
    flt = EventFilter(kabupaten, provinsi, starts_from, starts_until, include_cancelled)
    rows = events.list_events(session=session, account=account, flt=flt, limit=limit)
    return [events.to_public(e) for e in rows]


@router.get("/{event_id:uuid}", response_model=PlannedEventPublic, responses={404: NOT_FOUND, **AUTH_ERRORS})
def get_event(event_id: uuid.UUID, account: CurrentAccount, session: SessionDep) -> PlannedEventPublic:
    return events.to_public(events.get_event(session=session, account=account, event_id=event_id))


@router.patch(
    "/{event_id:uuid}", response_model=PlannedEventPublic, responses={404: NOT_FOUND, **AUTH_ERRORS}
)
def update_event(
    event_id: uuid.UUID,
    update: PlannedEventUpdate,
    account: CurrentAccount,
    session: WriteSessionDep,
    directory: RegionDirectoryDep,
) -> PlannedEventPublic:
    """Move, rename, place in a kecamatan or cancel (`cancelled: true`) an event."""
    event = events.update_event(
        session=session, account=account, event_id=event_id, update=update, directory=directory
    )
    return events.to_public(event)
