"""What the URL asks for: only known days, factors and provinces get through."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.pages import query


def test_query_parsing_keeps_only_allowed_values() -> None:
    today = date(2024, 11, 20)
    view = query.parse_query(
        {"tanggal": ["2024-11-01"], "faktor": ["isu"], "provinsi": ["81"]}, today, ["81"]
    )
    assert view == query.MapQuery(date(2024, 11, 1), "isu", "81")
    view = query.parse_query({"tanggal": ["x"], "faktor": ["<b>"], "provinsi": ["94"]}, today, ["81"])
    assert view == query.MapQuery(today, "semua", "")


def test_every_factor_of_the_vocabulary_can_be_chosen() -> None:
    assert query.FACTOR_CHOICES == ("semua", "kerumunan", "kampanye", "isu", "kekerasan", "lainnya")
    picked = query.parse_query({"faktor": ["lainnya"]}, date(2024, 11, 20), [])
    assert query.factor_key(picked.factor) == "lainnya"
    assert query.factor_key("semua") is None


def test_links_keep_the_day_and_the_factor() -> None:
    assert (
        query.kabupaten_href("81.02", date(2024, 11, 20), "isu")
        == "/kabupaten/81.02?tanggal=2024-11-20&faktor=isu"
    )
    assert query.kabupaten_href("81.02", date(2024, 11, 20), "semua") == "/kabupaten/81.02?tanggal=2024-11-20"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-20", date(2024, 11, 20)),
        ("2000-01-01", date(2000, 1, 1)),
        ("2100-12-31", date(2100, 12, 31)),
        ("1999-12-31", None),
        ("2101-01-01", None),
        ("0001-01-01", None),  # near year 1 the UTC conversion of the day's bounds overflowed
        ("9999-12-31", None),
        ("2024-02-30", None),
        ("", None),
    ],
)
def test_only_days_in_the_supported_years_are_read_from_the_url(value: str, expected: date | None) -> None:
    assert query.parse_date(value) == expected
