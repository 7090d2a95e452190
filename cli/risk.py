"""`jss risk`: fit the risk model on the loaded graph's history and report its validation."""

from __future__ import annotations

import json

import click

from graph.runner import Runner
from graph.settings import load_settings


@click.group("risk")
def command() -> None:
    """위험 예측 모델 (the risk model fitted on this deployment's history; docs/risk.md)."""


@command.command("fit")
@click.option("--horizon", type=int, default=None, help="Follow-up in days (default JSS_RISK_HORIZON_DAYS).")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Treat this date as the end of the history (default: the last call in the graph).")
@click.option("--lang", type=click.Choice(["ko", "en"]), default="ko", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the stored report as JSON.")
def fit_command(horizon: int | None, as_of, lang: str, as_json: bool) -> None:
    """모델을 적합·검증해 저장합니다 (fit on history before a held-out year, validate on it, store).

    The model is used by the app only when it beats the hand score on the held-out year; either
    way it is stored with its report, and `jss risk report` shows it again. Every victim is then
    scored as of today with the model in use and the scores stored (as `jss risk score`)."""
    from queries.risk_history import read_history
    from risk import fit, scores, store
    from risk.report import report_lines

    settings = load_settings()
    with Runner(settings) as runner:
        history = read_history(runner)
        fitted = fit.fit(runner, fit.horizons_for(horizon or settings.risk_horizon_days, horizon is not None),
                         as_of=as_of.date() if as_of else None, history=history)
        store.write(runner, fitted)
        scored = scores.score_and_store(runner, history)
    if as_json:
        click.echo(json.dumps({"model_id": fitted.model_id, "status": fitted.status, "report": fitted.report},
                              ensure_ascii=False, indent=2))
        return
    for line in report_lines({"model_id": fitted.model_id, "status": fitted.status}, fitted.report, lang):
        click.echo(line)
    click.echo(f"위험 점수 (risk scores): {scored.line()}")


@command.command("score")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Score with the records before this date (default: today).")
def score_command(as_of) -> None:
    """모든 피해자의 위험 점수를 계산해 저장합니다 (score every victim and store the scores).

    With the latest model when it is in use, else the hand score. Loads and `jss risk fit` do
    this too; run it daily (cron) so that the scores the app shows are as of today."""
    from risk.scores import score_and_store

    with Runner(load_settings()) as runner:
        scored = score_and_store(runner, as_of=as_of.date() if as_of else None)
    click.echo(f"위험 점수 (risk scores): {scored.line()}")


@command.command("report")
@click.option("--lang", type=click.Choice(["ko", "en"]), default="ko", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--model", "show_model", is_flag=True, help="Also print the scorecard (weights per feature bin).")
def report_command(lang: str, as_json: bool, show_model: bool) -> None:
    """최근 적합 모델의 검증 보고 (the latest fitted model's validation report)."""
    from queries.risk import latest_model
    from risk.report import report_lines, scorecard_lines

    with Runner(load_settings()) as runner:
        model = latest_model(runner)
    if model is None:
        raise click.ClickException("적합된 위험 모델이 없습니다 (no risk model fitted yet: run `jss risk fit`)")
    row = {"model_id": model.model_id, "status": "active" if model.active else "rejected"}
    if as_json:
        click.echo(json.dumps({**row, "report": model.report}, ensure_ascii=False, indent=2))
        return
    for line in report_lines(row, model.report, lang):
        click.echo(line)
    if show_model:
        for line in scorecard_lines(model.any_call, lang):
            click.echo(line)
