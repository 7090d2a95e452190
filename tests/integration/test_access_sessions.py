"""Sessions over HTTP (Flask test client on the real app): sign-in through the form, idle expiry,
sign-out that revokes a copied cookie, disabled users, open-redirect protection, the audit entries
of sign-ins and the purpose of access."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from auth import audit, testing
from auth.users import UserStore, name_digest

PASSWORD = "temporary passphrase 42"


@pytest.fixture(scope="module")
def app() -> Any:
    return testing.shared_app()


_csrf = testing.login_csrf
_login = testing.login_form


@pytest.fixture()
def temp_user(app: Any) -> str:
    store = UserStore()
    name = f"t_tmp{time.monotonic_ns() % 10**8}"
    store.add(name, "analyst", PASSWORD)
    return name


def _audit_entries() -> list[dict[str, Any]]:
    return list(audit.iter_entries())


def test_form_sign_in_reaches_the_app_and_is_audited(app: Any, temp_user: str) -> None:
    client = app.server.test_client()
    resp = _login(client, temp_user, PASSWORD, next_path="/patterns")
    assert resp.status_code == 302 and resp.headers["Location"] == "/patterns"
    assert client.get("/_dash-layout").status_code == 200
    last = _audit_entries()[-1]
    assert (last["event"], last["user"], last["role"]) == ("signin_ok", temp_user, "analyst")


def test_wrong_password_is_refused_audited_and_never_logged(app: Any, temp_user: str) -> None:
    client = app.server.test_client()
    resp = _login(client, temp_user, "wrong-but-secret-9876")
    assert resp.status_code == 401 and "올바르지 않습니다" in resp.get_data(as_text=True)
    assert client.get("/_dash-layout").status_code == 401
    last = _audit_entries()[-1]
    # Recorded under a keyed hash of the typed name: what was typed may be a password.
    assert (last["event"], last["user"]) == ("signin_fail", None)
    assert last["detail"]["name_hash"] == name_digest(temp_user, app.server.secret_key)
    assert "wrong-but-secret-9876" not in audit.audit_path().read_text(encoding="utf-8")


def test_login_form_needs_its_csrf_token(app: Any, temp_user: str) -> None:
    client = app.server.test_client()
    resp = client.post("/login", data={"username": temp_user, "password": PASSWORD, "csrf": "forged"})
    assert resp.status_code == 400 and client.get("/_dash-layout").status_code == 401


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example"])
def test_next_cannot_leave_the_site(app: Any, temp_user: str, target: str) -> None:
    resp = _login(app.server.test_client(), temp_user, PASSWORD, next_path=target)
    assert resp.headers["Location"] == "/"


def test_idle_sessions_expire(app: Any) -> None:
    client = testing.client("analyst")
    assert client.get("/_dash-layout").status_code == 200
    with client.session_transaction() as s:
        s["jss_seen"] = time.time() - 31 * 60  # JSS_SESSION_MINUTES default 30
    resp = client.get("/patterns")
    assert resp.status_code == 302 and "reason=expired" in resp.headers["Location"]
    assert client.get("/_dash-layout").status_code == 401


def test_sign_out_revokes_a_copied_cookie(app: Any, temp_user: str) -> None:
    client = app.server.test_client()
    _login(client, temp_user, PASSWORD)
    stolen = client.get_cookie("jss_session").value
    assert client.get("/logout").status_code == 405  # GET never signs out (POST with the token does)
    assert client.get("/_dash-layout").status_code == 200
    with client.session_transaction() as s:
        token = s["jss_csrf"]
    assert client.post("/logout", data={"csrf": token}).status_code == 303
    assert client.get("/_dash-layout").status_code == 401
    replay = app.server.test_client()
    replay.set_cookie("jss_session", stolen)
    assert replay.get("/_dash-layout").status_code == 401
    assert _audit_entries()[-1]["event"] == "signout"


def test_disabling_or_re_roling_a_user_ends_their_session(app: Any, temp_user: str) -> None:
    store = UserStore()
    client = app.server.test_client()
    _login(client, temp_user, PASSWORD)
    assert client.get("/_dash-layout").status_code == 200
    time.sleep(0.01)  # a distinct mtime for the users file
    store.set_role(temp_user, "council")
    assert client.get("/_dash-layout").status_code == 401
    other = app.server.test_client()
    _login(other, temp_user, PASSWORD)
    assert other.get("/_dash-layout").status_code == 200
    time.sleep(0.01)
    store.set_disabled(temp_user)
    assert other.get("/_dash-layout").status_code == 401


def test_purpose_is_asked_once_and_carried_by_later_audit_entries(app: Any) -> None:
    from flask import session

    from auth.purpose import PurposeError, PurposeRequired, require_purpose, set_purpose

    with app.server.test_request_context("/household/H-1"):
        session["jss_user"] = {"username": testing.username("analyst"), "role": "analyst"}
        with pytest.raises(PurposeRequired):
            require_purpose()
        with pytest.raises(PurposeError):
            set_purpose("기타", "")
        with pytest.raises(PurposeError):
            set_purpose("구경", None)
        assert set_purpose("위험평가") == "위험평가"
        assert require_purpose() == "위험평가"
        entry = audit.record_view("household", "H-1")
    assert (entry["event"], entry["purpose"], entry["user"], entry["target"]) == (
        "view", "위험평가", testing.username("analyst"), "H-1")
    purpose_entry = _audit_entries()[-2]
    assert (purpose_entry["event"], purpose_entry["purpose"]) == ("purpose", "위험평가")
    assert json.dumps(entry, ensure_ascii=False).count("H-1") == 1
    assert audit.verify().ok
