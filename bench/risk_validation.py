"""How well does the risk score rank who is harmed after a cut-off? An honest back-test.

    JSS_... .venv/bin/python bench/risk_validation.py [--bundle DIR] [--as-of YYYY-MM-DD] [--horizon 365]

With `--bundle`, the synthetic bundle in DIR is loaded first (`jss load`, entity resolution
included); otherwise the graph as loaded is used. Every victim of a call before the cut-off is
scored with `queries.risk.score_victims(runner, as_of)`, which only reads records dated before
the cut-off. Outcomes come from after it: a new call naming the person as victim within
`horizon` days (and, stricter, a serious one: weapon, injury or priority C0/C1). AUC is the
Mann–Whitney statistic (queries.risk.auc). Baselines: the latest checklist grade alone (what the
officer recorded), calls in the last 12 months alone, and the councils' rule (≥ 3 calls in 12
months or grade 높음+). The default cut-off is 365 days before the last call in the graph.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from graph.runner import Runner  # noqa: E402
from queries.risk import GRADE_ORDER, _pulls, auc, score_victims  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bundle", type=Path, help="synthetic bundle to load first")
    ap.add_argument("--as-of", type=date.fromisoformat, help="cut-off date (default: last call - 365 days)")
    ap.add_argument("--horizon", type=int, default=365)
    args = ap.parse_args()
    if args.bundle:
        subprocess.run([sys.executable, "-m", "cli.main", "load", str(args.bundle)], check=True, cwd=REPO)
    with Runner() as runner:
        last = runner.read_value("MATCH (c:Call) RETURN max(c.received_at)", name="bench.last_call")
        if last is None:
            sys.exit("the graph has no calls: load a bundle first (--bundle DIR)")
        as_of = args.as_of or (last.date() - timedelta(days=365))
        scores = score_victims(runner, as_of)
        q = _pulls()["risk_outcomes"]
        outcomes = {r["person_id"]: r for r in runner.read(
            q.text, q.bind({"as_of": as_of.isoformat(), "horizon_days": args.horizon}),
            name="bench.risk_outcomes", row_cap=2_000_000, timeout=300).rows}
    any_call = [s.person_id in outcomes for s in scores]
    serious = [bool(outcomes.get(s.person_id, {}).get("serious")) for s in scores]
    predictors = {
        "risk score (this)": [s.score for s in scores],
        "checklist grade alone": [GRADE_ORDER.get(s.grade or "", -1) for s in scores],
        "calls in last 12 months": [s.calls_12m for s in scores],
        "council rule (3+ calls or 높음+)": [int(s.council_rule_calls or s.council_rule_checklist) for s in scores],
    }
    print(f"cut-off {as_of}, horizon {args.horizon} days; victims scored: {len(scores)}; "
          f"with a later call: {sum(any_call)}; with a later serious call: {sum(serious)}; "
          f"with a checklist before the cut-off: {sum(1 for s in scores if s.grade)}")
    print(f"{'predictor':34} {'AUC any call':>13} {'AUC serious':>12}")
    for label, values in predictors.items():
        a, b = auc(values, any_call), auc(values, serious)
        print(f"{label:34} {a if a is None else f'{a:.3f}':>13} {b if b is None else f'{b:.3f}':>12}")
    graded = [i for i, s in enumerate(scores) if s.grade]
    if graded:
        sub = [any_call[i] for i in graded]
        print(f"-- only victims with a checklist ({len(graded)}):")
        for label, values in predictors.items():
            a = auc([values[i] for i in graded], sub)
            print(f"{label:34} {a if a is None else f'{a:.3f}':>13}")


if __name__ == "__main__":
    main()
