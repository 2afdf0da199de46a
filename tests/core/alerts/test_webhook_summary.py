"""The console's webhook summary: deliveries per URL and state, admins only (both backends)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine

from core.accounts.service import Principal
from core.alerts.queries import webhook_summaries
from core.db import write_session
from core.errors import Forbidden
from models.account import Role
from models.snapshot import Alert, AlertDelivery

ADMIN = Principal(account_id=0, name="admin", role=Role.ADMIN)
ANALYST = Principal(account_id=0, name="analis", role=Role.ANALYST, provinsi_kode="81")
HOOK_A = "https://hooks.example/a"
HOOK_B = "https://hooks.example/b?token=rahasia"


def test_deliveries_are_counted_per_url_and_state(engine: Engine) -> None:
    delivered_at = datetime(2024, 11, 20, 3, 0, tzinfo=UTC)
    with write_session(engine) as session:
        alerts = [
            Alert(
                kabupaten_kode="81.02",
                kind="tinggi",
                week_start=date(2024, 11, 4 + 7 * n),
                as_of=date(2024, 11, 20),
                score=60.0 + n,
                level="tinggi",
                reports_7d=5,
                source="snapshot",
                message=f"uji {n}",
            )
            for n in range(3)
        ]
        session.add_all(alerts)
        session.flush()
        session.add_all(
            [
                AlertDelivery(
                    alert_id=alerts[0].id,
                    url=HOOK_A,
                    status="delivered",
                    attempts=1,
                    delivered_at=delivered_at,
                ),
                AlertDelivery(
                    alert_id=alerts[1].id, url=HOOK_A, status="failed", attempts=5, last_error="HTTP 500"
                ),
                AlertDelivery(alert_id=alerts[2].id, url=HOOK_A, status="pending"),
                AlertDelivery(
                    alert_id=alerts[0].id,
                    url=HOOK_B,
                    status="delivered",
                    attempts=2,
                    delivered_at=delivered_at,
                ),
            ]
        )
        session.commit()
        summaries = webhook_summaries(
            session=session, account=ADMIN, configured=[HOOK_A, "https://hooks.example/new"]
        )
        with pytest.raises(Forbidden):
            webhook_summaries(session=session, account=ANALYST, configured=[HOOK_A])
    by_url = {s.url: s for s in summaries}
    assert set(by_url) == {HOOK_A, HOOK_B, "https://hooks.example/new"}
    a = by_url[HOOK_A]
    assert (a.configured, a.delivered, a.failed, a.pending, a.last_error) == (True, 1, 1, 1, "HTTP 500")
    assert a.last_delivered_at == delivered_at
    b = by_url[HOOK_B]
    assert (b.configured, b.delivered, b.failed, b.pending, b.last_error) == (False, 1, 0, 0, None)
    new = by_url["https://hooks.example/new"]
    assert (new.delivered, new.failed, new.pending, new.last_delivered_at) == (0, 0, 0, None)
