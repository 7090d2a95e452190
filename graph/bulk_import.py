"""Neo4j's own offline import tool (`neo4j-admin database import full`) for the local server.

Used by `jss load --bulk` on an EMPTY database and by the benchmarks as the engine's upper bound.
The tool writes the store directly, so the server must be stopped; it is restarted afterwards and
the schema (constraints, indexes) is applied on the imported data.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from graph import errors
from graph.server import ADMIN_TOOL, LocalServer
from graph.settings import Settings


@dataclass(frozen=True)
class ImportGroup:
    """One `--nodes` or `--relationships` argument: a label list (`A:B`) or a relationship type,
    and its files (a header file first, then data files)."""

    name: str
    files: tuple[Path, ...]

    def argument(self, kind: str) -> str:
        return f"--{kind}={self.name}=" + ",".join(str(f) for f in self.files)


@dataclass
class ImportReport:
    seconds: float
    command_seconds: float
    restart_seconds: float
    output_tail: str


def import_full(settings: Settings, nodes: list[ImportGroup], relationships: list[ImportGroup], *,
                work_dir: Path, threads: int | None = None, echo=print) -> ImportReport:
    """Replace the local database with the given CSV files (the tool's `--overwrite-destination`).

    Only for the project's own local server: a server named by NEO4J_URI cannot be imported into
    from here.
    """
    if not settings.uses_local_server:
        raise errors.ServerError("bulk import needs the local server: NEO4J_URI names a remote one")
    server = LocalServer(settings)
    server.install(echo)
    server.write_conf()
    started = time.perf_counter()
    was_running = server.pid() is not None
    if was_running:
        server.stop(echo=lambda *_: None)
    work_dir.mkdir(parents=True, exist_ok=True)
    cmd = server.java_command(
        # The database name goes first: the tool's file-list options are varargs and would
        # swallow a trailing positional argument.
        ADMIN_TOOL, "database", "import", "full", settings.neo4j_database, "--overwrite-destination=true",
        "--id-type=string", "--array-delimiter=U+001F", "--multiline-fields=true",
        f"--report-file={work_dir / 'import.report'}",
        *([f"--threads={threads}"] if threads else []),
        *(g.argument("nodes") for g in nodes), *(g.argument("relationships") for g in relationships))
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=server._env(), cwd=server.home, capture_output=True, text=True)
    command_seconds = time.perf_counter() - t0
    out = (proc.stdout + proc.stderr)[-4000:]
    if proc.returncode != 0:
        if was_running:
            server.start(echo=lambda *_: None)
        raise errors.ServerError(f"neo4j-admin import failed (exit {proc.returncode}):\n{out}")
    t1 = time.perf_counter()
    server.ensure_password()
    server.start(echo=lambda *_: None)
    restart_seconds = time.perf_counter() - t1
    return ImportReport(seconds=time.perf_counter() - started, command_seconds=command_seconds,
                        restart_seconds=restart_seconds, output_tail=out)
