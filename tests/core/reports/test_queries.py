"""Reading reports: scope, filters and a keyset cursor that never skips or repeats a report."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from core.accounts.service import Principal
from core.db import read_session
from core.errors import InvalidInput, NotFound
from core.reports.intake import IntakeRules, create_reports_batch
from core.reports.queries import (
    ReportFilter,
    count_matches,
    decode_cursor,
    encode_cursor,
    get_report,
    list_reports,
    to_public,
)
from core.reports.rows import Outcome
from core.writer import report_writer
from models.account import Role
from models.report import Report
from tests.factories import report_payload

NOW = datetime(2024, 11, 20, 12, tzinfo=UTC)
# (kabupaten, category, hours before NOW): Maluku Tenggara and Tual in Maluku (81), Aceh Selatan in Aceh (11).
SEEDED = [
    ("81.02", "hoaks", 1),
    ("81.02", "bentrokan", 2),
    ("81.72", "hoaks", 3),
    ("11.01", "kampanye", 4),
    ("81.02", "unjuk_rasa", 5),
]


@pytest.fixture
def stored(engine: Engine, reporter_id: int) -> dict[uuid.UUID, tuple[str, str, int]]:
    """The seeded reports by id."""
    items = [
        report_payload(
            kabupaten_kode=kode, category=category, occurred_at=(NOW - timedelta(hours=h)).isoformat()
        )
        for kode, category, h in SEEDED
    ]
    with read_session(engine) as session:
        results = create_reports_batch(
            session=session,
            account=Principal(reporter_id, "officer", Role.ADMIN),
            items=items,
            rules=IntakeRules(now=NOW),
            store=report_writer(engine),
        )
    assert [r.status for r in results] == [Outcome.CREATED] * len(SEEDED)
    return {r.id: spec for r, spec in zip(results, SEEDED, strict=True) if r.id}


def _listed(engine: Engine, account: Principal, flt: ReportFilter = ReportFilter(), limit: int = 100) -> list:
    with read_session(engine) as session:
        return list_reports(session=session, account=account, flt=flt, limit=limit).items


ADMIN = Principal(9, "admin", Role.ADMIN)
MALUKU_ANALYST = Principal(8, "analis", Role.ANALYST, provinsi_kode="81")
TUAL_OFFICER = Principal(7, "tual", Role.OFFICER, kabupaten_kode="81.72")


def test_each_role_lists_only_its_scope(engine: Engine, stored) -> None:
    assert len(_listed(engine, ADMIN)) == 5
    assert {r.kabupaten_kode for r in _listed(engine, MALUKU_ANALYST)} == {"81.02", "81.72"}
    assert [r.kabupaten_kode for r in _listed(engine, TUAL_OFFICER)] == ["81.72"]


def test_filters_narrow_the_list(engine: Engine, stored) -> None:
    def kinds(flt: ReportFilter) -> list[tuple[str, str]]:
        return [(r.kabupaten_kode, r.category.value) for r in _listed(engine, ADMIN, flt)]

    assert kinds(ReportFilter(kabupaten="8102", factor="isu")) == [("81.02", "hoaks")]
    assert kinds(ReportFilter(provinsi="11")) == [("11.01", "kampanye")]
    assert kinds(ReportFilter(category="hoaks")) == [("81.02", "hoaks"), ("81.72", "hoaks")]
    naive_since = (NOW - timedelta(hours=2)).replace(tzinfo=None)  # read as UTC
    assert kinds(ReportFilter(since=naive_since)) == [("81.02", "hoaks"), ("81.02", "bentrokan")]
    earlier = [("11.01", "kampanye"), ("81.02", "unjuk_rasa")]
    assert kinds(ReportFilter(until=NOW - timedelta(hours=3))) == earlier  # until is exclusive
    assert kinds(ReportFilter(status="ditolak")) == []


def test_pages_follow_the_cursor_newest_first_without_gaps(engine: Engine, stored) -> None:
    seen: list[uuid.UUID] = []
    cursor = None
    with read_session(engine) as session:
        while True:
            page = list_reports(session=session, account=ADMIN, flt=ReportFilter(), limit=2, cursor=cursor)
            assert len(page.items) <= 2
            seen += [r.id for r in page.items]
            cursor = page.next_cursor
            if cursor is None:
                break
    hours = [stored[i][2] for i in seen]
    assert hours == sorted(hours) and sorted(seen) == sorted(stored)


def test_a_cursor_round_trips_and_a_tampered_one_is_refused() -> None:
    report = Report(id=uuid.uuid4(), occurred_at=NOW)
    assert decode_cursor(encode_cursor(report)) == (NOW, report.id)
    for bad in ("not-a-cursor", encode_cursor(report)[:-3], "W10"):
        with pytest.raises(InvalidInput) as caught:
            decode_cursor(bad)
        assert caught.value.errors[0].location == "query"


def test_one_report_outside_the_scope_is_not_found(engine: Engine, stored) -> None:
    tual = next(i for i, spec in stored.items() if spec[0] == "81.72")
    malra = next(i for i, spec in stored.items() if spec[0] == "81.02")
    with read_session(engine) as session:
        assert get_report(session=session, account=TUAL_OFFICER, report_id=tual).id == tual
        with pytest.raises(NotFound):
            get_report(session=session, account=TUAL_OFFICER, report_id=malra)
        with pytest.raises(NotFound):
            get_report(session=session, account=ADMIN, report_id=uuid.uuid4())


def test_the_public_view_names_the_factor_of_the_category(engine: Engine, stored) -> None:
    with read_session(engine) as session:
        views = [to_public(session.get(Report, i)) for i in stored]
    assert {(v.category.value, v.factor.value) for v in views} >= {
        ("hoaks", "isu"),
        ("bentrokan", "kekerasan"),
    }


@pytest.mark.parametrize(
    ("account", "flt", "cap", "expected"),
    [
        (ADMIN, ReportFilter(), 10, 5),
        (ADMIN, ReportFilter(), 2, 3),  # counted no further than cap + 1
        (MALUKU_ANALYST, ReportFilter(), 10, 4),  # the province as a range of codes: 81.02 and 81.72
        (MALUKU_ANALYST, ReportFilter(provinsi="11"), 10, 0),
        (ADMIN, ReportFilter(provinsi="81", category="hoaks"), 10, 2),
        (TUAL_OFFICER, ReportFilter(), 0, 1),
    ],
)
def test_matches_are_counted_in_scope_up_to_a_cap(
    engine: Engine, stored, account: Principal, flt: ReportFilter, cap: int, expected: int
) -> None:
    with read_session(engine) as session:
        assert count_matches(session=session, account=account, flt=flt, cap=cap) == expected
