"""Duplicate suggestions measured on the demo season's planted re-reports, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine

from core.accounts.service import Principal
from core.db import read_session, write_session
from core.reports.duplicates import suggest_duplicates
from geo.adjacency import kabupaten_neighbours
from models.account import Role
from seeds.demo import seed_demo
from seeds.demo.places import load_places
from seeds.demo.plan import default_size, plan_season
from seeds.demo.rereports import planted_pairs, season_reports
from seeds.demo.tables import DEFAULT_SEED, SEASON_END, SEASON_START

ADMIN = Principal(account_id=0, name="tests", role=Role.ADMIN)


def ground_truth(engine: Engine, geo_dir: Path) -> dict[uuid.UUID, uuid.UUID]:
    """Each planted re-report and its original, from the generator's plan (not from the scorer)."""
    with read_session(engine) as session:
        places = load_places(session)
    plan = plan_season(places, seed=DEFAULT_SEED, start=SEASON_START, end=SEASON_END)
    total = default_size(places, plan)
    return planted_pairs(list(season_reports(plan, DEFAULT_SEED, total, kabupaten_neighbours(geo_dir))))


@pytest.mark.slow
def test_the_planted_originals_are_found_in_the_default_season(engine: Engine, geo_dir: Path) -> None:
    """Precision@3 >= 0.9 and recall >= 0.8 over every re-report the default season plants.

    For each planted re-report the admin asks for the top 3 suggestions.
    - recall: the share of planted re-reports whose original is among their top 3;
    - precision@3: of all top-3 suggestions marked `likely` (score >= LIKELY_SCORE), over all
      planted re-reports, the share that are the planted original (a likely suggestion that is
      another report counts against it, wherever it ranks);
    - top-1: the share whose first suggestion is the original.
    """
    with write_session(engine) as session:
        seed_demo(session=session, geo_dir=geo_dir)
    pairs = ground_truth(engine, geo_dir)
    assert 50 <= len(pairs) <= 250
    found = first = likely = likely_right = 0
    with read_session(engine) as session:
        for report_id, original in pairs.items():
            top = suggest_duplicates(session=session, account=ADMIN, report_id=report_id, geo_dir=geo_dir)
            assert len(top) <= 3
            ids = [c.report.id for c in top]
            found += original in ids
            first += bool(ids) and ids[0] == original
            likely += sum(c.likely for c in top)
            likely_right += sum(c.likely and c.report.id == original for c in top)
    recall, precision = found / len(pairs), likely_right / likely
    assert recall >= 0.8, recall
    assert precision >= 0.9, precision
    assert first / len(pairs) >= 0.9, first / len(pairs)
