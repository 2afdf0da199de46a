"""Planned events in core: venue and organiser in the fingerprint, updates, and the write scope."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from core.accounts.service import Principal
from core.db import write_session
from core.errors import Forbidden, IdempotencyConflict
from core.events.service import create_event, update_event
from models.account import Role
from models.event import PlannedEventCreate, PlannedEventUpdate

ADMIN = Principal(account_id=1, name="admin-uji", role=Role.ADMIN)
RALLY = {
    "kabupaten_kode": "81.02",
    "event_type": "rapat_umum",
    "title": "Rapat umum paslon 1",
    "starts_at": "2024-11-20T09:00:00",
}


def _create(engine: Engine, account: Principal = ADMIN, **changes: object) -> tuple[str, bool]:
    event_in = PlannedEventCreate.model_validate({**RALLY, **changes})
    with write_session(engine) as session:
        event, created = create_event(session=session, account=account, event_in=event_in)
        return event.content_hash, created


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ({}, {}, True),
        ({"venue": ""}, {}, True),  # empty is the default: the fingerprint from before venue stands
        ({"venue": "Lapangan Langgur"}, {"venue": "  Lapangan Langgur  "}, True),  # stripped
        ({"venue": "Lapangan Langgur"}, {"venue": "Gedung Ohoi"}, False),
        ({"venue": "Lapangan Langgur"}, {}, False),
        ({"organiser": "Tim paslon 1"}, {"organiser": "Tim paslon 2"}, False),
        ({"organiser": "Tim paslon 1"}, {"venue": "Tim paslon 1"}, False),  # the key counts, not only text
    ],
)
def test_venue_and_organiser_are_part_of_the_fingerprint(
    engine: Engine, first: dict, second: dict, same: bool
) -> None:
    event_id = str(uuid.uuid4())
    _, created = _create(engine, id=event_id, **first)
    assert created
    if same:
        assert _create(engine, id=event_id, **second)[1] is False  # a replay
    else:
        with pytest.raises(IdempotencyConflict):
            _create(engine, id=event_id, **second)


def test_an_event_without_venue_keeps_the_fingerprint_it_had_before_them(engine: Engine) -> None:
    from core.reports.intake import content_hash

    fingerprint, _ = _create(engine)
    expected = content_hash(
        {
            "kabupaten_kode": "81.02",
            "event_type": "rapat_umum",
            "title": "Rapat umum paslon 1",
            "starts_at": datetime(2024, 11, 20, 0, 0, tzinfo=UTC).isoformat(),  # 09:00 WIT
            "ends_at": datetime(2024, 11, 20, 0, 0, tzinfo=UTC).isoformat(),
            "expected_crowd": None,
            "source": "",
            "created_by": "admin-uji",
        }
    )
    assert fingerprint == expected


def test_an_update_changes_venue_and_organiser(engine: Engine) -> None:
    event_in = PlannedEventCreate.model_validate({**RALLY, "venue": "Lapangan"})
    with write_session(engine) as session:
        event, _ = create_event(session=session, account=ADMIN, event_in=event_in)
        changed = update_event(
            session=session,
            account=ADMIN,
            event_id=event.id,
            update=PlannedEventUpdate(venue=" Gedung Ohoi ", organiser="KPU Malra"),
        )
        assert (changed.venue, changed.organiser) == ("Gedung Ohoi", "KPU Malra")


@pytest.mark.parametrize(
    ("account", "kabupaten", "allowed"),
    [
        (Principal(2, "fkdm", Role.OFFICER, kabupaten_kode="81.02"), "81.02", True),
        (Principal(2, "fkdm", Role.OFFICER, kabupaten_kode="81.02"), "81.72", False),
        (Principal(3, "siti", Role.ANALYST, provinsi_kode="81"), "81.72", True),
        (Principal(3, "siti", Role.ANALYST, provinsi_kode="81"), "64.01", False),
        (ADMIN, "64.01", True),
    ],
)
def test_who_may_write_an_event(engine: Engine, account: Principal, kabupaten: str, allowed: bool) -> None:
    if allowed:
        assert _create(engine, account, kabupaten_kode=kabupaten)[1]
    else:
        with pytest.raises(Forbidden):
            _create(engine, account, kabupaten_kode=kabupaten)
