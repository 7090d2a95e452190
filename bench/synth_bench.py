"""Generate the national preset and print wall time, peak RSS and throughput.

    .venv/bin/python bench/synth_bench.py [SCALE] [--out DIR] [--keep]

SCALE defaults to 1.0 (~1.5 million calls over five years)."""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synth.build import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("scale", nargs="?", type=float, default=1.0)
    ap.add_argument("--preset", default="national")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--keep", action="store_true", help="keep the bundle (default: delete a temporary one)")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="synth-bench-")) / "bundle"
    started = time.perf_counter()
    manifest = generate(args.preset, out, seed=args.seed, scale=args.scale,
                        progress=lambda m: print(f"  [{time.perf_counter() - started:7.1f}s] {m}", flush=True))
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_mb = usage.ru_maxrss / 1024  # Linux reports KiB
    cpu = usage.ru_utime + usage.ru_stime  # wall time suffers when the 2 shared cores are busy
    size_mb = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
    rows = sum(c["rows"] for c in manifest["counts"].values())
    calls = manifest["counts"]["calls"]["rows"]
    print(f"preset={args.preset} scale={args.scale} seed={args.seed} chunks={manifest['chunks']}")
    print(f"calls={calls:,} rows={rows:,} persons={manifest['persons']:,} bundle={size_mb:,.1f} MiB")
    print(f"wall={wall:.1f}s cpu={cpu:.1f}s peak_rss={peak_mb:,.0f} MiB calls/s={calls / wall:,.0f} rows/s={rows / wall:,.0f}")
    print(f"year_on_year={manifest['year_on_year']}")
    if args.out is None and not args.keep:
        shutil.rmtree(out.parent)


if __name__ == "__main__":
    main()
