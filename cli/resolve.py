"""`jss resolve`: entity resolution on the loaded graph (people, addresses, households)."""

from __future__ import annotations

import json

import click

from graph.runner import Runner
from graph.settings import load_settings


@click.command("resolve")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--explain-model", is_flag=True,
              help="Print the model of the latest stored run (m, u and weight per comparison level, λ, "
                   "thresholds, what training saw) instead of resolving.")
@click.option("--lang", type=click.Choice(["ko", "en"]), default="ko", show_default=True,
              help="Language of --explain-model's labels.")
def command(as_json: bool, explain_model: bool, lang: str) -> None:
    """사람·주소·가구를 식별합니다 (Resolve people, addresses and households on the loaded graph).

    Idempotent: running it again over the same records gives the same graph. Analyst decisions
    (`jss review confirm/split`) always win over the algorithm.
    """
    from resolution import run

    if explain_model:
        _explain(as_json, lang)
        return
    with Runner(load_settings()) as runner:
        summary = run(runner)
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
        return
    click.echo(f"기록 {summary['records']}건 → 사람 {summary.get('persons', 0)}명, "
               f"가구 {summary.get('households', 0)}개, 주소 {summary.get('addresses', {}).get('addresses', 0)}개; "
               f"검토 대기 쌍 {summary.get('review_pairs', 0)}건 ({summary.get('seconds', 0)}초)")


def _explain(as_json: bool, lang: str) -> None:
    from resolution import graph_io
    from resolution.model import Model, explain

    with Runner(load_settings()) as runner:
        run = graph_io.latest_run(runner)
    if run is None or not run.get("model"):
        raise click.ClickException("저장된 식별 실행이 없습니다 (no resolution run stored yet: run `jss resolve` "
                                   "or `jss load` first)")
    if as_json:
        click.echo(run["model"])
        return
    click.echo(f"{run['run_id']} · {run['run_at']} · 기록 {run['records']}건 → 사람 {run['persons']}명")
    for line in explain(Model.from_json(run["model"]), lang):
        click.echo(line)
