"""Sign-in and HTTP hardening over HTTP (Flask test client on the real app, issue #28 §5): `next`
never leaves the site, sign-out is a POST with the session's CSRF token, security headers on every
response, nothing of the app for signed-out visitors (routes derived from the app itself), and
failed sign-ins recorded under a keyed hash of the typed name."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
import time
from typing import Any

import pytest

from auth import audit, testing
from auth.users import UserStore, name_digest

PASSWORD = "temporary passphrase 42"
INDEX_MARKERS = ("_dash-config", "DashRenderer", "_dash-renderer")


@pytest.fixture(scope="module")
def app() -> Any:
    the_app = testing.shared_app()
    testing.client(None).get("/login")  # the app's first request: Dash sets itself up
    return the_app


@pytest.fixture()
def user(app: Any) -> str:
    name = f"t_hard{time.monotonic_ns() % 10**8}"
    UserStore().add(name, "analyst", PASSWORD)
    return name


_csrf = testing.login_csrf
_login = testing.login_form


# --- 1. `next`: only same-site relative paths -------------------------------------------------------
ATTACKS = [
    "/\t/evil.example/x",            # browsers drop the tab: //evil.example/x
    "/%09/evil.example/x",           # the same, encoded (as the report)
    "/%2509/evil.example/x",         # encoded twice
    "/\n/evil.example/x", "/\r/evil.example/x", "/%0a/evil.example/x", "/%0d%0a/evil.example/x",
    "/patterns\r\nSet-Cookie: x=1",  # header injection
    "/patterns%0d%0aSet-Cookie:%20x=1",
    "//evil.example/x", "///evil.example/x", "/%2F/evil.example/x", "/%2f%2fevil.example",
    "/\\evil.example", "\\\\evil.example", "/%5Cevil.example", "/%255Cevil.example",
    "https://evil.example/", "http:evil.example", "javascript:alert(1)", "data:text/html,x",
    "evil.example", " //evil.example", "\x00/x", "/\x00/evil.example", "/\x7f/evil.example",
    "/\u2028/evil.example", "/\u200b/evil.example",
    "/" + "a" * 5000,                # very long
    "/%25252525252509/evil.example", # decoding never settles within the limit
    "/login", "/login?next=//evil.example", "/logout",
]


@pytest.mark.parametrize("target", ATTACKS)
def test_next_only_ever_leads_to_a_same_site_path(app: Any, user: str, target: str) -> None:
    resp = _login(app.server.test_client(), user, PASSWORD, next_path=target)
    assert resp.status_code == 302 and resp.headers["Location"] == "/", (target, resp.headers.get("Location"))


@pytest.mark.parametrize("target, location", [
    ("/patterns", "/patterns"),
    ("/household/H-1?tab=calls", "/household/H-1?tab=calls"),
    ("/patterns?q=%EA%B9%80", "/patterns?q=%EA%B9%80"),
    ("/patterns?q=김", "/patterns?q=%EA%B9%80"),  # non-ASCII is sent percent-encoded
])
def test_same_site_next_is_kept(app: Any, user: str, target: str, location: str) -> None:
    resp = _login(app.server.test_client(), user, PASSWORD, next_path=target)
    assert resp.status_code == 302 and resp.headers["Location"] == location


@pytest.mark.parametrize("raw", ["/%0d%0aX:%20y", "/%0aX", "%0d%0a", "/x%00"])
def test_control_characters_in_next_of_the_login_url_never_give_a_500(app: Any, raw: str) -> None:
    client = app.server.test_client()
    page = client.get(f"/login?next={raw}")
    assert page.status_code == 200
    assert 'name="next" value="/"' in page.get_data(as_text=True)


def test_a_non_ascii_csrf_token_is_a_mismatch_not_a_500(app: Any, user: str) -> None:
    client = app.server.test_client()
    client.get("/login")
    resp = client.post("/login", data={"username": user, "password": PASSWORD, "csrf": "토큰"})
    assert resp.status_code == 400


# --- 3. sign-out: POST only, with the session's token ----------------------------------------------
def _find(node: Any, ident: str) -> dict[str, Any] | None:
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == ident:
            return node
        for value in node.values():
            found = _find(value, ident)
            if found is not None:
                return found
    elif isinstance(node, list):
        for value in node:
            found = _find(value, ident)
            if found is not None:
                return found
    return None


def _signout_form(client: Any) -> tuple[dict[str, Any], str]:
    """The navbar's sign-out form as the layout serves it, and the token it carries."""
    layout = json.loads(client.get("/_dash-layout").get_data(as_text=True))
    form = _find(layout, "nav-signout-form")
    token = _find(form, "nav-signout-csrf")["props"]
    assert token["type"] == "hidden" and token["name"] == "csrf"
    return form["props"], token["value"]


def test_get_logout_does_not_sign_out(app: Any, user: str) -> None:
    client = app.server.test_client()
    _login(client, user, PASSWORD)
    assert client.get("/logout").status_code == 405
    assert client.get("/_dash-layout").status_code == 200


@pytest.mark.parametrize("token", [None, "", "forged", "토큰"])
def test_a_cross_site_post_without_the_token_does_not_sign_out(app: Any, user: str, token: str | None) -> None:
    client = app.server.test_client()
    _login(client, user, PASSWORD)
    data = {} if token is None else {"csrf": token}
    resp = client.post("/logout", data=data, headers={"Origin": "https://evil.example"})
    assert resp.status_code == 400
    assert client.get("/_dash-layout").status_code == 200
    assert list(audit.iter_entries())[-1]["event"] != "signout"


def test_another_sessions_token_does_not_sign_out(app: Any, user: str) -> None:
    mine, theirs = app.server.test_client(), app.server.test_client()
    _login(mine, user, PASSWORD)
    _login(theirs, user, PASSWORD)
    _, their_token = _signout_form(theirs)
    assert mine.post("/logout", data={"csrf": their_token}).status_code == 400
    assert mine.get("/_dash-layout").status_code == 200


def test_the_navbar_sign_out_form_signs_out_and_revokes_the_cookie(app: Any, user: str) -> None:
    client = app.server.test_client()
    _login(client, user, PASSWORD)
    stolen = client.get_cookie("jss_session").value
    form, token = _signout_form(client)
    assert (form["method"].lower(), form["action"]) == ("post", "/logout")
    resp = client.post(form["action"], data={"csrf": token})
    assert resp.status_code == 303 and resp.headers["Location"] == "/login?reason=signed_out"
    assert client.get("/_dash-layout").status_code == 401
    replay = app.server.test_client()
    replay.set_cookie("jss_session", stolen)
    assert replay.get("/_dash-layout").status_code == 401
    last = list(audit.iter_entries())[-1]
    assert (last["event"], last["user"]) == ("signout", user)


# --- 4. Secure cookies --------------------------------------------------------------------------------
def test_secure_cookies_setting_marks_the_session_cookie_secure(app: Any) -> None:
    import dash

    from auth.web import init_auth
    from graph.settings import load_settings

    assert "Secure" not in testing.client(None).get("/login").headers["Set-Cookie"]  # default: off
    other = dash.Dash(__name__)
    other.layout = dash.html.Div()
    settings = load_settings(secure_cookies=True)
    assert load_settings({"JSS_SECURE_COOKIES": "yes"}).secure_cookies is True
    init_auth(other, settings)
    assert other.server.config["SESSION_COOKIE_SECURE"] is True
    resp = other.server.test_client().get("/login")
    assert resp.status_code == 200 and "; Secure" in resp.headers["Set-Cookie"]


# --- 5. security headers --------------------------------------------------------------------------------
def _csp(resp: Any) -> dict[str, list[str]]:
    policy = resp.headers["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d}


def _assert_headers(resp: Any, what: str) -> None:
    assert resp.headers.get("X-Frame-Options") == "DENY", what
    assert resp.headers.get("X-Content-Type-Options") == "nosniff", what
    assert resp.headers.get("Referrer-Policy") in ("same-origin", "no-referrer"), what
    csp = _csp(resp)
    assert csp["frame-ancestors"] == ["'none'"], what
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"], what
    assert csp["object-src"] == ["'none'"] and csp["default-src"] == ["'self'"], what


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_every_inline_script_and_style_of_the_pages_is_allowed_by_hash(app: Any, user: str) -> None:
    client = app.server.test_client()
    login_page = client.get("/login")
    styles = re.findall(r"<style>(.*?)</style>", login_page.get_data(as_text=True), re.S)
    assert styles and all(_sha256(s) in _csp(login_page)["style-src"] for s in styles)
    assert "'unsafe-inline'" not in _csp(login_page)["style-src"]  # where passwords are typed
    assert "<script" not in login_page.get_data(as_text=True)
    _login(client, user, PASSWORD)
    index = client.get("/patterns")
    html = re.sub(r"<!--.*?-->", "", index.get_data(as_text=True), flags=re.S)  # (IE's warning)
    inline = [body for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
              if "src=" not in attrs and "application/json" not in attrs]
    assert len(inline) >= 2  # the renderer's start-up and the clientside callbacks
    allowed = _csp(index)["script-src"]
    assert [s for s in inline if _sha256(s) not in allowed] == []
    for src in re.findall(r'<script[^>]* src="([^"]+)"', html):
        assert src.startswith("/"), f"script from elsewhere: {src}"


# --- 6. signed-out visitors get the sign-in page and nothing else -------------------------------------
SAMPLES = {"path": "x/y.js", "package_name": "dash", "fingerprinted_path": "dcc/dash_core_components.js",
           "filename": "x.css"}


def _concrete(rule: Any) -> str:
    def value(match: re.Match[str]) -> str:
        return SAMPLES.get(match.group(2), "x")

    return re.sub(r"<(?:([a-z]+):)?([a-zA-Z_]+)>", value, rule.rule)


def _asset_urls(app: Any, user: str) -> list[str]:
    """Every script and stylesheet the app's index page loads, as a signed-in user sees it."""
    client = app.server.test_client()
    _login(client, user, PASSWORD)
    html = client.get("/").get_data(as_text=True)
    urls = re.findall(r'<script[^>]* src="([^"]+)"', html) + re.findall(r'<link[^>]* href="([^"]+)"', html)
    assert any("_dash-component-suites" in u for u in urls) and any("/assets/" in u for u in urls)
    for url in urls:
        assert client.get(url).status_code == 200, f"{url} should load when signed in"
    return urls


EXTRA = ["/", "/login", "/logout", "/auth/session", "/favicon.ico", "/_favicon.ico", "/_dash-layout", "/_dash-dependencies", "/_reload-hash",
         "/assets/app.css", "/assets/nope.js", "/patterns", "/household/H-1", "/console", "/admin",
         "/nope", "/nope.js", "/login/../_dash-layout", "/static/x.css", "/robots.txt", "/_dash-update-component"]


def test_signed_out_visitors_get_only_the_sign_in_page(app: Any, user: str) -> None:
    rules = list(app.server.url_map.iter_rules())
    assert {r.rule for r in rules} >= {"/login", "/logout", "/_dash-layout", "/<path:path>"}
    targets = [(_concrete(r), sorted(r.methods)) for r in rules]
    everything = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
    targets += [(url, everything) for url in EXTRA + _asset_urls(app, user)]
    seen = 0
    for url, methods in targets:
        for method in methods:
            resp = testing.client(None).open(url, method=method, json={} if method == "POST" else None)
            what = f"{method} {url}: HTTP {resp.status_code}"
            _assert_headers(resp, what)
            body = resp.get_data(as_text=True)
            assert not any(m in body for m in INDEX_MARKERS), what
            if (url.split("?")[0], method) in {("/login", "GET"), ("/login", "HEAD")}:
                assert resp.status_code == 200, what
            else:
                assert resp.status_code != 200, what
                assert resp.status_code < 300 or resp.status_code >= 400 or \
                    resp.headers["Location"].startswith("/login"), what
            seen += 1
    assert seen > 100


def test_signed_in_responses_carry_the_security_headers_too(app: Any) -> None:
    client = testing.client("analyst")
    for resp in (client.get("/"), client.get("/_dash-layout"), client.get("/_dash-dependencies"),
                 client.get("/assets/app.css"), client.get("/auth/session")):
        assert resp.status_code == 200
        _assert_headers(resp, resp.request.path)


# --- 7. failed sign-ins: a keyed hash of the typed name, never the text --------------------------------
def test_failed_sign_ins_log_and_audit_a_keyed_hash_of_the_typed_name(app: Any, caplog: Any) -> None:
    typed = "Correct-Horse-Typed-In-The-Name-Field"
    client = app.server.test_client()
    with caplog.at_level(logging.DEBUG):
        resp = _login(client, typed, "not the password at all")
    assert resp.status_code == 401
    assert typed.lower() not in resp.get_data(as_text=True).lower()  # not echoed back either
    digest = name_digest(typed.lower(), app.server.secret_key)
    last = list(audit.iter_entries())[-1]
    assert (last["event"], last["user"], last["detail"]["name_hash"]) == ("signin_fail", None, digest)
    text = audit.audit_path().read_text(encoding="utf-8").lower()
    assert typed.lower() not in text and "not the password at all" not in text
    assert typed.lower() not in caplog.text.lower() and digest in caplog.text
    throttle_file = testing.tmp_dir() / "users.json.throttle"
    assert typed.lower() not in throttle_file.read_text(encoding="utf-8").lower()
