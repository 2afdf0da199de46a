"""Planted re-reports: another officer, reworded, a little later, nearby; the rest of the season untouched."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest

from core.reports.similarity import haversine_km
from geo.adjacency import kabupaten_neighbours
from seeds.demo.generate import DemoReport, SeasonReports
from seeds.demo.places import Place
from seeds.demo.plan import default_size, plan_season
from seeds.demo.rereports import officer_of, planted_pairs, season_reports
from seeds.demo.rewording import reword_description, reword_title, swap_synonyms
from seeds.demo.tables import DEFAULT_SEED, NOT_ORIGINALS, SEASON_END, SEASON_START


@pytest.fixture(scope="module")
def default_season(places: list[Place], geo_dir: Path) -> list[DemoReport]:
    plan = plan_season(places, seed=DEFAULT_SEED, start=SEASON_START, end=SEASON_END)
    return list(season_reports(plan, DEFAULT_SEED, default_size(places, plan), kabupaten_neighbours(geo_dir)))


def test_each_re_report_repeats_an_original_as_another_officer_would(
    default_season: list[DemoReport], geo_dir: Path
) -> None:
    by_id = {r.submission.id: r for r in default_season}
    pairs = planted_pairs(default_season)
    assert 50 <= len(pairs) <= 250
    neighbours = kabupaten_neighbours(geo_dir)
    border = near = 0
    for again_id, original_id in pairs.items():
        again, original = by_id[again_id].submission, by_id[original_id]
        first = original.submission
        assert original.status not in NOT_ORIGINALS and original.repeats is None
        assert (by_id[again_id].status, by_id[again_id].duplicate_of) == ("baru", None)
        assert by_id[again_id].reporter == officer_of(again.kabupaten_kode)
        assert (
            again.kabupaten_kode == first.kabupaten_kode
            or again.kabupaten_kode in neighbours[first.kabupaten_kode]
        )
        border += again.kabupaten_kode != first.kabupaten_kode
        assert timedelta(minutes=20) <= again.occurred_at - first.occurred_at <= timedelta(hours=6)
        assert (again.category, again.source_type) == (first.category, first.source_type)
        assert abs(again.severity - first.severity) <= 1
        assert again.title != first.title and again.description != first.description
        if again.latitude is not None and first.latitude is not None:
            assert haversine_km(again.latitude, again.longitude, first.latitude, first.longitude) < 1.0
            near += 1
    assert 0.05 <= border / len(pairs) <= 0.3
    assert near >= 10


def test_the_rest_of_the_season_is_what_it_was(places: list[Place]) -> None:
    plan = plan_season(places, seed=DEFAULT_SEED, start=SEASON_START, end=SEASON_END)
    season = list(season_reports(plan, DEFAULT_SEED, 6_000))
    assert [r for r in season if r.repeats is None] == list(SeasonReports(plan, DEFAULT_SEED).reports(6_000))
    assert {r.reporter for r in season if r.repeats is None} == {None}


def test_which_reports_are_repeated_does_not_depend_on_the_neighbours(
    places: list[Place], geo_dir: Path
) -> None:
    plan = plan_season(places, seed=DEFAULT_SEED, start=SEASON_START, end=SEASON_END)
    alone = planted_pairs(list(season_reports(plan, DEFAULT_SEED, 6_000)))
    bordering = planted_pairs(list(season_reports(plan, DEFAULT_SEED, 6_000, kabupaten_neighbours(geo_dir))))
    assert alone and alone == bordering


TITLES = [
    "Massa pendukung paslon nomor urut 2 berkumpul di pasar, Kecamatan Tual Utara, Kota Tual",
    "Dugaan pembagian uang oleh tim paslon nomor urut 3 di Kabupaten Sampang",
    "Konvoi simpatisan paslon nomor urut 4 memadati jalan di Kabupaten Batang",
    "Bentrokan antarpendukung pasangan calon di Kabupaten Nduga",
]


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("seed", range(5))
def test_a_reworded_title_is_never_a_copy_and_keeps_the_place(title: str, seed: int) -> None:
    reworded = reword_title(title, random.Random(seed))
    assert reworded != title and reworded.removeprefix("Susulan: ") != title
    assert title.rsplit(", ", 1)[-1].rsplit(" di ", 1)[-1] in reworded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Massa berkumpul", "Sekelompok warga berkerumun"),  # a capital start kept
        ("kerumunan warga di pasar", "warga berkerumun di kawasan pasar"),  # the longest phrase first
        ("Petugas FKDM", "Personel FKDM"),
        ("tanpa kata yang dikenal", "tanpa kata yang dikenal"),
    ],
)
def test_swap_synonyms_with_every_phrase_swapped(text: str, expected: str) -> None:
    class First(random.Random):
        def random(self) -> float:
            return 0.0  # every phrase swapped, always for its first synonym

    assert swap_synonyms(text, First()) == expected


def test_a_reworded_description_keeps_its_facts_and_changes_its_closing_line() -> None:
    text = "Sekitar 150 orang berkumpul di pasar sejak pagi hari. Petugas FKDM terus memantau perkembangan."
    reworded = reword_description(text, random.Random(3))
    assert "150 orang" in reworded
    assert "Petugas FKDM terus memantau perkembangan." not in reworded
