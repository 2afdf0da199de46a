"""Week arithmetic: Monday-Sunday weeks in Jakarta time, complete once their Sunday has ended."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from core.errors import InvalidInput
from core.snapshots.weeks import (
    EARLIEST_WEEK,
    LATEST_WEEK,
    check_week_start,
    is_complete,
    last_complete_week,
    week_end,
    week_of,
    week_start,
)
from tests.core.snapshots.support import WEEK_1, WEEK_2, WIB, WIT


@pytest.mark.parametrize("offset", range(7))
def test_every_day_of_a_week_belongs_to_its_monday(offset: int) -> None:
    assert week_start(WEEK_1 + timedelta(days=offset)) == WEEK_1


def test_a_week_ends_on_its_sunday() -> None:
    assert week_end(WEEK_1) == date(2024, 11, 17)


def test_sunday_2359_and_monday_0000_wib_are_different_weeks() -> None:
    sunday_night = datetime(2024, 11, 17, 23, 59, 59, tzinfo=WIB)
    monday_midnight = datetime(2024, 11, 18, 0, 0, tzinfo=WIB)
    assert week_of(sunday_night, "Asia/Jakarta") == WEEK_1
    assert week_of(monday_midnight, "Asia/Jakarta") == WEEK_2
    assert last_complete_week(sunday_night, WIB) == WEEK_1 - timedelta(days=7)  # its Sunday has not ended
    assert last_complete_week(monday_midnight, WIB) == WEEK_1


def test_a_late_sunday_instant_in_wit_is_judged_in_jakarta() -> None:
    instant = datetime(2024, 11, 17, 16, 30, tzinfo=UTC)  # Monday 01:30 WIT, still Sunday 23:30 WIB
    assert instant.astimezone(WIT).date() == date(2024, 11, 18)
    assert week_of(instant.astimezone(WIT), "Asia/Jakarta") == WEEK_1
    assert last_complete_week(instant.astimezone(WIT), WIB) == WEEK_1 - timedelta(days=7)


def test_a_naive_instant_has_no_week() -> None:
    with pytest.raises(ValueError):
        week_of(datetime(2024, 11, 17, 12, 0), WIB)


def test_no_week_is_complete_before_the_first_one() -> None:
    assert last_complete_week(datetime(2000, 1, 2, 12, tzinfo=WIB), WIB) is None


@pytest.mark.parametrize("day", [date(2024, 11, 12), date(1990, 1, 1), date(9999, 12, 27)])
def test_a_week_is_named_by_a_monday_in_range(day: date) -> None:
    with pytest.raises(InvalidInput):
        check_week_start(day)


def test_the_first_and_last_weeks_are_accepted() -> None:
    assert check_week_start(EARLIEST_WEEK) == EARLIEST_WEEK
    assert check_week_start(LATEST_WEEK) == LATEST_WEEK


def test_a_week_is_complete_from_the_monday_after_it() -> None:
    assert not is_complete(WEEK_1, now=datetime(2024, 11, 17, 23, 59, tzinfo=WIB), tz=WIB)
    assert is_complete(WEEK_1, now=datetime(2024, 11, 18, 0, 0, tzinfo=WIB), tz="Asia/Jakarta")
    assert not is_complete(WEEK_2, now=datetime(2024, 11, 18, 0, 0, tzinfo=WIB), tz=WIB)
