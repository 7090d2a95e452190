"""The local server's class-data archive (graph/class_archive.py): which flags a start gets, and
that only an archive written by a clean stop is ever mapped."""

from __future__ import annotations

import os
from pathlib import Path

from graph import class_archive as ca


def _lib(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "neo4j-a.jar").write_bytes(b"a")
    (lib / "neo4j-b.jar").write_bytes(b"bb")
    return lib


def test_the_archive_name_changes_with_the_jars_the_java_and_the_flags(tmp_path: Path) -> None:
    lib, java = _lib(tmp_path), tmp_path / "java"
    java.write_bytes(b"jvm")
    folder = tmp_path / "cds"
    first = ca.archive_path(folder, str(java), [lib], ["-Xmx1g"])
    assert first == ca.archive_path(folder, str(java), [lib], ["-Xmx1g"])     # stable
    assert first.parent == folder and first.name.endswith(".jsa")
    assert ca.archive_path(folder, str(java), [lib], ["-Xmx2g"]) != first    # another heap
    (lib / "neo4j-b.jar").write_bytes(b"upgraded")
    assert ca.archive_path(folder, str(java), [lib], ["-Xmx1g"]) != first    # another jar
    java.write_bytes(b"another jvm")
    os.utime(java, ns=(1, 1))
    assert ca.archive_path(folder, str(java), [lib], ["-Xmx1g"]) != first


def test_a_start_writes_first_and_maps_only_what_a_clean_stop_promoted(tmp_path: Path) -> None:
    path = tmp_path / "cds" / "neo4j-1.jsa"
    dumping = path.with_name(path.name + ca.DUMPING)
    assert ca.launch_flags(path) == [f"-XX:ArchiveClassesAtExit={dumping}"]
    assert not ca.uses_archive(ca.launch_flags(path))
    dumping.write_bytes(b"classes")              # what the JVM writes as it exits
    assert ca.launch_flags(path) == [f"-XX:ArchiveClassesAtExit={dumping}"]   # no stop seen: not used
    assert not dumping.exists()                  # and a killed server's half file is gone
    dumping.write_bytes(b"classes")
    ca.promote(path.parent)
    assert path.read_bytes() == b"classes" and not dumping.exists()
    assert ca.launch_flags(path) == [f"-XX:SharedArchiveFile={path}"]
    assert ca.uses_archive(ca.launch_flags(path))


def test_an_empty_dump_is_not_promoted_and_other_launches_archives_are_removed(tmp_path: Path) -> None:
    folder = tmp_path / "cds"
    folder.mkdir()
    (folder / "neo4j-old.jsa").write_bytes(b"old java")
    (folder / f"neo4j-new.jsa{ca.DUMPING}").write_bytes(b"")
    ca.promote(folder)
    assert not (folder / "neo4j-new.jsa").exists()
    ca.launch_flags(folder / "neo4j-new.jsa")
    assert not (folder / "neo4j-old.jsa").exists()
    (folder / "neo4j-new.jsa").write_bytes(b"x")
    ca.discard(folder)
    assert list(folder.iterdir()) == []
