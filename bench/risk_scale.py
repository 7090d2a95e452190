"""How long the risk model takes on the graph as it is: fitting, and scoring every victim.

    JSS_... jss bench risk [--label NAME] [--from-empty]

Reads the graph the settings name and does not wipe it, but it writes: a RiskModel and every
victim's stored scores, as `jss risk fit` does. Measured in one run, each step timed apart:

1. `fit`: what `jss risk fit` and a load do — one read of the victims' history (seven pulls, two
   at a time, then the arrays), every cut-off, the penalty search, validation and the deploy fit,
   then the model written. The issue's target: ≤ 5 minutes at the national preset.
2. `score`: every victim scored at today with the model in use, from the history the fit read,
   compared with what is stored and what changed written (`risk.scores.score_and_store`, as after
   a fit). With `--from-empty` every stored score is removed first, so that every victim is
   written (a deployment's first scoring). Target ≤ 1 minute at the national preset.
3. `score fresh`: the same as `jss risk score` (a daily run): the history read again, then scored
   and written.

Prints a table and writes bench/results/risk-scale-<label>.json.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import click  # noqa: E402


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def run(label: str = "current", from_empty: bool = False) -> dict:
    """Time fitting and scoring on the graph as it is; saved as bench/results/risk-scale-<label>.json."""
    from graph.runner import Runner
    from graph.settings import load_settings
    from queries.risk_history import read_history
    from risk import fit, scores, store

    settings = load_settings()
    out: dict = {"label": label, "cpu": _cpu(), "cores": os.cpu_count(), "heap": settings.neo4j_heap,
                 "pagecache": settings.neo4j_pagecache}
    with Runner(settings) as runner:
        started = time.monotonic()
        history = read_history(runner)
        read_s = time.monotonic() - started
        fitted = fit.fit(runner, fit.horizons_for(settings.risk_horizon_days, explicit=False), history=history)
        store.write(runner, fitted)
        fit_s = time.monotonic() - started
        if from_empty:
            scores.remove_scores(runner, sorted(scores.stored(runner)))
        scored = scores.score_and_store(runner, history)
        fresh = scores.score_and_store(runner)
    v = fitted.report["outcomes"]["any_call"]
    out.update({
        "from_empty": from_empty, "written_after_fit": scored.written, "victims": scored.victims, "calls": int(len(history.calls)), "model_id": fitted.model_id,
        "status": fitted.status, "horizon_days": fitted.report["horizon_days"],
        "train_rows": fitted.report["train_rows"], "deploy_rows": fitted.report["deploy_rows"],
        "auc_model": v["auc"]["model"]["auc"], "auc_hand": v["auc"]["hand"]["auc"],
        "seconds": {"history_read": round(read_s, 1), "fit_total": round(fit_s, 1), "fit_after_read": round(fit_s - read_s, 1),
                    "score_from_fit": scored.seconds, "score_fresh": fresh.seconds},
    })
    s = out["seconds"]
    print(f"{label}: {out['victims']:,} victims, {out['calls']:,} calls; model {fitted.status} "
          f"(AUC {out['auc_model']:.3f} vs hand {out['auc_hand']:.3f}, {out['horizon_days']}-day horizon)")
    print("| step | seconds |\n|---|---|")
    print(f"| fit: history read (pulls and arrays) | {s['history_read']} |")
    print(f"| fit: cut-offs, penalty search, validation, deploy fit, write | {s['fit_after_read']} |")
    print(f"| **fit, total** | **{s['fit_total']}** |")
    print(f"| score every victim after the fit ({scored.written:,} written): scoring / comparing / writing / total | "
          f"{s['score_from_fit']['score']} / {s['score_from_fit']['compare']} / {s['score_from_fit']['write']} / "
          f"**{s['score_from_fit']['total']}** |")
    print(f"| `jss risk score` (history read again): read / scoring / writing / total | "
          f"{s['score_fresh']['read']} / {s['score_fresh']['score']} / {s['score_fresh']['write']} / "
          f"{s['score_fresh']['total']} |")
    results = REPO / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / f"risk-scale-{label}.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    return out


@click.command("risk", help=__doc__)
@click.option("--label", default="current", show_default=True, help="names the result file (e.g. national-1)")
@click.option("--from-empty", is_flag=True,
              help="remove every stored score before step 2, so that it writes every victim "
                   "(a first scoring)")
def command(label: str, from_empty: bool) -> None:
    run(label, from_empty)


if __name__ == "__main__":
    command()
