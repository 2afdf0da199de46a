"""Days and timestamps in the reader's or the kabupaten's own zone (WIB, WITA, WIT)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from core.regions.service import zone_of_kabupaten, zone_of_province
from models.types import utc_now

WIB_ZONE = ZoneInfo("Asia/Jakarta")


def wib_today(now: datetime | None = None) -> date:
    """Today in WIB, the dashboard's default date (most of the TKD audience is on WIB)."""
    return (now or utc_now()).astimezone(WIB_ZONE).date()


def local_time_label(kabupaten_kode: str, instant: datetime) -> str:
    """A timestamp in the kabupaten's own zone, suffixed WIB/WITA/WIT so nobody converts by hand."""
    return province_time_label(kabupaten_kode.split(".", 1)[0], instant)


def province_time_label(provinsi_kode: str | None, instant: datetime) -> str:
    """A timestamp in the province's zone (WIB for the nation), suffixed with the zone's name."""
    zone, zone_name = zone_of_province(provinsi_kode) if provinsi_kode else ("Asia/Jakarta", "WIB")
    moment = instant if instant.tzinfo else instant.replace(tzinfo=UTC)
    return f"{moment.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M} {zone_name}"


def local_day_bounds(kabupaten_kode: str | None, day: date) -> tuple[datetime, datetime]:
    """Start and end (exclusive) of a calendar day in the kabupaten's zone (WIB when unknown)."""
    zone = zone_of_kabupaten(kabupaten_kode) if kabupaten_kode else WIB_ZONE
    start = datetime.combine(day, datetime.min.time(), zone)
    return start, start + timedelta(days=1)


def last_sundays(as_of: date, weeks: int) -> list[date]:
    """The `weeks` most recent Sundays on or before as_of, oldest first (the trend's x axis)."""
    last = as_of - timedelta(days=(as_of.weekday() + 1) % 7)
    return [last - timedelta(weeks=n) for n in reversed(range(weeks))]
