"""The score guide under the map opens the model document inside the app, in real Chromium."""

from __future__ import annotations

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from tests.conftest import PersonFactory
from tests.dashboard.test_browser import csp_violations, log_in, wait_for

pytestmark = pytest.mark.browser


@pytest.fixture(params=["sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


def test_the_score_guide_opens_the_model_document_in_the_app(
    browser: webdriver.Chrome, dashboard_server: str, make_person: PersonFactory
) -> None:
    log_in(browser, dashboard_server, make_person("analyst", provinsi="81"))
    browser.find_element(By.CSS_SELECTOR, "#score-guide summary").click()
    guide = browser.find_element(By.ID, "score-guide").text
    assert "13,47" in guide and "49,33" in guide and "1.0.0" in guide
    browser.find_element(By.ID, "model-link").click()
    heading = wait_for(
        browser, "var h = document.querySelector('#model-document h1'); return h && h.innerText;"
    )
    assert heading.startswith("Waspada risk model")
    assert wait_for(browser, "return document.querySelectorAll('#model-document table').length") > 0
    assert browser.current_url.endswith("/model")
    assert csp_violations(browser) == []
