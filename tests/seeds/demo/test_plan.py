"""The season's plan: reports split over days exactly, the default season's size."""

from __future__ import annotations

from datetime import date

from seeds.demo.places import Place
from seeds.demo.plan import apportion, default_size, plan_season
from seeds.demo.tables import SEASON_END, SEASON_START


def test_apportion_splits_a_total_exactly() -> None:
    assert sum(apportion(1_000_003, [0.1, 3.0, 0.0, 2.5, 7.7])) == 1_000_003
    assert apportion(0, [1.0, 2.0]) == [0, 0]
    assert apportion(10, [1.0, 1.0]) == [5, 5]
    assert apportion(10, [1.0, 0.0, 3.0]) == [2, 0, 8]


def test_the_default_season_has_25000_reports_and_a_shorter_window_keeps_the_density(
    places: list[Place],
) -> None:
    season = plan_season(places, seed=1, start=SEASON_START, end=SEASON_END)
    assert default_size(places, season) == 25_000
    assert (season.days[0], season.days[-1]) == (date(2024, 7, 15), date(2024, 12, 16))
    november = plan_season(places, seed=1, start=date(2024, 11, 1), end=date(2024, 11, 30))
    assert 0 < default_size(places, november) < 25_000
