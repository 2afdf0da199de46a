"""The store: both insert paths tell new, replayed and conflicting reports apart, bound as SQLAlchemy does."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy.dialects import sqlite
from sqlmodel import Session, select

from core.accounts.service import Principal
from core.db import IMMEDIATE
from core.reports.intake import IntakeRules, prepare_report
from core.reports.rows import REPORT_COLUMNS, Outcome, PreparedReport
from core.reports.store import sqlite_row, store_reports
from core.writer import write_in_transaction
from models.account import Role
from models.report import Report, ReportCreate
from tests.factories import report_payload

NOW = datetime(2024, 11, 20, 3, 15, tzinfo=UTC)


instants = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from(
        [UTC, timezone(timedelta(hours=7)), timezone(timedelta(hours=9)), timezone(timedelta(hours=-3))]
    ),
)
optional_text = st.none() | st.text(max_size=20)
prepared_reports = st.builds(
    PreparedReport,
    id=st.uuids(),
    kabupaten_kode=st.just("81.02"),
    kecamatan=optional_text,
    occurred_at=instants,
    received_at=instants,
    category=st.just("hoaks"),
    severity=st.integers(1, 5),
    title=st.text(min_size=1, max_size=30),
    description=st.text(max_size=30),
    crowd_size=st.none() | st.integers(0, 10_000_000),
    latitude=st.none() | st.floats(-11.5, 6.5) | st.integers(-11, 6),
    longitude=st.none() | st.floats(94.5, 141.5),
    location_mismatch=st.booleans(),
    located_kabupaten_kode=st.none() | st.just("81.72"),
    source_type=st.just("fkdm"),
    status=st.just("baru"),
    duplicate_of=st.none() | st.uuids(),
    reporter_id=st.integers(1, 10**6),
    reporter=st.text(min_size=1, max_size=10),
    content_hash=st.text(min_size=64, max_size=64, alphabet="0123456789abcdef"),
    created_at=instants,
    updated_at=instants,
)


@given(prepared_reports)
def test_sqlite_row_is_what_sqlalchemy_would_bind(report: PreparedReport) -> None:
    dialect = sqlite.dialect()
    expected = []
    for name in REPORT_COLUMNS:
        process = Report.__table__.c[name].type._cached_bind_processor(dialect)
        value = getattr(report, name)
        expected.append(process(value) if process else value)
    assert sqlite_row(report) == tuple(expected)


def _example_report() -> PreparedReport:
    return _prepared(Principal(1, "officer", Role.OFFICER, kabupaten_kode="81.02"))


def _prepared(account: Principal, **overrides: object) -> PreparedReport:
    payload = report_payload(occurred_at="2024-11-20T09:30:00+09:00", **overrides)
    report_in = ReportCreate.model_validate(payload)
    return prepare_report(account=account, report_in=report_in, rules=IntakeRules(now=NOW), known={"81.02"})


def _store_without_write_lock(engine: Engine, prepared: list[PreparedReport]) -> list:
    """The portable path (ON CONFLICT ... RETURNING), which PostgreSQL always takes."""
    with engine.begin() as connection:
        assert not connection.get_execution_options().get(IMMEDIATE)  # not the write-lock path
        return store_reports(connection, prepared)


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize("store", [write_in_transaction, _store_without_write_lock])
def test_both_insert_paths_tell_new_replayed_and_conflicting_reports_apart(
    engine: Engine,
    reporter_id: int,
    store,  # type: ignore[no-untyped-def]
) -> None:
    account = Principal(reporter_id, "officer", Role.OFFICER, kabupaten_kode="81.02")
    stored, taken = uuid.uuid4(), uuid.uuid4()
    first = [_prepared(account, id=str(stored)), _prepared(account, id=str(taken), title="Asli")]
    assert [r.status for r in store(engine, first)] == [Outcome.CREATED, Outcome.CREATED]
    fresh = _prepared(account)
    second = [
        fresh,
        _prepared(account, id=str(stored)),  # a retry: same content
        _prepared(account, id=str(taken), title="Lain"),  # same id, other content
        _prepared(account, id=str(fresh.id)),  # repeated inside the batch
    ]
    outcomes = [r.status for r in store(engine, second)]
    assert outcomes == [Outcome.CREATED, Outcome.REPLAYED, Outcome.CONFLICT, Outcome.REPLAYED]
    with Session(engine) as session:
        rows = {r.id: r for r in session.exec(select(Report))}
    assert set(rows) == {stored, taken, fresh.id}
    assert rows[taken].title == "Asli"
    read_back = {name: getattr(rows[fresh.id], name) for name in REPORT_COLUMNS}
    assert read_back == dataclasses.asdict(fresh)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_stored_id_is_found_beyond_the_first_thousand_of_a_group(engine: Engine, reporter_id: int) -> None:
    account = Principal(reporter_id, "officer", Role.OFFICER, kabupaten_kode="81.02")
    retried = _prepared(account)
    assert [r.status for r in write_in_transaction(engine, [retried])] == [Outcome.CREATED]
    group = [_prepared(account, title=f"Laporan {i}") for i in range(1_100)] + [retried]
    outcomes = [r.status for r in write_in_transaction(engine, group)]
    assert outcomes == [Outcome.CREATED] * 1_100 + [Outcome.REPLAYED]


def test_a_naive_time_is_refused_as_sqlalchemy_would() -> None:
    naive = dataclasses.replace(_example_report(), occurred_at=datetime(2024, 11, 20, 9, 30))
    sqlalchemy_bind = Report.__table__.c["occurred_at"].type._cached_bind_processor(sqlite.dialect())
    with pytest.raises(ValueError, match="naive"):
        sqlalchemy_bind(naive.occurred_at)
    with pytest.raises(ValueError, match="naive"):
        sqlite_row(naive)
