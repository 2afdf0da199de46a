"""The agenda in real headless Chromium: an analyst plans an event for tomorrow in a kabupaten of
its province, sees it in the list, and sees it in the map's score and on the kabupaten page."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from tests.conftest import PersonFactory
from tests.dashboard.test_browser import _pick, csp_violations, log_in, wait_for

pytestmark = pytest.mark.browser
TITLE = "Rapat umum akbar paslon 2 di Langgur"

# React keeps its own copy of an input's value: set it the way a keystroke would.
SET_VALUE = """
var el = document.getElementById(arguments[0]);
Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, arguments[1]);
el.dispatchEvent(new Event('input', {bubbles: true}));
el.dispatchEvent(new Event('change', {bubbles: true}));
el.dispatchEvent(new Event('blur', {bubbles: true}));
return true;
"""
MAP_SCORE = """
var plot = document.querySelector('#risk-map .js-plotly-plot');
if (!plot || !plot.data || !plot.data[0] || !plot.data[0].locations) { return null; }
var i = plot.data[0].locations.indexOf(arguments[0]);
if (i < 0) { return null; }
var z = plot.data[0].z[i];
return z === null || z === undefined ? 'none' : String(z);
"""


@pytest.fixture(params=["sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    """The UI on SQLite; the event service runs on both backends in tests/core and tests/api."""
    return request.param


def _map_score(driver: webdriver.Chrome, base: str) -> float:
    driver.get(f"{base}/")
    value = wait_for(driver, MAP_SCORE, "81.02")
    return 0.0 if value == "none" else float(value)


def _type(driver: webdriver.Chrome, element_id: str, value: str) -> None:
    wait_for(driver, "return document.getElementById(arguments[0]) !== null;", element_id)
    driver.execute_script(SET_VALUE, element_id, value)


def _text_shows(driver: webdriver.Chrome, element_id: str, text: str) -> str:
    return wait_for(
        driver,
        "var e = document.getElementById(arguments[0]); "
        "return e && e.innerText.indexOf(arguments[1]) >= 0 ? e.innerText : null;",
        element_id,
        text,
    )


def test_an_analyst_plans_an_event_and_sees_it_in_the_list_the_map_and_the_kabupaten_page(
    browser: webdriver.Chrome, dashboard_server: str, make_person: PersonFactory
) -> None:
    log_in(browser, dashboard_server, make_person("analyst", provinsi="81"))
    before = _map_score(browser, dashboard_server)  # also fills the score cache the write must clear

    browser.get(f"{dashboard_server}/agenda")
    _text_shows(browser, "agenda-zone", "WIB, WITA")  # no kabupaten yet: the form says how times are read
    _pick(browser, "agenda-kabupaten", "81.02")
    _text_shows(browser, "agenda-zone", "WIT")
    tomorrow = (datetime.now(ZoneInfo("Asia/Jayapura")) + timedelta(days=1)).date()
    _type(browser, "agenda-title", TITLE)
    _type(browser, "agenda-starts", f"{tomorrow.isoformat()}T10:00")
    _type(browser, "agenda-ends", f"{tomorrow.isoformat()}T13:00")
    _type(browser, "agenda-venue", "Lapangan Watdek")
    _type(browser, "agenda-organiser", "Tim pemenangan paslon 2")
    _type(browser, "agenda-crowd", "20000")
    browser.find_element(By.ID, "agenda-save").click()
    _text_shows(browser, "agenda-message", "Agenda tersimpan")
    row = _text_shows(browser, "agenda-table", TITLE)
    assert f"{tomorrow.isoformat()} 10:00 WIT" in row and "20.000" in row and "Lapangan Watdek" in row

    after = _map_score(browser, dashboard_server)
    assert after > before, (before, after)  # the map takes the new event at once

    browser.get(f"{dashboard_server}/kabupaten/81.02")
    _text_shows(browser, "events", "Tim pemenangan paslon 2")
    marks = wait_for(
        browser,
        "var p = document.querySelector('#trend .js-plotly-plot'); if (!p || !p.data) { return null; }"
        "var a = p.data.filter(function (t) { return t.name === 'Agenda'; });"
        "return a.length ? a[0].text : null;",
    )
    assert TITLE in marks

    browser.get(f"{dashboard_server}/agenda")
    _text_shows(browser, "agenda-table", TITLE)
    browser.find_element(By.CSS_SELECTOR, "#agenda-rows button").click()  # the title opens the form
    wait_for(browser, "return document.getElementById('agenda-venue').value === 'Lapangan Watdek';")
    assert (
        browser.find_element(By.ID, "agenda-starts").get_attribute("value") == f"{tomorrow.isoformat()}T10:00"
    )
    browser.find_element(By.ID, "agenda-cancel-event").click()
    _text_shows(browser, "agenda-message", "Agenda dibatalkan")
    _text_shows(browser, "agenda-table", "Tidak ada agenda")
    browser.find_element(By.CSS_SELECTOR, "#agenda-cancelled input").click()
    _text_shows(browser, "agenda-table", "Dibatalkan")
    browser.find_element(By.ID, "agenda-restore-event").click()
    _text_shows(browser, "agenda-message", "Agenda dipulihkan")
    _text_shows(browser, "agenda-table", "Terjadwal")
    assert csp_violations(browser) == []
