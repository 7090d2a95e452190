"""Does the fitted risk model beat the hand score on held-out time? Side by side, one run, on
bundles from different generators.

    JSS_... jss bench risk-validation [--bundle DIR ...] [--secondgen N] [--horizon DAYS]

Each bundle is loaded into the graph (`jss load`: validation, entity resolution, no model fit),
then the model is fitted and validated exactly as `jss risk fit` does (risk/fit.py): trained on
cut-offs whose outcome windows end before the test cut-off, tested on the last complete horizon.
Printed per bundle: the held-out AUC (DeLong 95 % interval) of the model, the hand score and the
baselines; the model's gain over the hand score with its paired interval; Brier scores after the
same Platt calibration on the training period; seconds to fit and to score every victim today.
Without `--bundle`, the jeju preset (seed 42) and a second-generator bundle
(`bench.secondgen.bundle`, `--secondgen` households, seed 11) are generated into
`$JSS_DATA_DIR/bench/` if absent. The graph is wiped before each bundle: use a bench data dir.
Figures are written to bench/results/risk.json.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import click

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
RESULT = REPO / "bench" / "results" / "risk.json"

from graph.runner import Runner  # noqa: E402
from graph.settings import load_settings  # noqa: E402
from queries.risk import score_victims  # noqa: E402
from risk import fit  # noqa: E402

PREDICTORS = ("model", "hand", "grade", "calls_12m", "council_rule")


def _jss(*args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run([sys.executable, "-m", "cli.main", *args], check=True, cwd=REPO, env=env or os.environ.copy(),
                   stdout=subprocess.DEVNULL)


def default_bundles(households: int) -> list[tuple[str, Path]]:
    root = load_settings().data_dir / "bench"
    jeju, second = root / "risk-jeju-42", root / f"risk-secondgen-{households}-11"
    if not (jeju / "_truth" / "manifest.json").exists():
        _jss("synth", "--preset", "jeju", "--seed", "42", "--out", str(jeju))
    if not (second / "calls.csv").exists() and not any(second.glob("calls.*")):
        subprocess.run([sys.executable, "-m", "bench.secondgen.bundle", "--households", str(households), "--seed", "11",
                        "--out", str(second)], check=True, cwd=REPO)
    return [("jeju preset (synth/)", jeju), (f"second generator ({households:,} households)", second)]


def measure(label: str, bundle: Path, horizons: tuple[int, ...]) -> dict:
    _jss("db", "reset", "--yes")
    env = {**os.environ, "JSS_RISK_FIT_ON_LOAD": "0"}
    _jss("load", str(bundle), "--rejects", str(bundle.parent / f"rejects-{bundle.name}.csv"), env=env)
    with Runner(load_settings()) as runner:
        started = time.monotonic()
        fitted = fit.fit(runner, horizons)
        fit_s = time.monotonic() - started
        from risk import store

        store.write(runner, fitted)
        started = time.monotonic()
        scored = score_victims(runner)
        score_s = time.monotonic() - started
    return {"label": label, "bundle": str(bundle), "status": fitted.status, "fit_s": round(fit_s, 1),
            "score_s": round(score_s, 1), "victims_scored": len(scored), "report": fitted.report}


def print_table(results: list[dict]) -> None:
    for r in results:
        rep = r["report"]
        print(f"\n## {r['label']}: horizon {rep['horizon_days']} days, test cut-off {rep['test_cutoff']}, "
              f"{len(rep['train_cutoffs'])} training cut-offs ({rep['train_rows']:,} rows); model {r['status']}; "
              f"fit {r['fit_s']} s, scoring {r['victims_scored']:,} victims {r['score_s']} s")
        for outcome, v in rep["outcomes"].items():
            print(f"{outcome}: {v['positives']:,} of {v['n']:,} victims ({v['rate']:.1%})")
            print(f"  {'predictor':14} {'AUC':>6}  95% CI")
            for p in PREDICTORS:
                a = v["auc"][p]
                print(f"  {p:14} {a['auc']:.3f}  [{a['lo']:.3f}, {a['hi']:.3f}]")
            g, b = v["auc_gain"], v["brier"]
            print(f"  gain over the hand score {g['difference']:+.3f} [{g['lo']:+.3f}, {g['hi']:+.3f}]; "
                  f"Brier model {b['model']:.4f}, hand {b['hand']:.4f}, base rate {b['base_rate']:.4f}")


def run(bundles: tuple[Path, ...] = (), secondgen: int = 40_000, horizon: int = 365,
        out: Path = RESULT) -> None:
    """Load, fit and validate on each of `bundles` (default: both generators); results to `out`."""
    named = [(b.name, b) for b in bundles] if bundles else default_bundles(secondgen)
    results = [measure(label, b, fit.horizons_for(horizon, explicit=False)) for label, b in named]
    print_table(results)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


@click.command("risk-validation", help=__doc__)
@click.option("--bundle", "bundles", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="bundle(s) to measure, repeatable (default: both generators)")
@click.option("--secondgen", type=int, default=40_000, show_default=True,
              help="households of the second-generator bundle")
@click.option("--horizon", type=int, default=365, show_default=True,
              help="requested horizon; shorter ones are tried if needed")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=RESULT, show_default=True)
def command(bundles: tuple[Path, ...], secondgen: int, horizon: int, out: Path) -> None:
    run(bundles, secondgen, horizon, out)


if __name__ == "__main__":
    command()
