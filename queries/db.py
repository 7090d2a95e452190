"""The app's raw reads: one process-wide Runner, created on first use, catalogue queries
(`queries.catalogue`) and the app's own reads (`queries/app/*.cypher`), and the caches of
whole-graph reads. Pages never import this module (the layering contract in `.importlinter`
forbids it): personal data reaches them only through `queries.gate`. Nothing runs at import time."""

from __future__ import annotations

import logging
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from auth.masking import search_classes
from graph.cypher_files import NamedQuery, load_directory
from graph.errors import CatalogueError
from graph.runner import ReadResult, Runner
from graph.settings import load_settings
from queries import catalogue

APP_QUERY_DIR = Path(__file__).resolve().parent / "app"
log = logging.getLogger("jss.app")

_lock = threading.Lock()
_runner: Runner | None = None


def get_runner() -> Runner:
    """The shared Runner (the driver connects lazily, so this never blocks on a down database)."""
    global _runner
    with _lock:
        if _runner is None:
            _runner = Runner(load_settings())
        return _runner


def set_runner(runner: Runner | None) -> Runner | None:
    """Swap the shared Runner (tests and benches; `jss app` uses the default). Returns the old one."""
    global _runner
    with _lock:
        old, _runner = _runner, runner
        return old


@lru_cache(maxsize=1)
def app_queries() -> dict[str, NamedQuery]:
    return load_directory(APP_QUERY_DIR)


def has_catalogue(name: str) -> bool:
    try:
        catalogue.get(name)
        return True
    except CatalogueError:
        return False


def declared_kinds(kind: str, name: str) -> dict[str, Any]:
    """The `kinds:` a catalogue (kind "catalogue") or app query declares for its columns."""
    query = catalogue.get(name) if kind == "catalogue" else app_queries()[name]
    return dict(query.extra.get("kinds") or {})


def catalogue_columns(name: str) -> list[str]:
    """The columns catalogue query `name` declares, in order."""
    return list(catalogue.get(name).extra.get("columns") or [])


# The warm-up thread reads with a longer time limit than a user's request: it compiles plans
# nobody waits for, and on a freshly started server the explorer's neighbour query took 15.8 s to
# plan (the 10 s limit stopped it, and with it the rest of the warm-up).
WARM_TIMEOUT_S = 120.0
_this_thread = threading.local()


def _timeout() -> float | None:
    """This thread's time limit for reads: None (the JSS_QUERY_TIMEOUT setting) but in the warm-up."""
    return getattr(_this_thread, "timeout", None)


def catalogue_query(name: str, params: dict[str, Any] | None = None, *, row_cap: int | None = None) -> ReadResult:
    return catalogue.run(get_runner(), name, params, timeout=_timeout(), row_cap=row_cap)


def app_query(name: str, params: dict[str, Any] | None = None, *, row_cap: int | None = None) -> ReadResult:
    q = app_queries()[name]
    return get_runner().read(q.text, q.bind(params), name=f"app.{name}", timeout=_timeout(), row_cap=row_cap)


def ping() -> bool:
    """True when Neo4j answers (the banner's health check)."""
    from graph.errors import JSSError

    try:
        get_runner().ping()
        return True
    except JSSError:
        return False


# --- element-shaped reads of the explorer ---------------------------------------------------
def neighbours(ids: list[str], exclude: list[str], cap: int,
               types: list[str] | None = None, agency: bool = False) -> list[dict[str, Any]]:
    """Neighbours of each node in `ids` not in `exclude` (person records collapsed to people),
    at most `cap` per node, with the total so the caller can show "N more". `ids` are all
    agencies (`agency`) or none is: the two kinds have queries of their own, each planned in half
    the time of one for both (a node of the other kind gets no row)."""
    name = "agency_neighbours" if agency else "neighbours"
    return app_query(name, {"ids": ids, "exclude": exclude, "cap": cap, "types": types},
                     row_cap=len(ids) + 1).rows


def find_node(label: str, key: str) -> dict[str, Any] | None:
    rows = app_query("find_node", {"label": label, "key": key}, row_cap=1).rows
    return rows[0]["node"] if rows else None


def search(text: str, limit: int = 25) -> list[dict[str, Any]]:
    """People by partial name (spaces ignored), phone digits, address text or an id."""
    q = text.strip()
    if has_catalogue("search_people"):
        return catalogue_query("search_people", {"text": q, "limit": limit}, row_cap=limit).rows
    digits = "".join(ch for ch in q if ch.isdigit()) if not any(ch.isalpha() for ch in q) else ""
    return app_query("search", {"q": q, "name_q": q.replace(" ", ""), "digits": digits, "limit": limit},
                     row_cap=limit).rows


def case_map(case_id: str) -> dict[str, Any] | None:
    rows = app_query("case_map_elements", {"case_id": case_id}, row_cap=1).rows
    return rows[0] if rows else None


AGENCY_HOUSEHOLDS = 500


def agency_households(agency_id: str) -> tuple[list[dict[str, Any]], bool]:
    """The AGENCY_HOUSEHOLDS households with most contacts with the agency, and whether there are
    more (the database sorts and stops there instead of sending every household)."""
    rows = app_query("agency_households", {"agency_id": agency_id, "limit": AGENCY_HOUSEHOLDS + 1},
                     row_cap=AGENCY_HOUSEHOLDS + 1).rows
    return rows[:AGENCY_HOUSEHOLDS], len(rows) > AGENCY_HOUSEHOLDS



# --- materialised pattern tables (derived/tables.py) -------------------------------------------
def _table_row(name: str, props: dict[str, Any]) -> dict[str, Any]:
    """A PatternRow's properties as a result row: the query's declared columns in their order (a
    column whose value was null is simply absent from the node)."""
    return {c: props.get(c) for c in catalogue_columns(name)}


def pattern_page(name: str, skip: int, limit: int) -> tuple[int, list[dict[str, Any]]] | None:
    """(row count, rows skip … skip+limit−1) of pattern table `name` in its own order; None when
    the table is not materialised (then the caller computes the pattern live)."""
    rows = app_query("pattern_page", {"pattern": name, "skip": skip, "limit": limit}, row_cap=1).rows
    if not rows:
        return None
    return int(rows[0]["total"] or 0), [_table_row(name, m) for m in rows[0]["rows"]]


# A search reads at most this many hits from its table's text indexes (one label per table); past it
# (a needle that matches most rows) the table is walked in order instead, and stops once it has
# the page. At national, 1,000 hits cost 30–60 ms; every hit read costs ≈6 µs.
MATCH_CAP = 1000
_EVERY_MATCH = 10_000_000


class AtLeast(int):
    """A row count known only from below: a broad search stopped once it had the rows it needed
    (there may be more: the page offers one page past it)."""


def pattern_rows(name: str, *, needle: str | None, search_columns: list[str], sort: str | None,
                 descending: bool, skip: int, limit: int) -> tuple[int, list[dict[str, Any]]] | None:
    """Like `pattern_page`, for rows containing `needle` (lower case), sorted by `sort`.
    `search_columns` are the columns this user may search (queries.gate.Gate.searchable_columns): the
    stored search text holds every open column; names and birth dates are searched only when
    `search_columns` includes them, and a row too long for the index in exactly these. Each case
    is an index read: no needle and no sort is the table's own order, a sort alone a slice of the
    column's stored order, a needle a text-index search. A needle with more than MATCH_CAP index
    hits walks the table in order instead, and its count is then a lower bound (`AtLeast`)."""
    if needle is None and sort is None:
        return pattern_page(name, skip, limit)
    if needle is None:
        rows = app_query("pattern_sorted", {"pattern": name, "sort": sort, "descending": descending,
                                            "skip": skip, "limit": limit}, row_cap=1).rows
        if not rows:
            return None
        if rows[0]["ordered"]:
            return int(rows[0]["total"] or 0), [_table_row(name, m) for m in rows[0]["rows"]]
    _, named = search_classes(catalogue_columns(name))
    search = {"needle": needle, "search_columns": search_columns, "sort": sort, "descending": descending,
              "named_needle": needle if any(c in search_columns for c in named) else None}
    found = _search_rows(name, search, skip, limit, MATCH_CAP)
    if found is None:
        return None
    complete, answer = found
    if complete:
        return answer
    walked = _walk(name, search, skip, limit, at_least=answer[0])
    if walked is not None:
        return walked
    # the sort column has no stored order (a table written before orders were kept): sort all
    everything = _search_rows(name, search, skip, limit, _EVERY_MATCH)
    return everything[1] if everything else None


def _search_rows(name: str, search: dict[str, Any], skip: int, limit: int, cap: int
                 ) -> tuple[bool, tuple[int, list[dict[str, Any]]]] | None:
    """(complete, (total, rows)) from pattern_rows.cypher. Past `cap` index hits complete is false,
    there are no rows, and total is a lower bound: the table's rows among the hits read."""
    res = app_query("pattern_rows", {"pattern": name, **search, "skip": skip, "limit": limit, "cap": cap},
                    row_cap=1).rows
    if not res:
        return None
    row = res[0]
    total = int(row["total"] or 0) if row["complete"] else int(row["found"] or 0)
    return bool(row["complete"]), (total, [_table_row(name, m) for m in row["rows"]])


def _walk(name: str, search: dict[str, Any], skip: int, limit: int, at_least: int
          ) -> tuple[int, list[dict[str, Any]]] | None:
    """Rows skip … skip+limit−1 of a broad search, read chunk by chunk in the table's (or the sort
    column's stored) order, with the row count: exact when the walk reached the end, else
    `AtLeast` the matches seen (or `at_least`, known from the index read). None when the order is
    not stored."""
    want, found, start, size, rows = skip + limit, 0, 0, max(200, 2 * (skip + limit)), []
    while True:
        got = app_query("pattern_walk", {"pattern": name, **search, "start": start, "size": size,
                                         "want": want - found, "drop": max(0, skip - found)}, row_cap=1).rows
        if not got or not got[0]["ordered"]:
            return None
        chunk = got[0]
        rows += [_table_row(name, m) for m in chunk["rows"]]
        found, start = found + chunk["matched"], start + chunk["read"]
        if found >= want or start >= chunk["table_rows"] or not chunk["read"]:
            break
        size = min(size * 4, 50_000)
    exact = start >= chunk["table_rows"] and found < want
    return (found if exact else AtLeast(max(found, at_least))), rows


# --- entity-resolution review (resolution.review) --------------------------------------------
def review_pending(limit: int = 20) -> list[dict[str, Any]]:
    from resolution import review

    return review.pending(get_runner(), limit)


def review_decide(record_a: str, record_b: str, decision: str, by: str) -> str:
    from resolution import review

    return review.decide(get_runner(), record_a, record_b, decision, by, reason="app review")


# --- risk scores: stored on the victims by every scoring run (risk/scores.py), read per person ----
_models_lock = threading.Lock()
_models: dict[str, Any] = {}   # model_id → FittedModel: a model's content never changes under its id


def risk_scores(person_ids: list[str]) -> dict[str, Any]:
    """person_id → queries.risk.RiskScore for those of `person_ids` with a stored score (victims
    at the latest scoring run), as of that run's day, with the hand score's reasons rebuilt from
    what was stored and the run's model applied to the stored bins. One indexed read; nothing is
    computed over the whole graph."""
    from queries import risk

    ids = sorted({str(p) for p in person_ids if p not in (None, "")})
    run = risk_scoring()
    if not ids or run is None:
        return {}
    rows = app_query("risk_scores", {"person_ids": ids}, row_cap=len(ids) + 1).rows
    return risk.stored_scores(rows, run["as_of"], _risk_model(run["model_id"]) if run.get("model_id") else None)


def _risk_model(model_id: str) -> Any:
    with _models_lock:
        if model_id in _models:
            return _models[model_id]
    from queries import risk

    model = risk.latest_model(get_runner(), model_id)
    with _models_lock:
        _models[model_id] = model
    return model


def risk_scoring() -> dict[str, Any] | None:
    """The latest scoring run (queries/app/risk_scoring.cypher): when, as of which day, which
    model; None before the first."""
    rows = cached("app", "risk_scoring", row_cap=1).rows
    return rows[0] if rows else None


# --- cached whole-graph reads ------------------------------------------------------------------
# Pattern tables, overview figures and the agency network scan the whole graph (0.4–1 s at the
# jeju scale); they change only when data are loaded or resolved. They are kept until the graph's
# version (counts the store keeps, checked at most every VERSION_CHECK_S) changes, or CACHE_TTL_S
# passes, and are computed ahead in the background when the app starts.
CACHE_TTL_S = 1800.0
VERSION_CHECK_S = 10.0
_cache_lock = threading.Lock()
_cache: dict[tuple[str, str, str, int | None], tuple[float, Any, ReadResult]] = {}
_version: dict[str, Any] = {"at": -1e9, "value": None}


def graph_version() -> Any:
    """Numbers that change when a load, a rollback or a resolution run changes the graph (node
    counts by label come from Neo4j's count store: no scan)."""
    now = time.monotonic()
    with _cache_lock:
        if now - _version["at"] < VERSION_CHECK_S:
            return _version["value"]
    row = app_query("graph_version", {}, row_cap=1).rows[0]
    value = tuple(row.values())
    with _cache_lock:
        _version.update(at=time.monotonic(), value=value)
    return value


def cached(kind: str, name: str, params: dict[str, Any] | None = None, *, row_cap: int | None = None) -> ReadResult:
    """`catalogue_query` (kind "catalogue") or `app_query` (kind "app"), reused while the graph is
    unchanged."""
    import json

    key = (kind, name, json.dumps(params or {}, sort_keys=True, default=str), row_cap)
    version = graph_version()
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(key)
    if hit and now - hit[0] < CACHE_TTL_S and hit[1] == version:
        return hit[2]
    run = catalogue_query if kind == "catalogue" else app_query
    result = run(name, params, row_cap=row_cap)
    with _cache_lock:
        _cache[key] = (time.monotonic(), version, result)
    return result


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()
        _version.update(at=-1e9, value=None)


def run_warm_tasks(tasks: list[Any]) -> bool:
    """Run `tasks` (zero-argument callables: the pages' whole-graph reads and plan warm-ups) in
    this thread, reads limited to WARM_TIMEOUT_S. A failed task is only
    logged; the database being down ends the run. False when it ended that way."""
    from graph.errors import DatabaseUnavailable, JSSError

    _this_thread.timeout = WARM_TIMEOUT_S
    try:
        for task in tasks:
            try:
                task()
            except DatabaseUnavailable:
                log.info("warm-up stopped: DatabaseUnavailable")
                return False
            except JSSError as exc:
                log.info("warm-up task %s failed: %s", getattr(task, "__module__", "?"), type(exc).__name__)
        return True
    finally:
        _this_thread.timeout = None


def warm_up(tasks: list[Any]) -> threading.Thread:
    """`run_warm_tasks(tasks)` in a background thread (the app's start)."""
    thread = threading.Thread(target=run_warm_tasks, args=(tasks,), name="jss-warm-up", daemon=True)
    thread.start()
    return thread


# --- agenda suggestions (suggest.decide) --------------------------------------------------------
def suggestion_decide(household_id: str, decision: str, by: str, reason: str | None) -> str | None:
    """Take a decision on a household's suggestion (suggest.decide); the new status, or None when
    suggest refuses it (unknown decision, no reason for a dismissal, absent or not in a state that
    allows it)."""
    from suggest import decide

    try:
        return decide.decide(get_runner(), household_id, decision, by, reason)
    except decide.DecisionError:
        return None
