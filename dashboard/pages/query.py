"""What a page's URL asks for (?tanggal=&faktor=&provinsi=) and the links that keep it.

Both pages read their first state from the query string; anything unexpected falls back to a
safe default, and the links between pages carry the day and factor the reader was looking at.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from models import vocab
from models.types import MAX_YEAR, MIN_YEAR

ALL = "semua"  # the total score: not a factor, the choice of all of them
FACTOR_CHOICES: tuple[str, ...] = (ALL, *vocab.values(vocab.FACTORS))


@dataclass(frozen=True)
class MapQuery:
    """What the URL asks the main page to show first."""

    as_of: date
    factor: str
    province: str


def parse_date(value: str | None) -> date | None:
    """An ISO day from a control or the URL in the supported years; anything else is ignored."""
    if not value:
        return None
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
    return day if MIN_YEAR <= day.year <= MAX_YEAR else None


def first(query: Mapping[str, Sequence[str]], key: str) -> str | None:
    """The first value of a query parameter, or None."""
    values = query.get(key) or []
    return values[0] if values else None


def parse_query(query: Mapping[str, Sequence[str]], today: date, provinces: Sequence[str]) -> MapQuery:
    """Initial control values from ?tanggal=&faktor=&provinsi=, falling back to safe defaults."""
    factor = first(query, "faktor") or ALL
    province = first(query, "provinsi") or ""
    return MapQuery(
        as_of=parse_date(first(query, "tanggal")) or today,
        factor=factor if factor in FACTOR_CHOICES else ALL,
        province=province if province in provinces else "",
    )


def factor_key(choice: str | None) -> str | None:
    """The engine's factor name, or None for 'Semua' (the total score)."""
    return None if not choice or choice == ALL else choice


def kabupaten_href(kode: str, as_of: date, factor: str | None = None) -> str:
    """Link to a kabupaten page that keeps the day (and factor) the reader was looking at."""
    query = {"tanggal": as_of.isoformat()}
    if factor and factor != ALL:
        query["faktor"] = factor
    return f"/kabupaten/{kode}?{urlencode(query)}"
