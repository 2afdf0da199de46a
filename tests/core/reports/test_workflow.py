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
from core.reports.workflow import allowed_transitions, report_trail, transition_report, transition_reports
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


WHY = "Laporan yang sama dari petugas lain"


def test_a_duplicate_points_at_another_report_the_caller_can_read(
    engine: Engine, reports: list[uuid.UUID], analyst: Principal
) -> None:
    first, second, tual = reports
    nowhere = uuid.uuid4()
    for update, field in [
        ({"status": ReportStatus.DUPLIKAT, "note": WHY}, "duplicate_of"),
        ({"status": ReportStatus.DUPLIKAT, "note": WHY, "duplicate_of": second}, "duplicate_of"),
        ({"status": ReportStatus.DUPLIKAT, "note": WHY, "duplicate_of": nowhere}, "duplicate_of"),
        ({"status": ReportStatus.TERVERIFIKASI, "duplicate_of": first}, "duplicate_of"),
        ({"status": ReportStatus.DUPLIKAT, "duplicate_of": first}, "note"),
        ({"note": WHY, "duplicate_of": first}, "duplicate_of"),
    ]:
        with pytest.raises(InvalidInput) as caught:
            _move(engine, second, analyst, **update)
        assert caught.value.errors[0].field == field
    moved = _move(engine, second, analyst, status=ReportStatus.DUPLIKAT, duplicate_of=first, note=WHY)
    assert (moved.status, moved.duplicate_of) == ("duplikat", first)
    # Tual neighbours nothing here, but an analyst may point across the kabupaten line of its province;
    # a chain of duplicates is refused: point at the original.
    with pytest.raises(InvalidInput) as caught:
        _move(engine, tual, analyst, status=ReportStatus.DUPLIKAT, duplicate_of=second, note=WHY)
    assert caught.value.errors[0].type == "chained_duplicate"
    across = _move(engine, tual, analyst, status=ReportStatus.DUPLIKAT, duplicate_of=first, note=WHY)
    assert across.duplicate_of == first


def test_a_report_outside_the_callers_scope_cannot_be_the_original(
    engine: Engine, reports: list[uuid.UUID], analyst: Principal
) -> None:
    """An officer of Tual may not learn of, or point at, a report of Maluku Tenggara."""
    first, _, tual = reports
    _move(engine, tual, analyst, status=ReportStatus.TERVERIFIKASI)
    tual_officer = Principal(1, "officer", Role.OFFICER, kabupaten_kode="81.72")
    with pytest.raises(InvalidInput) as caught:
        _move(engine, tual, tual_officer, note="lihat laporan lain", duplicate_of=first)
    assert caught.value.errors[0].field == "duplicate_of"


def test_every_change_is_audited(engine: Engine, reports: list[uuid.UUID], analyst: Principal) -> None:
    _move(engine, reports[0], analyst, status=ReportStatus.TERVERIFIKASI)
    _move(engine, reports[0], analyst, status=ReportStatus.DITANGANI)
    with read_session(engine) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.entity_id == str(reports[0]))).all()
    assert [(e.from_value, e.to_value, e.actor, e.action) for e in events] == [
        ("baru", "terverifikasi", "analis", "status_change"),
        ("terverifikasi", "ditangani", "analis", "status_change"),
    ]


def _trail(engine: Engine, report_id: uuid.UUID, account: Principal) -> list[tuple]:
    with read_session(engine) as session:
        events = report_trail(session=session, account=account, report_id=report_id)
    return [(e.actor, e.action, e.from_value, e.to_value, e.note) for e in events]


def test_a_note_alone_is_kept_in_the_trail_and_changes_nothing_else(
    engine: Engine, reports: list[uuid.UUID], analyst: Principal
) -> None:
    marks = Marks(engine, reports[0])
    with read_session(engine) as session:
        before = stored_daily(session)
    noted = _move(engine, reports[0], analyst, marks, note="  Menunggu konfirmasi Polres  ")
    assert noted.status == "baru"
    assert marks.calls == []  # nothing to re-score
    with read_session(engine) as session:
        assert stored_daily(session) == before
    _move(engine, reports[0], analyst, status=ReportStatus.TERVERIFIKASI, note="Dikonfirmasi Polres")
    assert _trail(engine, reports[0], analyst) == [
        ("analis", "note", None, None, "Menunggu konfirmasi Polres"),
        ("analis", "status_change", "baru", "terverifikasi", "Dikonfirmasi Polres"),
    ]
    with pytest.raises(InvalidInput) as caught:
        _move(engine, reports[0], analyst)
    assert caught.value.errors[0].field == "status"


@pytest.mark.parametrize("status", [ReportStatus.DITOLAK, ReportStatus.DUPLIKAT])
def test_taking_a_report_out_of_the_score_needs_a_note(
    engine: Engine, reports: list[uuid.UUID], analyst: Principal, status: ReportStatus
) -> None:
    extra = {"duplicate_of": reports[0]} if status is ReportStatus.DUPLIKAT else {}
    with pytest.raises(InvalidInput) as caught:
        _move(engine, reports[1], analyst, status=status, **extra)
    assert (caught.value.errors[0].field, caught.value.errors[0].type) == ("note", "missing")
    with read_session(engine) as session:
        assert session.get(Report, reports[1]).status == "baru"


OFFICER_STEPS = [
    # (path walked by the analyst first, the officer's step, allowed?)
    ([], ReportStatus.TERVERIFIKASI, False),
    ([], ReportStatus.DITOLAK, False),
    ([ReportStatus.TERVERIFIKASI], ReportStatus.DITANGANI, True),
    ([ReportStatus.TERVERIFIKASI, ReportStatus.DITANGANI], ReportStatus.SELESAI, True),
]


@pytest.mark.parametrize(("path", "step", "allowed"), OFFICER_STEPS)
def test_officers_follow_up_their_own_verified_reports(
    engine: Engine,
    reports: list[uuid.UUID],
    analyst: Principal,
    path: list[ReportStatus],
    step: ReportStatus,
    allowed: bool,
) -> None:
    own = Principal(1, "officer", Role.OFFICER, kabupaten_kode="81.02")
    for status in path:
        _move(engine, reports[0], analyst, status=status)
    with read_session(engine) as session:
        offered = allowed_transitions(own, session.get(Report, reports[0]))
    assert (step in offered) is allowed
    if allowed:
        assert _move(engine, reports[0], own, status=step, note="Sudah dikoordinasikan").status == step.value
    else:
        with pytest.raises(Forbidden):
            _move(engine, reports[0], own, status=step, note="x")
    other = Principal(4, "officer-tual", Role.OFFICER, kabupaten_kode="81.72")
    with pytest.raises(NotFound):
        _move(engine, reports[0], other, note="bukan wilayah saya")


def test_a_bulk_step_keeps_its_good_items_and_says_why_the_others_failed(
    engine: Engine, reports: list[uuid.UUID], analyst: Principal
) -> None:
    first, second, tual = reports
    _move(engine, second, analyst, status=ReportStatus.TERVERIFIKASI)
    nowhere = uuid.uuid4()
    with write_session(engine) as session:
        outcomes = transition_reports(
            session=session,
            account=analyst,
            report_ids=[first, second, nowhere, tual, first],
            update=ReportUpdate(status=ReportStatus.TERVERIFIKASI, note="Rapat 20/11"),
            now=NOW,
        )
    assert [(o.report_id, o.report is not None, type(o.error).__name__) for o in outcomes] == [
        (first, True, "NoneType"),
        (second, False, "IllegalTransition"),
        (nowhere, False, "NotFound"),
        (tual, True, "NoneType"),
    ]
    with read_session(engine) as session:
        assert [session.get(Report, r).status for r in reports] == ["terverifikasi"] * 3
        assert stored_daily(session) == +recount_daily(session)
