"""`jss bench resolve`: runs the resolution engineer's `bench/resolve_bench.py` (our engine against
splink on the same synthetic person records: "splink-fair" is fed our normalised fields and candidate
pairs, `bench/splink_fair.py`; "splink-raw" the raw strings) and keeps its figures in
bench/results/resolve.json for docs/performance.md.

    jss bench resolve [--sizes 100000 --sizes 1000000] [--no-splink] [--no-splink-fair]
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import click  # noqa: E402

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


SIZES = (100_000, 1_000_000)


def run(sizes: tuple[int, ...] = SIZES, splink: bool = True, splink_fair: bool = True) -> dict[str, Any]:
    """Run bench/resolve_bench.py at each of `sizes` records (with splink unless told not to)."""
    sizes = list(sizes or SIZES)
    data: dict[str, Any] = {"kind": "resolve", "machine": report.machine(), "sizes": sizes}
    cmd = [sys.executable, str(REPO / "bench" / "resolve_bench.py"),
           *(arg for n in sizes for arg in ("--sizes", str(n))),
           *([] if splink else ["--no-splink"]),
           *([] if splink_fair else ["--no-splink-fair"])]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    print(proc.stdout, end="")
    if proc.returncode != 0:
        raise SystemExit(f"resolve_bench failed:\n{proc.stderr[-2000:]}")
    data["lines"] = parse(proc.stdout)
    print(f"wrote {report.save('resolve', data)}")
    return data


@click.command("resolve", help=__doc__)
@click.option("--sizes", type=int, multiple=True,
              help="records per run, repeatable (default 100000 and 1000000)")
@click.option("--no-splink", is_flag=True, help="only our engine")
@click.option("--no-splink-fair", is_flag=True, help="leave out splink fed our fields and candidate pairs")
def command(sizes: tuple[int, ...], no_splink: bool, no_splink_fair: bool) -> None:
    run(sizes, not no_splink, not no_splink_fair)


if __name__ == "__main__":
    command()
