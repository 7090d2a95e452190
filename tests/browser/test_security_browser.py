"""Sign-in, refusal, sign-out, lockout and the console, in Debian's chromium (headless dash_duo).

Run with: DASH_TEST_CHROMEPATH=/usr/bin/chromium pytest tests/browser/test_security_browser.py --headless
(JSS_TEST_APP_PORT picks the app's port when several browser suites run at once)."""

from __future__ import annotations

import os
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from auth import testing
from graph.runner import Runner

PORT = int(os.environ.get("JSS_TEST_APP_PORT", "8072"))


@pytest.fixture()
def started(dash_duo: Any, runner: Runner) -> Any:  # `runner`: Neo4j must be up for the pages
    # Failed sign-ins of earlier tests (same client address) must not lock these tests out.
    (testing.tmp_dir() / "users.json.throttle").unlink(missing_ok=True)
    dash_duo.start_server(testing.shared_app(), navigate=False, port=PORT)
    dash_duo._url = dash_duo.server.url.rstrip("/")  # no wait_for_page: the root redirects to /login
    yield dash_duo
    (testing.tmp_dir() / "users.json.throttle").unlink(missing_ok=True)


def _sign_in(duo: Any, username: str, password: str) -> None:
    duo.driver.get(duo.server_url + "/login")
    duo.wait_for_element("#username")
    duo.find_element("#username").send_keys(username)
    duo.find_element("#password").send_keys(password)
    duo.find_element("#login-submit").click()


def test_sign_in_refusal_and_sign_out(started: Any) -> None:
    duo = started
    duo.driver.get(duo.server_url + "/")
    duo.wait_for_element("#login-submit")  # nothing of the app before signing in
    assert "/login" in duo.driver.current_url

    _sign_in(duo, testing.username("analyst"), "wrong password!!")
    duo.wait_for_contains_text("#login-message", "올바르지 않습니다")

    _sign_in(duo, testing.username("analyst"), testing.password("analyst"))
    duo.wait_for_contains_text(".nav-user", "analyst")

    duo.driver.get(duo.server_url + "/admin")
    duo.wait_for_contains_text("._pages_content, #_pages_content", "권한")
    assert not duo.driver.find_elements(By.ID, "admin-users-table")

    duo.driver.get(duo.server_url + "/")
    duo.wait_for_element("#nav-signout").click()  # the navbar's POST form (GET /logout does nothing)
    duo.wait_for_contains_text("#login-message", "로그아웃")
    duo.driver.get(duo.server_url + "/console")
    duo.wait_for_element("#login-submit")
    assert "/login" in duo.driver.current_url


def test_console_runs_reads_and_refuses_writes(started: Any) -> None:
    duo = started
    _sign_in(duo, testing.username("data_staff"), testing.password("data_staff"))
    duo.wait_for_contains_text(".nav-user", "data_staff")
    duo.driver.get(duo.server_url + "/console")
    editor = duo.wait_for_element("#console-query")
    editor.send_keys(Keys.CONTROL, "a")
    editor.send_keys(Keys.DELETE)
    editor.send_keys("UNWIND [1, 2, 3] AS n RETURN n * 10 AS tens")
    duo.find_element("#console-run").click()
    duo.wait_for_contains_text("#console-summary", "3행")
    cells = [c.text for c in duo.driver.find_elements(By.CSS_SELECTOR, "#console-result td")]
    assert cells == ["10", "20", "30"]

    editor.send_keys(Keys.CONTROL, "a")
    editor.send_keys(Keys.DELETE)
    editor.send_keys("CREATE (n:BrowserEvil) RETURN n")
    duo.find_element("#console-run").click()
    duo.wait_for_contains_text("#console-refused", "거부됨")


def test_repeated_failures_show_the_lockout_message(started: Any) -> None:
    duo = started
    for _ in range(5):  # JSS_LOGIN_MAX_FAILURES default
        _sign_in(duo, testing.username("council"), "not the password")
        duo.wait_for_element("#login-message")
    _sign_in(duo, testing.username("council"), testing.password("council"))
    duo.wait_for_contains_text("#login-message", "너무 많습니다")
