"""`jss summaries`: recompute the derived summaries the pattern queries read (derived/)."""

from __future__ import annotations

import json

import click

from graph.runner import Runner
from graph.settings import load_settings


@click.command("summaries")
@click.option("--json", "as_json", is_flag=True, help="Print the step timings as JSON.")
def command(as_json: bool) -> None:
    """패턴 요약과 패턴 표를 다시 계산합니다 (Refresh the pattern summaries: call severity, victim calls,
    victim–suspect pairs, child exposure, calls per address, agency contacts per household, agency
    co-involvement, calls and referrals per year, each council case's agencies and measures, each
    household's contacts per agency; then the pattern tables the app pages through).

    Loads, rollbacks and entity resolution run this themselves; run it by hand after changing the
    graph another way. Safe to repeat: unchanged summaries are not rewritten.
    """
    from derived import refresh

    with Runner(load_settings()) as runner:
        out = refresh(runner)
    if as_json:
        click.echo(json.dumps(out, indent=2))
        return
    click.echo(f"패턴 요약 갱신 (summaries refreshed) in {out['seconds']:.1f} s")
    for name, seconds in out["steps"].items():
        click.echo(f"  {name:<40} {seconds:8.2f} s")
