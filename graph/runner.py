"""The one place that talks to Neo4j.

Reads run in READ transactions with a per-query timeout and a row cap (fetching cap + 1 rows to
know whether the result was truncated, as Datasette does); writes run in WRITE transactions, in
batches for loads. Transient errors are retried by the driver's managed transactions. Every
transaction carries the query's name in its metadata, and logs carry the name and the parameter
keys, never the values. Driver errors become the project's own exceptions (`graph.errors`).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as nx

from graph import errors
from graph.cypher_files import cypher_text, split_statements
from graph.settings import Settings, load_settings
from graph.values import to_plain

log = logging.getLogger("jss.runner")

# Managed transactions retry transient errors (leader switch, a restart mid-load). Writes wait
# long enough to ride out a server restart; reads fail fast so a user sees "Neo4j is down" at once.
WRITE_RETRY_S = 60.0
READ_RETRY_S = 1.0
T = TypeVar("T")
_TIMEOUT_CODES = ("TransactionTimedOut", "TransactionTimedOutClientConfiguration")
_COUNTER_KEYS = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted",
                 "properties_set", "labels_added", "labels_removed", "constraints_added", "indexes_added")
# The runner's own statements (graph/cypher/), besides the schema (graph/schema.cypher).
CYPHER_DIR = Path(__file__).with_name("cypher")


@dataclass
class ReadResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = False
    elapsed_ms: float = 0.0
    truncated_by: str = ""   # "rows" or "bytes" (read_capped only)
    bytes: int = 0           # JSON bytes of the rows returned (read_capped only)


@dataclass
class WriteSummary:
    counters: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_COUNTER_KEYS, 0))
    rows: int = 0
    batches: int = 0
    elapsed_ms: float = 0.0

    def add(self, other: dict[str, int]) -> None:
        for k in _COUNTER_KEYS:
            self.counters[k] = self.counters.get(k, 0) + int(other.get(k, 0))


class Runner:
    """Read and write helpers over one driver. Use as a context manager or call `close()`."""

    def __init__(self, settings: Settings | None = None, *, uri: str | None = None,
                 user: str | None = None, password: str | None = None, database: str | None = None):
        self.settings = settings or load_settings()
        self.uri = uri or self.settings.bolt_uri
        self.user = user or self.settings.neo4j_user
        self.database = database or self.settings.neo4j_database
        pw = password if password is not None else self.settings.password()
        self._driver = neo4j.GraphDatabase.driver(
            self.uri, auth=(self.user, pw),
            connection_timeout=self.settings.connect_timeout_s,
            max_transaction_retry_time=WRITE_RETRY_S,
            notifications_min_severity="OFF",
            user_agent="jss-graph")

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._driver.close()

    # --- reads -------------------------------------------------------------------------------
    def read(self, cypher: str, params: dict[str, Any] | None = None, *, name: str,
             timeout: float | None = None, row_cap: int | None = None,
             database: str | None = None) -> ReadResult:
        """Run a read query; returns at most `row_cap` rows and sets `truncated` when there were more."""
        params = params or {}
        cap = self.settings.row_cap if row_cap is None else row_cap
        timeout = self.settings.query_timeout_s if timeout is None else timeout

        @neo4j.unit_of_work(timeout=timeout, metadata={"app": "jss-graph", "query": name})
        def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[dict[str, Any]], bool]:
            result = tx.run(cypher, params)
            keys = list(result.keys())
            rows: list[dict[str, Any]] = []
            for record in result:
                if len(rows) >= cap:
                    return keys, rows, True
                rows.append(dict(zip(keys, map(to_plain, record.values()), strict=True)))
            return keys, rows, False

        started = time.perf_counter()
        with self._translated(name, params, timeout):
            with self._driver.session(database=database or self.database, default_access_mode=neo4j.READ_ACCESS,
                                      max_transaction_retry_time=READ_RETRY_S) as session:
                keys, rows, truncated = session.execute_read(work)
        elapsed = (time.perf_counter() - started) * 1000
        log.info("read %s keys=%s rows=%d truncated=%s ms=%.1f", name, sorted(params), len(rows), truncated, elapsed)
        return ReadResult(columns=keys, rows=rows, truncated=truncated, elapsed_ms=elapsed)

    def stream(self, cypher: str, params: dict[str, Any] | None = None, *, name: str,
               timeout: float | None = None) -> Iterator[dict[str, Any]]:
        """Rows of a read query as the server sends them, for the project's own maintenance reads
        that write what they read elsewhere (`derived.tables`): no row cap, values exactly as the
        driver decodes them (so they can be written back as parameters unchanged), and no retry
        (a half-read stream cannot be replayed). No time limit unless `timeout` is given, as for
        `run_script`. The transaction stays open until the rows are read or the iterator closed."""
        params = params or {}
        started, count = time.perf_counter(), 0
        with self._translated(name, params, timeout):
            with self._driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
                with session.begin_transaction(metadata={"app": "jss-graph", "query": name}, timeout=timeout) as tx:
                    result = tx.run(cypher, params)
                    keys = list(result.keys())
                    for record in result:
                        count += 1
                        yield dict(zip(keys, record.values(), strict=True))
        log.info("stream %s keys=%s rows=%d ms=%.1f", name, sorted(params), count,
                 (time.perf_counter() - started) * 1000)

    def explain(self, cypher: str, params: dict[str, Any] | None = None, *, name: str,
                timeout: float | None = None) -> dict[str, Any]:
        """Plan `cypher` without running it (EXPLAIN, in a READ transaction): the summary's
        `query_type` ('r', 'rw', 'w' or 's') and the plan's operator names (without the
        `@database` suffix). Used by the console to refuse anything but read-only plans."""
        params = params or {}
        timeout = self.settings.query_timeout_s if timeout is None else timeout

        @neo4j.unit_of_work(timeout=timeout, metadata={"app": "jss-graph", "query": f"{name}.explain"})
        def work(tx: neo4j.ManagedTransaction) -> tuple[str, dict[str, Any]]:
            summary = tx.run("EXPLAIN " + cypher, params).consume()
            return str(summary.query_type or ""), dict(summary.plan or {})

        with self._translated(name, params, timeout):
            with self._driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
                query_type, plan = session.execute_read(work)
        operators: list[str] = []
        details: list[tuple[str, str]] = []
        procedures: list[str] = []
        stack = [plan] if plan else []
        while stack:
            op = stack.pop()
            operator = str(op.get("operatorType", "")).split("@")[0]
            detail = str((op.get("args") or {}).get("Details", ""))
            operators.append(operator)
            details.append((operator, detail))
            if operator == "ProcedureCall":
                procedures.append(procedure_name(detail))
            stack.extend(op.get("children") or [])
        log.info("explain %s keys=%s type=%s", name, sorted(params), query_type)
        return {"query_type": query_type, "operators": operators, "details": details,
                "procedures": procedures}

    def read_capped(self, cypher: str, params: dict[str, Any] | None = None, *, name: str,
                    timeout: float, row_cap: int, byte_cap: int, grace: float,
                    on_finished: Any = None) -> ReadResult:
        """A read for untrusted query text (the console): at most `row_cap` rows and `byte_cap`
        bytes (the JSON of each row, counted while streaming; `truncated_by` says which cap cut),
        no retry, and a hard deadline. Neo4j checks a transaction's timeout only between rows and
        operators, so an expression that loops inside one row (`reduce` over a huge `range`)
        runs on past it; here the caller gets QueryTimeout at `timeout + grace` whatever the
        server does, and rows that arrive after `timeout` are discarded. The query runs in a
        worker thread that stays until the server lets go of it; `on_finished()` is called then
        (the console counts queries still running on the server by it)."""
        params = params or {}
        box: dict[str, Any] = {}
        abandoned = threading.Event()

        def work() -> None:
            try:
                with self._driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS,
                                          fetch_size=100) as session:
                    with session.begin_transaction(metadata={"app": "jss-graph", "query": name},
                                                   timeout=timeout) as tx:
                        result = tx.run(cypher, params)
                        keys = list(result.keys())
                        rows: list[dict[str, Any]] = []
                        size, cut = 0, ""
                        for record in result:
                            if abandoned.is_set():
                                return
                            if len(rows) >= row_cap:
                                cut = "rows"
                                break
                            row = dict(zip(keys, map(to_plain, record.values()), strict=True))
                            row_bytes = len(json.dumps(row, ensure_ascii=False, default=str).encode("utf-8"))
                            if size + row_bytes > byte_cap:
                                cut = "bytes"
                                break
                            rows.append(row)
                            size += row_bytes
                        box["result"] = (keys, rows, cut, size)
                        tx.rollback()  # a read: nothing to commit, and the transaction ends now
            except BaseException as exc:  # handed to the caller's thread
                box["error"] = exc
            finally:
                if on_finished is not None:
                    on_finished()

        started = time.perf_counter()
        worker = threading.Thread(target=work, name=f"jss-{name}", daemon=True)
        with self._translated(name, params, timeout):
            worker.start()
            worker.join(timeout + grace)
            elapsed = time.perf_counter() - started
            if worker.is_alive() or ("result" in box and elapsed > timeout):
                abandoned.set()
                log.warning("read_capped %s keys=%s cut off after %.1f s", name, sorted(params), elapsed)
                raise errors.QueryTimeout(
                    f"query {name} ran past its time limit of {timeout:g} s and was cut off after "
                    f"{elapsed:.1f} s; narrow it, or raise JSS_QUERY_TIMEOUT")
            if "error" in box:
                raise box["error"]
        keys, rows, cut, size = box["result"]
        log.info("read_capped %s keys=%s rows=%d bytes=%d cut=%s ms=%.1f", name, sorted(params), len(rows),
                 size, cut or "-", elapsed * 1000)
        return ReadResult(columns=keys, rows=rows, truncated=bool(cut), elapsed_ms=elapsed * 1000,
                          truncated_by=cut, bytes=size)

    def read_value(self, cypher: str, params: dict[str, Any] | None = None, *, name: str,
                   timeout: float | None = None) -> Any:
        """The first column of the first row, or None."""
        res = self.read(cypher, params, name=name, timeout=timeout, row_cap=1)
        return res.rows[0][res.columns[0]] if res.rows else None

    # --- writes ------------------------------------------------------------------------------
    def write(self, cypher: str, params: dict[str, Any] | None = None, *, name: str,
              timeout: float | None = None, database: str | None = None) -> WriteSummary:
        """Run one write transaction and return what it changed."""
        params = params or {}
        timeout = self.settings.write_timeout_s if timeout is None else timeout

        @neo4j.unit_of_work(timeout=timeout, metadata={"app": "jss-graph", "query": name})
        def work(tx: neo4j.ManagedTransaction) -> dict[str, int]:
            counters = tx.run(cypher, params).consume().counters
            return {k: getattr(counters, k) for k in _COUNTER_KEYS}

        started = time.perf_counter()
        with self._translated(name, params, timeout):
            with self._driver.session(database=database or self.database) as session:
                counts = session.execute_write(work)
        summary = WriteSummary(rows=0, batches=1, elapsed_ms=(time.perf_counter() - started) * 1000)
        summary.add(counts)
        log.info("write %s keys=%s ms=%.1f", name, sorted(params), summary.elapsed_ms)
        return summary

    def write_batches(self, cypher: str, rows: Iterable[dict[str, Any]], *, name: str,
                      batch_size: int | None = None, extra: dict[str, Any] | None = None,
                      on_batch: Any = None, workers: int = 1) -> WriteSummary:
        """`UNWIND $rows AS row …` in batches of `batch_size`, one transaction per batch. With
        `workers` > 1, that many batches are written at once (each in its own transaction): only
        for batches that touch disjoint nodes, which then never wait on each other's locks."""
        size = batch_size or self.settings.batch_size
        total = WriteSummary(batches=0)
        started = time.perf_counter()

        def one(batch: list[dict[str, Any]]) -> tuple[int, WriteSummary]:
            return len(batch), self.write(cypher, {**(extra or {}), "rows": batch}, name=name)

        def add(n: int, part: WriteSummary) -> None:
            total.add(part.counters)
            total.rows += n
            total.batches += 1
            if on_batch is not None:
                on_batch(n)

        if workers <= 1:
            for batch in batches_of(rows, size):
                add(*one(batch))
        else:
            with ThreadPoolExecutor(workers, thread_name_prefix=f"jss-write-{name}") as pool:
                for n, part in pool.map(one, batches_of(rows, size)):
                    add(n, part)
        total.elapsed_ms = (time.perf_counter() - started) * 1000
        return total

    def run_script(self, statements: Sequence[str], *, name: str,
                   params: dict[str, Any] | None = None, timeout: float | None = None) -> WriteSummary:
        """Run statements one by one, each in its own auto-commit transaction: schema commands
        cannot share a transaction with writes, and `CALL … IN TRANSACTIONS` needs one. No time
        limit unless `timeout` (seconds, per statement) is given: a schema change or a national
        delete may take long, and the summaries pass their own (`JSS_SUMMARY_TIMEOUT`)."""
        total = WriteSummary(batches=0)
        params = params or {}
        for i, stmt in enumerate(statements, 1):
            started = time.perf_counter()
            with self._translated(f"{name}#{i}", params, timeout):
                with self._driver.session(database=self.database) as session:
                    counters = session.run(
                        neo4j.Query(stmt, metadata={"app": "jss-graph", "query": f"{name}#{i}"},
                                    timeout=timeout),
                        params).consume().counters
            log.info("script %s#%d keys=%s ms=%.1f", name, i, sorted(params),
                     (time.perf_counter() - started) * 1000)
            total.add({k: getattr(counters, k) for k in _COUNTER_KEYS})
            total.batches += 1
        return total

    def delete_all(self, *, name: str = "delete_all") -> WriteSummary:
        """Delete every relationship, then every node, 10,000 at a time. `DETACH DELETE` of nodes
        in batches deletes a hub's relationships all in one inner transaction: an agency with a
        few hundred thousand contacts exceeded a 1 GB heap's transaction memory pool that way."""
        return self.run_script(split_statements(cypher_text(CYPHER_DIR, "delete_all")), name=name)

    def system_write(self, cypher: str, params: dict[str, Any] | None = None, *, name: str) -> None:
        """A statement against the `system` database (user administration)."""
        with self._translated(name, params or {}, None):
            with self._driver.session(database="system") as session:
                session.run(cypher, params or {}).consume()

    # --- health ------------------------------------------------------------------------------
    def ping(self) -> dict[str, Any]:
        """Server agent and edition; raises DatabaseUnavailable / AuthenticationFailed."""
        with self._translated("ping", {}, None):
            self._driver.verify_connectivity()
            with self._driver.session(database="system") as session:
                rec = session.run(cypher_text(CYPHER_DIR, "server_components")).single()
        return {"uri": self.uri, "name": rec["name"], "version": rec["version"], "edition": rec["edition"]}

    # --- error translation -------------------------------------------------------------------
    def _translated(self, name: str, params: dict[str, Any], timeout: float | None) -> _Translate:
        return _Translate(self, name, params, timeout)


class _Translate:
    """Context manager turning driver errors into `graph.errors` with actionable messages."""

    def __init__(self, runner: Runner, name: str, params: dict[str, Any], timeout: float | None):
        self.runner, self.name, self.params, self.timeout = runner, name, params, timeout

    def __enter__(self) -> None:
        return None

    def __exit__(self, et: type | None, exc: BaseException | None, tb: object) -> bool:
        if exc is None or isinstance(exc, errors.JSSError):
            return False
        uri = self.runner.uri
        hint = "start it with `jss db start`" if self.runner.settings.uses_local_server else "check NEO4J_URI"
        new: errors.JSSError | None = None
        if isinstance(exc, nx.AuthError):
            new = errors.AuthenticationFailed(
                f"Neo4j at {uri} refused the credentials of user {self.runner.user!r}: check NEO4J_USER / "
                f"NEO4J_PASSWORD (the local server's password is in {self.runner.settings.password_file})")
        elif isinstance(exc, (nx.ServiceUnavailable, nx.SessionExpired, OSError)):
            new = errors.DatabaseUnavailable(f"Neo4j is not running at {uri}: {hint}")
        elif isinstance(exc, nx.Neo4jError):
            code = exc.code or ""
            if any(code.endswith(c) for c in _TIMEOUT_CODES) or "TransactionTimedOut" in code:
                new = errors.QueryTimeout(
                    f"query {self.name} ran past its time limit of {self.timeout:g} s and was stopped; "
                    f"narrow it, or raise JSS_QUERY_TIMEOUT")
            elif "MemoryPoolOutOfMemoryError" in code or "TransactionOutOfMemoryError" in code:
                new = errors.QueryFailed(
                    f"query {self.name} used more memory than one transaction may "
                    f"(db.memory.transaction.max; JSS_NEO4J_TX_MEMORY for the local server) and was stopped; "
                    f"narrow it (LIMIT, shorter paths)")
            elif code.endswith("OutOfMemoryError"):
                new = errors.QueryFailed(
                    f"query {self.name} ran Neo4j out of heap memory and was stopped; narrow it")
            elif code.endswith("AccessMode") or "WriteOnReadOnlyAccessDatabase" in code or "Forbidden" in code:
                new = errors.ReadOnlyViolation(f"query {self.name} tried to write in a read-only transaction: {exc.message}")
            elif isinstance(exc, nx.CypherSyntaxError) or code.endswith("SyntaxError"):
                new = errors.QuerySyntaxError(f"Cypher syntax error in {self.name}: {exc.message}")
            elif code.startswith("Neo.TransientError."):
                new = errors.TransientFailure(f"query {self.name} failed ({code}): {exc.message}")
            else:
                new = errors.QueryFailed(f"query {self.name} failed ({code}): {exc.message}")
        elif isinstance(exc, nx.DriverError):
            new = errors.DatabaseUnavailable(f"could not talk to Neo4j at {uri} ({type(exc).__name__}: {exc}); {hint}")
        if new is None:
            return False
        log.warning("query %s keys=%s failed: %s", self.name, sorted(self.params), type(new).__name__)
        raise new from exc


def procedure_name(details: str) -> str:
    """The procedure a ProcedureCall operator calls, from its plan details
    (`db.stats.retrieve($autostring_0) :: (section :: STRING, data :: MAP)`): Neo4j writes the
    registered name there however the query spelled it (backticks, spaces, comments). Empty
    when the details are not of that shape, so a caller can refuse what it cannot read."""
    head = details.split("(", 1)[0].strip()
    return head if head and "(" in details and all(part.isidentifier() for part in head.split(".")) else ""


def batches_of(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    """`rows` in lists of `size` (the last one shorter)."""
    batch: list[T] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
