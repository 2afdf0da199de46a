"""The dashboard in a real headless Chromium (Debian's chromium + chromedriver), on SQLite.

These run by default. Without /usr/bin/chromium and /usr/bin/chromedriver they FAIL with the
command that installs them, rather than skip.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import Engine

from core.db import read_session
from core.regions.service import list_kabupaten
from tests.conftest import Person, PersonFactory
from tests.dashboard.conftest import ReportSeeder
from tests.factories import MALUKU_TENGGARA_POINT

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WAIT_SECONDS = 30
XSS_DESCRIPTION = "Massa membawa spanduk <script>alert(1)</script> dan <b>tebal</b> & <i>miring</i>"

GRAPH = "document.querySelector('#risk-map .js-plotly-plot')"
GEOJSON_PATH = "/api/v1/geo/kabupaten.geojson"  # the API's map layer, fetched by the page


@pytest.fixture(params=["sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    """Browser tests exercise the UI; the data layer runs on both backends in test_session.py."""
    return request.param


def wait_for(driver: webdriver.Chrome, script: str, *args: Any) -> Any:
    """Poll a JS expression until it is truthy; return its value."""
    return WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.1).until(
        lambda d: d.execute_script(script, *args), message=script
    )


def log_in(driver: webdriver.Chrome, base: str, person: Person, next_path: str = "/") -> None:
    """Use the real login form, then wait for Dash to render the page."""
    driver.get(f"{base}/masuk?next={next_path.replace('?', '%3F').replace('&', '%26')}")
    driver.find_element(By.ID, "username").send_keys(person.username)
    driver.find_element(By.ID, "password").send_keys(person.password)
    driver.find_element(By.ID, "login-submit").click()
    wait_for(driver, "return document.querySelector('#page .risk-page, #page .kabupaten-page') !== null")


def page_shows(driver: webdriver.Chrome, text: str) -> None:
    """Wait until the page container shows this text (also across reloads)."""
    wait_for(
        driver,
        "var p = document.getElementById('page'); return p && p.innerText.indexOf(arguments[0]) >= 0;",
        text,
    )


def drawn_paths(driver: webdriver.Chrome, count: int) -> int:
    """Wait until the choropleth has drawn `count` filled paths."""
    return wait_for(
        driver,
        "var p = document.querySelectorAll('#risk-map path.choroplethlocation');"
        "return p.length === arguments[0] && p[p.length - 1].getAttribute('fill') ? p.length : null;",
        count,
    )


def z_of(driver: webdriver.Chrome) -> dict[str, int]:
    return driver.execute_script(
        f"var g = {GRAPH}; var out = {{}};"
        "g.data[0].locations.forEach(function (k, i) { out[k] = g.data[0].z[i]; });"
        "return out;"
    )


def csp_violations(driver: webdriver.Chrome) -> list[str]:
    """What the page's Content-Security-Policy blocked since it loaded (directive and URI)."""
    return driver.execute_script("return window.__cspViolations;")


def geojson_fetches(driver: webdriver.Chrome) -> int:
    return driver.execute_script(
        "var needle = arguments[0]; return performance.getEntriesByType('resource')"
        ".filter(function (e) { return e.name.indexOf(needle) >= 0; }).length;",
        GEOJSON_PATH,
    )


def test_admin_map_shows_all_areas_and_a_factor_switch_patches_values_only(
    browser: webdriver.Chrome,
    dashboard_server: str,
    make_person: PersonFactory,
    seed_reports: ReportSeeder,
) -> None:
    seed_reports(
        *[{"kabupaten_kode": "81.02", "category": "kerumunan_massa", "severity": 5} for _ in range(2)],
        {
            "kabupaten_kode": "81.02",
            "category": "kerumunan_massa",
            "severity": 5,
            "latitude": MALUKU_TENGGARA_POINT[0],
            "longitude": MALUKU_TENGGARA_POINT[1],
            "title": "<b>Titik</b> laporan",
        },
        *[{"kabupaten_kode": "94.02", "category": "bentrokan", "severity": 5} for _ in range(3)],
    )
    log_in(browser, dashboard_server, make_person("admin"))
    assert drawn_paths(browser, 514) == 514
    assert browser.execute_script(f"return {GRAPH}.data[0].geojson") == GEOJSON_PATH
    assert (
        browser.execute_script(
            f"return {GRAPH}.data.filter(function (t) {{ return t.type === 'choropleth'; }}).length"
        )
        == 1
    )
    before = z_of(browser)
    assert before["81.02"] > 0 and before["94.02"] > 0  # coloured by level
    assert sum(1 for z in before.values() if z == 0) > 400  # the rest: grey, no data
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "dashboard-main.png"))
    assert geojson_fetches(browser) == 1

    browser.execute_script("window.__dashResponses = [];")
    browser.find_element(By.CSS_SELECTOR, '#factor input[value="kekerasan"]').click()
    wait_for(
        browser,
        f"var g = {GRAPH}; return g.data[0].z[g.data[0].locations.indexOf('81.02')] === 0;",
    )
    after_z = z_of(browser)
    assert after_z["81.02"] == 0  # no violence reported there: grey
    assert after_z["94.02"] > 0  # clashes: still coloured
    assert geojson_fetches(browser) == 1  # the geometry was not fetched again
    assert browser.execute_script(f"return {GRAPH}.data[0].geojson") == GEOJSON_PATH
    bodies = wait_for(browser, "return window.__dashResponses.length ? window.__dashResponses : null;")
    patched = [body for body in bodies if "risk-map" in body]
    assert patched and all("__dash_patch_update" in body for body in patched)
    assert not any("FeatureCollection" in body or "coordinates" in body for body in bodies)
    assert sum(len(body) for body in bodies) < 50 * 1024

    browser.find_element(By.CSS_SELECTOR, '#show-points input[type="checkbox"]').click()
    points = wait_for(
        browser, f"var t = {GRAPH}.data[1]; return t.visible === true && t.lat.length ? t : null;"
    )
    assert (points["lat"], points["lon"]) == ([MALUKU_TENGGARA_POINT[0]], [MALUKU_TENGGARA_POINT[1]])
    assert "&lt;b&gt;Titik&lt;/b&gt;" in points["text"][0]  # shown literally in the hover label
    assert geojson_fetches(browser) == 1
    assert csp_violations(browser) == []


def test_analyst_sees_only_the_province_and_not_another_provinces_page(
    browser: webdriver.Chrome, dashboard_server: str, make_person: PersonFactory, engine: Engine
) -> None:
    with read_session(engine) as session:
        maluku = {k.kode for k in list_kabupaten(session=session, provinsi="81")}
    log_in(browser, dashboard_server, make_person("analyst", provinsi="81"))
    assert drawn_paths(browser, len(maluku)) == len(maluku)
    assert set(browser.execute_script(f"return {GRAPH}.data[0].locations")) == maluku

    browser.get(f"{dashboard_server}/kabupaten/94.02")
    heading = wait_for(browser, "var h = document.getElementById('not-found'); return h && h.textContent;")
    assert "tidak ditemukan" in heading.lower()
    assert not browser.find_elements(By.ID, "kabupaten-name")

    browser.get(f"{dashboard_server}/kabupaten/81.02")
    name = wait_for(browser, "var h = document.getElementById('kabupaten-name'); return h && h.textContent;")
    assert name == "Kabupaten Maluku Tenggara"


def test_table_row_and_map_click_open_the_kabupaten_page_where_report_text_stays_text(
    browser: webdriver.Chrome,
    dashboard_server: str,
    make_person: PersonFactory,
    seed_reports: ReportSeeder,
) -> None:
    xss_id, _ = seed_reports(
        {
            "kabupaten_kode": "81.02",
            "severity": 5,
            "title": "<b>Judul</b> <img src=x onerror=alert(2)>",
            "description": XSS_DESCRIPTION,
        },
        {"kabupaten_kode": "81.02", "severity": 4},
    )
    log_in(browser, dashboard_server, make_person("admin"))
    drawn_paths(browser, 514)
    link = browser.find_element(By.CSS_SELECTOR, 'tr[data-kode="81.02"] a.rank-link')
    link.click()
    name = wait_for(browser, "var h = document.getElementById('kabupaten-name'); return h && h.textContent;")
    assert name == "Kabupaten Maluku Tenggara"
    assert browser.execute_script("return location.pathname") == "/kabupaten/81.02"

    row = browser.find_element(By.CSS_SELECTOR, f'#reports tr[data-report="{xss_id}"]')
    description = row.find_element(By.CSS_SELECTOR, "td.report-description")
    title = row.find_element(By.CSS_SELECTOR, "td.report-title")
    assert description.text == XSS_DESCRIPTION  # shown literally, tags and all
    assert description.find_elements(By.CSS_SELECTOR, "b, i, script") == []
    assert title.find_elements(By.CSS_SELECTOR, "b, img") == []
    assert title.text == "<b>Judul</b> <img src=x onerror=alert(2)>"
    assert browser.execute_script("return window.__alerts") == 0
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is what raises
    assert "Laporan" in browser.find_element(By.ID, "contributions").text

    browser.find_element(By.ID, "back-to-map").click()
    drawn_paths(browser, 514)
    browser.execute_script(
        f"{GRAPH}.emit('plotly_click', {{points: [{{curveNumber: 0, pointNumber: 0, location: '94.02'}}]}});"
    )
    wait_for(browser, "return location.pathname === '/kabupaten/94.02';")
    name = wait_for(browser, "var h = document.getElementById('kabupaten-name'); return h && h.textContent;")
    assert name == "Kabupaten Puncak Jaya"
    assert csp_violations(browser) == []  # the trend chart and tables ran under the policy


def test_english_switch_translates_and_is_remembered(
    browser: webdriver.Chrome, dashboard_server: str, make_person: PersonFactory
) -> None:
    log_in(browser, dashboard_server, make_person("admin"))
    page_shows(browser, "Peta kerawanan kabupaten/kota")
    credit = browser.find_element(By.ID, "credit").text
    assert credit.startswith("Batas & kode wilayah") and "Boundaries" not in credit  # one language
    browser.find_element(By.ID, "lang-en").click()
    page_shows(browser, "Risk map of regencies/cities")
    assert "Log out" in browser.find_element(By.ID, "shell-header").text
    assert "Crowds" in browser.find_element(By.ID, "factor").text
    assert browser.find_element(By.ID, "credit").text.startswith("Boundaries & codes")
    drawn_paths(browser, 514)
    level_words = browser.execute_script(
        f"return {GRAPH}.data[0].customdata.map(function (c) {{ return c[1]; }})"
    )
    assert set(level_words) <= {"No data", "Low", "Medium", "High"}
    assert browser.get_cookie("waspada_lang")["value"] == "en"

    browser.refresh()  # the choice survives a reload (cookie)
    page_shows(browser, "Risk map of regencies/cities")
    browser.find_element(By.ID, "lang-id").click()
    page_shows(browser, "Peta kerawanan kabupaten/kota")
    assert "Keluar" in browser.find_element(By.ID, "shell-header").text


def test_api_docs_render_offline_under_their_policy(browser: webdriver.Chrome, dashboard_server: str) -> None:
    browser.get(f"{dashboard_server}/docs")
    title = wait_for(
        browser, "var t = document.querySelector('.swagger-ui .info .title'); return t && t.textContent;"
    )
    assert "Waspada" in title
    wait_for(browser, "return document.querySelectorAll('.swagger-ui .opblock').length > 10;")
    outside = browser.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
        ".filter(function (n) { return n.indexOf(location.origin) !== 0 && n.indexOf('data:') !== 0; });"
    )
    assert outside == []
    assert csp_violations(browser) == []


def test_a_new_person_logs_in_with_the_one_time_password_and_chooses_their_own(
    browser: webdriver.Chrome, dashboard_server: str, make_person: PersonFactory
) -> None:
    person = make_person("analyst", provinsi="81", one_time=True)
    browser.get(f"{dashboard_server}/masuk")
    browser.find_element(By.ID, "username").send_keys(person.username)
    browser.find_element(By.ID, "password").send_keys(person.password)
    browser.find_element(By.ID, "login-submit").click()
    wait_for(browser, "return location.pathname === '/sandi'")
    assert "sekali pakai" in browser.find_element(By.TAG_NAME, "main").text
    browser.find_element(By.ID, "current_password").send_keys(person.password)
    browser.find_element(By.ID, "new_password").send_keys("sandi-pilihan-sendiri")
    browser.find_element(By.ID, "confirm_password").send_keys("sandi-pilihan-sendiri")
    browser.find_element(By.ID, "password-submit").click()
    wait_for(browser, "return document.querySelector('#page .risk-page') !== null")
    browser.find_element(By.ID, "logout").click()
    wait_for(browser, "return location.pathname === '/masuk'")
    log_in(browser, dashboard_server, Person(person.username, "sandi-pilihan-sendiri"))
    assert browser.find_element(By.ID, "change-password").get_attribute("href").endswith("/sandi")


def _pick(driver: webdriver.Chrome, dropdown_id: str, text: str) -> None:
    """Choose an option of a dcc.Dropdown the way a person does: open, type, Enter."""
    driver.find_element(By.ID, dropdown_id).click()
    wait_for(driver, "return document.activeElement && document.activeElement.tagName === 'INPUT'")
    driver.switch_to.active_element.send_keys(text)
    wait_for(
        driver,
        "return Array.from(document.querySelectorAll('[role=option]'))"
        ".some(o => o.textContent.indexOf(arguments[0]) >= 0);",
        text,
    )
    driver.switch_to.active_element.send_keys(Keys.ENTER)


def test_an_admin_creates_an_officer_who_logs_in_and_sees_only_their_kabupaten(
    browser: webdriver.Chrome, dashboard_server: str, make_person: PersonFactory
) -> None:
    log_in(browser, dashboard_server, make_person("admin"))
    browser.find_element(By.ID, "nav-admin").click()
    wait_for(browser, "return document.getElementById('new-username') !== null")
    browser.find_element(By.ID, "new-username").send_keys("petugas-baru")
    browser.find_element(By.ID, "new-name").send_keys("Petugas Baru (FKDM)")
    _pick(browser, "new-scope", "81.02")
    browser.find_element(By.ID, "create-account").click()
    one_time = wait_for(
        browser, "var c = document.getElementById('admin-secret-value'); return c && c.textContent;"
    )
    assert len(one_time) == 19
    wait_for(browser, "return document.getElementById('account-row-petugas-baru') !== null")
    row = browser.find_element(By.ID, "account-row-petugas-baru").text
    assert "81.02" in row and "sekali pakai" in row
    browser.get(f"{dashboard_server}/keluar")
    browser.get(f"{dashboard_server}/masuk")
    browser.find_element(By.ID, "username").send_keys("petugas-baru")
    browser.find_element(By.ID, "password").send_keys(one_time)
    browser.find_element(By.ID, "login-submit").click()
    wait_for(browser, "return location.pathname === '/sandi'")
    browser.find_element(By.ID, "current_password").send_keys(one_time)
    browser.find_element(By.ID, "new_password").send_keys("kata-sandi-kuat-77")
    browser.find_element(By.ID, "confirm_password").send_keys("kata-sandi-kuat-77")
    browser.find_element(By.ID, "password-submit").click()
    wait_for(browser, "return document.querySelector('#page .risk-page') !== null")
    assert not browser.find_elements(By.ID, "nav-admin")  # officers manage no account
    browser.get(f"{dashboard_server}/kabupaten/94.02")
    wait_for(browser, "return document.getElementById('not-found') !== null")
    browser.get(f"{dashboard_server}/kabupaten/81.02")
    name = wait_for(browser, "var h = document.getElementById('kabupaten-name'); return h && h.textContent;")
    assert "Maluku Tenggara" in name


def test_the_kabupaten_page_draws_its_kecamatan_from_their_own_layer(
    browser: webdriver.Chrome,
    dashboard_server: str,
    make_person: PersonFactory,
    seed_reports: ReportSeeder,
    geo_dir: Path,
) -> None:
    seed_reports(
        {"kabupaten_kode": "81.02", "kecamatan_kode": "81.02.05", "severity": 5, "category": "bentrokan"},
        {"kabupaten_kode": "81.02", "kecamatan": "Kei Kecil", "severity": 2},
    )
    with open(geo_dir / "kode_kecamatan_kemendagri2025.csv", encoding="utf-8") as handle:
        expected = sum(1 for line in handle if line.startswith("81.02."))  # read here, not by the code
    log_in(browser, dashboard_server, make_person("admin"), "/kabupaten/81.02")
    drawn = wait_for(
        browser,
        "var p = document.querySelectorAll('#kecamatan-map path.choroplethlocation');"
        "return p.length === arguments[0] && p[p.length - 1].getAttribute('fill') ? p.length : null;",
        expected,
    )
    assert drawn == expected == 11
    ranked = [
        row.get_attribute("data-kecamatan")
        for row in browser.find_elements(By.CSS_SELECTOR, "#kecamatan-ranking tr[data-kecamatan]")
    ]
    assert ranked == ["81.02.05", "81.02.01"]  # the violent report's kecamatan first
    fetched = browser.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
        ".filter(function (n) { return n.indexOf('/api/v1/geo/kecamatan/81.02.geojson') >= 0; }).length;"
    )
    assert fetched == 1
    assert csp_violations(browser) == []
