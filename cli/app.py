"""`jss app` serves the web app; `jss demo` brings up Neo4j, loads the synthetic Jeju preset into
an empty database, creates one demo user per role and serves the app."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from graph.cypher_files import cypher_text
from graph.settings import load_settings

log = logging.getLogger("jss.app")
CYPHER_DIR = Path(__file__).with_name("cypher")   # what `jss demo` asks the graph

def _serve(host: str | None, port: int | None) -> None:
    settings = load_settings()
    from app import create_app

    host, port = host or settings.app_host, port or settings.app_port
    click.echo(f"JSS Graph: http://{host}:{port}  (Ctrl+C로 종료 / to stop)")
    # debug=False: no tracebacks in the browser, no reloader. For several workers use
    # `gunicorn -w 4 -b {host}:{port} app:server`.
    create_app().run(host=host, port=port, debug=False)


@click.command("app")
@click.option("--host", default=None, help="Interface to listen on (default JSS_APP_HOST).")
@click.option("--port", type=int, default=None, help="Port (default JSS_APP_PORT).")
def command(host: str | None, port: int | None) -> None:
    """Serve the web app (http://127.0.0.1:8050 by default). Needs a running Neo4j (`jss db start`)."""
    _serve(host, port)


@click.command("demo")
@click.option("--host", default=None, help="Interface to listen on (default JSS_APP_HOST).")
@click.option("--port", type=int, default=None, help="Port (default JSS_APP_PORT).")
@click.option("--seed", type=int, default=42, show_default=True, help="Seed of the synthetic Jeju preset.")
@click.option("--no-serve", is_flag=True, help="Prepare the database and users, then exit.")
def demo_command(host: str | None, port: int | None, seed: int, no_serve: bool) -> None:
    """Start Neo4j (unless NEO4J_URI), apply the schema, load the synthetic Jeju preset if the
    database is empty, print demo sign-ins (one per role) and serve the app."""
    from graph.runner import Runner
    from graph.schema import apply_schema
    from graph.server import LocalServer

    settings = load_settings()
    if settings.uses_local_server:
        LocalServer(settings).start(echo=click.echo)
    with Runner(settings) as runner:
        runner.ping()
        apply_schema(runner)
        count = runner.read_value(cypher_text(CYPHER_DIR, "node_count"), name="demo.count")
        if not count:
            bundle = prepare_bundle(settings.data_dir / "demo" / f"jeju-{seed}", seed)
            from loaders.bundle import load_bundle

            click.echo(f"합성 제주 데이터를 불러오는 중 (loading the synthetic Jeju preset) from {bundle} …")
            result = load_bundle(bundle, runner)
            click.echo(f"  {result.rows_read} rows read, {result.rows_rejected} rejected, resolution: {result.resolution}")
            if result.resolution == "ran":
                from suggest.run import follow_load

                followed = follow_load(runner, settings, result.load_id)
                for line in followed.risk_lines:
                    click.echo(f"  위험 모델·점수 (risk model, scores): {line}")
                click.echo(f"  협의회 안건 제안 (agenda suggestions): {followed.suggest_line}")
        else:
            click.echo(f"데이터가 이미 있습니다 ({count} nodes): skipping the preset load")
            if not runner.read_value(cypher_text(CYPHER_DIR, "risk_scorings"), name="demo.scored"):
                from risk.scores import score_and_store

                click.echo(f"  위험 점수 (risk scores): {score_and_store(runner).line()}")
    from auth.users import create_demo_users

    click.echo("데모 로그인 (demo sign-ins; passwords are shown once):")
    for name, role, password in create_demo_users():
        click.echo(f"  {name:<18} {role:<11} {password}")
    if not no_serve:
        _serve(host, port)


def prepare_bundle(out: Path, seed: int) -> Path:
    """Generate the jeju preset into `out` unless it is already there."""
    if (out / "_truth" / "manifest.json").exists():
        return out
    from synth import generate

    out.mkdir(parents=True, exist_ok=True)
    generate("jeju", out, seed=seed, progress=lambda msg: click.echo(f"  {msg}"))
    return out
