"""Named Cypher kept as files: one query per `.cypher` file, documented by a YAML header.

A file starts with a block of `//` comment lines holding YAML, then the query:

    // title: Repeat victims
    // description: People who were the victim in at least `min_calls` calls ...
    // mode: read
    // params:
    //   window_days: {type: int, default: 365, description: Length of the window in days}
    //   min_calls: {type: int, default: 2}
    MATCH ...

The declared params must be exactly the `$params` the query text uses; values are always passed
as parameters, never formatted into the text.

A read query also declares what kind of value each column it returns is (`kinds:`, one of
`KIND_WORDS`, or a `{key: kind}` mapping for a column holding a map or a list of maps); the data
gate masks by these declarations (auth/kinds.py, auth/declared.py), never by a column's name:

    // kinds:
    //   person_id: id
    //   name: name
    //   people: {name: name, household_id: id, role: code}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graph.errors import CatalogueError
from graph.pattern_tables import expand_per_table

_PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`"
# Strings and comments read left to right in one pass: whichever starts first wins, so an
# apostrophe in a comment ("the table's rows") does not open a string and '//' in a string does
# not start a comment.
_LEXEME_RE = re.compile(rf"{_STRING}|//[^\n]*|/\*.*?\*/", re.S)
PARAM_TYPES = {"int": int, "float": float, "str": str, "bool": bool, "date": str, "list": list}
# What a returned value is (auth/kinds.py documents each word); the data gate masks by these.
KIND_WORDS = frozenset({"name", "birth", "phone", "address", "text", "id", "code", "date", "number", "agency",
                        "secret", "node", "props"})


@dataclass(frozen=True)
class Param:
    name: str
    type: str = "str"
    default: Any = None
    required: bool = False
    description: str = ""

    def coerce(self, raw: Any) -> Any:
        """Turn a command-line or form value into this parameter's type."""
        if raw is None or (isinstance(raw, str) and raw == "" and self.type != "str"):
            return None
        if self.type == "bool" and isinstance(raw, str):
            return raw.strip().lower() in {"1", "true", "yes", "y", "예"}
        if self.type == "list" and isinstance(raw, str):
            return [v.strip() for v in raw.split(",") if v.strip()]
        try:
            return PARAM_TYPES[self.type](raw)
        except (TypeError, ValueError) as exc:
            raise CatalogueError(f"parameter {self.name} expects {self.type}, got {raw!r}") from exc


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    mode: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def bind(self, supplied: dict[str, Any] | None = None) -> dict[str, Any]:
        """Parameters for a run: declared defaults, overridden by `supplied` (coerced to type)."""
        supplied = dict(supplied or {})
        unknown = set(supplied) - {p.name for p in self.params}
        if unknown:
            raise CatalogueError(f"query {self.name} has no parameter(s) {', '.join(sorted(unknown))}")
        bound = {}
        for p in self.params:
            if p.name in supplied:
                bound[p.name] = p.coerce(supplied[p.name])
            elif p.required and p.default is None:
                raise CatalogueError(f"query {self.name} needs parameter {p.name} ({p.description or p.type})")
            else:
                bound[p.name] = p.default
        return bound


def used_parameters(text: str) -> set[str]:
    """The `$names` a Cypher text uses, ignoring strings and comments."""
    stripped = _LEXEME_RE.sub(lambda m: " " if m.group().startswith("/") else "''", text)
    return set(_PARAM_RE.findall(stripped))


def check_kinds(kinds: Any, where: str) -> None:
    """`kinds` must map each column (or key) to a word of KIND_WORDS or to such a mapping."""
    if not isinstance(kinds, dict) or not kinds:
        raise CatalogueError(f"{where} must be a non-empty mapping of column: kind")
    for key, kind in kinds.items():
        if isinstance(kind, dict):
            check_kinds(kind, f"{where}.{key}")
        elif not isinstance(kind, str) or kind not in KIND_WORDS:
            raise CatalogueError(f"{where}: column {key} has kind {kind!r}, not one of "
                                 f"{', '.join(sorted(KIND_WORDS))} (or a {{key: kind}} mapping)")


def parse_cypher_file(path: Path) -> NamedQuery:
    raw = path.read_text(encoding="utf-8")
    header_lines, body_lines, in_header = [], [], True
    for line in raw.splitlines():
        if in_header and line.startswith("//"):
            header_lines.append(line[2:].removeprefix(" "))
        else:
            in_header = False
            body_lines.append(line)
    try:
        header = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{path.name}: the header is not valid YAML: {exc}") from exc
    if not isinstance(header, dict):
        raise CatalogueError(f"{path.name}: the header must be YAML key: value lines")
    for key in ("title", "description", "mode"):
        if not header.get(key):
            raise CatalogueError(f"{path.name}: the header has no `{key}`")
    mode = str(header["mode"]).strip().lower()
    if mode not in {"read", "write"}:
        raise CatalogueError(f"{path.name}: mode must be read or write, not {mode!r}")
    params = []
    for name, spec in (header.get("params") or {}).items():
        spec = spec or {}
        if not isinstance(spec, dict):
            spec = {"default": spec}
        ptype = str(spec.get("type", "str"))
        if ptype not in PARAM_TYPES:
            raise CatalogueError(f"{path.name}: parameter {name} has unknown type {ptype!r}")
        params.append(Param(name=str(name), type=ptype, default=spec.get("default"),
                            required=bool(spec.get("required", False)),
                            description=str(spec.get("description", ""))))
    # Cypher written once for every pattern table is written out per table here, so every reader
    # of the file (the app, the checks, the tests) runs the same text (graph/pattern_tables.py).
    text = expand_per_table("\n".join(body_lines)).strip()
    if not text:
        raise CatalogueError(f"{path.name}: no query text after the header")
    declared, used = {p.name for p in params}, used_parameters(text)
    if declared != used:
        missing, extra = sorted(used - declared), sorted(declared - used)
        raise CatalogueError(
            f"{path.name}: declared params differ from the query's $params "
            f"(used but not declared: {missing or '-'}; declared but unused: {extra or '-'})")
    if "kinds" in header:
        check_kinds(header["kinds"], f"{path.name}: kinds")
        undeclared = [str(c) for c in (header.get("columns") or {}) if c not in header["kinds"]]
        if undeclared:
            raise CatalogueError(f"{path.name}: kinds declares no kind for column(s) {', '.join(undeclared)}")
    known = {"title", "description", "mode", "params", "name"}
    return NamedQuery(name=str(header.get("name") or path.stem), title=str(header["title"]),
                      description=str(header["description"]).strip(), mode=mode, text=text,
                      params=tuple(params), path=path,
                      extra={k: v for k, v in header.items() if k not in known})


def load_directory(directory: Path) -> dict[str, NamedQuery]:
    """Every `*.cypher` file of a folder, by name."""
    queries = {}
    for path in sorted(directory.glob("*.cypher")):
        q = parse_cypher_file(path)
        if q.name in queries:
            raise CatalogueError(f"{path.name}: query name {q.name} is used twice")
        queries[q.name] = q
    return queries


@cache
def _folder(directory: Path) -> dict[str, NamedQuery]:
    return load_directory(directory)


def cypher_text(directory: Path, name: str) -> str:
    """The text of statement `name` (its file `<name>.cypher`) in `directory`, every folder parsed
    once: how a module runs the fixed statements its package keeps in `.cypher` files."""
    try:
        return _folder(directory)[name].text
    except KeyError:
        raise CatalogueError(f"no statement {name!r} in {directory}") from None


def split_statements(text: str) -> list[str]:
    """Split a multi-statement script (like `schema.cypher`) on `;`, dropping comments."""
    cleaned = _LEXEME_RE.sub(lambda m: " " if m.group().startswith("/") else m.group(), text)
    return [s.strip() for s in cleaned.split(";") if s.strip()]
