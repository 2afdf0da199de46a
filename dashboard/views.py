"""What the pages show: small frozen value objects, built from live risk results or the calendar.

Pages and callbacks receive these from `dashboard.data.DashboardData`, never database rows, so
a figure or a table can be built and tested without a database.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from core.calendar.service import stage_on
from core.risk.engine import RiskResult
from core.risk.inputs import ElectionInput
from core.risk.params import RiskParams
from core.risk.points import level_for
from models.report import ReportPublic


@dataclass(frozen=True)
class AreaRef:
    """A kabupaten in scope with its province's name: the map's fixed location list."""

    kode: str
    nama: str
    kode_prov: str
    nama_prov: str


@dataclass(frozen=True)
class AreaValues:
    """One kabupaten's numbers as the map and the ranking need them (live or from a snapshot)."""

    kode: str
    nama: str
    kode_prov: str
    nama_prov: str
    score: float
    level: str
    factor_scores: dict[str, float]
    reports_7d: int
    surge: bool
    has_data: bool
    factor_has_data: dict[str, bool] = field(default_factory=dict)

    def value(self, factor: str | None, params: RiskParams) -> tuple[float | None, str | None]:
        """The value shown for a factor (None = all) and its level; (None, None) means no data."""
        if factor is None:
            return (self.score, self.level) if self.has_data else (None, None)
        if not self.factor_has_data.get(factor, False):
            return None, None
        value = self.factor_scores.get(factor, 0.0)
        return value, level_for(value, params)


@dataclass(frozen=True)
class ElectionView:
    """An election as the header shows it: its id for the picker and its calendar as the engine reads it."""

    id: int
    calendar: ElectionInput

    @property
    def name(self) -> str:
        return self.calendar.name

    @property
    def voting_day(self) -> date:
        return self.calendar.voting_day

    def stage_on(self, day: date, params: RiskParams) -> str | None:
        """The stage on day by the calendar's one stage rule, so the header names the score's stage."""
        return stage_on(election=self.calendar, day=day, params=params)


@dataclass(frozen=True)
class ReportPoint:
    """A located report as the map's points layer shows it."""

    lat: float
    lon: float
    title: str
    category: str
    occurred_local: str


@dataclass(frozen=True)
class KabupatenDetail:
    """One kabupaten's names, zone and explained score: the detail page's header and score card."""

    kode: str
    nama: str
    kode_prov: str
    nama_prov: str
    zona: str
    result: RiskResult


@dataclass(frozen=True)
class TrendPoint:
    """A kabupaten's scores at the end of one week, live or frozen."""

    week_end: date
    total: float
    factor_scores: dict[str, float]
    frozen: bool


def live_values(ref: AreaRef, result: RiskResult) -> AreaValues:
    """A live risk result as map values; 'no data' means nothing counted at all."""
    return AreaValues(
        **asdict(ref),
        score=result.score,
        level=result.level,
        factor_scores=dict(result.factor_scores),
        reports_7d=result.reports_7d,
        surge=result.surge,
        has_data=result.raw_points > 0 or result.score > 0,
        factor_has_data={f: result.factor_points.get(f, 0.0) > 0 for f in result.factor_points},
    )


@dataclass(frozen=True)
class TrailStep:
    """One line of a report's trail as the report page shows it (created, a status change, a note)."""

    at: datetime
    actor: str
    action: str  # "created", "status_change" or "note"
    from_status: str | None = None
    to_status: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ReportView:
    """One report with what its page needs: names of its places, its trail and what the reader may do."""

    report: ReportPublic
    kabupaten_nama: str
    kecamatan_nama: str | None
    desa_nama: str | None
    located_kabupaten_nama: str | None
    located_kecamatan_nama: str | None
    trail: tuple[TrailStep, ...]
    allowed: tuple[str, ...]  # statuses the reader may move it to now
    may_note: bool
