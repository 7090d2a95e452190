"""The project's own local Neo4j 5.26 Community server, for machines without Docker.

`install` resolves `org.neo4j:neo4j:<version>` from Maven Central into a git-ignored folder (with
Maven's local repository inside it, so nothing is cached outside the clone); `start` writes a
`neo4j.conf`, sets the generated password once with Neo4j's own admin tool, and runs the stock
server entry point (`org.neo4j.server.CommunityEntryPoint`, what `neo4j console` runs) in the
background, then waits until Bolt answers. Logs go to `<home>/logs/`.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from graph import class_archive, errors
from graph.settings import Settings

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
# JVM flags of Neo4j's own launcher for Java 17 (operations manual, "JVM additional" defaults).
JVM_FLAGS = [
    "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields", "-XX:+DisableExplicitGC", "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true", "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true", "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED", "-Dlog4j2.disable.jmx=true", "-Dfile.encoding=UTF-8",
]
_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.jss</groupId><artifactId>neo4j-server</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>{version}</version></dependency>
  </dependencies>
</project>
"""


@dataclass(frozen=True)
class Status:
    running: bool
    uri: str
    pid: int | None = None
    version: str | None = None
    detail: str = ""


class LocalServer:
    """Paths and lifecycle of the local server described by `settings`."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.home = settings.data_dir / "neo4j"
        self.dist = settings.neo4j_dist_dir / settings.neo4j_version
        self.lib = self.dist / "lib"
        self.conf_dir = self.home / "conf"
        self.pid_file = self.home / "run" / "jss-neo4j.pid"
        self.console_log = self.home / "logs" / "console.log"
        self.class_archive_dir = self.home / "cds"

    # --- install -------------------------------------------------------------------------------
    def installed(self) -> bool:
        return (self.lib / f"neo4j-{self.settings.neo4j_version}.jar").exists()

    def install(self, echo=print) -> None:
        if self.installed():
            return
        mvn = shutil.which("mvn")
        if not mvn:
            raise errors.ServerError("Maven (`mvn`) is not on the PATH: install Maven and Java 17 first")
        self.dist.mkdir(parents=True, exist_ok=True)
        (self.dist / "pom.xml").write_text(_POM.format(version=self.settings.neo4j_version), encoding="utf-8")
        echo(f"resolving org.neo4j:neo4j:{self.settings.neo4j_version} from Maven Central into {self.lib} …")
        tmp_lib = self.dist / "lib.partial"
        shutil.rmtree(tmp_lib, ignore_errors=True)
        cmd = [mvn, "-q", "-B", "-f", str(self.dist / "pom.xml"), "dependency:copy-dependencies",
               f"-Dmaven.repo.local={self.settings.maven_repo.expanduser()}", f"-DoutputDirectory={tmp_lib}"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise errors.ServerError(f"Maven could not resolve Neo4j {self.settings.neo4j_version}:\n"
                                     f"{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
        shutil.rmtree(self.lib, ignore_errors=True)
        tmp_lib.rename(self.lib)  # only a complete download becomes `lib`

    # --- configuration ------------------------------------------------------------------------
    def java(self) -> str:
        if self.settings.java_home:
            return str(Path(self.settings.java_home) / "bin" / "java")
        found = shutil.which("java")
        if not found:
            raise errors.ServerError("Java 17 is not on the PATH (set JAVA_HOME)")
        return found

    def write_conf(self) -> Path:
        s = self.settings
        for sub in ("conf", "data", "logs", "run", "import", "plugins", "licenses"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        lines = [
            "# Generated by `jss db start` from JSS Graph settings; edits are overwritten.",
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{s.neo4j_bolt_port}",
            f"server.bolt.advertised_address=127.0.0.1:{s.neo4j_bolt_port}",
            "server.http.enabled=true",
            f"server.http.listen_address=127.0.0.1:{s.neo4j_http_port}",
            "server.https.enabled=false",
            f"server.directories.data={self.home / 'data'}",
            f"server.directories.logs={self.home / 'logs'}",
            f"server.directories.run={self.home / 'run'}",
            f"server.directories.import={self.home / 'import'}",
            f"server.directories.plugins={self.home / 'plugins'}",
            f"server.directories.lib={self.lib}",
            f"server.memory.heap.initial_size={s.neo4j_heap}",
            f"server.memory.heap.max_size={s.neo4j_heap}",
            f"server.memory.pagecache.size={s.neo4j_pagecache}",
            # One transaction may not take the whole transaction pool (a console query's
            # variable-length path did): it fails with TransactionOutOfMemoryError instead.
            f"db.memory.transaction.max={s.neo4j_tx_memory}",
            # Timed-out transactions are marked for termination by a monitor; its default 2 s
            # period let a console query run up to 2 s past its limit.
            "db.transaction.monitor.check.interval=500ms",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            "dbms.security.allow_csv_import_from_file_urls=true",
            "db.tx_log.rotation.retention_policy=2 files",
            "server.jvm.additional=" + " ".join(JVM_FLAGS),
            # Bolt's two Netty event-loop groups each wait out a 5 s quiet period on shutdown, one
            # after the other: 10 of the 10.5 s a stop took. The databases have stopped by then.
            "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
        ]
        conf = self.conf_dir / "neo4j.conf"
        conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return conf

    def _env(self) -> dict[str, str]:
        return {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.conf_dir)}

    def java_command(self, main_class: str, *args: str, extra: tuple[str, ...] = ()) -> list[str]:
        heap = self.settings.neo4j_heap
        classpath = f"{self.home / 'plugins'}/*:{self.conf_dir}/*:{self.lib}/*"
        return [self.java(), f"-Xms{heap}", f"-Xmx{heap}", "-cp", classpath, *JVM_FLAGS, *extra,
                f"-Dbasedir={self.home}", main_class, *args]

    def class_archive_flags(self) -> tuple[str, ...]:
        """The server's class-data archive flags (graph/class_archive.py); none when turned off."""
        if not self.settings.neo4j_class_archive:
            return ()
        heap = self.settings.neo4j_heap
        path = class_archive.archive_path(self.class_archive_dir, self.java(), [self.home / "plugins", self.lib],
                                          [f"-Xmx{heap}", *JVM_FLAGS])
        return tuple(class_archive.launch_flags(path))

    # --- password -----------------------------------------------------------------------------
    def ensure_password(self) -> str:
        """The local password: generated once, stored 0600, applied to a fresh store with the
        admin tool's `dbms set-initial-password` (so no default password is ever live)."""
        pw_file = self.settings.password_file
        pw_file.parent.mkdir(parents=True, exist_ok=True)
        if not pw_file.exists():
            fd = os.open(pw_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(secrets.token_urlsafe(24) + "\n")
        os.chmod(pw_file, 0o600)
        password = pw_file.read_text(encoding="utf-8").strip()
        marker = self.home / "data" / "dbms" / "auth.ini"
        if not (self.home / "data" / "databases" / "system").exists() and not marker.exists():
            proc = subprocess.run(self.java_command(ADMIN_TOOL, "dbms", "set-initial-password", password),
                                  env=self._env(), capture_output=True, text=True, cwd=self.home)
            if proc.returncode != 0:
                raise errors.ServerError(f"could not set the initial Neo4j password: {proc.stderr[-1500:]}")
        return password

    # --- lifecycle ----------------------------------------------------------------------------
    def pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        return pid if _alive(pid) else None

    def bolt_open(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.settings.neo4j_bolt_port), timeout=1.0):
                return True
        except OSError:
            return False

    def start(self, echo=print) -> Status:
        if self.pid() is not None:
            status = self.wait_until_ready()
            echo(f"Neo4j is already running at {status.uri} (pid {status.pid})")
            return status
        if self.bolt_open():
            raise errors.ServerError(
                f"port {self.settings.neo4j_bolt_port} is taken by another process: stop it or set JSS_NEO4J_BOLT_PORT")
        self.install(echo)
        self.write_conf()
        self.ensure_password()
        archive = self.class_archive_flags()
        try:
            status = self._launch(archive)
        except errors.ServerError:
            if not class_archive.uses_archive(archive) or self.pid() is not None:
                raise
            # The JVM died while mapping its class archive: drop it and start once without.
            class_archive.discard(self.class_archive_dir)
            echo("Neo4j did not start with its class-data archive; removed it and starting again")
            status = self._launch(self.class_archive_flags())
        echo(f"Neo4j {status.version} is up at {status.uri} (pid {status.pid}; logs in {self.home / 'logs'})")
        return status

    def _launch(self, extra: tuple[str, ...]) -> Status:
        self.console_log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.console_log, "ab") as log_fh:
            proc = subprocess.Popen(
                self.java_command(ENTRY_POINT, f"--home-dir={self.home}", f"--config-dir={self.conf_dir}", extra=extra),
                env=self._env(), cwd=self.home, stdout=log_fh, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True)
        self.pid_file.parent.mkdir(parents=True, exist_ok=True)
        self.pid_file.write_text(str(proc.pid))
        return self.wait_until_ready(proc)

    def wait_until_ready(self, proc: subprocess.Popen | None = None) -> Status:
        from graph.runner import Runner  # the runner is the only driver user; import late

        deadline = time.monotonic() + self.settings.neo4j_start_timeout_s
        last = ""
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                raise errors.ServerError(
                    f"Neo4j exited with code {proc.returncode} while starting; see {self.console_log}:\n"
                    + _tail(self.console_log))
            if self.bolt_open():
                try:
                    with Runner(self.settings) as runner:
                        info = runner.ping()
                    return Status(True, self.settings.bolt_uri, self.pid(), info["version"])
                except errors.DatabaseUnavailable as exc:
                    last = str(exc)
            time.sleep(0.5)
        raise errors.ServerError(f"Neo4j did not answer on Bolt within {self.settings.neo4j_start_timeout_s:g} s "
                                 f"({last}); see {self.console_log}:\n" + _tail(self.console_log))

    def stop(self, echo=print, timeout_s: float = 90.0) -> bool:
        pid = self.pid()
        if pid is None:
            echo("Neo4j is not running")
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)  # Neo4j shuts down cleanly (checkpoint) on SIGTERM
        deadline = time.monotonic() + timeout_s
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.3)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
            echo(f"Neo4j (pid {pid}) did not stop within {timeout_s:g} s and was killed")
        else:
            class_archive.promote(self.class_archive_dir)   # its JVM wrote it completely at exit
        self.pid_file.unlink(missing_ok=True)
        echo(f"Neo4j (pid {pid}) stopped")
        return True

    def status(self) -> Status:
        from graph.runner import Runner

        pid = self.pid()
        if pid is None:
            return Status(False, self.settings.bolt_uri, None, detail="not running")
        try:
            with Runner(self.settings) as runner:
                info = runner.ping()
            return Status(True, self.settings.bolt_uri, pid, info["version"])
        except errors.JSSError as exc:
            return Status(False, self.settings.bolt_uri, pid, detail=f"process {pid} alive but Bolt not answering: {exc}")

    def reset(self, echo=print) -> None:
        """Stop the server and delete its store (the password file is kept and re-applied)."""
        self.stop(echo=lambda *_: None)
        shutil.rmtree(self.home / "data", ignore_errors=True)
        echo(f"deleted the local Neo4j store in {self.home / 'data'}")


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)  # reap if it is our child
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie counts as stopped
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except OSError:
        return False


def _tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"
