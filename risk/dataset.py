"""Victims at a cut-off: what the graph knew before it (features, the hand score) and what happened
in the horizon after it (a further call naming them as victim; a serious one).

The graph is read once per fit (`queries.risk_history.read_history`: the flat pulls of
queries/analytics/risk_history_*.cypher, the same arrays the app scores from), and each cut-off is computed from those arrays with numpy
(`queries.risk_snapshot`), so a fit of ten cut-offs costs one read, not ten. The features equal
what `queries.risk_features.feature_bins` gives each victim's row of risk_features.cypher
(tests/integration/test_risk_history_jeju.py), so a model is fitted and validated on exactly what
it will be shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

from graph.cypher_files import cypher_text
from graph.runner import Runner
from queries import risk_snapshot
from queries.risk_features import age_group
from queries.risk_history import RiskHistory

CYPHER_DIR = Path(__file__).with_name("cypher")


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


def at_cutoff(history: RiskHistory, as_of: date, horizon_days: int, *, outcomes: bool = True) -> CutOff:
    snap = risk_snapshot.snapshot(history, as_of)
    if outcomes:
        any_call, serious = risk_snapshot.outcomes(history, snap.codes, as_of, horizon_days)
    else:
        any_call = serious = np.zeros(len(snap), dtype=bool)
    sex = history.victims["sex"].to_numpy()[snap.codes]
    born = history.victims["birth_year"].to_numpy()[snap.codes]
    sexes = [x if isinstance(x, str) and x else "unknown" for x in sex]
    return CutOff(as_of, snap.person_ids.tolist(), snap.bins, any_call, serious,
                  snap.hand.astype(float), snap.grade_rank.astype(float), snap.calls_12m.astype(float),
                  snap.council_rule.astype(float), sexes, [age_group(y, as_of) for y in born])


def last_call(runner: Runner) -> date | None:
    last = runner.read_value(cypher_text(CYPHER_DIR, "last_call"), name="risk.last_call")
    return last.date() if isinstance(last, datetime) else last


def first_call(runner: Runner) -> date | None:
    first = runner.read_value(cypher_text(CYPHER_DIR, "first_call"), name="risk.first_call")
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
