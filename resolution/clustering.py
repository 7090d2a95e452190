"""Clustering links into people: connected components with a guard against chaining.

Fast path: connected components of all accepted links (numpy label propagation). A component whose
records carry conflicting full birth dates (not equal, not a day-month swap) or both sexes, or that
contains a cannot-link pair, is rebuilt greedily: links in descending score order, a merge is
refused when it would join such conflicts. Two dates that a link above the threshold joined directly
do not conflict: the model was sure of that pair despite its dates (a re-keyed date: FEBRL's
duplicates carry one in 6 % of pairs), and the guard is there against chains, where no link joins
the two records that disagree. Must-link pairs (analyst confirmations) are merged
first and are never refused; cannot-link pairs (analyst splits) are never merged.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Component label (smallest member index) per record."""
    labels = np.arange(n, dtype=np.int64)
    if not len(a):
        return labels
    while True:
        m = np.minimum(labels[a], labels[b])
        before = labels.copy()
        np.minimum.at(labels, a, m)
        np.minimum.at(labels, b, m)
        while True:  # pointer jumping: follow labels to their roots
            nxt = labels[labels]
            if np.array_equal(nxt, labels):
                break
            labels = nxt
        if np.array_equal(before, labels):
            return labels


def _date_key(by: np.ndarray, bm: np.ndarray, bd: np.ndarray) -> np.ndarray:
    """Full birth dates up to a day-month swap; -1 when not a full date."""
    lo, hi = np.minimum(bm, bd).astype(np.int64), np.maximum(bm, bd).astype(np.int64)
    return np.where(bd > 0, by.astype(np.int64) * 10000 + lo * 100 + hi, -1)


class _Guarded:
    """Union-find whose sets remember their date keys, sexes and cannot-link partners."""

    def __init__(self, members: Iterable[int], date_key: np.ndarray, sex: np.ndarray,
                 cannot: dict[int, set[int]]):
        self.parent = {i: i for i in members}
        self.dates = {i: ({int(date_key[i])} if date_key[i] >= 0 else set()) for i in self.parent}
        self.sexes = {i: ({int(sex[i])} if sex[i] > 0 else set()) for i in self.parent}
        self.items = {i: {i} for i in self.parent}
        self.cannot = cannot

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, force: bool = False) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if not force:
            if len(self.dates[ri] | self.dates[rj]) > 1 or len(self.sexes[ri] | self.sexes[rj]) > 1:
                return False
            small, big = sorted((ri, rj), key=lambda r: len(self.items[r]))
            if any(self.cannot.get(x, set()) & self.items[big] for x in self.items[small]):
                return False
        if len(self.items[ri]) < len(self.items[rj]):
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.items[ri] |= self.items.pop(rj)
        self.dates[ri] |= self.dates.pop(rj)
        self.sexes[ri] |= self.sexes.pop(rj)
        return True


def _vouched_dates(dkey: np.ndarray, labels: np.ndarray, a: np.ndarray, b: np.ndarray,
                   in_bad: np.ndarray) -> np.ndarray:
    """Date keys as the guard compares them: inside one component, two dates a link joined directly
    are one class (and so are dates joined through such links), so only dates no link vouches for
    conflict. Other components' links say nothing here: a date is shared by many people."""
    out = dkey.copy()
    sel = np.flatnonzero(in_bad[a] & (dkey[a] >= 0) & (dkey[b] >= 0) & (dkey[a] != dkey[b]))
    if not len(sel):
        return out
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(x: tuple[int, int]) -> tuple[int, int]:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for k in sel.tolist():
        lab = int(labels[a[k]])
        ra, rb = find((lab, int(dkey[a[k]]))), find((lab, int(dkey[b[k]])))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members = np.flatnonzero(in_bad & (dkey >= 0))
    for i in members.tolist():
        out[i] = find((int(labels[i]), int(dkey[i])))[1]
    return out


def cluster(n: int, a: np.ndarray, b: np.ndarray, score: np.ndarray, by: np.ndarray, bm: np.ndarray,
            bd: np.ndarray, sex: np.ndarray, must: list[tuple[int, int]] | None = None,
            cannot: list[tuple[int, int]] | None = None) -> tuple[np.ndarray, dict]:
    """Cluster label per record (smallest member index) from links (a, b, score) already above the
    match threshold, plus must-link and cannot-link index pairs. Returns labels and statistics."""
    must, cannot = list(must or []), list(cannot or [])
    cannot_map: dict[int, set[int]] = {}
    for i, j in cannot:
        cannot_map.setdefault(i, set()).add(j)
        cannot_map.setdefault(j, set()).add(i)
    if cannot:
        banned = {(min(i, j), max(i, j)) for i, j in cannot}
        keep = np.array([(int(x), int(y)) not in banned for x, y in zip(a, b, strict=True)], dtype=bool)
        a, b, score = a[keep], b[keep], score[keep]
    ma = np.array([i for i, _ in must], dtype=np.int64)
    mb = np.array([j for _, j in must], dtype=np.int64)
    all_a, all_b = np.concatenate([a, ma]), np.concatenate([b, mb])
    labels = components(n, all_a, all_b)
    dkey = _date_key(by, bm, bd)
    # Conflicting components: more than one date key, or both sexes, or a cannot-link inside.
    bad = np.zeros(n, dtype=bool)
    for values in (dkey, sex.astype(np.int64)):
        sel = values > 0
        lab, val = labels[sel], values[sel]
        if len(lab):
            combined = np.unique(lab * (int(val.max()) + 1) + val)  # distinct (label, value) as one int64
            per_label = np.bincount(combined // (int(val.max()) + 1), minlength=n)
            bad |= per_label > 1
    for i, j in cannot:
        if labels[i] == labels[j]:
            bad[labels[i]] = True
    bad_labels = np.flatnonzero(bad)
    stats = {"links": int(len(a)), "components": int(len(np.unique(labels))),
             "guarded_components": int(len(bad_labels)), "refused_links": 0}
    if not len(bad_labels):
        return labels, stats
    in_bad = np.isin(labels, bad_labels)
    members = np.flatnonzero(in_bad)
    uf = _Guarded(members.tolist(), _vouched_dates(dkey, labels, a, b, in_bad), sex, cannot_map)
    for i, j in must:
        if in_bad[i]:
            uf.union(int(i), int(j), force=True)
    sel = np.flatnonzero(in_bad[a])
    for k in sel[np.argsort(-score[sel], kind="stable")]:
        if not uf.union(int(a[k]), int(b[k])):
            stats["refused_links"] += 1
    for i in members:
        labels[i] = -1 - uf.find(int(i))  # temporary: root index, made canonical below
    roots = -1 - labels[members]
    smallest: dict[int, int] = {}
    for i, r in zip(members.tolist(), roots.tolist(), strict=True):
        smallest[r] = min(smallest.get(r, i), i)
    labels[members] = [smallest[r] for r in roots.tolist()]
    stats["components"] = int(len(np.unique(labels)))
    return labels, stats
