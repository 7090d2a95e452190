"""The named query catalogue: every `queries/*.cypher` file, parsed once and cached.

`run(runner, name, params)` binds the supplied values to the query's declared parameters (defaults,
type coercion, unknown names refused), then runs it through the runner's READ path, so the
runner's timeout and row cap always apply and values always travel as `$params`.

Headers carry, besides what `graph/cypher_files.py` requires (title, description, mode, params):
`title_ko`, `description_ko` (the app is Korean-first), `columns` (column name → meaning, shown
in docs/queries.md and the app's table tooltips) and `app` (true when a page calls the query;
such queries should answer within 100 ms at the jeju scale, see bench/queries_bench.py).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph import pattern_tables
from graph.cypher_files import NamedQuery, load_directory
from graph.errors import CatalogueError
from graph.runner import ReadResult, Runner

QUERY_DIR = Path(__file__).resolve().parent

# The fixed list of catalogue names (the app and the docs refer to them).
NAMES = (
    "household_network", "household_agencies", "repeat_victims", "repeat_addresses",
    "serial_offenders", "escalation", "fragmented_households", "children_exposed",
    "open_council_measures", "council_kpis", "linkage_yoy", "calls_yoy", "shortest_path",
    "agency_coinvolvement", "search_people", "person_detail", "case_map", "overview_counts",
)
# The pattern tables of the patterns page, in its tab order. The data gate serves these, and no
# other catalogue query, as a pattern table (queries/gate.py: Gate.pattern_table): a forged tab
# value cannot read another query through it. The materialised ones (graph/pattern_tables.py, the
# one list of them) are written after each load (derived/tables.py); open_council_measures, whose
# answer depends on the day it is asked, is read live.
PATTERNS = (*pattern_tables.MATERIALISED, "open_council_measures")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, NamedQuery]:
    """All named queries by name (parsed once; a malformed file raises CatalogueError)."""
    queries = load_directory(QUERY_DIR)
    for q in queries.values():
        if q.mode != "read":
            raise CatalogueError(f"{q.path.name if q.path else q.name}: catalogue queries must be mode: read")
    return queries


def names() -> list[str]:
    return sorted(catalogue())


def get(name: str) -> NamedQuery:
    try:
        return catalogue()[name]
    except KeyError:
        known = ", ".join(names())
        raise CatalogueError(f"unknown query {name!r}; known queries: {known}") from None


def title(q: NamedQuery, lang: str = "ko") -> str:
    return str(q.extra.get("title_ko") or q.title) if lang == "ko" else q.title


def description(q: NamedQuery, lang: str = "ko") -> str:
    return str(q.extra.get("description_ko") or q.description).strip() if lang == "ko" else q.description


def bind(q: NamedQuery, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """Declared defaults overridden by `params`, coerced; `date` params are checked ISO dates."""
    bound = q.bind(params)
    for p in q.params:
        value = bound.get(p.name)
        if p.type == "date" and value is not None:
            if isinstance(value, datetime):
                value = value.date()
            if isinstance(value, date):
                bound[p.name] = value.isoformat()
                continue
            try:
                bound[p.name] = date.fromisoformat(str(value).strip()).isoformat()
            except ValueError as exc:
                raise CatalogueError(f"query {q.name}: parameter {p.name} expects a date YYYY-MM-DD, "
                                     f"got {value!r}") from exc
        if p.type == "str" and isinstance(value, str):
            bound[p.name] = value.strip()
    return bound


def run(runner: Runner, name: str, params: dict[str, Any] | None = None, *,
        timeout: float | None = None, row_cap: int | None = None) -> ReadResult:
    """Run catalogue query `name` read-only with bound parameters."""
    q = get(name)
    return runner.read(q.text, bind(q, params), name=f"catalogue.{name}", timeout=timeout, row_cap=row_cap)
