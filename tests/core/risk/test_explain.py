"""Tests of the explanation: which reports and events drive a score (core/risk/explain.py)."""

from __future__ import annotations

import pytest

from core.risk.params import DEFAULT_PARAMS
from tests.core.risk.cases import candidate, count, rally, risk


@pytest.mark.parametrize("status", ["ditolak", "duplikat"])
def test_rejected_and_duplicate_candidates_contribute_nothing(status):
    counts = [count(1, "kekerasan", 4, True)]
    result = risk(counts, candidates=[candidate("r1", "terverifikasi"), candidate("r2", status)])
    assert [c.id for c in result.contributions] == ["r1"]
    assert result.contributions[0].share == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("status", "points"),
    [("baru", 5.25), ("terverifikasi", 10.5), ("ditangani", 10.5), ("selesai", 10.5)],
)
def test_candidate_points_follow_the_verified_class(status, points):
    result = risk([], candidates=[candidate("r1", status, age=0)])
    assert result.contributions[0].points == pytest.approx(points)


def test_unknown_candidate_status_is_rejected():
    with pytest.raises(ValueError, match="status"):
        risk(candidates=[candidate("r1", "diproses")])


def test_contributions_are_the_top_n_by_points_with_shares_of_the_total():
    ages = range(7)
    counts = [count(a, "kekerasan", 4, True) for a in ages]
    reports = [candidate(f"r{a}", "terverifikasi", age=a) for a in ages]
    result = risk(counts, candidates=reports, events=[rally(0, 10**5, kind="unjuk_rasa_terjadwal")])
    assert len(result.contributions) == DEFAULT_PARAMS.top_contributions
    points = [c.points for c in result.contributions]
    assert points == sorted(points, reverse=True)
    assert result.contributions[0].kind == "event"
    total = sum(result.factor_points.values()) + result.event_points
    assert [c.share for c in result.contributions] == pytest.approx([p / total for p in points])
    assert sum(c.share for c in result.contributions) < 1


def test_shares_stay_within_one_when_candidates_outweigh_the_counts():
    result = risk([], candidates=[candidate("r1", "terverifikasi"), candidate("r2", "baru")])
    assert sum(c.share for c in result.contributions) == pytest.approx(1.0)
