"""A synthetic Pilkada Serentak 2024 season, so a new installation shows a living risk map.

Everything is drawn from `random.Random` streams derived from one seed and never from the
clock, so the same seed always yields the same rows (ids, texts, hashes). Reports are
streamed into the database in chunks as plain dicts, keeping memory flat for benchmark
sets of a million rows, and the daily aggregate is updated from the same rows.
"""

from __future__ import annotations

import math
import random
import uuid
from bisect import bisect_right
from collections import Counter, defaultdict, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate, islice, pairwise
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, insert
from sqlmodel import Session, col, select

from core.errors import InvalidInput, WaspadaError
from core.regions.service import zone_of_kabupaten
from core.reports.daily import AggregateKey, aggregate_key, apply_aggregate_deltas, rebuild_daily
from core.reports.intake import REPORT_ID_NAMESPACE
from core.reports.intake import content_hash as fingerprint
from models.account import Account, Role
from models.event import EventType, PlannedEvent
from models.region import Kabupaten, Province
from models.report import Category, Report, ReportStatus, SourceType
from seeds.elections import APPOINTED_HEADS_PROVINCE, NO_GOVERNOR_ELECTION

DEMO_ACCOUNT = "demo-generator"
DEMO_SOURCE = SourceType.DEMO.value
DEFAULT_SEED = 20241127
DEFAULT_REPORTS = 25_000
SEASON_START = date(2024, 7, 15)
SEASON_END = date(2024, 12, 16)
CHUNK_SIZE = 5_000
CHUNKS_PER_COMMIT = 5  # every commit fsyncs; 25,000 rows per transaction keeps that cheap

REGISTRATION = (date(2024, 8, 27), date(2024, 8, 29))
CAMPAIGN = (date(2024, 9, 25), date(2024, 11, 23))
LAST_CAMPAIGN_WEEKS = date(2024, 11, 3)
QUIET_DAYS = (date(2024, 11, 24), date(2024, 11, 26))
VOTING_DAY = date(2024, 11, 27)
RECAP_END = date(2024, 12, 16)

# Violence that every season sees somewhere: Papua's highlands, Maluku Utara, Madura.
FIXED_HOT_SPOTS = ("94.02", "95.03", "82.04", "35.27")
RANDOM_HOT_SPOTS = 2
HOT_SPOT_STRENGTH = 60.0  # reports a hot spot draws, in average kabupaten-days
BURST_STRENGTH = 110.0  # same unit, for a province-wide hoax burst at its peak

# Where the KPU Provinsi sits: gubernur registrations, debates and the provincial plenary.
PROVINCE_CAPITALS = {
    "11": "11.71", "12": "12.71", "13": "13.71", "14": "14.71", "15": "15.71",
    "16": "16.71", "17": "17.71", "18": "18.71", "19": "19.71", "21": "21.72",
    "31": "31.71", "32": "32.73", "33": "33.74", "34": "34.71", "35": "35.78",
    "36": "36.73", "51": "51.71", "52": "52.71", "53": "53.71", "61": "61.71",
    "62": "62.71", "63": "63.72", "64": "64.72", "65": "65.01", "71": "71.71",
    "72": "72.71", "73": "73.71", "74": "74.71", "75": "75.71", "76": "76.02",
    "81": "81.71", "82": "82.72", "91": "91.71", "92": "92.02", "93": "93.01",
    "94": "94.01", "95": "95.01", "96": "96.71",
}  # fmt: skip


def _d(month: int, day: int) -> date:
    return date(2024, month, day)


# Relative daily intensity per theme, linear between anchors and flat beyond them.
CURVES: dict[str, tuple[tuple[date, float], ...]] = {
    "kerumunan": (
        (_d(7, 1), 1.0), (_d(8, 20), 1.3), (_d(8, 26), 1.7), (_d(8, 27), 4.0),
        (_d(8, 29), 4.0), (_d(8, 30), 1.6), (_d(9, 21), 1.6), (_d(9, 22), 2.4),
        (_d(9, 23), 1.7), (_d(9, 25), 2.3), (_d(11, 2), 3.3), (_d(11, 23), 5.0),
        (_d(11, 24), 1.0), (_d(11, 26), 1.2), (_d(11, 27), 10.0), (_d(11, 28), 3.2),
        (_d(12, 3), 4.0), (_d(12, 10), 2.0), (_d(12, 16), 1.0), (_d(12, 31), 0.3),
    ),
    "unjuk_rasa": (
        (_d(7, 1), 0.5), (_d(8, 20), 0.6), (_d(8, 22), 3.0), (_d(8, 23), 2.6),
        (_d(8, 25), 0.9), (_d(8, 27), 1.8), (_d(8, 29), 1.8), (_d(8, 30), 0.8),
        (_d(9, 22), 1.4), (_d(9, 24), 0.9), (_d(9, 25), 1.0), (_d(11, 23), 1.8),
        (_d(11, 24), 0.5), (_d(11, 26), 0.5), (_d(11, 27), 1.5), (_d(11, 28), 2.5),
        (_d(12, 2), 5.0), (_d(12, 6), 5.0), (_d(12, 10), 2.2), (_d(12, 16), 1.0),
        (_d(12, 31), 0.2),
    ),
    "kampanye": (
        (_d(7, 1), 0.4), (_d(8, 26), 1.0), (_d(8, 27), 1.8), (_d(8, 29), 1.8),
        (_d(8, 30), 1.0), (_d(9, 24), 1.2), (_d(9, 25), 2.5), (_d(11, 2), 3.6),
        (_d(11, 23), 5.0), (_d(11, 24), 0.8), (_d(11, 26), 0.8), (_d(11, 27), 1.2),
        (_d(11, 28), 0.3), (_d(12, 16), 0.15), (_d(12, 31), 0.03),
    ),
    "politik_uang": (
        (_d(7, 1), 0.15), (_d(9, 24), 0.4), (_d(9, 25), 0.5), (_d(11, 2), 0.9),
        (_d(11, 23), 1.6), (_d(11, 24), 2.0), (_d(11, 26), 2.4), (_d(11, 27), 3.0),
        (_d(11, 28), 0.4), (_d(12, 16), 0.1), (_d(12, 31), 0.02),
    ),
    "isu": (
        (_d(7, 1), 0.6), (_d(8, 26), 0.8), (_d(9, 25), 1.0), (_d(11, 23), 1.6),
        (_d(11, 26), 1.7), (_d(11, 27), 3.0), (_d(12, 5), 1.3), (_d(12, 16), 0.6),
        (_d(12, 31), 0.2),
    ),
    "kekerasan": (
        (_d(7, 1), 0.12), (_d(9, 25), 0.2), (_d(11, 23), 0.5), (_d(11, 26), 0.4),
        (_d(11, 27), 0.9), (_d(12, 5), 0.6), (_d(12, 16), 0.2), (_d(12, 31), 0.06),
    ),
    "lainnya": (
        (_d(7, 1), 0.35), (_d(11, 20), 0.5), (_d(11, 27), 2.0), (_d(12, 5), 0.6),
        (_d(12, 16), 0.35), (_d(12, 31), 0.15),
    ),
    "hot_spot": (
        (_d(11, 9), 0.0), (_d(11, 10), 0.6), (_d(11, 23), 1.0), (_d(11, 24), 0.35),
        (_d(11, 26), 0.5), (_d(11, 27), 1.5), (_d(12, 3), 1.0), (_d(12, 12), 0.2),
        (_d(12, 16), 0.0),
    ),
}  # fmt: skip

C = Category
CATEGORY_CURVE: dict[Category, tuple[str, float]] = {
    C.KERUMUNAN_MASSA: ("kerumunan", 1.0),
    C.UNJUK_RASA: ("unjuk_rasa", 1.0),
    C.KAMPANYE: ("kampanye", 0.45),
    C.PERUSAKAN_APK: ("kampanye", 0.33),
    C.NETRALITAS_ASN: ("kampanye", 0.22),
    C.POLITIK_UANG: ("politik_uang", 1.0),
    C.ISU_TIDAK_JELAS: ("isu", 0.4),
    C.HOAKS: ("isu", 0.4),
    C.UJARAN_KEBENCIAN_SARA: ("isu", 0.2),
    C.INTIMIDASI: ("kekerasan", 0.5),
    C.BENTROKAN: ("kekerasan", 0.3),
    C.KEKERASAN: ("kekerasan", 0.2),
    C.LAINNYA: ("lainnya", 1.0),
}
ELECTION_CURVES = {"kampanye", "politik_uang"}
BURST_MIX = {C.HOAKS: 0.5, C.ISU_TIDAK_JELAS: 0.3, C.UJARAN_KEBENCIAN_SARA: 0.2}
HOT_SPOT_MIX = {
    C.INTIMIDASI: 0.3,
    C.BENTROKAN: 0.3,
    C.KEKERASAN: 0.2,
    C.UNJUK_RASA: 0.1,
    C.KERUMUNAN_MASSA: 0.1,
}

SEVERITY: dict[Category, dict[int, float]] = {
    C.KERUMUNAN_MASSA: {1: 0.45, 2: 0.35, 3: 0.17, 4: 0.03},
    C.UNJUK_RASA: {1: 0.2, 2: 0.45, 3: 0.3, 4: 0.05},
    C.KAMPANYE: {1: 0.55, 2: 0.35, 3: 0.1},
    C.PERUSAKAN_APK: {1: 0.3, 2: 0.5, 3: 0.2},
    C.POLITIK_UANG: {2: 0.5, 3: 0.42, 4: 0.08},
    C.NETRALITAS_ASN: {1: 0.35, 2: 0.5, 3: 0.15},
    C.ISU_TIDAK_JELAS: {1: 0.5, 2: 0.4, 3: 0.1},
    C.HOAKS: {1: 0.25, 2: 0.5, 3: 0.22, 4: 0.03},
    C.UJARAN_KEBENCIAN_SARA: {2: 0.4, 3: 0.5, 4: 0.1},
    C.INTIMIDASI: {2: 0.4, 3: 0.5, 4: 0.1},
    C.BENTROKAN: {2: 0.3, 3: 0.55, 4: 0.13, 5: 0.02},
    C.KEKERASAN: {2: 0.2, 3: 0.6, 4: 0.17, 5: 0.03},
    C.LAINNYA: {1: 0.6, 2: 0.35, 3: 0.05},
}
HOT_SEVERITY = {4: 0.6, 5: 0.4}
HOT_CROWD_SEVERITY = {3: 0.5, 4: 0.5}
VIOLENT = {C.INTIMIDASI, C.BENTROKAN, C.KEKERASAN}

STATUS_MIX = {
    ReportStatus.BARU: 0.45,
    ReportStatus.TERVERIFIKASI: 0.30,
    ReportStatus.DITANGANI: 0.08,
    ReportStatus.SELESAI: 0.05,
    ReportStatus.DITOLAK: 0.08,
    ReportStatus.DUPLIKAT: 0.04,
}
NOT_ORIGINALS = {ReportStatus.DUPLIKAT.value, ReportStatus.DITOLAK.value}
HOUR_WEIGHTS = (1, 1, 1, 1, 1, 2, 3, 5, 7, 9, 10, 10, 9, 9, 9, 9, 8, 8, 8, 8, 7, 5, 3, 2)
POINT_SHARE = 1 / 3
KECAMATAN_SHARE = 0.5
MAX_JITTER_DEG = 0.01


@dataclass(frozen=True)
class DemoSummary:
    reports: int
    events: int
    skipped: bool


@dataclass(frozen=True, eq=False)
class Place:
    """One kabupaten/kota as the generator needs it."""

    kode: str
    prov: str
    nama: str
    short: str
    nama_prov: str
    is_kota: bool
    lat: float
    lng: float
    weight: float  # sqrt(population): big places report more, small ones still report
    zone: ZoneInfo

    @property
    def local_race(self) -> bool:
        return self.prov != APPOINTED_HEADS_PROVINCE

    @property
    def governor_race(self) -> bool:
        return self.prov not in NO_GOVERNOR_ELECTION


class Pick(NamedTuple):
    """A weighted choice prepared once: values and their cumulative weights."""

    values: tuple[Any, ...]
    cum: tuple[float, ...]

    @classmethod
    def of(cls, weights: dict[Any, float]) -> Pick:
        return cls(tuple(weights), tuple(accumulate(weights.values())))

    def draw(self, rng: random.Random) -> Any:
        if len(self.values) == 1:
            return self.values[0]
        return self.values[bisect_right(self.cum, rng.random() * self.cum[-1])]

    @property
    def total(self) -> float:
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


class AggregateView(NamedTuple):
    """What aggregate_key reads from a report, without building an ORM object."""

    kabupaten_kode: str
    occurred_at: datetime
    category: str
    severity: int


# --- public entry point -------------------------------------------------------------------


def seed_demo(
    *,
    session: Session,
    seed: int = DEFAULT_SEED,
    reports: int | None = None,
    start: date = SEASON_START,
    end: date = SEASON_END,
    reset: bool = False,
) -> DemoSummary:
    """Fill an installation with a plausible season once; reset replaces an earlier one."""
    _check_arguments(reports, start, end)
    if _demo_present(session):
        if not reset:
            return DemoSummary(*_demo_counts(session), skipped=True)
        delete_demo(session)
    account = demo_account(session)
    places = load_places(session)
    plan = plan_season(places, seed=seed, start=start, end=end)
    total = reports if reports is not None else default_size(places, plan)
    events = insert_events(session, demo_events(places, plan, seed=seed, account=account))
    inserted = insert_reports(session, SeasonReports(plan, seed, account).rows(total))
    return DemoSummary(reports=inserted, events=events, skipped=False)


def _check_arguments(reports: int | None, start: date, end: date) -> None:
    """Refuse windows and sizes that cannot describe a season."""
    if end < start:
        raise InvalidInput.single("end", "end is before start")
    if reports is not None and reports < 0:
        raise InvalidInput.single("reports", "reports must not be negative")


def _demo_present(session: Session) -> bool:
    """Any demo report or event means a season was seeded (perhaps only partly)."""
    report = session.exec(select(Report.id).where(Report.source_type == DEMO_SOURCE).limit(1))
    event = session.exec(select(PlannedEvent.id).where(_demo_event()).limit(1))
    return report.first() is not None or event.first() is not None


def _demo_counts(session: Session) -> tuple[int, int]:
    """How many demo reports and events are stored."""
    reports = session.exec(
        select(func.count()).select_from(Report).where(Report.source_type == DEMO_SOURCE)
    ).one()
    events = session.exec(select(func.count()).select_from(PlannedEvent).where(_demo_event())).one()
    return reports, events


def _demo_event() -> Any:
    return (col(PlannedEvent.source) == DEMO_SOURCE) & (col(PlannedEvent.created_by) == DEMO_ACCOUNT)


def delete_demo(session: Session) -> None:
    """Remove demo rows and recount the aggregate from the reports that remain."""
    session.execute(delete(Report).where(col(Report.source_type) == DEMO_SOURCE))
    session.execute(delete(PlannedEvent).where(_demo_event()))
    rebuild_daily(session)


def demo_account(session: Session) -> Account:
    """The admin account every demo row is attributed to, created on first use."""
    account = session.exec(select(Account).where(Account.name == DEMO_ACCOUNT)).first()
    if account is None:
        created = datetime.combine(SEASON_START, time.min, tzinfo=UTC)
        account = Account(name=DEMO_ACCOUNT, role=Role.ADMIN.value, created_at=created)
        session.add(account)
        session.commit()
        session.refresh(account)
    return account


# --- regions ------------------------------------------------------------------------------


def _short_name(nama: str) -> str:
    """'Kabupaten Sampang' -> 'Sampang', as people say it."""
    for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
        if nama.startswith(prefix):
            return nama.removeprefix(prefix)
    return nama


def load_places(session: Session) -> list[Place]:
    """Every kabupaten/kota of the registry in code order; the registry must be seeded."""
    rows = session.exec(select(Kabupaten, Province.nama).join(Province).order_by(col(Kabupaten.kode))).all()
    if not rows:
        raise WaspadaError("the region registry is empty; run `waspada seed regions` first")
    known = [k.penduduk for k, _ in rows if k.penduduk]
    fallback = sorted(known)[len(known) // 2] if known else 250_000
    return [
        Place(
            kode=kab.kode,
            prov=kab.kode_prov,
            nama=kab.nama,
            short=_short_name(kab.nama),
            nama_prov=nama_prov,
            is_kota=kab.jenis.strip().lower() == "kota",
            lat=kab.label_lat,
            lng=kab.label_lng,
            weight=math.sqrt(kab.penduduk or fallback),
            zone=zone_of_kabupaten(kab.kode),
        )
        for kab, nama_prov in rows
    ]


def capital_of(prov: str, places: Sequence[Place]) -> Place:
    """The provincial capital, or the most populous place if the registry lacks it."""
    in_prov = [p for p in places if p.prov == prov]
    by_kode = {p.kode: p for p in in_prov}
    return by_kode.get(PROVINCE_CAPITALS.get(prov, ""), max(in_prov, key=lambda p: p.weight))


# --- the season's shape ---------------------------------------------------------------------


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
    if category is C.UNJUK_RASA and place.is_kota:
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


TOPICS_BEFORE_VOTING = (
    "DPT berisi pemilih fiktif",
    "penundaan pemungutan suara",
    "diskualifikasi salah satu pasangan calon",
    "pengerahan massa dari luar daerah",
    "aparat memihak salah satu calon",
    "calon memakai ijazah palsu",
    "pembagian uang besar-besaran oleh tim pemenangan",
    "surat suara sudah tercoblos",
)
TOPICS_FROM_VOTING_DAY = (
    "kotak suara dibawa kabur",
    "kecurangan dalam aplikasi Sirekap",
    "penggelembungan suara saat rekapitulasi",
    "aparat memihak salah satu calon",
    "pengerahan massa dari luar daerah",
    "pemungutan suara ulang di banyak TPS",
)


def topics_of(day: date) -> tuple[str, ...]:
    """Rumours follow the calendar: about candidates and lists before, about counting after."""
    return TOPICS_BEFORE_VOTING if day < VOTING_DAY else TOPICS_FROM_VOTING_DAY


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


# --- texts --------------------------------------------------------------------------------

TITLES: dict[Category, tuple[str, ...]] = {
    C.KERUMUNAN_MASSA: (
        "Massa pendukung {paslon} berkumpul di {lokasi}, {tempat}",
        "Kerumunan warga di {lokasi}, {tempat}",
        "Konvoi simpatisan {paslon} memadati jalan di {tempat}",
        "Pengumpulan massa tanpa pemberitahuan di {tempat}",
        "Massa berkumpul di {lokasi} terkait {pemilihan}",
    ),
    C.UNJUK_RASA: (
        "Unjuk rasa terkait {tuntutan} di {tempat}",
        "Aksi {kelompok} di depan kantor {penyelenggara} {kabupaten}",
        "Demonstrasi menuntut {tuntutan} di {tempat}",
        "Massa {kelompok} menggelar aksi di {lokasi}, {tempat}",
    ),
    C.KAMPANYE: (
        "Kampanye tatap muka {paslon} di {lokasi}, {tempat}",
        "Kampanye di luar jadwal oleh tim {paslon} di {tempat}",
        "Kampanye melibatkan anak-anak di {tempat}",
        "Pertemuan terbatas {paslon} di {tempat}",
        "Dugaan kampanye di tempat ibadah di {tempat}",
        "Penggunaan fasilitas pemerintah untuk kampanye di {tempat}",
    ),
    C.PERUSAKAN_APK: (
        "Baliho {paslon} dirusak orang tak dikenal di {tempat}",
        "Alat peraga kampanye dicopot paksa di {lokasi}, {tempat}",
        "Spanduk calon {pemilihan} dibakar di {tempat}",
        "APK dipasang di fasilitas umum di {tempat}",
        "Puluhan APK {paslon} hilang di {tempat}",
    ),
    C.POLITIK_UANG: (
        "Dugaan pembagian uang oleh tim {paslon} di {tempat}",
        "Pembagian sembako bergambar calon di {tempat}",
        "Warga diiming-imingi uang untuk memilih {paslon} di {tempat}",
        "Dugaan politik uang dalam pertemuan warga di {tempat}",
    ),
    C.NETRALITAS_ASN: (
        "ASN diduga ikut kampanye {paslon} di {tempat}",
        "Kepala desa mengarahkan warga memilih {paslon} di {tempat}",
        "Camat hadir dalam kegiatan tim pemenangan di {tempat}",
        "Foto ASN berpose dengan simbol dukungan calon beredar di {tempat}",
        "Perangkat desa membagikan atribut {paslon} di {tempat}",
    ),
    C.ISU_TIDAK_JELAS: (
        "Beredar kabar {topik} di {tempat}",
        "Isu {topik} meresahkan warga {tempat}",
        "Kabar simpang siur soal {topik} di {tempat}",
        "Beredar kabar akan ada pengerahan massa di {tempat}",
    ),
    C.HOAKS: (
        "Hoaks {topik} beredar di grup WhatsApp warga {tempat}",
        "Video lama disebarkan sebagai bukti {topik}",
        "Akun media sosial menyebarkan informasi palsu soal {topik}",
        "Pesan berantai tentang {topik} beredar di {tempat}",
    ),
    C.UJARAN_KEBENCIAN_SARA: (
        "Ujaran kebencian bernuansa SARA terhadap {paslon} di media sosial",
        "Selebaran bernada SARA ditemukan di {tempat}",
        "Ceramah bermuatan kebencian terhadap kelompok tertentu di {tempat}",
        "Spanduk provokatif bernuansa SARA dipasang di {tempat}",
    ),
    C.INTIMIDASI: (
        "Warga diintimidasi agar memilih {paslon} di {tempat}",
        "Saksi {paslon} diancam orang tak dikenal di {tempat}",
        "Penyelenggara pemilu menerima ancaman di {tempat}",
        "Rumah tim pemenangan {paslon} didatangi sekelompok orang di {tempat}",
    ),
    C.BENTROKAN: (
        "Bentrokan antarpendukung pasangan calon di {tempat}",
        "Massa {paslon} dan massa lawan saling lempar di {tempat}",
        "Bentrok warga dan aparat di {lokasi}, {tempat}",
        "Keributan antarkelompok pemuda terkait {pemilihan} di {tempat}",
    ),
    C.KEKERASAN: (
        "Pendukung {paslon} dianiaya di {tempat}",
        "Penyerangan posko pemenangan {paslon} di {tempat}",
        "Pembakaran rumah warga terkait {pemilihan} di {tempat}",
        "Petugas pemilu dianiaya di {tempat}",
    ),
    C.LAINNYA: (
        "Logistik pemilihan terlambat tiba di {tempat}",
        "Banjir menggenangi jalan menuju lokasi TPS di {tempat}",
        "Pemadaman listrik saat kegiatan penyelenggara pemilu di {tempat}",
        "Laporan situasi umum dari {tempat}",
        "Akses jalan ke gudang logistik KPU rusak di {tempat}",
    ),
}

PHASE_TITLES: dict[tuple[Category, str], tuple[str, ...]] = {
    (C.KERUMUNAN_MASSA, "pendaftaran"): (
        "Arak-arakan pendukung bakal calon menuju kantor KPU {kabupaten}",
    ),
    (C.KERUMUNAN_MASSA, "tenang"): (
        "Warga berkumpul di rumah tim pemenangan {paslon} pada masa tenang, {tempat}",
    ),
    (C.KERUMUNAN_MASSA, "pemungutan"): ("Kerumunan warga di sekitar TPS {tps}, {tempat}",),
    (C.KERUMUNAN_MASSA, "rekap"): (
        "Massa mengawal rekapitulasi suara {pemilihan} di {tempat}",
    ),
    (C.KAMPANYE, "pra"): (
        "Sosialisasi bakal calon {pemilihan} sebelum masa kampanye di {tempat}",
    ),
    (C.KAMPANYE, "tenang"): ("Dugaan kampanye pada masa tenang di {tempat}",),
    (C.KAMPANYE, "pemungutan"): ("Ajakan memilih {paslon} di sekitar TPS {tps}, {tempat}",),
    (C.POLITIK_UANG, "tenang"): (
        "Dugaan serangan fajar di {tempat}",
        "Warga menerima amplop menjelang pemungutan suara di {tempat}",
    ),
    (C.POLITIK_UANG, "pemungutan"): ("Dugaan serangan fajar di {tempat}",),
    (C.KEKERASAN, "pemungutan"): ("Kotak suara dirampas dan dibakar di {tempat}",),
    (C.KEKERASAN, "rekap"): ("Kantor {penyelenggara} {kabupaten} diserang massa",),
    (C.LAINNYA, "pemungutan"): (
        "Surat suara kurang di TPS {tps}, {tempat}",
        "Pemungutan suara di TPS {tps} tertunda, {tempat}",
    ),
}  # fmt: skip

OPENERS: dict[Category, tuple[str, ...]] = {
    C.KERUMUNAN_MASSA: (
        "Sekitar {jumlah} berkumpul di {lokasi} sejak {waktu} hari.",
        "Pelapor melihat sekitar {jumlah} memadati {lokasi}.",
        "Massa yang sebagian besar mengenakan atribut {paslon} terlihat di {lokasi}.",
    ),
    C.UNJUK_RASA: (
        "Sekitar {jumlah} dari kalangan {kelompok} menggelar aksi di {lokasi}.",
        "Aksi dengan tuntutan {tuntutan} berlangsung sejak {waktu} hari.",
        "Massa aksi berorasi secara bergantian di {lokasi}.",
    ),
    C.KAMPANYE: (
        "Kegiatan kampanye {paslon} untuk {pemilihan} dihadiri sekitar {jumlah}.",
        "Tim pemenangan {paslon} menggelar kegiatan di {lokasi} pada {waktu} hari.",
        "Panwascam menerima laporan kegiatan kampanye di {lokasi}.",
    ),
    C.PERUSAKAN_APK: (
        "Sebanyak {apk} baliho dan spanduk ditemukan rusak pada {waktu} hari.",
        "Warga melaporkan APK {paslon} di {lokasi} disobek dan dicoret.",
        "Tim pemenangan {paslon} melaporkan perusakan APK di {lokasi}.",
    ),
    C.POLITIK_UANG: (
        "Warga melaporkan pembagian amplop berisi Rp{nominal} per orang.",
        "Pembagian dilakukan dari rumah ke rumah pada {waktu} hari.",
        "Pelapor menyebut penerima diminta menunjukkan KTP dan berjanji memilih {paslon}.",
    ),
    C.NETRALITAS_ASN: (
        "Seorang ASN Pemerintah {kabupaten} terlihat di kegiatan {paslon}.",
        "Foto dan video kegiatan tersebut beredar di media sosial.",
        "Kejadian berlangsung pada {waktu} hari di {lokasi}.",
    ),
    C.ISU_TIDAK_JELAS: (
        "Kabar tersebut beredar dari mulut ke mulut dan di grup percakapan warga.",
        "Sumber kabar tentang {topik} belum dapat dipastikan.",
        "Warga menanyakan kebenaran kabar tersebut ke posko FKDM.",
    ),
    C.HOAKS: (
        "Informasi tentang {topik} telah dibantah oleh KPU {kabupaten}.",
        "Pesan berantai itu dibagikan ratusan kali dalam sehari.",
        "Tangkapan layar unggahan tersebut dilampirkan pelapor.",
    ),
    C.UJARAN_KEBENCIAN_SARA: (
        "Konten tersebut menyerang latar belakang suku dan agama pasangan calon.",
        "Selebaran ditemukan warga di {lokasi} pada {waktu} hari.",
        "Unggahan tersebut memicu saling balas komentar antarpendukung.",
    ),
    C.INTIMIDASI: (
        "Korban mengaku didatangi {orang} orang pada {waktu} hari.",
        "Ancaman disampaikan melalui pesan singkat dan telepon.",
        "Kejadian berlangsung di {lokasi}.",
    ),
    C.BENTROKAN: (
        "Bentrokan melibatkan sekitar {jumlah} dan berlangsung kurang lebih satu jam.",
        "Kedua kelompok saling lempar batu di {lokasi}.",
        "Keributan bermula dari saling ejek antarpendukung pada {waktu} hari.",
    ),
    C.KEKERASAN: (
        "Korban mengalami luka dan dibawa ke puskesmas terdekat.",
        "Penyerangan terjadi pada {waktu} hari di {lokasi}.",
        "Pelaku diduga berjumlah {orang} orang.",
    ),
    C.LAINNYA: (
        "Situasi secara umum aman dan kondusif.",
        "Petugas sedang berkoordinasi dengan KPU {kabupaten}.",
        "Kejadian dilaporkan pada {waktu} hari.",
    ),
}

DETAILS: dict[Category, tuple[str, ...]] = {
    C.KERUMUNAN_MASSA: (
        "Massa datang menggunakan sepeda motor dan mobil bak terbuka; lalu lintas tersendat.",
        "Belum ada gesekan, tetapi jumlah massa terus bertambah.",
        "Kegiatan tersebut tidak diberitahukan kepada kepolisian.",
    ),
    C.UNJUK_RASA: (
        "Massa membentangkan spanduk dan membakar ban bekas.",
        "Perwakilan massa diterima untuk berdialog.",
        "Aksi sempat diwarnai saling dorong dengan petugas pengamanan.",
        "Jalan di sekitar lokasi ditutup sementara.",
    ),
    C.KAMPANYE: (
        "Kegiatan tersebut tidak tercantum dalam jadwal yang disampaikan ke KPU.",
        "Peserta membawa bendera dan atribut pasangan calon.",
        "Pelapor menyertakan foto dan video kegiatan.",
    ),
    C.PERUSAKAN_APK: (
        "Pelaku belum diketahui.",
        "Satpol PP telah menertibkan APK yang melanggar aturan pemasangan.",
        "Tim pemenangan menuding pendukung pasangan calon lain.",
    ),
    C.POLITIK_UANG: (
        "Bawaslu {kabupaten} sedang menelusuri laporan ini.",
        "Barang bukti berupa amplop dan stiker calon diamankan.",
        "Pelapor meminta identitasnya dirahasiakan.",
    ),
    C.NETRALITAS_ASN: (
        "Bawaslu telah meneruskan laporan ke BKN.",
        "Yang bersangkutan membantah terlibat kampanye.",
        "Warga menilai hal ini menekan pilihan mereka.",
    ),
    C.ISU_TIDAK_JELAS: (
        "Tokoh masyarakat diminta membantu menenangkan warga.",
        "Aparat desa belum menerima informasi resmi.",
    ),
    C.HOAKS: (
        "Diskominfo telah mengajukan penurunan konten.",
        "Sebagian warga sudah terlanjur mempercayai kabar tersebut.",
    ),
    C.UJARAN_KEBENCIAN_SARA: (
        "Tokoh agama setempat mengimbau warga tidak terprovokasi.",
        "Polres telah menerima laporan dan menelusuri pembuatnya.",
    ),
    C.INTIMIDASI: (
        "Korban telah melapor ke Polsek setempat.",
        "Warga merasa takut datang ke TPS.",
        "Bawaslu meminta aparat memberikan perlindungan kepada pelapor.",
    ),
    C.BENTROKAN: (
        "Beberapa orang mengalami luka ringan.",
        "Aparat gabungan TNI-Polri membubarkan massa.",
        "Sejumlah kendaraan rusak.",
    ),
    C.KEKERASAN: (
        "Polres telah mengamankan beberapa terduga pelaku.",
        "Situasi di sekitar lokasi masih tegang.",
        "Aparat menambah personel pengamanan.",
    ),
    C.LAINNYA: (
        "Tidak ada korban.",
        "Penyelenggara menyiapkan langkah cadangan.",
    ),
}

CLOSERS = (
    "Petugas FKDM terus memantau perkembangan.",
    "Bhabinkamtibmas dan Babinsa telah berkoordinasi dengan tokoh masyarakat.",
    "Laporan ini perlu diverifikasi lebih lanjut.",
    "Panwascam telah diberi tahu.",
    "Situasi terkendali saat laporan dibuat.",
    "Pelapor akan mengirim pembaruan bila ada perkembangan.",
)

DEMANDS_BY_PHASE = {
    "pra": (
        "pengawalan putusan MK tentang syarat pencalonan",
        "penolakan revisi UU Pilkada",
        "netralitas penyelenggara pemilu",
    ),
    "pendaftaran": (
        "penolakan bakal calon yang dinilai tidak memenuhi syarat",
        "transparansi verifikasi berkas calon",
        "netralitas penyelenggara pemilu",
    ),
    "kampanye": (
        "netralitas ASN dan kepala desa",
        "penindakan dugaan politik uang",
        "pemutakhiran daftar pemilih",
        "netralitas penyelenggara pemilu",
    ),
    "tenang": ("penindakan dugaan politik uang", "netralitas aparat"),
    "pemungutan": ("pemungutan suara ulang", "pemilih yang tidak terdaftar di DPT"),
    "rekap": (
        "penghitungan suara ulang",
        "pemungutan suara ulang di sejumlah TPS",
        "transparansi rekapitulasi",
        "pembatalan hasil rekapitulasi",
    ),
    "pasca": (
        "penuntasan sengketa hasil pemilihan",
        "pelantikan kepala daerah terpilih",
        "transparansi anggaran pemilihan",
    ),
}
VENUES = (
    "depan kantor KPU",
    "kantor Bawaslu",
    "alun-alun",
    "pasar",
    "lapangan",
    "balai desa",
    "gedung DPRD",
    "simpang jalan utama",
    "kantor camat",
    "posko pemenangan",
    "terminal",
    "gedung olahraga",
)
GROUPS = (
    "mahasiswa",
    "aliansi masyarakat sipil",
    "pendukung pasangan calon",
    "warga",
    "organisasi kepemudaan",
    "relawan pasangan calon",
)
DIRECTIONS = ("Utara", "Selatan", "Barat", "Timur", "Tengah")
MONEY = ("50.000", "100.000", "150.000", "200.000", "300.000")


def phase_of(day: date) -> str:
    """Which stage of the Pilkada a local day belongs to, for fitting words."""
    if day < REGISTRATION[0]:
        return "pra"
    if day < CAMPAIGN[0]:
        return "pendaftaran"
    if day <= CAMPAIGN[1]:
        return "kampanye"
    if day < VOTING_DAY:
        return "tenang"
    if day == VOTING_DAY:
        return "pemungutan"
    return "rekap" if day <= RECAP_END else "pasca"


def _part_of_day(hour: int) -> str:
    if hour < 5:
        return "dini"
    if hour < 11:
        return "pagi"
    if hour < 15:
        return "siang"
    return "sore" if hour < 18 else "malam"


def _people(n: int) -> str:
    return f"{n:,}".replace(",", ".") + " orang"


def race_of(place: Place, rng: random.Random) -> str:
    """The contest a report is about: the local one mostly, the governor's sometimes."""
    local = f"{'Pilwalkot' if place.is_kota else 'Pilbup'} {place.short}"
    governor = f"Pilgub {place.nama_prov}"
    if not place.governor_race:
        return local
    if not place.local_race:
        return governor
    return local if rng.random() < 0.65 else governor


# --- reports ------------------------------------------------------------------------------


class Recent(NamedTuple):
    """An earlier report a duplicate may point at."""

    id: uuid.UUID
    occurred_at: datetime
    category: Category
    severity: int
    kecamatan: str | None
    title: str


def pick(rng: random.Random, options: Sequence[Any]) -> Any:
    """rng.choice, without its cost (it runs a dozen times per report)."""
    return options[int(rng.random() * len(options))]


class Words:
    """The words a template may use, each drawn only when a template asks for it."""

    def __init__(self, rng: random.Random, place: Place, day: date, hour: int, topic: str | None) -> None:
        self.rng, self.place, self.day, self.hour, self.topic = rng, place, day, hour, topic
        self.kecamatan: str | None = None
        self.crowd: int | None = None
        self.drawn: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        if key not in self.drawn:
            self.drawn[key] = getattr(self, f"_{key}")()
        return self.drawn[key]

    def _tempat(self) -> str:
        if self.kecamatan:
            return f"Kecamatan {self.kecamatan}, {self.place.nama}"
        return self.place.nama

    def _kabupaten(self) -> str:
        return self.place.nama

    def _lokasi(self) -> str:
        return str(pick(self.rng, VENUES))

    def _paslon(self) -> str:
        return f"paslon nomor urut {1 + int(self.rng.random() * 4)}"

    def _pemilihan(self) -> str:
        return race_of(self.place, self.rng)

    def _waktu(self) -> str:
        return _part_of_day(self.hour)

    def _topik(self) -> str:
        return self.topic or str(pick(self.rng, topics_of(self.day)))

    def _tuntutan(self) -> str:
        return str(pick(self.rng, DEMANDS_BY_PHASE[phase_of(self.day)]))

    def _kelompok(self) -> str:
        return str(pick(self.rng, GROUPS))

    def _penyelenggara(self) -> str:
        return str(pick(self.rng, ("KPU", "Bawaslu")))

    def _jumlah(self) -> str:
        return _people(self.crowd or 20 + int(self.rng.random() * 280))

    def _orang(self) -> str:
        return str(3 + int(self.rng.random() * 13))

    def _apk(self) -> str:
        return str(5 + int(self.rng.random() * 56))

    def _tps(self) -> str:
        return f"{1 + int(self.rng.random() * 40):03d}"

    def _nominal(self) -> str:
        return str(pick(self.rng, MONEY))


class SeasonReports:
    """Draws a season's reports one by one from a seeded stream, as insertable rows."""

    def __init__(self, plan: SeasonPlan, seed: int, account: Account) -> None:
        self.plan = plan
        self.seed = seed
        self.reporter_id = account.id
        self.reporter = account.name
        self.rng = random.Random(f"{seed}:reports")
        self.recent: dict[str, deque[Recent]] = defaultdict(lambda: deque(maxlen=8))
        self.hours = Pick.of(dict(enumerate(HOUR_WEIGHTS)))
        self.statuses = Pick.of({s.value: w for s, w in STATUS_MIX.items()})
        self.severities = {c: Pick.of(w) for c, w in SEVERITY.items()}
        self.hot_severity = Pick.of(HOT_SEVERITY)
        self.hot_crowd_severity = Pick.of(HOT_CROWD_SEVERITY)
        self.midnights: dict[ZoneInfo, datetime] = {}

    def rows(self, total: int) -> Iterator[dict[str, Any]]:
        """Every report of the season, day by day, exactly `total` of them."""
        counts = apportion(total, [s.total for s in self.plan.streams])
        index = 0
        for day, count, streams in zip(self.plan.days, counts, self.plan.streams, strict=True):
            self.midnights = {}
            for _ in range(count):
                stream: Stream = streams.draw(self.rng)
                yield self.report(index, day, stream)
                index += 1

    def _occurred(self, place: Place, day: date, hour: int) -> datetime:
        """A moment in the given local hour, as an aware UTC instant."""
        midnight = self.midnights.get(place.zone)
        if midnight is None:
            midnight = datetime.combine(day, time.min, tzinfo=place.zone).astimezone(UTC)
            self.midnights[place.zone] = midnight
        return midnight + timedelta(seconds=hour * 3600 + int(self.rng.random() * 3600))

    def report(self, index: int, day: date, stream: Stream) -> dict[str, Any]:
        """One report row: what happened, where, when, and how far triage has got."""
        rng = self.rng
        place: Place = stream.places.draw(rng)
        category: Category = stream.categories.draw(rng)
        hour: int = self.hours.draw(rng)
        occurred = self._occurred(place, day, hour)
        status: str = self.statuses.draw(rng)
        original = self._original(place.kode, occurred) if status == "duplikat" else None
        if status == "duplikat" and original is None:
            status = ReportStatus.BARU.value
        words = Words(rng, place, day, hour, stream.topic)
        if original is not None:
            category, severity, title = original.category, original.severity, original.title
            words.kecamatan = original.kecamatan
        else:
            severity = self._severity(category, stream.hot)
            words.kecamatan = self._kecamatan(place)
        words.crowd = crowd_size(category, rng)
        if original is None:
            title = self._title(category, phase_of(day), words)
        lat, lng = self._point(place)
        values = {
            "kabupaten_kode": place.kode,
            "kecamatan": words.kecamatan,
            "occurred_at": occurred.isoformat(),
            "category": category.value,
            "severity": severity,
            "title": title,
            "description": self._description(category, words),
            "crowd_size": words.crowd,
            "latitude": lat,
            "longitude": lng,
            "source_type": DEMO_SOURCE,
            "reporter_id": self.reporter_id,
        }
        report_id = uuid.uuid5(REPORT_ID_NAMESPACE, f"demo-report:{self.seed}:{index}")
        if status not in NOT_ORIGINALS:
            self.recent[place.kode].append(
                Recent(report_id, occurred, category, severity, words.kecamatan, title)
            )
        received = occurred + timedelta(seconds=120 + int(rng.random() * 43 * 60))
        return {
            **values,
            "id": report_id,
            "occurred_at": occurred,
            "received_at": received,
            "location_mismatch": False,
            "located_kabupaten_kode": place.kode if lat is not None else None,
            "status": status,
            "duplicate_of": original.id if original else None,
            "reporter": self.reporter,
            "content_hash": fingerprint(values),
            "created_at": received,
            "updated_at": received,
        }

    def _original(self, kode: str, occurred: datetime) -> Recent | None:
        """An earlier report of the same kabupaten this one repeats, if there is one."""
        earlier = [r for r in self.recent[kode] if r.occurred_at <= occurred]
        return pick(self.rng, earlier) if earlier else None

    def _severity(self, category: Category, hot: bool) -> int:
        """Mostly 1-3; hot spots' violence is 4-5."""
        if hot:
            table = self.hot_severity if category in VIOLENT else self.hot_crowd_severity
            return int(table.draw(self.rng))
        return int(self.severities[category].draw(self.rng))

    def _kecamatan(self, place: Place) -> str | None:
        if self.rng.random() >= KECAMATAN_SHARE:
            return None
        return f"{place.short} {pick(self.rng, DIRECTIONS)}"

    def _point(self, place: Place) -> tuple[float | None, float | None]:
        """A third of reports carry a GPS point near the kabupaten's label point."""
        rng = self.rng
        if rng.random() >= POINT_SHARE:
            return None, None
        lat = place.lat + (2 * rng.random() - 1) * MAX_JITTER_DEG
        lng = place.lng + (2 * rng.random() - 1) * MAX_JITTER_DEG
        return round(lat, 6), round(lng, 6)

    def _title(self, category: Category, phase: str, words: Words) -> str:
        templates = TITLES[category] + PHASE_TITLES.get((category, phase), ())
        return str(pick(self.rng, templates)).format_map(words)[:200]

    def _description(self, category: Category, words: Words) -> str:
        """Two or three sentences: what was seen, perhaps a detail, and what follows."""
        rng = self.rng
        parts = [pick(rng, OPENERS[category])]
        if rng.random() < 0.6:
            parts.append(pick(rng, DETAILS[category]))
        parts.append(pick(rng, CLOSERS))
        return " ".join(parts).format_map(words)


def _round_crowd(n: float) -> int:
    """People estimate crowds in round numbers."""
    step = 5 if n < 100 else 10 if n < 1000 else 100
    return max(step, int(round(n / step) * step))


def crowd_size(category: Category, rng: random.Random) -> int | None:
    """Estimated heads for crowd categories (and some rallies and clashes), else None."""
    if category is C.KERUMUNAN_MASSA:
        return _round_crowd(min(20_000, rng.lognormvariate(math.log(150), 1.0)))
    if category is C.UNJUK_RASA:
        return _round_crowd(min(15_000, rng.lognormvariate(math.log(200), 0.9)))
    if category is C.KAMPANYE and rng.random() < 0.4:
        return _round_crowd(min(20_000, rng.lognormvariate(math.log(300), 1.0)))
    if category is C.BENTROKAN:
        return _round_crowd(min(3_000, rng.lognormvariate(math.log(60), 0.8)))
    return None


def daily_deltas(chunk: Sequence[dict[str, Any]]) -> Counter[AggregateKey]:
    """Where each row counts in the daily aggregate, by the same rule intake uses."""
    deltas: Counter[AggregateKey] = Counter()
    for row in chunk:
        view = AggregateView(row["kabupaten_kode"], row["occurred_at"], row["category"], row["severity"])
        key = aggregate_key(view, row["status"])  # type: ignore[arg-type]
        if key:
            deltas[key] += 1
    return deltas


def insert_reports(session: Session, rows: Iterator[dict[str, Any]]) -> int:
    """Stream rows into the table in chunks, keeping the daily aggregate exact per chunk."""
    inserted = 0
    while chunk := list(islice(rows, CHUNK_SIZE)):
        session.execute(insert(Report.__table__), chunk)
        apply_aggregate_deltas(session, daily_deltas(chunk))
        inserted += len(chunk)
        if inserted % (CHUNK_SIZE * CHUNKS_PER_COMMIT) == 0:
            session.commit()
    session.commit()
    return inserted


# --- planned events -----------------------------------------------------------------------


def _at(place: Place, day: date, hour: int, minute: int = 0) -> datetime:
    """A local wall-clock time in the place's zone, as an aware UTC instant."""
    local = datetime.combine(day, time(hour, minute), tzinfo=place.zone)
    return local.astimezone(UTC)


def _loguniform(rng: random.Random, low: float, high: float, step: int) -> int:
    value = math.exp(rng.uniform(math.log(low), math.log(max(low, high))))
    return max(step, int(round(value / step) * step))


def _campaign_days(last_weeks_factor: float) -> Pick:
    """Campaign days, the last three weeks weighted more (rallies crowd towards the end)."""
    first, last = CAMPAIGN
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return Pick.of({d: last_weeks_factor if d >= LAST_CAMPAIGN_WEEKS else 1.0 for d in days})


RALLY_DAYS = _campaign_days(3.0)


def _local_label(place: Place) -> str:
    return f"{'Pilwalkot' if place.is_kota else 'Pilbup'} {place.short}"


EventDraft = tuple[Place, EventType, str, datetime, datetime, int | None]


def _registration(place: Place, title: str, crowd: int) -> EventDraft:
    starts = _at(place, REGISTRATION[0], 8)
    ends = _at(place, REGISTRATION[1], 23, 59)
    return place, EventType.PENDAFTARAN_CALON, title, starts, ends, crowd


def _debates(place: Place, label: str, count: int, rng: random.Random) -> list[EventDraft]:
    """Debates spread over the campaign, one in each stretch of it."""
    first, last = CAMPAIGN
    span = (last - first).days + 1
    drafts = []
    for i in range(count):
        day = first + timedelta(days=rng.randrange(i * span // count, (i + 1) * span // count))
        starts = _at(place, day, 19)
        crowd = _loguniform(rng, 150, 800, 50)
        title = f"Debat publik ke-{i + 1} pasangan calon {label}"
        drafts.append((place, EventType.DEBAT, title, starts, starts + timedelta(hours=2.5), crowd))
    return drafts


def _rally(place: Place, label: str, crowd_cap: float, rng: random.Random) -> EventDraft:
    day = RALLY_DAYS.draw(rng)
    starts = _at(place, day, rng.randint(8, 10))
    crowd = _loguniform(rng, 500, min(20_000, crowd_cap), 100)
    title = f"Kampanye rapat umum paslon nomor urut {rng.randint(1, 4)} {label}"
    return place, EventType.RAPAT_UMUM, title, starts, starts + timedelta(hours=4), crowd


def _plenary(place: Place, label: str, days: tuple[int, int], rng: random.Random) -> EventDraft:
    day = _d(12, rng.randint(*days))
    starts = _at(place, day, 9)
    ends = starts + timedelta(hours=rng.choice((10, 32)))
    title = f"Rapat pleno rekapitulasi hasil penghitungan suara {label}"
    return place, EventType.RAPAT_PLENO_REKAPITULASI, title, starts, ends, rng.randint(50, 400)


def _local_events(place: Place, unit: float, rng: random.Random) -> list[EventDraft]:
    """A bupati/walikota race: registration, debates, rallies, the kabupaten plenary."""
    label = _local_label(place)
    drafts = [
        _registration(
            place,
            f"Pendaftaran pasangan calon {label} di KPU {place.nama}",
            _loguniform(rng, 200, 3000, 50),
        )
    ]
    drafts += _debates(place, label, rng.choice((2, 3)), rng)
    rallies = 1 + (place.weight > unit) + rng.randint(0, 1)
    cap = max(2_000.0, place.weight**2 / 40)
    drafts += [_rally(place, label, cap, rng) for _ in range(rallies)]
    drafts.append(_plenary(place, f"{label} tingkat kabupaten/kota", (1, 5), rng))
    return drafts


def _governor_events(prov_places: Sequence[Place], rng: random.Random) -> list[EventDraft]:
    """A governor race: registration, debates and plenary at the capital, rallies anywhere."""
    capital = capital_of(prov_places[0].prov, prov_places)
    label = f"Pilgub {capital.nama_prov}"
    drafts = [
        _registration(
            capital,
            f"Pendaftaran pasangan calon gubernur {capital.nama_prov} di KPU Provinsi",
            _loguniform(rng, 500, 5000, 100),
        )
    ]
    drafts += _debates(capital, label, 3, rng)
    hosts = Pick.of({p: p.weight for p in prov_places})
    drafts += [_rally(hosts.draw(rng), label, 20_000, rng) for _ in range(rng.randint(2, 4))]
    drafts.append(_plenary(capital, f"{label} tingkat provinsi", (5, 9), rng))
    return drafts


def _demonstrations(places: Sequence[Place], days: Sequence[date], rng: random.Random) -> list[EventDraft]:
    """Notified demonstrations, on days and in places where protest runs high."""
    if not days:
        return []
    hosts = Pick.of({p: p.weight * (1.6 if p.is_kota else 1.0) for p in places})
    when = Pick.of({d: curve_value("unjuk_rasa", d) for d in days})
    drafts = []
    for _ in range(max(1, len(places) // 3)):
        place, day = hosts.draw(rng), when.draw(rng)
        demand = rng.choice(DEMANDS_BY_PHASE[phase_of(day)])
        title = f"Aksi unjuk rasa {rng.choice(GROUPS)} terkait {demand}"
        starts = _at(place, day, rng.randint(8, 10))
        ends = starts + timedelta(hours=rng.randint(3, 5))
        drafts.append(
            (place, EventType.UNJUK_RASA_TERJADWAL, title, starts, ends, _loguniform(rng, 50, 3000, 10))
        )
    return drafts


def demo_events(
    places: Sequence[Place], plan: SeasonPlan, *, seed: int, account: Account
) -> list[dict[str, Any]]:
    """The season's planned events that start inside the window, as insertable rows."""
    rng = random.Random(f"{seed}:events")
    unit = sum(p.weight for p in places) / len(places)
    drafts: list[EventDraft] = []
    for place in places:
        if place.local_race:
            drafts += _local_events(place, unit, rng)
    by_prov: dict[str, list[Place]] = defaultdict(list)
    for place in places:
        by_prov[place.prov].append(place)
    for prov in sorted(by_prov):
        if prov not in NO_GOVERNOR_ELECTION:
            drafts += _governor_events(by_prov[prov], rng)
    drafts += _demonstrations(places, plan.days, rng)
    window = (plan.days[0], plan.days[-1]) if plan.days else None
    rows = []
    for draft in drafts:
        place, starts = draft[0], draft[3]
        local_day = starts.astimezone(place.zone).date()
        if window and window[0] <= local_day <= window[1]:
            rows.append(_event_row(len(rows), draft, seed, account.name, rng))
    return rows


def _event_row(
    index: int, draft: EventDraft, seed: int, created_by: str, rng: random.Random
) -> dict[str, Any]:
    place, event_type, title, starts, ends, crowd = draft
    values = {
        "kabupaten_kode": place.kode,
        "event_type": event_type.value,
        "title": title[:200],
        "starts_at": starts.isoformat(),
        "ends_at": ends.isoformat(),
        "expected_crowd": crowd,
        "source": DEMO_SOURCE,
        "created_by": created_by,
    }
    announced = starts - timedelta(days=rng.randint(3, 21), hours=rng.randint(0, 12))
    return {
        **values,
        "id": uuid.uuid5(REPORT_ID_NAMESPACE, f"demo-event:{seed}:{index}"),
        "starts_at": starts,
        "ends_at": ends,
        "cancelled": False,
        "content_hash": fingerprint(values),
        "created_at": announced,
        "updated_at": announced,
    }


def insert_events(session: Session, rows: Sequence[dict[str, Any]]) -> int:
    """Store the planned events in one transaction."""
    for start in range(0, len(rows), CHUNK_SIZE):
        session.execute(insert(PlannedEvent.__table__), list(rows[start : start + CHUNK_SIZE]))
    session.commit()
    return len(rows)
