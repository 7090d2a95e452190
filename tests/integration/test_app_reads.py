"""App reads (`pages/cypher/`) rewritten for speed, against the form they replaced
(`reference_app/`), on the loaded jeju preset."""

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
    new = jeju_graph.read(parse_cypher_file(ROOT / "pages" / "cypher" / "agency_caseload.cypher").text,
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
