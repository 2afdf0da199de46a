"""Property tests of the risk engine: monotone, bounded, stateless, shares within 1."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.risk.engine import RiskResult, compute_risk, summarize_window
from core.risk.inputs import DailyCount, ElectionInput, PlannedEventInput, ReportCandidate, StageWindow
from core.risk.params import DEFAULT_PARAMS, EVENT_TYPES, FACTORS, STAGES, RiskParams
from models import vocab
from tests.core.risk import oracle

AS_OF = date(2024, 2, 1)
WINDOW_AGES = st.integers(min_value=0, max_value=DEFAULT_PARAMS.lookback_days - 1)
ANY_AGES = st.integers(min_value=-30, max_value=400)
STATUSES = vocab.values(vocab.STATUSES)


def daily_count(ages: st.SearchStrategy[int], min_count: int = 0) -> st.SearchStrategy:
    """DailyCount rows at the given ages before AS_OF."""
    return st.builds(
        DailyCount,
        day=ages.map(lambda age: AS_OF - timedelta(days=age)),
        factor=st.sampled_from(FACTORS),
        severity=st.integers(1, 5),
        verified=st.booleans(),
        count=st.integers(min_value=min_count, max_value=1000),
    )


@st.composite
def planned_event(draw) -> PlannedEventInput:
    """Any valid planned event around AS_OF."""
    start = AS_OF + timedelta(days=draw(st.integers(-10, 15)))
    return PlannedEventInput(
        id=f"e-{draw(st.integers(0, 9))}",
        title="acara",
        event_type=draw(st.sampled_from(EVENT_TYPES)),
        starts_on=start,
        ends_on=start + timedelta(days=draw(st.integers(0, 5))),
        expected_crowd=draw(st.none() | st.integers(0, 10**7)),
    )


@st.composite
def election(draw) -> ElectionInput:
    """An election with zero or one stage window near AS_OF."""
    stages = ()
    if draw(st.booleans()):
        start = AS_OF + timedelta(days=draw(st.integers(-20, 5)))
        end = start + timedelta(days=draw(st.integers(0, 30)))
        stages = (StageWindow(draw(st.sampled_from(STAGES)), start, end),)
    voting_day = AS_OF + timedelta(days=draw(st.integers(-60, 300)))
    return ElectionInput(f"el-{draw(st.integers(0, 2))}", "Pemilu", "pemilu", voting_day, stages)


@st.composite
def candidate(draw) -> ReportCandidate:
    """Any valid individual report, in or out of the window."""
    return ReportCandidate(
        id=f"r-{draw(st.integers(0, 9))}",
        title="laporan",
        category="lain",
        factor=draw(st.sampled_from(FACTORS)),
        severity=draw(st.integers(1, 5)),
        status=draw(st.sampled_from(STATUSES)),
        occurred_on=AS_OF - timedelta(days=draw(ANY_AGES)),
    )


COUNTS = st.lists(daily_count(ANY_AGES), max_size=15)
EVENTS = st.lists(planned_event(), max_size=3)
ELECTIONS = st.lists(election(), max_size=2)


def risk(kode: str, counts, events=(), elections=(), **kwargs) -> RiskResult:
    """compute_risk at AS_OF."""
    return compute_risk(
        kabupaten_kode=kode,
        as_of=AS_OF,
        daily_counts=counts,
        events=events,
        elections=elections,
        **kwargs,
    )


@given(COUNTS, daily_count(WINDOW_AGES, min_count=1), EVENTS, ELECTIONS)
def test_adding_a_report_never_lowers_any_score(counts, extra, events, elections):
    before = risk("A", counts, events, elections)
    after = risk("A", [*counts, extra], events, elections)
    assert after.score >= before.score
    assert after.raw_points > before.raw_points
    for factor in FACTORS:
        assert after.factor_scores[factor] >= before.factor_scores[factor]
    assert after.factor_points[extra.factor] > before.factor_points[extra.factor]


@given(COUNTS, EVENTS, ELECTIONS, st.none() | st.floats(0, 100), st.floats(0, 1))
def test_scores_are_always_within_0_and_100(counts, events, elections, baseline, weight):
    params = RiskParams(baseline_weight=weight)
    result = risk("A", counts, events, elections, params=params, baseline=baseline)
    scores = [result.score, result.dynamic_score, result.event_score]
    scores += list(result.factor_scores.values())
    assert all(0.0 <= s <= 100.0 for s in scores)
    assert result.level in ("rendah", "sedang", "tinggi")


@given(COUNTS, COUNTS, EVENTS, EVENTS, ELECTIONS)
def test_a_kabupaten_score_does_not_depend_on_another_computation(
    counts_a, counts_b, events_a, events_b, elections
):
    first = risk("A", counts_a, events_a, elections)
    other = risk("B", counts_b, events_b, elections)
    again = risk("A", list(counts_a), list(events_a), elections)
    assert again == first
    assert (first.kabupaten_kode, other.kabupaten_kode) == ("A", "B")
    assert first.factor_points == pytest.approx(_points_by_hand(counts_a), rel=1e-9, abs=1e-12)
    assert other.factor_points == pytest.approx(_points_by_hand(counts_b), rel=1e-9, abs=1e-12)
    assert first.score == pytest.approx(oracle.score(first.raw_points, DEFAULT_PARAMS), abs=0.005 + 1e-9)


def _points_by_hand(counts: list[DailyCount]) -> dict[str, float]:
    """Factor points of daily counts by the test's own arithmetic (no engine code)."""
    totals = dict.fromkeys(FACTORS, 0.0)
    for c in counts:
        points = oracle.report_points(DEFAULT_PARAMS, c.severity, c.factor, c.verified, (AS_OF - c.day).days)
        totals[c.factor] += c.count * points
    return totals


@given(COUNTS, EVENTS, st.lists(candidate(), max_size=8))
def test_contribution_shares_sum_to_at_most_one(counts, events, candidates):
    result = risk("A", counts, events, candidates=candidates)
    shares = [c.share for c in result.contributions]
    assert all(0.0 < s <= 1.0 + 1e-9 for s in shares)
    assert sum(shares) <= 1.0 + 1e-9
    assert len(shares) <= DEFAULT_PARAMS.top_contributions
    assert not {c.id for c in result.contributions} & _excluded_only_ids(candidates)


def _excluded_only_ids(candidates: list[ReportCandidate]) -> set[str]:
    """Ids that only ever appear on ditolak/duplikat reports."""
    excluded = {c.id for c in candidates if c.status in vocab.EXCLUDED_STATUSES}
    counted = {c.id for c in candidates if c.status not in vocab.EXCLUDED_STATUSES}
    return excluded - counted


@given(COUNTS, EVENTS, ELECTIONS)
def test_a_pre_summed_window_scores_like_its_daily_counts(counts, events, elections):
    from_counts = risk("A", counts, events, elections)
    summary = summarize_window(list(reversed(counts)), AS_OF)  # summed in another order
    from_summary = risk("A", (), events, elections, summary=summary)
    assert from_summary.score == pytest.approx(from_counts.score, abs=0.01)
    assert from_summary.factor_points == pytest.approx(from_counts.factor_points, rel=1e-9)
    assert from_summary.raw_points == pytest.approx(from_counts.raw_points, rel=1e-9)
    surge_fields = ("surge", "reports_7d", "weekly_avg_prev_4w")
    assert [getattr(from_summary, f) for f in surge_fields] == [getattr(from_counts, f) for f in surge_fields]
