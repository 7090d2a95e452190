"""Where protection facilities are. The loader seals them (loaders/shelter_seal.py, graph/sealing.py):
the graph holds only a placeholder, a ciphertext and keyed hashes, so no query can read them.
`unseal` is the one way back to the clear values: admin only (`data:shelter_address`), audited.

Defence in depth for values written before sealing existed: the values (`SensitiveValues`) that
no role but admin may see, loaded from the graph and cached briefly per process.

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
from pathlib import Path

from auth import audit
from auth.guard import AccessDenied, User, require
from auth.masking import SHELTER_AGENCY_TYPES, SHELTER_SERVICE_FIELDS, SensitiveValues
from graph.cypher_files import cypher_text
from graph.runner import Runner
from graph.sealing import PLACEHOLDER, SealError, seal_for

log = logging.getLogger("jss.auth")
CYPHER_DIR = Path(__file__).with_name("cypher")

# Long enough that a page with many callbacks loads the set once, short enough that shelters
# written without changing the app's graph version are protected within a minute or so.
CACHE_SECONDS = 60.0

_lock = threading.Lock()
# key -> (read at, graph version or None, values)
_cache: dict[str, tuple[float, object, SensitiveValues]] = {}
_refreshing: set[str] = set()


def load_sensitive(runner: Runner) -> SensitiveValues:
    """Read the shelter values from the graph now (two read queries; ≈3–4 s at the national scale)."""
    params = {"types": sorted(SHELTER_AGENCY_TYPES), "fields": sorted(SHELTER_SERVICE_FIELDS)}
    agencies = runner.read(cypher_text(CYPHER_DIR, "shelter_agencies"), {"types": params["types"]},
                           name="auth.shelter_agencies").rows[0]
    stays = runner.read(cypher_text(CYPHER_DIR, "shelter_stays"), params, name="auth.shelter_stays").rows[0]
    def readable(values: list) -> list:   # sealed values are only their placeholder (no value to match)
        return [v for v in values if v != PLACEHOLDER]

    return SensitiveValues.build(
        addresses=readable([*agencies["addresses"], *stays["addresses"], *stays["place_texts"]]),
        phones=readable(agencies["phones"]),
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


# --- unsealing (admin) ------------------------------------------------------------------------------
# What a sealed node holds, by kind of node: (label, key property, sealed properties).
SEALED_KINDS = {
    "agency": ("Agency", "agency_id", ("phone", "district")),
    "record": ("PersonRecord", "record_id", ("address", "phone")),
    "call": ("Call", "call_id", ("address",)),
}
# Built here rather than kept in auth/cypher/: one read per kind, whose label, key and properties
# come from SEALED_KINDS (constants, never input), so the table above stays the one list of them.
_UNSEAL = {kind: (f"MATCH (n:{label} {{{key}: $key}}) "
                  f"RETURN {', '.join(f'n.{p}_sealed AS {p}' for p in props)}")
           for kind, (label, key, props) in SEALED_KINDS.items()}


def sealed_items(user: User, runner: Runner, limit: int = 200) -> list[dict]:
    """Which nodes hold sealed values (kind, key, agency name / record source / call category):
    no values. Admin only."""
    require("data:shelter_address", user)
    return runner.read(cypher_text(CYPHER_DIR, "sealed_items"), {"limit": limit}, name="auth.sealed_items",
                       row_cap=limit).rows


def unseal(user: User, kind: str, key: str, runner: Runner) -> dict[str, str]:
    """The clear values sealed on one node (`kind`: agency, record or call; `key`: its id), for a
    user holding `data:shelter_address` (admin). Every attempt is audited: a refusal as
    `access_denied`, an unsealing as a `view` of target type `sealed_<kind>` naming the node and
    the properties opened (never their values). Raises AccessDenied for any other role, KeyError
    for an unknown kind or node, graph.sealing.SealError when a value does not open with the
    configured key."""
    try:
        require("data:shelter_address", user)
    except AccessDenied:
        audit.append("access_denied", user=user.username if user else None, role=user.role if user else None,
                     target_type=f"sealed_{kind}", target=str(key), detail={"permission": "data:shelter_address"},
                     client=_client())
        raise
    if kind not in _UNSEAL:
        raise KeyError(f"unknown kind of sealed node {kind!r} (one of {', '.join(SEALED_KINDS)})")
    res = runner.read(_UNSEAL[kind], {"key": key}, name=f"auth.unseal_{kind}")
    if not res.rows:
        raise KeyError(f"no {SEALED_KINDS[kind][0]} {key!r}")
    seal = seal_for(runner.settings)
    clear: dict[str, str] = {}
    for prop, token in res.rows[0].items():
        if token is not None:
            try:
                clear[prop] = seal.open(token, prop)
            except SealError:
                log.warning("unseal: %s %s property %s does not open", kind, key, prop)
                raise
    audit.append("view", user=user.username, role=user.role, target_type=f"sealed_{kind}", target=str(key),
                 detail={"unsealed": sorted(clear)}, client=_client())
    return clear


def _client() -> str | None:
    try:
        from flask import has_request_context, request
    except ImportError:  # pragma: no cover - flask ships with dash
        return None
    return request.remote_addr if has_request_context() else None
