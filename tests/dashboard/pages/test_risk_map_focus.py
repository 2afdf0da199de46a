"""The first view: the day the map opens on, the banner that says why, and a day asked for kept."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, update

from core.config import Settings
from core.db import write_session
from dashboard.app import render_page
from dashboard.data import DashboardData
from dashboard.pages.risk_map_focus import FocusDay, choose_focus_day, focus_banner, long_date
from models.report import Report
from tests.conftest import TokenFactory
from tests.dashboard.conftest import ReportSeeder, find_component, principal_for

TODAY = date(2026, 1, 15)
SEASON_DAY = date(2024, 11, 30)


@pytest.fixture(params=["sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    """The choice is pure; its few reads run on SQLite (the data layer runs on both elsewhere)."""
    return request.param


@pytest.mark.parametrize(
    ("asked", "stage_active", "latest", "demo", "expected"),
    [
        # a day asked for is kept, whatever the data
        (date(2026, 1, 2), False, SEASON_DAY, True, FocusDay(date(2026, 1, 2))),
        (date(2019, 5, 1), False, None, False, FocusDay(date(2019, 5, 1))),
        # quiet and outside every stage: the latest day with data, saying whose data it is
        (None, False, SEASON_DAY, True, FocusDay(SEASON_DAY, moved=True, demo=True)),
        (None, False, SEASON_DAY, False, FocusDay(SEASON_DAY, moved=True)),
        (None, False, date(2026, 1, 8), False, FocusDay(date(2026, 1, 8), moved=True)),  # 7 days ago
        # reports in the last 7 days: today has something to show
        (None, False, date(2026, 1, 9), False, FocusDay(TODAY)),
        (None, False, TODAY, True, FocusDay(TODAY)),
        # a stage running today: today, even with no report
        (None, True, SEASON_DAY, True, FocusDay(TODAY)),
        # nothing stored at all: today
        (None, False, None, False, FocusDay(TODAY)),
        # data dated after today (a clock behind the database's): today
        (None, False, date(2026, 2, 1), False, FocusDay(TODAY)),
    ],
)
def test_choose_focus_day(
    asked: date | None, stage_active: bool, latest: date | None, demo: bool, expected: FocusDay
) -> None:
    chosen = choose_focus_day(
        asked=asked, today=TODAY, stage_active=stage_active, latest_data=latest, demo=demo
    )
    assert chosen == expected


@pytest.mark.parametrize(
    ("day", "lang", "text"),
    [
        (date(2024, 11, 30), "id", "30 November 2024"),
        (date(2024, 11, 30), "en", "November 30, 2024"),
        (date(2024, 2, 1), "id", "1 Februari 2024"),
        (date(2024, 8, 17), "id", "17 Agustus 2024"),
        (date(2024, 8, 17), "en", "August 17, 2024"),
        (date(2025, 12, 31), "id", "31 Desember 2025"),
        (date(2025, 5, 2), "fr", "2 Mei 2025"),  # an unknown language reads Indonesian
    ],
)
def test_long_date(day: date, lang: str, text: str) -> None:
    assert long_date(day, lang) == text


@pytest.mark.parametrize(
    ("focus", "lang", "text"),
    [
        (
            FocusDay(SEASON_DAY, moved=True, demo=True),
            "id",
            "Data demo sintetis, ditampilkan per 30 November 2024.",
        ),
        (
            FocusDay(SEASON_DAY, moved=True, demo=True),
            "en",
            "Synthetic demo data, shown as of November 30, 2024.",
        ),
        (
            FocusDay(SEASON_DAY, moved=True),
            "id",
            "Belum ada data untuk hari ini; ditampilkan per 30 November 2024, hari terakhir dengan data.",
        ),
        (
            FocusDay(SEASON_DAY, moved=True),
            "en",
            "No data for today yet; shown as of November 30, 2024, the latest day with data.",
        ),
    ],
)
def test_the_banner_says_which_day_and_whose_data(focus: FocusDay, lang: str, text: str) -> None:
    banner = focus_banner(focus, TODAY, lang)
    assert find_component(banner, "focus-text").children == text  # type: ignore[attr-defined]
    assert find_component(banner, "focus-today").href == "/?tanggal=2026-01-15"  # type: ignore[attr-defined]


def test_no_banner_when_the_day_was_not_moved() -> None:
    banner = focus_banner(FocusDay(TODAY), TODAY, "id")
    assert banner.style == {"display": "none"} and not banner.children


def _opening(
    data: DashboardData, principal: object, search: str = "", lang: str = "id"
) -> tuple[str, str | None]:
    """The day the map page opens on and its banner text (None when hidden)."""
    page = render_page(data, principal, lang, "/", search)  # type: ignore[arg-type]
    text = find_component(page, "focus-text")
    return find_component(page, "date").date, text.children if text else None  # type: ignore[attr-defined]


def _clock(day: date) -> datetime:
    """Dashboard reads with the clock at noon WIB of day."""
    return datetime(day.year, day.month, day.day, 5, tzinfo=UTC)


def test_the_map_opens_on_the_latest_day_with_data_and_keeps_a_day_asked_for(
    settings: Settings, engine: Engine, make_token: TokenFactory, seed_reports: ReportSeeder
) -> None:
    seed_reports(
        {"kabupaten_kode": "94.02", "severity": 5, "occurred_at": "2024-11-28T10:00:00"},
        {"kabupaten_kode": "81.02", "severity": 4, "occurred_at": "2024-11-30T10:00:00"},
    )
    admin = principal_for(engine, make_token("admin"))
    data = DashboardData(settings, now=lambda: _clock(TODAY))
    latest = "Belum ada data untuk hari ini; ditampilkan per 30 November 2024, hari terakhir dengan data."
    assert _opening(data, admin) == ("2024-11-30", latest)
    assert _opening(data, admin, "?tanggal=2026-01-10") == ("2026-01-10", None)  # asked for: kept
    papua = principal_for(engine, make_token("analyst", provinsi="94"))
    assert _opening(data, papua, lang="en") == (
        "2024-11-28",  # its own province's latest day
        "No data for today yet; shown as of November 28, 2024, the latest day with data.",
    )
    jakarta = principal_for(engine, make_token("analyst", provinsi="31"))
    assert _opening(data, jakarta) == (TODAY.isoformat(), None)  # nothing in scope: today

    with write_session(engine) as session:
        session.exec(update(Report).values(source_type="demo"))  # type: ignore[call-overload]
        session.commit()
    data = DashboardData(settings, now=lambda: _clock(TODAY))
    assert _opening(data, admin) == ("2024-11-30", "Data demo sintetis, ditampilkan per 30 November 2024.")

    during_recap = DashboardData(settings, now=lambda: _clock(date(2024, 12, 10)))
    assert _opening(during_recap, admin) == ("2024-12-10", None)  # a stage runs: today's view
