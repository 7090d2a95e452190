"""The declared dependencies are exactly the third-party distributions the code imports.

Every module that ships (pyproject's package discovery and py-modules, without the benchmarks) is
parsed with `ast`; the modules it imports (at the top, inside functions, or named by a string to
`importlib.import_module`) less the standard library and the project's own packages are mapped to
the installed distributions that provide them. That set must equal `[project] dependencies` less
NOT_IMPORTED, the few declared ones the code needs without importing them by name. The benchmarks,
tests and scripts may import only what the runtime dependencies and their extras declare.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

# Declared, needed at run time, never imported by name: each with the reason it is declared.
NOT_IMPORTED = {
    "neo4j-rust-ext": "the neo4j driver loads this Rust packstream by itself when it is installed",
    "gunicorn": "the server command of the Dockerfile and docker-compose.yml (`gunicorn app:server`)",
    "pillow": "pypdfium2's `to_pil()` imports it for the map PNG (pages/components/pdfmap.py); "
              "pypdfium2 leaves it optional",
}
# In pyproject's package discovery but a development tool (its imports belong to the extras), like
# the Dockerfile, which leaves it out (tests/unit/test_compose.py).
DEV_PACKAGES = {"bench"}
# Calls whose first argument, a string, names a module to import.
IMPORTING_CALLS = {"import_module", "__import__"}


def normalise(distribution: str) -> str:
    """A distribution's name as PEP 503 compares it (`PyYAML` is `pyyaml`, `dash_cytoscape` is
    `dash-cytoscape`)."""
    return re.sub(r"[-_.]+", "-", distribution).lower()


def requirement_names(requirements: Iterable[str]) -> set[str]:
    """The distribution names of requirement strings (`dash[testing]>=4.0,<5` → `dash`)."""
    return {normalise(re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", r.strip()).group(0)) for r in requirements}


def _string_prefix(node: ast.expr) -> str | None:
    """The text of a string literal, or the literal start of an f-string (`f"loaders.{stem}"`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value)
    return None


def _statements(tree: ast.AST) -> Iterable[ast.AST]:
    """Every statement, in functions, classes and blocks too (an import is always a statement;
    skipping the expressions halves the walk)."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        todo += [c for c in ast.iter_child_nodes(node)
                 if isinstance(c, ast.stmt | ast.excepthandler | ast.match_case)]


def imported_modules(source: str, filename: str = "<source>") -> set[str]:
    """Top-level names of the modules `source` imports anywhere (relative imports excluded)."""
    found: set[str] = set()
    tree = ast.parse(source, filename)
    by_name = any(call in source for call in IMPORTING_CALLS)   # only then are the calls looked at
    for node in ast.walk(tree) if by_name else _statements(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            text = _string_prefix(node.args[0]) if called in IMPORTING_CALLS else None
            if text:
                found.add(text)
    return {name.split(".")[0] for name in found if name.split(".")[0]}


def _python_files(paths: Iterable[Path]) -> list[Path]:
    return sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob("*.py")))


def own_packages() -> set[str]:
    setuptools = PYPROJECT["tool"]["setuptools"]
    return {p.rstrip("*").rstrip(".") for p in setuptools["packages"]["find"]["include"]} | set(
        setuptools.get("py-modules", []))


def shipped_paths() -> list[Path]:
    setuptools = PYPROJECT["tool"]["setuptools"]
    packages = {p.rstrip("*").rstrip(".") for p in setuptools["packages"]["find"]["include"]} - DEV_PACKAGES
    return [ROOT / p for p in sorted(packages)] + [ROOT / f"{m}.py" for m in setuptools.get("py-modules", [])]


def third_party(paths: Iterable[Path], local: set[str] = frozenset()) -> dict[str, set[str]]:
    """Third-party top-level module → the files (relative to the repository) that import it."""
    skip = set(sys.stdlib_module_names) | own_packages() | set(local)
    found: dict[str, set[str]] = {}
    for f in _python_files(paths):
        for name in imported_modules(f.read_text(encoding="utf-8"), str(f)) - skip:
            found.setdefault(name, set()).add(str(f.relative_to(ROOT)))
    return found


@lru_cache(maxsize=1)
def _providers() -> dict[str, list[str]]:
    return importlib.metadata.packages_distributions()


def distributions(modules: dict[str, set[str]], uninstalled: set[str] = frozenset()) -> set[str]:
    """The installed distributions providing `modules`. A module no installed distribution provides
    fails, unless it is one of `uninstalled`: requirements of an extra the environment need not
    install (CI installs `test`, not `bench`), named as their module is."""
    unknown = {m: sorted(files)[:3] for m, files in modules.items()
               if m not in _providers() and normalise(m) not in uninstalled}
    assert not unknown, f"imported, but no installed distribution provides them: {unknown}"
    return {normalise(d) for m in modules for d in _providers().get(m, [m])}


def _declared(*extras: str) -> set[str]:
    project = PYPROJECT["project"]
    return requirement_names(project["dependencies"]) | {
        n for e in extras for n in requirement_names(project["optional-dependencies"][e])}


def test_runtime_dependencies_are_exactly_what_the_shipped_code_imports() -> None:
    modules = third_party(shipped_paths())
    imported = distributions(modules)
    declared = _declared()
    listed = set(NOT_IMPORTED)
    assert listed <= declared, f"allow-listed but not declared: {sorted(listed - declared)}"
    assert not listed & imported, f"imported now, so no longer an exception: {sorted(listed & imported)}"
    missing = {d: sorted(f for m, files in modules.items() if d in {normalise(x) for x in _providers()[m]}
                         for f in files)[:3] for d in imported - declared}
    unused = declared - listed - imported
    assert not missing and not unused, (
        f"imported by shipped code but not in [project] dependencies: {missing}; "
        f"declared but imported by no shipped module: {sorted(unused)}")


def test_development_code_imports_only_declared_distributions() -> None:
    """The benchmarks may use the runtime, `test` and `bench` requirements; tests and scripts the
    runtime and `test` ones. Their own helper modules (tests/unit/risk_cases.py …) are local."""
    for paths, extras in (([ROOT / p for p in sorted(DEV_PACKAGES)], ("test", "bench")),
                          ([ROOT / "tests", ROOT / "scripts"], ("test",))):
        local = {f.stem for f in _python_files(paths)}
        local |= {d.name for p in paths for d in p.rglob("*") if d.is_dir()}
        local |= {"tests", "scripts"}   # a benchmark may reuse a test's helpers (bench/households_bench.py)
        undeclared = distributions(third_party(paths, local), _declared(*extras)) - _declared(*extras)
        assert not undeclared, f"{[p.name for p in paths]} import undeclared {sorted(undeclared)}"


def test_the_scan_sees_lazy_and_string_imports() -> None:
    lazy = """
import os, yaml.constructor
from neo4j import GraphDatabase
from . import sibling
class Table:
    def column(self):
        try:
            import pyarrow.compute as pc
        except ImportError:
            from pandas import Series
        if self:
            with open(self):
                match self:
                    case 1:
                        import openpyxl
"""
    assert imported_modules(lazy) == {"os", "yaml", "neo4j", "pyarrow", "pandas", "openpyxl"}
    by_name = 'm = importlib.import_module("sklearn.linear_model") or importlib.import_module(f"loaders.{x}")'
    assert imported_modules(by_name) == {"sklearn", "loaders"}
    assert requirement_names(["dash[testing]>=4.0,<5", "PyYAML>=6", "dash_cytoscape"]) == {
        "dash", "pyyaml", "dash-cytoscape"}
