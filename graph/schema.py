"""Apply `schema.cypher` (idempotent) and describe the schema the server reports."""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from graph.cypher_files import cypher_text, split_statements
from graph.errors import JSSError
from graph.pattern_tables import expand_per_table
from graph.runner import Runner


class SchemaNotOnline(JSSError):
    """An index failed to populate, or did not come online within the wait."""


SCHEMA_FILE = Path(__file__).with_name("schema.cypher")
CYPHER_DIR = Path(__file__).with_name("cypher")   # the statements that read and maintain the schema
log = logging.getLogger("jss.schema")


def _statement(name: str) -> str:
    return cypher_text(CYPHER_DIR, name)


def schema_statements() -> list[str]:
    """The statements of schema.cypher, its per-table indexes written out for every pattern table."""
    return split_statements(expand_per_table(SCHEMA_FILE.read_text(encoding="utf-8")))


def is_search_index(statement: str) -> bool:
    """A TEXT or FULLTEXT index (Lucene): the slowest to populate, and used only by searches."""
    return re.match(r"\s*CREATE\s+(TEXT|FULLTEXT)\s+INDEX\b", statement, re.IGNORECASE) is not None


def apply_schema(runner: Runner, *, search_indexes: bool = True) -> int:
    """Create every constraint and index that is missing and wait until all are online; returns
    how many statements ran. With `search_indexes=False` the text and full-text indexes are left
    out: a bulk load creates them later (`create_search_indexes`), so that their population (over
    half of the national schema step) runs while the pattern tables use one core, and calls
    `apply_schema` again at its end to wait for them."""
    stmts = [s for s in schema_statements() if search_indexes or not is_search_index(s)]
    runner.run_script(stmts, name="schema.apply")
    await_indexes(runner)
    return len(stmts)




def await_indexes(runner: Runner, wait_s: float | None = None, poll_s: float = 0.5) -> None:
    """Wait until every index is online, at most `wait_s` (default: the JSS_INDEX_WAIT setting).
    Polled rather than one `db.awaitIndexes` call, which would run into the write timeout on a
    large store. Raises SchemaNotOnline naming each index that failed or is still populating."""
    deadline = time.monotonic() + (runner.settings.index_wait_s if wait_s is None else wait_s)
    while True:
        pending = runner.read(_statement("pending_indexes"), name="schema.pending_indexes", row_cap=10_000).rows
        failed = [r for r in pending if r["state"] == "FAILED"]
        if failed or (pending and time.monotonic() >= deadline):
            what = ", ".join(f"{r['name']} ({r['state']}, {r['populationPercent'] or 0:.0f} %)"
                             for r in (failed or pending))
            raise SchemaNotOnline(f"indexes not online: {what}"
                                  + ("" if failed else " — raise JSS_INDEX_WAIT to wait longer"))
        if not pending:
            return
        time.sleep(poll_s)


def resample_outdated(runner: Runner) -> None:
    """Bring the planner's index samples up to date (`db.resampleOutdatedIndexes`, synchronous).

    An index created on an empty label (a new store, after a reset) keeps an empty sample until
    Neo4j's background sampler gets to it, while label counts are always exact. A query planned in
    between estimates 0 rows through that index and may scan it once per row: the jeju preset's
    first RESOLVES_TO batch took 148-185 s that way. Called after large writes, before the queries
    that read what they wrote. Only an optimisation: a server that refuses it (a remote user
    without the privilege) is logged and the work goes on."""
    try:
        runner.run_script([_statement("resample_indexes")], name="schema.resample")
    except JSSError as exc:
        log.warning("index resampling refused: %s", type(exc).__name__)


def create_search_indexes(runner: Runner) -> int:
    """Create the missing text and full-text indexes without waiting for their population."""
    stmts = [s for s in schema_statements() if is_search_index(s)]
    runner.run_script(stmts, name="schema.search_indexes")
    return len(stmts)


def schema_missing(runner: Runner) -> list[str]:
    """Names of constraints and indexes in `schema.cypher` that the database lacks."""
    wanted = [re.search(r"(?:CONSTRAINT|INDEX)\s+(\w+)", s).group(1) for s in schema_statements()]
    have = {r["name"] for r in runner.read(_statement("index_names"), name="schema.indexes",
                                           row_cap=10_000).rows}
    have |= {r["name"] for r in runner.read(_statement("constraint_names"),
                                            name="schema.constraints", row_cap=10_000).rows}
    return [w for w in wanted if w not in have]
