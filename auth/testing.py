"""Test support (imported by tests only): ONE app per process with its own users and audit files,
and signed-in test clients for each role.

Dash hands the callbacks registered with `dash.callback` to the first app that serves a request,
so every test module in a process must share this app (a second `create_app()` would have no page
callbacks). The users file, audit file and secret point to a temporary folder, set before the app
is built, so tests never touch real users or the real audit trail.
"""

from __future__ import annotations

import os
import secrets
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from auth.roles import ROLES

_state: dict[str, Any] = {}
# The test agency user's agency: the hospital of tests/app_graph.py (it served household H1).
TEST_AGENCY = "H-01"


def shared_app() -> Any:
    """The process's test app (built on first use) with one user per role: `t_<role>`."""
    if "app" not in _state:
        tmp = Path(tempfile.mkdtemp(prefix="jss-auth-test-"))
        os.environ["JSS_USERS_FILE"] = str(tmp / "users.json")
        os.environ["JSS_AUDIT_FILE"] = str(tmp / "audit.jsonl")
        os.environ["JSS_SECRET_KEY"] = secrets.token_hex(16)
        from auth.users import UserStore

        store = UserStore()
        passwords = {}
        for role in ROLES:
            passwords[role] = f"pw-{secrets.token_urlsafe(12)}"
            store.add(f"t_{role}", role, passwords[role], display_name=f"테스트 {role}",
                      agency_id=TEST_AGENCY if role == "agency" else "")
        import app as appmod

        _state.update(app=appmod.create_app(), passwords=passwords, tmp=tmp, store=store)
        _state["app"].server.config["TESTING"] = True
    return _state["app"]


def username(role: str) -> str:
    return f"t_{role}"


def password(role: str) -> str:
    shared_app()
    return _state["passwords"][role]


def tmp_dir() -> Path:
    shared_app()
    return _state["tmp"]


def client(role: str | None) -> Any:
    """A Flask test client, signed in as the test user of `role` (None: nobody)."""
    test_client = shared_app().server.test_client()
    if role is not None:
        with test_client.session_transaction() as s:
            s["jss_user"] = {"username": username(role), "role": role, "display_name": "",
                             "sid": uuid.uuid4().hex, "since": int(time.time()),
                             "agency_id": TEST_AGENCY if role == "agency" else ""}
            s["jss_seen"] = time.time()
    return test_client


def callback_outputs(key: str) -> list[dict[str, Any]]:
    """The `outputs` of a Dash callback request for `app.callback_map` key `key` (multi-output keys
    start with '..'; pattern-matching ids are JSON)."""
    import json

    parts = key[2:-2].split("...") if key.startswith("..") else [key]
    outs = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        try:
            ident = json.loads(ident)
        except ValueError:
            pass
        outs.append({"id": ident, "property": prop.split("@")[0]})
    return outs


def login_csrf(client: Any) -> str:
    """The CSRF token of the sign-in form as `client` gets it."""
    import re

    html = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def login_form(client: Any, username: str, password: str, next_path: str = "/") -> Any:
    """Sign in through the real /login form."""
    return client.post("/login", data={"username": username, "password": password, "csrf": login_csrf(client),
                                       "next": next_path})
