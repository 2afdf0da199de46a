"""Builders shared by the risk engine's table-driven tests: one kabupaten at a fixed as_of."""

from __future__ import annotations

from datetime import date, timedelta

from core.risk.engine import compute_risk
from core.risk.inputs import DailyCount, ElectionInput, PlannedEventInput, ReportCandidate, StageWindow

AS_OF = date(2024, 2, 1)


def days_ago(age: int) -> date:
    """The day `age` days before AS_OF."""
    return AS_OF - timedelta(days=age)


def count(age: int, factor: str, severity: int, verified: bool, n: int = 1) -> DailyCount:
    """One DailyCount row `age` days before AS_OF."""
    return DailyCount(days_ago(age), factor, severity, verified, n)


def election_in(stage: str | None, voting_in_days: int = 13, name: str = "Pemilu 2024"):
    """An election whose given stage window spans AS_OF (no stage: only a future vote)."""
    voting_day = AS_OF + timedelta(days=voting_in_days)
    windows = () if stage is None else (StageWindow(stage, days_ago(3), AS_OF + timedelta(1)),)
    return ElectionInput(f"id-{name}", name, "pemilu", voting_day, windows)


KAMPANYE = (election_in("kampanye"),)


def risk(counts=(), **kwargs):
    """compute_risk for a fixed kabupaten and AS_OF."""
    return compute_risk(kabupaten_kode="32.01", as_of=AS_OF, daily_counts=counts, **kwargs)


def rally(days_until: int, crowd: int | None = 5000, length: int = 0, kind: str = "rapat_umum"):
    """A planned event starting `days_until` days after AS_OF."""
    start = AS_OF + timedelta(days=days_until)
    return PlannedEventInput(
        f"ev-{days_until}-{crowd}", "Rapat umum", kind, start, start + timedelta(length), crowd
    )


def candidate(rid: str, status: str, severity: int = 4, age: int = 1, factor: str = "kekerasan"):
    """One individual report as passed for explanations."""
    return ReportCandidate(rid, f"Laporan {rid}", "bentrok", factor, severity, status, days_ago(age))
