"""The Foundation against the real Neo4j: schema, runner, CLI `db` and `cypher`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from graph import errors
from graph.runner import Runner
from graph.schema import SchemaNotOnline, apply_schema, await_indexes, schema_missing


def jss(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli.main", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


def test_schema_applies_twice_without_error(runner: Runner) -> None:
    apply_schema(runner)
    apply_schema(runner)
    assert schema_missing(runner) == []


def test_index_wait_returns_when_online_and_names_what_is_still_populating(empty_graph: Runner) -> None:
    """A full-text index over 300 k nodes is still populating right after its CREATE: no wait at
    all fails naming it; the configured wait returns once it is online."""
    empty_graph.run_script(["UNWIND range(1, 300000) AS i CALL (i) { CREATE (:WaitProbe {text: '제주 연삼로 ' + "
                            "toString(i) + ' 번지 가정폭력 상담 기록 ' + toString(i * 7919)}) } "
                            "IN TRANSACTIONS OF 50000 ROWS"], name="test.probes")
    try:
        empty_graph.run_script(["CREATE FULLTEXT INDEX wait_probe IF NOT EXISTS FOR (n:WaitProbe) ON EACH [n.text]"],
                               name="test.probe_index")
        with pytest.raises(SchemaNotOnline, match=r"wait_probe \(POPULATING.*JSS_INDEX_WAIT"):
            await_indexes(empty_graph, wait_s=0)
        await_indexes(empty_graph)
        state = empty_graph.read("SHOW INDEXES YIELD name, state WHERE name = 'wait_probe' RETURN state",
                                 name="test.probe_state").rows
        assert state == [{"state": "ONLINE"}]
    finally:
        empty_graph.run_script(["DROP INDEX wait_probe IF EXISTS"], name="test.drop_probe_index")


def test_write_then_read_round_trips(empty_graph: Runner) -> None:
    summary = empty_graph.write("CREATE (:Agency {agency_id: $id, name: $name})",
                                {"id": "P-JJ-01", "name": "제주동부경찰서"}, name="test.create")
    assert summary.counters["nodes_created"] == 1
    res = empty_graph.read("MATCH (a:Agency {agency_id: $id}) RETURN a.name AS name, a", {"id": "P-JJ-01"},
                           name="test.read")
    assert res.rows[0]["name"] == "제주동부경찰서"
    assert res.rows[0]["a"]["_labels"] == ["Agency"]
    assert res.truncated is False


def test_batched_writes_report_counters(empty_graph: Runner) -> None:
    rows = [{"id": f"A-{i}"} for i in range(25)]
    summary = empty_graph.write_batches("UNWIND $rows AS row MERGE (:Agency {agency_id: row.id})", rows,
                                        name="test.batches", batch_size=10)
    assert (summary.batches, summary.rows, summary.counters["nodes_created"]) == (3, 25, 25)
    again = empty_graph.write_batches("UNWIND $rows AS row MERGE (:Agency {agency_id: row.id})", rows,
                                      name="test.batches", batch_size=10)
    assert again.counters["nodes_created"] == 0
    parallel = empty_graph.write_batches("UNWIND $rows AS row MATCH (a:Agency {agency_id: row.id}) SET a.n = row.n",
                                         [{"id": f"A-{i}", "n": i} for i in range(25)], name="test.batches",
                                         batch_size=4, workers=2)
    assert (parallel.batches, parallel.rows, parallel.counters["properties_set"]) == (7, 25, 25)
    assert empty_graph.read_value("MATCH (a:Agency) RETURN sum(a.n)", name="test.batches_sum") == sum(range(25))


def test_delete_all_removes_a_hub_and_its_relationships_in_batches(empty_graph: Runner) -> None:
    empty_graph.write("CREATE (h:Hub) WITH h UNWIND range(1, 25000) AS i CREATE (h)-[:SPOKE]->(:Leaf {i: i})",
                      name="test.hub")
    summary = empty_graph.delete_all(name="test.delete_all")
    assert summary.counters["relationships_deleted"] == 25000
    assert summary.counters["nodes_deleted"] == 25001
    assert summary.batches == 2
    assert empty_graph.read_value("MATCH (n) RETURN count(n)", name="test.count") == 0


def test_query_over_its_timeout_raises_timeout_error(runner: Runner) -> None:
    # ~400M rows: seconds of work even on a fast machine, so only the timeout can end it early.
    slow = "UNWIND range(1, 20000) AS a UNWIND range(1, 20000) AS b WITH a, b WHERE a * b % 7919 = 1 RETURN count(*)"
    with pytest.raises(errors.QueryTimeout, match="JSS_QUERY_TIMEOUT"):
        runner.read(slow, name="test.slow", timeout=0.2)


def test_row_cap_sets_truncated(runner: Runner) -> None:
    res = runner.read("UNWIND range(1, 50) AS x RETURN x", name="test.cap", row_cap=10)
    assert [r["x"] for r in res.rows] == list(range(1, 11))
    assert res.truncated is True
    exact = runner.read("UNWIND range(1, 10) AS x RETURN x", name="test.cap", row_cap=10)
    assert exact.truncated is False


def test_stream_gives_every_row_in_order_with_driver_values(runner: Runner) -> None:
    rows = list(runner.stream("UNWIND range(1, 2500) AS x RETURN x, date('2024-02-29') + duration({days: x}) AS d "
                              "ORDER BY x DESC", name="test.stream"))
    assert [r["x"] for r in rows] == list(range(2500, 0, -1))     # no row cap, the query's order
    assert type(rows[0]["d"]).__module__.startswith("neo4j")      # written back as it came, not converted
    assert str(rows[-1]["d"]) == "2024-03-01"
    with pytest.raises(errors.QuerySyntaxError):
        list(runner.stream("MATC (n) RETURN n", name="test.stream_syntax"))
    with pytest.raises(errors.ReadOnlyViolation):
        list(runner.stream("CREATE (:Agency {agency_id: 'X'})", name="test.stream_sneaky"))


def test_write_in_read_transaction_is_refused(empty_graph: Runner) -> None:
    with pytest.raises(errors.ReadOnlyViolation):
        empty_graph.read("CREATE (:Agency {agency_id: 'X'})", name="test.sneaky")
    assert empty_graph.read_value("MATCH (n) RETURN count(n)", name="test.count") == 0


def test_syntax_error_is_translated(runner: Runner) -> None:
    with pytest.raises(errors.QuerySyntaxError):
        runner.read("MATC (n) RETURN n", name="test.syntax")


def test_wrong_password_gives_a_clear_message(neo4j_server) -> None:
    with Runner(neo4j_server, password="definitely-wrong") as bad:
        with pytest.raises(errors.AuthenticationFailed, match="NEO4J_PASSWORD"):
            bad.ping()


def test_db_status_reports_up(neo4j_server) -> None:
    proc = jss("db", "status")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("up: Neo4j 5.26")


def test_db_status_reports_down_and_query_says_how_to_start(tmp_path) -> None:
    env = {"JSS_DATA_DIR": str(tmp_path), "JSS_NEO4J_BOLT_PORT": "7699", "NEO4J_URI": ""}
    proc = jss("db", "status", env=env)
    assert proc.returncode == 3
    assert proc.stdout.startswith("down:")
    query = jss("cypher", "RETURN 1", env=env)
    assert query.returncode == 1
    assert "Neo4j is not running at bolt://127.0.0.1:7699: start it with `jss db start`" in query.stderr
    assert "Traceback" not in query.stderr


def test_second_start_is_a_noop(neo4j_server) -> None:
    if not neo4j_server.uses_local_server:
        pytest.skip("NEO4J_URI names an external server; the local launcher is not used")
    proc = jss("db", "start")
    assert proc.returncode == 0, proc.stderr
    assert "already running" in proc.stdout


def test_cypher_cli_json_and_read_only(empty_graph: Runner) -> None:
    empty_graph.write("CREATE (:Agency {agency_id: 'S-1', name: '해바라기센터'})", name="test.seed")
    proc = jss("cypher", "MATCH (a:Agency) WHERE a.agency_id = $id RETURN a, a.name AS name",
               "-p", "id=S-1", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert rows == [{"a": {"agency_id": "S-1", "name": "해바라기센터", "_labels": ["Agency"],
                           "_element_id": rows[0]["a"]["_element_id"]}, "name": "해바라기센터"}]
    write = jss("cypher", "MATCH (a:Agency) DETACH DELETE a")
    assert write.returncode == 1 and "read-only" in write.stderr
    assert empty_graph.read_value("MATCH (a:Agency) RETURN count(a)", name="test.count") == 1


def test_a_summary_statement_past_its_time_limit_is_stopped_retried_once_and_named(runner: Runner,
                                                                                   caplog: pytest.LogCaptureFixture) -> None:
    """`derived.run_statement` stops a statement whose concurrent batches run past
    JSS_SUMMARY_TIMEOUT, runs it once more, then fails naming it; nothing is left running."""
    from dataclasses import replace

    from derived import run_statement
    from graph.cypher_files import NamedQuery

    # ~400M rows through concurrent inner transactions that write nothing: only the limit ends it.
    slow = NamedQuery(name="99_slow", title="slow", description="", mode="write", text=(
        "UNWIND range(1, 20000) AS a UNWIND range(1, 20000) AS b "
        "CALL (a, b) { WITH a, b WHERE a * b % 7919 = -1 CREATE (:Never) } IN CONCURRENT TRANSACTIONS OF 1000 ROWS"))
    with Runner(replace(runner.settings, summary_timeout_s=1.0)) as limited:
        with caplog.at_level("WARNING", logger="jss.derived"):
            with pytest.raises(errors.QueryTimeout, match="99_slow.*JSS_SUMMARY_TIMEOUT"):
                run_statement(limited, slow)
    assert "derived 99_slow stopped (QueryTimeout); running it once more" in caplog.text
    # The needle passes as a parameter: in the text it would find this query itself.
    running = runner.read("SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $needle "
                          "RETURN count(*) AS n", {"needle": "7919 = -1"}, name="test.still_running").rows[0]["n"]
    assert running == 0
    assert runner.read_value("MATCH (n:Never) RETURN count(n)", name="test.never") == 0
