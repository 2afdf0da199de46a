"""GET /api/v1/vocabulary: the one vocabulary (models/vocab.py) for clients, the field form first.

Public (the terms are no secret), the same bytes for every caller: a strong ETag, 304 on
If-None-Match, and an hour of caching; the form also keeps its last copy for offline use.
"""

from __future__ import annotations

import functools
from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import Response

from api.conditional import MEDIA_TYPE, Encoded, encode_json, json_answer
from models import vocab

CACHE_CONTROL = "public, max-age=3600"

router = APIRouter(tags=["vocabulary"])


@functools.cache
def encoded_vocabulary() -> Encoded:
    """Encode once per process: the vocabulary only changes with a release."""
    return encode_json(vocab.as_json())


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
    return json_answer(encoded_vocabulary(), if_none_match, CACHE_CONTROL)
