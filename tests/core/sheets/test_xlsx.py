"""The one writer of streamed workbooks: bold column names in a frozen first row, zipped as it goes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime

from openpyxl import load_workbook

from core.sheets.xlsx import stream_workbook, workbook_bytes


def test_the_header_is_bold_and_frozen_and_the_title_fits_excel() -> None:
    data = workbook_bytes("a sheet title longer than excel allows", ["kode", "skor"], [["81.02", 42]])
    read = load_workbook(io.BytesIO(data))
    (only,) = read.worksheets
    assert only.title == "a sheet title longer than excel "[:31]
    assert only.freeze_panes == "A2"
    assert [(c.value, c.font.bold) for c in only[1]] == [("kode", True), ("skor", True)]
    assert [(c.value, c.font.bold) for c in only[2]] == [("81.02", False), (42, False)]


def test_values_keep_their_types_and_strings_never_become_formulas() -> None:
    rows = [
        ['=HYPERLINK("http://x")', 3, 2.5, True, None, date(2024, 11, 18)],
        ["  spasi\r\nbaris \x01\x0b<b>&amp;</b>\ufffe", -7, -1e-05, False, "", None],
    ]
    data = workbook_bytes("laporan", ["a", "b", "c", "d", "e", "f"], rows)
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    sheet = load_workbook(io.BytesIO(data)).active
    first = [c for c in sheet[2]]
    assert [c.value for c in first] == ['=HYPERLINK("http://x")', 3, 2.5, True, None, datetime(2024, 11, 18)]
    assert first[0].data_type == "s"  # a string, not a formula
    assert first[5].number_format == "yyyy-mm-dd"
    # markup is text, \r survives, characters XML cannot hold are dropped, spaces are kept
    assert [c.value for c in sheet[3]][:4] == ["  spasi\r\nbaris <b>&amp;</b>", -7, -1e-05, False]
    read_only = load_workbook(io.BytesIO(data), read_only=True).active
    assert next(iter(read_only.iter_rows(min_row=2, max_row=2, values_only=True)))[0].startswith("=HYPER")


def test_the_workbook_streams_its_first_bytes_before_reading_the_rows() -> None:
    read: list[int] = []

    def rows() -> Iterator[list[object]]:
        for i in range(20_000):
            read.append(i)
            yield [f"baris {i}", i]

    chunks = stream_workbook("laporan", ["judul", "nomor"], rows())
    first = next(chunks)
    assert first.startswith(b"PK\x03\x04") and read == []
    rest = b"".join(chunks)
    assert len(read) == 20_000
    values = list(load_workbook(io.BytesIO(first + rest), read_only=True).active.values)
    assert len(values) == 20_001 and values[-1] == ("baris 19999", 19999)
