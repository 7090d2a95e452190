"""The pattern queries read summaries that `derived.refresh` precomputes (derived/). Here they are
checked against the previous formulation of each query, which walked every call, record and
agency contact on each request (kept in `reference_patterns/`): on the loaded jeju preset both
must give the same rows in the same order, for the default parameters and for others (so the
summaries hold what any parameter needs, not only the defaults). The materialised pattern tables
built from these queries are checked in test_pattern_tables.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.cypher_files import parse_cypher_file
from graph.runner import Runner
from queries import catalogue

REFERENCE = Path(__file__).parent / "reference_patterns"
# Columns whose lists the reference query built in no particular order.
UNORDERED = {"agency_types", "household_ids", "relations"}
CASES = [
    ("repeat_victims", {}), ("repeat_victims", {"window_days": 90, "min_calls": 3}),
    ("repeat_victims", {"window_days": 30, "min_calls": 1}),
    ("repeat_addresses", {}), ("repeat_addresses", {"window_days": 180, "min_calls": 2}),
    ("serial_offenders", {}), ("serial_offenders", {"min_victims": 3}),
    ("escalation", {}), ("escalation", {"window_days": 90}), ("escalation", {"window_days": 3650}),
    ("fragmented_households", {}), ("fragmented_households", {"min_agencies": 5}),
    ("children_exposed", {}),
    ("agency_coinvolvement", {}), ("agency_coinvolvement", {"min_households": 1}),
    ("agency_coinvolvement", {"min_households": 25}),
    ("calls_yoy", {}), ("linkage_yoy", {}),
]
# "Up to 20 of the services counted": which 20 is the engine's choice, in both formulations.
SAMPLES = {"service_keys"}


def normalised(rows: list[dict]) -> list[dict]:
    out = []
    for r in rows:
        r = dict(r)
        for c in UNORDERED & r.keys():
            if isinstance(r[c], list) and not (c == "household_ids" and "agency_a" in r):
                r[c] = sorted(r[c])
        out.append(r)
    return out


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}-{'-'.join(map(str, p.values())) or 'defaults'}"
                                                         for n, p in CASES])
def test_summaries_give_the_rows_the_full_walk_gives(jeju_graph: Runner, name: str, params: dict) -> None:
    reference = parse_cypher_file(REFERENCE / f"{name}.cypher")
    want = jeju_graph.read(reference.text, reference.bind(params), name=f"test.reference.{name}",
                           row_cap=1_000_000, timeout=300).rows
    got = catalogue.run(jeju_graph, name, params, row_cap=1_000_000, timeout=120).rows
    assert want, f"{name} {params}: the reference finds nothing, so the comparison would prove nothing"
    if name == "linkage_yoy":
        assert all(len(r["service_keys"]) == min(20, r["referrals"]) for r in got)
        got = [{k: v for k, v in r.items() if k not in SAMPLES} for r in got]
        want = [{k: v for k, v in r.items() if k not in SAMPLES} for r in want]
    assert normalised(got) == normalised(want)
