"""Conditional HTTP for the display GeoJSON, without a web framework.

The API and a standalone dashboard both serve the map layer at the same URL with the same
contract: strong ETag per representation, long-lived caching, 304 on If-None-Match, gzip
compressed once. Each wraps `geojson_answer` in its own framework's response.
"""

from __future__ import annotations

import gzip
import threading
from dataclasses import dataclass

from geo.display import DisplayGeometry

GEOJSON_PATH = "/api/v1/geo/kabupaten.geojson"


def kecamatan_geojson_path(kabupaten: str) -> str:
    """Where one kabupaten's kecamatan layer is served (api/routes/geometry.py)."""
    return f"/api/v1/geo/kecamatan/{kabupaten}.geojson"


CACHE_CONTROL = "public, max-age=86400"
MEDIA_TYPE = "application/geo+json"
GZIP_LEVEL = 9

_gzipped: dict[str, bytes] = {}
_lock = threading.Lock()


def gzip_body(geometry: DisplayGeometry) -> bytes:
    """Compress once per geometry version (level 9, mtime 0: same bytes every time)."""
    with _lock:
        if geometry.etag not in _gzipped:
            _gzipped[geometry.etag] = gzip.compress(geometry.body, compresslevel=GZIP_LEVEL, mtime=0)
        return _gzipped[geometry.etag]


def gzip_etag(etag: str) -> str:
    """A distinct strong tag for the gzip representation, as RFC 9110 asks of strong validators."""
    return f'{etag[:-1]}-gzip"'


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether the client takes gzip (explicitly or via '*'), honouring q=0 refusals."""
    accepted: dict[str, float] = {}
    for part in (accept_encoding or "").split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if name:
            accepted[name.strip().lower()] = quality
    return accepted.get("gzip", accepted.get("*", 0.0)) > 0


def etag_matches(if_none_match: str | None, etags: set[str]) -> bool:
    """If-None-Match uses weak comparison: W/"x" matches "x"; '*' matches anything."""
    if not if_none_match:
        return False
    candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in candidates or bool(candidates & etags)


@dataclass(frozen=True)
class HttpAnswer:
    status: int
    body: bytes
    headers: dict[str, str]
    media_type: str = MEDIA_TYPE


def geojson_answer(
    geometry: DisplayGeometry, if_none_match: str | None, accept_encoding: str | None
) -> HttpAnswer:
    """200 with the (gzipped) body, or 304 when the client already holds this version."""
    compressed = accepts_gzip(accept_encoding)
    etag = gzip_etag(geometry.etag) if compressed else geometry.etag
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL, "Vary": "Accept-Encoding"}
    if etag_matches(if_none_match, {geometry.etag, gzip_etag(geometry.etag)}):
        return HttpAnswer(304, b"", headers)
    if compressed:
        return HttpAnswer(200, gzip_body(geometry), {**headers, "Content-Encoding": "gzip"})
    return HttpAnswer(200, geometry.body, headers)
