"""Streamed workbooks: one write-only sheet with a bold, frozen header (reports and snapshots)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font


def header_sheet(title: str, columns: Sequence[str]) -> tuple[Workbook, Any]:
    """A write-only workbook whose one sheet starts with the columns' names in bold, kept in view."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])  # Excel's limit for a sheet name
    sheet.freeze_panes = "A2"
    header = []
    for name in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    return workbook, sheet
