"""Durable report writes: one transaction per call, or group commit on SQLite.

SQLite has one writer and `synchronous=FULL` costs an fsync per commit (0.15-0.2 ms on
the disks measured here, several milliseconds on a slower or network disk, where it would
cap single-report intake at a few hundred per second). The group committer lets
concurrent requests share a transaction: a writer thread takes whatever
is waiting (up to a limit), stores it with the batch path, commits once, and only then
answers each request. Nothing is acknowledged before its fsync.

The writer thread keeps one connection while it runs, with a larger page cache: a batch
inserts at random keys in three indexes, and a pooled connection (handed out in turn, its
cache emptied whenever another connection wrote) read most of those pages back from the OS
each time.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import Future

from sqlalchemy import URL, Connection, Engine
from sqlalchemy.pool import Pool

from core.db import write_engine
from core.reports.rows import ItemResult, PreparedReport
from core.reports.store import store_reports
from core.storage import storage_fault

log = logging.getLogger(__name__)

ReportWriter = Callable[[Sequence[PreparedReport]], list[ItemResult]]
AsyncReportWriter = Callable[[Sequence[PreparedReport]], Awaitable[list[ItemResult]]]
MAX_GROUP = 256
IDLE_SECONDS = 30.0
# The writer connection's page cache in KiB (SQLite's default is 2,000): the index pages a
# batch touches stay in memory between commits. Reset when the connection goes back to the pool.
WRITER_CACHE_KIB = 65536
DEFAULT_CACHE_KIB = 2000


def write_in_transaction(engine: Engine, prepared: Sequence[PreparedReport]) -> list[ItemResult]:
    """Store prepared reports in one write transaction of their own."""
    with write_engine(engine).begin() as connection:  # Core: no ORM session on the hot path
        return store_reports(connection, prepared)


def write_on(connection: Connection, prepared: Sequence[PreparedReport]) -> list[ItemResult]:
    """Store prepared reports in one write transaction on this open connection."""
    with connection.begin():
        return store_reports(connection, prepared)


class WriterConnection:
    """The writer thread's own write connection, opened on first use and kept between commits.

    Reopened after a failure and after the engine is disposed (its pool replaced), so it
    never outlives what a pooled connection would see.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.connection: Connection | None = None
        self.pool: Pool | None = None

    def get(self) -> Connection:
        if self.connection is not None and self.pool is not self.engine.pool:
            self.close()
        if self.connection is None:
            self.pool = self.engine.pool
            connection = write_engine(self.engine).connect()
            _set_cache_size(connection, WRITER_CACHE_KIB)
            self.connection = connection
        return self.connection

    def close(self) -> None:
        """Give the connection back (after a failure, or when the thread ends); the next get opens one."""
        connection, self.connection = self.connection, None
        if connection is None:
            return
        try:
            if self.pool is self.engine.pool:
                _set_cache_size(connection, DEFAULT_CACHE_KIB)
            else:  # the engine was disposed: this connection belongs to no pool in use
                connection.invalidate()
            connection.close()
        except Exception:  # a broken connection must not stop the writer thread
            log.debug("closing the writer connection failed", exc_info=True)


def _set_cache_size(connection: Connection, kib: int) -> None:
    """A per-connection setting, outside any transaction (a PRAGMA through SQLAlchemy would BEGIN)."""
    if connection.dialect.name == "sqlite":
        connection.connection.driver_connection.execute(f"PRAGMA cache_size=-{int(kib)}")


class GroupCommitter:
    """A single writer thread that commits whatever requests are waiting, together."""

    def __init__(
        self, engine: Engine, max_group: int = MAX_GROUP, idle_seconds: float = IDLE_SECONDS
    ) -> None:
        self.engine = engine
        self.max_group = max_group
        self.idle_seconds = idle_seconds
        self.pending: queue.Queue[tuple[list[PreparedReport], Future[list[ItemResult]]]] = queue.Queue()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def __call__(self, prepared: Sequence[PreparedReport]) -> list[ItemResult]:
        """Block until these reports are durably stored (or refused) and return their outcomes."""
        return self.submit(prepared).result()

    async def store_async(self, prepared: Sequence[PreparedReport]) -> list[ItemResult]:
        """Await the commit on the event loop (no worker thread waits for it)."""
        return await asyncio.wrap_future(self.submit(prepared))

    def submit(self, prepared: Sequence[PreparedReport]) -> Future[list[ItemResult]]:
        """Queue these reports for the next group; the future resolves after their commit."""
        future: Future[list[ItemResult]] = Future()
        with self.lock:
            self.pending.put((list(prepared), future))
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="waspada-group-commit", daemon=True)
                self.thread.start()
        return future

    def _next_or_stop(self) -> tuple[list[PreparedReport], Future[list[ItemResult]]] | None:
        """The next request, or None once idle (the thread ends; the next call starts another)."""
        try:
            return self.pending.get(timeout=self.idle_seconds)
        except queue.Empty:
            with self.lock:
                if self.pending.empty():
                    self.thread = None
                    return None
            return self.pending.get()

    def _take_group(self, first: tuple[list[PreparedReport], Future[list[ItemResult]]]) -> list:
        group = [first]
        size = len(first[0])
        while size < self.max_group:
            try:
                item = self.pending.get_nowait()
            except queue.Empty:
                break
            group.append(item)
            size += len(item[0])
        return group

    def _run(self) -> None:
        writer = WriterConnection(self.engine)
        try:
            while (first := self._next_or_stop()) is not None:
                group = self._take_group(first)
                try:
                    self._commit(writer, group)
                except Exception as exc:  # a bad group must not stop the writer: retry each request alone
                    writer.close()  # whatever failed, the next transaction starts on a fresh connection
                    if storage_fault(exc) is None:  # storage faults are logged once per burst by the caller
                        log.exception("group commit failed; retrying its requests one by one")
                    for prepared, future in group:
                        self._commit_alone(writer, prepared, future)
        finally:
            writer.close()

    def _commit(
        self, writer: WriterConnection, group: list[tuple[list[PreparedReport], Future[list[ItemResult]]]]
    ) -> None:
        results = write_on(writer.get(), [r for prepared, _ in group for r in prepared])
        start = 0
        for prepared, future in group:
            future.set_result(results[start : start + len(prepared)])
            start += len(prepared)

    def _commit_alone(
        self, writer: WriterConnection, prepared: list[PreparedReport], future: Future[list[ItemResult]]
    ) -> None:
        try:
            future.set_result(write_on(writer.get(), prepared))
        except Exception as exc:
            writer.close()
            future.set_exception(exc)


_COMMITTERS: dict[URL, GroupCommitter] = {}
_LOCK = threading.Lock()


def report_writer(engine: Engine) -> ReportWriter:
    """Group commit on SQLite (one committer per database file); PostgreSQL scales without it."""
    if engine.dialect.name != "sqlite":
        return lambda prepared: write_in_transaction(engine, prepared)
    committer = _COMMITTERS.get(engine.url)
    if committer is not None and committer.engine is engine:
        return committer  # asked for on every report: no lock on the common path
    with _LOCK:
        committer = _COMMITTERS.get(engine.url)
        if committer is None or committer.engine is not engine:
            committer = _COMMITTERS[engine.url] = GroupCommitter(engine)
        return committer


def async_report_writer(engine: Engine) -> AsyncReportWriter:
    """The same durable store for async callers, without parking a worker thread per request.

    The group committer resolves each caller's future from its own thread through the
    event loop; without it (PostgreSQL) the transaction runs in a worker thread.
    """
    writer = report_writer(engine)
    if isinstance(writer, GroupCommitter):
        return writer.store_async

    async def store_in_thread(prepared: Sequence[PreparedReport]) -> list[ItemResult]:
        return await asyncio.to_thread(writer, prepared)

    return store_in_thread
