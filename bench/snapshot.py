"""Weekly snapshot benchmark: freeze one week for all 514 kabupaten/kota over 1,000,000 stored reports.

The database is filled once with the demo season generator (`seeds.demo.seed_demo`, reports and
their daily aggregate) and kept for later runs; every timed run is a forced recompute through
`core.jobs.run_week` (score 514 kabupaten, replace 514 rows, relink the next week, raise alerts,
audit), i.e. exactly what the Monday job or an admin does. Target: <= 2 s.

    .venv/bin/python bench/snapshot.py [--backend sqlite|postgresql|both] [--reports 1000000] [--runs 9]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, func, inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import select

from core import jobs
from core.config import DEFAULT_DATA_DIR, Settings
from core.db import dispose_engines, get_engine, read_session, write_session
from core.risk.service import risk_params
from core.snapshots.freeze import snapshot_values
from models.report import Report, ReportDaily
from seeds.bootstrap import prepare_database
from seeds.demo import seed_demo

WEEK = date(2024, 11, 18)  # the week before Pilkada day: the busiest of the season
TARGET_SECONDS = 2.0
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/waspada_bench_snapshot"


def ensure_pg_database(url: str) -> None:
    """Create the benchmark database on first use (the server itself must be running)."""
    name = make_url(url).database
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if conn.execute(text("select 1 from pg_database where datname = :n"), {"n": name}).first() is None:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


def schema_is_current(settings: Settings) -> bool:
    """A kept database made by an older layout of the aggregate is rebuilt, not benchmarked."""
    engine = get_engine(settings)
    if not inspect(engine).has_table("report_daily"):
        return True
    stored = {c["name"] for c in inspect(engine).get_columns("report_daily")}
    return stored == {c.name for c in ReportDaily.__table__.columns}


def drop_database(settings: Settings) -> None:
    dispose_engines()
    url = make_url(settings.database_url)
    if settings.is_sqlite:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{url.database}{suffix}").unlink(missing_ok=True)
        return
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()


def filled(settings: Settings, reports: int) -> tuple[int, int]:
    """Migrate, seed the registry, and generate the demo season once; returns (reports, daily rows)."""
    if not schema_is_current(settings):
        print("  the kept database has an older schema: rebuilding it", flush=True)
        drop_database(settings)
    engine = get_engine(settings)
    prepare_database(engine, settings)
    with read_session(engine) as session:
        stored = session.exec(select(func.count()).select_from(Report)).one()
    if stored != reports:
        print(f"  filling with {reports:,} demo reports (once; kept for later runs) ...", flush=True)
        start = time.perf_counter()
        with write_session(engine) as session:
            seed_demo(session=session, reports=reports, reset=True, geo_dir=settings.geo_dir)
        print(f"  filled in {time.perf_counter() - start:.0f} s", flush=True)
    with read_session(engine) as session:
        stored = session.exec(select(func.count()).select_from(Report)).one()
        daily = session.exec(select(func.count()).select_from(ReportDaily.__table__)).one()
    return stored, daily


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def timed(call) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def bench(label: str, settings: Settings, reports: int, runs: int) -> None:
    print(f"{label}: {settings.database_url}")
    stored, daily = filled(settings, reports)
    engine = get_engine(settings)
    params = risk_params(settings)

    def freeze() -> None:
        result = jobs.run_week(settings, WEEK, trigger="cli", force=True)
        assert result.succeeded and result.rows == 514, result

    def score_only() -> None:
        with read_session(engine) as session:
            snapshot_values(session=session, week=WEEK, params=params)

    freeze()  # warm-up: caches, pool, the first run's inserts
    full = [timed(freeze) for _ in range(runs)]
    scoring = [timed(score_only) for _ in range(runs)]
    verdict = "OK" if percentile(full, 95) <= TARGET_SECONDS else "OVER TARGET"
    print(f"  {stored:,} reports, {daily:,} daily aggregate rows; week {WEEK} (514 kabupaten), {runs} runs")
    print(
        f"  weekly snapshot (forced recompute): median {statistics.median(full):.3f} s  "
        f"p95 {percentile(full, 95):.3f} s  max {max(full):.3f} s  [{verdict}: target <= {TARGET_SECONDS} s]"
    )
    print(
        f"  of which scoring 514 kabupaten:     median {statistics.median(scoring):.3f} s  "
        f"p95 {percentile(scoring, 95):.3f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--sqlite-path", type=Path, default=DEFAULT_DATA_DIR / "bench_snapshot.db")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    args = parser.parse_args()
    common = {"environment": "test", "embedded_scheduler": False, "webhook_urls": []}
    if args.backend in ("sqlite", "both"):
        bench(
            "SQLite",
            Settings(database_url=f"sqlite:///{args.sqlite_path}", **common),
            args.reports,
            args.runs,
        )
    if args.backend in ("postgresql", "both"):
        ensure_pg_database(args.pg_url)
        bench("PostgreSQL", Settings(database_url=args.pg_url, **common), args.reports, args.runs)


if __name__ == "__main__":
    main()
