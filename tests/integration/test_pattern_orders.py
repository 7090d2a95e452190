"""A pattern table's column orders sorted in Python (derived/orders.py) are the ones Cypher's
ORDER BY gives (derived.tables.upkeep_cypher("table_orders_on_server"), how every column was sorted before), value for value and tie
for tie, for each kind of value a pattern column holds; and the kinds Python cannot reproduce are
left to the server."""

from __future__ import annotations

import random

from derived import orders, tables
from graph.runner import Runner

# Temporal values come from the server so that they are the driver's own types, as in a table.
_POOLS = """
RETURN [date('2024-01-02'), date('2023-12-31'), date('2024-01-02'), date('0999-05-01')] AS dates,
       [localdatetime('2024-01-02T10:00:00.000000001'), localdatetime('2024-01-02T10:00'),
        localdatetime('2023-06-01T23:59:59')] AS local_times,
       [datetime('2024-01-02T10:00+09:00'), datetime('2024-01-02T09:00+09:00'),
        datetime('2024-01-02T10:00:00.5+09:00')] AS seoul_times,
       [datetime('2024-01-02T10:00+09:00'), datetime('2024-01-02T02:00Z'), datetime('2024-01-02T03:00+01:00')]
         AS mixed_offsets
"""
LOCAL = {
    "strings": ["가", "\ue000", "\U0001F600", "a", "A", "", "é", "e\u0301", "\uffff", "\U00010000", "김영희", "김영"],
    "numbers": [1, 1.0, 0.5, -2, 9007199254740993, 9007199254740992.0, 9007199254740992, float("inf"),
                -0.0, 0.0, 0, 3, -1e-300],
    "bools": [True, False],
    "dates": None, "local_times": None, "seoul_times": None,
}
SERVER = {
    "with_nan": [1.5, float("nan"), 0, 2],
    "mixed_kinds": ["1", 1, "a", 2.5],
    "bool_and_number": [True, 1, 0, False],
    "mixed_offsets": None,
}


def _columns(runner: Runner) -> dict[str, list]:
    temporal = next(iter(runner.stream(_POOLS, name="test.order_pools")))
    pools = {**LOCAL, **SERVER}
    return {name: list(temporal[name]) if values is None else values for name, values in pools.items()}


def _stored(runner: Runner, version: str) -> dict[tuple[str, bool], list[int]]:
    return {(r["sort"], r["descending"]): r["ranks"] for r in runner.read(
        "MATCH (o:PatternOrder {pattern: 'test_orders', version: $version}) "
        "RETURN o.sort AS sort, o.descending AS descending, o.ranks AS ranks",
        {"version": version}, name="test.orders", row_cap=100).rows}


def test_python_orders_equal_cyphers_and_the_rest_is_sorted_on_the_server(runner: Runner) -> None:
    pools = _columns(runner)
    cols = list(pools)
    pick = random.Random(16)
    # 60 rows: every value repeats (ties) and every column has empty cells
    keys = [[None if pick.random() < 0.15 else pick.choice(pools[c]) for c in cols] for _ in range(60)]
    runner.write("MATCH (o:PatternOrder {pattern: 'test_orders'}) DELETE o", name="test.clear_orders")
    try:
        tables._write_orders(runner, "test_orders", "mixed", cols, keys)
        runner.write(tables.upkeep_cypher("table_orders_on_server"),
                     {"pattern": "test_orders", "version": "cypher", "sorts": cols, "keys": keys},
                     name="test.cypher_orders")
        assert _stored(runner, "mixed") == _stored(runner, "cypher")
        assert len(_stored(runner, "cypher")) == 2 * len(cols)
    finally:
        runner.write("MATCH (o:PatternOrder {pattern: 'test_orders'}) DELETE o", name="test.clear_orders")
    # Each column went the way its kind says (so the comparison above covered both ways).
    for c, col in enumerate(cols):
        assert (orders.column_ranks(keys, c) is None) == (col in SERVER), col

