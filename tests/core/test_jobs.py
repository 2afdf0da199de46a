"""The jobs the scheduler and the CLI run: catching up missed weeks, the Monday tick, a controlled clock."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import Engine

from core import jobs
from core.accounts.service import Principal, create_account_token
from core.config import Settings
from core.db import get_engine, write_session
from core.errors import Conflict, Forbidden, InvalidInput
from models.account import Role
from tests.core.alerts.support import deliveries, stored_alerts, with_webhooks
from tests.core.snapshots.support import (
    ADMIN,
    KABUPATEN,
    MALUKU_ANALYST,
    WEEK_1,
    WEEK_2,
    WIB,
    WIT,
    at,
    row_counts,
    runs,
    store_violence,
)


def test_catch_up_after_two_missed_mondays_produces_exactly_those_weeks_once(settings: Settings) -> None:
    settings = settings.model_copy(update={"snapshot_catch_up_weeks": 3})
    first = jobs.catch_up(settings, at(date(2024, 11, 4), 7))  # nothing yet: the last 3 weeks
    assert [r.week_start for r in first] == [date(2024, 10, 14), date(2024, 10, 21), date(2024, 10, 28)]
    # Down from then until Monday 18 November: the Mondays of 11 and 18 November passed unseen.
    after_outage = jobs.catch_up(settings, at(date(2024, 11, 18), 8))
    assert [(r.week_start, r.status) for r in after_outage] == [
        (date(2024, 11, 4), "succeeded"),
        (WEEK_1, "succeeded"),
    ]
    assert jobs.catch_up(settings, at(date(2024, 11, 18), 9)) == []
    engine = get_engine(settings)
    assert [(r.week_start, r.status, r.attempts) for r in runs(engine)] == [
        (w, "succeeded", 1)
        for w in (date(2024, 10, 14), date(2024, 10, 21), date(2024, 10, 28), date(2024, 11, 4), WEEK_1)
    ]
    assert set(row_counts(engine).values()) == {KABUPATEN}


def test_the_weekly_tick_freezes_the_week_that_just_ended(settings: Settings) -> None:
    settings = settings.model_copy(update={"snapshot_catch_up_weeks": 0})
    results = jobs.run_weekly_snapshot(settings, at(date(2024, 11, 18), 6))
    assert [(r.week_start, r.status) for r in results] == [(WEEK_1, "succeeded")]
    assert jobs.run_weekly_snapshot(settings, at(date(2024, 11, 18), 7)) == []


def test_only_a_complete_week_is_frozen_by_hand(settings: Settings) -> None:
    monday = at(date(2024, 11, 18), 6)
    with pytest.raises(Conflict):
        jobs.run_week_from_cli(settings, WEEK_2, force=False, now=monday)  # still running
    with pytest.raises(Conflict):
        jobs.run_week_from_cli(settings, None, force=False, now=at(date(2000, 1, 2), 6))  # none has ended
    with pytest.raises(InvalidInput):
        jobs.run_week_from_cli(settings, date(2024, 11, 12), force=False, now=monday)  # not a Monday
    result = jobs.run_week_from_cli(settings, None, force=False, now=monday)
    assert (result.week_start, result.status) == (WEEK_1, "succeeded")
    with pytest.raises(Conflict):
        jobs.recompute_week(settings=settings, account=ADMIN, week_start=WEEK_2, now=monday)


def test_only_an_admin_recomputes_a_week(settings: Settings, engine: Engine) -> None:
    monday = at(date(2024, 11, 18), 6)
    with pytest.raises(Forbidden):
        jobs.recompute_week(settings=settings, account=MALUKU_ANALYST, week_start=WEEK_1, now=monday)
    with write_session(engine) as session:
        token, _ = create_account_token(session=session, name="admin-ops", role=Role.ADMIN)
    admin = Principal(account_id=token.account_id, name="admin-ops", role=Role.ADMIN)
    result = jobs.recompute_week(settings=settings, account=admin, week_start=WEEK_1, now=monday)
    assert (result.status, result.forced, result.rows) == ("succeeded", True, KABUPATEN)


@pytest.mark.parametrize(
    ("first", "last", "now", "expected"),
    [
        # Wednesday to the next Tuesday: the two weeks they fall in, both over by 2 December
        (at(date(2024, 11, 13), 9), at(date(2024, 11, 19), 9), at(date(2024, 12, 2), 7), [WEEK_1, WEEK_2]),
        # the same span while its second week is still running: only the finished one
        (at(date(2024, 11, 13), 9), at(date(2024, 11, 19), 9), at(date(2024, 11, 20), 7), [WEEK_1]),
        # Monday 00:30 in Jayapura is still Sunday in Jakarta, the zone weeks are counted in
        (
            datetime(2024, 11, 18, 0, 30, tzinfo=WIT),
            at(date(2024, 11, 17), 9),
            at(date(2024, 12, 2), 7),
            [WEEK_1],
        ),
        # one day
        (at(date(2024, 11, 18), 9), at(date(2024, 11, 18), 9), at(date(2024, 12, 2), 7), [WEEK_2]),
        # last before first: nothing
        (at(date(2024, 11, 18), 9), at(date(2024, 11, 11), 9), at(date(2024, 12, 2), 7), []),
    ],
)
def test_weeks_spanning(first: datetime, last: datetime, now: datetime, expected: list[date]) -> None:
    assert jobs.weeks_spanning(first, last, now=now, tz=WIB) == expected


def test_a_span_is_frozen_with_its_alerts_recorded_but_not_sent(settings: Settings, engine: Engine) -> None:
    settings = with_webhooks(settings, "http://127.0.0.1:9/never-called")
    store_violence(engine, "94.02", date(2024, 11, 20), 40)
    first, last = at(date(2024, 11, 12), 10), at(date(2024, 11, 21), 10)
    results = jobs.freeze_span(settings, first, last, force=False, now=at(date(2024, 12, 2), 7))
    assert [(r.week_start, r.status) for r in results] == [(WEEK_1, "succeeded"), (WEEK_2, "succeeded")]
    assert [r.trigger for r in runs(engine)] == ["cli", "cli"]
    assert {(a.kabupaten_kode, a.week_start) for a in stored_alerts(engine)} == {("94.02", WEEK_2)}
    assert deliveries(engine) == []  # a loaded season's past alerts wake no webhook
    again = jobs.freeze_span(settings, first, last, force=False, now=at(date(2024, 12, 2), 7))
    assert [r.status for r in again] == ["skipped", "skipped"]
    forced = jobs.freeze_span(settings, first, last, force=True, now=at(date(2024, 12, 2), 7))
    assert [(r.status, r.forced) for r in forced] == [("succeeded", True), ("succeeded", True)]
