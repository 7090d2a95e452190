"""Where protection facilities are: the values (`SensitiveValues`) that no role but admin may see,
loaded from the graph and cached briefly per process.

Sources (graph model, docs/architecture.md):
- shelter agencies (`Agency.type` 보호시설 / 청소년쉼터): their `address` and `phone`;
- person records of services given while in a shelter (`Service.field` 주거·보호시설, or a service
  `BY_AGENCY` a shelter agency): the recorded `address`, and every text property of the canonical
  `Address` node the record resolves `AT`.
"""

from __future__ import annotations

import threading
import time

from auth.masking import SHELTER_AGENCY_TYPES, SHELTER_SERVICE_FIELDS, SensitiveValues
from graph.runner import Runner

# Long enough that a page with many callbacks loads the set once, short enough that a new load's
# shelters are protected within a minute even before `invalidate()` is called.
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
_cache: dict[str, tuple[float, SensitiveValues]] = {}


def load_sensitive(runner: Runner) -> SensitiveValues:
    """Read the shelter values from the graph now (two small read queries)."""
    params = {"types": sorted(SHELTER_AGENCY_TYPES), "fields": sorted(SHELTER_SERVICE_FIELDS)}
    agencies = runner.read(_AGENCIES, {"types": params["types"]}, name="auth.shelter_agencies").rows[0]
    stays = runner.read(_STAYS, params, name="auth.shelter_stays").rows[0]
    return SensitiveValues.build(
        addresses=[*agencies["addresses"], *stays["addresses"], *stays["place_texts"]],
        phones=agencies["phones"],
        element_ids=[*agencies["ids"], *stays["ids"]])


def sensitive_values(runner: Runner, *, max_age: float = CACHE_SECONDS) -> SensitiveValues:
    """The shelter values, from a per-process cache refreshed after `max_age` seconds."""
    key = f"{runner.uri}/{runner.database}"
    now = time.monotonic()
    with _lock:
        hit = _cache.get(key)
        if hit and now - hit[0] < max_age:
            return hit[1]
    values = load_sensitive(runner)
    with _lock:
        _cache[key] = (now, values)
    return values


def invalidate() -> None:
    """Forget cached values (call after a load changed agencies or services)."""
    with _lock:
        _cache.clear()
