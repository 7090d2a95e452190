"""The explorer's "how are these two connected" and structure panel in a real browser, on the
hand-built graph (tests/app_graph.py): household H1 is 김영희, 박철수 and 박민준; 박철수's call C4
leads to 이순자 of household H2."""

from __future__ import annotations

import time

from apphelpers import GRAPH_TIMEOUT, answer_purpose, shot

PATH_COLOUR = "rgb(255,0,170)"   # pages/components/structure.py PATH_COLOUR, as cytoscape reports it


def _cy() -> str:
    return ("(function() { var el = document.getElementById('household-graph');"
            " var all = [el].concat(Array.prototype.slice.call(el.querySelectorAll('div')));"
            " for (var i = 0; i < all.length; i++) { if (all[i]._cyreg) { return all[i]._cyreg.cy; } }"
            " return null; })()")


def _node_style(dash_duo, key: str, prop: str) -> str:  # type: ignore[no-untyped-def]
    """A style of the node whose business key is `key` (captions may change; keys do not)."""
    return dash_duo.driver.execute_script(
        f"var cy = {_cy()}; if (!cy) return null; var wanted = arguments[0];"
        " var n = cy.nodes().filter(function(n) { return n.data('key') === wanted; });"
        f" return n.length ? n[0].style('{prop}').replace(/ /g, '') : null;", key)


def _tap(dash_duo, key: str) -> None:  # type: ignore[no-untyped-def]
    dash_duo.driver.execute_script(
        f"var cy = {_cy()}; var wanted = arguments[0];"
        " cy.nodes().filter(function(n) { return n.data('key') === wanted; }).emit('tap');", key)


def _wait(check, timeout: float = 15) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.time() + timeout
    while time.time() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_tap_two_people_find_their_connection_and_see_it_on_the_graph(jss_app) -> None:  # type: ignore[no-untyped-def]
    jss_app.driver.get(jss_app.server.url.rstrip("/") + "/household/H1")
    answer_purpose(jss_app, "household")
    assert _wait(lambda: _node_style(jss_app, "P3", "opacity") is not None, GRAPH_TIMEOUT)
    # tapped in turn, the two people (김영희 P1, 박민준 P3) fill the two choices
    _tap(jss_app, "P1")
    jss_app.wait_for_contains_text("#household-connect-from", "김영희", timeout=15)
    _tap(jss_app, "P3")
    jss_app.wait_for_contains_text("#household-connect-to", "박민준", timeout=15)
    jss_app.find_element("#household-connect-go").click()
    jss_app.wait_for_contains_text("#household-connect-result", "2단계로 연결됩니다", timeout=15)
    chain = jss_app.find_element(".connect-chain").text
    assert chain.startswith("김영희") and "가구 구성원" in chain and chain.rstrip().endswith("박민준")
    # highlighted on the graph: the two people and their household in the path colour, the rest faded
    assert _wait(lambda: _node_style(jss_app, "P1", "border-color") == PATH_COLOUR)
    assert _node_style(jss_app, "P3", "border-color") == PATH_COLOUR
    assert _node_style(jss_app, "H1", "border-color") == PATH_COLOUR
    assert float(_node_style(jss_app, "P2", "opacity")) < 0.5
    shot(jss_app, "household-connect")
    # the call C4 brings 이순자 (P4) into the state: four people, and the structure panel names the
    # central one (박철수, between 이순자 and the others)
    _tap(jss_app, "C4")
    assert _wait(lambda: jss_app.find_element("#household-connect-structure").is_displayed(), GRAPH_TIMEOUT)
    jss_app.wait_for_contains_text("#household-connect-central", "중심 인물", timeout=15)
    assert "박철수" in jss_app.find_element("#household-connect-central").text
    before = _node_style(jss_app, "P2", "background-color")
    jss_app.find_element("#household-connect-colour input").click()   # 박철수's group gets its colour
    assert _wait(lambda: _node_style(jss_app, "P2", "background-color") not in (before, None))
    jss_app.find_element("#household-connect-clear").click()
    assert _wait(lambda: _node_style(jss_app, "P1", "border-color") != PATH_COLOUR)
