"""`jss bench [load|resolve|queries|app|synth|all]`: run the benchmarks in bench/ against the real Neo4j."""

from __future__ import annotations

import importlib

import click

SUITES = {
    "synth": "bench.synth_bench",
    "load": "bench.load_bench",
    "resolve": "bench.resolve_bench",
    "queries": "bench.queries_bench",
    "app": "bench.app_bench",
}


@click.command("bench", context_settings={"ignore_unknown_options": True})
@click.argument("suite", type=click.Choice([*SUITES, "all"]), default="all")
@click.option("--preset", type=click.Choice(["jeju", "national"]), default="jeju", show_default=True)
@click.option("--scale", type=float, default=None, help="Scale factor of the preset (suite default if unset).")
@click.argument("extra", nargs=-1, type=click.UNPROCESSED)
def command(suite: str, preset: str, scale: float | None, extra: tuple[str, ...]) -> None:
    """Run a benchmark suite; each writes bench/results/<name>.json and prints a table.

    Extra arguments after the suite are passed to the benchmark module (see its --help).
    """
    names = list(SUITES) if suite == "all" else [suite]
    for name in names:
        module = importlib.import_module(SUITES[name])
        argv = ["--preset", preset, *(["--scale", str(scale)] if scale is not None else []), *extra]
        click.secho(f"== bench {name}: {' '.join(argv)}", bold=True)
        module.main(argv)
