"""Agenda suggestions on the loaded jeju preset (a dry run: the shared graph is left as it is),
checked against the catalogue's own pattern queries: every reason a rule gives must be one the
matching pattern query also finds on the same graph."""

from __future__ import annotations

from datetime import timedelta

from graph.runner import Runner
from graph.settings import load_settings
from queries import catalogue
from suggest.rules import Thresholds, Window, reasons
from suggest.run import after_load, candidates, household_facts, suggest, window_for

T = Thresholds()


def _catalogue(runner: Runner, name: str, **params) -> list[dict]:
    q = catalogue.get(name)
    return runner.read(q.text, catalogue.bind(q, params), name=f"test.{name}", row_cap=1_000_000).rows


def test_a_first_run_suggests_recent_households_each_rule_agreeing_with_its_pattern_query(jeju_graph: Runner):
    w = window_for(jeju_graph, T)
    assert w is not None
    w = Window(as_of=w.as_of, recent_days=T.recent_days)       # as a first run: the recent 90 days are new
    ids = candidates(jeju_graph, w)
    assert ids, "the last 90 days of the preset touch households"
    found = {f["household_id"]: reasons(f, w, T) for f in household_facts(jeju_graph, ids, w)}
    by_rule: dict[str, list] = {}
    for hits in found.values():
        for r in hits:
            by_rule.setdefault(r.rule, []).append(r)
    assert set(by_rule) == {"marac", "escalation", "child", "fragmented", "serial", "risk"}
    assert all(r.on > w.as_of - timedelta(days=T.recent_days) for rs in by_rule.values() for r in rs)
    repeat = {r["person_id"] for r in _catalogue(jeju_graph, "repeat_victims", window_days=365, min_calls=3)}
    assert {r.person_id for r in by_rule["marac"]} <= repeat
    serial = {r["person_id"] for r in _catalogue(jeju_graph, "serial_offenders", min_victims=2)}
    assert {r.detail["offender_id"] for r in by_rule["serial"]} <= serial
    fragmented = {r["household_id"] for r in _catalogue(jeju_graph, "fragmented_households", min_agencies=3)}
    tabled_later = {h for h, rs in found.items() for r in rs if r.rule == "fragmented"} - fragmented
    assert not tabled_later, "a fragmented reason for a household the catalogue says is on the agenda"
    exposed = {r["person_id"] for r in _catalogue(jeju_graph, "children_exposed")}
    assert {r.person_id for r in by_rule["child"]} <= exposed
    # the dry run through the whole run path finds the same households and writes nothing
    res = suggest(jeju_graph, T, as_of=w.as_of, since=w.as_of - timedelta(days=T.recent_days), dry_run=True)
    assert set(res.written) == {h for h, rs in found.items() if rs}
    assert jeju_graph.read_value("RETURN COUNT { (:Suggestion) } + COUNT { (:SuggestionRun) }", name="t") == 0


def test_after_load_can_be_switched_off(jeju_graph: Runner):
    assert after_load(jeju_graph, load_settings(suggest_after_load=False), None) == (
        None, "off (JSS_SUGGEST_AFTER_LOAD)")
