"""Apply `schema.cypher` (idempotent) and describe the schema the server reports."""

from __future__ import annotations

from pathlib import Path

from graph.cypher_files import split_statements
from graph.runner import Runner

SCHEMA_FILE = Path(__file__).with_name("schema.cypher")


def schema_statements() -> list[str]:
    return split_statements(SCHEMA_FILE.read_text(encoding="utf-8"))


def apply_schema(runner: Runner) -> int:
    """Create every constraint and index that is missing; returns how many statements ran."""
    stmts = schema_statements()
    runner.run_script(stmts, name="schema.apply")
    runner.run_script(["CALL db.awaitIndexes(300)"], name="schema.await_indexes")
    return len(stmts)


def schema_missing(runner: Runner) -> list[str]:
    """Names of constraints and indexes in `schema.cypher` that the database lacks."""
    import re

    wanted = [re.search(r"(?:CONSTRAINT|INDEX)\s+(\w+)", s).group(1) for s in schema_statements()]
    have = {r["name"] for r in runner.read("SHOW INDEXES YIELD name RETURN name", name="schema.indexes",
                                           row_cap=10_000).rows}
    have |= {r["name"] for r in runner.read("SHOW CONSTRAINTS YIELD name RETURN name",
                                            name="schema.constraints", row_cap=10_000).rows}
    return [w for w in wanted if w not in have]
