"""`jss resolve`: entity resolution on the loaded graph (people, addresses, households)."""

from __future__ import annotations

import json

import click

from graph.runner import Runner
from graph.settings import load_settings


@click.command("resolve")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def command(as_json: bool) -> None:
    """사람·주소·가구를 식별합니다 (Resolve people, addresses and households on the loaded graph).

    Idempotent: running it again over the same records gives the same graph. Analyst decisions
    (`jss review confirm/split`) always win over the algorithm.
    """
    from resolution import run

    with Runner(load_settings()) as runner:
        summary = run(runner)
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
        return
    click.echo(f"기록 {summary['records']}건 → 사람 {summary.get('persons', 0)}명, "
               f"가구 {summary.get('households', 0)}개, 주소 {summary.get('addresses', {}).get('addresses', 0)}개; "
               f"검토 대기 쌍 {summary.get('review_pairs', 0)}건 ({summary.get('seconds', 0)}초)")
