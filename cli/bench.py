"""`jss bench <name>`: run a benchmark of bench/ against the real Neo4j; each writes
bench/results/<name>.json and docs/performance.md is regenerated.

Every benchmark module exposes `run(...)` (typed arguments, callable from Python) and `command`,
its click command; this group lists them and imports a module only when its command is asked
for (some need the bench extra: splink, selenium). `jss bench <name> --help` shows its options.

The load, queries (with --load), growth and explorer benchmarks WIPE the database of the server
the settings name: point JSS_DATA_DIR / JSS_NEO4J_BOLT_PORT at a server of your own.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import click

# name → module; each module has `command` (click) and `run` (the same, as a function).
SUITES = {
    "synth": "bench.synth_bench",
    "load": "bench.load_bench",
    "resolve": "bench.resolve_run",
    "queries": "bench.queries_bench",
    "app": "bench.app_bench",
    "growth": "bench.growth",
    "explorer": "bench.explorer_bench",
    "risk": "bench.risk_scale",
    "risk-validation": "bench.risk_validation",
    "resolve-records": "bench.resolve_bench",
    "resolve-file": "bench.resolve_file_bench",
    "febrl": "bench.febrl",
    "households": "bench.households_bench",
    "households-errors": "bench.households_errors",
    "load-jeju": "bench.load_jeju",
}
# What `jss bench --help` lists, without importing every module (and the image has no bench/).
SUMMARIES = {
    "synth": "Generate a preset: wall time, peak memory, throughput.",
    "load": "Load throughput: jss load, LOAD CSV, naive, bulk (WIPES the database).",
    "resolve": "Entity resolution against splink on synthetic person records.",
    "queries": "p50 / p95 of every catalogue query on the loaded graph.",
    "app": "Every page's server-side work, and a network drawn in Chromium.",
    "growth": "The load benchmark at 1x, 2x, 4x, 8x of a base scale (WIPES).",
    "explorer": "A tap on a national-sized agency, on a star graph (WIPES).",
    "risk": "Fitting the risk model and scoring every victim.",
    "risk-validation": "The risk model against the hand score on held-out time, per bundle.",
    "resolve-records": "Our engine and splink on generated person records (what resolve runs).",
    "resolve-file": "jss resolve-file on the second generator's records, errors by cause.",
    "febrl": "FEBRL2 and FEBRL3 through resolve-file, beside splink.",
    "households": "Households at scale: the sweep against the all-pairs comparison.",
    "households-errors": "Household errors on a generated bundle, by cause.",
    "load-jeju": "Validation, first load and reload of a preset, rows/s.",
    "all": "load, resolve, queries and app one after another.",
}
# `all` runs these (growth and synth are long or separate: ask for them by name).
ALL = ("load", "resolve", "queries", "app")


def suite(name: str) -> ModuleType:
    try:
        return importlib.import_module(SUITES[name])
    except ModuleNotFoundError as exc:
        if exc.name not in ("bench", SUITES[name]):
            raise
        raise click.ClickException("the benchmarks (bench/) come with a checkout of the repository, "
                                   "not with this installation") from None


@click.command("all")
@click.option("--preset", type=click.Choice(["jeju", "national"]), default="national", show_default=True)
@click.option("--scale", type=float, default=None,
              help="scale of the preset for load and queries (each benchmark's default if unset); given, "
                   "queries also WIPES the database and loads + resolves that preset first")
def run_all(preset: str, scale: float | None) -> None:
    """Run load, resolve, queries and app one after another."""
    for name in ALL:
        click.secho(f"== bench {name}", bold=True)
        if name == "load":
            suite(name).run(preset=preset, **({"scale": scale} if scale is not None else {}))
        elif name == "queries":
            suite(name).run(preset=preset, **({"scale": scale, "load": True} if scale is not None else {}))
        else:                                    # resolve: its own sizes; app: the graph as it is
            suite(name).run()


class BenchGroup(click.Group):
    """The benchmarks as sub-commands, each module imported only when its command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*SUITES, "all"]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl(list(SUMMARIES.items()))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name == "all":
            return run_all
        if cmd_name not in SUITES:
            return None
        return suite(cmd_name).command


@click.group("bench", cls=BenchGroup)
def command() -> None:
    """Run a benchmark; each writes bench/results/<name>.json and regenerates docs/performance.md."""
