"""The public region registry (no token needed)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query
from fastapi.responses import Response

from api.conditional import encode_json, json_answer
from api.deps import SessionDep
from api.errors import ERROR_RESPONSES, NOT_FOUND
from core.regions import kecamatan as local
from core.regions import service as regions
from models.region import (
    DesaPublic,
    KabupatenPlaces,
    KabupatenPublic,
    KecamatanPublic,
    ProvincePublic,
    RegionMatch,
)

router = APIRouter(prefix="/regions", tags=["regions"])
PLACES_CACHE_CONTROL = "public, max-age=86400"  # the places change only with the data pack
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


@router.get(
    "/kabupaten/{kode}/places",
    response_class=Response,
    responses={
        200: {"model": KabupatenPlaces, "description": "Its kecamatan, each with its desa/kelurahan"},
        304: {"description": "Not modified"},
        404: NOT_FOUND,
    },
)
def kabupaten_places(
    kode: str, session: SessionDep, if_none_match: Annotated[str | None, Header()] = None
) -> Response:
    """Every kecamatan and desa of a kabupaten in code order, one body for a phone to keep offline."""
    places = local.kabupaten_places(session=session, kabupaten=kode)
    return json_answer(encode_json(places.model_dump(mode="json")), if_none_match, PLACES_CACHE_CONTROL)


KabupatenQuery = Annotated[str, Query(pattern=r"^\s*\d{2}\.?\d{2}\s*$", examples=["81.02"])]
KecamatanQuery = Annotated[str, Query(pattern=r"^\s*\d{2}\.?\d{2}\.?\d{2}\s*$", examples=["81.02.05"])]


@router.get(
    "/kecamatan", response_model=list[KecamatanPublic], responses={404: NOT_FOUND, 422: ERROR_RESPONSES[422]}
)
def list_kecamatan(session: SessionDep, kabupaten: KabupatenQuery) -> list[KecamatanPublic]:
    """A kabupaten's kecamatan, in code order."""
    return local.list_kecamatan(session=session, kabupaten=kabupaten)


@router.get("/desa", response_model=list[DesaPublic], responses={404: NOT_FOUND, 422: ERROR_RESPONSES[422]})
def list_desa(session: SessionDep, kecamatan: KecamatanQuery) -> list[DesaPublic]:
    """A kecamatan's desa and kelurahan, in code order."""
    return local.list_desa(session=session, kecamatan=kecamatan)


@router.get("/search", response_model=list[RegionMatch], responses={422: ERROR_RESPONSES[422]})
def search_regions(
    session: SessionDep,
    q: Annotated[
        str, Query(min_length=1, max_length=100, description="The start of a name or of a word in it")
    ],
    level: Annotated[Literal["kecamatan", "desa"] | None, Query()] = None,
    kabupaten: Annotated[str | None, Query(pattern=r"^\s*\d{2}\.?\d{2}\s*$")] = None,
    kecamatan: Annotated[str | None, Query(pattern=r"^\s*\d{2}\.?\d{2}\.?\d{2}\s*$")] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
) -> list[RegionMatch]:
    """Kecamatan and desa for pickers: case- and accent-insensitive prefix of the name or a word."""
    return local.search_regions(
        session=session, q=q, level=level, kabupaten=kabupaten, kecamatan=kecamatan, limit=limit
    )
