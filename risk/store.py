"""Writing a fitted risk model to the graph (risk/cypher/, through the runner). The latest one is
read back by `queries.risk.latest_model`, the same read the app uses."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from graph.cypher_files import NamedQuery, load_directory
from graph.runner import Runner
from queries.risk_history import RiskHistory
from risk.fit import Fitted


@lru_cache(maxsize=1)
def risk_queries() -> dict[str, NamedQuery]:
    return load_directory(Path(__file__).parent / "cypher")


def write(runner: Runner, fitted: Fitted) -> None:
    q = risk_queries()["write_risk_model"]
    runner.write(q.text, q.bind({
        "model_id": fitted.model_id, "fitted_at": datetime.now(UTC).isoformat(),
        "status": fitted.status, "horizon_days": int(fitted.model["horizon_days"]),
        "model": json.dumps(fitted.model, sort_keys=True), "report": json.dumps(fitted.report, sort_keys=True)}),
        name="risk.write_model")



def fit_and_store(runner: Runner, horizon_days: int, history: RiskHistory | None = None) -> str:
    """Fit, validate and store after a load (JSS_RISK_FIT_ON_LOAD); one line saying what happened.
    A history too short to validate keeps the hand score and is not an error of the load.
    `history`: the victims' history when the caller has read it (risk.scores.refresh)."""
    from risk.fit import NotEnoughHistory, fit, horizons_for  # noqa: PLC0415  (scikit-learn loads slowly)

    try:
        fitted = fit(runner, horizons_for(horizon_days, explicit=False), history=history)
    except NotEnoughHistory as exc:
        return f"not fitted, the hand score is used ({exc})"
    write(runner, fitted)
    v = fitted.report["outcomes"]["any_call"]
    return (f"{fitted.model_id} {fitted.status}: held-out AUC {v['auc']['model']['auc']:.3f} against the hand "
            f"score's {v['auc']['hand']['auc']:.3f} ({fitted.report['horizon_days']}-day horizon)")
