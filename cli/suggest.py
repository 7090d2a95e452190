"""`jss suggest`: the council's agenda suggestions (docs/suggestions.md) — list them, run the rules,
the digest of the latest runs, and the month-by-month back-test."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from cli.output import render, to_json
from graph.errors import JSSError
from graph.runner import Runner
from graph.settings import load_settings
from suggest.rules import Thresholds
from suggest.run import read, suggest

STATUSES = ("open", "accepted", "dismissed")


def _reason_text(reasons_json: str | None) -> str:
    """The reasons in a line of ids and counts (no personal value is stored in them)."""
    parts = []
    for r in json.loads(reasons_json or "[]"):
        d = r.get("detail") or {}
        extra = ", ".join(f"{k}={v}" for k, v in sorted(d.items()) if k != "agency_ids")
        parts.append(f"{r['rule']}({r.get('person_id') or '-'}; {r['on']}; {extra})")
    return " | ".join(parts)


@click.group("suggest", invoke_without_command=True)
@click.option("--status", type=click.Choice([*STATUSES, "all"]), default="open", show_default=True)
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def command(ctx: click.Context, status: str, limit: int, fmt: str) -> None:
    """협의회 안건 제안 (agenda suggestions): without a sub-command, the stored suggestions ranked
    as the secretary's page shows them (ids, rules, reasons; no names)."""
    if ctx.invoked_subcommand is not None:
        return
    with Runner(load_settings()) as runner:
        rows = read(runner, "list_suggestions", {"statuses": list(STATUSES) if status == "all" else [status],
                                                  "limit": limit})
    if fmt == "json":
        for r in rows:
            r["reasons"] = json.loads(r["reasons"] or "[]")
        click.echo(to_json(rows))
        return
    shown = [{"household_id": r["household_id"], "status": r["status"], "priority": r["priority"],
              "rules": ",".join(r["rules"] or []), "raised_on": r["raised_on"], "latest_fact_on": r["latest_fact_on"],
              "reasons": _reason_text(r["reasons"])} for r in rows]
    click.echo(render("table", ["household_id", "status", "priority", "rules", "raised_on", "latest_fact_on",
                                "reasons"], shown))


@command.command("run")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The run's day (default: the newest call's day).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Facts dated after this day are new (default: the previous run's day).")
@click.option("--dry-run", is_flag=True, help="Apply the rules and print what would change; write nothing.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def run_command(as_of: Any, since: Any, dry_run: bool, fmt: str) -> None:
    """규칙을 적용해 제안을 만듭니다 (run the rules on the facts new since the last run)."""
    settings = load_settings()
    with Runner(settings) as runner:
        res = suggest(runner, Thresholds.from_settings(settings), as_of=as_of.date() if as_of else None,
                      since=since.date() if since else None, dry_run=dry_run)
    if fmt == "json":
        click.echo(to_json({"run": res.run, "as_of": res.as_of, "since": res.since, "households": res.households,
                            "events": dict(res.events), "by_rule": dict(res.by_rule), "seconds": round(res.seconds, 2),
                            "written": res.written, "dry_run": dry_run}))
    else:
        click.echo(("(dry run) " if dry_run else "") + res.line())


@command.command("digest")
@click.option("--runs", type=int, default=5, show_default=True, help="How many of the latest runs.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def digest_command(runs: int, fmt: str) -> None:
    """최근 실행 요약 (what the latest runs found: households looked at, suggestions created,
    updated and raised again, per rule)."""
    from resolution import graph_io
    from resolution.changes import stored_changes

    with Runner(load_settings()) as runner:
        rows = read(runner, "recent_runs", {"limit": runs})
        resolution = graph_io.latest_run(runner) or {}
    for r in rows:
        r["by_rule"] = json.loads(r["by_rule"] or "{}")
    people = stored_changes(resolution)
    if fmt == "json":
        click.echo(to_json({"runs": rows, "people": people}))
        return
    click.echo(render("table", ["as_of", "since", "load_id", "households", "created", "updated", "reraised",
                                "by_rule", "seconds"], rows))
    click.echo(f"\n최근 신원 확인 (latest resolution, {people['run_at'] or '-'}): "
               f"합쳐진 사람 {people['merged_count']}명 merged, 나뉜 사람 {people['split_count']}명 split")
    for m in people["merged"]:
        click.echo(f"  {m['person_id']} <- {' '.join(m['from'])}")
    for m in people["split"]:
        click.echo(f"  {m['person_id']} -> {' '.join(m['into'])}")


def _judging(top_help: str, out_example: str) -> Any:
    """The options the back-test and the replay share: the cap, what counts as right, the report file."""
    def wrap(f: Any) -> Any:
        for option in reversed([
            click.option("--top", type=int, default=20, show_default=True, help=top_help),
            click.option("--serious", type=int, default=7, show_default=True,
                         help="Severity (0–13) of a later call that makes a suggestion right."),
            click.option("--follow-days", type=int, default=183, show_default=True,
                         help="Days after a suggestion in which a serious call counts."),
            click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
                         help=f"Also write the report as JSON here (e.g. {out_example})."),
        ]):
            f = option(f)
        return f
    return wrap


def _emit(report: dict[str, Any], out: Path | None) -> None:
    report["measured_on"] = date.today().isoformat()
    text = to_json(report)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")
    click.echo(text)


@command.command("backtest")
@_judging("New suggestions the secretary sees a month in the capped variant.",
          "bench/results/suggestions-jeju.json")
@click.option("--from", "from_day", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Replay from this day's month (default: the first call's); earlier months are not replayed.")
def backtest_command(top: int, serious: int, follow_days: int, out: Path | None, from_day: Any) -> None:
    """월별 재현 검증 (replay the graph month by month and measure lead time and precision against
    the council's later tabling and serious calls; docs/suggestions.md)."""
    from suggest.backtest import backtest

    settings = load_settings()
    with Runner(settings) as runner:
        report = backtest(runner, Thresholds.from_settings(settings), serious=serious, follow_days=follow_days,
                          top=top, first=from_day.date() if from_day else None)
    _emit(report, out)


@command.command("replay")
@click.argument("months_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_judging("New suggestions a month in the as-of back-test's capped variant (run on the final graph).",
          "bench/results/suggestions-replay-jeju.json")
def replay_command(months_dir: Path, top: int, serious: int, follow_days: int, out: Path | None) -> None:
    """적재 단위 재현 (load the monthly bundles in MONTHS_DIR one after another into an EMPTY
    database, each followed as `jss load` follows it: resolution, risk scores, a suggestion run;
    measure lead time and precision against the final graph, beside the as-of back-test;
    `jss synth --monthly` cuts the bundles)."""
    from suggest.replay import ReplayRefused, replay

    months = sorted(p for p in months_dir.iterdir() if p.is_dir())
    if not months:
        raise click.UsageError(f"{months_dir} holds no monthly bundle folders (jss synth --monthly)")
    settings = load_settings()
    with Runner(settings) as runner:
        try:
            report = replay(runner, months, settings, serious=serious, follow_days=follow_days, top=top)
        except ReplayRefused as exc:
            raise JSSError(str(exc)) from exc
    _emit(report, out)
