"""Dashboard in headless Chromium: bytes and time to a drawn map (cold and warm), and a factor switch.

Run: .venv/bin/python bench/dashboard.py [--reports N] [--switches N]

A fresh SQLite database gets the demo season (seeds.demo, ~25k reports) when available, else a
synthetic one; the API with the dashboard runs on a real uvicorn in this process. Chromium is
Debian's (/usr/bin/chromium + /usr/bin/chromedriver); nothing is downloaded.

"Map drawn" = all 514 kabupaten paths of the choropleth are in the page with their fill colour,
timed from navigation start. Bytes are transferSize (headers + body as sent, 0 for cache hits)
of the navigation and every resource, from the Performance API. Cold = empty browser cache and
an empty server score cache; warm = a reload right after. Medians of --loads runs each.
Targets: first map <= 2.5 s cold, <= 1 s warm; factor switch <= 50 KB and <= 300 ms.

With --analysts 1 30 it measures concurrency instead (bench/dashboard_load.py): that many analysts,
each an HTTP client replaying the dashboard's own callback requests against one `waspada serve`
process on the demo season; p50 and p95 per step. Targets: p95 <= 800 ms at 30, <= 300 ms for one.

    .venv/bin/python bench/dashboard.py --analysts 1 30 [--think 0 3] [--inbox-db data/bench_exports.db]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import uvicorn
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from api.main import create_app
from core.accounts.people import create_account
from core.accounts.service import Principal, create_account_token
from core.config import Settings
from core.db import get_engine, write_session
from dashboard.app import mount_dashboard
from models.account import AccountCreate, Role
from seeds.bootstrap import prepare_database
from tests.chromium import chromium_missing, start_chromium

AS_OF = date(2024, 11, 20)  # H-7 of Pilkada Serentak 2024, in the demo season
TARGETS = {"cold_s": 2.5, "warm_s": 1.0, "switch_kb": 50.0, "switch_ms": 300.0}

MAP_PROBE = """
(function () {
  window.__waspadaMap = null;
  function drawn() {
    var gd = document.querySelector('#risk-map .js-plotly-plot');
    if (!gd || !gd._fullData || !gd._fullData.length) return false;
    var paths = document.querySelectorAll('#risk-map path.choroplethlocation');
    return paths.length >= %(areas)d && paths[paths.length - 1].getAttribute('fill') !== null;
  }
  function poll() {
    if (drawn()) { window.__waspadaMap = performance.now(); return; }
    requestAnimationFrame(poll);
  }
  requestAnimationFrame(poll);
})();
"""

SWITCH_SCRIPT = """
var factor = arguments[0], done = arguments[arguments.length - 1];
var gd = document.querySelector('#risk-map .js-plotly-plot');
var before = gd.data[0].z;
performance.clearResourceTimings();
var start = performance.now();
var input = document.querySelector('#factor input[value="' + factor + '"]');
var painted = false;
gd.once('plotly_afterplot', function () { painted = true; });
function check() {
  if (gd.data[0].z !== before && painted) {
    requestAnimationFrame(function () {
      var updates = performance.getEntriesByType('resource')
        .filter(function (e) { return e.name.indexOf('_dash-update-component') >= 0; });
      var bytes = updates.reduce(function (sum, e) { return sum + e.transferSize; }, 0);
      var server = updates.reduce(function (m, e) { return Math.max(m, e.responseEnd - start); }, 0);
      var wait = updates.reduce(function (m, e) { return Math.max(m, e.responseStart - e.requestStart); }, 0);
      done({ms: performance.now() - start, bytes: bytes, response_ms: server, wait_ms: wait});
    });
    return;
  }
  if (performance.now() - start > 10000) { done({ms: -1, bytes: -1}); return; }
  requestAnimationFrame(check);
}
input.click();
requestAnimationFrame(check);
"""

LOAD_STATS = """
var nav = performance.getEntriesByType('navigation')[0];
var res = performance.getEntriesByType('resource');
var bytes = (nav ? nav.transferSize : 0) + res.reduce(function (s, e) { return s + e.transferSize; }, 0);
var geo = res.filter(function (e) { return e.name.indexOf('kabupaten.geojson') >= 0; });
return {bytes: bytes, requests: res.length + 1, drawn: window.__waspadaMap,
        geojson_bytes: geo.reduce(function (s, e) { return s + e.transferSize; }, 0),
        external: res.filter(function (e) { return e.name.indexOf(location.origin) !== 0; })
                     .map(function (e) { return e.name; })};
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def seed(settings: Settings, reports: int | None) -> tuple[str, str]:
    """Demo season when seeds.demo exists (else a synthetic one); returns an admin's login."""
    engine = get_engine(settings)
    prepare_database(engine, settings)
    with write_session(engine) as session:
        try:
            from seeds.demo import seed_demo
        except ImportError:
            synthetic_reports(session, reports or 25_000)
        else:
            print("seeded:", seed_demo(session=session, reports=reports, geo_dir=settings.geo_dir))
    username, password = f"bench-{uuid.uuid4().hex[:6]}", "sandi-bench-dashboard"
    with write_session(engine) as session:
        account_in = AccountCreate(username=username, role=Role.ADMIN, password=password)
        create_account(
            session=session,
            actor=Principal(account_id=0, name="bench", role=Role.ADMIN),
            account_in=account_in,
        )
    return username, password


def synthetic_reports(session, count: int) -> None:  # type: ignore[no-untyped-def]
    """Fallback data: reports spread over all kabupaten in the 8 weeks before AS_OF."""
    from sqlmodel import select

    from core.accounts.service import principal_of
    from core.reports.intake import IntakeRules, create_reports_batch
    from models.account import Account
    from models.region import Kabupaten

    _, _ = create_account_token(session=session, name="bench-writer", role=Role.ADMIN)
    writer = principal_of(session.exec(select(Account).where(Account.username == "bench-writer")).one())
    kodes = list(session.exec(select(Kabupaten.kode)).all())
    rng = random.Random(7)
    categories = ["unjuk_rasa", "kampanye", "hoaks", "bentrokan", "politik_uang", "intimidasi"]
    rules = IntakeRules(now=datetime.now(UTC))
    items = []
    for _ in range(count):
        day = AS_OF - timedelta(days=rng.randint(0, 55))
        items.append(
            {
                "kabupaten_kode": rng.choice(kodes),
                "occurred_at": f"{day.isoformat()}T10:00:00",
                "category": rng.choice(categories),
                "severity": rng.randint(1, 5),
                "title": "laporan sintetis",
            }
        )
    for start in range(0, len(items), 500):
        create_reports_batch(session=session, account=writer, items=items[start : start + 500], rules=rules)


@contextmanager
def serve(settings: Settings) -> Iterator[tuple[str, object]]:
    """The API + dashboard on a real uvicorn thread, as `waspada serve` runs it."""
    app = create_app(settings)
    if not any(getattr(r, "path", "") == "/api/v1/geo/kabupaten.geojson" for r in app.routes):
        from api.routes import geometry

        app.include_router(geometry.router, prefix="/api/v1")
    dash_app = getattr(app.state, "dashboard", None) or mount_dashboard(app, settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", dash_app
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def browser() -> webdriver.Chrome:
    """Debian's headless Chromium with a throwaway profile."""
    missing = chromium_missing()
    if missing:
        sys.exit(missing)
    return start_chromium(
        profile_dir=tempfile.mkdtemp(prefix="waspada-bench-"),
        width=1400,
        height=1000,
        extra_flags=("--enable-unsafe-swiftshader",),
    )


def login(driver: webdriver.Chrome, base: str, token: tuple[str, str]) -> None:
    driver.get(f"{base}/masuk")
    driver.find_element(By.ID, "username").send_keys(token[0])
    driver.find_element(By.ID, "password").send_keys(token[1])
    driver.find_element(By.ID, "login-submit").click()
    WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#risk-map .js-plotly-plot"))


def load_map(driver: webdriver.Chrome, url: str, areas: int) -> dict:
    """Navigate and wait for a drawn map; return time (from navigation start) and bytes."""
    driver.get(url)
    WebDriverWait(driver, 60, poll_frequency=0.05).until(
        lambda d: d.execute_script("return window.__waspadaMap")
    )
    stats = driver.execute_script(LOAD_STATS)
    stats["areas"] = areas
    return stats


def factor_switches(driver: webdriver.Chrome, rounds: int) -> list[dict]:
    """Click through the factors several times; each switch is one Patch round trip."""
    order = ["kerumunan", "kampanye", "isu", "kekerasan", "semua"]
    results = []
    for index in range(rounds):
        results.append(driver.execute_async_script(SWITCH_SCRIPT, order[index % len(order)]))
        time.sleep(0.2)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reports", type=int, default=None, help="demo reports (default: the demo's own size)"
    )
    parser.add_argument("--loads", type=int, default=3, help="cold and warm loads to take the median of")
    parser.add_argument("--switches", type=int, default=10)
    parser.add_argument("--screenshot", type=Path, default=None, help="save the main page as PNG here")
    parser.add_argument(
        "--analysts", type=int, nargs="*", default=None, help="concurrency levels, e.g. 1 30 (load mode)"
    )
    parser.add_argument("--rounds", type=int, default=5, help="load mode: rounds per analyst, at least")
    parser.add_argument("--samples", type=int, default=40, help="load mode: at least this many per step")
    parser.add_argument("--provinces", default="35,33,32", help="load mode: the analysts' provinces")
    parser.add_argument("--day", default=AS_OF.isoformat(), help="load mode: the map's day")
    parser.add_argument(
        "--think", type=float, nargs="*", default=[0.0], help="load mode: mean pauses (s) to run, 0 = none"
    )
    parser.add_argument(
        "--inbox-db", type=Path, default=None, help="load mode: also open the inbox over HTTP on this DB"
    )
    args = parser.parse_args()
    if args.analysts:
        from bench.dashboard_load import run

        run(args)
        return
    with tempfile.TemporaryDirectory(prefix="waspada-bench-") as tmp:
        settings = Settings(database_url=f"sqlite:///{Path(tmp) / 'bench.db'}", embedded_scheduler=False)
        started = time.perf_counter()
        token = seed(settings, args.reports)
        print(f"database ready in {time.perf_counter() - started:.1f} s")
        with serve(settings) as (base, dash_app):
            cold, warm, switches = measure(base, dash_app, token, args)
    report(cold, warm, switches)


def measure(
    base: str, dash_app: object, token: tuple[str, str], args: argparse.Namespace
) -> tuple[list, list, list]:
    """Warm the server once in a throwaway browser, then time cold and warm loads and switches."""
    url = f"{base}/?tanggal={AS_OF.isoformat()}"
    probe = {"source": MAP_PROBE % {"areas": 514}}
    data = dash_app.server.config["WASPADA_DATA"]  # type: ignore[attr-defined]
    warmup = browser()  # geometry built, code paths hot; then discarded
    try:
        warmup.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", probe)
        login(warmup, base, token)
        load_map(warmup, url, 514)
    finally:
        warmup.quit()
    driver = browser()
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", probe)
        login(driver, base, token)
        cold, warm = [], []
        for _ in range(args.loads):
            driver.execute_cdp_cmd("Network.clearBrowserCache", {})
            data.cache.clear()
            cold.append(load_map(driver, url, 514))
            warm.append(load_map(driver, url, 514))
        switches = factor_switches(driver, args.switches)
        if args.screenshot:
            args.screenshot.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(args.screenshot))
    finally:
        driver.quit()
    return cold, warm, switches


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def report(cold: list[dict], warm: list[dict], switches: list[dict]) -> None:
    """Print the medians next to their targets, then the individual runs."""
    cold_s, warm_s = median_of(cold, "drawn") / 1000, median_of(warm, "drawn") / 1000
    cold_kb, warm_kb = median_of(cold, "bytes") / 1024, median_of(warm, "bytes") / 1024
    switch_ms, switch_kb = median_of(switches, "ms"), median_of(switches, "bytes") / 1024
    print(f"\n{'measure (median)':<26}{'time':>10}{'bytes':>12}   target")
    print(f"{'first map, cold cache':<26}{cold_s:>8.2f} s{cold_kb:>9,.0f} KB   <= {TARGETS['cold_s']} s")
    print(f"{'first map, warm cache':<26}{warm_s:>8.2f} s{warm_kb:>9,.0f} KB   <= {TARGETS['warm_s']} s")
    print(
        f"{'factor switch':<26}{switch_ms:>7.0f} ms{switch_kb:>9.1f} KB"
        f"   <= {TARGETS['switch_ms']:.0f} ms, <= {TARGETS['switch_kb']:.0f} KB"
    )
    print("  cold runs: " + ", ".join(f"{r['drawn'] / 1000:.2f} s" for r in cold))
    print("  warm runs: " + ", ".join(f"{r['drawn'] / 1000:.2f} s" for r in warm))
    each = ", ".join(
        f"{s['ms']:.0f} ms/{s['bytes'] / 1024:.1f} KB (server {s['wait_ms']:.0f} ms)" for s in switches
    )
    print(f"  switches: {each}")
    geo_cold, geo_warm = median_of(cold, "geojson_bytes") / 1024, median_of(warm, "geojson_bytes") / 1024
    print(f"  geometry transferred: cold {geo_cold:,.0f} KB, warm {geo_warm:,.0f} KB")
    external = sorted({url for run in cold for url in run["external"]})
    print(
        f"  requests: cold {cold[0]['requests']}, warm {warm[0]['requests']}; external: {external or 'none'}"
    )
    verdicts = {
        "cold": cold_s <= TARGETS["cold_s"],
        "warm": warm_s <= TARGETS["warm_s"],
        "switch bytes": switch_kb <= TARGETS["switch_kb"],
        "switch time": switch_ms <= TARGETS["switch_ms"],
    }
    print("  within target: " + ", ".join(f"{k} {'yes' if ok else 'NO'}" for k, ok in verdicts.items()))


if __name__ == "__main__":
    main()
