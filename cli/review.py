"""`jss review list|confirm|split`: analyst review of entity-resolution pairs."""

from __future__ import annotations

import getpass
import json

import click

from graph.runner import Runner
from graph.settings import load_settings
from values.text import pad

_FIELDS = (("record_id", "기록"), ("source", "출처"), ("name", "성명"), ("birth_date", "생년월일"),
           ("birth_raw", "생년월일(원문)"), ("sex", "성별"), ("phone", "연락처"), ("address", "주소"),
           ("agency_id", "기관"), ("client_ref", "내부관리번호"), ("person", "현재 사람 ID"))


@click.group("review")
def command() -> None:
    """동일인 판단 검토 (review grey-zone record pairs)."""


@command.command("list")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def list_(limit: int, as_json: bool) -> None:
    """결정이 필요한 기록 쌍을 나란히 보여 줍니다 (pairs waiting for a decision, strongest first)."""
    from resolution.review import pending

    with Runner(load_settings()) as runner:
        rows = pending(runner, limit)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if not rows:
        click.echo("검토 대기 중인 쌍이 없습니다.")
        return
    for r in rows:
        a, b = dict(r["a"], person=r["person_a"]), dict(r["b"], person=r["person_b"])
        click.echo(f"── {r['pair_id']}  점수 {r['score']:.1f}")
        for key, label in _FIELDS:
            va, vb = a.get(key), b.get(key)
            if va is None and vb is None:
                continue
            click.echo(f"  {pad(label, 14)} {pad(_s(va), 40)} │ {_s(vb)}")
        ev = ", ".join(f"{k}={v[0]}({v[1]:+.1f})" for k, v in r["evidence"].items())
        click.echo(f"  {pad('근거', 14)} {ev}")
    click.echo("\n결정: jss review confirm A B  (동일인)   jss review split A B  (다른 사람)")


def _s(v: object) -> str:
    return "" if v is None else str(v)


def _decide(decision: str, record_a: str, record_b: str, reason: str, by: str | None) -> None:
    from resolution.review import decide

    with Runner(load_settings()) as runner:
        pid = decide(runner, record_a, record_b, decision, by or getpass.getuser(), reason)
    word = "동일인으로 확정" if decision == "confirm" else "다른 사람으로 분리"
    click.echo(f"{pid}: {word}했습니다. 다음 `jss resolve`부터 반영되며 이후 모든 실행에서 유지됩니다.")


@command.command("confirm")
@click.argument("record_a")
@click.argument("record_b")
@click.option("--reason", default="", help="Why (kept with the decision).")
@click.option("--by", default=None, help="Who decided (default: the OS user).")
def confirm(record_a: str, record_b: str, reason: str, by: str | None) -> None:
    """두 기록을 같은 사람으로 확정합니다 (must-link)."""
    _decide("confirm", record_a, record_b, reason, by)


@command.command("split")
@click.argument("record_a")
@click.argument("record_b")
@click.option("--reason", default="", help="Why (kept with the decision).")
@click.option("--by", default=None, help="Who decided (default: the OS user).")
def split(record_a: str, record_b: str, reason: str, by: str | None) -> None:
    """두 기록을 다른 사람으로 분리합니다 (cannot-link)."""
    _decide("split", record_a, record_b, reason, by)
