"""The vectorised risk features (queries/risk_history.py, queries/risk_snapshot.py) on a small
hand-made history: expected values worked out by hand, and the same bins, hand score, reasons and
model score as the per-row path (`feature_bins`, `score_features`, `FittedModel.score`) on the
rows risk_features.cypher would give for the same records."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from queries.risk import HAND_INPUTS, score_features, scores_of, stored_scores
from queries.risk_features import BY_NAME, FEATURES, feature_bins
from queries.risk_history import build_history
from queries.risk_model import FittedModel
from queries.risk_snapshot import count_distinct, outcomes, snapshot, years_before
from risk.dataset import at_cutoff
from risk.scores import score_rows

AS_OF = date(2023, 1, 1)
NAMES = [f.name for f in FEATURES]


def _at(days_before: int, hour: int = 10) -> datetime:
    return datetime.combine(AS_OF - timedelta(days=days_before), datetime.min.time()).replace(hour=hour)


def _day(days_before: int) -> date:
    return AS_OF - timedelta(days=days_before)


# (call_id, days before AS_OF (negative: after), priority, weapon, injury, outcome, child_present, category,
#  order, child_witness, victims, suspects, relations, agencies)
CALLS = [
    ("C1", 700, "C3", False, False, "현장종결", False, "데이트폭력", False, False, ["V1"], ["S1"], ["전연인"], ["A1"]),
    ("C2", 200, "C3", None, False, "현장종결", False, "가정폭력", False, True, ["V1"], ["S1"], [], ["A1"]),
    ("C3", 40, "C0", True, False, "형사입건", False, "가정폭력", True, False, ["V1"], ["S1"], [], ["A2"]),
    ("C4", 10, "C1", False, False, "현장종결", False, "스토킹", False, False, ["V1"], ["S1"], ["연인"], ["A2"]),
    ("C5", 300, "C2", False, True, "현장종결", False, "가정폭력", False, False, ["V2"], ["S1"], ["배우자"], ["A1"]),
    ("C6", 100, "C3", False, False, "현장종결", False, "기타", False, False, ["S1", "V3"], ["S2"], ["지인", "전배우자"],
     ["A1"]),
    ("C7", -20, "C3", True, False, "현장종결", False, "가정폭력", False, False, ["V1"], [], [], ["A1"]),
    ("C8", -30, "C2", False, False, "현장종결", False, "가정폭력", False, False, ["V4"], ["S1"], [], ["A1"]),
    ("C9", -400, "C0", False, False, "현장종결", False, "가정폭력", False, False, ["V2"], [], [], ["A1"]),
]


def _frames() -> dict[str, pd.DataFrame]:
    """The pulls' frames for CALLS and the records below, as queries/analytics/risk_history_*.cypher
    return them."""
    calls = pd.DataFrame([[c[0], _at(c[1]).isoformat(), *c[2:9], c[13]] for c in CALLS],
                         columns=["call_id", "at", "priority", "weapon", "injury", "outcome", "child_present",
                                  "category", "order", "agencies"], dtype=object)
    involved = []
    for c in CALLS:
        relations = iter(c[12])
        involved += [[c[0], "victim", None, p] for p in c[10]]
        involved += [[c[0], "suspect", next(relations, None), p] for p in c[11]]
        involved += [[c[0], "suspect", r, None] for r in relations]   # an unresolved suspect's relation
        if c[9]:
            involved.append([c[0], "child_witness", None, None])
    involved.append(["C3", "reporter", None, "V3"])      # V3 reported C3: its agency counts for V3
    involvements = pd.DataFrame(involved, columns=["call_id", "role", "relation", "person_id"], dtype=object)
    assessments = pd.DataFrame([
        ["RA1", _day(30).isoformat(), "보통", 8, ["A3"], ["V1"]],
        ["RA2", _day(30).isoformat(), "높음", 15, ["A3"], ["V1"]],     # same day: the larger id is the latest
        ["RA3", _day(-5).isoformat(), "매우높음", 20, ["A3"], ["V1"]],  # after the cut-off
    ], columns=["assessment_id", "date", "grade", "yes", "agencies", "people"], dtype=object)
    services = pd.DataFrame([
        ["SV1", _day(400).isoformat(), "주거·보호시설", ["A4"], ["V1"]],
        ["SV2", _day(50).isoformat(), "상담", ["A4"], ["V1"]],
        ["SV3", _day(50).isoformat(), "상담", ["A4"], ["V1"]],          # the same (date, field): counted once
        ["SV4", _day(20).isoformat(), "의료", [], ["V1", "V2"]],
    ], columns=["service_key", "date", "field", "agencies", "people"], dtype=object)
    measures = pd.DataFrame([["M1", "스마트워치", _day(35).isoformat(), ["V1"]],
                             ["M2", "신변보호", _day(-3).isoformat(), ["V2"]]],
                            columns=["measure_id", "type", "date", "people"], dtype=object)
    council = pd.DataFrame([["CC1", _day(500).isoformat(), ["V2"]]], columns=["case_id", "date", "people"],
                           dtype=object)
    victims = pd.DataFrame([
        ["S1", "가해자", "M", 1980, "H9", 0, None],
        ["V1", "피해자일", "F", 1990, "H1", 2, _day(3650).isoformat()],   # a child of ten at home
        ["V2", "피해자이", "F", 1960, "H2", 1, "2000-01-01"],
        ["V3", "피해자삼", None, None, None, 0, None],
        ["V4", "피해자사", "F", 2001, "H4", 0, None],
    ], columns=["person_id", "name", "sex", "birth_year", "household_id", "household_others",
                "youngest_other_born"], dtype=object)
    return {"calls": calls, "involvements": involvements, "assessments": assessments, "services": services,
            "measures": measures,
            "council": council, "victims": victims}


def _history():
    return build_history(**_frames())


def _row(pid: str) -> dict:
    """What risk_features.cypher returns for this victim at AS_OF, written out by hand."""
    def call(c: tuple) -> dict:
        return {"call_id": c[0], "at": _at(c[1]), "priority": c[2], "weapon": c[3], "injury": c[4],
                "outcome": c[5], "child_present": c[6], "category": c[7], "order": c[8],
                "child_witness": c[9]}
    mine = [call(c) for c in CALLS if pid in c[10] and c[1] > 0]
    rows = {
        "V1": {"relations": ["전연인", "연인"], "suspect_other_victims": 1, "suspect_calls": 5, "agencies": 4,
               "assessment": {"date": _day(30), "grade": "높음", "yes": 15}, "assessments": 2,
               "protections": [{"type": "스마트워치", "date": _day(35)}],
               "services": [{"date": _day(400), "field": "주거·보호시설"}, {"date": _day(50), "field": "상담"},
                            {"date": _day(20), "field": "의료"}],
               "council_dates": [], "household_children": 1, "household_others": 2},
        "V2": {"relations": ["배우자"], "suspect_other_victims": 1, "suspect_calls": 5, "agencies": 1,
               "assessment": None, "assessments": 0, "protections": [],
               "services": [{"date": _day(20), "field": "의료"}],
               "council_dates": [_day(500)], "household_children": 0, "household_others": 1},
        "V3": {"relations": ["지인", "전배우자"], "suspect_other_victims": 1, "suspect_calls": 1, "agencies": 2,
               "assessment": None,
               "assessments": 0, "protections": [], "services": [], "council_dates": [],
               "household_children": 0, "household_others": 0},
        "S1": {"relations": ["지인", "전배우자"], "suspect_other_victims": 1, "suspect_calls": 1, "agencies": 2,
               "assessment": None, "assessments": 0, "protections": [], "services": [], "council_dates": [],
               "household_children": 0, "household_others": 0},
    }
    names = {"V1": ("피해자일", "H1"), "V2": ("피해자이", "H2"), "V3": ("피해자삼", None), "S1": ("가해자", "H9")}
    return {"person_id": pid, "name": names[pid][0], "household_id": names[pid][1], "calls": mine} | rows[pid]


def test_the_snapshot_reads_only_records_before_the_cutoff() -> None:
    s = snapshot(_history(), AS_OF)
    assert s.person_ids.tolist() == ["S1", "V1", "V2", "V3"]    # V4's only call is after the cut-off
    b = {pid: dict(zip(NAMES, s.bins[i].tolist(), strict=True)) for i, pid in enumerate(s.person_ids)}
    v1 = b["V1"]
    assert v1["calls_12m"] == 3 and v1["calls_total"] == 3 and v1["calls_90d"] == 2   # 3–4 / 4–5 / 2
    assert v1["severity_trend"] == 2 and v1["severity_12m"] == 3     # C3 → C1 rising; C0+weapon+order: 10
    assert v1["relation"] == 1 and v1["weapon"] == 1 and v1["injury"] == 0 and v1["order"] == 1
    assert v1["grade"] == 3 and v1["checklist_yes"] == 2 and v1["assessments"] == 2   # RA2 wins the tie
    assert v1["protection"] == 1 and v1["shelter"] == 1 and v1["services_12m"] == 1   # 2 distinct: "1–2"
    assert v1["suspect_other_victims"] == 1 and v1["suspect_calls"] == 3             # S1: C1–C5 → "5+"
    assert v1["agencies"] == 2 and v1["children"] == 1 and v1["household_others"] == 1  # A1–A4 → "3+"
    assert BY_NAME["category"].bins[v1["category"]][0] == "스토킹"
    v2 = b["V2"]
    assert v2["protection"] == 0 and v2["council"] == 1 and v2["relation"] == 2 and v2["injury"] == 1
    assert v2["pace"] == 0 and v2["overdue"] == 0
    # V3: the relation of C6's unresolved second suspect counts; reporting C3 brings its agency
    assert b["V3"]["relation"] == 1 and b["V3"]["agencies"] == 1
    assert b["V3"]["category"] == len(BY_NAME["category"].bins) - 1
    assert s.hand.tolist()[1] == 3 + 2 + 4 + 3 + 2 + 2 + 2 + 1 + 2 + 1   # V1, worked out as in score_features


def test_snapshot_equals_the_per_row_features_hand_score_and_reasons() -> None:
    h = _history()
    s = snapshot(h, AS_OF)
    for i, pid in enumerate(s.person_ids):
        row = _row(pid)
        assert dict(zip(NAMES, s.bins[i].tolist(), strict=True)) == feature_bins(row, AS_OF), pid
        assert s.hand[i] == score_features(row, AS_OF).score, pid
    new = {r.person_id: r for r in scores_of(s, h.victims, None)}
    for pid in s.person_ids:
        assert new[pid] == score_features(_row(pid), AS_OF), pid


def test_model_scores_equal_the_per_row_model() -> None:
    model = _model()
    h = _history()
    for s in scores_of(snapshot(h, AS_OF), h.victims, model):
        expected = model.score(_row(s.person_id), AS_OF)
        assert s.model == expected and s.model.reasons, s.person_id


def _model() -> FittedModel:
    rng = np.random.default_rng(4)
    weights = {f.name: rng.normal(0, 0.6, len(f.bins)).round(3).tolist()
               for f in sorted(FEATURES, key=lambda f: f.name)}
    card = {"outcome": "any_call", "intercept": -1.0, "weights": weights,
            "means": {n: float(np.mean(w)) for n, w in weights.items()}}
    stored = {"horizon_days": 182, "any_call": card, "serious": card | {"intercept": -2.0}}
    return FittedModel.from_row({"model_id": "RM-test", "status": "active", "report": "{}",
                                 "model": json.dumps(stored)})


def test_stored_rows_rebuild_every_score_and_reason() -> None:
    """What risk/scores.py writes per victim (as queries/app/risk_scores.cypher reads it back)
    rebuilds the same hand score, council rules, model chance, level and reasons; the stored row
    does not depend on the model, and a day later it is the same unless a time bin is crossed."""
    h, model = _history(), _model()
    computed = {s.person_id: s for s in scores_of(snapshot(h, AS_OF), h.victims, model)}
    rows = score_rows(h, AS_OF)
    assert [r["person_id"] for r in rows] == sorted(computed)
    # points and level as stored for Cypher are the per-row reference's (score_features)
    assert [(r["points"], r["level"]) for r in rows] == \
        [(score_features(_row(r["person_id"]), AS_OF).score, score_features(_row(r["person_id"]), AS_OF).level)
         for r in rows]
    v1 = dict(zip(HAND_INPUTS, next(r for r in rows if r["person_id"] == "V1")["inputs"], strict=True))
    assert v1["weapon"] == 1 and v1["last_call"] == (_day(10) - date(1970, 1, 1)).days   # C4, 10 days before
    read_back = [{"person_id": r["person_id"], "grade": r["grade"],
                  "graded_on": date.fromisoformat(r["graded_on"]) if r["graded_on"] else None,
                  "inputs": r["inputs"], "bins": r["bins"]} for r in rows]
    stored = stored_scores(read_back, AS_OF, model)
    for pid, s in computed.items():
        back = stored[pid]
        assert back.as_of == AS_OF and back.name is None
        back.as_of, back.name, back.household_id = None, s.name, s.household_id
        assert back == s, pid
    assert all(s.model is None for s in stored_scores(read_back, AS_OF, None).values())
    # the next day: the same inputs; the reasons say one more day since the last call
    later = {r["person_id"]: r for r in score_rows(h, AS_OF + timedelta(days=1))}
    assert all(later[r["person_id"]]["inputs"] == r["inputs"] for r in rows)
    again = stored_scores(read_back, AS_OF + timedelta(days=1), None)["V1"]
    assert ("마지막 신고 후 11일", "11 days since the last call", 3) in again.reasons


def test_outcomes_count_calls_in_the_horizon_after_the_cutoff() -> None:
    h = _history()
    s = snapshot(h, AS_OF)
    any_call, serious = outcomes(h, s.codes, AS_OF, 182)
    assert dict(zip(s.person_ids, any_call.tolist(), strict=True)) == \
        {"S1": False, "V1": True, "V2": False, "V3": False}
    assert serious.tolist() == [False, True, False, False]          # C7: a weapon
    cut = at_cutoff(h, AS_OF, 182)
    assert cut.person_ids == ["S1", "V1", "V2", "V3"] and cut.any_call.tolist() == any_call.tolist()
    assert cut.sex == ["M", "F", "F", "unknown"] and cut.age == ["40–64", "18–39", "40–64", "unknown"]
    assert cut.council_rule.tolist() == [0.0, 1.0, 0.0, 0.0] and cut.grade.tolist() == [-1.0, 2.0, -1.0, -1.0]
    later = at_cutoff(h, AS_OF + timedelta(days=60), 400)
    assert "V4" in later.person_ids and later.any_call[later.person_ids.index("V2")]   # C9 within 400 days


def test_an_empty_history_and_a_cutoff_before_any_call() -> None:
    empty = {k: v.iloc[:0] for k, v in _frames().items()}
    h = build_history(**empty)
    s = snapshot(h, AS_OF)
    assert len(s) == 0 and s.bins.shape == (0, len(FEATURES)) and len(scores_of(s, h.victims, None)) == 0
    early = snapshot(_history(), AS_OF - timedelta(days=1000))
    assert len(early) == 0


def test_helpers() -> None:
    assert years_before(date(2024, 2, 29), 18) == date(2006, 2, 28)
    assert years_before(date(2023, 5, 1), 18) == date(2005, 5, 1)
    assert count_distinct(np.array([0, 0, 0, 2]), np.array([5, 5, 7, 1]), 3).tolist() == [2, 0, 1]
