"""The season's reports, drawn one by one from the plan and a seed: no clock, no database.

Each report comes out as what a field officer would have sent (a validated ReportCreate),
with when it arrived and how far triage has got; seeds.demo.load stores it through intake.
"""

from __future__ import annotations

import math
import random
import uuid
from collections import defaultdict, deque
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from core.reports.rows import REPORT_ID_NAMESPACE
from models.report import Category, ReportCreate, ReportStatus, SourceType
from seeds.demo.places import Place
from seeds.demo.plan import Pick, SeasonPlan, Stream, apportion
from seeds.demo.tables import (
    HOT_CROWD_SEVERITY,
    HOT_SEVERITY,
    HOUR_WEIGHTS,
    KECAMATAN_SHARE,
    MAX_JITTER_DEG,
    NOT_ORIGINALS,
    POINT_SHARE,
    SEVERITY,
    STATUS_MIX,
    VIOLENT,
)
from seeds.demo.texts import CLOSERS, DETAILS, DIRECTIONS, OPENERS, PHASE_TITLES, TITLES
from seeds.demo.words import Words, phase_of, pick

RECENT_PER_KABUPATEN = 8  # the earlier reports a duplicate may repeat


class Recent(NamedTuple):
    """An earlier report a duplicate may point at."""

    id: uuid.UUID
    occurred_at: datetime
    category: Category
    severity: int
    kecamatan: str | None
    title: str


class DemoSubmission(ReportCreate):
    """A report validated by every rule a client's is, from the one source clients may not claim."""

    source_type: SourceType = SourceType.DEMO

    @classmethod
    def of(cls, values: dict[str, Any]) -> DemoSubmission:
        """Pydantic's own model_validate: SQLModel's override serves table models, at 3x the cost."""
        return cls.__pydantic_validator__.validate_python(values)  # type: ignore[no-any-return]


class DemoReport(NamedTuple):
    """One generated report: the submission, when it arrived, and where triage has put it.

    `repeats` is the planted ground truth of a re-report (seeds.demo.rereports): the original
    it reports again, never stored; `reporter` the demo officer who sent it (None: the generator).
    """

    submission: DemoSubmission
    received_at: datetime
    status: str
    duplicate_of: uuid.UUID | None
    repeats: uuid.UUID | None = None
    reporter: str | None = None


class Draft(NamedTuple):
    """A report with the place and the words it was written with, for a re-report to reuse."""

    report: DemoReport
    place: Place
    words: Words


class SeasonReports:
    """Draws a season's reports one by one from a seeded stream."""

    def __init__(self, plan: SeasonPlan, seed: int) -> None:
        self.plan = plan
        self.seed = seed
        self.rng = random.Random(f"{seed}:reports")
        self.recent: dict[str, deque[Recent]] = defaultdict(lambda: deque(maxlen=RECENT_PER_KABUPATEN))
        self.hours = Pick.of(dict(enumerate(HOUR_WEIGHTS)))
        self.statuses = Pick.of({s.value: w for s, w in STATUS_MIX.items()})
        self.severities = {c: Pick.of(w) for c, w in SEVERITY.items()}
        self.hot_severity = Pick.of(HOT_SEVERITY)
        self.hot_crowd_severity = Pick.of(HOT_CROWD_SEVERITY)
        self.midnights: dict[ZoneInfo, datetime] = {}

    def reports(self, total: int) -> Iterator[DemoReport]:
        """Every report of the season, day by day, exactly `total` of them."""
        return (draft.report for draft in self.drafts(total))

    def drafts(self, total: int) -> Iterator[Draft]:
        """The season's reports with the words each was written with."""
        counts = apportion(total, [s.total for s in self.plan.streams])
        index = 0
        for day, count, streams in zip(self.plan.days, counts, self.plan.streams, strict=True):
            self.midnights = {}
            for _ in range(count):
                stream: Stream = streams.draw(self.rng)
                yield self.draft(index, day, stream)
                index += 1

    def _occurred(self, place: Place, day: date, hour: int) -> datetime:
        """A moment in the given local hour, as an aware UTC instant."""
        midnight = self.midnights.get(place.zone)
        if midnight is None:
            midnight = datetime.combine(day, time.min, tzinfo=place.zone).astimezone(UTC)
            self.midnights[place.zone] = midnight
        return midnight + timedelta(seconds=hour * 3600 + int(self.rng.random() * 3600))

    def draft(self, index: int, day: date, stream: Stream) -> Draft:
        """One report: what happened, where, when, and how far triage has got."""
        rng = self.rng
        place: Place = stream.places.draw(rng)
        category: Category = stream.categories.draw(rng)
        hour: int = self.hours.draw(rng)
        occurred = self._occurred(place, day, hour)
        status: str = self.statuses.draw(rng)
        original = self._original(place.kode, occurred) if status == ReportStatus.DUPLIKAT else None
        if status == ReportStatus.DUPLIKAT and original is None:
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
        report_id = uuid.uuid5(REPORT_ID_NAMESPACE, f"demo-report:{self.seed}:{index}")
        submission = DemoSubmission.of(
            {
                "id": report_id,
                "kabupaten_kode": place.kode,
                "kecamatan": words.kecamatan,
                "occurred_at": occurred,
                "category": category.value,
                "severity": severity,
                "title": title,
                "description": self._description(category, words),
                "crowd_size": words.crowd,
                "latitude": lat,
                "longitude": lng,
            }
        )
        if status not in NOT_ORIGINALS:
            self.recent[place.kode].append(
                Recent(report_id, occurred, category, severity, words.kecamatan, title)
            )
        received = occurred + timedelta(seconds=120 + int(rng.random() * 43 * 60))
        report = DemoReport(submission, received, status, original.id if original else None)
        return Draft(report, place, words)

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
        """Half the reports name a kecamatan (a compass quarter of the kabupaten)."""
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
        """A headline fitting the category and the phase of the season."""
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
    if category is Category.KERUMUNAN_MASSA:
        return _round_crowd(min(20_000, rng.lognormvariate(math.log(150), 1.0)))
    if category is Category.UNJUK_RASA:
        return _round_crowd(min(15_000, rng.lognormvariate(math.log(200), 0.9)))
    if category is Category.KAMPANYE and rng.random() < 0.4:
        return _round_crowd(min(20_000, rng.lognormvariate(math.log(300), 1.0)))
    if category is Category.BENTROKAN:
        return _round_crowd(min(3_000, rng.lognormvariate(math.log(60), 0.8)))
    return None
