"""Group commit: waiting requests share one transaction, and a bad group cannot sink the rest."""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import Future
from datetime import UTC, datetime

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from core import writer
from core.reports.rows import Outcome
from core.writer import GroupCommitter
from models.report import Report

NOW = datetime(2024, 11, 20, 12, tzinfo=UTC)


def _report(reporter_id: int, title: str) -> Report:
    return Report(
        id=uuid.uuid4(),
        kabupaten_kode="81.02",
        occurred_at=NOW,
        received_at=NOW,
        category="hoaks",
        severity=2,
        title=title,
        source_type="fkdm",
        reporter_id=reporter_id,
        reporter="officer",
        content_hash=uuid.uuid4().hex,
        created_at=NOW,
        updated_at=NOW,
    )


@pytest.mark.parametrize("backend", ["sqlite"])
def test_waiting_requests_share_one_commit(engine, reporter_id, monkeypatch) -> None:
    groups: list[int] = []
    first_started, release = threading.Event(), threading.Event()
    original = writer.write_on

    def observed(connection, prepared):  # type: ignore[no-untyped-def]
        groups.append(len(prepared))
        if len(groups) == 1:
            first_started.set()
            release.wait(10)
        return original(connection, prepared)

    monkeypatch.setattr(writer, "write_on", observed)
    committer = GroupCommitter(engine)
    outcomes: list[Outcome] = []

    def submit(i: int) -> None:
        outcomes.extend(r.status for r in committer([_report(reporter_id, f"laporan {i}")]))

    threads = [threading.Thread(target=submit, args=(0,))]
    threads[0].start()
    assert first_started.wait(10)
    threads += [threading.Thread(target=submit, args=(i,)) for i in range(1, 11)]
    for thread in threads[1:]:
        thread.start()
    deadline = time.monotonic() + 10
    while committer.pending.qsize() < 10 and time.monotonic() < deadline:
        time.sleep(0.01)
    queued = committer.pending.qsize()
    release.set()
    assert queued == 10, "the other ten requests never queued behind the first commit"
    for thread in threads:
        thread.join(10)
    assert groups == [1, 10]
    assert outcomes == [Outcome.CREATED] * 11
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Report)).one() == 11


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_failing_group_is_retried_request_by_request(engine, reporter_id) -> None:
    committer = GroupCommitter(engine)
    bad = _report(reporter_id, "rusak")
    bad.kabupaten_kode = "99.99"  # violates the foreign key: this request cannot be stored
    bad_request: Future = Future()
    committer.pending.put(([bad], bad_request))  # waiting when the next request arrives
    (result,) = committer([_report(reporter_id, "baik")])
    assert result.status is Outcome.CREATED
    assert bad_request.exception(10) is not None
    with Session(engine) as session:
        assert session.exec(select(Report.title)).all() == ["baik"]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_writer_keeps_one_connection_with_a_large_cache_until_the_engine_is_disposed(
    engine, reporter_id, monkeypatch
) -> None:
    seen: list[tuple[object, int]] = []  # the DBAPI connections themselves, so no id is reused
    original = writer.write_on

    def observed(connection, prepared):  # type: ignore[no-untyped-def]
        raw = connection.connection.driver_connection
        seen.append((raw, raw.execute("PRAGMA cache_size").fetchone()[0]))
        return original(connection, prepared)

    monkeypatch.setattr(writer, "write_on", observed)
    committer = GroupCommitter(engine)
    for i in range(3):
        assert [r.status for r in committer([_report(reporter_id, f"laporan {i}")])] == [Outcome.CREATED]
    engine.dispose()  # e.g. after a storage fault: every connection is opened anew
    assert [r.status for r in committer([_report(reporter_id, "setelah")])] == [Outcome.CREATED]
    assert {cache for _, cache in seen} == {-writer.WRITER_CACHE_KIB}
    assert seen[0][0] is seen[1][0] is seen[2][0] and seen[3][0] is not seen[0][0]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_returned_writer_connection_gets_the_default_cache_back(engine, reporter_id) -> None:
    connection = writer.WriterConnection(engine)
    writer.write_on(connection.get(), [_report(reporter_id, "satu")])
    raw = connection.get().connection.driver_connection
    connection.close()
    assert raw.execute("PRAGMA cache_size").fetchone()[0] == -writer.DEFAULT_CACHE_KIB
    with Session(engine) as session:
        assert session.exec(select(Report.title)).all() == ["satu"]
