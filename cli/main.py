"""`jss`: the one command-line entry point of JSS Graph."""

from __future__ import annotations

import importlib
import logging
import sys

import click

from graph.errors import JSSError
from graph.settings import load_settings

# Each module defines one click command or group named `command`; add new ones here.
COMMAND_MODULES = (
    "cli.app",
    "cli.synth",
    "cli.db",
    "cli.cypher",
    "cli.settings_cmd",
    "cli.query",
    "cli.load",
    "cli.resolve",
    "cli.summaries",
    "cli.resolve_file",
    "cli.review",
    "cli.users",
    "cli.audit",
    "cli.bench",
    "cli.risk",
    "cli.suggest",
)


class _Group(click.Group):
    """Turns the project's own errors into one clear line and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except JSSError as exc:
            click.secho(f"error: {exc}", fg="red", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jss-graph")
def cli() -> None:
    """JSS Graph: the Jeju Sheriff System's case relationship graph.

    Settings come from environment variables; see `jss settings` and docs/settings.md.
    """
    settings = load_settings()
    logging.basicConfig(level=settings.log_level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # Query values never reach the logs; the driver's own debug output would carry them.
    logging.getLogger("neo4j").setLevel(logging.ERROR)


for _name in COMMAND_MODULES:
    _module = importlib.import_module(_name)
    cli.add_command(_module.command)
    if hasattr(_module, "demo_command"):  # a module may add a second command (cli.app: `demo`)
        cli.add_command(_module.demo_command)


def main() -> None:
    cli(prog_name="jss")


if __name__ == "__main__":
    main()
