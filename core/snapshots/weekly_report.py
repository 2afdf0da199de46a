"""The data of the printable weekly report: a province's (or the nation's) frozen week, who is
flagged, the week ahead.

Everything here is values and codes (levels, stages, event types, factors as the vocabulary
stores them); the page that prints it reads their labels from models.vocab.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from core.accounts.service import Principal
from core.calendar.service import elections_by_kabupaten
from core.errors import Forbidden, InvalidInput, NotFound
from core.events.service import EventFilter, list_events
from core.regions.service import WIB, normalize_province_kode, province_of, zone_of_province
from core.risk.explain import Contribution
from core.risk.params import RiskParams
from core.risk.service import risk_for_kabupaten
from core.snapshots.queries import SnapshotRow, run_status, snapshot_for_scope, snapshot_rows, snapshot_run
from core.snapshots.weeks import week_end
from geo.display import get_display_geojson
from models import vocab
from models.account import Role
from models.region import Kabupaten, Province
from models.snapshot import RunStatus

MAX_FLAGGED = 12
LEVELS = vocab.values(vocab.LEVELS)
TOP_REPORTS = 3
EVENTS_LISTED = 40  # a printed page's worth; the narrative and the count still use every event
MAX_EVENTS = 5000  # the week ahead in full (a national season week holds a few hundred)


@dataclass(frozen=True)
class FlaggedKabupaten:
    """A kabupaten the report calls out, and the reports that drive its score."""

    row: SnapshotRow
    reasons: tuple[str, ...]
    top_reports: tuple[Contribution, ...]


@dataclass(frozen=True)
class ElectionAhead:
    """An election touching the province, seen from the coming Monday."""

    name: str
    voting_day: date
    days_to_voting: int
    stages: tuple[tuple[str, date, date], ...]
    kabupaten_count: int


@dataclass(frozen=True)
class EventAhead:
    """A planned event of the coming week, in the province's own time."""

    starts_at: datetime
    ends_at: datetime
    kabupaten_kode: str
    nama: str
    event_type: str
    title: str
    expected_crowd: int | None


@dataclass(frozen=True)
class ProvinceSummary:
    """One province's line in the national report: how many kabupaten at each level, rose, surged."""

    kode: str
    nama: str
    kabupaten: int
    levels: dict[str, int]
    rose: int
    surges: int
    top: SnapshotRow | None  # its highest-scoring kabupaten


@dataclass(frozen=True)
class WeeklyReport:
    """Everything the printable weekly report shows for one province (or the nation) and one frozen week.

    A national report has no `provinsi_kode`; its times are in WIB, its rows ranked by score.
    """

    week_start: date
    as_of: date
    next_week_start: date
    next_week_end: date
    provinsi_kode: str | None
    provinsi_nama: str | None
    timezone: str
    zona: str
    rows: tuple[SnapshotRow, ...]
    tinggi: tuple[SnapshotRow, ...]
    rose: tuple[SnapshotRow, ...]
    surges: tuple[SnapshotRow, ...]
    flagged: tuple[FlaggedKabupaten, ...]
    elections: tuple[ElectionAhead, ...]
    events: tuple[EventAhead, ...]
    generated_at: datetime | None
    model_version: str | None
    params_hash: str | None
    previous_rows: tuple[SnapshotRow, ...] = ()
    provinces: tuple[ProvinceSummary, ...] = ()

    @property
    def national(self) -> bool:
        """All provinces, for an admin."""
        return self.provinsi_kode is None

    @functools.cached_property
    def events_listed(self) -> tuple[EventAhead, ...]:
        """The week ahead's largest gatherings (a national week holds hundreds), in time order."""
        largest = sorted(self.events, key=lambda e: -(e.expected_crowd or 0))[:EVENTS_LISTED]
        return tuple(sorted(largest, key=lambda e: (e.starts_at, e.nama, e.title)))

    @property
    def events_not_listed(self) -> int:
        """How many of the week's events the table leaves out (the page says so)."""
        return max(len(self.events) - EVENTS_LISTED, 0)


def report_province(*, account: Principal, provinsi: str | None) -> str | None:
    """The province a report is for: the one asked, else the caller's own, else (admins) None,
    the nation; never outside scope."""
    own = account.province_scope
    kode = normalize_province_kode(provinsi) if provinsi else own
    if kode is None and account.role is not Role.ADMIN:
        raise InvalidInput.single(
            "provinsi",
            "provinsi is required for an account without a province (for example ?provinsi=81)",
            location="query",
        )
    if own is not None and kode != own:
        raise Forbidden(f"you may not read the report of provinsi {kode}")
    return kode


def weekly_report(
    *, session: Session, account: Principal, week_start: date, provinsi: str | None, params: RiskParams
) -> WeeklyReport:
    """Gather one province's week (or, for an admin without a province, the nation's): levels,
    risers, surges, the reports behind them, the week ahead, last week's rows for comparison."""
    kode = report_province(account=account, provinsi=provinsi)
    province = session.get(Province, kode) if kode else None
    if kode is not None and province is None:
        raise NotFound(f"provinsi '{kode}' not found")
    rows = tuple(snapshot_for_scope(session=session, account=account, week_start=week_start, provinsi=kode))
    if kode is None:  # the nation, ranked
        rows = tuple(sorted(rows, key=lambda r: (-r.score, r.kabupaten_kode)))
    run = snapshot_run(session=session, week_start=week_start)
    timezone, zona = zone_of_province(kode) if kode else WIB
    next_monday = week_start + timedelta(days=7)
    return WeeklyReport(
        week_start=week_start,
        as_of=week_end(week_start),
        next_week_start=next_monday,
        next_week_end=week_end(next_monday),
        provinsi_kode=kode,
        provinsi_nama=province.nama if province else None,
        timezone=timezone,
        zona=zona,
        rows=rows,
        tinggi=tuple(r for r in rows if r.level == "tinggi"),
        rose=tuple(r for r in rows if (r.level_change or 0) > 0),
        surges=tuple(r for r in rows if r.surge),
        flagged=_flagged(session, account, rows, params),
        elections=_elections_ahead(session, [r.kabupaten_kode for r in rows], next_monday),
        events=_events_ahead(session, account, kode, next_monday, ZoneInfo(timezone)),
        generated_at=run.finished_at.astimezone(ZoneInfo(timezone)) if run and run.finished_at else None,
        model_version=run.model_version if run else None,
        params_hash=run.params_hash if run else None,
        previous_rows=_previous_rows(session, week_start, rows),
        provinces=_province_summaries(rows) if kode is None else (),
    )


def _previous_rows(
    session: Session, week_start: date, rows: Sequence[SnapshotRow]
) -> tuple[SnapshotRow, ...]:
    """The same kabupaten's rows of the week before, if that week was frozen."""
    previous = week_start - timedelta(days=7)
    if not rows or run_status(session=session, week_start=previous) != RunStatus.SUCCEEDED.value:
        return ()
    return tuple(snapshot_rows(session=session, week_start=previous, kodes=[r.kabupaten_kode for r in rows]))


def _province_summaries(rows: Sequence[SnapshotRow]) -> tuple[ProvinceSummary, ...]:
    """Each province with rows, most kabupaten at tinggi first (then sedang, then code)."""
    grouped: dict[str, list[SnapshotRow]] = defaultdict(list)
    for row in rows:
        grouped[row.kode_prov].append(row)
    summaries = []
    for kode, members in grouped.items():
        levels = {level: sum(1 for r in members if r.level == level) for level in LEVELS}
        summaries.append(
            ProvinceSummary(
                kode=kode,
                nama=members[0].nama_prov,
                kabupaten=len(members),
                levels=levels,
                rose=sum(1 for r in members if (r.level_change or 0) > 0),
                surges=sum(1 for r in members if r.surge),
                top=max(members, key=lambda r: (r.score, r.kabupaten_kode)),
            )
        )
    return tuple(sorted(summaries, key=lambda p: (-p.levels["tinggi"], -p.levels["sedang"], p.kode)))


def _reasons(row: SnapshotRow) -> tuple[str, ...]:
    reasons = []
    if row.level == "tinggi":
        reasons.append("tinggi")
    if (row.level_change or 0) > 0:
        reasons.append("naik")
    if row.surge:
        reasons.append("lonjakan")
    return tuple(reasons)


def _flagged(
    session: Session, account: Principal, rows: Sequence[SnapshotRow], params: RiskParams
) -> tuple[FlaggedKabupaten, ...]:
    """The highest-scoring flagged kabupaten with the reports behind their score on the Sunday."""
    flagged = sorted((r for r in rows if _reasons(r)), key=lambda r: (-r.score, r.kabupaten_kode))
    result = []
    for row in flagged[:MAX_FLAGGED]:
        _, risk = risk_for_kabupaten(
            session=session, account=account, kode=row.kabupaten_kode, as_of=row.as_of, params=params
        )
        reports = tuple(c for c in risk.contributions if c.kind == "report")[:TOP_REPORTS]
        result.append(FlaggedKabupaten(row, _reasons(row), reports))
    return tuple(result)


def _elections_ahead(session: Session, kodes: Sequence[str], monday: date) -> tuple[ElectionAhead, ...]:
    """Elections of these kabupaten that are still ahead or have a stage in the coming week."""
    sunday = week_end(monday)
    calendar = elections_by_kabupaten(session=session)
    touched: dict[str, list[str]] = defaultdict(list)
    by_id = {}
    for kode in kodes:
        for election in calendar.get(kode, ()):
            touched[election.id].append(kode)
            by_id[election.id] = election
    ahead = []
    for election_id, members in touched.items():
        election = by_id[election_id]
        stages = tuple(
            (s.stage, s.start, s.end) for s in election.stages if s.start <= sunday and s.end >= monday
        )
        if stages or election.voting_day >= monday:
            days = (election.voting_day - monday).days
            ahead.append(ElectionAhead(election.name, election.voting_day, days, stages, len(members)))
    return tuple(sorted(ahead, key=lambda e: (e.voting_day, e.name)))


def _events_ahead(
    session: Session, account: Principal, provinsi: str | None, monday: date, zone: ZoneInfo
) -> tuple[EventAhead, ...]:
    """Planned events overlapping the coming Monday-Sunday in the report's zone (a province's, or
    WIB for the nation)."""
    start = datetime.combine(monday, time.min, zone)
    end = datetime.combine(monday + timedelta(days=7), time.min, zone)
    flt = EventFilter(provinsi=provinsi, starts_from=start, starts_until=end)
    events = [
        e
        for e in list_events(session=session, account=account, flt=flt, limit=MAX_EVENTS)
        if provinsi is None or province_of(e.kabupaten_kode) == provinsi
    ]
    kodes = sorted({e.kabupaten_kode for e in events})
    names = dict(
        session.exec(select(Kabupaten.kode, Kabupaten.nama).where(col(Kabupaten.kode).in_(kodes))).all()
    )
    return tuple(
        EventAhead(
            starts_at=e.starts_at.astimezone(zone),
            ends_at=e.ends_at.astimezone(zone),
            kabupaten_kode=e.kabupaten_kode,
            nama=names.get(e.kabupaten_kode, e.kabupaten_kode),
            event_type=e.event_type,
            title=e.title,
            expected_crowd=e.expected_crowd,
        )
        for e in events
    )


@functools.lru_cache(maxsize=4)
def _features_by_province(geo_dir: Path) -> dict[str, tuple[dict[str, Any], ...]]:
    """The simplified display layer, split by province once per process."""
    collection = json.loads(get_display_geojson(geo_dir).body)
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for feature in collection["features"]:
        grouped[feature["properties"]["kode_prov"]].append(feature)
    return {prov: tuple(features) for prov, features in grouped.items()}


def province_features(*, geo_dir: Path, provinsi: str | None) -> tuple[dict[str, Any], ...]:
    """The province's kabupaten polygons (simplified for display), as GeoJSON features; every
    province's for None (the nation)."""
    grouped = _features_by_province(Path(geo_dir))
    if provinsi is None:
        return tuple(feature for kode in sorted(grouped) for feature in grouped[kode])
    return grouped.get(provinsi, ())
