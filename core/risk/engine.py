"""Pure risk engine: daily report counts, planned events and election stages -> 0-100 score.

Standard library only, no I/O and no clock (``as_of`` is an argument), so the API, the
dashboard and the weekly snapshot job all get identical numbers from identical inputs.
The formula is documented step by step in ``docs/risk-model.md``.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

MODEL_VERSION = "1.0.0"

FACTORS: tuple[str, ...] = ("kerumunan", "kampanye", "isu", "kekerasan", "lainnya")
SEVERITIES: tuple[int, ...] = (1, 2, 3, 4, 5)
EVENT_TYPES: tuple[str, ...] = (
    "rapat_umum",
    "debat",
    "pendaftaran_calon",
    "rapat_pleno_rekapitulasi",
    "unjuk_rasa_terjadwal",
    "lainnya",
)
STAGES: tuple[str, ...] = (
    "pendaftaran",
    "penetapan",
    "kampanye",
    "masa_tenang",
    "pemungutan",
    "rekapitulasi",
)
LEVELS: tuple[str, str, str] = ("rendah", "sedang", "tinggi")
VERIFIED_STATUSES = frozenset({"terverifikasi", "ditangani", "selesai"})
UNVERIFIED_STATUSES = frozenset({"baru"})
EXCLUDED_STATUSES = frozenset({"ditolak", "duplikat"})
NO_STAGE_MULTIPLIER = 1.0

Pairs = tuple[tuple[Any, float], ...]
# Weight of one report per (severity, verified) class: severity weight x status multiplier.
ClassWeights = tuple[tuple[tuple[int, bool], float], ...]


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class DailyCount:
    """Reports of one kabupaten on one local day per factor/severity/verified class."""

    day: date
    factor: str
    severity: int
    verified: bool
    count: int


@dataclass(frozen=True)
class DecayedCount:
    """One factor/severity/verified class of a window, its counts already decay-weighted.

    weight = sum over the window's days of count * decay(as_of - day), so a caller can
    sum many kabupaten in one SQL query; the engine adds the parameter-dependent weights.
    """

    factor: str
    severity: int
    verified: bool
    weight: float


@dataclass(frozen=True)
class WindowSummary:
    """All the engine needs of a kabupaten's reports: decayed classes and surge counts.

    Reports come as decayed classes, or (cheaper to sum in SQL) already weighted by
    severity and status: decayed points per factor plus the class weights used, which
    must be the params' own.
    """

    decayed: tuple[DecayedCount, ...]
    reports_7d: int  # reports on as_of-6 .. as_of
    reports_prev_4w: int  # reports on as_of-34 .. as_of-7
    weighted: tuple[tuple[str, float], ...] = ()
    weighted_with: ClassWeights | None = None


@dataclass(frozen=True)
class PlannedEventInput:
    """A scheduled gathering that can raise risk before anything has happened."""

    id: str
    title: str
    event_type: str
    starts_on: date
    ends_on: date
    expected_crowd: int | None


@dataclass(frozen=True)
class StageWindow:
    """One stage (tahapan) of an election, inclusive on both ends."""

    stage: str
    start: date
    end: date


@dataclass(frozen=True)
class ElectionInput:
    """An election the kabupaten takes part in, with its stage calendar."""

    id: str
    name: str
    kind: str
    voting_day: date
    stages: tuple[StageWindow, ...]


@dataclass(frozen=True)
class ReportCandidate:
    """One individual report, passed only to explain which reports drive the score."""

    id: str
    title: str
    category: str
    factor: str
    severity: int
    status: str
    occurred_on: date


# --------------------------------------------------------------------------- parameters


def _as_pairs(value: Mapping[Any, float] | Iterable[tuple[Any, float]], key_type: type = str) -> Pairs:
    """Freeze a mapping (or JSON object) into sorted (key, float) pairs so params stay hashable."""
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((key_type(key), float(weight)) for key, weight in items))


@dataclass(frozen=True)
class RiskParams:
    """Every tunable number of the model; defaults are the calibrated values (see docs)."""

    # Points per report by severity 1-5; roughly "one severity-5 = ten severity-1".
    severity_weights: Pairs = ((1, 1.0), (2, 2.0), (3, 4.0), (4, 7.0), (5, 10.0))
    # Per factor: violence counts most, campaign violations (mostly administrative) less.
    factor_weights: Pairs = (
        ("isu", 1.0),
        ("kampanye", 0.8),
        ("kekerasan", 1.5),
        ("kerumunan", 1.0),
        ("lainnya", 0.5),
    )
    # Verified reports (terverifikasi/ditangani/selesai) count fully, unverified (baru) half.
    verified_multiplier: float = 1.0
    unverified_multiplier: float = 0.5
    # A report's weight halves every 7 days.
    half_life_days: float = 7.0
    # Days counted including as_of (ages 0..55); >= 35 so the surge rule has 5 weeks of data.
    lookback_days: int = 56
    # Planned events starting within 7 days (or ongoing) count.
    event_horizon_days: int = 7
    # Points per planned event type before crowd and nearness.
    event_type_weights: Pairs = (
        ("debat", 2.0),
        ("lainnya", 1.0),
        ("pendaftaran_calon", 2.0),
        ("rapat_pleno_rekapitulasi", 3.0),
        ("rapat_umum", 3.0),
        ("unjuk_rasa_terjadwal", 4.0),
    )
    # Crowd factor = min(cap, 1 + log10(1 + crowd / reference)); unknown crowd -> 1.
    crowd_reference: float = 1000.0
    crowd_factor_cap: float = 3.0
    # Nearness falls linearly from 1 (ongoing / today) to this value at the horizon.
    event_nearness_at_horizon: float = 0.2
    # Multiplier of the active election stage; 1.0 when no stage is active.
    stage_multipliers: Pairs = (
        ("kampanye", 1.3),
        ("masa_tenang", 1.4),
        ("pemungutan", 1.5),
        ("penetapan", 1.1),
        ("pendaftaran", 1.1),
        ("rekapitulasi", 1.4),
    )
    # Score = 100 * (1 - exp(-raw / 40)): 40 raw points -> 63.2.
    saturation_points: float = 40.0
    # IKP 2024 kab/kota cut-offs: sedang from 13.47, tinggi from 49.33 (both inclusive).
    level_cutoffs: tuple[float, float] = (13.47, 49.33)
    # ACLED-style surge: last 7 days >= 2x the weekly average of the 4 weeks before ...
    surge_ratio: float = 2.0
    # ... and at least 3 reports, so 0 -> 1 or 1 -> 2 is not a surge.
    surge_min_reports: int = 3
    # Weight of the structural baseline (e.g. IKP); 0 ignores it.
    baseline_weight: float = 0.0
    # How many contributions explain a result.
    top_contributions: int = 5

    def __post_init__(self) -> None:
        """Normalise mappings to pairs and reject values that would break the formula."""
        object.__setattr__(self, "severity_weights", _as_pairs(self.severity_weights, int))
        for name in ("factor_weights", "event_type_weights", "stage_multipliers"):
            object.__setattr__(self, name, _as_pairs(getattr(self, name)))
        object.__setattr__(self, "level_cutoffs", tuple(float(c) for c in self.level_cutoffs))
        self._validate()

    def _validate(self) -> None:
        """Fail at construction, not deep inside a nightly job."""
        _require_keys("severity_weights", self.severity_weights, SEVERITIES)
        _require_keys("factor_weights", self.factor_weights, FACTORS)
        _require_keys("event_type_weights", self.event_type_weights, EVENT_TYPES)
        _require_keys("stage_multipliers", self.stage_multipliers, STAGES)
        weights = [*self.severity_weights, *self.factor_weights, *self.event_type_weights]
        if any(weight < 0 for _, weight in weights):
            raise ValueError("weights must be >= 0 (adding a report must never lower a score)")
        if any(multiplier <= 0 for _, multiplier in self.stage_multipliers):
            raise ValueError("stage multipliers must be > 0")
        _require(self.verified_multiplier >= 0 and self.unverified_multiplier >= 0, "multipliers")
        _require(self.half_life_days > 0, "half_life_days must be > 0")
        _require(self.lookback_days >= 35, "lookback_days must be >= 35 for the surge rule")
        _require(self.event_horizon_days >= 0, "event_horizon_days must be >= 0")
        _require(self.crowd_reference > 0 and self.crowd_factor_cap >= 1, "crowd scaling")
        _require(0 <= self.event_nearness_at_horizon <= 1, "event_nearness_at_horizon in [0, 1]")
        _require(self.saturation_points > 0, "saturation_points must be > 0")
        low, high = self.level_cutoffs if len(self.level_cutoffs) == 2 else (-1.0, -1.0)
        _require(0 < low < high <= 100, "level_cutoffs must be two values 0 < low < high <= 100")
        _require(self.surge_ratio > 0 and self.surge_min_reports >= 1, "surge rule")
        _require(0 <= self.baseline_weight <= 1, "baseline_weight must be in [0, 1]")
        _require(self.top_contributions >= 0, "top_contributions must be >= 0")

    def params_hash(self) -> str:
        """Identify the exact parameter set a stored score was computed with."""
        return _params_hash(self)

    @functools.cached_property
    def _severity_lookup(self) -> dict[int, float]:
        return dict(self.severity_weights)

    @functools.cached_property
    def _factor_lookup(self) -> dict[str, float]:
        return dict(self.factor_weights)

    def severity_weight(self, severity: int) -> float:
        """Look up one severity weight."""
        return self._severity_lookup[severity]

    def factor_weight(self, factor: str) -> float:
        """Look up one factor weight."""
        return self._factor_lookup[factor]

    def class_weights(self) -> ClassWeights:
        """Weight of one report per (severity, verified): what pre-weighted points must match."""
        multipliers = ((False, self.unverified_multiplier), (True, self.verified_multiplier))
        return tuple(
            ((severity, verified), weight * multiplier)
            for severity, weight in self.severity_weights
            for verified, multiplier in multipliers
        )

    def stage_multiplier(self, stage: str | None) -> float:
        """Look up one stage multiplier; no stage means 1.0."""
        return NO_STAGE_MULTIPLIER if stage is None else dict(self.stage_multipliers)[stage]


@functools.lru_cache(maxsize=64)
def _params_hash(params: RiskParams) -> str:
    """Hashed once per parameter set: it is stamped on every one of 514 results per call."""
    canonical = {f.name: _canonical(getattr(params, f.name)) for f in dataclasses.fields(params)}
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _require(condition: bool, message: str) -> None:
    """Raise ValueError with the message unless the condition holds."""
    if not condition:
        raise ValueError(f"invalid RiskParams: {message}")


def _require_keys(name: str, pairs: Pairs, expected: Iterable[Any]) -> None:
    """Every factor/severity/type must have exactly one weight."""
    if sorted(key for key, _ in pairs) != sorted(expected):
        raise ValueError(f"invalid RiskParams: {name} must have keys {sorted(expected)}")


def _canonical(value: Any) -> Any:
    """JSON-stable form: numbers as floats so 7 and 7.0 hash alike, tuples as lists."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, tuple | list):
        return [_canonical(item) for item in value]
    return value


DEFAULT_PARAMS = RiskParams()


# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True)
class Contribution:
    """One report or event and its share of the raw points, to explain a score."""

    kind: str  # "report" | "event"
    id: str
    title: str
    factor_or_type: str
    points: float
    share: float


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
        data["contributions"] = [dataclasses.asdict(c) for c in self.contributions]
        return data


# --------------------------------------------------------------------------- pure functions


def score_from_points(points: float, params: RiskParams = DEFAULT_PARAMS) -> float:
    """Map raw points to an absolute 0-100 score that saturates instead of overflowing."""
    if points <= 0:
        return 0.0
    return 100.0 * (1.0 - math.exp(-points / params.saturation_points))


def level_for(score: float, params: RiskParams = DEFAULT_PARAMS) -> str:
    """IKP-style class; a score equal to a cut-off belongs to the higher class."""
    low, high = params.level_cutoffs
    if score >= high:
        return "tinggi"
    return "sedang" if score >= low else "rendah"


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


# --------------------------------------------------------------------------- validation


def _check_count(item: DailyCount) -> None:
    """Reject counts the formula cannot weigh."""
    if item.factor not in FACTORS or item.severity not in SEVERITIES or item.count < 0:
        raise ValueError(f"invalid DailyCount: {item!r}")


def _check_decayed(item: DecayedCount) -> None:
    """Reject pre-summed classes the formula cannot weigh."""
    if item.factor not in FACTORS or item.severity not in SEVERITIES or item.weight < 0:
        raise ValueError(f"invalid DecayedCount: {item!r}")


def same_class_weights(weights: ClassWeights | None, params: RiskParams) -> bool:
    """Whether points weighted with `weights` mean the same under these params."""
    expected = dict(params.class_weights())
    given = dict(weights or ())
    return given.keys() == expected.keys() and all(
        math.isclose(given[key], weight, rel_tol=1e-12) for key, weight in expected.items()
    )


def _check_weighted_with(weights: ClassWeights | None, params: RiskParams) -> None:
    """Pre-weighted points are only valid under the severity and status weights they used."""
    if not same_class_weights(weights, params):
        raise ValueError("weighted points were summed with other severity/status weights than these params")


def _check_event(event: PlannedEventInput) -> None:
    """Reject events the formula cannot weigh."""
    crowd_ok = event.expected_crowd is None or event.expected_crowd >= 0
    if event.event_type not in EVENT_TYPES or event.ends_on < event.starts_on or not crowd_ok:
        raise ValueError(f"invalid PlannedEventInput: {event!r}")


def _check_candidate(candidate: ReportCandidate) -> None:
    """Reject candidate reports the formula cannot weigh."""
    if candidate.factor not in FACTORS or candidate.severity not in SEVERITIES:
        raise ValueError(f"invalid ReportCandidate: {candidate!r}")


def _candidate_is_verified(candidate: ReportCandidate) -> bool | None:
    """Verified flag from the status; None for ditolak/duplikat (they never count)."""
    if candidate.status in EXCLUDED_STATUSES:
        return None
    if candidate.status in VERIFIED_STATUSES:
        return True
    if candidate.status in UNVERIFIED_STATUSES:
        return False
    raise ValueError(f"unknown report status {candidate.status!r} for report {candidate.id}")


# --------------------------------------------------------------------------- components


def summarize_window(
    daily_counts: Sequence[DailyCount], as_of: date, params: RiskParams = DEFAULT_PARAMS
) -> WindowSummary:
    """Collapse daily counts into decayed classes and surge counts (what SQL can also do)."""
    weights: dict[tuple[str, int, bool], float] = {}
    last_week = previous_four_weeks = 0
    for item in daily_counts:
        _check_count(item)
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
        _check_decayed(item)
        status = params.verified_multiplier if item.verified else params.unverified_multiplier
        weight = params.severity_weight(item.severity) * params.factor_weight(item.factor)
        totals[item.factor] += weight * status * item.weight
    return totals


def factor_points_from_counts(
    daily_counts: Sequence[DailyCount], as_of: date, params: RiskParams = DEFAULT_PARAMS
) -> dict[str, float]:
    """Sum decayed, weighted report points per factor."""
    return factor_points_from_summary(summarize_window(daily_counts, as_of, params), params)


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


def _report_contributions(
    candidates: Sequence[ReportCandidate], as_of: date, params: RiskParams
) -> list[tuple[float, Contribution]]:
    """Points of each counted candidate report (share filled in later)."""
    rows = []
    for candidate in candidates:
        verified = _candidate_is_verified(candidate)
        if verified is None:
            continue
        _check_candidate(candidate)
        age = (as_of - candidate.occurred_on).days
        points = report_points(candidate.severity, candidate.factor, verified, age, params)
        if points > 0:
            row = Contribution("report", candidate.id, candidate.title, candidate.factor, points, 0.0)
            rows.append((points, row))
    return rows


def _event_contributions(
    events: Sequence[PlannedEventInput], as_of: date, params: RiskParams
) -> list[tuple[float, Contribution]]:
    """Points of each planned event inside the horizon (share filled in later)."""
    rows = []
    for event in events:
        _check_event(event)
        points = event_points(event, as_of, params)
        if points > 0:
            row = Contribution("event", event.id, event.title, event.event_type, points, 0.0)
            rows.append((points, row))
    return rows


def top_contributions(
    rows: list[tuple[float, Contribution]], total_points: float, params: RiskParams
) -> tuple[Contribution, ...]:
    """Largest contributions first, each with its share of the total points."""
    if total_points <= 0:
        return ()
    ordered = sorted(rows, key=lambda r: (-r[0], r[1].kind, r[1].id))
    return tuple(
        dataclasses.replace(row, share=points / total_points)
        for points, row in ordered[: params.top_contributions]
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
    event_rows = _event_contributions(events, as_of, params)
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
        contributions=_explain(candidates, event_rows, points_by_factor, as_of, params),
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


def _explain(
    candidates: Sequence[ReportCandidate],
    event_rows: list[tuple[float, Contribution]],
    points_by_factor: dict[str, float],
    as_of: date,
    params: RiskParams,
) -> tuple[Contribution, ...]:
    """Top reports and events with their shares of the (pre-stage) raw points."""
    report_rows = _report_contributions(candidates, as_of, params)
    counted = sum(points_by_factor.values())
    listed = sum(points for points, _ in report_rows)
    # Candidates that outweigh the counts (inconsistent caller) must not push shares above 1.
    share_base = max(counted, listed) + sum(points for points, _ in event_rows)
    return top_contributions(event_rows + report_rows, share_base, params)
