"""HTTP contract details: 405 names the allowed methods, authentication comes before query checks."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import TokenFactory, auth

ALLOWED = [
    ("PUT", "/api/v1/reports", "GET, POST"),
    ("DELETE", "/api/v1/health", "GET"),
    ("GET", "/api/v1/reports/batch", "POST"),
    ("PUT", "/lapor/", "GET, HEAD"),
]


@pytest.mark.parametrize(("method", "path", "allow"), ALLOWED)
def test_a_wrong_method_is_405_with_the_methods_the_path_serves(
    client: TestClient, method: str, path: str, allow: str
) -> None:
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow


def test_without_a_token_an_unknown_query_parameter_is_401_not_a_list_of_names(client: TestClient) -> None:
    response = client.get("/api/v1/reports", params={"provinse": "81"})
    assert response.status_code == 401
    assert "provinse" not in response.text


def test_with_a_token_an_unknown_query_parameter_is_422_naming_it(
    client: TestClient, make_token: TokenFactory
) -> None:
    response = client.get("/api/v1/reports", params={"provinse": "81"}, headers=auth(make_token("admin")))
    assert response.status_code == 422
    assert [item["field"] for item in response.json()["detail"]] == ["provinse"]


def test_a_public_route_still_refuses_unknown_parameters(client: TestClient) -> None:
    response = client.get("/api/v1/health", params={"verbose": "1"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "verbose"
