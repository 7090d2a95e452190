"""Typed settings, read from environment variables in one place.

Every setting names its environment variable, its default and a help text; `docs/settings.md`
is checked against this list by a test, so a setting cannot be added without documenting it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent


def _setting(env: str, default: Any, help: str, kind: type = str) -> Any:
    return field(default=default, metadata={"env": env, "help": help, "kind": kind})


class SettingsError(ValueError):
    """A setting's environment variable holds a value of the wrong shape."""


@dataclass(frozen=True)
class Settings:
    # --- Neo4j connection -------------------------------------------------------------------
    neo4j_uri: str = _setting(
        "NEO4J_URI", "",
        "Bolt URI of an existing Neo4j server (e.g. `neo4j://db:7687`). When set, every command uses "
        "that server and the local one is never started. Empty: the project's own local server.")
    neo4j_user: str = _setting("NEO4J_USER", "neo4j", "User name for Neo4j.")
    neo4j_password: str = _setting(
        "NEO4J_PASSWORD", "",
        "Password for Neo4j. Empty with the local server: the generated password stored with 0600 "
        "permissions in `$JSS_DATA_DIR/neo4j-password` is used.")
    neo4j_database: str = _setting("NEO4J_DATABASE", "neo4j", "Database name inside the Neo4j server.")
    # --- local server -----------------------------------------------------------------------
    data_dir: Path = _setting(
        "JSS_DATA_DIR", REPO_ROOT / ".data",
        "Folder for local state: the local Neo4j's store, logs and password, generated bundles. "
        "Git-ignored.", Path)
    neo4j_version: str = _setting(
        "JSS_NEO4J_VERSION", "5.26.30",
        "Version of `org.neo4j:neo4j` resolved from Maven Central for the local server (5.26 LTS).")
    neo4j_dist_dir: Path = _setting(
        "JSS_NEO4J_DIST_DIR", REPO_ROOT / ".neo4j",
        "Folder where the Neo4j jars are resolved (`<dir>/<version>/lib`). Git-ignored; never "
        "committed.", Path)
    maven_repo: Path = _setting(
        "JSS_MAVEN_REPO", Path("~/.m2/repository"),
        "Maven's local repository, where `jss db install` downloads the Neo4j jars before copying "
        "them to `JSS_NEO4J_DIST_DIR`. Maven's own default, shared by every checkout on the "
        "machine: a fresh clone copies the jars in seconds instead of downloading ≈140 MB again.",
        Path)
    neo4j_bolt_port: int = _setting("JSS_NEO4J_BOLT_PORT", 7687, "Bolt port of the local server (127.0.0.1).", int)
    neo4j_http_port: int = _setting("JSS_NEO4J_HTTP_PORT", 7474, "HTTP port of the local server (127.0.0.1).", int)
    neo4j_heap: str = _setting("JSS_NEO4J_HEAP", "1g", "Java heap of the local server (initial = max), e.g. `1g`, `2g`.")
    neo4j_pagecache: str = _setting("JSS_NEO4J_PAGECACHE", "512m", "Page cache of the local server, e.g. `512m`, `2g`.")
    neo4j_tx_memory: str = _setting(
        "JSS_NEO4J_TX_MEMORY", "256m",
        "Most memory one transaction may use on the local server (`db.memory.transaction.max`; "
        "docker-compose: `NEO4J_TX_MEMORY`). Stops a runaway console query before it takes the "
        "whole transaction pool; the project's loads and summary refreshes fit well within it.")
    neo4j_start_timeout_s: float = _setting(
        "JSS_NEO4J_START_TIMEOUT", 180.0, "Seconds `jss db start` waits for Bolt to answer.", float)
    neo4j_class_archive: bool = _setting(
        "JSS_NEO4J_CLASS_ARCHIVE", True,
        "Keep a class-data archive of the local server's JVM (Java AppCDS) in `<data dir>/neo4j/cds/`: "
        "written at the first clean stop, it halves later starts (graph/class_archive.py). `0` to "
        "start without one.", bool)
    java_home: str = _setting(
        "JAVA_HOME", "", "Java 17 installation for the local server; empty: `java` on the PATH.")
    # --- runner -----------------------------------------------------------------------------
    query_timeout_s: float = _setting(
        "JSS_QUERY_TIMEOUT", 10.0,
        "Default per-query timeout in seconds for read queries (console, `jss cypher`, app).", float)
    write_timeout_s: float = _setting(
        "JSS_WRITE_TIMEOUT", 600.0, "Per-transaction timeout in seconds for writes (loaders, resolution).", float)
    summary_timeout_s: float = _setting(
        "JSS_SUMMARY_TIMEOUT", 1800.0,
        "Time limit in seconds for each summary statement (`derived/cypher/`, run in batches of "
        "their own transactions). A statement that runs past it is stopped and run once more (each "
        "writes only what changed, so a second run finishes the first's work); a second overrun "
        "fails the refresh with an error naming the statement. National statements take up to "
        "about 210 s.", float)
    row_cap: int = _setting(
        "JSS_ROW_CAP", 1000,
        "Default maximum rows a read returns; more rows set the result's `truncated` flag.", int)
    console_max_bytes: int = _setting(
        "JSS_CONSOLE_MAX_BYTES", 1_000_000,
        "Most bytes of results the Cypher console returns (measured on the JSON of each row while "
        "it streams, besides `JSS_ROW_CAP`); more set a visible \"truncated\" notice.", int)
    batch_size: int = _setting("JSS_BATCH_SIZE", 5000, "Rows per write transaction for batched loads.", int)
    load_writers: int = _setting(
        "JSS_LOAD_WRITERS", 2,
        "Write transactions `jss load` keeps in flight at once for call_persons and police_measures, "
        "and the summary refresh for each pattern table's rows (1: strictly one after another). Two "
        "overlap the client's packing with the server's work; files linking to Agency nodes always "
        "use one (docs/loading.md).", int)
    tables_at_once: int = _setting(
        "JSS_TABLES_AT_ONCE", 2,
        "Pattern tables the summary refresh materialises at once (derived/tables.py; 1: one after "
        "another). Two use what one leaves idle of the cores: national tables 149-151 s one after "
        "another, 141 s two at once.", int)
    index_wait_s: float = _setting(
        "JSS_INDEX_WAIT", 1800.0,
        "Seconds the schema step (`jss db init`, loads) waits for new indexes to come online before "
        "it fails naming the ones still populating (the national full-text index takes ≈100 s).", float)
    connect_timeout_s: float = _setting(
        "JSS_CONNECT_TIMEOUT", 5.0, "Seconds to wait for a Bolt connection before reporting Neo4j down.", float)
    # --- app --------------------------------------------------------------------------------
    app_host: str = _setting("JSS_APP_HOST", "127.0.0.1", "Interface the Dash app listens on.")
    # --- risk model ---------------------------------------------------------------------------
    risk_horizon_days: int = _setting(
        "JSS_RISK_HORIZON_DAYS", 365,
        "Follow-up of the fitted risk model in days: it predicts a further call naming the victim "
        "within this many days, and is validated on the last such period of the graph (docs/risk.md).", int)
    risk_fit_on_load: bool = _setting(
        "JSS_RISK_FIT_ON_LOAD", True,
        "Fit and validate the risk model again after every `jss load` that runs entity resolution "
        "(as `jss risk fit`). A graph whose history is too short keeps the hand score.", bool)
    # --- agenda suggestions (suggest/, docs/suggestions.md) ----------------------------------
    suggest_after_load: bool = _setting(
        "JSS_SUGGEST_AFTER_LOAD", True,
        "Run the agenda-suggestion rules after every `jss load` that runs entity resolution (as "
        "`jss suggest run`, after the risk scores).", bool)
    suggest_marac_calls: int = _setting(
        "JSS_SUGGEST_MARAC_CALLS", 3, "The MARAC repeat rule: a victim's call that is at least this many "
        "within JSS_SUGGEST_MARAC_DAYS days.", int)
    suggest_marac_days: int = _setting("JSS_SUGGEST_MARAC_DAYS", 365, "Window of the MARAC repeat rule, in days.", int)
    suggest_escalation_days: int = _setting(
        "JSS_SUGGEST_ESCALATION_DAYS", 365, "Escalation: a victim's new call is compared with the calls of "
        "this many days before it.", int)
    suggest_escalation_increase: int = _setting(
        "JSS_SUGGEST_ESCALATION_INCREASE", 2, "Escalation: a rise of at least this much severity (0–13) over the "
        "window's first call.", int)
    suggest_faster_ratio: float = _setting(
        "JSS_SUGGEST_FASTER_RATIO", 0.5, "Escalation: a gap between calls at most this share of the gap before "
        "it counts as faster repeats.", float)
    suggest_child_age: int = _setting(
        "JSS_SUGGEST_CHILD_AGE", 18, "A household member under this age on a call's day is a child exposed.", int)
    suggest_fragmented_agencies: int = _setting(
        "JSS_SUGGEST_FRAGMENTED_AGENCIES", 3, "Fragmented care: at least this many agencies in contact with a "
        "household none of whose members is on the council's agenda.", int)
    suggest_serial_victims: int = _setting(
        "JSS_SUGGEST_SERIAL_VICTIMS", 2, "A suspect with at least this many distinct victims is serial; a new "
        "victim of theirs is suggested (and the suspect for the offender programme).", int)
    suggest_risk_points: int = _setting(
        "JSS_SUGGEST_RISK_POINTS", 8, "Risk rule: a victim with a new call whose hand risk score has at least "
        "this many points (8 = 높음, 12 = 매우높음).", int)
    suggest_recent_days: int = _setting(
        "JSS_SUGGEST_RECENT_DAYS", 90, "Facts older than this many days before a run's day are never news "
        "(a first run on years of history suggests only what is recent).", int)
    app_port: int = _setting("JSS_APP_PORT", 8050, "Port the Dash app listens on.", int)
    app_rewarm_check_s: float = _setting(
        "JSS_APP_REWARM_CHECK", 30.0,
        "Seconds between the app's checks for a Neo4j restart or a changed graph; after one it warms "
        "its plans and whole-graph reads again (pages/freshness.py). 0 turns the checks off.", float)
    log_level: str = _setting("JSS_LOG_LEVEL", "WARNING", "Log level (DEBUG, INFO, WARNING, ERROR).")
    # --- sign-in, sessions, audit (auth/) ---------------------------------------------------
    users_file: str = _setting(
        "JSS_USERS_FILE", "",
        "JSON file of app users (argon2 password hashes, roles), written 0600 and atomically by "
        "`jss users`. Empty: `$JSS_DATA_DIR/users.json`.")
    secret_key: str = _setting(
        "JSS_SECRET_KEY", "",
        "Secret that signs the app's session cookies (share it between gunicorn workers). Empty with "
        "the local setup: generated once into `$JSS_DATA_DIR/secret-key` (0600).")
    seal_key: str = _setting(
        "JSS_SEAL_KEY", "",
        "Key (64 hex digits) that seals shelter locations in the graph (AES-SIV, and the HMAC that "
        "compares them; docs/security.md). Never stored in the database; every process that loads "
        "or unseals must use the same one. Empty: generated once into `$JSS_DATA_DIR/seal-key` (0600).")
    session_minutes: int = _setting(
        "JSS_SESSION_MINUTES", 30, "Minutes of inactivity after which a signed-in session expires.", int)
    secure_cookies: bool = _setting(
        "JSS_SECURE_COOKIES", False,
        "Mark the app's session cookie `Secure` (sent over HTTPS only). Off for the local http demo; "
        "turn it on whenever the app is served over TLS (e.g. behind the reverse proxy of a "
        "docker-compose deployment), or sessions could travel in clear text.", bool)
    login_max_failures: int = _setting(
        "JSS_LOGIN_MAX_FAILURES", 5,
        "Failed sign-ins (per user name, and per client address) before sign-in is locked for a while.", int)
    login_lock_seconds: int = _setting(
        "JSS_LOGIN_LOCK_SECONDS", 300, "Seconds sign-in stays locked after too many failures.", int)
    password_min_length: int = _setting(
        "JSS_PASSWORD_MIN_LENGTH", 12, "Minimum length of app user passwords (`jss users add|passwd`).", int)
    audit_file: str = _setting(
        "JSS_AUDIT_FILE", "",
        "Append-only, hash-chained JSON-lines audit trail (views, queries, exports, sign-ins). "
        "Empty: `$JSS_DATA_DIR/audit.jsonl`.")
    audit_key: str = _setting(
        "JSS_AUDIT_KEY", "",
        "Key of the audit trail's HMAC chain (at least 32 characters; not the session secret, never "
        "stored in the audit file). Without it nobody can rewrite the trail so that `jss audit verify` "
        "passes. Empty: generated once into `$JSS_DATA_DIR/audit-key` (0600). Changing it makes the "
        "existing trail unverifiable: archive the file first.")

    @property
    def uses_local_server(self) -> bool:
        return not self.neo4j_uri

    @property
    def bolt_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.neo4j_bolt_port}"

    @property
    def password_file(self) -> Path:
        return self.data_dir / "neo4j-password"

    @property
    def users_path(self) -> Path:
        return Path(self.users_file).expanduser() if self.users_file else self.data_dir / "users.json"

    @property
    def audit_path(self) -> Path:
        return Path(self.audit_file).expanduser() if self.audit_file else self.data_dir / "audit.jsonl"

    def password(self) -> str:
        """The Neo4j password: NEO4J_PASSWORD, else the local generated one (empty if none yet)."""
        if self.neo4j_password or not self.uses_local_server:
            return self.neo4j_password
        try:
            return self.password_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return ""


_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def _convert(name: str, raw: str, kind: type) -> Any:
    if kind is bool:
        word = raw.strip().lower()
        if word not in _TRUE | _FALSE:
            raise SettingsError(f"setting {name}={raw!r} is not a yes/no value (1, 0, true, false, yes, no, on, off)")
        return word in _TRUE
    try:
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
        if kind is Path:
            return Path(raw).expanduser().resolve()
        return raw
    except ValueError as exc:
        raise SettingsError(f"setting {name}={raw!r} is not a valid {kind.__name__}") from exc


def load_settings(environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Settings from the environment (or `environ`), with keyword overrides for tests."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for f in fields(Settings):
        var = f.metadata["env"]
        if var in env and env[var] != "":
            values[f.name] = _convert(var, env[var], f.metadata["kind"])
    values.update(overrides)
    return Settings(**values)


def describe_settings() -> list[dict[str, str]]:
    """Name, environment variable, default and help of every setting (for docs and `--help`)."""
    out = []
    for f in fields(Settings):
        default = f.default
        if isinstance(default, Path):
            default = str(default.relative_to(REPO_ROOT)) if default.is_relative_to(REPO_ROOT) else str(default)
        out.append({"name": f.name, "env": f.metadata["env"], "default": str(default), "help": f.metadata["help"]})
    return out
