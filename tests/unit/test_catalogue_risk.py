"""The risk score's arithmetic and the AUC (no database); expected values worked out by hand."""

from __future__ import annotations

from datetime import date, datetime

from queries.risk import auc, call_severity, score_features


def test_auc_is_mann_whitney_with_ties() -> None:
    assert auc([1, 2, 3, 4], [False, False, True, True]) == 1.0
    assert auc([4, 3, 2, 1], [False, False, True, True]) == 0.0
    assert auc([1, 1, 1, 1], [False, True, False, True]) == 0.5
    # positives 3 and 2 vs negatives 2 and 1: pairs (3>2, 3>1, 2=2 → ½, 2>1) = 3.5 / 4
    assert auc([3, 2, 2, 1], [True, True, False, False]) == 0.875
    assert auc([1, 2], [True, True]) is None


def test_call_severity_rule() -> None:
    assert call_severity({"priority": "C1", "weapon": True, "injury": False, "order": True}) == 8
    assert call_severity({"priority": "C4", "outcome": "형사입건"}) == 1
    assert call_severity({}) == 0


def test_score_features_points_and_council_rules() -> None:
    as_of = date(2024, 1, 1)
    calls = [{"call_id": "A", "at": datetime(2023, 3, 1), "priority": "C3"},
             {"call_id": "B", "at": datetime(2023, 9, 1), "priority": "C2"},
             {"call_id": "C", "at": datetime(2023, 12, 20), "priority": "C1", "weapon": True}]
    s = score_features({"person_id": "V", "calls": calls, "relations": ["전배우자"], "suspect_other_victims": 1,
                        "agencies": 3, "assessment": {"grade": "높음", "yes": 8}, "household_children": 0}, as_of)
    points = {en: p for _, en, p in s.reasons}
    # grade 높음 3, 8 yes items 1, 3 calls 4, 12 days ago 3, rising (1 → 6) 2, weapon 2,
    # other victim 2, separation 2, 3 agencies 1 = 20
    assert s.score == 20 == sum(points.values())
    assert s.level == "매우높음" and s.council_rule_calls and s.council_rule_checklist
    assert points["checklist grade high"] == 3 and points["separation (former spouse or partner)"] == 2
    dated = score_features({"person_id": "G", "assessment": {"grade": "매우높음", "date": date(2023, 11, 2)}}, as_of)
    assert dated.reasons == [("체크리스트 위험등급 매우높음 (2023-11-02)", "checklist grade very high (2023-11-02)", 4)]
    quiet = score_features({"person_id": "Q", "calls": [{"call_id": "D", "at": datetime(2022, 1, 1)}]}, as_of)
    assert (quiet.score, quiet.level, quiet.council_rule_calls, quiet.council_rule_checklist) == (0, "낮음", False, False)
