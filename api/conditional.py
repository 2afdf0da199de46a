"""JSON that clients keep: the bytes with a strong ETag, 304 on If-None-Match (geo.http's matching).

The vocabulary and a kabupaten's places are both fetched by the field form and kept on the
phone; one encoding and one tag scheme serve both, so a revalidation costs no body.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from fastapi.responses import Response

from geo.http import etag_matches

MEDIA_TYPE = "application/json"


@dataclass(frozen=True)
class Encoded:
    """The JSON bytes once, with their strong ETag."""

    body: bytes
    etag: str


def encode_json(data: Any) -> Encoded:
    """Compact UTF-8 JSON and a tag of its bytes: the same data always gets the same tag."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return Encoded(body, f'"{hashlib.sha256(body).hexdigest()[:20]}"')


def json_answer(encoded: Encoded, if_none_match: str | None, cache_control: str) -> Response:
    """200 with the body, or an empty 304 when the client already holds these bytes."""
    headers = {"ETag": encoded.etag, "Cache-Control": cache_control}
    if etag_matches(if_none_match, {encoded.etag}):
        return Response(status_code=304, headers=headers)
    return Response(encoded.body, media_type=MEDIA_TYPE, headers=headers)
