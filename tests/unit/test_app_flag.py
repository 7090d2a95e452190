"""A catalogue query carries `app: true` exactly when the app runs it.

The flag decides which queries tests/integration/test_kinds_jeju.py checks against the masking's
declared kinds and which must meet the 100 ms goal of bench/queries_bench.py. The app's code (app.py,
pages/, and the three modules through which pages reach the database) is scanned for the catalogue
query names it passes to the helpers that run one; the result must equal the queries marked.
"""

from __future__ import annotations

import ast
from pathlib import Path

from graph.cypher_files import load_directory

ROOT = Path(__file__).resolve().parents[2]
APP_CODE = [ROOT / "app.py", *sorted((ROOT / "pages").rglob("*.py")),
            *(ROOT / "queries" / m for m in ("gate.py", "db.py", "figures.py"))]
# Helpers that run (or read the materialised rows of) the catalogue query an argument names, and
# that argument's position. `cached` and `aggregate` take a kind first: "catalogue" or "app".
NAME_AT = {"catalogue_query": 0, "run": 1, "cached": 1, "aggregate": 1,
           "pattern_table": 0, "pattern_rows": 0, "warm_pattern": 0}
KIND_FIRST = {"cached", "aggregate"}


def _patterns_page_tabs() -> set[str]:
    """pages/patterns.py runs the query of the tab shown (`page_of`, `export_rows`) and of every
    tab at start (`warm`) by a variable: the tab values are queries.catalogue.PATTERNS, which the
    page imports (and the data gate serves no other name as a pattern table)."""
    text = (ROOT / "pages" / "patterns.py").read_text(encoding="utf-8")
    assert "from queries.catalogue import PATTERNS" in text, "pages/patterns.py no longer takes its tabs from PATTERNS"
    from queries.catalogue import PATTERNS  # noqa: PLC0415

    return set(PATTERNS)


# Files that run catalogue queries by a name the scan cannot read, and how to find those names.
INDIRECT = {"pages/patterns.py": _patterns_page_tabs}


def _helper(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Attribute):
        # `run` only as `catalogue.run`: other objects have run methods too (the runner's, a thread's)
        if func.attr == "run" and getattr(func.value, "id", None) != "catalogue":
            return None
        return func.attr if func.attr in NAME_AT else None
    return func.id if isinstance(func, ast.Name) and func.id in NAME_AT.keys() - {"run"} else None


def scan(source: str, where: str) -> tuple[set[str], list[str]]:
    """(catalogue query names `source` runs by a string literal, call sites that name one by a
    variable). A helper passing on its own parameter (`def cached(kind, name)`) is not a site:
    its callers are."""
    names: set[str] = set()
    unresolved: list[str] = []

    def visit(node: ast.AST, function: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Call) and (helper := _helper(child)):
                at = NAME_AT[helper]
                kind = child.args[0] if helper in KIND_FIRST and child.args else None
                of_app = isinstance(kind, ast.Constant) and kind.value != "catalogue"
                if len(child.args) > at and not of_app:
                    arg = child.args[at]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        names.add(arg.value)
                    elif function not in NAME_AT:
                        unresolved.append(f"{where}:{child.lineno} {function or '<module>'} {helper}")
            visit(child, function)

    visit(ast.parse(source, where), None)
    return names, unresolved


def app_runs() -> tuple[set[str], list[str]]:
    names: set[str] = set()
    unresolved: list[str] = []
    for f in APP_CODE:
        where = str(f.relative_to(ROOT))
        got, sites = scan(f.read_text(encoding="utf-8"), where)
        names |= got
        unresolved += sites
    return names, unresolved


def marked() -> set[str]:
    return {n for n, q in load_directory(ROOT / "queries").items() if q.extra.get("app") is True}


def test_app_flag_is_exactly_the_queries_the_app_runs() -> None:
    names, unresolved = app_runs()
    files = {site.split(":")[0] for site in unresolved}
    assert files == set(INDIRECT), f"runs a catalogue query by a name the test cannot read: {unresolved}"
    for resolve in INDIRECT.values():
        names |= resolve()
    catalogue = set(load_directory(ROOT / "queries"))
    assert names <= catalogue, f"the app runs queries not in the catalogue: {sorted(names - catalogue)}"
    flagged = marked()
    assert names == flagged, (f"run by the app but not marked `app: true`: {sorted(names - flagged)}; "
                              f"marked but run by no page: {sorted(flagged - names)}")


def test_the_scan_reads_literals_kinds_and_forwarding_helpers() -> None:
    source = '''
def cached(kind, name):
    return catalogue_query(name) if kind == "catalogue" else app_query(name)
def page(gate, tab):
    db.cached("app", "case_list")
    figures.aggregate("catalogue", "overview_counts")
    gate.person(db.catalogue_query("person_detail", {}))
    catalogue.run(runner, "search_people")
    runner.run("MATCH (n) RETURN n", "shortest_path")
    run(job, "household_network")
    return gate.pattern_table(tab)
'''
    names, unresolved = scan(source, "x.py")
    assert names == {"overview_counts", "person_detail", "search_people"}
    assert unresolved == ["x.py:11 page pattern_table"]
