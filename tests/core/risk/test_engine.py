"""Table-driven tests of the pure risk engine (core/risk/engine.py): windows, stages, surge, baseline."""

from __future__ import annotations

import ast
import dataclasses
import json
import math
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from core.risk.engine import summarize_window
from core.risk.inputs import (
    DailyCount,
    DecayedCount,
    ElectionInput,
    PlannedEventInput,
    ReportCandidate,
    StageWindow,
    WindowSummary,
)
from core.risk.params import DEFAULT_PARAMS, FACTORS, MODEL_VERSION, RiskParams
from core.risk.points import event_points
from tests.core.risk.cases import AS_OF, KAMPANYE, count, days_ago, election_in, rally, risk

# --------------------------------------------------------------------------- calibration


TRICKLE_SEV2_FIRST = [count(a, "kampanye", 2 if a % 2 == 0 else 1, True) for a in range(56)]
TRICKLE_SEV1_FIRST = [count(a, "kampanye", 1 if a % 2 == 0 else 2, True) for a in range(56)]
CALIBRATION = [
    # (case, counts, elections, expected score, allowed levels)
    ("a: nothing", [], (), 0.0, {"rendah"}),
    (
        "b: 4 unverified sev-5 violent, ages 0,1,2,2, kampanye",
        [count(a, "kekerasan", 5, False) for a in (0, 1, 2, 2)],
        KAMPANYE,
        57.87,
        {"tinggi"},
    ),
    (
        "b: 4 unverified sev-5 violent all 2 days ago, kampanye",
        [count(2, "kekerasan", 5, False, 4)],
        KAMPANYE,
        55.06,
        {"tinggi"},
    ),
    (
        "b: 3 verified sev-5 violent all 2 days ago, kampanye",
        [count(2, "kekerasan", 5, True, 3)],
        KAMPANYE,
        69.87,
        {"tinggi"},
    ),
    ("c: trickle 1/day sev 2,1,2.. 8 weeks", TRICKLE_SEV2_FIRST, KAMPANYE, 34.22, {"sedang"}),
    ("c: trickle 1/day sev 1,2,1.. 8 weeks", TRICKLE_SEV1_FIRST, KAMPANYE, 33.32, {"sedang"}),
    (
        "c: trickle 2/day sev 1 8 weeks",
        [count(a, "kampanye", 1, True, 2) for a in range(56)],
        KAMPANYE,
        42.27,
        {"sedang"},
    ),
    ("d: one verified sev-3 isu yesterday", [count(1, "isu", 3, True)], (), 8.66, {"rendah"}),
    (
        "d: one verified sev-3 violent yesterday, pemungutan",
        [count(1, "kekerasan", 3, True)],
        (election_in("pemungutan"),),
        18.44,
        {"sedang"},
    ),
]


@pytest.mark.parametrize(("case", "counts", "elections", "expected", "levels"), CALIBRATION)
def test_calibration_cases(case, counts, elections, expected, levels):
    result = risk(counts, elections=elections)
    assert result.score == pytest.approx(expected, abs=0.01), case
    assert result.level in levels, case


@pytest.mark.parametrize("stage", ["kampanye", "masa_tenang", "pemungutan", "rekapitulasi"])
@pytest.mark.parametrize("per_day", [1, 2])
def test_minor_trickle_never_reaches_tinggi_in_any_stage(stage, per_day):
    counts = [count(a, "kampanye", 1 + a % 2, True, per_day) for a in range(56)]
    counts = counts if per_day == 1 else [dataclasses.replace(c, severity=1) for c in counts]
    assert risk(counts, elections=(election_in(stage),)).level != "tinggi"


@pytest.mark.parametrize("factor", FACTORS)
@pytest.mark.parametrize("stage", [None, "kampanye", "pemungutan"])
def test_single_moderate_report_is_visible_but_not_tinggi(factor, stage):
    result = risk([count(1, factor, 3, True)], elections=(election_in(stage),))
    assert result.score > 0
    assert result.level != "tinggi"


# --------------------------------------------------------------------------- worked example


WORKED_COUNTS = [count(7, "kekerasan", 4, True), count(0, "isu", 3, False)]
# By hand: (5.25 + 2.0 + 3 * 2.0 * (1 - 0.8 * 2 / 7)) * 1.3 = 15.4421 raw points.
WORKED_DYNAMIC = 100 * (1 - math.exp(-(5.25 + 2.0 + 3 * 2.0 * (1 - 0.8 * 2 / 7)) * 1.3 / 40))
WORKED_RALLY = PlannedEventInput(
    "ev-1", "Rapat umum paslon 02", "rapat_umum", AS_OF + timedelta(2), AS_OF + timedelta(2), 9000
)


def test_worked_example_matches_the_hand_arithmetic_in_the_docs():
    result = risk(WORKED_COUNTS, events=[WORKED_RALLY], elections=KAMPANYE)
    assert result.factor_points["kekerasan"] == pytest.approx(5.25, abs=1e-9)
    assert result.factor_points["isu"] == pytest.approx(2.0, abs=1e-9)
    assert result.event_points == pytest.approx(4.6286, abs=1e-4)
    assert result.raw_points == pytest.approx(15.4421, abs=1e-4)
    assert result.score == pytest.approx(32.03, abs=0.01)
    assert result.level == "sedang"
    assert result.factor_scores["kekerasan"] == pytest.approx(15.69, abs=0.01)
    assert result.event_score == pytest.approx(13.97, abs=0.01)
    assert result.dynamic_score == pytest.approx(WORKED_DYNAMIC, abs=0.01)


def test_worked_example_contributions_ignore_the_duplicate():
    result = risk(
        WORKED_COUNTS,
        events=[WORKED_RALLY],
        elections=KAMPANYE,
        candidates=[
            ReportCandidate("r1", "Bentrok", "bentrok", "kekerasan", 4, "terverifikasi", days_ago(7)),
            ReportCandidate("r2", "Hoaks", "hoaks", "isu", 3, "baru", AS_OF),
            ReportCandidate("r3", "Bentrok (dup)", "bentrok", "kekerasan", 4, "duplikat", AS_OF),
        ],
    )
    got = [(c.id, round(c.points, 4), round(c.share, 4)) for c in result.contributions]
    assert got == [("r1", 5.25, 0.442), ("ev-1", 4.6286, 0.3897), ("r2", 2.0, 0.1684)]


# --------------------------------------------------------------------------- pre-summed windows


WORKED_SUMMARY = WindowSummary(
    decayed=(DecayedCount("isu", 3, False, 1.0), DecayedCount("kekerasan", 4, True, 0.5)),
    reports_7d=1,
    reports_prev_4w=1,
)


def test_summarize_window_gives_decayed_classes_and_surge_counts():
    extra = [count(60, "isu", 3, False, 9), count(-2, "isu", 3, False, 9)]  # outside: ignored
    assert summarize_window([*WORKED_COUNTS, *extra], AS_OF) == WORKED_SUMMARY


def test_a_summary_summed_elsewhere_scores_like_the_daily_counts():
    from_counts = risk(WORKED_COUNTS, events=[WORKED_RALLY], elections=KAMPANYE)
    from_summary = risk(summary=WORKED_SUMMARY, events=[WORKED_RALLY], elections=KAMPANYE)
    assert from_summary == from_counts
    assert (from_summary.reports_7d, from_summary.weekly_avg_prev_4w) == (1, 0.25)


def test_daily_counts_and_summary_together_are_rejected():
    with pytest.raises(ValueError, match="not both"):
        risk(WORKED_COUNTS, summary=WORKED_SUMMARY)


# The worked window already weighted by severity and status (isu 4 x 0.5, kekerasan 7 x 1.0 x 0.5).
WORKED_WEIGHTED = WindowSummary(
    decayed=(),
    reports_7d=1,
    reports_prev_4w=1,
    weighted=(("isu", 2.0), ("kekerasan", 3.5)),
    weighted_with=DEFAULT_PARAMS.class_weights(),
)


def test_a_pre_weighted_summary_scores_like_the_decayed_classes():
    from_classes = risk(summary=WORKED_SUMMARY, events=[WORKED_RALLY], elections=KAMPANYE)
    from_weighted = risk(summary=WORKED_WEIGHTED, events=[WORKED_RALLY], elections=KAMPANYE)
    assert from_weighted.factor_points == pytest.approx(from_classes.factor_points)
    assert from_weighted.score == from_classes.score == round(WORKED_DYNAMIC, 2)


def test_pre_weighted_points_follow_the_factor_weights():
    params = RiskParams(factor_weights={**dict(DEFAULT_PARAMS.factor_weights), "kekerasan": 3.0})
    result = risk(summary=WORKED_WEIGHTED, params=params)
    assert result.factor_points["kekerasan"] == pytest.approx(3.5 * 3.0)


@pytest.mark.parametrize(
    "params",
    [
        RiskParams(severity_weights={1: 1, 2: 2, 3: 5, 4: 7, 5: 10}),
        RiskParams(unverified_multiplier=0.25),
    ],
)
def test_pre_weighted_points_under_other_class_weights_are_rejected(params):
    with pytest.raises(ValueError, match="other severity/status weights"):
        risk(summary=WORKED_WEIGHTED, params=params)


@pytest.mark.parametrize("weighted", [(("banjir", 1.0),), (("isu", -0.5),)])
def test_invalid_pre_weighted_points_are_rejected(weighted):
    summary = dataclasses.replace(WORKED_WEIGHTED, weighted=weighted)
    with pytest.raises(ValueError, match="invalid weighted points"):
        risk(summary=summary)


@pytest.mark.parametrize("bad", [DecayedCount("banjir", 3, True, 1.0), DecayedCount("isu", 3, True, -0.1)])
def test_invalid_decayed_counts_are_rejected(bad):
    with pytest.raises(ValueError):
        risk(summary=WindowSummary((bad,), 0, 0))


# --------------------------------------------------------------------------- rounding and level


def test_level_uses_the_rounded_score_that_is_displayed():
    raw = -40.0 * math.log(1 - 0.493299)  # dynamic score 49.3299 rounds to 49.33
    result = risk([count(0, "kekerasan", 1, True, 1)], params=_params_reaching_points(raw))
    assert (result.score, result.level) == (49.33, "tinggi")


def _params_reaching_points(points: float) -> RiskParams:
    """Params where one verified sev-1 violent report today is worth exactly `points`."""
    return RiskParams(
        severity_weights={1: points, 2: 2, 3: 4, 4: 7, 5: 10},
        factor_weights={f: 1.0 for f in FACTORS},
    )


# --------------------------------------------------------------------------- reports


@pytest.mark.parametrize("factor", FACTORS)
def test_a_report_raises_its_own_factor_and_the_total(factor):
    base = [count(3, "isu", 2, True), count(10, "kekerasan", 4, False)]
    before = risk(base, elections=KAMPANYE)
    after = risk([*base, count(1, factor, 3, True)], elections=KAMPANYE)
    assert after.factor_scores[factor] > before.factor_scores[factor]
    assert after.score > before.score
    others = [f for f in FACTORS if f != factor]
    assert [after.factor_scores[f] for f in others] == [before.factor_scores[f] for f in others]


def test_decay_halves_factor_points_in_compute_risk():
    fresh = risk([count(0, "isu", 4, True)]).factor_points["isu"]
    week_old = risk([count(7, "isu", 4, True)]).factor_points["isu"]
    assert week_old == pytest.approx(fresh / 2, rel=1e-12)


@pytest.mark.parametrize(
    ("age", "counted"), [(-1, False), (0, True), (34, True), (55, True), (56, False), (400, False)]
)
def test_only_days_inside_the_lookback_count(age, counted):
    points = risk([count(age, "isu", 3, True)]).factor_points["isu"]
    assert (points > 0) is counted


@pytest.mark.parametrize(
    "bad",
    [
        DailyCount(AS_OF, "banjir", 3, True, 1),
        DailyCount(AS_OF, "isu", 6, True, 1),
        DailyCount(AS_OF, "isu", 0, True, 1),
        DailyCount(AS_OF, "isu", 3, True, -1),
    ],
)
def test_invalid_counts_are_rejected(bad):
    with pytest.raises(ValueError):
        risk([bad])


# --------------------------------------------------------------------------- stages & elections


@pytest.mark.parametrize(
    ("stage", "multiplier"),
    [
        (None, 1.0),
        ("pendaftaran", 1.1),
        ("penetapan", 1.1),
        ("kampanye", 1.3),
        ("masa_tenang", 1.4),
        ("pemungutan", 1.5),
        ("rekapitulasi", 1.4),
    ],
)
def test_stage_multipliers(stage, multiplier):
    counts = [count(1, "isu", 3, True)]
    result = risk(counts, elections=(election_in(stage),))
    plain = risk(counts)
    assert (result.stage, result.stage_multiplier) == (stage, multiplier)
    assert result.raw_points == pytest.approx(plain.raw_points * multiplier)


def test_masa_tenang_weighs_more_than_no_stage():
    counts = [count(1, "isu", 3, True)]
    assert risk(counts, elections=(election_in("masa_tenang"),)).score > risk(counts).score


def test_no_election_means_multiplier_one_and_no_stage():
    result = risk([count(1, "isu", 3, True)])
    assert (result.stage, result.stage_multiplier, result.election_name) == (None, 1.0, None)
    assert (result.voting_day, result.days_to_election) == (None, None)


def _pemilu(voting_day: date) -> ElectionInput:
    """Pemilu with masa tenang H-3..H-1, pemungutan on H and rekapitulasi H+1..H+35."""
    return ElectionInput(
        "pemilu-2024",
        "Pemilu 2024",
        "pemilu",
        voting_day,
        (
            StageWindow("kampanye", voting_day - timedelta(78), voting_day - timedelta(4)),
            StageWindow("masa_tenang", voting_day - timedelta(3), voting_day - timedelta(1)),
            StageWindow("pemungutan", voting_day, voting_day),
            StageWindow("rekapitulasi", voting_day + timedelta(1), voting_day + timedelta(35)),
        ),
    )


@pytest.mark.parametrize(
    ("offset", "stage", "days_to_election"),
    [
        (-7, "kampanye", 7),
        (-3, "masa_tenang", 3),
        (0, "pemungutan", 0),
        (3, "rekapitulasi", -3),
        (-100, None, 100),
        (40, None, None),
    ],
)
def test_days_to_election_and_stage_around_the_vote(offset, stage, days_to_election):
    voting_day = AS_OF - timedelta(offset)
    result = risk([], elections=(_pemilu(voting_day),))
    assert (result.stage, result.days_to_election) == (stage, days_to_election)
    assert result.election_name == (None if days_to_election is None else "Pemilu 2024")


def test_two_elections_the_one_in_its_most_sensitive_stage_is_current():
    pilkada = ElectionInput(
        "pilkada-2024",
        "Pilkada 2024",
        "pilkada",
        date(2024, 11, 27),
        (StageWindow("pendaftaran", AS_OF - timedelta(5), AS_OF + timedelta(5)),),
    )
    pemilu = _pemilu(AS_OF - timedelta(3))  # H+3: rekapitulasi
    for elections in ((pilkada, pemilu), (pemilu, pilkada)):
        result = risk([], elections=elections)
        assert (result.election_name, result.stage) == ("Pemilu 2024", "rekapitulasi")
        assert (result.days_to_election, result.stage_multiplier) == (-3, 1.4)


def test_two_elections_without_active_stage_pick_the_next_vote():
    later = dataclasses.replace(_pemilu(AS_OF + timedelta(200)), name="Later", stages=())
    sooner = dataclasses.replace(_pemilu(AS_OF + timedelta(100)), name="Sooner", stages=())
    past = dataclasses.replace(_pemilu(AS_OF - timedelta(100)), name="Past", stages=())
    result = risk([], elections=(later, past, sooner))
    assert (result.election_name, result.days_to_election, result.stage) == ("Sooner", 100, None)


def test_an_active_stage_beats_a_sooner_upcoming_vote():
    active = election_in("pendaftaran", voting_in_days=300, name="Pilkada")
    upcoming = election_in(None, voting_in_days=10, name="PSU")
    result = risk([], elections=(upcoming, active))
    assert (result.election_name, result.days_to_election) == ("Pilkada", 300)


# --------------------------------------------------------------------------- events


@pytest.mark.parametrize(
    ("start_offset", "length", "expected_nearness"),
    [
        (-1, 2, 1.0),  # ongoing: started yesterday, ends tomorrow
        (0, 0, 1.0),  # today
        (2, 0, 1 - 0.8 * 2 / 7),
        (7, 0, 0.2),  # at the horizon
        (8, 0, 0.0),  # beyond the horizon
        (-3, 1, 0.0),  # ended yesterday
    ],
)
def test_events_count_only_inside_the_horizon(start_offset, length, expected_nearness):
    event = rally(start_offset, crowd=None, length=length)
    assert event_points(event, AS_OF) == pytest.approx(3.0 * expected_nearness)
    result = risk([], events=[event])
    assert result.event_points == pytest.approx(3.0 * expected_nearness)
    assert (len(result.contributions) == 1) is (expected_nearness > 0)


def test_a_bigger_crowd_never_counts_less():
    crowds = [None, 0, 1, 50, 500, 1000, 5000, 20_000, 99_000, 100_000, 10**6, 10**9]
    scores = [risk([], events=[rally(1, c)]).event_points for c in crowds]
    assert scores == sorted(scores)
    assert scores[-1] > scores[0]


@pytest.mark.parametrize(
    "bad",
    [rally(0, -1), rally(0, 10, kind="konser"), dataclasses.replace(rally(2), ends_on=AS_OF)],
)
def test_invalid_events_are_rejected(bad):
    with pytest.raises(ValueError):
        risk([], events=[bad])


# --------------------------------------------------------------------------- surge


def weekly_history(prev_weeks: tuple[int, int, int, int], last_week: int) -> list[DailyCount]:
    """Counts: prev_weeks[0] is the week just before the last 7 days."""
    rows = [count(7 * (i + 1), "isu", 2, False, n) for i, n in enumerate(prev_weeks) if n]
    return rows + ([count(0, "isu", 2, False, last_week)] if last_week else [])


@pytest.mark.parametrize(
    ("prev_weeks", "last_week", "avg", "surge"),
    [
        ((0, 0, 0, 0), 0, 0.0, False),
        ((0, 0, 0, 0), 1, 0.0, False),  # 0 -> 1: below the minimum
        ((1, 1, 1, 1), 2, 1.0, False),  # 1 -> 2: doubled but below the minimum
        ((0, 0, 0, 0), 3, 0.0, True),  # 0 -> 3: new activity at the minimum
        ((2, 2, 2, 2), 6, 2.0, True),  # 2 -> 6
        ((4, 0, 2, 2), 4, 2.0, True),  # 2 -> 4: exactly twice is a surge
        ((2, 2, 2, 2), 3, 2.0, False),  # 2 -> 3
        ((3, 3, 3, 3), 5, 3.0, False),  # 3 -> 5: below twice
        ((10, 10, 10, 10), 25, 10.0, True),
    ],
)
def test_surge_rule(prev_weeks, last_week, avg, surge):
    result = risk(weekly_history(prev_weeks, last_week))
    assert (result.reports_7d, result.weekly_avg_prev_4w, result.surge) == (last_week, avg, surge)


def test_surge_window_edges():
    counts = [
        count(-1, "isu", 1, True, 50),  # future: ignored
        count(6, "isu", 1, True, 3),  # last 7 days
        count(7, "isu", 1, True, 4),  # previous 4 weeks
        count(34, "isu", 1, True, 4),  # previous 4 weeks
        count(35, "isu", 1, True, 40),  # too old for the surge rule
    ]
    result = risk(counts)
    assert (result.reports_7d, result.weekly_avg_prev_4w, result.surge) == (3, 2.0, False)


# --------------------------------------------------------------------------- version stamp


def test_result_carries_model_version_and_params_hash():
    params = RiskParams(half_life_days=10.0)
    result = risk([], params=params)
    assert (result.model_version, result.params_hash) == (MODEL_VERSION, params.params_hash())


# --------------------------------------------------------------------------- baseline


@pytest.mark.parametrize(
    ("weight", "baseline", "expected"),
    [
        (0.0, 90.0, WORKED_DYNAMIC),  # weight 0 ignores the baseline
        (0.5, None, WORKED_DYNAMIC),  # no baseline: dynamic only
        (0.5, 80.0, (WORKED_DYNAMIC + 80.0) / 2),
        (0.25, 0.0, WORKED_DYNAMIC * 0.75),
        (1.0, 12.5, 12.5),
    ],
)
def test_baseline_blending(weight, baseline, expected):
    params = RiskParams(baseline_weight=weight)
    result = risk(WORKED_COUNTS, events=[WORKED_RALLY], elections=KAMPANYE, params=params, baseline=baseline)
    assert result.score == pytest.approx(expected, abs=0.01)
    assert result.dynamic_score == pytest.approx(WORKED_DYNAMIC, abs=0.01)
    assert result.baseline == baseline


@pytest.mark.parametrize("baseline", [-1.0, 100.5])
def test_baseline_out_of_range_is_rejected(baseline):
    with pytest.raises(ValueError):
        risk([], baseline=baseline)


def test_result_serialises_to_json():
    result = risk(WORKED_COUNTS, events=[WORKED_RALLY], elections=KAMPANYE)
    data = json.loads(json.dumps(result.as_dict()))
    assert data["as_of"] == "2024-02-01"
    assert data["level"] == "sedang"
    assert data["voting_day"] == "2024-02-14"
    assert [(c["id"], c["day"]) for c in data["contributions"]] == [
        ("ev-1", WORKED_RALLY.starts_on.isoformat())
    ]


# --------------------------------------------------------------------------- purity

PURE_MODULES = ("engine", "params", "inputs", "points", "explain")


@pytest.mark.parametrize("name", PURE_MODULES)
def test_the_engine_imports_only_the_standard_library_and_the_vocabulary(name):
    source = (Path(__file__).parents[3] / "core" / "risk" / f"{name}.py").read_text(encoding="utf-8")
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported |= {f"{node.module}.{alias.name}" for alias in node.names}
    ours = {f"core.risk.{module}" for module in PURE_MODULES} | {"models.vocab"}
    foreign = {
        module
        for module in imported
        if module.split(".")[0] not in sys.stdlib_module_names
        and not any(module == own or module.startswith(f"{own}.") for own in ours)
    }
    assert foreign == set()
