"""Risk for real kabupaten: read the aggregates, calendar, events and baseline; call the pure engine.

The API, the dashboard and the weekly snapshot job all come through `risk_for_scope`
and `risk_for_kabupaten`, so a score means the same thing wherever it is shown.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Date, Float, Table, and_, case, func, literal, union_all
from sqlmodel import Session, col, select

from core.accounts.service import Principal
from core.calendar.service import elections_by_kabupaten
from core.config import Settings
from core.errors import NotFound
from core.events.service import events_in_horizon
from core.regions.service import kabupaten_kode_or_not_found, normalize_province_kode, zone_of_kabupaten
from core.risk.engine import RiskResult, compute_risk
from core.risk.inputs import DecayedCount, ReportCandidate, WindowSummary
from core.risk.params import DEFAULT_PARAMS, POINT_UNIT, STORED_CLASS_WEIGHTS, RiskParams, same_class_weights
from core.risk.points import decay
from models.event import BaselineScore
from models.region import Kabupaten, Kecamatan
from models.report import (
    AGGREGATE_CLASSES,
    AGGREGATE_COLUMNS,
    POINTS_COLUMNS,
    Report,
    ReportDaily,
    ReportDailyKecamatan,
    ReportStatus,
    factor_of,
)
from models.types import utc_now

SURGE_DAYS = 35
IN_LIST_LIMIT = 100  # beyond this, scanning the window and dropping rows beats a long IN list


@lru_cache(maxsize=16)
def _params_from_json(overrides: str) -> RiskParams:
    return RiskParams(**json.loads(overrides)) if overrides else DEFAULT_PARAMS


def risk_params(settings: Settings) -> RiskParams:
    """The deployment's parameters: defaults, with WASPADA_RISK_PARAMS overrides (JSON) applied."""
    return _params_from_json(json.dumps(settings.risk_params, sort_keys=True) if settings.risk_params else "")


@dataclass(frozen=True)
class KabupatenRef:
    kode: str
    nama: str
    kode_prov: str


def kabupaten_in_scope(
    *, session: Session, account: Principal, provinsi: str | None = None
) -> list[KabupatenRef]:
    """The kabupaten a caller may see, optionally narrowed to one province."""
    query = select(Kabupaten.kode, Kabupaten.nama, Kabupaten.kode_prov).order_by(Kabupaten.kode)
    if provinsi:
        query = query.where(Kabupaten.kode_prov == normalize_province_kode(provinsi))
    rows = [KabupatenRef(*row) for row in session.exec(query).all()]
    return [r for r in rows if account.can_read_kabupaten(r.kode)]


def local_today(kabupaten_kode: str, now: datetime | None = None) -> date:
    """Today in the kabupaten's own zone (the default as_of)."""
    return (now or utc_now()).astimezone(zone_of_kabupaten(kabupaten_kode)).date()


def _decay_weights(as_of: date, params: RiskParams) -> Any:
    """The engine's decay weight of every day in the window, as a small table to join."""
    rows = [
        select(
            literal(as_of - timedelta(days=age), Date).label("day"),
            literal(decay(age, params), Float).label("weight"),
        )
        for age in range(max(params.lookback_days, SURGE_DAYS))
    ]
    return union_all(*rows).cte("decay_weight")


@dataclass(frozen=True)
class DailyLevel:
    """Which daily table a window reads: per kabupaten, or per kecamatan within one kabupaten."""

    table: Table
    key: str
    within: str | None = None  # a kabupaten code: only its kecamatan's rows


KABUPATEN_DAILY = DailyLevel(ReportDaily.__table__, "kabupaten_kode")
ALL_KECAMATAN_DAILY = DailyLevel(ReportDailyKecamatan.__table__, "kecamatan_kode")


def kecamatan_daily(kabupaten: str) -> DailyLevel:
    """The per-kecamatan rows of one kabupaten (a range on the key: '81.02.' <= kode < '81.02/')."""
    return DailyLevel(ReportDailyKecamatan.__table__, "kecamatan_kode", within=kabupaten)


def _window_query(
    as_of: date, params: RiskParams, kodes: list[str], sums: list[Any], level: DailyLevel
) -> Any:
    """Per unit: reports of the last week, of the 4 weeks before, and the decayed `sums`."""
    table, key = level.table, level.table.c[level.key]
    window_days = max(params.lookback_days, SURGE_DAYS)  # lookback >= 35 is enforced by RiskParams
    last_week = case((table.c.day > as_of - timedelta(days=7), table.c.count), else_=0)
    previous_weeks = case(
        (
            and_(table.c.day <= as_of - timedelta(days=7), table.c.day > as_of - timedelta(days=SURGE_DAYS)),
            table.c.count,
        ),
        else_=0,
    )
    weights = _decay_weights(as_of, params)
    query = (
        select(
            key,
            func.sum(last_week),
            func.sum(previous_weeks),
            *(func.sum(column * weights.c.weight) for column in sums),
        )
        .join(weights, weights.c.day == table.c.day)
        .where(table.c.day > as_of - timedelta(days=window_days), table.c.day <= as_of)
        .group_by(key)
    )
    if level.within is not None:
        query = query.where(key >= f"{level.within}.", key < f"{level.within}/")
    elif len(kodes) <= IN_LIST_LIMIT:
        query = query.where(key.in_(kodes))
    return query


def window_summaries(
    *,
    session: Session,
    kodes: list[str],
    as_of: date,
    params: RiskParams = DEFAULT_PARAMS,
    level: DailyLevel = KABUPATEN_DAILY,
) -> dict[str, WindowSummary]:
    """Sum the window's daily rows in the database, weighted by the engine's own decay.

    One row per kabupaten and day: the work grows with kabupaten x days in the window,
    never with the number of stored reports. Under the default severity and status
    weights it sums the 5 stored per-factor points; other weights sum the 50 class counts.
    """
    table = level.table
    pre_weighted = same_class_weights(STORED_CLASS_WEIGHTS, params)
    names = list(POINTS_COLUMNS.values()) if pre_weighted else list(AGGREGATE_COLUMNS)
    query = _window_query(as_of, params, kodes, [table.c[name] for name in names], level)
    wanted = set(kodes)
    summaries = dict.fromkeys(kodes, WindowSummary(decayed=(), reports_7d=0, reports_prev_4w=0))
    for kode, r7, r28, *sums in session.execute(query):
        if kode not in wanted:
            continue
        counts = {"reports_7d": int(r7 or 0), "reports_prev_4w": int(r28 or 0)}
        if pre_weighted:
            weighted = tuple(
                (factor, float(w) * POINT_UNIT) for factor, w in zip(POINTS_COLUMNS, sums, strict=True) if w
            )
            summaries[kode] = WindowSummary(
                (), weighted=weighted, weighted_with=STORED_CLASS_WEIGHTS, **counts
            )
        else:
            decayed = tuple(
                DecayedCount(factor, severity, verified, float(w))
                for (factor, severity, verified), w in zip(AGGREGATE_CLASSES, sums, strict=True)
                if w
            )
            summaries[kode] = WindowSummary(decayed=decayed, **counts)
    return summaries


def baselines(*, session: Session, kodes: list[str]) -> dict[str, float]:
    rows = session.exec(select(BaselineScore.kabupaten_kode, BaselineScore.score))
    wanted = set(kodes)
    return {kode: score for kode, score in rows if kode in wanted}


def _as_of_groups(kodes: list[str], as_of: date | None, now: datetime | None) -> dict[date, list[str]]:
    """Kabupaten grouped by the day they are scored for (local today differs across zones)."""
    groups: dict[date, list[str]] = defaultdict(list)
    for kode in kodes:
        groups[as_of or local_today(kode, now)].append(kode)
    return groups


def risk_for_kodes(
    *,
    session: Session,
    kodes: list[str],
    as_of: date | None = None,
    params: RiskParams = DEFAULT_PARAMS,
    now: datetime | None = None,
) -> dict[str, RiskResult]:
    """Score these kabupaten (no explanation): one aggregate query per distinct as_of."""
    calendar = elections_by_kabupaten(session=session)
    baseline = baselines(session=session, kodes=kodes)
    results: dict[str, RiskResult] = {}
    for day, group in _as_of_groups(kodes, as_of, now).items():
        summaries = window_summaries(session=session, kodes=group, as_of=day, params=params)
        horizon_end = day + timedelta(days=params.event_horizon_days)
        events = events_in_horizon(session=session, kodes=set(group), first_day=day, last_day=horizon_end)
        for kode in group:
            results[kode] = compute_risk(
                kabupaten_kode=kode,
                as_of=day,
                summary=summaries[kode],
                events=events.get(kode, ()),
                elections=calendar.get(kode, ()),
                params=params,
                baseline=baseline.get(kode),
            )
    return results


def risk_for_scope(
    *,
    session: Session,
    account: Principal,
    as_of: date | None = None,
    provinsi: str | None = None,
    params: RiskParams = DEFAULT_PARAMS,
    now: datetime | None = None,
) -> list[tuple[KabupatenRef, RiskResult]]:
    """Every kabupaten the caller may see, scored for as_of (default: local today)."""
    refs = kabupaten_in_scope(session=session, account=account, provinsi=provinsi)
    results = risk_for_kodes(
        session=session, kodes=[r.kode for r in refs], as_of=as_of, params=params, now=now
    )
    return [(ref, results[ref.kode]) for ref in refs]


def report_candidates(
    *, session: Session, kode: str, as_of: date, params: RiskParams = DEFAULT_PARAMS
) -> list[ReportCandidate]:
    """The individual reports of one kabupaten's window, to name what drives its score."""
    zone = zone_of_kabupaten(kode)
    start = datetime.combine(as_of - timedelta(days=params.lookback_days - 1), datetime.min.time(), zone)
    end = datetime.combine(as_of + timedelta(days=1), datetime.min.time(), zone)
    rows = session.exec(
        select(Report).where(
            Report.kabupaten_kode == kode,
            col(Report.occurred_at) >= start,
            col(Report.occurred_at) < end,
            col(Report.status).not_in([ReportStatus.DITOLAK.value, ReportStatus.DUPLIKAT.value]),
        )
    )
    return [
        ReportCandidate(
            id=str(r.id),
            title=r.title,
            category=r.category,
            factor=factor_of(r.category).value,
            severity=r.severity,
            status=r.status,
            occurred_on=r.occurred_at.astimezone(zone).date(),
        )
        for r in rows
    ]


def risk_for_kabupaten(
    *,
    session: Session,
    account: Principal,
    kode: str,
    as_of: date | None = None,
    params: RiskParams = DEFAULT_PARAMS,
    now: datetime | None = None,
) -> tuple[KabupatenRef, RiskResult]:
    """One kabupaten's score with its explanation (top reports and events and their shares)."""
    kode = kabupaten_kode_or_not_found(kode)
    kab = session.get(Kabupaten, kode)
    if kab is None or not account.can_read_kabupaten(kode):
        raise NotFound(f"kabupaten/kota '{kode}' not found")
    day = as_of or local_today(kode, now)
    summary = window_summaries(session=session, kodes=[kode], as_of=day, params=params)[kode]
    horizon_end = day + timedelta(days=params.event_horizon_days)
    events = events_in_horizon(session=session, kodes={kode}, first_day=day, last_day=horizon_end)
    result = compute_risk(
        kabupaten_kode=kode,
        as_of=day,
        summary=summary,
        events=events.get(kode, ()),
        elections=elections_by_kabupaten(session=session).get(kode, ()),
        params=params,
        baseline=baselines(session=session, kodes=[kode]).get(kode),
        candidates=report_candidates(session=session, kode=kode, as_of=day, params=params),
    )
    return KabupatenRef(kab.kode, kab.nama, kab.kode_prov), result


@dataclass(frozen=True)
class KecamatanRef:
    kode: str
    nama: str
    kode_kab: str


def kecamatan_refs(*, session: Session, kabupaten: str | None = None) -> list[KecamatanRef]:
    """The registry's kecamatan, of one kabupaten or of every one, in code order."""
    query = select(Kecamatan.kode, Kecamatan.nama, Kecamatan.kode_kab).order_by(Kecamatan.kode)
    if kabupaten is not None:
        query = query.where(Kecamatan.kode_kab == kabupaten)
    return [KecamatanRef(*row) for row in session.exec(query).all()]


def risk_for_kecamatan_refs(
    *,
    session: Session,
    kecamatan: list[KecamatanRef],
    as_of: date | None = None,
    params: RiskParams = DEFAULT_PARAMS,
    now: datetime | None = None,
) -> dict[str, RiskResult]:
    """Score kecamatan with the kabupaten engine over their own counts and events.

    Each kecamatan has its kabupaten's elections (so the same stage multiplier) but no
    baseline: the structural scores (IKP) exist per kabupaten only, and blending the
    kabupaten's into every kecamatan would hide the differences the analyst looks for.
    """
    calendar = elections_by_kabupaten(session=session)
    groups: dict[date, list[KecamatanRef]] = defaultdict(list)
    for ref in kecamatan:
        groups[as_of or local_today(ref.kode_kab, now)].append(ref)
    results: dict[str, RiskResult] = {}
    for day, group in groups.items():
        kabupaten = {ref.kode_kab for ref in group}
        level = kecamatan_daily(next(iter(kabupaten))) if len(kabupaten) == 1 else ALL_KECAMATAN_DAILY
        summaries = window_summaries(
            session=session, kodes=[ref.kode for ref in group], as_of=day, params=params, level=level
        )
        horizon_end = day + timedelta(days=params.event_horizon_days)
        events = events_in_horizon(
            session=session, kodes=kabupaten, first_day=day, last_day=horizon_end, by_kecamatan=True
        )
        for ref in group:
            results[ref.kode] = compute_risk(
                kabupaten_kode=ref.kode,
                as_of=day,
                summary=summaries[ref.kode],
                events=events.get(ref.kode, ()),
                elections=calendar.get(ref.kode_kab, ()),
                params=params,
            )
    return results


def risk_for_kecamatan(
    *,
    session: Session,
    account: Principal,
    kabupaten: str,
    as_of: date | None = None,
    params: RiskParams = DEFAULT_PARAMS,
    now: datetime | None = None,
) -> tuple[KabupatenRef, list[tuple[KecamatanRef, RiskResult]]]:
    """Every kecamatan of one kabupaten the caller may see, scored for as_of (default: local today)."""
    kode = kabupaten_kode_or_not_found(kabupaten)
    kab = session.get(Kabupaten, kode)
    if kab is None or not account.can_read_kabupaten(kode):
        raise NotFound(f"kabupaten/kota '{kode}' not found")
    refs = kecamatan_refs(session=session, kabupaten=kode)
    results = risk_for_kecamatan_refs(session=session, kecamatan=refs, as_of=as_of, params=params, now=now)
    return KabupatenRef(kab.kode, kab.nama, kab.kode_prov), [(ref, results[ref.kode]) for ref in refs]
