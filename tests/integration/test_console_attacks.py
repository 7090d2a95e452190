"""The Cypher console against a real Neo4j: an attack corpus of writes, commands and procedure
tricks that must all be refused with nothing changed in the graph or the query collector, queries
stopped by the time, memory, row and byte limits, and shelter locations that no adversarial query
may return to anyone but admin."""

from __future__ import annotations

import json
import time

import pytest

from auth import shelters
from graph import errors
from graph.runner import Runner
from queries import console
from queries.console import (
    ALLOWED_PROCEDURES,
    check_plan,
    check_text,
    graph_elements,
    plan_refusal,
    run_console,
)

SHELTER_ADDR = "제주특별자치도 제주시 은신로 77, 3층"
SHELTER_PHONE = "064-799-1234"
STAY_ADDR = "제주시 은신로 77"  # a victim's address recorded during a shelter stay
HOME_ADDR = "제주특별자치도 제주시 연삼로 123, 101동 202호 (이도이동)"

FIXTURE = """
CREATE (sh:Agency {agency_id:'SH-01', name:'제주가정폭력피해자보호시설', type:'보호시설',
                   district:'제주시', phone:$shelter_phone, address:$shelter_addr})
CREATE (ys:Agency {agency_id:'YS-01', name:'제주시청소년쉼터', type:'청소년쉼터', district:'제주시',
                   phone:'064-755-0000'})
CREATE (dv:Agency {agency_id:'DV-01', name:'제주가정폭력상담소', type:'가정폭력상담소', district:'제주시',
                   phone:'064-712-5555'})
CREATE (s:Service {service_key:'SH-01/S1', field:'주거·보호시설'})-[:BY_AGENCY]->(sh)
CREATE (pr:PersonRecord {record_id:'services:SH-01/S1', name:'김영희', address:$stay_addr,
                         phone:'010-1111-2222', source:'services'})-[:SUBJECT_OF {role:'victim'}]->(s)
CREATE (ad:Address {address_id:'A-shelter', text:$stay_addr})
CREATE (pr)-[:AT]->(ad)
CREATE (c:Call {call_id:'C1', address:$home_addr})-[:HANDLED_BY]->(dv)
CREATE (pr2:PersonRecord {record_id:'call_persons:C1:x', name:'김영희', address:$home_addr})-[:INVOLVED_IN {role:'victim'}]->(c)
"""

CLIQUE = "UNWIND range(1, 12) AS i CREATE (:Probe {i: i}) WITH count(*) AS _ " \
         "MATCH (a:Probe), (b:Probe) WHERE a.i < b.i CREATE (a)-[:LINK]->(b)"


@pytest.fixture()
def graph(empty_graph: Runner) -> Runner:
    empty_graph.write(FIXTURE, {"shelter_addr": SHELTER_ADDR, "shelter_phone": SHELTER_PHONE,
                                "stay_addr": STAY_ADDR, "home_addr": HOME_ADDR}, name="test.console_fixture")
    empty_graph.write(CLIQUE, name="test.console_clique")
    shelters.invalidate()
    return empty_graph


def snapshot(runner: Runner) -> tuple:
    """Counts of the graph and schema, and the query collector's state (db.stats.status)."""
    collector = runner.read("CALL db.stats.status() YIELD section, status RETURN section, status",
                            name="test.collector").rows
    row = runner.read(
        "MATCH (n) WITH count(n) AS nodes, sum(size(keys(n))) AS nprops, collect(DISTINCT labels(n)) AS labels "
        "OPTIONAL MATCH ()-[r]->() RETURN nodes, nprops, labels, count(r) AS rels, sum(size(keys(r))) AS rprops",
        name="test.snapshot").rows[0]
    schema = runner.read("SHOW INDEXES YIELD name RETURN collect(name) AS names", name="test.indexes").rows[0]
    return (row["nodes"], row["nprops"], sorted(map(tuple, row["labels"])), row["rels"], row["rprops"],
            sorted(schema["names"]), collector)


ATTACKS = [
    "CREATE (n:Evil)",
    "cReAtE (n:Evil)",
    "MERGE (n:Evil {x: 1})",
    "MATCH (n:Agency) SET n.name = 'x'",
    "MATCH (n:Agency) SET n:Evil",
    "MATCH (n:Probe) DELETE n",
    "MATCH (n:Probe) DETACH DELETE n",
    "MATCH (n:Agency) REMOVE n.phone",
    "MATCH (n:Probe) FOREACH (x IN [1] | SET n.hit = true)",
    "MATCH (a:Probe), (b:Probe) CREATE (a)-[:EVIL]->(b)",
    "/* harmless */ CREATE (n:Evil)",
    "// comment\nCREATE (n:Evil)",
    "MATCH (n) RETURN n /* comment */ ; CREATE (m:Evil)",
    "RETURN 1; CREATE (n:Evil)",
    "RETURN 1;\u00a0CREATE (n:Evil)",
    "ＣＲＥＡＴＥ (n:Evil)",
    "CRE\u200bATE (n:Evil)",
    "RETURN '\\'' + 'x' CREATE (n:Evil)",
    "CALL db.createLabel('Evil')",
    "CALL db.createProperty('evil')",
    "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
    "CALL dbms.components()",
    "CALL apoc.create.node(['Evil'], {})",
    "RETURN apoc.version()",
    "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
    "load csv from 'https://example.org/x.csv' AS r RETURN r",
    "MATCH (n:Probe) CALL (n) { SET n.hit = true } IN TRANSACTIONS OF 1 ROW",
    "CREATE INDEX evil FOR (n:Evil) ON (n.x)",
    "DROP INDEX evil IF EXISTS",
    "CREATE USER evil SET PASSWORD 'evilevilevil'",
    "SHOW USERS",
    "GRANT ROLE admin TO evil",
    "USE system MATCH (n) RETURN n",
    "PROFILE MATCH (n) RETURN n",
    ":param x => 1",
    "MATCH (n) WITH n CALL { WITH n SET n.hit = 1 } RETURN count(*)",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_writes_and_admin_commands_are_refused_and_change_nothing(graph: Runner, attack: str) -> None:
    before = snapshot(graph)
    with pytest.raises((errors.QueryRefused, errors.QuerySyntaxError)):
        run_console(graph, attack, {}, role="data_staff")
    assert snapshot(graph) == before


def test_plan_check_alone_refuses_writes(graph: Runner) -> None:
    # The second layer, without the lexical check in front of it.
    before = snapshot(graph)
    for q in ("CREATE (n:Evil)", "MATCH (n:Probe) SET n.hit = 1", "CALL db.createLabel('Evil')",
              "LOAD CSV FROM 'file:///x.csv' AS r RETURN r"):
        with pytest.raises(errors.QueryRefused):
            check_plan(graph, q, {})
    assert snapshot(graph) == before


def test_read_transaction_alone_refuses_writes(graph: Runner) -> None:
    # The third layer: the runner's READ transaction, without either check.
    before = snapshot(graph)
    with pytest.raises(errors.ReadOnlyViolation):
        graph.read("CREATE (n:Evil) RETURN n", name="test.raw_write")
    assert snapshot(graph) == before


def test_explain_reports_query_type_and_operators(graph: Runner) -> None:
    read = graph.explain("MATCH (n:Probe) RETURN count(n)", name="test.explain")
    write = graph.explain("CREATE (n:Evil)", name="test.explain")
    assert read["query_type"] == "r" and "ProduceResults" in read["operators"]
    assert write["query_type"] == "w" and "Create" in write["operators"]
    assert graph.read_value("MATCH (n:Evil) RETURN count(n)", name="test.count") == 0


@pytest.mark.parametrize("query", [
    "MATCH (a:Probe), (b:Probe), (c:Probe), (d:Probe), (e:Probe), (f:Probe), (g:Probe), (h:Probe) "
    "RETURN sum(a.i + b.i + c.i + d.i + e.i + f.i + g.i + h.i)",
    "MATCH p = (a:Probe)-[*]-(b:Probe) RETURN count(p)",
])
def test_expensive_queries_are_stopped_by_the_timeout(graph: Runner, query: str) -> None:
    with pytest.raises(errors.QueryTimeout, match="JSS_QUERY_TIMEOUT"):
        run_console(graph, query, {}, role="data_staff", timeout=1.0)


def test_row_cap_truncates_with_a_flag(graph: Runner) -> None:
    res = run_console(graph, "MATCH (n:Probe) RETURN n.i AS i ORDER BY i", {}, role="data_staff", row_cap=5)
    assert res.truncated and [r["i"] for r in res.rows] == [1, 2, 3, 4, 5]
    full = run_console(graph, "MATCH (n:Probe) RETURN n.i AS i", {}, role="data_staff", row_cap=50)
    assert not full.truncated and len(full.rows) == 12


def test_syntax_errors_are_reported_as_such(graph: Runner) -> None:
    with pytest.raises(errors.QuerySyntaxError, match="문법 오류"):
        run_console(graph, "MATCH (n RETURN n", {}, role="data_staff")


LEAKS = [
    "MATCH (a:Agency {type:'보호시설'}) RETURN a.address",
    "MATCH (a:Agency {type:'보호시설'}) RETURN a.phone AS p",
    "MATCH (a:Agency {type:'보호시설'}) RETURN a",
    "MATCH (a:Agency {type:'보호시설'}) RETURN properties(a) AS props",
    "MATCH (a:Agency {type:'보호시설'}) RETURN a {.*} AS m",
    "MATCH (a:Agency) RETURN collect(a.address) AS all, collect(a.phone) AS phones",
    "MATCH (a:Agency {type:'보호시설'}) RETURN 'x' + a.address + 'y' AS s",
    "MATCH (a:Agency {type:'보호시설'}) RETURN toUpper(a.address) AS s, replace(a.phone, '-', '') AS p",
    "MATCH (a:Agency {type:'보호시설'}) RETURN toInteger(replace(a.phone, '-', '')) AS n",
    "MATCH (a:Agency {type:'보호시설'}) RETURN substring(a.address, 8) AS tail",
    "MATCH (a:Agency {type:'보호시설'}) RETURN reverse(a.address) AS r",
    "MATCH (a:Agency {type:'보호시설'}) RETURN [a.address, [a.phone]] AS nested",
    "MATCH (a:Agency {type:'보호시설'}) RETURN {where: {deep: a.address}} AS deep",
    "MATCH p = (:Service)-[:BY_AGENCY]->(:Agency {type:'보호시설'}) RETURN p",
    "MATCH (pr:PersonRecord)-[:SUBJECT_OF]->(:Service {field:'주거·보호시설'}) RETURN pr.address AS home",
    "MATCH (pr:PersonRecord)-[:SUBJECT_OF]->(:Service) RETURN pr",
    "MATCH (ad:Address) RETURN ad",
    "MATCH (ad:Address) RETURN ad.text AS t",
    "MATCH (n) RETURN n",
]


def _leaks(value: object) -> list[str]:
    text = json.dumps(value, ensure_ascii=False, default=str).replace(" ", "")
    digits = "".join(ch for ch in text if ch.isdigit())
    found = []
    for secret in ("은신로77", "은신로"[::-1], "77로신은"):
        if secret in text:
            found.append(secret)
    if "0647991234" in digits or "7991234" in digits:
        found.append("phone")
    return found


@pytest.mark.parametrize("query", LEAKS)
def test_shelter_locations_never_reach_data_staff(graph: Runner, query: str) -> None:
    res = run_console(graph, query, {}, role="data_staff")
    assert res.rows, "the query should return something (the fixture has shelter data)"
    assert _leaks(res.rows) == [], f"shelter location leaked by {query!r}"


def test_admin_sees_shelter_locations(graph: Runner) -> None:
    res = run_console(graph, "MATCH (a:Agency {type:'보호시설'}) RETURN a.address AS a, a.phone AS p", {}, role="admin")
    assert res.rows == [{"a": SHELTER_ADDR, "p": SHELTER_PHONE}] and res.suppressed == 0


def test_ordinary_values_are_not_suppressed(graph: Runner) -> None:
    res = run_console(graph, "MATCH (c:Call {call_id:'C1'})-[:HANDLED_BY]->(a:Agency) "
                             "RETURN c.address AS addr, a.phone AS phone", {}, role="data_staff")
    assert res.rows == [{"addr": HOME_ADDR, "phone": "064-712-5555"}] and res.suppressed == 0


def test_graph_elements_from_paths(graph: Runner) -> None:
    res = run_console(graph, "MATCH p = (:PersonRecord)-[:INVOLVED_IN]->(:Call)-[:HANDLED_BY]->(:Agency) RETURN p",
                      {}, role="data_staff")
    els = graph_elements(res.rows)
    kinds = sorted(e["data"]["kind"] for e in els if "kind" in e["data"])
    edges = sorted(e["data"]["label"] for e in els if "source" in e["data"])
    assert kinds == ["Agency", "Call", "PersonRecord"] and edges == ["HANDLED_BY", "INVOLVED_IN"]


def test_shelter_values_follow_the_graph_version(graph: Runner) -> None:
    """The app passes its graph version: an unchanged version is served from the cache (no page
    waits for the national read every minute), a changed one is read again before it is served,
    and an unchanged one past its age is served at once and read again behind the request."""
    def add_shelter(phone: str) -> None:
        graph.write("CREATE (:Agency {agency_id: $id, type: '보호시설', phone: $phone})",
                    {"id": f"SH-{phone}", "phone": phone}, name="test.add_shelter")

    first = shelters.sensitive_values(graph, version="v1")
    assert "0647991234" in first.phones
    add_shelter("064-700-0001")
    assert shelters.sensitive_values(graph, version="v1") is first          # same version: cached
    second = shelters.sensitive_values(graph, version="v2")                  # new version: read now
    assert second is not first and "0647000001" in second.phones
    add_shelter("064-700-0002")
    assert shelters.sensitive_values(graph, version="v2", max_age=0) is second   # served at once …
    deadline = time.monotonic() + 30
    while (now := shelters.sensitive_values(graph, version="v2")) is second and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "0647000002" in now.phones                                         # … and read again behind it
    # Without a version (the console): read again once older than max_age, the caller waiting.
    add_shelter("064-700-0003")
    assert "0647000003" in shelters.sensitive_values(graph, max_age=0).phones


# --- decided from the plan, not the text (issue 28) -------------------------------------------
# Each is refused, whichever layer catches it; the `plan` ones pass the text check and show that
# EXPLAIN's plan alone refuses them.
PROCEDURE_TRICKS = [
    "CALL `db`.`stats`.`retrieve`('QUERIES')",
    "CALL `db`.`stats`.`retrieve`('QUERIES') YIELD data RETURN data",
    "CALL `db` . `stats` . `retrieve` ( 'QUERIES' )",
    "CALL `db`/* x */.`stats`.`retrieve`('QUERIES')",
    "CALL db./* x */stats.retrieve('QUERIES')",
    "CALL db.stats.retrieve('QUERIES')",
    "call DB.STATS.RETRIEVE('QUERIES')",
    "CALL `db`.`stats`.`clear`('QUERIES')",
    "CALL `db`.`stats`.`stop`('QUERIES')",
    "CALL `db`.`stats`.`collect`('QUERIES')",
    "CALL `db`.`stats`.`retrieveAllAnonymized`('g')",
    "CALL `db`.`stats`.`status`()",
    "CALL `dbms`.`listConfig`()",
    "CALL `dbms`.`listConnections`()",
    "CALL `dbms`.`killConnections`(['bolt-1'])",
    "CALL `dbms`.`showCurrentUser`()",
    "CALL `tx`.`getMetaData`()",
    "CALL `db`.`clearQueryCaches`()",
    "CALL `db`.`createLabel`('Evil')",
    "CALL `db`.`awaitIndexes`(300)",
    "CALL db.stats.retrieve",                                   # arguments taken from $section
    "MATCH (n:Probe) CALL (n) { CALL `db`.`stats`.`retrieve`('QUERIES') YIELD data RETURN data } RETURN data",
    "RETURN COLLECT { CALL `db`.`stats`.`retrieve`('QUERIES') YIELD data RETURN data } AS x",
    "MATCH (n) WHERE EXISTS { CALL `db`.`stats`.`status`() YIELD status RETURN status } RETURN n",
    "RETURN 1 AS x UNION CALL `db`.`stats`.`status`() YIELD status RETURN 1 AS x",
    "OPTIONAL CALL `db`.`stats`.`retrieve`('QUERIES')",
    "CALL db.\u200bstats.retrieve('QUERIES')",                  # zero-width space
    "CALL db.stats.retriеve('QUERIES')",                        # Cyrillic е
    "CALL ｄｂ.ｓｔａｔｓ.ｒｅｔｒｉｅｖｅ('QUERIES')",               # full-width
    "SHOW TRANSACTIONS",
    "show   transactions YIELD *",
    "SHOW SETTINGS",
    "SHOW INDEXES",
    "SHOW PROCEDURES",
    "SHOW CURRENT USER",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "TERMINATE TRANSACTION 'neo4j-transaction-1'",
    "CREATE USER evil SET PASSWORD 'evilevilevil'",
    "MATCH (n:Probe) CALL (n) { RETURN n.i AS x } IN TRANSACTIONS OF 1 ROW RETURN x",
    "MATCH (n:Probe) CALL (n) { SET n.hit = 1 } IN TRANSACTIONS",
    "MATCH (n:Probe) CALL (n) { WITH n WHERE n.i = 1 SET n.hit = 1 RETURN n.i AS x } RETURN x",
    "MATCH (n:Probe) WHERE COUNT { MATCH (n) SET n.hit = 1 } > 0 RETURN n",
    "MATCH (n:Probe) RETURN n LIMIT 1 UNION MATCH (n:Probe) SET n.hit = 1 RETURN n",
    "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
    "LOAD\u00a0CSV FROM 'file:///etc/passwd' AS r RETURN r",
    "EXPLAIN CALL `db`.`stats`.`retrieve`('QUERIES')",
    "PROFILE MATCH (n) RETURN n",
    "MATCH (n) RETURN n; CALL `db`.`stats`.`clear`('QUERIES')",
    "MATCH (n) RETURN n // x\n; CALL `db`.`stats`.`clear`('QUERIES')",
    "RETURN 1 /* ; */ ; TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "USE neo4j CALL `db`.`stats`.`retrieve`('QUERIES')",
]


@pytest.mark.parametrize("attack", PROCEDURE_TRICKS)
def test_procedure_and_command_tricks_are_refused_and_change_nothing(graph: Runner, attack: str) -> None:
    before = snapshot(graph)
    with pytest.raises((errors.QueryRefused, errors.QuerySyntaxError, errors.QueryFailed)):
        run_console(graph, attack, {"section": "QUERIES", "config": {}}, role="data_staff")
    assert snapshot(graph) == before


# Spellings the text check cannot see through: the plan must refuse each on its own.
PLAN_ONLY = [
    ("CALL `db`.`stats`.`retrieve`('QUERIES')", "db.stats.retrieve"),
    ("CALL `db` . `stats` . `clear` ('QUERIES')", "db.stats.clear"),
    ("CALL `db`/* x */.`stats`.`stop`('QUERIES')", "db.stats.stop"),
    ("MATCH (n:Probe) CALL (n) { CALL `db`.`stats`.`retrieve`('QUERIES') YIELD data RETURN data } RETURN data",
     "db.stats.retrieve"),
    ("RETURN COLLECT { CALL `db`.`stats`.`retrieve`('QUERIES') YIELD data RETURN data } AS x", "db.stats.retrieve"),
    ("CALL `dbms`.`listConnections`()", "query type"),
    ("CALL `tx`.`getMetaData`()", "query type"),
]


@pytest.mark.parametrize(("attack", "why"), PLAN_ONLY)
def test_the_plan_refuses_what_the_text_check_lets_through(graph: Runner, attack: str, why: str) -> None:
    assert check_text(attack)                      # the lexical layer does not see it …
    plan = graph.explain(attack, {}, name="test.plan")
    refusal = plan_refusal(plan)                   # … the plan does
    assert refusal is not None
    if why != "query type":
        assert plan["procedures"] == [why]         # the registered name, however it was spelled
        assert why in str(refusal)
    else:
        assert plan["query_type"] == "s"


@pytest.mark.parametrize(("query", "operator"), [
    ("SHOW TRANSACTIONS", "ShowTransactions"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TerminateTransactions"),
    ("SHOW SETTINGS", "ShowSettings"),
    ("SHOW PROCEDURES", "ShowProcedures"),
    ("SHOW INDEXES", "ShowIndexes"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r", "LoadCSV"),
    ("MATCH (n) CALL (n) { RETURN n.x AS x } IN TRANSACTIONS OF 1 ROW RETURN x", "TransactionApply"),
])
def test_commands_plan_as_reads_and_are_refused_by_operator(graph: Runner, query: str, operator: str) -> None:
    # Neo4j plans SHOW / TERMINATE TRANSACTIONS as query type 'r': the type alone does not refuse them.
    plan = graph.explain(query, {}, name="test.plan")
    assert plan["query_type"] == "r" and operator in plan["operators"]
    refusal = plan_refusal(plan)
    assert refusal is not None and operator in str(refusal)


def test_allowed_procedures_run_however_spelled(graph: Runner) -> None:
    for q in ("CALL db.labels()", "CALL `db`.`labels`() YIELD label RETURN label",
              "CALL db . labels ( ) YIELD label RETURN label ORDER BY label"):
        res = run_console(graph, q, {}, role="data_staff")
        assert "Probe" in [r["label"] for r in res.rows] and res.procedures == ["db.labels"]
    assert "db.stats.retrieve" not in ALLOWED_PROCEDURES and not any(p.startswith("dbms.") for p in ALLOWED_PROCEDURES)


def test_functions_outside_the_built_in_namespaces_are_refused() -> None:
    # No plugin is installed on the test server, so the plan of a user-defined function is built by hand.
    plan = {"query_type": "r", "operators": ["ProduceResults", "Projection"], "procedures": [],
            "details": [("ProduceResults", "x"), ("Projection", "apoc.text.join($autolist_0, $autostring_1) AS x")]}
    assert "apoc.text.join" in str(plan_refusal(plan))
    in_procedure = {"query_type": "r", "operators": ["ProcedureCall"], "procedures": ["db.index.fulltext.queryNodes"],
                    "details": [("ProcedureCall", "db.index.fulltext.queryNodes(custom.f($a), $b) :: (node :: NODE)")]}
    assert "custom.f" in str(plan_refusal(in_procedure))
    quoted = {"query_type": "r", "operators": ["Projection"], "procedures": [],
              "details": [("Projection", "n.`weird.x(` AS `a.b(`, date.truncate($autostring_0, date()) AS d")]}
    assert plan_refusal(quoted) is None


def test_built_in_functions_run(graph: Runner) -> None:
    res = run_console(graph, "RETURN date.truncate('month', date('2024-05-17')) AS m, duration.between("
                             "date('2024-01-01'), date('2024-01-03')).days AS d, toUpper('a') AS u", {}, role="data_staff")
    assert [{k: str(v) for k, v in r.items()} for r in res.rows] == [{"m": "2024-05-01", "d": "2", "u": "A"}]


def test_parameters_cannot_smuggle_a_query(graph: Runner) -> None:
    before = snapshot(graph)
    res = run_console(graph, "RETURN $q AS q", {"q": "CALL db.stats.clear('QUERIES')"}, role="data_staff")
    assert res.rows == [{"q": "CALL db.stats.clear('QUERIES')"}]
    assert snapshot(graph) == before


def test_console_queries_in_flight_are_limited(graph: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    # Both slots held, as by queries cut off at the deadline that the server is still evaluating.
    import threading

    monkeypatch.setattr(console, "_SLOTS", threading.BoundedSemaphore(2))
    assert console._SLOTS.acquire(blocking=False) and console._SLOTS.acquire(blocking=False)  # noqa: SLF001
    with pytest.raises(errors.QueryRefused, match="still running"):
        run_console(graph, "RETURN 1 AS x", {}, role="data_staff")
    console._SLOTS.release()  # noqa: SLF001
    assert run_console(graph, "RETURN 1 AS x", {}, role="data_staff").rows == [{"x": 1}]


# --- limits enforced by the server and by the hard deadline ------------------------------------
def test_a_huge_reduce_is_cut_off_at_the_time_limit(graph: Runner) -> None:
    """Neo4j checks a transaction's timeout only between rows: a `reduce` over a huge range runs
    on inside one row (measured: 4.7 s against a 2 s limit, and the rows still arrived). The
    caller gets QueryTimeout at the limit + the grace, and the console slot comes back once the
    server lets go of the query."""
    limit = 1.0
    started = time.monotonic()
    with pytest.raises(errors.QueryTimeout, match="JSS_QUERY_TIMEOUT"):
        run_console(graph, "RETURN reduce(s = 0, x IN range(1, 300000000) | s + x) AS s", {},
                    role="data_staff", timeout=limit)
    elapsed = time.monotonic() - started
    assert elapsed < limit + console.HARD_CUT_GRACE_S + 1.5, f"cut off after {elapsed:.1f} s"
    deadline = time.monotonic() + 120
    while console._SLOTS._value < console.CONSOLE_IN_FLIGHT and time.monotonic() < deadline:  # noqa: SLF001
        time.sleep(0.2)
    assert console._SLOTS._value == console.CONSOLE_IN_FLIGHT  # noqa: SLF001


PAD = "abcdefghij" * 1000


def test_a_variable_length_path_is_stopped_by_the_memory_limit(graph: Runner, settings) -> None:
    graph.write("MATCH (n:Probe) SET n.pad = $pad", {"pad": PAD}, name="test.pad")
    limit = graph.read_value("SHOW SETTINGS YIELD name, value WHERE name = 'db.memory.transaction.max' "
                             "RETURN value", name="test.setting")
    assert limit and limit != "0B", "the test server runs without db.memory.transaction.max"
    with pytest.raises(errors.QueryFailed, match="db.memory.transaction.max") as info:
        run_console(graph, "MATCH p = (a:Probe)-[*]-(b:Probe) RETURN collect([n IN nodes(p) | n.pad]) AS pads",
                    {}, role="data_staff", timeout=60)
    assert "JSS_NEO4J_TX_MEMORY" in str(info.value)
    assert graph.read_value("RETURN 1", name="test.alive") == 1   # the server and its pool are fine


def test_a_row_larger_than_the_byte_cap_is_truncated(graph: Runner) -> None:
    big = "x" * 1_500_000
    res = run_console(graph, "RETURN $big AS big", {"big": big}, role="data_staff")
    assert graph.settings.console_max_bytes < 1_500_000
    assert res.truncated and res.truncated_by == "bytes" and res.rows == []
    chunk = "y" * 400_000
    res = run_console(graph, "UNWIND range(1, 5) AS i RETURN i, $c AS c", {"c": chunk}, role="data_staff",
                      byte_cap=1_000_000)
    assert res.truncated_by == "bytes" and [r["i"] for r in res.rows] == [1, 2] and res.bytes <= 1_000_000
    small = run_console(graph, "UNWIND range(1, 5) AS i RETURN i", {}, role="data_staff", byte_cap=1_000_000)
    assert not small.truncated and small.truncated_by == "" and len(small.rows) == 5
