"""Materialised pattern tables (derived/tables.py) and the database-side paging, search and sort the
patterns page uses (queries/app/pattern_page.cypher, pattern_rows.cypher), on the jeju preset.

The expected rows always come from running the catalogue query itself (default parameters) and
filtering / sorting them in plain Python here, so a wrong rank, a lost column or a search that
looks into the wrong column fails."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from auth.masking import search_classes
from derived import tables
from graph.runner import Runner
from queries import catalogue
from queries import db as data

BIG = 1_000_000


@pytest.fixture()
def pages_runner(jeju_graph: Runner) -> Iterator[Runner]:
    old = data.set_runner(jeju_graph)
    data.clear_cache()
    yield jeju_graph
    data.set_runner(old)
    data.clear_cache()


def live(runner: Runner, name: str) -> list[dict]:
    return catalogue.run(runner, name, {}, row_cap=BIG, timeout=120).rows


@pytest.mark.parametrize("name", tables.TABLES)
def test_table_holds_the_query_answer_in_its_order(pages_runner: Runner, name: str) -> None:
    want = live(pages_runner, name)
    assert want, f"{name}: the jeju preset has rows for every pattern"
    total, got = data.pattern_rows(name, needle=None, search_columns=[], sort=None, descending=False,
                                   skip=0, limit=BIG)
    assert total == len(want)
    assert got == want
    # a page is the same slice, read by rank; past the end there is nothing, the count stays
    assert data.pattern_page(name, 20, 20) == (len(want), want[20:40])
    assert data.pattern_page(name, len(want), 20) == (len(want), [])


def test_search_finds_id_fragments_and_names_only_when_given(pages_runner: Runner) -> None:
    want = live(pages_runner, "repeat_victims")
    call = want[5]["call_ids"][-1]
    needle = call[-7:].lower()    # part of a call id: lists are searched item by item
    total, got = data.pattern_rows("repeat_victims", needle=needle, search_columns=["call_ids"], sort=None,
                                   descending=False, skip=0, limit=BIG)
    expected = [r for r in want if any(needle in c.lower() for c in r["call_ids"])]
    assert want[5] in got and got == expected and total == len(expected)
    name = want[0]["name"]
    none = data.pattern_rows("repeat_victims", needle=name.lower(), search_columns=["person_id", "call_ids"],
                             sort=None, descending=False, skip=0, limit=BIG)
    assert none is not None and all(name not in (r["name"] or "") or name.lower() in r["person_id"].lower()
                                    for r in none[1])
    by_name = data.pattern_rows("repeat_victims", needle=name.lower(), search_columns=["name"], sort=None,
                                descending=False, skip=0, limit=BIG)
    assert by_name is not None and by_name[1] == [r for r in want if name.lower() in (r["name"] or "").lower()]


def test_sort_numbers_lists_and_empty_cells(pages_runner: Runner) -> None:
    want = live(pages_runner, "repeat_victims")
    rank = {r["person_id"]: i for i, r in enumerate(want)}

    def rows(sort: str, descending: bool) -> list[dict]:
        got = data.pattern_rows("repeat_victims", needle=None, search_columns=[], sort=sort, descending=descending,
                                skip=0, limit=BIG)
        assert got is not None
        return got[1]

    by_total = rows("total_calls", False)
    assert by_total == sorted(want, key=lambda r: (r["total_calls"], rank[r["person_id"]]))
    by_list = rows("window_call_ids", True)
    assert by_list == sorted(want, key=lambda r: (-len(r["window_call_ids"]), rank[r["person_id"]]))
    for descending in (False, True):  # people without a household come last either way
        ordered = rows("household_id", descending)
        present = [r for r in ordered if r["household_id"] is not None]
        assert ordered[len(present):] == [r for r in want if r["household_id"] is None]
        assert [r["household_id"] for r in present] == sorted((r["household_id"] for r in present),
                                                                reverse=descending)
    page = data.pattern_rows("repeat_victims", needle=None, search_columns=[], sort="total_calls", descending=False,
                             skip=40, limit=20)
    assert page == (len(want), by_total[40:60])


def test_refresh_switches_versions_whole(pages_runner: Runner) -> None:
    before = pages_runner.read("MATCH (t:PatternTable) RETURN t.pattern AS p, t.version AS v, t.rows AS n",
                               name="test.tables").rows
    done = tables.refresh_all(pages_runner)
    after = pages_runner.read("MATCH (t:PatternTable) RETURN t.pattern AS p, t.version AS v, t.rows AS n",
                              name="test.tables").rows
    assert {r["p"] for r in after} == set(tables.TABLES)
    assert {r["p"]: r["n"] for r in after} == {r["p"]: r["n"] for r in before} == {
        n: d["rows"] for n, d in done.items()}
    assert not {r["v"] for r in after} & {r["v"] for r in before}
    left = pages_runner.read("MATCH (r:PatternRow) RETURN r.pattern AS p, collect(DISTINCT r.version) AS v, "
                             "count(*) AS n", name="test.rows").rows
    assert {r["p"]: (r["v"], r["n"]) for r in left} == {r["p"]: ([r["v"]], r["n"]) for r in after}


def stored_tables(runner: Runner) -> dict[str, tuple[int, list[dict], list[tuple]]]:
    """Each table as stored, without its version: row count, rows by rank, column orders."""
    out = {}
    for t in runner.read("MATCH (t:PatternTable) RETURN t.pattern AS p, t.version AS v, t.rows AS n",
                         name="test.tables").rows:
        rows = runner.read("MATCH (r:PatternRow {pattern: $p, version: $v}) WITH r ORDER BY r.rank "
                           "RETURN r {.*, version: null} AS r", {"p": t["p"], "v": t["v"]},
                           name="test.rows", row_cap=BIG).rows
        ranks = runner.read("MATCH (o:PatternOrder {pattern: $p, version: $v}) "
                            "RETURN o.sort AS s, o.descending AS d, o.ranks AS r ORDER BY s, d",
                            {"p": t["p"], "v": t["v"]}, name="test.orders", row_cap=BIG).rows
        out[t["p"]] = (t["n"], [r["r"] for r in rows], [(o["s"], o["d"], o["r"]) for o in ranks])
    return out


def test_tables_built_two_at_once_equal_those_built_one_after_another(pages_runner: Runner) -> None:
    tables.refresh_all(pages_runner, at_once=1)
    one_by_one = stored_tables(pages_runner)
    assert set(one_by_one) == set(tables.TABLES) and all(n > 0 for n, _, _ in one_by_one.values())
    tables.refresh_all(pages_runner, at_once=2)
    assert stored_tables(pages_runner) == one_by_one


def test_a_failing_table_is_raised_and_leaves_every_table_whole(pages_runner: Runner,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def versions() -> dict[str, str]:
        return {r["p"]: r["v"] for r in pages_runner.read(
            "MATCH (t:PatternTable) RETURN t.pattern AS p, t.version AS v", name="test.versions").rows}

    before, whole = versions(), stored_tables(pages_runner)
    real = tables.materialise

    def failing(runner: Runner, name: str, version: str, writers: int | None = None) -> dict:
        if name == "serial_offenders":
            raise RuntimeError("serial_offenders failed")
        return real(runner, name, version, writers)

    monkeypatch.setattr(tables, "materialise", failing)
    try:
        with pytest.raises(RuntimeError, match="serial_offenders failed"):
            tables.refresh_all(pages_runner, at_once=2)
        after = versions()
        assert after["serial_offenders"] == before["serial_offenders"]
        assert after["repeat_victims"] != before["repeat_victims"]     # started first, ran to its end
        # every table, switched or not, is one whole version with the same answer
        assert stored_tables(pages_runner) == whole
        left = pages_runner.read("MATCH (r:PatternRow) RETURN r.pattern AS p, collect(DISTINCT r.version) AS v",
                                 name="test.row_versions").rows
        assert {r["p"]: r["v"] for r in left} == {p: [v] for p, v in after.items()}
    finally:
        monkeypatch.undo()
        tables.refresh_all(pages_runner)


def test_a_pattern_of_today_is_not_materialised(pages_runner: Runner) -> None:
    assert "open_council_measures" not in tables.TABLES
    assert data.pattern_page("open_council_measures", 0, 20) is None
    assert data.pattern_rows("open_council_measures", needle=None, search_columns=[], sort=None,
                             descending=False, skip=0, limit=20) is None


def test_patterns_page_reads_one_page_from_the_database(pages_runner: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    from flask import session

    from auth.testing import shared_app

    server = shared_app().server  # pages register with the app: it must exist first
    from pages import patterns
    from pages.components.values import cell

    want = live(pages_runner, "serial_offenders")
    with server.test_request_context("/patterns"):
        session["jss_user"] = {"username": "t_analyst", "role": "analyst", "display_name": ""}
        shown, columns, pages, count, _ = patterns.page_of("ko", "serial_offenders", 1, None, None)
        assert [c["id"] for c in columns] == list(want[0])
        assert pages == -(-len(want) // patterns.PAGE_SIZE)
        assert [r["person_id"] for r in shown] == [r["person_id"] for r in want[20:40]]
        assert shown[0]["call_ids"] == cell(want[20]["call_ids"])
        # a search that leaves one page: the page shown falls back to it
        needle = want[3]["person_id"]
        shown, _, pages, _, _ = patterns.page_of("ko", "serial_offenders", 7, None, needle)
        assert pages == 1 and [r["person_id"] for r in shown] == [needle]
        # a search past the cap shows its count as a lower bound
        monkeypatch.setattr(data, "MATCH_CAP", 30)
        shown, _, pages, count, _ = patterns.page_of("ko", "serial_offenders", 0, None, "0")
        assert len(shown) == patterns.PAGE_SIZE and "행 이상" in count and pages >= 2
        monkeypatch.undo()
        # overdue measures depend on today: computed live, paged in Python
        shown, columns, _, _, _ = patterns.page_of("ko", "open_council_measures", 0, None, None)
        assert columns and len(shown) <= patterns.PAGE_SIZE


@pytest.mark.parametrize("name", ["escalation", "repeat_victims", "fragmented_households"])
def test_sorted_pages_read_the_stored_order_and_fall_back_without_it(pages_runner: Runner, name: str) -> None:
    # Every column in both directions: ints, texts, dates, date-times and lists (by their size).
    cols = data.catalogue_columns(name)
    orders = pages_runner.read(
        "MATCH (t:PatternTable {pattern: $name}) MATCH (o:PatternOrder {pattern: t.pattern, version: t.version}) "
        "RETURN o.sort AS sort, o.descending AS d, size(o.ranks) AS n, t.rows AS rows", {"name": name},
        name="test.orders").rows
    assert {(r["sort"], r["d"]) for r in orders} == {(c, d) for c in cols for d in (False, True)}
    assert {r["n"] for r in orders} == {orders[0]["rows"]} and orders[0]["rows"] > 10
    stored = {(c, d): data.pattern_rows(name, needle=None, search_columns=[], sort=c, descending=d,
                                        skip=0, limit=BIG) for c in cols for d in (False, True)}
    # without the orders (a table materialised by an older version) the rows are sorted on the fly
    pages_runner.write("MATCH (o:PatternOrder {pattern: $name}) DELETE o", {"name": name}, name="test.drop_orders")
    try:
        for (c, d), got in stored.items():
            assert got == data.pattern_rows(name, needle=None, search_columns=[], sort=c, descending=d,
                                            skip=0, limit=BIG), (c, d)
    finally:  # only this table's orders were dropped: rewrite only it
        tables.materialise(pages_runner, name, datetime.now().strftime("%Y%m%dT%H%M%S.%f"))


def test_names_are_searched_only_for_users_who_see_them(pages_runner: Runner) -> None:
    want = live(pages_runner, "repeat_victims")
    name = next(r["name"] for r in want if r["name"])
    open_cols = [c for c in data.catalogue_columns("repeat_victims") if c != "name"]
    masked = data.pattern_rows("repeat_victims", needle=name.lower(), search_columns=open_cols, sort=None,
                               descending=False, skip=0, limit=BIG)
    assert masked is not None and all(name.lower() not in (r["name"] or "").lower() for r in masked[1])
    full = data.pattern_rows("repeat_victims", needle=name.lower(), search_columns=open_cols + ["name"],
                             sort="total_calls", descending=True, skip=0, limit=BIG)
    expected = [r for r in want if name.lower() in (r["name"] or "").lower()]
    assert full is not None and full[0] == len(expected)
    assert sorted(r["person_id"] for r in full[1]) == sorted(r["person_id"] for r in expected)
    assert [r["total_calls"] for r in full[1]] == sorted((r["total_calls"] for r in expected), reverse=True)


def test_rows_too_long_for_the_index_are_searched_value_by_value(pages_runner: Runner,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "SEARCH_CAP", 40)
    tables.refresh_all(pages_runner)
    try:
        want = live(pages_runner, "repeat_victims")
        row = max(want, key=lambda r: len(r["call_ids"]))
        needle = row["call_ids"][-1].lower()           # far past the first 40 characters of the text
        stored = pages_runner.read_value(
            "MATCH (t:PatternTable {pattern: 'repeat_victims'}) MATCH (r:PatternRow {pattern: t.pattern, "
            "version: t.version}) WHERE r.person_id = $p RETURN [r.search_long, size(r.search_open)]",
            {"p": row["person_id"]}, name="test.long_row")
        assert stored == [True, 40]
        total, got = data.pattern_rows("repeat_victims", needle=needle, search_columns=["call_ids"], sort=None,
                                       descending=False, skip=0, limit=BIG)
        assert row in got and got == [r for r in want if any(needle in c.lower() for c in r["call_ids"])]
    finally:
        monkeypatch.undo()
        tables.refresh_all(pages_runner)


def test_broad_searches_walk_the_table_and_stop_at_the_page(pages_runner: Runner,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    want = live(pages_runner, "repeat_victims")
    needle = "0"                                   # in every row's dates and call ids
    cols, _ = search_classes(data.catalogue_columns("repeat_victims"))

    matches = [r for r in want if hit_of(r, needle, cols)]
    assert len(matches) > 60
    monkeypatch.setattr(data, "MATCH_CAP", 10)     # the jeju tables are small: make "broad" reachable
    total, got = data.pattern_rows("repeat_victims", needle=needle, search_columns=cols, sort=None,
                                   descending=False, skip=40, limit=20)
    assert isinstance(total, data.AtLeast) and 60 <= total <= len(matches) and got == matches[40:60]
    by_total = sorted(matches, key=lambda r: (-r["total_calls"], want.index(r)))
    total, got = data.pattern_rows("repeat_victims", needle=needle, search_columns=cols, sort="total_calls",
                                   descending=True, skip=20, limit=20)
    assert isinstance(total, data.AtLeast) and got == by_total[20:40]
    # past the last match the walk reads the whole table and knows the exact count
    total, got = data.pattern_rows("repeat_victims", needle=needle, search_columns=cols, sort=None,
                                   descending=False, skip=len(matches) - 5, limit=20)
    assert not isinstance(total, data.AtLeast) and total == len(matches) and got == matches[-5:]
    # a narrow needle stays an exact text-index answer
    narrow = want[3]["person_id"].lower()
    total, got = data.pattern_rows("repeat_victims", needle=narrow, search_columns=cols, sort=None,
                                   descending=False, skip=0, limit=20)
    assert not isinstance(total, data.AtLeast) and got == [r for r in want if hit_of(r, narrow, cols)]
    # without stored orders the broad search sorts every match, exactly
    pages_runner.write("MATCH (o:PatternOrder {pattern: 'repeat_victims'}) DELETE o", name="test.drop_orders")
    try:
        total, got = data.pattern_rows("repeat_victims", needle=needle, search_columns=cols, sort="total_calls",
                                       descending=True, skip=20, limit=20)
        assert not isinstance(total, data.AtLeast) and total == len(matches) and got == by_total[20:40]
    finally:
        tables.refresh_all(pages_runner)


def hit_of(row: dict, needle: str, cols: list[str]) -> bool:
    return any(needle in str(v).lower() for c in cols for v in (row[c] if isinstance(row[c], list) else [row[c]]))


def test_a_needle_common_in_another_table_is_read_from_this_tables_own_index(
        pages_runner: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each table's rows have their own text indexes: a needle with many hits in one table and few
    in another is an exact index answer in the other (one index over all tables saw the first
    table's hits, took the needle for broad and walked the whole table: seconds at national)."""
    monkeypatch.setattr(data, "MATCH_CAP", 10)
    rows = {name: live(pages_runner, name) for name in tables.TABLES}
    cols = {name: search_classes(data.catalogue_columns(name))[0] for name in tables.TABLES}

    def count(name: str, needle: str) -> int:
        return sum(hit_of(r, needle, cols[name]) for r in rows[name])

    candidates = sorted({str(v).lower()[i:i + 4] for r in rows["repeat_victims"][:30] for c in cols["repeat_victims"]
                         for v in (r[c] if isinstance(r[c], list) else [r[c]]) for i in range(0, 12, 2)} - {""})
    needle, other = next((n, o) for n in candidates if 1 <= count("repeat_victims", n) <= 10
                         for o in tables.TABLES if count(o, n) > 10)
    monkeypatch.setattr(data, "_walk", lambda *a, **k: pytest.fail("walked: the index answer was not whole"))
    total, got = data.pattern_rows("repeat_victims", needle=needle, search_columns=cols["repeat_victims"],
                                   sort=None, descending=False, skip=0, limit=BIG)
    expected = [r for r in rows["repeat_victims"] if hit_of(r, needle, cols["repeat_victims"])]
    assert (total, got) == (len(expected), expected), (needle, other)


def test_a_table_without_its_row_label_is_searched_by_walking(pages_runner: Runner) -> None:
    """Rows written before they carried their table's label (and the old all-tables text indexes)
    are still searched right, by walking the table; the next refresh labels them and drops the
    retired indexes."""
    want = live(pages_runner, "escalation")
    cols, _ = search_classes(data.catalogue_columns("escalation"))
    needle = str(want[2]["victim_id"]).lower()[-5:]
    expected = [r for r in want if hit_of(r, needle, cols)]
    pages_runner.write("MATCH (r:EscalationRow) REMOVE r:EscalationRow", name="test.unlabel")
    pages_runner.write("MATCH (t:PatternTable {pattern: 'escalation'}) REMOVE t.row_label", name="test.unlabel")
    pages_runner.run_script(["CREATE TEXT INDEX pattern_row_search_open IF NOT EXISTS FOR (n:PatternRow) "
                             "ON (n.search_open)"], name="test.retired_index")
    try:
        total, got = data.pattern_rows("escalation", needle=needle, search_columns=cols, sort=None,
                                       descending=False, skip=0, limit=BIG)
        assert total == len(expected) and got == expected and not isinstance(total, data.AtLeast)
    finally:
        tables.refresh_all(pages_runner)
    names = {r["name"] for r in pages_runner.read("SHOW INDEXES YIELD name RETURN name", name="test.indexes",
                                                  row_cap=10_000).rows}
    assert "pattern_row_search_open" not in names and "pattern_row_escalation_open" in names
    assert data.pattern_rows("escalation", needle=needle, search_columns=cols, sort=None, descending=False,
                             skip=0, limit=BIG) == (len(expected), expected)
