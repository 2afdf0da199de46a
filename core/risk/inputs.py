"""What the pure risk engine is given: report counts, planned events, elections, candidate reports.

Each input has a check that rejects values the formula cannot weigh, so a bad row fails
loudly instead of silently shifting a score. Standard library plus ``models.vocab``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.risk.params import EVENT_TYPES, FACTORS, SEVERITIES, ClassWeights
from models import vocab

VERIFIED_STATUSES = vocab.VERIFIED_STATUSES
UNVERIFIED_STATUSES = vocab.UNVERIFIED_STATUSES
EXCLUDED_STATUSES = vocab.EXCLUDED_STATUSES


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


def check_count(item: DailyCount) -> None:
    """Reject counts the formula cannot weigh."""
    if item.factor not in FACTORS or item.severity not in SEVERITIES or item.count < 0:
        raise ValueError(f"invalid DailyCount: {item!r}")


def check_decayed(item: DecayedCount) -> None:
    """Reject pre-summed classes the formula cannot weigh."""
    if item.factor not in FACTORS or item.severity not in SEVERITIES or item.weight < 0:
        raise ValueError(f"invalid DecayedCount: {item!r}")


def check_event(event: PlannedEventInput) -> None:
    """Reject events the formula cannot weigh."""
    crowd_ok = event.expected_crowd is None or event.expected_crowd >= 0
    if event.event_type not in EVENT_TYPES or event.ends_on < event.starts_on or not crowd_ok:
        raise ValueError(f"invalid PlannedEventInput: {event!r}")


def check_candidate(candidate: ReportCandidate) -> None:
    """Reject candidate reports the formula cannot weigh."""
    if candidate.factor not in FACTORS or candidate.severity not in SEVERITIES:
        raise ValueError(f"invalid ReportCandidate: {candidate!r}")


def candidate_is_verified(candidate: ReportCandidate) -> bool | None:
    """Verified flag from the status; None for ditolak/duplikat (they never count)."""
    if candidate.status in EXCLUDED_STATUSES:
        return None
    if candidate.status in VERIFIED_STATUSES:
        return True
    if candidate.status in UNVERIFIED_STATUSES:
        return False
    raise ValueError(f"unknown report status {candidate.status!r} for report {candidate.id}")
