"""Write docs/queries.md from the headers of queries/*.cypher (a unit test checks it is current).

Run: .venv/bin/python scripts/gen_queries_doc.py
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from queries import catalogue  # noqa: E402

OUT = REPO / "docs" / "queries.md"


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render() -> str:
    out = ["# Query catalogue", "",
           "Generated from the headers of `queries/*.cypher` by `scripts/gen_queries_doc.py`; do not edit.",
           "Run one with `jss query NAME -p key=value` (`jss query --list` lists them) or from Python with",
           "`queries.catalogue.run(runner, NAME, params)`. Every query runs read-only with the runner's",
           "timeout and row cap; values always travel as `$params`. Queries marked *app* are called by the",
           "Dash pages and should answer within 100 ms at the jeju scale (`bench/queries_bench.py`).", "",
           "| query | 제목 | title | parameters |", "|---|---|---|---|"]
    for name in catalogue.names():
        q = catalogue.get(name)
        params = ", ".join(f"`{p.name}`" for p in q.params) or "—"
        out.append(f"| [`{name}`](#{name}) | {_cell(catalogue.title(q, 'ko'))} | {_cell(q.title)} | {params} |")
    for name in catalogue.names():
        q = catalogue.get(name)
        out += ["", f"## {name}", "", f"**{catalogue.title(q, 'ko')}** — {q.title}"
                + (" *(app)*" if q.extra.get("app") else ""), "",
                _cell(catalogue.description(q, "ko")), "", _cell(q.description), ""]
        if q.params:
            out += ["| parameter | type | default | meaning |", "|---|---|---|---|"]
            for p in q.params:
                default = "(required)" if p.required and p.default is None else ("—" if p.default is None else p.default)
                out.append(f"| `{p.name}` | {p.type} | {_cell(default)} | {_cell(p.description)} |")
            out.append("")
        columns = q.extra.get("columns") or {}
        if columns:
            out += ["| column | meaning |", "|---|---|"]
            out += [f"| `{c}` | {_cell(m)} |" for c, m in columns.items()]
            out.append("")
        out.append(f"Source: `queries/{q.path.name if q.path else name + '.cypher'}`")
    return "\n".join(out) + "\n"


def main() -> None:
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
