"""App users: a JSON file outside the repository (`JSS_USERS_FILE`, default `$JSS_DATA_DIR/users.json`)
with argon2id password hashes and roles, written atomically with mode 0600; and sign-in throttling
per user name and per client address, shared by every gunicorn worker through a locked file.

No default password ships: users are added with `jss users add` (password prompted) or, for a demo,
`create_demo_users()` (random passwords, shown once).
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from auth.guard import User
from auth.roles import ROLES
from graph.errors import JSSError
from graph.settings import Settings, load_settings

log = logging.getLogger("jss.auth")
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,31}$")
AGENCY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
_hasher = PasswordHasher()
# Verified when the user name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class UserError(JSSError):
    """A user-management request that cannot be carried out (bad name, weak password, unknown user)."""


class LoginFailed(JSSError):
    """Wrong user name or password, or a disabled account (the message never says which).
    `name_hash`: the keyed digest of the typed user name (`name_digest`)."""

    name_hash: str = ""


class LoginLocked(JSSError):
    """Too many failed sign-ins; `seconds` until the next attempt is allowed."""

    name_hash: str = ""

    def __init__(self, message: str, seconds: int):
        super().__init__(message)
        self.seconds = seconds


@dataclass
class UserRecord:
    username: str
    role: str
    password_hash: str
    display_name: str = ""
    disabled: bool = False
    created: str = ""
    password_changed: str = ""
    agency_id: str = ""   # role `agency`: the agency whose clients' households the user sees

    def public(self) -> dict[str, Any]:
        return {"username": self.username, "role": self.role, "display_name": self.display_name,
                "disabled": self.disabled, "created": self.created, "password_changed": self.password_changed,
                "agency_id": self.agency_id}


def _check_agency(role: str, agency_id: str) -> None:
    """An agency user belongs to exactly one agency; no other role has one."""
    if role == "agency" and not AGENCY_RE.match(agency_id or ""):
        raise UserError("기관 사용자에게는 기관 ID가 필요합니다 (role agency needs --agency AGENCY_ID, as in the "
                        "agencies export)")
    if role != "agency" and agency_id:
        raise UserError(f"only role agency has an agency (got --agency for role {role})")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def atomic_write(path: Path, data: dict[str, Any]) -> None:
    """Write JSON to a 0600 temporary file in the same folder, fsync, then rename over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on `<path>.lock` around a read-modify-write of `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError as exc:
        raise UserError(f"{path}: not valid JSON ({exc}); restore it from a backup") from exc


class UserStore:
    def __init__(self, settings: Settings | None = None, path: Path | None = None):
        self.settings = settings or load_settings()
        self.path = path or self.settings.users_path

    # --- reading -----------------------------------------------------------------------------
    def _load(self) -> dict[str, UserRecord]:
        raw = _read_json(self.path).get("users", {})
        return {name: UserRecord(username=name, role=u["role"], password_hash=u["password_hash"],
                                 display_name=u.get("display_name", ""), disabled=bool(u.get("disabled")),
                                 created=u.get("created", ""), password_changed=u.get("password_changed", ""),
                                 agency_id=u.get("agency_id", ""))
                for name, u in raw.items()}

    def _save(self, users: dict[str, UserRecord]) -> None:
        data = {"version": 1, "users": {n: {k: v for k, v in vars(u).items() if k != "username"}
                                        for n, u in sorted(users.items())}}
        atomic_write(self.path, data)

    def list(self) -> list[UserRecord]:
        return sorted(self._load().values(), key=lambda u: u.username)

    def get(self, username: str) -> UserRecord | None:
        return self._load().get(username)

    # --- changes -----------------------------------------------------------------------------
    def check_password(self, username: str, password: str) -> None:
        """Raise UserError when `password` breaks the policy (length, not the user name, not trivial)."""
        minimum = self.settings.password_min_length
        if len(password) < minimum:
            raise UserError(f"비밀번호는 {minimum}자 이상이어야 합니다 (password shorter than "
                            f"JSS_PASSWORD_MIN_LENGTH={minimum})")
        if username.lower() in password.lower() or len(set(password)) < 4:
            raise UserError("비밀번호가 너무 단순합니다: 사용자 이름을 포함하거나 같은 문자를 반복하지 마십시오 "
                            "(password contains the user name or too few distinct characters)")

    def add(self, username: str, role: str, password: str, display_name: str = "",
            agency_id: str = "") -> UserRecord:
        if not USERNAME_RE.match(username):
            raise UserError(f"user name {username!r} must be 2-32 characters: a-z, 0-9, _ . - (lower case)")
        if role not in ROLES:
            raise UserError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
        _check_agency(role, agency_id)
        self.check_password(username, password)
        with file_lock(self.path):
            users = self._load()
            if username in users:
                raise UserError(f"user {username!r} already exists (use `jss users passwd`)")
            users[username] = UserRecord(username, role, _hasher.hash(password), display_name,
                                         created=_now(), password_changed=_now(),
                                         agency_id=agency_id if role == "agency" else "")
            self._save(users)
            return users[username]

    def set_password(self, username: str, password: str) -> None:
        self.check_password(username, password)
        with file_lock(self.path):
            users = self._load()
            if username not in users:
                raise UserError(f"no user {username!r}")
            users[username].password_hash = _hasher.hash(password)
            users[username].password_changed = _now()
            self._save(users)

    def set_disabled(self, username: str, disabled: bool = True) -> None:
        with file_lock(self.path):
            users = self._load()
            if username not in users:
                raise UserError(f"no user {username!r}")
            users[username].disabled = disabled
            self._save(users)

    def set_role(self, username: str, role: str, agency_id: str = "") -> None:
        if role not in ROLES:
            raise UserError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
        _check_agency(role, agency_id)
        with file_lock(self.path):
            users = self._load()
            if username not in users:
                raise UserError(f"no user {username!r}")
            users[username].role = role
            users[username].agency_id = agency_id if role == "agency" else ""
            self._save(users)

    # --- sign-in -----------------------------------------------------------------------------
    def verify(self, username: str, password: str) -> User | None:
        """The user if the password matches an enabled account, else None (constant-ish time)."""
        record = self._load().get(username)
        try:
            ok = _hasher.verify(record.password_hash if record else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok or record is None or record.disabled:
            return None
        if _hasher.check_needs_rehash(record.password_hash):
            try:
                self.set_password_hash(username, _hasher.hash(password))
            except UserError:
                pass
        return User(username=record.username, role=record.role, display_name=record.display_name,
                    agency_id=record.agency_id)

    def set_password_hash(self, username: str, password_hash: str) -> None:
        with file_lock(self.path):
            users = self._load()
            if username not in users:
                raise UserError(f"no user {username!r}")
            users[username].password_hash = password_hash
            self._save(users)


def name_digest(name: str, key: str) -> str:
    """A keyed hash (HMAC-SHA256 with the app's secret key, 16 hex digits) of a typed user name.

    Failed sign-ins are logged, audited and throttled under this, never under the typed text:
    people type their password into the user-name field. Keyed, so a weak password typed there
    cannot be recovered by hashing guesses; an admin holding the key can still match a known
    name (`name_digest("kim", key)`)."""
    mac = hmac.new(key.encode("utf-8"), b"jss-signin-name\0" + name.encode("utf-8"), hashlib.sha256)
    return mac.hexdigest()[:16]


class Throttle:
    """Sign-in attempts per key (`user:<name digest>`, `client:<address>`), in a locked JSON file
    shared by every thread and gunicorn worker. After `max_failures` failures within
    `lock_seconds`, the key is locked until `lock_seconds` after its last failure.

    An attempt is *reserved* (counted as a failure) under the file lock before the password is
    checked, in the same locked step that checks the count (`reserve`); a successful sign-in
    takes its reservation back (`succeeded`). So N concurrent wrong passwords cost at most
    `max_failures` password checks: checking first and recording after the slow argon2 check let
    20 concurrent attempts through 13 checks against a limit of 5."""

    def __init__(self, settings: Settings | None = None, path: Path | None = None, key: str | None = None):
        self.settings = settings or load_settings()
        self.path = path or self.settings.users_path.with_name(self.settings.users_path.name + ".throttle")
        self._key = key

    @property
    def key(self) -> str:
        """The secret that keys user-name digests (the app's session secret)."""
        if self._key is None:
            from auth.keys import secret_key

            self._key = secret_key(self.settings)
        return self._key

    def _prune(self, data: dict[str, list[float]], now: float) -> dict[str, list[float]]:
        window = self.settings.login_lock_seconds
        return {k: [t for t in v if now - t < window] for k, v in data.items() if any(now - t < window for t in v)}

    def _wait(self, data: dict[str, list[float]], keys: list[str], now: float) -> int:
        wait = 0.0
        for key in keys:
            fails = data.get(key, [])
            if len(fails) >= self.settings.login_max_failures:
                wait = max(wait, max(fails) + self.settings.login_lock_seconds - now)
        return int(wait + 0.999) if wait > 0 else 0

    def locked_for(self, keys: list[str], now: float | None = None) -> int:
        """Seconds until every one of `keys` may try again (0: not locked). Advisory only: sign-in
        decides with `reserve`, which checks and records in one locked step."""
        now = time.time() if now is None else now
        return self._wait(self._prune(_read_json(self.path), now), keys, now)

    def reserve(self, keys: list[str], now: float | None = None) -> tuple[int, float]:
        """In one step under the file lock: if any key is locked, `(seconds to wait, now)` and nothing
        is recorded; else an attempt is recorded for every key and `(0, now)` is returned — the
        attempt counts as a failure unless `succeeded(keys, now)` takes it back."""
        now = time.time() if now is None else now
        with file_lock(self.path):
            data = self._prune(_read_json(self.path), now)
            wait = self._wait(data, keys, now)
            if wait:
                return wait, now
            for key in keys:
                data.setdefault(key, []).append(now)
            atomic_write(self.path, data)
        return 0, now

    def failure(self, keys: list[str], now: float | None = None) -> None:
        """Record a failure for every key (what an unreturned `reserve` amounts to)."""
        now = time.time() if now is None else now
        with file_lock(self.path):
            data = self._prune(_read_json(self.path), now)
            for key in keys:
                data.setdefault(key, []).append(now)
            atomic_write(self.path, data)

    def succeeded(self, keys: list[str], at: float, clear: list[str] | tuple[str, ...] = ()) -> None:
        """A reserved attempt (`reserve` at `at`) signed in: remove it from every key, and forget
        every earlier failure of the keys in `clear` (the user name, not the client address)."""
        with file_lock(self.path):
            data = _read_json(self.path)
            for key in keys:
                stamps = data.get(key, [])
                if at in stamps:
                    stamps.remove(at)
                if key in clear or not stamps:
                    data.pop(key, None)
            atomic_write(self.path, data)

    def success(self, keys: list[str]) -> None:
        """Forget every failure of `keys`."""
        with file_lock(self.path):
            data = _read_json(self.path)
            if any(k in data for k in keys):
                for key in keys:
                    data.pop(key, None)
                atomic_write(self.path, data)


def authenticate(username: str, password: str, client: str | None, *, store: UserStore | None = None,
                 throttle: Throttle | None = None) -> User:
    """Sign in: the User, or LoginLocked / LoginFailed (both audited by the caller, which finds the
    typed name's keyed digest in the exception's `name_hash`; the typed text is never logged)."""
    store = store or UserStore()
    throttle = throttle or Throttle(store.settings)
    username = (username or "").strip().lower()
    digest = name_digest(username, throttle.key)
    keys = [f"user:{digest}", f"client:{client or '-'}"]
    wait, at = throttle.reserve(keys)
    if wait:
        log.warning("sign-in locked: name digest %s, client %s, %s s", digest, client or "-", wait)
        locked = LoginLocked(f"로그인 시도가 너무 많습니다. {wait}초 후에 다시 시도하십시오 "
                             f"(too many failed sign-ins; try again in {wait} s)", wait)
        locked.name_hash = digest
        raise locked
    user = store.verify(username, password or "")
    if user is None:
        log.warning("sign-in failed: name digest %s, client %s", digest, client or "-")
        failed = LoginFailed("사용자 이름 또는 비밀번호가 올바르지 않습니다 (wrong user name or password)")
        failed.name_hash = digest
        raise failed
    throttle.succeeded(keys, at, clear=[keys[0]])
    return user


def random_password() -> str:
    return secrets.token_urlsafe(12)


# The demo agency user works at the synthetic Jeju Sunflower Center (synth/agencies.py).
DEMO_AGENCY = "SC-JJ-01"


def create_demo_users(store: UserStore | None = None, prefix: str = "demo_") -> list[tuple[str, str, str]]:
    """One user per role (`demo_council`, …) with a fresh random password each; existing demo users get
    a new password. Returns (username, role, password) for printing ONCE — it is stored only hashed."""
    store = store or UserStore()
    out = []
    for role in ROLES:
        name, password = f"{prefix}{role}", random_password()
        agency = DEMO_AGENCY if role == "agency" else ""
        if store.get(name) is None:
            store.add(name, role, password, display_name=f"데모 {role}", agency_id=agency)
        else:
            store.set_password(name, password)
            store.set_role(name, role, agency)
            store.set_disabled(name, False)
        out.append((name, role, password))
    return out
