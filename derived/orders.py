"""A pattern table's column orders, sorted in this process exactly as Cypher's ORDER BY sorts them.

`derived.tables` keeps each column's order in both directions as a PatternOrder node (the row
ranks in that order). Sorting them on the server, one statement per table over the sort keys sent
as a parameter, takes 54–58 s for repeat_victims' 18 orders at national (175 k rows); here they
take 9–11 s, storing included.

The order must be the one `queries/app/pattern_rows.cypher` gives when it sorts on the fly: empty
cells last, then the key ascending or descending, ties in the pattern's own order (rank). Python
reproduces Cypher's comparison for the kinds below, and only for a column holding one kind:
- strings: Neo4j compares UTF-16 code units, not code points (U+E000 sorts after U+1F600), so the
  key is the UTF-16 encoding;
- numbers: integers and floats compare by value in both (1 and 1.0 tie), but Neo4j puts -0.0 before
  every other zero (Java's Double.compare); NaN is not handled;
- booleans (false first; never mixed with numbers: Python would count True as 1);
- dates, and date-times that are all local or all at one UTC offset (then the wall clock orders
  them as the instant does).
Anything else (mixed kinds, NaN, several offsets, times, durations, points) returns None and the
caller sorts that column on the server.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from neo4j.time import Date, DateTime


def _string_key(v: str) -> bytes:
    return v.encode("utf-16-be", "surrogatepass")


def _number_key(v: int | float) -> tuple[int | float, int]:
    return (v, 0 if isinstance(v, float) and v == 0 and math.copysign(1.0, v) < 0 else 1)


def _date_key(v: Date) -> int:
    return (v.year * 16 + v.month) * 32 + v.day


def _datetime_key(v: DateTime) -> int:
    # one integer in field order (each field fits its slot), so the sort compares ints, not tuples
    wall = ((((v.year * 16 + v.month) * 32 + v.day) * 32 + v.hour) * 64 + v.minute) * 64 + v.second
    return (wall << 30) | v.nanosecond


def _kind(v: Any) -> str | None:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, DateTime):
        return "datetime"
    if isinstance(v, Date):
        return "date"
    return None


def sort_key_for(values: Sequence[Any]) -> Callable[[Any], Any] | None:
    """The key that orders these non-null values as Cypher does, or None when this module does not
    reproduce Cypher's order for them."""
    kinds = {_kind(v) for v in values}
    if len(kinds) > 1 or None in kinds:
        return None
    kind = next(iter(kinds), "number")
    if kind == "number":
        if any(isinstance(v, float) and math.isnan(v) for v in values):
            return None
        return _number_key
    if kind == "bool":
        return lambda v: v
    if kind == "string":
        return _string_key
    if kind == "date":
        return _date_key
    if {v.tzinfo for v in values} != {None} and len({v.utcoffset() for v in values}) > 1:
        return None                                # wall clocks at different offsets
    return _datetime_key


def column_ranks(keys: Sequence[Sequence[Any]], c: int) -> tuple[list[int], list[int]] | None:
    """Column `c` of the rows' sort keys (`keys[rank][c]`) as (ascending, descending) lists of
    ranks: empty cells last in both, ties by rank; None when the server must sort it."""
    present = [rank for rank, row in enumerate(keys) if row[c] is not None]
    empty = [rank for rank, row in enumerate(keys) if row[c] is None]
    key = sort_key_for([keys[rank][c] for rank in present])
    if key is None:
        return None
    values = [key(keys[rank][c]) for rank in present]
    order = sorted(range(len(present)), key=values.__getitem__)
    # Python's sort is stable also with reverse=True: equal keys keep their rank order.
    reverse = sorted(range(len(present)), key=values.__getitem__, reverse=True)
    return [present[i] for i in order] + empty, [present[i] for i in reverse] + empty
