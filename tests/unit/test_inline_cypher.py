"""Every Cypher statement lives in a `.cypher` file with a checked header (graph/cypher_files.py),
in the folder of the package that runs it. A statement that must be built in Python (a label or
property name from a fixed allow-list, which no parameter can carry) is allowed only in the
builders listed below, each with its reason. This test fails when a Cypher string appears in any
other shipped module (the packages and app.py; bench/, scripts/ and tests/ are tools)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOLS = {"bench", "scripts", "tests"}
# What starts or makes up a statement: a clause on a pattern, a subquery, a procedure, schema
# commands. A bare keyword (a word list, a message naming MERGE) is not a statement.
STATEMENT = re.compile(r"\b(?:MATCH|MERGE|CREATE)\s*\(|\bUNWIND\s+[$\w\[]|\bDETACH\s+DELETE\b"
                       r"|\bCALL\s*(?:\(|\{|db\.|dbms\.|apoc\.)|\bSHOW\s+(?:INDEXES|CONSTRAINTS|DATABASES)\b"
                       r"|\b(?:CREATE|DROP)\s+(?:TEXT\s+|FULLTEXT\s+|RANGE\s+|POINT\s+)?"
                       r"(?:INDEX|CONSTRAINT)\b"
                       r"|\bRETURN\s+\w+(?:\(|\s+AS\b)")

# "<path>:<function or module-level name>" -> why the Cypher is built (or written) there
ALLOWED = {
    "derived/tables.py:rows_cypher": "a pattern table's read: the catalogue query's text wrapped with "
                                     "its declared columns (identifiers checked by `columns`)",
    "derived/tables.py:write_rows_cypher": "a table's rows carry its row label, checked by row_label",
    "loaders/bundle.py:_write_file": "counting one label of STALE_LABELS: the label must be in the text "
                                     "for the count to come from the count store",
    "auth/shelters.py:_UNSEAL": "one read per sealed kind, label, key and properties from SEALED_KINDS",
    "loaders/rollback.py:rollback": "a message telling the user which query lists the loads (not run)",
    "pages/console.py:layout": "the console's example text in its editor (run only as the user's query)",
    "queries/console.py:check_text": "a refusal message naming the clause refused (not run)",
}


def shipped_modules() -> list[Path]:
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file()} - TOOLS
    return sorted([*ROOT.glob("*.py"), *(p for top in packages for p in (ROOT / top).rglob("*.py"))])


def _docstrings(tree: ast.AST) -> set[int]:
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and node.body and isinstance(node.body[0], ast.Expr)}


def cypher_strings(path: Path) -> list[tuple[str, int]]:
    """(scope, line) of each string in `path` that holds Cypher: scope is the enclosing function,
    or for module level the names assigned."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST, scope: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            here = scope
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                here = child.name
            elif scope is None and isinstance(child, (ast.Assign, ast.AnnAssign)):
                targets = child.targets if isinstance(child, ast.Assign) else [child.target]
                here = ",".join(t.id for t in targets if isinstance(t, ast.Name)) or None
            if isinstance(child, ast.Constant) and isinstance(child.value, str) and id(child) not in docs \
                    and STATEMENT.search(child.value):
                found.append((scope or "<module>", child.lineno))
            visit(child, here)

    visit(tree, None)
    return found


def test_cypher_strings_appear_only_in_the_allowed_builders() -> None:
    inline = [f"{path.relative_to(ROOT)}:{scope} (line {line})"
              for path in shipped_modules() for scope, line in cypher_strings(path)
              if f"{path.relative_to(ROOT)}:{scope}" not in ALLOWED]
    assert inline == [], "move these statements to a .cypher file of their package:\n" + "\n".join(inline)


def test_every_allowed_builder_still_builds_cypher() -> None:
    """An entry left behind after its statement moved would let a new one in unnoticed."""
    seen = {f"{path.relative_to(ROOT)}:{scope}"
            for path in shipped_modules() for scope, _ in cypher_strings(path)}
    assert set(ALLOWED) <= seen, sorted(set(ALLOWED) - seen)


def test_the_scan_finds_cypher_in_the_shapes_it_is_written(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('"""MATCH (n) in a docstring is prose."""\n'
                      'WORDS = ("MERGE", "CREATE")\n'
                      'Q = "MATCH (a:Agency) RETURN a.agency_id AS id"\n'
                      'def f(label):\n'
                      '    return f"MATCH (n:{label}) RETURN count(n)"\n'
                      'def g():\n'
                      '    return ["SHOW INDEXES YIELD name RETURN name", "CALL db.awaitIndexes()",\n'
                      '            "UNWIND $rows AS row SET x = 1", "MATCH (n) DETACH DELETE n"]\n',
                      encoding="utf-8")
    # the f-string is two constants, both Cypher
    assert cypher_strings(module) == [("Q", 3), ("f", 5), ("f", 5), ("g", 7), ("g", 7), ("g", 8), ("g", 8)]
