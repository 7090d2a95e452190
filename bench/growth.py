"""Cost curve: the load benchmark (`bench.load_bench`) at 1×, 2×, 4× and 8× of a base scale, so the
growth of every figure (rows/s, peak RSS, bulk vs plain import) is visible in docs/performance.md.

    JSS_… jss bench growth [--preset national] [--base 0.005] [--factors 1 --factors 2 …]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import click  # noqa: E402

from bench import load_bench, report  # noqa: E402

FACTORS = (1, 2, 4, 8)


def run(preset: str = "national", base: float = 0.005, factors: tuple[int, ...] = FACTORS,
        naive_sample: int = 200) -> dict[str, Any]:
    """The load benchmark at `base` × each of `factors`; saved as bench/results/growth-<preset>.json."""
    points = []
    for f in factors or FACTORS:
        scale = round(base * f, 6)
        print(f"== growth {preset} ×{f} (scale {scale:g})", flush=True)
        load_bench.run(preset, scale, naive_sample=naive_sample, name=f"growth-{preset}-{scale:g}")
        points.append({"factor": f, "scale": scale, "result": f"growth-{preset}-{scale:g}"})
    out = {"kind": "growth", "preset": preset, "base": base, "points": points, "machine": report.machine()}
    report.save(f"growth-{preset}", out)
    return out


@click.command("growth", help=__doc__)
@click.option("--preset", type=click.Choice(["jeju", "national"]), default="national", show_default=True)
@click.option("--base", "--scale", "base", type=float, default=0.005, show_default=True,
              help="scale of factor 1")
@click.option("--factors", type=int, multiple=True, help="multiples of --base, repeatable (default 1 2 4 8)")
@click.option("--naive-sample", type=int, default=200, show_default=True)
def command(preset: str, base: float, factors: tuple[int, ...], naive_sample: int) -> None:
    run(preset, base, factors, naive_sample)


if __name__ == "__main__":
    command()
