"""The risk model's validation report as the admin page and `jss risk report` show it."""

from __future__ import annotations

import json

from risk_cases import synthetic_cut

from pages.components.riskreport import report_view
from risk.fit import fit_scorecard, validate
from risk.report import report_lines, scorecard_lines


def _report() -> dict:
    train, test = synthetic_cut(3000, 1, "model"), synthetic_cut(2000, 2, "model")
    card = fit_scorecard(train.bins, train.any_call, 1.0, "any_call")
    v = validate(card, train, test, "any_call")
    return {"horizon_days": 182, "test_cutoff": "2023-07-02", "train_cutoffs": ["2023-01-01", "2022-11-16"],
            "deploy_rows": 5000, "outcomes": {"any_call": v}}, card


def test_admin_section_shows_status_aucs_reliability_and_groups() -> None:
    report, _ = _report()
    row = {"model_id": "RM-abc", "status": "active", "fitted_at": "2026-12-07T10:00:00Z", "report": json.dumps(report)}
    text = repr(report_view(row, "ko"))
    assert "사용 중" in text and "RM-abc" in text and "2026-12-07 10:00" in text
    for table in ("admin-risk-auc-any_call", "admin-risk-reliability-any_call", "admin-risk-groups-any_call"):
        assert table in text
    auc = report["outcomes"]["any_call"]["auc"]["model"]
    assert f"{auc['auc']:.3f} [{auc['lo']:.3f}, {auc['hi']:.3f}]" in text
    assert "성별 여" in text and "수기 점수" in text
    flagged = {**report["outcomes"]["any_call"], "fairness_flags": [
        {"group": "sex:M", "kind": "auc", "value": 0.7, "overall": 0.8}]}
    shown = repr(report_view({**row, "report": json.dumps({**report, "outcomes": {"any_call": flagged}})}, "en"))
    assert "Check: in sex male the model's AUC 0.700 is clearly below the overall 0.800" in shown
    assert "Not used" in repr(report_view({**row, "status": "rejected"}, "en"))
    assert "jss risk fit" in repr(report_view(None, "en"))


def test_cli_report_lines_in_both_languages() -> None:
    report, card = _report()
    ko = report_lines({"model_id": "RM-abc", "status": "active"}, report, "ko")
    en = report_lines({"model_id": "RM-abc", "status": "rejected"}, report, "en")
    assert "사용 중" in ko[0] and "not used" in en[0] and "horizon 182 days" in en[1]
    assert any(line.startswith("  model − hand score +") for line in en)
    assert any("sex:F" in line for line in en)
    lines = scorecard_lines(card, "en")
    assert any(line.startswith("  calls in the last 12 months: none ×") for line in lines)
