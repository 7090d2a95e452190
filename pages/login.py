"""The sign-in page (/login) and sign-out (/logout).

Deliberately a plain server-rendered Flask form, not a Dash page: nothing of the Dash app (layout,
callbacks, component bundles) is served to anyone who is not signed in. Registered by
`auth.web.init_auth`; this module defines no Dash page (`dash.register_page` is not called).
"""

from __future__ import annotations

import html
import secrets
import time
import uuid
from typing import Any
from urllib.parse import quote

from auth import audit
from auth.users import LoginFailed, LoginLocked, Throttle, UserStore, authenticate

CSRF_KEY = "jss_login_csrf"
_REASONS = {
    "expired": "오랫동안 사용하지 않아 로그아웃되었습니다. 다시 로그인하십시오.",
    "revoked": "세션이 종료되었습니다. 다시 로그인하십시오.",
    "signed_out": "로그아웃되었습니다.",
}

_PAGE = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>JSS Graph 로그인</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font-family: 'Noto Sans KR', 'Malgun Gothic', sans-serif; background: #f3f5f8; margin: 0; }}
main {{ max-width: 360px; margin: 12vh auto; background: #fff; padding: 32px; border-radius: 10px;
        box-shadow: 0 2px 16px rgba(0,0,0,.08); }}
h1 {{ font-size: 1.3rem; margin: 0 0 4px; }} p.sub {{ color: #667; margin: 0 0 20px; font-size: .9rem; }}
label {{ display: block; margin: 12px 0 4px; font-size: .9rem; }}
input {{ width: 100%; box-sizing: border-box; padding: 9px; border: 1px solid #bbc; border-radius: 6px; }}
button {{ margin-top: 20px; width: 100%; padding: 10px; border: 0; border-radius: 6px; background: #1f4e8c;
          color: #fff; font-size: 1rem; cursor: pointer; }}
.msg {{ padding: 10px; border-radius: 6px; margin-bottom: 12px; font-size: .9rem; }}
.error {{ background: #fdecea; color: #8a1c1c; }} .info {{ background: #e8f1fb; color: #1f4e8c; }}
footer {{ margin-top: 18px; font-size: .8rem; color: #889; }}
</style></head>
<body><main>
<h1>JSS Graph</h1><p class="sub">제주 자치경찰 피해자 보호 사례 관계망</p>
{message}
<form method="post" action="/login" autocomplete="off">
<input type="hidden" name="csrf" value="{csrf}"><input type="hidden" name="next" value="{next}">
<label for="username">사용자 이름</label><input id="username" name="username" value="{username}" required autofocus>
<label for="password">비밀번호</label><input id="password" name="password" type="password" required>
<button id="login-submit" type="submit">로그인</button>
</form>
<footer>모든 열람·조회·내보내기는 감사 기록에 남습니다. 업무 목적 외 열람은 금지됩니다.</footer>
</main></body></html>"""


def login_url(next_path: str = "/", reason: str = "") -> str:
    url = f"/login?next={quote(next_path, safe='')}"
    return url + (f"&reason={reason}" if reason else "")


def safe_next(value: str | None) -> str:
    """Only same-site relative paths (no open redirect through `next`)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value or value.startswith("/login"):
        return "/"
    return value


def render(message: str = "", kind: str = "error", next_path: str = "/", username: str = "",
           csrf: str = "") -> str:
    box = f'<div class="msg {kind}" id="login-message" role="alert">{html.escape(message)}</div>' if message else ""
    return _PAGE.format(message=box, csrf=html.escape(csrf), next=html.escape(next_path),
                        username=html.escape(username))


def register_routes(server: Any, settings: Any, revoked: Any) -> None:
    from flask import make_response, redirect, request, session

    from auth.web import SEEN_KEY, USER_KEY

    def page(message: str = "", kind: str = "error", status: int = 200, username: str = "") -> Any:
        token = session.get(CSRF_KEY) or secrets.token_urlsafe(24)
        session[CSRF_KEY] = token
        nxt = safe_next(request.values.get("next"))
        resp = make_response(render(message, kind, nxt, username, token), status)
        resp.headers["Cache-Control"] = "no-store"
        resp.headers["X-Frame-Options"] = "DENY"
        return resp

    @server.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        if request.method == "GET":
            reason = request.args.get("reason", "")
            return page(_REASONS.get(reason, ""), "info")
        username = (request.form.get("username") or "").strip().lower()
        if not secrets.compare_digest(request.form.get("csrf", ""), session.get(CSRF_KEY, "") or "-"):
            return page("요청이 만료되었습니다. 다시 시도하십시오 (form expired).", status=400, username=username)
        client = request.remote_addr
        try:
            user = authenticate(username, request.form.get("password") or "", client,
                                store=UserStore(settings), throttle=Throttle(settings))
        except LoginLocked as exc:
            audit.append("signin_locked", user=username or None, role=None, client=client,
                         detail={"wait_s": exc.seconds})
            return page(str(exc), status=429, username=username)
        except LoginFailed as exc:
            audit.append("signin_fail", user=username or None, role=None, client=client)
            return page(str(exc), status=401, username=username)
        nxt = safe_next(request.form.get("next"))
        session.clear()  # nothing from before sign-in survives (no fixation of purpose or tokens)
        session.permanent = True
        session[USER_KEY] = {"username": user.username, "role": user.role, "display_name": user.display_name,
                             "sid": uuid.uuid4().hex, "since": int(time.time())}
        session[SEEN_KEY] = time.time()
        audit.append("signin_ok", user=user.username, role=user.role, client=client)
        return redirect(nxt)

    @server.route("/logout", methods=["GET", "POST"])
    def logout() -> Any:
        data = session.get(USER_KEY) or {}
        if data.get("sid"):
            revoked.add(data["sid"])
            audit.append("signout", user=data.get("username"), role=data.get("role"), client=request.remote_addr)
        session.clear()
        return redirect("/login?reason=signed_out")
