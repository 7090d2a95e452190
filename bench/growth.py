"""Cost curve: the load benchmark (`bench.load_bench`) at 1×, 2×, 4× and 8× of a base scale, so the
growth of every figure (rows/s, peak RSS, bulk vs plain import) is visible in docs/performance.md.

    JSS_… .venv/bin/python -m bench.growth [--preset national] [--base 0.005] [--factors 1 2 4 8]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import load_bench, report  # noqa: E402


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preset", default="national", choices=["jeju", "national"])
    ap.add_argument("--base", "--scale", dest="base", type=float, default=0.005)
    ap.add_argument("--factors", type=int, nargs="+", default=[1, 2, 4, 8])
    ap.add_argument("--naive-sample", type=int, default=200)
    args = ap.parse_args(argv)
    points = []
    for f in args.factors:
        scale = round(args.base * f, 6)
        print(f"== growth {args.preset} ×{f} (scale {scale:g})", flush=True)
        load_bench.main(["--preset", args.preset, "--scale", str(scale), "--naive-sample",
                        str(args.naive_sample), "--name", f"growth-{args.preset}-{scale:g}"])
        points.append({"factor": f, "scale": scale, "result": f"growth-{args.preset}-{scale:g}"})
    out = {"kind": "growth", "preset": args.preset, "base": args.base, "points": points,
           "machine": report.machine()}
    report.save(f"growth-{args.preset}", out)
    return out


if __name__ == "__main__":
    main()
