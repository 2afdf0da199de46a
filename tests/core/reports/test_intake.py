"""Intake: every check a submission passes before it is stored, and the live-alert mark after."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func
from sqlmodel import select

from core.accounts.service import Principal
from core.db import read_session
from core.errors import Forbidden, IdempotencyConflict, InvalidInput, UnknownKabupaten
from core.reports.intake import (
    IntakeRules,
    content_hash,
    create_report,
    create_reports_batch,
    prepare_report,
)
from core.reports.rows import REPORT_ID_NAMESPACE, ItemResult, Outcome, PreparedReport
from core.writer import report_writer, write_in_transaction
from models.account import Role
from models.report import Report, ReportCreate
from tests.factories import report_payload

NOW = datetime(2024, 11, 20, 3, 15, tzinfo=UTC)
OFFICER = Principal(1, "officer", Role.OFFICER, kabupaten_kode="81.02")
KNOWN = {"81.02", "81.72"}
ID = uuid.UUID("0b7e5c1a-3d2f-4e6a-9b8c-7d6e5f4a3b2c")


def _prepare(
    rules: IntakeRules | None = None, account: Principal = OFFICER, **overrides: object
) -> PreparedReport:
    payload = report_payload(**{"occurred_at": "2024-11-20T09:30:00+09:00", **overrides})
    return prepare_report(
        account=account,
        report_in=ReportCreate.model_validate(payload),
        rules=rules or IntakeRules(now=NOW),
        known=KNOWN,
    )


def _refusal(**overrides: object) -> set[tuple[str, str]]:
    with pytest.raises(InvalidInput) as caught:
        _prepare(**overrides)
    return {(e.field, e.type) for e in caught.value.errors}


def test_a_naive_time_is_read_in_the_kabupatens_zone() -> None:
    prepared = _prepare(occurred_at="2024-11-20T09:30:00")  # Maluku Tenggara keeps WIT, UTC+9
    assert prepared.occurred_at == datetime(2024, 11, 20, 0, 30, tzinfo=UTC)


def test_times_outside_the_believable_range_are_refused() -> None:
    assert _refusal(occurred_at=(NOW + timedelta(minutes=11)).isoformat()) == {("occurred_at", "future")}
    # local year 2000 (passes the type's range), still 1999 in UTC: refused by intake
    assert _refusal(occurred_at="2000-01-01T05:00:00+09:00") == {("occurred_at", "too_old")}
    assert _prepare(occurred_at=(NOW + timedelta(minutes=9)).isoformat()).occurred_at > NOW


def test_coordinates_come_in_pairs_and_inside_indonesia() -> None:
    assert _refusal(latitude=-5.6) == {("longitude", "missing")}
    assert _refusal(latitude=40.7, longitude=-74.0) == {
        ("latitude", "out_of_area"),
        ("longitude", "out_of_area"),
    }


def test_a_point_outside_the_named_kabupaten_is_kept_with_a_mismatch() -> None:
    rules = IntakeRules(
        now=NOW, contains=lambda kode, lat, lon: kode == "81.72", locate=lambda lat, lon: "81.72"
    )
    named = _prepare(rules, latitude=-5.6, longitude=132.7)
    assert (named.location_mismatch, named.located_kabupaten_kode) == (True, "81.72")
    inside = IntakeRules(now=NOW, contains=lambda kode, lat, lon: True, locate=lambda lat, lon: None)
    kept = _prepare(inside, latitude=-5.6, longitude=132.7)
    assert (kept.location_mismatch, kept.located_kabupaten_kode) == (False, "81.02")


def test_scope_and_the_registry_are_checked() -> None:
    with pytest.raises(Forbidden):
        _prepare(kabupaten_kode="81.72")
    with pytest.raises(UnknownKabupaten):
        _prepare(kabupaten_kode="81.99")
    analyst = Principal(2, "analis", Role.ANALYST, provinsi_kode="81")
    with pytest.raises(Forbidden):
        _prepare(account=analyst)  # analysts triage; they do not file reports through the API


def test_without_an_id_the_same_content_gets_the_same_id() -> None:
    first, again = _prepare(id=None), _prepare(id=None)
    assert first.id == again.id == uuid.uuid5(REPORT_ID_NAMESPACE, first.content_hash)
    assert _prepare(id=None, title="Lain").id != first.id
    given = uuid.uuid4()
    assert _prepare(id=str(given)).id == given


def test_a_derived_id_comes_from_the_content_never_from_who_sent_it() -> None:
    other_admin = Principal(77, "admin-lain", Role.ADMIN)
    mine, theirs = _prepare(id=None), _prepare(id=None, account=other_admin)
    assert mine.id == theirs.id and mine.content_hash == theirs.content_hash
    given = str(uuid.uuid4())
    assert _prepare(id=given).content_hash != _prepare(id=given, account=other_admin).content_hash


def test_the_fingerprint_is_canonical_json() -> None:
    assert content_hash({"b": 1, "a": "x"}) == content_hash({"a": "x", "b": 1})
    assert content_hash({"a": 1}) != content_hash({"a": 2})


class Marks:
    """A recorder for the live-alert mark that also sees whether the reports were committed."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.calls: list[list[str]] = []
        self.stored_when_marked: list[int] = []

    def __call__(self, kodes: Sequence[str]) -> None:
        self.calls.append(list(kodes))
        with read_session(self.engine) as session:
            count = select(func.count()).select_from(Report).where(Report.kabupaten_kode.in_(kodes))
            self.stored_when_marked.append(session.exec(count).one())


@pytest.fixture
def admin(engine: Engine, reporter_id: int) -> Principal:
    return Principal(reporter_id, "officer", Role.ADMIN)


def test_a_batch_marks_each_kabupaten_that_received_a_new_report_once(
    engine: Engine, admin: Principal
) -> None:
    marks = Marks(engine)
    rules = IntakeRules(now=NOW, mark_live=marks)
    items = [
        report_payload(occurred_at="2024-11-20T09:30:00+09:00", kabupaten_kode=kode, title=f"Laporan {i}")
        for i, kode in enumerate(["81.72", "81.02", "81.72"])
    ] + [report_payload(kabupaten_kode="81.99"), {"title": "tanpa isi"}]

    def batch() -> list[ItemResult]:
        with read_session(engine) as session:
            return create_reports_batch(
                session=session, account=admin, items=items, rules=rules, store=report_writer(engine)
            )

    outcomes = [r.status for r in batch()]
    assert outcomes == [Outcome.CREATED] * 3 + [Outcome.INVALID] * 2
    assert marks.calls == [["81.02", "81.72"]]
    assert marks.stored_when_marked == [3]  # marked after the commit, so a check sees the reports
    assert [r.status for r in batch()] == [Outcome.REPLAYED] * 3 + [Outcome.INVALID] * 2
    assert marks.calls == [["81.02", "81.72"]]  # a replay changes no risk


def test_a_single_report_marks_its_kabupaten_only_when_created(engine: Engine, admin: Principal) -> None:
    marks = Marks(engine)
    rules = IntakeRules(now=NOW, mark_live=marks)

    async def store(prepared: Sequence[PreparedReport]) -> list[ItemResult]:
        return write_in_transaction(engine, prepared)

    def send(**overrides: object) -> ItemResult:
        payload = report_payload(occurred_at="2024-11-20T09:30:00+09:00", id=str(ID), **overrides)
        with read_session(engine) as session:
            return asyncio.run(
                create_report(
                    session=session,
                    account=admin,
                    report_in=ReportCreate.model_validate(payload),
                    rules=rules,
                    store=store,
                )
            )

    assert send().status is Outcome.CREATED
    assert (marks.calls, marks.stored_when_marked) == ([["81.02"]], [1])
    assert send().status is Outcome.REPLAYED
    with pytest.raises(IdempotencyConflict):
        send(title="Isi lain")
    assert marks.calls == [["81.02"]]


def test_fingerprints_and_derived_ids_keep_their_stored_form() -> None:
    """Stored fingerprints are compared on every retry: the form they are computed from never changes."""
    account = Principal(7, "officer", Role.OFFICER, kabupaten_kode="81.02")
    payload = {
        "kabupaten_kode": "8102",
        "kecamatan": "Kei Kecil",
        "occurred_at": "2024-11-20T09:30:00",
        "category": "hoaks",
        "severity": 4,
        "title": "Kabar bohong \u00e9",
        "description": "Isi",
        "crowd_size": 12,
        "latitude": -5.6,
        "longitude": 132.7,
        "source_type": "fkdm",
    }

    def prepared(report_id: str | None) -> PreparedReport:
        report_in = ReportCreate.model_validate({**payload, "id": report_id})
        return prepare_report(account=account, report_in=report_in, rules=IntakeRules(now=NOW), known=KNOWN)

    derived = prepared(None)
    assert derived.id == uuid.UUID("5bc23351-2e21-57a9-8591-69103850565e")
    assert derived.content_hash == "b23dbfc555159eac341587dff21f07f16140d4667686f843bbc56502e11703a9"
    given = prepared(str(ID))
    assert given.id == ID
    assert given.content_hash == "f9f17ae020843c4b7dab64c8689ac1acf48e333da23374a370b87d0e7e2268b5"


def _mixed_items(stored: dict[str, object], tag: str) -> list[object]:
    """One of each kind of item a batch can hold, its content marked with `tag`."""
    fresh = report_payload(title=f"Baru {tag}")
    derived = report_payload(id=None, title=f"Tanpa id {tag}")
    return [
        fresh,
        stored,  # replayed
        {**stored, "title": f"Judul lain {tag}"},  # conflict: another report under a taken id
        derived,  # its id derived from its content
        report_payload(severity="5"),  # wrong type
        report_payload(title=f"NUL {tag}\x00"),
        report_payload(occurred_at="1999-12-31T10:00:00+09:00"),  # before the supported years
        report_payload(occurred_at="2024-11-20T09:30:00", latitude=-5.6),  # a point needs both
        report_payload(latitude=40.7, longitude=-74.0),  # outside Indonesia
        report_payload(kabupaten_kode="81.99"),  # not in the registry
        report_payload(kabupaten_kode="81.72"),  # outside the officer's kabupaten
        {**report_payload(), "unknown": 1},  # a field ReportCreate does not have
        "not an object",
        fresh,  # the same item twice in one batch
        {**derived},  # the same content again: the same derived id
    ]


def _judged(results: Sequence[ItemResult], items: Sequence[object]) -> list[tuple[object, ...]]:
    """What a client learns of each item, ids given as the item's own (or derived) one."""
    judged = []
    for result, item in zip(results, items, strict=True):
        given = item.get("id") if isinstance(item, dict) else None
        id_kind = "none" if result.id is None else "given" if str(result.id) == given else "derived"
        errors = [(e.field, e.type, e.reason) for e in result.errors]
        judged.append((result.status, id_kind, errors))
    return judged


def test_a_batch_judges_every_item_as_if_it_was_sent_alone(engine: Engine, reporter_id: int) -> None:
    officer = Principal(reporter_id, "officer", Role.OFFICER, kabupaten_kode="81.02")
    rules = IntakeRules(now=datetime.now(UTC))

    def batch(items: Sequence[object]) -> list[ItemResult]:
        with read_session(engine) as session:
            return create_reports_batch(
                session=session, account=officer, items=items, rules=rules, store=report_writer(engine)
            )

    together, alone = (_mixed_items(report_payload(title=f"Tersimpan {tag}"), tag) for tag in "ab")
    for items in (together, alone):
        assert [r.status for r in batch([items[1]])] == [Outcome.CREATED]  # the stored report
    in_one_batch = batch(together)
    one_by_one = [result for item in alone for result in batch([item])]
    assert _judged(in_one_batch, together) == _judged(one_by_one, alone)
    expected = ["created", "replayed", "conflict", "created", *["invalid"] * 9, "replayed", "replayed"]
    assert [r.status.value for r in in_one_batch] == expected


def test_validating_a_whole_batch_gives_each_item_its_own_result() -> None:
    from core.reports.intake import _parse_item, _parse_items

    valid = [report_payload(title=f"Laporan {i}") for i in range(5)]
    mixed = [*valid[:2], report_payload(severity=9), 7, {"title": ""}, *valid[2:]]
    for items in (valid, mixed, []):
        assert _parse_items(items) == [_parse_item(item) for item in items]
    assert all(report_in is not None and not errors for report_in, _, errors in _parse_items(valid))
