"""The fitted risk model as the app applies it: an additive scorecard on the binned features of
`queries.risk_features`, stored as JSON with its validation (`RiskModel` nodes, written by
`jss risk fit`, see risk/ and docs/risk.md).

A scorecard is a logistic regression on one-hot bins: the log-odds of a further call within the
horizon is the intercept plus one weight per feature (the weight of the bin the victim falls in).
So every probability comes with its reasons exactly: a feature's *effect* is its weight minus the
average weight of that feature over the people the model was fitted on, and e^effect says how
many times the odds are raised or lowered by it. Applying it needs no learning library.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from queries.risk_features import BY_NAME, FEATURES, feature_bins

COLUMN = {f.name: i for i, f in enumerate(FEATURES)}   # a feature's column in a bins matrix

# Levels by the chance of a further 112 call naming the victim within the horizon. Fixed bands,
# not ranks: a 매우높음 means the same risk in every run and every deployment.
LEVELS = ((0.5, "매우높음"), (0.25, "높음"), (0.1, "보통"), (0.0, "낮음"))
MIN_EFFECT = math.log(1.15)   # effects weaker than ×1.15 the odds are not listed as reasons


def level_of(p: float) -> str:
    return next(label for floor, label in LEVELS if p >= floor)


@dataclass(frozen=True)
class Scorecard:
    """One outcome's model: intercept, weights[feature][bin], and each feature's mean weight over
    the fitting population (the reference its effects are measured from)."""
    outcome: str
    intercept: float
    weights: dict[str, list[float]]
    means: dict[str, float]

    def logit(self, bins: dict[str, int]) -> float:
        return self.intercept + sum(w[bins[name]] for name, w in self.weights.items())

    def probability(self, bins: dict[str, int]) -> float:
        return 1.0 / (1.0 + math.exp(-self.logit(bins)))

    def logits(self, bins: np.ndarray) -> np.ndarray:
        """`logit` of every row of a bins matrix (columns in FEATURES order), summed in the card's
        order as `logit` sums them, so both give the same floats."""
        total = np.zeros(len(bins))
        for name, w in self.weights.items():
            total += np.asarray(w)[bins[:, COLUMN[name]]]
        return self.intercept + total

    def effects(self, bins: dict[str, int]) -> list[tuple[str, int, float]]:
        """(feature, bin, effect in log-odds) for every feature, strongest rise first."""
        out = [(name, bins[name], w[bins[name]] - self.means[name]) for name, w in self.weights.items()]
        return sorted(out, key=lambda x: -x[2])

    def to_dict(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "intercept": self.intercept, "weights": self.weights, "means": self.means}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Scorecard:
        weights = {k: [float(x) for x in v] for k, v in d["weights"].items()}
        unknown = set(weights) - set(BY_NAME)
        if unknown:
            raise ValueError(f"the stored risk model names features this version does not know: {sorted(unknown)}")
        return cls(d["outcome"], float(d["intercept"]), weights, {k: float(v) for k, v in d["means"].items()})


def reason_text(name: str, bin_index: int, effect: float, lang: str) -> str:
    """"최근 12개월 신고: 3–4건 (위험 2.1배)" / "calls in the last 12 months: 3–4 (odds ×2.1)"."""
    f = BY_NAME[name]
    ko, en = f.bins[bin_index]
    times = math.exp(effect)
    if lang == "ko":
        return f"{f.ko}: {ko} (위험 {times:.1f}배)"
    return f"{f.en}: {en} (odds ×{times:.1f})"


@dataclass(frozen=True)
class ModelScore:
    """What the app shows beside the hand score."""
    model_id: str
    probability: float
    serious_probability: float | None
    level: str
    reasons: list[tuple[str, str, float]] = field(default_factory=list)   # (ko, en, effect in log-odds)
    horizon_days: int = 365


@dataclass(frozen=True)
class FittedModel:
    """A stored model: its scorecards (any further call; a serious one), horizon and validation."""
    model_id: str
    horizon_days: int
    any_call: Scorecard
    serious: Scorecard | None
    report: dict[str, Any]
    active: bool

    def score(self, row: dict[str, Any], as_of: date) -> ModelScore:
        """One victim's score from their row of risk_features.cypher."""
        bins = feature_bins(row, as_of)
        return self.score_bins(np.array([[bins[f.name] for f in FEATURES]]))[0]

    def score_bins(self, bins: np.ndarray) -> list[ModelScore]:
        """Every row of a bins matrix (columns in FEATURES order): the chance of a further call,
        of a serious one, the level, and the reasons — up to five effects that raise the odds and
        two that lower them, each at least MIN_EFFECT, strongest rise first."""
        card = self.any_call
        names = list(card.weights)
        # a reason's text depends only on (feature, bin): made once per call, not per victim
        texts = [[(reason_text(n, b, w - card.means[n], "ko"), reason_text(n, b, w - card.means[n], "en"),
                   w - card.means[n]) for b, w in enumerate(card.weights[n])] for n in names]
        own = bins[:, [COLUMN[n] for n in names]]
        effects = np.column_stack([np.asarray([t[2] for t in texts[j]])[own[:, j]] for j in range(len(names))])
        strong = (np.abs(effects) >= MIN_EFFECT).tolist()
        order = np.argsort(-effects, axis=1, kind="stable").tolist()
        chance = (1.0 / (1.0 + np.exp(-card.logits(bins)))).tolist()
        serious = (1.0 / (1.0 + np.exp(-self.serious.logits(bins)))).tolist() if self.serious else None
        out = []
        for i, p in enumerate(chance):
            b, keep = own[i].tolist(), strong[i]
            reasons = [texts[j][b[j]] for j in order[i] if keep[j]]
            shown = [r for r in reasons if r[2] > 0][:5] + [r for r in reasons if r[2] < 0][-2:]
            out.append(ModelScore(self.model_id, p, serious[i] if serious else None, level_of(p), shown,
                                  self.horizon_days))
        return out

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> FittedModel:
        model = json.loads(row["model"])
        return cls(row["model_id"], int(model["horizon_days"]), Scorecard.from_dict(model["any_call"]),
                   Scorecard.from_dict(model["serious"]) if model.get("serious") else None,
                   json.loads(row["report"]) if row.get("report") else {}, row.get("status") == "active")
