"""The children of `jss load --bulk` finish their work only on a complete list of validated files."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from loaders import bulk_child

REPO = Path(__file__).resolve().parents[2]


def test_files_are_read_in_the_order_named_and_rejected_rows_left_out(tmp_path: Path) -> None:
    spill = tmp_path / "agencies.pkl"
    with spill.open("wb") as fh:
        pickle.dump([{"row": 2, "key": "A"}, {"row": 3, "key": "B"}], fh)
        pickle.dump([{"row": 4, "key": "C"}], fh)
    rejected = tmp_path / "rejected.pickle"
    rejected.write_bytes(pickle.dumps(frozenset({3})))
    lines = [json.dumps({"stem": "agencies", "spill": str(spill), "rejected": str(rejected)}) + "\n",
             json.dumps(bulk_child.END) + "\n"]
    state: dict = {}
    got = [(stem, [r["key"] for r in rows]) for stem, rows in bulk_child._files(iter(lines), state)]
    assert got == [("agencies", ["A", "C"])]
    assert state == {"complete": True}


def test_a_list_without_its_end_line_is_refused(tmp_path: Path) -> None:
    with pytest.raises(bulk_child.Incomplete):
        list(bulk_child._files(iter([]), {}))
    # The child itself exits 3 and writes nothing when the loader stops before naming every file.
    out = tmp_path / "out"
    for job in (["resolution", str(out), "L1", str(tmp_path / "in"), "2026-01-01T00:00:00+00:00"],
                ["import-files", str(out), "L1"]):
        done = subprocess.run([sys.executable, "-m", "loaders.bulk_child", *job], input="", capture_output=True,
                              text=True, cwd=REPO, timeout=120)
        assert done.returncode == bulk_child.INCOMPLETE, done.stderr
        assert "without its end line" in done.stderr
        assert not list(out.glob("**/*.header.csv")) and not (out / "summary.json").exists()
