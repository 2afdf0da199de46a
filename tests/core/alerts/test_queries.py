"""Reading alerts: each role sees its own scope; only admins see where they were delivered."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine

from core import jobs
from core.accounts.service import Principal
from core.alerts import delivery
from core.alerts.delivery import DeliveryPolicy, wait_for_deliveries
from core.alerts.queries import list_alerts
from core.config import Settings
from core.db import read_session
from models.account import Role
from tests.core.alerts.support import WEEK, stored_alerts, with_webhooks
from tests.core.snapshots.support import ADMIN, MALUKU_ANALYST, store_violence


def test_alerts_are_listed_within_scope(
    settings: Settings, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "DEFAULT_POLICY", DeliveryPolicy(max_attempts=1, timeout=2.0))
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    store_violence(engine, "11.01", date(2024, 11, 23), 5)
    jobs.run_week(with_webhooks(settings, "http://127.0.0.1:9/unused"), WEEK, trigger="cli")
    wait_for_deliveries(timeout=30)
    officer = Principal(account_id=3, name="c", role=Role.OFFICER, kabupaten_kode="11.01")
    with read_session(engine) as session:
        everything = list_alerts(session=session, account=ADMIN)
        maluku = list_alerts(session=session, account=MALUKU_ANALYST)
        aceh = list_alerts(session=session, account=officer)
        none_since = list_alerts(session=session, account=ADMIN, since=datetime(2999, 1, 1))
    assert {a.kabupaten_kode for a in everything} == {"81.02", "11.01"}
    assert {a.kabupaten_kode for a in maluku} == {"81.02"}
    assert {a.kabupaten_kode for a in aceh} == {"11.01"}
    assert none_since == []
    assert all(a.deliveries and a.deliveries[0].url.endswith("/unused") for a in everything)
    assert all(a.deliveries is None for a in maluku + aceh)  # URLs may carry secrets


def test_since_reads_an_instant_in_any_zone_and_is_inclusive(settings: Settings, engine: Engine) -> None:
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    jobs.run_week(settings, WEEK, trigger="cli")
    created = stored_alerts(engine)[0].created_at
    wit = timezone(timedelta(hours=9))
    with read_session(engine) as session:
        at_creation = list_alerts(session=session, account=ADMIN, since=created.astimezone(wit))
        naive_utc = list_alerts(session=session, account=ADMIN, since=created.replace(tzinfo=None))
        after = list_alerts(session=session, account=ADMIN, since=created + timedelta(seconds=1))
        everything = list_alerts(session=session, account=ADMIN, since=datetime(1, 1, 1, tzinfo=wit))
        newest = list_alerts(session=session, account=ADMIN, limit=1)
    assert len(at_creation) == len(naive_utc) == len(everything) == 2 and after == []
    assert len(newest) == 1
    assert all(
        a.created_at.tzinfo is not None and a.created_at.utcoffset() == timedelta(0) for a in everything
    )
