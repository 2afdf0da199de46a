"""Reading an uploaded sheet: CSV or XLSX told apart by content, encoding and delimiter guessed,
zip bombs refused, and the header row mapped to the template's columns.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from openpyxl import load_workbook

from core.errors import InvalidInput
from core.sheets.columns import (
    EXPORT_ONLY,
    FIELD_OF_COLUMN,
    HEADER_ALIASES,
    REQUIRED,
    SHEET_NAME,
    TEMPLATE_COLUMNS,
)

MAX_UNZIPPED_BYTES = 512 * 1024 * 1024


@dataclass
class Sheet:
    """The rows of an uploaded file, whatever its format, as (row number, cells)."""

    format: str
    encoding: str | None
    header: list[Any]
    rows: Iterator[tuple[int, list[Any]]]
    estimated_rows: int | None = None
    warnings: list[str] = field(default_factory=list)


def file_error(reason: str, type: str = "file_invalid") -> InvalidInput:
    """A problem with the file as a whole (format, encoding, header), not with one row."""
    return InvalidInput.single("file", reason, type)


def _peek(source: IO[bytes], size: int = 8) -> bytes:
    """The first bytes, to tell the format by content; the position is left where it was."""
    start = source.tell()
    head = source.read(size)
    source.seek(start)
    return head


def _detect_encoding(source: IO[bytes]) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or Excel's Windows-1252; else a clear error."""
    head = _peek(source, 4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        start = source.tell()
        try:
            while chunk := source.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
        finally:
            source.seek(start)
    raise file_error(
        "the file is neither UTF-8 nor Windows-1252 text; in Excel choose "
        "'Save as' > 'CSV UTF-8 (Comma delimited)' or upload the .xlsx itself",
        "encoding",
    )


def _delimiter(header_line: str) -> str:
    """Excel saves ';'-separated CSV in Indonesian and other comma-decimal locales."""
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_records(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[Any]]]:
    """Numbered records (a quoted line break stays inside its row, as Excel shows it)."""
    number = 1
    try:
        for record in reader:
            number += 1
            yield number, record
    except (csv.Error, UnicodeDecodeError) as exc:
        raise file_error(f"row {number + 1}: the CSV cannot be read: {exc}", "csv") from exc


@contextlib.contextmanager
def _open_csv(source: IO[bytes]) -> Iterator[Sheet]:
    """A CSV in whichever encoding and delimiter Excel saved it with."""
    encoding = _detect_encoding(source)
    text = io.TextIOWrapper(source, encoding=encoding, newline="")
    try:
        first = text.readline()
        if not first.strip():
            raise file_error("the file is empty; the first row must name the columns", "empty")
        reader = csv.reader(_chain_line(first, text), delimiter=_delimiter(first))
        header = next(reader)
        warnings = []
        if encoding == "cp1252":
            warnings.append("the file is not UTF-8; it was read as Windows-1252 (Excel's 'CSV' format)")
        yield Sheet("csv", encoding, header, _csv_records(reader), warnings=warnings)
    finally:
        text.detach()  # the caller owns the underlying file


def _chain_line(first: str, rest: Iterable[str]) -> Iterator[str]:
    """The sniffed first line back in front of the rest."""
    yield first
    yield from rest


def _check_zip(source: IO[bytes]) -> None:
    """Refuse archives that are not workbooks or would inflate beyond reason (zip bombs)."""
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            inflated = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise file_error("the file looks like .xlsx but is not a valid workbook") from exc
    finally:
        source.seek(0)
    if "xl/workbook.xml" not in names:
        raise file_error("the archive is not an Excel workbook (.xlsx)")
    if inflated > MAX_UNZIPPED_BYTES:
        raise file_error("the workbook is too large once unpacked", "too_large")


def _xlsx_rows(sheet: Any) -> Iterator[tuple[int, list[Any]]]:
    """The data rows, numbered as Excel shows them; a damaged sheet is a file error."""
    try:
        for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
            yield number, list(values)
    except Exception as exc:  # only openpyxl runs in here; a damaged sheet fails in many ways
        raise file_error(f"the workbook cannot be read: {exc}") from exc


def _xlsx_header(sheet: Any) -> tuple[Any, ...] | None:
    """The first row, or None for an empty sheet."""
    try:
        return next(sheet.iter_rows(max_row=1, values_only=True), None)
    except Exception as exc:  # as in _xlsx_rows
        raise file_error(f"the workbook cannot be read: {exc}") from exc


@contextlib.contextmanager
def _open_xlsx(source: IO[bytes]) -> Iterator[Sheet]:
    """The workbook's 'laporan' sheet (else its first), read-only and streamed."""
    _check_zip(source)
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise file_error(f"the workbook cannot be opened: {exc}") from exc
    try:
        names = {name.lower(): name for name in workbook.sheetnames}
        sheet = workbook[names.get(SHEET_NAME, workbook.sheetnames[0])]
        estimated = (sheet.max_row - 1) if sheet.max_row else None
        sheet.reset_dimensions()  # a wrong <dimension> tag must not hide rows
        rows = _xlsx_rows(sheet)
        header = _xlsx_header(sheet)
        if header is None or not any(v not in (None, "") for v in header):
            raise file_error("the sheet is empty; the first row must name the columns", "empty")
        yield Sheet("xlsx", None, list(header), rows, estimated_rows=estimated)
    finally:
        workbook.close()


@contextlib.contextmanager
def open_sheet(source: IO[bytes]) -> Iterator[Sheet]:
    """Open an uploaded CSV or XLSX (told apart by content, not by name)."""
    head = _peek(source)
    if head.startswith(b"PK\x03\x04"):
        with _open_xlsx(source) as sheet:
            yield sheet
    elif head.startswith(b"\xd0\xcf\x11\xe0"):
        raise file_error("old Excel .xls files are not supported; save as .xlsx or CSV UTF-8")
    else:
        with _open_csv(source) as sheet:
            yield sheet


def estimate_csv_rows(source: IO[bytes]) -> int:
    """Line breaks in the file minus the header: a cheap total for a progress bar."""
    start = source.tell()
    lines = 0
    last = b""
    while chunk := source.read(1 << 20):
        lines += chunk.count(b"\n")
        last = chunk
    source.seek(start)
    if last and not last.endswith(b"\n"):
        lines += 1
    return max(lines - 1, 0)


def _column_name(raw: Any) -> str:
    """'Judul', ' id (opsional) ', 'Tingkat keparahan' -> the template's column name."""
    name = str(raw or "").strip().lower().lstrip("\ufeff")
    name = re.sub(r"\((opsional|wajib|optional|required)\)", "", name).strip()
    name = re.sub(r"[\s\-]+", "_", name)
    return HEADER_ALIASES.get(name, name)


def read_header(raw: Sequence[Any], *, default_kode: str | None) -> list[str | None]:
    """Column names by position (None for an ignored column); refuses unknown and missing ones."""
    names = [_column_name(cell) for cell in raw]
    while names and not names[-1]:
        names.pop()
    unknown = [n or "(empty)" for n in names if n not in FIELD_OF_COLUMN and n not in EXPORT_ONLY]
    if unknown:
        raise file_error(
            f"unknown column(s) {', '.join(unknown)}; the columns are {', '.join(TEMPLATE_COLUMNS)}",
            "unknown_column",
        )
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise file_error(f"column(s) {', '.join(repeated)} appear more than once", "duplicate_column")
    required = [*REQUIRED, *([] if default_kode else ["kode_kabupaten"])]
    missing = [n for n in required if n not in names]
    if missing:
        raise file_error(f"missing column(s) {', '.join(missing)}", "missing_column")
    return [None if n in EXPORT_ONLY else n for n in names]
