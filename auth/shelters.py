"""Where protection facilities are: the values (`SensitiveValues`) that no role but admin may see,
loaded from the graph and cached briefly per process.

Sources (graph model, docs/architecture.md):
- shelter agencies (`Agency.type` 보호시설 / 청소년쉼터): their `address` and `phone`;
- person records of services given while in a shelter (`Service.field` 주거·보호시설, or a service
  `BY_AGENCY` a shelter agency): the recorded `address`, and every text property of the canonical
  `Address` node the record resolves `AT`.
"""

from __future__ import annotations

import logging
import threading
import time

from auth.masking import SHELTER_AGENCY_TYPES, SHELTER_SERVICE_FIELDS, SensitiveValues
from graph.runner import Runner

log = logging.getLogger("jss.auth")

# Long enough that a page with many callbacks loads the set once, short enough that shelters
# written without changing the app's graph version are protected within a minute or so.
CACHE_SECONDS = 60.0

_AGENCIES = """
MATCH (a:Agency) WHERE a.type IN $types
RETURN collect(DISTINCT a.address) AS addresses, collect(DISTINCT a.phone) AS phones,
       collect(DISTINCT elementId(a)) AS ids
"""

_STAYS = """
MATCH (pr:PersonRecord)-[:SUBJECT_OF]->(s:Service)
WHERE s.field IN $fields OR EXISTS { (s)-[:BY_AGENCY]->(a:Agency) WHERE a.type IN $types }
OPTIONAL MATCH (pr)-[:AT]->(ad:Address)
WITH collect(DISTINCT pr) AS records, collect(DISTINCT ad) AS places
RETURN [r IN records | r.address] AS addresses,
       [r IN records | elementId(r)] + [p IN places | elementId(p)] AS ids,
       reduce(acc = [], p IN places |
              acc + [k IN keys(p) WHERE k <> 'address_id' AND p[k] IS :: STRING | p[k]]) AS place_texts
"""

_lock = threading.Lock()
# key -> (read at, graph version or None, values)
_cache: dict[str, tuple[float, object, SensitiveValues]] = {}
_refreshing: set[str] = set()


def load_sensitive(runner: Runner) -> SensitiveValues:
    """Read the shelter values from the graph now (two read queries; ≈3–4 s at the national scale)."""
    params = {"types": sorted(SHELTER_AGENCY_TYPES), "fields": sorted(SHELTER_SERVICE_FIELDS)}
    agencies = runner.read(_AGENCIES, {"types": params["types"]}, name="auth.shelter_agencies").rows[0]
    stays = runner.read(_STAYS, params, name="auth.shelter_stays").rows[0]
    return SensitiveValues.build(
        addresses=[*agencies["addresses"], *stays["addresses"], *stays["place_texts"]],
        phones=agencies["phones"],
        element_ids=[*agencies["ids"], *stays["ids"]])


def sensitive_values(runner: Runner, *, max_age: float = CACHE_SECONDS, version: object = None) -> SensitiveValues:
    """The shelter values, from a per-process cache.

    Without `version` they are read again, while the caller waits, once they are `max_age`
    seconds old. With `version` (the app's graph version: it changes with every load, rollback,
    resolution run and review decision) a changed version is read again while the caller waits,
    so new shelter stays are masked from the first request that sees the new graph; an unchanged
    one older than `max_age` is still served while a background thread reads it again (for
    writes the version does not see), so no request waits seconds every minute at the national
    scale."""
    key = f"{runner.uri}/{runner.database}"
    now = time.monotonic()
    with _lock:
        hit = _cache.get(key)
    if hit and (version is None or hit[1] == version):
        if now - hit[0] < max_age:
            return hit[2]
        if version is not None:
            _refresh_behind(runner, key, version)
            return hit[2]
    values = load_sensitive(runner)
    with _lock:
        _cache[key] = (now, version, values)
    return values


def _refresh_behind(runner: Runner, key: str, version: object) -> None:
    with _lock:
        if key in _refreshing:
            return
        _refreshing.add(key)

    def work() -> None:
        try:
            started = time.monotonic()
            values = load_sensitive(runner)
            with _lock:
                current = _cache.get(key)
                if current is None or current[1] == version:   # a newer version's read wins
                    _cache[key] = (started, version, values)
        except Exception as exc:  # noqa: BLE001 - the served values stay; the next request retries
            log.warning("shelter values refresh failed: %s", type(exc).__name__)
        finally:
            with _lock:
                _refreshing.discard(key)

    threading.Thread(target=work, name="jss-shelter-refresh", daemon=True).start()


def invalidate() -> None:
    """Forget cached values (call after a load changed agencies or services)."""
    with _lock:
        _cache.clear()
