"""A validated spreadsheet import: chunks of rows through intake, one chunk stored while the next is read.

An import row goes through intake's batch path (`check_reports_batch`, the store, then
`mark_created`), the same as the API's batch endpoint, so a spreadsheet can never store what
the API would refuse. The write of one chunk runs on a single ordered writer thread while
the next chunk is converted and validated; results come back in sheet order.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from typing import IO, Any

from sqlmodel import Session

from core.accounts.service import Principal
from core.errors import FieldError
from core.reports.intake import CheckedBatch, IntakeRules, check_reports_batch, mark_created
from core.reports.rows import ItemResult, Outcome
from core.sheets.cells import PendingRow, convert_row
from core.sheets.columns import column_errors
from core.sheets.read import open_sheet, read_header
from core.sheets.scope import import_scope
from core.writer import ReportWriter

CHUNK_SIZE = 500
MAX_PROBLEMS = 1000


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


@dataclass
class ImportContext:
    """What every chunk of one import shares; `writes` stores one chunk while the next is validated."""

    session: Session
    account: Principal
    rules: IntakeRules
    store: ReportWriter
    writes: ThreadPoolExecutor
    first_row_of_id: dict[uuid.UUID, int] = field(default_factory=dict)


def _check(ctx: ImportContext, rows: list[PendingRow]) -> CheckedBatch:
    """Intake's validation of these rows (scope, time zone, location), nothing stored yet."""
    return check_reports_batch(
        session=ctx.session, account=ctx.account, items=[r.item for r in rows], rules=ctx.rules
    )


def _refused_rows(ctx: ImportContext, rows: list[PendingRow]) -> list[RowResult]:
    """Rows with unconvertible cells: never stored, but checked for every other problem too."""
    if not rows:
        return []
    checked = _check(ctx, rows)
    unstored = checked.merged([ItemResult(r.id, Outcome.CREATED) for r in checked.prepared])
    results = []
    for row, result in zip(rows, unstored, strict=True):
        flagged = {e.field for e in row.errors}
        more = [e for e in column_errors(result.errors) if e.field not in flagged]
        results.append(RowResult(row.number, result.id, Outcome.INVALID, [*row.errors, *more]))
    return results


def _stored_rows(ctx: ImportContext, rows: list[PendingRow], outcomes: list[ItemResult]) -> list[RowResult]:
    """Outcomes as sheet rows; a conflict with an earlier row of the same file says which row."""
    results = []
    for row, result in zip(rows, outcomes, strict=True):
        errors = column_errors(result.errors)
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

    The write's created kabupaten are marked for a live alert check once it is committed.
    """
    good = [r for r in rows if not r.errors]
    refused = _refused_rows(ctx, [r for r in rows if r.errors])
    checked = _check(ctx, good) if good else CheckedBatch([], [])
    write: Future[list[ItemResult]] | None = None
    if checked.prepared:
        write = ctx.writes.submit(ctx.store, checked.prepared)

    def finish() -> list[RowResult]:
        stored = write.result() if write else []
        mark_created(ctx.rules.mark_live, stored)
        outcomes = checked.merged(stored)
        return sorted(_stored_rows(ctx, good, outcomes) + refused, key=lambda r: r.row)

    return finish


def import_reports(
    *,
    source: IO[bytes],
    session: Session,
    account: Principal,
    rules: IntakeRules,
    store: ReportWriter,
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
    """Converted rows in chunks of `size` (blank rows skipped, numbering kept)."""
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
