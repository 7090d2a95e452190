"""Resolution's link writes must expand from the record they find by key, whatever the planner's
statistics say at the time.

On a new store, after a bulk import or after the graph was emptied, an index's sample can still be
empty while its label already holds thousands of nodes: the planner then estimates 0 rows for
anything read through that index. Read with a label on the old link's far end (`(q:Person)`),
such a planner scans the whole Person index for every row instead of expanding from the record:
the jeju load's first RESOLVES_TO batch then takes minutes (148–185 s measured). So the link
writes leave that label off, and the plans are checked here in exactly that state: constraints
recreated on empty labels (no sample), then nodes written.
"""

from __future__ import annotations

import pytest

from graph.runner import Runner
from graph.schema import resample_outdated, schema_statements
from resolution import graph_io

# Operators that read a whole label, index or relationship type: none belongs in a write that
# starts from nodes found by their unique key.
SCANS = {"AllNodesScan", "NodeByLabelScan", "UnionNodeByLabelsScan", "IntersectionNodeByLabelsScan",
         "NodeIndexScan", "NodeIndexContainsScan", "NodeIndexEndsWithScan",
         "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan",
         "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan"}
N = 2_000


@pytest.fixture()
def unsampled(empty_graph: Runner) -> Runner:
    """Person and Address keys whose indexes were created on empty labels and not sampled since,
    with N nodes of each kind the writes link."""
    again = [s for s in schema_statements() if "CONSTRAINT person_id " in s or "CONSTRAINT address_id " in s]
    assert len(again) == 2
    empty_graph.run_script(["DROP CONSTRAINT person_id IF EXISTS", "DROP CONSTRAINT address_id IF EXISTS", *again],
                           name="test.recreate_constraints")
    empty_graph.write(
        "UNWIND range(1, $n) AS i "
        "CREATE (:Person {person_id: 'P-' + i}), (:Address {address_id: 'AD-' + i}), "
        "(:PersonRecord {record_id: 'R-' + i}), (:Call {call_id: 'C-' + i})",
        {"n": N}, name="test.nodes")
    return empty_graph


ROWS = {  # a batch as resolution sends it (resolution/rows.py), i = 1..5000
    "write_resolves_to": lambda i: {"record_id": f"R-{i}", "person_id": f"P-{i}", "score": 1.0, "evidence": "{}",
                                    "method": "auto"},
    "write_record_at": lambda i: {"id": f"R-{i}", "address_id": f"AD-{i % N + 1}"},
    "write_call_at": lambda i: {"id": f"C-{i}", "address_id": f"AD-{i % N + 1}"},
}


@pytest.mark.parametrize("name", sorted(ROWS))
def test_link_writes_expand_from_the_record_when_the_index_has_no_sample(unsampled: Runner, name: str) -> None:
    rows = [ROWS[name](i) for i in range(1, 5_001)]
    plan = unsampled.explain(graph_io._q(name).text, {"rows": rows}, name=f"test.plan.{name}")  # noqa: SLF001
    assert {"Expand(All)", "Expand(Into)"} & set(plan["operators"]), (name, plan["operators"])
    assert sorted(SCANS & set(plan["operators"])) == [], (name, plan["operators"])


# write_resolves_to with the label on the old link's far end: the form the planner gets wrong.
LABELLED = """
UNWIND $rows AS row
MATCH (r:PersonRecord {record_id: row.record_id})
MATCH (p:Person {person_id: row.person_id})
CALL (r, row) {
  MATCH (r)-[old:RESOLVES_TO]->(q:Person) WHERE q.person_id <> row.person_id
  DELETE old
}
MERGE (r)-[x:RESOLVES_TO]->(p)
"""


def test_resampling_gives_the_planner_what_was_written(unsampled: Runner) -> None:
    """`resample_outdated` (called by resolution and before the summaries) brings the samples up to
    date, so even a query written the old way is planned from the records."""
    rows = [ROWS["write_resolves_to"](i) for i in range(1, 5_001)]
    resample_outdated(unsampled)
    plan = unsampled.explain("CYPHER replan=force " + LABELLED, {"rows": rows}, name="test.plan.labelled")
    assert "Expand(All)" in plan["operators"]
    assert sorted(SCANS & set(plan["operators"])) == [], plan["operators"]
