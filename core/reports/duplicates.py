"""Suggest which earlier (or later) report a report may repeat: same or bordering kabupaten, 48 h."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from core.accounts.service import Principal
from core.config import DEFAULT_GEO_DIR
from core.errors import InvalidInput
from core.reports.queries import get_report, to_public
from core.reports.similarity import WINDOW_HOURS, duplicate_score, haversine_km, text_similarity
from geo.adjacency import kabupaten_neighbours
from models.duplicate import DuplicateCandidate
from models.report import Report, ReportStatus

NOT_ORIGINALS = (ReportStatus.DITOLAK.value, ReportStatus.DUPLIKAT.value)
MAX_LIMIT = 20
# A candidate at or above this score is shown as likely the same incident. On the demo season
# 143 of its 144 planted originals reach it and 7 other top-3 suggestions do (the synthetic
# texts come from a few templates per category, so unrelated reports read alike more than
# real ones would).
LIKELY_SCORE = 0.55


def suggest_duplicates(
    *,
    session: Session,
    account: Principal,
    report_id: uuid.UUID,
    limit: int = 3,
    geo_dir: Path = DEFAULT_GEO_DIR,
) -> list[DuplicateCandidate]:
    """The likeliest originals of a report, best first; NotFound outside the caller's scope."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput.single("limit", f"limit must be between 1 and {MAX_LIMIT}", location="query")
    report = get_report(session=session, account=account, report_id=report_id)
    candidates = [candidate_of(report, other) for other in _nearby(session, account, report, geo_dir)]
    candidates.sort(key=lambda c: (-c.score, c.report.occurred_at, c.report.id))
    return candidates[:limit]


def _nearby(session: Session, account: Principal, report: Report, geo_dir: Path) -> list[Report]:
    """Reports the caller may read, in the report's or a bordering kabupaten, within 48 hours."""
    kodes = {report.kabupaten_kode, *kabupaten_neighbours(geo_dir).get(report.kabupaten_kode, ())}
    readable = sorted(k for k in kodes if account.can_read_kabupaten(k))
    window = timedelta(hours=WINDOW_HOURS)
    query = select(Report).where(
        col(Report.kabupaten_kode).in_(readable),
        col(Report.occurred_at) >= report.occurred_at - window,
        col(Report.occurred_at) <= report.occurred_at + window,
        col(Report.status).not_in(NOT_ORIGINALS),
        col(Report.id) != report.id,
    )
    return list(session.exec(query).all())


def candidate_of(report: Report, other: Report) -> DuplicateCandidate:
    """How alike another report is to this one, scored (core.reports.similarity)."""
    text = text_similarity(_text(report), _text(other))
    distance = None
    if None not in (report.latitude, report.longitude, other.latitude, other.longitude):
        distance = haversine_km(report.latitude, report.longitude, other.latitude, other.longitude)  # type: ignore[arg-type]
    hours = (other.occurred_at - report.occurred_at).total_seconds() / 3600
    score = duplicate_score(text=text, distance_km=distance, hours_apart=hours)
    return DuplicateCandidate(
        report=to_public(other),
        score=round(score, 4),
        text_similarity=round(text, 4),
        distance_km=None if distance is None else round(distance, 3),
        hours_apart=round(hours, 2),
        likely=score >= LIKELY_SCORE,
    )


def _text(report: Report) -> str:
    """What the similarity reads: the title and the description."""
    return f"{report.title}. {report.description}"
