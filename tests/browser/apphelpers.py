"""Helpers of the browser tests: the app's port, sign-in through the real /login form, screenshots."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PASSWORD = "browser-test-pass-1"
APP_PORT = int(os.environ.get("JSS_TEST_APP_PORT", "8058"))
# Opening or expanding a household runs the explorer's neighbours query (queries/app/
# neighbours.cypher). Its plan takes 3–7 s to compile on the 2-core CI machine, a household open
# needs three plans, and they are compiled again whenever a test's load changes the store's
# statistics; the app's start-up warm-up may be compiling the same plans at the same moment. A CI
# run waited 17.8 s for one open and failed at 20 s, so graph waits allow this long.
GRAPH_TIMEOUT = 60


def login(dash_duo, username: str, next_path: str = "/") -> None:  # type: ignore[no-untyped-def]
    driver = dash_duo.driver
    driver.set_window_size(1400, 1000)  # before any graph is drawn: cytoscape fits once, not on resize
    driver.get(dash_duo.server.url.rstrip("/") + f"/login?next={next_path}")
    dash_duo.wait_for_element("#username").send_keys(username)
    driver.find_element("css selector", "#password").send_keys(PASSWORD)
    driver.find_element("css selector", "#login-submit").click()
    dash_duo.wait_for_element(".navbar", timeout=15)


# Tests never write into docs/: the documentation's screenshots are made by hand with
# scripts/screenshots.py. A test's screenshot is for looking at a failure (JSS_TEST_SHOTS).
SHOTS = Path(os.environ.get("JSS_TEST_SHOTS") or Path(tempfile.gettempdir()) / "jss-test-screenshots")


def shot(dash_duo, name: str) -> None:  # type: ignore[no-untyped-def]
    """Save a screenshot of the page as it is (SHOTS/<name>.png)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    dash_duo.driver.save_screenshot(str(SHOTS / f"{name}.png"))


def answer_purpose(dash_duo, gate: str) -> None:  # type: ignore[no-untyped-def]
    """Answer the purpose-of-access dialog (auth.purpose) with 사례관리."""
    box = dash_duo.wait_for_element(f'[id*="jss-purpose-reason"][id*="{gate}"] input[type=radio]', timeout=15)
    box.click()
    dash_duo.driver.find_element("css selector", f'[id*="jss-purpose-submit"][id*="{gate}"]').click()
