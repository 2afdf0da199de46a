"""The display GeoJSON over HTTP for the standalone dashboard process (same contract as the API).

Mounted inside the API, `api/routes/geometry.py` serves this path; a dashboard running as its
own process serves it here, so the map's URL is the same either way.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from geo.display import get_display_geojson
from geo.http import GEOJSON_PATH, accepts_gzip, etag_matches, geojson_answer

__all__ = ["GEOJSON_PATH", "accepts_gzip", "etag_matches", "make_geojson_endpoint"]


def make_geojson_endpoint(geo_dir: Path):  # type: ignore[no-untyped-def]
    """A Starlette endpoint for this data pack (sync: the first build runs in the thread pool)."""

    def kabupaten_geojson(request: Request) -> Response:
        answer = geojson_answer(
            get_display_geojson(geo_dir),
            request.headers.get("if-none-match"),
            request.headers.get("accept-encoding"),
        )
        return Response(
            answer.body or None,
            status_code=answer.status,
            media_type=answer.media_type,
            headers=answer.headers,
        )

    return kabupaten_geojson
