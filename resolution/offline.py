"""Resolution before a bulk import: the first load of an empty database resolves people, addresses
and households from the rows it is about to import and hands the result to neo4j-admin as import
files, instead of importing, reading 5.9 M records back over Bolt and MERGEing the result in
5,000-row transactions (≈70 of the ≈130 minutes of a national `jss load --bulk` + resolution).

Two halves:
- `Inputs` (in the resolution child, file by file as the loader validates them) sees every node
  and relationship the bulk loader emits and keeps what `resolution/cypher/read_*.cypher` would
  read from the imported graph — the same columns, values and order — spilled to pickled frames;
- `main` (in a child process, so the loader keeps its small footprint and resolution's memory is
  returned when it ends: `loaders/bulk_child.py` gathers the inputs there, then calls it)
  runs `pipeline.compute` on them and writes import files for everything `pipeline._write` MERGEs.

tests/integration/test_load_bulk.py checks that the graph is identical, node for node and
relationship for relationship, to what a normal `jss load` (resolving on the graph) makes.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHUNK = 200_000
COLUMN_SLICE = 500_000   # rows an import file is given column by column at a time
RECORD_COLUMNS = ["record_id", "source", "name", "birth", "sex", "phone", "address", "agency_id", "client_ref",
                  "context", "role", "seen"]
INVOLVED_COLUMNS = ["record_id", "call_id", "role", "relation"]
CALL_COLUMNS = ["call_id", "address", "seen"]


def _day(text: Any) -> dt.date | None:
    """`date(x)` of an ISO date or local date-time text, as the read queries return it."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


class _Spill:
    """Rows appended as tuples, pickled as a frame every CHUNK rows."""

    def __init__(self, path: Path, columns: list[str]):
        self.path, self.columns, self.rows, self.count = path, columns, [], 0
        self.fh = path.open("wb")

    def add(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        import pandas as pd

        if self.rows:
            pickle.dump(pd.DataFrame(self.rows, columns=self.columns), self.fh, protocol=pickle.HIGHEST_PROTOCOL)
            self.count += len(self.rows)
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.fh.close()


class Inputs:
    """What resolution reads from a loaded graph, gathered from the nodes and relationships a bulk
    load emits row by row (`add`), so nothing has to be read back after the import.

    Mirrors `read_person_records` (a record's call: its own through INVOLVED_IN, else the call of
    what it is the subject of; the date it was seen: its call's, else its subject's date or
    meeting date), `read_call_addresses` and `read_call_relations`."""

    def __init__(self, folder: Path, keys: dict[str, str]):
        """`keys`: the key property of each label the loader emits (`loaders.bulk.KEYS`)."""
        folder.mkdir(parents=True, exist_ok=True)
        self.folder, self.keys = folder, keys
        self.records = _Spill(folder / "records.pickle", RECORD_COLUMNS)
        self.involved = _Spill(folder / "involved.pickle", INVOLVED_COLUMNS)
        self.calls = _Spill(folder / "calls.pickle", CALL_COLUMNS)
        self.call_day: dict[str, dt.date | None] = {}

    def add(self, nodes: list[tuple[str, dict[str, Any]]], rels: list[tuple]) -> None:
        by_key = {}
        for label, props in nodes:
            if label == "Call":
                day = _day(props.get("received_at"))
                self.call_day[props["call_id"]] = day
                if props.get("address") is not None:   # a sealed one: its keyed hashes, as read_call_addresses
                    self.calls.add((props["call_id"], props.get("address_ref") or props["address"], day))
            by_key[label, props.get(self.keys.get(label, ""))] = props
        for_call = {(r[1], r[2]): r[4] for r in rels if r[0] == "FOR_CALL"}
        context: dict[str, tuple[str | None, str | None, dt.date | None]] = {}
        for rtype, slabel, skey, elabel, ekey, props in rels:
            if slabel != "PersonRecord":
                continue
            if rtype == "INVOLVED_IN":
                context[skey] = (ekey, props.get("role"), self.call_day.get(ekey))
                self.involved.add((skey, ekey, props.get("role"), props.get("relation_to_victim")))
            elif rtype == "SUBJECT_OF" and skey not in context:
                x = by_key.get((elabel, ekey), {})
                seen = _day(x.get("date")) or _day(x.get("meeting_date"))
                context[skey] = (for_call.get((elabel, ekey)), None, seen)
        for label, props in nodes:
            if label != "PersonRecord":
                continue
            rid = props["record_id"]
            birth = props.get("birth_date") or props.get("birth_raw")
            if birth is None and props.get("birth_year") is not None:
                birth = str(props["birth_year"])
            call, role, seen = context.get(rid, (None, None, None))
            self.records.add((rid, props.get("source"), props.get("name"), birth, props.get("sex"),
                              None if props.get("phone_sealed") else props.get("phone"),
                              props.get("address_ref") or props.get("address"), props.get("agency_id"),
                              props.get("client_ref"), call, role, seen))

    def close(self) -> dict[str, int]:
        for s in (self.records, self.involved, self.calls):
            s.close()
        self.call_day = {}
        return {"records": self.records.count, "calls": self.calls.count, "involved": self.involved.count}


# --- the child process ----------------------------------------------------------------------------
def _frames(path: Path, columns: list[str]) -> Any:
    import pandas as pd

    parts = []
    with path.open("rb") as fh:
        while True:
            try:
                parts.append(pickle.load(fh))
            except EOFError:
                break
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)


def read_inputs(folder: Path) -> tuple[Any, Any, Any]:
    """(records, calls, relations) as `graph_io.read_records` / `read_calls` / `read_relations`
    give them: records and calls ordered by their ids, relations one row per (victim record,
    other record with a relation to the victim) on a call."""
    records = _frames(folder / "records.pickle", RECORD_COLUMNS).sort_values("record_id", kind="stable")
    calls = _frames(folder / "calls.pickle", CALL_COLUMNS).sort_values("call_id", kind="stable")
    involved = _frames(folder / "involved.pickle", INVOLVED_COLUMNS)
    victims = involved.loc[involved["role"] == "victim", ["record_id", "call_id"]].rename(
        columns={"record_id": "victim_record"})
    others = involved.loc[involved["relation"].notna(), ["record_id", "call_id", "relation"]].rename(
        columns={"record_id": "other_record"})
    relations = victims.merge(others, on="call_id")
    relations = relations[relations["victim_record"] != relations["other_record"]]
    relations = relations[["victim_record", "other_record", "relation", "call_id"]].reset_index(drop=True)
    return records.reset_index(drop=True), calls.reset_index(drop=True), relations


def write_import_files(out: Any, folder: Path, run_at: str) -> dict[str, int]:
    """Import files for what `pipeline._write` MERGEs from `out` (a `pipeline.Outcome`), from the same
    rows (`resolution/rows.py`). Rows a MERGE would fold into one (same key) are folded here too,
    the last one winning as its SET would."""
    from graph.import_files import ImportTable
    from resolution import rows

    folder.mkdir(parents=True, exist_ok=True)
    tables: list[ImportTable] = []

    def table(name: str, ids: list[str], temporal: dict[str, str] | None = None) -> ImportTable:
        t = ImportTable(folder, name, ids, temporal)
        tables.append(t)
        return t

    result = out.result
    persons = table("node-Person", ["person_id:ID(Person)"], {"birth_date": "date"})
    for r in rows.persons(result.persons):
        persons.add([r["person_id"]], {"name": r["name"], "birth_date": r["birth_date"], "birth_year": r["birth_year"],
                                       "sex": r["sex"], "phone": r["phone"], "record_count": r["records"],
                                       "resolved_at": run_at})
    resolves = table("rel-RESOLVES_TO-PersonRecord-Person", [":START_ID(PersonRecord)", ":END_ID(Person)"])
    cols = rows.resolves_to_columns(out.records, result)
    for lo in range(0, len(cols["record_id"]), COLUMN_SLICE):   # the whole file's text at once is GBs
        part = {k: v[lo:lo + COLUMN_SLICE] for k, v in cols.items()}
        resolves.add_columns([part["record_id"], part["person_id"]],
                             {"score": part["score"], "evidence": part["evidence"], "method": part["method"]})
    del cols
    addresses = table("node-Address", ["address_id:ID(Address)"])
    for r in _last(rows.addresses(out.addresses), ["address_id"]):
        addresses.add([r["address_id"]], {k: r[k] for k in rows.ADDRESS_FIELDS})
    for kind, label in (("record", "PersonRecord"), ("call", "Call")):
        at = table(f"rel-AT-{label}-Address", [f":START_ID({label})", ":END_ID(Address)"])
        links = rows.address_link_columns(out.mentions, kind)
        kept = [k for k, a in enumerate(links["address_id"]) if a is not None]   # no address: no link
        for lo in range(0, len(kept), COLUMN_SLICE):
            part = kept[lo:lo + COLUMN_SLICE]
            at.add_columns([[links["id"][k] for k in part], [links["address_id"][k] for k in part]], {})
    households = table("node-Household", ["household_id:ID(Household)"])
    for h in dict.fromkeys(out.members["household_id"]):
        households.add([h], {})
    member = table("rel-MEMBER_OF-Person-Household", [":START_ID(Person)", ":END_ID(Household)"],
                   {"from": "date", "to": "date"})
    for r in _last(rows.memberships(out.members), ["person_id", "household_id"]):
        member.add([r["person_id"], r["household_id"]], {"from": r["from"], "to": r["to"]})
    lives = table("rel-LIVES_AT-Household-Address", [":START_ID(Household)", ":END_ID(Address)"],
                  {"from": "date", "to": "date"})
    for r in _last(rows.residences(out.lives), ["household_id", "address_id"]):
        lives.add([r["household_id"], r["address_id"]], {"from": r["from"], "to": r["to"]})
    related = table("rel-RELATED_TO-Person-Person", [":START_ID(Person)", ":END_ID(Person)"])
    for r in _last(rows.relations(out.related), ["person_a", "person_b", "relation"]):
        related.add([r["person_a"], r["person_b"]], {"relation": r["relation"], "call_ids": r["call_ids"]})
    matches = table("rel-POSSIBLE_MATCH-PersonRecord-PersonRecord",
                    [":START_ID(PersonRecord)", ":END_ID(PersonRecord)"])
    cols = rows.possible_match_columns(result.review_pairs)
    if len(set(cols["pair_id"])) == len(cols["pair_id"]):       # nothing to fold: the usual case
        for lo in range(0, len(cols["pair_id"]), COLUMN_SLICE):
            part = {k: v[lo:lo + COLUMN_SLICE] for k, v in cols.items()}
            matches.add_columns([part["record_a"], part["record_b"]],
                                {"pair_id": part["pair_id"], "score": part["score"], "evidence": part["evidence"]})
    else:
        for r in _last(rows.possible_matches(result.review_pairs), ["pair_id"]):
            matches.add([r["record_a"], r["record_b"]], {"pair_id": r["pair_id"], "score": r["score"],
                                                         "evidence": r["evidence"]})
    del cols
    run = rows.resolution_run(result, run_at)
    runs = table("node-ResolutionRun", ["run_id:ID(ResolutionRun)"], {"run_at": "datetime"})
    runs.add([run["run_id"]], {k: v for k, v in run.items() if k != "run_id" and v is not None})
    for t in tables:
        t.close()
    return {t.data_path.name: t.rows for t in tables}


def _last(found: Iterator[dict[str, Any]], keys: list[str]) -> Iterator[dict[str, Any]]:
    """One row per key (the last, as a MERGE + SET would leave it), in first-seen order."""
    folded: dict[tuple, dict[str, Any]] = {}
    for row in found:
        folded[tuple(row[k] for k in keys)] = row
    return iter(folded.values())


def main(argv: list[str] | None = None, extra: dict[str, Any] | None = None) -> int:
    """`python -m resolution.offline INPUTS OUTPUT RUN_AT`: resolve the inputs `Inputs` left in
    INPUTS and write import files plus `summary.json` (with `extra`) into OUTPUT."""
    import logging

    from resolution import pipeline

    args = sys.argv[1:] if argv is None else argv
    inputs, output, run_at = Path(args[0]), Path(args[1]), args[2]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    t0 = time.perf_counter()
    records, calls, relations = read_inputs(inputs)
    read_s = time.perf_counter() - t0
    summary: dict[str, Any] = {**(extra or {}), "records": len(records), "calls_with_address": len(calls),
                               "decisions": 0}
    if records.empty:
        summary["persons"] = 0
        output.mkdir(parents=True, exist_ok=True)
    else:
        out = pipeline.compute(records, calls, relations, [])
        summary.update(out.summary)
        t1 = time.perf_counter()
        summary["files"] = write_import_files(out, output, run_at)
        summary["write_files_s"] = round(time.perf_counter() - t1, 2)
    summary["read_s"] = round(read_s, 2)
    summary["seconds"] = round(time.perf_counter() - t0, 2)
    (output / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
