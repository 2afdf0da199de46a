"""Fixtures of the /lapor browser tests: a stoppable server and a phone-sized Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from core.config import Settings
from tests.chromium import chromium_missing, start_chromium
from tests.lapor.browser import Server


@pytest.fixture
def server(settings: Settings) -> Iterator[Server]:
    running = Server(settings)
    running.start()
    yield running
    running.stop()


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[WebDriver]:
    """Debian's Chromium as a 360 px wide phone, with a profile of its own."""
    missing = chromium_missing()
    assert missing is None, missing
    browser = start_chromium(profile_dir=tmp_path / "profile", width=360, height=800)
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True},
    )
    yield browser
    browser.quit()
