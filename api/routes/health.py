"""Liveness and readiness in one call, for load balancers and the operator."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError

from api.deps import SessionDep
from core.regions.service import count_kabupaten

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    database: str
    regions: int


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(session: SessionDep) -> Health | JSONResponse:
    """OK when the database answers and the registry is loaded."""
    try:
        regions = count_kabupaten(session=session)
    except SQLAlchemyError:
        body = Health(status="degraded", database="error", regions=0)
        return JSONResponse(status_code=503, content=body.model_dump())
    status = "ok" if regions else "degraded"
    return Health(status=status, database="ok", regions=regions)
