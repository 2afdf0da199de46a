"""The weekly report on a 390 px phone in Debian's headless Chromium: nothing scrolls sideways."""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from selenium import webdriver
from sqlalchemy import Engine

from api.main import create_app
from core import jobs
from core.config import Settings
from core.db import write_session
from core.reports.daily import apply_aggregate_deltas
from tests.chromium import chromium_missing, start_chromium
from tests.conftest import auth

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WEEK = date(2024, 11, 18)
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}
A4 = {"width": 794, "height": 1123, "deviceScaleFactor": 1, "mobile": False}  # 210 mm at 96 dpi
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def phone(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    """Chromium emulating a 390x844 phone (the page's viewport meta honoured)."""
    missing = chromium_missing()
    if missing:
        pytest.fail(f"{missing}; browser tests never download a browser.")
    driver = start_chromium(profile_dir=tempfile.mkdtemp(prefix="waspada-report-"), width=390, height=844)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    yield driver
    driver.quit()


@pytest.fixture(params=["sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def pages(settings: Settings, engine: Engine, make_token, tmp_path: Path) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """The province and the national report of a frozen week with a tinggi kabupaten, saved as files."""
    with write_session(engine) as session:
        apply_aggregate_deltas(session, Counter({("81.02", date(2024, 11, 22), "kekerasan", 5, True): 4}))
        session.commit()
    assert jobs.run_week(settings, WEEK, trigger="cli").succeeded
    admin = auth(make_token("admin"))
    saved = {}
    with TestClient(create_app(settings)) as api:
        for name, query in (
            ("province", "?provinsi=81"),
            ("national", ""),
            ("english", "?provinsi=81&lang=en"),
        ):
            response = api.get(f"/api/v1/snapshots/{WEEK}/report{query}", headers=admin)
            assert response.status_code == 200
            saved[name] = tmp_path / f"{name}.html"
            saved[name].write_text(response.text, encoding="utf-8")
    return saved


@pytest.mark.parametrize("name", ["province", "national", "english"])
def test_the_report_does_not_scroll_sideways_on_a_phone(
    phone: webdriver.Chrome, pages: dict[str, Path], name: str
) -> None:
    phone.get(pages[name].as_uri())
    widths = phone.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth,"
        " document.querySelectorAll('table').length,"
        " Math.max.apply(null, Array.from(document.querySelectorAll('table'))"
        "   .map(function (t) { return t.scrollWidth; }))];"
    )
    scroll_width, inner_width, tables, widest_table = widths
    assert inner_width == 390
    assert scroll_width <= inner_width, f"the page is {scroll_width} px wide on a {inner_width} px phone"
    assert tables >= 1 and widest_table > inner_width  # a wide table is there, and scrolls inside itself
    labels = phone.execute_script("return document.querySelectorAll('.map svg text').length;")
    assert labels == (1 if name == "national" else 11)
    ARTIFACTS.mkdir(exist_ok=True)
    phone.save_screenshot(str(ARTIFACTS / f"weekly-report-phone-{name}.png"))


@pytest.mark.parametrize("name", ["province", "national", "english"])
def test_every_table_fits_the_width_of_an_a4_page(
    phone: webdriver.Chrome, pages: dict[str, Path], name: str
) -> None:
    phone.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", A4)
    phone.get(pages[name].as_uri())
    overflowing = phone.execute_script(
        "var right = document.body.getBoundingClientRect().right;"
        "return Array.from(document.querySelectorAll('table, svg, .key, .summary'))"
        "  .filter(function (e) { return e.getBoundingClientRect().right > right + 0.5; })"
        "  .map(function (e) { return e.tagName + ' ' + Math.round(e.getBoundingClientRect().right); });"
    )
    assert overflowing == [], f"wider than the page's column: {overflowing}"
