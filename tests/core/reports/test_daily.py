"""The daily aggregate always equals a from-scratch recount, whatever intake and triage did."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from core.accounts.service import Principal, authenticate, create_account_token
from core.db import write_session
from core.errors import Conflict, InvalidInput
from core.reports.daily import rebuild_daily, recount_daily, stored_daily
from core.reports.intake import IntakeRules, create_reports_batch
from core.reports.workflow import transition_report
from core.risk.params import POINT_UNITS
from core.writer import report_writer
from models.account import Role
from models.report import ReportStatus, ReportUpdate

NOW = datetime(2024, 11, 20, 12, tzinfo=UTC)
KODES = ["81.02", "81.72", "64.01", "17.06"]

report_strategy = st.fixed_dictionaries(
    {
        "kabupaten_kode": st.sampled_from(KODES),
        "category": st.sampled_from(["hoaks", "bentrokan", "kampanye", "unjuk_rasa", "lainnya"]),
        "severity": st.integers(1, 5),
        "hours_ago": st.integers(0, 24 * 40),
        "title": st.sampled_from(["Bentrok massa", "Hoaks beredar", "Kampanye liar"]),
    }
)
step_strategy = st.one_of(
    st.tuples(st.just("insert"), st.lists(report_strategy, min_size=1, max_size=6)),
    st.tuples(st.just("replay"), st.integers(0, 1000)),
    st.tuples(st.just("status"), st.integers(0, 1000), st.sampled_from(list(ReportStatus))),
)


@pytest.fixture
def admin(engine) -> Principal:
    """A real admin account (reports reference their reporter)."""
    with write_session(engine) as session:
        _token, plaintext = create_account_token(session=session, name="system", role=Role.ADMIN)
        return authenticate(session=session, token=plaintext)


def _payload(spec: dict) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "kabupaten_kode": spec["kabupaten_kode"],
        "category": spec["category"],
        "severity": spec["severity"],
        "occurred_at": (NOW - timedelta(hours=spec["hours_ago"])).isoformat(),
        "title": spec["title"],
    }


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step_strategy, min_size=1, max_size=12))
def test_aggregate_matches_recount(engine, admin, steps) -> None:
    rules = IntakeRules(now=NOW)
    sent: list[dict] = []
    for step in steps:
        with write_session(engine) as session:
            if step[0] == "insert":
                payloads = [_payload(spec) for spec in step[1]]
                create_reports_batch(
                    session=session, account=admin, items=payloads, rules=rules, store=report_writer(engine)
                )
                sent += payloads
            elif step[0] == "replay" and sent:
                create_reports_batch(
                    session=session,
                    account=admin,
                    items=[sent[step[1] % len(sent)]],
                    rules=rules,
                    store=report_writer(engine),
                )
            elif step[0] == "status" and sent:
                target = uuid.UUID(sent[step[1] % len(sent)]["id"])
                original = sent[0]["id"] if step[2] is ReportStatus.DUPLIKAT else None
                update = ReportUpdate(
                    status=step[2], duplicate_of=uuid.UUID(original) if original else None, note="Diperiksa"
                )
                try:
                    transition_report(session=session, account=admin, report_id=target, update=update)
                except (Conflict, InvalidInput):
                    session.rollback()
        with write_session(engine) as session:
            assert stored_daily(session) == +recount_daily(session)


def test_rebuild_restores_a_damaged_aggregate(engine, admin) -> None:
    rules = IntakeRules(now=NOW)
    payloads = [
        _payload(
            {"kabupaten_kode": "81.02", "category": "hoaks", "severity": 2, "hours_ago": h, "title": "x"}
        )
        for h in range(5)
    ]
    with write_session(engine) as session:
        create_reports_batch(
            session=session, account=admin, items=payloads, rules=rules, store=report_writer(engine)
        )
        expected = recount_daily(session)
        session.exec(
            text(
                "UPDATE report_daily SET isu_2_u = isu_2_u + 7, count = count + 7,"
                " points_isu = points_isu + 14"
            )
        )
        session.commit()
        assert stored_daily(session) != expected
        rebuild_daily(session)
        assert stored_daily(session) == expected


def test_points_out_of_step_with_the_counts_are_detected_and_rebuilt(engine, admin) -> None:
    payload = _payload(
        {"kabupaten_kode": "81.02", "category": "bentrokan", "severity": 5, "hours_ago": 1, "title": "x"}
    )
    with write_session(engine) as session:
        create_reports_batch(
            session=session,
            account=admin,
            items=[payload],
            rules=IntakeRules(now=NOW),
            store=report_writer(engine),
        )
        expected = recount_daily(session)
        row = session.execute(text("SELECT points_kekerasan FROM report_daily")).one()
        assert row[0] == POINT_UNITS[(5, False)]
        session.exec(text("UPDATE report_daily SET points_kekerasan = points_kekerasan + 1"))
        session.commit()
        with pytest.raises(ValueError, match="points out of step"):
            stored_daily(session)
        rebuild_daily(session)
        assert stored_daily(session) == expected
