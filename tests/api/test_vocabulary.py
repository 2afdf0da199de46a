"""GET /api/v1/vocabulary: public, cached, and exactly models.vocab.as_json()."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from models import vocab

URL = "/api/v1/vocabulary"


@pytest.fixture(params=["sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    """The vocabulary never touches the database: one backend is enough."""
    return request.param


def test_the_body_is_the_vocabulary_and_needs_no_token(client: TestClient) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert json.loads(response.content) == vocab.as_json()
    categories = {c["value"]: c for c in response.json()["category"]}
    assert categories["hoaks"] == {
        "value": "hoaks",
        "id": "Hoaks / disinformasi",
        "en": "Hoax / disinformation",
        "factor": "isu",
    }
    assert response.json()["reserved_source_types"] == ["demo"]


def test_a_strong_etag_an_hour_of_caching_and_304_without_a_body(client: TestClient) -> None:
    first = client.get(URL)
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    assert first.headers["cache-control"] == "public, max-age=3600"
    for sent in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = client.get(URL, headers={"If-None-Match": sent})
        assert again.status_code == 304, sent
        assert again.content == b""
        assert again.headers["etag"] == etag
        assert again.headers["cache-control"] == "public, max-age=3600"
    stale = client.get(URL, headers={"If-None-Match": '"stale"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_unknown_query_parameters_are_refused(client: TestClient) -> None:
    assert client.get(URL, params={"lang": "en"}).status_code == 422
