"""Suggestions and the secretary's decisions survive reloads: loading the same bundle again, and
rolling the load back and loading it anew (resolution runs each time and gives households the
same ids), leaves every suggestion, its status and its decisions as they were, and the rules that
follow the load raise nothing again (docs/suggestions.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.runner import Runner
from loaders.bundle import load_bundle
from loaders.rollback import rollback
from suggest.decide import decide
from suggest.rules import Thresholds
from suggest.run import suggest

MIXED = Path(__file__).resolve().parents[1] / "fixtures" / "bundles" / "mixed"


def _suggestions(runner: Runner) -> list[dict[str, Any]]:
    return runner.read(
        "MATCH (s:Suggestion) OPTIONAL MATCH (d:SuggestionDecision {household_id: s.household_id}) "
        "WITH s, d ORDER BY d.at RETURN s.household_id AS household, s.status AS status, s.fact_ids AS facts, "
        "s.raised_count AS raised, s.decided_by AS by, toString(s.decided_at) AS at, "
        "collect([d.decision, d.by, d.reason, d.fact_ids]) AS decisions ORDER BY household",
        name="test.suggestions", row_cap=1000).rows


def _households(runner: Runner) -> list[str]:
    return [r["h"] for r in runner.read("MATCH (h:Household) RETURN h.household_id AS h ORDER BY h",
                                        name="test.households", row_cap=1000).rows]


def test_decisions_survive_a_reload_and_a_rollback_with_a_fresh_load(empty_graph: Runner, tmp_path: Path) -> None:
    r = empty_graph
    first = load_bundle(MIXED, r, rejects=tmp_path / "rejects-1.csv")
    assert first.resolution == "ran"
    households = _households(r)
    written = suggest(r, Thresholds(), load_id=first.load_id).written   # as after every load
    assert len(written) >= 2, written
    accepted, dismissed = written[:2]
    assert decide(r, accepted, "accept", by="t_secretary") == "accepted"
    assert decide(r, dismissed, "dismiss", by="t_secretary", reason="다른 기관이 이미 관리 (시험)") == "dismissed"
    before = _suggestions(r)
    assert {s["household"]: s["status"] for s in before if s["status"] != "open"} == {
        accepted: "accepted", dismissed: "dismissed"}

    # The same bundle again: the load (its facts keep their load id), its resolution, the run after it.
    again = load_bundle(MIXED, r, rejects=tmp_path / "rejects-2.csv")
    assert again.load_id == first.load_id and again.resolution == "ran"
    assert suggest(r, Thresholds(), load_id=again.load_id).written == []
    assert _households(r) == households
    assert _suggestions(r) == before

    # Rolled back, the load's calls, records, people and households go; the suggestions and
    # decisions stay, and a fresh load (resolved anew) gives the households the same ids.
    rollback(r, first.load_id)
    assert r.read_value("MATCH (c:Call) RETURN count(c)", name="test.calls") == 0
    # The people and households resolved from the load's records go with them.
    assert r.read_value("MATCH (p:Person) RETURN count(p)", name="test.people") == 0 and _households(r) == []
    assert _suggestions(r) == before
    fresh = load_bundle(MIXED, r, rejects=tmp_path / "rejects-3.csv")
    assert suggest(r, Thresholds(), load_id=fresh.load_id).written == []
    assert _households(r) == households
    assert _suggestions(r) == before
