"""On the loaded jeju preset, the vectorised risk features (read once: queries/risk_history.py, cut
with numpy: queries/risk_snapshot.py) equal the per-row path (risk_features.cypher and
risk_outcomes.cypher per cut-off, `feature_bins` and `score_features` per victim) for every victim
at two cut-offs: bins, hand score, outcomes, and the app's scores with their reasons."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from graph.runner import Runner
from queries.risk import score_features, scores_of, victim_features, victim_outcomes
from queries.risk_features import FEATURES, feature_bins
from queries.risk_history import RiskHistory, read_history
from queries.risk_model import FittedModel
from queries.risk_snapshot import snapshot
from risk.dataset import at_cutoff

# the jeju preset's calls span 2022–2023: a cut-off in its first year and the 182-day test cut-off
CUTOFFS = (date(2022, 10, 1), date(2023, 7, 2))
HORIZON = 182
NAMES = [f.name for f in FEATURES]
_HISTORY: list[RiskHistory] = []


@pytest.fixture()
def history(jeju_graph: Runner) -> tuple[Runner, RiskHistory]:
    if not _HISTORY:
        _HISTORY.append(read_history(jeju_graph))
    return jeju_graph, _HISTORY[0]


def _model() -> FittedModel:
    """A scorecard with weights on every bin (not fitted: the arithmetic is what is compared)."""
    rng = np.random.default_rng(7)
    weights = {f.name: rng.normal(0, 0.5, len(f.bins)).round(3).tolist()
               for f in sorted(FEATURES, key=lambda f: f.name)}
    card = {"outcome": "any_call", "intercept": -1.2, "weights": weights,
            "means": {n: float(np.mean(w)) for n, w in weights.items()}}
    serious = card | {"outcome": "serious", "intercept": -2.4}
    stored = {"horizon_days": HORIZON, "any_call": card, "serious": serious}
    return FittedModel.from_row({"model_id": "RM-test", "status": "active", "report": "{}",
                                 "model": json.dumps(stored)})


@pytest.mark.parametrize("as_of", CUTOFFS)
def test_every_victims_bins_hand_score_and_outcomes_equal_the_per_row_path(history, as_of: date) -> None:
    runner, h = history
    rows = {r["person_id"]: r for r in victim_features(runner, as_of)}
    after = victim_outcomes(runner, as_of, HORIZON)
    cut = at_cutoff(h, as_of, HORIZON)
    assert len(rows) > 2000 and cut.person_ids == sorted(rows)
    assert 100 < int(cut.any_call.sum()) < len(cut)
    for i, pid in enumerate(cut.person_ids):
        row = rows[pid]
        assert dict(zip(NAMES, cut.bins[i].tolist(), strict=True)) == feature_bins(row, as_of), pid
        s = score_features(row, as_of)
        assert (cut.hand[i], cut.calls_12m[i], bool(cut.council_rule[i])) == \
            (s.score, s.calls_12m, s.council_rule_calls or s.council_rule_checklist), pid
        outcome = (pid in after, bool(after.get(pid, {}).get("serious")))
        assert (bool(cut.any_call[i]), bool(cut.serious[i])) == outcome, pid
        assert cut.sex[i] == (row.get("sex") or "unknown")


@pytest.mark.parametrize("as_of", CUTOFFS)
def test_every_victims_scores_and_reasons_equal_the_per_row_path(history, as_of: date) -> None:
    runner, h = history
    model = _model()
    new = scores_of(snapshot(h, as_of), h.victims, model)
    old = []
    for row in victim_features(runner, as_of):
        s = score_features(row, as_of)
        s.model = model.score(row, as_of)
        old.append(s)
    old.sort(key=lambda s: (-s.score, s.person_id))
    assert len(new) == len(old) and any(s.reasons for s in new) and any(s.model.reasons for s in new)
    for a, b in zip(old, new, strict=True):
        assert a == b, a.person_id      # the hand score, its reasons, the model's chance and reasons
