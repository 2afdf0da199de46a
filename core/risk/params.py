"""The risk model's one definition of its numbers: RiskParams, the defaults, and what derives from them.

Standard library plus ``models.vocab`` (itself standard library only): the terms the
parameters are keyed by come from the one vocabulary, and the per-(severity, verified)
weights the schema stores points with (``POINT_UNITS``) are computed here from
``DEFAULT_PARAMS``, so no other layer carries a copy of a weight.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from models import vocab

MODEL_VERSION = "1.0.0"

FACTORS: tuple[str, ...] = vocab.values(vocab.FACTORS)
SEVERITIES: tuple[int, ...] = tuple(int(value) for value in vocab.values(vocab.SEVERITIES))
EVENT_TYPES: tuple[str, ...] = vocab.values(vocab.EVENT_TYPES)
STAGES: tuple[str, ...] = vocab.values(vocab.STAGES)
LEVELS: tuple[str, ...] = vocab.values(vocab.LEVELS)  # lowest first
NO_STAGE_MULTIPLIER = 1.0

Pairs = tuple[tuple[Any, float], ...]
# Weight of one report per (severity, verified) class: severity weight x status multiplier.
ClassWeights = tuple[tuple[tuple[int, bool], float], ...]


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


def same_class_weights(weights: ClassWeights | None, params: RiskParams) -> bool:
    """Whether points weighted with `weights` mean the same under these params."""
    expected = dict(params.class_weights())
    given = dict(weights or ())
    return given.keys() == expected.keys() and all(
        math.isclose(given[key], weight, rel_tol=1e-12) for key, weight in expected.items()
    )


# --------------------------------------------------------------------------- stored points

# report_daily keeps, per factor, the day's reports weighted by the default class weights
# in integer units of POINT_UNIT, so a window under those weights sums 5 columns, not 50.
POINT_UNIT = 0.5
PointUnits = dict[tuple[int, bool], int]


def point_units(params: RiskParams = DEFAULT_PARAMS) -> PointUnits:
    """The class weights of `params` in integer POINT_UNITs; ValueError when one is not a whole unit."""
    units: PointUnits = {}
    for key, weight in params.class_weights():
        whole = round(weight / POINT_UNIT)
        if whole * POINT_UNIT != weight:
            raise ValueError(f"class weight {weight} of {key} is not a whole multiple of {POINT_UNIT}")
        units[key] = whole
    return units


def class_weights_of_units(units: PointUnits) -> ClassWeights:
    """The class weights that stored points in these units were summed with."""
    return tuple((key, whole * POINT_UNIT) for key, whole in sorted(units.items()))


def point_units_hash(units: PointUnits) -> str:
    """Identify the weights stored points were computed with (recorded beside the points)."""
    canonical = {"unit": POINT_UNIT, "units": [[s, v, whole] for (s, v), whole in sorted(units.items())]}
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


POINT_UNITS: PointUnits = point_units(DEFAULT_PARAMS)
STORED_CLASS_WEIGHTS: ClassWeights = class_weights_of_units(POINT_UNITS)
