"""Person mentions read straight from an export bundle (no database), for evaluation and benchmarks.

Uses the loaders' reader (encodings, `mapping.yaml`, xlsx) and produces the same columns the graph
reader gives `engine.resolve`, keyed by (file, row, slot) as in `_truth/records.csv`. The record_id
is `file:row:slot`, not the loader's id (that needs no database and stays joinable with truth).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders import reader
from loaders.values import call_role, relation
from values.dates import parse_date

# file → [(slot, {our field: canonical field}, call role field or fixed role)]
_SLOTS = {
    "call_persons": [("person", {"name": "name", "birth": "birth_date", "sex": "sex", "phone": "phone",
                                 "address": "address", "context": "call_id"}, None)],
    "police_measures": [("person", {"name": "name", "birth": "birth_date", "context": "call_id",
                                    "seen": "date"}, "subject")],
    "risk_assessments": [("person", {"name": "name", "birth": "birth_date", "agency_id": "agency_id",
                                     "context": "call_id", "seen": "date"}, "victim_subject")],
    "services": [("person", {"name": "name", "birth": "birth_date", "phone": "phone", "address": "address",
                             "agency_id": "agency_id", "client_ref": "client_ref", "context": "call_id",
                             "seen": "date"}, "client")],
    "council_cases": [("victim", {"name": "victim_name", "birth": "victim_birth_date", "seen": "meeting_date"},
                       "council_victim"),
                      ("offender", {"name": "offender_name", "birth": "offender_birth_date",
                                    "seen": "meeting_date"}, "council_offender")],
}
COLUMNS = ["record_id", "file", "row", "slot", "source", "name", "birth", "sex", "phone", "address", "agency_id",
           "client_ref", "context", "role", "relation", "seen"]


def _cell(cells: list, idx: int | None) -> object:
    if idx is None or idx >= len(cells):
        return None
    v = cells[idx]
    return None if v is None or (isinstance(v, str) and not v.strip()) else v


def read_bundle(directory: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(person mentions, calls with address) of a bundle."""
    found, _ = reader.discover(directory)
    mapping = reader.read_mapping(directory)
    rows: list[dict] = []
    for stem, slots in _SLOTS.items():
        if stem not in found:
            continue
        src = reader.open_source(stem, found[stem], mapping)
        for rowno, cells in reader.iter_rows(src):
            if rowno == 1:
                continue
            for slot, fields, role in slots:
                rec = {"record_id": f"{stem}:{rowno}:{slot}", "file": stem, "row": rowno, "slot": slot,
                       "source": stem}
                for ours, canon in fields.items():
                    rec[ours] = _cell(cells, src.columns.get(canon))
                if rec.get("name") is None and rec.get("birth") is None:
                    continue  # an empty optional slot (no offender recorded)
                if stem == "call_persons":
                    rec["role"] = call_role(_cell(cells, src.columns.get("role")))
                    rel = relation(_cell(cells, src.columns.get("relation_to_victim")))
                    rec["relation"] = rel if isinstance(rel, str) else None
                else:
                    rec["role"] = role
                if not isinstance(rec.get("role"), str):
                    rec["role"] = None  # unreadable role: the loader rejects such rows
                rows.append(rec)
    records = pd.DataFrame(rows, columns=COLUMNS)
    records["seen"] = records["seen"].map(parse_date)
    calls = []
    if "calls" in found:
        src = reader.open_source("calls", found["calls"], mapping)
        for rowno, cells in reader.iter_rows(src):
            if rowno == 1:
                continue
            calls.append({"call_id": _cell(cells, src.columns.get("call_id")),
                          "address": _cell(cells, src.columns.get("address")),
                          "seen": parse_date(_cell(cells, src.columns.get("received_at"))),
                          "row": rowno})
    return records, pd.DataFrame(calls, columns=["call_id", "address", "seen", "row"])
