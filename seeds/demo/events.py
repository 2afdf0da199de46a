"""The season's planned events (registrations, debates, rallies, plenaries, demonstrations).

Drawn from the seed alone, as rows of the planned_event table: seeds.demo.load stores them.
"""

from __future__ import annotations

import math
import random
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from core.reports.intake import content_hash as fingerprint
from core.reports.rows import REPORT_ID_NAMESPACE
from models.event import EventType
from models.report import SourceType
from seeds.demo.places import Place, capital_of
from seeds.demo.plan import Pick, SeasonPlan, curve_value
from seeds.demo.tables import CAMPAIGN, LAST_CAMPAIGN_WEEKS, REGISTRATION, _d
from seeds.demo.texts import DEMANDS_BY_PHASE, GROUPS
from seeds.demo.words import phase_of
from seeds.elections import NO_GOVERNOR_ELECTION

DEMO_SOURCE = SourceType.DEMO.value
TITLE_LENGTH = 200


def _at(place: Place, day: date, hour: int, minute: int = 0) -> datetime:
    """A local wall-clock time in the place's zone, as an aware UTC instant."""
    local = datetime.combine(day, time(hour, minute), tzinfo=place.zone)
    return local.astimezone(UTC)


def _loguniform(rng: random.Random, low: float, high: float, step: int) -> int:
    """A crowd estimate between low and high, spread evenly in orders of magnitude."""
    value = math.exp(rng.uniform(math.log(low), math.log(max(low, high))))
    return max(step, int(round(value / step) * step))


def _campaign_days(last_weeks_factor: float) -> Pick:
    """Campaign days, the last three weeks weighted more (rallies crowd towards the end)."""
    first, last = CAMPAIGN
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return Pick.of({d: last_weeks_factor if d >= LAST_CAMPAIGN_WEEKS else 1.0 for d in days})


RALLY_DAYS = _campaign_days(3.0)


EventDraft = tuple[Place, EventType, str, datetime, datetime, int | None]


def _registration(place: Place, title: str, crowd: int) -> EventDraft:
    """Candidates register over the KPU's three days."""
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
    """A rapat umum on a campaign day, bigger where more people live."""
    day = RALLY_DAYS.draw(rng)
    starts = _at(place, day, rng.randint(8, 10))
    crowd = _loguniform(rng, 500, min(20_000, crowd_cap), 100)
    title = f"Kampanye rapat umum paslon nomor urut {rng.randint(1, 4)} {label}"
    return place, EventType.RAPAT_UMUM, title, starts, starts + timedelta(hours=4), crowd


def _plenary(place: Place, label: str, days: tuple[int, int], rng: random.Random) -> EventDraft:
    """The recapitulation plenary on a December day, sometimes running into a second."""
    day = _d(12, rng.randint(*days))
    starts = _at(place, day, 9)
    ends = starts + timedelta(hours=rng.choice((10, 32)))
    title = f"Rapat pleno rekapitulasi hasil penghitungan suara {label}"
    return place, EventType.RAPAT_PLENO_REKAPITULASI, title, starts, ends, rng.randint(50, 400)


def _local_events(place: Place, unit: float, rng: random.Random) -> list[EventDraft]:
    """A bupati/walikota race: registration, debates, rallies, the kabupaten plenary."""
    label = place.local_label
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
    places: Sequence[Place], plan: SeasonPlan, *, seed: int, created_by: str
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
            rows.append(_event_row(len(rows), draft, seed, created_by, rng))
    return rows


def _event_row(
    index: int, draft: EventDraft, seed: int, created_by: str, rng: random.Random
) -> dict[str, Any]:
    """The row as create_event would store it, announced days to weeks before it starts."""
    place, event_type, title, starts, ends, crowd = draft
    values = {
        "kabupaten_kode": place.kode,
        "event_type": event_type.value,
        "title": title[:TITLE_LENGTH],
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
