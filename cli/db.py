"""`jss db start|stop|status|init|reset|install`: the Neo4j server and its schema."""

from __future__ import annotations

import sys

import click

from graph.runner import Runner
from graph.schema import apply_schema
from graph.server import LocalServer
from graph.settings import load_settings


def _remote_note(settings) -> bool:
    if settings.uses_local_server:
        return False
    click.echo(f"NEO4J_URI is set: using {settings.neo4j_uri}; the local server is not managed")
    return True


@click.group("db")
def command() -> None:
    """Run the local Neo4j 5.26 server (or check the one NEO4J_URI names) and apply the schema."""


@command.command()
def install() -> None:
    """Resolve org.neo4j:neo4j from Maven Central into .neo4j/ (start does this when needed)."""
    settings = load_settings()
    if _remote_note(settings):
        return
    server = LocalServer(settings)
    server.install(click.echo)
    click.echo(f"Neo4j {settings.neo4j_version} jars are in {server.lib}")


@command.command()
def start() -> None:
    """Start the local server and wait until Bolt answers; a second start is a no-op."""
    settings = load_settings()
    if _remote_note(settings):
        with Runner(settings) as runner:
            info = runner.ping()
        click.echo(f"Neo4j {info['version']} answers at {settings.neo4j_uri}")
        return
    status = LocalServer(settings).start(click.echo)
    click.echo(status.uri)


@command.command()
def stop() -> None:
    """Stop the local server cleanly (SIGTERM, then wait for the checkpoint)."""
    settings = load_settings()
    if _remote_note(settings):
        return
    LocalServer(settings).stop(click.echo)


@command.command()
def status() -> None:
    """Report whether Neo4j is up (exit 0) or down (exit 3)."""
    settings = load_settings()
    if settings.uses_local_server:
        st = LocalServer(settings).status()
        if st.running:
            click.echo(f"up: Neo4j {st.version} at {st.uri} (pid {st.pid})")
            return
        click.echo(f"down: {st.detail} ({st.uri})")
        sys.exit(3)
    from graph.errors import JSSError

    try:
        with Runner(settings) as runner:
            info = runner.ping()
    except JSSError as exc:
        click.echo(f"down: {exc}")
        sys.exit(3)
    click.echo(f"up: Neo4j {info['version']} at {settings.neo4j_uri}")


@command.command()
def init() -> None:
    """Apply graph/schema.cypher: constraints and indexes, idempotently."""
    with Runner() as runner:
        n = apply_schema(runner)
    click.echo(f"schema applied ({n} statements)")


@command.command()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def reset(yes: bool) -> None:
    """Delete every node and relationship. Local server: its store is wiped and it restarts."""
    settings = load_settings()
    if not yes:
        click.confirm(f"Delete all data in {settings.bolt_uri}?", abort=True)
    if settings.uses_local_server:
        server = LocalServer(settings)
        was_running = server.pid() is not None
        server.reset(click.echo)
        if was_running:
            server.start(click.echo)
        return
    with Runner(settings) as runner:
        runner.delete_all(name="db.reset")
    click.echo(f"deleted all data in {settings.neo4j_uri}")
