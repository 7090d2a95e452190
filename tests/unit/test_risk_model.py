"""The fitted risk model's pure parts: features and bins, the scorecard and its reasons, the
validation metrics (DeLong AUC intervals, Brier, reliability, Platt), the time schedule and the
rule that a model is used only when it beats the hand score on held-out time."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta

import numpy as np
import pytest
from risk_cases import synthetic_cut

from queries.risk import auc
from queries.risk_features import BY_NAME, FEATURES, age_group, feature_bins
from queries.risk_model import FittedModel, Scorecard, level_of, reason_text
from risk import metrics
from risk.dataset import schedule
from risk.fit import (
    OFFSETS,
    beats_hand,
    choose_penalty,
    design,
    fairness_flags,
    fill_unseen,
    fit_scorecard,
    validate,
)

AS_OF = date(2023, 1, 1)


def _call(days_before: int, **kw) -> dict:
    return {"call_id": f"c{days_before}", "at": datetime.combine(AS_OF - timedelta(days=days_before), datetime.min.time()),
            "priority": kw.get("priority", "C3"), "weapon": kw.get("weapon", False), "injury": kw.get("injury", False),
            "outcome": kw.get("outcome", "현장종결"), "child_present": False, "child_witness": False,
            "order": kw.get("order", False), "category": kw.get("category", "가정폭력")}


def _row(calls: list[dict], **kw) -> dict:
    return {"person_id": "p1", "calls": calls, "relations": kw.get("relations", []),
            "suspect_other_victims": kw.get("others", 0), "suspect_calls": kw.get("suspect_calls", 0),
            "agencies": 1, "assessment": kw.get("assessment"), "assessments": 1 if kw.get("assessment") else 0,
            "protections": kw.get("protections", []), "services": kw.get("services", []),
            "council_dates": kw.get("council_dates", []), "household_children": 0, "household_others": 2}


def test_feature_bins_read_history_before_the_cutoff() -> None:
    calls = [_call(700, category="데이트폭력"), _call(200, priority="C3"), _call(40, priority="C0", weapon=True),
             _call(10, priority="C1", category="스토킹")]
    b = feature_bins(_row(calls, relations=["전연인"], council_dates=[AS_OF - timedelta(days=30)],
                          assessment={"grade": "높음", "yes": 15, "date": AS_OF}), AS_OF)
    assert b["calls_12m"] == 3          # 3 calls in the last 365 days: bin "3–4"
    assert b["calls_total"] == 3        # 4 calls ever: bin "4–5"
    assert b["days_since_last"] == 1    # 10 days: "8–30"
    assert b["months_known"] == 1       # 700 days ≈ 23 months: "6–24"
    assert b["severity_trend"] == 2     # C3 → C1: rising
    assert b["weapon"] == 1 and b["injury"] == 0
    assert b["relation"] == 1           # separation wins over other relations
    assert FEATURES[[f.name for f in FEATURES].index("category")].bins[b["category"]][0] == "스토킹"
    assert b["grade"] == 3 and b["checklist_yes"] == 2
    assert b["council"] == 2
    quiet = feature_bins(_row([_call(500)]), AS_OF)
    assert quiet["calls_12m"] == 0 and quiet["days_since_last"] == 5 and quiet["severity_12m"] == 0
    assert quiet["grade"] == 0 and quiet["council"] == 0 and quiet["relation"] == 0


def test_every_bin_has_both_labels() -> None:
    for f in FEATURES:
        assert f.bins and all(ko and en for ko, en in f.bins), f.name
        assert f.cuts is None or len(f.cuts) == len(f.bins) - 1, f.name


def test_age_groups() -> None:
    assert [age_group(y, AS_OF) for y in (2010, 1990, 1970, 1950, None)] == ["<18", "18–39", "40–64", "65+", "unknown"]


def _card() -> Scorecard:
    weights = {f.name: [0.0] * len(f.bins) for f in FEATURES}
    weights["calls_12m"] = [-1.0, 0.0, 0.5, 1.0, 1.5]
    weights["protection"] = [0.2, -0.4]
    means = {f.name: 0.0 for f in FEATURES} | {"calls_12m": -0.5, "protection": 0.1}
    return Scorecard("any_call", -2.0, weights, means)


def test_scorecard_probability_and_reasons() -> None:
    card = _card()
    bins = {f.name: 0 for f in FEATURES} | {"calls_12m": 3, "protection": 1}
    assert card.logit(bins) == pytest.approx(-2.0 + 1.0 - 0.4)
    assert card.probability(bins) == pytest.approx(1 / (1 + math.exp(0.4 + 2.0 - 1.0)))
    effects = {n: e for n, _, e in card.effects(bins)}
    assert effects["calls_12m"] == pytest.approx(1.5) and effects["protection"] == pytest.approx(-0.5)
    assert reason_text("calls_12m", 3, 1.5, "ko") == f"최근 12개월 신고: 3–4건 (위험 {math.exp(1.5):.1f}배)"
    assert reason_text("calls_12m", 3, 1.5, "en").startswith("calls in the last 12 months: 3–4 (odds ×4.5")
    assert Scorecard.from_dict(card.to_dict()) == card
    with pytest.raises(ValueError, match="does not know"):
        Scorecard.from_dict(card.to_dict() | {"weights": card.weights | {"shoe_size": [0.0]}})


def test_fitted_model_scores_a_row_with_its_reasons() -> None:
    import json

    model = FittedModel.from_row({"model_id": "risk-x", "status": "active", "report": "{}", "model": json.dumps(
        {"horizon_days": 365, "any_call": _card().to_dict(), "serious": None})})
    s = model.score(_row([_call(20), _call(60), _call(90), _call(300)]), AS_OF)
    assert model.active and s.serious_probability is None
    assert s.probability == pytest.approx(1 / (1 + math.exp(-(-2.0 + 1.0 + 0.2))))
    assert s.level == level_of(s.probability)
    assert s.reasons[0][0].startswith("최근 12개월 신고: 3–4건")
    assert all(abs(e) >= math.log(1.15) for _, _, e in s.reasons)


def test_levels_are_fixed_probability_bands() -> None:
    assert [level_of(p) for p in (0.05, 0.1, 0.3, 0.6)] == ["낮음", "보통", "높음", "매우높음"]


def test_delong_auc_matches_mann_whitney_and_its_interval_covers() -> None:
    rng = random.Random(3)
    labels = [rng.random() < 0.3 for _ in range(600)]
    scores = [rng.randint(0, 6) + (2 if y else 0) for y in labels]   # many ties
    ci = metrics.auc_ci(scores, labels)
    assert ci["auc"] == pytest.approx(auc(scores, labels))
    assert ci["lo"] < ci["auc"] < ci["hi"] and 0 < ci["se"] < 0.05
    same = metrics.auc_difference(scores, scores, labels)
    assert same["difference"] == 0 and same["se"] == pytest.approx(0, abs=1e-12)
    noise = [rng.random() for _ in labels]
    gain = metrics.auc_difference(scores, noise, labels)
    assert gain["lo"] > 0 and gain["difference"] == pytest.approx(ci["auc"] - auc(noise, labels))
    assert metrics.auc_ci([1, 2], [True, True]) is None


def test_delong_se_agrees_with_the_bootstrap() -> None:
    rng = np.random.default_rng(5)
    y = rng.random(800) < 0.25
    s = rng.normal(size=800) + y * 0.8
    boot = []
    for _ in range(300):
        i = rng.integers(0, 800, 800)
        boot.append(metrics.auc_ci(s[i], y[i])["auc"])
    assert metrics.auc_ci(s, y)["se"] == pytest.approx(np.std(boot), rel=0.25)


def test_brier_reliability_and_platt() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=20_000)
    y = rng.random(20_000) < 1 / (1 + np.exp(-(2 * x - 1)))
    platt = metrics.Platt(x * 3 + 7, y)                 # any monotone scale of the true logit
    p = platt(x * 3 + 7)
    assert np.abs(p - 1 / (1 + np.exp(-(2 * x - 1)))).max() < 0.03
    assert metrics.brier(p, y) < metrics.brier(np.full(len(y), y.mean()), y)
    table = metrics.reliability(p, y)
    assert sum(r["n"] for r in table) == len(y)
    for r in table:
        if r["n"] > 500:
            assert abs(r["predicted"] - r["observed"]) < 0.03
    assert metrics.brier([1.0, 0.0], [True, False]) == 0


def test_fit_learns_the_driving_feature_and_beats_a_noise_hand_score() -> None:
    train, test = synthetic_cut(6000, 1, "model"), synthetic_cut(3000, 2, "model")
    card = fit_scorecard(train.bins, train.any_call, 1.0, "any_call")
    w = card.weights["calls_12m"]
    assert w == sorted(w) and w[4] - w[0] > 2.5
    # features that never vary say nothing about anyone: no effect, and no weight for bins never seen
    effects = {n: e for n, _, e in card.effects(dict(zip(BY_NAME, train.bins[0].tolist(), strict=True)))}
    assert all(abs(e) < 1e-9 for n, e in effects.items() if n != "calls_12m")
    assert all(max(v) - min(v) < 1e-9 for n, v in card.weights.items() if n != "calls_12m" and not BY_NAME[n].nominal)
    v = validate(card, train, test, "any_call")
    assert v["auc"]["model"]["auc"] > v["auc"]["hand"]["auc"] + 0.1 and beats_hand(v)
    assert set(v["groups"]) == {"sex:F", "sex:M", "age:18–39", "age:<18"}
    assert design(train.bins).shape == (6000, sum(len(f.bins) for f in FEATURES))
    assert np.allclose(card.logits(test.bins[:3]), [card.logit(dict(zip(BY_NAME, b, strict=True))) for b in test.bins[:3]])


def test_a_model_that_does_not_beat_the_hand_score_is_not_used() -> None:
    train, test = synthetic_cut(4000, 3, "hand"), synthetic_cut(3000, 4, "hand")
    v = validate(fit_scorecard(train.bins, train.any_call, 1.0, "any_call"), train, test, "any_call")
    assert not beats_hand(v)


def test_penalty_is_chosen_on_time() -> None:
    cuts = [synthetic_cut(2000, s, "model") for s in (5, 6, 7)]
    assert choose_penalty(cuts, "any_call") in (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)


def test_schedule_tests_on_the_last_complete_period_and_trains_before_it() -> None:
    plan = schedule(date(2019, 1, 1), date(2023, 12, 31), 365)
    assert plan.test == date(2022, 12, 31)
    assert all(d + timedelta(days=365) <= plan.test for d in plan.train)
    assert plan.train[0] == date(2021, 12, 31) and len(plan.train) == 6
    assert [(a - b).days for a, b in zip(plan.train, plan.train[1:], strict=False)] == [91, 92, 91, 91, 91]
    assert plan.deploy[0] == plan.test and set(plan.deploy[4:]) <= set(plan.train)
    assert schedule(date(2022, 1, 1), date(2023, 12, 31), 365) is None
    short = schedule(date(2022, 1, 1), date(2023, 12, 31), 182)
    assert short.test == date(2023, 7, 2) and short.train[0] == date(2023, 1, 1) and len(short.train) == 5
    assert min(short.train) >= date(2022, 6, 30)


def test_unseen_ordered_bins_take_the_nearest_seen_weight_and_categories_stay_neutral() -> None:
    names = [f.name for f in FEATURES]
    d, r = names.index("days_since_last"), names.index("relation")
    bins = np.zeros((3, len(FEATURES)), dtype=np.int16)
    bins[:, d] = [0, 1, 3]       # nobody over 90 days ago … but bin 2 and bins 4–5 unseen
    bins[:, r] = [1, 1, 2]
    coef = np.arange(OFFSETS[-1], dtype=float)
    out = fill_unseen(coef.copy(), bins)
    w = out[OFFSETS[d]:OFFSETS[d + 1]]
    base = coef[OFFSETS[d]:OFFSETS[d + 1]]
    assert list(w) == [base[0], base[1], base[1], base[3], base[3], base[3]]   # 2: tie 1|3 → toward its end
    assert list(out[OFFSETS[r]:OFFSETS[r + 1]]) == list(coef[OFFSETS[r]:OFFSETS[r + 1]])


def test_fairness_flags_name_groups_ranked_worse_or_miscalibrated() -> None:
    def group(auc_value: float, predicted: float, rate: float, positives: int = 50) -> dict:
        return {"n": 1000, "positives": positives, "rate": rate, "predicted": predicted,
                "auc_model": {"auc": auc_value}, "auc_hand": None, "brier_model": 0.1}

    v = {"auc": {"model": {"auc": 0.80}}, "groups": {
        "sex:F": group(0.80, 0.10, 0.10), "sex:M": group(0.70, 0.10, 0.10), "age:65+": group(0.81, 0.30, 0.10),
        "age:<18": group(0.50, 0.5, 0.1, positives=5), "sex:unknown": group(0.5, 0.5, 0.1)}}
    flags = {(f["group"], f["kind"]) for f in fairness_flags(v)}
    assert flags == {("sex:M", "auc"), ("age:65+", "calibration")}
