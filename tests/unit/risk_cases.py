"""Synthetic victims at a cut-off for the risk model's unit tests (no graph needed)."""

from __future__ import annotations

from datetime import date

import numpy as np

from queries.risk_features import FEATURES
from risk.dataset import CutOff


def synthetic_cut(n: int, seed: int, signal: str) -> CutOff:
    """Synthetic victims: feature calls_12m drives the outcome; the hand score is (mostly) noise
    when `signal` is "model", the truth itself when "hand"."""
    rng = np.random.default_rng(seed)
    bins = np.zeros((n, len(FEATURES)), dtype=np.int16)
    k = [f.name for f in FEATURES].index("calls_12m")
    bins[:, k] = rng.integers(0, 5, n)
    truth = -2.5 + 0.8 * bins[:, k]
    y = rng.random(n) < 1 / (1 + np.exp(-truth))
    hand = truth if signal == "hand" else rng.normal(size=n)
    return CutOff(date(2023, 1, 1), [f"p{i}" for i in range(n)], bins, y, y & (rng.random(n) < 0.5), hand,
                  np.full(n, -1.0), bins[:, k].astype(float), (bins[:, k] >= 3).astype(float),
                  list(rng.choice(["M", "F"], n)), list(rng.choice(["<18", "18–39"], n)))
