"""`jss cypher 'QUERY'`: ad-hoc read-only Cypher for data staff at a terminal."""

from __future__ import annotations

import click

from cli.output import parse_param_pairs, render
from graph.runner import Runner
from graph.settings import load_settings


@click.command("cypher")
@click.argument("query")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Query parameter, used as $KEY. JSON values (numbers, true, [lists]) keep their type.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--timeout", type=float, default=None, help="Seconds before the server stops the query "
              "(default: JSS_QUERY_TIMEOUT).")
@click.option("--row-cap", type=int, default=None, help="Most rows to return (default: JSS_ROW_CAP).")
def command(query: str, params: tuple[str, ...], fmt: str, timeout: float | None, row_cap: int | None) -> None:
    """Run QUERY in a READ transaction, with the runner's timeout and row cap.

    Writes fail with Neo4j's access-mode error. `--format json` prints a JSON array of row
    objects (nodes as their properties plus `_labels`).
    """
    try:
        values = parse_param_pairs(params)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="-p") from exc
    settings = load_settings()
    with Runner(settings) as runner:
        result = runner.read(query, values, name="cli.cypher", timeout=timeout, row_cap=row_cap)
    click.echo(render(fmt, result.columns, result.rows))
    if result.truncated:
        cap = row_cap if row_cap is not None else settings.row_cap
        click.secho(f"truncated: only the first {cap} rows are shown (raise --row-cap or JSS_ROW_CAP)",
                    fg="yellow", err=True)
