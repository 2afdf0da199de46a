"""Reports out to spreadsheets: the template's columns plus status, streamed a page at a time.

An export imports back as the same reports (times in each kabupaten's own zone with their
offset; text a spreadsheet would run as a formula escaped, and unescaped on import).

The export reads plain rows of just its columns (no ORM objects, no API model per row) with the
same scope and filter clauses and the same newest-first order as `list_reports`, one short read
transaction per page, so a million reports stream at CSV speed without holding a snapshot open.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Boolean, Engine, Row, String, select, tuple_, type_coerce

from core.accounts.service import Principal
from core.db import read_session
from core.regions.service import zone_of_kabupaten
from core.reports.queries import ReportFilter, scoped_filter_clauses
from core.sheets.columns import EXPORT_COLUMNS, FIELD_OF_COLUMN, FORMULA_START, SHEET_NAME, TEXT_COLUMNS
from core.sheets.xlsx import stream_workbook
from models.report import Report

# The report column behind each export column, in the export's order.
EXPORT_FIELDS = (*FIELD_OF_COLUMN.values(), "status", "location_mismatch", "kecamatan_mismatch")
# The time and the id as the driver hands them over: SQLAlchemy's per-value conversion of these
# two cost more than everything else an export does per row (they are converted below, in C).
_RAW = frozenset({"occurred_at", "id"})
_SELECTED = tuple(
    type_coerce(Report.__table__.c[name], String) if name in _RAW else Report.__table__.c[name]
    for name in EXPORT_FIELDS
)
_TIME_AT = EXPORT_FIELDS.index("occurred_at")
_ID_AT = EXPORT_FIELDS.index("id")
_KODE_AT = EXPORT_FIELDS.index("kabupaten_kode")
_TEXT_AT = tuple(i for i, name in enumerate(EXPORT_COLUMNS) if name in TEXT_COLUMNS)
PAGE_SIZE = 2000
_BOOL_AT = tuple(
    i for i, name in enumerate(EXPORT_FIELDS) if isinstance(Report.__table__.c[name].type, Boolean)
)

ExportPage = Sequence[Row[Any]]


def export_pages(
    *, engine: Engine, account: Principal, flt: ReportFilter, page_size: int = PAGE_SIZE
) -> Iterator[ExportPage]:
    """Reports in scope, newest first, a page per short read transaction (keyset on occurred_at, id).

    The first page is always yielded (perhaps empty), so reading it checks the filter.
    """
    occurred, rid = Report.__table__.c.occurred_at, Report.__table__.c.id
    query = select(*_SELECTED)
    for clause in scoped_filter_clauses(account, flt):
        query = query.where(clause)
    query = query.order_by(occurred.desc(), rid.desc()).limit(page_size)
    page_query = query
    while True:
        with read_session(engine) as session:
            page = session.execute(page_query).all()
        yield page
        if len(page) < page_size:
            return
        last = page[-1]
        page_query = query.where(tuple_(occurred, rid) < (_instant(last[_TIME_AT]), _uuid(last[_ID_AT])))


@functools.cache
def _zone(kabupaten_kode: str) -> ZoneInfo:
    return zone_of_kabupaten(kabupaten_kode)


def _instant(stored: datetime | str) -> datetime:
    """An aware instant from the driver: PostgreSQL's timestamptz, or SQLite's naive UTC text."""
    if isinstance(stored, str):
        return datetime.fromisoformat(stored).replace(tzinfo=UTC)
    return stored


def _uuid(stored: uuid.UUID | str) -> uuid.UUID:
    """A UUID from the driver: PostgreSQL's uuid, or SQLite's 32 hex digits."""
    return stored if isinstance(stored, uuid.UUID) else uuid.UUID(hex=stored)


def _uuid_text(stored: uuid.UUID | str) -> str:
    """The canonical 8-4-4-4-12 form, without building a UUID from SQLite's hex digits."""
    if isinstance(stored, uuid.UUID):
        return str(stored)
    h = stored.lower()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def export_values(row: Sequence[Any]) -> list[Any]:
    """One report as the export's columns: the id as text, the time in the kabupaten's own zone.

    '2024-11-20T09:30:00+09:00' for a report from Maluku (WIT); everything else as stored.
    """
    values = list(row)
    values[_ID_AT] = _uuid_text(values[_ID_AT])
    values[_TIME_AT] = _instant(values[_TIME_AT]).astimezone(_zone(values[_KODE_AT])).isoformat()
    return values


def export_rows(pages: Iterable[ExportPage]) -> Iterator[list[Any]]:
    """Every report of every page as export values, one at a time."""
    for page in pages:
        yield from map(export_values, page)


def csv_values(values: list[Any]) -> list[Any]:
    """Booleans as true/false and text a spreadsheet would run as a formula with a leading
    apostrophe (undone on import); None needs nothing, csv writes it as an empty cell. In place."""
    for i in _BOOL_AT:
        values[i] = "true" if values[i] else "false"
    for i in _TEXT_AT:
        text = values[i]
        if text and text.startswith(FORMULA_START):
            values[i] = "'" + text
    return values


def export_csv(pages: Iterable[ExportPage]) -> Iterator[bytes]:
    """UTF-8 CSV with BOM, a chunk per page, so a large export never sits in memory."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    yield codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
    for page in pages:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([csv_values(export_values(row)) for row in page])
        yield buffer.getvalue().encode("utf-8")


def export_xlsx(pages: Iterable[ExportPage]) -> Iterator[bytes]:
    """The same rows as a workbook zipped as it streams (strings stay strings, never formulas)."""
    return stream_workbook(SHEET_NAME, EXPORT_COLUMNS, export_rows(pages))


def export_filename(suffix: str, now: datetime | None = None) -> str:
    """The download's name, stamped with when it was made (UTC)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M")
    return f"waspada-laporan-{stamp}.{suffix}"
