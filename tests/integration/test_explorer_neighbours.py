"""The explorer's neighbour queries (`queries/app/neighbours.cypher`, and
`agency_neighbours.cypher` for agencies) against their previous formulation
(`reference_explorer/neighbours.cypher`, one query for both), which walked every neighbour with
its properties before keeping `cap`. Both must name the same neighbours in the same order with
the same links and the same total:
- on a star around one agency (bench/star_graph.py), large enough that each of the new query's
  paths runs: classes taken whole, a small boundary class sorted from its kept nodes, a large
  class of calls read through the date index (with ties on the boundary time), a large class of
  anything else walked by relationship type, calls and council measures counted by degree less
  those shown, assessments and services counted by degree (less those shown and less the
  services the agency both gave and referred) or walked once, and the index path falling back to
  the walk when calls have no date;
- on the loaded jeju preset, for households, people, addresses, agencies, calls and council
  cases, with the caps, label filters and exclusions the explorer uses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench import star_graph
from graph.cypher_files import parse_cypher_file
from graph.runner import Runner
from pages.explorer import COUNCIL_TYPES, EVENT_LINK_CAP, EXPAND_CAP, MEMBER_EVENT_CAP

ROOT = Path(__file__).resolve().parents[2]
# The explorer's two queries: one for agencies, one for every other node.
NEW = parse_cypher_file(ROOT / "queries" / "app" / "neighbours.cypher").text
NEW_AGENCY = parse_cypher_file(ROOT / "queries" / "app" / "agency_neighbours.cypher").text
REFERENCE = parse_cypher_file(Path(__file__).parent / "reference_explorer" / "neighbours.cypher").text
EVENTS = ["Call", "PoliceMeasure", "RiskAssessment", "Service", "CouncilCase", "CouncilMeasure"]
# Relationship types that start at a person record: the query names them (an agency's incoming
# links are not read to look for records), so a new one must be added there too.
RECORD_TYPES = {"INVOLVED_IN", "SUBJECT_OF", "AT", "POSSIBLE_MATCH", "RESOLVES_TO"}
# (type, outgoing from the agency, far labels) of every link an agency may have; HANDLED_BY and
# ASSIGNED_TO are counted by degree, so they must have one far label only.
AGENCY_LINKS = {("HANDLED_BY", False, ("Call",)), ("BY_AGENCY", False, ("RiskAssessment",)),
                ("BY_AGENCY", False, ("Service",)), ("REFERRED_BY", False, ("Service",)),
                ("SUBMITTED_BY", False, ("CouncilCase",)), ("ATTENDED", True, ("CouncilCase",)),
                ("ASSIGNED_TO", False, ("CouncilMeasure",)),
                ("CO_INVOLVED", False, ("Agency",)), ("CO_INVOLVED", True, ("Agency",))}


def run(runner: Runner, cypher: str, ids: list[str], exclude: list[str], cap: int,
        types: list[str] | None) -> dict[str, dict[str, Any]]:
    rows = runner.read(cypher, {"ids": ids, "exclude": exclude, "cap": cap, "types": types},
                       name="test.neighbours", row_cap=len(ids) + 1).rows
    return {r["nid"]: r for r in rows}


def run_new(runner: Runner, ids: list[str], exclude: list[str], cap: int,
            types: list[str] | None) -> dict[str, dict[str, Any]]:
    """Both queries on the same ids: each answers for its own kind of node only."""
    other = run(runner, NEW, ids, exclude, cap, types)
    agency = run(runner, NEW_AGENCY, ids, exclude, cap, types)
    kinds = {r["id"]: r["agency"] for r in runner.read(
        "UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id RETURN id, n:Agency AS agency",
        {"ids": ids}, name="test.kinds").rows}
    assert all(not kinds[nid] for nid in other) and all(kinds[nid] for nid in agency)
    return {**other, **agency}


def shape(row: dict[str, Any]) -> tuple[int, list[str], list[frozenset]]:
    """(total, neighbour ids in order, each neighbour's links). A neighbour linked twice (a council
    case an agency submitted and attended) has its entries next to each other in an order neither
    query fixes, and the cap may cut between them: the last neighbour's links are compared only
    when both answers end on the same entry count."""
    ids: list[str] = []
    links: dict[str, set] = {}
    for item in row["items"]:
        mid = item["m"]["id"]
        if mid not in links:
            ids.append(mid)
            links[mid] = set()
        links[mid].add((item["rel"], item["role"], item["outgoing"]))
    return row["total"], ids, [frozenset(links[i]) for i in ids]


def assert_same(runner: Runner, ids: list[str], exclude: list[str], cap: int,
                types: list[str] | None) -> dict[str, dict[str, Any]]:
    new = run_new(runner, ids, exclude, cap, types)
    ref = run(runner, REFERENCE, ids, exclude, cap, types)
    assert set(new) == set(ref), (cap, types)
    for nid in ref:
        n_total, n_ids, n_links = shape(new[nid])
        r_total, r_ids, r_links = shape(ref[nid])
        assert (n_total, n_ids) == (r_total, r_ids), (nid, cap, types)
        assert n_links[:-1] == r_links[:-1], (nid, cap, types)
        assert len(new[nid]["items"]) == len(ref[nid]["items"]) <= cap
        # Properties come with each item (the page draws them).
        assert all(i["m"]["props"] for i in new[nid]["items"])
        # `kinds` counts the total per label (the explorer's summaries), every label of an item in it.
        kinds = new[nid]["kinds"]
        assert sum(k["k"] for k in kinds) == n_total
        assert {i["m"]["label"] for i in new[nid]["items"]} <= {lab for k in kinds for lab in k["labels"]}
    return new


@pytest.fixture()
def star(empty_graph: Runner) -> tuple[Runner, str]:
    # Each class just past or under the query's 1,000 threshold it tests (a national station has
    # 155 k calls: bench/explorer_bench.py measures that size; the paths are the same).
    star_graph.build(empty_graph, calls=2_400, other=4_000, assessments=1_200, services=600,
                     self_services=12, cases=24)
    return empty_graph, star_graph.element_id(empty_graph, star_graph.BIG)


def test_star_every_path_matches_the_full_walk(star: tuple[Runner, str]) -> None:
    runner, big = star
    # The cap counts links: 24 council cases (each submitted and attended: 48 links) come first.
    # Nodes are chosen first: the 24 cases whole, then the newest calls through the date index;
    # the newest calls share one time, so the element ids decide.
    first = assert_same(runner, [big], [], EXPAND_CAP, None)[big]
    # Calls, assessments, services referred, services given on its own referral, cases, measures.
    assert first["total"] == 2_400 + 1_200 + 600 + 12 + 24 + 24
    assert {i["m"]["label"] for i in first["items"]} == {"CouncilCase"}
    sixty = assert_same(runner, [big], [], 60, None)[big]
    _, order, _ = shape(sixty)
    labels = [next(i["m"]["label"] for i in sixty["items"] if i["m"]["id"] == m) for m in order]
    assert labels == ["CouncilCase"] * 24 + ["Call"] * 12
    calls = assert_same(runner, [big], [], 60, ["Call"])[big]
    times = [i["m"]["props"]["received_at"] for i in calls["items"]]
    assert times == sorted(times, reverse=True) and times[0] == times[3] != times[4]  # the tie
    assert_same(runner, [big], [], 2, ["Call"])  # two of the four tied calls: by element id
    # What the explorer sends on the next tap: everything shown so far is excluded.
    shown = [i["m"]["id"] for i in run_new(runner, [big], [], 60, None)[big]["items"]]
    again = assert_same(runner, [big], shown, EXPAND_CAP, None)[big]
    assert not {i["m"]["id"] for i in again["items"]} & set(shown)
    assert again["total"] == first["total"] - len(set(shown))
    # Label filters: calls only (index), assessments (1,200: walked), services (600: from the kept
    # nodes), council items (whole classes only), and nothing at all.
    for types in (["Call"], ["RiskAssessment"], ["Service"], ["Service", "RiskAssessment"],
                  ["CouncilCase", "CouncilMeasure"], COUNCIL_TYPES, ["Household"]):
        assert_same(runner, [big], shown, EXPAND_CAP, types)
    # Two nodes at once, one of them small.
    small = star_graph.element_id(runner, star_graph.OTHERS[0])
    assert_same(runner, [big, small], [], EXPAND_CAP, None)
    # The Sunflower Centre: 600 services given (BY_AGENCY), nothing else — and with 1,200 of the
    # station's assessments and services the classes walked by type.
    centre = star_graph.element_id(runner, star_graph.SERVICE_AGENCY)
    for cap in (EXPAND_CAP, 60):
        assert_same(runner, [centre], [], cap, None)
    assert_same(runner, [big], [], EXPAND_CAP, ["RiskAssessment", "Service"])
    assert_same(runner, [big], [], EXPAND_CAP, ["CouncilMeasure"])
    # Council measures shown are subtracted from the degree they are counted by.
    measures = [i["m"]["id"] for i in run_new(runner, [big], [], 20, ["CouncilMeasure"])[big]["items"]]
    left = assert_same(runner, [big], measures, EXPAND_CAP, ["CouncilMeasure"])[big]
    assert left["total"] == 24 - 20 and len(left["items"]) == 4
    # Assessments and services shown are subtracted from the degrees they are counted by (cases
    # and calls fill the cap), and the walk takes them when a filter leaves the calls out.
    records = list({i["m"]["id"] for i in run_new(runner, [big], [], 60, ["RiskAssessment", "Service"])[big]["items"]})
    assert len(records) > 50
    after = assert_same(runner, [big], records, EXPAND_CAP, None)[big]
    assert after["total"] == first["total"] - len(records)
    assert_same(runner, [big], records, EXPAND_CAP, ["RiskAssessment", "Service", "CouncilMeasure"])
    assert_same(runner, [big], records, 200, ["RiskAssessment", "Service"])


def test_star_calls_without_dates_fall_back_to_the_walk(star: tuple[Runner, str]) -> None:
    runner, big = star
    # Only 10 of the station's calls keep a date: the index finds fewer than the 25 wanted, and
    # the undated ones (sorting last, by element id) come from the walk.
    runner.write("MATCH (c:Call)-[:HANDLED_BY]->(:Agency {agency_id: $a}) WHERE c.received_at IS NOT NULL "
                 "WITH c ORDER BY c.call_id SKIP 10 "
                 "SET c.received_at = null", {"a": star_graph.BIG}, name="test.undate")
    got = assert_same(runner, [big], [], EXPAND_CAP, ["Call"])[big]
    dated = [i for i in got["items"] if i["m"]["props"].get("received_at") is not None]
    assert len(dated) == 10 and len(got["items"]) == EXPAND_CAP


def test_agency_links_are_the_ones_the_query_names(jeju_graph: Runner) -> None:
    """An agency's neighbours are read by relationship type, and its calls and council measures by
    degree: that is exact only while these are all the links an agency has."""
    found = {(r["t"], r["out"], tuple(r["labels"])) for r in jeju_graph.read(
        "MATCH (a:Agency)-[r]-(x) RETURN DISTINCT type(r) AS t, startNode(r) = a AS out, labels(x) AS labels",
        name="test.agency_links").rows}
    assert found <= AGENCY_LINKS
    assert {t for t, _, _ in found} >= {"HANDLED_BY", "BY_AGENCY", "ATTENDED", "CO_INVOLVED"}


def test_record_relationship_types_are_the_ones_the_query_names(jeju_graph: Runner) -> None:
    found = {r["t"] for r in jeju_graph.read("MATCH (:PersonRecord)-[r]->() RETURN DISTINCT type(r) AS t",
                                             name="test.record_types").rows}
    assert found and found <= RECORD_TYPES


def test_jeju_nodes_match_the_full_walk(jeju_graph: Runner) -> None:
    r = jeju_graph
    ids: dict[str, list[str]] = {}
    for label in ("Household", "Person", "Address", "Agency", "Call", "CouncilCase", "Service"):
        # The busiest few of each kind, and a few ordinary ones.
        rows = r.read(f"MATCH (n:{label}) WITH n, COUNT {{ (n)--() }} AS d ORDER BY d DESC LIMIT 3 "
                      f"RETURN elementId(n) AS id UNION MATCH (n:{label}) WITH n SKIP 50 LIMIT 3 "
                      "RETURN elementId(n) AS id", name="test.pick").rows
        ids[label] = [x["id"] for x in rows]
        assert ids[label], label
    for some in ids.values():
        assert_same(r, some, [], 60, None)
        assert_same(r, some, [], EXPAND_CAP, None)
    # The first view's reads: members' events, then each event's agencies and council items.
    people = ids["Person"]
    assert_same(r, people, [], MEMBER_EVENT_CAP, EVENTS + ["Person", "Household"])
    assert_same(r, ids["Call"] + ids["Service"], [], EVENT_LINK_CAP, ["Agency", "CouncilCase", "CouncilMeasure"])
    # A tap after the first view: what is shown is excluded.
    for nid in ids["Agency"] + ids["Household"][:2]:
        shown = [i["m"]["id"] for i in run_new(r, [nid], [], 40, None)[nid]["items"]]
        assert_same(r, [nid], shown + [nid], EXPAND_CAP, None)
        assert_same(r, [nid], shown, EXPAND_CAP, COUNCIL_TYPES)
