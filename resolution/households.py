"""Households from resolved people: who lived at the same address in the same period, and who is
family or partner on a call at that time.

A household is made of *stays*, not of people. A stay is one person at one address (building +
unit), from the first to the last day they were seen there. A person who moves has one stay per
address, and each stay joins the household of the people living there then: the person is a member
of one household after another (`MEMBER_OF {from, to}`), and never glues the household they left
to the one they joined.

- Co-residence: stays at the same address within `window_days` of each other. A unit-less address
  of a building where units are recorded (`unit_less_in_blocks`) says where a person lived, not
  with whom: it takes part in no co-residence.
- Relations on calls: 배우자 (spouse), 동거인 (cohabitant), 부모/자녀 (parent/child), 형제자매
  (siblings) join the two people's stays current on the call's day (`periods.current`), unless
  those are at addresses that cannot be one home (`_same_place`). Former partners (전배우자,
  전연인), partners living apart (연인), relatives, acquaintances and strangers never join.
- People never seen at an address join through relations (`_attach_stay_less`); related into
  several households, they are a member of each over the days of those relations.
- A stay nobody else shares joins the same person's household of that time when it is probably the
  same home (`_lone_stay_unions`), at most one such join per stay; two households holding two or
  more of the same people at the same time are one home under two names (`_same_people_unions`).
Every relation on a call also becomes `(Person)-[:RELATED_TO {relation, call_ids}]->(Person)`.
`household_at` gives the household of a person on a date (the rule readers of `MEMBER_OF` follow).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

import numpy as np
import pandas as pd

from resolution import periods
from resolution.clustering import components

HOUSEHOLD_RELATIONS = {"배우자", "동거인", "부모", "자녀", "형제자매", "spouse", "cohabitant", "parent",
                       "child", "sibling"}
WINDOW_DAYS = 3 * 365
MEMBER_COLUMNS = ["person_id", "household_id", "from", "to"]
_EMPTY = np.empty(0, np.int64)


def build(persons: list[str], seen: pd.DataFrame, relations: pd.DataFrame, blocks: set[str],
          window_days: int = WINDOW_DAYS, addresses: pd.DataFrame | None = None,
          ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """`seen`: person_id, address_id, date (datetime.date or None). `relations`: person_a, person_b,
    relation, call_id and optionally date (the call's day; undated relations join the people's
    latest stays). `blocks`: address ids in no co-residence (unit-less apartment blocks), added to
    those `unit_less_in_blocks` finds in `addresses` (address_id, city, district, road, lot, unit,
    address_key), which also tell which addresses can be one home.
    Returns (members: person_id, household_id, from, to — one row per person and household, the
    periods of one person following one another), (households: household_id, address_id, from,
    to), (related: person_a, person_b, relation, call_ids), (stats)."""
    if addresses is not None and len(addresses):
        blocks = set(blocks) | unit_less_in_blocks(addresses)
    else:
        addresses = None
    stays = _stays(persons, seen, blocks)
    a, b = _address_unions(stays, window_days)
    ra, rb, rday = _relation_unions(stays, relations, addresses)
    stay_less = stays["address_id"].isna().to_numpy()
    both = ~stay_less[ra] & ~stay_less[rb]
    a, b = np.concatenate([a, ra[both]]), np.concatenate([b, rb[both]])
    label = components(len(stays), a, b)
    fa, fb = _lone_stay_unions(stays, label, addresses)
    if len(fa):
        a, b = np.concatenate([a, fa]), np.concatenate([b, fb])
        label = components(len(stays), a, b)
    concurrent = _concurrent_stays(stays)
    while True:  # households just joined may share two people with another only together
        fa, fb = _same_people_unions(concurrent, label)
        if not len(fa):
            break
        a, b = np.concatenate([a, fa]), np.concatenate([b, fb])
        label = components(len(stays), a, b)
    stays, a, b = _attach_stay_less(stays, label, a, b, ra[~both], rb[~both], rday[~both])
    stays["household_id"] = _household_ids(stays, components(len(stays), a, b))
    stays = stays[stays["member"]]
    members = _memberships(stays)
    homes = stays[stays["address_id"].notna() & ~stays["block"]]
    lives = (homes.groupby(["household_id", "address_id"])
             .agg(size=("size", "sum"), first=("first", "min"), last=("last", "max")).reset_index()
             .sort_values(["household_id", "size"], ascending=[True, False], kind="stable")
             .rename(columns={"first": "from", "last": "to"}).drop(columns="size").reset_index(drop=True))
    lives["from"], lives["to"] = periods.dates(lives["from"]), periods.dates(lives["to"])
    rel = _related(relations)
    stats = pd.DataFrame([{"households": members["household_id"].nunique(), "relation_joins": len(ra),
                           "related": len(rel),
                           "people_in_several": int(members["person_id"].duplicated().sum())}])
    return members, lives, rel, stats


def household_at(members: pd.DataFrame, person_ids: pd.Series, dates: pd.Series) -> pd.Series:
    """The household of each (person, date) by `members`: the membership current on the date
    (`periods.current`); NaN for a person without membership."""
    row = periods.current(person_ids.to_numpy(dtype=object), periods.days(dates),
                          members["person_id"].to_numpy(dtype=object), periods.days(members["from"]),
                          periods.days(members["to"]))
    hh = members["household_id"].to_numpy(dtype=object)
    return pd.Series(np.where(row >= 0, hh[np.maximum(row, 0)], np.nan), index=person_ids.index, dtype=object)


def unit_less_in_blocks(addresses: pd.DataFrame) -> set[str]:
    """Address ids without a unit at a building where units are recorded: an apartment block, not a
    home. The building is matched by either of its forms (city + road name and number, city + lot
    number) or its sealed place, so a unit-less road form counts even when the units were written
    with the lot form."""
    a = addresses.drop_duplicates("address_id")
    city = a["city"].fillna("").astype(str)
    keys = {"road": "r|" + city + "|" + a["road"].astype(str),
            "lot": "l|" + city + "|" + a["lot"].astype(str),
            "address_key": "k|" + a["address_key"].astype(str)}
    with_unit = a["unit"].notna().to_numpy()
    out = np.zeros(len(a), dtype=bool)
    for column, key in keys.items():
        present = a[column].notna().to_numpy()
        out |= present & ~with_unit & key.isin(set(key[present & with_unit])).to_numpy()
    return set(a["address_id"][out])


def _stays(persons: list[str], seen: pd.DataFrame, blocks: set[str]) -> pd.DataFrame:
    """One row per (person, address): first / last day seen (NaN if only undated), observations, and
    whether the address is a block; a person never seen at an address gets one stay without one.
    Sorted by (person, address), so a household's smallest row is its smallest key."""
    seen = seen.dropna(subset=["address_id"])
    obs = pd.DataFrame({"person_id": seen["person_id"].to_numpy(),
                        "address_id": seen["address_id"].to_numpy(), "day": periods.days(seen["date"])})
    stays = (obs.groupby(["person_id", "address_id"])["day"].agg(first="min", last="max", size="size")
             .reset_index())
    rest = pd.Index(pd.unique(pd.Series(persons, dtype=object))).difference(pd.Index(stays["person_id"]))
    none = pd.DataFrame({"person_id": rest.to_numpy(dtype=object), "address_id": None, "first": np.nan,
                         "last": np.nan, "size": 0})
    stays = pd.concat([stays, none], ignore_index=True) if len(none) else stays
    stays["block"] = stays["address_id"].isin(blocks)
    stays = stays.sort_values(["person_id", "address_id"], kind="stable", na_position="first")
    return stays.reset_index(drop=True)


def _address_unions(stays: pd.DataFrame, window_days: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of stays whose union gives the connected components of "same address, spans at most
    `window_days` apart". At one address, spans sorted by first day chain together until a span
    starts more than the window after the latest end so far: that is where a new component begins.
    An undated stay is close to every other stay (the shared address alone decides), so an address
    with one is a single component. Linear after the sort, where comparing all pairs per address
    was quadratic (a block with thousands of people took hours at national scale)."""
    sp = stays[stays["address_id"].notna() & ~stays["block"]]
    if sp.empty:
        return _EMPTY, _EMPTY
    sp = sp.sort_values(["address_id", "first"], kind="stable", na_position="last")
    addr = sp["address_id"].to_numpy()
    lo, hi = sp["first"].to_numpy(dtype=float), sp["last"].to_numpy(dtype=float)
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
    rows = sp.index.to_numpy()
    head = rows[np.flatnonzero(start)][component]
    return rows[~start], head[~start]


def _relation_unions(stays: pd.DataFrame, relations: pd.DataFrame,
                     addresses: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stay pairs joined by household relations, and the call's day: each person's stay current on
    that day; never two stays at addresses that cannot be one home (`_same_place`; without the
    address table, at different addresses)."""
    if relations.empty:
        return _EMPTY, _EMPTY, np.empty(0)
    r = relations[relations["relation"].isin(HOUSEHOLD_RELATIONS)]
    pa, pb = r["person_a"].to_numpy(dtype=object), r["person_b"].to_numpy(dtype=object)
    r = r[pd.notna(pa) & pd.notna(pb) & (pa != "") & (pb != "") & (pa != pb)]
    if r.empty:
        return _EMPTY, _EMPTY, np.empty(0)
    day = periods.days(r["date"]) if "date" in r.columns else np.full(len(r), np.nan)
    of = stays["person_id"].to_numpy(dtype=object)
    lo, hi = stays["first"].to_numpy(), stays["last"].to_numpy()
    sa = periods.current(r["person_a"].to_numpy(dtype=object), day, of, lo, hi)
    sb = periods.current(r["person_b"].to_numpy(dtype=object), day, of, lo, hi)
    found = (sa >= 0) & (sb >= 0)  # a person missing from `persons` has no stay: nothing to join
    sa, sb, day = sa[found], sb[found], day[found]
    addr = stays["address_id"].to_numpy(dtype=object)
    aa, ab = addr[sa], addr[sb]
    join = pd.isna(aa) | pd.isna(ab) | (aa == ab)
    if addresses is not None and (~join).any():
        apart = np.flatnonzero(~join)
        join[apart] = _same_place(aa[apart], ab[apart], addresses)
    return sa[join], sb[join], day[join]


def _lone_stay_unions(stays: pd.DataFrame, label: np.ndarray,
                      addresses: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray]:
    """A stay nobody else shares (its household would be this person alone) joins the same person's
    household of that time when it is probably the same home: a stay overlapping it in time (one
    household at a time: the place written another way, or a record the other members never appear
    on); else the stay just before or after it at an address that can be the same home
    (`_same_place`); else another lone stay of the same time. One after another, at places that
    cannot be one, stays are moves. Each lone stay joins at most one stay, so no chain of them glues
    two groups of other people together — which joining a person's stays in general does: a victim
    who leaves would bring the household she left into the one she joined."""
    person = stays["person_id"].to_numpy(dtype=object)
    people = pd.Series(person).groupby(label).nunique().to_numpy()  # sorted by label, as np.unique
    lone = people[np.unique(label, return_inverse=True)[1]] == 1
    several = pd.Series(person).duplicated(keep=False).to_numpy()
    lone_rows = np.flatnonzero(lone & several)
    if not len(lone_rows):
        return _EMPTY, _EMPTY
    lo, hi = stays["first"].to_numpy(), stays["last"].to_numpy()
    shared = np.flatnonzero(~lone & several)
    target = periods.current(person[lone_rows], lo[lone_rows], person[shared], lo[shared], hi[shared])
    to = np.full(len(lone_rows), -1)
    if len(shared):
        to = np.where(target >= 0, shared[np.maximum(target, 0)], -1)
    with np.errstate(invalid="ignore"):
        overlaps = (lo[to] <= hi[lone_rows]) & (lo[lone_rows] <= hi[to])
    to = np.where((to >= 0) & overlaps, to, -1)
    if addresses is not None:
        to = _neighbour_at_same_place(stays, lone_rows, to, several, lone, addresses)
    rest = lone_rows[to < 0]
    rest = rest[np.lexsort((lo[rest], person[rest]))]
    reach = pd.Series(hi[rest]).groupby(person[rest]).cummax().groupby(person[rest]).shift().to_numpy()
    with np.errstate(invalid="ignore"):
        concurrent = lo[rest] <= reach
    prev = np.empty_like(rest)
    prev[1:] = rest[:-1]
    to[np.searchsorted(lone_rows, rest[concurrent])] = prev[concurrent]
    keep = (to >= 0) & (to != lone_rows)
    return lone_rows[keep], to[keep]


def _concurrent_stays(stays: pd.DataFrame) -> pd.DataFrame:
    """Pairs of one person's dated stays at two addresses that overlap in time: person, row, row_o."""
    dated = stays["address_id"].notna().to_numpy() & ~np.isnan(stays["first"].to_numpy())
    person = stays["person_id"].to_numpy(dtype=object)
    rows = np.flatnonzero(dated & pd.Series(person).duplicated(keep=False).to_numpy())
    s = pd.DataFrame({"p": person[rows], "row": rows, "lo": stays["first"].to_numpy()[rows],
                      "hi": stays["last"].to_numpy()[rows]})
    pairs = s.merge(s, on="p", suffixes=("", "_o"))
    overlap = (pairs["lo"] <= pairs["hi_o"]) & (pairs["lo_o"] <= pairs["hi"])
    pairs = pairs[(pairs["row"] < pairs["row_o"]) & overlap]
    return pairs[["p", "row", "row_o"]].reset_index(drop=True)


def _same_people_unions(concurrent: pd.DataFrame, label: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of stays joining two households that hold two or more of the same people at the same
    time (`concurrent`): one home under two names (a sealed and a readable form, two forms
    resolution did not tie). One person in two households at once is not enough — a record with an
    address the person has left would glue the household they left to the one they joined."""
    h, h_o = label[concurrent["row"].to_numpy()], label[concurrent["row_o"].to_numpy()]
    apart = h != h_o
    if not apart.any():
        return _EMPTY, _EMPTY
    c = pd.DataFrame({"p": concurrent["p"].to_numpy()[apart], "row": concurrent["row"].to_numpy()[apart],
                      "row_o": concurrent["row_o"].to_numpy()[apart],
                      "lo": np.minimum(h, h_o)[apart], "hi": np.maximum(h, h_o)[apart]})
    c = c[c.groupby(["lo", "hi"])["p"].transform("nunique").to_numpy() >= 2].drop_duplicates(["lo", "hi"])
    return c["row"].to_numpy(), c["row_o"].to_numpy()


def _neighbour_at_same_place(stays: pd.DataFrame, lone_rows: np.ndarray, to: np.ndarray, several: np.ndarray,
                             lone: np.ndarray, addresses: pd.DataFrame) -> np.ndarray:
    """`to`, with each lone stay still without one pointed at the same person's stay just before it,
    or else just after it, when the two can be one home; a shared neighbour before a lone one."""
    person = stays["person_id"].to_numpy(dtype=object)
    rows = np.flatnonzero(several)
    rows = rows[np.lexsort((stays["first"].to_numpy()[rows], person[rows]))]
    same = person[rows[1:]] == person[rows[:-1]]
    before, after = np.full(len(stays), -1), np.full(len(stays), -1)
    before[rows[1:][same]] = rows[:-1][same]
    after[rows[:-1][same]] = rows[1:][same]
    addr = stays["address_id"].to_numpy(dtype=object)
    out = to.copy()
    for only_shared in (True, False):
        for side in (before, after):
            n = side[lone_rows]
            open_ = (out < 0) & (n >= 0)
            if only_shared:
                open_ &= ~lone[np.maximum(n, 0)]
            idx = np.flatnonzero(open_)
            ok = _same_place(addr[lone_rows[idx]], addr[n[idx]], addresses)
            out[idx[ok]] = n[idx[ok]]
    return out


def _same_place(a: np.ndarray, b: np.ndarray, addresses: pd.DataFrame) -> np.ndarray:
    """Whether two address ids can be one home: the same city, and nothing that tells them apart —
    no road name, lot number or district present on both sides and different, and the same unit or
    a unit on one side only. One building in its two forms (road name / lot number), which address
    resolution ties only on stronger evidence, or a unit left out. It decides only where one person
    lived or whether two relatives on a call live together, never whether two addresses are one.
    A sealed address has no city: it matches none (nothing readable says it is the same place)."""
    if not len(a):
        return np.zeros(0, dtype=bool)
    t = addresses.drop_duplicates("address_id").set_index("address_id")
    ok = np.ones(len(a), dtype=bool)
    for name in ("city", "district", "road", "lot", "unit"):
        x, y = t[name].reindex(a).to_numpy(dtype=object), t[name].reindex(b).to_numpy(dtype=object)
        both = pd.notna(x) & pd.notna(y)
        ok &= (both & (x == y)) if name == "city" else (~both | (x == y))
    return ok


def _attach_stay_less(stays: pd.DataFrame, label: np.ndarray, a: np.ndarray, b: np.ndarray, va: np.ndarray,
                      vb: np.ndarray, day: np.ndarray) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """People never seen at an address (one stay without address each) join households through
    relations: `va`–`vb`, at least one side such a stay, on `day`. People related among themselves
    only, or into one household, join it whole. A group related into several households (a child
    of a parent who moved, a partner of one victim after another) would glue them: instead each of
    its people related into them is a member of each, over the days of those relations (a stay
    there `via` the address related through), and their stay without address is no membership.
    Returns the stays with those added, sorted by key again, and the union pairs renumbered."""
    stay_less = stays["address_id"].isna().to_numpy()
    stays = stays.assign(via=None, member=True)
    vv = stay_less[va] & stay_less[vb]
    group = components(len(stays), va[vv], vb[vv])
    a_side = stay_less[va[~vv]]
    v = np.where(a_side, va[~vv], vb[~vv])
    s = np.where(a_side, vb[~vv], va[~vv])
    att = pd.DataFrame({"v": v, "s": s, "day": day[~vv], "group": group[v], "home": label[s]})
    into_one = att["group"].map(att.groupby("group")["home"].nunique()).to_numpy() == 1
    a, b = np.concatenate([a, va[vv], v[into_one]]), np.concatenate([b, vb[vv], s[into_one]])
    several = att[~into_one]
    if several.empty:
        return stays, a, b
    rows = (several.groupby(["v", "home"])
            .agg(s=("s", "min"), first=("day", "min"), last=("day", "max")).reset_index())
    extra = pd.DataFrame({"person_id": stays["person_id"].to_numpy(dtype=object)[rows["v"]],
                          "address_id": None, "first": rows["first"].to_numpy(),
                          "last": rows["last"].to_numpy(), "size": 0, "block": False,
                          "via": stays["address_id"].to_numpy(dtype=object)[rows["s"]], "member": True})
    stays.loc[np.unique(rows["v"]), "member"] = False
    a = np.concatenate([a, len(stays) + np.arange(len(rows))])
    b = np.concatenate([b, rows["s"].to_numpy()])
    combined = pd.concat([stays, extra], ignore_index=True)
    combined = combined.sort_values(["person_id", "address_id", "via", "first"], kind="stable",
                                    na_position="first")
    renumber = np.empty(len(combined), dtype=np.int64)
    renumber[combined.index.to_numpy()] = np.arange(len(combined))
    return combined.reset_index(drop=True), renumber[a], renumber[b]


def _household_ids(stays: pd.DataFrame, label: np.ndarray) -> np.ndarray:
    """Household id: a hash of its smallest member row's key, so it is stable across runs: the person
    id alone for the person's first row (as when everyone had one household), else with the address
    (or the address related through, and the first day). Rows are sorted by key."""
    member = stays["member"].to_numpy() if "member" in stays else np.ones(len(stays), dtype=bool)
    person = stays["person_id"].to_numpy(dtype=object)
    addr = stays["address_id"].to_numpy(dtype=object)
    via = stays["via"].to_numpy(dtype=object) if "via" in stays else np.full(len(stays), None, dtype=object)
    first = stays["first"].to_numpy()
    rows = np.flatnonzero(member)
    first_of_person = np.zeros(len(stays), dtype=bool)
    first_of_person[rows] = pd.Series(person[rows]).ne(pd.Series(person[rows]).shift()).to_numpy()
    head = pd.Series(rows).groupby(label[rows]).min()
    names = {}
    for lab, h in zip(head.index.tolist(), head.tolist(), strict=True):
        if first_of_person[h]:
            key = person[h]
        elif addr[h] is not None:
            key = f"{person[h]}|{addr[h]}"
        else:
            key = f"{person[h]}|~{via[h]}@{first[h]}"
        names[lab] = "H-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    return np.array([names.get(x) for x in label.tolist()], dtype=object)


def _memberships(stays: pd.DataFrame) -> pd.DataFrame:
    """One row per (person, household): from the first day seen in it to the last, or to the day
    before the person's next household begins (`periods.one_after_another`)."""
    m = (stays.groupby(["person_id", "household_id"], sort=False)
         .agg(lo=("first", "min"), hi=("last", "max")).reset_index())
    m = m.assign(neg_hi=-m["hi"]).sort_values(["person_id", "lo", "neg_hi"], kind="stable",
                                              na_position="last")
    m = m.reset_index(drop=True)
    person, lo = m["person_id"].to_numpy(dtype=object), m["lo"].to_numpy()
    hi = periods.one_after_another(person, lo, m["hi"].to_numpy())
    return pd.DataFrame({"person_id": person, "household_id": m["household_id"].to_numpy(),
                         "from": periods.dates(pd.Series(lo)).to_numpy(),
                         "to": periods.dates(pd.Series(hi)).to_numpy()}, columns=MEMBER_COLUMNS)


def _related(relations: pd.DataFrame) -> pd.DataFrame:
    related: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    if len(relations):
        columns = (relations[c] for c in ("person_a", "person_b", "relation", "call_id"))
        for pa, pb, relation, call_id in zip(*columns, strict=True):
            if pa and pb and pa == pa and pb == pb and pa != pb:
                related[(pa, pb, relation)].add(call_id)
    return pd.DataFrame([{"person_a": a, "person_b": b, "relation": r,
                          "call_ids": sorted(c for c in calls if c)} for (a, b, r), calls in related.items()],
                        columns=["person_a", "person_b", "relation", "call_ids"])
