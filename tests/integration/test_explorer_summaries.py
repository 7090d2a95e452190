"""Summary nodes on the loaded jeju preset, read through the data gate (`Gate.fetcher`): an
agency's fan counted per kind and per year as the graph holds it, a year's slice newest first, the
explorer's first view and taps laid out without overlap; for a council member only what lies in
scope is counted or added (checked against the scope rule written out here); and the summary
reads, like the neighbour reads, expand nothing the gate did not hand out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from auth.guard import User
from graph.runner import Runner
from pages import explorer
from pages.components import layout
from queries import db as data
from queries.gate import ForgedState, Gate

# The council's scope, written out independently of households_in_scope.cypher: households with a
# member who is the victim or offender of a council case.
ON_AGENDA = ("EXISTS { (c)<-[:INVOLVED_IN]-(:PersonRecord)-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household) "
             "WHERE EXISTS { (h)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(:CouncilCase) } }")


@pytest.fixture()
def graph(jeju_graph: Runner) -> Iterator[Runner]:
    old = data.set_runner(jeju_graph)
    data.clear_cache()
    yield jeju_graph
    data.set_runner(old)


def _busiest(r: Runner) -> dict[str, Any]:
    return r.read("MATCH (a:Agency)<-[:HANDLED_BY]-(c:Call) WITH a, count(c) AS n ORDER BY n DESC, a.agency_id "
                  "LIMIT 1 RETURN elementId(a) AS id, a.agency_id AS key, n", name="test.busiest").rows[0]


def _state_with(gate: Gate, node: dict[str, Any]) -> dict[str, Any]:
    """A signed state holding one node, as a tap on it would find it."""
    from pages.components.elements import node_element

    return gate.seal({"root": node["id"], "nodes": {node["id"]: node_element(node)}, "edges": {},
                      "positions": {node["id"]: [0, 0]}, "more": {}})


def test_an_agency_fan_is_counted_by_kind_and_year_as_the_graph_holds_it(graph: Runner) -> None:
    r = graph
    busiest = _busiest(r)
    analyst = Gate(User("t_analyst", "analyst"), "사례관리")
    node = data.find_node("Agency", busiest["key"])
    state = _state_with(analyst, node)
    fetch = analyst.fetcher(state)
    row = fetch([node["id"]], [node["id"]], explorer.EXPAND_CAP, None, True)[0]
    kinds = {tuple(k["labels"]): k["k"] for k in row["kinds"]}
    assert kinds[("Call",)] == busiest["n"] and sum(kinds.values()) == row["total"]
    truth = {r_["year"]: r_["n"] for r_ in r.read(
        "MATCH (a:Agency {agency_id: $a})<-[:HANDLED_BY]-(c:Call) RETURN c.received_at.year AS year, count(*) AS n",
        {"a": busiest["key"]}, name="test.calls_by_year").rows}
    years = {g["year"]: g["n"] for g in fetch.groups(node["id"], [node["id"]], ["Call"], True, True)}
    assert years == truth and len(years) >= 2
    # A year's slice: its newest calls, the total of that year, each linked to the agency.
    year = max(truth)
    part = fetch.slice(node["id"], [node["id"]], ["Call"], [year], explorer.EXPAND_CAP, True)[0]
    times = [i["m"]["props"]["received_at"] for i in part["items"]]
    newest = r.read("MATCH (:Agency {agency_id: $a})<-[:HANDLED_BY]-(c:Call) WHERE c.received_at.year = $y "
                    "RETURN c.received_at AS t ORDER BY t DESC LIMIT $k",
                    {"a": busiest["key"], "y": year, "k": explorer.EXPAND_CAP}, name="test.newest").rows
    assert part["total"] == truth[year] and times == [x["t"] for x in newest]
    assert {(i["rel"], i["outgoing"]) for i in part["items"]} == {("HANDLED_BY", False)}
    # The explorer on it: a summary per kind, split by year, each page newest first.
    grown, added = explorer.expand(analyst.opened(state), node["id"], fetch=fetch)
    summary = {tuple(d["data"]["kinds"]): d["data"] for d in grown["nodes"].values() if d["data"]["type"] == "More"}
    assert summary[("Call",)]["count"] == busiest["n"]
    assert not any(n["data"]["type"] == "Call" for n in grown["nodes"].values())
    grown, _ = explorer.expand(grown, summary[("Call",)]["id"], fetch=analyst.fetcher(analyst.seal(grown)))
    split = {d["data"]["year"]: d["data"]["count"] for d in grown["nodes"].values()
             if d["data"]["type"] == "More" and d["data"]["kinds"] == ["Call"]}
    assert split == {y: n for y, n in truth.items() if n > explorer.DIRECT}
    assert layout.overlaps(grown["nodes"], grown["positions"]) == []


def test_a_council_member_counts_and_opens_only_what_lies_in_scope(graph: Runner) -> None:
    r = graph
    busiest = _busiest(r)
    council = Gate(User("t_council", "council"), "실무협의회 준비")
    analyst = Gate(User("t_analyst", "analyst"), "사례관리")
    node = data.find_node("Agency", busiest["key"])
    in_scope = r.read(f"MATCH (:Agency {{agency_id: $a}})<-[:HANDLED_BY]-(c:Call) WHERE {ON_AGENDA} "
                      "RETURN c.call_id AS id, c.received_at.year AS year", {"a": busiest["key"]},
                      name="test.calls_in_scope").rows
    assert 0 < len(in_scope) < busiest["n"]
    state = _state_with(council, node)
    fetch = council.fetcher(state)
    row = fetch([node["id"]], [node["id"]], explorer.EXPAND_CAP, explorer.COUNCIL_TYPES, True)[0]
    kinds = {tuple(k["labels"]): k["k"] for k in row["kinds"]}
    assert kinds[("Call",)] == len(in_scope)
    assert row["total"] == sum(kinds.values())
    by_year: dict[int, int] = {}
    for c in in_scope:
        by_year[c["year"]] = by_year.get(c["year"], 0) + 1
    assert {g["year"]: g["n"] for g in fetch.groups(node["id"], [node["id"]], ["Call"], True, True)} == by_year
    part = fetch.slice(node["id"], [node["id"]], ["Call"], None, explorer.EXPAND_CAP, True)[0]
    ids = {c["id"] for c in in_scope}
    assert part["total"] == len(in_scope)
    assert {i["m"]["props"]["call_id"] for i in part["items"]} <= ids
    # The analyst sees the whole fan; the council member's summary of it says nothing of the rest.
    whole = analyst.fetcher(_state_with(analyst, node))([node["id"]], [node["id"]], explorer.EXPAND_CAP, None, True)[0]
    assert {tuple(k["labels"]): k["k"] for k in whole["kinds"]}[("Call",)] == busiest["n"]
    grown, _ = explorer.expand(council.opened(state), node["id"], fetch=fetch, types=explorer.COUNCIL_TYPES)
    counts = [d["data"]["count"] for d in grown["nodes"].values()
              if d["data"]["type"] == "More" and d["data"]["kinds"] == ["Call"]]
    assert counts in ([len(in_scope)], [])   # a summary of what is in scope, or the calls themselves
    assert not any(n["data"]["type"] in ("Person", "Household") for n in grown["nodes"].values())


def test_summary_reads_expand_only_nodes_of_the_signed_state(graph: Runner) -> None:
    busiest = _busiest(graph)
    gate = Gate(User("t_analyst", "analyst"), "사례관리")
    node = data.find_node("Agency", busiest["key"])
    other = graph.read_value("MATCH (c:Call) RETURN elementId(c) LIMIT 1", name="test.other")
    fetch = gate.fetcher(_state_with(gate, node))
    for read in (lambda: fetch.groups(other, [], ["Person"], False, False),
                 lambda: fetch.slice(other, [], ["Person"], None, 5, False),
                 lambda: fetch([other], [], 5, None, False)):
        with pytest.raises(ForgedState):
            read()
    # A node its own answer added may be expanded next; labels outside the graph's are not read.
    part = fetch.slice(node["id"], [node["id"]], ["Call"], None, 3, True)[0]
    assert fetch.groups(part["items"][0]["m"]["id"], [], ["Agency"], False, False)
    assert fetch.groups(node["id"], [], ["Load", "ReviewDecision"], False, True) == []


def test_the_largest_households_open_laid_out_for_reading(graph: Runner) -> None:
    """The first view of the largest households fits a 1,000 × 620 canvas at a zoom where every
    caption is drawn (11 px × zoom ≥ 8 px), no two captions touching, the household named by its
    members and never by its id."""
    gate = Gate(User("t_analyst", "analyst"), "사례관리")
    keys = [graph.read(f"MATCH (h:Household)<-[:MEMBER_OF]-(:Person){hop} WITH h, count(*) AS n "
                       "ORDER BY n DESC, h.household_id LIMIT 1 RETURN h.household_id AS id",
                       name="test.largest").rows[0]["id"] for hop in ("", "<-[:RESOLVES_TO]-(:PersonRecord)")]
    for key in keys:
        root = data.find_node("Household", key)
        state = explorer.initial_state(root, fetch=gate.fetcher(root=root), mask=gate.mask)
        assert layout.overlaps(state["nodes"], state["positions"]) == []
        x1, y1, x2, y2 = layout.extent(state["nodes"], state["positions"])
        zoom = min((994 - 60) / (x2 - x1), (620 - 60) / (y2 - y1))
        assert 11 * zoom >= 8, (key, zoom)
        home = state["nodes"][state["root"]]["data"]
        assert key not in home["label"] and home["display"]


def test_neighbour_keys_name_the_households_node_households_names(graph: Runner) -> None:
    """The scope check of a summary reads the households of each neighbour on its walk
    (neighbour_keys.cypher) instead of looking each key up again (node_households.cypher): both
    must name the same households, for every kind of neighbour."""
    from queries.gate import KEYS

    picks = graph.read(
        "MATCH (a:Agency)<-[:HANDLED_BY]-() WITH a, count(*) AS n ORDER BY n DESC LIMIT 1 RETURN elementId(a) AS id "
        "UNION MATCH (p:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN]->() WITH p, count(*) AS n "
        "ORDER BY n DESC LIMIT 1 RETURN elementId(p) AS id "
        "UNION MATCH (d:Address)<-[:AT]-(:Call) WITH d, count(*) AS n ORDER BY n DESC LIMIT 1 RETURN elementId(d) AS id "
        "UNION MATCH (k:CouncilCase)<-[:FOR_CASE]-() WITH k, count(*) AS n ORDER BY n DESC LIMIT 1 RETURN elementId(k) AS id "
        "UNION MATCH (h:Household)<-[:MEMBER_OF]-() WITH h, count(*) AS n ORDER BY n DESC LIMIT 1 RETURN elementId(h) AS id",
        name="test.picks").rows
    seen: set[str] = set()
    for pick in picks:
        found = data.app_query("neighbour_keys", {"id": pick["id"], "exclude": [], "kinds": list(KEYS), "years": None,
                                                  "limit": 20_000}, row_cap=1).rows[0]["found"]
        assert found, pick
        truth: dict[tuple[str, str], set[str]] = {}
        for r in data.app_query("node_households", {"nodes": [{"label": f["label"], "key": f["key"]} for f in found]},
                                row_cap=100_000).rows:
            truth.setdefault((r["label"], r["key"]), set()).add(r["household_id"])
        for f in found:
            assert set(f["households"]) == truth.get((f["label"], f["key"]), set()), f
            seen.add(f["label"])
    assert {"Call", "Person", "Household", "CouncilMeasure", "Agency"} <= seen
