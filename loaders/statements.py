"""The loaders' fixed statements besides each file type's write: `loaders/cypher/<name>.cypher`,
each folder parsed once (loaders.bundle.queries() reads the same folder for the writes)."""

from __future__ import annotations

from pathlib import Path

from graph.cypher_files import cypher_text

CYPHER_DIR = Path(__file__).with_name("cypher")


def statement(name: str) -> str:
    """The text of `loaders/cypher/<name>.cypher`."""
    return cypher_text(CYPHER_DIR, name)
