"""Regenerate the generated part of docs/data-model.md: node labels and keys from
graph/schema.cypher, relationship types (with their end labels and properties) from the loaders'
write queries in loaders/cypher/*.cypher, and a Mermaid diagram of both. Never drawn by hand:
`tests/unit/test_data_model_doc.py` fails when the doc and the sources disagree.

    .venv/bin/python scripts/gen_data_model.py          # rewrite the doc
    .venv/bin/python scripts/gen_data_model.py --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "data-model.md"
SCHEMA = REPO / "graph" / "schema.cypher"
CYPHER = REPO / "loaders" / "cypher"
START, END = "<!-- model:start -->", "<!-- model:end -->"
PROVENANCE = {"source_file", "source_row", "load_id", "first_load_id"}

_CONSTRAINT = re.compile(r"CREATE CONSTRAINT (\w+) IF NOT EXISTS FOR \(n:(\w+)\) REQUIRE n\.(\w+) IS UNIQUE")
_INDEX = re.compile(r"CREATE (?:(FULLTEXT|POINT) )?INDEX (\w+) IF NOT EXISTS FOR \(n:([\w|]+)\) ON (?:EACH )?[\[(](.+?)[\])]")
_NODE_VAR = re.compile(r"\((\w+):(\w+)")
_FOREACH_ALIAS = re.compile(r"FOREACH \((\w+) IN CASE WHEN \w+ IS NULL THEN \[\] ELSE \[(\w+)\] END")
_MERGE_REL = re.compile(r"MERGE \((\w+)\)-\[(\w+):(\w+)\]->\((\w+)\)")
_LINE_COMMENT = re.compile(r"//[^\n]*")


def schema_nodes() -> tuple[list[tuple[str, str, str]], dict[str, list[str]]]:
    """`[(label, key, constraint)]` and `{label: [index descriptions]}` from schema.cypher."""
    text = _LINE_COMMENT.sub("", SCHEMA.read_text(encoding="utf-8"))
    nodes = [(label, key, name) for name, label, key in _CONSTRAINT.findall(text)]
    indexes: dict[str, list[str]] = {}
    for fulltext, name, labels, props in _INDEX.findall(text):
        cols = ", ".join(p.strip().removeprefix("n.") for p in props.split(","))
        for label in labels.split("|"):
            indexes.setdefault(label, []).append(f"{name} ({fulltext.lower() + ' ' if fulltext else ''}{cols})")
    return nodes, indexes


def loader_relationships() -> list[tuple[str, str, str, list[str], str]]:
    """`[(start label, type, end label, properties, query file)]` from every MERGE of a relationship
    in the loaders' write queries; variables are resolved to the labels they were bound with."""
    found: dict[tuple[str, str, str], tuple[set[str], set[str]]] = {}
    for path in sorted(CYPHER.glob("*.cypher")):
        text = _LINE_COMMENT.sub("", path.read_text(encoding="utf-8"))
        labels = dict(_NODE_VAR.findall(text))
        for alias, var in _FOREACH_ALIAS.findall(text):      # FOREACH (x IN CASE … ELSE [var] END | …)
            labels.setdefault(alias, labels.get(var, "?"))
        for a, var, rtype, b in _MERGE_REL.findall(text):
            props = set(re.findall(rf"\b{var}\.(\w+)\s*=", text)) - PROVENANCE
            key = (labels.get(a, "?"), rtype, labels.get(b, "?"))
            entry = found.setdefault(key, (set(), set()))
            entry[0].update(props)
            entry[1].add(path.name)
    return [(a, t, b, sorted(p), ", ".join(sorted(files))) for (a, t, b), (p, files) in sorted(found.items())]


def render() -> str:
    nodes, indexes = schema_nodes()
    rels = loader_relationships()
    out = ["```mermaid", "flowchart LR"]
    written = {a for a, *_ in rels} | {b for _, _, b, *_ in rels}
    for label, key, _ in nodes:
        shape = f'{label}["{label}<br/><i>{key}</i>"]'
        out.append(f"  {shape}" if label in written or label == "Load" else f"  {shape}:::resolution")
    for a, rtype, b, props, _ in rels:
        text = rtype + (f"<br/>{', '.join(props)}" if props else "")
        out.append(f'  {a} -- "{text}" --> {b}')
    out.append("  classDef resolution stroke-dasharray: 4 3")
    out.append("```")
    out += ["", "| label | key (unique) | constraint | indexes |", "|---|---|---|---|"]
    for label, key, name in nodes:
        out.append(f"| `{label}` | `{key}` | `{name}` | {'; '.join(indexes.get(label, [])) or '—'} |")
    out += ["", "| relationship | properties (besides provenance) | written by |", "|---|---|---|"]
    for a, rtype, b, props, files in rels:
        shown = ", ".join(f"`{p}`" for p in props) or "—"
        out.append(f"| `({a})-[:{rtype}]->({b})` | {shown} | {files} |")
    return "\n".join(out)


def updated(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{render()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    text = DOC.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in argv:
        if new != text:
            print(f"{DOC} is out of date: run .venv/bin/python scripts/gen_data_model.py")
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    print(f"updated {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
