"""GET /api/v1/vocabulary: the one vocabulary (models/vocab.py) for clients, the field form first.

Public (the terms are no secret), the same bytes for every caller: a strong ETag, 304 on
If-None-Match, and an hour of caching; the form also keeps its last copy for offline use.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import Response

from geo.http import etag_matches
from models import vocab

CACHE_CONTROL = "public, max-age=3600"
MEDIA_TYPE = "application/json"

router = APIRouter(tags=["vocabulary"])


@dataclass(frozen=True)
class Encoded:
    """The JSON bytes once, with their strong ETag."""

    body: bytes
    etag: str


@functools.cache
def encoded_vocabulary() -> Encoded:
    """Encode once per process: the vocabulary only changes with a release."""
    body = json.dumps(vocab.as_json(), ensure_ascii=False, separators=(",", ":")).encode()
    return Encoded(body, f'"{hashlib.sha256(body).hexdigest()[:20]}"')


@router.get(
    "/vocabulary",
    response_class=Response,
    responses={
        200: {"content": {MEDIA_TYPE: {}}, "description": "Every term with its `id` and `en` labels"},
        304: {"description": "Not modified"},
    },
)
def vocabulary(if_none_match: Annotated[str | None, Header()] = None) -> Response:
    """Factors, categories (with their factor), statuses, source types, severities, stages, levels."""
    encoded = encoded_vocabulary()
    headers = {"ETag": encoded.etag, "Cache-Control": CACHE_CONTROL}
    if etag_matches(if_none_match, {encoded.etag}):
        return Response(status_code=304, headers=headers)
    return Response(encoded.body, media_type=MEDIA_TYPE, headers=headers)
