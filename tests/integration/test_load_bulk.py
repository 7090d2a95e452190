"""`jss load --bulk` (neo4j-admin import) must give the same graph as a normal `jss load`.

Each bundle is loaded both ways into the real test server and the two graphs are compared through
a canonical dump: every node (labels, all properties) and every relationship (type, end-point keys,
all properties), with values in their Neo4j types (a date stays a date, a list a list).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.runner import Runner
from graph.schema import schema_missing
from loaders.bulk import DatabaseNotEmpty, bulk_load
from loaders.bundle import load_bundle
from tests.conftest import wipe

MIXED = Path(__file__).resolve().parents[1] / "fixtures" / "bundles" / "mixed"
KEY = ("coalesce(n.agency_id, n.call_id, n.record_id, n.measure_id, n.assessment_id, n.service_key, "
       "n.case_id, n.person_id, n.address_id, n.household_id, n.load_id)")
# The Load node records wall-clock times and per-file seconds; everything else must be identical.
LOAD_CLOCK = {"started_at", "first_started_at", "completed_at", "summary"}


def _typed(value: object) -> object:
    """A value with its type spelled out, so a date and its ISO text never compare equal."""
    if isinstance(value, list):
        return ["list", [_typed(v) for v in value]]
    return [type(value).__name__, str(value)]


# When the summaries were refreshed and how long it took (derived/): differs between any two runs.
SUMMARY_CLOCK = {"refreshed_at", "seconds", "steps"}
TABLE_CLOCK = {"version", "refreshed_at"}   # when a pattern table was written, not what it holds


def dump(runner: Runner, load_keys: set[str] = LOAD_CLOCK) -> dict[str, list[str]]:
    """Every node and relationship as canonical JSON, sorted; the Load node without `load_keys`."""
    nodes = runner._driver.execute_query(  # noqa: SLF001 - the raw driver keeps Neo4j's value types
        f"MATCH (n) RETURN labels(n) AS labels, properties(n) AS props, {KEY} AS key", database_=runner.database, bookmark_manager_=None)
    rels = runner._driver.execute_query(  # noqa: SLF001
        f"MATCH (a)-[r]->(n) WITH a, r, {KEY} AS end RETURN type(r) AS type, "
        f"coalesce(a.agency_id, a.call_id, a.record_id, a.measure_id, a.assessment_id, a.service_key, a.case_id, "
        f"a.person_id, a.household_id) "
        f"AS start, end, properties(r) AS props", database_=runner.database, bookmark_manager_=None)
    out: dict[str, list[str]] = {"nodes": [], "relationships": []}
    for rec in nodes.records:
        props = {k: _typed(v) for k, v in rec["props"].items()
                 if not ("Load" in rec["labels"] and k in load_keys)
                 and not ("DerivedSummary" in rec["labels"] and k in SUMMARY_CLOCK)
                 and not ({"PatternTable", "PatternRow", "PatternOrder"} & set(rec["labels"]) and k in TABLE_CLOCK)
                 and not ("Person" in rec["labels"] and k == "resolved_at")
                 and not ("ResolutionRun" in rec["labels"] and k in ("run_id", "run_at"))}
        out["nodes"].append(json.dumps([sorted(rec["labels"]), props], sort_keys=True, ensure_ascii=False))
    for rec in rels.records:
        props = {k: _typed(v) for k, v in rec["props"].items()}
        out["relationships"].append(json.dumps([rec["type"], rec["start"], rec["end"], props],
                                               sort_keys=True, ensure_ascii=False))
    return {k: sorted(v) for k, v in out.items()}


def test_bulk_load_of_the_mixed_bundle_equals_a_normal_load(empty_graph: Runner, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The mixed bundle (rejected rows, references to rows that are missing) both ways, with the
    bulk load's resolution failing: its process exits 1. The load must still be imported whole
    and unresolved, the graph a normal load without resolution makes, and its Load node must say
    why (`jss resolve` can run later). The loader writes the import files itself here, as it does
    with resolution; the child that writes them without resolution writes the same bytes
    (tests/unit/test_bulk_child.py)."""
    import loaders.bulk_child

    normal = load_bundle(MIXED, empty_graph, rejects=tmp_path / "rejects-normal.csv", run_resolution=False)
    expected = dump(empty_graph, LOAD_CLOCK | {"resolution"})
    wipe(empty_graph)
    monkeypatch.setattr(loaders.bulk_child.sys, "executable", "/bin/false")  # the child exits 1
    bulk = bulk_load(MIXED, empty_graph, rejects=tmp_path / "rejects-bulk.csv", work_dir=tmp_path,
                     echo=lambda *_: None)
    assert bulk.resolution.startswith("failed: offline resolution exited with 1")
    row = empty_graph.read("MATCH (l:Load) RETURN l.status AS status, l.resolution AS resolution",
                           name="test.load_status").rows
    assert row == [{"status": "complete", "resolution": bulk.resolution}]
    got = dump(empty_graph, LOAD_CLOCK | {"resolution"})
    # Counted by hand from the fixture (tests/integration/test_load.py): 34 rows load, 16 rejected.
    assert bulk.rows_loaded == 34 and bulk.rows_rejected == 16
    loaded = [n for n in got["nodes"] if '"Derived"' not in n]     # the summaries are compared, not counted
    assert len(loaded) == 6 + 5 + 21 + 3 + 2 + 4 + 2 + 3 + 1   # + the Load node
    assert not any('"Person"]' in n for n in loaded)              # records, but nobody resolved
    assert any('"CallYearCount"' in n for n in got["nodes"])     # both ways refreshed the summaries
    assert len(got["relationships"]) == 5 + 9 + 12 + 4 + 6 + 2 + 2 + 5 + 3 + 3
    assert got == expected
    assert (tmp_path / "rejects-bulk.csv").read_text(encoding="utf-8") == \
        (tmp_path / "rejects-normal.csv").read_text(encoding="utf-8")
    assert bulk.load_id == normal.load_id


def test_bulk_refuses_a_database_with_data(empty_graph: Runner, tmp_path: Path) -> None:
    empty_graph.write("CREATE (:Agency {agency_id: 'KEEP-ME'})", name="test.seed")
    with pytest.raises(DatabaseNotEmpty, match="빈 데이터베이스"):
        bulk_load(MIXED, empty_graph, rejects=tmp_path / "r.csv", run_resolution=False, echo=lambda *_: None)
    assert empty_graph.read_value("MATCH (a:Agency {agency_id: 'KEEP-ME'}) RETURN count(a)", name="test.kept") == 1


def test_bulk_load_of_a_generated_bundle_resolved_before_the_import_equals_a_normal_load(
        empty_graph: Runner, tmp_path: Path) -> None:
    """`--bulk` writes the rows as import files and resolves people, addresses and households from
    the rows before the import (resolution/offline.py), importing them with the rows: the graph
    must be the one a normal `jss load` (MERGE per batch, then `jss resolve` on the graph) makes of
    the same bundle, node for node and relationship for relationship, summaries and pattern tables
    included (only clock values differ). One comparison covers both halves: a difference in the
    import files or in the offline resolution shows here."""
    from synth import generate

    bundle = tmp_path / "jeju"
    manifest = generate("jeju", bundle, seed=5, scale=0.02)
    wipe(empty_graph)
    normal = load_bundle(bundle, empty_graph, rejects=tmp_path / "rejects-normal.csv")
    expected = dump(empty_graph)
    wipe(empty_graph)
    bulk = bulk_load(bundle, empty_graph, rejects=tmp_path / "rejects-bulk.csv", work_dir=tmp_path,
                     echo=lambda *_: None)
    got = dump(empty_graph)
    assert normal.resolution == bulk.resolution == "ran"
    assert "resolve_s" in bulk.timings
    calls = manifest["counts"]["calls"]
    assert bulk.stats[[s.file for s in bulk.stats].index("calls.csv")].rows_loaded == calls["rows"] - calls["bad_rows"]
    # What resolution writes is there (so the comparison is not of two empty answers).
    kinds = [json.loads(r)[0] for r in got["relationships"]]
    for kind in ("RESOLVES_TO", "AT", "MEMBER_OF", "LIVES_AT", "RELATED_TO", "POSSIBLE_MATCH"):
        assert kinds.count(kind) > 0, kind
    labels = [json.loads(n)[0] for n in got["nodes"]]
    assert sum(labels.count(x) for x in (["Person"], ["Household"], ["Address"])) > 100
    assert len(got["nodes"]) == len(expected["nodes"]) and len(got["relationships"]) == len(expected["relationships"])
    assert got == expected
    # The bulk path seals shelter locations as the normal one does (tests/integration/
    # test_shelter_sealing.py scans a normal load): no shelter value in any property of the graph.
    from tests.integration.test_shelter_sealing import Targets, scan_graph

    seen, leaks = scan_graph(empty_graph, Targets(bundle))
    assert seen > 10_000 and leaks == []
    assert empty_graph.read_value("MATCH (a:Address) WHERE a.address_key IS NOT NULL RETURN count(a)",
                                  name="test.shelter_bulk_places") > 0
    assert (tmp_path / "rejects-bulk.csv").read_text(encoding="utf-8") == \
        (tmp_path / "rejects-normal.csv").read_text(encoding="utf-8")
    # The schema is back after the import (constraints are what MERGE relies on next time), and
    # every index is online when the load returns, the search indexes created late included.
    names = {r["name"] for r in empty_graph.read("SHOW CONSTRAINTS YIELD name RETURN name", name="test.c").rows}
    assert {"call_id", "person_record_id", "service_key"} <= names
    assert schema_missing(empty_graph) == []
    states = empty_graph.read("SHOW INDEXES YIELD name, type, state RETURN name, type, state", name="test.i",
                              row_cap=10_000).rows
    assert {"TEXT", "FULLTEXT"} <= {r["type"] for r in states}
    assert [r for r in states if r["state"] != "ONLINE"] == []
    assert {"validate_s", "write_csv_s", "resolve_gather_s", "resolve_s", "summaries_s",
            "search_indexes_wait_s"} <= set(bulk.timings)


def _resolution_children() -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"loaders.bulk_child" in args:
            found.append(cmdline.parent.name)
    return found


def test_a_bundle_that_fails_validation_stops_the_resolution_child(empty_graph: Runner, tmp_path: Path) -> None:
    from loaders.validate import BundleError

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "calls.csv").write_bytes((MIXED / "calls.csv").read_bytes()[:40])   # header cut short
    before = _resolution_children()
    with pytest.raises(BundleError):
        bulk_load(bad, empty_graph, work_dir=tmp_path, echo=lambda *_: None)
    assert _resolution_children() == before          # started with the load, killed with it
    assert empty_graph.read_value("MATCH (n) RETURN count(n)", name="test.count") == 0
