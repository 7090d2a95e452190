"""Pattern tables: the answer of each pattern query the app pages through, for its default
parameters, kept in the graph as ranked rows so that a page is an index seek instead of a whole
pattern computed, sorted, sent and decoded on every click.

For each name in `TABLES` the catalogue query (queries/<name>.cypher, default parameters) runs on
the server inside `CALL () { … }`; its rows, re-sorted by the query's own final ORDER BY (every
such query ends in one, with a unique key last, so the order is total), are written as
`(:Derived:PatternRow {pattern, version, rank, <column>: value …})` under a new version. Only
then does `(:Derived:PatternTable {pattern})` switch to that version (with its row count), and the
rows of older versions are deleted: a reader always sees one complete table, never half of one.

Queries whose answer depends on the day they are asked (open_council_measures: "overdue as of
today") are not materialised; the app computes them live.
"""

from __future__ import annotations

import json
import re
import time
from datetime import datetime
from typing import Any

from graph.cypher_files import NamedQuery
from graph.errors import CatalogueError
from graph.runner import Runner
from queries import catalogue

TABLES = ("repeat_victims", "repeat_addresses", "serial_offenders", "escalation", "fragmented_households",
          "children_exposed")
# Properties a PatternRow carries besides the columns: no pattern query may return these names.
RESERVED = frozenset({"pattern", "version", "rank"})
BATCH = 2000

_ORDER_BY = re.compile(r"^ORDER BY\s", re.MULTILINE)
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

_SWITCH = """
MERGE (t:Derived:PatternTable {pattern: $pattern})
SET t.version = $version, t.rows = $rows, t.refreshed_at = $refreshed_at, t.params = $params_json
"""
_DROP_OLD = """
MATCH (r:PatternRow {pattern: $pattern}) WHERE r.version <> $version
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
"""


def final_order_by(q: NamedQuery) -> str:
    """The query's last ORDER BY clause, to the end of the text (nothing may follow it: a
    SKIP/LIMIT would make the table a part of the answer)."""
    starts = [m.start() for m in _ORDER_BY.finditer(q.text)]
    if not starts:
        raise CatalogueError(f"{q.name}: a pattern table query must end with ORDER BY")
    clause = " ".join(q.text[starts[-1]:].split())
    if re.search(r"\b(SKIP|LIMIT|RETURN|WITH|UNION)\b", clause[len("ORDER BY"):], re.IGNORECASE):
        raise CatalogueError(f"{q.name}: nothing may follow the final ORDER BY of a pattern table query")
    return clause


def columns(q: NamedQuery) -> list[str]:
    """The declared columns (header `columns:`), checked to be plain identifiers not reserved."""
    cols = list(q.extra.get("columns") or [])
    if not cols:
        raise CatalogueError(f"{q.name}: a pattern table query must declare its columns")
    for c in cols:
        if not _IDENT.match(c) or c in RESERVED:
            raise CatalogueError(f"{q.name}: column {c!r} cannot be a pattern table property")
    return cols


def materialise_cypher(q: NamedQuery) -> str:
    """The auto-commit statement that writes query `q`'s rows as PatternRows of `$version`. Pure:
    the text is built only from the catalogue file (its declared columns and ORDER BY); every
    value travels as a parameter."""
    cols = columns(q)
    names = ", ".join(f"`{c}`" for c in cols)
    row = ", ".join(f"`{c}`: `{c}`" for c in cols)
    return (f"CALL () {{\n{q.text.rstrip()}\n}}\n"
            f"WITH {names}\n{final_order_by(q)}\n"
            f"WITH collect({{{row}}}) AS rows\n"
            # One inner transaction per slice of BATCH rows: the runtime accounts every buffered
            # row with the whole `rows` list, so buffering one row per transaction keeps the
            # transaction's memory at one copy of the table (per-row batching was quadratic).
            f"UNWIND range(0, size(rows) - 1, {BATCH}) AS start\n"
            f"WITH start, rows[start..start + {BATCH}] AS chunk\n"
            "CALL (start, chunk) {\n"
            "  UNWIND range(0, size(chunk) - 1) AS i\n"
            "  CREATE (r:Derived:PatternRow {pattern: $pattern, version: $version, rank: start + i})\n"
            "  SET r += chunk[i]\n"
            "} IN TRANSACTIONS OF 1 ROW")


def materialise(runner: Runner, name: str, version: str) -> dict[str, Any]:
    """Write table `name` under `version`, switch to it, drop older versions; {rows, seconds}."""
    t0 = time.perf_counter()
    q = catalogue.get(name)
    params = catalogue.bind(q, {})
    written = runner.run_script([materialise_cypher(q)], name=f"derived.table.{name}",
                                params={**params, "pattern": name, "version": version})
    rows = written.counters.get("nodes_created", 0)
    runner.write(_SWITCH, {"pattern": name, "version": version, "rows": rows,
                           "refreshed_at": datetime.now().replace(microsecond=0).isoformat(),
                           "params_json": json.dumps(params, default=str, ensure_ascii=False)},
                 name="derived.table.switch")
    runner.run_script([_DROP_OLD], name="derived.table.drop_old", params={"pattern": name, "version": version})
    return {"rows": rows, "seconds": round(time.perf_counter() - t0, 3)}


# Also in graph/schema.cypher; repeated here because a graph loaded before the tables existed has
# no such index until its schema is re-applied, and without it every page read scans all rows
# (measured on the national graph: 575 ms instead of 5 ms for the first page).
_PAGE_INDEX = "CREATE INDEX pattern_row_page IF NOT EXISTS FOR (n:PatternRow) ON (n.pattern, n.version, n.rank)"


def refresh_all(runner: Runner) -> dict[str, dict[str, Any]]:
    runner.run_script([_PAGE_INDEX], name="derived.table.index")
    version = datetime.now().strftime("%Y%m%dT%H%M%S.%f")
    return {name: materialise(runner, name, version) for name in TABLES}
