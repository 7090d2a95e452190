"""Apply `schema.cypher` (idempotent) and describe the schema the server reports."""

from __future__ import annotations

import re
from pathlib import Path

from graph.cypher_files import split_statements
from graph.runner import Runner

SCHEMA_FILE = Path(__file__).with_name("schema.cypher")


def schema_statements() -> list[str]:
    return split_statements(SCHEMA_FILE.read_text(encoding="utf-8"))


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
    runner.run_script(["CALL db.awaitIndexes(300)"], name="schema.await_indexes")
    return len(stmts)


def create_search_indexes(runner: Runner) -> int:
    """Create the missing text and full-text indexes without waiting for their population."""
    stmts = [s for s in schema_statements() if is_search_index(s)]
    runner.run_script(stmts, name="schema.search_indexes")
    return len(stmts)


def schema_missing(runner: Runner) -> list[str]:
    """Names of constraints and indexes in `schema.cypher` that the database lacks."""
    wanted = [re.search(r"(?:CONSTRAINT|INDEX)\s+(\w+)", s).group(1) for s in schema_statements()]
    have = {r["name"] for r in runner.read("SHOW INDEXES YIELD name RETURN name", name="schema.indexes",
                                           row_cap=10_000).rows}
    have |= {r["name"] for r in runner.read("SHOW CONSTRAINTS YIELD name RETURN name",
                                            name="schema.constraints", row_cap=10_000).rows}
    return [w for w in wanted if w not in have]
