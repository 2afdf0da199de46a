"""The inbox and the report page in real headless Chromium: filter by URL, verify with a note and
see it in the trail and in the score, reject a selection, and an officer's narrower powers."""

from __future__ import annotations

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.conftest import PersonFactory
from tests.dashboard.conftest import ReportSeeder, hours_ago
from tests.dashboard.test_browser import csp_violations, log_in, page_shows, wait_for
from tests.factories import MALUKU_TENGGARA_POINT

pytestmark = pytest.mark.browser


@pytest.fixture(params=["sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    """The UI on SQLite; the workflow underneath runs on both backends in tests/core and tests/api."""
    return request.param


ROWS = "return document.querySelectorAll('#inbox-rows tbody tr').length;"


def _rows(driver: webdriver.Chrome, count: int) -> int:
    return wait_for(
        driver, f"var n = (function () {{ {ROWS} }})(); return n === arguments[0] ? n : null;", count
    )


def _text(driver: webdriver.Chrome, element_id: str) -> str:
    return wait_for(
        driver, "var e = document.getElementById(arguments[0]); return e && e.innerText;", element_id
    )


def _click(driver: webdriver.Chrome, selector: str) -> None:
    wait_for(driver, "return document.querySelector(arguments[0]) !== null;", selector)
    driver.execute_script("document.querySelector(arguments[0]).click();", selector)


def _score(driver: webdriver.Chrome, base: str) -> float:
    driver.get(f"{base}/kabupaten/81.02")
    return float(_text(driver, "kab-score").replace(",", "."))


def test_an_analyst_filters_verifies_with_a_note_and_rejects_a_selection(
    browser: webdriver.Chrome, dashboard_server: str, make_person: PersonFactory, seed_reports: ReportSeeder
) -> None:
    lat, lng = MALUKU_TENGGARA_POINT
    hoax, crowd, third = seed_reports(
        {
            "title": "Hoaks surat suara tercoblos",
            "category": "hoaks",
            "occurred_at": hours_ago(3),
            "latitude": lat,
            "longitude": lng,
        },
        {"title": "Massa di depan kantor camat", "occurred_at": hours_ago(2)},
        {"title": "Spanduk dirusak", "category": "perusakan_apk", "occurred_at": hours_ago(1)},
    )
    log_in(browser, dashboard_server, make_person("analyst", provinsi="81"))
    before = _score(browser, dashboard_server)

    browser.get(f"{dashboard_server}/laporan")
    assert _rows(browser, 3) == 3
    assert "3" in _text(browser, "status-tab-baru")
    search = browser.find_element(By.ID, "inbox-text")
    search.send_keys("tercoblos", Keys.ENTER)
    assert _rows(browser, 1) == 1
    assert "cari=tercoblos" in browser.current_url
    browser.back()
    assert _rows(browser, 3) == 3
    browser.forward()
    assert _rows(browser, 1) == 1

    _click(browser, "#inbox-rows a.report-link")
    assert _text(browser, "report-title") == "Hoaks surat suara tercoblos"
    wait_for(browser, "return document.querySelector('#report-map path.choroplethlocation') !== null;")
    browser.find_element(By.ID, "report-note").send_keys("Dikonfirmasi Polres Malra")
    _click(browser, "#report-actions button[id*='terverifikasi']")
    wait_for(
        browser,
        "var t = document.getElementById('report-trail'); "
        "return t && t.innerText.indexOf('Dikonfirmasi Polres Malra') >= 0;",
    )
    assert _text(browser, "report-status") == "Terverifikasi"
    assert "Tersimpan" in _text(browser, "report-message")
    assert _score(browser, dashboard_server) > before  # a verified report weighs more

    browser.get(f"{dashboard_server}/laporan?status=baru")
    assert _rows(browser, 2) == 2
    for checkbox in browser.find_elements(By.CSS_SELECTOR, "#inbox-rows input[type=checkbox]"):
        checkbox.click()
    _click(browser, "#inbox-reject")
    assert "catatan" in _text(browser, "inbox-message").lower()  # a rejection needs a reason
    browser.find_element(By.ID, "inbox-note").send_keys("Bukan kejadian terkait pilkada")
    _click(browser, "#inbox-reject")
    wait_for(
        browser,
        "var m = document.getElementById('inbox-message'); "
        "return m && m.innerText.indexOf('2 laporan diubah') >= 0;",
    )
    assert "2" in _text(browser, "status-tab-ditolak")
    browser.get(f"{dashboard_server}/laporan/{crowd}")
    wait_for(
        browser,
        "var t = document.getElementById('report-trail'); "
        "return t && t.innerText.indexOf('Bukan kejadian terkait pilkada') >= 0;",
    )
    assert _text(browser, "report-status") == "Ditolak"
    assert csp_violations(browser) == []
    assert hoax and third


def test_an_officer_notes_and_follows_up_but_does_not_triage(
    browser: webdriver.Chrome, dashboard_server: str, make_person: PersonFactory, seed_reports: ReportSeeder
) -> None:
    (ours,) = seed_reports({"title": "Kampanye tanpa izin", "occurred_at": hours_ago(1)})
    seed_reports({"kabupaten_kode": "81.72", "kecamatan": None, "title": "Laporan Tual"})
    log_in(browser, dashboard_server, make_person("officer", kabupaten="81.02"))
    browser.get(f"{dashboard_server}/laporan")
    assert _rows(browser, 1) == 1  # only its own kabupaten
    assert not browser.find_element(By.ID, "inbox-bulk").is_displayed()
    browser.execute_script("window.__sameDocument = true;")
    seed_reports({"title": "Laporan baru masuk", "occurred_at": hours_ago(0.5)})
    assert _rows(browser, 2) == 2  # the refresh brings it in, no reload
    assert browser.execute_script("return window.__sameDocument === true;")
    newest = browser.execute_script("return document.querySelector('#inbox-rows a.report-link').textContent;")
    assert newest == "Laporan baru masuk"  # newest arrival first
    browser.get(f"{dashboard_server}/laporan/{ours}")
    _text(browser, "report-actions")
    assert not browser.find_elements(By.CSS_SELECTOR, "#report-actions button[id*='terverifikasi']")
    browser.find_element(By.ID, "report-note").send_keys("Panwascam sudah diberi tahu")
    _click(browser, "#report-add-note")
    wait_for(
        browser,
        "var t = document.getElementById('report-trail'); "
        "return t && t.innerText.indexOf('Panwascam sudah diberi tahu') >= 0;",
    )
    assert _text(browser, "report-status") == "Baru"
    page_shows(browser, "Catatan")


def test_an_analyst_marks_a_suggested_duplicate_with_one_click(
    browser: webdriver.Chrome, dashboard_server: str, make_person: PersonFactory, seed_reports: ReportSeeder
) -> None:
    lat, lng = MALUKU_TENGGARA_POINT
    original, copy = seed_reports(
        {
            "title": "Bentrokan pendukung calon di pasar Langgur",
            "category": "bentrokan",
            "description": "Dua kelompok pendukung saling lempar batu di pasar.",
            "occurred_at": hours_ago(5),
            "latitude": lat,
            "longitude": lng,
        },
        {
            "title": "Pendukung calon bentrok di Pasar Langgur",
            "category": "bentrokan",
            "description": "Kelompok pendukung saling melempar batu di pasar pagi ini.",
            "occurred_at": hours_ago(3),
            "latitude": lat + 0.001,
            "longitude": lng,
        },
    )
    log_in(browser, dashboard_server, make_person("analyst", provinsi="81"))
    browser.get(f"{dashboard_server}/laporan/{copy}")
    first = wait_for(
        browser,
        "var a = document.querySelector('#duplicate-list a.report-link');return a && a.getAttribute('href');",
    )
    assert first == f"/laporan/{original}"
    browser.find_element(By.ID, "report-note").send_keys("Kejadian yang sama, pelapor lain")
    _click(browser, "#duplicate-list button")
    wait_for(
        browser, "var s = document.getElementById('report-status'); return s && s.innerText === 'Duplikat';"
    )
    assert (
        wait_for(browser, "var a = document.getElementById('duplicate-of'); return a && a.innerText;")
        == original
    )
    assert "Kejadian yang sama, pelapor lain" in _text(browser, "report-trail")
