"""Points of one report and one planned event, and the map from raw points to a 0-100 score and level.

Steps 1, 2 and 4 of ``docs/risk-model.md``; pure functions of their arguments and the params.
"""

from __future__ import annotations

import math
from datetime import date

from core.risk.inputs import PlannedEventInput
from core.risk.params import DEFAULT_PARAMS, LEVELS, RiskParams

LOW, MEDIUM, HIGH = LEVELS


def score_from_points(points: float, params: RiskParams = DEFAULT_PARAMS) -> float:
    """Map raw points to an absolute 0-100 score that saturates instead of overflowing."""
    if points <= 0:
        return 0.0
    return 100.0 * (1.0 - math.exp(-points / params.saturation_points))


def level_for(score: float, params: RiskParams = DEFAULT_PARAMS) -> str:
    """IKP-style class; a score equal to a cut-off belongs to the higher class."""
    low, high = params.level_cutoffs
    if score >= high:
        return HIGH
    return MEDIUM if score >= low else LOW


def decay(age_days: int, params: RiskParams = DEFAULT_PARAMS) -> float:
    """Older reports matter less: weight halves every half_life_days."""
    return 0.5 ** (age_days / params.half_life_days)


def in_window(age_days: int, params: RiskParams = DEFAULT_PARAMS) -> bool:
    """Future days and days beyond the lookback do not count."""
    return 0 <= age_days < params.lookback_days


def report_points(
    severity: int, factor: str, verified: bool, age_days: int, params: RiskParams = DEFAULT_PARAMS
) -> float:
    """Points of one report of the given age (0 outside the window)."""
    if not in_window(age_days, params):
        return 0.0
    status_multiplier = params.verified_multiplier if verified else params.unverified_multiplier
    return (
        params.severity_weight(severity)
        * params.factor_weight(factor)
        * status_multiplier
        * decay(age_days, params)
    )


def crowd_factor(expected_crowd: int | None, params: RiskParams = DEFAULT_PARAMS) -> float:
    """Bigger crowds weigh more, log-scaled and capped; unknown crowd counts as 1."""
    if not expected_crowd or expected_crowd <= 0:
        return 1.0
    scaled = 1.0 + math.log10(1.0 + expected_crowd / params.crowd_reference)
    return min(params.crowd_factor_cap, scaled)


def nearness(days_until: int, params: RiskParams = DEFAULT_PARAMS) -> float:
    """Sooner events weigh more: 1 when ongoing, linear down to the floor at the horizon."""
    if days_until <= 0:
        return 1.0
    if days_until > params.event_horizon_days:
        return 0.0
    drop = (1.0 - params.event_nearness_at_horizon) * days_until / params.event_horizon_days
    return 1.0 - drop


def event_points(event: PlannedEventInput, as_of: date, params: RiskParams = DEFAULT_PARAMS) -> float:
    """Points of one planned event; 0 unless it overlaps [as_of, as_of + horizon]."""
    if event.ends_on < as_of:
        return 0.0
    days_until = (event.starts_on - as_of).days
    type_weight = dict(params.event_type_weights)[event.event_type]
    return type_weight * crowd_factor(event.expected_crowd, params) * nearness(days_until, params)
