"""Role × page × callback on the server: every page in `dash.page_registry` and every callback in
`app.callback_map` is requested as each role (and as nobody) and must be refused exactly where the
permission matrix (`auth.roles.PERMISSIONS`) says. New pages and callbacks are covered automatically."""

from __future__ import annotations

from typing import Any

import dash
import pytest

from auth import testing
from auth.roles import PERMISSIONS, ROLES
from auth.web import callback_module
from graph.runner import Runner

REFUSAL_MARKERS = ("jss-refused", "notice-refused")
ROUTER = ".._pages_content.children..._pages_store.data.."


@pytest.fixture(scope="module")
def app(runner: Runner) -> Any:  # `runner`: pages read the graph, so Neo4j must be up
    return testing.shared_app()


_outputs = testing.callback_outputs


def _body(key: str, entry: dict[str, Any], values: dict[str, Any] | None = None) -> dict[str, Any]:
    outs = _outputs(key)
    inputs = [{**i, "value": (values or {}).get(f"{i['id']}.{i['property']}")} for i in entry["inputs"]]
    state = [{**s, "value": None} for s in entry.get("state", [])]
    return {"output": key, "outputs": outs if key.startswith("..") else outs[0], "inputs": inputs, "state": state,
            "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"] if inputs else []}


def _pages() -> list[dict[str, Any]]:
    return list(dash.page_registry.values())


def _page_permission(page: dict[str, Any]) -> str:
    perm = page.get("permission")
    assert perm in PERMISSIONS, f"page {page['module']} must declare a known permission= (got {perm!r})"
    return perm


def _render(app: Any, role: str | None, path: str) -> tuple[int, str]:
    client = testing.client(role)
    entry = app.callback_map[ROUTER]
    body = _body(ROUTER, entry, {"_pages_location.pathname": path, "_pages_location.search": ""})
    resp = client.post("/_dash-update-component", json=body)
    return resp.status_code, resp.get_data(as_text=True)


def test_every_page_declares_a_permission(app: Any) -> None:
    testing.client(None).get("/login")  # first request: Dash registers the pages
    assert {p["module"] for p in _pages()} >= {"pages.console", "pages.admin"}
    for page in _pages():
        _page_permission(page)


@pytest.mark.parametrize("role", ROLES)
def test_page_layouts_are_refused_exactly_where_the_matrix_says(app: Any, role: str) -> None:
    testing.client(None).get("/login")
    for page in _pages():
        allowed = role in PERMISSIONS[_page_permission(page)]
        status, text = _render(app, role, page["path"])
        assert status == 200, f"{page['module']} as {role}: HTTP {status}"
        refused = any(m in text for m in REFUSAL_MARKERS)
        assert refused == (not allowed), f"{page['module']} as {role}: refused={refused}, matrix allows={allowed}"


def _callbacks(app: Any) -> list[tuple[str, dict[str, Any], str]]:
    testing.client(None).get("/login")
    out = []
    for key, entry in app.callback_map.items():
        if key == ROUTER or key.startswith("_pages_"):
            continue
        out.append((key, entry, callback_module(app, key)))
    return out


def test_the_app_holds_the_page_callbacks(app: Any) -> None:
    modules = {m for _, _, m in _callbacks(app)}
    assert {"pages.console", "pages.admin"} <= modules, f"page callbacks missing from this app: {modules}"


@pytest.mark.parametrize("role", ROLES)
def test_callbacks_are_refused_exactly_where_the_matrix_says(app: Any, role: str) -> None:
    checked = 0
    for key, entry, module in _callbacks(app):
        page = dash.page_registry.get(module)
        if page is None:
            continue  # shell / shared components: any signed-in user (anonymous: see below)
        allowed = role in PERMISSIONS[_page_permission(page)]
        resp = testing.client(role).post("/_dash-update-component", json=_body(key, entry))
        if allowed:
            assert resp.status_code not in (401, 403), f"{key} ({module}) refused for {role}"
        else:
            assert resp.status_code == 403, f"{key} ({module}) not refused for {role}: HTTP {resp.status_code}"
        checked += 1
    assert checked >= 5


def test_nobody_gets_anything_without_signing_in(app: Any) -> None:
    anon = testing.client(None)
    for page in _pages():
        resp = anon.get(page["path"])
        assert resp.status_code == 302 and resp.headers["Location"].startswith("/login"), page["path"]
    for path in ("/_dash-layout", "/_dash-dependencies", "/assets/app.css"):
        assert anon.get(path).status_code == 401, path
    for key, entry, _module in _callbacks(app):
        assert anon.post("/_dash-update-component", json=_body(key, entry)).status_code == 401, key
    assert anon.post("/_dash-update-component", json=_body(ROUTER, app.callback_map[ROUTER])).status_code == 401


def test_console_action_needs_console_permission_inside_the_callback_too(app: Any) -> None:
    # Defence in depth: the callback's own require() refuses even if the request guard were bypassed.
    from flask import session

    from auth.guard import AccessDenied
    from pages import console

    with app.server.test_request_context("/"):
        session["jss_user"] = {"username": testing.username("analyst"), "role": "analyst"}
        with pytest.raises(AccessDenied):
            console._execute("RETURN 1", "{}", permission="action:console_run")
