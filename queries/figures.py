"""What pages may read without the data gate: whole-graph aggregates that hold no personal value
(counts, rates, agency figures) and the app's plumbing (health, warm-up, freshness). Anything that
can show a person goes through `queries.gate`; `AGGREGATES` is the list of reads allowed here, and
tests/unit/test_gate_layers.py checks that none of them declares a personal column."""

from __future__ import annotations

from typing import Any

from graph.errors import JSSError
from graph.runner import ReadResult
from queries import db
from queries.db import (  # noqa: F401  # noqa: F401
    AtLeast,
    catalogue_columns,
    clear_cache,
    graph_version,
    has_catalogue,
    ping,
    run_warm_tasks,
    warm_up,
)

AGGREGATES = frozenset({
    ("catalogue", "overview_counts"), ("catalogue", "council_kpis"), ("catalogue", "linkage_yoy"),
    ("catalogue", "calls_yoy"), ("catalogue", "agency_coinvolvement"),
    ("app", "repeat_call_rate"), ("app", "agency_caseload"),
    ("app", "calls_per_month"), ("app", "referrals_per_month"), ("app", "risk_model"),
})


class NotAnAggregate(JSSError):
    """A page asked `queries.figures` for a read that is not a whole-graph aggregate."""


def aggregate(kind: str, name: str, params: dict[str, Any] | None = None, *,
              row_cap: int | None = None) -> ReadResult:
    """A cached whole-graph aggregate (queries.db.cached), one of AGGREGATES."""
    if (kind, name) not in AGGREGATES:
        raise NotAnAggregate(f"{kind} query {name} is not a whole-graph aggregate: read it through queries.gate")
    return db.cached(kind, name, params, row_cap=row_cap)


def server_marker() -> tuple[Any, ...]:
    """When the server started (a restart empties its plan cache)."""
    return tuple(db.app_query("server_started", {}, row_cap=1).rows[0].values())


def version_now() -> tuple[Any, ...]:
    """The graph's version read now (not the cached one)."""
    return tuple(db.app_query("graph_version", {}, row_cap=1).rows[0].values())


def rewarm_check_s() -> float:
    return db.get_runner().settings.app_rewarm_check_s


def warm_explorer(searches: tuple[str, ...], limit: int, probe_id: str, neighbour_shapes: list[Any]) -> None:
    """Compile the search's and the explorer's query plans with probes that match no one (nothing
    personal is read, so nothing is shown or audited): `neighbour_shapes` are
    (ids, exclude, cap, types, agency) with counts for the list sizes."""
    for probe in searches:
        db.search(probe, limit=limit)
    _warm_masked_search(probe_id)
    db.find_node("Household", probe_id)
    for ids, shown, cap, types, agency in neighbour_shapes:
        db.neighbours([probe_id] * ids, [probe_id] * shown, cap, types, agency)


# A council or agency user's search (queries/gate.py: Gate._masked_search) sends its candidate lists
# in these shapes (a surname: starts and ends; two syllables: starts; a Latin initial: starts and
# word starts, two cases each), then checks its candidates' households against the scope: a list of
# a few hundred to a few thousand ids (plans are cached per list-size bucket). Probes start with a
# control character no name holds, and the id probe matches no household, so nothing is read.
_NOBODY = "\x01"
_MASKED_PROBES = ([_NOBODY], [_NOBODY], []), ([_NOBODY], [], []), ([_NOBODY] * 2, [], [" " + _NOBODY] * 2), ([], [], [])
_SCOPE_SIZES = (1, 11, 101, 1001)


def _warm_masked_search(probe_id: str) -> None:
    for starts, ends, words in _MASKED_PROBES:
        db.app_query("search_masked", {"starts": starts, "ends": ends, "word_starts": words, "q": probe_id,
                                       "cap": 20_001}, row_cap=1)
    for n in _SCOPE_SIZES:
        for scope, agency in (("agenda", None), ("agency", probe_id)):
            db.app_query("households_in_scope", {"household_ids": [probe_id] * n, "scope": scope,
                                                 "agency_id": agency}, row_cap=1)


def warm_pattern(name: str, row_cap: int) -> None:
    """Read a pattern table that is not materialised ahead of the first visit (nothing is shown;
    the gate masks the page a user opens)."""
    if db.pattern_page(name, 0, 0) is None:
        db.cached("catalogue", name, row_cap=row_cap)


def warm_masking() -> None:
    """Read the shelter values the masking needs at app start, not on the first page."""
    from queries import privacy

    privacy.warm()
