"""`waspada seed demo` leaves a season whose weekly reports and alerts exist at once (start.sh runs it)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cli import app
from core.config import Settings
from tests.conftest import TokenFactory, auth

runner = CliRunner()
SEASON_WEEKS = 23  # Monday 15 July 2024 (the first demo report) to Monday 16 December (the last)


def test_seeding_the_demo_freezes_its_weeks_and_records_their_alerts(
    cli_env: Settings, client: TestClient, make_token: TokenFactory
) -> None:
    seeded = runner.invoke(app, ["seed", "demo", "--reports", "2000"])
    assert seeded.exit_code == 0, seeded.output
    assert f"demo weeks: {SEASON_WEEKS} frozen, 0 already frozen" in seeded.output
    headers = auth(make_token("admin"))
    weeks = client.get("/api/v1/snapshots", headers=headers).json()["items"]
    assert len(weeks) == SEASON_WEEKS
    assert (weeks[-1]["week_start"], weeks[0]["week_start"]) == ("2024-07-15", "2024-12-16")
    week = client.get("/api/v1/snapshots/2024-11-18", headers=headers)
    assert week.status_code == 200, week.text
    rows = week.json()["items"]
    assert len(rows) == 514 and any(row["score"] > 0 for row in rows)
    alerts = client.get("/api/v1/alerts", headers=headers, params={"limit": 1000}).json()["items"]
    assert any(alert["week_start"] == "2024-11-18" for alert in alerts)
    assert all(alert["deliveries"] == [] for alert in alerts)  # no webhook hears a synthetic past
    report = client.get("/api/v1/snapshots/2024-11-18/report", headers=headers, params={"provinsi": "94"})
    assert report.status_code == 200

    again = runner.invoke(app, ["seed", "demo"])
    assert again.exit_code == 0, again.output
    assert f"demo weeks: 0 frozen, {SEASON_WEEKS} already frozen, 0 alerts" in again.output
