"""Spreadsheets: the import template, importing a CSV/XLSX, exporting reports as CSV/XLSX.

Thin routes over core.sheets (template, importer, export); included under /api/v1 beside the
reports router (the `/reports/{id:uuid}` routes there never match `template.xlsx` or `import`).
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from itertools import chain
from typing import IO, Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel
from sqlalchemy import Engine

from api.deps import CurrentAccount, EngineDep, IntakeRulesDep, ReportFilterDep, ReportWriterDep, SessionDep
from api.errors import ERROR_RESPONSES
from core.accounts.service import Principal
from core.reports.queries import ReportFilter
from core.reports.rows import Outcome
from core.sheets import export, importer, template
from core.sheets.columns import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE
from models.report import ReportPublic

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


def _pages(engine: Engine, account: Principal, flt: ReportFilter) -> Iterator[list[ReportPublic]]:
    """Read the first page now, so a bad filter is a 422 rather than a broken download."""
    pages = export.export_pages(engine=engine, account=account, flt=flt)
    first = next(pages)
    return chain([first], pages)


@router.get(
    "/reports.csv",
    response_class=StreamingResponse,
    responses={**_file_doc(CSV_MEDIA_TYPE, "Reports in your scope as CSV"), **AUTH_ERRORS},
)
def export_csv(account: CurrentAccount, engine: EngineDep, flt: ReportFilterDep) -> StreamingResponse:
    """Reports in your scope as the import template's columns plus status (re-importable), streamed."""
    return StreamingResponse(
        export.export_csv(_pages(engine, account, flt)),
        media_type=CSV_MEDIA_TYPE,
        headers=_attachment(export.export_filename("csv")),
    )


@router.get(
    "/reports.xlsx",
    response_class=StreamingResponse,
    responses={**_file_doc(XLSX_MEDIA_TYPE, "Reports in your scope as a workbook"), **AUTH_ERRORS},
)
def export_xlsx(account: CurrentAccount, engine: EngineDep, flt: ReportFilterDep) -> StreamingResponse:
    """The same as reports.csv as a workbook, built in a nameless temporary file (gone once sent)."""
    pages = _pages(engine, account, flt)
    target = tempfile.TemporaryFile(prefix="waspada-export-")  # noqa: SIM115 (_read closes it once sent)
    try:
        export.export_xlsx(pages, target)
        size = target.tell()
        target.seek(0)
    except BaseException:
        target.close()
        raise
    headers = {**_attachment(export.export_filename("xlsx")), "Content-Length": str(size)}
    return StreamingResponse(_read(target), media_type=XLSX_MEDIA_TYPE, headers=headers)


def _read(handle: IO[bytes], size: int = 64 * 1024) -> Iterator[bytes]:
    """Send a temporary file in pieces and close (so delete) it at the end."""
    with handle:
        while chunk := handle.read(size):
            yield chunk
