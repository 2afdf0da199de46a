"""Alert rules: who deserves an alert, what it says, and that each is recorded once per week."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from core import jobs
from core.alerts.rules import AlertDraft, alert_kinds, alert_message, record_alerts
from core.config import Settings
from core.db import write_session
from models.snapshot import AlertKind, AlertSource
from tests.core.alerts.support import WEEK, deliveries, stored_alerts
from tests.core.snapshots.support import store_violence


@pytest.mark.parametrize(
    ("level", "previous", "surge", "expected"),
    [
        ("tinggi", "sedang", False, [AlertKind.TINGGI]),
        ("tinggi", None, False, [AlertKind.TINGGI]),
        ("tinggi", "tinggi", False, []),
        ("sedang", "rendah", True, [AlertKind.SURGE]),
        ("tinggi", "rendah", True, [AlertKind.TINGGI, AlertKind.SURGE]),
        ("sedang", "tinggi", False, []),
    ],
)
def test_rising_to_tinggi_and_surging_deserve_an_alert(
    level: str, previous: str | None, surge: bool, expected: list[AlertKind]
) -> None:
    assert alert_kinds(level=level, previous_level=previous, surge=surge) == expected


def test_the_message_names_the_kabupaten_and_the_numbers() -> None:
    common = {
        "nama": "Kabupaten Maluku Tenggara",
        "kode": "81.02",
        "score": 61.46,
        "as_of": date(2024, 11, 24),
    }
    assert alert_message(kind=AlertKind.TINGGI, reports_7d=4, **common) == (
        "Kabupaten Maluku Tenggara (81.02) naik ke tingkat kerawanan TINGGI: skor 61.5 per 2024-11-24."
    )
    assert alert_message(kind=AlertKind.SURGE, reports_7d=4, **common) == (
        "Lonjakan laporan di Kabupaten Maluku Tenggara (81.02): 4 laporan dalam 7 hari "
        "sampai 2024-11-24 (skor 61.5)."
    )


def draft(kode: str, kind: AlertKind) -> AlertDraft:
    return AlertDraft(kode, kind, WEEK, date(2024, 11, 24), 61.5, "tinggi", 9, AlertSource.SNAPSHOT, "x")


def test_an_alert_is_recorded_once_per_week_with_one_delivery_per_url(engine: Engine) -> None:
    urls = ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b", "http://127.0.0.1:9/a"]
    with write_session(engine) as session:
        first = record_alerts(
            session=session,
            drafts=[draft("81.02", AlertKind.TINGGI), draft("81.02", AlertKind.SURGE)],
            webhook_urls=urls,
        )
        again = record_alerts(session=session, drafts=[draft("81.02", AlertKind.TINGGI)], webhook_urls=urls)
        session.commit()
    assert len(first) == 2 and first == sorted(first) and again == []
    assert [(a.kabupaten_kode, a.kind, a.source) for a in stored_alerts(engine)] == [
        ("81.02", "surge", "snapshot"),
        ("81.02", "tinggi", "snapshot"),
    ]
    assert sorted((d.alert_id, d.url, d.status, d.attempts) for d in deliveries(engine)) == sorted(
        (alert_id, url, "pending", 0)
        for alert_id in first
        for url in ("http://127.0.0.1:9/a", "http://127.0.0.1:9/b")
    )


def test_nothing_to_record_records_nothing(engine: Engine) -> None:
    with write_session(engine) as session:
        assert record_alerts(session=session, drafts=[], webhook_urls=["http://127.0.0.1:9/a"]) == []
    assert stored_alerts(engine) == [] and deliveries(engine) == []


def test_a_snapshot_raises_each_alert_once(settings: Settings, engine: Engine) -> None:
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    first = jobs.run_week(settings, WEEK, trigger="cli")
    forced = jobs.run_week(settings, WEEK, trigger="cli", force=True)
    assert len(first.alert_ids) == 2 and forced.alert_ids == ()
    assert [(a.kabupaten_kode, a.kind, a.week_start, a.source) for a in stored_alerts(engine)] == [
        ("81.02", "surge", WEEK, "snapshot"),
        ("81.02", "tinggi", WEEK, "snapshot"),
    ]
    assert "TINGGI" in stored_alerts(engine)[1].message
