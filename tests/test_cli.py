"""The operator's CLI: tokens are printed once, listed, revoked; the printed token works."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select
from typer.testing import CliRunner

from cli import app
from core.config import Settings
from core.db import get_engine, read_session
from models.event import BaselineScore
from tests.conftest import auth
from tests.factories import report_payload

runner = CliRunner()


def _invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_token_create_prints_a_working_token_last(cli_env: Settings, client: TestClient) -> None:
    output = _invoke("token", "create", "--role", "officer", "--kabupaten", "8102", "--name", "fkdm-tual")
    token = output.strip().splitlines()[-1]
    assert token.startswith("wsp_")
    response = client.post("/api/v1/reports", json=report_payload(), headers=auth(token))
    assert response.status_code == 201
    assert response.json()["reporter"] == "fkdm-tual"


def test_token_list_and_revoke(cli_env: Settings, client: TestClient) -> None:
    token = _invoke("token", "create", "--role", "admin", "--name", "root").strip().splitlines()[-1]
    listing = _invoke("token", "list")
    assert "root" in listing and "active" in listing
    assert token not in listing  # only a prefix is ever shown again
    token_id = next(line.split()[0] for line in listing.splitlines() if "root" in line)
    _invoke("token", "revoke", token_id)
    assert "revoked" in _invoke("token", "list")
    assert client.get("/api/v1/reports", headers=auth(token)).status_code == 401


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "officer", "--name", "x"], "needs --kabupaten"),
        (["--role", "officer", "--kabupaten", "99.99", "--name", "x"], "99.99"),
        (["--role", "analyst", "--provinsi", "99", "--name", "x"], "99"),
        (["--role", "admin", "--provinsi", "81", "--name", "x"], "no province"),
    ],
)
def test_token_create_refuses_a_wrong_scope(cli_env: Settings, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["token", "create", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_seed_regions_is_idempotent(cli_env: Settings) -> None:
    first = _invoke("seed", "regions")
    second = _invoke("seed", "regions")
    assert (
        first == second == "regions: 38 provinces, 514 kabupaten/kota, 7285 kecamatan, 83762 desa/kelurahan\n"
    )


def _baseline(settings: Settings) -> list[tuple[str, float, str]]:
    """What the database holds as baseline scores, not what the command printed."""
    with read_session(get_engine(settings)) as session:
        rows = session.exec(select(BaselineScore).order_by(BaselineScore.kabupaten_kode)).all()
        return [(r.kabupaten_kode, r.score, r.source) for r in rows]


def test_import_baseline_reports_row_errors_and_stores_nothing(cli_env: Settings, tmp_path, client) -> None:
    bad = tmp_path / "ikp.csv"
    bad.write_text("kode,score,source\n81.02,40,IKP 2024\n81.99,abc,IKP 2024\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "baseline", str(bad)])
    assert result.exit_code == 2
    assert "row 3" in result.output
    assert _baseline(cli_env) == []  # one bad row: the good one before it is not stored either
    good = tmp_path / "ikp-ok.csv"
    good.write_text("kode,score,source\n8102,40,IKP 2024\n", encoding="utf-8")
    assert _invoke("import", "baseline", str(good)) == "baseline: 1 kabupaten/kota imported\n"
    assert _baseline(cli_env) == [("81.02", 40.0, "IKP 2024")]


def test_seed_demo_small_season_then_skips(cli_env: Settings) -> None:
    first = _invoke("seed", "demo", "--reports", "300", "--no-freeze")
    stored = int(first.removeprefix("demo season generated: ").split(" reports")[0])
    assert 300 <= stored <= 310  # the 300 and the few re-reports planted among them
    assert "demo weeks" not in first  # freezing is tested in tests/cli/test_seed_demo.py
    assert _invoke("seed", "demo", "--no-freeze").startswith(f"demo season already present: {stored} reports")
