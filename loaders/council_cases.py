"""`council_cases`: working-council agenda items → `CouncilCase`, victim and offender as
`PersonRecord`s (`council_cases:<case_id>:victim|offender`, SUBJECT_OF with that role),
SUBMITTED_BY, and ATTENDED from every attending agency."""

from __future__ import annotations

from typing import Any

from loaders.contract import FILES
from loaders.records import iso, person, person_props
from loaders.refs import Refs
from loaders.validate import ProblemLog

SPEC = FILES["council_cases"]
UNIQUE_KEY = True


def build(v: dict[str, Any], row: int, refs: Refs, log: ProblemLog) -> tuple[str, dict[str, Any]] | None:
    refs.agency(log, row, "submitted_by", v["submitted_by"])
    for agency in v["attending"] or ():
        refs.agency(log, row, "attending", agency)
    key = v["case_id"]
    if key is None:
        return None
    props = {"meeting_no": v["meeting_no"], "submitted_by": v["submitted_by"],
             "case_type": v["case_type"], "risk_level": v["risk_level"], "attending": v["attending"] or [],
             "status": v["status"]}
    persons = [person(f"council_cases:{key}:victim",
                      person_props("council_cases", v["victim_name"], v["victim_birth_date"]),
                      v["victim_birth_date"], role="victim")]
    if v["offender_name"][0] is not None or v["offender_birth_date"][2] is not None:
        persons.append(person(f"council_cases:{key}:offender",
                              person_props("council_cases", v["offender_name"], v["offender_birth_date"]),
                              v["offender_birth_date"], role="offender"))
    return key, {"key": key, "submitted_by": v["submitted_by"], "attending": v["attending"] or [],
                 "props": props, "persons": persons, "meeting_date": iso(v["meeting_date"])}


def accepted(key: str, row: int, refs: Refs) -> None:
    refs.cases[key] = row
