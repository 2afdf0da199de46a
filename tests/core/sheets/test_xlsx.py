"""The one header writer of streamed workbooks: bold column names in a frozen first row."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from core.sheets.xlsx import header_sheet


def test_the_header_is_bold_and_frozen_and_the_title_fits_excel() -> None:
    workbook, sheet = header_sheet("a sheet title longer than excel allows", ["kode", "skor"])
    sheet.append(["81.02", 42])
    buffer = io.BytesIO()
    workbook.save(buffer)
    read = load_workbook(io.BytesIO(buffer.getvalue()))
    (only,) = read.worksheets
    assert only.title == "a sheet title longer than excel "[:31]
    assert only.freeze_panes == "A2"
    assert [(c.value, c.font.bold) for c in only[1]] == [("kode", True), ("skor", True)]
    assert [(c.value, c.font.bold) for c in only[2]] == [("81.02", False), (42, False)]
