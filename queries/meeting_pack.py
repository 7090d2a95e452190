"""A council meeting's agenda for its pack, read through the data gate: the meetings a user may
pick from, and every case of one meeting in the user's scope, masked for the user's role after a
purpose of access (each case read is audited by the gate; the page audits the export itself)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from queries.gate import Gate, OutOfScope


@dataclass
class Agenda:
    meeting_date: str
    meeting_no: str
    cases: list[dict[str, Any]] = field(default_factory=list)
    household_names: dict[str, str] = field(default_factory=dict)

    @property
    def case_ids(self) -> list[str]:
        return [str(c["case"]["case_id"]) for c in self.cases]

    @property
    def person_ids(self) -> list[str]:
        return sorted({str(p["person_id"]) for c in self.cases for p in c.get("people") or [] if p.get("person_id")})


def _iso(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")


def meetings(gate: Gate) -> list[dict[str, Any]]:
    """The meetings of the user's case list, newest first: date, number and how many cases."""
    out: dict[str, dict[str, Any]] = {}
    for row in gate.case_list():
        day = _iso(row.get("meeting_date"))
        if not day:
            continue
        entry = out.setdefault(day, {"meeting_date": day, "meeting_no": row.get("meeting_no"), "cases": 0})
        entry["cases"] += 1
    return sorted(out.values(), key=lambda m: m["meeting_date"], reverse=True)


def agenda(gate: Gate, meeting_date: str, lang: str = "ko") -> Agenda:
    """Every case of the meeting on `meeting_date` (YYYY-MM-DD) the user may see, in case order,
    with its households' names; asks for the purpose of access first."""
    gate.need_purpose()
    rows = [r for r in gate.case_list() if _iso(r.get("meeting_date")) == meeting_date]
    result = Agenda(meeting_date, str(rows[0].get("meeting_no") or "") if rows else "")
    for row in sorted(rows, key=lambda r: str(r["case_id"])):
        try:
            case = gate.case(str(row["case_id"]))
        except OutOfScope:
            continue   # listed but outside the scope: left out, as the case page would
        if case is not None:
            result.cases.append(case)
    households = sorted({p["household_id"] for c in result.cases for p in c.get("people") or [] if p.get("household_id")})
    if households:
        result.household_names = gate.household_names(households, lang)
    return result
