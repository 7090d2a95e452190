"""Browser-test fixtures: users for each role (a throwaway users file), the hand-built app graph,
the app itself on JSS_TEST_APP_PORT, and sign-in through the real /login form."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from app_graph import load_app_graph  # noqa: E402
from apphelpers import APP_PORT, PASSWORD, login  # noqa: E402


@pytest.fixture(scope="session")
def app_users(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    from auth.users import UserStore
    from graph.settings import load_settings

    folder = tmp_path_factory.mktemp("app-users")
    os.environ["JSS_USERS_FILE"] = str(folder / "users.json")
    os.environ["JSS_AUDIT_FILE"] = str(folder / "audit.jsonl")
    store = UserStore(load_settings())
    users = {}
    for role in ("council", "analyst", "admin"):
        store.add(f"t_{role}", role, PASSWORD, display_name=f"테스트 {role}")
        users[role] = f"t_{role}"
    yield users


@pytest.fixture(scope="session")
def app_graph(runner):  # type: ignore[no-untyped-def]
    load_app_graph(runner)
    return runner


@pytest.fixture(scope="session")
def the_app(app_users):  # type: ignore[no-untyped-def]
    """One app for the session: modules that register callbacks globally at import (auth.purpose)
    hand them to the first app only, so every test serves this same app."""
    from app import create_app

    return create_app()


@pytest.fixture()
def served_app(the_app, dash_duo):  # type: ignore[no-untyped-def]
    """The app served on APP_PORT over whatever graph is loaded (nobody signed in yet)."""
    from pages import data

    data.set_runner(None)  # a fresh shared Runner
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
