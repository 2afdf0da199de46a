"""HTTP contract details: 405 names the allowed methods, authentication comes before query checks."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from core.config import Settings
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


def test_sixty_wrong_bearer_tokens_in_a_minute_from_one_address_get_429(
    settings: Settings, make_token: TokenFactory
) -> None:
    app = create_app(settings)
    with TestClient(app, client=("203.0.113.5", 40000)) as attacker:
        codes = {attacker.get("/api/v1/me", headers=auth(f"wsp_wrong-{n}")).status_code for n in range(60)}
        assert codes == {401}
        refused = attacker.get("/api/v1/me", headers=auth(make_token("admin")))
        assert refused.status_code == 429 and refused.json()["type"] == "throttled"
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        lane = attacker.post("/api/v1/reports", json={}, headers=auth("wsp_wrong"))
        assert lane.status_code == 429  # the intake lane refuses exactly as the route does
    with TestClient(app, client=("198.51.100.7", 40000)) as colleague:
        assert colleague.get("/api/v1/me", headers=auth(make_token("admin"))).status_code == 200
        assert colleague.get("/api/v1/me").status_code == 401  # no token is not a wrong token
