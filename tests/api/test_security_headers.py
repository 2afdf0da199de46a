"""Security headers and the offline API docs: nothing a page loads leaves this server."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from core.config import Settings


def directives(policy: str) -> dict[str, str]:
    return {part.split(" ", 1)[0]: part.split(" ", 1)[1] for part in policy.split("; ")}


def test_api_answers_carry_the_shared_headers_and_no_hsts_over_http(client: TestClient) -> None:
    for response in (client.get("/api/v1/health"), client.get("/api/v1/reports")):  # 200 and 401
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
        assert response.headers["x-frame-options"] == "DENY"
        policy = directives(response.headers["content-security-policy"])
        assert policy["default-src"] == "'none'"
        assert policy["frame-ancestors"] == "'none'"
        assert "strict-transport-security" not in response.headers


def test_hsts_is_sent_over_https(settings: Settings) -> None:
    with TestClient(create_app(settings), base_url="https://waspada.example") as https_client:
        response = https_client.get("/api/v1/health")
    assert response.headers["strict-transport-security"].startswith("max-age=31536000")


def test_the_field_form_allows_only_its_own_scripts(client: TestClient) -> None:
    policy = directives(client.get("/lapor/").headers["content-security-policy"])
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in policy.get("style-src", "")
    assert policy["frame-ancestors"] == "'none'"


def test_docs_load_only_from_this_server_and_allow_exactly_their_inline_script(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources, "the docs page should load Swagger UI's files"
    for source in sources:
        assert source.startswith("/"), f"{source} is not served by us"
        assert client.get(source).status_code == 200, source
    inline = [s for s in re.findall(r"<script>(.*?)</script>", page.text, re.DOTALL) if s.strip()]
    digests = {f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline}
    script_src = directives(page.headers["content-security-policy"])["script-src"].split()
    assert digests and digests <= set(script_src)
    assert "'unsafe-inline'" not in script_src
    assert client.get("/api/v1/openapi.json").json()["info"]["title"] == "Waspada"


@pytest.fixture
def docs_off(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"api_docs": False}))) as off:
        yield off


def test_a_setting_turns_the_docs_and_the_schema_off(docs_off: TestClient) -> None:
    assert docs_off.get("/docs").status_code == 404
    assert docs_off.get("/api/v1/openapi.json").status_code == 404
    assert docs_off.get("/api/v1/health").status_code == 200
