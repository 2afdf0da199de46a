"""The generator alone: reproducible from a seed, valid submissions, duplicates of real originals."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from pydantic import ValidationError

from core.regions.service import local_day
from models.report import ReportCreate
from seeds.demo.generate import DemoReport, DemoSubmission, SeasonReports
from seeds.demo.places import Place
from seeds.demo.plan import plan_season
from seeds.demo.tables import DEFAULT_SEED, SEASON_END, SEASON_START

SMALL = 1_500
# The first 1,500 reports of the default season, as every version so far has drawn them
# (ids, texts, times, triage): a change here changes every installation's demo map.
DEFAULT_SEASON_DIGEST = "7e353c69f6cb9074df37953b023563397bfb6fc57a0039c4ab592d1cfd20fbb6"


def season(places: list[Place], seed: int, total: int) -> list[DemoReport]:
    plan = plan_season(places, seed=seed, start=SEASON_START, end=SEASON_END)
    return list(SeasonReports(plan, seed).reports(total))


# Fields added to submissions after the digest was taken, which the generator leaves empty.
LATER_FIELDS = {"kecamatan_kode", "desa_kode"}


def digest(reports: list[DemoReport]) -> str:
    assert all(getattr(r.submission, name) is None for r in reports for name in LATER_FIELDS)
    lines = [
        repr(
            (
                r.submission.model_dump(mode="json", exclude=LATER_FIELDS),
                r.received_at.isoformat(),
                r.status,
                str(r.duplicate_of),
            )
        )
        for r in reports
    ]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def test_the_default_season_is_the_one_it_has_always_been(places: list[Place]) -> None:
    assert digest(season(places, DEFAULT_SEED, SMALL)) == DEFAULT_SEASON_DIGEST


def test_the_same_seed_draws_the_same_reports_and_another_seed_others(places: list[Place]) -> None:
    first = season(places, DEFAULT_SEED, SMALL)
    assert season(places, DEFAULT_SEED, SMALL) == first
    other = season(places, 7, SMALL)
    assert len(other) == SMALL
    assert {r.submission.id for r in other}.isdisjoint({r.submission.id for r in first})
    assert {r.submission.title for r in other} != {r.submission.title for r in first}


def test_every_report_is_a_demo_submission_received_minutes_after_it_happened(places: list[Place]) -> None:
    reports = season(places, DEFAULT_SEED, SMALL)
    assert len({r.submission.id for r in reports}) == SMALL
    for r in reports:
        report_in = r.submission
        assert report_in.source_type == "demo"
        assert report_in.occurred_at.utcoffset() == timedelta(0)
        assert SEASON_START <= local_day(report_in.kabupaten_kode, report_in.occurred_at) <= SEASON_END
        assert timedelta(minutes=2) <= r.received_at - report_in.occurred_at <= timedelta(minutes=45)
        assert (report_in.latitude is None) == (report_in.longitude is None)
        assert r.status in {"baru", "terverifikasi", "ditangani", "selesai", "ditolak", "duplikat"}


def test_a_duplicate_repeats_an_earlier_original_of_the_same_kabupaten(places: list[Place]) -> None:
    reports = season(places, DEFAULT_SEED, SMALL)
    by_id = {r.submission.id: r for r in reports}
    duplicates = [r for r in reports if r.status == "duplikat"]
    assert duplicates
    for dup in duplicates:
        original = by_id[dup.duplicate_of]
        assert original.status not in ("duplikat", "ditolak")
        assert original.submission.kabupaten_kode == dup.submission.kabupaten_kode
        assert original.submission.occurred_at <= dup.submission.occurred_at
        assert (original.submission.title, original.submission.severity) == (
            dup.submission.title,
            dup.submission.severity,
        )
    assert all(r.duplicate_of is None for r in reports if r.status != "duplikat")


def test_a_demo_submission_obeys_every_client_rule_but_may_say_demo() -> None:
    values = {"kabupaten_kode": "81.02", "occurred_at": "2024-11-20T09:30:00", "category": "hoaks"}
    with pytest.raises(ValidationError):
        ReportCreate.model_validate({**values, "severity": 2, "title": "x", "source_type": "demo"})
    with pytest.raises(ValidationError):
        DemoSubmission.model_validate({**values, "severity": 6, "title": "x"})
    with pytest.raises(ValidationError):
        DemoSubmission.model_validate({**values, "severity": 2, "title": "x" * 201})
    assert DemoSubmission.model_validate({**values, "severity": 2, "title": "x"}).source_type == "demo"
