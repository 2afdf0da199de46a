"""The map layer: simplified kabupaten GeoJSON, fetched once by the browser and then cached.

Public (boundaries are open data). Strong ETag per representation, `Cache-Control: public,
max-age=86400`, 304 on If-None-Match, gzip (precompressed once) when the client accepts it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import Response

from api.deps import SettingsDep
from geo.display import get_display_geojson
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
    answer = geojson_answer(get_display_geojson(settings.geo_dir), if_none_match, accept_encoding)
    return Response(
        answer.body or None, status_code=answer.status, media_type=answer.media_type, headers=answer.headers
    )
