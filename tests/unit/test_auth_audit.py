"""The audit chain: every kind of tampering is detected at the right line, without --expect-head."""

from __future__ import annotations

import hashlib
import hmac
import json
import multiprocessing
import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from auth import audit, audit_keys
from auth.audit_keys import AuditKeyError
from cli.audit import command as audit_cli


@pytest.fixture
def p(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The audit file, with the data folder (generated key, head records) in tmp_path too."""
    monkeypatch.setenv("JSS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JSS_AUDIT_FILE", str(tmp_path / "audit.jsonl"))
    monkeypatch.delenv("JSS_AUDIT_KEY", raising=False)
    monkeypatch.delenv("JSS_SECRET_KEY", raising=False)
    return tmp_path / "audit.jsonl"


def _fill(path: Path, n: int = 5) -> list[dict]:
    return [audit.append("view", user=f"u{i}", role="analyst", target_type="person", target=f"P-{i}",
                         purpose="사례관리", path=path) for i in range(n)]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _key() -> bytes:
    key = audit_keys.audit_key(create=False)
    assert key
    return key


def _bad(path: Path) -> tuple[int | None, str]:
    v = audit.verify(path)
    assert not v.ok
    return v.first_bad_line, v.reason


def _plain(entry: dict) -> str:
    return hashlib.sha256(audit.canonical({k: v for k, v in entry.items() if k != "hash"}).encode()).hexdigest()


def _rechain(path: Path, sign, drop_fields: tuple[str, ...] = ()) -> None:
    """Rewrite the whole file with every `prev`/`hash` recomputed by `sign(entry)` — what someone
    with write access but without the audit key can do."""
    prev, out = audit.GENESIS, []
    for line in _lines(path):
        entry = {k: v for k, v in json.loads(line).items() if k not in drop_fields}
        entry["user"] = "someone-else"
        entry["prev"] = prev
        entry["hash"] = prev = sign(entry)
        out.append(audit.canonical(entry))
    _write(path, out)


def test_an_untouched_chain_verifies(p: Path) -> None:
    entries = _fill(p)
    v = audit.verify(p)
    assert (v.ok, v.entries, v.first_bad_line, v.head) == (True, 5, None, entries[-1]["hash"])
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o600
    assert entries[0]["prev"] == audit.GENESIS and entries[1]["prev"] == entries[0]["hash"]
    assert [e["seq"] for e in entries] == [1, 2, 3, 4, 5]
    key_file = audit_keys.key_path(audit_keys.load_settings())
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    key = key_file.read_text(encoding="utf-8").strip()
    assert len(key) >= 32 and key not in p.read_text(encoding="utf-8")
    # The hash is the HMAC of the entry (prev included), not a hash anyone could recompute.
    assert entries[2]["hash"] == hmac.new(key.encode(), audit.canonical(
        {k: v for k, v in entries[2].items() if k != "hash"}).encode(), hashlib.sha256).hexdigest()
    assert entries[2]["hash"] != _plain(entries[2])
    head = audit_keys.read_head(audit_keys.head_path(p), key.encode())
    assert head is not None and (head.entries, head.head, head.alarm, head.problem) == (5, v.head, None, "")


def test_an_edited_entry_is_found(p: Path) -> None:
    _fill(p)
    lines = _lines(p)
    entry = json.loads(lines[2])
    entry["user"] = "someone-else"
    lines[2] = audit.canonical(entry)
    _write(p, lines)
    line, reason = _bad(p)
    assert line == 3 and "edited" in reason


def test_an_edited_entry_with_a_recomputed_keyed_hash_breaks_the_next_link(p: Path) -> None:
    _fill(p)
    lines = _lines(p)
    entry = json.loads(lines[1])
    entry["target"] = "P-999"
    entry["hash"] = audit.entry_hash(entry, _key())   # even with the key, the next line's `prev` differs
    lines[1] = audit.canonical(entry)
    _write(p, lines)
    assert _bad(p)[0] == 3


def test_a_deleted_entry_is_found(p: Path) -> None:
    _fill(p)
    lines = _lines(p)
    del lines[1]
    _write(p, lines)
    line, reason = _bad(p)
    assert line == 2 and "link" in reason


def test_reordered_entries_are_found(p: Path) -> None:
    _fill(p)
    lines = _lines(p)
    lines[1], lines[2] = lines[2], lines[1]
    _write(p, lines)
    assert _bad(p)[0] == 2


def test_an_inserted_entry_is_found(p: Path) -> None:
    _fill(p)
    lines = _lines(p)
    forged = json.loads(lines[1])
    forged.update(user="intruder", seq=3)
    forged["hash"] = audit.entry_hash(forged, _key())
    lines.insert(2, audit.canonical(forged))
    _write(p, lines)
    assert _bad(p)[0] == 3


def test_a_garbled_line_is_found(p: Path) -> None:
    _fill(p)
    lines = _lines(p)
    lines[3] = lines[3][:-5]
    _write(p, lines)
    assert _bad(p) == (4, "not valid JSON")


def test_a_whole_rewrite_with_recomputed_plain_sha256_hashes_is_found(p: Path) -> None:
    _fill(p)
    _rechain(p, _plain)                         # keeps "v" and "kid", plain hashes
    line, reason = _bad(p)
    assert line == 1 and "keyed hash" in reason


def test_a_whole_rewrite_in_the_old_format_is_found(p: Path) -> None:
    _fill(p)
    _rechain(p, _plain, drop_fields=("v", "kid"))   # exactly what the previous version wrote
    line, reason = _bad(p)
    assert line == 1 and "previous format" in reason and "plain SHA-256" in reason


def test_a_whole_rewrite_with_another_key_is_found(p: Path) -> None:
    _fill(p)
    other = b"k" * 64

    def sign(entry: dict) -> str:
        entry["kid"] = audit_keys.key_id(other)
        return audit.entry_hash(entry, other)

    _rechain(p, sign)
    line, reason = _bad(p)
    assert line == 1 and "another audit key" in reason

    def sign_as_us(entry: dict) -> str:
        entry["kid"] = audit_keys.key_id(_key())        # the right key id (it is public), the wrong key
        return audit.entry_hash(entry, other)

    _rechain(p, sign_as_us)
    assert _bad(p)[0] == 1


def test_a_file_of_the_previous_format_gets_a_clear_message_even_after_new_appends(p: Path) -> None:
    prev, lines = audit.GENESIS, []
    for i in range(1, 4):                   # as the previous version wrote them
        e = {"seq": i, "ts": "2024-01-01T00:00:00.000+00:00", "event": "view", "user": "kim", "role": "analyst",
             "target_type": "person", "target": f"P-{i}", "purpose": None, "detail": {}, "client": None,
             "prev": prev}
        e["hash"] = prev = _plain(e)
        lines.append(audit.canonical(e))
    _write(p, lines)
    assert _bad(p)[0] == 1
    _fill(p, 2)                             # the app keeps auditing into it...
    line, reason = _bad(p)                  # ...and the old part is still named
    assert line == 1 and "previous format" in reason and "archive" in reason
    # What the message says to do: move it away, seal; the new trail then verifies.
    p.rename(p.with_name("audit-old.jsonl"))
    _fill(p, 1)                             # an entry written before the seal: found as a cut file...
    assert "removed from the end" in _bad(p)[1]
    v = audit.seal(user="cli:admin", role="cli", path=p)       # ...until the admin seals
    assert (v.ok, v.entries) == (True, 2)


def test_entries_removed_from_the_end_are_found_without_the_expected_head(p: Path) -> None:
    entries = _fill(p)
    _write(p, _lines(p)[:-2])
    line, reason = _bad(p)
    assert line is None and "removed from the end" in reason
    # Later appends do not make the shortened file look whole again...
    _fill(p, 4)
    assert "removed from the end" in _bad(p)[1]
    # ...and the recorded head hash still works as before.
    assert not audit.verify(p, expect_head=entries[-1]["hash"]).ok


def test_an_emptied_or_deleted_file_is_found(p: Path) -> None:
    _fill(p)
    _write(p, [])
    assert "missing or empty" in _bad(p)[1]
    p.unlink()
    assert "missing or empty" in _bad(p)[1]


def test_a_missing_or_altered_head_record_is_found_and_seal_clears_it(p: Path) -> None:
    _fill(p)
    hp = audit_keys.head_path(p)
    record = json.loads(hp.read_text())
    record["entries"] = 2
    hp.write_text(json.dumps(record))
    assert "altered" in _bad(p)[1]
    hp.unlink()
    assert "no head record" in _bad(p)[1]
    v = audit.seal(user="cli:admin", role="cli", path=p)
    assert v.ok and v.entries == 6
    last = list(audit.iter_entries(p))[-1]
    assert (last["event"], last["detail"]) == ("audit_seal", {"entries": 5, "previous_head_record": "missing"})


def test_a_broken_chain_is_never_sealed(p: Path) -> None:
    _fill(p)
    lines = _lines(p)
    del lines[2]
    _write(p, lines)
    v = audit.seal(user="x", role="cli", path=p)
    assert (v.ok, v.first_bad_line) == (False, 3)
    assert len(_lines(p)) == 4                  # nothing appended


def test_concurrent_writers_keep_one_chain(p: Path) -> None:
    def work(k: int) -> None:
        for i in range(25):
            audit.append("query", user=f"w{k}", role="analyst", target="q", detail={"i": i}, path=p)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    v = audit.verify(p)
    assert (v.ok, v.entries) == (True, 100)


def _worker(path: str, k: int) -> None:
    for i in range(15):
        audit.append("view", user=f"p{k}", role="analyst", target_type="person", target=f"P-{i}", path=Path(path))


def test_writers_in_several_processes_serialise_and_share_one_generated_key(p: Path) -> None:
    ctx = multiprocessing.get_context("fork")   # like gunicorn workers: separate processes, one file
    procs = [ctx.Process(target=_worker, args=(str(p), k)) for k in range(3)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
    assert [proc.exitcode for proc in procs] == [0, 0, 0]
    v = audit.verify(p)
    assert (v.ok, v.entries) == (True, 45)


def test_the_key_setting(p: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JSS_AUDIT_KEY", "short")
    with pytest.raises(AuditKeyError, match="at least 32"):
        audit.append("view", user="u", role="analyst", path=p)
    monkeypatch.setenv("JSS_AUDIT_KEY", "s" * 40)
    monkeypatch.setenv("JSS_SECRET_KEY", "s" * 40)
    with pytest.raises(AuditKeyError, match="session secret"):
        audit.append("view", user="u", role="analyst", path=p)
    monkeypatch.delenv("JSS_SECRET_KEY")
    secret_file = audit_keys.load_settings().data_dir / "secret-key"     # the generated session secret
    secret_file.parent.mkdir(parents=True)
    secret_file.write_text("s" * 40 + "\n")
    with pytest.raises(AuditKeyError, match="session secret"):
        audit.append("view", user="u", role="analyst", path=p)
    secret_file.write_text("another secret of forty characters......\n")
    _fill(p, 3)
    assert audit.verify(p).ok
    assert not audit_keys.key_path(audit_keys.load_settings()).exists()   # no file when the setting is used
    monkeypatch.setenv("JSS_AUDIT_KEY", "t" * 40)                      # a changed key
    line, reason = _bad(p)
    assert line == 1 and "another audit key" in reason


def test_verify_without_any_key_says_so(p: Path) -> None:
    _fill(p, 2)
    audit_keys.key_path(audit_keys.load_settings()).unlink()
    assert "no audit key" in _bad(p)[1]


def test_search_filters_and_orders_newest_first(p: Path) -> None:
    audit.append("signin_ok", user="kim", role="analyst", path=p)
    audit.append("view", user="kim", role="analyst", target_type="household", target="H-7",
                 ids={"person": ["P-2", "P-1"]}, path=p)
    audit.append("view", user="lee", role="council", target_type="case", target="K-1", path=p)
    audit.append("export", user="kim", role="analyst", target_type="export", target="repeat_victims", path=p)
    assert [e["event"] for e in audit.search(user="kim", path=p)] == ["export", "view", "signin_ok"]
    assert [e["target"] for e in audit.search(event="view", path=p)] == ["K-1", "H-7"]
    assert [e["user"] for e in audit.search(target="household:H-7", path=p)] == ["kim"]
    assert [e["target"] for e in audit.search(target="person:P-1", path=p)] == ["H-7"]   # found by its ids
    today = audit.search(path=p)[0]["ts"][:10]
    assert len(audit.search(since=today, until=today, path=p)) == 4
    assert audit.search(until="2000-01-01", path=p) == []


def test_unknown_events_and_non_key_ids_are_refused(p: Path) -> None:
    with pytest.raises(ValueError):
        audit.append("looked_around", user="x", role="admin", path=p)
    for bad in (["P-1", ""], ["x" * 201], ["P-1\nforged"], [{"name": "김영희"}], [True]):
        with pytest.raises(ValueError, match="domain keys"):
            audit.append("view", user="x", role="admin", target_type="person", ids=bad, path=p)
    assert not p.exists() or _lines(p) == []


def test_query_entries_carry_hash_and_keys_but_no_values(p: Path) -> None:
    text = "MATCH (p:PersonRecord {name: $name}) RETURN p"
    e = audit.record_query(None, {"name": "김영희", "birth": "1985"}, text=text, rows=3)
    raw = p.read_text(encoding="utf-8")
    assert "김영희" not in raw and "1985" not in raw and "PersonRecord" not in raw
    assert e["detail"] == {"param_keys": ["birth", "name"], "sha256": audit.text_sha256(text), "rows": 3}
    assert "query_text" not in e and "ids" not in e


def test_console_query_text_and_viewed_ids_are_recorded(p: Path) -> None:
    text = "MATCH (p:Person) WHERE p.person_id = $id RETURN p.name"
    q = audit.record_query(None, {"id": "P-1"}, query_text=text, rows=1)
    assert q["query_text"] == text and q["detail"]["sha256"] == audit.text_sha256(text)
    assert "P-1" not in json.dumps(q["detail"])           # parameter values still never
    v = audit.record("view", target_type="household", target="H-7", ids={"person": ["P-3", "P-1", "P-3"]},
                     purpose="위험평가")
    assert (v["ids"], v["purpose"]) == ({"person": ["P-1", "P-3"]}, "위험평가")
    w = audit.record_view("person", "P-9", ids=["P-9"])
    assert w["ids"] == {"person": ["P-9"]}
    assert audit.verify(p).ok and [e["seq"] for e in audit.iter_entries(p)] == [1, 2, 3]


def test_cli_verify_names_the_line_and_seal_needs_a_whole_chain(p: Path) -> None:
    runner = CliRunner()
    entries = _fill(p)
    ok = runner.invoke(audit_cli, ["verify"])
    assert ok.exit_code == 0 and "5 entries" in ok.output
    assert runner.invoke(audit_cli, ["show", "--head"]).output.strip() == entries[-1]["hash"]
    lines = _lines(p)
    lines[1], lines[3] = lines[3], lines[1]
    _write(p, lines)
    bad = runner.invoke(audit_cli, ["verify"])
    assert bad.exit_code == 1 and "BROKEN at line 2" in bad.output
    assert runner.invoke(audit_cli, ["seal", "--yes"]).exit_code == 1
    lines[1], lines[3] = lines[3], lines[1]
    _write(p, lines[:-1])
    assert "end of file" in runner.invoke(audit_cli, ["verify"]).output
    sealed = runner.invoke(audit_cli, ["seal", "--yes"])
    assert sealed.exit_code == 0 and "sealed: 5 entries" in sealed.output
    assert runner.invoke(audit_cli, ["verify"]).exit_code == 0
