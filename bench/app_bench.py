"""App speed on the loaded jeju preset: every page's server-side work timed in-process (the
functions the callbacks call), and a 2,000-element network rendered in headless Chromium.

Run against a database holding the jeju preset (`jss demo --no-serve` or `jss synth` + `jss load`):

    jss bench app [--repeat 20] [--no-browser] [--elements 2000]

Each interaction is run once cold (plans, caches), then `--repeat` times; the table gives the
median and the 95th percentile of those. Targets: every interaction p95 ≤ 1 s; expanding the
busiest agency (and tapping its summaries) p95 ≤ 300 ms; a 2,000-element network drawn in under 2 s.
"""

from __future__ import annotations

import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import click  # noqa: E402
from flask import session  # noqa: E402

from pages import freshness
from queries import db as data  # noqa: E402

TARGET_MS = 1000.0
AGENCY_TARGET_MS = 300.0   # expanding the busiest agency and tapping its summaries


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, float, Any]:
    """(first, median of the rest, 95th percentile of the rest) in ms: the first call may fill
    caches. With fewer than 20 repeats the 95th percentile is the worst."""
    times, out = [], None
    for _ in range(repeat + 1):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    rest = times[1:]
    p95 = statistics.quantiles(rest, n=20, method="inclusive")[18] if len(rest) >= 20 else max(rest)
    return times[0], statistics.median(rest), p95, out


def pick_ids() -> dict[str, Any]:
    r = data.get_runner()
    biggest = r.read("MATCH (h:Household)<-[:MEMBER_OF]-(p:Person)<-[:RESOLVES_TO]-(:PersonRecord) "
                     "WITH h, count(*) AS n ORDER BY n DESC LIMIT 1 RETURN h.household_id AS id", name="bench.hh").rows
    typical = r.read("MATCH (h:Household) WITH h SKIP 100 LIMIT 1 RETURN h.household_id AS id", name="bench.hh2").rows
    case = r.read("MATCH (k:CouncilCase)<-[:FOR_CASE]-(m) WITH k, count(m) AS n ORDER BY n DESC LIMIT 1 "
                  "RETURN k.case_id AS id", name="bench.case").rows
    agency = r.read("MATCH (a:Agency)<-[:HANDLED_BY]-(c) WITH a, count(c) AS n ORDER BY n DESC LIMIT 1 "
                    "RETURN a.agency_id AS id", name="bench.agency").rows
    name = r.read("MATCH (p:Person) WHERE p.name IS NOT NULL RETURN substring(p.name, 1, 2) AS q LIMIT 1",
                  name="bench.name").rows
    # Households whose first view shows the busiest agency (one of their calls is its): any, and
    # one on the council's agenda (the council's tap is scoped).
    near = ("MATCH (:Agency {agency_id: $a})<-[:HANDLED_BY]-(:Call)<-[:INVOLVED_IN]-(:PersonRecord)"
            "-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household) WHERE_CLAUSE "
            "RETURN h.household_id AS id ORDER BY id LIMIT 1")
    agenda = ("WHERE EXISTS { (h)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(:PersonRecord)"
              "-[:SUBJECT_OF]->(:CouncilCase) }")
    with_agency = r.read(near.replace("WHERE_CLAUSE", ""), {"a": agency[0]["id"]}, name="bench.near").rows
    on_agenda = r.read(near.replace("WHERE_CLAUSE", agenda), {"a": agency[0]["id"]}, name="bench.near_agenda").rows
    return {"big": biggest[0]["id"], "typical": typical[0]["id"] if typical else biggest[0]["id"],
            "case": case[0]["id"], "agency": agency[0]["id"], "name": name[0]["q"],
            "near_agency": with_agency[0]["id"], "near_agency_agenda": on_agenda[0]["id"] if on_agenda else None}


def explorer_taps(run: Callable[..., Any], gate: Any, household_id: str, agency_id: str, who: str) -> None:
    """Open `household_id`, tap the agency `agency_id` in it, then its summaries: the calls (split
    by year), a year's page, and the summary of several kinds."""
    from pages import explorer, household

    opened = household.open_root("ko", "Household", household_id)[0]
    types = explorer.COUNCIL_TYPES if gate.scope.limited else None
    node = next(i for i, n in opened["nodes"].items() if n["data"]["type"] == "Agency" and n["data"]["key"] == agency_id)

    def tap(state: dict[str, Any], nid: str) -> dict[str, Any]:
        return explorer.expand(_copy(gate.opened(state)), nid, mask=gate.mask, types=types,
                               fetch=gate.fetcher(state))[0]

    grown = gate.seal(run(f"tap: expand the busiest agency {agency_id} ({who})", lambda: tap(opened, node),
                          target=AGENCY_TARGET_MS))
    summaries = {tuple(n["data"]["kinds"]): i for i, n in grown["nodes"].items() if n["data"]["type"] == "More"}
    calls = summaries.get(("Call",))
    if calls:
        split = gate.seal(run(f"tap: its calls' summary (split by year) ({who})", lambda: tap(grown, calls),
                              target=AGENCY_TARGET_MS))
        year = next((i for i, n in split["nodes"].items() if n["data"]["type"] == "More" and n["data"].get("year")),
                    None)
        if year:
            run(f"tap: a year's summary (a page of {explorer.EXPAND_CAP}) ({who})", lambda: tap(split, year),
                target=AGENCY_TARGET_MS)
    several = next((i for k, i in summaries.items() if len(k) > 1), None)
    if several:
        run(f"tap: a summary of several kinds ({who})", lambda: tap(grown, several), target=AGENCY_TARGET_MS)


def server_side(repeat: int) -> dict[str, Any]:
    from app import create_app

    # No background warm-up here: it would compete for the GIL with the timings (the app runs it
    # once at start). Each "first" below is therefore a cold read.
    data.warm_up = lambda tasks: None  # type: ignore[assignment]
    freshness.watch = lambda tasks, **_: None  # type: ignore[assignment]  # nor the re-warm after a change
    app = create_app()  # first: it imports the page modules (register_page needs the app)
    from pages import agencies, case, explorer, household, overview, patterns, review
    from pages.components import details
    from queries.gate import Gate

    ids = pick_ids()
    results: list[tuple[str, float, float, float, float]] = []
    with app.server.test_request_context("/"):
        session["jss_user"] = {"username": "bench", "role": "analyst", "display_name": "bench"}
        session["jss_purpose"] = {"reason": "기타", "text": "benchmark", "at": "2026-01-01T00:00:00+00:00"}
        gate = Gate.current()

        def run(label: str, fn: Callable[[], Any], target: float = TARGET_MS) -> Any:
            first, med, p95, out = timed(fn, repeat)
            results.append((label, first, med, p95, target))
            return out

        run("overview (all periods)", lambda: overview.build_overview("ko", None, None))
        run("search '" + ids["name"] + "'", lambda: household.search_results("ko", ids["name"]))
        state = run(f"open household {ids['typical']}", lambda: household.open_root("ko", "Household", ids["typical"])[0])
        big = run(f"open largest household {ids['big']}", lambda: household.open_root("ko", "Household", ids["big"])[0])
        person = next(i for i, n in big["nodes"].items() if n["data"]["type"] == "Person")
        run("tap: expand a person", lambda: explorer.expand(_copy(big), person, mask=gate.mask,
                                                            fetch=gate.fetcher(big)))
        agency_node = next((i for i, n in big["nodes"].items() if n["data"]["type"] == "Agency"), person)
        run("tap: expand an agency of the largest household", lambda: explorer.expand(
            _copy(big), agency_node, mask=gate.mask, fetch=gate.fetcher(big)))
        explorer_taps(run, gate, ids["near_agency"], ids["agency"], "analyst")
        run("tap: details panel", lambda: details.details_panel("ko", gate, big, person))
        run("filter + timeline render", lambda: household.draw("ko", big, "2023-01-01", None, None, None))
        run(f"case map {ids['case']}", lambda: case.build_case_page("ko", ids["case"]))
        run("case list", lambda: case.build_case_page("ko", None))
        for name in patterns.PATTERNS:
            run(f"patterns: {name} (page 1)", lambda name=name: patterns.page_of("ko", name, 0, None, None))
        sort = [{"column_id": "total_calls", "direction": "desc"}]
        run("patterns: sort + page 3", lambda: patterns.page_of("ko", "repeat_victims", 2, sort, None))
        run("patterns: search", lambda: patterns.page_of("ko", "repeat_victims", 0, None, ids["name"]))
        run("agencies page", lambda: agencies._build("ko", None))
        run(f"agency households {ids['agency']}", lambda: agencies.households_of("ko", ids["agency"]))
        run("review queue (20 pairs)", lambda: review.pair_list("ko"))
        del state
    if ids["near_agency_agenda"]:
        # The same taps as a council member: counts and pages of what lies in the council's scope.
        with app.server.test_request_context("/"):
            session["jss_user"] = {"username": "bench_council", "role": "council", "display_name": "bench"}
            session["jss_purpose"] = {"reason": "기타", "text": "benchmark", "at": "2026-01-01T00:00:00+00:00"}
            explorer_taps(run, Gate.current(), ids["near_agency_agenda"], ids["agency"], "council")
    print(f"\nServer-side work per interaction, ms (the first call, then the median and 95th percentile of "
          f"{repeat} more). Whole-graph reads are cached: their first call is the cold query that the"
          " app's start-up warm-up runs in the background.")
    print(f"  {'':<62} {'first':>8} {'median':>8} {'p95':>8} {'target':>7}")
    for label, first, med, p95, target in results:
        flag = "" if p95 <= target else f"  <-- over {target:.0f} ms"
        print(f"  {label:<62} {first:8.1f} {med:8.1f} {p95:8.1f} {target:7.0f}{flag}")
    return {"ids": ids, "big": big, "gate": gate}


def _copy(state: dict[str, Any]) -> dict[str, Any]:
    import copy

    return copy.deepcopy(state)


def grow_to(state: dict[str, Any], target: int, gate: Any) -> list[dict[str, Any]]:
    """Expand the graph tap by tap until it holds about `target` elements (server layout kept)."""
    from pages import explorer
    from pages.components.elements import filter_elements

    queue = list(state["nodes"])
    while explorer.element_count(state) < target and queue:
        nid = queue.pop(0)
        before = set(state["nodes"])
        state, _ = explorer.expand(state, nid, cap=60, fetch=gate.fetcher(state))
        state = gate.seal(state)
        queue += [n for n in state["nodes"] if n not in before]
    return filter_elements(state)[:target]


def browser_render(elements: list[dict[str, Any]], port: int = 8093) -> float:
    import dash
    import dash_cytoscape as cyto
    from selenium import webdriver
    from werkzeug.serving import make_server

    from pages.components.styles import stylesheet

    app = dash.Dash(__name__)
    app.layout = dash.html.Div([cyto.Cytoscape(id="g", elements=elements, layout={"name": "preset", "fit": True},
                                               stylesheet=stylesheet(), style={"width": "1200px", "height": "800px"})])
    srv = make_server("127.0.0.1", port, app.server, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1300,900"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(options=opts)
    try:
        times = []
        for _ in range(3):
            driver.get(f"http://127.0.0.1:{port}/")
            deadline = time.time() + 30
            js = ("var el = document.getElementById('g'); if (!el) return null;"
                  "var all = [el].concat(Array.prototype.slice.call(el.querySelectorAll('div')));"
                  "for (var i = 0; i < all.length; i++) { if (all[i]._cyreg) {"
                  "  var cy = all[i]._cyreg.cy; if (cy.elements().length >= arguments[0]) {"
                  "    return performance.now(); } } } return null;")
            done = None
            while done is None and time.time() < deadline:
                done = driver.execute_script(js, len(elements))
                time.sleep(0.02)
            # one more animation frame so the canvas has been drawn
            drawn = driver.execute_async_script("var cb = arguments[0]; requestAnimationFrame(function() {"
                                                " requestAnimationFrame(function() { cb(performance.now()); }); });")
            times.append(max(done or 0, drawn))
        return statistics.median(times)
    finally:
        driver.quit()
        srv.shutdown()


def run(repeat: int = 20, browser: bool = True, elements: int = 2000) -> None:
    """Time every page's server-side work `repeat` times, then (with `browser`) draw a network of
    `elements` elements in headless Chromium."""
    out = server_side(repeat)
    if not browser:
        return
    from app import create_app

    with create_app().server.test_request_context("/"):
        session["jss_user"] = {"username": "bench", "role": "analyst"}
        network = grow_to(out["big"], elements, out["gate"])
    ms = browser_render(network)
    flag = "" if ms < 2000 else "  <-- over 2 s"
    print(f"\nBrowser: {len(network)} elements drawn {ms:.0f} ms after navigation start "
          f"(median of 3, headless Chromium; target < 2000){flag}")


@click.command("app", help=__doc__)
@click.option("--repeat", type=int, default=20, show_default=True, help="timed runs after the first")
@click.option("--no-browser", is_flag=True, help="only the server-side work")
@click.option("--elements", type=int, default=2000, show_default=True, help="elements of the drawn network")
def command(repeat: int, no_browser: bool, elements: int) -> None:
    run(repeat, not no_browser, elements)


if __name__ == "__main__":
    command()
