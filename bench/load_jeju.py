"""Load-speed figures for the loaders (no pass/fail: speed goals live here, not in tests).

    JSS_DATA_DIR=… JSS_NEO4J_BOLT_PORT=… jss bench load-jeju [--preset jeju] [--scale 1.0]
        [--bundle DIR] [--wipe] [--resolution]

Generates the preset (seed 42) unless --bundle is given, then prints: validation-only time, a
first load (into an empty graph with --wipe), and a second load of the same bundle (idempotent
reload), each with rows/s.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import click

from graph.runner import Runner
from loaders.bundle import load_bundle


def run(preset: str = "jeju", scale: float = 1.0, bundle: Path | None = None, wipe: bool = False,
        resolution: bool = False) -> None:
    """Validate, then load twice (`bundle`, or the preset generated at `scale`); rows/s of each."""
    tmp = tempfile.TemporaryDirectory(prefix="jss-bench-")
    if bundle is None:
        from synth import generate

        bundle = Path(tmp.name) / f"{preset}-42"
        t = time.perf_counter()
        generate(preset, bundle, seed=42, scale=scale)
        print(f"generated {bundle} in {time.perf_counter() - t:.1f} s")
    with Runner() as runner:
        if wipe:
            runner.delete_all(name="bench.wipe")
        dry = load_bundle(bundle, runner, dry_run=True)
        print(f"validate only: {dry.rows_read} rows in {dry.seconds:.1f} s ({dry.rows_read / dry.seconds:,.0f} rows/s)")
        for label in ("first load", "second load (same bundle)"):
            res = load_bundle(bundle, runner, rejects=Path(tmp.name) / "rejects.csv",
                              run_resolution=resolution)
            print(f"{label}: {res.rows_read} rows in {res.seconds:.1f} s "
                  f"({res.rows_read / res.seconds:,.0f} rows/s), rejected {res.rows_rejected}, "
                  f"resolution {res.resolution}")
            for s in res.stats:
                print(f"  {s.file:<24} {s.rows_loaded:>8} rows {s.seconds:7.1f} s "
                      f"({s.rows_loaded / s.seconds if s.seconds else 0:,.0f} rows/s)")
    tmp.cleanup()


@click.command("load-jeju", help=__doc__)
@click.option("--preset", default="jeju", show_default=True)
@click.option("--scale", type=float, default=1.0, show_default=True)
@click.option("--bundle", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="a bundle to load (default: generate the preset, seed 42)")
@click.option("--wipe", is_flag=True, help="delete all data first (only on a server of your own)")
@click.option("--resolution", is_flag=True, help="also run entity resolution after the load")
def command(preset: str, scale: float, bundle: Path | None, wipe: bool, resolution: bool) -> None:
    run(preset, scale, bundle, wipe, resolution)


if __name__ == "__main__":
    command()
