"""`services`: support events → `Service` (key `agency_id/service_id`), the client as a
`PersonRecord` (`services:<agency_id>/<service_id>`, SUBJECT_OF role from 대상자구분), BY_AGENCY,
REFERRED_BY and FOR_CALL when given."""

from __future__ import annotations

from typing import Any

from loaders.contract import FILES
from loaders.records import iso, person, person_props
from loaders.refs import Refs
from loaders.validate import ProblemLog

SPEC = FILES["services"]
UNIQUE_KEY = True


def build(v: dict[str, Any], row: int, refs: Refs, log: ProblemLog) -> tuple[str, dict[str, Any]] | None:
    refs.call(row, "call_id", v["call_id"])
    refs.agency(log, row, "agency_id", v["agency_id"])
    refs.agency(log, row, "referred_by", v["referred_by"])
    agency, sid = v["agency_id"], v["service_id"]
    if agency is None or sid is None:
        return None
    key = f"{agency}/{sid}"
    props = {"service_id": sid, "agency_id": agency, "client_ref": v["client_ref"],
             "client_role": v["client_role"], "field": v["field"], "description": v["description"],
             "referred_by": v["referred_by"], "call_id": v["call_id"]}
    client = person(f"services:{key}",
                    person_props("services", v["name"], v["birth_date"], phone=v["phone"], address=v["address"],
                                 client_ref=v["client_ref"], agency_id=agency), v["birth_date"])
    return key, {"key": key, "call_id": v["call_id"], "agency_id": agency, "referred_by": v["referred_by"],
                 "role": v["client_role"] or "subject", "props": props, "person": client, "date": iso(v["date"])}
