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
    got = [(stem, [r["key"] for r in rows]) for stem, rows in bulk_child._files(iter(lines))]
    assert got == [("agencies", ["A", "C"])]       # and the end line ends it without Incomplete


def test_a_list_without_its_end_line_is_refused(tmp_path: Path) -> None:
    with pytest.raises(bulk_child.Incomplete):
        list(bulk_child._files(iter([])))
    # The child itself exits 3 and writes nothing when the loader stops before naming every file.
    out = tmp_path / "out"
    for job in (["resolution", str(out), "L1", str(tmp_path / "in"), "2026-01-01T00:00:00+00:00"],
                ["import-files", str(out), "L1"]):
        done = subprocess.run([sys.executable, "-m", "loaders.bulk_child", *job], input="", capture_output=True,
                              text=True, cwd=REPO, timeout=120)
        assert done.returncode == bulk_child.INCOMPLETE, done.stderr
        assert "without its end line" in done.stderr
        assert not list(out.glob("**/*.header.csv")) and not (out / "summary.json").exists()


def _validated_mixed(tmp_path: Path) -> tuple[list, list[str]]:
    """The mixed bundle validated as the loader validates it, and the lines it sends a child."""
    from loaders.bundle import validate_bundle
    from loaders.refs import Refs

    mixed = REPO / "tests" / "fixtures" / "bundles" / "mixed"
    (tmp_path / "spill").mkdir()
    validated, _ = validate_bundle(mixed, Refs(graph=None), tmp_path / "spill")
    lines = []
    for v in validated:
        path = tmp_path / f"{v.src.stem}.rejected"
        path.write_bytes(pickle.dumps(frozenset(v.log.rows)))
        lines.append(json.dumps({"stem": v.src.stem, "spill": str(v.spill), "rejected": str(path)}))
    lines.append(json.dumps(bulk_child.END))
    return validated, lines


def test_the_import_files_child_writes_the_files_the_loader_writes(tmp_path: Path) -> None:
    """Without resolution the child writes the import files (`jss load --bulk` without people);
    with it the loader writes them itself. Both must be the same bytes: the integration test
    (tests/integration/test_load_bulk.py) imports the loader's and compares the graph."""
    from loaders.bulk import write_import_files

    validated, lines = _validated_mixed(tmp_path)
    child_out = tmp_path / "child"
    done = subprocess.run([sys.executable, "-m", "loaders.bulk_child", "import-files", str(child_out), "L1"],
                          input="\n".join(lines) + "\n", capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    nodes, rels, counts = write_import_files(validated, "L1", tmp_path / "loader")
    assert len(nodes) >= 8 and len(rels) >= 8 and sum(counts.values()) > 34
    mine = {f.name: f.read_bytes() for f in (tmp_path / "loader").iterdir()}
    theirs = {f.name: f.read_bytes() for f in child_out.iterdir()}
    assert sorted(mine) == sorted(theirs)
    assert [n for n in mine if mine[n] != theirs[n]] == []


def test_the_resolution_child_resolves_validated_files_and_logs_its_stages(tmp_path: Path) -> None:
    _, lines = _validated_mixed(tmp_path)
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "loaders.bulk_child", "resolution", str(out), "L1",
                           str(tmp_path / "in"), "2026-01-01T00:00:00+00:00"], input="\n".join(lines) + "\n",
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "resolution people:" in done.stderr          # operators see the stage times
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["gathered"]["records"] == summary["records"] > 0 and summary["gather_s"] >= 0
    assert (out / "rel-RESOLVES_TO-PersonRecord-Person.csv").read_text(encoding="utf-8").count("\n") == \
        summary["records"]
