"""The dashboard's only door to the data: core services (and a few read-only look-ups) per account.

Everything here is scoped by a `Principal` the caller got from the session cookie, so a page
or callback can never read outside the account's province or kabupaten. Scores are cached
briefly per (scope, day) so switching factor or province reuses the last computation.
"""

from __future__ import annotations

import importlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import col, select

from core.accounts.service import Principal, authenticate_token, principal_for_token_id
from core.alerts.live import AlertView, list_alerts
from core.calendar.service import list_elections
from core.config import Settings
from core.db import get_engine, read_session
from core.errors import NotFound, Unauthenticated, WaspadaError
from core.events.service import EventFilter, list_events
from core.regions.service import list_provinces, zone_of_kabupaten, zone_of_province
from core.reports.queries import ReportFilter, list_reports
from core.risk.engine import RiskParams, RiskResult, level_for
from core.risk.service import kabupaten_in_scope, risk_for_kabupaten, risk_for_kodes, risk_params
from geo.display import Bounds, get_display_geojson
from models.event import PlannedEvent
from models.report import Report, ReportPublic, SourceType
from models.types import utc_now

WIB_ZONE = ZoneInfo("Asia/Jakarta")
DEFAULT_CACHE_SECONDS = 30.0
DEMO_CACHE_SECONDS = 300.0
POINTS_LIMIT = 1500
TREND_WEEKS = 12
FACTORS = ("kerumunan", "kampanye", "isu", "kekerasan")


@dataclass(frozen=True)
class SessionUser:
    """What the signed cookie carries: who logged in, with which token, in which scope."""

    account_id: int
    token_id: int
    name: str
    role: str
    provinsi_kode: str | None
    kabupaten_kode: str | None


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
    """An election as the header shows it: name, voting day and its stage windows."""

    id: int
    name: str
    voting_day: date
    stages: tuple[tuple[str, date, date], ...]

    def stage_on(self, day: date) -> str | None:
        """The stage containing day; on overlaps the latest-starting, then shortest, wins."""
        active = [
            (start, -(end - start).days, stage) for stage, start, end in self.stages if start <= day <= end
        ]
        return max(active)[2] if active else None


@dataclass(frozen=True)
class ReportPoint:
    lat: float
    lon: float
    title: str
    category: str
    occurred_local: str


@dataclass(frozen=True)
class KabupatenDetail:
    kode: str
    nama: str
    kode_prov: str
    nama_prov: str
    zona: str
    result: RiskResult


@dataclass(frozen=True)
class TrendPoint:
    week_end: date
    total: float
    factor_scores: dict[str, float]
    frozen: bool


class TTLCache:
    """A small thread-safe LRU with expiry: callbacks run on many threads at once."""

    def __init__(self, seconds: float, max_entries: int = 256, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self.max_entries = max_entries
        self.clock = clock
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any], seconds: float | None = None) -> Any:
        """The cached value while fresh, else compute it (outside the lock) and keep it."""
        now = self.clock()
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[0] > now:
                self._items.move_to_end(key)
                return hit[1]
        value = compute()
        with self._lock:
            self._items[key] = (now + (self.seconds if seconds is None else seconds), value)
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def scope_key(principal: Principal) -> tuple[str, str | None, str | None]:
    """Accounts with the same role and scope see the same numbers, so they share cache entries."""
    return (principal.role.value, principal.provinsi_kode, principal.kabupaten_kode)


def wib_today(now: datetime | None = None) -> date:
    """Today in WIB, the dashboard's default date (most of the TKD audience is on WIB)."""
    return (now or utc_now()).astimezone(WIB_ZONE).date()


def local_time_label(kabupaten_kode: str, instant: datetime) -> str:
    """A timestamp in the kabupaten's own zone, suffixed WIB/WITA/WIT so nobody converts by hand."""
    zone_name = zone_of_province(kabupaten_kode.split(".", 1)[0])[1]
    moment = instant if instant.tzinfo else instant.replace(tzinfo=UTC)
    return f"{moment.astimezone(zone_of_kabupaten(kabupaten_kode)):%Y-%m-%d %H:%M} {zone_name}"


def local_day_bounds(kabupaten_kode: str | None, day: date) -> tuple[datetime, datetime]:
    """Start and end (exclusive) of a calendar day in the kabupaten's zone (WIB when unknown)."""
    zone = zone_of_kabupaten(kabupaten_kode) if kabupaten_kode else WIB_ZONE
    start = datetime.combine(day, datetime.min.time(), zone)
    return start, start + timedelta(days=1)


class DashboardData:
    """Reads for one deployment: an engine, the risk parameters, the geometry and small caches."""

    def __init__(
        self,
        settings: Settings,
        *,
        cache_seconds: float = DEFAULT_CACHE_SECONDS,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.settings = settings
        self.engine: Engine = get_engine(settings)
        self.params: RiskParams = risk_params(settings)
        self.now = now
        self.cache = TTLCache(cache_seconds)

    # ------------------------------------------------------------------ sessions

    def login(self, token: str) -> SessionUser | None:
        """Check a bearer token once at login; None when it is unknown or revoked."""
        with read_session(self.engine) as session:
            try:
                principal, token_id = authenticate_token(session=session, token=token)
            except Unauthenticated:
                return None
        return SessionUser(
            account_id=principal.account_id,
            token_id=token_id,
            name=principal.name,
            role=principal.role.value,
            provinsi_kode=principal.provinsi_kode,
            kabupaten_kode=principal.kabupaten_kode,
        )

    def principal_for_token(self, token_id: int, account_id: int) -> Principal | None:
        """One primary-key query per request: the token still exists, is not revoked, same account."""
        with read_session(self.engine) as session:
            return principal_for_token_id(session=session, token_id=token_id, account_id=account_id)

    # ------------------------------------------------------------------ look-ups

    def today(self) -> date:
        return wib_today(self.now())

    def elections(self) -> list[ElectionView]:
        """The calendar, ordered by voting day (cached: it changes a few times a year)."""

        def load() -> list[ElectionView]:
            with read_session(self.engine) as session:
                return [
                    ElectionView(
                        id=e.id,
                        name=e.name,
                        voting_day=e.voting_day,
                        stages=tuple((s.stage.value, s.start_date, s.end_date) for s in e.stages),
                    )
                    for e in list_elections(session=session)
                ]

        return self.cache.get_or_compute(("elections",), load)

    def province_names(self) -> dict[str, str]:
        """Every province's name by code (public registry data)."""

        def load() -> dict[str, str]:
            with read_session(self.engine) as session:
                return {p.kode: p.nama for p in list_provinces(session=session)}

        return self.cache.get_or_compute(("provinces",), load, seconds=3600)

    def provinces_in_scope(self, principal: Principal) -> list[tuple[str, str]]:
        """The provinces this account may pick: all for an admin, its own otherwise."""
        names = self.province_names()
        own = principal.province_scope
        return [(kode, nama) for kode, nama in names.items() if own is None or kode == own]

    def province_bounds(self) -> dict[str, Bounds]:
        """Zoom boxes per province from the display geometry (built once per process)."""
        return get_display_geojson(self.settings.geo_dir).province_bounds

    def kabupaten_bounds(self) -> dict[str, Bounds]:
        return get_display_geojson(self.settings.geo_dir).bounds

    def scope_bounds(self, principal: Principal) -> Bounds | None:
        """The box around everything the account may see; None for 'all of Indonesia'."""
        if principal.kabupaten_kode:
            return self.kabupaten_bounds().get(principal.kabupaten_kode)
        if principal.province_scope:
            return self.province_bounds().get(principal.province_scope)
        return None

    # ------------------------------------------------------------------ scores

    def scores(self, principal: Principal, as_of: date) -> list[AreaValues]:
        """Every kabupaten in scope scored for as_of, in code order (the map's location order)."""
        key = ("scores", scope_key(principal), as_of)
        return self.cache.get_or_compute(key, lambda: self._compute_scores(principal, as_of))

    def scope_refs(self, principal: Principal) -> list[AreaRef]:
        """The kabupaten this account may see, in code order, with province names."""

        def load() -> list[AreaRef]:
            names = self.province_names()
            with read_session(self.engine) as session:
                refs = kabupaten_in_scope(session=session, account=principal)
            return [AreaRef(r.kode, r.nama, r.kode_prov, names.get(r.kode_prov, "")) for r in refs]

        return self.cache.get_or_compute(("refs", scope_key(principal)), load, seconds=3600)

    def _compute_scores(self, principal: Principal, as_of: date) -> list[AreaValues]:
        refs = self.scope_refs(principal)
        with read_session(self.engine) as session:
            results = risk_for_kodes(
                session=session, kodes=[r.kode for r in refs], as_of=as_of, params=self.params
            )
        return [live_values(ref, results[ref.kode]) for ref in refs]

    def previous_scores(self, kodes: Iterable[str], as_of: date) -> dict[str, AreaValues]:
        """Scores a week earlier for a few kabupaten (the ranking's change column)."""
        wanted = tuple(sorted(set(kodes)))
        if not wanted:
            return {}
        key = ("previous", wanted, as_of)

        def load() -> dict[str, AreaValues]:
            with read_session(self.engine) as session:
                results = risk_for_kodes(session=session, kodes=list(wanted), as_of=as_of, params=self.params)
            return {kode: live_values(AreaRef(kode, "", "", ""), result) for kode, result in results.items()}

        return self.cache.get_or_compute(key, load)

    def report_points(self, principal: Principal, as_of: date) -> list[ReportPoint]:
        """Reports of the 7 days up to as_of that carry coordinates, newest first."""
        since, _ = local_day_bounds(None, as_of - timedelta(days=6))
        _, until = local_day_bounds(None, as_of)
        with read_session(self.engine) as session:
            page = list_reports(
                session=session,
                account=principal,
                flt=ReportFilter(since=since, until=until),
                limit=POINTS_LIMIT,
            )
        return [
            ReportPoint(
                lat=r.latitude,
                lon=r.longitude,
                title=r.title,
                category=r.category.value,
                occurred_local=local_time_label(r.kabupaten_kode, r.occurred_at),
            )
            for r in page.items
            if r.latitude is not None and r.longitude is not None
        ]

    def has_demo_data(self, principal: Principal) -> bool:
        """Whether synthetic demo reports exist in this scope (the footer then says so)."""
        key = ("demo", scope_key(principal))

        def load() -> bool:
            query = select(Report.id).where(Report.source_type == SourceType.DEMO.value)
            if principal.kabupaten_kode:
                query = query.where(Report.kabupaten_kode == principal.kabupaten_kode)
            elif principal.province_scope:
                query = query.where(col(Report.kabupaten_kode).startswith(f"{principal.province_scope}."))
            with read_session(self.engine) as session:
                return session.exec(query.limit(1)).first() is not None

        return self.cache.get_or_compute(key, load, seconds=DEMO_CACHE_SECONDS)

    # ------------------------------------------------------------------ one kabupaten

    def kabupaten_detail(self, principal: Principal, kode: str, as_of: date | None) -> KabupatenDetail | None:
        """Score with explanation, or None when the code is unknown or outside the scope."""
        try:
            with read_session(self.engine) as session:
                ref, result = risk_for_kabupaten(
                    session=session, account=principal, kode=kode, as_of=as_of, params=self.params
                )
        except (NotFound, WaspadaError):
            return None
        zona = zone_of_province(ref.kode_prov)[1]
        return KabupatenDetail(
            ref.kode, ref.nama, ref.kode_prov, self.province_names().get(ref.kode_prov, ""), zona, result
        )

    def trend(
        self, principal: Principal, kode: str, as_of: date, weeks: int = TREND_WEEKS
    ) -> list[TrendPoint]:
        """Score per factor at the last `weeks` Sundays up to as_of; frozen snapshot rows win."""
        if not principal.can_read_kabupaten(kode):
            return []
        sundays = last_sundays(as_of, weeks)
        frozen = self.snapshot_trend(kode, weeks)
        points = []
        with read_session(self.engine) as session:
            for sunday in sundays:
                if sunday in frozen:
                    points.append(frozen[sunday])
                    continue
                result = risk_for_kodes(session=session, kodes=[kode], as_of=sunday, params=self.params)[kode]
                points.append(TrendPoint(sunday, result.score, dict(result.factor_scores), frozen=False))
        return points

    def recent_reports(
        self, principal: Principal, kode: str, as_of: date, limit: int = 20
    ) -> list[ReportPublic]:
        """The newest reports of one kabupaten up to the end of as_of (its own zone)."""
        _, until = local_day_bounds(kode, as_of)
        with read_session(self.engine) as session:
            page = list_reports(
                session=session, account=principal, flt=ReportFilter(kabupaten=kode, until=until), limit=limit
            )
        return page.items

    def alerts(self, principal: Principal, as_of: date, days: int = 14, limit: int = 8) -> list[AlertView]:
        """The scope's alerts of the two weeks up to as_of (what the team must look at first)."""
        with read_session(self.engine) as session:
            views = list_alerts(session=session, account=principal, limit=500)
        window = [v for v in views if as_of - timedelta(days=days) < v.as_of <= as_of]
        return sorted(window, key=lambda v: (v.as_of, v.score), reverse=True)[:limit]

    def upcoming_events(
        self, principal: Principal, kode: str, as_of: date, limit: int = 10
    ) -> list[PlannedEvent]:
        """Planned, uncancelled events from as_of on, soonest first."""
        start, _ = local_day_bounds(kode, as_of)
        with read_session(self.engine) as session:
            return list_events(
                session=session,
                account=principal,
                flt=EventFilter(kabupaten=kode, starts_from=start),
                limit=limit,
            )

    # ------------------------------------------------------------------ weekly snapshots (optional)

    def snapshot_weeks(self) -> list[date]:
        """Frozen weeks, newest first; empty when core.snapshots.freeze is absent or has no data."""
        module = snapshots_module()
        if module is None:
            return []

        def load() -> list[date]:
            try:
                with read_session(self.engine) as session:
                    listed = list(module.list_weeks(session=session))
            except Exception:  # an optional feature must never break the map
                return []
            weeks = [as_date(w) for w in listed if read_field(w, "status", "succeeded") == "succeeded"]
            return sorted({w for w in weeks if w is not None}, reverse=True)

        return self.cache.get_or_compute(("weeks",), load)

    def snapshot_scores(self, principal: Principal, week_start: date) -> list[AreaValues] | None:
        """A frozen week's numbers for the scope, in the same order as live scores; None if absent."""
        module = snapshots_module()
        if module is None:
            return None
        refs = self.scope_refs(principal)
        try:
            with read_session(self.engine) as session:
                rows = module.snapshot_rows(
                    session=session, week_start=week_start, kodes=[r.kode for r in refs]
                )
        except Exception:  # fall back to live numbers rather than an error page
            return None
        by_kode = {str(read_field(row, "kabupaten_kode")): row for row in rows}
        if not by_kode:
            return None
        return [snapshot_values(ref, by_kode.get(ref.kode)) for ref in refs]

    def snapshot_trend(self, kode: str, weeks: int) -> dict[date, TrendPoint]:
        """Frozen weekly rows of one kabupaten by the Sunday they end on."""
        module = snapshots_module()
        if module is None:
            return {}
        try:
            with read_session(self.engine) as session:
                rows = list(module.trend(session=session, kabupaten_kode=kode, weeks=weeks))
        except Exception:  # live values are always a valid fallback
            return {}
        points = {}
        for row in rows:
            end = snapshot_week_end(row)
            if end is not None:
                scores = factor_scores_of(row)
                points[end] = TrendPoint(end, float(read_field(row, "score") or 0.0), scores, frozen=True)
        return points


# ---------------------------------------------------------------------- helpers (pure)


def live_values(ref: AreaRef, result: RiskResult) -> AreaValues:
    """A live risk result as map values; 'no data' means nothing counted at all."""
    return AreaValues(
        kode=ref.kode,
        nama=ref.nama,
        kode_prov=ref.kode_prov,
        nama_prov=ref.nama_prov,
        score=result.score,
        level=result.level,
        factor_scores=dict(result.factor_scores),
        reports_7d=result.reports_7d,
        surge=result.surge,
        has_data=result.raw_points > 0 or result.score > 0,
        factor_has_data={f: result.factor_points.get(f, 0.0) > 0 for f in result.factor_points},
    )


def last_sundays(as_of: date, weeks: int) -> list[date]:
    """The `weeks` most recent Sundays on or before as_of, oldest first."""
    last = as_of - timedelta(days=(as_of.weekday() + 1) % 7)
    return [last - timedelta(weeks=n) for n in reversed(range(weeks))]


def snapshots_module() -> Any | None:
    """core.snapshots.freeze when it exists and offers what the dashboard uses, else None."""
    try:
        module = importlib.import_module("core.snapshots.freeze")
    except ImportError:
        return None
    needed = ("list_weeks", "snapshot_rows", "trend")
    return module if all(callable(getattr(module, name, None)) for name in needed) else None


def read_field(row: Any, name: str, default: Any = None) -> Any:
    """A column of a snapshot row, whether it is an object, a mapping or a SQL row."""
    if isinstance(row, dict):
        return row.get(name, default)
    mapping = getattr(row, "_mapping", None)
    if mapping is not None and name in mapping:
        return mapping[name]
    return getattr(row, name, default)


def as_date(value: Any) -> date | None:
    """A week as a date, from a date, an ISO string, or a row with week_start."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    week = read_field(value, "week_start")
    return as_date(week) if week is not None else None


def snapshot_week_end(row: Any) -> date | None:
    """The day a frozen row was scored for: its as_of, else its week_start + 6."""
    as_of = as_date(read_field(row, "as_of"))
    if as_of is not None:
        return as_of
    start = as_date(read_field(row, "week_start"))
    return start + timedelta(days=6) if start is not None else None


def factor_scores_of(row: Any) -> dict[str, float]:
    """Factor scores of a frozen row, stored either as a mapping or as JSON text."""
    raw = read_field(row, "factor_scores") or {}
    if isinstance(raw, str):
        raw = json.loads(raw)
    return {str(k): float(v) for k, v in dict(raw).items()}


def snapshot_values(ref: AreaRef, row: Any | None) -> AreaValues:
    """A frozen row in the live shape; a kabupaten without a row shows 'no data'."""
    if row is None:
        return AreaValues(
            ref.kode, ref.nama, ref.kode_prov, ref.nama_prov, 0.0, "rendah", {}, 0, False, False
        )
    scores = factor_scores_of(row)
    score = float(read_field(row, "score") or 0.0)
    return AreaValues(
        kode=ref.kode,
        nama=ref.nama,
        kode_prov=ref.kode_prov,
        nama_prov=ref.nama_prov,
        score=score,
        level=str(read_field(row, "level") or "rendah"),
        factor_scores=scores,
        reports_7d=int(read_field(row, "reports_7d") or 0),
        surge=bool(read_field(row, "surge") or False),
        has_data=score > 0,
        factor_has_data={f: v > 0 for f, v in scores.items()},
    )
