"""Every page on the loaded jeju preset (the `jeju_graph` fixture), checked against the bundle's
ground truth where the page shows a figure the truth states (the council's headline numbers)."""

from __future__ import annotations

import json
import time

from apphelpers import GRAPH_TIMEOUT, answer_purpose, login, shot
from selenium.webdriver.common.by import By

from queries import db as data


def _go(dash_duo, path: str) -> None:  # type: ignore[no-untyped-def]
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + path)
    dash_duo.wait_for_element(".navbar", timeout=30)


def _count(dash_duo, graph_id: str) -> int:  # type: ignore[no-untyped-def]
    return int(dash_duo.driver.execute_script(
        f"var el = document.getElementById('{graph_id}');"
        "var all = [el].concat(Array.prototype.slice.call(el.querySelectorAll('div')));"
        "for (var i = 0; i < all.length; i++) { if (all[i]._cyreg) { return all[i]._cyreg.cy.elements().length; } }"
        "return 0;"))


def test_every_page_on_the_jeju_preset(jeju_graph, jeju_bundle, served_app, app_users) -> None:  # type: ignore[no-untyped-def]
    duo = served_app
    # The shared app warmed its plans when it started, on whatever graph the first browser test
    # had. A running app warms again after the graph changes (pages/freshness.py, switched off in
    # the suite); do here what it would do after the jeju load: without it an agency tap planned
    # agency_neighbours cold and ran past the 10 s read limit on a slow CI machine.
    from pages import household  # importable once the app exists (dash.register_page)

    assert data.run_warm_tasks([household.warm])
    truth = json.loads((jeju_bundle / "_truth" / "council_figures.json").read_text(encoding="utf-8"))
    login(duo, app_users["analyst"])

    # Overview: the council's figures as the generator computed them from its files.
    _go(duo, "/")
    duo.wait_for_text_to_equal("#overview-kpi-cases", f"{truth['cases']:,}", timeout=60)
    duo.wait_for_text_to_equal("#overview-kpi-measures", f"{truth['measures']:,}")
    duo.wait_for_text_to_equal("#overview-kpi-nonpolice", str(truth["non_police_submissions"]))
    avg = float(duo.find_element("#overview-kpi-agencies").text)
    assert abs(avg - truth["avg_attending_agencies"]) < 0.06
    time.sleep(1)
    shot(duo, "jeju-overview")

    # Council case map: the first agenda item of the bundle.
    _go(duo, "/case/JSS-2023-0001")
    duo.wait_for_contains_text("#case-title", "JSS-2023-0001", timeout=30)
    assert _count(duo, "case-map") > 5
    shot(duo, "jeju-case")

    # Patterns → household explorer → tap to expand.
    _go(duo, "/patterns?tab=repeat_victims")
    duo.wait_for_element("#patterns-table td.dash-cell", timeout=60)
    shot(duo, "jeju-patterns")
    duo.driver.find_elements(By.CSS_SELECTOR, "#patterns-table td.dash-cell")[0].click()
    deadline = time.time() + 20
    while time.time() < deadline and "/household/" not in duo.driver.current_url:
        time.sleep(0.3)
    assert "/household/" in duo.driver.current_url
    answer_purpose(duo, "household")
    duo.wait_for_contains_text("#household-count", "항목", timeout=GRAPH_TIMEOUT)
    before = _count(duo, "household-graph")
    assert before > 3
    duo.driver.execute_script(
        "var el = document.getElementById('household-graph');"
        "var all = [el].concat(Array.prototype.slice.call(el.querySelectorAll('div')));"
        "for (var i = 0; i < all.length; i++) { if (all[i]._cyreg) {"
        "  all[i]._cyreg.cy.nodes('.Agency').first().emit('tap'); } }")
    deadline = time.time() + GRAPH_TIMEOUT
    while time.time() < deadline and _count(duo, "household-graph") <= before:
        time.sleep(0.3)
    assert _count(duo, "household-graph") > before, "tapping an agency adds its other contacts"
    time.sleep(1)
    shot(duo, "jeju-household")

    _go(duo, "/agencies")
    duo.wait_for_element("#agencies-table", timeout=60)
    assert _count(duo, "agencies-network") > 10
    shot(duo, "jeju-agencies")

    _go(duo, "/review")
    duo.wait_for_element("#review-list", timeout=30)
    shot(duo, "jeju-review")
