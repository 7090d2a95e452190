"""All victims at one cut-off, computed with numpy from a `RiskHistory` (queries/risk_history.py):
the bins of every feature of `risk_features.FEATURES`, the quantities the hand score reads and its
points (`queries.risk.score_features`), and the calls in the horizon after the cut-off.

Each feature here gives exactly what its declared `Feature.value` gives one victim's row (the
integration test tests/integration/test_risk_history_jeju.py compares every victim at two cut-offs);
the cuts come from the declarations, so a bin boundary is written once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np

from queries.risk_features import FEATURES, GRADES
from queries.risk_history import REL_ANY, REL_FAMILY, REL_PARTNER, REL_SEPARATION, RiskHistory, day_number

GRADE_POINTS = {"매우높음": 4, "높음": 3, "보통": 1, "낮음": 0}
GRADE_ORDER = {"매우높음": 3, "높음": 2, "보통": 1, "낮음": 0}


def years_before(d: date, years: int) -> date:
    """`d - duration({years: n})` as Cypher computes it: 29 February becomes 28 February."""
    try:
        return d.replace(year=d.year - years)
    except ValueError:
        return d.replace(year=d.year - years, day=28)


def group_bounds(sorted_codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each run of equal codes starts and ends (inclusive) in a sorted array."""
    if len(sorted_codes) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    return starts, np.r_[starts[1:], len(sorted_codes)] - 1


def count_distinct(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Per a in 0..n-1: the number of distinct b paired with it."""
    if len(a) == 0:
        return np.zeros(n, dtype=np.int64)
    width = int(b.max()) + 1
    pairs = np.unique(a.astype(np.int64) * width + b.astype(np.int64))
    return np.bincount(pairs // width, minlength=n)


@dataclass
class Snapshot:
    """The victims at `as_of` (everyone named as victim on a call before it), sorted by person_id:
    `bins` follows FEATURES; `values` holds each feature's value before binning and the hand
    score's other quantities; `hand_points` the hand score's points per reason."""
    as_of: date
    codes: np.ndarray           # person codes into RiskHistory.person_ids
    person_ids: np.ndarray
    bins: np.ndarray            # (n, len(FEATURES)) int16
    values: dict[str, np.ndarray]
    grade: np.ndarray           # latest checklist grade before as_of (str or None)
    graded_on: np.ndarray       # its date as a day number, -1 without one
    hand_points: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def hand(self) -> np.ndarray:
        total = np.zeros(len(self), dtype=np.int64)
        for points in self.hand_points.values():
            total += points
        return total

    @property
    def grade_rank(self) -> np.ndarray:
        return np.array([GRADE_ORDER.get(g or "", -1) for g in self.grade], dtype=np.int64)

    @property
    def calls_12m(self) -> np.ndarray:
        return self.values["calls_12m"]

    @property
    def council_rule(self) -> np.ndarray:
        """The council's rules: ≥ 3 calls in 12 months or the latest checklist 높음 or above."""
        return (self.calls_12m >= 3) | (self.grade_rank >= GRADE_ORDER["높음"])


def _any(flags: np.ndarray, starts: np.ndarray) -> np.ndarray:
    return np.maximum.reduceat(flags.astype(np.int8), starts) > 0


def _calls(h: RiskHistory, t: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Per victim with a call before day t: the call-history quantities."""
    vc = h.victim_calls
    before = vc["day"].to_numpy() < t
    v, call, d = vc["v"].to_numpy()[before], vc["call"].to_numpy()[before], vc["day"].to_numpy()[before]
    starts, last = group_bounds(v)
    calls = h.calls
    sev = calls["severity"].to_numpy()[call]
    recent = d >= t - 365
    n12 = np.add.reduceat(recent.astype(np.int64), starts)
    first_recent = sev[last - np.maximum(n12 - 1, 0)]      # recent calls are each victim's last n12
    trend = np.select([n12 < 2, sev[last] > first_recent, sev[last] < first_recent], [1, 2, 0], 1)
    total = last - starts + 1
    span = (d[last] - d[starts]).astype(float)
    mean_gap = np.where(total >= 2, np.maximum(span / np.maximum(total - 1, 1), 1.0), np.nan)
    q = {"calls_12m": n12, "calls_90d": np.add.reduceat((d >= t - 90).astype(np.int64), starts),
         "calls_total": total, "days_since_last": (t - d[last]).astype(np.int64),
         "months_known": (t - d[starts]) / 30.4, "mean_gap": mean_gap,
         "severity_12m": np.maximum.reduceat(np.where(recent, sev, -1), starts), "severity_trend": trend,
         "weapon": _any(calls["weapon"].to_numpy()[call], starts),
         "injury": _any(calls["injury"].to_numpy()[call], starts),
         "order": _any(calls["order"].to_numpy()[call], starts),
         "call_children": _any(calls["children"].to_numpy()[call], starts),
         "relbits": np.bitwise_or.reduceat(calls["relbits"].to_numpy()[call], starts),
         "category": calls["category"].to_numpy()[call][last]}
    return v[starts], q


def _suspects(h: RiskHistory, t: int) -> tuple[np.ndarray, np.ndarray]:
    """Per person code: the distinct calls before day t naming any of their suspects (theirs
    included), and the suspects' other victims on calls before t."""
    p = h.pairs[h.pairs["day"].to_numpy() < t][["v", "s"]]
    sc = h.suspect_calls[h.suspect_calls["day"].to_numpy() < t][["s", "call"]]
    j = p.merge(sc, on="s")
    calls = count_distinct(j["v"].to_numpy(), j["call"].to_numpy(), h.n_people)
    so = h.suspect_victims[h.suspect_victims["day"].to_numpy() < t][["s", "o"]]
    j = p.merge(so, on="s")
    j = j[j["o"].to_numpy() != j["v"].to_numpy()]
    return calls, count_distinct(j["v"].to_numpy(), j["o"].to_numpy(), h.n_people)


def _checklists(h: RiskHistory, t: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per person code: the latest checklist before day t (grade, day, yes) and how many."""
    ra = h.assessments[h.assessments["day"].to_numpy() < t]
    v = ra["v"].to_numpy()
    starts, last = group_bounds(v)
    grade = np.full(h.n_people, None, dtype=object)
    graded_on = np.full(h.n_people, -1, dtype=np.int64)
    yes = np.zeros(h.n_people, dtype=np.int64)
    who = v[starts]
    grade[who] = ra["grade"].to_numpy()[last]
    graded_on[who] = ra["day"].to_numpy()[last]
    yes[who] = ra["yes"].to_numpy()[last]
    return grade, graded_on, yes, np.bincount(v, minlength=h.n_people)


def _relation(bits: np.ndarray) -> np.ndarray:
    return np.select([bits & REL_SEPARATION > 0, bits & REL_PARTNER > 0, bits & REL_FAMILY > 0,
                      bits & REL_ANY > 0], [1, 2, 3, 4], 0)


def _pace(q: dict[str, np.ndarray]) -> np.ndarray:
    gap = q["mean_gap"]
    return np.select([np.isnan(gap), gap <= 14, gap <= 45, gap <= 120], [0, 1, 2, 3], 4)


def _overdue(q: dict[str, np.ndarray]) -> np.ndarray:
    gap = q["mean_gap"]
    ratio = q["days_since_last"] / np.where(np.isnan(gap), 1.0, gap)
    return np.select([np.isnan(gap), ratio <= 1, ratio <= 3], [0, 1, 2], 3)


# Each feature's value from the snapshot's quantities (the vectorised `Feature.value`).
VALUES: dict[str, Callable[[dict[str, np.ndarray]], np.ndarray]] = {
    "calls_12m": lambda q: q["calls_12m"], "calls_90d": lambda q: q["calls_90d"], "pace": _pace,
    "overdue": _overdue, "calls_total": lambda q: q["calls_total"],
    "days_since_last": lambda q: q["days_since_last"], "months_known": lambda q: q["months_known"],
    "severity_12m": lambda q: q["severity_12m"], "severity_trend": lambda q: q["severity_trend"],
    "weapon": lambda q: q["weapon"], "injury": lambda q: q["injury"], "order": lambda q: q["order"],
    "protection": lambda q: q["protection"], "grade": lambda q: q["grade_index"],
    "checklist_yes": lambda q: q["yes"], "assessments": lambda q: q["assessments"],
    "suspect_other_victims": lambda q: q["others"], "suspect_calls": lambda q: q["suspect_calls"],
    "relation": lambda q: _relation(q["relbits"]), "category": lambda q: q["category"],
    "children": lambda q: q["children"], "household_others": lambda q: q["household_others"],
    "agencies": lambda q: q["agencies"], "services_12m": lambda q: q["services_12m"],
    "shelter": lambda q: q["shelter"], "council": lambda q: q["council"],
}


def bins_of(q: dict[str, np.ndarray], n: int) -> np.ndarray:
    """(n, len(FEATURES)) bin indices: each value cut at its feature's declared cuts."""
    missing = [f.name for f in FEATURES if f.name not in VALUES]
    if missing:
        raise KeyError(f"features without a vectorised value in queries/risk_snapshot.py: {missing}")
    out = np.zeros((n, len(FEATURES)), dtype=np.int16)
    for i, f in enumerate(FEATURES):
        x = np.asarray(VALUES[f.name](q))
        out[:, i] = x if f.cuts is None else np.searchsorted(np.asarray(f.cuts, dtype=float), x, side="left")
    return out


def hand_points(q: dict[str, np.ndarray], grade: np.ndarray) -> dict[str, np.ndarray]:
    """The hand score's points per reason (queries.risk.score_features, the same rules)."""
    n12, gap, yes = q["calls_12m"], q["days_since_last"], q["yes"]
    return {
        "grade": np.array([GRADE_POINTS.get(g or "", 0) for g in grade], dtype=np.int64),
        "yes": np.select([yes >= 14, yes >= 7], [2, 1], 0),
        "calls": np.select([n12 >= 5, n12 >= 3, n12 == 2], [6, 4, 2], 0),
        "gap": np.select([gap <= 30, gap <= 90, gap <= 180], [3, 2, 1], 0),
        "rising": np.where(q["severity_trend"] == 2, 2, 0),
        "weapon": np.where(q["weapon"], 2, 0), "injury": np.where(q["injury"], 2, 0),
        "others": np.where(q["others"] > 0, 2, 0), "children": np.where(q["children"], 1, 0),
        "separation": np.where(q["relbits"] & REL_SEPARATION > 0, 2, 0),
        "agencies": np.where(q["agencies"] >= 3, 1, 0),
    }


def snapshot(h: RiskHistory, as_of: date) -> Snapshot:
    """Every victim at `as_of`, from records dated before it."""
    t = day_number(as_of)
    codes, q = _calls(h, t)
    suspect_calls, others = _suspects(h, t)
    grade, graded_on, yes, assessments = _checklists(h, t)
    sv = h.services
    sv_day = sv["day"].to_numpy()
    services_12m = np.bincount(sv["v"].to_numpy()[(sv_day < t) & (sv_day >= t - 365)], minlength=h.n_people)
    cc_day = h.council["day"].to_numpy()
    cc_v = h.council["v"].to_numpy()
    council_ever = np.bincount(cc_v[cc_day < t], minlength=h.n_people) > 0
    council_year = np.bincount(cc_v[(cc_day < t) & (cc_day >= t - 365)], minlength=h.n_people) > 0
    ag = h.agencies
    agencies = np.bincount(ag["p"].to_numpy()[ag["day"].to_numpy() < t], minlength=h.n_people)
    hh = h.victims
    young = hh["youngest_other_born"].to_numpy(dtype=float)[codes] > day_number(years_before(as_of, 18))
    q |= {"suspect_calls": suspect_calls[codes], "others": others[codes], "yes": yes[codes],
          "assessments": assessments[codes],
          "grade_index": np.array([GRADES.index(g) + 1 if g in GRADES else 0 for g in grade[codes]],
                                  dtype=np.int64),
          "protection": h.protection_from[codes] < t, "shelter": h.shelter_from[codes] < t,
          "services_12m": services_12m[codes], "agencies": agencies[codes],
          "council": np.where(council_year[codes], 2, np.where(council_ever[codes], 1, 0)),
          "household_others": hh["household_others"].to_numpy(dtype=np.int64)[codes],
          "children": q["call_children"] | young}
    g = grade[codes]
    return Snapshot(as_of, codes, h.person_ids[codes], bins_of(q, len(codes)), q, g, graded_on[codes],
                    hand_points(q, g))


def outcomes(h: RiskHistory, codes: np.ndarray, as_of: date,
             horizon_days: int) -> tuple[np.ndarray, np.ndarray]:
    """(any call, a serious call) naming each victim as victim in [as_of, as_of + horizon_days):
    a weapon, an injury or priority C0/C1 is serious (the same as risk_outcomes.cypher)."""
    t = day_number(as_of)
    vc = h.victim_calls
    d = vc["day"].to_numpy()
    window = (d >= t) & (d < t + horizon_days)
    v = vc["v"].to_numpy()[window]
    serious = h.calls["serious"].to_numpy()[vc["call"].to_numpy()[window]]
    return (np.bincount(v, minlength=h.n_people)[codes] > 0,
            np.bincount(v[serious], minlength=h.n_people)[codes] > 0)

