"""The audit chain: every kind of tampering is detected at the right line."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest

from auth import audit


def _fill(path: Path, n: int = 5) -> list[dict]:
    return [audit.append("view", user=f"u{i}", role="analyst", target_type="person", target=f"P-{i}",
                         purpose="사례관리", path=path) for i in range(n)]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def test_an_untouched_chain_verifies(tmp_path: Path) -> None:
    p = tmp_path / "audit.jsonl"
    entries = _fill(p)
    v = audit.verify(p)
    assert (v.ok, v.entries, v.first_bad_line, v.head) == (True, 5, None, entries[-1]["hash"])
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o600
    assert entries[0]["prev"] == audit.GENESIS and entries[1]["prev"] == entries[0]["hash"]
    assert [e["seq"] for e in entries] == [1, 2, 3, 4, 5]


def test_an_edited_entry_is_found(tmp_path: Path) -> None:
    p = tmp_path / "audit.jsonl"
    _fill(p)
    lines = _lines(p)
    entry = json.loads(lines[2])
    entry["user"] = "someone-else"
    lines[2] = audit.canonical(entry)
    _write(p, lines)
    v = audit.verify(p)
    assert (v.ok, v.first_bad_line) == (False, 3) and "edited" in v.reason


def test_an_edited_entry_with_a_recomputed_hash_breaks_the_next_link(tmp_path: Path) -> None:
    p = tmp_path / "audit.jsonl"
    _fill(p)
    lines = _lines(p)
    entry = json.loads(lines[1])
    entry["target"] = "P-999"
    entry["hash"] = audit.entry_hash(entry)
    lines[1] = audit.canonical(entry)
    _write(p, lines)
    v = audit.verify(p)
    assert (v.ok, v.first_bad_line) == (False, 3)


def test_a_deleted_entry_is_found(tmp_path: Path) -> None:
    p = tmp_path / "audit.jsonl"
    _fill(p)
    lines = _lines(p)
    del lines[1]
    _write(p, lines)
    assert (audit.verify(p).ok, audit.verify(p).first_bad_line) == (False, 2)


def test_a_deleted_last_entry_is_found_with_the_expected_head(tmp_path: Path) -> None:
    p = tmp_path / "audit.jsonl"
    entries = _fill(p)
    _write(p, _lines(p)[:-1])
    assert audit.verify(p).ok  # truncation alone keeps a valid chain...
    v = audit.verify(p, expect_head=entries[-1]["hash"])
    assert not v.ok and "head" in v.reason  # ...which the recorded head hash reveals


def test_reordered_entries_are_found(tmp_path: Path) -> None:
    p = tmp_path / "audit.jsonl"
    _fill(p)
    lines = _lines(p)
    lines[1], lines[2] = lines[2], lines[1]
    _write(p, lines)
    assert (audit.verify(p).ok, audit.verify(p).first_bad_line) == (False, 2)


def test_an_inserted_entry_is_found(tmp_path: Path) -> None:
    p = tmp_path / "audit.jsonl"
    _fill(p)
    lines = _lines(p)
    forged = json.loads(lines[1])
    forged.update(user="intruder", seq=3)
    forged["hash"] = audit.entry_hash(forged)
    lines.insert(2, audit.canonical(forged))
    _write(p, lines)
    v = audit.verify(p)
    assert (v.ok, v.first_bad_line) == (False, 3)


def test_a_garbled_line_is_found(tmp_path: Path) -> None:
    p = tmp_path / "audit.jsonl"
    _fill(p)
    lines = _lines(p)
    lines[3] = lines[3][:-5]
    _write(p, lines)
    assert (audit.verify(p).ok, audit.verify(p).first_bad_line) == (False, 4)


def test_concurrent_writers_keep_one_chain(tmp_path: Path) -> None:
    p = tmp_path / "audit.jsonl"

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


def test_search_filters_and_orders_newest_first(tmp_path: Path) -> None:
    p = tmp_path / "audit.jsonl"
    audit.append("signin_ok", user="kim", role="analyst", path=p)
    audit.append("view", user="kim", role="analyst", target_type="household", target="H-7", path=p)
    audit.append("view", user="lee", role="council", target_type="case", target="K-1", path=p)
    audit.append("export", user="kim", role="analyst", target_type="export", target="repeat_victims", path=p)
    assert [e["event"] for e in audit.search(user="kim", path=p)] == ["export", "view", "signin_ok"]
    assert [e["target"] for e in audit.search(event="view", path=p)] == ["K-1", "H-7"]
    assert [e["user"] for e in audit.search(target="household:H-7", path=p)] == ["kim"]
    today = audit.search(path=p)[0]["ts"][:10]
    assert len(audit.search(since=today, until=today, path=p)) == 4
    assert audit.search(until="2000-01-01", path=p) == []


def test_unknown_events_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        audit.append("looked_around", user="x", role="admin", path=tmp_path / "a.jsonl")


def test_query_entries_carry_hash_and_keys_but_no_values(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("JSS_AUDIT_FILE", str(tmp_path / "a.jsonl"))
    text = "MATCH (p:PersonRecord {name: $name}) RETURN p"
    e = audit.record_query(None, {"name": "김영희", "birth": "1985"}, text=text, rows=3)
    raw = (tmp_path / "a.jsonl").read_text(encoding="utf-8")
    assert "김영희" not in raw and "1985" not in raw and "PersonRecord" not in raw
    assert e["detail"] == {"param_keys": ["birth", "name"], "sha256": audit.text_sha256(text), "rows": 3}
