"""The council case map as data (pure): a layered picture of one agenda item — people, the case,
its measures by field, the agencies — and the measures table with overdue items flagged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pages.components.elements import as_date
from pages.components.layout import apply_positions, layered_positions

DONE = "완료"
COLUMN_ROWS = 12    # nodes per column of the case map at most (the jeju preset has up to 9 measures)


def is_overdue(measure: dict[str, Any], as_of: date) -> bool:
    """Due before `as_of` and not done by then (the same rule as the catalogue's open_council_measures)."""
    due, done = as_date(measure.get("due_date")), as_date(measure.get("done_date"))
    if due is None or due >= as_of:
        return False
    if done is not None and done <= as_of:
        return False
    return (measure.get("status") or "") != DONE or (done is not None and done > as_of)


def measure_rows(case: dict[str, Any], as_of: date) -> list[dict[str, Any]]:
    out = []
    for m in case.get("measures") or []:
        out.append({"measure_id": m.get("measure_id"), "field": m.get("field"),
                    "agency": m.get("agency_name") or m.get("agency_id"), "description": m.get("description"),
                    "status": m.get("status"), "due_date": m.get("due_date"), "done_date": m.get("done_date"),
                    "reason": m.get("reason"), "overdue": is_overdue(m, as_of)})
    return out


def case_elements(case: dict[str, Any], as_of: date, show: Callable[[str, Any], str],
                  role_label: Callable[[str], str], *, household_names: dict[str, str] | None = None,
                  code: Callable[[str, Any], str] | None = None) -> list[dict[str, Any]]:
    """Cytoscape elements with preset positions: people | case | measures (by field) | agencies.
    `household_names`: a household's name for people (else its id); `code(column, value)`: a
    code in the reader's language (else as stored)."""
    code = code or (lambda _column, value: "" if value is None else str(value))
    names = household_names or {}
    k = case["case"]
    cid = f"case:{k['case_id']}"
    people_col, measure_col, agency_col = [], [], []
    elements: list[dict[str, Any]] = [{"data": {"id": cid, "label": f"{k['case_id']} {code('case_type', k.get('case_type'))}",
                                                "type": "CouncilCase"}, "classes": "CouncilCase"}]
    for i, p in enumerate(case.get("people") or []):
        pid = f"person:{i}"
        people_col.append(pid)
        role = p.get("role") or ""
        elements.append({"data": {"id": pid, "label": f"{role_label(role)} {show('name', p.get('name'))}",
                                  "type": "Person", "person_id": p.get("person_id")},
                         "classes": f"Person role-{'suspect' if role == 'offender' else role}"})
        elements.append({"data": {"id": f"{pid}|{cid}", "source": pid, "target": cid, "label": role_label(role)},
                         "classes": f"role-{'suspect' if role == 'offender' else role}"})
        if p.get("household_id"):
            hid = f"household:{p['household_id']}"
            if hid not in people_col:
                people_col.append(hid)
                elements.append({"data": {"id": hid, "label": names.get(p["household_id"]) or p["household_id"],
                                          "type": "Household"},
                                 "classes": "Household"})
            elements.append({"data": {"id": f"{pid}|{hid}", "source": pid, "target": hid}, "classes": "MEMBER_OF"})
    agencies: dict[str, str] = {}
    for a in case.get("attending") or []:
        agencies[a["agency_id"]] = a.get("name") or a["agency_id"]
    if case.get("submitted_by"):
        s = case["submitted_by"]
        agencies.setdefault(s["agency_id"], s.get("name") or s["agency_id"])
    measures = sorted(case.get("measures") or [], key=lambda m: (m.get("field") or "", m.get("measure_id") or ""))
    for m in measures:
        if m.get("agency_id"):
            agencies.setdefault(m["agency_id"], m.get("agency_name") or m["agency_id"])
    for aid, name in sorted(agencies.items()):
        nid = f"agency:{aid}"
        agency_col.append(nid)
        elements.append({"data": {"id": nid, "label": name, "type": "Agency"}, "classes": "Agency"})
    attending = {a["agency_id"] for a in case.get("attending") or []}
    for m in measures:
        mid = f"measure:{m['measure_id']}"
        measure_col.append(mid)
        overdue = is_overdue(m, as_of)
        status = m.get("status") or ""
        classes = "CouncilMeasure" + (" overdue" if overdue else "") + (" done" if status == DONE else "")
        elements.append({"data": {"id": mid, "label": f"{code('field', m.get('field'))} · {code('status', status)}",
                                  "type": "CouncilMeasure",
                                  "overdue": overdue}, "classes": classes})
        elements.append({"data": {"id": f"{cid}|{mid}", "source": cid, "target": mid}, "classes": "FOR_CASE"})
        if m.get("agency_id"):
            elements.append({"data": {"id": f"{mid}|agency:{m['agency_id']}", "source": mid,
                                      "target": f"agency:{m['agency_id']}"}, "classes": "ASSIGNED_TO"})
    measured = {m.get("agency_id") for m in measures}
    for aid in sorted(attending - measured):
        elements.append({"data": {"id": f"agency:{aid}|{cid}", "source": f"agency:{aid}", "target": cid},
                         "classes": "ATTENDED"})
    # Long columns are split so that the map stays about as wide as it is tall (on paper too).
    columns = [people_col, [cid], *_chunks(measure_col), *_chunks(agency_col)]
    positions = layered_positions(columns, dx=280, dy=70)
    # People and households carry two-line captions (a household is named by its members): more room.
    positions.update(layered_positions([people_col], dy=96))
    return apply_positions(elements, positions)


def _chunks(column: list[str]) -> list[list[str]]:
    """`column` in pieces of at most COLUMN_ROWS, as evenly filled as the count allows."""
    if not column:
        return [[]]
    parts = -(-len(column) // COLUMN_ROWS)
    size = -(-len(column) // parts)
    return [column[i:i + size] for i in range(0, len(column), size)]
