"""The risk model fitted on the loaded jeju preset's own history: validated on held-out time,
stored with its report, used by the scores only when active, reported by `jss risk report`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from graph.runner import Runner
from queries.risk import latest_model, score_victims, stored_scores
from queries.risk_model import LEVELS
from risk import fit, scores, store

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


STORED = """MATCH (p:Person) WHERE p.risk_run IS NOT NULL
RETURN p.person_id AS person_id, p.risk_grade AS grade, p.risk_graded_on AS graded_on, p.risk_inputs AS inputs,
       p.risk_bins AS bins, p.risk_points AS points, p.risk_level AS level, p.risk_run AS run"""


def test_stored_scores_give_back_every_victims_score_and_reasons(fitted) -> None:
    """What a scoring run stores rebuilds, for every victim, exactly the score computed from the
    graph: hand points, level and reasons, the model's chance, level and reasons; a score left on
    someone who is no longer a victim is removed; a second run the same day writes nothing; the
    run is recorded once."""
    runner, result = fitted
    runner.write("MATCH (p:Person) WHERE p.victim_call_count IS NULL WITH p LIMIT 1 "
                 "SET p.risk_run = '2000-01-01T00:00:00Z', p.risk_points = 99, p.risk_inputs = [0]",
                 name="test.stale_score")
    try:
        run = scores.score_and_store(runner)
        computed = {s.person_id: s for s in score_victims(runner)}
        rows = runner.read(STORED, name="test.stored_scores", row_cap=100_000).rows
        assert run.model_id == result.model_id and run.victims == len(computed) == len(rows)
        assert run.removed == 1 and all(r["points"] != 99 for r in rows)      # the stale score was cleared
        stored = stored_scores(rows, run.as_of, latest_model(runner, run.model_id))
        assert set(stored) == set(computed)
        for pid, s in computed.items():
            back = stored[pid]
            assert (back.score, back.level, back.reasons, back.council_rule_calls, back.council_rule_checklist) == \
                   (s.score, s.level, s.reasons, s.council_rule_calls, s.council_rule_checklist), pid
            assert back.model.probability == pytest.approx(s.model.probability, abs=1e-12), pid
            assert (back.model.level, back.model.reasons) == (s.model.level, s.model.reasons), pid
        assert all(r["points"] == computed[r["person_id"]].score for r in rows)
        again = scores.score_and_store(runner)
        assert (again.written, again.removed, again.victims) == (0, 0, run.victims)
        assert runner.read_value("MATCH (s:RiskScoring) RETURN collect(s.run)", name="test.scoring") == [again.run]
        # through the app's read: the run's day and model
        from queries import db
        old = db.set_runner(runner)
        try:
            db.clear_cache()
            pid = max(computed, key=lambda p: computed[p].score)
            shown = db.risk_scores([pid, "no-such"])
            assert list(shown) == [pid] and shown[pid].as_of == again.as_of
            assert shown[pid].model.reasons == computed[pid].model.reasons
        finally:
            db.set_runner(old)
            db.clear_cache()
    finally:
        runner.write("MATCH (m:RiskModel) DETACH DELETE m", name="test.risk_model_cleanup")
        scores.score_and_store(runner)   # the other tests read the hand score alone


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


def test_cli_score_stores_every_victims_score(jeju_graph: Runner) -> None:
    out = subprocess.run([sys.executable, "-m", "cli.main", "risk", "score", "--as-of", "2024-01-01"],
                         capture_output=True, text=True, env={**os.environ}, timeout=300)
    assert out.returncode == 0, out.stderr
    try:
        assert str(jeju_graph.read_value("MATCH (s:RiskScoring) RETURN s.as_of", name="test.scored_on")) == "2024-01-01"
        scored = jeju_graph.read_value("MATCH (s:RiskScoring) RETURN s.victims", name="test.scoring_2024")
        assert scored > 3000 and f"{scored:,} victims scored as of 2024-01-01" in out.stdout
        assert "the hand score (no model in use)" in out.stdout
    finally:
        scores.score_and_store(jeju_graph)   # back to today's scores for the other tests
