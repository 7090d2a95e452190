"""Blocking: candidate pairs from several keys, de-duplicated, never all pairs.

Each key groups records that share it; pairs are generated inside groups with numpy (no Python loop
over records). Keys are chosen so every kind of true match shares at least one of them:
- surname initial jamo + birth year + {month, day} as a set — exact dates and day-month swaps;
- full name + birth year, for pairs where one side has no full date (year or year-month only);
- full name + birth year + month — a typo in the day of two full dates;
- surname + romanised given-name sound key + birth year — Latin spellings against Hangul, and
  Hangul typos where one side has no full date;
- full name, for pairs where one side has no birth year (capped: common names make huge groups);
- phone last four digits + birth year, and the full phone — masked phones, changed names;
- agency + client_ref — the agency's own client number;
- the call a record belongs to — a measure's subject is one of the people on its call;
- full name + building (or the numbers of an address that is not Korean) — people recorded without
  birth dates at the same place;
- full birth date + building, or + the numbers of an address that is not Korean — a changed name;
- each token of a name that is not Hangul + full birth date, or + the address numbers — names in any
  script written in another order or with a typo in the other token (`crouch ella`, `ella crouhc`).
A group larger than `max_block` is skipped for that key (it would be quadratic and its pairs are
found through the other keys); the skipped counts are reported. Keys whose pairs another key already
covers are restricted to the pairs only they can find (`only` below): at one million records name + year
alone made 23 M pairs of namesakes whose full dates differ, and the sound key another 25 M, without
a single extra link (measured: same links, 34 M → 17 M candidate pairs with name + year + month).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from resolution.features import Features

MAX_BLOCK = 400


def _combine(*codes: np.ndarray) -> np.ndarray:
    """One int64 key per record from several code arrays; -1 where any part is missing."""
    key = np.zeros(len(codes[0]), dtype=np.int64)
    missing = np.zeros(len(codes[0]), dtype=bool)
    for c in codes:
        c = c.astype(np.int64)
        missing |= c < 0
        key = key * (int(c.max(initial=0)) + 2) + (c + 1)
    key[missing] = -1
    return key


def _groups(key: np.ndarray, max_block: int, only: np.ndarray | None
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Records sorted by key (`order`), the start and size of each group of 2..max_block records
    sharing a key value, and the number of groups skipped for being larger."""
    idx = np.flatnonzero(key >= 0)
    if len(idx) < 2:
        return idx, np.zeros(0, np.int64), np.zeros(0, np.int64), 0
    if only is None:
        order = idx[np.argsort(key[idx])]  # order inside a group does not matter: SIMD quicksort
    else:  # `only` members first inside each group, so "pair with everyone after me" covers them once
        order = idx[np.argsort(key[idx] * 2 + ~only[idx])]
    k = key[order]
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    sizes = np.diff(np.r_[starts, len(k)])
    skipped = int((sizes > max_block).sum())
    keep = (sizes >= 2) & (sizes <= max_block)
    return order, starts[keep], sizes[keep], skipped


def _member_positions(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Positions in the sorted order of every member of the given groups, group after group."""
    return np.repeat(starts, sizes) + (np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes))


def _group_pairs(order: np.ndarray, starts: np.ndarray, sizes: np.ndarray,
                 only: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """All pairs inside the given groups (numpy only, no Python loop over records)."""
    if not len(starts):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    members = _member_positions(starts, sizes)
    pos = members - np.repeat(starts, sizes)
    after = np.repeat(sizes, sizes) - pos - 1
    if only is not None:
        after = np.where(only[order[members]], after, 0)
    left = np.repeat(members, after)
    run_start = np.repeat(np.cumsum(after) - after, after)
    right = left + 1 + (np.arange(len(left)) - run_start)
    a, b = order[left], order[right]
    return np.minimum(a, b), np.maximum(a, b)


def pairs_from_key(key: np.ndarray, max_block: int = MAX_BLOCK,
                   only: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, int]:
    """All (i, j), i < j, of records sharing a key value (-1 = no key); with `only` (bool per record),
    just the pairs where at least one side is in `only`. Returns left, right, skipped groups."""
    order, starts, sizes, skipped = _groups(key, max_block, only)
    a, b = _group_pairs(order, starts, sizes, only)
    return a, b, skipped


def pair_batches(key: np.ndarray, max_block: int = MAX_BLOCK, only: np.ndarray | None = None,
                 budget: int = 20_000_000) -> Iterator[tuple[np.ndarray, np.ndarray, int]]:
    """`pairs_from_key` in batches of whole groups of at most about `budget` pairs each (a group's
    pairs are never split), so one key's pairs need not fit in memory at once: at the national
    scale surname + phone digits alone made some 150 M. The skipped count comes with the first."""
    return _batches(_groups(key, max_block, only), only, budget)


def _batches(groups: tuple[np.ndarray, np.ndarray, np.ndarray, int], only: np.ndarray | None,
             budget: int = 20_000_000) -> Iterator[tuple[np.ndarray, np.ndarray, int]]:
    order, starts, sizes, skipped = groups
    if not len(starts):
        yield np.zeros(0, np.int64), np.zeros(0, np.int64), skipped
        return
    # Upper bound of each group's pairs (`only` can only lower it).
    cum = np.cumsum(sizes.astype(np.int64) * (sizes - 1) // 2)
    lo = 0
    while lo < len(starts):
        base = cum[lo - 1] if lo else 0
        hi = max(lo + 1, int(np.searchsorted(cum, base + budget, side="right")))
        a, b = _group_pairs(order, starts[lo:hi], sizes[lo:hi], only)
        yield a, b, skipped if lo == 0 else 0
        lo = hi


def _group_ids(groups: tuple[np.ndarray, np.ndarray, np.ndarray, int], n: int) -> np.ndarray:
    """Per record, the index of the kept group it is in (-1: no key, alone, or in a skipped group)."""
    order, starts, sizes, _ = groups
    gid = np.full(n, -1, dtype=np.int32)
    if len(starts):
        gid[order[_member_positions(starts, sizes)]] = np.repeat(np.arange(len(starts), dtype=np.int32), sizes)
    return gid


def _drop_made(a: np.ndarray, b: np.ndarray, made: list[tuple[np.ndarray, np.ndarray | None]]
               ) -> tuple[np.ndarray, np.ndarray]:
    """The pairs no earlier key made: a key makes (a, b) exactly when both are in one of its kept
    groups and, for a key with `only`, at least one of them is in `only`."""
    keep = np.ones(len(a), dtype=bool)
    for gid, only in made:
        ga = gid[a]
        same = (ga >= 0) & (ga == gid[b])
        if only is not None:
            same &= only[a] | only[b]
        keep &= ~same
    return a[keep], b[keep]


def keys(f: Features) -> dict[str, np.ndarray]:
    full = f.bd > 0
    lo = np.where(full, np.minimum(f.bm, f.bd), -1).astype(np.int64)
    hi = np.where(full, np.maximum(f.bm, f.bd), -1).astype(np.int64)
    year = np.where(f.by > 0, f.by, -1).astype(np.int64)
    visible_name = np.where(f.masked, -1, f.name_code)
    return {
        "initial+birth": _combine(f.initial_code, year, lo, hi),
        "name+year": _combine(visible_name, year),
        "name+year+month": _combine(visible_name, np.where(full, year, -1), np.where(full, f.bm, -1)),
        "sound+year": _combine(f.surname_code, np.where(f.masked, -1, f.sound_code), year),
        "name": visible_name.copy(),  # only pairs where one side has no birth year (ONLY below)
        "phone4+year": _combine(f.phone_last4, year),
        "phone": f.phone_code.copy(),
        "client_ref": f.cref_code.copy(),
        "name+building": _combine(visible_name, np.where(f.addr_raw, -1, f.building_code)),
        "name+numbers": _combine(visible_name, f.addr_numbers),
        "surname+phone4": _combine(f.surname_code, f.phone_last4),
        "context": f.context_code.copy(),
        "birth+building": _combine(_full_date(f), np.where(f.addr_raw, -1, f.building_code)),
        "birth+numbers": _combine(_full_date(f), f.addr_numbers),
    }


# The record fields each key is made of: training leaves a comparison out where pairs were chosen for
# agreeing on it (resolution/training.py).
KEY_FIELDS = {"initial+birth": {"name", "birth"}, "name+year": {"name", "birth"},
              "name+year+month": {"name", "birth"}, "sound+year": {"name", "birth"}, "name": {"name"},
              "phone4+year": {"phone", "birth"}, "phone": {"phone"}, "client_ref": {"client_ref"},
              "name+building": {"name", "address"}, "name+numbers": {"name", "address"},
              "surname+phone4": {"name", "phone"},
              "context": {"context"}, "birth+building": {"birth", "address"},
              "birth+numbers": {"birth", "address"}, "token+birth": {"name", "birth"},
              "token+numbers": {"name", "address"}, "birth+number": {"birth", "address"}}


# Of those, the fields a key constrains only in part, so their levels still vary inside its pairs
# (one shared name token; the numbers of an address but not its words; the surname's initial; the
# building but not the unit): training still reads them, with m fixed, to tell the classes apart.
KEY_PARTIAL = {"initial+birth": {"name"}, "token+birth": {"name"}, "token+numbers": {"name", "address"},
               "birth+numbers": {"address"}, "birth+number": {"address"}, "name+numbers": {"address"},
               "name+building": {"address"}, "birth+building": {"address"}, "phone4+year": {"phone", "birth"}}


def _full_date(f: Features) -> np.ndarray:
    return np.where(f.bd > 0, f.by.astype(np.int64) * 10_000 + f.bm.astype(np.int64) * 100 + f.bd, -1)


def _explode(values: np.ndarray, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(record, value) for every value ≥ 0 of an (n, k) array, records limited to `mask`."""
    ok = values >= 0
    if mask is not None:
        ok &= mask[:, None]
    rows, cols = np.nonzero(ok)
    return rows, values[rows, cols]


def _cross(rows: np.ndarray, values: np.ndarray, per_record: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(record, combined key) for each (record, value) × each value of the record's row in the (n, k)
    array `per_record`."""
    out_rows, out_keys = [], []
    codes = _dense(values)
    for k in range(per_record.shape[1]):
        col = per_record[rows, k]
        ok = col >= 0
        out_rows.append(rows[ok])
        out_keys.append(_combine(codes[ok], col[ok]))
    return np.concatenate(out_rows), np.concatenate(out_keys)


def _dense(values: np.ndarray) -> np.ndarray:
    """Codes 0..k-1 of int64 values (so that combining them with another code cannot overflow)."""
    return np.unique(values, return_inverse=True)[1].reshape(-1).astype(np.int64) if len(values) else values


def multi_keys(f: Features) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Keys with several values per record: (record of each value, key). A name that is not Hangul
    gives its tokens and their first letters; an address that is not Korean gives its numbers."""
    rows, piece = _explode(f.name_pieces, f.latin)
    full = _full_date(f)
    return {"token+birth": (rows, _combine(piece, full[rows])),
            "token+numbers": _cross(rows, piece, f.addr_number_list),
            "birth+number": _cross(*_explode(full[:, None]), f.addr_number_list)}


def multi_pairs(rows: np.ndarray, key: np.ndarray, n: int, max_block: int = MAX_BLOCK
                ) -> tuple[np.ndarray, np.ndarray, int]:
    """The distinct record pairs sharing a value of a multi-valued key."""
    pa, pb, skipped = pairs_from_key(key, max_block)
    a, b = rows[pa], rows[pb]
    keep = a != b
    a, b = unique_pairs([np.minimum(a[keep], b[keep])], [np.maximum(a[keep], b[keep])], n)
    return a, b, skipped


def _share_a_value(rows: np.ndarray, key: np.ndarray, a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Whether records a[k] and b[k] share a value of a multi-valued key."""
    has = np.zeros(n, dtype=bool)
    has[rows] = True
    out = np.zeros(len(a), dtype=bool)
    idx = np.flatnonzero(has[a] & has[b])  # only records with values can share one (few, at scale)
    if len(idx):
        out[idx] = _share(rows, key, a[idx], b[idx])
    return out


def _share(rows: np.ndarray, key: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    both = np.concatenate([a, b])
    pair_of = np.concatenate([np.arange(len(a)), np.arange(len(b))])
    order = np.argsort(rows, kind="stable")
    r, k = rows[order], key[order]
    lo, hi = np.searchsorted(r, both, "left"), np.searchsorted(r, both, "right")
    counts = hi - lo
    which = np.repeat(np.arange(len(both)), counts)
    vals = k[np.repeat(lo, counts) + (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts))]
    side = which >= len(a)
    code = pair_of[which] * np.int64(2**31) + (vals % np.int64(2**31))
    left, right = np.unique(code[~side]), np.unique(code[side])
    hit = np.intersect1d(left, right) // np.int64(2**31)
    out = np.zeros(len(a), dtype=bool)
    out[hit] = True
    return out


def made_by(f: Features, a: np.ndarray, b: np.ndarray) -> dict[str, np.ndarray]:
    """Per key, whether each pair shares its value (the groups' size cap and `only` are ignored:
    training only needs to know which fields a pair may have been chosen on)."""
    out = {}
    for name, key in keys(f).items():
        out[name] = (key[a] >= 0) & (key[a] == key[b])
    for name, (rows, key) in multi_keys(f).items():
        out[name] = _share_a_value(rows, key, a, b, f.n)
    return out


def pairs_by_key(f: Features, max_block: int = MAX_BLOCK) -> Iterator[tuple[str, np.ndarray, np.ndarray, int]]:
    """(key name, left, right, skipped groups) in batches of whole groups of one key at a time, so a
    caller that scores and filters each batch at once holds one batch of pairs in memory, never all
    of them (at the national scale, 5.9 M records, the keys together make hundreds of millions of
    pairs). Each pair comes once, from the first key that makes it: a later key drops the pairs an
    earlier one made (national: 555 M candidates, of which most of the 180 M kept were true matches
    made by several keys and scored once per key)."""
    only = _only(f)
    made: list[tuple[np.ndarray, np.ndarray | None]] = []
    for name, key in keys(f).items():
        groups = _groups(key, max_block, only.get(name))
        for a, b, skipped in _batches(groups, only.get(name)):
            if made:
                a, b = _drop_made(a, b, made)
            yield name, a, b, skipped
        made.append((_group_ids(groups, f.n), only.get(name)))
    for name, (rows, key) in multi_keys(f).items():  # last: no later key needs to know their pairs
        a, b, skipped = multi_pairs(rows, key, f.n, max_block)
        if made:
            a, b = _drop_made(a, b, made)
        yield name, a, b, skipped


def unique_pairs(lefts: list[np.ndarray], rights: list[np.ndarray], n: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (left, right) pairs of several lists, sorted."""
    if not lefts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    code = np.concatenate(lefts) * np.int64(n) + np.concatenate(rights)
    # Sort + neighbour test (numpy's hash-based unique is far slower here); the default (SIMD) sort:
    # the stable one took 2.2 s of 24 M codes, this one 0.2 s.
    code.sort()
    code = code[np.r_[True, code[1:] != code[:-1]]] if len(code) else code
    return code // n, code % n


def _only(f: Features) -> dict[str, np.ndarray]:
    # Where the other side's full date would already have met this one through initial+birth (same
    # year and {month, day}), name + year and the sound key add nothing: keep the pairs with at
    # least one side lacking a full date (and, for the sound key, Latin spellings).
    no_full = f.bd == 0
    return {"name": f.by == 0, "name+year": no_full, "sound+year": no_full | f.latin}


def candidate_pairs(f: Features, max_block: int = MAX_BLOCK) -> tuple[np.ndarray, np.ndarray, dict]:
    """De-duplicated candidate pairs (left < right) and per-key statistics."""
    lefts, rights, stats = [], [], {}
    only = _only(f)
    # Keys in threads: sorting and repeating are numpy calls that release the GIL (two cores).
    with ThreadPoolExecutor(os.cpu_count() or 1) as ex:
        done = list(ex.map(lambda kv: (kv[0], pairs_from_key(kv[1], max_block, only.get(kv[0]))),
                           keys(f).items()))
    for name, (rows, key) in multi_keys(f).items():
        done.append((name, multi_pairs(rows, key, f.n, max_block)))
    for name, (a, b, skipped) in done:
        lefts.append(a)
        rights.append(b)
        stats[name] = {"pairs": int(len(a)), "skipped_blocks": skipped}
    a, b = unique_pairs(lefts, rights, f.n)
    stats["unique_pairs"] = int(len(a))
    return a, b, stats
