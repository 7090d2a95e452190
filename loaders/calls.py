"""`calls`: 112 emergency calls → `Call` nodes, `(Call)-[:HANDLED_BY]->(Agency)`."""

from __future__ import annotations

from typing import Any

from loaders.contract import FILES
from loaders.records import iso
from loaders.refs import Refs
from loaders.validate import LOCATION, ProblemLog
from values.coordinates import PointProblem, read_point

SPEC = FILES["calls"]
UNIQUE_KEY = True
_PROPS = ("category", "priority", "address", "agency_id", "outcome", "weapon", "injury",
          "child_present", "summary")


def location(v: dict[str, Any], row: int, log: ProblemLog) -> list[float] | None:
    """[longitude, latitude] of the row's 경도/위도 (WGS84), None when absent; a bad pair is noted in
    the rejects file and the call loads without a location (data contract, "Value formats")."""
    point = read_point(v["longitude"], v["latitude"])
    if isinstance(point, PointProblem):
        column = "longitude/latitude" if point.field == "both" else point.field
        pair = ", ".join("" if v[f] is None else str(v[f]).strip() for f in ("longitude", "latitude"))
        log.note(row, column, pair, LOCATION[point.code])
        return None
    return None if point is None else list(point)


def build(v: dict[str, Any], row: int, refs: Refs, log: ProblemLog) -> tuple[str, dict[str, Any]] | None:
    refs.agency(log, row, "agency_id", v["agency_id"])
    point = location(v, row, log)
    key = v["call_id"]
    if key is None:
        return None
    props = {p: v[p] for p in _PROPS}
    props["address_sealed"] = props["address_ref"] = None     # loaders.shelter_seal
    # `location` stays outside `props`: the write query makes a point of it, and the shelter
    # sealing drops it with the address it seals (loaders.shelter_seal).
    return key, {"key": key, "agency_id": v["agency_id"], "props": props,
                 "received_at": iso(v["received_at"]), "location": point}


def accepted(key: str, row: int, refs: Refs) -> None:
    refs.calls[key] = row
