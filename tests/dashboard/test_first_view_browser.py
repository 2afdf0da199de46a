"""A fresh demo install, as scripts/start.sh leaves it, seen in Debian's headless Chromium.

The clock is the machine's (after the demo season, outside every stage), so the map must open
on the season's latest day, coloured, with the banner saying whose data it is.
"""

from __future__ import annotations

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from typer.testing import CliRunner

from cli import app
from core.config import Settings
from tests.conftest import PersonFactory
from tests.dashboard.test_browser import ARTIFACTS, drawn_paths, log_in, wait_for, z_of

pytestmark = pytest.mark.browser
NO_DATA_FILL = "rgb(201, 201, 201)"  # dashboard.figures.NO_DATA_COLOR as the browser paints it


@pytest.fixture(params=["sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    """The first start's default: the embedded SQLite file."""
    return request.param


@pytest.fixture
def demo_install(cli_env: Settings) -> Settings:
    """What start.sh runs before serving: `waspada seed demo` (the default season)."""
    result = CliRunner().invoke(app, ["seed", "demo"])
    assert result.exit_code == 0, result.output
    return cli_env


def fills(driver: webdriver.Chrome) -> list[str]:
    """The paint of every drawn kabupaten."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#risk-map path.choroplethlocation'))"
        ".map(function (p) { return p.style.fill || p.getAttribute('fill'); });"
    )


def test_the_first_view_of_a_fresh_demo_install_is_a_coloured_map_with_its_banner(
    demo_install: Settings,
    browser: webdriver.Chrome,
    dashboard_server: str,
    make_person: PersonFactory,
) -> None:
    log_in(browser, dashboard_server, make_person("admin"))
    assert drawn_paths(browser, 514) == 514
    banner = wait_for(browser, "var b = document.getElementById('focus-text'); return b && b.innerText;")
    assert banner.startswith("Data demo sintetis, ditampilkan per ") and banner.endswith(" 2024.")
    shown = browser.execute_script("var d = document.getElementById('date'); return d.value || d.innerText;")
    assert shown.endswith(" 2024")  # the season's latest day, not today ("24 November 2024")
    levels = z_of(browser)
    assert sum(1 for z in levels.values() if z > 0) > 100  # most kabupaten carry a level
    painted = fills(browser)
    assert len(painted) == 514 and sum(1 for fill in painted if fill != NO_DATA_FILL) > 100
    assert browser.find_element(By.ID, "ranking").find_elements(By.CSS_SELECTOR, "tr.rank-row")
    assert browser.find_elements(By.CSS_SELECTOR, "#alerts li")  # the frozen weeks raised alerts
    assert browser.find_element(By.ID, "week-control").is_displayed()  # the season's weeks are frozen
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "dashboard-first-view.png"))

    browser.find_element(By.ID, "lang-en").click()
    wait_for(
        browser,
        "var b = document.getElementById('focus-text');"
        "return b && b.innerText.indexOf('Synthetic demo data, shown as of ') === 0;",
    )
