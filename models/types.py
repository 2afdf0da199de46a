"""Column types shared by the tables."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator
from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Store instants in UTC on every backend and always hand back aware datetimes.

    SQLite has no time zone type, so values are written as naive UTC there and
    re-labelled as UTC on the way out; PostgreSQL keeps a real timestamptz.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("refusing to store a naive datetime; attach a time zone first")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utc_now() -> datetime:
    """The server clock in UTC (the one place tables read it)."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A filter instant in UTC: a naive one is read as UTC, one beyond the calendar's ends is clamped."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    try:
        return aware.astimezone(UTC)
    except OverflowError:
        return datetime.min.replace(tzinfo=UTC) if aware.year == 1 else datetime.max.replace(tzinfo=UTC)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}($|[T ]\d{2}:\d{2})")


def _iso_date_only(value: Any) -> Any:
    """Dates only as YYYY-MM-DD strings: a bare number must not become 1970-01-01."""
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value
    raise ValueError("must be a date written as YYYY-MM-DD")


def _iso_datetime_only(value: Any) -> Any:
    """Instants only as ISO 8601 strings: a bare number must not become a Unix timestamp."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATETIME.match(value):
        return value
    raise ValueError("must be an ISO 8601 date-time such as 2024-11-20T09:30:00+09:00")


MIN_YEAR, MAX_YEAR = 2000, 2100  # every date and time Waspada accepts, in bodies and queries alike


def _in_supported_years(value: date | None) -> date | None:
    """Years 2000-2100 only: far dates are typos, and near year 1 or 9999 UTC arithmetic overflows."""
    if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"must lie in the years {MIN_YEAR}-{MAX_YEAR}")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_only), AfterValidator(_in_supported_years)]
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_datetime_only), AfterValidator(_in_supported_years)]


def _no_nul(value: str) -> str:
    """PostgreSQL text cannot hold NUL, and no human writes one: refuse it as bad input."""
    if "\x00" in value:
        raise ValueError("text must not contain NUL (\\u0000) characters")
    return value


NoNul = AfterValidator(_no_nul)
