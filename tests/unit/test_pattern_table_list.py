"""The materialised pattern tables are listed once (graph/pattern_tables.py): the schema's text
indexes, the search query's branches, the data gate's kinds, the refresh and the page's tabs all
follow that list, and the Cypher repeated per table is written once and expanded when read."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from auth import kinds
from derived import tables
from graph import pattern_tables
from graph.cypher_files import parse_cypher_file
from graph.errors import CatalogueError
from graph.schema import SCHEMA_FILE, schema_statements
from queries import catalogue

ROOT = Path(__file__).resolve().parents[2]
LABELS = [pattern_tables.row_label(n) for n in pattern_tables.MATERIALISED]


def test_every_list_of_tables_is_the_one_list() -> None:
    assert tables.TABLES == pattern_tables.MATERIALISED == kinds.PATTERN_TABLES
    assert catalogue.PATTERNS == (*pattern_tables.MATERIALISED, "open_council_measures")
    assert tables.row_label is kinds.row_label is pattern_tables.row_label
    assert set(pattern_tables.MATERIALISED) <= set(catalogue.names())


def _code_strings(path: Path) -> list[str]:
    """The Cypher of a .cypher file without its comments; the string literals of a .py file but its
    docstrings (an example in prose is not a copy of the list)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".cypher":
        return [re.sub(r"//[^\n]*", "", text)]
    tree = ast.parse(text)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  and node.body and isinstance(node.body[0], ast.Expr)}
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_no_file_names_a_table_row_label_by_hand() -> None:
    """Adding a table is one edit: no .cypher file or shipped module spells out a table's row label."""
    spelled = []
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file()} - {"tests", "bench"}
    files = [p for top in sorted(packages) for suffix in ("*.cypher", "*.py")
             for p in (ROOT / top).rglob(suffix)]
    for path in files:
        text = "\n".join(_code_strings(path))
        spelled += [f"{path.relative_to(ROOT)}: {label}" for label in LABELS
                    if re.search(rf"\b{label}\b", text)]
    assert spelled == []


def test_schema_and_search_are_written_out_for_every_table() -> None:
    raw = SCHEMA_FILE.read_text(encoding="utf-8")
    assert raw.count(f"(n:{pattern_tables.LABEL_PLACEHOLDER})") == 2
    text_indexes = [s for s in schema_statements() if "TEXT INDEX pattern_row_" in s]
    assert len(text_indexes) == 2 * len(LABELS)
    assert pattern_tables.LABEL_PLACEHOLDER not in " ".join(schema_statements())
    assert ("CREATE TEXT INDEX pattern_row_escalation_named IF NOT EXISTS FOR (n:EscalationRow) "
            "ON (n.search_named)") in text_indexes
    query = parse_cypher_file(ROOT / "queries" / "app" / "pattern_rows.cypher").text
    assert pattern_tables.LABEL_PLACEHOLDER not in query and "for each pattern table" not in query
    assert re.findall(r"MATCH \(r:(\w+)\) WHERE r\.search_open", query) == LABELS
    # the branches are joined into one UNION ALL chain: one more UNION than tables (long rows, all rows)
    assert query.count("UNION ALL") == len(LABELS) + 1


def test_expansion_writes_the_block_once_per_table() -> None:
    text = ("MATCH (t)\nCALL (t) {\n  // for each pattern table, joined by UNION ALL: the branches\n"
            "  MATCH (r:EachTableRow {name: 'each_table'}) RETURN r\n"
            "  // end for each pattern table\n}\nRETURN t")
    got = pattern_tables.expand_per_table(text, ("a_b", "c"))
    assert got == ("MATCH (t)\nCALL (t) {\n  MATCH (r:ABRow {name: 'a_b'}) RETURN r\n  UNION ALL\n"
                   "  MATCH (r:CRow {name: 'c'}) RETURN r\n}\nRETURN t")
    plain = "// for each pattern table:\nCREATE INDEX x_each_table FOR (n:EachTableRow) ON (n.p);\n" \
            "// end for each pattern table\n"
    assert pattern_tables.expand_per_table(plain, ("a", "b")) == \
        "CREATE INDEX x_a FOR (n:ARow) ON (n.p);\nCREATE INDEX x_b FOR (n:BRow) ON (n.p);\n"
    assert pattern_tables.expand_per_table("RETURN 1") == "RETURN 1"


@pytest.mark.parametrize("text", [
    "// for each pattern table:\nMATCH (r:EachTableRow) RETURN r\n",                  # never closed
    "// for each pattern table:\nMATCH (r:Row) RETURN r\n// end for each pattern table\n",  # no placeholder
    "MATCH (r) RETURN r\n// end for each pattern table\n",                              # never opened
])
def test_a_malformed_block_is_refused(text: str) -> None:
    with pytest.raises(CatalogueError):
        pattern_tables.expand_per_table(text, ("a",))
