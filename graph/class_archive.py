"""A class-data archive for the local Neo4j's JVM (Java's AppCDS), so a restart does not load
and verify Neo4j's ≈20,000 classes from the jars again.

The first start of a given Java, jar set, heap and flag set runs with
`-XX:ArchiveClassesAtExit`: when that server stops cleanly, the JVM writes the classes it loaded
into the archive (that one stop takes ≈10 s longer). Every later start maps the archive with
`-XX:SharedArchiveFile`. The file's name carries a hash of everything the archive depends on, so
an upgrade of Java or Neo4j, or another heap size, makes a new archive instead of a refused one.
An archive is written under a temporary name and only used after the server that wrote it
stopped cleanly; if the JVM still dies while starting with one, the launcher removes it and starts
again without (JDK 17 crashes on a damaged archive instead of ignoring it).

Measured on this 2-core machine (a near-empty store): start 13–20 s without, 7.3–7.9 s with.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

SUFFIX = ".jsa"
DUMPING = ".dumping"


def archive_path(folder: Path, java: str, lib_dirs: Iterable[Path], jvm_args: Iterable[str]) -> Path:
    """Where the archive for this launch lives: `<folder>/neo4j-<hash>.jsa`. The hash covers the
    real Java binary (its path, size and time), every jar (name, size, time) and the JVM
    arguments, which is what the JVM checks before it maps an archive."""
    digest = hashlib.sha256()
    real_java = os.path.realpath(java)
    digest.update(_stamp(Path(real_java)).encode())
    for folder_of_jars in lib_dirs:
        if folder_of_jars.is_dir():
            for jar in sorted(folder_of_jars.glob("*.jar")):
                digest.update(_stamp(jar).encode())
    digest.update("\0".join(jvm_args).encode())
    return folder / f"neo4j-{digest.hexdigest()[:16]}{SUFFIX}"


def _stamp(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return f"{path}|missing\n"
    return f"{path}|{st.st_size}|{st.st_mtime_ns}\n"


def launch_flags(path: Path) -> list[str]:
    """Map the archive if a clean stop has written it; otherwise ask this JVM to write it when it
    stops, under a `.dumping` name that only `promote` (after a clean stop) turns into the
    archive: JDK 17 crashes on a truncated archive instead of ignoring it. Archives of other
    launches in the folder are removed (≈140 MB each)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    dumping = _dumping(path)
    for other in [*path.parent.glob(f"*{SUFFIX}"), *path.parent.glob(f"*{SUFFIX}{DUMPING}")]:
        if other not in (path, dumping):
            other.unlink(missing_ok=True)
    if path.is_file() and path.stat().st_size > 0:
        return [f"-XX:SharedArchiveFile={path}"]
    path.unlink(missing_ok=True)
    dumping.unlink(missing_ok=True)
    return [f"-XX:ArchiveClassesAtExit={dumping}"]


def uses_archive(flags: Iterable[str]) -> bool:
    return any(f.startswith("-XX:SharedArchiveFile=") for f in flags)


def promote(folder: Path) -> None:
    """After a server stopped cleanly: the archive its JVM wrote at exit becomes the one later
    starts map."""
    if folder.is_dir():
        for dumping in folder.glob(f"*{SUFFIX}{DUMPING}"):
            if dumping.stat().st_size > 0:
                os.replace(dumping, folder / dumping.name[: -len(DUMPING)])


def discard(folder: Path) -> None:
    """Remove every archive in `folder` (one the JVM refused, or one a killed server was writing)."""
    if folder.is_dir():
        for path in [*folder.glob(f"*{SUFFIX}"), *folder.glob(f"*{SUFFIX}{DUMPING}")]:
            path.unlink(missing_ok=True)


def _dumping(path: Path) -> Path:
    return path.with_name(path.name + DUMPING)
