"""The risk model fitted on the loaded jeju preset's own history: validated on held-out time,
stored with its report, used by the scores only when active, reported by `jss risk report`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from graph.runner import Runner
from queries.risk import latest_model, score_victims
from queries.risk_model import LEVELS
from risk import fit, store

_FITTED: list[fit.Fitted] = []


@pytest.fixture()
def fitted(jeju_graph: Runner):
    if not _FITTED:   # fitting takes ~20 s: once for the module (the graph is the same preset each time)
        _FITTED.append(fit.fit(jeju_graph))
    result = _FITTED[0]
    store.write(jeju_graph, result)
    yield jeju_graph, result
    # the other tests on the jeju graph read the hand score alone
    jeju_graph.write("MATCH (m:RiskModel) DETACH DELETE m", name="test.risk_model_cleanup")


def test_fit_validates_on_held_out_time_and_beats_the_hand_score(fitted) -> None:
    runner, result = fitted
    report = result.report
    # two years of calls: the 365-day horizon cannot be tested, the 182-day one can
    assert report["horizon_days"] == 182
    assert all(d < report["test_cutoff"] for d in report["train_cutoffs"])
    v = report["outcomes"]["any_call"]
    assert v["n"] > 3000 and 50 < v["positives"] < v["n"] // 2
    assert v["auc"]["model"]["lo"] < v["auc"]["model"]["auc"] < v["auc"]["model"]["hi"]
    assert v["auc_gain"]["lo"] > 0 and v["brier"]["model"] < v["brier"]["hand"] < v["brier"]["base_rate"]
    assert result.status == "active" and v["beats_hand"]
    # calibrated on held-out time: mean prediction within a few points of the rate seen
    seen = [r for r in v["reliability"]["model"] if r["n"] >= 100]
    assert seen and all(abs(r["predicted"] - r["observed"]) < 0.1 for r in seen)
    assert {"sex:F", "sex:M"} <= set(v["groups"]) and any(k.startswith("age:") for k in v["groups"])
    assert sum(g["n"] for k, g in v["groups"].items() if k.startswith("sex:")) == v["n"]


def test_stored_model_scores_every_victim_with_reasons(fitted) -> None:
    runner, result = fitted
    model = latest_model(runner)
    assert model is not None and model.model_id == result.model_id and model.active
    assert json.loads(runner.read_value("MATCH (m:RiskModel {model_id: $id}) RETURN m.report", {"id": result.model_id},
                                        name="test.risk_report"))["test_cutoff"] == result.report["test_cutoff"]
    scores = score_victims(runner)
    assert scores and all(s.model is not None for s in scores)
    probabilities = [s.model.probability for s in scores]
    assert all(0 < p < 1 for p in probabilities)
    assert {s.model.level for s in scores} <= {label for _, label in LEVELS}
    top = max(scores, key=lambda s: s.model.probability)
    assert top.model.reasons and top.model.reasons[0][2] > 0
    assert all("배" in ko and "×" in en for ko, en, _ in top.model.reasons)
    # the hand score is untouched by the model
    assert top.reasons == [r for r in top.reasons if isinstance(r[2], int)]


def test_a_rejected_model_is_not_used(fitted) -> None:
    runner, result = fitted
    runner.write("MATCH (m:RiskModel {model_id: $id}) SET m.status = 'rejected'", {"id": result.model_id},
                 name="test.risk_reject")
    assert all(s.model is None for s in score_victims(runner))


def test_cli_report(fitted) -> None:
    out = subprocess.run([sys.executable, "-m", "cli.main", "risk", "report", "--lang", "en", "--model"],
                         capture_output=True, text=True, env={**os.environ}, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "in use" in out.stdout and "AUC [95% CI]" in out.stdout and "model − hand score +" in out.stdout
    assert "scorecard (odds multiplier per bin)" in out.stdout and "calls in the last 90 days:" in out.stdout
