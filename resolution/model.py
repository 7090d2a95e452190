"""The Fellegi–Sunter model a resolution run used: m and u per comparison level, the prior, thresholds.

`PRIORS` is the model declared in the registry (`comparisons.py`); `training.fit` estimates one from
the records being resolved, starting from it. Every run stores the model it used (JSON on the run),
so a link's weight can always be traced to the m and u behind it: `jss resolve --explain-model`
prints it, the review page shows the m and u of each field's level.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import numpy as np

from resolution.comparisons import MAX_WEIGHT, REGISTRY, Comparison


@dataclass
class Model:
    # comparison → level → (m, u); u None: the value's term frequency (per pair, capped)
    levels: dict[str, dict[str, tuple[float, float | None]]]
    fixed: dict[str, dict[str, float]]  # comparisons the export states (client_ref, context): weights
    source: dict[str, str]  # comparison → "prior" | "estimated"
    prior: float | None = None  # λ: P(two random records are one person), when estimated
    match_threshold: float | None = None
    review_threshold: float | None = None
    training: dict = field(default_factory=dict)  # what the fit saw: records, pairs, sessions, iterations
    # Levels of the random pairs u was sampled from, kept only until `training.calibrate` has used them.
    random_levels: dict | None = field(default=None, repr=False, compare=False)

    def weights(self, comp: Comparison) -> tuple[np.ndarray, list[tuple[int, float]]]:
        """Weight per level code for fixed-u levels (0 for missing and for term-frequency levels), and
        the (code, m) of the term-frequency levels, whose u comes per pair."""
        table = np.zeros(len(comp.level_names), dtype=np.float32)
        tf_levels = []
        if comp.fixed is not None:
            for code, name in enumerate(comp.level_names[1:], start=1):
                table[code] = self.fixed[comp.name].get(name, 0.0)
            return table, tf_levels
        for code, name in enumerate(comp.level_names[1:], start=1):
            m, u = self.levels[comp.name][name]
            if u is None:
                tf_levels.append((code, m))
            else:
                table[code] = weight(m, u)
        return table, tf_levels

    def to_json(self) -> str:
        return json.dumps({"levels": {c: {lv: list(mu) for lv, mu in v.items()} for c, v in self.levels.items()},
                           "fixed": self.fixed, "source": self.source, "prior": self.prior,
                           "match_threshold": self.match_threshold, "review_threshold": self.review_threshold,
                           "training": self.training}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Model:
        d = json.loads(text)
        return cls(levels={c: {lv: (mu[0], mu[1]) for lv, mu in v.items()} for c, v in d["levels"].items()},
                   fixed=d["fixed"], source=d["source"], prior=d.get("prior"),
                   match_threshold=d.get("match_threshold"), review_threshold=d.get("review_threshold"),
                   training=d.get("training", {}))


def weight(m: float, u: float | np.ndarray) -> np.ndarray | float:
    """log2(m/u), clipped to ±MAX_WEIGHT (one field may not decide alone)."""
    return np.clip(np.log2(np.maximum(m, 1e-9) / np.maximum(u, 1e-9)), -MAX_WEIGHT, MAX_WEIGHT)


def priors() -> Model:
    return Model(levels={c.name: {lv.name: (lv.m, lv.u) for lv in c.levels} for c in REGISTRY if c.estimated},
                 fixed={c.name: dict(c.fixed) for c in REGISTRY if c.fixed is not None},
                 source={c.name: "prior" for c in REGISTRY})


PRIORS = priors()


_LABELS = {
    "ko": {"trained": "학습", "lambda": "λ (무작위 두 기록이 같은 사람일 확률)", "odds": "log2 승산",
           "match": "연결 기준 점수", "review": "검토 하한", "fixed": "고정", "prior": "사전값",
           "estimated": "추정", "tf": "값별 빈도", "per_value": "값마다", "weight": "가중치"},
    "en": {"trained": "trained on", "lambda": "λ (two random records are one person)", "odds": "log2 odds",
           "match": "match threshold", "review": "review from", "fixed": "fixed", "prior": "prior",
           "estimated": "estimated", "tf": "term frequency", "per_value": "per value", "weight": "weight"},
}


def explain(model: Model, lang: str = "ko") -> list[str]:
    """The model as text lines: per comparison and level m, u and the weight log2(m/u)."""
    t = _LABELS["ko" if lang == "ko" else "en"]
    out = []
    if model.training:
        out.append(f"{t['trained']}: " + ", ".join(f"{k} {v}" for k, v in model.training.items()
                                                    if not isinstance(v, (dict, list))))
    if model.prior is not None:
        out.append(f"{t['lambda']}: {model.prior:.3g} ({t['odds']} {math.log2(model.prior / (1 - model.prior)):.1f})")
    if model.match_threshold is not None:
        out.append(f"{t['match']}: {model.match_threshold:.2f}; {t['review']}: {model.review_threshold:.2f}")
    for comp in REGISTRY:
        out.append(f"{comp.name} ({t['fixed'] if comp.fixed else t[model.source.get(comp.name, 'prior')]})")
        if comp.fixed is not None:
            for name, w in model.fixed[comp.name].items():
                out.append(f"  {name:<10} {t['weight']} {w:+.2f}")
            continue
        for name, (m, u) in model.levels[comp.name].items():
            u_text = t["tf"] if u is None else f"{u:.3g}"
            w_text = t["per_value"] if u is None else f"{float(weight(m, u)):+.2f}"
            out.append(f"  {name:<10} m {m:.4f}  u {u_text:<14} {t['weight']} {w_text}")
    return out
