"""A `jss load` killed mid-write and run again ends in exactly the graph an uninterrupted load
makes (MERGE-only writes, a load id derived from the bundle's bytes, a Load node started/complete)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from graph.runner import Runner
from loaders.bundle import bundle_load_id, load_bundle
from loaders.snapshot import snapshot
from synth import generate


def start_load(bundle: Path, rejects: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cli.main", "load", str(bundle), "--rejects", str(rejects),
                             "--no-resolution", "--batch-size", "50"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ})


def test_killed_load_completes_when_rerun(empty_graph: Runner, tmp_path: Path) -> None:
    bundle = tmp_path / "small"
    generate("jeju", bundle, seed=7, scale=0.02)
    load_id = bundle_load_id(bundle)
    load_bundle(bundle, empty_graph, rejects=tmp_path / "clean.csv", run_resolution=False)
    clean = snapshot(empty_graph)
    assert clean["nodes"]["PersonRecord"] > 500

    empty_graph.delete_all(name="test.wipe")
    proc = start_load(bundle, tmp_path / "killed.csv")
    deadline = time.monotonic() + 240
    try:
        # Kill once call persons are being written: calls are in, later files are not.
        while time.monotonic() < deadline and proc.poll() is None:
            if empty_graph.read_value("MATCH (p:PersonRecord) RETURN count(p)", name="test.poll"):
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the load finished before it could be interrupted"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    partial = snapshot(empty_graph)
    assert partial["nodes"].get("PersonRecord", 0) < clean["nodes"]["PersonRecord"]
    assert empty_graph.read_value("MATCH (l:Load {load_id: $id}) RETURN l.status", {"id": load_id},
                                  name="test.status") == "started"

    rerun = start_load(bundle, tmp_path / "rerun.csv")
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err.decode()
    assert snapshot(empty_graph)["lines"] == clean["lines"]
    assert empty_graph.read_value("MATCH (l:Load {load_id: $id}) RETURN l.status", {"id": load_id},
                                  name="test.status") == "complete"
    assert (tmp_path / "rerun.csv").read_text(encoding="utf-8-sig") == \
        (tmp_path / "clean.csv").read_text(encoding="utf-8-sig")
