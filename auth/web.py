"""Sign-in wiring for the Dash app's Flask server: `init_auth(app)` (called by app.py's factory).

- Session cookie signed with JSS_SECRET_KEY (or a generated `$JSS_DATA_DIR/secret-key`), HttpOnly,
  SameSite=Lax, Secure when JSS_SECURE_COOKIES is on (behind TLS); idle expiry after
  JSS_SESSION_MINUTES; a user disabled or re-roled in users.json loses the old session at the next
  request; logout (POST with the session's CSRF token) revokes the session id server-side.
- A `before_request` guard: without a valid session every request is redirected to /login (pages)
  or answered 401 (Dash callbacks, layout, assets, /favicon.ico); only /login, /logout and
  /auth/session are open.
- Security headers on every response (`security_headers`): a Content-Security-Policy that allows
  scripts only from the app itself plus Dash's own inline scripts by hash, no framing,
  `nosniff`, `Referrer-Policy: same-origin`.
- Server-side page permissions, independent of what each page does itself: every page layout in
  `dash.page_registry` is wrapped to refuse roles without the page's permission, and every callback
  request is checked against the permission of the page module that defined the callback.
- AccessDenied raised anywhere in a request becomes 403 and an `access_denied` audit entry.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import logging
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from auth import audit, uitext
from auth.guard import AccessDenied, User, current_user
from auth.keys import secret_key
from auth.roles import PERMISSIONS, can
from graph.settings import Settings, load_settings

log = logging.getLogger("jss.auth")

USER_KEY = "jss_user"
SEEN_KEY = "jss_seen"
CSRF_SESSION_KEY = "jss_csrf"  # the signed-in session's token for state-changing forms (sign-out)
# Open to signed-out visitors, each for its own methods only: any other method would reach Dash's
# catch-all route (its index page) or Flask's automatic OPTIONS answer. /favicon.ico is not open
# (Dash would answer it with the index page too): the login page asks for no icon, and signed-in
# pages use Dash's own `/_favicon.ico`.
OPEN_PATHS = {"/login": ("GET", "HEAD", "POST"), "/logout": ("GET", "HEAD", "POST"),
              "/auth/session": ("GET", "HEAD")}


# --- revoked sessions (logout) --------------------------------------------------------------------
class _Revoked:
    """Session ids signed out before their cookie expired, in a small file shared by workers."""

    def __init__(self, path: Path, ttl: float):
        self.path, self.ttl = path, ttl
        self._cache: tuple[float, dict[str, float]] = (-1.0, {})

    def _read(self) -> dict[str, float]:
        try:
            mtime = self.path.stat().st_mtime
        except FileNotFoundError:
            return {}
        if mtime != self._cache[0]:
            try:
                self._cache = (mtime, json.loads(self.path.read_text(encoding="utf-8")))
            except ValueError:
                self._cache = (mtime, {})
        return self._cache[1]

    def contains(self, sid: str) -> bool:
        return sid in self._read()

    def add(self, sid: str) -> None:
        from auth.users import atomic_write, file_lock

        with file_lock(self.path):
            now = time.time()
            data = {k: v for k, v in self._read().items() if now - v < self.ttl}
            data[sid] = now
            atomic_write(self.path, data)


class _UserCheck:
    """users.json re-read only when it changed: a disabled or re-roled user's session ends."""

    def __init__(self, settings: Settings):
        from auth.users import UserStore

        self.store = UserStore(settings)
        self._cache: tuple[float, dict[str, Any]] = (-1.0, {})

    def still_valid(self, username: str, role: str, agency_id: str = "") -> bool:
        try:
            mtime = self.store.path.stat().st_mtime
        except FileNotFoundError:
            return False
        if mtime != self._cache[0]:
            self._cache = (mtime, {u.username: u for u in self.store.list()})
        rec = self._cache[1].get(username)
        return rec is not None and not rec.disabled and rec.role == role and rec.agency_id == agency_id


# --- page and callback permissions ----------------------------------------------------------------
def page_permission(page: dict[str, Any]) -> str | None:
    """`permission=` given to register_page, else `page:<module's last part>` when that permission
    exists; None means "any signed-in user" (reported by the access-matrix test)."""
    if page.get("permission"):
        return str(page["permission"])
    name = f"page:{str(page.get('module', '')).rsplit('.', 1)[-1]}"
    return name if name in PERMISSIONS else None


def module_permission(module: str) -> str | None:
    """The permission a callback defined in `module` needs: the permission of the page that module
    registered (`dash.page_registry`), else `page:<module>` when that permission exists; None
    (shared modules: shell, components, auth) means any signed-in user."""
    import dash

    page = dash.page_registry.get(module)
    if page is not None:
        return page_permission(page)
    if module.startswith("pages.") and not module.startswith("pages.components"):
        name = f"page:{module.split('.')[1]}"
        return name if name in PERMISSIONS else None
    return None


def refusal(permission: str, user: User | None) -> Any:
    from dash import html

    lang = uitext.lang()
    role = uitext.code("user_role", user.role, lang) if user else "-"
    return html.Div(className="jss-refused", children=[
        html.H2(uitext.text("app.page_refused", lang)),
        html.P(uitext.text("app.page_refused_detail", lang, role=role, permission=permission)),
    ])


def guard_layout(layout: Any, permission: str) -> Any:
    """A page layout that is only built for roles holding `permission` (others get a refusal)."""
    if getattr(layout, "_jss_guarded", False):
        return layout

    @functools.wraps(layout if callable(layout) else (lambda **_: None))
    def wrapped(**kwargs: Any) -> Any:
        user = current_user()
        if user is None or not can(user.role, permission):
            if user is not None:
                audit.record("access_denied", target_type="page", target=permission)
            return refusal(permission, user)
        return layout(**kwargs) if callable(layout) else layout

    wrapped._jss_guarded = True  # type: ignore[attr-defined]
    return wrapped


def guard_pages() -> None:
    import dash

    for page in dash.page_registry.values():
        perm = page_permission(page)
        if perm is not None:
            page["layout"] = guard_layout(page.get("layout", ""), perm)


def callback_module(app: Any, output: str) -> str:
    entry = app.callback_map.get(output)
    if not entry:
        return ""
    func = entry.get("callback")
    while hasattr(func, "__wrapped__"):
        func = func.__wrapped__
    return getattr(func, "__module__", "") or ""


def csrf_token() -> str:
    """The signed-in session's CSRF token (made on first use: sessions from before it existed)."""
    import secrets as _secrets

    from flask import session

    token = session.get(CSRF_SESSION_KEY)
    if not token:
        token = session[CSRF_SESSION_KEY] = _secrets.token_urlsafe(24)
    return str(token)


# --- security headers -----------------------------------------------------------------------------
def _sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(app: Any, login: bool = False) -> str:
    """The policy of every response.

    Scripts: only the app's own files plus Dash's inline scripts (the renderer's start-up and the
    clientside callbacks) by hash (`app.csp_hashes()`); no `'unsafe-inline'`, no `'unsafe-eval'`
    (neither Dash, plotly's figures nor cytoscape need eval: tests/browser/
    test_signin_hardening_browser.py opens every page under this policy and finds no violation).
    Styles: Dash's components, react-dom, plotly and cytoscape inject `<style>` elements and
    style attributes at run time (dozens, some generated), so the app's pages allow inline
    styles; the sign-in page, where passwords are typed, allows only its own style block by hash.
    Nothing may frame the app, forms post only to it, and it loads nothing from elsewhere."""
    from pages import login as login_page

    scripts = " ".join(["'self'", *app.csp_hashes()])
    styles = _sha256_source(login_page.STYLE) if login else "'unsafe-inline'"
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        f"style-src 'self' {styles}",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def security_headers(app: Any) -> Any:
    """An `after_request` hook setting the security headers on every response. The policies are
    rebuilt only when Dash gained an inline script (pages may register clientside callbacks late)."""
    from dash import _callback
    from flask import request

    cache: dict[str, Any] = {"n": -1}

    def add(response: Any) -> Any:
        n = len(app._inline_scripts) + len(_callback.GLOBAL_INLINE_SCRIPTS)
        if n != cache["n"]:
            cache["app"] = content_security_policy(app)
            cache["login"] = content_security_policy(app, login=True)
            cache["n"] = len(app._inline_scripts) + len(_callback.GLOBAL_INLINE_SCRIPTS)
        headers = response.headers
        headers["Content-Security-Policy"] = cache["login" if request.path == "/login" else "app"]
        headers["X-Frame-Options"] = "DENY"
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "same-origin"
        return response

    return add


# --- the wiring -------------------------------------------------------------------------------
def init_auth(app: Any, settings: Settings | None = None) -> None:
    """Configure sessions, the sign-in routes, the request guard and the 403 handler on `app`."""
    from flask import jsonify, redirect, request, session

    from pages import login as login_page

    settings = settings or load_settings()
    server = app.server
    server.secret_key = secret_key(settings)
    idle = max(1, settings.session_minutes) * 60
    server.config.update(SESSION_COOKIE_NAME="jss_session", SESSION_COOKIE_HTTPONLY=True,
                         SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=settings.secure_cookies,
                         PERMANENT_SESSION_LIFETIME=timedelta(seconds=idle))
    server.after_request(security_headers(app))
    revoked = _Revoked(settings.users_path.with_name(settings.users_path.name + ".revoked"), ttl=idle * 2)
    users = _UserCheck(settings)
    state = {"pages_guarded": False}
    server.extensions["jss_auth"] = {"settings": settings, "revoked": revoked}

    def valid_session() -> tuple[bool, str]:
        data = session.get(USER_KEY)
        if not data:
            return False, ""
        if time.time() - float(session.get(SEEN_KEY, 0)) > idle:
            return False, "expired"
        if revoked.contains(data.get("sid", "")) or not users.still_valid(data.get("username", ""), data.get("role", ""),
                                                                           data.get("agency_id") or ""):
            return False, "revoked"
        return True, ""

    @server.before_request
    def _guard() -> Any:
        if not state["pages_guarded"]:
            guard_pages()
            state["pages_guarded"] = True
        path = request.path
        if request.method in OPEN_PATHS.get(path, ()):
            return None
        ok, why = valid_session()
        if not ok:
            session.clear()
            if request.method == "GET" and not path.startswith("/_dash") and "." not in path.rsplit("/", 1)[-1]:
                nxt = request.full_path.rstrip("?") if request.query_string else path
                return redirect(login_page.login_url(nxt, reason=why))
            return jsonify({"error": "로그인이 필요합니다 (sign-in required)", "login": "/login"}), 401
        session.permanent = True
        session[SEEN_KEY] = time.time()
        if path.endswith("/_dash-update-component") and request.method == "POST":
            body = request.get_json(silent=True) or {}
            perm = module_permission(callback_module(app, str(body.get("output", ""))))
            user = current_user()
            if perm and (user is None or not can(user.role, perm)):
                audit.record("access_denied", target_type="callback", target=perm)
                return jsonify({"error": f"권한이 없습니다: {perm}"}), 403
        return None

    @server.errorhandler(AccessDenied)
    def _denied(exc: AccessDenied) -> Any:
        audit.record("access_denied", target_type="request", target=request.path, detail={"reason": str(exc)})
        return jsonify({"error": str(exc)}), 403

    @server.route("/auth/session")
    def _session_state() -> Any:
        ok, why = valid_session()
        return jsonify({"signed_in": ok, "reason": why}), (200 if ok else 401)

    login_page.register_routes(server, settings, revoked)


_watch_registered = False


def _set_watch_registered() -> None:
    global _watch_registered
    _watch_registered = True


def session_watch() -> Any:
    """Put in the app layout: checks the session every minute and goes to /login when it ended
    (a callback refused with 401 would otherwise fail silently)."""
    from dash import Input, Output, clientside_callback, dcc, html

    if _watch_registered:
        return html.Div([dcc.Interval(id="jss-session-watch", interval=60_000),
                         html.Span(id="jss-session-watch-out", style={"display": "none"})])
    _set_watch_registered()
    clientside_callback(
        """function(n) {
            fetch('/auth/session', {credentials: 'same-origin'}).then(function(r) {
                if (r.status === 401) { window.location = '/login?reason=expired&next=' +
                    encodeURIComponent(window.location.pathname + window.location.search); }
            });
            return '';
        }""",
        Output("jss-session-watch-out", "children"), Input("jss-session-watch", "n_intervals"))
    return html.Div([dcc.Interval(id="jss-session-watch", interval=60_000),
                     html.Span(id="jss-session-watch-out", style={"display": "none"})])
