"""`jss audit verify|show|seal`: check the audit trail's keyed hash chain; list entries."""

from __future__ import annotations

import getpass
import json
import sys

import click

from auth import audit


@click.group("audit")
def command() -> None:
    """The audit trail (JSS_AUDIT_FILE): who viewed, queried or exported what, and why."""


@command.command("verify")
@click.option("--expect-head", default=None, help="Head hash recorded elsewhere earlier (`jss audit show --head`): "
              "also detects the file and its head record both put back to an earlier copy.")
def verify(expect_head: str | None) -> None:
    """Check every entry's keyed hash and link, and that the file still ends where its head record
    says; exit 1 and name the first broken line (or what is wrong) if any."""
    path = audit.audit_path()
    v = audit.verify(path, expect_head=expect_head)
    if v.ok:
        click.echo(f"ok: {v.entries} entries in {path}, head {v.head}")
        return
    where = f"line {v.first_bad_line}" if v.first_bad_line else "end of file"
    click.secho(f"BROKEN at {where} of {path}: {v.reason} ({v.entries} entries verified before it)",
                fg="red", err=True)
    sys.exit(1)


@command.command("seal")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def seal(yes: bool) -> None:
    """Record the trail's current end as its head, after `verify` reported the head record (file
    moved or restored from a backup, record lost). Only a chain that verifies is sealed; the seal
    itself is an audit entry naming what it replaced."""
    path = audit.audit_path()
    if not yes:
        click.confirm(f"Seal {path} as it ends now? Entries removed from its end before now will no longer "
                      "be reported.", abort=True)
    v = audit.seal(user=_who(), role="cli", path=path)
    if not v.ok:
        where = f"line {v.first_bad_line}" if v.first_bad_line else "end of file"
        click.secho(f"not sealed: {path} is broken at {where}: {v.reason}", fg="red", err=True)
        sys.exit(1)
    click.echo(f"sealed: {v.entries} entries in {path}, head {v.head}")


def _who() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no login name (containers)
        return "cli"


@command.command("show")
@click.option("--user", default=None)
@click.option("--event", type=click.Choice(audit.EVENTS), default=None)
@click.option("--target", default=None, help="Substring of `type:target` or of a `kind:id` in the entry's ids, "
              "e.g. person:P-12.")
@click.option("--since", default=None, help="ISO date/time (UTC), inclusive.")
@click.option("--until", default=None, help="ISO date/time (UTC), inclusive.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON entry per line.")
@click.option("--head", is_flag=True, help="Print only the current head hash (record it somewhere safe).")
def show(user: str | None, event: str | None, target: str | None, since: str | None, until: str | None,
         limit: int, as_json: bool, head: bool) -> None:
    """Entries matching the filters, newest first."""
    if head:
        click.echo(audit.verify(check_head=False).head)
        return
    for e in audit.search(user=user, event=event, target=target, since=since, until=until, limit=limit):
        if as_json:
            click.echo(json.dumps(e, ensure_ascii=False))
        else:
            tgt = f"{e.get('target_type') or ''}:{e.get('target') or ''}".strip(":")
            n_ids = sum(len(v) for v in (e.get("ids") or {}).values() if isinstance(v, list))
            tgt += f" +{n_ids} ids" if n_ids else ""
            click.echo(f"{e['seq']:>6} {e['ts']} {e['event']:<14} {e.get('user') or '-':<16} "
                       f"{e.get('role') or '-':<10} {tgt:<28} {e.get('purpose') or ''}")
