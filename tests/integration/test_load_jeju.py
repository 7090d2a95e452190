"""The jeju preset loaded by `jeju_graph`, checked against the generator's ground truth (`_truth/`):
exactly the truth's bad rows are rejected, its bad values (a call's 경도/위도) are noted without
rejecting their row, every other row is in the graph, and every call is where the truth says."""

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


def test_rejects_are_exactly_the_truths_bad_rows_and_bad_values(jeju_graph: Runner, jeju_bundle: Path) -> None:
    """The rejects file: a line for every bad row (rejected) and for every bad coordinate pair
    (`location_…`: the call is loaded without a location). A bad row copied from a row with a bad
    pair has both."""
    rejects = jeju_bundle.parent / f"rejects-{jeju_bundle.name}.csv"
    with rejects.open(encoding="utf-8-sig") as fh:
        lines = [((r["file"], int(r["row"])), r["reason"].startswith("location_")) for r in csv.DictReader(fh)]
    bad = {(r["file"], int(r["row"])) for r in truth_rows(jeju_bundle, "bad_rows.csv")}
    values = {(r["file"], int(r["row"])) for r in truth_rows(jeju_bundle, "bad_values.csv")}
    assert bad and values, "the preset is expected to carry deliberately bad rows and values"
    assert {row for row, location in lines if not location} == bad
    assert {row for row, location in lines if location} - bad == values


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


def test_every_call_is_where_the_truth_says(jeju_graph: Runner, jeju_bundle: Path) -> None:
    """Calls written with a good 경도/위도 pair (degrees or UTM-K metres) carry a WGS-84 point within 1 m
    of the truth's; calls with none or a bad pair carry none, and so does every call whose address
    was sealed as a shelter's (its point is that place)."""
    import math

    rows = jeju_graph.read("MATCH (c:Call) RETURN c.call_id AS id, c.location.longitude AS lon, "
                           "c.location.latitude AS lat, c.address_sealed IS NOT NULL AS sealed",
                           name="test.call_locations", row_cap=10_000_000).rows
    stored = {r["id"]: r for r in rows}
    truth = truth_rows(jeju_bundle, "call_points.csv")
    assert len(truth) == len(stored)
    located = 0
    for t in truth:
        got = stored[t["call_id"]]
        if t["written"] not in ("wgs84", "utmk") or got["sealed"]:
            assert got["lon"] is None, t
            continue
        lat = float(t["latitude"])
        off = math.hypot((got["lon"] - float(t["longitude"])) * 111_412 * math.cos(math.radians(lat)),
                         (got["lat"] - lat) * 110_946)
        assert off < 1.0, (t, got)
        located += 1
    assert located > 0.8 * len(truth)
