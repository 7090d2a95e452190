"""Users file, password policy, sign-in and throttling, demo users."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from auth.roles import ROLES
from auth.users import (
    LoginFailed,
    LoginLocked,
    Throttle,
    UserError,
    UserStore,
    authenticate,
    create_demo_users,
)
from graph.settings import load_settings

GOOD = "correct horse battery"


@pytest.fixture()
def store(tmp_path: Path) -> UserStore:
    settings = load_settings({"JSS_DATA_DIR": str(tmp_path), "JSS_LOGIN_MAX_FAILURES": "3",
                              "JSS_LOGIN_LOCK_SECONDS": "60"})
    return UserStore(settings)


def test_users_file_is_private_and_holds_only_argon2_hashes(store: UserStore) -> None:
    store.add("kim", "analyst", GOOD, display_name="김 분석관")
    raw = store.path.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    assert GOOD not in raw and json.loads(raw)["users"]["kim"]["password_hash"].startswith("$argon2id$")
    assert [(u.username, u.role) for u in store.list()] == [("kim", "analyst")]
    assert not list(store.path.parent.glob(".users.json.*")), "no temporary files left behind"


@pytest.mark.parametrize("name, role, password, message", [
    ("kim", "analyst", "short", "JSS_PASSWORD_MIN_LENGTH"),
    ("kim", "analyst", "kim-kim-kim-kim", "user name"),
    ("kim", "analyst", "aaaaaaaaaaaaaaaa", "distinct"),
    ("Kim Lee", "analyst", GOOD, "user name"),
    ("kim", "superuser", GOOD, "unknown role"),
])
def test_bad_users_are_refused(store: UserStore, name, role, password, message) -> None:
    with pytest.raises(UserError, match=message):
        store.add(name, role, password)


def test_duplicate_user_is_refused(store: UserStore) -> None:
    store.add("kim", "analyst", GOOD)
    with pytest.raises(UserError, match="already exists"):
        store.add("kim", "admin", GOOD)


def test_sign_in_checks_password_and_disabled(store: UserStore) -> None:
    store.add("kim", "council", GOOD)
    th = Throttle(store.settings)
    user = authenticate("kim", GOOD, "10.0.0.1", store=store, throttle=th)
    assert (user.username, user.role) == ("kim", "council")
    with pytest.raises(LoginFailed):
        authenticate("kim", GOOD + "x", "10.0.0.1", store=store, throttle=th)
    with pytest.raises(LoginFailed):
        authenticate("nobody", GOOD, "10.0.0.1", store=store, throttle=th)
    store.set_disabled("kim")
    with pytest.raises(LoginFailed):
        authenticate("kim", GOOD, "10.0.0.2", store=store, throttle=th)


def test_passwd_replaces_the_old_password(store: UserStore) -> None:
    store.add("kim", "analyst", GOOD)
    store.set_password("kim", "another long passphrase")
    assert store.verify("kim", GOOD) is None
    assert store.verify("kim", "another long passphrase") is not None


def test_repeated_failures_lock_the_user_name_even_with_the_right_password(store: UserStore) -> None:
    store.add("kim", "analyst", GOOD)
    th = Throttle(store.settings)
    for i in range(3):
        with pytest.raises(LoginFailed):
            authenticate("kim", "wrong password", f"10.0.0.{i}", store=store, throttle=th)
    with pytest.raises(LoginLocked) as info:
        authenticate("kim", GOOD, "10.0.0.9", store=store, throttle=th)
    assert 0 < info.value.seconds <= 60


def test_repeated_failures_lock_the_client_across_user_names(store: UserStore) -> None:
    store.add("kim", "analyst", GOOD)
    th = Throttle(store.settings)
    for name in ("a1", "a2", "a3"):
        with pytest.raises(LoginFailed):
            authenticate(name, "wrong password", "10.9.9.9", store=store, throttle=th)
    with pytest.raises(LoginLocked):
        authenticate("kim", GOOD, "10.9.9.9", store=store, throttle=th)
    assert authenticate("kim", GOOD, "10.1.1.1", store=store, throttle=th).username == "kim"


def test_lock_expires(store: UserStore) -> None:
    th = Throttle(store.settings)
    th.failure(["user:kim"], now=1000.0)
    th.failure(["user:kim"], now=1001.0)
    th.failure(["user:kim"], now=1002.0)
    assert th.locked_for(["user:kim"], now=1010.0) == 52
    assert th.locked_for(["user:kim"], now=1063.0) == 0


def test_demo_users_one_per_role_with_fresh_random_passwords(store: UserStore) -> None:
    first = create_demo_users(store)
    assert [r for _, r, _ in first] == list(ROLES)
    for name, role, password in first:
        assert store.verify(name, password).role == role
    second = create_demo_users(store)
    assert all(a[2] != b[2] for a, b in zip(first, second, strict=True))
    assert store.verify(first[0][0], first[0][2]) is None


# --- atomic throttling (issue #28): the count check and the recording of an attempt are one step ---
class CountingStore(UserStore):
    """A user store that counts real password checks (in a value shared across processes)."""

    def __init__(self, settings, counter) -> None:  # type: ignore[no-untyped-def]
        super().__init__(settings)
        self.counter = counter

    def verify(self, username: str, password: str):  # type: ignore[no-untyped-def]
        with self.counter.get_lock():
            self.counter.value += 1
        return super().verify(username, password)


def _attempt(settings, counter, barrier, name: str, client: str) -> str:  # type: ignore[no-untyped-def]
    store = CountingStore(settings, counter)
    barrier.wait()
    try:
        authenticate(name, "wrong password", client, store=store, throttle=Throttle(settings, key="k" * 32))
    except LoginLocked:
        return "locked"
    except LoginFailed:
        return "failed"
    return "signed in"


def _attempt_in_process(settings, counter, barrier, name, client, results) -> None:  # type: ignore[no-untyped-def]
    results.put(_attempt(settings, counter, barrier, name, client))


@pytest.fixture()
def five(tmp_path: Path) -> UserStore:
    settings = load_settings({"JSS_DATA_DIR": str(tmp_path), "JSS_LOGIN_MAX_FAILURES": "5",
                              "JSS_LOGIN_LOCK_SECONDS": "300"})
    store = UserStore(settings)
    store.add("kim", "analyst", GOOD)
    return store


@pytest.mark.parametrize("same_client", [True, False])
def test_concurrent_wrong_passwords_in_threads_get_at_most_the_limit_of_checks(five: UserStore,
                                                                              same_client: bool) -> None:
    import multiprocessing
    import threading
    from concurrent.futures import ThreadPoolExecutor

    counter = multiprocessing.Value("i", 0)
    barrier = threading.Barrier(20)
    clients = ["10.0.0.1" if same_client else f"10.0.1.{i}" for i in range(20)]
    with ThreadPoolExecutor(20) as pool:
        outcomes = list(pool.map(lambda c: _attempt(five.settings, counter, barrier, "kim", c), clients))
    assert counter.value == outcomes.count("failed") == 5
    assert outcomes.count("locked") == 15
    with pytest.raises(LoginLocked):  # locked for the right password too
        authenticate("kim", GOOD, "10.0.2.1", store=five, throttle=Throttle(five.settings, key="k" * 32))


def test_concurrent_wrong_passwords_in_processes_get_at_most_the_limit_of_checks(five: UserStore) -> None:
    import multiprocessing

    ctx = multiprocessing.get_context("fork")  # like gunicorn's workers: separate processes
    counter, barrier, results = ctx.Value("i", 0), ctx.Barrier(20), ctx.Queue()
    procs = [ctx.Process(target=_attempt_in_process, args=(five.settings, counter, barrier, "kim", f"10.0.3.{i}", results))
             for i in range(20)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert counter.value == outcomes.count("failed") == 5
    assert outcomes.count("locked") == 15


def test_a_successful_sign_in_takes_back_its_reservation(five: UserStore) -> None:
    th = Throttle(five.settings, key="k" * 32)
    for i in range(4):
        with pytest.raises(LoginFailed):
            authenticate(f"other{i}", "wrong password", "10.0.4.1", store=five, throttle=th)
    for _ in range(3):  # right passwords do not count against the client's limit
        assert authenticate("kim", GOOD, "10.0.4.1", store=five, throttle=th).username == "kim"
    with pytest.raises(LoginFailed):  # the fifth failure of the client ...
        authenticate("other9", "wrong password", "10.0.4.1", store=five, throttle=th)
    with pytest.raises(LoginLocked):  # ... locks it
        authenticate("kim", GOOD, "10.0.4.1", store=five, throttle=th)


def test_the_throttle_file_and_log_hold_a_keyed_hash_of_the_typed_name(five: UserStore, caplog) -> None:  # type: ignore[no-untyped-def]
    from auth.users import name_digest

    typed = "my-secret-passphrase-typed-as-name"
    th = Throttle(five.settings, key="k" * 32)
    with caplog.at_level("DEBUG", logger="jss.auth"), pytest.raises(LoginFailed) as info:
        authenticate(typed, "whatever", "10.0.5.1", store=five, throttle=th)
    digest = name_digest(typed, "k" * 32)
    assert info.value.name_hash == digest and len(digest) == 16
    assert digest != name_digest(typed, "another key of 32 characters...")
    assert typed not in th.path.read_text(encoding="utf-8") and f"user:{digest}" in th.path.read_text(encoding="utf-8")
    assert typed not in caplog.text and digest in caplog.text
