"""REFERENCE ONLY (tests): a per-mention Python version of `resolution.address_links`, kept to
check that the vectorised one gives the very same ids, table and statistics.

The rules it implements are described in `resolution/address_links.py`.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from resolution import addresses
from resolution.unionfind import UnionFind


def resolve(mentions: pd.DataFrame) -> tuple[pd.Series, pd.DataFrame, dict]:
    """`mentions`: columns mention_id, address (raw), person_id (may be empty), call_id (may be empty),
    role (victim for a call's victim record, call for the call itself). Returns address_id per
    mention (index aligned; None when no address), the Address table and statistics."""
    # Parsed once per distinct text: the national 7.4 M mentions repeat more texts than the
    # parser's cache holds (177 → 170 s for the stage; its per-mention loops below are the rest).
    codes, uniques = pd.factorize(mentions["address"].astype(object), use_na_sentinel=True)
    parsed_u = [addresses.parse(a) if isinstance(a, str) else None for a in uniques.tolist()] + [None]
    parsed = [parsed_u[c] for c in codes.tolist()]   # code -1 (missing) takes the last: None
    bkey = [p.building_key if p else None for p in parsed]
    by_key = {p.building_key: p for p in parsed if p}
    # Evidence pairs (road form, lot form) from one person, and from a call with its victim.
    votes: Counter[tuple[str, str]] = Counter()
    groups: dict[str, set[str]] = defaultdict(set)
    for key, pid, call, role in zip(bkey, mentions["person_id"], mentions["call_id"], mentions["role"], strict=True):
        if key is None:
            continue
        if isinstance(pid, str) and pid:
            groups["p:" + pid].add(key)
        if isinstance(call, str) and call and role in ("call", "victim"):
            groups["c:" + call].add(key)
    for keys in groups.values():
        roads = [k for k in keys if k.startswith("road|")]
        lots = [k for k in keys if k.startswith("lot|")]
        for r in roads:
            for lt in lots:
                if _compatible(by_key[r], by_key[lt]):
                    votes[(r, lt)] += 1
    best_lot: dict[str, tuple[int, str]] = {}
    best_road: dict[str, tuple[int, str]] = {}
    for (r, lt), n in votes.items():
        best_lot[r] = max(best_lot.get(r, (0, "")), (n, lt))
        best_road[lt] = max(best_road.get(lt, (0, "")), (n, r))
    uf = UnionFind()
    ties = 0
    for r, (_n, lt) in best_lot.items():
        if best_road.get(lt, (0, ""))[1] == r:
            uf.union(r, lt)
            ties += 1
    group = [uf.find(k) if k else None for k in bkey]
    # Units: a unit-less mention takes its person's single recorded unit at that building.
    units = [p.unit if p else None for p in parsed]
    person_units: dict[tuple[str, str], set[str]] = defaultdict(set)
    for g, u, pid in zip(group, units, mentions["person_id"], strict=True):
        if g and u and isinstance(pid, str) and pid:
            person_units[(pid, g)].add(u)
    filled = 0
    for i, (g, u, pid) in enumerate(zip(group, units, mentions["person_id"], strict=True)):
        if g and not u and isinstance(pid, str) and len(person_units.get((pid, g), ())) == 1:
            units[i] = next(iter(person_units[(pid, g)]))
            filled += 1
    ids = [addresses.address_id(f"{g}|{u or ''}") if g else None for g, u in zip(group, units, strict=True)]
    # The Address table: prefer the road form for the display text, keep the lot form alongside.
    rows: dict[str, dict] = {}
    for aid, p, u in zip(ids, parsed, units, strict=True):
        if aid is None:
            continue
        row = rows.setdefault(aid, {"address_id": aid, "text": None, "city": None, "district": None,
                                    "road": None, "lot": None, "unit": u})
        row["city"] = row["city"] or p.city
        row["district"] = row["district"] or p.district
        if p.kind == "road":
            row["road"] = row["road"] or p.road
        elif p.kind == "lot":
            row["lot"] = row["lot"] or p.lot
        if p.kind == "road" or row["text"] is None:
            if row["text"] is None or not row["text"].startswith("road:"):
                shown = addresses.ParsedAddress(p.kind, p.province, p.city, p.district, p.road, p.lot, u, "")
                row["text"] = ("road:" if p.kind == "road" else "") + _text(shown)
    for row in rows.values():
        row["text"] = row["text"].removeprefix("road:")
    table = pd.DataFrame(list(rows.values()),
                         columns=["address_id", "text", "city", "district", "road", "lot", "unit"])
    stats = {"mentions": int(sum(1 for i in ids if i)), "addresses": len(table), "road_lot_ties": ties,
             "units_filled": filled}
    return pd.Series(ids, index=mentions.index, dtype=object), table, stats


def _text(p: addresses.ParsedAddress) -> str:
    place = p.road if p.kind == "road" else p.lot if p.kind == "lot" else p.text
    return addresses.address_display(p.province, p.city, place or "", p.unit)


def _compatible(road: addresses.ParsedAddress, lot: addresses.ParsedAddress) -> bool:
    if road.city and lot.city and road.city != lot.city:
        return False
    if road.district and lot.district and road.district != lot.district:
        return False
    return True
