"""Debian's headless Chromium for browser tests and benchmarks (never a downloaded browser)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
MISSING = "Chromium is not installed: run `apt-get install -y chromium chromium-driver`"
BASE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
)


def chromium_missing() -> str | None:
    """Why a browser cannot start here, or None; callers fail (tests) or exit (bench) with it."""
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return None
    return f"{MISSING} (expected {CHROMIUM} and {CHROMEDRIVER})"


def start_chromium(
    *, profile_dir: Path | str, width: int, height: int, extra_flags: Sequence[str] = ()
) -> webdriver.Chrome:
    """A headless Chromium with a profile of its own and this window size."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        *BASE_FLAGS,
        *extra_flags,
        f"--window-size={width},{height}",
        f"--user-data-dir={profile_dir}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
