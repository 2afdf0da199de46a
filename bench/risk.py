"""Risk benchmark: all 514 kabupaten at 10k, 100k and 1M stored reports, SQLite and PostgreSQL.

Fills a fresh database per size with the demo season generator, then times
`risk_for_kodes` for every kabupaten on a busy campaign day (median and p95), and prints
the ratio of the largest to the smallest size.

    .venv/bin/python bench/risk.py [--sizes 10000,100000,1000000] [--backends sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, func, text
from sqlmodel import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from core.config import Settings
from core.db import dispose_engines, get_engine, read_session, write_session
from core.risk.service import risk_for_kodes
from models.region import Kabupaten
from models.report import Report, ReportDaily
from seeds.bootstrap import prepare_database
from seeds.demo import seed_demo

AS_OF = date(2024, 11, 20)  # Pilkada 2024 campaign, H-7
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PG_BENCH = "postgresql+psycopg://postgres@127.0.0.1:5432/waspada_bench"


def fresh_url(backend: str, tmp: Path, size: int) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp / f'risk-{size}.db'}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS waspada_bench WITH (FORCE)"))
        conn.execute(text("CREATE DATABASE waspada_bench"))
    admin.dispose()
    return PG_BENCH


def time_risk(settings: Settings, runs: int) -> list[float]:
    engine = get_engine(settings)
    with read_session(engine) as session:
        kodes = list(session.exec(select(Kabupaten.kode)).all())
    timings = []
    for _ in range(runs + 2):
        started = time.perf_counter()
        with read_session(engine) as session:
            results = risk_for_kodes(session=session, kodes=kodes, as_of=AS_OF)
        timings.append(time.perf_counter() - started)
        assert len(results) == 514
    return timings[2:]


def measure(backend: str, size: int, tmp: Path, runs: int) -> float:
    settings = Settings(database_url=fresh_url(backend, tmp, size), embedded_scheduler=False)
    engine = get_engine(settings)
    prepare_database(engine, settings)
    started = time.perf_counter()
    with write_session(engine) as session:
        seed_demo(session=session, reports=size)
    fill = time.perf_counter() - started
    if backend == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
    with read_session(engine) as session:
        stored = session.exec(select(func.count()).select_from(Report)).one()
        daily = session.exec(select(func.count()).select_from(ReportDaily.__table__)).one()
    timings = [t * 1000 for t in time_risk(settings, runs)]
    median = statistics.median(timings)
    p95 = sorted(timings)[int(0.95 * (len(timings) - 1))]
    print(
        f"{backend:<10} reports={stored:>9,}  daily rows={daily:>8,}  fill={fill:6.1f} s  "
        f"risk(514): median={median:7.1f} ms  p95={p95:7.1f} ms  runs={len(timings)}",
        flush=True,
    )
    dispose_engines()
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends.split(","):
            medians = {size: measure(backend, size, Path(tmp), args.runs) for size in sizes}
            ratio = medians[max(sizes)] / medians[min(sizes)]
            print(f"{backend:<10} ratio {max(sizes):,} / {min(sizes):,} reports = {ratio:.2f}", flush=True)


if __name__ == "__main__":
    main()
