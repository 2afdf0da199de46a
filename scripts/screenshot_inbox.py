"""Regenerate docs/inbox.png: the inbox (Laporan masuk) as an analyst sees it on the demo season.

A fresh server on a temporary SQLite database gets `waspada seed demo`; an analyst of Jawa Timur
(35) is created through core.accounts, logs in in Debian's headless Chromium at 1280x800 with the
Indonesian interface, and the inbox is saved once its rows are drawn.

    .venv/bin/python scripts/screenshot_inbox.py [--out docs/inbox.png] [--provinsi 35]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from bench._server import running_server  # noqa: E402
from bench.dash_capture import login  # noqa: E402
from bench.dashboard_load import PASSWORD, create_analysts, server_settings  # noqa: E402
from core.db import dispose_engines  # noqa: E402
from tests.chromium import chromium_missing, start_chromium  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "inbox.png")
    parser.add_argument("--provinsi", default="35")
    args = parser.parse_args()
    missing = chromium_missing()
    if missing:
        sys.exit(missing)
    with running_server() as server:
        server.cli("seed", "demo", "--no-freeze")
        analyst = create_analysts(server_settings(server), [args.provinsi], 1, "foto")[0]
        driver = start_chromium(
            profile_dir=tempfile.mkdtemp(prefix="waspada-shot-"),
            width=1280,
            height=800,
            extra_flags=("--lang=id", "--accept-lang=id-ID,id"),
        )
        try:
            # The page itself 1280x800 (the window's size would include the browser's frame).
            metrics = {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False}
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            driver.execute_cdp_cmd("Emulation.setLocaleOverride", {"locale": "id-ID"})
            login(driver, server.base_url, analyst.username, PASSWORD)
            driver.get(f"{server.base_url}/laporan")
            rows = "#inbox-rows .inbox-row"
            WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, rows))
            time.sleep(0.5)  # let the dropdowns and fonts settle
            args.out.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(args.out))
        finally:
            driver.quit()
        dispose_engines()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
