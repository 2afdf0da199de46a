"""Export benchmark: GET /api/v1/reports.csv and .xlsx over 1,000,000 stored reports, real server.

The database is filled once by a bulk insert straight into the report table (no HTTP intake:
it would take an hour) and kept for later runs. Each run downloads the whole export from a
running `waspada serve` and reports the time to the first byte, the total time, rows/s, and
how much the server's resident memory grew (VmRSS sampled every 20 ms, and VmHWM).
An anchor is measured in the same run: a plain `csv.writer` over the same columns read from a
raw DB-API cursor in this process, so the ratio carries across machines.
Targets: first byte <= 1 s, CSV >= 50,000 rows/s, RSS growth <= 100 MB.

    .venv/bin/python bench/exports.py [--backend sqlite|postgresql|both] [--reports 1000000] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import Engine, func, insert, text
from sqlmodel import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._server import RunningServer, running_server
from bench.snapshot import drop_database, ensure_pg_database, schema_is_current
from core.config import DEFAULT_DATA_DIR, Settings
from core.db import dispose_engines, get_engine, read_session, write_session
from core.sheets.export import EXPORT_FIELDS
from models.account import Account, Role
from models.region import Kabupaten
from models.report import Report
from models.vocab import CATEGORIES, SOURCE_TYPES, STATUSES
from seeds.bootstrap import prepare_database

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/waspada_bench_exports"
TARGET_FIRST_BYTE_S = 1.0
TARGET_CSV_ROWS_S = 50_000
TARGET_RSS_MB = 100.0
CHUNK = 20_000
ACCOUNT = "bench-exports"
WORDS = [
    "massa",
    "berkumpul",
    "kantor",
    "KPU",
    "kecamatan",
    "spanduk",
    "kampanye",
    "hoaks",
    "beredar",
    "grup",
    "warga",
    "bentrokan",
    "pendukung",
    "calon",
    "bupati",
    "polisi",
    "membubarkan",
    "rapat",
    "umum",
    "desa",
    "surat",
    "suara",
    "logistik",
    "terlambat",
]


def fake_text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def report_rows(count: int, kodes: list[str], reporter_id: int, seed: int = 7) -> Iterator[list[dict]]:
    """Plausible reports in chunks: a season of times, every kabupaten, some formula-looking text."""
    rng = random.Random(seed)
    start = datetime(2024, 8, 1, tzinfo=UTC)
    categories = [t.value for t in CATEGORIES]
    sources = [t.value for t in SOURCE_TYPES if t.value != "demo"] or ["fkdm"]
    statuses = [t.value for t in STATUSES]
    chunk: list[dict] = []
    for i in range(count):
        occurred = start + timedelta(seconds=rng.randrange(120 * 86400), microseconds=rng.randrange(10**6))
        title = fake_text(rng, rng.randint(3, 8))
        description = fake_text(rng, rng.randint(0, 30))
        if i % 97 == 0:
            title = "=" + title  # exercises the formula escaping
        if i % 89 == 0:
            description += "\nbaris kedua, dengan koma"
        located = rng.random() < 0.6
        chunk.append(
            {
                "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "kabupaten_kode": rng.choice(kodes),
                "kecamatan": fake_text(rng, 2) if rng.random() < 0.7 else None,
                "occurred_at": occurred,
                "received_at": occurred + timedelta(minutes=rng.randint(2, 45)),
                "category": rng.choice(categories),
                "severity": rng.randint(1, 5),
                "title": title,
                "description": description,
                "crowd_size": rng.randint(5, 5000) if rng.random() < 0.5 else None,
                "latitude": round(rng.uniform(-10, 5), 6) if located else None,
                "longitude": round(rng.uniform(95, 140), 6) if located else None,
                "location_mismatch": rng.random() < 0.02,
                "located_kabupaten_kode": None,
                "source_type": rng.choice(sources),
                "status": rng.choice(statuses),
                "duplicate_of": None,
                "reporter_id": reporter_id,
                "reporter": ACCOUNT,
                "content_hash": f"{i:064x}",
                "created_at": occurred,
                "updated_at": occurred,
            }
        )
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def filled(settings: Settings, reports: int) -> int:
    """Migrate, seed the registry, bulk-insert the reports once; returns how many are stored."""
    if not schema_is_current(settings):
        drop_database(settings)
    engine = get_engine(settings)
    prepare_database(engine, settings)
    with read_session(engine) as session:
        stored = session.exec(select(func.count()).select_from(Report)).one()
    if stored == reports:
        return stored
    print(f"  bulk-inserting {reports:,} reports (once; kept for later runs) ...", flush=True)
    started = time.perf_counter()
    with write_session(engine) as session:
        session.execute(Report.__table__.delete())
        account = session.exec(select(Account).where(Account.username == ACCOUNT)).first()
        if account is None:
            account = Account(username=ACCOUNT, role=Role.ADMIN.value)
            session.add(account)
            session.flush()
        kodes = list(session.exec(select(Kabupaten.kode)).all())
        for chunk in report_rows(reports, kodes, account.id):
            session.execute(insert(Report.__table__), chunk)
        session.commit()
    if not settings.is_sqlite:
        with engine.connect() as conn:
            conn.execute(text("ANALYZE report"))
            conn.commit()
    print(f"  inserted in {time.perf_counter() - started:.0f} s", flush=True)
    with read_session(engine) as session:
        return session.exec(select(func.count()).select_from(Report)).one()


def server_pid(port: int) -> int:
    """The `waspada serve` process listening on this port (one worker: uvicorn runs in it)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve" in argv and str(port).encode() in argv:
            return int(entry.name)
    raise RuntimeError(f"no server process for port {port}")


def status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


@dataclass
class Run:
    first_byte: float
    total: float
    size: int
    rss_growth_mb: float
    hwm_growth_mb: float


def download(server: RunningServer, pid: int, token: str, suffix: str, idle_kb: int) -> Run:
    """Stream one export to nowhere, sampling the server's memory meanwhile.

    Growth is counted from `idle_kb`, the server's VmRSS before its first export, so what the
    first export loads (modules, caches) counts too; VmHWM is the kernel's own peak since start.
    """
    peak = status_kb(pid, "VmRSS")
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, status_kb(pid, "VmRSS"))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    size = 0
    first_byte = None
    started = time.perf_counter()
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.stream(
        "GET", f"{server.base_url}/api/v1/reports.{suffix}", headers=headers, timeout=600
    ) as resp:
        resp.raise_for_status()
        for chunk in resp.iter_raw():
            if first_byte is None:
                first_byte = time.perf_counter() - started
            size += len(chunk)
    total = time.perf_counter() - started
    done.set()
    sampler.join()
    assert first_byte is not None
    return Run(first_byte, total, size, (peak - idle_kb) / 1024, (status_kb(pid, "VmHWM") - idle_kb) / 1024)


def anchor(engine: Engine) -> tuple[float, int]:
    """A plain csv.writer over the same columns, in the same order, from a raw DB-API cursor."""
    columns = ", ".join(EXPORT_FIELDS)
    raw = engine.raw_connection()
    try:
        # PostgreSQL: a server-side cursor, as a streaming reader would use (a plain one loads all)
        cursor = raw.cursor() if engine.dialect.name == "sqlite" else raw.cursor(name="anchor")
        started = time.perf_counter()
        cursor.execute(f"SELECT {columns} FROM report ORDER BY occurred_at DESC, id DESC")
        sink = io.StringIO()
        writer = csv.writer(sink)
        rows = 0
        while batch := cursor.fetchmany(5000):
            writer.writerows(batch)
            rows += len(batch)
            sink.seek(0)
            sink.truncate()
        return time.perf_counter() - started, rows
    finally:
        raw.close()


def verdict(ok: bool) -> str:
    return "OK" if ok else "NOT MET"


def bench(label: str, settings: Settings, reports: int, runs: int) -> None:
    print(f"{label}: {settings.database_url}", flush=True)
    stored = filled(settings, reports)
    engine = get_engine(settings)
    anchor_s, anchor_rows = anchor(engine)
    dispose_engines()
    anchor_rate = anchor_rows / anchor_s
    print(
        f"  {stored:,} reports; anchor (csv.writer over a raw cursor): {anchor_rate:,.0f} rows/s", flush=True
    )
    with running_server(settings.database_url) as server:
        token = server.token("--role", "admin", "--name", f"bench-export-{uuid.uuid4().hex[:6]}")
        pid = server_pid(int(server.base_url.rsplit(":", 1)[1]))
        idle = status_kb(pid, "VmRSS")
        print(f"  server idle: VmRSS {idle / 1024:.0f} MB, VmHWM {status_kb(pid, 'VmHWM') / 1024:.0f} MB")
        for suffix in ("csv", "xlsx"):
            results = [download(server, pid, token, suffix, idle) for _ in range(runs + 1)]
            warm = results[1:]  # the first run warms caches; it counts for memory only
            first = statistics.median(r.first_byte for r in warm)
            total = statistics.median(r.total for r in warm)
            rate = stored / total
            rss = max(r.rss_growth_mb for r in results)
            hwm = max(r.hwm_growth_mb for r in results)
            size = statistics.median(r.size for r in warm) / 1e6
            rate_ok = rate >= TARGET_CSV_ROWS_S if suffix == "csv" else True
            print(
                f"  {suffix:<4} first byte {first * 1000:.0f} ms [{verdict(first <= TARGET_FIRST_BYTE_S)}]  "
                f"total {total:.1f} s  {rate:,.0f} rows/s"
                f"{f' [{verdict(rate_ok)}: >= {TARGET_CSV_ROWS_S:,}]' if suffix == 'csv' else ''}  "
                f"ratio to anchor {rate / anchor_rate:.2f}  {size:.0f} MB  "
                f"RSS growth max {rss:.0f} MB (VmHWM +{hwm:.0f}) [{verdict(rss <= TARGET_RSS_MB)}]  "
                f"(median of {runs} after a warm-up; memory over all {runs + 1})",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sqlite-path", type=Path, default=DEFAULT_DATA_DIR / "bench_exports.db")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    args = parser.parse_args()
    common = {"environment": "test", "embedded_scheduler": False, "webhook_urls": []}
    if args.backend in ("sqlite", "both"):
        args.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        settings = Settings(database_url=f"sqlite:///{args.sqlite_path}", **common)
        bench("SQLite", settings, args.reports, args.runs)
    if args.backend in ("postgresql", "both"):
        ensure_pg_database(args.pg_url)
        bench("PostgreSQL", Settings(database_url=args.pg_url, **common), args.reports, args.runs)


if __name__ == "__main__":
    main()
