"""How well a risk predictor does on held-out people: AUC with a DeLong confidence interval (and
the paired difference of two predictors on the same people), Brier score, a reliability table,
and Platt calibration (a one-variable logistic fit on the training period).

DeLong, DeLong & Clarke-Pearson (1988), in the fast form of Sun & Xu (2014): the AUC's variance
from the placement values of positives and negatives, no bootstrap, exact for ties (a tie counts
one half, as in queries.risk.auc).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy.stats import rankdata

Z95 = 1.959963984540054


def _placements(scores: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    pos, neg = scores[labels], scores[~labels]
    m, n = len(pos), len(neg)
    all_ranks = rankdata(np.concatenate([pos, neg]))
    v10 = (all_ranks[:m] - rankdata(pos)) / n          # per positive: share of negatives below it
    v01 = 1.0 - (all_ranks[m:] - rankdata(neg)) / m    # per negative: share of positives above it
    return float(v10.mean()), v10, v01


def auc_ci(scores: Any, labels: Any) -> dict[str, float] | None:
    """{auc, lo, hi, se}; None when one class is empty."""
    s, y = np.asarray(scores, dtype=float), np.asarray(labels, dtype=bool)
    if y.all() or not y.any():
        return None
    auc, v10, v01 = _placements(s, y)
    var = v10.var(ddof=1) / len(v10) + v01.var(ddof=1) / len(v01) if len(v10) > 1 and len(v01) > 1 else 0.0
    se = math.sqrt(max(var, 0.0))
    return {"auc": auc, "lo": max(0.0, auc - Z95 * se), "hi": min(1.0, auc + Z95 * se), "se": se}


def auc_difference(a: Any, b: Any, labels: Any) -> dict[str, float] | None:
    """AUC(a) − AUC(b) on the same people, with DeLong's paired 95 % interval."""
    y = np.asarray(labels, dtype=bool)
    if y.all() or not y.any() or y.sum() < 2 or (~y).sum() < 2:
        return None
    auc_a, v10a, v01a = _placements(np.asarray(a, dtype=float), y)
    auc_b, v10b, v01b = _placements(np.asarray(b, dtype=float), y)
    s10 = np.cov(np.vstack([v10a, v10b]))
    s01 = np.cov(np.vstack([v01a, v01b]))
    var = (s10[0, 0] + s10[1, 1] - 2 * s10[0, 1]) / len(v10a) + (s01[0, 0] + s01[1, 1] - 2 * s01[0, 1]) / len(v01a)
    se = math.sqrt(max(float(var), 0.0))
    d = auc_a - auc_b
    return {"difference": d, "lo": d - Z95 * se, "hi": d + Z95 * se, "se": se}


def brier(p: Any, labels: Any) -> float:
    p, y = np.asarray(p, dtype=float), np.asarray(labels, dtype=float)
    return float(np.mean((p - y) ** 2))


RELIABILITY_BINS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)


def reliability(p: Any, labels: Any) -> list[dict[str, Any]]:
    """Per band of predicted probability: how many people, the mean prediction and the rate seen."""
    p, y = np.asarray(p, dtype=float), np.asarray(labels, dtype=float)
    out = []
    for lo, hi in zip(RELIABILITY_BINS, RELIABILITY_BINS[1:], strict=False):
        inside = (p >= lo) & ((p < hi) if hi < 1.0 else (p <= hi))
        n = int(inside.sum())
        out.append({"from": lo, "to": hi, "n": n, "predicted": float(p[inside].mean()) if n else None,
                    "observed": float(y[inside].mean()) if n else None})
    return out


class Platt:
    """p = σ(a·x + b) fitted by maximum likelihood (Newton steps) on the training period."""

    def __init__(self, x: Any, labels: Any) -> None:
        x, y = np.asarray(x, dtype=float), np.asarray(labels, dtype=float)
        self.scale = float(x.std()) or 1.0
        self.centre = float(x.mean())
        z = (x - self.centre) / self.scale
        a, b = 1.0, math.log(max(y.mean(), 1e-6) / max(1 - y.mean(), 1e-6))
        for _ in range(50):
            p = 1 / (1 + np.exp(-(a * z + b)))
            w = np.maximum(p * (1 - p), 1e-9)
            g = np.array([np.sum((y - p) * z), np.sum(y - p)])
            h = np.array([[np.sum(w * z * z), np.sum(w * z)], [np.sum(w * z), np.sum(w)]]) + 1e-9 * np.eye(2)
            step = np.linalg.solve(h, g)
            a, b = a + step[0], b + step[1]
            if np.abs(step).max() < 1e-10:
                break
        self.a, self.b = float(a), float(b)

    def __call__(self, x: Any) -> np.ndarray:
        z = (np.asarray(x, dtype=float) - self.centre) / self.scale
        return 1 / (1 + np.exp(-(self.a * z + self.b)))
