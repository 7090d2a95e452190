"""`calls`: 112 emergency calls → `Call` nodes, `(Call)-[:HANDLED_BY]->(Agency)`."""

from __future__ import annotations

from typing import Any

from loaders.contract import FILES
from loaders.records import iso
from loaders.refs import Refs
from loaders.validate import ProblemLog

SPEC = FILES["calls"]
UNIQUE_KEY = True
_PROPS = ("category", "priority", "address", "agency_id", "outcome", "weapon", "injury",
          "child_present", "summary")


def build(v: dict[str, Any], row: int, refs: Refs, log: ProblemLog) -> tuple[str, dict[str, Any]] | None:
    refs.agency(log, row, "agency_id", v["agency_id"])
    key = v["call_id"]
    if key is None:
        return None
    props = {p: v[p] for p in _PROPS}
    props["address_sealed"] = props["address_ref"] = None     # loaders.shelter_seal
    return key, {"key": key, "agency_id": v["agency_id"], "props": props,
                 "received_at": iso(v["received_at"])}


def accepted(key: str, row: int, refs: Refs) -> None:
    refs.calls[key] = row
