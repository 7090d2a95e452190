"""`council_measures`: measures decided by the council → `CouncilMeasure`, FOR_CASE (the case
must exist in this bundle's council_cases or the graph) and ASSIGNED_TO the responsible agency."""

from __future__ import annotations

from typing import Any

from loaders.contract import FILES
from loaders.refs import Refs
from loaders.validate import ProblemLog

SPEC = FILES["council_measures"]
UNIQUE_KEY = True
_PROPS = ("case_id", "field", "agency_id", "description", "status", "reason")
_DATES = ("start_date", "due_date", "done_date")


def build(v: dict[str, Any], row: int, refs: Refs, log: ProblemLog) -> tuple[str, dict[str, Any]] | None:
    refs.case(row, "case_id", v["case_id"])
    refs.agency(log, row, "agency_id", v["agency_id"])
    key = v["measure_id"]
    if key is None:
        return None
    return key, {"key": key, "case_id": v["case_id"], "agency_id": v["agency_id"],
                 "props": {p: v[p] for p in _PROPS},
                 **{d: v[d].isoformat() if v[d] is not None else None for d in _DATES}}
