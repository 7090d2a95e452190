"""Load-speed figures for the loaders (no pass/fail: speed goals live here, not in tests).

    JSS_DATA_DIR=… JSS_NEO4J_BOLT_PORT=… .venv/bin/python -m bench.load_jeju [--preset jeju] [--scale 1.0]
        [--bundle DIR] [--wipe] [--resolution]

Generates the preset (seed 42) unless --bundle is given, then prints: validation-only time, a
first load (into an empty graph with --wipe), and a second load of the same bundle (idempotent
reload), each with rows/s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from graph.runner import Runner
from loaders.bundle import load_bundle


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--preset", default="jeju")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--bundle", type=Path, default=None)
    ap.add_argument("--wipe", action="store_true", help="delete all data first (only on a server of your own)")
    ap.add_argument("--resolution", action="store_true", help="also run entity resolution after the load")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="jss-bench-")
    bundle = args.bundle
    if bundle is None:
        from synth import generate

        bundle = Path(tmp.name) / f"{args.preset}-42"
        t = time.perf_counter()
        generate(args.preset, bundle, seed=42, scale=args.scale)
        print(f"generated {bundle} in {time.perf_counter() - t:.1f} s")
    with Runner() as runner:
        if args.wipe:
            runner.run_script(["MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"],
                              name="bench.wipe")
        dry = load_bundle(bundle, runner, dry_run=True)
        print(f"validate only: {dry.rows_read} rows in {dry.seconds:.1f} s ({dry.rows_read / dry.seconds:,.0f} rows/s)")
        for label in ("first load", "second load (same bundle)"):
            res = load_bundle(bundle, runner, rejects=Path(tmp.name) / "rejects.csv",
                              run_resolution=args.resolution)
            print(f"{label}: {res.rows_read} rows in {res.seconds:.1f} s "
                  f"({res.rows_read / res.seconds:,.0f} rows/s), rejected {res.rows_rejected}, "
                  f"resolution {res.resolution}")
            for s in res.stats:
                print(f"  {s.file:<24} {s.rows_loaded:>8} rows {s.seconds:7.1f} s "
                      f"({s.rows_loaded / s.seconds if s.seconds else 0:,.0f} rows/s)")
    tmp.cleanup()


if __name__ == "__main__":
    main()
