"""Generate the national preset and print wall time, peak RSS and throughput.

    jss bench synth [SCALE] [--preset national] [--seed 42] [--out DIR] [--keep]

SCALE defaults to 1.0 (~1.5 million calls over five years)."""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import click  # noqa: E402

from synth.build import generate  # noqa: E402


def run(scale: float = 1.0, preset: str = "national", seed: int = 42, out: Path | None = None,
        keep: bool = False) -> None:
    """Generate `preset` at `scale` into `out` (default: a temporary folder, deleted unless `keep`)."""
    target = out or Path(tempfile.mkdtemp(prefix="synth-bench-")) / "bundle"
    started = time.perf_counter()
    manifest = generate(preset, target, seed=seed, scale=scale,
                        progress=lambda m: print(f"  [{time.perf_counter() - started:7.1f}s] {m}", flush=True))
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_mb = usage.ru_maxrss / 1024  # Linux reports KiB
    cpu = usage.ru_utime + usage.ru_stime  # wall time suffers when the 2 shared cores are busy
    size_mb = sum(p.stat().st_size for p in target.rglob("*") if p.is_file()) / 2**20
    rows = sum(c["rows"] for c in manifest["counts"].values())
    calls = manifest["counts"]["calls"]["rows"]
    print(f"preset={preset} scale={scale} seed={seed} chunks={manifest['chunks']}")
    print(f"calls={calls:,} rows={rows:,} persons={manifest['persons']:,} bundle={size_mb:,.1f} MiB")
    print(f"wall={wall:.1f}s cpu={cpu:.1f}s peak_rss={peak_mb:,.0f} MiB calls/s={calls / wall:,.0f} rows/s={rows / wall:,.0f}")
    print(f"year_on_year={manifest['year_on_year']}")
    if out is None and not keep:
        shutil.rmtree(target.parent)


@click.command("synth", help=__doc__.split("\n\n")[0])
@click.argument("scale", type=float, default=1.0, required=False)
@click.option("--preset", default="national", show_default=True)
@click.option("--seed", type=int, default=42, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="bundle folder (default: a temporary one)")
@click.option("--keep", is_flag=True, help="keep the bundle (default: delete a temporary one)")
def command(scale: float, preset: str, seed: int, out: Path | None, keep: bool) -> None:
    run(scale, preset, seed, out, keep)


if __name__ == "__main__":
    command()
