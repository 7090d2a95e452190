"""App reads (`queries/app/`) rewritten for speed, against the form they replaced
(`reference_app/`): on the loaded jeju preset, and on a small graph that changes between
summary refreshes."""

from __future__ import annotations

from pathlib import Path

from graph.cypher_files import parse_cypher_file
from graph.runner import Runner

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path(__file__).parent / "reference_app"
# The relationship types agency_caseload counts by degree, and the only label at their far end.
FAR_END = {("HANDLED_BY", "in"): "Call", ("REFERRED_BY", "in"): "Service", ("ATTENDED", "out"): "CouncilCase",
           ("ASSIGNED_TO", "in"): "CouncilMeasure"}


def test_agency_caseload_by_degree_equals_counting_through_labels(jeju_graph: Runner) -> None:
    new = jeju_graph.read(parse_cypher_file(ROOT / "queries" / "app" / "agency_caseload.cypher").text,
                          name="test.caseload", row_cap=5000).rows
    old = jeju_graph.read(parse_cypher_file(REFERENCE / "agency_caseload.cypher").text,
                          name="test.caseload_ref", row_cap=5000).rows
    assert new == old
    assert sum(r["calls"] for r in new) > 1000 and sum(r["referrals_made"] for r in new) > 0


def test_degree_counted_links_end_at_one_label(jeju_graph: Runner) -> None:
    for (rtype, direction), label in FAR_END.items():
        pattern = f"(a:Agency)<-[:{rtype}]-(x)" if direction == "in" else f"(a:Agency)-[:{rtype}]->(x)"
        kinds = jeju_graph.read(f"MATCH {pattern} RETURN DISTINCT labels(x) AS labels", name="test.far_end").rows
        assert kinds == [{"labels": [label]}], rtype


def test_agency_caseload_follows_the_services_after_a_refresh(empty_graph: Runner) -> None:
    import derived

    q = parse_cypher_file(ROOT / "queries" / "app" / "agency_caseload.cypher").text
    ref = parse_cypher_file(REFERENCE / "agency_caseload.cypher").text
    empty_graph.write("""
        CREATE (a:Agency {agency_id: 'A'}), (b:Agency {agency_id: 'B'}), (c:Call {call_id: 'C1'})
        CREATE (c)-[:HANDLED_BY]->(b)
        CREATE (:Service {service_key: 'S1'})-[:BY_AGENCY]->(a),
               (s2:Service {service_key: 'S2'})-[:BY_AGENCY]->(a), (s2)-[:REFERRED_BY]->(b),
               (:RiskAssessment {assessment_id: 'R1'})-[:BY_AGENCY]->(a)""", name="test.caseload_graph")

    def rows() -> dict[str, tuple]:
        got = empty_graph.read(q, name="test.caseload", row_cap=10).rows
        assert got == empty_graph.read(ref, name="test.caseload_ref", row_cap=10).rows
        return {r["agency_id"]: (r["calls"], r["services"], r["referrals_received"], r["referrals_made"]) for r in got}

    derived.refresh(empty_graph)
    assert rows() == {"A": (0, 2, 1, 0), "B": (1, 0, 0, 1)}
    empty_graph.write("MATCH (s:Service {service_key: 'S2'}) DETACH DELETE s", name="test.drop_service")
    derived.refresh(empty_graph)
    assert rows() == {"A": (0, 1, 0, 0), "B": (1, 0, 0, 0)}
    empty_graph.write("MATCH (a:Agency {agency_id: 'A'}) DETACH DELETE a", name="test.drop_agency")
    derived.refresh(empty_graph)
    assert rows() == {"B": (1, 0, 0, 0)}
    assert empty_graph.read_value("MATCH (c:AgencyCaseload) RETURN collect(c.agency_id)", name="test.left") == ["B"]
