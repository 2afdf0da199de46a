"""Days and timestamps in the kabupaten's own zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dashboard.local_time import last_sundays, local_day_bounds, local_time_label, wib_today


def test_last_sundays_end_on_or_before_the_day() -> None:
    assert last_sundays(date(2024, 11, 20), 3) == [date(2024, 11, 3), date(2024, 11, 10), date(2024, 11, 17)]
    assert last_sundays(date(2024, 11, 17), 1) == [date(2024, 11, 17)]


def test_times_read_in_the_kabupatens_zone() -> None:
    instant = datetime(2024, 11, 20, 23, 30, tzinfo=UTC)
    assert local_time_label("81.02", instant) == "2024-11-21 08:30 WIT"
    assert local_time_label("51.71", instant.replace(tzinfo=None)) == "2024-11-21 07:30 WITA"
    assert wib_today(instant) == date(2024, 11, 21)
    start, end = local_day_bounds("81.02", date(2024, 11, 21))
    assert (start.astimezone(UTC), end.astimezone(UTC)) == (
        datetime(2024, 11, 20, 15, 0, tzinfo=UTC),
        datetime(2024, 11, 21, 15, 0, tzinfo=UTC),
    )
