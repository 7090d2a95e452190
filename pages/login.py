"""The sign-in page (/login) and sign-out (/logout).

Deliberately a plain server-rendered Flask form, not a Dash page: nothing of the Dash app (layout,
callbacks, component bundles) is served to anyone who is not signed in. Registered by
`auth.web.init_auth`; this module defines no Dash page (`dash.register_page` is not called).

- `next` (where to go after signing in) is only ever a same-site path: `safe_next`.
- Sign-out is a POST carrying the session's CSRF token (`auth.web.csrf_token`, the navbar's form in
  pages/shell.py); `GET /logout` is refused with 405, so a link or image from another site cannot
  sign anyone out.
- A failed sign-in is audited under a keyed digest of the typed user name, never the text itself.
"""

from __future__ import annotations

import html
import secrets
import time
import unicodedata
import uuid
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from auth import audit
from auth.users import LoginFailed, LoginLocked, Throttle, UserStore, authenticate
from pages.components.i18n import COOKIE, LANGS, current_lang, t

CSRF_KEY = "jss_login_csrf"
NEXT_MAX_LENGTH = 2048
# The page's only style, inline; its hash is allowed by the Content-Security-Policy (auth/web.py).
STYLE = """
body { font-family: 'Noto Sans KR', 'Malgun Gothic', sans-serif; background: #f3f5f8; margin: 0; }
main { max-width: 360px; margin: 12vh auto; background: #fff; padding: 32px; border-radius: 10px;
        box-shadow: 0 2px 16px rgba(0,0,0,.08); }
h1 { font-size: 1.3rem; margin: 0 0 4px; } p.sub { color: #667; margin: 0 0 20px; font-size: .9rem; }
label { display: block; margin: 12px 0 4px; font-size: .9rem; }
input { width: 100%; box-sizing: border-box; padding: 9px; border: 1px solid #bbc; border-radius: 6px; }
button { margin-top: 20px; width: 100%; padding: 10px; border: 0; border-radius: 6px; background: #1f4e8c;
          color: #fff; font-size: 1rem; cursor: pointer; }
.msg { padding: 10px; border-radius: 6px; margin-bottom: 12px; font-size: .9rem; }
.error { background: #fdecea; color: #8a1c1c; } .info { background: #e8f1fb; color: #1f4e8c; }
footer { margin-top: 18px; font-size: .8rem; color: #889; }
p.lang { margin: 14px 0 0; font-size: .85rem; text-align: right; } p.lang a { color: #1f4e8c; }
"""
_REASONS = {"expired": "login.expired", "revoked": "login.revoked", "signed_out": "login.signed_out"}

_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<style>{style}</style></head>
<body><main>
<h1>JSS Graph</h1><p class="sub">{subtitle}</p>
{message}
<form method="post" action="/login" autocomplete="off">
<input type="hidden" name="csrf" value="{csrf}"><input type="hidden" name="next" value="{next}">
<label for="username">{username}</label><input id="username" name="username" required autofocus>
<label for="password">{password}</label><input id="password" name="password" type="password" required>
<button id="login-submit" type="submit">{submit}</button>
</form>
<footer>{footer}</footer>
<p class="lang"><a id="login-lang" href="{switch_href}">{switch}</a></p>
</main></body></html>"""


def login_url(next_path: str = "/", reason: str = "") -> str:
    url = f"/login?next={quote(next_path, safe='')}"
    return url + (f"&reason={reason}" if reason else "")


def _unsafe_form(text: str) -> bool:
    """True when `text` could leave the site or is malformed as a redirect target."""
    if not text.startswith("/") or text.startswith("//") or "\\" in text:
        return True
    # Browsers drop tab, CR and LF anywhere in a URL (so "/\t/evil" is "//evil"), and strip other
    # controls and spaces at its ends; invisible format characters are refused as well.
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text):
        return True
    parts = urlsplit(text)
    return bool(parts.scheme or parts.netloc)


def safe_next(value: str | None) -> str:
    """`value` when it is a same-site relative path, else "/" (no open redirect through `next`).

    Checked as given and after each round of percent-decoding (`/%09/evil` is `/\t/evil`), so no
    encoding can hide a second slash, a backslash, a control character or a scheme. Non-ASCII is
    percent-encoded in the result, so the Location header is always plain ASCII."""
    if not value or len(value) > NEXT_MAX_LENGTH:
        return "/"
    form = value
    for _ in range(4):
        if _unsafe_form(form):
            return "/"
        decoded = unquote(form)
        if decoded == form:
            break
        form = decoded
    else:
        return "/"  # still changing after four rounds of decoding: not a path anyone links to
    if value.startswith(("/login", "/logout")):
        return "/"
    return quote(value, safe="/?&=%#:@!$'()*+,;~-._[]")


def render(message: str = "", kind: str = "error", next_path: str = "/", csrf: str = "", lang: str = "ko") -> str:
    """The sign-in page in `lang`, with a link to the other language. The typed user name is
    never echoed back: it may be a password typed into the wrong field."""
    box = f'<div class="msg {kind}" id="login-message" role="alert">{html.escape(message)}</div>' if message else ""
    other = "en" if lang == "ko" else "ko"
    switch_href = f"/login?lang={other}&next={quote(next_path, safe='')}"
    return _PAGE.format(style=STYLE, message=box, csrf=html.escape(csrf), next=html.escape(next_path), lang=lang,
                        title=html.escape(t("login.title", lang)), subtitle=html.escape(t("login.subtitle", lang)),
                        username=html.escape(t("login.username", lang)), password=html.escape(t("login.password", lang)),
                        submit=html.escape(t("login.submit", lang)), footer=html.escape(t("login.footer", lang)),
                        switch=html.escape(t("app.lang_switch", lang)), switch_href=html.escape(switch_href))


def _same(given: str | None, expected: str | None) -> bool:
    """Constant-time token comparison that never raises (non-ASCII input is just a mismatch)."""
    return bool(expected) and secrets.compare_digest((given or "").encode("utf-8"), (expected or "").encode("utf-8"))


def register_routes(server: Any, settings: Any, revoked: Any) -> None:
    from flask import make_response, redirect, request, session

    from auth.web import CSRF_SESSION_KEY, SEEN_KEY, USER_KEY

    def page(message: str = "", kind: str = "error", status: int = 200, lang: str | None = None) -> Any:
        token = session.get(CSRF_KEY) or secrets.token_urlsafe(24)
        session[CSRF_KEY] = token
        nxt = safe_next(request.values.get("next"))
        resp = make_response(render(message, kind, nxt, token, lang or current_lang()), status)
        resp.headers["Cache-Control"] = "no-store"
        if lang:  # chosen on this page (?lang=): kept like the navbar's switch keeps it (pages/shell.py)
            resp.set_cookie(COOKIE, lang, max_age=31536000, path="/", samesite="Lax")
        return resp

    @server.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        lang = current_lang()
        if request.method != "POST":  # GET, HEAD
            chosen = request.args.get("lang")
            reason = _REASONS.get(request.args.get("reason", ""))
            chosen_lang = chosen if chosen in LANGS else None
            return page(t(reason, chosen_lang or lang) if reason else "", "info", lang=chosen_lang)
        if not _same(request.form.get("csrf"), session.get(CSRF_KEY)):
            return page(t("login.form_expired", lang), status=400)
        client = request.remote_addr
        try:
            user = authenticate(request.form.get("username") or "", request.form.get("password") or "", client,
                                store=UserStore(settings), throttle=Throttle(settings, key=server.secret_key))
        except LoginLocked as exc:
            audit.append("signin_locked", user=None, role=None, client=client,
                         detail={"name_hash": exc.name_hash, "wait_s": exc.seconds})
            return page(t("login.locked", lang, s=exc.seconds), status=429)
        except LoginFailed as exc:
            audit.append("signin_fail", user=None, role=None, client=client, detail={"name_hash": exc.name_hash})
            return page(t("login.failed", lang), status=401)
        nxt = safe_next(request.form.get("next"))
        session.clear()  # nothing from before sign-in survives (no fixation of purpose or tokens)
        session.permanent = True
        session[USER_KEY] = {"username": user.username, "role": user.role, "display_name": user.display_name,
                             "agency_id": user.agency_id, "sid": uuid.uuid4().hex, "since": int(time.time())}
        session[SEEN_KEY] = time.time()
        session[CSRF_SESSION_KEY] = secrets.token_urlsafe(24)
        audit.append("signin_ok", user=user.username, role=user.role, client=client)
        return redirect(nxt)

    # POST only: signing out changes state, so a cross-site link, image or prefetch must not do
    # it; the form carries the session's token (pages/shell.py). GET is routed here to answer 405
    # (otherwise Dash's catch-all route would serve its index page).
    @server.route("/logout", methods=["GET", "POST"])
    def logout() -> Any:
        if request.method != "POST":
            return make_response(t("login.logout_get", current_lang()) + " (POST /logout)", 405,
                                 {"Allow": "POST", "Content-Type": "text/plain; charset=utf-8"})
        data = session.get(USER_KEY) or {}
        if data and not _same(request.form.get("csrf"), session.get(CSRF_SESSION_KEY)):
            return make_response(t("login.logout_token", current_lang()), 400,
                                 {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"})
        if data.get("sid"):
            revoked.add(data["sid"])
            audit.append("signout", user=data.get("username"), role=data.get("role"), client=request.remote_addr)
        session.clear()
        return redirect("/login?reason=signed_out", code=303)
