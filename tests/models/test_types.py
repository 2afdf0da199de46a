"""Shared time helpers: one reading of a filter instant, whatever layer receives it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from models.types import as_utc

WIT = timezone(timedelta(hours=9))


def test_a_naive_instant_is_read_as_utc() -> None:
    moment = as_utc(datetime(2024, 11, 20, 9, 30))
    assert (moment.tzinfo, moment.hour) == (UTC, 9)


def test_an_instant_with_an_offset_is_converted_to_utc() -> None:
    moment = as_utc(datetime(2024, 11, 20, 9, 30, tzinfo=WIT))
    assert moment.tzinfo is UTC
    assert (moment.day, moment.hour, moment.minute) == (20, 0, 30)


def test_an_instant_beyond_the_calendar_is_clamped_to_its_ends() -> None:
    earliest = as_utc(datetime(1, 1, 1, 0, 30, tzinfo=WIT))  # 0000-12-31 in UTC: does not exist
    latest = as_utc(datetime(9999, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-5))))
    assert earliest == datetime.min.replace(tzinfo=UTC)
    assert latest == datetime.max.replace(tzinfo=UTC)
