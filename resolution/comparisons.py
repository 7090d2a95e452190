"""The comparison registry: every field the scorer compares, as one declared object.

A `Comparison` names the record fields it reads, its levels (code 0 is always "missing", weight 0;
codes 1.. in the order declared, strongest first), a vectorised function giving each candidate
pair's level, the prior m (and u) of each level, and which levels take u from the value's term
frequency. The scorer and the trainer (`training.py`) only ever walk this registry, so a new field
or level is one entry here (splink's `Comparison` is the model). Comparisons declared with fixed
weights (an agency's own client number, the same call) are the export's own statements of identity,
not similarities, and are not estimated.

Korean rules come first inside each comparison (jamo typos, masked syllables, romanised surnames,
road/lot addresses, day-month swaps); generic ones (resolution/generic.py: token-sorted
Jaro-Winkler, shared tokens and numbers) decide the pairs the Korean rules cannot read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler, Levenshtein

from resolution.features import Features

LevelFn = Callable[[Features, np.ndarray, np.ndarray], np.ndarray]
TfFn = Callable[[Features, np.ndarray, np.ndarray], np.ndarray]  # (f, a[k], b[k]) → u per pair


@dataclass(frozen=True)
class Level:
    name: str
    m: float  # prior P(level | same person)
    u: float | None  # prior P(level | different people); None: the value's term frequency


@dataclass(frozen=True)
class Comparison:
    name: str
    fields: frozenset[str]  # record fields read (a blocking key on one of them biases its training)
    levels: tuple[Level, ...]  # codes 1..len
    level_of: LevelFn
    tf: TfFn | None = None
    fixed: dict[str, float] | None = None  # weights of a comparison that is not estimated

    @property
    def level_names(self) -> tuple[str, ...]:
        return ("missing", *(lv.name for lv in self.levels))

    def code(self, level: str) -> int:
        return self.level_names.index(level)

    @property
    def estimated(self) -> bool:
        return self.fixed is None


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
JW_CLOSE = 0.92  # generic names: token-sorted Jaro-Winkler at or above this is a close spelling
WORDS_CLOSE = 85.0  # generic addresses: token-set similarity (0–100) at or above this


def _cp(a: np.ndarray, b: np.ndarray, scorer) -> np.ndarray:
    return process.cpdist(a, b, scorer=scorer, workers=-1)


# --- names ------------------------------------------------------------------------------------

def name_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    lv = np.zeros(len(a), dtype=np.int8)
    code = NAME.code
    present = (f.name_code[a] >= 0) & (f.name_code[b] >= 0)
    masked = present & (f.masked[a] | f.masked[b])
    latin = present & ~masked & (f.latin[a] | f.latin[b])
    plain = present & ~masked & ~latin
    exact = plain & (f.name_code[a] == f.name_code[b])
    lv[exact] = code("exact")
    fuzzy = np.flatnonzero(plain & ~exact)
    lv[fuzzy] = code("differ")
    if len(fuzzy):
        jdist = _cp(f.jamo[a[fuzzy]], f.jamo[b[fuzzy]], Levenshtein.distance)
        sdist = _cp(f.name_norm[a[fuzzy]], f.name_norm[b[fuzzy]], Levenshtein.distance)
        la, lb = f.name_len[a[fuzzy]], f.name_len[b[fuzzy]]
        lv[fuzzy[(sdist == 1) & (la == lb) & (la >= 3)]] = code("syllable")
        lv[fuzzy[jdist <= 1]] = code("typo")
    mk = np.flatnonzero(masked)
    if len(mk):  # every position visible on both sides agrees, and the lengths agree
        sa, sb = f.syllables[a[mk]], f.syllables[b[mk]]
        agree = ((sa == sb) | (sa == -1) | (sb == -1)).all(axis=1) & (f.name_len[a[mk]] == f.name_len[b[mk]])
        lv[mk] = np.where(agree, code("masked"), code("differ"))
    lt = np.flatnonzero(latin)
    if len(lt):
        lv[lt] = code("differ")
        both = lt[f.latin[a[lt]] & f.latin[b[lt]]]  # a Latin and a Hangul spelling share no token
        if len(both):
            _generic_name_levels(f, a[both], b[both], lv, both)
        la, lb = a[lt], b[lt]
        same_sur = np.flatnonzero(f.surname_code[la] == f.surname_code[lb])
        if len(same_sur):  # a Korean name romanised: same surname, close sound keys of the given names
            sim = _cp(f.given_sound[la[same_sur]], f.given_sound[lb[same_sur]], Levenshtein.normalized_similarity)
            lv[lt[same_sur[sim >= 0.75]]] = code("latin")
        lv[lt[f.name_code[la] == f.name_code[lb]]] = code("exact")
    return lv


def _generic_name_levels(f: Features, a: np.ndarray, b: np.ndarray, lv: np.ndarray, at: np.ndarray) -> None:
    """Names in any script: one token shared, a close spelling (token-sorted or as written, so
    `crouch ella` ~ `ella crouhc`), the same tokens in another order."""
    code = NAME.code
    ta, tb = f.name_tokens[a], f.name_tokens[b]
    shared = ((ta[:, :, None] == tb[:, None, :]) & (ta[:, :, None] >= 0)).any(axis=(1, 2))
    lv[at[shared]] = code("token")
    jw = np.maximum(_cp(f.name_sorted[a], f.name_sorted[b], JaroWinkler.similarity),
                    _cp(f.name_concat[a], f.name_concat[b], JaroWinkler.similarity))
    lv[at[jw >= JW_CLOSE]] = code("fuzzy")
    lv[at[(f.name_sorted[a] == f.name_sorted[b]) & (f.name_sorted[a] != "")]] = code("swap")


def capped_tf(field: str, values: str) -> TfFn:
    """u of an exact agreement on `field`: the larger of the two values' shares (the rarer side is
    not evidence for the commoner one), capped by TF_CAP."""
    def tf(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        share = getattr(f, values)
        return np.minimum(np.maximum(share[a], share[b]), TF_CAP[field])
    return tf


NAME = Comparison(
    "name", frozenset({"name"}),
    (Level("exact", 0.85, None), Level("typo", 0.06, 0.001), Level("latin", 0.02, 0.0005),
     Level("masked", 0.03, 0.004), Level("syllable", 0.002, 0.003), Level("differ", 0.02, 0.99),
     Level("swap", 0.01, 0.0001), Level("fuzzy", 0.02, 0.001), Level("token", 0.01, 0.01)),
    name_levels, capped_tf("name", "name_tf"))


# --- birth dates --------------------------------------------------------------------------------

def birth_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    code = BIRTH.code
    ya, ma, da = f.by[a], f.bm[a].astype(np.int16), f.bd[a].astype(np.int16)
    yb, mb, db = f.by[b], f.bm[b].astype(np.int16), f.bd[b].astype(np.int16)
    lv = np.zeros(len(a), dtype=np.int8)
    known = (ya > 0) & (yb > 0)
    full = known & (da > 0) & (db > 0)
    same_y = ya == yb
    # Full dates on both sides.
    lv[full] = code("differ")
    lv[full & same_y] = code("year")
    lv[full & same_y & (ma == mb)] = code("month")
    # A keying error (one digit wrong, or two adjacent digits swapped: 12 → 21) is more specific than
    # a shared year or month: two people of one month have a day one keystroke apart far less often
    # than two records of one person do.
    apart = np.flatnonzero(full & ~((ma == mb) & (da == db) & same_y))
    lv[apart[_one_keystroke_apart(ya[apart], ma[apart], da[apart], yb[apart], mb[apart], db[apart])]] = code("digit")
    lv[full & (np.abs(ya.astype(np.int32) - yb) == 1) & (ma == mb) & (da == db)] = code("near")
    lv[full & same_y & (ma == db) & (da == mb)] = code("swap")
    lv[full & same_y & (ma == mb) & (da == db)] = code("exact")
    # One side partial (year or year-month only).
    part = known & ~full
    lv[part] = code("differ")
    month_conflict = (ma > 0) & (mb > 0) & (ma != mb) & ~((da > 0) & (da == mb)) & ~((db > 0) & (db == ma))
    lv[part & same_y] = np.where(month_conflict[part & same_y], code("year"), code("partial"))
    return lv


def _one_keystroke_apart(ya, ma, da, yb, mb, db) -> np.ndarray:
    """The dates written YYYYMMDD differ in exactly one digit, or only in two adjacent digits that
    are each other's (a keying error)."""
    x = ya.astype(np.int64) * 10_000 + ma * 100 + da
    y = yb.astype(np.int64) * 10_000 + mb * 100 + db
    dx = np.empty((8, len(x)), dtype=np.int8)
    dy = np.empty((8, len(x)), dtype=np.int8)
    for k in range(8):
        dx[k], dy[k] = x % 10, y % 10
        x, y = x // 10, y // 10
    differ = dx != dy
    count = differ.sum(axis=0)
    swapped = np.zeros(len(count), dtype=bool)
    for k in range(7):  # positions k and k+1 differ, and hold each other's digit
        swapped |= differ[k] & differ[k + 1] & (dx[k] == dy[k + 1]) & (dx[k + 1] == dy[k])
    return (count == 1) | ((count == 2) & swapped)


def birth_tf(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    both_full = (f.bd[a] > 0) & (f.bd[b] > 0)
    tf = np.minimum(np.maximum(f.birth_tf[a], f.birth_tf[b]), np.where(both_full, TF_CAP["birth"], TF_CAP["year"]))
    return np.where(both_full, np.maximum(tf, U_FLOOR_BIRTH), tf)


BIRTH = Comparison(
    "birth", frozenset({"birth"}),
    (Level("exact", 0.85, None), Level("swap", 0.02, 0.00005), Level("month", 0.02, 0.0012),
     Level("partial", 0.06, None), Level("near", 0.01, 0.0002), Level("year", 0.01, 0.012),
     Level("differ", 0.03, 0.98), Level("digit", 0.01, 0.0005)),
    birth_levels, birth_tf)


# --- sex, phone ---------------------------------------------------------------------------------

def sex_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.where((f.sex[a] > 0) & (f.sex[b] > 0), np.where(f.sex[a] == f.sex[b], 1, 2), 0).astype(np.int8)


SEX = Comparison("sex", frozenset({"sex"}), (Level("agree", 0.98, 0.5), Level("differ", 0.02, 0.5)), sex_levels)


def phone_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    code = PHONE.code
    lv = np.zeros(len(a), dtype=np.int8)
    pa, pb = f.phone_code[a], f.phone_code[b]
    la, lb = f.phone_last4[a], f.phone_last4[b]
    present = ((pa >= 0) | f.phone_masked[a]) & ((pb >= 0) | f.phone_masked[b])
    lv[present] = code("differ")
    lv[present & (la >= 0) & (la == lb)] = code("last4")
    lv[(pa >= 0) & (pa == pb)] = code("exact")
    # Masked numbers hide the middle digits (010-****-5678): the visible prefix and last four decide.
    mk = present & (f.phone_masked[a] | f.phone_masked[b])
    lv[mk & (f.phone_len[a] == f.phone_len[b]) & (f.phone_prefix[a] == f.phone_prefix[b])
       & (la >= 0) & (la == lb)] = code("masked")
    return lv


PHONE = Comparison(
    "phone", frozenset({"phone"}),
    (Level("exact", 0.6, 1e-5), Level("masked", 0.1, 0.0002), Level("last4", 0.05, 0.0005),
     Level("differ", 0.25, 0.999)),
    phone_levels)


# --- addresses ----------------------------------------------------------------------------------

def address_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    code = ADDRESS.code
    lv = np.zeros(len(a), dtype=np.int8)
    present = (f.addr_code[a] >= 0) & (f.addr_code[b] >= 0)
    lv[present] = code("differ")
    lv[present & (f.district_code[a] >= 0) & (f.district_code[a] == f.district_code[b])] = code("district")
    raw = np.flatnonzero(present & f.addr_raw[a] & f.addr_raw[b])
    if len(raw):  # neither parses as a Korean address: words and numbers
        ra, rb = a[raw], b[raw]
        numbers = (f.addr_numbers[ra] >= 0) & (f.addr_numbers[ra] == f.addr_numbers[rb])
        words = _cp(f.addr_words[ra], f.addr_words[rb], fuzz.token_set_ratio) >= WORDS_CLOSE
        lv[raw[numbers]] = code("numbers")
        lv[raw[words]] = code("words")
        lv[raw[words & numbers]] = code("close")
    lv[present & ~f.addr_raw[a] & (f.building_code[a] == f.building_code[b])] = code("building")
    lv[present & (f.addr_code[a] == f.addr_code[b])] = code("exact")
    return lv


ADDRESS = Comparison(
    "address", frozenset({"address"}),
    (Level("exact", 0.5, None), Level("building", 0.1, 0.002), Level("district", 0.15, 0.05),
     Level("differ", 0.25, 0.9), Level("close", 0.1, 0.0005), Level("numbers", 0.05, 0.002),
     Level("words", 0.05, 0.005)),
    address_levels, capped_tf("address", "addr_tf"))


# --- the export's own statements ----------------------------------------------------------------

def client_ref_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.where((f.cref_code[a] >= 0) & (f.cref_code[b] >= 0) & (f.agency_code[a] == f.agency_code[b]),
                    np.where(f.cref_code[a] == f.cref_code[b], 1, 2), 0).astype(np.int8)


# Same agency and same client number is the agency saying "same person"; a different number in the
# same agency is evidence against (agencies rarely register one client twice).
CLIENT_REF = Comparison("client_ref", frozenset({"agency_id", "client_ref"}),
                        (Level("same", 1.0, None), Level("differ", 1.0, None)), client_ref_levels,
                        fixed={"same": 12.0, "differ": -6.0})


def context_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return ((f.context_code[a] >= 0) & (f.context_code[a] == f.context_code[b])).astype(np.int8)


# Two records attached to the same call: a call names a handful of people, so a compatible name there
# is strong evidence; different calls say nothing.
CONTEXT = Comparison("context", frozenset({"context"}), (Level("same", 1.0, None),), context_levels,
                     fixed={"same": 7.0})

REGISTRY: tuple[Comparison, ...] = (NAME, BIRTH, SEX, PHONE, ADDRESS, CLIENT_REF, CONTEXT)
BY_NAME = {c.name: c for c in REGISTRY}
