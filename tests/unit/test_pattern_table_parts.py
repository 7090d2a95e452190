"""Pure parts of the pattern tables: which clause orders a table, which columns it may hold, the
statement that writes it, and which columns a user's search may look into."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auth.guard import User
from derived import orders, tables
from graph.cypher_files import NamedQuery, parse_cypher_file
from graph.errors import CatalogueError
from queries import catalogue


def named(text: str, columns: dict | None = None) -> NamedQuery:
    return NamedQuery(name="t", title="t", description="d", mode="read", text=text,
                      extra={"columns": columns if columns is not None else {"a": "", "b": ""}})


def test_final_order_by_is_the_last_clause() -> None:
    q = named("MATCH (n) WITH n ORDER BY n.x LIMIT 5\nRETURN n.a AS a, n.b AS b\nORDER BY a DESC,\n  b")
    assert tables.final_order_by(q) == "ORDER BY a DESC, b"
    with pytest.raises(CatalogueError, match="must end with ORDER BY"):
        tables.final_order_by(named("RETURN 1 AS a, 2 AS b"))
    with pytest.raises(CatalogueError, match="nothing may follow"):
        tables.final_order_by(named("RETURN 1 AS a, 2 AS b\nORDER BY a\nLIMIT 10"))


def test_columns_must_be_plain_and_not_reserved() -> None:
    assert tables.columns(named("RETURN 1 AS a")) == ["a", "b"]
    for bad in ({"rank": ""}, {"a b": ""}, {}):
        with pytest.raises(CatalogueError):
            tables.columns(named("RETURN 1", bad))


@pytest.mark.parametrize("name", tables.TABLES)
def test_every_table_query_can_be_materialised(name: str) -> None:
    q = catalogue.get(name)
    assert q.extra.get("app") is True
    cols = tables.columns(q)
    keys = [k.strip() for k in tables.final_order_by(q)[len("ORDER BY"):].split(",")]
    for key in keys:   # the order is re-applied outside the query: it may only name its columns
        words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", key)) - {"DESC", "ASC", "size"}
        assert words <= set(cols), f"{name}: {key!r}"
    text = tables.rows_cypher(q)
    assert text.startswith("CALL () {\n" + q.text.rstrip())
    assert text.endswith(tables.final_order_by(q))   # the rows come in the table's order
    for c in cols:
        assert f"`{c}`: `{c}`" in text
    write = tables.write_rows_cypher(name)
    assert "$pattern" in write and "$version" in write and "$start + i" in write and "$rows" in write


def test_a_query_of_today_is_not_a_table() -> None:
    # open_council_measures answers "overdue as of today": a table made at load time would go stale
    assert "as_of" in {p.name for p in catalogue.get("open_council_measures").params}
    assert "open_council_measures" not in tables.TABLES


@pytest.mark.parametrize("name", tables.TABLES)
def test_search_never_looks_into_withheld_or_masked_columns(name: str) -> None:
    from auth.masking import search_classes
    from queries import db
    from queries.gate import Gate

    cols = db.catalogue_columns(name)
    kinds = db.declared_kinds("catalogue", name)
    analyst = Gate(User("a", "analyst"), "사례관리").searchable_columns(name, cols)
    council = Gate(User("c", "council")).searchable_columns(name, cols)
    hidden = {"address", "phone", "text", "secret"}
    assert not [c for c in analyst if kinds[c] in hidden]
    assert not [c for c in council if kinds[c] in hidden | {"name", "birth"}]
    assert set(council) <= set(analyst)
    names = [c for c in cols if kinds[c] == "name"]
    assert set(names) <= set(analyst), "an analyst searches the names a table shows"
    # and only columns the stored search text holds (derived/tables.py: search_classes)
    stored_open, stored_named = search_classes(cols)
    assert set(council) <= set(stored_open) and set(analyst) <= set(stored_open) | set(stored_named)


@pytest.mark.parametrize("name", tables.TABLES)
def test_every_table_stores_its_search_text_within_the_index_limit(name: str) -> None:
    text = tables.rows_cypher(catalogue.get(name))
    assert "$open_cols" in text and "$named_cols" in text
    assert f"left(so, {tables.SEARCH_CAP})" in text and f"left(sn, {tables.SEARCH_CAP})" in text
    # Lucene refuses a term over 32,766 bytes; Hangul takes 3 bytes per character in UTF-8
    assert tables.SEARCH_CAP * 3 < 32_766
    index_names = {re.search(r"INDEX (\w+)", s).group(1) for s in tables.table_indexes()}
    assert {"pattern_row_page", "pattern_row_search_long", "pattern_order",
            f"pattern_row_{name}_open", f"pattern_row_{name}_named"} <= index_names
    assert f"PatternRow:`{tables.row_label(name)}`" in tables.write_rows_cypher(name)


def test_each_table_has_its_own_text_indexes_and_search_branch() -> None:
    """A search reads only its own table's index entries: the schema has a text index pair per
    row label and pattern_rows.cypher a branch per label, gated on that same label."""
    labels = {tables.row_label(name) for name in tables.TABLES}
    assert tables.row_label("repeat_victims") == "RepeatVictimsRow"
    assert len(labels) == len(tables.TABLES)
    text_indexes = [s for s in tables.table_indexes() if "TEXT INDEX" in s]
    indexed = {}
    for s in text_indexes:
        label, prop = re.search(r"FOR \(n:(\w+)\) ON \(n\.(\w+)\)", s).groups()
        indexed.setdefault(label, set()).add(prop)
    assert indexed == {label: {"search_open", "search_named"} for label in labels}
    # the text the app runs: the file's per-table block written out for every table
    query = parse_cypher_file(Path(__file__).parents[2] / "queries" / "app" / "pattern_rows.cypher").text
    branches = re.findall(r"CASE WHEN t\.row_label = '(\w+)' THEN \$needle END AS open,\s*"
                          r"CASE WHEN t\.row_label = '(\w+)' THEN \$named_needle END AS named\s*"
                          r"MATCH \(r:(\w+)\) WHERE r\.search_open CONTAINS open OR r\.search_named CONTAINS named",
                          query)
    assert sorted(b[0] for b in branches) == sorted(labels)
    assert all(a == b == c for a, b, c in branches)


def test_row_label_refuses_names_that_are_not_identifiers() -> None:
    with pytest.raises(CatalogueError):
        tables.row_label("x`) DETACH DELETE n //")


class _BatchRecorder:
    """Stands in for the runner's write side only: records each batch, fails on the batch whose
    first rank is `fail_at` (by rank, not by arrival: several writers may send at once)."""

    def __init__(self, fail_at: int | None = None):
        self.batches: list[tuple[int, int]] = []
        self.fail_at = fail_at

    def write(self, cypher: str, params: dict, *, name: str) -> None:
        if params["start"] == self.fail_at:
            raise RuntimeError("write refused")
        self.batches.append((params["start"], len(params["rows"])))


@pytest.mark.parametrize("writers", [1, 2])
def test_rows_are_written_in_ranked_batches(monkeypatch: pytest.MonkeyPatch, writers: int) -> None:
    monkeypatch.setattr(tables, "BATCH", 3)
    rec = _BatchRecorder()
    written = tables._write_rows(rec, "repeat_victims", "v1", iter([{"x": i} for i in range(8)]), writers)
    assert written == 8
    assert sorted(rec.batches) == [(0, 3), (3, 3), (6, 2)]   # ranks continue across batches, nothing lost


@pytest.mark.parametrize("writers", [1, 2])
def test_a_failed_batch_stops_the_reading_and_is_raised(monkeypatch: pytest.MonkeyPatch, writers: int) -> None:
    monkeypatch.setattr(tables, "BATCH", 2)
    rec = _BatchRecorder(fail_at=2)
    read = []

    def rows():
        for i in range(1000):
            read.append(i)
            yield {"x": i}

    with pytest.raises(RuntimeError, match="write refused"):
        tables._write_rows(rec, "repeat_victims", "v1", rows(), writers)
    assert (0, 2) in rec.batches and (2, 2) not in rec.batches
    assert len(read) < 1000                          # the stream was not read to its end


def test_local_orders_put_empty_cells_last_and_break_ties_by_rank() -> None:
    keys = [[None], [2], ["\U0001F600"], [None], [2]]
    assert orders.column_ranks([[None], [None], [None]], 0) == ([0, 1, 2], [0, 1, 2])
    assert orders.column_ranks([[k[0]] for k in keys if not isinstance(k[0], str)], 0) == ([1, 3, 0, 2], [1, 3, 0, 2])
    assert orders.column_ranks(keys, 0) is None   # a string among numbers: the server sorts it
    # UTF-16 order, as Neo4j compares strings: a private-use character after an emoji
    assert orders.column_ranks([["\ue000"], ["\U0001F600"], ["가"]], 0) == ([2, 1, 0], [0, 1, 2])
