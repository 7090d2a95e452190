"""`police_measures`: protective measures → `PoliceMeasure`, the person it is about as a
`PersonRecord` (`police_measures:<measure_id>`, SUBJECT_OF role `subject`), FOR_CALL when given."""

from __future__ import annotations

from typing import Any

from loaders.contract import FILES
from loaders.records import iso, person, person_props
from loaders.refs import Refs
from loaders.validate import ProblemLog

SPEC = FILES["police_measures"]
UNIQUE_KEY = True


def build(v: dict[str, Any], row: int, refs: Refs, log: ProblemLog) -> tuple[str, dict[str, Any]] | None:
    refs.call(row, "call_id", v["call_id"])
    key = v["measure_id"]
    if key is None:
        return None
    props = {"call_id": v["call_id"], "type": v["type"]}
    subject = person(f"police_measures:{key}", person_props("police_measures", v["name"], v["birth_date"]),
                     v["birth_date"])
    return key, {"key": key, "call_id": v["call_id"], "props": props, "person": subject,
                 "date": iso(v["date"]), "end_date": iso(v["end_date"])}
