"""The dashboard's only door to the data: core services (and a few read-only look-ups) per account.

Everything here is scoped by a `Principal` the caller got from the session cookie, so a page
or callback can never read outside the account's province or kabupaten. Scores are cached
briefly per (scope, day) so switching factor or province reuses the last computation.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Engine, Select, func
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from core.accounts import people
from core.accounts.people import authenticate_password, change_own_password
from core.accounts.service import Principal, principal_of
from core.accounts.sessions import check_session, end_session, open_session, record_session_check
from core.alerts.live import live_alert_checker
from core.alerts.queries import AlertView, WebhookSummary, list_alerts, webhook_summaries
from core.calendar.service import list_elections, to_engine_input
from core.config import Settings
from core.db import get_engine, read_session, write_session
from core.errors import NotFound, Unauthenticated, WaspadaError
from core.events.service import EventFilter, list_events
from core.regions.kecamatan import list_desa, list_kecamatan
from core.regions.service import list_kabupaten, list_provinces, zone_of_province
from core.reports.duplicates import suggest_duplicates
from core.reports.queries import (
    ReportFilter,
    ReportOrder,
    count_matches,
    get_report,
    list_reports,
    status_counts,
    to_public,
)
from core.reports.workflow import StepOutcome, allowed_transitions, report_trail, transition_reports
from core.risk.engine import RiskResult
from core.risk.params import RiskParams
from core.risk.service import (
    KecamatanRef,
    kabupaten_in_scope,
    risk_for_kabupaten,
    risk_for_kecamatan,
    risk_for_kodes,
    risk_params,
)
from dashboard.cache import TTLCache, scope_key
from dashboard.local_time import last_sundays, local_day_bounds, local_time_label, wib_today
from dashboard.snapshot_data import frozen_area_values, frozen_trend, frozen_weeks
from dashboard.views import (
    AreaRef,
    AreaValues,
    ElectionView,
    KabupatenDetail,
    ReportPoint,
    ReportView,
    TrailStep,
    TrendPoint,
    live_values,
)
from geo.display import Bounds, get_display_geojson
from models.account import AccountPublic
from models.duplicate import DuplicateCandidate
from models.event import PlannedEvent
from models.report import Report, ReportDaily, ReportPage, ReportPublic, ReportUpdate, SourceType
from models.types import utc_now

DEFAULT_CACHE_SECONDS = 30.0
Query = TypeVar("Query", bound=Select[Any] | SelectOfScalar[Any])
DEMO_CACHE_SECONDS = 300.0
POINTS_LIMIT = 1500
TREND_WEEKS = 12
INBOX_PAGE = 50
MATCH_COUNT_CAP = 1000


@dataclass(frozen=True)
class LatestData:
    """The newest day with reports (None: none yet) and whether the newest report is synthetic."""

    day: date | None
    demo: bool


def in_scope(query: Query, kabupaten: Any, principal: Principal) -> Query:
    """Narrow a query on a kabupaten code column to what the account may see."""
    if principal.kabupaten_kode:
        return query.where(kabupaten == principal.kabupaten_kode)
    if principal.province_scope:
        return query.where(kabupaten.startswith(f"{principal.province_scope}."))
    return query


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

    def login(self, username: str, password: str) -> tuple[str, Principal] | None:
        """Check a username and password and open a server-side session; None when they are wrong."""
        with write_session(self.engine) as session:
            try:
                account = authenticate_password(session=session, username=username, password=password)
            except Unauthenticated:
                return None
            principal = principal_of(account)
            raw = open_session(session=session, principal=principal, now=utc_now())
            session.commit()
        return raw, principal

    def change_password(self, principal: Principal, current: str, new: str) -> str:
        """Change the holder's password (every session ends) and open a fresh session for them."""
        with write_session(self.engine) as session:
            account = change_own_password(
                session=session, account_id=principal.account_id, current=current, new=new
            )
            raw = open_session(session=session, principal=principal_of(account), now=utc_now())
            session.commit()
        return raw

    def session_principal(self, raw: str | None) -> Principal | None:
        """Who holds this session cookie: one indexed read, a write at most once a minute."""
        now = utc_now()
        with read_session(self.engine) as session:
            check = check_session(session=session, raw=raw, now=now)
        if check.end or check.touch:
            with write_session(self.engine) as session:
                record_session_check(session=session, check=check, now=now)
                session.commit()
        return check.principal

    def logout(self, raw: str | None) -> None:
        """End the session on the server, so a copied cookie stops working too."""
        with write_session(self.engine) as session:
            end_session(session=session, raw=raw, now=utc_now())
            session.commit()

    def accounts(self, principal: Principal) -> list[AccountPublic]:
        """The accounts this person may manage or see (admins all, analysts their province)."""
        with read_session(self.engine) as session:
            return [people.public_account(a) for a in people.list_accounts(session=session, actor=principal)]

    def webhooks(self, principal: Principal) -> list[WebhookSummary]:
        """The alert webhooks and how their deliveries went (admins only)."""
        with read_session(self.engine) as session:
            return webhook_summaries(
                session=session, account=principal, configured=list(self.settings.webhook_urls)
            )

    # ------------------------------------------------------------------ look-ups

    def today(self) -> date:
        """Today in WIB by this instance's clock (tests pass their own)."""
        return wib_today(self.now())

    def elections(self) -> list[ElectionView]:
        """The calendar, ordered by voting day (cached: it changes a few times a year)."""

        def load() -> list[ElectionView]:
            with read_session(self.engine) as session:
                return [ElectionView(e.id, to_engine_input(e)) for e in list_elections(session=session)]

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
        """Zoom boxes per kabupaten from the display geometry."""
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
        """Score the whole scope in one batched call (the cache keeps it per scope and day)."""
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
            query = in_scope(query, col(Report.kabupaten_kode), principal)
            with read_session(self.engine) as session:
                return session.exec(query.limit(1)).first() is not None

        return self.cache.get_or_compute(key, load, seconds=DEMO_CACHE_SECONDS)

    def latest_data(self, principal: Principal, until: date) -> LatestData:
        """The newest day up to `until` with a counted report in scope, and whether it is the demo's."""

        def load() -> LatestData:
            daily = select(func.max(ReportDaily.day)).where(ReportDaily.count > 0, ReportDaily.day <= until)
            _, end = local_day_bounds(None, until)  # WIB ends last: every zone's day is inside
            newest = select(Report.source_type).where(col(Report.occurred_at) < end)
            newest = in_scope(newest, col(Report.kabupaten_kode), principal)
            with read_session(self.engine) as session:
                day = session.exec(in_scope(daily, ReportDaily.kabupaten_kode, principal)).one()
                source = session.exec(newest.order_by(col(Report.occurred_at).desc()).limit(1)).first()
            return LatestData(day, source == SourceType.DEMO.value)

        return self.cache.get_or_compute(("latest", scope_key(principal), until), load)

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

    def kecamatan_risk(
        self, principal: Principal, kode: str, as_of: date
    ) -> list[tuple[KecamatanRef, RiskResult]]:
        """Every kecamatan of a kabupaten in scope, scored for as_of; empty outside the scope."""
        try:
            with read_session(self.engine) as session:
                _, rows = risk_for_kecamatan(
                    session=session, account=principal, kabupaten=kode, as_of=as_of, params=self.params
                )
        except (NotFound, WaspadaError):
            return []
        return rows

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

    # ------------------------------------------------------------------ weekly snapshots

    def snapshot_weeks(self) -> list[date]:
        """Frozen weeks, newest first (the week picker; hidden when empty)."""

        def load() -> list[date]:
            with read_session(self.engine) as session:
                return frozen_weeks(session=session)

        return self.cache.get_or_compute(("weeks",), load)

    def snapshot_scores(self, principal: Principal, week_start: date) -> list[AreaValues] | None:
        """A frozen week's numbers for the scope, in the same order as live scores; None if absent."""
        refs = self.scope_refs(principal)
        with read_session(self.engine) as session:
            return frozen_area_values(session=session, refs=refs, week_start=week_start)

    def snapshot_trend(self, kode: str, weeks: int) -> dict[date, TrendPoint]:
        """Frozen weekly rows of one kabupaten by the Sunday they end on."""
        with read_session(self.engine) as session:
            return frozen_trend(session=session, kode=kode, weeks=weeks)

    # ------------------------------------------------------------------ inbox and one report

    def inbox(
        self, principal: Principal, flt: ReportFilter, cursor: str | None, limit: int = INBOX_PAGE
    ) -> ReportPage:
        """A page of the reports in scope, newest arrival first (never cached: the inbox is live)."""
        with read_session(self.engine) as session:
            return list_reports(
                session=session,
                account=principal,
                flt=flt,
                limit=limit,
                cursor=cursor,
                order=ReportOrder.RECEIVED,
            )

    def status_counts(self, principal: Principal, flt: ReportFilter) -> dict[str, int]:
        """How many reports of each status the filter holds in scope (the inbox's tabs)."""
        with read_session(self.engine) as session:
            return status_counts(session=session, account=principal, flt=flt)

    def match_count(self, principal: Principal, flt: ReportFilter, cap: int = MATCH_COUNT_CAP) -> int:
        """How many reports a text search finds, up to cap + 1 (then the page says 'more than cap')."""
        with read_session(self.engine) as session:
            return count_matches(session=session, account=principal, flt=flt, cap=cap)

    def kabupaten_names(self) -> dict[str, str]:
        """Every kabupaten's name by code (the inbox and report pages name places)."""

        def load() -> dict[str, str]:
            with read_session(self.engine) as session:
                return {k.kode: k.nama for k in list_kabupaten(session=session)}

        return self.cache.get_or_compute(("kabupaten-names",), load, seconds=DEMO_CACHE_SECONDS)

    def kecamatan_names(self, kabupaten: str) -> dict[str, str]:
        """A kabupaten's kecamatan names by code (filters and the report page)."""

        def load() -> dict[str, str]:
            with read_session(self.engine) as session:
                try:
                    return {k.kode: k.nama for k in list_kecamatan(session=session, kabupaten=kabupaten)}
                except WaspadaError:
                    return {}

        return self.cache.get_or_compute(("kecamatan-names", kabupaten), load, seconds=DEMO_CACHE_SECONDS)

    def report_view(self, principal: Principal, report_id: uuid.UUID) -> ReportView | None:
        """One report in scope with its trail and the steps this reader may take; None outside it."""
        with read_session(self.engine) as session:
            try:
                report = get_report(session=session, account=principal, report_id=report_id)
                events = report_trail(session=session, account=principal, report_id=report_id)
            except NotFound:
                return None
            allowed = tuple(s.value for s in allowed_transitions(principal, report))
            desa = (
                next(
                    (
                        d.nama
                        for d in list_desa(session=session, kecamatan=report.kecamatan_kode)
                        if d.kode == report.desa_kode
                    ),
                    None,
                )
                if report.desa_kode and report.kecamatan_kode
                else None
            )
            public = to_public(report)
        names = self.kabupaten_names()
        kecamatan = self.kecamatan_names(public.kabupaten_kode)
        located_kec = (
            self.kecamatan_names(public.located_kecamatan_kode[:5]) if public.located_kecamatan_kode else {}
        )
        created = TrailStep(public.received_at, public.reporter, "created", to_status="baru")
        steps = [TrailStep(e.at, e.actor, e.action, e.from_value, e.to_value, e.note) for e in events]
        return ReportView(
            report=public,
            kabupaten_nama=names.get(public.kabupaten_kode, public.kabupaten_kode),
            kecamatan_nama=kecamatan.get(public.kecamatan_kode or "") or public.kecamatan,
            desa_nama=desa,
            located_kabupaten_nama=names.get(public.located_kabupaten_kode or ""),
            located_kecamatan_nama=located_kec.get(public.located_kecamatan_kode or ""),
            trail=(created, *steps),
            allowed=allowed,
            may_note=principal.can_read_kabupaten(public.kabupaten_kode),
        )

    def duplicate_candidates(self, principal: Principal, report_id: uuid.UUID) -> list[DuplicateCandidate]:
        """Reports this one may repeat, best first (empty when it is out of scope)."""
        with read_session(self.engine) as session:
            try:
                return suggest_duplicates(
                    session=session, account=principal, report_id=report_id, geo_dir=self.settings.geo_dir
                )
            except NotFound:
                return []

    def step_reports(
        self, principal: Principal, report_ids: Sequence[uuid.UUID], update: ReportUpdate
    ) -> list[StepOutcome]:
        """Verify, reject, mark, follow up or note reports; the map and scores show it at once."""
        with write_session(self.engine) as session:
            outcomes = transition_reports(
                session=session,
                account=principal,
                report_ids=report_ids,
                update=update,
                mark_live=live_alert_checker(self.settings).mark,
            )
        if any(o.report is not None for o in outcomes):
            self.cache.clear()  # a verified report weighs more: cached scores are stale now
        return outcomes
