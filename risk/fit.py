"""Fit the risk scorecard on the deployment's own history and validate it on held-out time.

1. Cut-offs (`dataset.schedule`): a test cut-off one horizon before the last call; up to six
   training cut-offs a quarter-horizon apart before it, whose outcome windows all end by the test
   cut-off (the same victim appears at several cut-offs, each time with what was known then).
2. The learner: L2-regularised logistic regression on the one-hot bins of
   `queries.risk_features` (scikit-learn), so the fitted model is an additive scorecard. The
   penalty is chosen on time too: fit on the older training cut-offs, pick the strength with the
   lowest log-loss on the newest.
3. Validation on the test cut-off: AUC with DeLong's 95 % interval for the model, the hand score
   and the baselines; the model's AUC minus the hand score's with its paired interval; Brier score
   and a reliability table for the model and for the hand score, each Platt-calibrated on the
   training period; the same by sex and age group.
4. The model is *used* (status `active`) only when it beats the hand score on held-out time: the
   paired interval of the AUC difference lies above zero and its Brier score is lower. Otherwise
   it is stored as `rejected` and the app keeps the hand score.
5. The model in use is refitted by the same recipe one horizon later (`Schedule.deploy`), so it
   has learnt from the most recent complete year; the validation figures are those of step 3.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from graph.errors import JSSError
from graph.runner import Runner
from queries.risk_features import FEATURES
from queries.risk_history import RiskHistory, read_history
from queries.risk_model import Scorecard
from risk import dataset, metrics
from risk.dataset import CutOff

log = logging.getLogger("jss.risk")
PENALTIES = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)   # C = 1 / L2 strength
MIN_POSITIVES = 30                                # fewer outcomes than this: nothing to learn from
OFFSETS = np.cumsum([0] + [len(f.bins) for f in FEATURES])


class NotEnoughHistory(JSSError):
    """The graph's history is too short, or has too few outcomes, to fit and validate a model."""


def design(bins: np.ndarray) -> sparse.csr_matrix:
    """One-hot matrix: one column per (feature, bin)."""
    n = len(bins)
    cols = (bins.astype(np.int64) + OFFSETS[:-1]).ravel()
    rows = np.repeat(np.arange(n), len(FEATURES))
    return sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(n, int(OFFSETS[-1])))


def stack(cuts: list[CutOff]) -> CutOff:
    first = cuts[0]
    return CutOff(first.as_of, sum((c.person_ids for c in cuts), []), np.vstack([c.bins for c in cuts]),
                  *(np.concatenate([getattr(c, k) for c in cuts])
                    for k in ("any_call", "serious", "hand", "grade", "calls_12m", "council_rule")),
                  sum((c.sex for c in cuts), []), sum((c.age for c in cuts), []))


def fill_unseen(coef: np.ndarray, bins: np.ndarray) -> np.ndarray:
    """A bin nobody in the fitting population fell in has no evidence; L2 leaves its weight at 0,
    which is the *average* person. For an ordered feature that is wrong (a first fit on a young
    deployment has never seen "last call over a year ago", yet such victims are the least likely
    to call again), so an unseen ordered bin takes the weight of the nearest seen bin, the outer
    one on a tie. Unseen categories stay neutral."""
    for i, f in enumerate(FEATURES):
        seen = np.bincount(bins[:, i], minlength=len(f.bins)) > 0
        if f.nominal or not seen.any():
            continue
        idx = np.flatnonzero(seen)
        for b in np.flatnonzero(~seen):
            dist = np.abs(idx - b)
            ties = idx[dist == dist.min()]
            nearest = ties.max() if b > (len(f.bins) - 1) / 2 else ties.min()
            coef[OFFSETS[i] + b] = coef[OFFSETS[i] + nearest]
    return coef


@dataclass(frozen=True)
class Grouped:
    """Identical (bins, outcome) rows as one row weighted by how many there are: the log-loss is a
    sum over rows, so the weighted fit has the same optimum, from a fraction of the rows (a third
    at the jeju preset; fewer still as the history grows, the bins being few)."""
    bins: np.ndarray
    y: np.ndarray
    weight: np.ndarray


# Place values that turn a row of bins and its outcome into one integer (mixed radix), so that
# grouping sorts one column instead of rows.
_RADIX = [len(f.bins) for f in FEATURES] + [2]
_PLACES = np.cumprod([1] + _RADIX[:-1], dtype=np.int64) if math.prod(_RADIX) < 2 ** 62 else None


def grouped(bins: np.ndarray, y: np.ndarray) -> Grouped:
    rows = np.column_stack([bins.astype(np.int64), y.astype(np.int64)])
    if _PLACES is not None:
        _, first, counts = np.unique(rows @ _PLACES, return_index=True, return_counts=True)
        unique = rows[first]
    else:
        unique, counts = np.unique(rows, axis=0, return_counts=True)
    return Grouped(unique[:, :-1], unique[:, -1], counts.astype(float))


def learner(c: float) -> LogisticRegression:
    # warm_start: the penalty search fits one learner at C after C, each from the last solution
    return LogisticRegression(C=c, max_iter=2000, solver="lbfgs", warm_start=True)


def fit_scorecard(bins: np.ndarray, y: np.ndarray, c: float, outcome: str) -> Scorecard:
    return fit_grouped(grouped(bins, y), c, outcome)


def fit_grouped(g: Grouped, c: float, outcome: str, lr: LogisticRegression | None = None) -> Scorecard:
    lr = lr if lr is not None else learner(c)
    lr.set_params(C=c)
    lr.fit(design(g.bins), g.y, sample_weight=g.weight)
    coef = fill_unseen(lr.coef_[0].copy(), g.bins)
    weights = {f.name: [float(x) for x in coef[OFFSETS[i]:OFFSETS[i + 1]]] for i, f in enumerate(FEATURES)}
    means = {f.name: float(np.average(coef[OFFSETS[i] + g.bins[:, i]], weights=g.weight))
             for i, f in enumerate(FEATURES)}
    return Scorecard(outcome, float(lr.intercept_[0]), weights, means)


def choose_penalty(train: list[CutOff], outcome: str) -> float:
    """The C with the lowest log-loss on the newest training cut-off, fitted on the older ones."""
    newest, older = train[0], train[1:]
    if not older:
        return 0.1
    old = stack(older)
    y_old, y_new = getattr(old, outcome), getattr(newest, outcome)
    if y_old.sum() < MIN_POSITIVES or y_new.sum() == 0:
        return 0.1
    losses, lr, rows = {}, learner(PENALTIES[0]), grouped(old.bins, y_old)
    for c in PENALTIES:   # strongest penalty first: each fit starts from the previous solution
        p = 1 / (1 + np.exp(-fit_grouped(rows, c, outcome, lr).logits(newest.bins)))
        p = np.clip(p, 1e-9, 1 - 1e-9)
        losses[c] = float(-np.mean(y_new * np.log(p) + (1 - y_new) * np.log(1 - p)))
    return min(losses, key=losses.get)


def validate(card: Scorecard, train: CutOff, test: CutOff, outcome: str) -> dict[str, Any]:
    """Held-out figures of one outcome (the model against the hand score and the baselines)."""
    y_train, y = getattr(train, outcome), getattr(test, outcome)
    model_train, model_test = card.logits(train.bins), card.logits(test.bins)
    p_model = metrics.Platt(model_train, y_train)(model_test)
    p_hand = metrics.Platt(train.hand, y_train)(test.hand)
    groups: dict[str, dict[str, Any]] = {}
    for key, values in (("sex", test.sex), ("age", test.age)):
        for g in sorted(set(values)):
            idx = np.array([v == g for v in values])
            groups[f"{key}:{g}"] = {
                "n": int(idx.sum()), "positives": int(y[idx].sum()), "rate": float(y[idx].mean()),
                "predicted": float(p_model[idx].mean()), "auc_model": metrics.auc_ci(model_test[idx], y[idx]),
                "auc_hand": metrics.auc_ci(test.hand[idx], y[idx]), "brier_model": metrics.brier(p_model[idx], y[idx])}
    return {
        "n": len(test), "positives": int(y.sum()), "rate": float(y.mean()),
        "auc": {"model": metrics.auc_ci(model_test, y), "hand": metrics.auc_ci(test.hand, y), "grade": metrics.auc_ci(test.grade, y),
                "calls_12m": metrics.auc_ci(test.calls_12m, y), "council_rule": metrics.auc_ci(test.council_rule, y)},
        "auc_gain": metrics.auc_difference(model_test, test.hand, y),
        "brier": {"model": metrics.brier(p_model, y), "hand": metrics.brier(p_hand, y),
                  "base_rate": metrics.brier(np.full(len(y), y_train.mean()), y)},
        "reliability": {"model": metrics.reliability(p_model, y), "hand": metrics.reliability(p_hand, y)},
        "groups": groups,
    }


FAIR_MIN_POSITIVES = 20   # groups with fewer outcomes are reported but not judged


def fairness_flags(v: dict[str, Any]) -> list[dict[str, Any]]:
    """Groups (by sex, by age) where the model ranks clearly worse than overall (AUC 0.05 below),
    or is miscalibrated (mean prediction off the rate seen by more than half the rate and 3 points).
    Shown with the report: a flagged group needs a person's judgement before the score is leaned on."""
    overall = v["auc"]["model"]["auc"] if v["auc"].get("model") else None
    flags: list[dict[str, Any]] = []
    for name, g in v["groups"].items():
        if g["positives"] < FAIR_MIN_POSITIVES or name.endswith(":unknown"):
            continue
        if overall is not None and g["auc_model"] and g["auc_model"]["auc"] < overall - 0.05:
            flags.append({"group": name, "kind": "auc", "value": g["auc_model"]["auc"], "overall": overall})
        if abs(g["predicted"] - g["rate"]) > max(0.03, 0.5 * g["rate"]):
            flags.append({"group": name, "kind": "calibration", "value": g["predicted"], "overall": g["rate"]})
    return flags


def beats_hand(v: dict[str, Any]) -> bool:
    gain = v.get("auc_gain")
    return bool(gain and gain["lo"] > 0 and v["brier"]["model"] < v["brier"]["hand"])


@dataclass
class Fitted:
    model_id: str
    status: str
    model: dict[str, Any]
    report: dict[str, Any]


def horizons_for(requested: int, explicit: bool) -> tuple[int, ...]:
    """The horizons to try: the requested one, then (unless it was asked for explicitly) half and
    a quarter of it, so a deployment with only two years of history still gets a model, with the
    shorter horizon it can honestly test."""
    return (requested,) if explicit else tuple(dict.fromkeys((requested, requested // 2, requested // 4)))


def fit(runner: Runner, horizons: tuple[int, ...] = (365, 182, 91), windows: int = 6,
        as_of: date | None = None, history: RiskHistory | None = None) -> Fitted:
    """Fit, validate and build the stored model (not yet written: see risk.store), with the first
    of `horizons` the graph's history can test; `history` when the caller has read it already."""
    started = time.monotonic()
    first, last = dataset.first_call(runner), as_of or dataset.last_call(runner)
    if first is None or last is None:
        raise NotEnoughHistory("the graph has no calls: load a bundle first")
    plan = None
    for horizon_days in horizons:
        if (plan := dataset.schedule(first, last, horizon_days, windows)) is not None:
            break
    if plan is None:
        raise NotEnoughHistory(f"calls span {first} … {last}: too short to learn and then test on a later "
                               f"period with a horizon of {' or '.join(map(str, horizons))} days")
    if history is None:   # the graph once; every cut-off from the same arrays
        history = read_history(runner)
    pulled = {d: dataset.at_cutoff(history, d, horizon_days)
              for d in sorted({*plan.train, plan.test, *plan.deploy})}
    pulled_s = time.monotonic() - started
    train, test = [pulled[d] for d in plan.train], pulled[plan.test]
    train_all, deploy_all = stack(train), stack([pulled[d] for d in plan.deploy])
    if train_all.any_call.sum() < MIN_POSITIVES or test.any_call.sum() < MIN_POSITIVES // 3:
        raise NotEnoughHistory(f"{int(train_all.any_call.sum())} victims called again in the training windows and "
                               f"{int(test.any_call.sum())} in the test window: too few to fit and validate")
    cards, report = {}, {"horizon_days": horizon_days, "test_cutoff": plan.test.isoformat(),
                         "train_cutoffs": [d.isoformat() for d in plan.train],
                         "deploy_cutoffs": [d.isoformat() for d in plan.deploy],
                         "train_rows": len(train_all), "deploy_rows": len(deploy_all), "outcomes": {}}
    for outcome in ("any_call", "serious"):
        if getattr(train_all, outcome).sum() < MIN_POSITIVES:
            continue
        c = choose_penalty(train, outcome)
        held_out = validate(fit_scorecard(train_all.bins, getattr(train_all, outcome), c, outcome),
                            train_all, test, outcome)
        held_out["penalty_c"] = c
        held_out["beats_hand"] = beats_hand(held_out)
        held_out["fairness_flags"] = fairness_flags(held_out)
        report["outcomes"][outcome] = held_out
        cards[outcome] = fit_scorecard(deploy_all.bins, getattr(deploy_all, outcome), c, outcome)
    primary = report["outcomes"]["any_call"]
    status = "active" if primary["beats_hand"] else "rejected"
    model = {"horizon_days": horizon_days, "features": [f.name for f in FEATURES],
             "any_call": cards["any_call"].to_dict(),
             "serious": cards["serious"].to_dict()
             if "serious" in cards and report["outcomes"]["serious"]["beats_hand"] else None}
    report["seconds"] = {"pull": round(pulled_s, 1), "total": round(time.monotonic() - started, 1)}
    model_json = json.dumps(model, sort_keys=True)
    model_id = "RM-" + hashlib.sha256(model_json.encode()).hexdigest()[:16]
    log.info("risk.fit status=%s rows=%d seconds=%.1f", status, len(deploy_all), report["seconds"]["total"])
    return Fitted(model_id, status, model, report)
