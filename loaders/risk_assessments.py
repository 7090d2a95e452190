"""`risk_assessments`: risk checklists → `RiskAssessment` (items `item_1…item_N` as booleans plus
`items_yes` / `items_answered`), the victim as a `PersonRecord` (`risk_assessments:<id>`,
SUBJECT_OF role `victim`), BY_AGENCY, FOR_CALL when given."""

from __future__ import annotations

from typing import Any

from loaders.contract import FILES, RISK_ITEMS_MAX
from loaders.records import iso, person, person_props
from loaders.refs import Refs
from loaders.validate import ProblemLog

SPEC = FILES["risk_assessments"]
UNIQUE_KEY = True
_ITEMS = tuple(f"item_{i}" for i in range(1, RISK_ITEMS_MAX + 1))


def build(v: dict[str, Any], row: int, refs: Refs, log: ProblemLog) -> tuple[str, dict[str, Any]] | None:
    refs.call(row, "call_id", v["call_id"])
    refs.agency(log, row, "agency_id", v["agency_id"])
    key = v["assessment_id"]
    if key is None:
        return None
    items = {k: v[k] for k in _ITEMS}
    answered = [x for x in items.values() if x is not None]
    props = {"call_id": v["call_id"], "agency_id": v["agency_id"], "grade": v["grade"],
             "items_yes": sum(answered), "items_answered": len(answered), **items}
    victim = person(f"risk_assessments:{key}",
                    person_props("risk_assessments", v["name"], v["birth_date"], agency_id=v["agency_id"]),
                    v["birth_date"])
    return key, {"key": key, "call_id": v["call_id"], "agency_id": v["agency_id"], "props": props,
                 "person": victim, "date": iso(v["date"])}
