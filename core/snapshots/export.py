"""A frozen week as files (CSV, XLSX, GeoJSON points) and as the data of the printable weekly report.

Every format is built from the same `SnapshotRow`s the JSON API returns, turned JSON-ready by
the same pydantic serialiser, so a number reads identically in every download.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl.cell import WriteOnlyCell
from pydantic_core import to_jsonable_python
from sqlmodel import Session, col, select

from core.accounts.service import Principal
from core.calendar.service import elections_by_kabupaten
from core.errors import Forbidden, InvalidInput, NotFound
from core.events.service import EventFilter, list_events
from core.regions.service import normalize_province_kode, province_of, zone_of_province
from core.risk.engine import Contribution, RiskParams
from core.risk.service import risk_for_kabupaten
from core.sheets.xlsx import header_sheet
from core.snapshots.freeze import SNAPSHOT_FIELDS, SnapshotRow, snapshot_for_scope, snapshot_run, week_end
from geo.display import get_display_geojson
from models.region import Kabupaten, Province

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GEOJSON_MEDIA_TYPE = "application/geo+json"
CSV_MEDIA_TYPE = "text/csv"
DATE_FIELDS = frozenset({"week_start", "as_of"})


# --------------------------------------------------------------------------- tabular files


def row_json(row: SnapshotRow) -> dict[str, Any]:
    """A row exactly as the JSON API writes it (ISO dates, Z-suffixed UTC stamps)."""
    return to_jsonable_python(asdict(row))


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def snapshot_csv(rows: Sequence[SnapshotRow]) -> bytes:
    """UTF-8 CSV with a header row, columns in the JSON API's field order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SNAPSHOT_FIELDS)
    for row in rows:
        values = row_json(row)
        writer.writerow([_csv_cell(values[name]) for name in SNAPSHOT_FIELDS])
    return buffer.getvalue().encode("utf-8")


def _xlsx_cell(sheet: Any, name: str, row: SnapshotRow, values: dict[str, Any]) -> Any:
    """Dates as real date cells (so Excel sorts and filters them); everything else as JSON has it."""
    if name in DATE_FIELDS:
        cell = WriteOnlyCell(sheet, value=getattr(row, name))
        cell.number_format = "yyyy-mm-dd"
        return cell
    return values[name]


def snapshot_xlsx(rows: Sequence[SnapshotRow], *, title: str = "snapshot") -> bytes:
    """One worksheet: a bold header and one line per kabupaten."""
    workbook, sheet = header_sheet(title, SNAPSHOT_FIELDS)
    for row in rows:
        values = row_json(row)
        sheet.append([_xlsx_cell(sheet, name, row, values) for name in SNAPSHOT_FIELDS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def label_points(*, session: Session, kodes: Sequence[str]) -> dict[str, tuple[float, float]]:
    """(lon, lat) of each kabupaten's label point: inside its largest part."""
    query = select(Kabupaten.kode, Kabupaten.label_lng, Kabupaten.label_lat).where(
        col(Kabupaten.kode).in_(list(kodes))
    )
    return {kode: (lng, lat) for kode, lng, lat in session.exec(query).all()}


def snapshot_geojson(*, session: Session, rows: Sequence[SnapshotRow]) -> bytes:
    """A FeatureCollection of label points (not polygons: the map layer has those), row as properties."""
    points = label_points(session=session, kodes=[r.kabupaten_kode for r in rows])
    features = [
        {
            "type": "Feature",
            "id": row.kabupaten_kode,
            "geometry": {"type": "Point", "coordinates": list(points[row.kabupaten_kode])},
            "properties": row_json(row),
        }
        for row in rows
    ]
    body = {"type": "FeatureCollection", "features": features}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --------------------------------------------------------------------------- the weekly report


MAX_FLAGGED = 12
TOP_REPORTS = 3


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
class WeeklyReport:
    """Everything the printable weekly report shows for one province and one frozen week."""

    week_start: date
    as_of: date
    next_week_start: date
    next_week_end: date
    provinsi_kode: str
    provinsi_nama: str
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


def report_province(*, account: Principal, provinsi: str | None) -> str:
    """The province a report is for: the one asked, else the caller's own; never outside scope."""
    own = account.province_scope
    kode = normalize_province_kode(provinsi) if provinsi else own
    if kode is None:
        raise InvalidInput.single("provinsi", "provinsi is required (for example ?provinsi=81)")
    if own is not None and kode != own:
        raise Forbidden(f"you may not read the report of provinsi {kode}")
    return kode


def weekly_report(
    *, session: Session, account: Principal, week_start: date, provinsi: str | None, params: RiskParams
) -> WeeklyReport:
    """Gather one province's week: levels, risers, surges, the reports behind them, the week ahead."""
    kode = report_province(account=account, provinsi=provinsi)
    province = session.get(Province, kode)
    if province is None:
        raise NotFound(f"provinsi '{kode}' not found")
    rows = tuple(snapshot_for_scope(session=session, account=account, week_start=week_start, provinsi=kode))
    run = snapshot_run(session=session, week_start=week_start)
    timezone, zona = zone_of_province(kode)
    next_monday = week_start + timedelta(days=7)
    return WeeklyReport(
        week_start=week_start,
        as_of=week_end(week_start),
        next_week_start=next_monday,
        next_week_end=week_end(next_monday),
        provinsi_kode=kode,
        provinsi_nama=province.nama,
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
    )


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
    session: Session, account: Principal, provinsi: str, monday: date, zone: ZoneInfo
) -> tuple[EventAhead, ...]:
    """Planned events overlapping the coming Monday-Sunday in the province's zone."""
    start = datetime.combine(monday, time.min, zone)
    end = datetime.combine(monday + timedelta(days=7), time.min, zone)
    flt = EventFilter(provinsi=provinsi, starts_from=start, starts_until=end)
    events = list_events(session=session, account=account, flt=flt)
    names = dict(
        session.exec(select(Kabupaten.kode, Kabupaten.nama).where(Kabupaten.kode_prov == provinsi)).all()
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
        if province_of(e.kabupaten_kode) == provinsi
    )


# --------------------------------------------------------------------------- map shapes


@functools.lru_cache(maxsize=4)
def _features_by_province(geo_dir: Path) -> dict[str, tuple[dict[str, Any], ...]]:
    """The simplified display layer, split by province once per process."""
    collection = json.loads(get_display_geojson(geo_dir).body)
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for feature in collection["features"]:
        grouped[feature["properties"]["kode_prov"]].append(feature)
    return {prov: tuple(features) for prov, features in grouped.items()}


def province_features(*, geo_dir: Path, provinsi: str) -> tuple[dict[str, Any], ...]:
    """The province's kabupaten polygons (simplified for display), as GeoJSON features."""
    return _features_by_province(Path(geo_dir)).get(provinsi, ())
