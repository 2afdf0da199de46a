"""The status workflow: allowed moves only, duplicates that point somewhere real, audited, marked live."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from core.accounts.service import Principal, create_account_token, principal_of
from core.db import read_session, write_session
from core.errors import Forbidden, IllegalTransition, InvalidInput, NotFound
from core.reports.daily import recount_daily, stored_daily
from core.reports.intake import IntakeRules, create_reports_batch
from core.reports.workflow import transition_report
from core.writer import report_writer
from models.account import Account, AuditEvent, Role
from models.report import Report, ReportStatus, ReportUpdate
from tests.factories import report_payload

NOW = datetime(2024, 11, 20, 12, tzinfo=UTC)


@pytest.fixture
def analyst(engine: Engine) -> Principal:
    """A real analyst account of Maluku (the audit log names its account)."""
    with write_session(engine) as session:
        token, _ = create_account_token(session=session, name="analis", role=Role.ANALYST, provinsi="81")
        return principal_of(session.get(Account, token.account_id))


@pytest.fixture
def reports(engine: Engine, reporter_id: int) -> list[uuid.UUID]:
    """Three new reports: two in Maluku Tenggara, one in Tual."""
    items = [
        report_payload(kabupaten_kode=kode, title=f"Laporan {i}", occurred_at="2024-11-20T09:30:00+09:00")
        for i, kode in enumerate(["81.02", "81.02", "81.72"])
    ]
    with read_session(engine) as session:
        results = create_reports_batch(
            session=session,
            account=Principal(reporter_id, "officer", Role.OFFICER, kabupaten_kode="81.02"),
            items=items[:2],
            rules=IntakeRules(now=NOW),
            store=report_writer(engine),
        ) + create_reports_batch(
            session=session,
            account=Principal(reporter_id, "officer", Role.ADMIN),
            items=items[2:],
            rules=IntakeRules(now=NOW),
            store=report_writer(engine),
        )
    return [r.id for r in results if r.id]


class Marks:
    """Records each mark with the status the database held at that moment."""

    def __init__(self, engine: Engine, report_id: uuid.UUID) -> None:
        self.engine, self.report_id = engine, report_id
        self.calls: list[tuple[list[str], str]] = []

    def __call__(self, kodes: Sequence[str]) -> None:
        with read_session(self.engine) as session:
            status = session.exec(select(Report.status).where(Report.id == self.report_id)).one()
        self.calls.append((list(kodes), status))


def _move(
    engine: Engine, report_id: uuid.UUID, account: Principal, marks: Marks | None = None, **update: object
) -> Report:
    """One transition in its own write session, as the API runs it."""
    with write_session(engine) as session:
        extra = {"mark_live": marks} if marks else {}
        return transition_report(
            session=session,
            account=account,
            report_id=report_id,
            update=ReportUpdate(**update),
            now=NOW,
            **extra,
        )


def test_a_status_change_marks_its_kabupaten_once_committed(
    engine: Engine, reports: list[uuid.UUID], analyst: Principal
) -> None:
    marks = Marks(engine, reports[2])
    moved = _move(engine, reports[2], analyst, marks, status=ReportStatus.TERVERIFIKASI)
    assert moved.status == "terverifikasi"
    assert marks.calls == [(["81.72"], "terverifikasi")]
    with read_session(engine) as session:
        assert stored_daily(session) == +recount_daily(session)


def test_a_refused_change_changes_and_marks_nothing(
    engine: Engine, reports: list[uuid.UUID], analyst: Principal
) -> None:
    marks = Marks(engine, reports[0])
    with pytest.raises(IllegalTransition):
        _move(engine, reports[0], analyst, marks, status=ReportStatus.SELESAI)
    officer = Principal(1, "officer", Role.OFFICER, kabupaten_kode="81.02")
    with pytest.raises(Forbidden):
        _move(engine, reports[0], officer, marks, status=ReportStatus.TERVERIFIKASI)
    aceh = Principal(3, "aceh", Role.ANALYST, provinsi_kode="11")
    with pytest.raises(NotFound):
        _move(engine, reports[0], aceh, marks, status=ReportStatus.TERVERIFIKASI)
    assert marks.calls == []
    with read_session(engine) as session:
        assert session.get(Report, reports[0]).status == "baru"


def test_a_duplicate_points_at_another_report_of_its_kabupaten(
    engine: Engine, reports: list[uuid.UUID], analyst: Principal
) -> None:
    first, second, tual = reports
    for update, field in [
        ({"status": ReportStatus.DUPLIKAT}, "duplicate_of"),
        ({"status": ReportStatus.DUPLIKAT, "duplicate_of": second}, "duplicate_of"),
        ({"status": ReportStatus.DUPLIKAT, "duplicate_of": tual}, "duplicate_of"),
        ({"status": ReportStatus.TERVERIFIKASI, "duplicate_of": first}, "duplicate_of"),
    ]:
        with pytest.raises(InvalidInput) as caught:
            _move(engine, second, analyst, **update)
        assert caught.value.errors[0].field == field
    moved = _move(engine, second, analyst, status=ReportStatus.DUPLIKAT, duplicate_of=first)
    assert (moved.status, moved.duplicate_of) == ("duplikat", first)


def test_every_change_is_audited(engine: Engine, reports: list[uuid.UUID], analyst: Principal) -> None:
    _move(engine, reports[0], analyst, status=ReportStatus.TERVERIFIKASI)
    _move(engine, reports[0], analyst, status=ReportStatus.DITANGANI)
    with read_session(engine) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.entity_id == str(reports[0]))).all()
    assert [(e.from_value, e.to_value, e.actor, e.action) for e in events] == [
        ("baru", "terverifikasi", "analis", "status_change"),
        ("terverifikasi", "ditangani", "analis", "status_change"),
    ]
