"""`jss bench resolve`: runs the resolution engineer's `bench/resolve_bench.py` (our engine against
splink on the same synthetic person records: "splink-fair" is fed our normalised fields and candidate
pairs, `bench/splink_fair.py`; "splink-raw" the raw strings) and keeps its figures in
bench/results/resolve.json for docs/performance.md.

    .venv/bin/python -m bench.resolve_run [--sizes 100000 1000000] [--no-splink] [--no-splink-fair]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import report  # noqa: E402

_LOAD = re.compile(r"load ([\d.]+)→([\d.]+)")
_STAGES = re.compile(r"stages (\{.*\})")
_LINE = re.compile(r"^\s*([\d,]+)\s+(ours|splink-fair|splink-raw)\s+P ([\d.]+) R ([\d.]+) F1 ([\d.]+) "
                   r"time\s+([\d.]+) s\s+([\d,]+) rec/s(.*)$")


def parse(text: str) -> list[dict[str, Any]]:
    out = []
    for line in text.splitlines():
        m = _LINE.match(line)
        if m:
            out.append({"records": int(m[1].replace(",", "")), "engine": m[2], "precision": float(m[3]),
                        "recall": float(m[4]), "f1": float(m[5]), "seconds": float(m[6]),
                        "records_per_s": float(m[7].replace(",", "")), "note": m[8].strip()})
            if lm := _LOAD.search(m[8]):
                out[-1]["load_before"], out[-1]["load_after"] = float(lm[1]), float(lm[2])
            if sm := _STAGES.search(m[8]):
                out[-1]["stage_seconds"] = json.loads(sm[1])
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--no-splink", action="store_true")
    ap.add_argument("--no-splink-fair", action="store_true")
    ap.add_argument("--preset", default=None, help="ignored: the record-level benchmark has its own sizes")
    ap.add_argument("--scale", default=None, help="ignored (see --sizes)")
    args = ap.parse_args(argv)
    data: dict[str, Any] = {"kind": "resolve", "machine": report.machine(), "sizes": args.sizes}
    cmd = [sys.executable, str(REPO / "bench" / "resolve_bench.py"), "--sizes", *map(str, args.sizes),
           *(["--no-splink"] if args.no_splink else []),
           *(["--no-splink-fair"] if args.no_splink_fair else [])]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    print(proc.stdout, end="")
    if proc.returncode != 0:
        raise SystemExit(f"resolve_bench failed:\n{proc.stderr[-2000:]}")
    data["lines"] = parse(proc.stdout)
    print(f"wrote {report.save('resolve', data)}")
    return data


if __name__ == "__main__":
    main()
