"""Pattern tables: the answer of each pattern query the app pages through, for its default
parameters, kept in the graph as ranked rows so that a page is an index seek instead of a whole
pattern computed, sorted, sent and decoded on every click.

For each name in `TABLES` the catalogue query (queries/<name>.cypher, default parameters) runs
inside `CALL () { … }`; its rows, re-sorted by the query's own final ORDER BY (every such query
ends in one, with a unique key last, so the order is total), are streamed to this process and
written back in batches as `(:Derived:PatternRow {pattern, version, rank, <column>: value …})`
under a new version. Only
then does `(:Derived:PatternTable {pattern})` switch to that version (with its row count), and the
rows of older versions are deleted: a reader always sees one complete table, never half of one.

So that searching and sorting a national table (175 k rows) is an index read as well, each row
also carries its searchable text in lower case (`search_open`: the columns any user may search;
`search_named`: names and birth dates, searched only for users who see them unmasked), under text
indexes of the table's own label (`row_label`: RepeatVictimsRow …, so that a search reads only its
table's entries; one index over all six tables made a needle common in one table cost seconds in
another), and each column's order in both directions is kept as one
`(:Derived:PatternOrder {pattern, version, sort, descending, ranks})` node: the row ranks in that
order, so a sorted page is a slice of `ranks` and a seek per row.

Queries whose answer depends on the day they are asked (open_council_measures: "overdue as of
today") are not materialised; the app computes them live.
"""

from __future__ import annotations

import json
import queue
import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from datetime import datetime
from pathlib import Path
from typing import Any

from auth.masking import search_classes
from derived import orders
from graph.cypher_files import NamedQuery, cypher_text, split_statements
from graph.errors import CatalogueError
from graph.pattern_tables import MATERIALISED, row_label
from graph.runner import Runner
from graph.schema import schema_statements
from queries import catalogue

# The tables written, largest first (graph/pattern_tables.py keeps the list and `row_label`).
TABLES = MATERIALISED
# Properties a PatternRow carries besides the columns: no pattern query may return these names.
RESERVED = frozenset({"pattern", "version", "rank", "search_open", "search_named", "search_long"})
BATCH = 5000   # rows per write transaction
# Longest search text kept under the text index (characters; Hangul takes 3 bytes each, and an
# indexed string must stay under Lucene's 32,766-byte term limit). A row with more is flagged
# `search_long` and searched value by value instead (the longest national row has 6,300).
SEARCH_CAP = 8000
UPKEEP_DIR = Path(__file__).parent / "cypher" / "upkeep"
SEPARATOR = "\u001f"   # between values in the search text; a search never contains it

_ORDER_BY = re.compile(r"^ORDER BY\s", re.MULTILINE)
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# The fixed statements live in derived/cypher/upkeep/; the two read and write statements built
# below are made from a catalogue file's declared columns and a table's row label (identifiers
# checked against the catalogue), which no parameter can carry.
def upkeep_cypher(name: str) -> str:
    """A statement of derived/cypher/upkeep/ (the refresh's record, the tables' switch, clean-up and
    orders: statements that are not refresh steps, so they are kept out of derived/cypher/)."""
    return cypher_text(UPKEEP_DIR, name)


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


# The lower-case text of the columns named in `$<which>_cols` of row map `m`: list items one by one,
# each value behind a SEPARATOR (the columns come as a parameter; `m[k]` is typed at run time).
_SEARCH_TEXT = ("reduce(s = '', k IN ${which}_cols | s + reduce(t = '', x IN "
                "CASE WHEN m[k] IS :: LIST<ANY> THEN m[k] ELSE [m[k]] END | "
                "t + CASE WHEN x IS NULL THEN '' ELSE '" + SEPARATOR + "' + toLower(toString(x)) END))")


def rows_cypher(q: NamedQuery) -> str:
    """The read that gives query `q`'s rows as the maps a PatternRow stores, in the table's order,
    with their search text (`$open_cols`, `$named_cols`: auth.masking.search_classes of its
    columns). Pure: the text is built only from the catalogue file (its declared columns and ORDER
    BY); every value travels as a parameter."""
    cols = columns(q)
    names = ", ".join(f"`{c}`" for c in cols)
    row = ", ".join(f"`{c}`: `{c}`" for c in cols)
    return (f"CALL () {{\n{q.text.rstrip()}\n}}\n"
            f"WITH {{{row}}} AS m, {names}\n"
            f"WITH m, {names}, {_SEARCH_TEXT.format(which='open')} AS so, {_SEARCH_TEXT.format(which='named')} AS sn\n"
            f"RETURN m {{.*, search_open: left(so, {SEARCH_CAP}), search_named: left(sn, {SEARCH_CAP}), "
            f"search_long: CASE WHEN size(so) > {SEARCH_CAP} OR size(sn) > {SEARCH_CAP} THEN true END}} AS row\n"
            f"{final_order_by(q)}")


def write_rows_cypher(name: str) -> str:
    """One batch of rows (`$rows`, ranks from `$start`) created as table `name`'s PatternRows."""
    return ("UNWIND range(0, size($rows) - 1) AS i\n"
            f"CREATE (r:Derived:PatternRow:`{row_label(name)}` {{pattern: $pattern, version: $version, rank: $start + i}})\n"
            "SET r += $rows[i]")


def _write_rows(runner: Runner, name: str, version: str, rows: Iterator[dict[str, Any]], writers: int = 1) -> int:
    """Write `rows` in batches of BATCH, each its own transaction, while the next batch is read;
    `writers` threads send batches at once.

    The rows come to this process and go back, instead of one server-side statement collecting the
    table and creating it in inner transactions: that takes 1.5–1.6× as long at national
    (repeat_victims, 175 k rows: 124–129 s against 78–86 s, alternating) and holds the whole table
    in one transaction's memory.
    Writer threads send batches while this one reads and decodes the next; the queue holds two
    batches, so the loader keeps a few thousand rows per writer, never the table."""
    cypher = write_rows_cypher(name)
    todo: queue.Queue[tuple[int, list[dict[str, Any]]] | None] = queue.Queue(maxsize=2)
    failed: list[BaseException] = []

    def writer() -> None:
        while (item := todo.get()) is not None:
            if failed:
                continue                      # drain: the reader stops at its next put
            start, batch = item
            try:
                runner.write(cypher, {"rows": batch, "start": start, "pattern": name, "version": version},
                             name=f"derived.table.{name}.rows")
            except BaseException as exc:      # re-raised in the reading thread
                failed.append(exc)

    threads = [threading.Thread(target=writer, name=f"table-{name}-{i}", daemon=True) for i in range(writers)]
    for thread in threads:
        thread.start()
    written, batch = 0, []
    try:
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                if failed:
                    break
                todo.put((written, batch))
                written, batch = written + len(batch), []
        if batch and not failed:
            todo.put((written, batch))
            written += len(batch)
    finally:
        for _ in threads:
            todo.put(None)
        for thread in threads:
            thread.join()
    if failed:
        raise failed[0]
    return written


def sort_key(value: Any) -> Any:
    """A cell's sort key: a list sorts by its length (as the pages' on-the-fly sort does)."""
    return len(value) if isinstance(value, list) else value


def _write_orders(runner: Runner, name: str, version: str, cols: list[str], keys: list[list[Any]]) -> None:
    """Both orders of every column: sorted here where `derived.orders` can, one transaction per
    column (a national column's two orders are 350 k ranks); the rest in one server-side sort."""
    on_server = []
    for c, col in enumerate(cols):
        ranks = orders.column_ranks(keys, c)
        if ranks is None:
            on_server.append(c)
            continue
        both = [{"sort": col, "descending": False, "ranks": ranks[0]},
                {"sort": col, "descending": True, "ranks": ranks[1]}]
        runner.write(upkeep_cypher("table_store_orders"),
                     {"pattern": name, "version": version, "orders": both}, name="derived.table.orders")
    if on_server:
        runner.write(upkeep_cypher("table_orders_on_server"),
                     {"pattern": name, "version": version, "sorts": [cols[c] for c in on_server],
                      "keys": [[row[c] for c in on_server] for row in keys]},
                     name="derived.table.orders_on_server")


def materialise(runner: Runner, name: str, version: str, writers: int | None = None) -> dict[str, Any]:
    """Write table `name` under `version`, switch to it, drop older versions; {rows, seconds}.
    `writers` write transactions are in flight at once (default JSS_LOAD_WRITERS): new rows take no
    lock another batch wants, and two took national repeat_victims from 207–217 s to 127–150 s."""
    writers = runner.settings.load_writers if writers is None else writers
    t0 = time.perf_counter()
    q = catalogue.get(name)
    params = catalogue.bind(q, {})
    open_cols, named_cols = search_classes(columns(q))
    found = runner.stream(rows_cypher(q), {**params, "open_cols": open_cols, "named_cols": named_cols},
                          name=f"derived.table.{name}")
    cols = columns(q)
    keys: list[list[Any]] = []   # per row, its sort key in each column: the table's only full copy here

    def keyed(found: Iterator[Any]) -> Iterator[dict[str, Any]]:
        for record in found:
            row = record["row"]
            keys.append([sort_key(row.get(c)) for c in cols])
            yield row

    try:
        rows = _write_rows(runner, name, version, keyed(found), writers)
    finally:
        found.close()
    _write_orders(runner, name, version, cols, keys)
    runner.write(upkeep_cypher("table_switch"),
                 {"pattern": name, "version": version, "rows": rows,
                  "refreshed_at": datetime.now().replace(microsecond=0).isoformat(),
                  "params_json": json.dumps(params, default=str, ensure_ascii=False),
                  "row_label": row_label(name)},
                 name="derived.table.switch")
    runner.run_script([upkeep_cypher("table_drop_old_rows")], name="derived.table.drop_old",
                      params={"pattern": name, "version": version})
    runner.write(upkeep_cypher("table_drop_old_orders"), {"pattern": name, "version": version},
                 name="derived.table.drop_old_orders")
    return {"rows": rows, "seconds": round(time.perf_counter() - t0, 3)}


def table_indexes() -> list[str]:
    """The pattern tables' indexes, from graph/schema.cypher. The refresh creates them itself
    because a graph loaded before the tables existed lacks them until its schema is re-applied,
    and without them every page read scans all rows (national: 575 ms instead of 5 ms)."""
    labels = {"PatternRow", "PatternOrder", *(row_label(name) for name in TABLES)}
    return [s for s in schema_statements() if any(f":{label})" in s for label in labels)]


def refresh_all(runner: Runner, at_once: int | None = None) -> dict[str, dict[str, Any]]:
    """Materialise every table under one new version, `at_once` tables at a time (default
    JSS_TABLES_AT_ONCE; 1: one after another), largest first (TABLES' order). A second table uses
    what the first leaves idle of the two cores (national: 148.5-151.3 s one after another, 141.0 s
    two at once; the rows' writes, not the queries, are most of a table's time). Tables write only
    their own nodes, so they take no lock another table wants. The first failure cancels the
    tables not yet started and is raised once the running ones end; a table already switched stays
    switched (each is whole)."""
    at_once = runner.settings.tables_at_once if at_once is None else at_once
    runner.run_script(split_statements(upkeep_cypher("table_retired_indexes")) + table_indexes(),
                      name="derived.table.index")
    version = datetime.now().strftime("%Y%m%dT%H%M%S.%f")
    with ThreadPoolExecutor(max_workers=max(1, at_once), thread_name_prefix="table") as pool:
        futures = {name: pool.submit(materialise, runner, name, version) for name in TABLES}
        done, _ = wait(futures.values(), return_when=FIRST_EXCEPTION)
        failed = next((f.exception() for f in futures.values() if f in done and f.exception()), None)
        if failed is not None:
            for future in futures.values():
                future.cancel()
            raise failed
        return {name: future.result() for name, future in futures.items()}
