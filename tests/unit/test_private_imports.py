"""A leading underscore means "used only inside this module". No shipped module reaches into
another module's private names, by `from x import _name` or through `x._name` on a module it
imported: a name another module needs is public (and named for what it is). bench/ and tests/ are
tools and left out (tests may look inside the module they test)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = {p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file()} | {"app"}
TOOLS = {"bench", "tests"}


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_uses(source: str) -> list[str]:
    """`module.name` for each private name of a project module that `source` imports or reads."""
    tree = ast.parse(source)
    modules: dict[str, str] = {}        # local name -> the project module (or name) it stands for
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in PROJECT:
                    top = alias.name.split(".")[0]
                    modules[alias.asname or top] = alias.name if alias.asname else top
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                and node.module.split(".")[0] in PROJECT:
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"{node.module}.{alias.name}")
                modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr) and isinstance(node.value, ast.Name) \
                and node.value.id in modules:
            found.append(f"{modules[node.value.id]}.{node.attr}")
    return found


def shipped_modules() -> list[Path]:
    return sorted([*ROOT.glob("*.py"), *(p for top in PROJECT - TOOLS for p in (ROOT / top).rglob("*.py"))])


def test_no_module_uses_another_modules_private_names() -> None:
    uses = [f"{path.relative_to(ROOT)}: {use}" for path in shipped_modules()
            for use in private_uses(path.read_text(encoding="utf-8"))]
    assert uses == [], ("make these names public, or move them to the module that uses them:\n"
                        + "\n".join(uses))


def test_the_scan_sees_both_ways_in() -> None:
    source = ("from auth.users import _locked, public\n"
              "from loaders import bundle\n"
              "import graph.runner as runner\n"
              "from json import _default_decoder\n"          # not the project's
              "bundle._spilled(x)\nrunner._chunks([], 1)\nbundle.queries()\nself._own = 1\n")
    assert sorted(private_uses(source)) == ["auth.users._locked", "graph.runner._chunks",
                                            "loaders.bundle._spilled"]
