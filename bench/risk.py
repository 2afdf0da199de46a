"""Risk benchmark: all 514 kabupaten and all 7,285 kecamatan at 10k, 100k and 1M stored reports.

Fills a fresh database per size with the demo season generator (kecamatan located from the
points), then times `risk_for_kodes` for every kabupaten and `risk_for_kecamatan_refs` for every
kecamatan of Indonesia on a busy campaign day (median and p95), and prints the ratio of the
largest to the smallest size for each.

    .venv/bin/python bench/risk.py [--sizes 10000,100000,1000000] [--backends sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, func, text
from sqlmodel import Session, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from core.config import Settings
from core.db import dispose_engines, get_engine, read_session, write_session
from core.risk.service import kecamatan_refs, risk_for_kecamatan_refs, risk_for_kodes
from models.region import Kabupaten
from models.report import Report, ReportDaily, ReportDailyKecamatan
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


def time_scoring(settings: Settings, runs: int, score: Callable[[Session], dict]) -> list[float]:
    """Seconds per call of `score` in a fresh read session, after two warm-up calls."""
    engine = get_engine(settings)
    timings = []
    for _ in range(runs + 2):
        started = time.perf_counter()
        with read_session(engine) as session:
            score(session)
        timings.append(time.perf_counter() - started)
    return timings[2:]


def time_risk(settings: Settings, runs: int) -> list[float]:
    """Every kabupaten scored in one call (the map's work)."""
    with read_session(get_engine(settings)) as session:
        kodes = list(session.exec(select(Kabupaten.kode)).all())
    assert len(kodes) == 514

    def score(session: Session) -> dict:
        return risk_for_kodes(session=session, kodes=kodes, as_of=AS_OF)

    return time_scoring(settings, runs, score)


def time_kecamatan_risk(settings: Settings, runs: int) -> list[float]:
    """Every kecamatan of Indonesia scored in one call (the weekly snapshot's work)."""
    with read_session(get_engine(settings)) as session:
        refs = kecamatan_refs(session=session)
    assert len(refs) > 7000

    def score(session: Session) -> dict:
        return risk_for_kecamatan_refs(session=session, kecamatan=refs, as_of=AS_OF)

    return time_scoring(settings, runs, score)


def summary(timings: list[float]) -> tuple[float, float]:
    """Median and p95 in ms."""
    ms = sorted(t * 1000 for t in timings)
    return statistics.median(ms), ms[int(0.95 * (len(ms) - 1))]


def measure(backend: str, size: int, tmp: Path, runs: int) -> tuple[float, float]:
    settings = Settings(database_url=fresh_url(backend, tmp, size), embedded_scheduler=False)
    engine = get_engine(settings)
    prepare_database(engine, settings)
    started = time.perf_counter()
    with write_session(engine) as session:
        seed_demo(session=session, reports=size, geo_dir=settings.geo_dir)
    fill = time.perf_counter() - started
    if backend == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
    with read_session(engine) as session:
        stored = session.exec(select(func.count()).select_from(Report)).one()
        daily = session.exec(select(func.count()).select_from(ReportDaily.__table__)).one()
        per_kecamatan = session.exec(select(func.count()).select_from(ReportDailyKecamatan.__table__)).one()
    median, p95 = summary(time_risk(settings, runs))
    kec_median, kec_p95 = summary(time_kecamatan_risk(settings, runs))
    print(
        f"{backend:<10} reports={stored:>9,}  daily rows={daily:>8,} / kecamatan {per_kecamatan:>8,}  "
        f"fill={fill:6.1f} s  risk(514): median={median:7.1f} ms  p95={p95:7.1f} ms  "
        f"risk(kecamatan): median={kec_median:7.1f} ms  p95={kec_p95:7.1f} ms  runs={runs}",
        flush=True,
    )
    dispose_engines()
    return median, kec_median


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
            for index, unit in enumerate(("kabupaten", "kecamatan")):
                ratio = medians[max(sizes)][index] / medians[min(sizes)][index]
                print(
                    f"{backend:<10} {unit} ratio {max(sizes):,} / {min(sizes):,} reports = {ratio:.2f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
