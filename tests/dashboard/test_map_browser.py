"""The map page in Debian's headless Chromium: formats per language, URL state, dimmed provinces.

Companion of test_browser.py (same fixtures and helpers): what a reader sees of the hover, the
ranking and the date picker in each language, and that the URL carries and restores the view.
"""

from __future__ import annotations

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from dashboard.i18n import t
from tests.conftest import PersonFactory
from tests.dashboard.conftest import ReportSeeder
from tests.dashboard.test_browser import GRAPH, drawn_paths, log_in, page_shows, wait_for

pytestmark = pytest.mark.browser
ID_MONTHS = [t(f"month.{m}", "id") for m in range(1, 13)]
EN_MONTHS = [t(f"month.{m}", "en") for m in range(1, 13)]


@pytest.fixture(params=["sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    """Browser tests exercise the UI; the data layer runs on both backends elsewhere."""
    return request.param


def seed_two_areas(seed_reports: ReportSeeder) -> None:
    """Scores in Maluku (81.02) and Papua Tengah (94.02), so both levels and the table have rows."""
    seed_reports(
        *[{"kabupaten_kode": "81.02", "category": "kerumunan_massa", "severity": 5} for _ in range(3)],
        *[{"kabupaten_kode": "94.02", "category": "bentrokan", "severity": 4} for _ in range(2)],
    )


def hover_values(driver: webdriver.Chrome) -> list[str]:
    """The score each area's hover shows (customdata[0]) for the areas with one."""
    values = driver.execute_script(f"return {GRAPH}.data[0].customdata.map(function (c) {{ return c[0]; }})")
    return [value for value in values if value != "\u2013"]


def calendar_text(driver: webdriver.Chrome) -> str:
    """Open the date picker and read what its calendar shows (month caption and day names)."""
    driver.find_element(By.ID, "date").click()
    return wait_for(
        driver, "var c = document.querySelector('.dash-datepicker-content'); return c && c.innerText;"
    )


def test_numbers_and_the_date_picker_follow_the_page_language(
    browser: webdriver.Chrome, dashboard_server: str, make_person: PersonFactory, seed_reports: ReportSeeder
) -> None:
    seed_two_areas(seed_reports)
    log_in(browser, dashboard_server, make_person("admin"))
    drawn_paths(browser, 514)
    values = hover_values(browser)
    assert values and all("," in value and "." not in value for value in values)  # "43,1"
    assert browser.execute_script(f"return {GRAPH}.data[0].meta") == "Skor total"
    score_cells = browser.find_elements(By.CSS_SELECTOR, "#ranking tr.rank-row td:nth-child(3)")
    assert score_cells and all("," in cell.text for cell in score_cells)
    shown = browser.find_element(By.ID, "date").get_attribute("value")
    day, month_id, year = shown.split(" ")  # "5 Desember 2026": the WIB day, Indonesian month
    assert day.isdigit() and year.isdigit() and month_id in ID_MONTHS
    text = calendar_text(browser)
    assert month_id in text and "Sen" in text and "Mon" not in text

    browser.find_element(By.ID, "lang-en").click()
    page_shows(browser, "Risk map of regencies/cities")
    drawn_paths(browser, 514)
    wait_for(browser, f"return {GRAPH}.data[0].meta === 'Total score';")
    values = hover_values(browser)
    assert values and all("." in value and "," not in value for value in values)  # "43.1"
    shown = browser.find_element(By.ID, "date").get_attribute("value")
    month_en = EN_MONTHS[ID_MONTHS.index(month_id)]
    assert shown.startswith(month_en[:3]) and year in shown  # "Dec 5, 2026"
    text = calendar_text(browser)
    assert month_en in text and "Mo" in text
