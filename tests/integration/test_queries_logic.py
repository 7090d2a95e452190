"""Each catalogue query's logic on a small hand-built graph (see `scenario()`); every expected
answer below was worked out by hand from the records the scenario writes."""

from __future__ import annotations

from datetime import date

import pytest
from test_queries_minigraph import MiniGraph

from graph.errors import CatalogueError
from graph.runner import Runner
from queries import catalogue


def scenario() -> MiniGraph:
    g = MiniGraph()
    for aid, t in (("P1", "경찰서"), ("P2", "지구대·파출소"), ("H", "해바라기센터"), ("C", "가정폭력상담소"),
                   ("K", "아동보호전문기관"), ("X", "가해자교정기관")):
        g.agency(aid, t)
    g.address("A1", "제주시 연삼로 1").address("A2", "서귀포시 중앙로 2")
    g.household("H1", "A1").household("H2", "A2").household("H3")
    g.person("V5", "김영희", "H1", phone="01012345678").person("S5", "박철수", "H1")
    g.person("K1", "박아이", "H1", birth="2015-05-05").person("K2", "박어른", "H1", birth="1990-01-01")
    g.person("V2", "이순자", "H2").person("S2", "최민수", "H2").person("V1", "고은비", "H3")
    for pid in ("S1", "V4", "V6", "S6", "K3", "N1", "Z1"):
        g.person(pid)
    g.relate("V5", "S5", "배우자", ["C10", "C11"])
    g.call("C1", "2023-01-01T10:00", people=[("V1", "victim", None), ("S1", "suspect", "지인")])
    g.call("C2", "2024-02-05T10:00", people=[("V1", "victim", None)])
    g.call("C3", "2023-03-01T09:00", address="A2",
           people=[("V2", "victim", None), ("S1", "suspect", "모르는사람"), ("K3", "child_witness", None)])
    g.call("C4", "2023-06-01T22:00", priority="C3", address="A2",
           people=[("V2", "victim", None), ("S2", "suspect", "배우자")])
    g.call("C5", "2024-12-01T23:00", agency="P2", priority="C1", weapon=True, injury=True, address="A2",
           people=[("V2", "victim", None), ("S2", "suspect", "전배우자")])
    g.call("C6", "2023-02-02T10:00", people=[("V4", "victim", None), ("V4", "victim", None)])
    g.call("C10", "2023-01-10T21:00", address="A1",
           people=[("V5", "victim", None), ("S5", "suspect", "배우자"), ("N1", "reporter", None)])
    g.call("C11", "2023-03-10T21:00", agency="P2", priority="C1", weapon=True, address="A1",
           people=[("V5", "victim", None), ("S5", "suspect", "배우자"), ("K1", "child_witness", None)])
    g.call("C12", "2023-04-01T10:00", priority="C0", weapon=True, people=[("V6", "victim", None), ("S6", "suspect", "연인")])
    g.call("C13", "2023-05-01T10:00", priority="C3", people=[("V6", "victim", None), ("S6", "suspect", "연인")])
    g.call("C20", "2023-07-01T10:00", category="스토킹", people=[("N1", "victim", None), ("Z1", "suspect", "전연인")])
    g.police_measure("PM1", "S5", "2023-03-11", "긴급임시조치", call_id="C11")
    g.risk("RA1", "V5", "2023-03-10", "P2", "높음", {1: True, 2: True, 3: False}, call_id="C11")
    g.service("1", "H", "V5", "2023-03-15", "의료", referred_by="P2", call_id="C11")
    g.service("1", "C", "V5", "2023-04-01", "심리상담", referred_by="P1")
    g.service("1", "X", "S5", "2022-05-01", "가해자교정", role="offender", referred_by="P1")
    g.service("2", "H", "V2", "2022-08-01", "의료", referred_by="P1")
    g.service("3", "H", "V2", "2023-02-01", "의료")
    g.service("4", "H", "V1", "2023-02-15", "의료", referred_by="C")
    g.council_case("K-1", "2023-05-01", "H", ["P1", "H", "C", "K"], victim="V5", offender="S5")
    g.council_case("K-2", "2023-06-10", "P1", ["P1", "C"], victim="V1")
    g.council_measure("CM1", "K-1", "C", "심리상담", start="2023-05-02", due="2023-06-01", reason="기관미이행")
    g.council_measure("CM2", "K-1", "K", "아동보호", due="2023-06-01", done="2023-05-20", status="완료")
    g.council_measure("CM3", "K-1", "X", "가해자교정", due="2023-07-01", status="중단", reason="상황변화")
    g.council_measure("CM4", "K-2", "C", "법률", due="2023-07-01", done="2023-06-20", status="완료")
    return g


@pytest.fixture()
def graph(empty_graph: Runner) -> Runner:
    return scenario().write(empty_graph)


def rows(runner: Runner, name: str, **params: object) -> list[dict]:
    return catalogue.run(runner, name, params).rows


def test_repeat_victims_use_any_window_and_distinct_calls(graph: Runner) -> None:
    got = {r["person_id"]: r for r in rows(graph, "repeat_victims")}
    # V1's calls are 400 days apart; V4 is named twice on one call: neither is a repeat victim.
    assert set(got) == {"V2", "V5", "V6"}
    assert got["V2"]["call_ids"] == ["C3", "C4", "C5"]
    assert got["V2"]["window_call_ids"] == ["C3", "C4"]
    assert got["V2"]["calls_in_window"] == 2
    assert "V1" in {r["person_id"] for r in rows(graph, "repeat_victims", window_days=400)}
    assert rows(graph, "repeat_victims", min_calls=3) == []


def test_repeat_addresses(graph: Runner) -> None:
    assert rows(graph, "repeat_addresses") == []          # A2: three calls, but never three within 365 days
    got = rows(graph, "repeat_addresses", window_days=1000)
    assert [(r["address_id"], r["call_ids"], r["household_ids"]) for r in got] == [("A2", ["C3", "C4", "C5"], ["H2"])]
    assert {r["address_id"] for r in rows(graph, "repeat_addresses", min_calls=2)} == {"A1", "A2"}


def test_serial_offenders(graph: Runner) -> None:
    got = rows(graph, "serial_offenders")
    assert [(r["person_id"], r["victim_person_ids"], r["call_ids"]) for r in got] == [("S1", ["V1", "V2"], ["C1", "C3"])]


def test_escalation_scores_and_window(graph: Runner) -> None:
    got = rows(graph, "escalation")
    # C10: C2 → 2; C11: C1 (3) + weapon (3) + 긴급임시조치 (2) = 8. V6/S6 goes down (7 → 1).
    assert [(r["victim_id"], r["suspect_id"], r["severities"], r["call_ids"]) for r in got] == [
        ("V5", "S5", [2, 8], ["C10", "C11"])]
    wide = rows(graph, "escalation", window_days=600)
    # C4: C3 → 1; C5: C1 + weapon + injury = 9; C4 and C5 are 549 days apart.
    assert [(r["victim_id"], r["increase"]) for r in wide] == [("V2", 8), ("V5", 6)]


def test_household_agencies(graph: Runner) -> None:
    got = {r["agency_id"]: r for r in rows(graph, "household_agencies", household_id="H1")}
    assert {a: (r["contacts"], r["first_contact"], r["last_contact"]) for a, r in got.items()} == {
        "X": (2, date(2022, 5, 1), date(2023, 5, 1)),
        "P1": (2, date(2023, 1, 10), date(2023, 5, 1)),
        "P2": (3, date(2023, 3, 10), date(2023, 3, 11)),
        "H": (2, date(2023, 3, 15), date(2023, 5, 1)),
        "C": (3, date(2023, 4, 1), date(2023, 5, 2)),
        "K": (2, date(2023, 5, 1), date(2023, 5, 1)),
    }
    assert got["P2"]["kinds"] == ["call", "police_measure", "risk_assessment"]
    assert got["P2"]["record_keys"] == ["C11", "PM1", "RA1"]
    assert rows(graph, "household_agencies", household_id="nope") == []


def test_fragmented_households_skip_council_households(graph: Runner) -> None:
    got = rows(graph, "fragmented_households")
    assert [(r["household_id"], r["agency_ids"], r["call_ids"], r["service_keys"]) for r in got] == [
        ("H2", ["H", "P1", "P2"], ["C3", "C4", "C5"], ["H/2", "H/3"])]
    assert rows(graph, "fragmented_households", min_agencies=4) == []


def test_agency_coinvolvement(graph: Runner) -> None:
    got = [(r["agency_a"], r["agency_b"], r["shared_households"]) for r in rows(graph, "agency_coinvolvement")]
    assert got == [("H", "P1", 3), ("C", "H", 2), ("C", "P1", 2), ("H", "P2", 2), ("P1", "P2", 2)]


def test_children_exposed(graph: Runner) -> None:
    got = {r["person_id"]: r for r in rows(graph, "children_exposed")}
    assert set(got) == {"K1", "K3"}       # K2 is an adult member of H1
    assert (got["K1"]["exposure"], got["K1"]["witnessed_call_ids"], got["K1"]["household_call_ids"]) == (
        "both", ["C11"], ["C10", "C11"])
    assert (got["K3"]["exposure"], got["K3"]["witnessed_call_ids"]) == ("witness", ["C3"])


def test_open_council_measures(graph: Runner) -> None:
    got = rows(graph, "open_council_measures", as_of="2023-06-15")
    assert [(r["measure_id"], r["days_overdue"], r["reason_group"], r["agency_id"]) for r in got] == [
        ("CM1", 14, "기관미이행", "C")]
    later = rows(graph, "open_council_measures", as_of="2023-07-10")
    assert [(r["measure_id"], r["reason_group"]) for r in later] == [("CM1", "기관미이행"), ("CM3", "상황변화")]
    with pytest.raises(CatalogueError, match="as_of"):
        rows(graph, "open_council_measures", as_of="15/06/2023")


def test_council_kpis(graph: Runner) -> None:
    (k,) = rows(graph, "council_kpis")
    assert (k["cases"], k["measures"], k["avg_attending_agencies"], k["non_police_submissions"]) == (2, 4, 3.0, 1)
    assert k["non_police_case_ids"] == ["K-1"]
    assert sorted((f["field"], f["measures"]) for f in k["measures_by_field"]) == [
        ("가해자교정", 1), ("법률", 1), ("심리상담", 1), ("아동보호", 1)]
    (june,) = rows(graph, "council_kpis", **{"from": "2023-06-01", "to": "2023-12-31"})
    assert (june["cases"], june["measures"], june["avg_attending_agencies"], june["non_police_submissions"]) == (
        1, 1, 2.0, 0)


def test_council_kpis_follow_the_graph_at_each_refresh(graph: Runner) -> None:
    """Each case's figures are counted by the summaries: a new attendance and measure show after
    the next refresh, and a refresh with nothing changed writes nothing."""
    from derived import refresh, statements

    (june,) = rows(graph, "council_kpis", **{"from": "2023-06-01", "to": "2023-12-31"})
    case = june["case_ids"][0]
    graph.write("MATCH (k:CouncilCase {case_id: $k}) MERGE (a:Agency {agency_id: 'NEW-1'}) SET a.type = '보호시설' "
                "MERGE (a)-[:ATTENDED]->(k) CREATE (:CouncilMeasure {measure_id: 'CM-NEW'})-[:FOR_CASE]->(k)",
                {"k": case}, name="test.attend")
    refresh(graph)
    (after,) = rows(graph, "council_kpis", **{"from": "2023-06-01", "to": "2023-12-31"})
    assert (after["measures"], after["avg_attending_agencies"], after["avg_outside_agencies"]) == (
        june["measures"] + 1, june["avg_attending_agencies"] + 1, june["avg_outside_agencies"] + 1)
    assert ("미기재", 1) in [(f["field"], f["measures"]) for f in after["measures_by_field"]]
    again = graph.run_script([q.text for q in statements() if q.name == "13_council_case_figures"],
                             name="test.again")
    assert again.counters.get("properties_set", 0) == 0


def test_linkage_yoy(graph: Runner) -> None:
    got = {(r["year"], r["partner_type"]): (r["referrals"], r["change"]) for r in rows(graph, "linkage_yoy")}
    assert got == {
        (2022, "correction"): (1, None), (2022, "medical"): (1, None),
        (2022, "all"): (2, None),
        (2023, "counselling"): (1, None), (2023, "medical"): (1, 0),
        (2023, "all"): (2, 0),
    }


def test_calls_yoy(graph: Runner) -> None:
    got = {(r["year"], r["category"]): (r["calls"], r["change"], r["change_pct"]) for r in rows(graph, "calls_yoy")}
    assert got == {(2023, "가정폭력"): (8, None, None), (2023, "스토킹"): (1, None, None),
                   (2024, "가정폭력"): (2, -6, -75.0)}


def test_shortest_path_counts_steps_not_records(graph: Runner) -> None:
    got = rows(graph, "shortest_path", person_a="V1", person_b="V2")
    assert [(r["from_id"], r["to_id"], r["role"]) for r in got] == [
        ("Person:V1", "Call:C1", "victim"), ("Call:C1", "Person:S1", "suspect"),
        ("Person:S1", "Call:C3", "suspect"), ("Call:C3", "Person:V2", "victim")]
    assert all(r["hops"] == 4 and len(r["record_ids"]) == 1 for r in got)
    assert rows(graph, "shortest_path", person_a="V1", person_b="V2", max_hops=3) == []


def test_search_people(graph: Runner) -> None:
    assert [r["person_id"] for r in rows(graph, "search_people", text="영희")] == ["V5"]
    assert [r["person_id"] for r in rows(graph, "search_people", text="010-1234-5678")] == ["V5"]
    assert {r["person_id"] for r in rows(graph, "search_people", text="H1")} == {"V5", "S5", "K1", "K2"}
    assert {r["person_id"] for r in rows(graph, "search_people", text="중앙로")} == {"V2", "S2"}
    assert rows(graph, "search_people", text="없는사람") == []


def test_search_people_puts_whole_names_first_and_caps_each_kind(graph: Runner) -> None:
    # T1's name sorts before 박철수 and contains it: a whole-name match still comes first
    graph.write("CREATE (:Person {person_id: 'T1', name: '가박철수'})", name="test.add_person")
    assert [r["person_id"] for r in rows(graph, "search_people", text="박 철수")] == ["S5", "T1"]
    park = {r["person_id"] for r in rows(graph, "search_people", text="박")}
    assert park == {"S5", "K1", "K2", "T1"}
    # each kind of partial match reads at most `candidates` people (a person and a record branch)
    capped = [r["person_id"] for r in rows(graph, "search_people", text="박", candidates=1)]
    assert 1 <= len(capped) <= 2 and set(capped) <= park
    # digits search phones only, never names or addresses; fewer than 4 digits search nothing
    assert [r["person_id"] for r in rows(graph, "search_people", text="5678")] == ["V5"]
    assert rows(graph, "search_people", text="567") == []


def test_person_detail_timeline(graph: Runner) -> None:
    got = rows(graph, "person_detail", person_id="V5")
    assert sorted((r["kind"], r["key"]) for r in got) == sorted([
        ("call", "C10"), ("call", "C11"), ("risk_assessment", "RA1"), ("service", "H/1"), ("service", "C/1"),
        ("council_case", "K-1"), ("council_measure", "CM1"), ("council_measure", "CM2"),
        ("council_measure", "CM3"), ("relation", "S5")])
    ra = next(r for r in got if r["kind"] == "risk_assessment")
    assert ra["extra"]["yes_items"] == 2 and ra["agency_id"] == "P2"
    (alone,) = rows(graph, "person_detail", person_id="Z1")[:1]
    assert alone["kind"] == "call"


def test_household_network_hops_and_limit(graph: Runner) -> None:
    def people(hops: int) -> set[str]:
        got = rows(graph, "household_network", household_id="H1", hops=hops, limit=1000)
        return {r[f"{e}_key"] for r in got for e in ("source", "target") if r[f"{e}_label"] == "Person"}

    assert people(0) == {"V5", "S5", "K1", "K2"}
    assert people(1) == {"V5", "S5", "K1", "K2", "N1"}          # N1 reported C10
    assert people(2) == {"V5", "S5", "K1", "K2", "N1", "Z1"}    # Z1 stalked N1 (C20)
    full = rows(graph, "household_network", household_id="H1", hops=0, limit=1000)
    edges = {(r["source_id"], r["rel_type"], r["role"], r["target_id"]) for r in full}
    assert ("Person:K1", "INVOLVED_IN", "child_witness", "Call:C11") in edges
    assert ("Household:H1", "LIVES_AT", None, "Address:A1") in edges
    assert ("Agency:C", "ATTENDED", None, "CouncilCase:K-1") in edges
    assert ("CouncilMeasure:CM3", "ASSIGNED_TO", None, "Agency:X") in edges
    cut = rows(graph, "household_network", household_id="H1", hops=0, limit=5)
    assert len(cut) == 5 and cut[0]["total_edges"] == len(full) and cut[0]["omitted_edges"] == len(full) - 5


def test_case_map(graph: Runner) -> None:
    got = rows(graph, "case_map", case_id="K-1", limit=1000)
    edges = {(r["source_id"], r["rel_type"], r["role"], r["target_id"]) for r in got}
    assert ("Person:S5", "SUBJECT_OF", "offender", "CouncilCase:K-1") in edges
    assert ("CouncilCase:K-1", "SUBMITTED_BY", None, "Agency:H") in edges
    assert ("CouncilMeasure:CM1", "FOR_CASE", None, "CouncilCase:K-1") in edges
    assert ("Person:V5", "INVOLVED_IN", "victim", "Call:C10") in edges
    assert not any("K1" == r["source_key"] for r in got)       # the child is not on the case


def test_overview_counts(graph: Runner) -> None:
    got = {r["item"]: r["count"] for r in rows(graph, "overview_counts")}
    assert (got["Call"], got["Household"], got["CouncilCase"], got["CouncilMeasure"], got["UnresolvedRecord"]) == (
        11, 3, 2, 4, 0)


def test_household_agencies_kinds_filter(graph: Runner) -> None:
    got = rows(graph, "household_agencies", household_id="H1", kinds="call")
    assert [(r["agency_id"], r["contacts"]) for r in got] == [("P1", 1), ("P2", 1)]


def test_analytics_on_the_scenario(graph: Runner) -> None:
    from queries import analytics

    # S1 (no household) links V1 (H3) and V2 (H2); H1's people never meet the others.
    assert [c["households"] for c in analytics.household_clusters(graph)] == [["H2", "H3"]]
    net = analytics.agency_network(graph, min_households=2)
    assert [(e["source"], e["target"], e["weight"]) for e in net["edges"]] == [
        ("H", "P1", 3), ("C", "H", 2), ("C", "P1", 2), ("H", "P2", 2), ("P1", "P2", 2)]
    communities = analytics.agency_communities(graph)
    assert sorted(a for c in communities for a in c["agencies"]) == ["C", "H", "K", "P1", "P2", "X"]
    central = {r["id"]: r for r in analytics.person_centrality(graph, top=100)}
    assert "V4" not in central                  # named only with themself
    assert central["S1"]["betweenness"] > 0 and central["S1"]["degree"] == 3   # V1, V2, K3


def test_pattern_tables_follow_the_graph_at_each_refresh(graph: Runner) -> None:
    from derived import refresh

    def table(name: str, key: str) -> list[str]:
        return [r["k"] for r in graph.read(
            "MATCH (t:PatternTable {pattern: $p}) MATCH (r:PatternRow {pattern: $p, version: t.version}) "
            "RETURN r[$key] AS k ORDER BY r.rank", {"p": name, "key": key}, name="test.table").rows]

    # written by the refresh that MiniGraph.write runs, in the live query's order
    assert table("repeat_victims", "person_id") == [r["person_id"] for r in rows(graph, "repeat_victims")]
    assert sorted(table("repeat_victims", "person_id")) == ["V2", "V5", "V6"]
    assert table("serial_offenders", "person_id") == ["S1"]
    graph.write("MATCH (c:Call {call_id: 'C4'}) DETACH DELETE c", name="test.delete_call")
    assert "V2" in table("repeat_victims", "person_id")       # a table changes only at a refresh
    refresh(graph)
    # V2's remaining calls C3 and C5 are 640 days apart: no longer a repeat victim
    assert sorted(table("repeat_victims", "person_id")) == ["V5", "V6"]
    assert table("repeat_victims", "person_id") == [r["person_id"] for r in rows(graph, "repeat_victims")]
    assert graph.read_value("MATCH (r:PatternRow) RETURN count(DISTINCT r.version)", name="test.versions") == 1


def test_agency_contacts_follow_the_graph_at_each_refresh(graph: Runner) -> None:
    """AgencyContact (summaries) equals walking from every agency; a second refresh writes
    nothing; a household that is gone loses its contacts."""
    from test_search_page import LIVE_AGENCY_HOUSEHOLDS

    from derived import refresh, statements

    def stored() -> dict:
        return {(r["a"], r["h"]): (r["n"], r["first"], r["last"]) for r in graph.read(
            "MATCH (c:AgencyContact) RETURN c.agency_id AS a, c.household_id AS h, c.contacts AS n, "
            "c.first_contact AS first, c.last_contact AS last", name="test.contacts").rows}

    def walked() -> dict:
        out = {}
        for a in graph.read("MATCH (a:Agency) RETURN a.agency_id AS a", name="test.agencies").rows:
            for r in graph.read(LIVE_AGENCY_HOUSEHOLDS, {"agency_id": a["a"]}, name="test.walk").rows:
                out[(a["a"], r["household_id"])] = (r["contacts"], r["first_contact"], r["last_contact"])
        return out

    before = stored()
    assert before and before == walked()
    again = graph.run_script([q.text for q in statements() if "agency_contacts" in q.name], name="test.again")
    assert again.counters.get("properties_set", 0) == 0 and again.counters.get("nodes_created", 0) == 0
    gone = next(iter(before))[1]
    graph.write("MATCH (h:Household {household_id: $h}) DETACH DELETE h", {"h": gone}, name="test.drop_household")
    refresh(graph)
    after = stored()
    assert after == walked() and not any(h == gone for _, h in after) and len(after) < len(before)


def test_victim_suspect_pairs_are_written_only_where_they_changed(graph: Runner) -> None:
    """A refresh deletes the pairs no longer named, sets the changed ones and creates the new ones:
    the result equals the pairs built from nothing, and a refresh with nothing changed writes
    nothing."""
    from derived import refresh, statements

    def stored() -> dict:
        return {(r["v"], r["s"]): r["p"] for r in graph.read(
            "MATCH (v:Person)-[e:VICTIM_SUSPECT_PAIR]->(s:Person) "
            "RETURN v.person_id AS v, s.person_id AS s, properties(e) AS p", name="test.pairs").rows}

    def role(person: str, call: str, new_role: str, relation: str | None) -> None:
        graph.write("MATCH (:Person {person_id: $p})<-[:RESOLVES_TO]-(:PersonRecord)-[r:INVOLVED_IN]->"
                    "(:Call {call_id: $c}) SET r.role = $role, r.relation_to_victim = $rel",
                    {"p": person, "c": call, "role": new_role, "rel": relation}, name="test.role")

    before = stored()
    assert before[("V2", "S2")]["call_ids"] == ["C4", "C5"] and before[("V2", "S2")]["relation"] == "전배우자"
    assert ("V2", "S1") in before and ("V5", "N1") not in before
    pairs = [q.text for q in statements() if q.name.endswith("victim_suspect_pairs")]
    assert len(pairs) == 1
    again = graph.run_script(pairs, name="test.pairs_again").counters
    assert not any(again.get(k) for k in ("properties_set", "relationships_created", "relationships_deleted"))

    graph.write("MATCH (c:Call {call_id: 'C4'}) DETACH DELETE c", name="test.delete_call")   # a pair loses a call
    role("S2", "C5", "suspect", "배우자")            # the latest call's relation changes
    role("S1", "C3", "reporter", None)              # a pair no longer named
    role("N1", "C10", "suspect", "지인")             # a new pair
    refresh(graph)
    after = stored()
    assert after[("V2", "S2")]["call_ids"] == ["C5"] and after[("V2", "S2")]["relation"] == "배우자"
    assert ("V2", "S1") not in after and after[("V5", "N1")]["call_ids"] == ["C10"]
    graph.write("MATCH ()-[e:VICTIM_SUSPECT_PAIR]->() DELETE e", name="test.drop_pairs")
    refresh(graph)
    assert stored() == after                         # the same as built from nothing
