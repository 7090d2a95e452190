"""`agencies`: the reference list of partner agencies → `Agency` nodes."""

from __future__ import annotations

from typing import Any

from loaders.contract import FILES
from loaders.refs import Refs
from loaders.validate import ProblemLog

SPEC = FILES["agencies"]
UNIQUE_KEY = True


def build(v: dict[str, Any], row: int, refs: Refs, log: ProblemLog) -> tuple[str, dict[str, Any]] | None:
    key = v["agency_id"]
    if key is None:
        return None
    props = {"name": v["name"], "type": v["type"], "district": v["district"], "phone": v["phone"],
             # loaders.shelter_seal seals a shelter's phone (and a district finer than a city)
             "phone_sealed": None, "phone_ref": None, "district_sealed": None}
    return key, {"key": key, "props": props}


def accepted(key: str, row: int, refs: Refs) -> None:
    """Called for each row that passed validation: later files may reference it."""
    refs.agencies.add(key)
