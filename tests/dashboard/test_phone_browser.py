"""Every page on a 390x844 phone in Debian's headless Chromium: nothing scrolls sideways.

The window is emulated as a mobile device (CDP device metrics), so a page wider than the
screen would widen the layout viewport: `innerWidth == 390` and `scrollWidth <= innerWidth`
together prove the page fits. Screenshots land in test-artifacts/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from dashboard.phone import PHONE_MAX_WIDTH_PX
from tests.conftest import Person, PersonFactory
from tests.dashboard.conftest import ReportSeeder, hours_ago
from tests.dashboard.test_browser import ARTIFACTS, log_in, wait_for

pytestmark = pytest.mark.browser
PHONE_WIDTH, PHONE_HEIGHT = 390, 844
LONG_TITLE = (
    "Massa dari tiga desa berkumpul di depan kantor KPU Kabupaten Maluku Tenggara menuntut hitung ulang"
)

# path (REPORT is replaced by a seeded report's id) -> what must be on the page before measuring
PAGES = {
    "/": "#risk-map path.choroplethlocation",
    "/kabupaten/81.02": "#reports td",
    "/laporan": "#inbox-rows td",
    "/laporan/REPORT": "#report-trail td",
    "/admin": "#page table.data-table td",
    "/agenda": "#agenda-form #agenda-save",
    "/model": "#model-document table",
    "/sandi": "form",
}
WIDTHS = "return [window.innerWidth, document.documentElement.scrollWidth];"


@pytest.fixture
def phone(browser: webdriver.Chrome) -> Iterator[webdriver.Chrome]:
    """The shared browser as a 390x844 phone, back to a laptop window afterwards."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": PHONE_WIDTH, "height": PHONE_HEIGHT, "deviceScaleFactor": 2, "mobile": True},
    )
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def admin_with_reports(make_person: PersonFactory, seed_reports: ReportSeeder) -> tuple[Person, str]:
    """An admin, and reports with long words so tables have something to overflow with."""
    ids = seed_reports(
        {"title": LONG_TITLE, "occurred_at": hours_ago(3)},
        {"occurred_at": hours_ago(5), "severity": 5, "category": "bentrokan"},
    )
    return make_person("admin"), ids[0]


def fits(driver: webdriver.Chrome, base: str, path: str, ready: str) -> tuple[int, int]:
    """Open a page, wait for its content, return (innerWidth, scrollWidth)."""
    driver.get(f"{base}{path}")
    wait_for(driver, "return document.querySelector(arguments[0]) !== null;", ready)
    name = path.strip("/").replace("/", "-") or "map"
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"phone-{name}.png"))
    return tuple(driver.execute_script(WIDTHS))


@pytest.mark.parametrize("path", list(PAGES))
def test_every_dashboard_page_fits_a_phone(
    phone: webdriver.Chrome, dashboard_server: str, admin_with_reports: tuple[Person, str], path: str
) -> None:
    person, report_id = admin_with_reports
    log_in(phone, dashboard_server, person)
    inner, scroll = fits(phone, dashboard_server, path.replace("REPORT", report_id), PAGES[path])
    assert inner == PHONE_WIDTH, f"{path}: the layout viewport grew to {inner} px"
    assert scroll <= inner, f"{path}: {scroll} px wide on a {inner} px screen"


def test_the_login_page_and_the_lapor_form_fit_a_phone(
    phone: webdriver.Chrome, dashboard_server: str
) -> None:
    for path, ready in (("/masuk", "#login-submit"), ("/lapor", "form")):
        phone.get(f"{dashboard_server}{path}")
        wait_for(phone, "return document.querySelector(arguments[0]) !== null;", ready)
        inner, scroll = phone.execute_script(WIDTHS)
        assert (inner, scroll <= inner) == (PHONE_WIDTH, True), f"{path}: {scroll} px on {inner} px"


def test_on_a_phone_the_map_comes_first_and_the_controls_are_folded(
    phone: webdriver.Chrome, dashboard_server: str, admin_with_reports: tuple[Person, str]
) -> None:
    log_in(phone, dashboard_server, admin_with_reports[0])
    wait_for(phone, "var f = document.getElementById('controls-fold'); return f && !f.open;")
    top = "return document.querySelector(arguments[0]).getBoundingClientRect().top;"
    assert phone.execute_script(top, ".map-panel") < phone.execute_script(top, "#controls-fold")
    assert not phone.find_element(By.ID, "factor").is_displayed()
    phone.find_element(By.CSS_SELECTOR, "#controls-fold summary").click()
    wait_for(phone, "return document.getElementById('factor').offsetParent !== null;")
    map_height = phone.execute_script("return document.getElementById('risk-map').offsetHeight;")
    assert map_height >= 260  # big enough to tap a kabupaten


def test_on_a_phone_table_rows_are_cards_that_name_each_cell(
    phone: webdriver.Chrome, dashboard_server: str, admin_with_reports: tuple[Person, str]
) -> None:
    log_in(phone, dashboard_server, admin_with_reports[0])
    phone.get(f"{dashboard_server}/laporan")
    wait_for(phone, "return document.querySelector('#inbox-rows td') !== null;")
    labels = phone.execute_script(
        "return Array.from(document.querySelectorAll('#inbox-rows tbody tr:first-child td'))"
        ".map(function (td) { return getComputedStyle(td, '::before').content; });"
    )
    assert '"Kejadian"' in labels and '"Diterima"' in labels
    assert phone.execute_script(
        "return getComputedStyle(document.querySelector('#inbox-rows thead')).display;"
    ) == ("none")


def test_on_a_laptop_the_controls_stay_open_and_tables_keep_their_header(
    browser: webdriver.Chrome, dashboard_server: str, admin_with_reports: tuple[Person, str]
) -> None:
    assert browser.execute_script("return window.innerWidth;") > PHONE_MAX_WIDTH_PX
    log_in(browser, dashboard_server, admin_with_reports[0])
    assert browser.find_element(By.ID, "controls-fold").get_attribute("open") is not None
    assert browser.find_element(By.ID, "factor").is_displayed()
    browser.get(f"{dashboard_server}/laporan")
    wait_for(browser, "return document.querySelector('#inbox-rows td') !== null;")
    assert browser.find_element(By.CSS_SELECTOR, "#inbox-rows thead").is_displayed()
