"""Declared kinds against a real graph (the jeju preset): every property of every node has a
declared kind (auth.kinds.PROPERTY_KINDS), and every query the app runs returns only columns, map
keys and node properties it declares — what the data gate masks by, and refuses otherwise."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from auth import kinds
from graph.cypher_files import NamedQuery, load_directory
from graph.runner import Runner

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = load_directory(REPO / "queries")
APP = load_directory(REPO / "queries" / "app")
# The queries the app runs: catalogue queries marked `app: true`, and every app query.
RUN = {f"catalogue/{n}": q for n, q in CATALOGUE.items() if q.extra.get("app")} | {f"app/{n}": q for n, q in APP.items()}
# Queries this test cannot run, with the reason (none today: each is run below).
NOT_RUN: dict[str, str] = {}
_SUGGESTION_SEED = (
    "MATCH (p:Person)-[:MEMBER_OF]->(h:Household) WHERE p.victim_call_count >= 2 "
    "WITH p, h ORDER BY p.person_id LIMIT 1 "
    "MERGE (s:Suggestion {household_id: h.household_id}) "
    "SET s.status = 'accepted', s.rules = ['marac'], s.fact_ids = p.victim_call_ids, s.person_ids = [p.person_id], "
    "s.reasons = '[{\"rule\": \"marac\", \"person_id\": \"' + p.person_id + '\", \"fact_ids\": [], "
    "\"on\": \"2023-12-01\", \"detail\": {\"calls\": 3, \"days\": 365}}]', "
    "s.offender_ids = [], s.priority = 3.0, s.first_raised_on = date('2023-12-01'), "
    "s.raised_on = date('2023-12-01'), s.latest_fact_on = date('2023-12-01'), s.raised_count = 1, "
    "s.news_since_decision = false, s.run = 'test-kinds', s.decided_by = 'secretary1', "
    "s.decided_at = datetime(), s.decision_reason = 'test' "
    "MERGE (r:SuggestionRun {run: 'test-kinds'}) SET r.ran_at = datetime(), r.as_of = date('2023-12-31'), "
    "r.since = date('2023-11-30'), r.load_id = 'L-test', r.households = 1, r.created = 1, r.updated = 0, "
    "r.reraised = 0, r.by_rule = '{\"marac\": 1}', r.seconds = 0.1")
_SUGGESTION_UNSEED = ("MATCH (s:Suggestion {run: 'test-kinds'}) DELETE s WITH count(*) AS removed "
                      "MATCH (r:SuggestionRun {run: 'test-kinds'}) DELETE r")
# Nodes the jeju preset does not hold but a query reads: written for the check, removed after it
# (a fitted risk model exists only after `jss risk fit`).
SEEDS: dict[str, tuple[str, str]] = {
    "app/risk_model": ("MERGE (m:RiskModel {model_id: 'RM-test-kinds'}) SET m.fitted_at = datetime(), "
                       "m.status = 'rejected', m.horizon_days = 365, m.model = '{}', m.report = '{}'",
                       "MATCH (m:RiskModel {model_id: 'RM-test-kinds'}) DELETE m"),
    # suggestions exist only after a suggestion run (after `jss load`, or `jss suggest run`)
    "app/suggestions": (_SUGGESTION_SEED, _SUGGESTION_UNSEED),
    "app/suggestion_runs": (_SUGGESTION_SEED, _SUGGESTION_UNSEED),
    "app/suggestion_export": (_SUGGESTION_SEED, _SUGGESTION_UNSEED),
}

# One key per label the gate opens by label and key (queries/app/node_detail.cypher).
_KEY_OF = """
CALL () { MATCH (n:Household) WHERE EXISTS { (n)<-[:MEMBER_OF]-() } RETURN 'Household' AS label, n.household_id AS key LIMIT 1
  UNION MATCH (n:Person) WHERE EXISTS { (n)<-[:RESOLVES_TO]-() } RETURN 'Person' AS label, n.person_id AS key LIMIT 1
  UNION MATCH (n:PersonRecord) RETURN 'PersonRecord' AS label, n.record_id AS key LIMIT 1
  UNION MATCH (n:Call) RETURN 'Call' AS label, n.call_id AS key LIMIT 1
  UNION MATCH (n:PoliceMeasure) RETURN 'PoliceMeasure' AS label, n.measure_id AS key LIMIT 1
  UNION MATCH (n:RiskAssessment) RETURN 'RiskAssessment' AS label, n.assessment_id AS key LIMIT 1
  UNION MATCH (n:Service) RETURN 'Service' AS label, n.service_key AS key LIMIT 1
  UNION MATCH (n:CouncilCase) RETURN 'CouncilCase' AS label, n.case_id AS key LIMIT 1
  UNION MATCH (n:CouncilMeasure) RETURN 'CouncilMeasure' AS label, n.measure_id AS key LIMIT 1
  UNION MATCH (n:Agency) WHERE n.type IN ['보호시설', '청소년쉼터'] RETURN 'Agency' AS label, n.agency_id AS key LIMIT 1
  UNION MATCH (n:Address) RETURN 'Address' AS label, n.address_id AS key LIMIT 1 }
RETURN label, key
"""

_PICKS = """
CALL () { MATCH (k:CouncilCase)<-[:SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household)
          RETURN k.case_id AS case_id, h.household_id AS agenda_household ORDER BY k.case_id LIMIT 1 }
CALL () { MATCH (h:Household) WHERE h.contact_agency_count >= 2 AND EXISTS { (h)-[:LIVES_AT]->() }
          RETURN h.household_id AS household_id, elementId(h) AS household_eid ORDER BY h.household_id LIMIT 1 }
CALL () { MATCH (a:Person)-[:RELATED_TO]->(b:Person)
          RETURN a.person_id AS person_a, b.person_id AS person_b, elementId(a) AS person_eid, a.name AS name
          ORDER BY a.person_id LIMIT 1 }
CALL () { MATCH (p:Person) WHERE p.victim_call_count >= 2
          RETURN p.person_id AS victim ORDER BY p.victim_call_count DESC, p.person_id LIMIT 1 }
CALL () { MATCH (c:AgencyContact) RETURN c.agency_id AS agency_id ORDER BY c.contacts DESC LIMIT 1 }
CALL (agency_id) { MATCH (a:Agency {agency_id: agency_id}) RETURN elementId(a) AS agency_eid }
CALL () { MATCH (c:Call)<-[:INVOLVED_IN]-(:PersonRecord)-[:RESOLVES_TO]->(:Person) RETURN c.call_id AS call_id LIMIT 1 }
CALL () { MATCH (r:PersonRecord)-[:RESOLVES_TO]->(:Person) WHERE size(r.phone) >= 8 AND NOT r.phone CONTAINS '*'
          RETURN substring(r.phone, size(r.phone) - 4) AS digits LIMIT 1 }
RETURN *
"""


@pytest.fixture()
def picks(jeju_graph: Runner) -> dict[str, Any]:
    rows = jeju_graph.read(_PICKS, name="test.kinds.picks").rows
    assert rows, "the jeju graph lacks what the queries below need"
    out = dict(rows[0])
    out["nodes"] = {r["label"]: r["key"] for r in jeju_graph.read(_KEY_OF, name="test.kinds.keys").rows}
    out["tables"] = {}
    for name in kinds.PATTERN_TABLES:
        row = jeju_graph.read("MATCH (t:PatternTable {pattern: $p}) "
                              "OPTIONAL MATCH (o:PatternOrder {pattern: $p, version: t.version}) "
                              "OPTIONAL MATCH (r:PatternRow {pattern: $p, version: t.version, rank: 0}) "
                              "RETURN min(o.sort) AS sort, substring(r.search_open, 0, 3) AS needle",
                              {"p": name}, name="test.kinds.table").rows
        out["tables"][name] = row[0]
    missing = [k for k, v in out.items() if v in (None, {}, "")]
    assert not missing, f"nothing in the jeju graph to pick for {missing}"
    return out


def _tables(make: Callable[[str, dict[str, Any]], dict[str, Any]]) -> Callable[[dict[str, Any]], list[dict[str, Any]]]:
    return lambda p: [make(name, t) for name, t in p["tables"].items()]


# Parameters per query: a function of the picks giving one or more parameter sets.
PARAMS: dict[str, Callable[[dict[str, Any]], list[dict[str, Any]]]] = {
    "catalogue/agency_coinvolvement": lambda p: [{}],
    "catalogue/calls_yoy": lambda p: [{}],
    "catalogue/children_exposed": lambda p: [{}],
    "catalogue/council_kpis": lambda p: [{}],
    "catalogue/escalation": lambda p: [{}],
    "catalogue/fragmented_households": lambda p: [{}],
    "catalogue/linkage_yoy": lambda p: [{}],
    "catalogue/open_council_measures": lambda p: [{"as_of": "2099-12-31"}],
    "catalogue/overview_counts": lambda p: [{}],
    "catalogue/person_detail": lambda p: [{"person_id": p["person_a"]}, {"person_id": p["victim"]}],
    "catalogue/repeat_addresses": lambda p: [{}],
    "catalogue/repeat_victims": lambda p: [{}],
    "catalogue/search_people": lambda p: [{"text": p["name"]}, {"text": p["digits"]}, {"text": p["call_id"]}],
    "catalogue/serial_offenders": lambda p: [{}],
    "app/agency_caseload": lambda p: [{}],
    "app/agency_households": lambda p: [{"agency_id": p["agency_id"]}],
    "app/agency_names": lambda p: [{"agency_ids": [p["agency_id"], "no-such-agency"]}],
    "app/agency_neighbours": lambda p: [{"ids": [p["agency_eid"]]}],
    "app/case_list": lambda p: [{}],
    "app/case_map_elements": lambda p: [{"case_id": p["case_id"]}],
    "app/connect_path": lambda p: [{"person_a": p["person_a"], "person_b": p["person_b"]}],
    "app/find_node": lambda p: [{"label": lab, "key": p["nodes"][lab]}
                                for lab in ("Household", "Person", "CouncilCase", "Agency", "Call", "Address")],
    "app/graph_version": lambda p: [{}],
    "app/households_in_scope": lambda p: [{"household_ids": [p["agenda_household"], p["household_id"]],
                                           "scope": "agenda"},
                                          {"household_ids": [p["household_id"]], "scope": "agency",
                                           "agency_id": p["agency_id"]}],
    "app/neighbours": lambda p: [{"ids": [p["household_eid"], p["person_eid"]]}],
    "app/neighbour_groups": lambda p: [{"id": p["agency_eid"], "kinds": ["Call", "Service", "Agency"], "by_year": True}],
    "app/neighbour_keys": lambda p: [{"id": p["agency_eid"], "kinds": ["Call", "CouncilCase", "Agency"]},
                                     {"id": p["household_eid"], "kinds": ["Person", "Address"]}],
    "app/neighbour_slice": lambda p: [{"id": p["agency_eid"], "kinds": ["Call"], "years": None, "cap": 5},
                                      {"id": p["household_eid"], "kinds": ["Person", "Address"]}],
    "app/node_detail": lambda p: [{"label": lab, "key": key} for lab, key in p["nodes"].items()],
    "app/node_households": lambda p: [{"nodes": [{"label": lab, "key": key} for lab, key in p["nodes"].items()]}],
    "app/pattern_page": _tables(lambda name, t: {"pattern": name}),
    "app/person_record_count": lambda p: [{}],
    "app/person_risk_grade": lambda p: [{"person_id": p["victim"]}, {"person_id": p["person_a"]}],
    "app/pattern_rows": _tables(lambda name, t: {"pattern": name, "needle": t["needle"], "sort": t["sort"]}),
    "app/pattern_sorted": _tables(lambda name, t: {"pattern": name, "sort": t["sort"], "descending": True}),
    "app/pattern_walk": _tables(lambda name, t: {"pattern": name, "needle": t["needle"]}),
    "app/repeat_call_rate": lambda p: [{}],
    "app/search": lambda p: [{"q": p["household_id"], "name_q": p["name"].replace(" ", ""), "digits": p["digits"]}],
    "app/search_masked": lambda p: [{"starts": [p["name"][0]], "ends": [p["name"][-1]], "word_starts": [" J"],
                                      "q": p["household_id"]}],
    "app/household_names": lambda p: [{"household_ids": [p["household_id"], p["agenda_household"], "no-such"]}],
    "app/calls_per_month": lambda p: [{"from": "2000-01-01", "to": "2100-01-01"}],
    "app/referrals_per_month": lambda p: [{"from": "2000-01-01", "to": "2100-01-01"}],
    "app/server_started": lambda p: [{}],
    "app/resolution_model": lambda p: [{}],
    "app/risk_model": lambda p: [{}, {"model_id": "RM-test-kinds"}],
    "app/risk_scores": lambda p: [{"person_ids": [p["victim"], p["person_a"], "no-such"]}],
    "app/risk_scoring": lambda p: [{}],
    "app/suggestions": lambda p: [{"status": "accepted"}],
    "app/suggestion_runs": lambda p: [{}],
    "app/suggestion_export": lambda p: [{}],
}


def test_every_query_the_app_runs_is_checked() -> None:
    assert set(PARAMS) | set(NOT_RUN) == set(RUN), "a query the app runs is neither checked nor listed in NOT_RUN"
    assert not set(PARAMS) & set(NOT_RUN)


def undeclared(value: Any, kind: Any, where: str, row: dict[str, Any]) -> list[str]:
    """What in `value` the declared `kind` does not cover (a key, a property, a map where a
    scalar is declared)."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for v in items:
        if v is None:
            continue
        if isinstance(kind, dict):
            if not isinstance(v, dict):
                out.append(f"{where}: a {type(v).__name__} where a map is declared")
                continue
            for key, x in v.items():
                out += [f"{where}.{key}"] if key not in kind else undeclared(x, kind[key], f"{where}.{key}", v)
        elif kind == kinds.NODE:
            if not isinstance(v, dict) or set(v) != {"id", "label", "props"}:
                out.append(f"{where}: not a {{id, label, props}} node")
                continue
            out += [f"{where}: {v['label']}.{k}" for k in v["props"] if kinds.property_kind(v["label"], k) is None]
        elif kind == kinds.PROPS:
            out += [f"{where}: {row.get('label')}.{k}" for k in v if kinds.property_kind(row.get("label"), k) is None]
        elif isinstance(v, dict | list):
            out.append(f"{where}: a {type(v).__name__} where the scalar kind {kind} is declared")
    return out


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_queries_return_only_declared_columns(name: str, jeju_graph: Runner, picks: dict[str, Any]) -> None:
    q: NamedQuery = RUN[name]
    declared = kinds.query_kinds(q)
    assert declared, f"{name} declares no kinds"
    rows_seen = 0
    seed, unseed = SEEDS.get(name, (None, None))
    if seed:
        jeju_graph.write(seed, name="test.kinds.seed")
    try:
        for params in PARAMS[name](picks):
            result = jeju_graph.read(q.text, q.bind(params), name=f"test.kinds.{name}", timeout=120)
            problems = [c for c in result.columns if c not in declared]
            assert not problems, f"{name} returns undeclared column(s) {problems}"
            for row in result.rows:
                problems = [p for col, v in row.items() for p in undeclared(v, declared[col], col, row)]
                assert not problems, f"{name} {sorted(params)}: undeclared {sorted(set(problems))[:10]}"
            rows_seen += len(result.rows)
    finally:
        if unseed:
            jeju_graph.write(unseed, name="test.kinds.unseed")
    assert rows_seen, f"{name} returned no row: the check would prove nothing"


def test_every_property_of_every_node_has_a_kind(jeju_graph: Runner) -> None:
    # One pass over every node (labels and keys only; no value is read or compared).
    rows = jeju_graph.read("MATCH (n) UNWIND labels(n) AS label UNWIND keys(n) AS key RETURN DISTINCT label, key",
                           name="test.kinds.all_keys", timeout=600, row_cap=100_000).rows
    seen: dict[str, set[str]] = {}
    for r in rows:
        seen.setdefault(r["label"], set()).add(r["key"])
    # the graph really holds what the app reads: loaded, resolved and summarised labels
    assert {"Agency", "Call", "PersonRecord", "PoliceMeasure", "RiskAssessment", "Service", "CouncilCase",
            "CouncilMeasure", "Load", "Address", "Person", "Household", "Derived", "PatternRow",
            "AgencyContact"} <= set(seen)
    unknown_labels = sorted(set(seen) - set(kinds.PROPERTY_KINDS))
    assert not unknown_labels, f"labels without property kinds: {unknown_labels}"
    undeclared_props = sorted(f"{label}.{key}" for label, keys in seen.items() for key in keys
                              if kinds.property_kind(label, key) is None)
    assert not undeclared_props, f"properties without a declared kind: {undeclared_props}"
    assert any(k.startswith("item_") for k in seen["RiskAssessment"])
