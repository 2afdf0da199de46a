"""Week arithmetic of the weekly snapshots: which Monday names a week, and when a week is complete.

A week runs Monday-Sunday in the report time zone (settings.report_timezone, Asia/Jakarta) for
every region, WITA and WIT included, and is complete once its Sunday has ended there.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from core.errors import InvalidInput

EARLIEST_WEEK = date(1999, 12, 27)  # the week holding 2000-01-01, the oldest instant a report may have
LATEST_WEEK = date(9999, 12, 20)  # the last Monday whose Sunday still fits in a date


def week_start(day: date) -> date:
    """The Monday of the week holding this day."""
    return day - timedelta(days=day.weekday())


def week_of(instant: datetime, tz: ZoneInfo | str) -> date:
    """The Monday of the week an instant falls in, judged on the report zone's calendar."""
    if instant.tzinfo is None:
        raise ValueError("week_of needs an aware datetime; a naive one has no week")
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    return week_start(instant.astimezone(zone).date())


def week_end(monday: date) -> date:
    """The Sunday that ends the week: the day its snapshot scores (as_of)."""
    return monday + timedelta(days=6)


def last_complete_week(now: datetime, tz: ZoneInfo | str) -> date | None:
    """The newest week whose Sunday has ended in the report zone (None before the first week)."""
    week = week_of(now, tz) - timedelta(days=7)
    return week if week >= EARLIEST_WEEK else None


def check_week_start(day: date) -> date:
    """A week is named by its Monday; anything else would silently mean a different week."""
    if day.weekday() != 0:
        raise InvalidInput.single("week_start", f"week_start {day.isoformat()} is not a Monday")
    if not EARLIEST_WEEK <= day <= LATEST_WEEK:
        raise InvalidInput.single("week_start", f"week_start {day.isoformat()} is out of range")
    return day


def is_complete(monday: date, *, now: datetime, tz: ZoneInfo | str) -> bool:
    """Whether the week's Sunday has ended in the report zone, so its numbers can be frozen."""
    last = last_complete_week(now, tz)
    return last is not None and monday <= last
