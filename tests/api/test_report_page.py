"""The printable weekly report's words: dates in Indonesian, every term from models.vocab."""

from __future__ import annotations

from datetime import date

import pytest

from api import report_page


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("tingkat", "tinggi", "Tinggi"),
        ("tingkat", None, "—"),
        ("tahapan", "masa_tenang", "Masa tenang"),
        ("tahapan", "tidak_ada", "tidak_ada"),
        ("faktor", "isu", "Isu dan hoaks"),
        ("faktor", "rapat_umum", "Rapat umum"),  # a planned event's contribution names its type
        ("faktor", "lainnya", "Lainnya"),
        ("jenis_agenda", "unjuk_rasa_terjadwal", "Unjuk rasa terjadwal"),
    ],
)
def test_terms_are_worded_by_the_vocabulary(name: str, value: object, expected: str) -> None:
    assert report_page._environment().filters[name](value) == expected


def test_levels_have_a_colour_and_a_word_each() -> None:
    assert report_page.LEVEL_LABELS == {"rendah": "Rendah", "sedang": "Sedang", "tinggi": "Tinggi"}
    assert list(report_page.LEVEL_COLOURS) == ["rendah", "sedang", "tinggi"]


def test_dates_and_numbers_read_as_indonesian() -> None:
    assert report_page.hari_tanggal(date(2024, 11, 18)) == "Senin, 18 November 2024"
    assert report_page.h_minus(0) == "Hari H" and report_page.h_minus(9) == "H-9"
    assert report_page.angka(49.333) == "49,3"
