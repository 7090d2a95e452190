"""Fellegi–Sunter scoring of candidate pairs, vectorised over all pairs at once.

Every comparison has levels; a level's weight is log2(m/u): m = P(level | same person), u =
P(level | different people). For exact agreement u is the value's term frequency computed from the
data (sharing 김민준 means little, sharing a rare name much); for fuzzy levels u is a fixed small
probability. m-probabilities are priors (documented in docs/entity-resolution.md). The pair's score
is the sum of its weights; missing values contribute 0.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from resolution.features import Features

# Level codes per comparison (int8 arrays). 0 is always "missing" (weight 0).
NAME_LEVELS = ("missing", "exact", "typo", "latin", "masked", "syllable", "differ")
BIRTH_LEVELS = ("missing", "exact", "swap", "month", "partial", "near", "year", "differ")
SEX_LEVELS = ("missing", "agree", "differ")
PHONE_LEVELS = ("missing", "exact", "masked", "last4", "differ")
ADDR_LEVELS = ("missing", "exact", "building", "district", "differ")
CREF_LEVELS = ("missing", "same", "differ")
CONTEXT_LEVELS = ("missing", "same")

MAX_WEIGHT = 14.0  # one field may not decide alone, however rare its value
# Term frequencies count records, not people (a person with five records counts five times), and
# on small inputs they say little: an exact agreement's u is at most this.
TF_CAP = {"name": 0.02, "birth": 0.001, "year": 0.1, "address": 0.02}
# ...and at least this for an exact full birth date. Candidate pairs share a name key, and given
# names follow birth cohorts, so two different people who meet here share a birthday about as often
# as two people of the same ~10-year cohort (1 / (365 * 10)), not as two random people (the date's
# share of records, ~1/20,000). Measured at 1M records: precision 0.869 → 0.915 at nearly the
# same recall (docs/entity-resolution.md).
U_FLOOR_BIRTH = 1 / (365 * 10)


@dataclass(frozen=True)
class Weights:
    """m-probabilities (and u for fuzzy levels) for each level; exact levels take u from the data."""
    name: dict[str, tuple[float, float | None]]
    birth: dict[str, tuple[float, float | None]]
    sex: dict[str, tuple[float, float]]
    phone: dict[str, tuple[float, float | None]]
    addr: dict[str, tuple[float, float | None]]
    cref: dict[str, float]
    context: float


DEFAULT = Weights(
    name={"exact": (0.85, None), "typo": (0.06, 0.001), "latin": (0.02, 0.0005), "masked": (0.03, 0.004),
          "syllable": (0.002, 0.003), "differ": (0.02, 0.99)},
    birth={"exact": (0.85, None), "swap": (0.02, 0.00005), "month": (0.02, 0.0012), "partial": (0.06, None),
           "near": (0.01, 0.0002), "year": (0.01, 0.012), "differ": (0.03, 0.98)},
    sex={"agree": (0.98, 0.5), "differ": (0.02, 0.5)},
    phone={"exact": (0.6, 1e-5), "masked": (0.1, 0.0002), "last4": (0.05, 0.0005), "differ": (0.25, 0.999)},
    addr={"exact": (0.5, None), "building": (0.1, 0.002), "district": (0.15, 0.05), "differ": (0.25, 0.9)},
    # Same agency and same client number is the agency saying "same person"; a different number in
    # the same agency is evidence against (agencies rarely register one client twice).
    cref={"same": 12.0, "differ": -6.0},
    # Two records attached to the same call: a call names a handful of people, so a compatible
    # name there is strong evidence; different calls say nothing.
    context=7.0,
)


@dataclass
class Scored:
    left: np.ndarray
    right: np.ndarray
    score: np.ndarray  # float32
    levels: dict[str, np.ndarray]  # comparison → int8 level codes
    weights: dict[str, np.ndarray]  # comparison → float32 weights


def _w(m: float, u: np.ndarray | float) -> np.ndarray:
    return np.clip(np.log2(m / np.maximum(u, 1e-9)), -MAX_WEIGHT, MAX_WEIGHT)


def _name_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    lv = np.zeros(len(a), dtype=np.int8)
    present = (f.name_code[a] >= 0) & (f.name_code[b] >= 0)
    masked = present & (f.masked[a] | f.masked[b])
    latin = present & ~masked & (f.latin[a] | f.latin[b])
    plain = present & ~masked & ~latin
    exact = plain & (f.name_code[a] == f.name_code[b])
    lv[exact] = 1
    fuzzy = np.flatnonzero(plain & ~exact)
    lv[fuzzy] = 6
    if len(fuzzy):
        ja, jb = f.jamo[a[fuzzy]], f.jamo[b[fuzzy]]
        jdist = process.cpdist(ja, jb, scorer=Levenshtein.distance, workers=-1)
        na, nb = f.name_norm[a[fuzzy]], f.name_norm[b[fuzzy]]
        sdist = process.cpdist(na, nb, scorer=Levenshtein.distance, workers=-1)
        la, lb = f.name_len[a[fuzzy]], f.name_len[b[fuzzy]]
        lv[fuzzy[(sdist == 1) & (la == lb) & (la >= 3)]] = 5
        lv[fuzzy[jdist <= 1]] = 2
    mk = np.flatnonzero(masked)
    if len(mk):  # every position visible on both sides agrees, and the lengths agree
        sa, sb = f.syllables[a[mk]], f.syllables[b[mk]]
        agree = ((sa == sb) | (sa == -1) | (sb == -1)).all(axis=1) & (f.name_len[a[mk]] == f.name_len[b[mk]])
        lv[mk] = np.where(agree, 4, 6)
    lt = np.flatnonzero(latin)
    if len(lt):  # exact, or same surname and close sound keys of the given names
        la, lb = a[lt], b[lt]
        lv[lt] = 6
        same_sur = np.flatnonzero(f.surname_code[la] == f.surname_code[lb])
        if len(same_sur):
            sim = process.cpdist(f.given_sound[la[same_sur]], f.given_sound[lb[same_sur]],
                                 scorer=Levenshtein.normalized_similarity, workers=-1)
            lv[lt[same_sur[sim >= 0.75]]] = 3
        lv[lt[f.name_code[la] == f.name_code[lb]]] = 1
    return lv


def _birth_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    ya, ma, da = f.by[a], f.bm[a].astype(np.int16), f.bd[a].astype(np.int16)
    yb, mb, db = f.by[b], f.bm[b].astype(np.int16), f.bd[b].astype(np.int16)
    lv = np.zeros(len(a), dtype=np.int8)
    known = (ya > 0) & (yb > 0)
    full = known & (da > 0) & (db > 0)
    same_y = ya == yb
    # Full dates on both sides.
    lv[full] = 7
    lv[full & same_y] = 6
    lv[full & (np.abs(ya.astype(np.int32) - yb) == 1) & (ma == mb) & (da == db)] = 5
    lv[full & same_y & (ma == mb)] = 3
    lv[full & same_y & (ma == db) & (da == mb)] = 2
    lv[full & same_y & (ma == mb) & (da == db)] = 1
    # One side partial (year or year-month only).
    part = known & ~full
    lv[part] = 7
    month_conflict = (ma > 0) & (mb > 0) & (ma != mb) & ~((da > 0) & (da == mb)) & ~((db > 0) & (db == ma))
    lv[part & same_y] = np.where(month_conflict[part & same_y], 6, 4)
    return lv


def _phone_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    lv = np.zeros(len(a), dtype=np.int8)
    pa, pb = f.phone_code[a], f.phone_code[b]
    la, lb = f.phone_last4[a], f.phone_last4[b]
    present = ((pa >= 0) | f.phone_masked[a]) & ((pb >= 0) | f.phone_masked[b])
    lv[present] = 4
    lv[present & (la >= 0) & (la == lb)] = 3
    lv[(pa >= 0) & (pa == pb)] = 1
    # Masked numbers hide the middle digits (010-****-5678): the visible prefix and last four decide.
    mk = present & (f.phone_masked[a] | f.phone_masked[b])
    lv[mk & (f.phone_len[a] == f.phone_len[b]) & (f.phone_prefix[a] == f.phone_prefix[b])
       & (la >= 0) & (la == lb)] = 2
    return lv


def _addr_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    lv = np.zeros(len(a), dtype=np.int8)
    present = (f.addr_code[a] >= 0) & (f.addr_code[b] >= 0)
    lv[present] = 4
    lv[present & (f.district_code[a] >= 0) & (f.district_code[a] == f.district_code[b])] = 3
    lv[present & (f.building_code[a] == f.building_code[b])] = 2
    lv[present & (f.addr_code[a] == f.addr_code[b])] = 1
    return lv


def _weights(levels: np.ndarray, table: dict[str, tuple[float, float | None]], names_: tuple[str, ...],
             tf: Callable[[np.ndarray], np.ndarray] | None = None) -> np.ndarray:
    """Weight per pair: levels with a fixed u through one table lookup; levels whose u is a term
    frequency (u None) computed only for their pairs (`tf` maps pair indices to u)."""
    fixed = np.zeros(len(names_), dtype=np.float32)
    from_tf = []
    for code, name in enumerate(names_):
        if name in table:
            m, u = table[name]
            if u is None:
                from_tf.append((code, m))
            else:
                fixed[code] = _w(m, u)
    w = fixed[levels]
    for code, m in from_tf:
        sel = np.flatnonzero(levels == code)
        if len(sel):
            w[sel] = _w(m, tf(sel))
    return w


PARALLEL_MIN = 200_000  # pairs: below this, one thread is as fast


def score(f: Features, a: np.ndarray, b: np.ndarray, weights: Weights = DEFAULT,
          workers: int | None = None) -> Scored:
    """Levels and weights of every pair (a[k], b[k]). Large inputs are cut into one slice per core and
    scored in threads: the work is numpy and rapidfuzz, which release the GIL (measured at 1M records
    on 2 cores: 8.5 s → 5.0 s)."""
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(a) < PARALLEL_MIN:
        return _score(f, a, b, weights)
    bounds = np.linspace(0, len(a), workers + 1).astype(np.int64)
    with ThreadPoolExecutor(workers) as ex:
        parts = list(ex.map(lambda r: _score(f, a[r[0]:r[1]], b[r[0]:r[1]], weights),
                            zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)))
    return Scored(left=a, right=b, score=np.concatenate([p.score for p in parts]),
                  levels={k: np.concatenate([p.levels[k] for p in parts]) for k in parts[0].levels},
                  weights={k: np.concatenate([p.weights[k] for p in parts]) for k in parts[0].weights})


def _score(f: Features, a: np.ndarray, b: np.ndarray, weights: Weights) -> Scored:
    name_lv = _name_levels(f, a, b)
    birth_lv = _birth_levels(f, a, b)
    sex_lv = np.where((f.sex[a] > 0) & (f.sex[b] > 0), np.where(f.sex[a] == f.sex[b], 1, 2), 0).astype(np.int8)
    phone_lv = _phone_levels(f, a, b)
    addr_lv = _addr_levels(f, a, b)
    cref_lv = np.where((f.cref_code[a] >= 0) & (f.cref_code[b] >= 0) & (f.agency_code[a] == f.agency_code[b]),
                       np.where(f.cref_code[a] == f.cref_code[b], 1, 2), 0).astype(np.int8)
    # Term frequencies: the rarer side is not evidence for the commoner one, so take the larger.
    # Computed only for the pairs at a term-frequency level (a minority of all candidate pairs).
    def name_tf(k: np.ndarray) -> np.ndarray:
        return np.minimum(np.maximum(f.name_tf[a[k]], f.name_tf[b[k]]), TF_CAP["name"])

    def birth_tf(k: np.ndarray) -> np.ndarray:
        ak, bk = a[k], b[k]
        both_full = (f.bd[ak] > 0) & (f.bd[bk] > 0)
        tf = np.minimum(np.maximum(f.birth_tf[ak], f.birth_tf[bk]),
                        np.where(both_full, TF_CAP["birth"], TF_CAP["year"]))
        return np.where(both_full, np.maximum(tf, U_FLOOR_BIRTH), tf)

    def addr_tf(k: np.ndarray) -> np.ndarray:
        return np.minimum(np.maximum(f.addr_tf[a[k]], f.addr_tf[b[k]]), TF_CAP["address"])

    w = {
        "name": _weights(name_lv, weights.name, NAME_LEVELS, name_tf),
        "birth": _weights(birth_lv, weights.birth, BIRTH_LEVELS, birth_tf),
        "sex": _weights(sex_lv, weights.sex, SEX_LEVELS),
        "phone": _weights(phone_lv, weights.phone, PHONE_LEVELS),
        "address": _weights(addr_lv, weights.addr, ADDR_LEVELS, addr_tf),
        "client_ref": np.select([cref_lv == 1, cref_lv == 2], [weights.cref["same"], weights.cref["differ"]],
                                0.0).astype(np.float32),
    }
    ctx_lv = ((f.context_code[a] >= 0) & (f.context_code[a] == f.context_code[b])).astype(np.int8)
    w["context"] = np.where(ctx_lv == 1, weights.context, 0.0).astype(np.float32)
    total = np.zeros(len(a), dtype=np.float32)
    for v in w.values():
        total += v
    levels = {"name": name_lv, "birth": birth_lv, "sex": sex_lv, "phone": phone_lv, "address": addr_lv,
              "client_ref": cref_lv, "context": ctx_lv}
    return Scored(left=a, right=b, score=total, levels=levels, weights=w)


LEVEL_NAMES = {"name": NAME_LEVELS, "birth": BIRTH_LEVELS, "sex": SEX_LEVELS, "phone": PHONE_LEVELS,
               "address": ADDR_LEVELS, "client_ref": CREF_LEVELS, "context": CONTEXT_LEVELS}


def evidence(s: Scored, k: int) -> dict[str, list]:
    """Pair k's evidence: {comparison: [level, weight]} for the comparisons that had values."""
    out = {}
    for comp, lv in s.levels.items():
        code = int(lv[k])
        if code:
            out[comp] = [LEVEL_NAMES[comp][code], round(float(s.weights[comp][k]), 2)]
    return out


def evidence_json(s: Scored, ks: np.ndarray) -> list[str]:
    """`json.dumps(evidence(s, k), ensure_ascii=False)` for every k of `ks`, the same text."""
    return evidence_texts(s, ks).tolist()


def evidence_texts(s: Scored, ks: np.ndarray) -> np.ndarray:
    """`evidence_json` as an object array, built a comparison at a time with numpy's elementwise
    string concatenation: a weight's text is made once per distinct weight, not once per pair (at
    the national scale 11 M pairs carry evidence; a loop per pair took minutes)."""
    ks = np.asarray(ks, dtype=np.int64)
    body = np.full(len(ks), "", dtype=object)
    for comp, lv in s.levels.items():
        codes = lv[ks]
        sel = np.flatnonzero(codes)
        if not len(sel):
            continue
        heads = np.array([f"{json.dumps(comp)}: [{json.dumps(name, ensure_ascii=False)}, "
                          for name in LEVEL_NAMES[comp]], dtype=object)
        piece = heads[codes[sel]] + number_texts(s.weights[comp][ks[sel]]) + "]"
        before = body[sel]
        body[sel] = np.where(before == "", piece, before + ", " + piece)
    return "{" + body + "}" if len(ks) else body


def number_texts(values: np.ndarray) -> np.ndarray:
    """repr(round(float(v), 2)) of each float32 v, as an object array, computed once per distinct
    value (by bit pattern, so 0.0 and -0.0 stay apart as repr keeps them)."""
    values = np.ascontiguousarray(values, dtype=np.float32)
    if not len(values):
        return np.zeros(0, dtype=object)
    bits, codes = np.unique(values.view(np.uint32), return_inverse=True)
    texts = np.array([repr(round(v, 2)) for v in bits.view(np.float32).tolist()], dtype=object)
    return texts[codes.reshape(-1)]
