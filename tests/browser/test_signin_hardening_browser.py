"""The Content-Security-Policy and the sign-out form in Debian's chromium (issue #28 §5): every page
renders and runs its callbacks (server-side and clientside, plotly figures, cytoscape graphs)
under the policy the server sends, with no violation reported by the browser; the navbar's
sign-out form signs out, `GET /logout` does not."""

from __future__ import annotations

import time
from typing import Any

import dash
from apphelpers import GRAPH_TIMEOUT, login


def _violations(duo: Any) -> list[str]:
    return [e["message"] for e in duo.driver.get_log("browser")
            if "Content Security Policy" in e["message"] or "Refused to" in e["message"]]


def _pages() -> list[str]:
    paths = []
    for page in dash.page_registry.values():
        path = page["path"]
        if "<" in path:  # a page for one item: opened with the hand-built graph's ids
            path = {"case": "/case/K1", "household": "/household", "person": "/person"}.get(
                page["module"].rsplit(".", 1)[-1], path.split("<")[0].rstrip("/") or "/")
        paths.append(path)
    return sorted(set(paths))


def test_every_page_renders_under_the_policy(served: Any, app_users: dict[str, str]) -> None:
    duo = served
    login(duo, app_users["admin"])  # the role that may open every page
    base = duo.server.url.rstrip("/")
    policy = duo.driver.execute_script(
        "var r = new XMLHttpRequest(); r.open('GET', '/auth/session', false); r.send();"
        "return r.getResponseHeader('Content-Security-Policy');")
    assert "script-src 'self' 'sha256-" in policy and "unsafe-eval" not in policy
    duo.driver.get_log("browser")  # start counting from here
    pages = _pages()
    assert len(pages) >= 8
    for path in pages:
        duo.driver.get(base + path)
        duo.wait_for_element(".navbar", timeout=15)
        deadline = time.time() + GRAPH_TIMEOUT
        while time.time() < deadline and not duo.driver.execute_script(
                "var c = document.getElementById('_pages_content');"
                "return c && c.innerText.trim().length > 0;"):
            time.sleep(0.3)
        time.sleep(1.5)  # the page's first callbacks (figures, graphs) run and draw
        assert duo.driver.execute_script("return document.getElementById('_pages_content').innerText.length") > 0, path
        found = _violations(duo)
        assert found == [], path + "\n" + "\n".join(found)
    # Server-side callbacks answered (the overview's figures) and a clientside one runs (the session
    # watch and the language switch are inline scripts allowed by hash).
    duo.driver.get(base + "/")
    duo.wait_for_text_to_equal("#overview-kpi-calls", "4", timeout=20)
    assert duo.driver.find_elements("css selector", "#_pages_content .js-plotly-plot .main-svg"), \
        "plotly drew no figure"
    duo.find_element("#app-lang-switch").click()
    duo.wait_for_contains_text("#app-lang-switch", "한국어", timeout=15)
    duo.find_element("#app-lang-switch").click()
    duo.wait_for_contains_text("#app-lang-switch", "English", timeout=15)
    duo.driver.get(base + "/case/K1")
    duo.wait_for_contains_text("#case-title", "K1", timeout=GRAPH_TIMEOUT)
    assert duo.driver.find_elements("css selector", "#_pages_content canvas"), "cytoscape drew nothing"
    time.sleep(1)
    assert _violations(duo) == []


def test_the_sign_out_form_signs_out_and_get_logout_does_not(served: Any, app_users: dict[str, str]) -> None:
    duo = served
    login(duo, app_users["analyst"])
    base = duo.server.url.rstrip("/")
    duo.driver.get(base + "/logout")  # e.g. a link or <img> from another site
    duo.driver.get(base + "/patterns")
    duo.wait_for_contains_text(".nav-user", "analyst", timeout=15)
    duo.wait_for_element("#nav-signout").click()
    duo.wait_for_contains_text("#login-message", "로그아웃", timeout=15)
    duo.driver.get(base + "/patterns")
    duo.wait_for_element("#login-submit")
    assert "/login" in duo.driver.current_url
    assert _violations(duo) == []
