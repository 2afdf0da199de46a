"""The weekly report's words: numbers, dates and the week's narrative, in both languages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pytest

from core.snapshots.narrative import (
    format_date,
    format_moment,
    format_number,
    format_weekday_date,
    name_list,
    week_narrative,
)

WIT = timezone(timedelta(hours=9))


@dataclass(frozen=True)
class Row:
    kabupaten_kode: str
    nama: str
    level: str
    previous_level: str | None = None
    score: float = 50.0
    surge: bool = False
    reports_7d: int = 0


@dataclass(frozen=True)
class Event:
    starts_at: datetime
    nama: str
    title: str
    expected_crowd: int | None = None


AMBON = Row("81.71", "Kota Ambon", "tinggi", "sedang", score=80.0)
TUAL = Row("81.72", "Kota Tual", "tinggi", "tinggi", score=70.0)
MALRA = Row("81.02", "Kabupaten Maluku Tenggara", "sedang", "tinggi", score=40.0)
BURU = Row("81.04", "Kabupaten Buru", "rendah", "rendah", score=10.0, surge=True, reports_7d=1234)
BURU_LAST = Row("81.04", "Kabupaten Buru", "rendah", None, reports_7d=3)
RALLY = Event(datetime(2024, 11, 26, 9, tzinfo=WIT), "Kabupaten Maluku Tenggara", "Rapat umum di Langgur")
MARCH = Event(datetime(2024, 11, 28, 9, tzinfo=WIT), "Kota Ambon", "Pawai")
DEBATE = Event(datetime(2024, 11, 30, 9, tzinfo=WIT), "Kota Tual", "Debat")
CROWD = Event(datetime(2024, 12, 1, 9, tzinfo=WIT), "Kota Tual", "Kampanye akbar " + "x" * 60, 5000)


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (5400, "id", 0, "5.400"),
        (5400, "en", 0, "5,400"),
        (16.54, "id", 1, "16,5"),
        (16.54, "en", 1, "16.5"),
        (1234567.891, "id", 2, "1.234.567,89"),
        (0, "xx", 0, "0"),  # an unknown language is Indonesian
        (1500, None, 0, "1.500"),
    ],
)
def test_numbers_are_written_as_the_language_writes_them(
    value: float, lang: str | None, decimals: int, expected: str
) -> None:
    assert format_number(value, lang, decimals) == expected


@pytest.mark.parametrize(
    ("function", "value", "lang", "expected"),
    [
        (format_date, date(2024, 11, 18), "id", "18 November 2024"),
        (format_date, date(2026, 12, 2), "id", "2 Desember 2026"),
        (format_date, date(2026, 12, 2), "en", "2 December 2026"),
        (format_weekday_date, date(2024, 11, 24), "id", "Minggu, 24 November 2024"),
        (format_weekday_date, date(2024, 11, 24), "en", "Sunday, 24 November 2024"),
        (format_moment, datetime(2026, 12, 2, 6, 5, tzinfo=WIT), "id", "Rabu, 2 Desember 2026 06:05"),
        (format_moment, datetime(2026, 12, 2, 18, 0, tzinfo=WIT), "en", "Wednesday, 2 December 2026 18:00"),
    ],
)
def test_dates_are_worded_per_language(function, value, lang: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert function(value, lang) == expected


@pytest.mark.parametrize(
    ("names", "lang", "expected"),
    [
        ([], "id", ""),
        (["A"], "id", "A"),
        (["A", "B"], "id", "A dan B"),
        (["A", "B", "C"], "en", "A, B and C"),
        (["A", "B", "C", "D", "E"], "id", "A, B, C dan 2 lainnya"),
        (["A", "B", "C", "D"], "en", "A, B, C and 1 more"),
    ],
)
def test_names_are_listed_then_counted(names: list[str], lang: str, expected: str) -> None:
    assert name_list(names, lang) == expected


@pytest.mark.parametrize(
    ("rows", "previous", "events", "lang", "expected"),
    [
        pytest.param(
            [BURU_LAST],
            [],
            [],
            "id",
            (
                "Tidak ada kabupaten/kota pada tingkat tinggi minggu ini.",
                "Tidak ada agenda terjadwal minggu depan.",
            ),
            id="a quiet week",
        ),
        pytest.param(
            [BURU_LAST],
            [],
            [],
            "en",
            ("No kabupaten/kota is at the high level this week.", "No planned events next week."),
            id="a quiet week in English",
        ),
        pytest.param(
            [TUAL, MALRA, AMBON, BURU],
            [BURU_LAST],
            [RALLY],
            "id",
            (
                "2 kabupaten/kota pada tingkat tinggi: Kota Ambon dan Kota Tual.",
                "Naik ke tingkat tinggi dibanding minggu lalu: Kota Ambon (dari sedang).",
                "Turun tingkat: Kabupaten Maluku Tenggara (tinggi → sedang).",
                "Lonjakan laporan di Kabupaten Buru (1.234 laporan dalam 7 hari; minggu lalu 3).",
                "Minggu depan satu agenda terjadwal: “Rapat umum di Langgur” "
                "(Kabupaten Maluku Tenggara, Selasa 26 November).",
            ),
            id="risers, fallers, a surge and one event",
        ),
        pytest.param(
            [TUAL, MALRA, AMBON, BURU],
            [],
            [RALLY, MARCH, DEBATE],
            "en",
            (
                "2 kabupaten/kota at the high level: Kota Ambon and Kota Tual.",
                "Rose to the high level since last week: Kota Ambon (from medium).",
                "Fell a level: Kabupaten Maluku Tenggara (high → medium).",
                "Reports surged in Kabupaten Buru (1,234 reports in 7 days).",
                "Next week 3 planned events, among them “Rapat umum di Langgur” "
                "(Kabupaten Maluku Tenggara, Tuesday 26 November), "
                "“Pawai” (Kota Ambon, Thursday 28 November) and 1 more.",
            ),
            id="the same week in English, no previous counts, three events",
        ),
        pytest.param(
            [Row("81.01", "Kabupaten Maluku Tengah", "tinggi", None, score=90.0)],
            [],
            [],
            "id",
            (
                "1 kabupaten/kota pada tingkat tinggi: Kabupaten Maluku Tengah.",
                "Tidak ada agenda terjadwal minggu depan.",
            ),
            id="no week before: nobody rose",
        ),
        pytest.param(
            [BURU_LAST],
            [],
            [RALLY, MARCH, CROWD],
            "id",
            (
                "Tidak ada kabupaten/kota pada tingkat tinggi minggu ini.",
                "Minggu depan 3 agenda terjadwal, antara lain “Kampanye akbar "
                + "x" * 44
                + "…” (Kota Tual, Minggu 1 Desember), “Rapat umum di Langgur” "
                "(Kabupaten Maluku Tenggara, Selasa 26 November) dan 1 lainnya.",
            ),
            id="the biggest crowd is named first, a long title cut",
        ),
    ],
)
def test_the_narrative_tells_the_week_in_a_few_sentences(
    rows: list[Row], previous: list[Row], events: list[Event], lang: str, expected: tuple[str, ...]
) -> None:
    sentences = week_narrative(rows, previous=previous, events=events, lang=lang)
    assert sentences == expected
    assert 2 <= len(sentences) <= 5
