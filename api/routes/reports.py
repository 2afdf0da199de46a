"""Incident reports: thin routes over core.reports (intake, queries, workflow)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from api.deps import (
    AsyncIntake,
    AsyncIntakeDep,
    CurrentAccount,
    IntakeRulesDep,
    LiveMarkDep,
    ReportFilterDep,
    ReportWriterDep,
    SessionDep,
    SettingsDep,
    WriteSessionDep,
)
from api.errors import CONFLICT, ERROR_RESPONSES, NOT_FOUND, domain_detail, domain_status
from core.accounts.service import Principal
from core.db import read_session
from core.reports import duplicates, queries, workflow
from core.reports import intake as report_intake
from core.reports.rows import Outcome
from models.duplicate import DuplicateCandidate
from models.report import ReportCreate, ReportPage, ReportPublic, ReportUpdate

router = APIRouter(prefix="/reports", tags=["reports"])
AUTH_ERRORS = {k: ERROR_RESPONSES[k] for k in (401, 403, 413, 422)}


@router.post(
    "",
    status_code=201,
    response_model=ReportPublic,
    responses={
        200: {
            "model": ReportPublic,
            "description": "A retry of a stored report (Idempotent-Replayed: true)",
        },
        409: CONFLICT,
        **AUTH_ERRORS,
    },
)
async def create_report(
    report_in: ReportCreate, account: CurrentAccount, intake: AsyncIntakeDep, request: Request
) -> Response:
    """Store a report; sending the same id and content again returns the stored one (200).

    JSON-object bodies are usually answered by `api.intake_lane` with this same
    `accept_report`; this route serves the rest and defines the contract in OpenAPI.
    """
    return await accept_report(report_in=report_in, account=account, intake=intake, path=request.url.path)


async def accept_report(
    *, report_in: ReportCreate, account: Principal, intake: AsyncIntake, path: str
) -> Response:
    """Store one report and answer 201 (created) or 200 (replayed), as JSON with its Location.

    Stays on the event loop: no worker thread waits for the commit.
    """
    with read_session(intake.engine) as session:  # reads only if the registry cache misses
        result = await report_intake.create_report(
            session=session, account=account, report_in=report_in, rules=intake.rules, store=intake.store
        )
    assert result.report is not None
    headers = {"Location": f"{path.rstrip('/')}/{result.report.id}"}
    if result.status is Outcome.CREATED:
        status_code = 201
    else:
        status_code = 200
        headers["Idempotent-Replayed"] = "true"
    body = queries.to_public(result.report).model_dump_json()
    return Response(body, status_code=status_code, headers=headers, media_type="application/json")


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reports: list[dict[str, Any]] = Field(
        max_length=500,
        description="Up to 500 report objects shaped like ReportCreate; each is judged on its own",
    )


class ItemError(BaseModel):
    field: str
    reason: str
    type: str


class BatchItem(BaseModel):
    index: int
    id: uuid.UUID | None
    status: Outcome
    errors: list[ItemError] = []


class BatchResult(BaseModel):
    results: list[BatchItem]
    created: int
    replayed: int
    conflict: int
    invalid: int


@router.post("/batch", response_model=BatchResult, responses=AUTH_ERRORS)
def create_reports_batch(
    batch: BatchRequest,
    account: CurrentAccount,
    rules: IntakeRulesDep,
    session: SessionDep,
    store: ReportWriterDep,
) -> Response:
    """Flush an offline queue: valid items are stored even when others fail.

    Answers with the BatchResult serialised once (FastAPI would validate 500 items again).
    """
    results = report_intake.create_reports_batch(
        session=session, account=account, items=batch.reports, rules=rules, store=store
    )
    items = [
        BatchItem(
            index=i,
            id=r.id,
            status=r.status,
            errors=[ItemError(field=e.field, reason=e.reason, type=e.type) for e in r.errors],
        )
        for i, r in enumerate(results)
    ]
    counts = {o: sum(1 for r in results if r.status is o) for o in Outcome}
    result = BatchResult(
        results=items,
        created=counts[Outcome.CREATED],
        replayed=counts[Outcome.REPLAYED],
        conflict=counts[Outcome.CONFLICT],
        invalid=counts[Outcome.INVALID],
    )
    return Response(result.model_dump_json(), media_type="application/json")


@router.get("", response_model=ReportPage, responses=AUTH_ERRORS)
def list_reports(
    account: CurrentAccount,
    session: SessionDep,
    flt: ReportFilterDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(max_length=200, pattern=r"^[A-Za-z0-9_-]+$")] = None,
    order: queries.ReportOrder = queries.ReportOrder.OCCURRED,
) -> ReportPage:
    """Reports in your scope, newest first (`order=received`: by arrival); follow next_cursor for more."""
    return queries.list_reports(
        session=session, account=account, flt=flt, limit=limit, cursor=cursor, order=order
    )


class StatusCounts(BaseModel):
    counts: dict[str, int]


@router.get("/counts", response_model=StatusCounts, responses=AUTH_ERRORS)
def count_reports(account: CurrentAccount, session: SessionDep, flt: ReportFilterDep) -> StatusCounts:
    """How many reports in your scope match the filter, per status (the filter's own status aside)."""
    return StatusCounts(counts=queries.status_counts(session=session, account=account, flt=flt))


class BulkStep(ReportUpdate):
    """The same step for up to 200 reports."""

    ids: list[uuid.UUID] = Field(min_length=1, max_length=200)


class BulkItem(BaseModel):
    id: uuid.UUID
    status_code: int
    report: ReportPublic | None = None
    detail: Any = None


class BulkResult(BaseModel):
    results: list[BulkItem]
    changed: int
    refused: int


@router.post("/status", response_model=BulkResult, responses=AUTH_ERRORS)
def update_reports(
    step: Annotated[BulkStep, Body()],
    account: CurrentAccount,
    session: WriteSessionDep,
    mark_live: LiveMarkDep,
) -> BulkResult:
    """Verify, reject (with a note) or note a selection; each report on its own, refusals per item."""
    update = ReportUpdate.model_validate(step.model_dump(exclude={"ids"}, exclude_unset=True))
    outcomes = workflow.transition_reports(
        session=session, account=account, report_ids=step.ids, update=update, mark_live=mark_live
    )
    items = [
        BulkItem(id=o.report_id, status_code=200, report=queries.to_public(o.report))
        if o.report is not None
        else BulkItem(id=o.report_id, status_code=domain_status(o.error), detail=domain_detail(o.error))
        for o in outcomes
        if o.report is not None or o.error is not None
    ]
    changed = sum(1 for item in items if item.status_code == 200)
    return BulkResult(results=items, changed=changed, refused=len(items) - changed)


@router.get("/{report_id:uuid}", response_model=ReportPublic, responses={404: NOT_FOUND, **AUTH_ERRORS})
def get_report(report_id: uuid.UUID, account: CurrentAccount, session: SessionDep) -> ReportPublic:
    return queries.to_public(queries.get_report(session=session, account=account, report_id=report_id))


@router.patch(
    "/{report_id:uuid}",
    response_model=ReportPublic,
    responses={404: NOT_FOUND, 409: CONFLICT, **AUTH_ERRORS},
)
def update_report(
    report_id: uuid.UUID,
    update: Annotated[ReportUpdate, Body()],
    account: CurrentAccount,
    session: WriteSessionDep,
    mark_live: LiveMarkDep,
) -> ReportPublic:
    """Change a report's status, add a note, or both; audited with the note.

    Analysts triage their province (admins anywhere); officers note their kabupaten's reports and
    move its verified ones to `ditangani` and `selesai`. `ditolak` and `duplikat` need a note.
    """
    report = workflow.transition_report(
        session=session, account=account, report_id=report_id, update=update, mark_live=mark_live
    )
    return queries.to_public(report)


class TrailEntry(BaseModel):
    at: datetime
    actor: str
    action: str
    from_value: str | None
    to_value: str | None
    note: str | None


@router.get(
    "/{report_id:uuid}/trail", response_model=list[TrailEntry], responses={404: NOT_FOUND, **AUTH_ERRORS}
)
def report_trail(report_id: uuid.UUID, account: CurrentAccount, session: SessionDep) -> list[TrailEntry]:
    """Who changed or noted this report, when, and what they wrote, oldest first."""
    events = workflow.report_trail(session=session, account=account, report_id=report_id)
    return [TrailEntry.model_validate(e, from_attributes=True) for e in events]


@router.get(
    "/{report_id:uuid}/duplicates",
    response_model=list[DuplicateCandidate],
    responses={404: NOT_FOUND, **AUTH_ERRORS},
)
def suggest_report_duplicates(
    report_id: uuid.UUID,
    account: CurrentAccount,
    session: SessionDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=duplicates.MAX_LIMIT)] = 3,
) -> list[DuplicateCandidate]:
    """Reports this one may repeat (same or bordering kabupaten, 48 h either side), likeliest first."""
    return duplicates.suggest_duplicates(
        session=session, account=account, report_id=report_id, limit=limit, geo_dir=settings.geo_dir
    )
