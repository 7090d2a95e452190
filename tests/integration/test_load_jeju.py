"""The jeju preset loaded by `jeju_graph`, checked against the generator's ground truth (`_truth/`):
exactly the truth's bad rows are rejected, and every other row is in the graph."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from graph.runner import Runner
from loaders.bundle import bundle_load_id

# The node each file's rows become, and the key that identifies a row's node.
ROW_NODES = {"agencies": "Agency", "calls": "Call", "police_measures": "PoliceMeasure",
             "risk_assessments": "RiskAssessment", "services": "Service", "council_cases": "CouncilCase",
             "council_measures": "CouncilMeasure"}


def truth_rows(bundle: Path, name: str) -> list[dict[str, str]]:
    with (bundle / "_truth" / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_rejects_are_exactly_the_truths_bad_rows(jeju_graph: Runner, jeju_bundle: Path) -> None:
    rejects = jeju_bundle.parent / f"rejects-{jeju_bundle.name}.csv"
    with rejects.open(encoding="utf-8-sig") as fh:
        got = {(r["file"], int(r["row"])) for r in csv.DictReader(fh)}
    bad = truth_rows(jeju_bundle, "bad_rows.csv")
    assert bad, "the preset is expected to carry deliberately bad rows"
    assert got == {(r["file"], int(r["row"])) for r in bad}


def test_every_good_row_is_a_node(jeju_graph: Runner, jeju_bundle: Path) -> None:
    manifest = json.loads((jeju_bundle / "_truth" / "manifest.json").read_text(encoding="utf-8"))
    bad = truth_rows(jeju_bundle, "bad_rows.csv")
    for stem, label in ROW_NODES.items():
        rows = manifest["counts"][stem]["rows"]
        n_bad = sum(1 for r in bad if r["file"] == stem)
        count = jeju_graph.read_value(f"MATCH (n:{label}) RETURN count(n)", name="test.count")
        assert count == rows - n_bad, stem
    # nodes carry the row they came from: one node per good source row, no row twice
    for stem, label in ROW_NODES.items():
        distinct = jeju_graph.read_value(f"MATCH (n:{label}) RETURN count(DISTINCT n.source_row)", name="test.rows")
        assert distinct == manifest["counts"][stem]["rows"] - sum(1 for r in bad if r["file"] == stem), stem


def test_every_person_mention_is_a_person_record(jeju_graph: Runner, jeju_bundle: Path) -> None:
    bad = {(r["file"], int(r["row"])) for r in truth_rows(jeju_bundle, "bad_rows.csv")}
    wanted: set[tuple[str, int, str]] = set()
    for r in truth_rows(jeju_bundle, "records.csv"):
        if r["slot"] != "address" and (r["file"], int(r["row"])) not in bad:
            wanted.add((r["file"], int(r["row"]), r["slot"]))
    res = jeju_graph.read(
        "MATCH (p:PersonRecord)-[r:INVOLVED_IN|SUBJECT_OF]->() "
        "RETURN p.source AS file, p.source_row AS row, r.role AS role", name="test.person_records", row_cap=10_000_000)
    got = set()
    for row in res.rows:
        slot = row["role"] if row["file"] == "council_cases" else "person"
        got.add((row["file"], row["row"], slot))
    assert got == wanted


def test_the_load_is_recorded_complete(jeju_graph: Runner, jeju_bundle: Path) -> None:
    load = jeju_graph.read("MATCH (l:Load {load_id: $id}) RETURN l.status AS status, l.rows_rejected AS rejected",
                           {"id": bundle_load_id(jeju_bundle)}, name="test.load").rows
    assert load == [{"status": "complete", "rejected": len(truth_rows(jeju_bundle, "bad_rows.csv"))}]
