"""The database's window sums equal the engine's own per-day arithmetic, for any stored counts."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlmodel import text

from core.db import write_session
from core.reports.daily import apply_aggregate_deltas, stored_daily
from core.risk.engine import DEFAULT_PARAMS, DailyCount, RiskParams, compute_risk, factor_points_from_summary
from core.risk.service import window_summaries

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


OTHER_CLASS_WEIGHTS = RiskParams(severity_weights={1: 1, 2: 3, 3: 5, 4: 8, 5: 13}, unverified_multiplier=0.25)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(
    "params",
    [
        DEFAULT_PARAMS,  # sums the stored per-factor points
        RiskParams(half_life_days=3.0, lookback_days=40),  # stored points, other decay and window
        OTHER_CLASS_WEIGHTS,  # sums the 50 class counts
    ],
)
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


def test_default_weights_read_the_stored_points_and_other_weights_the_counts(engine) -> None:
    _store_random_counts(engine, 4)

    def isu_points() -> dict[RiskParams, list[float]]:
        with write_session(engine) as session:
            return {
                params: [
                    factor_points_from_summary(summary, params)["isu"]
                    for summary in window_summaries(
                        session=session, kodes=KODES, as_of=AS_OF, params=params
                    ).values()
                ]
                for params in (DEFAULT_PARAMS, OTHER_CLASS_WEIGHTS)
            }

    before = isu_points()
    with write_session(engine) as session:
        session.exec(text("UPDATE report_daily SET points_isu = points_isu + 100"))
        session.commit()
    after = isu_points()
    assert after[OTHER_CLASS_WEIGHTS] == pytest.approx(before[OTHER_CLASS_WEIGHTS])
    assert all(a > b + 1 for a, b in zip(after[DEFAULT_PARAMS], before[DEFAULT_PARAMS], strict=True))
