"""Inbox benchmark: the dashboard's /laporan page over 1,000,000 stored reports, per scope and filter.

Uses the export benchmark's database (filled once by a bulk insert, kept for later runs). For each
case it builds the whole inbox page as a request does (the page of 50 newest arrivals, the counts
per status and the layout) and a deep page (the 20th, following cursors), and prints median and
p95. The anchor, measured in the same run, is the bare first-page query on a raw DB-API cursor
(`ORDER BY received_at DESC, id DESC LIMIT 51`), so the ratio carries across machines.
Target: the first page <= 300 ms at 1M reports.

    .venv/bin/python bench/inbox.py [--backend sqlite|postgresql|both] [--reports 1000000] [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.exports import DEFAULT_PG_URL, filled
from bench.snapshot import ensure_pg_database
from core.accounts.service import Principal
from core.config import DEFAULT_DATA_DIR, Settings
from core.db import dispose_engines
from dashboard.data import DashboardData
from dashboard.pages import inbox_callbacks
from dashboard.pages.inbox import parse_inbox_query
from models.account import Role

TARGET_FIRST_PAGE_MS = 300.0
DEEP_PAGES = 20
CASES: list[tuple[str, Principal, dict[str, list[str]]]] = [
    ("admin, everything", Principal(1, "bench", Role.ADMIN), {}),
    ("admin, status=baru", Principal(1, "bench", Role.ADMIN), {"status": ["baru"]}),
    ("analyst of Maluku (81)", Principal(1, "bench", Role.ANALYST, provinsi_kode="81"), {}),
    ("officer of 81.02", Principal(1, "bench", Role.OFFICER, kabupaten_kode="81.02"), {}),
    ("admin, text 'hoaks beredar'", Principal(1, "bench", Role.ADMIN), {"cari": ["hoaks beredar"]}),
]


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds per run, after one warm-up run."""
    action()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 2 else samples[0]


def anchor_query(data: DashboardData) -> None:
    """The bare first-page query on a raw cursor: what the page cannot be faster than."""
    raw = data.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("SELECT * FROM report ORDER BY received_at DESC, id DESC LIMIT 51")
        cursor.fetchall()
    finally:
        raw.close()


def deep_page(data: DashboardData, principal: Principal, query: dict[str, list[str]]) -> None:
    """Follow the cursor to the 20th page, as a reader clicking 'next' would."""
    flt = parse_inbox_query(query).to_filter()
    cursor = None
    for _ in range(DEEP_PAGES):
        page = data.inbox(principal, flt, cursor)
        cursor = page.next_cursor
        if cursor is None:
            return


def bench(label: str, settings: Settings, reports: int, runs: int) -> None:
    print(f"{label}: {settings.database_url}", flush=True)
    stored = filled(settings, reports)
    data = DashboardData(settings, cache_seconds=300)
    anchor = statistics.median(timed(lambda: anchor_query(data), runs))
    print(f"  {stored:,} reports; anchor (bare first-page query, raw cursor): {anchor:.1f} ms", flush=True)
    for name, principal, query in CASES:
        first = timed(lambda p=principal, q=query: inbox_callbacks.page(data, p, "id", q), runs)
        deep = timed(lambda p=principal, q=query: deep_page(data, p, q), max(3, runs // 2))
        median = statistics.median(first)
        verdict = "OK" if median <= TARGET_FIRST_PAGE_MS else "NOT MET"
        print(
            f"  {name:<30} first page median {median:6.1f} ms  p95 {p95(first):6.1f} ms "
            f"[{verdict}: <= {TARGET_FIRST_PAGE_MS:.0f}]  ratio to anchor {median / anchor:5.1f}  "
            f"{DEEP_PAGES} pages deep median {statistics.median(deep):7.1f} ms",
            flush=True,
        )
    dispose_engines()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sqlite-path", type=Path, default=DEFAULT_DATA_DIR / "bench_exports.db")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    args = parser.parse_args()
    common = {"environment": "test", "embedded_scheduler": False, "webhook_urls": []}
    if args.backend in ("sqlite", "both"):
        args.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
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
