"""The service scores what is stored: window sums match the engine, batched scores match the formula."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select, text

from core.accounts.service import Principal, authenticate
from core.db import write_session
from core.reports.daily import apply_aggregate_deltas, stored_daily
from core.reports.intake import IntakeRules, Outcome, create_reports_batch
from core.reports.workflow import transition_report
from core.risk.engine import compute_risk, factor_points_from_summary
from core.risk.inputs import DailyCount
from core.risk.params import DEFAULT_PARAMS, FACTORS, RiskParams
from core.risk.service import risk_for_kodes, window_summaries
from core.writer import report_writer
from models import vocab
from models.region import Kabupaten
from models.report import ReportStatus, ReportUpdate
from tests.core.risk import oracle

AS_OF = date(2024, 11, 20)
KODES = ["81.02", "81.72", "64.01"]


def _store_random_counts(engine, seed: int) -> None:
    rng = random.Random(seed)
    deltas = {}
    for _ in range(300):
        key = (
            rng.choice(KODES),
            AS_OF - timedelta(days=rng.randint(-3, 70)),  # some in the future, some beyond the window
            rng.choice(FACTORS),
            rng.randint(1, 5),
            rng.random() < 0.4,
        )
        deltas[key] = deltas.get(key, 0) + rng.randint(1, 4)
    with write_session(engine) as session:
        apply_aggregate_deltas(session, Counter(deltas))
        session.commit()


OTHER_CLASS_WEIGHTS = RiskParams(severity_weights={1: 1, 2: 3, 3: 5, 4: 8, 5: 13}, unverified_multiplier=0.25)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(
    "params",
    [
        DEFAULT_PARAMS,  # sums the stored per-factor points
        RiskParams(half_life_days=3.0, lookback_days=40),  # stored points, other decay and window
        OTHER_CLASS_WEIGHTS,  # sums the 50 class counts
    ],
)
def test_database_summary_matches_daily_counts(engine, seed: int, params: RiskParams) -> None:
    _store_random_counts(engine, seed)
    with write_session(engine) as session:
        stored = stored_daily(session)
        summaries = window_summaries(session=session, kodes=KODES, as_of=AS_OF, params=params)
    for kode in KODES:
        daily = [DailyCount(d, f, s, v, n) for (k, d, f, s, v), n in stored.items() if k == kode]
        from_days = compute_risk(kabupaten_kode=kode, as_of=AS_OF, daily_counts=daily, params=params)
        from_db = compute_risk(kabupaten_kode=kode, as_of=AS_OF, summary=summaries[kode], params=params)
        assert from_db.score == pytest.approx(from_days.score, abs=1e-6)
        assert from_db.factor_points == pytest.approx(from_days.factor_points)
        assert (from_db.reports_7d, from_db.weekly_avg_prev_4w) == (
            from_days.reports_7d,
            from_days.weekly_avg_prev_4w,
        )
        assert from_db.surge == from_days.surge


def test_default_weights_read_the_stored_points_and_other_weights_the_counts(engine) -> None:
    _store_random_counts(engine, 4)

    def isu_points() -> dict[RiskParams, list[float]]:
        with write_session(engine) as session:
            return {
                params: [
                    factor_points_from_summary(summary, params)["isu"]
                    for summary in window_summaries(
                        session=session, kodes=KODES, as_of=AS_OF, params=params
                    ).values()
                ]
                for params in (DEFAULT_PARAMS, OTHER_CLASS_WEIGHTS)
            }

    before = isu_points()
    with write_session(engine) as session:
        session.exec(text("UPDATE report_daily SET points_isu = points_isu + 100"))
        session.commit()
    after = isu_points()
    assert after[OTHER_CLASS_WEIGHTS] == pytest.approx(before[OTHER_CLASS_WEIGHTS])
    assert all(a > b + 1 for a, b in zip(after[DEFAULT_PARAMS], before[DEFAULT_PARAMS], strict=True))


# --------------------------------------------------------------------------- reports in, scores out

NOW = datetime(2024, 11, 20, 16, 30, tzinfo=UTC)  # 23:30 WIB, but already the 21st in WITA and WIT
UTC_OFFSET_HOURS = {"81.02": 9, "81.72": 9, "64.01": 8, "17.06": 7}  # Maluku, Kaltim, Bengkulu
REPORTING = list(UTC_OFFSET_HOURS)
QUIET = "51.71"  # Denpasar: in the batch, never reported on
# Pilkada 2024 campaign (seeded calendar): 2024-09-25 .. 2024-11-23 in all of these kabupaten.
STAGE_ON_AS_OF = "kampanye"
STATUS_PATHS = {
    "baru": (),
    "terverifikasi": ("terverifikasi",),
    "ditangani": ("terverifikasi", "ditangani"),
    "selesai": ("terverifikasi", "ditangani", "selesai"),
    "ditolak": ("ditolak",),
    "duplikat": ("duplikat",),
}
SERVICE_PARAMS = [DEFAULT_PARAMS, RiskParams(half_life_days=3.0, lookback_days=40), OTHER_CLASS_WEIGHTS]

field_report = st.fixed_dictionaries(
    {
        "kode": st.sampled_from(REPORTING),
        "category": st.sampled_from(vocab.values(vocab.CATEGORIES)),
        "severity": st.integers(1, 5),
        "minutes_ago": st.integers(-10, 60 * 24 * 70),  # up to the intake's 10 min of tolerance
        "naive": st.booleans(),  # a wall-clock time without offset is read in the kabupaten's zone
        "status": st.sampled_from(list(STATUS_PATHS)),
    }
)


@pytest.fixture
def admin(engine, make_token) -> Principal:
    """An admin account: may store and triage reports of every kabupaten."""
    with write_session(engine) as session:
        return authenticate(session=session, token=make_token("admin"))


def _occurred_at(spec: dict) -> datetime:
    """When the report happened, as an aware UTC instant."""
    return NOW - timedelta(minutes=spec["minutes_ago"])


def _payload(spec: dict, report_id: str) -> dict:
    """The report as a client sends it, with or without a UTC offset."""
    occurred = _occurred_at(spec)
    if spec["naive"]:
        local = occurred + timedelta(hours=UTC_OFFSET_HOURS[spec["kode"]])
        occurred_at = local.replace(tzinfo=None).isoformat()
    else:
        occurred_at = occurred.isoformat()
    return {
        "id": report_id,
        "kabupaten_kode": spec["kode"],
        "category": spec["category"],
        "severity": spec["severity"],
        "occurred_at": occurred_at,
        "title": "Laporan lapangan",
    }


def _store_through_intake(engine, admin: Principal, specs: list[dict]) -> list[str]:
    """Store the reports with the batch intake, then walk each to its status; returns final statuses."""
    with write_session(engine) as session:
        session.exec(text("DELETE FROM report_daily"))
        session.exec(text("DELETE FROM report"))
        session.commit()
    ids = [str(uuid.uuid4()) for _ in specs]
    with write_session(engine) as session:
        results = create_reports_batch(
            session=session,
            account=admin,
            items=[_payload(spec, rid) for spec, rid in zip(specs, ids, strict=True)],
            rules=IntakeRules(now=NOW),
            store=report_writer(engine),
        )
    assert [r.status for r in results] == [Outcome.CREATED] * len(specs)
    statuses = []
    for index, spec in enumerate(specs):
        # A duplicate points at an original that is never itself a duplicate (no chains).
        siblings = [
            ids[i]
            for i, other in enumerate(specs)
            if other["kode"] == spec["kode"] and i != index and other["status"] != "duplikat"
        ]
        status = "ditolak" if spec["status"] == "duplikat" and not siblings else spec["status"]
        for step in STATUS_PATHS[status]:
            original = uuid.UUID(siblings[0]) if step == "duplikat" else None
            update = ReportUpdate(status=ReportStatus(step), duplicate_of=original, note="Diperiksa")
            with write_session(engine) as session:
                transition_report(
                    session=session, account=admin, report_id=uuid.UUID(ids[index]), update=update
                )
        statuses.append(status)
    return statuses


def _expected(specs: list[dict], statuses: list[str], kode: str, as_of: date, params: RiskParams) -> dict:
    """One kabupaten's result by hand from the raw reports (docs/risk-model.md, steps 1, 3, 4)."""
    points = dict.fromkeys(FACTORS, 0.0)
    last_week = previous_weeks = 0
    for spec, status in zip(specs, statuses, strict=True):
        if spec["kode"] != kode or status in vocab.EXCLUDED_STATUSES:
            continue
        local_day = (_occurred_at(spec) + timedelta(hours=UTC_OFFSET_HOURS[kode])).date()
        age = (as_of - local_day).days
        factor = vocab.CATEGORY_FACTOR[spec["category"]]
        verified = status in vocab.VERIFIED_STATUSES
        points[factor] += oracle.report_points(params, spec["severity"], factor, verified, age)
        last_week += 0 <= age <= 6
        previous_weeks += 7 <= age <= 34
    raw = sum(points.values()) * dict(params.stage_multipliers)[STAGE_ON_AS_OF]
    return {
        "points": points,
        "raw": raw,
        "score": oracle.score(raw, params),
        "surge": (last_week, previous_weeks / 4, oracle.surge(last_week, previous_weeks, params)),
    }


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    specs=st.lists(field_report, min_size=1, max_size=25),
    as_of=st.sampled_from([None, date(2024, 11, 20), date(2024, 11, 21)]),
    params=st.sampled_from(SERVICE_PARAMS),
    every_kabupaten=st.booleans(),
)
def test_batched_risk_equals_the_formula_over_the_raw_reports(
    engine, admin, specs, as_of, params, every_kabupaten
) -> None:
    statuses = _store_through_intake(engine, admin, specs)
    with write_session(engine) as session:
        kodes = list(session.exec(select(Kabupaten.kode))) if every_kabupaten else [*REPORTING, QUIET]
        results = risk_for_kodes(session=session, kodes=kodes, as_of=as_of, params=params, now=NOW)
    assert sorted(results) == sorted(kodes)  # one batch (over 100 kabupaten: no IN list) scores all
    for kode in REPORTING:
        day = as_of or (NOW + timedelta(hours=UTC_OFFSET_HOURS[kode])).date()
        want, got = _expected(specs, statuses, kode, day, params), results[kode]
        assert got.as_of == day
        assert got.stage == STAGE_ON_AS_OF
        assert got.factor_points == pytest.approx(want["points"], rel=1e-9, abs=1e-12)
        assert got.raw_points == pytest.approx(want["raw"], rel=1e-9, abs=1e-12)
        assert got.score == pytest.approx(want["score"], abs=0.005 + 1e-9)
        assert got.level == oracle.level(got.score, params)
        assert (got.reports_7d, got.weekly_avg_prev_4w, got.surge) == want["surge"]
    quiet = results[QUIET]
    assert (quiet.score, quiet.raw_points, quiet.reports_7d) == (0.0, 0.0, 0)
