"""The risk formula of docs/risk-model.md written out again by hand: the tests' oracle.

Nothing here calls the engine or the service; the tests compare both with this arithmetic.
Only the parameter values are read from a RiskParams.
"""

from __future__ import annotations

import math

from core.risk.params import RiskParams


def report_points(params: RiskParams, severity: int, factor: str, verified: bool, age: int) -> float:
    """Step 1: severity weight x factor weight x status multiplier x 0.5 ** (age / half-life)."""
    if age < 0 or age >= params.lookback_days:
        return 0.0
    severity_weight = dict(params.severity_weights)[severity]
    factor_weight = dict(params.factor_weights)[factor]
    status = params.verified_multiplier if verified else params.unverified_multiplier
    return severity_weight * factor_weight * status * 0.5 ** (age / params.half_life_days)


def score(raw: float, params: RiskParams) -> float:
    """Step 4: 100 x (1 - exp(-raw / saturation_points)), unrounded."""
    return 100.0 * (1.0 - math.exp(-raw / params.saturation_points))


def level(shown_score: float, params: RiskParams) -> str:
    """The IKP class of a shown score; a cut-off belongs to the higher class."""
    low, high = params.level_cutoffs
    return "tinggi" if shown_score >= high else "sedang" if shown_score >= low else "rendah"


def surge(reports_7d: int, reports_prev_4w: int, params: RiskParams) -> bool:
    """The ACLED rule: at least the minimum and at least surge_ratio x the previous weekly mean."""
    return reports_7d >= params.surge_min_reports and reports_7d >= params.surge_ratio * reports_prev_4w / 4
