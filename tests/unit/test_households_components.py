"""Households: co-residence at one address by linear sweep (against an all-pairs reference), stays
of one person that follow one another instead of gluing households, relations on the call's day,
people without address, one home written two ways, and the membership periods readers rely on."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import numpy as np
import pandas as pd
import pytest

from resolution import households, periods
from resolution.clustering import components

D0 = dt.date(2020, 1, 1)
W = households.WINDOW_DAYS


def _day(n: int | None) -> dt.date | None:
    return None if n is None else D0 + dt.timedelta(days=n)


def _seen(rows: list[tuple[str, str | None, int | None]]) -> pd.DataFrame:
    return pd.DataFrame([(p, a, _day(n)) for p, a, n in rows], columns=["person_id", "address_id", "date"])


def _rel(rows: list[tuple[str, str, str, int | None]]) -> pd.DataFrame:
    return pd.DataFrame([(a, b, r, f"c{i}", _day(n)) for i, (a, b, r, n) in enumerate(rows)],
                        columns=["person_a", "person_b", "relation", "call_id", "date"])


NO_RELATIONS = pd.DataFrame(columns=["person_a", "person_b", "relation", "call_id"])


def _addresses(rows: list[tuple[str, str | None, str | None, str | None, str | None, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["address_id", "city", "district", "road", "lot", "unit"]).assign(
        address_key=None)


def _groups(persons, seen, relations=NO_RELATIONS, unitless=frozenset(), **kw) -> set[frozenset[str]]:
    members = households.build(persons, seen, relations, set(unitless), **kw)[0]
    out: dict[str, set[str]] = defaultdict(set)
    for p, h in zip(members["person_id"], members["household_id"], strict=True):
        out[h].add(p)
    return {frozenset(g) for g in out.values()}


def _at(members: pd.DataFrame, person: str, day: int) -> str:
    return households.household_at(members, pd.Series([person]), pd.Series([_day(day)])).iloc[0]


# --- co-residence at one address ---------------------------------------------------------------

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
    assert _groups(["U", "V"], _seen([("U", "X", None), ("V", "X", None)])) == {frozenset("UV")}


def test_unitless_address_of_a_block_is_no_household():
    seen = _seen([("A", "BLOCK", 0), ("B", "BLOCK", 0), ("C", "BLOCK-101", 0), ("D", "BLOCK-101", 1)])
    assert _groups(list("ABCD"), seen, unitless=frozenset({"BLOCK"})) == {
        frozenset("A"), frozenset("B"), frozenset("CD")}


def test_blocks_are_found_by_either_form_of_the_building():
    table = _addresses([
        ("R", "제주시", None, "연삼로 10", None, None),            # road form, no unit
        ("RU", "제주시", "이도2동", "연삼로 10", "이도2동 55", "101-202"),  # same road, a unit
        ("L", "제주시", "이도2동", None, "이도2동 55", None),        # lot form of the same, no unit
        ("H", "제주시", None, "연삼로 12", None, None),            # a house: no unit anywhere
        ("S", "서귀포시", None, "연삼로 10", None, None),           # same road text, other city
    ])
    assert households.unit_less_in_blocks(table) == {"R", "L"}
    seen = _seen([("A", "R", 0), ("B", "R", 0), ("C", "H", 0), ("D", "H", 5)])
    assert _groups(list("ABCD"), seen, addresses=table) == {frozenset("A"), frozenset("B"), frozenset("CD")}


# --- people who move ------------------------------------------------------------------------------

def test_a_person_who_moves_is_a_member_of_one_household_after_another():
    # V lives with O at X, then leaves with her child K for Y; O stays.
    seen = _seen([("V", "X", 0), ("O", "X", 0), ("O", "X", 300), ("V", "X", 100),
                  ("V", "Y", 200), ("K", "Y", 210), ("V", "Y", 400)])
    members = households.build(["K", "O", "V"], seen, NO_RELATIONS, set())[0]
    assert _groups(["K", "O", "V"], seen) == {frozenset("OV"), frozenset("KV")}
    v = members[members["person_id"] == "V"].sort_values("from")
    assert list(v["from"]) == [_day(0), _day(200)]
    assert list(v["to"]) == [_day(199), _day(400)]  # the first ends the day before the second begins
    old, new = _at(members, "O", 0), _at(members, "K", 210)
    assert old != new
    assert [_at(members, "V", d) for d in (50, 150, 199, 200, 500)] == [old, old, old, new, new]
    assert _at(members, "V", -30) == old  # before anything seen: the first membership


def test_a_visit_inside_a_long_stay_does_not_end_it():
    seen = _seen([("V", "X", 0), ("O", "X", 5), ("V", "X", 400), ("V", "Z", 100), ("Q", "Z", 100)])
    members = households.build(["O", "Q", "V"], seen, NO_RELATIONS, set())[0]
    v = members[members["person_id"] == "V"].set_index("household_id")
    home, visit = _at(members, "O", 5), _at(members, "Q", 100)
    assert (v.loc[home, "from"], v.loc[home, "to"]) == (_day(0), _day(400))
    assert (v.loc[visit, "from"], v.loc[visit, "to"]) == (_day(100), _day(100))
    assert [_at(members, "V", d) for d in (50, 100, 300)] == [home, visit, home]


def test_relations_join_the_stays_of_the_calls_day():
    # V moved from X to Y on day 200; a spouse call on day 50 joins O (no address) to X's
    # household; a spouse call on day 250 between V (now at Y) and P (at X) joins nothing.
    seen = _seen([("V", "X", 0), ("V", "X", 100), ("V", "Y", 200), ("V", "Y", 300), ("P", "X", 260)])
    rel = _rel([("O", "V", "배우자", 50), ("P", "V", "spouse", 250), ("E", "V", "전배우자", 60)])
    members, _, related, stats = households.build(["E", "O", "P", "V"], seen, rel, set())
    x, y = _at(members, "V", 50), _at(members, "V", 250)
    assert x != y
    assert _at(members, "O", 50) == x
    assert _at(members, "P", 260) == x  # P shares X with V's earlier stay (within the window)
    assert _at(members, "E", 60) not in (x, y)  # a former spouse never joins
    assert int(stats.iloc[0]["relation_joins"]) == 1
    assert len(related) == 3


def test_relations_without_a_day_join_the_latest_stays_and_never_people_living_apart():
    seen = _seen([("A", "X", 0), ("B", "Y", 0), ("C", "X", 0), ("C", "Z", 900)])
    rel = pd.DataFrame([("B", "A", "배우자", "c1"), ("C", "A", "자녀", "c2"), ("D", "A", "부모", "c3"),
                        ("E", "A", "전배우자", "c4"), ("A", "A", "배우자", "c5")],
                       columns=["person_a", "person_b", "relation", "call_id"])
    members, _, related, stats = households.build(list("ABCDE"), seen, rel, set())
    hh = _at(members, "A", 0)
    assert _at(members, "C", 0) == hh and _at(members, "D", 0) == hh  # C shares X with A; D has no address
    assert _at(members, "C", 900) != hh  # C later lives at Z: the child relation joins nothing there
    assert _at(members, "B", 0) != hh and _at(members, "E", 0) != hh  # B on record elsewhere; former spouse
    assert int(stats.iloc[0]["relation_joins"]) == 1
    assert len(related) == 4  # the self-relation is dropped


def test_a_person_without_address_related_into_two_households_is_a_member_of_each_in_turn():
    # K (never seen at an address) is V's child on calls before and after V moved from X to Y.
    seen = _seen([("V", "X", 0), ("O", "X", 0), ("V", "Y", 200), ("V", "Y", 300)])
    rel = _rel([("K", "V", "자녀", 50), ("K", "V", "자녀", 250), ("O", "V", "배우자", 10)])
    members = households.build(["K", "O", "V"], seen, rel, set())[0]
    x, y = _at(members, "O", 0), _at(members, "V", 250)
    assert x != y
    k = members[members["person_id"] == "K"].sort_values("from")
    assert list(k["household_id"]) == [x, y]
    assert list(k["from"]) == [_day(50), _day(250)]
    assert _groups(["K", "O", "V"], seen, rel) == {frozenset("KOV"), frozenset("KV")}


def test_people_without_address_related_among_themselves_and_into_one_household_join_it():
    seen = _seen([("V", "X", 0)])
    rel = _rel([("A", "V", "배우자", 10), ("B", "A", "자녀", 20), ("C", "D", "형제자매", 30)])
    assert _groups(list("ABCDV"), seen, rel) == {frozenset("ABV"), frozenset("CD")}


# --- one home written two ways -----------------------------------------------------------------

FORMS = _addresses([
    ("ROAD", "제주시", None, "연삼로 10", None, None),
    ("LOT", "제주시", "이도2동", None, "이도2동 55", None),
    ("FAR", "제주시", "노형동", None, "노형동 900", None),
    ("OTHER-CITY", "서귀포시", None, None, "이도2동 55", None),
    ("FLAT", "제주시", None, "신광로 7", None, "101-202"),
    ("FLAT-LOT", "제주시", "연동", None, "연동 12", "101-303"),
])


def test_same_place_is_one_building_in_two_forms_or_a_unit_left_out():
    with_units = pd.concat([FORMS, _addresses([("FLAT-NO-UNIT", "제주시", None, "신광로 7", None, None)])])
    pairs = [("ROAD", "LOT", True), ("ROAD", "FAR", True), ("LOT", "FAR", False), ("LOT", "OTHER-CITY", False),
             ("FLAT", "FLAT-NO-UNIT", True), ("FLAT", "FLAT-LOT", False), ("ROAD", "FLAT", False)]
    same = households._same_place(np.array([p[0] for p in pairs], dtype=object),
                                  np.array([p[1] for p in pairs], dtype=object), with_units)
    assert same.tolist() == [p[2] for p in pairs]


def test_one_persons_stays_at_two_forms_of_one_home_are_one_household():
    # A alone at the road form, then at the lot form: one home written two ways, not a move.
    seen = _seen([("A", "ROAD", 0), ("A", "ROAD", 30), ("A", "LOT", 60), ("B", "FAR", 0), ("B", "LOT", 90)])
    groups = _groups(["A", "B"], seen, addresses=FORMS)
    assert frozenset("AB") in groups  # B shares LOT with A
    # Without the address table nothing says they can be one home: A has moved.
    members = households.build(["A", "B"], seen, NO_RELATIONS, set())[0]
    assert _at(members, "A", 0) != _at(members, "A", 60)


def test_relatives_on_one_call_at_two_forms_of_one_home_live_together():
    seen = _seen([("V", "ROAD", 10), ("O", "LOT", 10), ("P", "FLAT-LOT", 10), ("Q", "FLAT", 10)])
    rel = _rel([("O", "V", "배우자", 10), ("P", "Q", "배우자", 10)])
    groups = _groups(["O", "P", "Q", "V"], seen, rel, addresses=FORMS)
    # O's lot form can be V's road form; P's and Q's units are different homes.
    assert groups == {frozenset("OV"), frozenset("P"), frozenset("Q")}


def test_a_lone_stay_during_a_shared_one_is_the_same_household():
    # V lives with O at X for a year; one record puts V at W (a form nothing ties) in the middle.
    seen = _seen([("V", "X", 0), ("O", "X", 0), ("V", "X", 360), ("O", "X", 360), ("V", "W", 180)])
    members = households.build(["O", "V"], seen, NO_RELATIONS, set())[0]
    assert members["household_id"].nunique() == 1 and len(members) == 2


def test_two_names_of_one_home_holding_the_same_people_at_once_are_one_household():
    # V and K recorded at S and at R alternately (one home, one form sealed, the other readable).
    seen = _seen([("V", "S", 0), ("K", "R", 5), ("V", "R", 10), ("K", "S", 15), ("V", "S", 20), ("K", "R", 25),
                  ("O", "R", 12)])
    assert _groups(["K", "O", "V"], seen) == {frozenset("KOV")}
    # K seen at each only once, one after the other: only V is in both at once, and K has moved.
    seen = _seen([("V", "S", 0), ("K", "R", 5), ("V", "R", 10), ("K", "S", 15), ("V", "S", 20), ("O", "R", 12)])
    assert _groups(["K", "O", "V"], seen) == {frozenset("KOV"), frozenset("KV")}


def test_one_person_in_two_households_at_once_does_not_join_them():
    # V's record at Y (with K) falls inside her stay at X (with O): an address she had left, or a
    # visit — not enough to make X and Y one household.
    seen = _seen([("V", "X", 0), ("O", "X", 0), ("V", "X", 100), ("O", "X", 100), ("V", "Y", 50), ("K", "Y", 50)])
    assert _groups(["K", "O", "V"], seen) == {frozenset("OV"), frozenset("KV")}


def test_lone_stays_one_after_another_elsewhere_are_moves():
    seen = _seen([("V", "X", 0), ("O", "X", 0), ("V", "W", 200), ("V", "W", 220), ("V", "Z", 400)])
    members = households.build(["O", "V"], seen, NO_RELATIONS, set())[0]
    assert members[members["person_id"] == "V"]["household_id"].nunique() == 3


# --- ids ---------------------------------------------------------------------------------------------

def test_household_ids_are_stable_distinct_and_keep_the_single_household_form():
    seen = _seen([("V", "X", 0), ("O", "X", 0), ("V", "Y", 200), ("K", "Y", 210), ("S", "Z", 5)])
    persons = ["K", "O", "S", "V"]
    first = households.build(persons, seen, NO_RELATIONS, set())[0]
    again = households.build(list(reversed(persons)), seen.iloc[::-1], NO_RELATIONS, set())[0]
    key = ["person_id", "household_id"]
    assert set(map(tuple, first[key].to_numpy())) == set(map(tuple, again[key].to_numpy()))
    assert first.groupby("household_id")["person_id"].nunique().to_dict() == {
        _at(first, "O", 0): 2, _at(first, "K", 210): 2, _at(first, "S", 5): 1}
    import hashlib
    assert _at(first, "S", 5) == "H-" + hashlib.sha1(b"S").hexdigest()[:12]


# --- the linear parts against brute force ---------------------------------------------------------

def _reference_address_components(stays: pd.DataFrame, window_days: int) -> set[frozenset[int]]:
    """All pairs per address: same address, spans at most `window_days` apart or either undated."""
    parent = list(range(len(stays)))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    usable = stays[stays["address_id"].notna() & ~stays["block"]]
    for _, grp in usable.groupby("address_id"):
        rows = list(grp.itertuples())
        for i in range(len(rows)):
            for j in range(i):
                a, b = rows[i], rows[j]
                undated = np.isnan(a.first) or np.isnan(b.first)
                if undated or max(b.first - a.last, a.first - b.last, 0) <= window_days:
                    parent[find(a.Index)] = find(b.Index)
    out: dict[int, set[int]] = defaultdict(set)
    for i in range(len(stays)):
        out[find(i)].add(i)
    return {frozenset(g) for g in out.values()}


def _random_stays(seed: int) -> tuple[pd.DataFrame, int]:
    rng = random.Random(seed)
    persons = [f"P{i:03d}" for i in range(rng.randint(5, 60))]
    n_addr = rng.randint(1, 12)
    rows = []
    for _ in range(rng.randint(1, 200)):
        # Days clustered near multiples of the window, so edges at exactly W, W ± 1 occur often.
        d = None if rng.random() < 0.08 else rng.randrange(6) * W + rng.choice([0, 1, -1, rng.randrange(-40, 40)])
        rows.append((rng.choice(persons), None if rng.random() < 0.03 else f"A{rng.randrange(n_addr)}", d))
    blocks = {f"A{i}" for i in range(n_addr) if rng.random() < 0.15}
    return households._stays(persons, _seen(rows), blocks), rng.choice([W, 0, 30])


@pytest.mark.parametrize("seed", range(200))
def test_address_sweep_gives_the_all_pairs_components(seed: int):
    stays, window = _random_stays(seed)
    a, b = households._address_unions(stays, window)
    label = components(len(stays), a, b)
    got: dict[int, set[int]] = defaultdict(set)
    for i, lab in enumerate(label.tolist()):
        got[lab].add(i)
    assert {frozenset(g) for g in got.values()} == _reference_address_components(stays, window)


def _reference_current(day: float, periods_: list[tuple[int, float, float]]) -> int:
    dated = [p for p in periods_ if not np.isnan(p[1])]
    if not dated:
        return periods_[0][0] if periods_ else -1
    if np.isnan(day):
        return max(dated, key=lambda p: (p[1], -p[0]))[0]
    holding = [p for p in dated if p[1] <= day <= p[2]]
    if holding:
        return max(holding, key=lambda p: (p[1], -p[0]))[0]
    begun = [p for p in dated if p[1] <= day]
    if begun:
        return max(begun, key=lambda p: (p[1], -p[0]))[0]
    return min(dated, key=lambda p: (p[1], p[0]))[0]


@pytest.mark.parametrize("seed", range(100))
def test_current_period_matches_its_rule(seed: int):
    rng = random.Random(seed)
    people = [f"P{i}" for i in range(rng.randint(1, 6))]
    table = []
    for _ in range(rng.randint(0, 25)):
        lo = np.nan if rng.random() < 0.1 else float(rng.randrange(100))
        table.append((rng.choice(people), lo, lo + rng.randrange(30)))
    of = np.array([t[0] for t in table], dtype=object)
    lo, hi = np.array([t[1] for t in table], dtype=float), np.array([t[2] for t in table], dtype=float)
    queries = [(rng.choice(people), np.nan if rng.random() < 0.1 else float(rng.randrange(-10, 140)))
               for _ in range(30)]
    got = periods.current(np.array([q[0] for q in queries], dtype=object), np.array([q[1] for q in queries]),
                          of, lo, hi)
    for (p, d), g in zip(queries, got.tolist(), strict=True):
        mine = [(i, lo[i], hi[i]) for i in range(len(table)) if of[i] == p]
        assert g == _reference_current(d, mine), (p, d, mine)


@pytest.mark.parametrize("seed", range(100))
def test_periods_follow_one_another(seed: int):
    rng = random.Random(seed)
    rows = []
    for p in range(rng.randint(1, 4)):
        for _ in range(rng.randint(1, 5)):
            lo = float(rng.randrange(200))
            rows.append((f"P{p}", lo, lo + rng.randrange(120)))
    df = pd.DataFrame(rows, columns=["p", "lo", "hi"]).assign(neg=lambda d: -d["hi"])
    df = df.sort_values(["p", "lo", "neg"], kind="stable").reset_index(drop=True)
    ends = periods.one_after_another(df["p"].to_numpy(dtype=object), df["lo"].to_numpy(), df["hi"].to_numpy())
    for _, g in df.assign(end=ends).groupby("p"):
        outer = [r for i, r in enumerate(g.itertuples()) if not any(
            o.hi >= r.hi for o in list(g.itertuples())[:i])]  # not inside an earlier one
        for r, nxt in zip(outer, outer[1:], strict=False):
            assert r.end == max(r.lo, nxt.lo - 1)
        assert outer[-1].end == outer[-1].hi
        nested = [r for r in g.itertuples() if r not in outer]
        assert all(r.end == r.hi for r in nested)
