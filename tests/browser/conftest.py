"""Browser-test fixtures: users for each role (a throwaway users file), the hand-built app graph,
the app itself on JSS_TEST_APP_PORT, and sign-in through the real /login form."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from app_graph import load_app_graph  # noqa: E402
from apphelpers import APP_PORT, PASSWORD, login  # noqa: E402


@pytest.fixture(scope="session")
def app_users() -> Iterator[dict[str, str]]:
    """Users `b_<role>` with the helpers' password, in the users file of the process's one test
    app (auth.testing.shared_app: Dash hands page callbacks, registered at import, to the first
    app only, so every browser test in the process must serve that same app)."""
    from auth import testing
    from auth.users import UserStore

    testing.shared_app()  # sets JSS_USERS_FILE / JSS_AUDIT_FILE for the process
    store = UserStore()
    users = {}
    for role in ("council", "analyst", "admin"):
        if store.get(f"b_{role}") is None:
            store.add(f"b_{role}", role, PASSWORD, display_name=f"테스트 {role}")
        users[role] = f"b_{role}"
    yield users


@pytest.fixture(scope="session")
def app_graph(runner):  # type: ignore[no-untyped-def]
    load_app_graph(runner)
    return runner


@pytest.fixture(scope="session")
def the_app(app_users):  # type: ignore[no-untyped-def]
    """One app for the process (see app_users)."""
    from auth import testing

    return testing.shared_app()


@pytest.fixture()
def served_app(the_app, dash_duo):  # type: ignore[no-untyped-def]
    """The app served on APP_PORT over whatever graph is loaded (nobody signed in yet)."""
    from queries import db as data

    old = data.set_runner(None)  # a fresh shared Runner; the last test's is closed, not leaked
    if old is not None:
        old.close()
    data.clear_cache()
    dash_duo.start_server(the_app, navigate=False, port=APP_PORT)
    return dash_duo


@pytest.fixture()
def served(app_graph, served_app):  # type: ignore[no-untyped-def]
    """The app served over the hand-built graph (tests/app_graph.py)."""
    return served_app


@pytest.fixture()
def jss_app(served, app_users):  # type: ignore[no-untyped-def]
    """The app, signed in as the analyst."""
    login(served, app_users["analyst"])
    return served
