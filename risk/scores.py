"""Every victim's risk score, computed at one day and stored on the Person nodes, so that the app,
Cypher and what comes after a load read scores instead of computing them.

A scoring run (`score_and_store`) cuts the victims' history (queries/risk_history.py) at the day and
scores every victim with the hand score and, when the latest model is active, the model
(queries.risk.victim_rows). What is stored per victim does not depend on the model and stays the
same from day to day unless the victim's records change or a time bin is crossed: the hand score's
points, level, inputs (the last call as a date) and checklist grade, and the feature bins. The run
reads what is stored, writes only the victims whose row changed, removes the scores of people no
longer scored (not victims at that day any more), and records itself last (`RiskScoring`: the day
and the model in use). The app rebuilds reasons from the stored rows and applies the run's model
to the stored bins, so a new model needs no rewrite.

Runs after every load that resolved people (with the fit, one read of the graph for both), on
`jss risk fit` and on `jss risk score` (schedule it daily: the scores are as of the run's day).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from graph.runner import Runner
from queries.risk import latest_model, victim_rows
from queries.risk_history import RiskHistory, pages, read_history
from queries.risk_snapshot import snapshot
from risk.store import risk_queries

log = logging.getLogger("jss.risk")
WRITE_BATCH = 10_000
COMPARED = ("points", "level", "grade", "graded_on", "inputs", "bins")   # a row is written when one differs


@dataclass
class ScoringRun:
    run: str
    as_of: date
    model_id: str | None
    victims: int
    written: int
    removed: int
    seconds: dict[str, float]

    def line(self) -> str:
        used = f"model {self.model_id}" if self.model_id else "the hand score (no model in use)"
        return (f"{self.victims:,} victims scored as of {self.as_of} with {used} in {self.seconds['total']:.1f} s: "
                f"{self.written:,} changed and written, {self.removed:,} removed (scoring {self.seconds['score']:.1f} s, "
                f"comparing {self.seconds['compare']:.1f} s, writing {self.seconds['write']:.1f} s)")


def score_rows(history: RiskHistory, as_of: date) -> list[dict[str, Any]]:
    """The rows write_risk_scores.cypher writes, one per victim at `as_of` (queries.risk.victim_rows)."""
    return victim_rows(snapshot(history, as_of))


def stored(runner: Runner) -> dict[str, tuple[Any, ...]]:
    """person_id → the stored row's COMPARED values, for every person holding a score."""
    return {pid: (points, level, grade, graded_on, inputs, bins)
            for page in pages(runner, risk_queries()["read_risk_scores"], name="risk.read_scores")
            for pid, points, level, grade, graded_on, inputs, bins in page["rows"]}


def remove_scores(runner: Runner, ids: list[str]) -> None:
    """Remove the stored scores of these people (clear_risk_scores.cypher), a batch at a time."""
    for i in range(0, len(ids), WRITE_BATCH):
        runner.write(risk_queries()["clear_risk_scores"].text, {"ids": ids[i:i + WRITE_BATCH]},
                     name="risk.clear_scores")


def score_and_store(runner: Runner, history: RiskHistory | None = None, as_of: date | None = None) -> ScoringRun:
    """Score every victim at `as_of` (default today) with the latest active model, or the hand score
    alone, and store what changed; `history` when the caller has read it already (the fit)."""
    started = time.monotonic()
    as_of = as_of or date.today()
    model = latest_model(runner)
    model = model if model is not None and model.active else None
    history = history if history is not None else read_history(runner)
    seconds = {"read": time.monotonic() - started}
    rows = score_rows(history, as_of)
    seconds["score"] = time.monotonic() - started - sum(seconds.values())
    before = stored(runner)
    changed = [r for r in rows if before.get(r["person_id"]) != tuple(r[k] for k in COMPARED)]
    gone = sorted(set(before) - {r["person_id"] for r in rows})
    seconds["compare"] = time.monotonic() - started - sum(seconds.values())
    run = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    q = risk_queries()
    # two batches at once (each victim is in one batch): the server writes while the next is sent
    runner.write_batches(q["write_risk_scores"].text, changed, name="risk.write_scores", batch_size=WRITE_BATCH,
                         extra={"run": run}, workers=2)
    remove_scores(runner, gone)
    seconds["write"] = time.monotonic() - started - sum(seconds.values())
    seconds = {k: round(v, 1) for k, v in seconds.items()}
    seconds["total"] = round(time.monotonic() - started, 1)
    model_id = model.model_id if model is not None else None
    runner.write(q["write_risk_scoring"].text, {
        "run": run, "as_of": as_of.isoformat(), "model_id": model_id, "victims": len(rows), "written": len(changed),
        "removed": len(gone), "seconds": seconds["total"]}, name="risk.write_scoring")
    log.info("risk.scores victims=%d written=%d removed=%d read=%.1fs score=%.1fs compare=%.1fs write=%.1fs",
             len(rows), len(changed), len(gone), seconds["read"], seconds["score"], seconds["compare"],
             seconds["write"])
    return ScoringRun(run, as_of, model_id, len(rows), len(changed), len(gone), seconds)


def refresh(runner: Runner, horizon_days: int, *, fit: bool) -> list[str]:
    """After a load: fit the model (when `fit`) and score every victim, from one read of the graph.
    One line per step saying what happened."""
    from risk.store import fit_and_store  # noqa: PLC0415  (scikit-learn loads slowly)

    history = read_history(runner)
    lines = [fit_and_store(runner, horizon_days, history)] if fit else []
    return [*lines, score_and_store(runner, history).line()]
