"""Victims at a cut-off: what the graph knew before it (features, the hand score) and what happened
in the horizon after it (a further call naming them as victim; a serious one). Read through the
runner with the analytics pulls of queries/analytics/ — the same feature query the app scores
with — so a model is fitted and validated on exactly what it will be shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np

from graph.runner import Runner
from queries.risk import GRADE_ORDER, score_features, victim_features, victim_outcomes
from queries.risk_features import FEATURES, age_group, feature_bins


@dataclass
class CutOff:
    """One cut-off's victims as arrays (one row per victim)."""
    as_of: date
    person_ids: list[str]
    bins: np.ndarray            # (n, features) bin index per FEATURES
    any_call: np.ndarray        # bool
    serious: np.ndarray         # bool
    hand: np.ndarray            # the hand score (queries.risk)
    grade: np.ndarray           # checklist grade rank, -1 none
    calls_12m: np.ndarray
    council_rule: np.ndarray    # ≥ 3 calls in 12 months or grade 높음+
    sex: list[str]
    age: list[str]

    def __len__(self) -> int:
        return len(self.person_ids)


def at_cutoff(runner: Runner, as_of: date, horizon_days: int, *, outcomes: bool = True) -> CutOff:
    rows = victim_features(runner, as_of)
    after = victim_outcomes(runner, as_of, horizon_days) if outcomes else {}
    bins = np.zeros((len(rows), len(FEATURES)), dtype=np.int16)
    hand, grade, calls, rule = [], [], [], []
    for i, row in enumerate(rows):
        b = feature_bins(row, as_of)
        bins[i] = [b[f.name] for f in FEATURES]
        s = score_features(row, as_of)
        hand.append(s.score)
        grade.append(GRADE_ORDER.get(s.grade or "", -1))
        calls.append(s.calls_12m)
        rule.append(s.council_rule_calls or s.council_rule_checklist)
    ids = [r["person_id"] for r in rows]
    return CutOff(as_of, ids, bins,
                  np.array([p in after for p in ids], dtype=bool),
                  np.array([bool(after.get(p, {}).get("serious")) for p in ids], dtype=bool),
                  np.array(hand, dtype=float), np.array(grade, dtype=float), np.array(calls, dtype=float),
                  np.array(rule, dtype=float), [r.get("sex") or "unknown" for r in rows],
                  [age_group(r.get("birth_year"), as_of) for r in rows])


def last_call(runner: Runner) -> date | None:
    last = runner.read_value("MATCH (c:Call) RETURN max(c.received_at)", name="risk.last_call")
    return last.date() if isinstance(last, datetime) else last


def first_call(runner: Runner) -> date | None:
    first = runner.read_value("MATCH (c:Call) RETURN min(c.received_at)", name="risk.first_call")
    return first.date() if isinstance(first, datetime) else first


@dataclass(frozen=True)
class Schedule:
    """The cut-offs of one fit, on a grid a quarter-horizon apart ending at `test`. Validation: fit
    on `train` (every outcome window ends by `test`), test at `test` (its window ends at the last
    call). Deployment: the same recipe one horizon later (`deploy`), so the model in use has seen
    the most recent complete period; the grid makes most deploy cut-offs training ones too."""
    test: date
    train: tuple[date, ...]
    deploy: tuple[date, ...]


def schedule(first: date, last: date, horizon_days: int, windows: int = 6,
             min_history_days: int = 180) -> Schedule | None:
    """None when the graph's history is too short for one training window before the test one."""
    test = last - timedelta(days=horizon_days)

    def grid(j: float) -> date:
        return test - timedelta(days=round(j * horizon_days / 4))

    earliest = first + timedelta(days=min_history_days)
    train = tuple(d for k in range(windows) if (d := grid(4 + k)) >= earliest)
    if not train:
        return None
    return Schedule(test, train, tuple(grid(k) for k in range(len(train))))
