"""The household explorer stays readable in a real browser, measured from Cytoscape's own boxes:
the largest jeju household opened as an analyst, then a summary node, an agency and a person
tapped. After each step no two captions overlap (`boundingBox({includeLabels: true,
includeNodes: false})` of every node), nothing drawn before moved, and at the zoom the page opens
with most captions are drawn at a readable size (font size × zoom ≥ min-zoomed-font-size). The
fresh page shows its hint at the top and no empty canvas; "처음 상태로" clears the filters."""

from __future__ import annotations

import time
from typing import Any

from apphelpers import GRAPH_TIMEOUT, answer_purpose, login, shot
from selenium.webdriver.common.by import By

from queries import db as data

CY = ("var el = document.getElementById('household-graph');"
      "var all = [el].concat(Array.prototype.slice.call(el.querySelectorAll('div')));"
      "var cy = null; for (var i = 0; i < all.length; i++) { if (all[i]._cyreg) { cy = all[i]._cyreg.cy; } }")
# Every node's caption box (model coordinates), its font and Cytoscape's own threshold, the zoom.
MEASURE = CY + """
return {zoom: cy.zoom(), count: cy.elements().length, nodes: cy.nodes().map(function (n) {
  var b = n.boundingBox({includeLabels: true, includeNodes: false, includeOverlays: false});
  return {id: n.id(), type: n.data('type'), text: n.style('label'), x: n.position('x'), y: n.position('y'),
          box: [b.x1, b.y1, b.x2, b.y2], font: n.pstyle('font-size').pfValue,
          min: n.pstyle('min-zoomed-font-size').pfValue};
})};"""


def _measure(duo) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return duo.driver.execute_script(MEASURE)


def _settled(duo, before: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The canvas once a tap's answer is drawn and laid out (the element count changed and held)."""
    deadline = time.time() + GRAPH_TIMEOUT
    last, held = None, 0
    while time.time() < deadline:
        got = _measure(duo)
        if got["count"] != before and last is not None and got["count"] == last["count"] \
                and abs(got["zoom"] - last["zoom"]) < 1e-9:
            held += 1
            if held >= 3:
                return got
        else:
            held = 0
        last = got
        time.sleep(0.25)
    raise AssertionError(f"the canvas did not change from {before} elements")


def _overlapping(view: dict[str, Any]) -> list[tuple[str, str]]:
    boxes = [(n["text"], n["box"]) for n in view["nodes"] if n["text"]]
    out = []
    for i, (ta, a) in enumerate(boxes):
        for tb, b in boxes[i + 1:]:
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                out.append((ta, tb))
    return out


def _tap(duo, node_id: str) -> None:  # type: ignore[no-untyped-def]
    duo.driver.execute_script(CY + "cy.getElementById(arguments[0]).emit('tap');", node_id)


def _moved(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    now = {n["id"]: (n["x"], n["y"]) for n in after["nodes"]}
    return [n["id"] for n in before["nodes"]
            if n["id"] in now and n["type"] != "More"
            and (abs(now[n["id"]][0] - n["x"]) > 0.01 or abs(now[n["id"]][1] - n["y"]) > 0.01)]


def test_the_largest_jeju_household_stays_readable_through_expansions(jeju_graph, served_app, app_users) -> None:  # type: ignore[no-untyped-def]
    duo = served_app
    from pages import household  # importable once the app exists (dash.register_page)

    assert data.run_warm_tasks([household.warm])   # as the app does after a load (test_app_jeju.py)
    # The largest households: by members, and by their members' records (bench/app_bench.py's).
    largest = [jeju_graph.read(
        f"MATCH (h:Household)<-[:MEMBER_OF]-(:Person){hop} WITH h, count(*) AS n "
        "ORDER BY n DESC, h.household_id LIMIT 1 RETURN h.household_id AS id",
        name="test.largest_household").rows[0]["id"] for hop in ("", "<-[:RESOLVES_TO]-(:PersonRecord)")]
    login(duo, app_users["analyst"], "/household")

    # A fresh page: the hint at the top, no canvas, no "load data" message.
    duo.wait_for_contains_text("#household-empty", "검색", timeout=30)
    assert not duo.find_element("#household-main").is_displayed()
    assert "jss load" not in duo.find_element("body").text

    for key in largest:
        duo.driver.get(duo.server.url.rstrip("/") + f"/household/{key}")
        if key == largest[0]:
            answer_purpose(duo, "household")
        duo.wait_for_contains_text("#household-count", "항목", timeout=GRAPH_TIMEOUT)
        first = _settled(duo, 0)
        captions = [n for n in first["nodes"] if n["text"]]
        assert len(captions) > 30
        assert _overlapping(first) == [], key
        readable = [n for n in captions if n["font"] * first["zoom"] >= n["min"]]
        assert len(readable) >= 0.9 * len(captions), (key, first["zoom"], len(readable), len(captions))
        home = next(n for n in first["nodes"] if n["type"] == "Household")
        assert not home["text"].startswith("H-") and home["font"] * first["zoom"] >= home["min"]
        print(f"\n{key}: {len(captions)} captions, opening zoom {first['zoom']:.3f}, "
              f"{len(readable)} readable, 0 overlapping")
    shot(duo, "jeju-household-first")

    # A summary node, then an agency, then a person: each answer laid out around what was there.
    view = first
    summary = next(n for n in view["nodes"] if n["type"] == "More")
    agency = next(n for n in view["nodes"] if n["type"] == "Agency")
    for target in (summary["id"], agency["id"]):
        _tap(duo, target)
        after = _settled(duo, view["count"])
        assert _overlapping(after) == [], target
        assert _moved(view, after) == [], target
        view = after
    people = sorted((n for n in view["nodes"] if n["type"] == "Person"), key=lambda n: n["id"])
    for person in people:   # the first whose tap adds something (members' events are shown already)
        _tap(duo, person["id"])
        try:
            after = _settled(duo, view["count"])
        except AssertionError:
            continue
        break
    else:
        raise AssertionError("no person's tap added anything")
    assert _overlapping(after) == [] and _moved(view, after) == []
    print(f"after a summary, an agency and a person: {len(after['nodes'])} nodes, 0 overlapping captions")
    # The agency's fan came as summaries, not as its calls: the timeline holds the household's.
    assert sum(1 for n in after["nodes"] if n["type"] == "More") >= 2
    shot(duo, "jeju-household-expanded")

    # "처음 상태로": the first view again, and every filter cleared.
    duo.find_element("#household-main details summary").click()
    duo.driver.find_elements(By.CSS_SELECTOR, "#household-rels input")[0].click()
    assert not all(b.is_selected() for b in duo.driver.find_elements(By.CSS_SELECTOR, "#household-rels input"))
    duo.find_element("#household-reset").click()
    deadline = time.time() + GRAPH_TIMEOUT
    while time.time() < deadline and _measure(duo)["count"] != first["count"]:
        time.sleep(0.3)
    assert _measure(duo)["count"] == first["count"]
    assert all(b.is_selected() for b in duo.driver.find_elements(By.CSS_SELECTOR, "#household-rels input"))
