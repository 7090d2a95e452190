"""Every page in a real browser on the hand-built graph (tests/app_graph.py): expected values
come from that graph's description."""

from __future__ import annotations

import time
from pathlib import Path

from apphelpers import GRAPH_TIMEOUT, answer_purpose, login, shot
from selenium.webdriver.common.by import By


def _go(dash_duo, path: str) -> None:  # type: ignore[no-untyped-def]
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + path)
    dash_duo.wait_for_element(".navbar", timeout=15)


def test_overview_shows_council_figures(jss_app) -> None:  # type: ignore[no-untyped-def]
    _go(jss_app, "/")
    jss_app.wait_for_text_to_equal("#overview-kpi-cases", "1", timeout=20)
    jss_app.wait_for_text_to_equal("#overview-kpi-measures", "3")
    # 4 calls in the hand-built graph; people 4; households 2
    jss_app.wait_for_text_to_equal("#overview-kpi-calls", "4")
    jss_app.wait_for_text_to_equal("#overview-kpi-households", "2")
    assert "현황" in jss_app.find_element("#nav-overview").text
    time.sleep(1)
    shot(jss_app, "overview")
    assert not jss_app.get_logs() or all("Traceback" not in e["message"] for e in jss_app.get_logs())


def test_search_person_opens_household_and_tap_expands(jss_app) -> None:  # type: ignore[no-untyped-def]
    _go(jss_app, "/household")
    jss_app.find_element("#household-search-input").send_keys("영희")
    jss_app.find_element("#household-search-button").click()
    jss_app.wait_for_contains_text("#household-search-results", "김영희", timeout=15)
    jss_app.find_element(".search-hit").click()
    answer_purpose(jss_app, "household")
    jss_app.wait_for_contains_text("#household-count", "항목", timeout=GRAPH_TIMEOUT)
    assert jss_app.driver.current_url.endswith("/household/H1")
    count_before = _element_count(jss_app)
    # H1's first view holds members, address, their events and agencies but not the other household
    # H2 (reached through 박철수's call C4 → 이순자 only on expansion).
    assert count_before > 10
    _tap_node(jss_app, "household-graph", "스토킹 2023-04-01")
    jss_app.wait_for_contains_text("#household-details", "C4", timeout=15)
    deadline = time.time() + GRAPH_TIMEOUT
    while time.time() < deadline and _element_count(jss_app) <= count_before:
        time.sleep(0.3)
    assert _element_count(jss_app) > count_before, "tapping the call should add 이순자 (P4)"
    labels = _node_labels(jss_app, "household-graph")
    assert "이순자" in labels
    time.sleep(1)
    shot(jss_app, "household")


def test_case_map_highlights_overdue_and_exports(jss_app) -> None:  # type: ignore[no-untyped-def]
    _go(jss_app, "/case/K1")
    jss_app.wait_for_contains_text("#case-title", "K1", timeout=15)
    # CM2 (법률, due 2023-07-15, 진행) is the only overdue measure.
    jss_app.wait_for_contains_text("#case-overdue", "1")
    assert "기관미이행" in jss_app.find_element("#case-measures").text
    jss_app.find_element("#case-export-png").click()
    jss_app.wait_for_contains_text("#case-export-status", "PNG", timeout=15)
    jss_app.find_element("#case-export-svg").click()
    jss_app.wait_for_contains_text("#case-export-status", "SVG", timeout=15)
    downloads = Path(jss_app.download_path)
    for name in ("case-K1.png", "case-K1.svg"):
        deadline = time.time() + 15
        while time.time() < deadline and not (downloads / name).exists():
            time.sleep(0.3)
        assert (downloads / name).stat().st_size > 500, name
    assert (downloads / "case-K1.svg").read_text(encoding="utf-8").lstrip().startswith("<")
    shot(jss_app, "case")
    _go(jss_app, "/case/K1?print=1")
    jss_app.wait_for_element(".print-view", timeout=15)


def test_patterns_tables_and_row_opens_household(jss_app) -> None:  # type: ignore[no-untyped-def]
    _go(jss_app, "/patterns?tab=serial_offenders")
    # 박철수 (P2) is the suspect against 김영희 and 이순자: the one serial offender.
    jss_app.wait_for_contains_text("#patterns-table", "P2", timeout=20)
    shot(jss_app, "patterns")
    cell = jss_app.driver.find_elements(By.CSS_SELECTOR, "#patterns-table td.dash-cell")[0]
    cell.click()
    deadline = time.time() + 15
    while time.time() < deadline and "/household/H1" not in jss_app.driver.current_url:
        time.sleep(0.3)
    assert jss_app.driver.current_url.endswith("/household/H1")
    answer_purpose(jss_app, "household")
    jss_app.wait_for_contains_text("#household-count", "항목", timeout=GRAPH_TIMEOUT)


def test_agencies_review_and_person_pages(jss_app, app_graph) -> None:  # type: ignore[no-untyped-def]
    _go(jss_app, "/agencies")
    jss_app.wait_for_contains_text("#agencies-table", "제주동부경찰서", timeout=20)
    shot(jss_app, "agencies")
    # the one grey-zone pair of the hand-built graph; "different people" stores the decision
    _go(jss_app, "/review")
    answer_purpose(jss_app, "review")  # records side by side: a purpose of access first
    jss_app.wait_for_contains_text("#review-list", "경찰 조치 대상자 · 조치 M1", timeout=20)
    shown = jss_app.find_element("#review-list").text
    assert "지원 서비스 대상자 · 지원 S1" in shown and "가중치" in shown
    assert "police_measures:M1" not in shown and '{"name"' not in shown  # no record ids, no JSON
    split = jss_app.driver.find_element(By.CSS_SELECTOR, '#review-list button.secondary')
    split.click()
    jss_app.wait_for_contains_text("#review-status", "다른 사람", timeout=20)
    jss_app.wait_for_contains_text("#review-list", "검토할 쌍이 없습니다", timeout=20)
    decided = app_graph.read("MATCH (d:ReviewDecision) RETURN d.decision AS decision, d.by AS by",
                             name="test.review_decision").rows
    assert decided == [{"decision": "split", "by": "b_analyst"}]
    _go(jss_app, "/person/P1")  # the purpose given on the review page holds for the session
    jss_app.wait_for_contains_text("#person-title", "김영희", timeout=20)


def test_language_switch_changes_labels(jss_app) -> None:  # type: ignore[no-untyped-def]
    _go(jss_app, "/")
    jss_app.wait_for_text_to_equal("#nav-overview", "현황", timeout=15)
    jss_app.find_element("#app-lang-switch").click()
    jss_app.wait_for_text_to_equal("#nav-overview", "Overview", timeout=15)
    jss_app.wait_for_text_to_equal("#nav-household", "Households")
    jss_app.wait_for_text_to_equal("#app-lang-switch", "한국어")
    jss_app.find_element("#app-lang-switch").click()
    jss_app.wait_for_text_to_equal("#nav-overview", "현황", timeout=15)


def test_council_role_sees_masked_names_and_is_refused_patterns(served, app_users) -> None:  # type: ignore[no-untyped-def]
    dash_duo = served
    login(dash_duo, app_users["council"])
    _go(dash_duo, "/case/K1")
    dash_duo.wait_for_contains_text("#case-title", "K1", timeout=15)
    body = dash_duo.find_element("#case-measures").text + dash_duo.driver.find_element(By.TAG_NAME, "main").text
    assert "김*희" in body and "김영희" not in body
    _go(dash_duo, "/patterns")
    dash_duo.wait_for_contains_text("main", "권한", timeout=15)
    # H2 (이순자) has no council case: the council role may not open it; H1 it may, masked.
    _go(dash_duo, "/household/H2")
    answer_purpose(dash_duo, "household")
    dash_duo.wait_for_contains_text("#household-status", "열람 범위 밖", timeout=15)
    _go(dash_duo, "/household/H1")
    dash_duo.wait_for_contains_text("#household-count", "항목", timeout=GRAPH_TIMEOUT)
    labels = _node_labels(dash_duo, "household-graph")
    assert "김*희" in labels and "김영희" not in labels
    # Her details: risk explained (R1, 높음), and no link to the person page, which refuses the council
    _tap_node(dash_duo, "household-graph", "김*희")
    dash_duo.wait_for_contains_text("#household-details", "기록된 위험등급", timeout=15)
    details = dash_duo.find_element("#household-details")
    assert "높음" in details.text and "2023-05-10" in details.text and "김영희" not in details.text
    assert not details.find_elements(By.CSS_SELECTOR, "a[href^='/person/']")
    assert details.find_elements(By.CSS_SELECTOR, "a[href^='/household/']")


def test_banner_when_neo4j_is_down_clears_when_back(jss_app) -> None:  # type: ignore[no-untyped-def]
    from graph.runner import Runner
    from queries import db as data

    _go(jss_app, "/")
    jss_app.wait_for_text_to_equal("#overview-kpi-cases", "1", timeout=20)
    good = data.set_runner(Runner(uri="bolt://127.0.0.1:9"))  # nothing listens on port 9
    try:
        jss_app.wait_for_contains_text("#app-db-banner", "Neo4j", timeout=20)
        # a page that needs a fresh read says so (cached whole-graph tables may still show)
        _go(jss_app, "/case/K1")
        jss_app.wait_for_contains_text("main", "Neo4j", timeout=20)
        shot(jss_app, "db-down")
    finally:
        data.set_runner(good).close()  # the one that pointed at port 9
    deadline = time.time() + 20
    while time.time() < deadline and jss_app.find_element("#app-db-banner").is_displayed():
        time.sleep(0.5)
    assert not jss_app.find_element("#app-db-banner").is_displayed()


# --- helpers ---------------------------------------------------------------------------------
def _cy(dash_duo, graph_id: str) -> str:  # type: ignore[no-untyped-def]
    """JS expression for the graph's cytoscape core (cytoscape keeps it on its container as `_cyreg`)."""
    return (f"(function() {{ var el = document.getElementById('{graph_id}');"
            " var all = [el].concat(Array.prototype.slice.call(el.querySelectorAll('div')));"
            " for (var i = 0; i < all.length; i++) { if (all[i]._cyreg) { return all[i]._cyreg.cy; } }"
            " return null; })()")


def _element_count(dash_duo) -> int:  # type: ignore[no-untyped-def]
    return int(dash_duo.driver.execute_script(f"return {_cy(dash_duo, 'household-graph')}.elements().length"))


def _node_labels(dash_duo, graph_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    return dash_duo.driver.execute_script(
        f"return {_cy(dash_duo, graph_id)}.nodes().map(function(n) {{ return n.data('label'); }})")


def _tap_node(dash_duo, graph_id: str, label: str) -> None:  # type: ignore[no-untyped-def]
    dash_duo.driver.execute_script(
        f"var cy = {_cy(dash_duo, graph_id)}; var wanted = arguments[0];"
        "cy.nodes().filter(function(n) { return n.data('label') === wanted; }).emit('tap');",
        label)
