"""The audit trail: who saw, queried or exported what, when, and why.

An append-only JSON-lines file (`JSS_AUDIT_FILE`, default `$JSS_DATA_DIR/audit.jsonl`, mode 0600).
Each entry carries `seq`, the SHA-256 of the previous entry (`prev`) and its own hash (`hash`, over
the canonical JSON of every other field), so editing, deleting, reordering or inserting a line
breaks the chain and `jss audit verify` reports the first broken line. Writers from several
gunicorn workers serialise on an exclusive `fcntl.flock` of the file.

The chain makes tampering *evident*, not impossible: someone who can rewrite the whole file can
recompute every hash. Record the head hash elsewhere (`jss audit show --head`) and check it with
`jss audit verify --expect-head` to detect that too.

Entries never carry personal values: queries are recorded by name (or the SHA-256 of their text)
with parameter KEYS only; targets are node keys (person_id, household_id, case_id).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph.settings import load_settings

GENESIS = "0" * 64
EVENTS = ("signin_ok", "signin_fail", "signin_locked", "signout", "view", "purpose", "query",
          "query_refused", "export", "access_denied", "user_admin")


def canonical(entry: dict[str, Any]) -> str:
    return json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def entry_hash(entry: dict[str, Any]) -> str:
    body = {k: v for k, v in entry.items() if k != "hash"}
    return hashlib.sha256(canonical(body).encode("utf-8")).hexdigest()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def audit_path() -> Path:
    return load_settings().audit_path


def _last_line(fh: Any) -> bytes | None:
    """The last non-empty line of an open binary file (reads backwards in blocks)."""
    fh.seek(0, os.SEEK_END)
    end = fh.tell()
    if end == 0:
        return None
    block, data, pos = 8192, b"", end
    while pos > 0:
        step = min(block, pos)
        pos -= step
        fh.seek(pos)
        data = fh.read(step) + data
        stripped = data.rstrip(b"\n")
        if b"\n" in stripped:
            return stripped.rsplit(b"\n", 1)[1]
    return data.rstrip(b"\n") or None


def append(event: str, *, user: str | None, role: str | None, target_type: str | None = None,
           target: str | None = None, purpose: str | None = None, detail: dict[str, Any] | None = None,
           client: str | None = None, path: Path | None = None) -> dict[str, Any]:
    """Append one entry to the chain (creating the file 0600) and return it."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    path = path or audit_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "r+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            last = _last_line(fh)
            prev, seq = GENESIS, 1
            if last:
                try:
                    tail = json.loads(last)
                    prev, seq = tail["hash"], int(tail["seq"]) + 1
                except (ValueError, KeyError, TypeError):
                    # A damaged tail must not stop auditing; the broken link shows in `verify`.
                    prev, seq = text_sha256(last.decode("utf-8", "replace")), 0
            entry: dict[str, Any] = {
                "seq": seq, "ts": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "event": event, "user": user, "role": role, "target_type": target_type,
                "target": target, "purpose": purpose, "detail": detail or {}, "client": client,
                "prev": prev}
            entry["hash"] = entry_hash(entry)
            fh.seek(0, os.SEEK_END)
            fh.write((canonical(entry) + "\n").encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    return entry


@dataclass
class Verification:
    ok: bool
    entries: int
    first_bad_line: int | None = None
    reason: str = ""
    head: str = GENESIS


def verify(path: Path | None = None, expect_head: str | None = None) -> Verification:
    """Check every line's hash, its link to the previous line and its sequence number."""
    path = path or audit_path()
    if not path.exists():
        return Verification(ok=True, entries=0)
    prev, count = GENESIS, 0
    with path.open("rb") as fh:
        fcntl.flock(fh, fcntl.LOCK_SH)
        try:
            for lineno, raw in enumerate(fh, 1):
                line = raw.decode("utf-8", "replace").rstrip("\n")
                try:
                    entry = json.loads(line)
                except ValueError:
                    return Verification(False, count, lineno, "not valid JSON", prev)
                if not isinstance(entry, dict) or "hash" not in entry:
                    return Verification(False, count, lineno, "no hash field", prev)
                if entry.get("prev") != prev:
                    return Verification(False, count, lineno,
                                        "does not link to the previous entry (deleted, reordered or inserted line)", prev)
                if entry_hash(entry) != entry["hash"]:
                    return Verification(False, count, lineno, "content does not match its hash (edited)", prev)
                if entry.get("seq") != lineno:
                    return Verification(False, count, lineno, f"sequence number {entry.get('seq')} != line {lineno}", prev)
                prev, count = entry["hash"], count + 1
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    if expect_head and expect_head != prev:
        return Verification(False, count, None, f"head hash {prev[:16]}… differs from the expected "
                                                f"{expect_head[:16]}… (entries removed or file rewritten)", prev)
    return Verification(True, count, None, "", prev)


def iter_entries(path: Path | None = None) -> Iterator[dict[str, Any]]:
    path = path or audit_path()
    if not path.exists():
        return
    with path.open("rb") as fh:
        fcntl.flock(fh, fcntl.LOCK_SH)
        try:
            lines = fh.readlines()
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    for raw in lines:
        try:
            yield json.loads(raw)
        except ValueError:
            continue


def search(*, user: str | None = None, event: str | None = None, target: str | None = None,
           since: str | None = None, until: str | None = None, limit: int = 500,
           path: Path | None = None) -> list[dict[str, Any]]:
    """Entries matching every given filter, newest first. `since`/`until` are ISO dates or times
    (UTC, compared as text prefixes; `until` is inclusive of its whole day)."""
    out = []
    for e in iter_entries(path):
        if user and e.get("user") != user:
            continue
        if event and e.get("event") != event:
            continue
        if target and target not in f"{e.get('target_type') or ''}:{e.get('target') or ''}":
            continue
        ts = str(e.get("ts", ""))
        if since and ts < since:
            continue
        if until and ts[: len(until)] > until:
            continue
        out.append(e)
    out.reverse()
    return out[:limit]


# --- helpers for pages (take the user, role and purpose from the request's session) ------------
def _who() -> tuple[str | None, str | None, str | None, str | None]:
    from auth.guard import current_user
    from auth.purpose import current_purpose

    user = current_user()
    client = None
    try:
        from flask import has_request_context, request

        if has_request_context():
            client = request.remote_addr
    except ImportError:  # pragma: no cover
        pass
    return (user.username if user else None, user.role if user else None, current_purpose(), client)


def record(event: str, *, target_type: str | None = None, target: str | None = None,
           detail: dict[str, Any] | None = None, purpose: str | None = None) -> dict[str, Any]:
    """Append an entry for the current request's user (and the purpose given this session)."""
    username, role, session_purpose, client = _who()
    return append(event, user=username, role=role, target_type=target_type, target=target,
                  purpose=purpose or session_purpose, detail=detail, client=client)


def record_view(target_type: str, target: str) -> dict[str, Any]:
    """A person, household or case was opened (`target_type` person|household|case|call)."""
    return record("view", target_type=target_type, target=str(target))


def record_query(name: str | None, params: dict[str, Any] | None = None, *, text: str | None = None,
                 rows: int | None = None, truncated: bool | None = None) -> dict[str, Any]:
    """A query ran: its catalogue name, or the SHA-256 of its text; parameter keys only."""
    detail: dict[str, Any] = {"param_keys": sorted(params or {})}
    if text is not None:
        detail["sha256"] = text_sha256(text)
    if rows is not None:
        detail["rows"] = rows
    if truncated:
        detail["truncated"] = True
    return record("query", target_type="query", target=name or "console", detail=detail)


def record_export(name: str, *, rows: int, fmt: str = "csv", params: dict[str, Any] | None = None) -> dict[str, Any]:
    return record("export", target_type="export", target=name,
                  detail={"rows": rows, "format": fmt, "param_keys": sorted(params or {})})
