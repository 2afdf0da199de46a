"""A suggested original for a report that may repeat it (core.reports.duplicates)."""

from __future__ import annotations

from sqlmodel import SQLModel

from models.report import ReportPublic


class DuplicateCandidate(SQLModel):
    """One candidate original, with the score it was ranked by and the parts of that score."""

    report: ReportPublic
    score: float  # 0-1, core.reports.similarity.duplicate_score
    text_similarity: float  # 0-1, title and description
    distance_km: float | None  # None when either report has no point
    hours_apart: float  # the candidate's occurred_at minus the report's, in hours
    likely: bool  # score >= core.reports.duplicates.LIKELY_SCORE: likely the same incident
