"""Pure risk engine: daily report counts, planned events and election stages -> 0-100 score.

Standard library only (plus ``models.vocab``), no I/O and no clock (``as_of`` is an
argument), so the API, the dashboard and the weekly snapshot job all get identical numbers
from identical inputs. The formula is documented step by step in ``docs/risk-model.md``;
the numbers live in ``core.risk.params``, the inputs in ``core.risk.inputs``, the per-item
points in ``core.risk.points`` and the explanation in ``core.risk.explain``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from core.risk.explain import Contribution, event_contributions, explain
from core.risk.inputs import (
    DailyCount,
    DecayedCount,
    ElectionInput,
    PlannedEventInput,
    ReportCandidate,
    WindowSummary,
    check_count,
    check_decayed,
)
from core.risk.params import (
    DEFAULT_PARAMS,
    FACTORS,
    MODEL_VERSION,
    NO_STAGE_MULTIPLIER,
    ClassWeights,
    RiskParams,
    same_class_weights,
)
from core.risk.points import decay, in_window, level_for, score_from_points


@dataclass(frozen=True)
class RiskResult:
    """Everything a map, a detail page or a weekly snapshot needs about one kabupaten."""

    kabupaten_kode: str
    as_of: date
    score: float
    level: str
    factor_scores: dict[str, float]
    factor_points: dict[str, float]
    event_points: float
    event_score: float
    stage: str | None
    stage_multiplier: float
    election_name: str | None
    voting_day: date | None
    days_to_election: int | None
    surge: bool
    reports_7d: int
    weekly_avg_prev_4w: float
    baseline: float | None
    dynamic_score: float
    contributions: tuple[Contribution, ...]
    model_version: str
    params_hash: str
    raw_points: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (dates as ISO strings) for the API and snapshot rows."""
        data = dataclasses.asdict(self)
        data["as_of"] = self.as_of.isoformat()
        data["voting_day"] = self.voting_day.isoformat() if self.voting_day else None
        data["contributions"] = [
            {**dataclasses.asdict(c), "day": c.day.isoformat() if c.day else None} for c in self.contributions
        ]
        return data


# --------------------------------------------------------------------------- reports of a window


def _check_weighted_with(weights: ClassWeights | None, params: RiskParams) -> None:
    """Pre-weighted points are only valid under the severity and status weights they used."""
    if not same_class_weights(weights, params):
        raise ValueError("weighted points were summed with other severity/status weights than these params")


def summarize_window(
    daily_counts: Sequence[DailyCount], as_of: date, params: RiskParams = DEFAULT_PARAMS
) -> WindowSummary:
    """Collapse daily counts into decayed classes and surge counts (what SQL can also do)."""
    weights: dict[tuple[str, int, bool], float] = {}
    last_week = previous_four_weeks = 0
    for item in daily_counts:
        check_count(item)
        age = (as_of - item.day).days
        if in_window(age, params):
            key = (item.factor, item.severity, item.verified)
            weights[key] = weights.get(key, 0.0) + item.count * decay(age, params)
        if 0 <= age <= 6:
            last_week += item.count
        elif 7 <= age <= 34:
            previous_four_weeks += item.count
    decayed = tuple(DecayedCount(*key, weight) for key, weight in sorted(weights.items()))
    return WindowSummary(decayed, last_week, previous_four_weeks)


def factor_points_from_summary(
    summary: WindowSummary, params: RiskParams = DEFAULT_PARAMS
) -> dict[str, float]:
    """Weighted points per factor from the decayed classes (or the pre-weighted points)."""
    totals = dict.fromkeys(FACTORS, 0.0)
    if summary.weighted:
        _check_weighted_with(summary.weighted_with, params)
    for factor, points in summary.weighted:
        if factor not in FACTORS or points < 0:
            raise ValueError(f"invalid weighted points: {factor!r} {points!r}")
        totals[factor] += params.factor_weight(factor) * points
    for item in summary.decayed:
        check_decayed(item)
        status = params.verified_multiplier if item.verified else params.unverified_multiplier
        weight = params.severity_weight(item.severity) * params.factor_weight(item.factor)
        totals[item.factor] += weight * status * item.weight
    return totals


def factor_points_from_counts(
    daily_counts: Sequence[DailyCount], as_of: date, params: RiskParams = DEFAULT_PARAMS
) -> dict[str, float]:
    """Sum decayed, weighted report points per factor."""
    return factor_points_from_summary(summarize_window(daily_counts, as_of, params), params)


# --------------------------------------------------------------------------- surge, stage, baseline


def is_surge(reports_7d: int, weekly_avg_prev_4w: float, params: RiskParams = DEFAULT_PARAMS) -> bool:
    """ACLED rule: at least twice the recent weekly average, with a floor against noise."""
    enough = reports_7d >= params.surge_min_reports
    return enough and reports_7d >= params.surge_ratio * weekly_avg_prev_4w


@dataclass(frozen=True)
class ElectionContext:
    """Which election and stage apply to a day, as shown next to the score."""

    stage: str | None = None
    stage_multiplier: float = NO_STAGE_MULTIPLIER
    election_name: str | None = None
    voting_day: date | None = None
    days_to_election: int | None = None


def election_context(
    elections: Sequence[ElectionInput], as_of: date, params: RiskParams = DEFAULT_PARAMS
) -> ElectionContext:
    """Current election (a stage contains as_of), else the next upcoming one, else none."""
    active = [
        (params.stage_multiplier(window.stage), election, window.stage)
        for election in elections
        for window in election.stages
        if window.start <= as_of <= window.end
    ]
    if active:
        # Highest multiplier wins; ties go to the earlier vote, then the id, for determinism.
        multiplier, election, stage = max(active, key=lambda a: (a[0], -a[1].voting_day.toordinal(), a[1].id))
        return _context(election, as_of, stage, multiplier)
    upcoming = [e for e in elections if e.voting_day >= as_of]
    if not upcoming:
        return ElectionContext()
    nearest = min(upcoming, key=lambda e: (e.voting_day, e.id))
    return _context(nearest, as_of, None, NO_STAGE_MULTIPLIER)


def _context(election: ElectionInput, as_of: date, stage: str | None, multiplier: float) -> ElectionContext:
    """Build the context of one chosen election."""
    return ElectionContext(
        stage=stage,
        stage_multiplier=multiplier,
        election_name=election.name,
        voting_day=election.voting_day,
        days_to_election=(election.voting_day - as_of).days,
    )


def blend_with_baseline(dynamic: float, baseline: float | None, params: RiskParams) -> float:
    """Mix in a structural score (e.g. IKP) when one is given and weighted."""
    if baseline is None:
        return dynamic
    if not 0 <= baseline <= 100:
        raise ValueError(f"baseline must be within [0, 100], got {baseline}")
    weight = params.baseline_weight
    return (1.0 - weight) * dynamic + weight * baseline


# --------------------------------------------------------------------------- entry point


def compute_risk(
    *,
    kabupaten_kode: str,
    as_of: date,
    daily_counts: Sequence[DailyCount] = (),
    events: Sequence[PlannedEventInput] = (),
    elections: Sequence[ElectionInput] = (),
    params: RiskParams = DEFAULT_PARAMS,
    baseline: float | None = None,
    candidates: Sequence[ReportCandidate] = (),
    summary: WindowSummary | None = None,
) -> RiskResult:
    """Score one kabupaten on one day from its own inputs only.

    Reports come either as daily_counts or as a pre-summed summary, never both.
    """
    if summary is not None and daily_counts:
        raise ValueError("pass daily_counts or summary, not both")
    if summary is None:
        summary = summarize_window(daily_counts, as_of, params)
    points_by_factor = factor_points_from_summary(summary, params)
    event_rows = event_contributions(events, as_of, params)
    total_event_points = sum(points for points, _ in event_rows)
    context = election_context(elections, as_of, params)
    multiplier = context.stage_multiplier
    raw = (sum(points_by_factor.values()) + total_event_points) * multiplier
    dynamic = score_from_points(raw, params)
    score = round(blend_with_baseline(dynamic, baseline, params), 2)
    reports_7d, weekly_avg = summary.reports_7d, summary.reports_prev_4w / 4.0
    return RiskResult(
        kabupaten_kode=kabupaten_kode,
        as_of=as_of,
        score=score,
        level=level_for(score, params),
        factor_scores=_factor_scores(points_by_factor, multiplier, params),
        factor_points=points_by_factor,
        event_points=total_event_points,
        event_score=round(score_from_points(total_event_points * multiplier, params), 2),
        stage=context.stage,
        stage_multiplier=multiplier,
        election_name=context.election_name,
        voting_day=context.voting_day,
        days_to_election=context.days_to_election,
        surge=is_surge(reports_7d, weekly_avg, params),
        reports_7d=reports_7d,
        weekly_avg_prev_4w=weekly_avg,
        baseline=baseline,
        dynamic_score=round(dynamic, 2),
        contributions=explain(candidates, event_rows, points_by_factor, as_of, params),
        model_version=MODEL_VERSION,
        params_hash=params.params_hash(),
        raw_points=raw,
    )


def _factor_scores(
    points_by_factor: dict[str, float], multiplier: float, params: RiskParams
) -> dict[str, float]:
    """Each factor on the same absolute 0-100 scale as the total, so maps can use one."""
    return {
        factor: round(score_from_points(points * multiplier, params), 2)
        for factor, points in points_by_factor.items()
    }
