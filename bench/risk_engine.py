"""Time compute_risk for all 514 kabupaten/kota on synthetic but realistic inputs (no DB).

Run: .venv/bin/python bench/risk_engine.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.risk.engine import compute_risk, summarize_window
from core.risk.inputs import DailyCount, ElectionInput, PlannedEventInput, ReportCandidate, StageWindow
from core.risk.params import DEFAULT_PARAMS, EVENT_TYPES, FACTORS

KABUPATEN = 514
AS_OF = date(2024, 2, 1)
ROW_PROBABILITY = 0.3  # share of (day, factor, severity) cells holding at least one report
CANDIDATES_FOR_DETAIL = 200
ROUNDS = 5


def kabupaten_counts(rng: random.Random) -> list[DailyCount]:
    """56 days x 5 factors x 5 severities, about 30 % of the cells filled (~420 rows)."""
    rows = []
    for age in range(DEFAULT_PARAMS.lookback_days):
        day = AS_OF - timedelta(days=age)
        for factor in FACTORS:
            for severity in range(1, 6):
                if rng.random() < ROW_PROBABILITY:
                    verified = rng.random() < 0.6
                    rows.append(DailyCount(day, factor, severity, verified, rng.randint(1, 5)))
    return rows


def kabupaten_events(rng: random.Random, kode: str) -> list[PlannedEventInput]:
    """Zero to four planned events around the horizon."""
    events = []
    for i in range(rng.randint(0, 4)):
        start = AS_OF + timedelta(days=rng.randint(-2, 10))
        kind = rng.choice(EVENT_TYPES)
        crowd = rng.choice([None, 500, 5000, 50_000])
        events.append(PlannedEventInput(f"{kode}-e{i}", kind, kind, start, start, crowd))
    return events


def elections() -> tuple[ElectionInput, ...]:
    """Pemilu in its campaign and a later Pilkada, as in early 2024."""
    pemilu = ElectionInput(
        "pemilu-2024",
        "Pemilu 2024",
        "pemilu",
        date(2024, 2, 14),
        (
            StageWindow("kampanye", date(2023, 11, 28), date(2024, 2, 10)),
            StageWindow("masa_tenang", date(2024, 2, 11), date(2024, 2, 13)),
            StageWindow("pemungutan", date(2024, 2, 14), date(2024, 2, 14)),
            StageWindow("rekapitulasi", date(2024, 2, 15), date(2024, 3, 20)),
        ),
    )
    pilkada = ElectionInput("pilkada-2024", "Pilkada 2024", "pilkada", date(2024, 11, 27), ())
    return (pemilu, pilkada)


def candidates(rng: random.Random, kode: str) -> list[ReportCandidate]:
    """Individual reports for one detail page."""
    statuses = ("baru", "terverifikasi", "ditangani", "selesai", "ditolak", "duplikat")
    return [
        ReportCandidate(
            f"{kode}-r{i}",
            "laporan",
            "lain",
            rng.choice(FACTORS),
            rng.randint(1, 5),
            rng.choice(statuses),
            AS_OF - timedelta(days=rng.randint(0, 55)),
        )
        for i in range(CANDIDATES_FOR_DETAIL)
    ]


def timed(call: Callable[[], object]) -> float:
    """Milliseconds one call takes."""
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def report(label: str, samples_ms: list[float]) -> None:
    """Print median and p95 of the per-call times."""
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(f"{label:42s} median {statistics.median(ordered):7.3f} ms  p95 {p95:7.3f} ms  (n={len(ordered)})")


def main() -> None:
    """Build the inputs once, then time every kabupaten ROUNDS times per scenario."""
    rng = random.Random(514)
    kodes = [f"{11 + i // 20}.{i % 20 + 1:02d}" for i in range(KABUPATEN)]
    counts = {k: kabupaten_counts(rng) for k in kodes}
    events = {k: kabupaten_events(rng, k) for k in kodes}
    summaries = {k: summarize_window(counts[k], AS_OF) for k in kodes}
    detail = {k: candidates(rng, k) for k in kodes}
    calendar = elections()
    rows = statistics.mean(len(c) for c in counts.values())
    print(f"{KABUPATEN} kabupaten, {rows:.0f} DailyCount rows each on average, {ROUNDS} rounds")

    def scenario(**extra) -> Callable[[str], Callable[[], object]]:
        def per_kode(kode: str) -> Callable[[], object]:
            kwargs = {key: value[kode] for key, value in extra.items()}
            return lambda: compute_risk(
                kabupaten_kode=kode, as_of=AS_OF, events=events[kode], elections=calendar, **kwargs
            )

        return per_kode

    scenarios = {
        "map (daily_counts)": scenario(daily_counts=counts),
        "map (pre-summed WindowSummary)": scenario(summary=summaries),
        "detail (daily_counts + 200 candidates)": scenario(daily_counts=counts, candidates=detail),
    }
    for label, per_kode in scenarios.items():
        calls = [per_kode(k) for k in kodes]
        samples = [timed(call) for _ in range(ROUNDS) for call in calls]
        report(label, samples)
        start = time.perf_counter()
        for call in calls:
            call()
        print(f"{'':42s} all {KABUPATEN}: {(time.perf_counter() - start) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
