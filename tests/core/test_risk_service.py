"""The database's window sums equal the engine's own per-day arithmetic, for any stored counts."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest

from core.aggregates import stored_daily
from core.db import write_session
from core.reports import apply_aggregate_deltas
from core.risk import DEFAULT_PARAMS, DailyCount, RiskParams, compute_risk
from core.risk_service import window_summaries

AS_OF = date(2024, 11, 20)
KODES = ["81.02", "81.72", "64.01"]
FACTORS = ["kerumunan", "kampanye", "isu", "kekerasan", "lainnya"]


def _store_random_counts(engine, seed: int) -> None:
    rng = random.Random(seed)
    deltas = {}
    for _ in range(300):
        key = (
            rng.choice(KODES),
            AS_OF - timedelta(days=rng.randint(-3, 70)),  # some in the future, some beyond the window
            rng.choice(FACTORS),
            rng.randint(1, 5),
            rng.random() < 0.4,
        )
        deltas[key] = deltas.get(key, 0) + rng.randint(1, 4)
    with write_session(engine) as session:
        apply_aggregate_deltas(session, Counter(deltas))
        session.commit()


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("params", [DEFAULT_PARAMS, RiskParams(half_life_days=3.0, lookback_days=40)])
def test_database_summary_matches_daily_counts(engine, seed: int, params: RiskParams) -> None:
    _store_random_counts(engine, seed)
    with write_session(engine) as session:
        stored = stored_daily(session)
        summaries = window_summaries(session=session, kodes=KODES, as_of=AS_OF, params=params)
    for kode in KODES:
        daily = [DailyCount(d, f, s, v, n) for (k, d, f, s, v), n in stored.items() if k == kode]
        from_days = compute_risk(kabupaten_kode=kode, as_of=AS_OF, daily_counts=daily, params=params)
        from_db = compute_risk(kabupaten_kode=kode, as_of=AS_OF, summary=summaries[kode], params=params)
        assert from_db.score == pytest.approx(from_days.score, abs=1e-6)
        assert from_db.factor_points == pytest.approx(from_days.factor_points)
        assert (from_db.reports_7d, from_db.weekly_avg_prev_4w) == (
            from_days.reports_7d,
            from_days.weekly_avg_prev_4w,
        )
        assert from_db.surge == from_days.surge
