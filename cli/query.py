"""`jss query NAME [-p key=value …]`: run a named catalogue query (queries/*.cypher)."""

from __future__ import annotations

import click

from cli.output import parse_param_pairs, render
from graph.runner import Runner
from graph.settings import load_settings
from queries import catalogue


def _list(lang: str) -> str:
    lines = []
    for name in catalogue.names():
        q = catalogue.get(name)
        params = ", ".join(f"{p.name}{'' if p.default is None else '=' + str(p.default)}" for p in q.params)
        lines.append(f"{name:24} {catalogue.title(q, lang)}" + (f"  ({params})" if params else ""))
    return "\n".join(lines)


@click.command("query")
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Query parameter (see `jss query --list`); values are converted to the declared type.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--list", "list_", is_flag=True, help="List the catalogue's queries and their parameters.")
@click.option("--lang", type=click.Choice(["ko", "en"]), default="ko", show_default=True,
              help="Language of titles in --list.")
@click.option("--timeout", type=float, default=None, help="Seconds before the server stops the query.")
@click.option("--row-cap", type=int, default=None, help="Most rows to return (default: JSS_ROW_CAP).")
def command(name: str | None, params: tuple[str, ...], fmt: str, list_: bool, lang: str,
            timeout: float | None, row_cap: int | None) -> None:
    """Run catalogue query NAME read-only (the runner's timeout and row cap apply).

    `--format json` prints a JSON array of row objects.
    """
    if list_ or not name:
        click.echo(_list(lang))
        return
    try:
        values = parse_param_pairs(params, typed=False)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="-p") from exc
    settings = load_settings()
    q = catalogue.get(name)
    bound = catalogue.bind(q, values)   # fail on bad parameters before connecting
    with Runner(settings) as runner:
        result = runner.read(q.text, bound, name=f"catalogue.{name}", timeout=timeout, row_cap=row_cap)
    click.echo(render(fmt, result.columns, result.rows))
    if result.truncated:
        cap = row_cap if row_cap is not None else settings.row_cap
        click.secho(f"truncated: only the first {cap} rows are shown (raise --row-cap or JSS_ROW_CAP)",
                    fg="yellow", err=True)
