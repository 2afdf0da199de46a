"""Reports to and from spreadsheets: the import template, a validated import, a streamed export.

An import row goes through `core.reports.intake.create_reports_batch`, the same path as the API's
batch endpoint, so a spreadsheet can never store what the API would refuse. Cells are turned
into JSON-like values deliberately, column by column (CSV gives only text; Excel gives numbers
and dates), before that strict validation sees them.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time
from itertools import chain
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import Engine
from sqlmodel import Session, select

from core.accounts.service import Principal, principal_of
from core.db import read_session
from core.errors import FieldError, Forbidden, InvalidInput, UnknownKabupaten
from core.regions.service import existing_kabupaten, normalize_kabupaten_kode, province_of, zone_of_kabupaten
from core.reports.intake import (
    IntakeRules,
    ItemResult,
    Outcome,
    PreparedReport,
    ReportFilter,
    create_reports_batch,
    list_reports,
)
from models.account import Account, Role
from models.report import Category, FieldSource, ReportPublic

Store = Callable[[Sequence[PreparedReport]], list[ItemResult]]

# The template's columns (Indonesian, as officers name things) and the API field each one fills.
FIELD_OF_COLUMN: dict[str, str] = {
    "id": "id",
    "kode_kabupaten": "kabupaten_kode",
    "kecamatan": "kecamatan",
    "waktu_kejadian": "occurred_at",
    "kategori": "category",
    "tingkat_keparahan": "severity",
    "judul": "title",
    "deskripsi": "description",
    "jumlah_massa": "crowd_size",
    "lintang": "latitude",
    "bujur": "longitude",
    "sumber": "source_type",
}
TEMPLATE_COLUMNS = tuple(FIELD_OF_COLUMN)
EXPORT_COLUMNS = (*TEMPLATE_COLUMNS, "status", "lokasi_tidak_sesuai")
COLUMN_OF_FIELD = {f: c for c, f in FIELD_OF_COLUMN.items()}
# The API's own names are accepted too, so a JSON export turned into CSV imports as it is.
HEADER_ALIASES = {**COLUMN_OF_FIELD, "location_mismatch": "lokasi_tidak_sesuai"}
EXPORT_ONLY = frozenset({"status", "lokasi_tidak_sesuai"})
REQUIRED = ("waktu_kejadian", "kategori", "tingkat_keparahan", "judul")
TEXT_COLUMNS = frozenset({"kecamatan", "judul", "deskripsi"})

CHUNK_SIZE = 500
MAX_PROBLEMS = 1000
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
SHEET_NAME = "laporan"
# The template's example row carries this id, so an untouched template never stores a fake report.
EXAMPLE_ID = uuid.UUID("00000000-0000-4000-8000-000000000001")

CATEGORY_LABELS: dict[str, str] = {
    "kerumunan_massa": "Kerumunan massa",
    "unjuk_rasa": "Unjuk rasa / demonstrasi",
    "kampanye": "Kegiatan kampanye",
    "perusakan_apk": "Perusakan alat peraga kampanye (APK)",
    "politik_uang": "Politik uang",
    "netralitas_asn": "Pelanggaran netralitas ASN",
    "isu_tidak_jelas": "Isu tidak jelas",
    "hoaks": "Hoaks / disinformasi",
    "ujaran_kebencian_sara": "Ujaran kebencian / SARA",
    "intimidasi": "Intimidasi / ancaman",
    "bentrokan": "Bentrokan antarkelompok",
    "kekerasan": "Kekerasan fisik",
    "lainnya": "Lainnya",
}
SOURCE_LABELS: dict[str, str] = {
    "fkdm": "FKDM",
    "aparat": "Aparat (TNI/Polri/Satpol PP)",
    "media": "Media massa",
    "media_sosial": "Media sosial",
    "masyarakat": "Masyarakat",
    "intelijen": "Intelijen",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$")
_GROUPED = re.compile(r"^\d{1,3}([. ]\d{3})+$")
_WHOLE = re.compile(r"^[+-]?\d+([.,]0+)?$")
_SHORT_KODE = re.compile(r"^\d{2}\.\d$")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class RowResult:
    """One sheet row's outcome; `row` as the user sees it (the header is row 1)."""

    row: int
    id: uuid.UUID | None
    status: Outcome
    errors: list[FieldError] = field(default_factory=list)


@dataclass
class ImportSummary:
    """What an import did; `problems` lists refused rows (at most `MAX_PROBLEMS` of them)."""

    format: str
    encoding: str | None
    rows: int = 0
    created: int = 0
    replayed: int = 0
    conflict: int = 0
    invalid: int = 0
    problems: list[RowResult] = field(default_factory=list)
    problems_truncated: bool = False
    warnings: list[str] = field(default_factory=list)

    def add(self, result: RowResult, max_problems: int) -> None:
        """Count a row; keep the refused ones for the user to fix."""
        self.rows += 1
        setattr(self, result.status.value, getattr(self, result.status.value) + 1)
        if result.status in (Outcome.INVALID, Outcome.CONFLICT):
            if len(self.problems) < max_problems:
                self.problems.append(result)
            else:
                self.problems_truncated = True


class CellError(ValueError):
    """A cell that cannot become the value its column needs."""

    def __init__(self, reason: str, type: str = "value_error") -> None:
        super().__init__(reason)
        self.reason = reason
        self.type = type


# --------------------------------------------------------------------------- reading files


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
    try:
        for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
            yield number, list(values)
    except Exception as exc:  # only openpyxl runs in here; a damaged sheet fails in many ways
        raise file_error(f"the workbook cannot be read: {exc}") from exc


def _xlsx_header(sheet: Any) -> tuple[Any, ...] | None:
    try:
        return next(sheet.iter_rows(max_row=1, values_only=True), None)
    except Exception as exc:  # as in _xlsx_rows
        raise file_error(f"the workbook cannot be read: {exc}") from exc


@contextlib.contextmanager
def _open_xlsx(source: IO[bytes]) -> Iterator[Sheet]:
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


# --------------------------------------------------------------------------- header


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


# --------------------------------------------------------------------------- cells


def _blank(value: Any) -> bool:
    """An empty cell means 'not given' (the API's default), never an empty string."""
    return value is None or (isinstance(value, str) and not value.strip())


def _unescape(text: str) -> str:
    """Undo the export's guard against spreadsheet formulas ('=... written as '=...)."""
    if len(text) > 1 and text[0] == "'" and text[1] in _FORMULA_START:
        return text[1:]
    return text


def text_cell(value: Any) -> str:
    """Text as typed; a number Excel made of it (a kecamatan '12') becomes text again."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _unescape(value if isinstance(value, str) else str(value))


def kode_cell(value: Any) -> str:
    """Excel turns 81.10 into the number 81.1 and 8102 into 8102: give back the code's text."""
    if isinstance(value, bool):
        raise CellError("must be a kabupaten/kota code such as 81.02")
    if isinstance(value, float):
        return f"{value:.2f}"
    text = str(value).strip()
    return f"{text}0" if _SHORT_KODE.match(text) else text


def _datetime_text(text: str) -> datetime:
    match = _DAY_FIRST.match(text)
    if match:
        day, month, year, hour, minute, second = (int(g) if g else 0 for g in match.groups())
        return datetime(year, month, day, hour, minute, second)
    return datetime.fromisoformat(text)


def datetime_cell(value: Any) -> datetime:
    """An Excel date, ISO 8601 text (with or without offset), or day-first '20/11/2024 09.30'."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, str):
        try:
            return _datetime_text(value.strip())
        except ValueError:
            pass
    raise CellError(
        f"'{value}' is not a date and time; write 2024-11-20 09:30 (or 20/11/2024 09:30), "
        "in the kabupaten's local time or with an offset such as +09:00",
        "datetime_parsing",
    )


def whole_cell(value: Any) -> int:
    """A whole number from an Excel number or from text ('3', '3.0')."""
    if isinstance(value, bool):
        raise CellError("must be a whole number", "int_parsing")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _WHOLE.match(value.strip()):
        return int(re.split(r"[.,]", value.strip())[0])
    raise CellError(f"'{value}' is not a whole number", "int_parsing")


def count_cell(value: Any) -> int:
    """Like whole_cell, but '1.200' and '1 200' are Indonesian thousands (1200), not decimals."""
    if isinstance(value, str) and _GROUPED.match(value.strip()):
        return int(re.sub(r"[. ]", "", value.strip()))
    return whole_cell(value)


def decimal_cell(value: Any) -> float:
    """A coordinate from an Excel number or text, with '.' or a lone decimal comma."""
    if isinstance(value, bool):
        raise CellError("must be a number", "float_parsing")
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("\u2212", "-")
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise CellError(f"'{value}' is not a number", "float_parsing") from None


def _choice_cell(value: Any, by_label: dict[str, str]) -> str:
    """A code ('unjuk_rasa') or its label ('Unjuk rasa / demonstrasi'), any case."""
    text = str(value).strip().lower()
    if text in by_label:
        return by_label[text]
    return re.sub(r"[\s\-]+", "_", text)  # anything else: validation names the choices


_CATEGORY_BY_LABEL = {label.lower(): code for code, label in CATEGORY_LABELS.items()}
_SOURCE_BY_LABEL = {label.lower(): code for code, label in SOURCE_LABELS.items()}


def category_cell(value: Any) -> str:
    """People type the label they see in the template's help sheet; both forms are accepted."""
    return _choice_cell(value, _CATEGORY_BY_LABEL)


def source_cell(value: Any) -> str:
    """As category_cell, for the source column."""
    return _choice_cell(value, _SOURCE_BY_LABEL)


def id_cell(value: Any) -> str:
    """The id as text; validation says whether it is a UUID."""
    return str(value).strip()


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "id": id_cell,
    "kode_kabupaten": kode_cell,
    "kecamatan": text_cell,
    "waktu_kejadian": datetime_cell,
    "kategori": category_cell,
    "tingkat_keparahan": whole_cell,
    "judul": text_cell,
    "deskripsi": text_cell,
    "jumlah_massa": count_cell,
    "lintang": decimal_cell,
    "bujur": decimal_cell,
    "sumber": source_cell,
}


# --------------------------------------------------------------------------- rows


@dataclass
class PendingRow:
    """A sheet row turned into a ReportCreate-shaped dict, with what could not be converted."""

    number: int
    item: dict[str, Any]
    errors: list[FieldError]


def _check_kode(item: dict[str, Any], default_kode: str | None) -> list[FieldError]:
    """An import for one kabupaten fills blank codes and refuses rows for another."""
    if default_kode is None:
        return []
    raw = item.setdefault("kabupaten_kode", default_kode)
    try:
        kode = normalize_kabupaten_kode(raw)
    except InvalidInput:
        return []  # validation explains a malformed code
    if kode != default_kode:
        reason = f"the row is for {kode} but this import is for {default_kode}"
        return [FieldError("kode_kabupaten", reason, "kabupaten_mismatch")]
    return []


def convert_row(
    number: int, cells: Sequence[Any], columns: Sequence[str | None], default_kode: str | None
) -> PendingRow | None:
    """Cells to a ReportCreate dict by column; None for a blank row."""
    if all(_blank(c) for c in cells):
        return None
    item: dict[str, Any] = {}
    errors: list[FieldError] = []
    if any(not _blank(c) for c in cells[len(columns) :]):
        errors.append(
            FieldError(
                "row",
                "the row has more cells than the header has columns (put text with commas in quotes)",
                "extra_cells",
            )
        )
    for column, value in zip(columns, cells, strict=False):
        if column is None or _blank(value):
            continue
        try:
            item[FIELD_OF_COLUMN[column]] = CONVERTERS[column](value)
        except CellError as exc:
            errors.append(FieldError(column, exc.reason, exc.type))
    errors += _check_kode(item, default_kode)
    if str(item.get("id", "")).lower() == str(EXAMPLE_ID):
        reason = "this is the template's example row; delete it (or clear its id) before importing"
        errors.append(FieldError("id", reason, "example_row"))
    return PendingRow(number, item, errors)


def _column_errors(errors: Iterable[FieldError]) -> list[FieldError]:
    """Name fields the way the sheet does ('occurred_at' -> 'waktu_kejadian')."""
    return [FieldError(COLUMN_OF_FIELD.get(e.field.split(".")[0], e.field), e.reason, e.type) for e in errors]


def _dry_store(prepared: Sequence[PreparedReport]) -> list[ItemResult]:
    """Validate without storing: for rows already known to be refused."""
    return [ItemResult(r.id, Outcome.CREATED) for r in prepared]


@dataclass
class ImportContext:
    """What every chunk of one import shares; `writes` stores one chunk while the next is validated."""

    session: Session
    account: Principal
    rules: IntakeRules
    store: Store
    writes: ThreadPoolExecutor
    first_row_of_id: dict[uuid.UUID, int] = field(default_factory=dict)


def _refused_rows(ctx: ImportContext, rows: list[PendingRow]) -> list[RowResult]:
    """Rows with unconvertible cells: never stored, but checked for every other problem too."""
    if not rows:
        return []
    checked = create_reports_batch(
        session=ctx.session,
        account=ctx.account,
        items=[r.item for r in rows],
        rules=ctx.rules,
        store=_dry_store,
    )
    results = []
    for row, result in zip(rows, checked, strict=True):
        flagged = {e.field for e in row.errors}
        more = [e for e in _column_errors(result.errors) if e.field not in flagged]
        results.append(RowResult(row.number, result.id, Outcome.INVALID, [*row.errors, *more]))
    return results


Write = tuple[Future[list[ItemResult]], list[ItemResult]]


def _deferred_store(ctx: ImportContext, writes: list[Write]) -> Store:
    """Hand prepared reports to the (single, ordered) write thread; answer with placeholders."""

    def store(prepared: Sequence[PreparedReport]) -> list[ItemResult]:
        placeholders = [ItemResult(r.id, Outcome.CREATED) for r in prepared]
        writes.append((ctx.writes.submit(ctx.store, list(prepared)), placeholders))
        return placeholders

    return store


def _settle(writes: list[Write]) -> None:
    """Wait for the writer and put its real outcomes into the placeholders."""
    for future, placeholders in writes:
        for placeholder, real in zip(placeholders, future.result(), strict=True):
            placeholder.id, placeholder.status = real.id, real.status
            placeholder.errors, placeholder.report = real.errors, real.report


def _stored_rows(ctx: ImportContext, rows: list[PendingRow], outcomes: list[ItemResult]) -> list[RowResult]:
    """Outcomes as sheet rows; a conflict with an earlier row of the same file says which row."""
    results = []
    for row, result in zip(rows, outcomes, strict=True):
        errors = _column_errors(result.errors)
        earlier = row.number
        if result.id and result.status is not Outcome.INVALID:
            earlier = ctx.first_row_of_id.setdefault(result.id, row.number)
        if result.status is Outcome.CONFLICT and earlier != row.number:
            reason = f"row {earlier} of this file already has this id with different content"
            errors = [FieldError("id", reason, "duplicate_id")]
        results.append(RowResult(row.number, result.id, result.status, errors))
    return results


def start_chunk(ctx: ImportContext, rows: list[PendingRow]) -> Callable[[], list[RowResult]]:
    """Validate a chunk now and start storing its good rows; the returned call waits for the write.

    Good rows go through the API's own batch path; results come back in sheet order.
    """
    good = [r for r in rows if not r.errors]
    refused = _refused_rows(ctx, [r for r in rows if r.errors])
    writes: list[Write] = []
    outcomes = []
    if good:
        outcomes = create_reports_batch(
            session=ctx.session,
            account=ctx.account,
            items=[r.item for r in good],
            rules=ctx.rules,
            store=_deferred_store(ctx, writes),
        )

    def finish() -> list[RowResult]:
        _settle(writes)
        return sorted(_stored_rows(ctx, good, outcomes) + refused, key=lambda r: r.row)

    return finish


# --------------------------------------------------------------------------- scope


@dataclass(frozen=True)
class ProvinceImporter(Principal):
    """An analyst importing a province's spreadsheet may create reports anywhere in that province."""

    def can_create_report(self, kabupaten_kode: str) -> bool:
        return province_of(kabupaten_kode) == self.provinsi_kode


def import_scope(
    *, session: Session, account: Principal, kabupaten: str | None
) -> tuple[Principal, str | None]:
    """Who creates the rows and for which kabupaten: officers their own, analysts their province."""
    kode = normalize_kabupaten_kode(kabupaten, "kabupaten") if kabupaten else None
    if kode and not existing_kabupaten(session=session, kodes={kode}):
        raise UnknownKabupaten(kode, "kabupaten")
    session.rollback()
    if account.role is Role.OFFICER:
        if kode and kode != account.kabupaten_kode:
            raise Forbidden(f"you may not import reports for kabupaten {kode}")
        return account, account.kabupaten_kode
    if account.role is Role.ANALYST:
        if kode and province_of(kode) != account.provinsi_kode:
            raise Forbidden(f"you may not import reports for kabupaten {kode}")
        return ProvinceImporter(**asdict(account)), kode
    return account, kode


def import_account(*, session: Session, name: str) -> Principal:
    """The account a command-line import is recorded under (a new name: a token-less admin)."""
    account = session.exec(select(Account).where(Account.name == name)).first()
    if account is None:
        account = Account(name=name, role=Role.ADMIN.value)
        session.add(account)
        session.commit()
        session.refresh(account)
    return principal_of(account)


# --------------------------------------------------------------------------- import


def import_reports(
    *,
    source: IO[bytes],
    session: Session,
    account: Principal,
    rules: IntakeRules,
    store: Store,
    kabupaten: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    max_problems: int = MAX_PROBLEMS,
    on_progress: Callable[[int, int | None], None] | None = None,
) -> ImportSummary:
    """Import a CSV or XLSX in chunks; every row judged by the API's rules; re-importing adds nothing."""
    importer, default_kode = import_scope(session=session, account=account, kabupaten=kabupaten)
    with open_sheet(source) as sheet, ThreadPoolExecutor(1, thread_name_prefix="waspada-import") as writes:
        ctx = ImportContext(session=session, account=importer, rules=rules, store=store, writes=writes)
        columns = read_header(sheet.header, default_kode=default_kode)
        summary = ImportSummary(sheet.format, sheet.encoding, warnings=list(sheet.warnings))
        total = sheet.estimated_rows if sheet.format == "xlsx" else None
        in_flight: tuple[Callable[[], list[RowResult]], int] | None = None
        for chunk in chain(_chunks(sheet.rows, columns, default_kode, chunk_size), [None]):
            started = (start_chunk(ctx, chunk), chunk[-1].number - 1) if chunk else None
            if in_flight:
                finish, done = in_flight
                for result in finish():
                    summary.add(result, max_problems)
                if on_progress:
                    on_progress(done, total)
            in_flight = started
    return summary


def _chunks(
    rows: Iterator[tuple[int, list[Any]]], columns: list[str | None], default_kode: str | None, size: int
) -> Iterator[list[PendingRow]]:
    chunk: list[PendingRow] = []
    for number, cells in rows:
        pending = convert_row(number, cells, columns, default_kode)
        if pending is not None:
            chunk.append(pending)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --------------------------------------------------------------------------- template


EXAMPLE_ROW: dict[str, Any] = {
    "id": str(EXAMPLE_ID),
    "kode_kabupaten": "81.02",
    "kecamatan": "Kei Kecil",
    "waktu_kejadian": datetime(2024, 11, 20, 9, 30),
    "kategori": "unjuk_rasa",
    "tingkat_keparahan": 3,
    "judul": "Massa berkumpul di depan kantor KPU",
    "deskripsi": "Sekitar 300 orang menuntut penghitungan ulang.",
    "jumlah_massa": 300,
    "lintang": -5.643328,
    "bujur": 133.026444,
    "sumber": "fkdm",
}
COLUMN_HELP: dict[str, tuple[str, str]] = {
    "id": ("opsional", "UUID laporan; kosongkan untuk laporan baru (impor ulang tetap tidak menggandakan)"),
    "kode_kabupaten": (
        "wajib*",
        "kode Kemendagri, mis. 81.02 (*boleh kosong bila impor untuk satu kabupaten)",
    ),
    "kecamatan": ("opsional", "nama kecamatan, maks. 100 karakter"),
    "waktu_kejadian": ("wajib", "2024-11-20 09:30 atau 20/11/2024 09:30, waktu setempat (WIB/WITA/WIT)"),
    "kategori": ("wajib", "kode kategori (lihat daftar di bawah)"),
    "tingkat_keparahan": ("wajib", "1 (ringan) sampai 5 (kritis)"),
    "judul": ("wajib", "maks. 200 karakter"),
    "deskripsi": ("opsional", "maks. 10.000 karakter"),
    "jumlah_massa": ("opsional", "bilangan bulat, mis. 300 atau 1.200"),
    "lintang": ("opsional", "lintang desimal, mis. -5.643328 (isi bersama bujur)"),
    "bujur": ("opsional", "bujur desimal, mis. 133.026444 (isi bersama lintang)"),
    "sumber": ("opsional", "fkdm (bawaan), aparat, media, media_sosial, masyarakat, intelijen"),
}


def _csv_text(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    return value


def template_csv() -> bytes:
    """The import template as CSV: UTF-8 with BOM (Excel then shows ñ and é), header and example."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TEMPLATE_COLUMNS)
    writer.writerow([_csv_text(EXAMPLE_ROW[c]) for c in TEMPLATE_COLUMNS])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def _template_validations(sheet: Any) -> None:
    """Drop-down lists and a 1-5 rule, so Excel catches typos before the import does."""
    letter = {c: chr(ord("A") + i) for i, c in enumerate(TEMPLATE_COLUMNS)}
    rules = [
        ("kategori", DataValidation(type="list", formula1=f'"{",".join(c.value for c in Category)}"')),
        ("sumber", DataValidation(type="list", formula1=f'"{",".join(s.value for s in FieldSource)}"')),
        ("tingkat_keparahan", DataValidation(type="whole", operator="between", formula1="1", formula2="5")),
    ]
    for column, rule in rules:
        rule.allow_blank = True
        rule.add(f"{letter[column]}2:{letter[column]}50001")
        sheet.add_data_validation(rule)


def _help_sheet(workbook: Workbook) -> None:
    sheet = workbook.create_sheet("petunjuk")
    sheet.append(["kolom", "wajib?", "isi"])
    for column in TEMPLATE_COLUMNS:
        sheet.append([column, *COLUMN_HELP[column]])
    sheet.append([])
    sheet.append(["kategori", "", "arti"])
    for code, label in CATEGORY_LABELS.items():
        sheet.append([code, "", label])
    sheet.append([])
    sheet.append(
        ["Baris contoh di lembar 'laporan' (id 00000000-...-000000000001) ditolak saat impor: hapus."]
    )
    for row in (1, len(TEMPLATE_COLUMNS) + 3):
        for cell in sheet[row]:
            cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["C"].width = 90


def template_xlsx() -> bytes:
    """The import template as a workbook: text-formatted code columns, drop-downs, a help sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append(list(TEMPLATE_COLUMNS))
    sheet.append([EXAMPLE_ROW[c] for c in TEMPLATE_COLUMNS])
    sheet.freeze_panes = "A2"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, column in enumerate(TEMPLATE_COLUMNS):
        letter = chr(ord("A") + i)
        sheet.column_dimensions[letter].width = 40 if column in ("judul", "deskripsi", "id") else 18
        if column in ("id", "kode_kabupaten"):
            sheet.column_dimensions[letter].number_format = "@"
    sheet["D2"].number_format = "yyyy-mm-dd hh:mm"
    _template_validations(sheet)
    _help_sheet(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- export


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
    if column in TEXT_COLUMNS and isinstance(value, str) and value.startswith(_FORMULA_START):
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
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_NAME)
    sheet.freeze_panes = "A2"
    header = []
    for name in EXPORT_COLUMNS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for page in pages:
        for report in page:
            values = export_values(report)
            sheet.append([_xlsx_cell(sheet, values[c]) for c in EXPORT_COLUMNS])
            count += 1
    workbook.save(target)
    return count


def export_filename(suffix: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M")
    return f"waspada-laporan-{stamp}.{suffix}"
