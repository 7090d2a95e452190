"""`jss settings`: every setting with its environment variable, current value and help."""

from __future__ import annotations

from dataclasses import asdict

import click

from graph.settings import describe_settings, load_settings

# Printed as *** when set: passwords and every key (session secret, audit key, sealing keys).
_SECRET = {"neo4j_password"}


@click.command("settings")
@click.option("--markdown", is_flag=True, help="Print the table docs/settings.md is made from.")
def command(markdown: bool) -> None:
    """List settings (environment variables), their defaults and current values."""
    if markdown:
        click.echo(settings_markdown())
        return
    current = asdict(load_settings())
    for s in describe_settings():
        secret = s["name"] in _SECRET or s["name"].endswith("_key")
        value = "***" if secret and current[s["name"]] else current[s["name"]]
        click.echo(f"{s['env']}={value}\n    {s['help']} (default: {s['default'] or '(empty)'})")


def settings_markdown() -> str:
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    for s in describe_settings():
        lines.append(f"| `{s['env']}` | `{s['default']}` | {s['help']} |")
    return "\n".join(lines)
