"""Which reports and planned events drive a score, each with its share of the raw points.

Each candidate report is scored with the report formula and each event in the horizon
with the event formula (``core.risk.points``); the largest ``top_contributions`` are kept.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from core.risk.inputs import (
    PlannedEventInput,
    ReportCandidate,
    candidate_is_verified,
    check_candidate,
    check_event,
)
from core.risk.params import RiskParams
from core.risk.points import event_points, report_points

Rows = list[tuple[float, "Contribution"]]


@dataclass(frozen=True)
class Contribution:
    """One report or event and its share of the raw points, to explain a score."""

    kind: str  # "report" | "event"
    id: str
    title: str
    factor_or_type: str
    points: float
    share: float
    day: date | None = None  # the report's local day, or the event's first day


def report_contributions(candidates: Sequence[ReportCandidate], as_of: date, params: RiskParams) -> Rows:
    """Points of each counted candidate report (share filled in later)."""
    rows = []
    for candidate in candidates:
        verified = candidate_is_verified(candidate)
        if verified is None:
            continue
        check_candidate(candidate)
        age = (as_of - candidate.occurred_on).days
        points = report_points(candidate.severity, candidate.factor, verified, age, params)
        if points > 0:
            row = Contribution(
                "report", candidate.id, candidate.title, candidate.factor, points, 0.0, candidate.occurred_on
            )
            rows.append((points, row))
    return rows


def event_contributions(events: Sequence[PlannedEventInput], as_of: date, params: RiskParams) -> Rows:
    """Points of each planned event inside the horizon (share filled in later)."""
    rows = []
    for event in events:
        check_event(event)
        points = event_points(event, as_of, params)
        if points > 0:
            row = Contribution("event", event.id, event.title, event.event_type, points, 0.0, event.starts_on)
            rows.append((points, row))
    return rows


def top_contributions(rows: Rows, total_points: float, params: RiskParams) -> tuple[Contribution, ...]:
    """Largest contributions first, each with its share of the total points."""
    if total_points <= 0:
        return ()
    ordered = sorted(rows, key=lambda r: (-r[0], r[1].kind, r[1].id))
    return tuple(
        dataclasses.replace(row, share=points / total_points)
        for points, row in ordered[: params.top_contributions]
    )


def explain(
    candidates: Sequence[ReportCandidate],
    event_rows: Rows,
    points_by_factor: dict[str, float],
    as_of: date,
    params: RiskParams,
) -> tuple[Contribution, ...]:
    """Top reports and events with their shares of the (pre-stage) raw points."""
    report_rows = report_contributions(candidates, as_of, params)
    counted = sum(points_by_factor.values())
    listed = sum(points for points, _ in report_rows)
    # Candidates that outweigh the counts (inconsistent caller) must not push shares above 1.
    share_base = max(counted, listed) + sum(points for points, _ in event_rows)
    return top_contributions(event_rows + report_rows, share_base, params)
