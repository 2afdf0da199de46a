"""Spreadsheets: the import template, importing a CSV/XLSX, exporting reports as CSV/XLSX.

Thin routes over core.sheets (template, importer, export); included under /api/v1 beside the
reports router (the `/reports/{id:uuid}` routes there never match `template.xlsx` or `import`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.types import Send

from api.deps import CurrentAccount, EngineDep, IntakeRulesDep, ReportFilterDep, ReportWriterDep, SessionDep
from api.errors import ERROR_RESPONSES
from core.accounts.service import Principal
from core.reports.queries import ReportFilter
from core.reports.rows import Outcome
from core.sheets import export, importer, template
from core.sheets.columns import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE
from core.storage import FaultLog, storage_fault

router = APIRouter(tags=["spreadsheets"])
AUTH_ERRORS = {k: ERROR_RESPONSES[k] for k in (401, 403, 422)}


def _file_doc(media_type: str, description: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": description, "content": {media_type: {"schema": {"type": "string"}}}}}


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get(
    "/reports/template.csv",
    response_class=Response,
    responses=_file_doc(CSV_MEDIA_TYPE, "Import template: header and one example row"),
)
def template_csv() -> Response:
    """The import template as CSV (UTF-8 with BOM); public, so it can be handed out."""
    return Response(
        template.template_csv(),
        media_type=CSV_MEDIA_TYPE,
        headers=_attachment("waspada-template-laporan.csv"),
    )


@router.get(
    "/reports/template.xlsx",
    response_class=Response,
    responses=_file_doc(XLSX_MEDIA_TYPE, "Import template workbook with a help sheet"),
)
def template_xlsx() -> Response:
    """The import template as an Excel workbook (drop-down lists, help sheet 'petunjuk')."""
    return Response(
        template.template_xlsx(),
        media_type=XLSX_MEDIA_TYPE,
        headers=_attachment("waspada-template-laporan.xlsx"),
    )


class RowError(BaseModel):
    field: str
    reason: str
    type: str


class RowProblem(BaseModel):
    row: int
    id: uuid.UUID | None
    status: Outcome
    errors: list[RowError]


class ImportResult(BaseModel):
    format: str
    encoding: str | None
    rows: int
    created: int
    replayed: int
    conflict: int
    invalid: int
    problems: list[RowProblem]
    problems_truncated: bool
    warnings: list[str]


def import_result(summary: importer.ImportSummary) -> ImportResult:
    """Row numbers as the spreadsheet shows them, fields named as its columns."""
    problems = [
        RowProblem(
            row=p.row,
            id=p.id,
            status=p.status,
            errors=[RowError(field=e.field, reason=e.reason, type=e.type) for e in p.errors],
        )
        for p in summary.problems
    ]
    fields = {k: v for k, v in vars(summary).items() if k != "problems"}
    return ImportResult(**fields, problems=problems)


@router.post(
    "/reports/import",
    response_model=ImportResult,
    responses={**AUTH_ERRORS, 413: ERROR_RESPONSES[413]},
)
def import_reports(
    file: Annotated[UploadFile, File(description="A .csv or .xlsx shaped like the template")],
    account: CurrentAccount,
    rules: IntakeRulesDep,
    session: SessionDep,
    store: ReportWriterDep,
    kabupaten: Annotated[
        str | None,
        Form(pattern=r"^\d{2}\.?\d{2}$", description="Fill blank codes and refuse rows for other kabupaten"),
    ] = None,
) -> ImportResult:
    """Import a spreadsheet: valid rows are stored (idempotently), refused rows listed by row number."""
    summary = importer.import_reports(
        source=file.file, session=session, account=account, rules=rules, store=store, kabupaten=kabupaten
    )
    return import_result(summary)


def _pages(engine: Engine, account: Principal, flt: ReportFilter) -> Iterator[export.ExportPage]:
    """Read the first page now: a bad filter is a 422 and a storage fault a 503, not a broken download."""
    pages = export.export_pages(engine=engine, account=account, flt=flt)
    first = next(pages)
    return chain([first], pages)


class ExportResponse(StreamingResponse):
    """A streamed export that a storage fault cuts short without a traceback.

    Once the first bytes are out no status can change, so a fault in a later page is recorded
    like any other (one log line per burst) and the response ends without its last chunk: the
    server closes the connection and the client sees a broken download, never a short file
    that looks complete.
    """

    def __init__(self, content: Iterator[bytes], *, faults: FaultLog, media_type: str, filename: str) -> None:
        super().__init__(content, media_type=media_type, headers=_attachment(filename))
        self.faults = faults

    async def stream_response(self, send: Send) -> None:
        try:
            await super().stream_response(send)
        except SQLAlchemyError as exc:
            kind = storage_fault(exc)
            if kind is None:
                raise
            self.faults.record(kind, exc)


def _export(
    suffix: str, request: Request, account: Principal, engine: Engine, flt: ReportFilter
) -> ExportResponse:
    """The export in one format, its first page read now (see `_pages`)."""
    build, media_type = EXPORTS[suffix]
    return ExportResponse(
        build(_pages(engine, account, flt)),
        faults=request.app.state.storage_faults,
        media_type=media_type,
        filename=export.export_filename(suffix),
    )


EXPORTS: dict[str, tuple[Callable[[Iterable[export.ExportPage]], Iterator[bytes]], str]] = {
    "csv": (export.export_csv, CSV_MEDIA_TYPE),
    "xlsx": (export.export_xlsx, XLSX_MEDIA_TYPE),
}


@router.get(
    "/reports.csv",
    response_class=StreamingResponse,
    responses={**_file_doc(CSV_MEDIA_TYPE, "Reports in your scope as CSV"), **AUTH_ERRORS},
)
def export_csv(
    request: Request, account: CurrentAccount, engine: EngineDep, flt: ReportFilterDep
) -> StreamingResponse:
    """Reports in your scope as the import template's columns plus status (re-importable), streamed."""
    return _export("csv", request, account, engine, flt)


@router.get(
    "/reports.xlsx",
    response_class=StreamingResponse,
    responses={**_file_doc(XLSX_MEDIA_TYPE, "Reports in your scope as a workbook"), **AUTH_ERRORS},
)
def export_xlsx(
    request: Request, account: CurrentAccount, engine: EngineDep, flt: ReportFilterDep
) -> StreamingResponse:
    """The same as reports.csv as a workbook, zipped while it streams (nothing is built up front)."""
    return _export("xlsx", request, account, engine, flt)
