"""`python -m bench.secondgen.bundle --households N --seed S --out DIR`: write a bundle and its truth."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.secondgen.bundle.build import generate_bundle


def main() -> None:
    ap = argparse.ArgumentParser(description="Second, independent export-bundle generator (data contract v1)")
    ap.add_argument("--households", type=int, default=40_000, help="sampled at-risk households")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--protective-strength", type=float, default=1.0,
                    help="scale of the measures' protective effect (0: none, 1: as designed)")
    ap.add_argument("--bad-rate", type=float, default=0.001, help="deliberately bad extra rows per good row")
    ap.add_argument("--no-truth", action="store_true", help="do not write DIR/_truth/")
    args = ap.parse_args()
    manifest = generate_bundle(args.households, args.seed, args.out, args.protective_strength, args.bad_rate,
                               truth=not args.no_truth)
    print(json.dumps(manifest, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
