"""The audit trail's key and its head record (used by `auth.audit`).

The key (`JSS_AUDIT_KEY`, else `$JSS_DATA_DIR/audit-key`, generated once, 0600) keys the HMAC that
chains the entries: without it nobody can write an entry, or a whole file, that verifies. It is
never written into the audit file and must differ from the session secret (`JSS_SECRET_KEY`), which
every web worker holds in memory for a different purpose.

The head record (`$JSS_DATA_DIR/audit-heads/<file name>-<path digest>.json`, beside the key, 0600)
holds the sequence number and hash of the last entry, with an HMAC of its own. A chain alone cannot
show that entries were cut from its end; the record can. It also keeps an `alarm` once an append
found the file shorter than recorded, so that later appends cannot make a truncation look whole.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import JSSError
from graph.settings import Settings, load_settings

MIN_KEY_CHARS = 32


class AuditKeyError(JSSError):
    """The audit key is missing, too short, or the same as the session secret."""


def key_path(settings: Settings) -> Path:
    return settings.data_dir / "audit-key"


def audit_key(settings: Settings | None = None, *, create: bool = True) -> bytes | None:
    """JSS_AUDIT_KEY, else the generated key file (created when `create`; None when absent)."""
    s = settings or load_settings()
    if s.audit_key:
        key = s.audit_key.strip()
        if len(key) < MIN_KEY_CHARS:
            raise AuditKeyError(f"JSS_AUDIT_KEY has {len(key)} characters; it needs at least {MIN_KEY_CHARS} "
                                "(e.g. `python -c 'import secrets; print(secrets.token_hex(32))'`)")
        if hmac.compare_digest(key.encode("utf-8"), _session_secret(s).encode("utf-8")):
            raise AuditKeyError("JSS_AUDIT_KEY must not be the session secret (JSS_SECRET_KEY or "
                                "$JSS_DATA_DIR/secret-key): set a key of its own")
        return key.encode("utf-8")
    path = key_path(s)
    try:
        return _read_key(path)
    except FileNotFoundError:
        if not create:
            return None
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole to a temporary file, then linked into place: a worker starting at the same
    # moment either wins the link or reads the finished key of the one that did, never half a key.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".audit-key-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(secrets.token_hex(32) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
    finally:
        os.unlink(tmp)
    return _read_key(path)


def _session_secret(s: Settings) -> str:
    if s.secret_key:
        return s.secret_key.strip()
    try:
        return (s.data_dir / "secret-key").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


def _read_key(path: Path) -> bytes:
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < MIN_KEY_CHARS:
        raise AuditKeyError(f"the audit key in {path} is damaged ({len(key)} characters); restore it from a "
                            "backup — without it the trail cannot be verified")
    return key.encode("utf-8")


def key_id(key: bytes) -> str:
    """A short public name of the key, stored in every entry, so that `verify` can tell "written
    with another key" from "edited". It reveals nothing usable about the key."""
    return hmac.new(key, b"jss-audit-key-id", hashlib.sha256).hexdigest()[:12]


def mac(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


# --- head record -----------------------------------------------------------------------------------
def head_path(audit_file: Path, settings: Settings | None = None) -> Path:
    """One record per audit file (tests and installations may keep several in one data folder)."""
    s = settings or load_settings()
    resolved = str(Path(audit_file).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:12]
    return s.data_dir / "audit-heads" / f"{Path(audit_file).name}-{digest}.json"


@dataclass
class HeadRecord:
    entries: int
    head: str
    alarm: dict[str, Any] | None = None
    problem: str = ""           # set when the record exists but cannot be trusted

    def body(self) -> str:
        return json.dumps({"entries": self.entries, "head": self.head, "alarm": self.alarm},
                          sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def read_head(path: Path, key: bytes) -> HeadRecord | None:
    """The record, None when there is none; `problem` says why an existing one is not trusted."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw)
        rec = HeadRecord(int(data["entries"]), str(data["head"]), data.get("alarm"))
        sealed = str(data["mac"])
    except (ValueError, KeyError, TypeError):
        return HeadRecord(0, "", None, problem=f"the head record {path} is unreadable")
    if not hmac.compare_digest(sealed, mac(key, "head|" + rec.body())):
        rec.problem = f"the head record {path} was altered or written with another key"
    return rec


def write_head(path: Path, key: bytes, rec: HeadRecord) -> None:
    """Replace the record atomically (temporary file, rename). Not fsynced (it doubled an append's
    time): after a crash the record may lag the file, which `verify` accepts, since the file's own
    entries are fsynced and chained; it cannot run ahead of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"entries": rec.entries, "head": rec.head, "alarm": rec.alarm, "mac": mac(key, "head|" + rec.body())}
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".head-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(data, ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
