"""The map layers: simplified kabupaten GeoJSON, and one kabupaten's kecamatan, fetched once and cached.

Public (boundaries are open data). Strong ETag per representation, `Cache-Control: public,
max-age=86400`, 304 on If-None-Match, gzip (precompressed once) when the client accepts it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import Response

from api.deps import SettingsDep
from core.errors import NotFound
from core.regions.service import kabupaten_kode_or_not_found
from geo.display import DisplayGeometry, get_display_geojson, get_kecamatan_display
from geo.http import MEDIA_TYPE, geojson_answer

router = APIRouter(prefix="/geo", tags=["geo"])


@router.get(
    "/kabupaten.geojson",
    response_class=Response,
    responses={
        200: {"content": {MEDIA_TYPE: {}}, "description": "FeatureCollection of 514 kabupaten/kota"},
        304: {"description": "Not modified"},
    },
)
def kabupaten_geojson(
    settings: SettingsDep,
    if_none_match: Annotated[str | None, Header()] = None,
    accept_encoding: Annotated[str | None, Header()] = None,
) -> Response:
    """Display boundaries (id = kode, properties kode/nama/kode_prov), ~229 kB gzip."""
    return _geojson_response(get_display_geojson(settings.geo_dir), if_none_match, accept_encoding)


@router.get(
    "/kecamatan/{kabupaten}.geojson",
    response_class=Response,
    responses={
        200: {"content": {MEDIA_TYPE: {}}, "description": "FeatureCollection of the kabupaten's kecamatan"},
        304: {"description": "Not modified"},
        404: {"description": "No such kabupaten/kota"},
    },
)
def kecamatan_geojson(
    kabupaten: str,
    settings: SettingsDep,
    if_none_match: Annotated[str | None, Header()] = None,
    accept_encoding: Annotated[str | None, Header()] = None,
) -> Response:
    """One kabupaten's kecamatan (id = kode, properties kode/nama/kode_kab), built on first request."""
    kode = kabupaten_kode_or_not_found(kabupaten)
    geometry = get_kecamatan_display(settings.geo_dir, kode)
    if geometry is None:
        raise NotFound(f"kabupaten/kota '{kode}' not found")
    return _geojson_response(geometry, if_none_match, accept_encoding)


def _geojson_response(
    geometry: DisplayGeometry, if_none_match: str | None, accept_encoding: str | None
) -> Response:
    """The conditional, precompressed answer of geo.http as a FastAPI response."""
    answer = geojson_answer(geometry, if_none_match, accept_encoding)
    return Response(
        answer.body or None, status_code=answer.status, media_type=answer.media_type, headers=answer.headers
    )
