"""`jss audit verify|show`: check the audit trail's hash chain; list entries."""

from __future__ import annotations

import json
import sys

import click

from auth import audit


@click.group("audit")
def command() -> None:
    """The audit trail (JSS_AUDIT_FILE): who viewed, queried or exported what, and why."""


@command.command("verify")
@click.option("--expect-head", default=None, help="Head hash recorded earlier (`jss audit show --head`): "
              "also detects entries removed from the end or a rewritten file.")
def verify(expect_head: str | None) -> None:
    """Check every entry's hash and link; exit 1 and name the first broken line if any."""
    path = audit.audit_path()
    v = audit.verify(path, expect_head=expect_head)
    if v.ok:
        click.echo(f"ok: {v.entries} entries in {path}, head {v.head}")
        return
    where = f"line {v.first_bad_line}" if v.first_bad_line else "end of file"
    click.secho(f"BROKEN at {where} of {path}: {v.reason} ({v.entries} entries verified before it)",
                fg="red", err=True)
    sys.exit(1)


@command.command("show")
@click.option("--user", default=None)
@click.option("--event", type=click.Choice(audit.EVENTS), default=None)
@click.option("--target", default=None, help="Substring of `type:target`, e.g. person:P-12.")
@click.option("--since", default=None, help="ISO date/time (UTC), inclusive.")
@click.option("--until", default=None, help="ISO date/time (UTC), inclusive.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON entry per line.")
@click.option("--head", is_flag=True, help="Print only the current head hash (record it somewhere safe).")
def show(user: str | None, event: str | None, target: str | None, since: str | None, until: str | None,
         limit: int, as_json: bool, head: bool) -> None:
    """Entries matching the filters, newest first."""
    if head:
        click.echo(audit.verify().head)
        return
    for e in audit.search(user=user, event=event, target=target, since=since, until=until, limit=limit):
        if as_json:
            click.echo(json.dumps(e, ensure_ascii=False))
        else:
            tgt = f"{e.get('target_type') or ''}:{e.get('target') or ''}".strip(":")
            click.echo(f"{e['seq']:>6} {e['ts']} {e['event']:<14} {e.get('user') or '-':<16} "
                       f"{e.get('role') or '-':<10} {tgt:<28} {e.get('purpose') or ''}")
