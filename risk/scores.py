"""Every victim's risk score, computed at one day and stored on the Person nodes, so that the app,
Cypher and what comes after a load read scores instead of computing them.

A scoring run (`score_and_store`) cuts the victims' history (queries/risk_history.py) at the day,
scores every victim with the hand score and, when the latest model is active, with the model
(queries.risk.scored_victims), and writes per victim: the points, level, inputs and checklist
grade of the hand score, and the model's chance, level, the bins it read and its id
(risk/cypher/write_risk_scores.cypher). Scores an earlier run left on people who are no longer
victims are then removed, and the run is recorded last (`RiskScoring`).

Runs after every load that resolved people (with the fit, one read of the graph for both), on
`jss risk fit` and on `jss risk score` (schedule it daily: the scores are as of the day scored).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from graph.runner import Runner
from queries.risk import latest_model, scored_victims
from queries.risk_history import RiskHistory, read_history
from queries.risk_model import FittedModel
from queries.risk_snapshot import snapshot
from risk.store import risk_queries

log = logging.getLogger("jss.risk")
WRITE_BATCH = 10_000


@dataclass
class ScoringRun:
    run: str
    as_of: date
    model_id: str | None
    victims: int
    seconds: dict[str, float]

    def line(self) -> str:
        used = f"model {self.model_id}" if self.model_id else "the hand score (no model in use)"
        return (f"{self.victims:,} victims scored as of {self.as_of} with {used} in {self.seconds['total']:.1f} s "
                f"(scoring {self.seconds['score']:.1f} s, writing {self.seconds['write']:.1f} s)")


def score_rows(history: RiskHistory, as_of: date, model: FittedModel | None) -> list[dict[str, Any]]:
    """The rows write_risk_scores.cypher writes, one per victim at `as_of`."""
    rows = []
    for v in scored_victims(snapshot(history, as_of), history.victims, model):
        s = v.score
        rows.append({"person_id": s.person_id, "points": s.score, "level": s.level, "grade": v.grade,
                     "graded_on": v.graded_on.isoformat() if v.graded_on else None, "inputs": v.inputs,
                     "bins": v.bins if model is not None else None,
                     "model_p": s.model.probability if s.model else None,
                     "model_level": s.model.level if s.model else None})
    return rows


def score_and_store(runner: Runner, history: RiskHistory | None = None, as_of: date | None = None) -> ScoringRun:
    """Score every victim at `as_of` (default today) with the latest active model, or the hand score
    alone, and store the scores; `history` when the caller has read it already (the fit)."""
    started = time.monotonic()
    as_of = as_of or date.today()
    model = latest_model(runner)
    model = model if model is not None and model.active else None
    history = history if history is not None else read_history(runner)
    read_s = time.monotonic() - started
    rows = score_rows(history, as_of, model)
    score_s = time.monotonic() - started - read_s
    run = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")   # sortable: clear_risk_scores finds older runs
    q = risk_queries()
    model_id = model.model_id if model is not None else None
    # two batches at once (each victim is in one batch): the server writes while the next is sent
    runner.write_batches(q["write_risk_scores"].text, rows, name="risk.write_scores", batch_size=WRITE_BATCH,
                         extra={"run": run, "as_of": as_of.isoformat(), "model_id": model_id}, workers=2)
    runner.write(q["clear_risk_scores"].text, {"run": run}, name="risk.clear_scores")
    seconds = {"read": round(read_s, 1), "score": round(score_s, 1),
               "write": round(time.monotonic() - started - read_s - score_s, 1)}
    seconds["total"] = round(time.monotonic() - started, 1)
    runner.write(q["write_risk_scoring"].text, {"run": run, "as_of": as_of.isoformat(), "model_id": model_id,
                                                "victims": len(rows), "seconds": seconds["total"]},
                 name="risk.write_scoring")
    result = ScoringRun(run, as_of, model_id, len(rows), seconds)
    log.info("risk.scores victims=%d read=%.1fs score=%.1fs write=%.1fs", len(rows), seconds["read"],
             seconds["score"], seconds["write"])
    return result


def refresh(runner: Runner, horizon_days: int, *, fit: bool) -> list[str]:
    """After a load: fit the model (when `fit`) and score every victim, from one read of the graph.
    One line per step saying what happened."""
    from risk.store import fit_and_store  # noqa: PLC0415  (scikit-learn loads slowly)

    history = read_history(runner)
    lines = [fit_and_store(runner, horizon_days, history)] if fit else []
    return [*lines, score_and_store(runner, history).line()]
