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

import hashlib
from collections import defaultdict

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
    spans = seen.groupby(["address_id", "person_id"])["date"].agg(["min", "max"]).reset_index()
    for _, grp in spans.groupby("address_id"):
        rows = list(grp.itertuples(index=False))
        for i in range(1, len(rows)):
            for j in range(i):
                if _overlap(rows[i], rows[j], window_days):
                    uf.union(rows[i].person_id, rows[j].person_id)
    addrs = spans.groupby("person_id")["address_id"].agg(set).to_dict()
    related: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    joined = 0
    for r in relations.itertuples(index=False):
        if not r.person_a or not r.person_b or r.person_a == r.person_b:
            continue
        related[(r.person_a, r.person_b, r.relation)].add(r.call_id)
        if r.relation in HOUSEHOLD_RELATIONS:
            a, b = addrs.get(r.person_a, set()), addrs.get(r.person_b, set())
            if not a or not b or a & b:
                uf.union(r.person_a, r.person_b)
                joined += 1
    hh_of = {p: "H-" + hashlib.sha1(uf.find(p).encode("utf-8")).hexdigest()[:12] for p in persons}
    members = pd.DataFrame({"person_id": list(hh_of), "household_id": list(hh_of.values())})
    span_p = seen.groupby("person_id")["date"].agg(["min", "max"])
    members["from"] = members["person_id"].map(span_p["min"]) if len(span_p) else None
    members["to"] = members["person_id"].map(span_p["max"]) if len(span_p) else None
    # Where each household lives: the address its members were seen at most often.
    s2 = seen.assign(household_id=seen["person_id"].map(hh_of))
    lives = (s2.groupby(["household_id", "address_id"])["date"].agg(["size", "min", "max"]).reset_index()
             .sort_values(["household_id", "size"], ascending=[True, False]))
    lives = lives.rename(columns={"min": "from", "max": "to"}).drop(columns="size")
    rel = pd.DataFrame([{"person_a": a, "person_b": b, "relation": rel_, "call_ids": sorted(c for c in calls if c)}
                        for (a, b, rel_), calls in related.items()],
                       columns=["person_a", "person_b", "relation", "call_ids"])
    stats = pd.DataFrame([{"households": members["household_id"].nunique(), "relation_joins": joined,
                           "related": len(rel)}])
    return members, lives, rel, stats


def _overlap(a, b, window_days: int) -> bool:
    if a.min is None or b.min is None or pd.isna(a.min) or pd.isna(b.min):
        return True  # undated observations: the shared address alone decides
    gap = max((b.min - a.max).days, (a.min - b.max).days, 0)
    return gap <= window_days
