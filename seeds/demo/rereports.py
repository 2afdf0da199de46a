"""Planted re-reports: the same incident sent again by another officer, in his own words.

A few of the season's reports are followed by a second report of the same incident from the
demo officer of the kabupaten (now and then of a neighbouring one, at the border): a little
later, reworded (seeds.demo.rewording), a point nearby, status `baru` for an analyst to mark.
Drawn from a random stream of their own, so the season's other reports are exactly what they
were; the ground truth (`DemoReport.repeats`) comes from here, never from the similarity code.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator, Mapping
from datetime import timedelta

from core.regions.service import zone_of_kabupaten
from core.reports.rows import REPORT_ID_NAMESPACE
from models.report import ReportStatus
from seeds.demo.generate import DemoReport, DemoSubmission, Draft, SeasonReports
from seeds.demo.places import Place
from seeds.demo.plan import SeasonPlan
from seeds.demo.rewording import reword_description, reword_title
from seeds.demo.tables import MAX_JITTER_DEG, NOT_ORIGINALS, POINT_SHARE
from seeds.demo.words import pick

RE_REPORT_SHARE = 0.006  # about 150 pairs in the default season of 25,000 reports
BORDER_SHARE = 0.15  # of those, sent by the officer of a neighbouring kabupaten
NEARBY_DEG = 0.004  # the second officer's point lies within ~450 m of the first's
LATER_MINUTES = (20, 360)  # "a few hours later"
OFFICER_PREFIX = "demo-fkdm-"


def officer_of(kabupaten_kode: str) -> str:
    """The demo officer account that sends a kabupaten's re-reports."""
    return f"{OFFICER_PREFIX}{kabupaten_kode}"


def season_reports(
    plan: SeasonPlan, seed: int, total: int, neighbours: Mapping[str, frozenset[str]] | None = None
) -> Iterator[DemoReport]:
    """The season as stored: its `total` reports, some followed by a planted re-report."""
    planter = Rereports(plan, seed, neighbours or {})
    for draft in SeasonReports(plan, seed).drafts(total):
        yield draft.report
        again = planter.rereport(draft)
        if again is not None:
            yield again


class Rereports:
    """Decides which reports are sent again and writes the second officer's version."""

    def __init__(self, plan: SeasonPlan, seed: int, neighbours: Mapping[str, frozenset[str]]) -> None:
        self.last_day = plan.days[-1]
        self.seed = seed
        self.neighbours = neighbours
        self.rng = random.Random(f"{seed}:rereports")

    def rereport(self, draft: Draft) -> DemoReport | None:
        """The second report of this draft's incident, or None (most incidents are reported once).

        One draw per report chooses; the re-report's own stream writes it, so which reports are
        chosen never depends on the neighbour table.
        """
        chosen = self.rng.random() < RE_REPORT_SHARE
        if not chosen or draft.report.status in NOT_ORIGINALS:
            return None
        original = draft.report.submission
        rng = random.Random(f"{self.seed}:rereport:{original.id}")
        kode, border = self._kabupaten(original.kabupaten_kode, rng)
        low, high = LATER_MINUTES
        occurred = original.occurred_at + timedelta(minutes=low + rng.random() * (high - low))
        if occurred.astimezone(zone_of_kabupaten(kode)).date() > self.last_day:
            return None
        lat, lng = (None, None) if border else _point(draft.place, original.latitude, original.longitude, rng)
        submission = DemoSubmission.of(
            {
                "id": uuid.uuid5(REPORT_ID_NAMESPACE, f"demo-rereport:{self.seed}:{original.id}"),
                "kabupaten_kode": kode,
                "kecamatan": None if border else original.kecamatan,
                "occurred_at": occurred,
                "category": original.category.value,
                "severity": _severity(original.severity, rng),
                "title": reword_title(original.title, rng),
                "description": reword_description(original.description, rng),
                "crowd_size": _crowd(original.crowd_size, rng),
                "latitude": lat,
                "longitude": lng,
            }
        )
        received = occurred + timedelta(seconds=120 + int(rng.random() * 43 * 60))
        status = ReportStatus.BARU.value  # for an analyst to mark
        return DemoReport(submission, received, status, None, repeats=original.id, reporter=officer_of(kode))

    def _kabupaten(self, kode: str, rng: random.Random) -> tuple[str, bool]:
        """Mostly the same kabupaten; now and then the neighbour across the border."""
        across = sorted(self.neighbours.get(kode, ()))
        if across and rng.random() < BORDER_SHARE:
            return str(pick(rng, across)), True
        return kode, False


def _point(
    place: Place, lat: float | None, lng: float | None, rng: random.Random
) -> tuple[float | None, float | None]:
    """Near the first officer's point; without one, a third carry their own near the label point."""
    if lat is None or lng is None:
        if rng.random() >= POINT_SHARE:
            return None, None
        lat, lng = place.lat, place.lng
    lat = _clamp(lat + (2 * rng.random() - 1) * NEARBY_DEG, place.lat)
    lng = _clamp(lng + (2 * rng.random() - 1) * NEARBY_DEG, place.lng)
    return round(lat, 6), round(lng, 6)


def _severity(severity: int, rng: random.Random) -> int:
    """Another officer sometimes judges it a step milder or graver."""
    return min(5, max(1, severity + pick(rng, (-1, 0, 0, 0, 0, 1))))


def _crowd(crowd: int | None, rng: random.Random) -> int | None:
    """His own estimate of the same crowd, within a third of the first."""
    if crowd is None:
        return None
    return max(5, round(crowd * (0.75 + 0.55 * rng.random()) / 5) * 5)


def _clamp(value: float, centre: float) -> float:
    """Within the generator's box around the label point, where every demo point lies."""
    return min(centre + MAX_JITTER_DEG, max(centre - MAX_JITTER_DEG, value))


def planted_pairs(reports: list[DemoReport]) -> dict[uuid.UUID, uuid.UUID]:
    """Each planted re-report's id and the id of the original it repeats."""
    return {r.submission.id: r.repeats for r in reports if r.repeats is not None}
