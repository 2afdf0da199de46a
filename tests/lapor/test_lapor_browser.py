"""The /lapor form in a real headless Chromium on a 360 px screen: online, offline and refused reports.

SQLite only (the page talks HTTP; the backend is covered elsewhere). Offline is emulated with
CDP *and* by stopping the server, because a service worker's own fetches bypass the emulation.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select

from core.config import Settings
from models import vocab
from tests.conftest import TokenFactory, auth
from tests.factories import MALUKU_TENGGARA_POINT, report_payload
from tests.lapor.browser import WIT, Server, local_now, put_in_queue, server_reports, sign_in, states, wait

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("backend", ["sqlite"], indirect=True)]
TITLE = "Kecamatan Kei Kecil — pengungsi 'Ambon' ñ é"


def _fill(browser: WebDriver, **values: str) -> None:
    """Type into the form like a person: category, severity, then text fields."""
    Select(browser.find_element(By.ID, "category")).select_by_value(values.pop("category", "unjuk_rasa"))
    severity = values.pop("severity", "3")
    choice = browser.find_element(By.CSS_SELECTOR, f"input[name=severity][value='{severity}'] + span")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", choice)  # not under the header
    choice.click()
    if "when" in values:
        browser.execute_script("document.getElementById('when').value = arguments[0]", values.pop("when"))
    for field, text in values.items():
        element = browser.find_element(By.ID, field)
        element.clear()
        element.send_keys(text)


def _wait_for_places(browser: WebDriver) -> None:
    """The kabupaten's kecamatan and desa are on the phone: the pickers replace the typed name."""
    wait(browser, lambda b: b.find_element(By.ID, "places").is_displayed())
    assert len(Select(browser.find_element(By.ID, "kecPick")).options) > 1
    assert not browser.find_element(By.ID, "kecamatan").is_displayed()


def _sign_in_with_places(browser: WebDriver, server: Server, token: str) -> None:
    """Sign in with signal and wait until the officer's kabupaten's places are on the phone."""
    sign_in(browser, server, token)
    _wait_for_places(browser)


def _picked(browser: WebDriver) -> tuple[str, str]:
    return (
        browser.find_element(By.ID, "kecPick").get_attribute("value"),
        browser.find_element(By.ID, "desaPick").get_attribute("value"),
    )


def _errors(browser: WebDriver) -> str:
    return browser.find_element(By.CSS_SELECTOR, "#items .errs").text


def _submit(browser: WebDriver) -> None:
    browser.find_element(By.ID, "save").click()


def _items(browser: WebDriver) -> list[WebElement]:
    return browser.find_elements(By.CSS_SELECTOR, "#items > li.item")


def _set_offline(browser: WebDriver, offline: bool) -> None:
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    wait(browser, lambda b: b.execute_script("return navigator.onLine") is (not offline))


CHOICES_SCRIPT = """
const category = document.getElementById('category');
const pairs = (options) => [...options].map((o) => [o.value, o.textContent]);
return {
  groups: [...category.querySelectorAll('optgroup')].map(
    (g) => [g.label, pairs(g.querySelectorAll('option'))]),
  sources: pairs(document.getElementById('source').options),
  severities: [...document.querySelectorAll('#severity label')].map(
    (l) => [l.querySelector('input').value, l.querySelector('span').textContent]),
};
"""


def _choices(browser: WebDriver) -> dict[str, Any]:
    """What the form offers: categories grouped by factor, sources and severities, as shown."""
    return browser.execute_script(CHOICES_SCRIPT)


def _vocabulary_choices(lang: str) -> dict[str, Any]:
    """The same, as models.vocab defines it (a client may not claim a reserved source type)."""
    return {
        "groups": [
            [f.label(lang), [[c.value, c.label(lang)] for c in vocab.CATEGORIES if c.factor == f.value]]
            for f in vocab.FACTORS
        ],
        "sources": [
            [s.value, s.label(lang)] for s in vocab.SOURCE_TYPES if s.value not in vocab.RESERVED_SOURCE_TYPES
        ],
        "severities": [[s.value, f"{s.value}{s.label(lang)}"] for s in vocab.SEVERITIES],
    }


def test_a_report_sent_online_is_stored_with_local_time_and_location(
    server: Server, driver: WebDriver, make_token: TokenFactory
) -> None:
    token = make_token("officer", kabupaten="81.02", name="fkdm-malra")
    _sign_in_with_places(driver, server, token)
    assert "Maluku Tenggara" in driver.find_element(By.ID, "who").text
    assert "WIT" in driver.find_element(By.ID, "zone").text
    assert not driver.find_element(By.ID, "kabRow").is_displayed()  # an officer has one kabupaten
    default = datetime.fromisoformat(driver.find_element(By.ID, "when").get_attribute("value"))
    assert abs(default - local_now()) < timedelta(minutes=2)
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 360
    assert _choices(driver) == _vocabulary_choices("id")

    origin = {"origin": server.url, "permissions": ["geolocation"]}
    driver.execute_cdp_cmd("Browser.resetPermissions", {})
    driver.execute_cdp_cmd(
        "Browser.setPermission", {**origin, "permission": {"name": "geolocation"}, "setting": "denied"}
    )
    driver.find_element(By.ID, "geo").click()
    wait(driver, lambda b: "ditolak" in b.find_element(By.ID, "geoMsg").text)
    assert not driver.find_element(By.ID, "geo").is_selected()

    driver.execute_cdp_cmd("Browser.grantPermissions", origin)
    lat, lon = MALUKU_TENGGARA_POINT
    driver.execute_cdp_cmd(
        "Emulation.setGeolocationOverride", {"latitude": lat, "longitude": lon, "accuracy": 20}
    )
    driver.find_element(By.ID, "geo").click()
    wait(driver, lambda b: "terlampir" in b.find_element(By.ID, "geoMsg").text)

    occurred = (local_now() - timedelta(hours=1)).replace(second=0, microsecond=0)
    _fill(
        driver,
        category="bentrokan",
        severity="4",
        when=occurred.strftime("%Y-%m-%dT%H:%M"),
        kecFilter="Kei Kecil",  # the whole name typed picks it among Kei Kecil Barat, Timur, ...
        crowd="250",
        title=TITLE,
        desc="Dua kelompok pemuda saling lempar batu.",
    )
    _submit(driver)
    wait(driver, lambda b: states(b) == ["terkirim"])
    item = _items(driver)[0]
    assert "terkirim" in item.text and TITLE in item.text
    report = httpx.get(
        f"{server.url}/api/v1/reports/{item.get_attribute('data-id')}", headers=auth(token)
    ).json()
    assert (report["title"], report["category"], report["severity"], report["crowd_size"]) == (
        TITLE,
        "bentrokan",
        4,
        250,
    )
    assert (report["kecamatan"], report["reporter"]) == ("Kei Kecil", "fkdm-malra")
    assert (report["kecamatan_kode"], report["desa_kode"]) == ("81.02.01", None)
    assert (report["latitude"], report["longitude"]) == (round(lat, 6), round(lon, 6))
    assert datetime.fromisoformat(report["occurred_at"]) == occurred.replace(tzinfo=WIT)

    driver.find_element(By.ID, "lang").click()
    assert driver.find_element(By.ID, "sendNow").text == "Send now"
    assert _choices(driver) == _vocabulary_choices("en")
    assert _items(driver)[0].find_element(By.CSS_SELECTOR, ".badge").text == "sent"
    driver.find_element(By.ID, "lang").click()
    assert driver.find_element(By.ID, "sendNow").text == "Kirim sekarang"


def _wait_for_service_worker(browser: WebDriver) -> None:
    wait(browser, lambda b: b.execute_script("return !!navigator.serviceWorker.controller"))
    cached = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "caches.keys().then(k => Promise.all(k.map(n => caches.open(n).then(c => c.keys()))))"
        ".then(all => done(all.flat().map(r => new URL(r.url).pathname)));"
    )
    assert "/lapor/" in cached and "/lapor/app.js" in cached


def _sign_in_once_online(browser: WebDriver, server: Server, token: str) -> None:
    """Sign in with signal: the service worker keeps the shell, the phone its kabupaten's places."""
    _sign_in_with_places(browser, server, token)
    _wait_for_service_worker(browser)


def _reload_without_server(browser: WebDriver, server: Server) -> None:
    """Stop the server and reload: nothing may come from the network now, service worker or not."""
    server.stop()
    browser.refresh()
    wait(browser, lambda b: b.find_element(By.ID, "app").is_displayed())


def test_reports_written_offline_survive_a_reload_and_are_sent_once_back_online(
    server: Server, driver: WebDriver, make_token: TokenFactory
) -> None:
    token = make_token("officer", kabupaten="81.02")
    _sign_in_once_online(driver, server, token)

    _set_offline(driver, True)
    for n in range(3):
        _fill(driver, title=f"Laporan luring {n + 1}", kecFilter="Kei Besar")
        _submit(driver)
        wait(driver, lambda b, n=n: states(b) == ["menunggu"] * (n + 1))
    driver.find_element(By.ID, "sendNow").click()
    assert "sinyal" in driver.find_element(By.ID, "syncMsg").text
    ids = {item.get_attribute("data-id") for item in _items(driver)}

    _reload_without_server(driver, server)
    assert driver.execute_script("return navigator.onLine") is False
    wait(driver, lambda b: states(b) == ["menunggu"] * 3)  # from IndexedDB, shell from the cache
    assert _choices(driver) == _vocabulary_choices("id")  # the vocabulary from the stored copy

    _set_offline(driver, False)  # "online", but the server is still down: sending fails, nothing lost
    wait(driver, lambda b: "Gagal" in b.find_element(By.ID, "syncMsg").text)
    assert states(driver) == ["menunggu"] * 3

    _set_offline(driver, True)
    server.start()
    _set_offline(driver, False)  # the `online` event flushes the queue
    wait(driver, lambda b: states(b) == ["terkirim"] * 3)
    stored = server_reports(server, token)
    assert {r["id"] for r in stored} == ids and len(stored) == 3
    assert sorted(r["title"] for r in stored) == [f"Laporan luring {n}" for n in (1, 2, 3)]
    assert {(r["kecamatan"], r["kecamatan_kode"]) for r in stored} == {("Kei Besar", "81.02.03")}


def test_kecamatan_and_desa_picked_offline_keep_their_codes_through_a_reload(
    server: Server, driver: WebDriver, make_token: TokenFactory
) -> None:
    token = make_token("officer", kabupaten="81.02")
    _sign_in_once_online(driver, server, token)  # one online visit keeps the list on the phone

    _set_offline(driver, True)
    _reload_without_server(driver, server)
    _wait_for_places(driver)  # from the stored copy: no network at all
    assert driver.find_element(By.ID, "desaPick").get_attribute("disabled")  # no kecamatan yet
    _fill(driver, title="Rumah dibakar di Hollat")
    kecamatan = driver.find_element(By.ID, "kecFilter")
    kecamatan.send_keys("utara timur")  # a word of the name, not its start
    assert _picked(driver) == ("81.02.05", "")  # the only match is picked
    kecamatan.send_keys(Keys.ENTER)  # moves to the list; does not submit the report
    assert driver.switch_to.active_element.get_attribute("id") == "kecPick"
    assert _items(driver) == []
    driver.find_element(By.ID, "desaFilter").send_keys("holl")
    desa = Select(driver.find_element(By.ID, "desaPick"))
    assert [o.text for o in desa.options[1:]] == ["Hollat", "Hollat Solair", "Hollay"]
    desa.select_by_value("81.02.05.2001")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 360
    _submit(driver)
    wait(driver, lambda b: states(b) == ["menunggu"])
    assert _picked(driver) == ("", "")  # the form is reset for the next report

    driver.refresh()  # still offline, server still down
    wait(driver, lambda b: states(b) == ["menunggu"])
    assert "Hollat" in _items(driver)[0].find_element(By.CSS_SELECTOR, ".meta").text

    server.start()
    _set_offline(driver, False)
    wait(driver, lambda b: states(b) == ["terkirim"])
    [report] = server_reports(server, token)
    assert (report["title"], report["kecamatan"]) == ("Rumah dibakar di Hollat", "Kei Besar Utara Timur")
    assert (report["kecamatan_kode"], report["desa_kode"]) == ("81.02.05", "81.02.05.2001")


def _when_problem(browser: WebDriver) -> tuple[str, str]:
    """The message at the time field and the one the browser would give when submitting."""
    return (
        browser.find_element(By.ID, "whenMsg").text,
        browser.execute_script("return document.getElementById('when').validationMessage"),
    )


def _minutes_from_now(minutes: int) -> str:
    return (local_now() + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M")


def test_a_future_time_is_stopped_on_the_phone_in_the_kabupatens_zone(
    server: Server, driver: WebDriver, make_token: TokenFactory
) -> None:
    driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "America/New_York"})
    token = make_token("officer", kabupaten="81.02")
    sign_in(driver, server, token)
    assert driver.find_element(By.ID, "whenMsg").text == ""
    latest = datetime.fromisoformat(driver.find_element(By.ID, "when").get_attribute("max"))
    assert timedelta(minutes=8) < latest - local_now() <= timedelta(minutes=10)  # the picker's limit, WIT

    _fill(driver, title="Besok", when=_minutes_from_now(24 * 60))
    _submit(driver)
    message, bubble = _when_problem(driver)
    assert message.startswith("Waktu kejadian tidak boleh lebih dari 10 menit setelah saat ini (")
    assert message.endswith(" WIT menurut jam ponsel).") and bubble == message
    assert driver.switch_to.active_element.get_attribute("id") == "when"
    assert _items(driver) == [] and server_reports(server, token) == []
    driver.find_element(By.ID, "lang").click()
    assert _when_problem(driver)[0].startswith("The time of the incident may not be more than 10 minutes")
    driver.find_element(By.ID, "lang").click()

    _fill(driver, title="Seperempat jam lagi", when=_minutes_from_now(15))  # beyond the server's 10
    _submit(driver)
    assert _when_problem(driver)[0] and _items(driver) == []

    when = driver.find_element(By.ID, "when")  # a person picks a time: the message goes at once
    driver.execute_script("arguments[0].value = arguments[1]", when, _minutes_from_now(5))
    driver.execute_script("arguments[0].dispatchEvent(new Event('input'))", when)
    assert _when_problem(driver) == ("", "")
    _submit(driver)  # within the server's tolerance, read in WIT: accepted on both sides
    wait(driver, lambda b: states(b) == ["terkirim"])
    [report] = server_reports(server, token)
    assert report["title"] == "Seperempat jam lagi"


def test_the_phone_allows_what_the_server_is_configured_to_allow(
    settings: Settings, driver: WebDriver, make_token: TokenFactory
) -> None:
    server = Server(settings.model_copy(update={"future_tolerance_minutes": 30}))
    server.start()
    try:
        token = make_token("officer", kabupaten="81.02")
        sign_in(driver, server, token)
        _fill(driver, title="Tiga perempat jam lagi", when=_minutes_from_now(45))
        _submit(driver)
        assert "30 menit" in _when_problem(driver)[0] and _items(driver) == []
        _fill(driver, title="Dua puluh menit lagi", when=_minutes_from_now(20))  # 10 would refuse it
        _submit(driver)
        wait(driver, lambda b: states(b) == ["terkirim"])
        assert [r["title"] for r in server_reports(server, token)] == ["Dua puluh menit lagi"]
    finally:
        server.stop()


def test_a_refused_report_is_corrected_and_resent_without_a_duplicate(
    server: Server, driver: WebDriver, make_token: TokenFactory
) -> None:
    token = make_token("officer", kabupaten="81.02", name="fkdm-tual")
    sign_in(driver, server, token)
    ahead = (datetime.now(WIT) + timedelta(hours=3)).replace(second=0, microsecond=0)
    wrong = report_payload(title="Waktu keliru", occurred_at=ahead.astimezone(UTC).isoformat())
    fine = report_payload(title="Laporan benar")
    queued = {"attempts": 0, "account": "fkdm-tual", "state": "menunggu", "kind": None, "errors": []}
    # Queued by a phone whose clock ran three hours fast: only the server can tell it is the future.
    put_in_queue(driver, {**queued, "id": wrong["id"], "seq": 1, "payload": wrong})
    put_in_queue(driver, {**queued, "id": fine["id"], "seq": 2, "payload": fine})
    driver.refresh()
    wait(driver, lambda b: sorted(states(b)) == ["ditolak", "terkirim"])
    status = driver.find_element(By.ID, "syncMsg")
    assert status.text.startswith("1 laporan ditolak server dan perlu dibetulkan")
    assert "Terkirim semua" not in status.text and "bad" in status.get_attribute("class")
    refused = driver.find_element(By.CSS_SELECTOR, f"li[data-id='{wrong['id']}']")
    reason = "Waktu kejadian: lebih dari 10 menit di masa depan; periksa tanggal, jam, dan jam ponsel"
    assert refused.find_element(By.CSS_SELECTOR, ".errs").text == reason
    driver.find_element(By.ID, "lang").click()
    assert driver.find_element(By.ID, "syncMsg").text.startswith("1 report(s) refused by the server")
    driver.find_element(By.ID, "lang").click()
    assert [r["id"] for r in server_reports(server, token)] == [fine["id"]]

    edit = f"li[data-id='{wrong['id']}'] button[data-act=edit]"  # the list was drawn again
    driver.find_element(By.CSS_SELECTOR, edit).click()
    assert driver.find_element(By.ID, "editing").is_displayed()
    assert driver.find_element(By.ID, "editErrs").text == reason  # why, beside the form
    assert driver.find_element(By.ID, "title").get_attribute("value") == "Waktu keliru"
    assert driver.find_element(By.ID, "when").get_attribute("value") == ahead.strftime("%Y-%m-%dT%H:%M")
    assert _when_problem(driver)[0]  # the phone already says the time is ahead
    _fill(driver, title="Waktu sudah dibetulkan", when=_minutes_from_now(-120))
    _submit(driver)
    wait(driver, lambda b: states(b) == ["terkirim", "terkirim"])
    assert driver.find_element(By.ID, "syncMsg").text.startswith("Terkirim semua")
    assert not driver.find_element(By.ID, "editing").is_displayed()
    assert driver.find_element(By.CSS_SELECTOR, f"li[data-id='{wrong['id']}'] .badge").text == "terkirim"
    stored = {r["id"]: r["title"] for r in server_reports(server, token)}
    assert stored == {wrong["id"]: "Waktu sudah dibetulkan", fine["id"]: "Laporan benar"}  # no duplicate

    driver.find_element(By.ID, "sendNow").click()  # sending again changes nothing on the server
    wait(driver, lambda b: states(b) == ["terkirim", "terkirim"])
    assert len(server_reports(server, token)) == 2


def test_an_id_taken_on_the_server_is_refused_in_words_and_left_alone(
    server: Server, driver: WebDriver, make_token: TokenFactory
) -> None:
    token = make_token("officer", kabupaten="81.02", name="fkdm-tual")
    sign_in(driver, server, token)
    taken = report_payload(title="Sudah ada di server")
    assert httpx.post(f"{server.url}/api/v1/reports", json=taken, headers=auth(token)).status_code == 201
    clash = {**taken, "title": "Isi lain, id sama"}
    put_in_queue(
        driver,
        {
            "id": taken["id"],
            "seq": 1,
            "attempts": 0,
            "account": "fkdm-tual",
            "payload": clash,
            "state": "menunggu",
            "kind": None,
            "errors": [],
        },
    )
    driver.refresh()
    wait(driver, lambda b: states(b) == ["ditolak"])
    refused = driver.find_element(By.CSS_SELECTOR, f"li[data-id='{taken['id']}']")
    assert refused.find_element(By.CSS_SELECTOR, ".errs").text == (
        "ID: laporan lain dengan ID ini sudah tersimpan di server; tidak ada yang diubah"
    )
    assert not refused.find_elements(By.CSS_SELECTOR, "button[data-act=edit]")  # a conflict is not editable
    assert "1 laporan ditolak" in driver.find_element(By.ID, "syncMsg").text
    stored = httpx.get(f"{server.url}/api/v1/reports/{taken['id']}", headers=auth(token)).json()
    assert stored["title"] == "Sudah ada di server"
    assert json.loads(driver.execute_script("return localStorage.getItem('wsp.me')"))["name"] == "fkdm-tual"


def test_a_desa_outside_the_kecamatan_is_refused_in_words_naming_the_field(
    server: Server, driver: WebDriver, make_token: TokenFactory
) -> None:
    token = make_token("officer", kabupaten="81.02", name="fkdm-kei")
    _sign_in_with_places(driver, server, token)
    wrong = report_payload(  # Langgur is a desa of Kei Kecil, not of Kei Besar Utara Timur
        title="Desa keliru",
        kecamatan="Kei Besar Utara Timur",
        kecamatan_kode="81.02.05",
        desa_kode="81.02.01.2014",
    )
    queued = {"seq": 1, "attempts": 0, "account": "fkdm-kei", "state": "menunggu", "kind": None}
    put_in_queue(driver, {**queued, "id": wrong["id"], "payload": wrong, "errors": []})
    driver.refresh()
    wait(driver, lambda b: states(b) == ["ditolak"])
    assert _errors(driver) == "Desa/Kelurahan: tidak berada di kecamatan yang dipilih (81.02.01.2014)"
    driver.find_element(By.ID, "lang").click()
    assert _errors(driver) == "Village (desa/kelurahan): not in the chosen district (81.02.01.2014)"
    driver.find_element(By.ID, "lang").click()
    assert server_reports(server, token) == []

    driver.find_element(By.CSS_SELECTOR, "#items button[data-act=edit]").click()
    assert _picked(driver) == ("81.02.05", "")  # the kecamatan stays; the desa is not one of it
    Select(driver.find_element(By.ID, "desaPick")).select_by_visible_text("Hollat")
    _submit(driver)
    wait(driver, lambda b: states(b) == ["terkirim"])
    [report] = server_reports(server, token)
    assert (report["id"], report["desa_kode"]) == (wrong["id"], "81.02.05.2001")


def test_an_admin_picks_a_kabupaten_and_the_time_follows_its_zone(
    server: Server, driver: WebDriver, make_token: TokenFactory
) -> None:
    token = make_token("admin", name="admin-pusat")
    sign_in(driver, server, token)
    kabupaten = driver.find_element(By.ID, "kab")
    assert kabupaten.is_displayed()
    wait(driver, lambda b: len(Select(b.find_element(By.ID, "kab")).options) == 515)  # 514 + "pilih"
    Select(kabupaten).select_by_value("51.71")  # Kota Denpasar, WITA
    assert "WITA" in driver.find_element(By.ID, "zone").text
    _wait_for_places(driver)  # fetched for the kabupaten picked
    wita = datetime.now(ZoneInfo("Asia/Makassar")).replace(tzinfo=None)
    default = datetime.fromisoformat(driver.find_element(By.ID, "when").get_attribute("value"))
    assert abs(default - wita) < timedelta(minutes=2)
    for title in ("Denpasar satu", "Denpasar dua"):
        _fill(driver, title=title, category="hoaks", severity="2")
        _submit(driver)
    wait(driver, lambda b: states(b) == ["terkirim", "terkirim"])
    stored = server_reports(server, token)
    assert {(r["kabupaten_kode"], r["title"]) for r in stored} == {
        ("51.71", "Denpasar satu"),
        ("51.71", "Denpasar dua"),  # the pick survives the form's reset
    }
    assert all(datetime.fromisoformat(r["occurred_at"]).utcoffset() is not None for r in stored)

    _set_offline(driver, True)  # a kabupaten never loaded: the typed name is the fallback
    Select(driver.find_element(By.ID, "kab")).select_by_value("51.03")
    assert driver.find_element(By.ID, "kecamatan").is_displayed()
    assert not driver.find_element(By.ID, "places").is_displayed()
    _fill(driver, title="Badung luring", kecamatan="Kuta Utara")
    _submit(driver)
    wait(driver, lambda b: "menunggu" in states(b))
    _set_offline(driver, False)
    wait(driver, lambda b: states(b) == ["terkirim"] * 3)
    badung = next(r for r in server_reports(server, token) if r["title"] == "Badung luring")
    assert (badung["kabupaten_kode"], badung["kecamatan"]) == ("51.03", "Kuta Utara")
    assert badung["desa_kode"] is None
    _wait_for_places(driver)  # back online, the list of the kabupaten in use is fetched
