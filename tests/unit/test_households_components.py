"""Households by address: the linear sort-and-sweep gives exactly the groups the former all-pairs
comparison gave (hand-written cases with their expected groups, and random data against a copy of
the former implementation kept here as the reference)."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections import defaultdict

import pandas as pd
import pytest

from resolution import households
from resolution.unionfind import UnionFind

D0 = dt.date(2020, 1, 1)
W = households.WINDOW_DAYS


def _day(n: int | None) -> dt.date | None:
    return None if n is None else D0 + dt.timedelta(days=n)


def _seen(rows: list[tuple[str, str, int | None]]) -> pd.DataFrame:
    return pd.DataFrame([(p, a, _day(n)) for p, a, n in rows], columns=["person_id", "address_id", "date"])


NO_RELATIONS = pd.DataFrame(columns=["person_a", "person_b", "relation", "call_id"])


def _groups(persons: list[str], seen: pd.DataFrame, relations: pd.DataFrame = NO_RELATIONS,
            unitless: frozenset[str] = frozenset(), build=households.build) -> set[frozenset[str]]:
    members = build(persons, seen, relations, set(unitless))[0]
    out: dict[str, set[str]] = defaultdict(set)
    for p, h in zip(members["person_id"], members["household_id"], strict=True):
        out[h].add(p)
    return {frozenset(g) for g in out.values()}


def test_chain_joins_people_who_never_overlap_directly():
    # A [0, 10], B [10 + W, 20 + W] (gap W from A), C [20 + 2W, …] (gap W from B, 2W from A).
    seen = _seen([("A", "X", 0), ("A", "X", 10), ("B", "X", 10 + W), ("B", "X", 20 + W), ("C", "X", 20 + 2 * W)])
    assert _groups(["A", "B", "C"], seen) == {frozenset("ABC")}


def test_window_edge_exact_and_one_day_over():
    at_edge = _seen([("A", "X", 0), ("B", "X", W)])
    assert _groups(["A", "B"], at_edge) == {frozenset("AB")}
    over = _seen([("A", "X", 0), ("B", "X", W + 1)])
    assert _groups(["A", "B"], over) == {frozenset("A"), frozenset("B")}


def test_long_span_bridges_later_short_ones():
    # A covers [0, 5000]; B starts at 100, C at 4900 + W: both within reach of A's end, not of each other.
    seen = _seen([("A", "X", 0), ("A", "X", 5000), ("B", "X", 100), ("C", "X", 5000 + W), ("D", "X", 5001 + 2 * W)])
    assert _groups(list("ABCD"), seen) == {frozenset("ABC"), frozenset("D")}


def test_undated_span_joins_its_whole_address_only():
    seen = _seen([("A", "X", 0), ("B", "X", 5 * W), ("U", "X", None), ("E", "Y", 0), ("F", "Y", 5 * W)])
    assert _groups(list("ABUEF"), seen) == {frozenset("ABU"), frozenset("E"), frozenset("F")}
    # Two undated people at one address share it.
    assert _groups(["U", "V"], _seen([("U", "X", None), ("V", "X", None)])) == {frozenset("UV")}


def test_unitless_shared_building_is_not_a_household():
    seen = _seen([("A", "BLOCK", 0), ("B", "BLOCK", 0), ("C", "BLOCK-101", 0), ("D", "BLOCK-101", 1)])
    assert _groups(list("ABCD"), seen, unitless=frozenset({"BLOCK"})) == {
        frozenset("A"), frozenset("B"), frozenset("CD")}


def test_relations_join_unless_living_apart():
    seen = _seen([("A", "X", 0), ("B", "Y", 0), ("C", "X", 0), ("C", "Z", 900)])
    rel = pd.DataFrame([("B", "A", "배우자", "c1"), ("C", "A", "자녀", "c2"), ("D", "A", "부모", "c3"),
                        ("E", "A", "전배우자", "c4"), ("A", "A", "배우자", "c5")],
                       columns=["person_a", "person_b", "relation", "call_id"])
    members, _, related, stats = households.build(list("ABCDE"), seen, rel, set())
    hh = dict(zip(members["person_id"], members["household_id"], strict=True))
    assert hh["A"] == hh["C"] == hh["D"]  # C shares X with A; D has no address on record
    assert hh["B"] != hh["A"] and hh["E"] != hh["A"]  # B on record elsewhere only; former spouse
    assert int(stats.iloc[0]["relation_joins"]) == 2
    assert len(related) == 4  # the self-relation is dropped


# --- the former implementation, kept as the reference --------------------------------------------

def _reference_build(persons, seen, relations, unitless_shared, window_days=W):
    uf = UnionFind(sorted(persons))
    seen = seen.dropna(subset=["address_id"])
    seen = seen[~seen["address_id"].isin(unitless_shared)]
    spans = seen.groupby(["address_id", "person_id"])["date"].agg(["min", "max"]).reset_index()
    for _, grp in spans.groupby("address_id"):
        rows = list(grp.itertuples(index=False))
        for i in range(1, len(rows)):
            for j in range(i):
                if _reference_overlap(rows[i], rows[j], window_days):
                    uf.union(rows[i].person_id, rows[j].person_id)
    addrs = spans.groupby("person_id")["address_id"].agg(set).to_dict()
    related = defaultdict(set)
    joined = 0
    for r in relations.itertuples(index=False):
        if not r.person_a or not r.person_b or r.person_a == r.person_b:
            continue
        related[(r.person_a, r.person_b, r.relation)].add(r.call_id)
        if r.relation in households.HOUSEHOLD_RELATIONS:
            a, b = addrs.get(r.person_a, set()), addrs.get(r.person_b, set())
            if not a or not b or a & b:
                uf.union(r.person_a, r.person_b)
                joined += 1
    hh_of = {p: "H-" + hashlib.sha1(uf.find(p).encode("utf-8")).hexdigest()[:12] for p in persons}
    members = pd.DataFrame({"person_id": list(hh_of), "household_id": list(hh_of.values())})
    span_p = seen.groupby("person_id")["date"].agg(["min", "max"])
    members["from"] = members["person_id"].map(span_p["min"]) if len(span_p) else None
    members["to"] = members["person_id"].map(span_p["max"]) if len(span_p) else None
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


def _reference_overlap(a, b, window_days):
    if a.min is None or b.min is None or pd.isna(a.min) or pd.isna(b.min):
        return True
    gap = max((b.min - a.max).days, (a.min - b.max).days, 0)
    return gap <= window_days


def _random_case(seed: int):
    rng = random.Random(seed)
    n_people, n_addr = rng.randint(5, 60), rng.randint(1, 12)
    persons = [f"P{i:03d}" for i in range(n_people)]
    rows = []
    for _ in range(rng.randint(1, 200)):
        p, a = rng.choice(persons), f"A{rng.randrange(n_addr)}"
        # Days clustered near multiples of the window, so edges at exactly W, W ± 1 occur often.
        d = None if rng.random() < 0.08 else rng.randrange(6) * W + rng.choice([0, 1, -1, rng.randrange(-40, 40)])
        rows.append((p, None if rng.random() < 0.03 else a, d))
    seen = _seen(rows)
    rel_kinds = sorted(households.HOUSEHOLD_RELATIONS) + ["전배우자", "연인", "지인"]
    rel = pd.DataFrame([(rng.choice(persons + [""]), rng.choice(persons), rng.choice(rel_kinds),
                         rng.choice(["c1", "c2", "c3", ""])) for _ in range(rng.randint(0, 40))],
                       columns=["person_a", "person_b", "relation", "call_id"])
    unitless = {f"A{i}" for i in range(n_addr) if rng.random() < 0.15}
    window = rng.choice([W, 0, 30])
    return persons, seen, rel, unitless, window


@pytest.mark.parametrize("seed", range(300))
def test_same_output_as_the_all_pairs_reference(seed: int):
    persons, seen, rel, unitless, window = _random_case(seed)
    got = households.build(persons, seen, rel, unitless, window_days=window)
    want = _reference_build(persons, seen, rel, unitless, window_days=window)
    for g, w in zip(got, want, strict=True):
        pd.testing.assert_frame_equal(g.reset_index(drop=True), w.reset_index(drop=True))
