"""`jss bench [load|resolve|queries|app|synth|growth|explorer|risk|all]`: run the benchmarks in bench/ against the
real Neo4j; each writes bench/results/<name>.json and docs/performance.md is regenerated.

The load, queries, growth and explorer suites WIPE the database of the server the settings name: point
JSS_DATA_DIR / JSS_NEO4J_BOLT_PORT at a server of your own.
"""

from __future__ import annotations

import importlib
import inspect
import sys

import click

SUITES = {
    "synth": "bench.synth_bench",
    "load": "bench.load_bench",
    "resolve": "bench.resolve_run",
    "queries": "bench.queries_bench",
    "app": "bench.app_bench",
    "growth": "bench.growth",
    "explorer": "bench.explorer_bench",
    "risk": "bench.risk_scale",
}
# `all` runs these (growth and synth are long or separate: ask for them by name).
ALL = ("load", "resolve", "queries", "app")


def _argv(suite: str, preset: str, scale: float | None, extra: tuple[str, ...]) -> list[str]:
    if suite == "synth":                         # its own interface: a positional scale
        return [*([str(scale)] if scale is not None else []), "--preset", preset, *extra]
    if suite in ("app", "explorer", "risk"):     # the running app's graph / its own star graph
        return list(extra)
    if suite == "queries" and scale is not None:
        return ["--preset", preset, "--scale", str(scale), "--load", *extra]
    return ["--preset", preset, *(["--scale", str(scale)] if scale is not None else []), *extra]


@click.command("bench", context_settings={"ignore_unknown_options": True})
@click.argument("suite", type=click.Choice([*SUITES, "all"]), default="all")
@click.option("--preset", type=click.Choice(["jeju", "national"]), default="national", show_default=True)
@click.option("--scale", type=float, default=None,
              help="Scale factor of the preset (suite default if unset). With `queries` it also WIPES the "
                   "database and loads + resolves that preset first.")
@click.argument("extra", nargs=-1, type=click.UNPROCESSED)
def command(suite: str, preset: str, scale: float | None, extra: tuple[str, ...]) -> None:
    """Run a benchmark suite; each writes bench/results/<name>.json and regenerates docs/performance.md.

    Extra arguments after the suite are passed to the benchmark module (see its --help).
    """
    names = list(ALL) if suite == "all" else [suite]
    for name in names:
        module = importlib.import_module(SUITES[name])
        argv = _argv(name, preset, scale, extra)
        click.secho(f"== bench {name}: {' '.join(argv)}", bold=True)
        if inspect.signature(module.main).parameters:
            module.main(argv)
        else:                                    # a module that reads sys.argv itself
            saved = sys.argv
            sys.argv = [SUITES[name], *argv]
            try:
                module.main()
            finally:
                sys.argv = saved
