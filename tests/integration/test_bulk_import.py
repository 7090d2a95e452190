"""Neo4j's own import tool through graph.bulk_import, on the real local test server."""

from __future__ import annotations

import pytest

from graph.bulk_import import ImportGroup, import_full
from graph.runner import Runner
from graph.schema import apply_schema, schema_missing


def test_import_full_replaces_the_database(runner: Runner, neo4j_server, tmp_path) -> None:
    if not neo4j_server.uses_local_server:
        pytest.fail("bulk import is only for the local server; unset NEO4J_URI for this suite")
    runner.write("CREATE (:Leftover {x: 1})", name="test.leftover")
    (tmp_path / "agency_header.csv").write_text("agency_id:ID(Agency),name,:LABEL\n", encoding="utf-8")
    (tmp_path / "agencies.csv").write_text('P-JJ-01,제주동부경찰서,Agency\nS-01,"해바라기센터, 제주",Agency\n',
                                           encoding="utf-8")
    (tmp_path / "call_header.csv").write_text("call_id:ID(Call),weapon:boolean\n", encoding="utf-8")
    (tmp_path / "calls.csv").write_text("C-1,true\nC-2,false\n", encoding="utf-8")
    (tmp_path / "handled_header.csv").write_text(":START_ID(Call),:END_ID(Agency)\n", encoding="utf-8")
    (tmp_path / "handled.csv").write_text("C-1,P-JJ-01\nC-2,P-JJ-01\n", encoding="utf-8")
    report = import_full(
        neo4j_server,
        nodes=[ImportGroup("Agency", (tmp_path / "agency_header.csv", tmp_path / "agencies.csv")),
               ImportGroup("Call", (tmp_path / "call_header.csv", tmp_path / "calls.csv"))],
        relationships=[ImportGroup("HANDLED_BY", (tmp_path / "handled_header.csv", tmp_path / "handled.csv"))],
        work_dir=tmp_path / "work", echo=lambda *_: None)
    assert report.command_seconds > 0
    counts = runner.read("MATCH (n) WITH labels(n)[0] AS label, count(*) AS n RETURN label, n ORDER BY label",
                         name="test.counts").rows
    assert counts == [{"label": "Agency", "n": 2}, {"label": "Call", "n": 2}]
    assert runner.read_value("MATCH (:Call)-[r:HANDLED_BY]->(:Agency {agency_id: 'P-JJ-01'}) RETURN count(r)",
                             name="test.rels") == 2
    assert runner.read_value("MATCH (a:Agency {agency_id: 'S-01'}) RETURN a.name", name="test.name") == "해바라기센터, 제주"
    apply_schema(runner)
    assert schema_missing(runner) == []
