"""Canonical addresses from address mentions (person records and calls).

Text alone establishes the building (road form or lot form, see `addresses`). A road form and a lot
form of the same building are tied only on evidence: the same resolved person recorded at both, or
a call's address and its victim's address on that call. A tie needs mutual preference (the road
form's most frequent lot partner is that lot, and vice versa), the same city and no contradicting
district, so one person's move does not glue two buildings together. A mention without a unit
takes the unit the same person recorded at that building when there is exactly one.

Everything runs over integer codes (distinct texts, building keys, people, calls, units) in numpy
and pandas: the national 7.4 M mentions took 170 s in per-mention Python loops. Python touches
only distinct values (texts to parse, ties to union, one display text per address).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from resolution import addresses, parallel
from resolution.features import take_per_value  # per-value array → per-record, -1 giving `missing`
from resolution.unionfind import UnionFind


def resolve(mentions: pd.DataFrame) -> tuple[pd.Series, pd.DataFrame, dict]:
    """`mentions`: columns mention_id, address (raw), person_id (may be empty), call_id (may be empty),
    role (victim for a call's victim record, call for the call itself). Returns address_id per
    mention (index aligned; None when no address), the Address table and statistics."""
    codes, uniques = pd.factorize(mentions["address"].astype(object), use_na_sentinel=True)
    # Parsed once per distinct text, in two processes (the other core is idle in this stage).
    parsed_u = [addresses.ParsedAddress(*t) if t else None
                for t in parallel.map_list(uniques.tolist(), _parse_texts)]
    # Building key per distinct text, then per mention (-1: no address).
    key_of_text, keys = pd.factorize(pd.Series([p.building_key if p else None for p in parsed_u], dtype=object),
                                     use_na_sentinel=True)
    keys = keys.to_numpy(dtype=object)
    kcode = take_per_value(key_of_text, codes, -1)
    has_key = kcode >= 0
    # A key's city and district, as the last mention of it recorded them (what a dict of
    # key → parsed address built in mention order holds).
    last_text = pd.Series(codes[has_key]).groupby(kcode[has_key]).last()
    key_text = np.zeros(len(keys), dtype=np.int64)
    key_text[last_text.index.to_numpy(dtype=np.int64)] = last_text.to_numpy(dtype=np.int64)
    city_k = np.array([parsed_u[t].city for t in key_text.tolist()], dtype=object)
    district_k = np.array([parsed_u[t].district for t in key_text.tolist()], dtype=object)

    person = _present(mentions["person_id"])
    call = _present(mentions["call_id"]) & mentions["role"].isin(["call", "victim"]).to_numpy()
    pcode = _codes(mentions["person_id"], person)
    ccode = _codes(mentions["call_id"], call)
    ties, uf = _ties(keys, kcode, pcode, ccode, city_k, district_k)
    # The group of each key: its union-find root (the smallest key tied to it), coded.
    root_k = np.array([uf.find(k) if k in uf.parent else k for k in keys.tolist()], dtype=object)
    gcode_k, groups = pd.factorize(pd.Series(root_k, dtype=object))
    gcode = take_per_value(gcode_k, kcode, -1)

    # Units: a unit-less mention takes its person's single recorded unit at that building.
    unit_of_text = np.array([p.unit if p else None for p in parsed_u], dtype=object)
    ucode_t, unit_values = pd.factorize(pd.Series([u or None for u in unit_of_text], dtype=object),
                                        use_na_sentinel=True)
    ucode = take_per_value(ucode_t, codes, -1)
    filled = _fill_units(ucode, gcode, pcode)
    ucode_final = np.where(filled >= 0, filled, ucode)
    # Address ids: one hash per distinct (group, unit).
    at = np.flatnonzero(gcode >= 0)
    combo, combos = pd.factorize(pd.MultiIndex.from_arrays([gcode[at], ucode_final[at]]))
    unit_values = unit_values.to_numpy(dtype=object)
    combo_ids = np.array([addresses.address_id(f"{groups[g]}|{unit_values[u] if u >= 0 else ''}")
                          for g, u in combos.tolist()], dtype=object)
    ids = np.full(len(mentions), None, dtype=object)
    ids[at] = combo_ids[combo]
    # The unit column keeps the first mention's own value (None or "" when it had none).
    unit_shown = np.where(filled >= 0, take_per_value(unit_values, np.maximum(filled, 0), None),
                          take_per_value(unit_of_text, np.maximum(codes, 0), None))
    table = _table(combo, combo_ids, codes[at], unit_shown[at], parsed_u)
    stats = {"mentions": int(len(at)), "addresses": len(table), "road_lot_ties": ties,
             "units_filled": int((filled >= 0).sum())}
    return pd.Series(ids, index=mentions.index, dtype=object), table, stats


def _parse_texts(values: list) -> list[tuple | None]:
    """The parsed fields of each text (None for a non-text), as tuples: they cross processes
    cheaply. The parser's cache is skipped: the values are distinct."""
    parse = getattr(addresses.parse, "__wrapped__", addresses.parse)
    out: list[tuple | None] = []
    for v in values:
        p = parse(v) if isinstance(v, str) else None
        out.append(None if p is None else (p.kind, p.province, p.city, p.district, p.road, p.lot, p.unit, p.text))
    return out


def _present(values: pd.Series) -> np.ndarray:
    """A non-empty string (person ids and call ids may be None, NaN or "")."""
    return np.fromiter((isinstance(v, str) and v != "" for v in values.tolist()), dtype=bool, count=len(values))


def _codes(values: pd.Series, where: np.ndarray) -> np.ndarray:
    """Integer codes of `values` where `where`, else -1."""
    out = np.full(len(values), -1, dtype=np.int64)
    out[where], _ = pd.factorize(values.to_numpy(dtype=object)[where])
    return out


def _ties(keys: np.ndarray, kcode: np.ndarray, pcode: np.ndarray, ccode: np.ndarray,
          city_k: np.ndarray, district_k: np.ndarray) -> tuple[int, UnionFind]:
    """Road and lot keys tied by mutual preference. A vote is a person, or a call with its victim,
    recorded at both forms (each counted once however often it recorded them)."""
    n_p = int(pcode.max()) + 1 if len(pcode) else 0
    evidence = []
    for group, offset in ((pcode, 0), (ccode, n_p)):
        sel = (group >= 0) & (kcode >= 0)
        evidence.append(pd.DataFrame({"group": group[sel] + offset, "key": kcode[sel]}))
    pairs = pd.concat(evidence, ignore_index=True).drop_duplicates()
    prefix = pd.Series(keys, dtype=object).str.slice(0, 4).to_numpy()
    roads = pairs[prefix[pairs["key"].to_numpy()] == "road"]
    lots = pairs[prefix[pairs["key"].to_numpy()] == "lot|"]
    both = roads.merge(lots, on="group", suffixes=("_road", "_lot"))
    r, lt = both["key_road"].to_numpy(), both["key_lot"].to_numpy()
    ok = _compatible(city_k[r], city_k[lt]) & _compatible(district_k[r], district_k[lt])
    votes = pd.DataFrame({"road": r[ok], "lot": lt[ok]}).value_counts().rename("n").reset_index()
    # Preference: most votes, then the larger key (as max((n, key)) over tuples would choose).
    rank = np.empty(len(keys), dtype=np.int64)
    rank[np.argsort(keys, kind="stable")] = np.arange(len(keys))
    votes["road_rank"], votes["lot_rank"] = rank[votes["road"].to_numpy()], rank[votes["lot"].to_numpy()]
    best_lot = votes.sort_values(["n", "lot_rank"], ascending=False).drop_duplicates("road")
    best_road = votes.sort_values(["n", "road_rank"], ascending=False).drop_duplicates("lot")
    mutual = best_lot.merge(best_road[["road", "lot"]], on=["road", "lot"])
    uf = UnionFind()
    for a, b in zip(keys[mutual["road"].to_numpy()].tolist(), keys[mutual["lot"].to_numpy()].tolist(), strict=True):
        uf.union(a, b)
    return len(mutual), uf


def _compatible(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Both recorded (non-empty) and different contradicts; anything else is compatible."""
    fa = pd.Series(a, dtype=object).fillna("").to_numpy(dtype=object)
    fb = pd.Series(b, dtype=object).fillna("").to_numpy(dtype=object)
    return ~((fa != "") & (fb != "") & (fa != fb))


def _fill_units(ucode: np.ndarray, gcode: np.ndarray, pcode: np.ndarray) -> np.ndarray:
    """The unit code a unit-less mention takes (-1: none): its person's only unit at that building."""
    filled = np.full(len(ucode), -1, dtype=np.int64)
    known = (gcode >= 0) & (ucode >= 0) & (pcode >= 0)
    if not known.any():
        return filled
    n_g = int(gcode.max()) + 1
    seen = pd.DataFrame({"pg": pcode[known] * n_g + gcode[known], "u": ucode[known]}).drop_duplicates()
    counts = seen.groupby("pg")["u"].agg(["size", "first"])
    single = counts[counts["size"] == 1]["first"]
    want = np.flatnonzero((gcode >= 0) & (ucode < 0) & (pcode >= 0))
    pos = single.index.get_indexer(pcode[want] * n_g + gcode[want])
    hit = pos >= 0
    filled[want[hit]] = single.to_numpy()[pos[hit]]
    return filled


def _table(combo: np.ndarray, ids: np.ndarray, text: np.ndarray, unit: np.ndarray,
           parsed_u: list) -> pd.DataFrame:
    """The Address table, one row per address in order of first mention (`combo` numbers them so).
    City and district: the first non-empty value its mentions recorded; road (lot): the first
    non-empty among its road (lot) form mentions. The display text is its first road form
    mention's, else its first mention's. (What filling a dict row by row in mention order gave.)"""
    cols = ["address_id", "text", "city", "district", "road", "lot", "unit", "address_key"]
    if not len(combo):
        return pd.DataFrame(columns=cols)
    n = int(combo.max()) + 1
    def attr(name: str) -> np.ndarray:
        return np.array([getattr(p, name) if p else None for p in parsed_u], dtype=object)[text]
    kind = attr("kind")
    first = _first_index(combo, n)
    road_rows = np.flatnonzero(kind == "road")
    first_road = np.full(n, -1, dtype=np.int64)
    u, i = np.unique(combo[road_rows], return_index=True)
    first_road[u] = road_rows[i]
    texts = []
    for i in np.where(first_road >= 0, first_road, first).tolist():
        p = parsed_u[text[i]]
        texts.append(_text(addresses.ParsedAddress(p.kind, p.province, p.city, p.district, p.road, p.lot,
                                                   unit[i], "")))
    lot_rows = np.flatnonzero(kind == "lot")
    # A sealed address keeps only its place hash (`address_key`); its unit column holds the unit's
    # hash for the household rule in pipeline.compute and is not written (rows.addresses).
    sealed_rows = np.flatnonzero(kind == "sealed")
    address_key = _first_truthy(combo[sealed_rows], attr("road")[sealed_rows], n)
    address_key = np.array([k.split(":", 1)[1] if isinstance(k, str) else None for k in address_key.tolist()],
                           dtype=object)
    return pd.DataFrame({"address_id": ids, "text": texts,
                         "city": _first_truthy(combo, attr("city"), n),
                         "district": _first_truthy(combo, attr("district"), n),
                         "road": _first_truthy(combo[road_rows], attr("road")[road_rows], n),
                         "lot": _first_truthy(combo[lot_rows], attr("lot")[lot_rows], n),
                         "unit": unit[first], "address_key": address_key}, columns=cols)


def _first_index(group: np.ndarray, n: int) -> np.ndarray:
    """Per group 0..n-1, the position of its first member (-1: none)."""
    out = np.full(n, -1, dtype=np.int64)
    u, i = np.unique(group, return_index=True)
    out[u] = i
    return out


def _first_truthy(group: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Per group 0..n-1, what `v = v or value` over its values in order leaves: the first non-empty
    value, else its last value (None or ""), else None for a group with no values."""
    out = np.full(n, None, dtype=object)
    u, i = np.unique(group[::-1], return_index=True)
    out[u] = values[len(group) - 1 - i]
    truthy = np.flatnonzero(pd.Series(values, dtype=object).fillna("").to_numpy(dtype=object) != "")
    u, i = np.unique(group[truthy], return_index=True)
    out[u] = values[truthy[i]]
    return out


def _text(p: addresses.ParsedAddress) -> str:
    if p.kind == "sealed":
        return addresses.PLACEHOLDER
    place = p.road if p.kind == "road" else p.lot if p.kind == "lot" else p.text
    return addresses.address_display(p.province, p.city, place or "", p.unit)
