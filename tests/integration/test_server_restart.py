"""The local server's restart (graph/server.py, graph/class_archive.py) against the real JVM: a
clean stop leaves a class-data archive that the next start maps, and a damaged archive (on
which JDK 17 crashes) is removed and the server started without it."""

from __future__ import annotations

from pathlib import Path

from graph.runner import Runner
from graph.server import LocalServer


def _command_line(pid: int | None) -> list[str]:
    assert pid is not None
    return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")


def test_a_clean_stop_leaves_an_archive_the_next_start_maps_and_a_damaged_one_is_dropped(runner: Runner) -> None:
    server = LocalServer(runner.settings)
    runner.write("MERGE (:Load {load_id: 'L-restart'})", name="test.restart_marker")
    assert server.stop(echo=lambda *_: None)
    archives = list(server.class_archive_dir.glob("*.jsa"))
    assert len(archives) == 1 and archives[0].stat().st_size > 10_000_000
    assert list(server.class_archive_dir.glob("*.dumping")) == []

    server.start(echo=lambda *_: None)
    assert f"-XX:SharedArchiveFile={archives[0]}" in _command_line(server.pid())
    assert runner.read_value("MATCH (l:Load {load_id: 'L-restart'}) RETURN count(l) AS n", name="test.restart") == 1

    server.stop(echo=lambda *_: None)
    data = archives[0].read_bytes()[:100_000]
    archives[0].chmod(0o644)
    archives[0].write_bytes(data)                 # truncated, as a full disk would leave it
    said: list[str] = []
    server.start(echo=said.append)
    assert any("class-data archive" in line for line in said)
    command = _command_line(server.pid())
    assert not any(arg.startswith("-XX:SharedArchiveFile") for arg in command)
    assert any(arg.startswith("-XX:ArchiveClassesAtExit=") for arg in command)   # written again at the next stop
    assert not archives[0].exists()
    assert runner.read_value("MATCH (l:Load {load_id: 'L-restart'}) RETURN count(l) AS n", name="test.restart") == 1
    runner.write("MATCH (l:Load {load_id: 'L-restart'}) DELETE l", name="test.restart_cleanup")
