"""What the /lapor browser tests share: the app on a real uvicorn, and reading the page and queue."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import uvicorn
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from core.config import Settings
from tests.conftest import auth
from tests.lapor import lapor_app

WIT = ZoneInfo("Asia/Jayapura")


class Server:
    """The app on uvicorn in a thread, on a fixed port, so it can be stopped and started again."""

    def __init__(self, settings: Settings) -> None:
        self.app = lapor_app(settings)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server: uvicorn.Server | None = None
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=self.port, log_level="warning", timeout_graceful_shutdown=1
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)

    def stop(self) -> None:
        if self.server and self.thread:
            self.server.should_exit = True
            self.thread.join(timeout=10)
        self.server = self.thread = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait(browser: WebDriver, condition: Callable[[WebDriver], Any], timeout: float = 15) -> Any:
    return WebDriverWait(browser, timeout, poll_frequency=0.1).until(condition)


def sign_in(browser: WebDriver, server: Server, token: str) -> None:
    browser.get(f"{server.url}/lapor")
    wait(browser, lambda b: b.find_element(By.ID, "token").is_displayed())
    browser.find_element(By.ID, "token").send_keys(token)
    browser.find_element(By.CSS_SELECTOR, "#loginForm button").click()
    wait(browser, lambda b: b.find_element(By.ID, "app").is_displayed())


def states(browser: WebDriver) -> list[str]:
    """Read in one script: the list is re-rendered often, so element references go stale."""
    return browser.execute_script(
        "return [...document.querySelectorAll('#items > li.item')].map(li => li.dataset.state)"
    )


def server_reports(server: Server, token: str) -> list[dict[str, Any]]:
    response = httpx.get(f"{server.url}/api/v1/reports", params={"limit": 500}, headers=auth(token))
    assert response.status_code == 200
    return response.json()["items"]


def local_now() -> datetime:
    return datetime.now(WIT).replace(tzinfo=None)


def put_in_queue(browser: WebDriver, item: dict[str, Any]) -> None:
    """Write a queue item straight into IndexedDB, as an older version of the page might have."""
    browser.execute_async_script(
        "const [item, done] = arguments;"
        "const open = indexedDB.open('waspada-lapor', 1);"
        "open.onsuccess = () => { const tx = open.result.transaction('queue', 'readwrite');"
        "tx.objectStore('queue').put(item); tx.oncomplete = () => { open.result.close(); done(); }; };",
        item,
    )
