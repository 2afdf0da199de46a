"""Liveness and readiness in one call, for load balancers and the operator."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError

from api.deps import SessionDep
from core.regions.service import count_kabupaten
from core.storage import storage_fault

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    database: str
    regions: int


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(request: Request, session: SessionDep) -> Health | JSONResponse:
    """OK when the database answers, took the last writes and the registry is loaded.

    `database` is "unreachable" when it does not answer and "unwritable" for a minute after a
    write failed for lack of space or a read-only file (both 503).
    """
    try:
        regions = count_kabupaten(session=session)
    except SQLAlchemyError as exc:
        body = Health(status="degraded", database=storage_fault(exc) or "error", regions=0)
        return JSONResponse(status_code=503, content=body.model_dump())
    fault = request.app.state.storage_faults.recent()
    if fault is not None:
        body = Health(status="degraded", database=fault, regions=regions)
        return JSONResponse(status_code=503, content=body.model_dump())
    status = "ok" if regions else "degraded"
    return Health(status=status, database="ok", regions=regions)
