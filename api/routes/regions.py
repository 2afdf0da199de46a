"""The public region registry (no token needed)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import SessionDep
from api.errors import ERROR_RESPONSES, NOT_FOUND
from core.regions import service as regions
from models.region import KabupatenPublic, ProvincePublic

router = APIRouter(prefix="/regions", tags=["regions"])
ProvinceCode = Annotated[str | None, Query(pattern=r"^\s*\d{2}\s*$", examples=["81"])]


@router.get("/provinces", response_model=list[ProvincePublic])
def list_provinces(session: SessionDep) -> list[ProvincePublic]:
    return regions.list_provinces(session=session)


@router.get("/kabupaten", response_model=list[KabupatenPublic], responses={422: ERROR_RESPONSES[422]})
def list_kabupaten(session: SessionDep, provinsi: ProvinceCode = None) -> list[KabupatenPublic]:
    return regions.list_kabupaten(session=session, provinsi=provinsi)


@router.get(
    "/kabupaten/{kode}",
    response_model=KabupatenPublic,
    responses={404: NOT_FOUND, 422: ERROR_RESPONSES[422]},
)
def get_kabupaten(kode: str, session: SessionDep) -> KabupatenPublic:
    return regions.get_kabupaten(session=session, kode=kode)
