"""The materialised pattern tables: the one list of them, their row labels, and the expansion of
the Cypher written once for every table.

Several places need the tables one by one: the refresh writes them (derived/tables.py), the schema
gives each table's rows a pair of text indexes of their own label (graph/schema.cypher), the
patterns page's search reads each of those indexes (queries/app/pattern_rows.cypher), the data gate
masks their columns (auth/kinds.py) and the page shows them as tabs (queries.catalogue.PATTERNS).
All of them read `MATERIALISED` and `row_label`, and the Cypher that repeats per table is written
once, between two marker comments, and expanded here when the file is read:

    // for each pattern table, joined by UNION ALL:
    MATCH (r:EachTableRow) WHERE r.search_open CONTAINS $needle RETURN count(r) AS hits
    // end for each pattern table

Inside the block `EachTableRow` stands for a table's row label and `each_table` for its name; the
block is written once per table, the copies separated by the upper-case words after "joined by"
(none: only a line break). The placeholders are plain identifiers, so the file as written is valid Cypher
too. Adding a table is one edit here (and its query file, queries/<name>.cypher).

This module lives in graph/ because the schema, the lowest layer, needs the list.
"""

from __future__ import annotations

import re

from graph.errors import CatalogueError

# The pattern queries written as tables after every load, largest first (the refresh starts the
# largest first; the patterns page shows them in this order, followed by the live ones).
MATERIALISED = ("repeat_victims", "repeat_addresses", "serial_offenders", "escalation",
                "fragmented_households", "children_exposed")
LABEL_PLACEHOLDER = "EachTableRow"
NAME_PLACEHOLDER = "each_table"

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_BLOCK = re.compile(r"^[ \t]*// for each pattern table\b(?P<opening>[^\n]*)\n"
                    r"(?P<body>.*?)"
                    r"^[ \t]*// end for each pattern table[^\n]*(?:\n|\Z)", re.MULTILINE | re.DOTALL)


def row_label(name: str) -> str:
    """The label of table `name`'s rows besides PatternRow (repeat_victims → RepeatVictimsRow):
    its text indexes hold only that table (graph/schema.cypher, queries/app/pattern_rows.cypher)."""
    if not _IDENT.match(name):
        raise CatalogueError(f"{name!r} cannot name a pattern table")
    return "".join(part[:1].upper() + part[1:] for part in name.split("_") if part) + "Row"


def expand_per_table(text: str, tables: tuple[str, ...] = MATERIALISED) -> str:
    """`text` with each `// for each pattern table` block written once per table of `tables`
    (placeholders replaced), the copies joined as the block's opening comment says."""
    def expand(block: re.Match[str]) -> str:
        body = block.group("body")
        if LABEL_PLACEHOLDER not in body:
            raise CatalogueError(f"a `for each pattern table` block must use {LABEL_PLACEHOLDER}")
        indent = re.match(r"[ \t]*", body).group()
        joined_by = re.search(r"joined by ([A-Z]+(?: [A-Z]+)*)", block.group("opening"))
        joiner = f"{indent}{joined_by.group(1)}\n" if joined_by else ""
        copies = [body.replace(LABEL_PLACEHOLDER, row_label(name)).replace(NAME_PLACEHOLDER, name)
                  for name in tables]
        return joiner.join(copy if copy.endswith("\n") else copy + "\n" for copy in copies)

    expanded = _BLOCK.sub(expand, text)
    if "// for each pattern table" in expanded or "// end for each pattern table" in expanded:
        raise CatalogueError("a `for each pattern table` block is not closed (or is nested)")
    return expanded
