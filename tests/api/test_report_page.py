# ruff: noqa: RUF001  (the report writes ranges with an en dash)
"""The printable weekly report's pure parts: words per language, the numbered map, the letterhead's
logo, the freezing note."""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from api import report_page
from api.report_words import WORDS, t
from core.snapshots.weekly_report import EVENTS_LISTED, EventAhead
from tests.core.snapshots.support import ahead_with_events

WIT = timezone(timedelta(hours=9))
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'


def render(source: str, lang: str, **values: object) -> str:
    return report_page._environment().from_string(source).render(lang=lang, **values)


@pytest.mark.parametrize(
    ("name", "value", "lang", "expected"),
    [
        ("tingkat", "tinggi", "id", "Tinggi"),
        ("tingkat", "tinggi", "en", "High"),
        ("tingkat", None, "id", "—"),
        ("tahapan", "masa_tenang", "id", "Masa tenang"),
        ("tahapan", "tidak_ada", "id", "tidak_ada"),
        ("faktor", "isu", "id", "Isu dan hoaks"),
        ("faktor", "rapat_umum", "id", "Rapat umum"),  # a planned event's contribution names its type
        ("faktor", "lainnya", "id", "Lainnya"),
        ("jenis_agenda", "unjuk_rasa_terjadwal", "id", "Unjuk rasa terjadwal"),
        ("perubahan", 0, "id", "tetap"),
        ("perubahan", 2, "id", "naik 2 tingkat"),
        ("perubahan", -1, "en", "down 1 level(s)"),
        ("perubahan", None, "en", "—"),
        ("h_minus", 0, "id", "Hari H"),
        ("h_minus", 0, "en", "Voting day"),
        ("h_minus", 9, "id", "H-9"),
        ("h_minus", -3, "en", "H+3"),
        ("angka", 49.333, "id", "49,3"),
        ("angka", 49.333, "en", "49.3"),
        ("hari_tanggal", date(2024, 11, 18), "id", "Senin, 18 November 2024"),
        ("hari_tanggal", date(2024, 11, 18), "en", "Monday, 18 November 2024"),
        ("alasan", ("tinggi", "lonjakan"), "id", "tingkat tinggi, lonjakan laporan"),
        ("alasan", ("naik",), "en", "rose a level"),
    ],
)
def test_the_page_s_filters_word_values_in_the_page_s_language(
    name: str, value: object, lang: str, expected: str
) -> None:
    assert render(f"{{{{ v | {name} }}}}", lang, v=value) == expected


def test_every_string_has_both_languages_and_the_same_placeholders() -> None:
    for key, texts in WORDS.items():
        assert set(texts) == {"id", "en"}, key
        assert sorted(_placeholders(texts["id"])) == sorted(_placeholders(texts["en"])), key
    assert t("footer.model", "en", model="m", hash="h") == "Model m, parameter hash h."
    assert t("footer.model", "xx", model="m", hash="h") == "Model m, hash parameter h."  # unknown: id


def _placeholders(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def test_levels_have_a_colour_each() -> None:
    assert list(report_page.LEVEL_COLOURS) == ["rendah", "sedang", "tinggi"]


# --------------------------------------------------------------------------- the map


def square(kode: str, nama: str, x: float, y: float, size: float = 1.0) -> dict[str, object]:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {
        "properties": {"kode": kode, "nama": nama},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def islands(kode: str) -> dict[str, object]:
    """A kabupaten of a big island and a small one: its number goes on the big one."""
    big = [[[130.0, -5.0], [131.0, -5.0], [131.0, -4.0], [130.0, -4.0], [130.0, -5.0]]]
    small = [[[133.0, -5.0], [133.1, -5.0], [133.1, -4.9], [133.0, -4.9], [133.0, -5.0]]]
    return {
        "properties": {"kode": kode, "nama": "Kepulauan"},
        "geometry": {"type": "MultiPolygon", "coordinates": [small, big]},
    }


@pytest.mark.parametrize(
    ("feature", "inside"),
    [
        (square("81.01", "A", 128.0, -4.0), (128.0, -4.0, 129.0, -3.0)),
        (islands("81.02"), (130.0, -5.0, 131.0, -4.0)),
    ],
)
def test_a_label_point_is_inside_the_kabupaten_on_its_largest_part(
    feature: dict[str, object], inside: tuple[float, float, float, float]
) -> None:
    x, y = report_page.label_point(feature["geometry"])  # type: ignore[arg-type]
    assert shape(feature["geometry"]).contains(Point(x, y))
    west, south, east, north = inside
    assert west < x < east and south < y < north


def test_the_map_numbers_its_kabupaten_at_a_point_inside_each() -> None:
    features = [square("81.02", "Dua", 129.0, -4.0), square("81.01", "Satu", 128.0, -4.0)]
    view = report_page.map_view(features, {"81.01": "tinggi"}, {"81.01": 1, "81.02": 2}, "en")
    assert view is not None
    assert [(s.number, s.nama, s.label) for s in view.numbered] == [
        (1, "Satu", "High"),
        (2, "Dua", "No data / outside scope"),
    ]
    one, two = view.numbered
    assert one.fill == report_page.LEVEL_COLOURS["tinggi"] and two.fill == report_page.NO_DATA_COLOUR
    # the west square spans the left half of the 640-unit box, the east one the right half
    assert 8 < one.label_x < 320 < two.label_x < 632
    assert 8 < one.label_y < view.height - 8 and abs(one.label_y - two.label_y) < 1


def test_a_map_without_numbers_draws_no_label() -> None:
    view = report_page.map_view([square("81.01", "Satu", 128.0, -4.0)], {}, {})
    assert view is not None and view.numbered == () and len(view.shapes) == 1
    assert report_page.map_view([], {}, {}) is None


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([(10.0, 10.0), (100.0, 10.0)], [(10.0, 10.0), (100.0, 10.0)]),  # far apart: kept
        ([(10.0, 10.0), (12.0, 12.0)], [(10.0, 10.0), (12.0, 23.0)]),  # on top: moved down a line
        (
            [(10.0, 10.0), (10.0, 21.0), (11.0, 12.0)],
            [(10.0, 10.0), (10.0, 21.0), (11.0, 34.0)],
        ),  # two lines down
    ],
)
def test_labels_printing_on_one_another_are_spread(
    points: list[tuple[float, float]], expected: list[tuple[float, float]]
) -> None:
    assert report_page._spread(points) == expected


# --------------------------------------------------------------------------- the letterhead's logo


@pytest.mark.parametrize(
    ("name", "body", "prefix"),
    [
        ("logo.png", PNG, "data:image/png;base64,"),
        ("logo.svg", SVG, "data:image/svg+xml;base64,"),
        ("named-wrong.jpg", PNG, "data:image/png;base64,"),  # the bytes decide, not the name
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "data:image/svg+xml;base64,"),
    ],
)
def test_a_logo_is_embedded_as_a_data_uri(tmp_path: Path, name: str, body: bytes, prefix: str) -> None:
    path = tmp_path / name
    path.write_bytes(body)
    uri = report_page.logo_data_uri(path)
    assert uri is not None and uri.startswith(prefix)
    assert base64.b64decode(uri.removeprefix(prefix)) == body


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("missing.png", None),
        ("notes.txt", b"just words"),
        ("logo.png", b"\x89PNG but cut short"),
        ("page.svg", b"<html><body>not an svg</body></html>"),
        ("binary.svg", b"\xff\xfe\x00\x01"),
        ("huge.png", PNG + b"\0" * report_page.MAX_LOGO_BYTES),
    ],
)
def test_a_missing_or_non_image_logo_is_left_out_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, body: bytes | None
) -> None:
    path = tmp_path / name
    if body is not None:
        path.write_bytes(body)
    with caplog.at_level(logging.WARNING, logger="api.report_page"):
        assert report_page.logo_data_uri(path) is None
    assert str(path) in caplog.text
    assert report_page.logo_data_uri(None) is None


# --------------------------------------------------------------------------- the freezing note


@dataclass(frozen=True)
class Frozen:
    """The fields of a WeeklyReport the freezing note reads."""

    generated_at: datetime | None
    zona: str = "WIT"
    week_start: date = date(2024, 11, 18)
    as_of: date = date(2024, 11, 24)
    national: bool = False
    rows: tuple[object, ...] = field(default=())


@pytest.mark.parametrize(
    ("report", "lang", "expected"),
    [
        pytest.param(
            Frozen(datetime(2024, 11, 25, 8, 0, tzinfo=WIT)),
            "id",
            (
                "Snapshot minggu ini dibuat pada Senin, 25 November 2024 08:00 WIT; angka mencerminkan "
                "kejadian sampai Minggu, 24 November 2024 yang sudah dilaporkan pada saat itu. Laporan "
                "yang masuk kemudian tidak mengubahnya.",
            ),
            id="frozen the next Monday",
        ),
        pytest.param(
            Frozen(datetime(2026, 12, 2, 14, 5, tzinfo=WIT)),
            "id",
            (
                "Snapshot minggu ini dibuat pada Rabu, 2 Desember 2026 14:05 WIT; angka mencerminkan "
                "kejadian sampai Minggu, 24 November 2024 yang sudah dilaporkan pada saat itu. Laporan "
                "yang masuk kemudian tidak mengubahnya.",
                "Snapshot dibuat 738 hari setelah minggu ini berakhir (misalnya saat data dimuat atau "
                "dihitung ulang); angkanya tetap menggambarkan minggu 18 November 2024 – 24 November 2024.",
            ),
            id="a 2024 week frozen in 2026 says so",
        ),
        pytest.param(
            Frozen(
                datetime(2026, 12, 2, 13, 5, tzinfo=timezone(timedelta(hours=7))), zona="WIB", national=True
            ),
            "en",
            (
                "This week's snapshot was made on Wednesday, 2 December 2026 13:05 WIB; the figures reflect "
                "incidents up to Sunday, 24 November 2024 reported by then. Reports arriving later do not "
                "change them.",
                "The snapshot was made 738 days after this week ended (for example when the data was loaded "
                "or recomputed); its figures still describe the week 18 November 2024 – 24 November 2024.",
                "Times in the national report are in WIB.",
            ),
            id="the national report in English, in WIB",
        ),
        pytest.param(Frozen(None), "id", (), id="no run time: no note"),
    ],
)
def test_the_freezing_note_says_when_the_snapshot_was_made_and_what_it_covers(
    report: Frozen, lang: str, expected: tuple[str, ...]
) -> None:
    assert report_page.freezing_note(report, lang) == expected  # type: ignore[arg-type]


def test_a_week_with_more_events_than_a_page_holds_says_how_many_are_left_out(geo_dir) -> None:  # type: ignore[no-untyped-def]
    start = datetime(2024, 11, 25, 8, tzinfo=timezone(timedelta(hours=7)))
    events = tuple(
        EventAhead(
            start + timedelta(hours=i), start, "31.71", "Kota Jakarta Pusat", "kampanye", f"Acara {i}", i
        )
        for i in range(EVENTS_LISTED + 7)
    )
    page = report_page.render_weekly_report(ahead_with_events(events), geo_dir=geo_dir, lang="id")
    assert page.count("<td>Acara ") == EVENTS_LISTED  # the agenda table's rows
    assert "<td>Acara 6<" not in page and f"<td>Acara {EVENTS_LISTED + 6}<" in page  # the smallest left out
    assert "7 agenda lain tidak dicantumkan" in page
