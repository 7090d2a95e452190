"""The overview's repeat-call rate (`queries/app/repeat_call_rate.cypher`) sums per-day counts the
summaries keep (`derived/cypher/15_call_repeat_days.cypher`). It must answer as the walk over
every call it replaced (`reference_app/repeat_call_rate.cypher`): on hand-made calls with known
answers (ties, the 365-day boundary, a call with two victims, an unresolved victim) and after they
change, and on the jeju preset for several periods.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import derived
from graph.cypher_files import parse_cypher_file
from graph.runner import Runner

ROOT = Path(__file__).resolve().parents[2]
SUMMED = parse_cypher_file(ROOT / "queries" / "app" / "repeat_call_rate.cypher").text
WALKED = parse_cypher_file(Path(__file__).parent / "reference_app" / "repeat_call_rate.cypher").text
PERIODS = [(None, None), ("2023-01-01", "2023-12-31"), ("2024-03-01", None), (None, "2022-06-30"),
           ("2024-01-01", "2024-06-01"), ("1990-01-01", "1990-12-31")]

# victim person (None: an unresolved record) → calls (id, received_at)
CALLS: dict[str | None, list[tuple[str, str]]] = {
    "V1": [("C1", "2024-01-01T10:00:00"), ("C2", "2024-06-01T09:00:00"), ("C3", "2025-08-01T12:00:00")],
    "V2": [("C2", "2024-06-01T09:00:00")],                       # C2's second victim: C2 counts once
    "V3": [("C4", "2024-02-02T09:00:00"), ("C5", "2024-02-02T09:00:00")],   # same time: neither repeats
    "V4": [("C6", "2023-03-01T00:00:00"), ("C7", "2024-02-29T00:00:00")],   # exactly 365 days: repeats
    None: [("C8", "2024-03-03T08:00:00")],                       # victim not resolved: not counted
}


def rate(runner: Runner, cypher: str, start: str | None, end: str | None) -> dict[str, Any]:
    return runner.read(cypher, {"from": start, "to": end}, name="test.repeat_rate").rows[0]


def build(runner: Runner, calls: dict[str | None, list[tuple[str, str]]]) -> None:
    rows = [{"person": p, "call": c, "at": at, "record": f"R-{p or 'X'}-{c}"}
            for p, cs in calls.items() for c, at in cs]
    runner.write("""
        UNWIND $rows AS row
        MERGE (c:Call {call_id: row.call}) SET c.received_at = localdatetime(row.at)
        MERGE (r:PersonRecord {record_id: row.record})
        MERGE (r)-[:INVOLVED_IN {role: 'victim'}]->(c)
        WITH r, row WHERE row.person IS NOT NULL
        MERGE (p:Person {person_id: row.person})
        MERGE (r)-[:RESOLVES_TO]->(p)""", {"rows": rows}, name="test.build_calls")


def test_hand_made_calls_give_the_known_rates(empty_graph: Runner) -> None:
    build(empty_graph, CALLS)
    derived.refresh(empty_graph)
    # C1, C2, C3, C4, C5, C6, C7: C2 (C1 five months before) and C7 (C6 365 days before) repeat.
    assert rate(empty_graph, SUMMED, None, None) == {"calls": 7, "repeat_calls": 2, "rate_pct": 28.6}
    assert rate(empty_graph, SUMMED, "2024-01-01", "2024-06-01") == {"calls": 5, "repeat_calls": 2,
                                                                      "rate_pct": 40.0}
    assert rate(empty_graph, SUMMED, "1990-01-01", "1990-12-31") == {"calls": 0, "repeat_calls": 0,
                                                                      "rate_pct": None}
    for start, end in PERIODS:
        assert rate(empty_graph, SUMMED, start, end) == rate(empty_graph, WALKED, start, end), (start, end)
    # Two more calls for V1: C10 a month after C3 repeats, and C9 exactly 365 days after C10 too.
    build(empty_graph, {"V1": [("C9", "2026-09-01T12:00:00"), ("C10", "2025-09-01T12:00:00")]})
    derived.refresh(empty_graph)
    assert rate(empty_graph, SUMMED, None, None) == {"calls": 9, "repeat_calls": 4, "rate_pct": 44.4}
    assert rate(empty_graph, SUMMED, None, None) == rate(empty_graph, WALKED, None, None)
    # The only call of a day goes: its day goes too.
    empty_graph.write("MATCH (c:Call {call_id: 'C3'}) DETACH DELETE c", name="test.drop_call")
    derived.refresh(empty_graph)
    days = empty_graph.read("MATCH (d:CallRepeatDay) RETURN toString(d.day) AS day ORDER BY day",
                            name="test.days").rows
    assert "2025-08-01" not in [d["day"] for d in days] and len(days) == 7
    for start, end in PERIODS:
        assert rate(empty_graph, SUMMED, start, end) == rate(empty_graph, WALKED, start, end), (start, end)


def test_a_repeat_refresh_writes_nothing(empty_graph: Runner) -> None:
    build(empty_graph, CALLS)
    derived.refresh(empty_graph)
    q = next(s for s in derived.statements() if s.name == "15_call_repeat_days")
    counters = empty_graph.write(q.text, name="test.again").counters
    assert counters["nodes_created"] == counters["properties_set"] == counters["nodes_deleted"] == 0
    assert empty_graph.read_value("MATCH (d:CallRepeatDay) RETURN count(d)", name="test.days") == 6


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_jeju_rates_equal_the_walk(jeju_graph: Runner, start: str | None, end: str | None) -> None:
    summed = rate(jeju_graph, SUMMED, start, end)
    assert summed == rate(jeju_graph, WALKED, start, end)
    if (start, end) == (None, None):
        assert summed["calls"] > 1000 and 0 < summed["repeat_calls"] < summed["calls"]
