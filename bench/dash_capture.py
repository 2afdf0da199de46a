"""Record the callback requests the dashboard itself sends, in headless Chromium, for the load bench.

A hook installed before the page's own scripts wraps `window.fetch` and keeps the body, start and
end of every `/_dash-update-component` request. One analyst opens the map, switches the factor,
opens a kabupaten from the ranking, opens the inbox and verifies its first report; each step's
requests are grouped into waves (a request sent after an earlier one of the step answered was
set off by that answer), which the load bench replays in order, a wave's requests in parallel.
"""

from __future__ import annotations

import json
import tempfile
import time
from dataclasses import dataclass, field

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.chromium import chromium_missing, start_chromium

ACTIONS = ("open map", "switch factor", "open kabupaten", "open inbox", "verify report")
SWITCH_TO = "kekerasan"
REFRESH_PROP = "inbox-refresh.n_intervals"  # the inbox's 10-second poll is not part of a step

FETCH_HOOK = """
(function () {
  window.__waspadaCalls = [];
  var original = window.fetch;
  window.fetch = function (input, init) {
    var url = typeof input === 'string' ? input : input.url;
    if (url.indexOf('_dash-update-component') < 0) { return original.apply(this, arguments); }
    var call = {body: init && init.body, start: performance.now(), end: null, status: null};
    window.__waspadaCalls.push(call);
    return original.apply(this, arguments).then(function (response) {
      call.status = response.status;
      response.clone().text().then(function () { call.end = performance.now(); });
      return response;
    });
  };
})();
"""

SETTLED = """
var calls = window.__waspadaCalls || [];
var open = calls.filter(function (c) { return c.end === null; }).length;
var last = calls.reduce(function (m, c) { return Math.max(m, c.end || 0, c.start); }, 0);
return {open: open, count: calls.length, idle: performance.now() - last};
"""


@dataclass
class Step:
    """One user step: its waves of request bodies (JSON text) and the statuses the browser saw."""

    waves: list[list[str]] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    browser_ms: float = 0.0

    @property
    def requests(self) -> int:
        return sum(len(wave) for wave in self.waves)


@dataclass
class Capture:
    """Every step of one analyst, and the kabupaten and report the steps named."""

    steps: dict[str, Step]
    kabupaten: str
    report_id: str


def browser() -> webdriver.Chrome:
    missing = chromium_missing()
    if missing:
        raise SystemExit(missing)
    return start_chromium(
        profile_dir=tempfile.mkdtemp(prefix="waspada-capture-"),
        width=1400,
        height=1000,
        extra_flags=("--enable-unsafe-swiftshader",),
    )


def login(driver: webdriver.Chrome, base: str, username: str, password: str) -> None:
    driver.get(f"{base}/masuk")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login-submit").click()
    WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#risk-map .js-plotly-plot"))


def settle(driver: webdriver.Chrome, quiet_ms: float = 800, timeout: float = 60) -> None:
    """Wait until no callback is in flight and none started for quiet_ms."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = driver.execute_script(SETTLED)
        if state["open"] == 0 and state["count"] > 0 and state["idle"] >= quiet_ms:
            return
        time.sleep(0.1)
    raise RuntimeError(f"callbacks did not settle: {state}")


def take_step(driver: webdriver.Chrome) -> Step:
    """The calls since the last step, grouped into waves, and clear the record."""
    calls = driver.execute_script("var c = window.__waspadaCalls; window.__waspadaCalls = []; return c;")
    calls = [c for c in calls if REFRESH_PROP not in json.loads(c["body"]).get("changedPropIds", [])]
    calls.sort(key=lambda c: c["start"])
    step = Step()
    wave_end = None
    for call in calls:
        if wave_end is None or call["start"] >= wave_end:
            step.waves.append([])
            wave_end = call["end"]
        step.waves[-1].append(call["body"])
        step.statuses.append(call["status"])
        wave_end = min(wave_end, call["end"])
    if calls:
        step.browser_ms = max(c["end"] for c in calls) - calls[0]["start"]
    return step


def wait_for(driver: webdriver.Chrome, css: str) -> None:
    WebDriverWait(driver, 60, poll_frequency=0.05).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))


def capture(base: str, username: str, password: str, day: str) -> Capture:
    """Walk through the five steps as an analyst would and keep what the dashboard sent."""
    driver = browser()
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FETCH_HOOK})
        login(driver, base, username, password)
        settle(driver)
        driver.get(f"{base}/?tanggal={day}")
        wait_for(driver, "#risk-map .js-plotly-plot")
        wait_for(driver, ".rank-link")
        settle(driver)
        steps = {"open map": take_step(driver)}
        driver.find_element(By.CSS_SELECTOR, f'#factor input[value="{SWITCH_TO}"]').click()
        settle(driver)
        steps["switch factor"] = take_step(driver)
        link = driver.find_element(By.CSS_SELECTOR, ".rank-link")
        kabupaten = link.get_attribute("href").split("/kabupaten/")[1].split("?")[0]
        link.click()
        wait_for(driver, "#kabupaten-name")
        settle(driver)
        steps["open kabupaten"] = take_step(driver)
        driver.find_element(By.ID, "nav-inbox").click()
        wait_for(driver, "#inbox-rows")
        settle(driver)
        steps["open inbox"] = take_step(driver)
        pick = driver.find_element(By.CSS_SELECTOR, ".inbox-row .pick input")
        report_id = pick.get_attribute("value")
        pick.click()
        driver.find_element(By.ID, "inbox-verify").click()
        WebDriverWait(driver, 60).until(lambda d: d.find_element(By.ID, "inbox-message").text.strip())
        settle(driver)
        steps["verify report"] = take_step(driver)
    finally:
        driver.quit()
    return Capture(steps=steps, kabupaten=kabupaten, report_id=report_id)
