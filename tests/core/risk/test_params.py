"""Tests of the risk parameters: validation, hashing, and the stored-point units (core/risk/params.py)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from core.risk.params import (
    DEFAULT_PARAMS,
    FACTORS,
    POINT_UNIT,
    POINT_UNITS,
    STORED_CLASS_WEIGHTS,
    RiskParams,
    class_weights_of_units,
    point_units,
    point_units_hash,
    same_class_weights,
)


def _bumped(value):
    """A slightly different, still valid value of any RiskParams field."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value / 2 if value >= 1 else value + 0.1 if value < 0.9 else value - 0.1
    if value and isinstance(value[0], tuple):
        (key, weight), *rest = value
        return ((key, weight + 0.5), *rest)
    return (value[0] - 1, *value[1:])


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(RiskParams)])
def test_params_hash_changes_when_any_single_parameter_changes(name):
    changed = dataclasses.replace(DEFAULT_PARAMS, **{name: _bumped(getattr(DEFAULT_PARAMS, name))})
    assert changed != DEFAULT_PARAMS
    assert changed.params_hash() != DEFAULT_PARAMS.params_hash()


def test_params_hash_is_stable_and_canonical():
    first = DEFAULT_PARAMS.params_hash()
    assert first == DEFAULT_PARAMS.params_hash() == RiskParams().params_hash()
    assert len(first) == 16 and int(first, 16) >= 0
    as_dicts = RiskParams(
        severity_weights={5: 10, 4: 7, 3: 4, 2: 2, 1: 1},
        factor_weights=dict(DEFAULT_PARAMS.factor_weights),
    )
    assert as_dicts.params_hash() == first
    assert hash(as_dicts) == hash(DEFAULT_PARAMS)


def test_default_params_hash_is_pinned():
    # A failure means a default changed: update docs/risk-model.md (hash and calibration).
    assert DEFAULT_PARAMS.params_hash() == "2dcef22245b5aa4a"


def test_params_from_json_overrides_match_the_defaults():
    overrides = json.loads(
        json.dumps(
            {
                "severity_weights": dict(DEFAULT_PARAMS.severity_weights),
                "stage_multipliers": dict(DEFAULT_PARAMS.stage_multipliers),
                "level_cutoffs": [13.47, 49.33],
            }
        )
    )
    assert set(overrides["severity_weights"]) == {"1", "2", "3", "4", "5"}
    assert RiskParams(**overrides) == DEFAULT_PARAMS
    assert RiskParams(**overrides).params_hash() == DEFAULT_PARAMS.params_hash()


@pytest.mark.parametrize(
    "overrides",
    [
        {"half_life_days": 0},
        {"lookback_days": 34},
        {"saturation_points": 0},
        {"level_cutoffs": (50.0, 10.0)},
        {"level_cutoffs": (10.0,)},
        {"baseline_weight": 1.5},
        {"severity_weights": {1: 1, 2: 2, 3: 4, 4: 7}},
        {"factor_weights": {f: -1.0 for f in FACTORS}},
        {"stage_multipliers": {s: 0.0 for s, _ in DEFAULT_PARAMS.stage_multipliers}},
        {"event_nearness_at_horizon": 1.5},
        {"surge_min_reports": 0},
    ],
)
def test_invalid_params_are_rejected(overrides):
    with pytest.raises(ValueError):
        RiskParams(**overrides)


# --------------------------------------------------------------------------- stored-point units


def test_point_units_are_the_default_class_weights_in_half_points():
    # Severity weights 1, 2, 4, 7, 10; verified x 1.0, unverified x 0.5; in units of 0.5 point.
    assert POINT_UNIT == 0.5
    assert POINT_UNITS == {
        (1, False): 1,
        (1, True): 2,
        (2, False): 2,
        (2, True): 4,
        (3, False): 4,
        (3, True): 8,
        (4, False): 7,
        (4, True): 14,
        (5, False): 10,
        (5, True): 20,
    }
    assert same_class_weights(STORED_CLASS_WEIGHTS, DEFAULT_PARAMS)


def test_point_units_follow_the_params_they_are_computed_from():
    params = RiskParams(severity_weights={1: 1, 2: 3, 3: 5, 4: 8, 5: 13}, verified_multiplier=1.5)
    units = point_units(params)
    assert (units[(2, False)], units[(2, True)], units[(5, True)]) == (3, 9, 39)
    assert same_class_weights(class_weights_of_units(units), params)
    assert not same_class_weights(class_weights_of_units(units), DEFAULT_PARAMS)


def test_weights_that_are_not_whole_half_points_are_refused():
    with pytest.raises(ValueError, match="not a whole multiple"):
        point_units(RiskParams(unverified_multiplier=0.3))


def test_point_units_hash_identifies_the_units():
    assert point_units_hash(POINT_UNITS) == point_units_hash(dict(reversed(POINT_UNITS.items())))
    bumped = {**POINT_UNITS, (3, True): POINT_UNITS[(3, True)] + 1}
    assert point_units_hash(bumped) != point_units_hash(POINT_UNITS)
    assert len(point_units_hash(POINT_UNITS)) == 16
