"""The audit trail: who saw, queried or exported what, when, and why.

An append-only JSON-lines file (`JSS_AUDIT_FILE`, default `$JSS_DATA_DIR/audit.jsonl`, mode 0600).
Each entry carries `seq`, the hash of the previous entry (`prev`) and its own `hash`: an
HMAC-SHA256, keyed with the audit key (`auth.audit_keys`: `JSS_AUDIT_KEY` or
`$JSS_DATA_DIR/audit-key`, never in this file), of the canonical JSON of every other field. Editing,
deleting, reordering or inserting a line breaks the chain, and so does rewriting the whole file
without the key: `jss audit verify` names the first broken line. A head record beside the key
(`audit_keys.read_head`) holds the last entry's number and hash, so that entries cut from the end
are found too. Writers from several gunicorn workers serialise on an exclusive `fcntl.flock` of the
file.

Not detected: anything done by someone holding the key; the file and its head record both put back
to an earlier copy (check `jss audit verify --expect-head HASH` against a head hash kept elsewhere).

Entries never carry personal values: queries are recorded by name (or the SHA-256 of their text)
with parameter KEYS only; targets and `ids` are domain keys (person_id, household_id, case_id). The
one exception is `query_text`: the text of a console query, which data_staff write themselves and
admins must be able to read to see what was extracted.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from auth.audit_keys import HeadRecord, audit_key, head_path, key_id, key_path, mac, read_head, write_head
from graph.settings import load_settings

log = logging.getLogger("jss.audit")

FORMAT = 2      # 1 (no `v` field): plain SHA-256 hashes, which anyone could recompute
GENESIS = "0" * 64
EVENTS = ("signin_ok", "signin_fail", "signin_locked", "signout", "view", "purpose", "query",
          "query_refused", "export", "access_denied", "user_admin", "audit_seal", "decision")
MAX_ID_CHARS = 200
OLD_FORMAT = ("is in the previous format (plain SHA-256 hashes, which anyone can recompute): written before the "
              "keyed chain, or rewritten by someone without the audit key. To start a keyed trail, archive that "
              "file (move it away, keeping it as it is), then run `jss audit seal`")


def canonical(entry: dict[str, Any]) -> str:
    return json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def entry_hash(entry: dict[str, Any], key: bytes) -> str:
    """HMAC-SHA256 (audit key) of the canonical JSON of every field but `hash` (`prev` included)."""
    return mac(key, canonical({k: v for k, v in entry.items() if k != "hash"}))


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def audit_path() -> Path:
    return load_settings().audit_path


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


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


def _tail(fh: Any) -> tuple[int, str, bool]:
    """(seq, hash, written in this format) of the file's last entry; (0, GENESIS, False) if empty."""
    last = _last_line(fh)
    if not last:
        return 0, GENESIS, False
    try:
        tail = json.loads(last)
        return int(tail["seq"]), str(tail["hash"]), tail.get("v") == FORMAT
    except (ValueError, KeyError, TypeError):
        # A damaged tail must not stop auditing; the broken link shows in `verify`.
        return -1, text_sha256(last.decode("utf-8", "replace")), False


def _ids(ids: Mapping[str, Iterable[Any]] | Iterable[Any] | None, target_type: str | None
         ) -> dict[str, list[str]] | None:
    """`ids` as {kind: sorted unique keys}; a plain list is filed under `target_type`."""
    if ids is None:
        return None
    groups = ids if isinstance(ids, Mapping) else {target_type or "id": ids}
    out: dict[str, list[str]] = {}
    for kind, values in groups.items():
        if isinstance(values, (str, bytes, int)):
            values = [values]
        keys = set()
        for value in values:
            text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
            if not text or len(text) > MAX_ID_CHARS or not text.isprintable():
                raise ValueError(f"audit ids must be domain keys (person_id, household_id, …), got a "
                                 f"{type(value).__name__} of {len(str(value))} characters under {kind!r}")
            keys.add(text)
        out[str(kind)] = sorted(keys)
    return out


def append(event: str, *, user: str | None, role: str | None, target_type: str | None = None,
           target: str | None = None, purpose: str | None = None, detail: dict[str, Any] | None = None,
           client: str | None = None, ids: Mapping[str, Iterable[Any]] | Iterable[Any] | None = None,
           query_text: str | None = None, path: Path | None = None) -> dict[str, Any]:
    """Append one entry to the chain (creating the file 0600), update the head record, return it."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    id_groups = _ids(ids, target_type)
    settings = load_settings()       # once: reading the environment is a third of an append's CPU
    path = path or settings.audit_path
    key = audit_key(settings)
    assert key is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "r+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            tail_seq, prev, tail_keyed = _tail(fh)
            entry: dict[str, Any] = {
                "v": FORMAT, "kid": key_id(key), "seq": max(tail_seq, 0) + 1, "ts": _now(), "event": event,
                "user": user, "role": role, "target_type": target_type, "target": target, "purpose": purpose,
                "detail": detail or {}, "client": client, "prev": prev}
            if id_groups is not None:
                entry["ids"] = id_groups
            if query_text is not None:
                entry["query_text"] = str(query_text)
            entry["hash"] = entry_hash(entry, key)
            fh.seek(0, os.SEEK_END)
            fh.write((canonical(entry) + "\n").encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
            _advance_head(head_path(path, settings), key, tail_seq, prev, tail_keyed, entry)
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    return entry


def _advance_head(hp: Path, key: bytes, tail_seq: int, tail_hash: str, tail_keyed: bool,
                  entry: dict[str, Any]) -> None:
    """Record the new head. If the file no longer ends where the record said (cut, emptied,
    replaced) or the record is gone or altered, keep an alarm in it: otherwise the next appends
    would make the shortened file look whole again."""
    rec = read_head(hp, key)
    alarm = rec.alarm if rec is not None and not rec.problem else None
    reason = ""
    if rec is None:
        if tail_keyed:
            reason = f"the head record was missing while the file held {tail_seq} entries"
    elif rec.problem:
        reason = rec.problem
    elif tail_seq < rec.entries or (tail_seq == rec.entries and tail_hash != rec.head):
        reason = (f"the file ended at entry {max(tail_seq, 0)} while entry {rec.entries} had been recorded as "
                  "its last (entries removed from the end, or the file replaced)")
    if reason and alarm is None:
        alarm = {"at": entry["ts"], "reason": reason}
        log.error("audit trail %s: %s", hp.name, reason)
    write_head(hp, key, HeadRecord(int(entry["seq"]), str(entry["hash"]), alarm))


@dataclass
class Verification:
    ok: bool
    entries: int
    first_bad_line: int | None = None
    reason: str = ""
    head: str = GENESIS


def _scan(fh: IO[bytes], key: bytes, want_line: int = 0) -> tuple[Verification, str | None]:
    """Check every line: format, link, key, hash, sequence. Also returns the hash at `want_line`."""
    prev, count, kid, wanted = GENESIS, 0, key_id(key), None
    for lineno, raw in enumerate(fh, 1):
        line = raw.decode("utf-8", "replace").rstrip("\n")
        try:
            entry = json.loads(line)
        except ValueError:
            return Verification(False, count, lineno, "not valid JSON", prev), wanted
        if not isinstance(entry, dict) or "hash" not in entry:
            return Verification(False, count, lineno, "no hash field", prev), wanted
        if entry.get("v") != FORMAT:
            why = OLD_FORMAT if "v" not in entry else f"has an unknown format version {entry.get('v')!r}"
            return Verification(False, count, lineno, why, prev), wanted
        if entry.get("prev") != prev:
            return Verification(False, count, lineno, "does not link to the previous entry "
                                "(deleted, reordered or inserted line)", prev), wanted
        if entry.get("kid") != kid:
            return Verification(False, count, lineno, f"was written with another audit key (key id "
                                f"{entry.get('kid')!r}, this installation's is {kid!r}): the file was rewritten "
                                "without the key, or JSS_AUDIT_KEY / the audit-key file changed", prev), wanted
        if entry_hash(entry, key) != entry["hash"]:
            return Verification(False, count, lineno, "content does not match its keyed hash "
                                "(edited, or written without the audit key)", prev), wanted
        if entry.get("seq") != lineno:
            return Verification(False, count, lineno, f"sequence number {entry.get('seq')} != line {lineno}",
                                prev), wanted
        prev, count = entry["hash"], count + 1
        if lineno == want_line:
            wanted = prev
    return Verification(True, count, None, "", prev), wanted


def verify(path: Path | None = None, expect_head: str | None = None, *, check_head: bool = True) -> Verification:
    """Check the chain and, with `check_head`, that the file still ends where the head record says."""
    path = path or audit_path()
    key = audit_key(create=False)
    hp = head_path(path)
    if not path.exists() or path.stat().st_size == 0:
        rec = read_head(hp, key) if key and check_head else None
        if rec is not None and (rec.entries > 0 or rec.problem):
            return Verification(False, 0, None, f"the audit file {path} is missing or empty, but its head record "
                                f"lists {rec.entries} entries (file deleted or emptied)")
        return _expect(Verification(True, 0), expect_head)
    if key is None:
        # No key was ever made here: a file of the previous format (its own message), or a lost key.
        if _first_is_old(path):
            return Verification(False, 0, 1, OLD_FORMAT)
        return Verification(False, 0, None, f"no audit key: neither JSS_AUDIT_KEY nor {key_path(load_settings())} "
                            "is set, so the keyed hashes cannot be checked (restore the key from a backup)")
    with path.open("rb") as fh:
        fcntl.flock(fh, fcntl.LOCK_SH)
        try:
            rec = read_head(hp, key) if check_head else None
            v, recorded = _scan(fh, key, rec.entries if rec else 0)
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    if not v.ok or not check_head:
        return v if not v.ok else _expect(v, expect_head)
    fix = " (after finding out why, `jss audit seal` records the current end)"
    if rec is None:
        return Verification(False, v.entries, None, f"no head record ({hp}): entries removed from the end "
                            f"could not be detected{fix}", v.head)
    if rec.problem:
        return Verification(False, v.entries, None, rec.problem + fix, v.head)
    if rec.alarm:
        return Verification(False, v.entries, None, f"since {rec.alarm.get('at')}: {rec.alarm.get('reason')}{fix}",
                            v.head)
    if rec.entries > v.entries:
        return Verification(False, v.entries, None, f"the file ends after entry {v.entries}, but entry "
                            f"{rec.entries} was recorded as its last (entries removed from the end){fix}", v.head)
    if rec.entries and recorded != rec.head:
        return Verification(False, v.entries, rec.entries, "is not the entry recorded as the head "
                            f"(the file was replaced){fix}", v.head)
    return _expect(v, expect_head)


def _first_is_old(path: Path) -> bool:
    with path.open("rb") as fh:
        try:
            first = json.loads(fh.readline())
        except ValueError:
            return False
    return isinstance(first, dict) and "hash" in first and "v" not in first


def _expect(v: Verification, expect_head: str | None) -> Verification:
    if expect_head and expect_head != v.head:
        return Verification(False, v.entries, None, f"head hash {v.head[:16]}… differs from the expected "
                            f"{expect_head[:16]}… (entries removed or file rewritten)", v.head)
    return v


def seal(*, user: str | None, role: str | None, path: Path | None = None) -> Verification:
    """After an admin found out why `verify` reported the head record (file moved or restored,
    record lost): if the chain itself verifies, record its current end, clearing any alarm, and
    append an `audit_seal` entry saying what was cleared. A broken chain is never sealed."""
    path = path or audit_path()
    key = audit_key()
    assert key is not None
    hp = head_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)  # a lost file is sealed empty
    with os.fdopen(fd, "r+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            v, _ = _scan(fh, key)
            if not v.ok:
                return v
            rec = read_head(hp, key)
            was = ("missing" if rec is None else rec.problem or (rec.alarm or {}).get("reason")
                   or f"entries {rec.entries}")
            write_head(hp, key, HeadRecord(v.entries, v.head, None))
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    append("audit_seal", user=user, role=role, target_type="audit", target=path.name,
           detail={"entries": v.entries, "previous_head_record": was}, path=path)
    return verify(path)


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


def _targets(e: dict[str, Any]) -> Iterator[str]:
    yield f"{e.get('target_type') or ''}:{e.get('target') or ''}"
    ids = e.get("ids")
    if isinstance(ids, dict):
        for kind, keys in ids.items():
            for k in keys if isinstance(keys, list) else []:
                yield f"{kind}:{k}"


def search(*, user: str | None = None, event: str | None = None, target: str | None = None,
           since: str | None = None, until: str | None = None, limit: int = 500,
           path: Path | None = None) -> list[dict[str, Any]]:
    """Entries matching every given filter, newest first. `target` is a substring of `type:target`
    or of any `kind:id` in `ids`. `since`/`until` are ISO dates or times (UTC, compared as text
    prefixes; `until` is inclusive of its whole day)."""
    out = []
    for e in iter_entries(path):
        if user and e.get("user") != user:
            continue
        if event and e.get("event") != event:
            continue
        if target and not any(target in t for t in _targets(e)):
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
           ids: Mapping[str, Iterable[Any]] | Iterable[Any] | None = None,
           detail: dict[str, Any] | None = None, purpose: str | None = None,
           query_text: str | None = None) -> dict[str, Any]:
    """Append an entry for the current request's user (and the purpose given in the signed-in session).

    `ids`: the domain keys the user was shown — `{"person": [...], "household": [...]}`, or a
    plain list filed under `target_type`. `query_text`: a console query's text, verbatim (the only
    free text an entry may hold). Never pass names, phones, addresses or other values."""
    username, role, session_purpose, client = _who()
    return append(event, user=username, role=role, target_type=target_type, target=target,
                  purpose=purpose or session_purpose, detail=detail, client=client, ids=ids,
                  query_text=query_text)


def record_view(target_type: str, target: str, *, ids: Mapping[str, Iterable[Any]] | Iterable[Any] | None = None,
                purpose: str | None = None, detail: dict[str, Any] | None = None) -> dict[str, Any]:
    """A person, household or case was opened (`target_type` person|household|case|call)."""
    return record("view", target_type=target_type, target=str(target), ids=ids, purpose=purpose, detail=detail)


def record_query(name: str | None, params: dict[str, Any] | None = None, *, text: str | None = None,
                 rows: int | None = None, truncated: bool | None = None,
                 query_text: str | None = None) -> dict[str, Any]:
    """A query ran: its catalogue name, or the SHA-256 of its text (`text`); parameter keys only.
    `query_text` (console queries) also keeps the text itself."""
    detail: dict[str, Any] = {"param_keys": sorted(params or {})}
    if text is not None or query_text is not None:
        detail["sha256"] = text_sha256(query_text if query_text is not None else text or "")
    if rows is not None:
        detail["rows"] = rows
    if truncated:
        detail["truncated"] = True
    return record("query", target_type="query", target=name or "console", detail=detail, query_text=query_text)


def record_export(name: str, *, rows: int, fmt: str = "csv", params: dict[str, Any] | None = None,
                  ids: Mapping[str, Iterable[Any]] | Iterable[Any] | None = None,
                  query_text: str | None = None) -> dict[str, Any]:
    return record("export", target_type="export", target=name, ids=ids, query_text=query_text,
                  detail={"rows": rows, "format": fmt, "param_keys": sorted(params or {})})
