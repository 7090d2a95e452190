"""`jss users add|disable|enable|passwd|role|list`: the app's users (passwords are prompted, never
taken from the command line, where shell history and `ps` would keep them)."""

from __future__ import annotations

import getpass

import click

from auth import audit
from auth.roles import ROLES
from auth.users import UserStore


def _who() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no login name (containers)
        return "cli"


def _log(action: str, username: str, **detail: object) -> None:
    audit.append("user_admin", user=_who(), role="cli", target_type="user", target=username,
                 detail={"action": action, **detail})


def _prompt_password() -> str:
    return click.prompt("비밀번호 (password)", hide_input=True, confirmation_prompt="비밀번호 확인 (repeat)")


@click.group("users")
def command() -> None:
    """Manage the app's users (stored in JSS_USERS_FILE, argon2 hashes, mode 0600)."""


@command.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True,
              help="council, secretary, agency, analyst, data_staff or admin.")
@click.option("--agency", "agency_id", default="",
              help="Role agency only: the agency (agency_id of the agencies export) whose clients' households "
                   "the user sees.")
@click.option("--name", "display_name", default="", help="Display name shown in the app.")
def add(username: str, role: str, agency_id: str, display_name: str) -> None:
    """Add USERNAME with ROLE; the password is prompted twice."""
    store = UserStore()
    store.add(username, role, _prompt_password(), display_name, agency_id=agency_id)
    _log("add", username, role=role)
    click.echo(f"added {username} ({role}) to {store.path}")


@command.command("passwd")
@click.argument("username")
def passwd(username: str) -> None:
    """Set a new password for USERNAME (prompted)."""
    UserStore().set_password(username, _prompt_password())
    _log("passwd", username)
    click.echo(f"password of {username} changed")


@command.command("disable")
@click.argument("username")
def disable(username: str) -> None:
    """Disable USERNAME: sign-in refused, open sessions end at their next request."""
    UserStore().set_disabled(username, True)
    _log("disable", username)
    click.echo(f"{username} disabled")


@command.command("enable")
@click.argument("username")
def enable(username: str) -> None:
    """Enable a disabled USERNAME again."""
    UserStore().set_disabled(username, False)
    _log("enable", username)
    click.echo(f"{username} enabled")


@command.command("role")
@click.argument("username")
@click.argument("role", type=click.Choice(ROLES))
@click.option("--agency", "agency_id", default="", help="Role agency only: the user's agency (agency_id).")
def set_role(username: str, role: str, agency_id: str) -> None:
    """Change USERNAME's ROLE (open sessions end at their next request)."""
    UserStore().set_role(username, role, agency_id)
    _log("role", username, role=role)
    click.echo(f"{username} is now {role}")


@command.command("list")
def list_users() -> None:
    """List users, roles and state (never hashes)."""
    users = UserStore().list()
    if not users:
        click.echo("no users yet: add one with `jss users add NAME --role admin`")
        return
    for u in users:
        state = "disabled" if u.disabled else "active"
        click.echo(f"{u.username:<24} {u.role:<11} {u.agency_id or '-':<10} {state:<9} {u.display_name}")
