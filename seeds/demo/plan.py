"""The season's plan: each day's weighted streams of reports, its hot spots and hoax bursts.

Drawn from `random.Random` streams derived from the seed alone, so one seed gives one plan,
whatever the number of reports later drawn from it.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate, pairwise
from typing import Any, NamedTuple

from models.report import Category
from seeds.demo.places import Place
from seeds.demo.tables import (
    BURST_MIX,
    BURST_STRENGTH,
    CATEGORY_CURVE,
    CURVES,
    DEFAULT_REPORTS,
    ELECTION_CURVES,
    FIXED_HOT_SPOTS,
    HOT_SPOT_MIX,
    HOT_SPOT_STRENGTH,
    RANDOM_HOT_SPOTS,
    SEASON_END,
    SEASON_START,
)
from seeds.demo.words import topics_of


class Pick(NamedTuple):
    """A weighted choice prepared once: values and their cumulative weights."""

    values: tuple[Any, ...]
    cum: tuple[float, ...]

    @classmethod
    def of(cls, weights: dict[Any, float]) -> Pick:
        """Prepare once what is drawn from many times."""
        return cls(tuple(weights), tuple(accumulate(weights.values())))

    def draw(self, rng: random.Random) -> Any:
        """One value, with probability proportional to its weight (one random number)."""
        if len(self.values) == 1:
            return self.values[0]
        return self.values[bisect_right(self.cum, rng.random() * self.cum[-1])]

    @property
    def total(self) -> float:
        """The sum of the weights."""
        return self.cum[-1]


@dataclass(frozen=True, eq=False)
class Stream:
    """One source of reports on a day: a set of places, a category mix, and its weight."""

    places: Pick
    categories: Pick
    hot: bool = False
    topic: str | None = None


@dataclass(frozen=True)
class Burst:
    """A province-wide wave of one rumour over a few days."""

    prov: str
    first_day: date
    days: int
    topic: str
    strength: float


@dataclass(frozen=True)
class SeasonPlan:
    """The fixed shape of a season: hot spots, bursts, and each day's weighted streams."""

    days: tuple[date, ...]
    streams: tuple[Pick, ...]  # per day: Stream values, cumulative weights
    hot_spots: tuple[str, ...]
    bursts: tuple[Burst, ...]
    national_weight: float


def curve_value(name: str, day: date) -> float:
    """A theme's intensity on a local day, interpolated between its anchors."""
    anchors = CURVES[name]
    if day <= anchors[0][0]:
        return anchors[0][1]
    for (d0, v0), (d1, v1) in pairwise(anchors):
        if day <= d1:
            return v0 + (v1 - v0) * (day - d0).days / (d1 - d0).days
    return anchors[-1][1]


def _affinity(place: Place, category: Category) -> float:
    """How much more a place produces a category: single-race regions campaign less."""
    curve = CATEGORY_CURVE[category][0]
    if curve in ELECTION_CURVES and not (place.local_race and place.governor_race):
        return 0.7
    if category is Category.UNJUK_RASA and place.is_kota:
        return 1.6
    return 1.0


def _national_streams(places: Sequence[Place]) -> dict[Category, Stream]:
    """One stream per category over all places, weighted by size and affinity."""
    return {
        category: Stream(
            places=Pick.of({p: p.weight * _affinity(p, category) for p in places}),
            categories=Pick.of({category: 1.0}),
        )
        for category in CATEGORY_CURVE
    }


def _pick_hot_spots(places: Sequence[Place], rng: random.Random) -> tuple[str, ...]:
    """The fixed hot spots the registry has, plus a few rural regencies the seed chooses."""
    kodes = {p.kode for p in places}
    fixed = [k for k in FIXED_HOT_SPOTS if k in kodes]
    others = sorted(p.kode for p in places if p.kode not in fixed and not p.is_kota and p.local_race)
    extra = rng.sample(others, min(RANDOM_HOT_SPOTS, len(others)))
    return tuple(fixed + sorted(extra))


def _pick_bursts(places: Sequence[Place], days: Sequence[date], rng: random.Random) -> tuple[Burst, ...]:
    """Short hoax waves in random provinces, more likely when rumours run high anyway."""
    provinces = sorted({p.prov for p in places})
    day_pick = Pick.of({d: curve_value("isu", d) for d in days})
    bursts = []
    for _ in range(max(2, round(len(days) / 8))):
        prov, first_day = rng.choice(provinces), day_pick.draw(rng)
        topic = rng.choice(topics_of(first_day))
        bursts.append(Burst(prov, first_day, rng.randint(2, 5), topic, rng.uniform(0.7, 1.3)))
    return tuple(bursts)


def _burst_shape(burst: Burst, day: date) -> float:
    """A burst flares up, holds, and fades on its last day."""
    k = (day - burst.first_day).days
    if not 0 <= k < burst.days:
        return 0.0
    if k == 0:
        return 0.6
    return 0.5 if k == burst.days - 1 and burst.days > 2 else 1.0


def _day_streams(
    day: date,
    national: dict[Category, Stream],
    bursts: Sequence[tuple[Burst, Stream]],
    hot: Sequence[Stream],
    unit: float,
) -> dict[Stream, float]:
    """Every stream active on a day with its weight (in place-weight units)."""
    weights: dict[Stream, float] = {}
    for category, stream in national.items():
        curve, share = CATEGORY_CURVE[category]
        weights[stream] = curve_value(curve, day) * share * stream.places.total
    for burst, stream in bursts:
        shape = _burst_shape(burst, day)
        if shape:
            weights[stream] = BURST_STRENGTH * burst.strength * unit * shape
    hot_level = curve_value("hot_spot", day)
    for stream in hot if hot_level else ():
        weights[stream] = HOT_SPOT_STRENGTH * unit * hot_level
    return weights


def plan_season(places: Sequence[Place], *, seed: int, start: date, end: date) -> SeasonPlan:
    """Lay out the season's days, hot spots and bursts: the same for any report count."""
    rng = random.Random(f"{seed}:plan")
    days = tuple(start + timedelta(days=i) for i in range((end - start).days + 1))
    unit = sum(p.weight for p in places) / len(places)
    national = _national_streams(places)
    hot_spots = _pick_hot_spots(places, rng)
    bursts = _pick_bursts(places, days, rng)
    burst_streams = [(b, _burst_stream(b, places)) for b in bursts]
    by_kode = {p.kode: p for p in places}
    hot = [
        Stream(places=Pick.of({by_kode[k]: 1.0}), categories=Pick.of(HOT_SPOT_MIX), hot=True)
        for k in hot_spots
    ]
    streams = tuple(Pick.of(_day_streams(d, national, burst_streams, hot, unit)) for d in days)
    return SeasonPlan(days, streams, hot_spots, bursts, _national_weight(national, days))


def _burst_stream(burst: Burst, places: Sequence[Place]) -> Stream:
    in_prov = {p: p.weight for p in places if p.prov == burst.prov}
    return Stream(places=Pick.of(in_prov), categories=Pick.of(BURST_MIX), topic=burst.topic)


def _national_weight(national: dict[Category, Stream], days: Sequence[date]) -> float:
    """The background weight of a window, to keep the default density per day constant."""
    return sum(
        curve_value(CATEGORY_CURVE[c][0], d) * CATEGORY_CURVE[c][1] * s.places.total
        for d in days
        for c, s in national.items()
    )


def default_size(places: Sequence[Place], plan: SeasonPlan) -> int:
    """25,000 reports for the default season; longer or shorter windows keep its density."""
    days = tuple(SEASON_START + timedelta(days=i) for i in range((SEASON_END - SEASON_START).days + 1))
    reference = _national_weight(_national_streams(places), days)
    return round(DEFAULT_REPORTS * plan.national_weight / reference)


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split a total over days in proportion to weight, exactly and without randomness."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    counts, running, emitted = [], 0.0, 0
    for weight in weights:
        running += weight
        target = min(total, round(total * running / whole))
        counts.append(target - emitted)
        emitted = target
    counts[-1] += total - emitted
    return counts
