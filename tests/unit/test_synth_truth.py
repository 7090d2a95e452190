"""Ground truth of generated bundles: determinism, internal consistency, and repeat victims /
serial offenders recomputed independently from the files plus records.csv."""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from test_synth_contract import bad_rows, parse_datetime, read_table, validate

import synth

REPO = Path(__file__).resolve().parents[2]


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _truth(folder: Path, name: str) -> list[dict]:
    with open(folder / "_truth" / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("truth") / "b"
    synth.generate("jeju", out, seed=11, scale=0.08)
    return out


def test_same_seed_same_bytes_different_seed_differs(tmp_path: Path) -> None:
    for name, seed in (("a", 3), ("c", 4)):
        synth.generate("jeju", tmp_path / name, seed=seed, scale=0.03)
    # the same seed again in another process with another string-hash salt
    code = f"from pathlib import Path; from synth.build import generate; generate('jeju', Path({str(tmp_path / 'b')!r}), seed=3, scale=0.03)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, env={**os.environ, "PYTHONHASHSEED": "12345"})
    a, b, c = (_hashes(tmp_path / n) for n in "abc")
    assert "council_measures.xlsx" in a and "_truth/records.csv" in a and len(a) >= 20
    assert a == b
    differing = {f for f in a if a[f] != c.get(f)}
    assert {"calls.csv", "council_measures.xlsx", "_truth/persons.csv"} <= differing


def test_every_record_points_at_true_people_households_addresses(bundle: Path) -> None:
    persons = {r["person_id"]: r for r in _truth(bundle, "persons.csv")}
    households = {r["household_id"]: r for r in _truth(bundle, "households.csv")}
    addresses = {r["address_id"] for r in _truth(bundle, "addresses.csv")}
    for hh in households.values():
        assert hh["address_id"] in addresses
        assert all(p in persons for p in hh["member_person_ids"].split(";"))
    for p in persons.values():
        assert p["household_id"] in households and p["person_id"] in households[p["household_id"]]["member_person_ids"]
    bad = bad_rows(bundle)
    sizes = {stem: len(read_table(bundle, stem)) + 1 for stem in ("calls", "call_persons", "police_measures",
                                                                   "risk_assessments", "services", "council_cases")}
    slots_per_row: dict[tuple[str, int], list[str]] = {}
    for r in _truth(bundle, "records.csv"):
        key = (r["file"], int(r["row"]))
        assert key not in bad and 2 <= key[1] <= sizes[r["file"]]
        slots_per_row.setdefault(key, []).append(r["slot"])
        assert r["household_id"] in households
        assert r["address_id"] == "" or r["address_id"] in addresses
        if r["slot"] == "address":
            assert r["file"] == "calls" and r["person_id"] == "" and r["address_id"]
        else:
            assert r["person_id"] in persons
    # every good row of a person file has its record(s): one person, or victim (+ offender)
    for stem, n in sizes.items():
        for row in range(2, n + 1):
            if (stem, row) not in bad:
                assert (stem, row) in slots_per_row, (stem, row)


def test_recorded_addresses_and_birth_dates_match_the_rows(bundle: Path) -> None:
    persons = {r["person_id"]: r for r in _truth(bundle, "persons.csv")}
    rows = dict(read_table(bundle, "call_persons"))
    for r in _truth(bundle, "records.csv"):
        if r["file"] != "call_persons":
            continue
        row = rows[int(r["row"])]
        assert (row["address"] == "") == (r["address_id"] == "")
        birth = row["birth_date"].strip()
        true_birth = persons[r["person_id"]]["birth_date"]
        assert birth[:4] == true_birth[:4] or birth[:2] == true_birth[2:4]


def test_repeat_victims_and_serial_offenders_recomputed_from_files(bundle: Path) -> None:
    when = {r["call_id"]: parse_datetime(r["received_at"]) for i, r in read_table(bundle, "calls")
            if ("calls", i) not in bad_rows(bundle)}
    rows = dict(read_table(bundle, "call_persons"))
    person_of = {int(r["row"]): r["person_id"] for r in _truth(bundle, "records.csv") if r["file"] == "call_persons"}
    victim_calls: dict[str, list] = {}
    suspects: dict[str, set[str]] = {}
    call_victim: dict[str, str] = {}
    for i, row in rows.items():
        if row["role"] == "피해자" and i in person_of:
            victim_calls.setdefault(person_of[i], []).append((when[row["call_id"]], row["call_id"]))
            call_victim[row["call_id"]] = person_of[i]
    for i, row in rows.items():
        if row["role"] == "가해자" and i in person_of:
            suspects.setdefault(person_of[i], set()).add(call_victim[row["call_id"]])
    expected = {p for p, cs in victim_calls.items()
                if any(b[0] - a[0] <= timedelta(days=365) for a, b in zip(sorted(cs), sorted(cs)[1:], strict=False))}
    assert {r["person_id"] for r in _truth(bundle, "repeat_victims.csv")} == expected
    assert len(expected) >= 20
    serial = {p for p, vs in suspects.items() if len(vs) >= 2}
    assert {r["person_id"] for r in _truth(bundle, "serial_offenders.csv")} == serial
    assert len(serial) >= 3


def test_national_small_scale_streams_in_chunks_and_is_valid(tmp_path: Path) -> None:
    messages: list[str] = []
    out = tmp_path / "national"
    manifest = synth.generate("national", out, seed=5, scale=0.002, progress=messages.append, calls_per_chunk=800)
    chunks = [m for m in messages if m.startswith("chunk ")]
    assert len(chunks) == manifest["chunks"] >= 3
    assert manifest["counts"]["calls"]["rows"] - manifest["counts"]["calls"]["bad_rows"] == pytest.approx(2900, rel=0.05)
    rejected, problems = validate(out)
    assert problems == []  # includes: no duplicate ids across chunks
    assert rejected == bad_rows(out)
    years = {r["received_at"].strip()[:4] for _, r in read_table(out, "calls") if r["received_at"][:4].isdigit()}
    assert {"2020", "2024"} <= years


def test_call_points_lie_in_their_district_and_every_written_form_reads_back(bundle: Path) -> None:
    """Each call's true point (`_truth/call_points.csv`) lies within its 읍·면·동's radius (+15 m) of
    the district's centre; what the export wrote in 경도/위도 reads back (values.coordinates) to
    within 1 m of it, as decimal degrees or UTM-K metres, or to no point when empty; and every bad
    pair is in `_truth/bad_values.csv` and read as the problem it is."""
    import math

    from synth.points import CENTRES
    from values.coordinates import PointProblem, read_point

    district = {r["address_id"]: r["district"].split()[-1] for r in _truth(bundle, "addresses.csv")}
    call_address = {int(r["row"]): r["address_id"] for r in _truth(bundle, "records.csv") if r["file"] == "calls"}
    truth = {int(r["row"]): r for r in _truth(bundle, "call_points.csv")}
    noted = {int(r["row"]): r for r in _truth(bundle, "bad_values.csv")}
    rows = dict(read_table(bundle, "calls"))
    forms: dict[str, int] = {}
    for row, t in truth.items():
        lon, lat = float(t["longitude"]), float(t["latitude"])
        c_lon, c_lat, km = CENTRES[district[call_address[row]]]
        off = math.hypot((lon - c_lon) * 111.32 * math.cos(math.radians(lat)), (lat - c_lat) * 110.95)
        assert off <= km + 0.02, (row, off, km)
        forms[t["written"]] = forms.get(t["written"], 0) + 1
        got = read_point(rows[row]["longitude"], rows[row]["latitude"])
        if t["written"] in ("wgs84", "utmk"):
            assert isinstance(got, tuple), (row, got)
            assert math.hypot((got[0] - lon) * 111_412 * math.cos(math.radians(lat)), (got[1] - lat) * 110_946) < 1.0
            assert row not in noted
        elif t["written"] == "empty":
            assert got is None and row not in noted
        else:
            assert isinstance(got, PointProblem) and got.code == t["written"] and row in noted
    total = sum(forms.values())
    assert total == len(rows) - len([r for r in bad_rows(bundle) if r[0] == "calls"])   # one per good row
    assert 0.20 < forms["utmk"] / total < 0.30 and 0.07 < forms["empty"] / total < 0.13
    assert set(noted) == {row for row, t in truth.items() if t["written"] in ("one_value", "outside_korea")}
