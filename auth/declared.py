"""Masking by declared kind: each column a gated query returns, and each property of each node
label, declares what it is (`kinds:` in the query's header; `auth.kinds.PROPERTY_KINDS`), and the
value is shown as the user's policy allows that kind. Nothing is guessed from a key's name: a
column without a declared kind is refused (`UndeclaredColumn`), a property without one is left out
of what is shown (and logged by name, never by value).

| kind | full detail | council / agency | before a purpose (lists) |
|---|---|---|---|
| name | as recorded | 김*희 | as the role may see it |
| birth | as recorded | the year | the year |
| phone, text | as recorded | (비공개) | (비공개) |
| address | as recorded | the 읍·면·동 | as the role may see it |
| id, code, date, number | shown | shown | shown |
| agency | shown | shown | shown |
| secret | never shown, to anyone | | |

A map with a shelter marker (an agency of type 보호시설/청소년쉼터, a service of field 주거·보호시설)
has its address and phone values withheld from everyone but admin (the loader seals the shelters'
own locations in the graph: docs/security.md).
"""

from __future__ import annotations

import logging
from typing import Any

from auth import masking
from graph.errors import JSSError

log = logging.getLogger("jss.auth")

SHOWN = frozenset({"id", "code", "date", "number", "agency"})
MASKED = frozenset({"name", "birth", "phone", "address", "text"})
SECRET = "secret"
_LISTING_HIDDEN = frozenset({"birth", "phone", "text"})
_SCALAR_OF = {"name": "name", "birth": "birth", "phone": "phone", "address": "address", "text": "withheld"}
_warned: set[tuple[str, str]] = set()


class UndeclaredColumn(JSSError):
    """A gated query returned a column its header does not declare a kind for: refused."""


def _shelter(record: dict[str, Any]) -> bool:
    return any(masking.is_shelter_marker(k, v) for k, v in record.items())


def _scalar(kind: str, value: Any, policy: masking.Policy, shelter: bool) -> Any:
    if value is None or value == "" or value == []:
        return value
    if kind == SECRET:
        return None
    # (an agency's own address and phone are sealed in the graph when it is a shelter)
    if shelter and not policy.shelter_visible and kind in {"address", "phone"} and not isinstance(value, bool):
        return masking.SUPPRESSED
    if kind in MASKED and (not policy.full_detail or (policy.listing and kind in _LISTING_HIDDEN)):
        return masking.mask_scalar(_SCALAR_OF[kind], value)
    return value


def mask_value(kind: Any, value: Any, policy: masking.Policy, *, where: str, shelter: bool = False,
               label: str | None = None) -> Any:
    """`value` as `policy` shows a value of `kind` (a kind word or a nested {key: kind} mapping)."""
    if isinstance(kind, dict):
        if isinstance(value, list):
            return [mask_value(kind, v, policy, where=where, shelter=shelter) for v in value]
        if isinstance(value, dict):
            return mask_map(value, kind, policy, where=where, inherited_shelter=shelter)
        return value
    if kind in ("node", "props") and isinstance(value, list):
        # A list of nodes (or of property maps) is masked member by member, never passed through.
        return [mask_value(kind, v, policy, where=where, shelter=shelter, label=label) for v in value]
    if kind == "node" and isinstance(value, dict):
        return {**value, "props": mask_props(value.get("label"), value.get("props") or {}, policy)}
    if kind == "props" and isinstance(value, dict):
        return mask_props(label, value, policy)
    if isinstance(value, list):
        return [_scalar(kind, v, policy, shelter) for v in value]
    return _scalar(kind, value, policy, shelter)


def mask_map(record: dict[str, Any], kinds: dict[str, Any], policy: masking.Policy, *, where: str,
             inherited_shelter: bool = False) -> dict[str, Any]:
    """One row (or nested map) by its declared kinds; an undeclared key is refused."""
    shelter = inherited_shelter or _shelter(record)
    label = record.get("label") if isinstance(record.get("label"), str) else None
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key not in kinds:
            raise UndeclaredColumn(f"{where}: column {key!r} has no declared kind (declare it under kinds:)")
        out[key] = mask_value(kinds[key], value, policy, where=f"{where}.{key}", shelter=shelter, label=label)
    return out


def mask_rows(rows: list[dict[str, Any]], kinds: dict[str, Any], policy: masking.Policy, *,
              where: str) -> list[dict[str, Any]]:
    return [mask_map(r, kinds, policy, where=where) for r in rows]


def mask_props(label: str | None, props: dict[str, Any], policy: masking.Policy) -> dict[str, Any]:
    """A node's properties by the kinds its label declares (auth.kinds); undeclared ones are left out."""
    from auth.kinds import property_kind

    shelter = _shelter(props) or (label == "Agency" and props.get("type") in masking.SHELTER_AGENCY_TYPES)
    out: dict[str, Any] = {}
    for key, value in props.items():
        kind = property_kind(label or "", key)
        if kind is None:
            if (label or "", key) not in _warned:
                _warned.add((label or "", key))
                log.warning("property %s.%s has no declared kind: left out", label, key)
            continue
        if kind == SECRET:
            continue
        out[key] = mask_value(kind, value, policy, where=f"{label}.{key}", shelter=shelter)
    return out
