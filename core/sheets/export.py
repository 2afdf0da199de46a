"""Reports out to spreadsheets: the template's columns plus status, streamed a page at a time.

An export imports back as the same reports (times in each kabupaten's own zone with their
offset; text a spreadsheet would run as a formula escaped, and unescaped on import).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import IO, Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import Engine

from core.accounts.service import Principal
from core.db import read_session
from core.regions.service import zone_of_kabupaten
from core.reports.queries import ReportFilter, list_reports
from core.sheets.columns import EXPORT_COLUMNS, FORMULA_START, SHEET_NAME, TEXT_COLUMNS
from core.sheets.xlsx import header_sheet
from models.report import ReportPublic


def export_pages(
    *, engine: Engine, account: Principal, flt: ReportFilter, page_size: int = 1000
) -> Iterator[list[ReportPublic]]:
    """Reports in scope, newest first, a page per short read transaction (keyset cursor)."""
    cursor: str | None = None
    while True:
        with read_session(engine) as session:
            page = list_reports(session=session, account=account, flt=flt, limit=page_size, cursor=cursor)
        yield page.items
        cursor = page.next_cursor
        if cursor is None:
            return


def local_time_text(report: ReportPublic) -> str:
    """The instant in the kabupaten's own zone, with its offset: '2024-11-20T09:30:00+09:00'."""
    return report.occurred_at.astimezone(zone_of_kabupaten(report.kabupaten_kode)).isoformat()


def export_values(report: ReportPublic) -> dict[str, Any]:
    """One report as the template's columns (plus status and location mismatch)."""
    return {
        "id": str(report.id),
        "kode_kabupaten": report.kabupaten_kode,
        "kecamatan": report.kecamatan,
        "waktu_kejadian": local_time_text(report),
        "kategori": report.category.value,
        "tingkat_keparahan": report.severity,
        "judul": report.title,
        "deskripsi": report.description,
        "jumlah_massa": report.crowd_size,
        "lintang": report.latitude,
        "bujur": report.longitude,
        "sumber": report.source_type.value,
        "status": report.status.value,
        "lokasi_tidak_sesuai": report.location_mismatch,
    }


def _csv_cell(column: str, value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (undone on import)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column in TEXT_COLUMNS and isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def export_csv(pages: Iterable[list[ReportPublic]]) -> Iterator[bytes]:
    """UTF-8 CSV with BOM, a chunk per page, so a large export never sits in memory."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    yield codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
    for page in pages:
        buffer.seek(0)
        buffer.truncate()
        for report in page:
            values = export_values(report)
            writer.writerow([_csv_cell(c, values[c]) for c in EXPORT_COLUMNS])
        yield buffer.getvalue().encode("utf-8")


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    """Strings stay strings (never formulas); characters XML cannot hold are dropped."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not value.startswith("="):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def export_xlsx(pages: Iterable[list[ReportPublic]], target: IO[bytes]) -> int:
    """Write a workbook row by row (openpyxl write-only mode spools to disk); returns the row count."""
    workbook, sheet = header_sheet(SHEET_NAME, EXPORT_COLUMNS)
    count = 0
    for page in pages:
        for report in page:
            values = export_values(report)
            sheet.append([_xlsx_cell(sheet, values[c]) for c in EXPORT_COLUMNS])
            count += 1
    workbook.save(target)
    return count


def export_filename(suffix: str, now: datetime | None = None) -> str:
    """The download's name, stamped with when it was made (UTC)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M")
    return f"waspada-laporan-{stamp}.{suffix}"
