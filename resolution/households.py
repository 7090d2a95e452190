"""Households from resolved people: who lived at the same address in the same period, and who is
family or partner on a call.

- Address: people observed at the same canonical address (building + unit) within `window_days` of
  each other share a household. A unit-less address of a building where units are also recorded is
  not used (an apartment block is not a household).
- Relations on calls: 배우자 (spouse), 동거인 (cohabitant), 부모/자녀 (parent/child), 형제자매
  (siblings) join households unless both people are on record at different addresses. Former
  partners (전배우자, 전연인), partners living apart (연인), acquaintances and strangers never do.
Every relation on a call also becomes `(Person)-[:RELATED_TO {relation, call_ids}]->(Person)`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from resolution.unionfind import UnionFind

HOUSEHOLD_RELATIONS = {"배우자", "동거인", "부모", "자녀", "형제자매", "spouse", "cohabitant", "parent", "child",
                       "sibling"}
WINDOW_DAYS = 3 * 365


def build(persons: list[str], seen: pd.DataFrame, relations: pd.DataFrame, unitless_shared: set[str],
          window_days: int = WINDOW_DAYS) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """`seen`: person_id, address_id, date (datetime.date or None). `relations`: person_a, person_b,
    relation, call_id. `unitless_shared`: address_ids not to use (unit-less apartment blocks).
    Returns (members: person_id, household_id, from, to), (households: household_id, address_id,
    from, to), (related: person_a, person_b, relation, call_ids), (stats)."""
    uf = UnionFind(sorted(persons))
    seen = seen.dropna(subset=["address_id"])
    seen = seen[~seen["address_id"].isin(unitless_shared)]
    # Dates as day numbers: grouping numbers is vectorised, grouping date objects is a Python call
    # per group (minutes for millions of people).
    seen = seen[["person_id", "address_id"]].assign(
        day=np.fromiter((_day(v) for v in seen["date"]), dtype=float, count=len(seen)))
    spans = seen.groupby(["address_id", "person_id"])["day"].agg(["min", "max"]).reset_index()
    for a, b in _address_unions(spans, window_days):
        uf.union(a, b)
    joined = 0
    related: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    addrs = _addresses_of(spans, relations) if len(relations) else {}
    columns = [relations[c] for c in ("person_a", "person_b", "relation", "call_id")] if len(relations) else []
    for pa, pb, relation, call_id in zip(*columns, strict=True):
        if not pa or not pb or pa == pb:
            continue
        related[(pa, pb, relation)].add(call_id)
        if relation in HOUSEHOLD_RELATIONS:
            a, b = addrs.get(pa, _NONE), addrs.get(pb, _NONE)
            if not a or not b or a & b:
                uf.union(pa, pb)
                joined += 1
    hh_of = _household_ids(persons, uf)
    members = pd.DataFrame({"person_id": list(hh_of), "household_id": list(hh_of.values())})
    span_p = seen.groupby("person_id")["day"].agg(["min", "max"])
    members["from"] = members["person_id"].map(_dates(span_p["min"])) if len(span_p) else None
    members["to"] = members["person_id"].map(_dates(span_p["max"])) if len(span_p) else None
    # Where each household lives: the address its members were seen at most often.
    s2 = seen.assign(household_id=seen["person_id"].map(hh_of))
    lives = (s2.groupby(["household_id", "address_id"])["day"].agg(["size", "min", "max"]).reset_index()
             .sort_values(["household_id", "size"], ascending=[True, False]))
    lives = lives.rename(columns={"min": "from", "max": "to"}).drop(columns="size")
    lives["from"], lives["to"] = _dates(lives["from"]), _dates(lives["to"])
    rel = pd.DataFrame([{"person_a": a, "person_b": b, "relation": rel_, "call_ids": sorted(c for c in calls if c)}
                        for (a, b, rel_), calls in related.items()],
                       columns=["person_a", "person_b", "relation", "call_ids"])
    stats = pd.DataFrame([{"households": members["household_id"].nunique(), "relation_joins": joined,
                           "related": len(rel)}])
    return members, lives, rel, stats


_NONE: frozenset[str] = frozenset()


def _day(v: Any) -> float:
    """Day number of a date (NaN when undated): spans compare as plain numbers."""
    if v is None or v is pd.NaT or (isinstance(v, float) and np.isnan(v)):
        return np.nan
    return float(v.toordinal())


def _dates(days: pd.Series) -> pd.Series:
    """Day numbers back to `datetime.date` (NaN where undated, as grouping dates gave)."""
    return pd.Series([dt.date.fromordinal(int(d)) if d == d else np.nan for d in days.to_numpy()],
                     index=days.index, dtype=object)


def _address_unions(spans: pd.DataFrame, window_days: int) -> Iterator[tuple[str, str]]:
    """Pairs of people whose union gives the connected components of "same address, spans at most
    `window_days` apart". At one address, spans sorted by first day chain together until a span
    starts more than the window after the latest end so far: that is where a new component begins.
    An undated span is close to every other span (the shared address alone decides), so an address
    with one is a single component. Linear after the sort, where comparing all pairs per address
    was quadratic (a block with thousands of people took hours at national scale)."""
    if spans.empty:
        return
    sp = spans.sort_values(["address_id", "min"], kind="stable", na_position="last")
    addr = sp["address_id"].to_numpy()
    lo, hi = sp["min"].to_numpy(dtype=float), sp["max"].to_numpy(dtype=float)
    first = np.ones(len(sp), dtype=bool)
    first[1:] = addr[1:] != addr[:-1]
    group = np.cumsum(first)
    latest = pd.Series(hi).groupby(group).cummax().to_numpy()  # dated spans sort first in their address
    before = np.empty_like(latest)
    before[0] = np.nan
    before[1:] = latest[:-1]
    with np.errstate(invalid="ignore"):
        gap = lo - before > window_days  # False where either side is undated
    undated = pd.Series(np.isnan(lo)).groupby(group).transform("any").to_numpy()
    start = first | (gap & ~undated)
    component = np.cumsum(start) - 1
    people = sp["person_id"].to_numpy()
    head = people[np.flatnonzero(start)][component]
    for i in np.flatnonzero(~start):
        yield people[i], head[i]


def _addresses_of(spans: pd.DataFrame, relations: pd.DataFrame) -> dict[str, set[str]]:
    """Addresses of the people named in household relations (only they need the check)."""
    hh = relations[relations["relation"].isin(HOUSEHOLD_RELATIONS)]
    wanted = set(hh["person_a"]) | set(hh["person_b"])
    part = spans[spans["person_id"].isin(wanted)]
    out: dict[str, set[str]] = defaultdict(set)
    for p, a in zip(part["person_id"], part["address_id"], strict=True):
        out[p].add(a)
    return out


def _household_ids(persons: list[str], uf: UnionFind) -> dict[str, str]:
    """Household id: a hash of the group's smallest member, so it is stable across runs."""
    names: dict[str, str] = {}
    out = {}
    for p in persons:
        root = uf.find(p)
        if root not in names:
            names[root] = "H-" + hashlib.sha1(root.encode("utf-8")).hexdigest()[:12]
        out[p] = names[root]
    return out
