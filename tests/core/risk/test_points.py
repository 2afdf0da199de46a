"""Tests of the per-report and per-event points and the 0-100 map (core/risk/points.py)."""

from __future__ import annotations

import math

import pytest

from core.risk.params import DEFAULT_PARAMS, RiskParams
from core.risk.points import (
    crowd_factor,
    decay,
    event_points,
    level_for,
    nearness,
    report_points,
    score_from_points,
)
from tests.core.risk.cases import AS_OF, rally


@pytest.mark.parametrize(
    ("points", "expected"),
    [(0.0, 0.0), (-5.0, 0.0), (40.0, 63.2121), (40.0 * math.log(2), 50.0), (1e6, 100.0)],
)
def test_score_from_points(points, expected):
    assert score_from_points(points) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (0.0, "rendah"),
        (13.46, "rendah"),
        (13.47, "sedang"),
        (30.0, "sedang"),
        (49.32, "sedang"),
        (49.33, "tinggi"),
        (100.0, "tinggi"),
    ],
)
def test_level_cutoffs_are_inclusive_for_the_higher_class(score, level):
    assert level_for(score, DEFAULT_PARAMS) == level


def test_level_cutoffs_follow_params():
    params = RiskParams(level_cutoffs=(20.0, 60.0))
    assert [level_for(s, params) for s in (19.99, 20.0, 59.99, 60.0)] == [
        "rendah",
        "sedang",
        "sedang",
        "tinggi",
    ]


@pytest.mark.parametrize("half_life", [3.0, 7.0, 14.0])
def test_decay_halves_points_exactly_at_the_half_life(half_life):
    params = RiskParams(half_life_days=half_life)
    age = int(half_life)
    today = report_points(4, "isu", True, 0, params)
    assert report_points(4, "isu", True, age, params) == pytest.approx(today / 2, rel=1e-12)
    assert decay(2 * age, params) == pytest.approx(0.25, rel=1e-12)


@pytest.mark.parametrize(("verified", "expected"), [(True, 4.0 * 1.5), (False, 4.0 * 1.5 * 0.5)])
def test_verified_reports_count_more(verified, expected):
    assert report_points(3, "kekerasan", verified, 0) == pytest.approx(expected)


@pytest.mark.parametrize(("days_until", "expected"), [(-5, 1.0), (0, 1.0), (7, 0.2), (8, 0.0)])
def test_nearness(days_until, expected):
    assert nearness(days_until) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("crowd", "expected"),
    [(None, 1.0), (0, 1.0), (1000, 1 + math.log10(2)), (9000, 2.0), (99_000, 3.0), (10**7, 3.0)],
)
def test_crowd_factor(crowd, expected):
    assert crowd_factor(crowd) == pytest.approx(expected)


def test_event_type_weights_apply():
    demo = rally(0, None, kind="unjuk_rasa_terjadwal")
    debate = rally(0, None, kind="debat")
    assert (event_points(demo, AS_OF), event_points(debate, AS_OF)) == (4.0, 2.0)
