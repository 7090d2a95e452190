"""The model estimated from the records: EM for m, λ by maximum likelihood, the stored model, the
generic comparisons behind the Korean ones, and the guards the estimated weights need."""

from __future__ import annotations

import datetime
import json
import math

import numpy as np
import pandas as pd
import pytest

from resolution import clustering, comparisons, engine, features, model, scoring, training
from resolution.comparisons import Comparison, Level


def _toy(levels: tuple[str, ...]) -> Comparison:
    return Comparison("toy", frozenset({"toy"}), tuple(Level(n, 0.5, 0.5) for n in levels),
                      lambda f, a, b: np.zeros(len(a), np.int8))


def test_em_recovers_m_and_lambda_of_a_known_mixture():
    rng = np.random.default_rng(3)
    comps = [_toy(("agree", "close", "differ")) for _ in range(3)]
    comps = [Comparison(f"c{k}", c.fields, c.levels, c.level_of) for k, c in enumerate(comps)]
    true_m = {"agree": 0.8, "close": 0.15, "differ": 0.05}
    true_u = {"agree": 0.01, "close": 0.04, "differ": 0.95}
    n, lam = 40_000, 0.3
    is_match = rng.random(n) < lam
    levels = {}
    for c in comps:
        pm = [true_m[x] for x in ("agree", "close", "differ")]
        pu = [true_u[x] for x in ("agree", "close", "differ")]
        levels[c.name] = np.where(is_match, rng.choice([1, 2, 3], n, p=pm), rng.choice([1, 2, 3], n, p=pu)).astype(np.int8)
    start = {c.name: {"agree": 0.4, "close": 0.3, "differ": 0.3} for c in comps}
    u = {c.name: true_u for c in comps}
    m, p, got_lam, _ = training._em(levels, comps, start, u)
    assert got_lam == pytest.approx(lam, abs=0.02)
    for c in comps:
        for level, value in true_m.items():
            assert m[c.name][level] == pytest.approx(value, abs=0.02), (c.name, level)
    assert ((p > 0.5) == is_match).mean() > 0.97


def test_lambda_is_estimated_from_candidates_that_blocking_selected():
    # 2,000 records: 1,000 true pairs among ~2 M; candidates = the true pairs plus non-matches
    # blocking happened to select. Each candidate's score is the log2 Bayes factor of its levels.
    rng = np.random.default_rng(5)
    n_records, true_pairs, false_pairs = 2_000, 1_000, 20_000
    total = n_records * (n_records - 1) / 2
    match_scores = rng.normal(14, 4, true_pairs)
    nonmatch_scores = rng.normal(-6, 4, false_pairs)
    # Make the scores exact log Bayes factors of a two-Gaussian model with equal variance.
    def bf(x):  # log2 of N(x; 14, 4) / N(x; -6, 4)
        return ((x + 6) ** 2 - (x - 14) ** 2) / (2 * 16) / math.log(2)
    scores = bf(np.concatenate([match_scores, nonmatch_scores]))
    got = training.estimate_lambda(scores, n_records)
    assert got == pytest.approx(true_pairs / total, rel=0.25)


def _people(n_people: int, seed: int = 1) -> tuple[pd.DataFrame, np.ndarray]:
    """Records of people with distinct names (two to four records each), some fields missing or typed
    differently, for fitting on."""
    rng = np.random.default_rng(seed)
    sur = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"]
    giv = ["민준", "서연", "지호", "하은", "도윤", "수아", "예준", "지우", "시우", "서윤", "주원", "하린"]
    rows, truth = [], []
    for p in range(n_people):
        name = sur[p % 10] + giv[(p // 10) % 12] + ("" if p < 120 else giv[(p // 120) % 12][0])
        born = datetime.date(1935, 1, 1) + datetime.timedelta(days=23 * p)  # one person per date
        y, m, d = born.year, born.month, born.day
        phone = f"010{rng.integers(10_000_000, 99_999_999)}"
        address = f"제주시 연삼로 {p + 1} {100 + p % 9}동 {200 + p % 7}호"
        for _k in range(int(rng.integers(2, 5))):
            masked, year_only, has_phone, has_address = rng.random(4) < (0.3, 0.2, 0.5, 0.7)
            rows.append({"record_id": f"r{len(rows):06d}", "name": name[:1] + "*" + name[2:] if masked else name,
                         "birth": str(y) if year_only else f"{y}-{m:02d}-{d:02d}", "sex": "",
                         "phone": phone if has_phone else "", "address": address if has_address else ""})
            truth.append(p)
    return pd.DataFrame(rows), np.array(truth)


def test_fit_estimates_every_comparison_it_sees_and_stays_a_distribution():
    records, _ = _people(900)
    f = features.build(records)
    a, b, _ = engine.blocking.candidate_pairs(f)
    fitted = training.fit(f, a, b)
    assert fitted.source["name"] == "estimated" and fitted.source["birth"] == "estimated"
    for comp, levels in fitted.levels.items():
        assert sum(m for m, _ in levels.values()) == pytest.approx(1.0, abs=1e-6), comp
        assert all(0 <= m <= 1 and (u is None or 0 < u <= 1) for m, u in levels.values()), comp
    assert fitted.training["sessions"], "at least one blocking key trains"
    # Masked names are common in these records: EM must see it (the prior says 0.03).
    assert fitted.levels["name"]["masked"][0] > 0.1


def test_tiny_inputs_keep_the_priors_and_the_fixed_threshold():
    records, _ = _people(20)
    result = engine.resolve(records, explain=False)
    assert result.model.source == model.PRIORS.source
    assert result.stats["match_threshold"] == engine.MATCH_THRESHOLD


def test_a_fitted_run_sets_its_threshold_from_lambda_and_resolves_the_people():
    records, truth = _people(900)
    result = engine.resolve(records, explain=False)
    lam = result.model.prior
    assert 0 < lam < 1 and result.model.match_threshold == pytest.approx(math.log2((1 - lam) / lam), abs=0.01)
    assert result.stats["match_threshold"] == pytest.approx(result.model.match_threshold, abs=0.01)
    # Records with a visible name and a full date (strong on their own) are one person each; the
    # rest may stay apart (a masked name and a year is weak evidence); no cluster mixes two people.
    strong = ~records["name"].str.contains("*", regex=False) & (records["birth"].str.len() > 4)
    same = pd.Series(result.person_id[strong.to_numpy()]).groupby(truth[strong.to_numpy()]).nunique()
    assert (same == 1).mean() > 0.99
    assert pd.Series(truth).groupby(result.person_id).nunique().max() == 1


def test_the_model_survives_json_and_explains_every_comparison():
    records, _ = _people(900)
    fitted = engine.resolve(records, explain=False).model
    back = model.Model.from_json(fitted.to_json())
    assert back.levels == {c: {lv: tuple(mu) for lv, mu in v.items()} for c, v in fitted.levels.items()}
    assert back.prior == fitted.prior and back.match_threshold == fitted.match_threshold
    assert json.loads(fitted.to_json())["training"]["records"] == len(records)
    for lang in ("ko", "en"):
        text = "\n".join(model.explain(back, lang))
        for comp in comparisons.REGISTRY:
            assert f"\n{comp.name} (" in "\n" + text, (lang, comp.name)
    assert "term frequency" in "\n".join(model.explain(back, "en"))


def _levels(pairs: list[tuple[dict, dict]], comp: str) -> list[str]:
    rows = []
    for left, right in pairs:
        rows += [left, right]
    f = features.build(pd.DataFrame([{"record_id": f"r{i}", **r} for i, r in enumerate(rows)]))
    a = np.arange(0, len(rows), 2)
    s = scoring.score(f, a, a + 1)
    return [scoring.LEVEL_NAMES[comp][x] for x in s.levels[comp]]


def test_generic_name_levels_read_any_script_order_and_typos():
    pairs = [({"name": "ella crouch"}, {"name": "crouch ella"}),
             ({"name": "ella crouch"}, {"name": "ella crouhc"}),
             ({"name": "joel ryan"}, {"name": "emalcene ryan"}),
             ({"name": "Nguyen Van An"}, {"name": "NGUYEN VAN AN"}),
             ({"name": "joel ryan"}, {"name": "mitchell green"}),
             ({"name": "Lee Younghee"}, {"name": "이영희"})]
    assert _levels(pairs, "name") == ["swap", "fuzzy", "token", "exact", "differ", "latin"]


def test_addresses_that_are_not_korean_compare_by_words_and_numbers():
    pairs = [({"address": "46 blackman crescent pacific paradise 3284 sa"},
              {"address": "46 blackman cresent pacific paradise 3284 sa"}),
             ({"address": "46 blackman crescent 3284 sa"}, {"address": "46 macleay street 3284 vic"}),
             ({"address": "46 blackman crescent pacific paradise 3284 sa"},
              {"address": "2 blackman crescent pacific paradise 3284 sa"}),
             ({"address": "46 blackman crescent 3284 sa"}, {"address": "9 conley drive 2144 nsw"})]
    assert _levels(pairs, "address") == ["close", "numbers", "words", "differ"]


def test_a_date_keyed_with_one_wrong_digit_is_its_own_level():
    pairs = [({"birth": "19561108"}, {"birth": "19661108"}), ({"birth": "19561108"}, {"birth": "19740302"})]
    assert _levels(pairs, "birth") == ["digit", "differ"]


def test_a_keying_error_inside_one_month_is_told_from_another_day_of_that_month():
    # Two people born in one month have days one keystroke apart far less often than one person's
    # two records do: a wrong digit or two adjacent digits swapped is "digit", any other day "month".
    pairs = [({"birth": "1985-03-12"}, {"birth": "1985-03-21"}),
             ({"birth": "1985-03-17"}, {"birth": "1985-03-27"}),
             ({"birth": "1985-03-02"}, {"birth": "1985-03-25"}),
             ({"birth": "1985-03-17"}, {"birth": "1985-08-17"}),
             ({"birth": "1985-03-02"}, {"birth": "1986-03-02"}),
             ({"birth": "1985-03-02"}, {"birth": "1985-02-03"})]
    assert _levels(pairs, "birth") == ["digit", "digit", "month", "digit", "near", "swap"]


def test_twins_names_one_syllable_apart_count_birth_date_phone_and_address_once():
    # Siblings share a generation syllable; twins share the birth date too. Two full names one whole
    # syllable apart do not speak for one person, so the date, phone and address count once.
    twin_a = {"name": "김민준", "birth": "2010-02-02", "phone": "010-5943-5380", "address": "제주시 평화로 45 112동 602호"}
    twin_b = {"name": "김현준", "birth": "2010-02-02", "phone": "01059435380", "address": "제주시 평화로 45 112-602"}
    masked = {"name": "김*준", "birth": "2010-02-02", "phone": "01059435380", "address": "제주시 평화로 45 112-602"}
    rows = [twin_a, twin_b, twin_a, masked]
    f = features.build(pd.DataFrame([{"record_id": f"r{i}", **r} for i, r in enumerate(rows)]))
    s = scoring.score(f, np.array([0, 2]), np.array([1, 3]))
    assert [scoring.LEVEL_NAMES["name"][x] for x in s.levels["name"]] == ["syllable", "masked"]
    assert scoring.LEVEL_NAMES["household"][s.levels["household"][0]] == "overlap"
    family = [float(s.weights[k][0]) for k in ("birth", "phone", "address")]
    assert float(s.weights["household"][0]) == pytest.approx(max(family) - sum(family), abs=1e-4)
    assert s.levels["household"][1] == 0  # a masked name with the same date is still the person


def test_phone_and_address_count_once_when_name_and_birth_date_both_differ():
    parent = {"name": "김정민", "birth": "1975-01-04", "phone": "010-5943-5380", "address": "제주시 평화로 45 112동 602호"}
    child = {"name": "김민준", "birth": "2010-02-02", "phone": "01059435380", "address": "제주시 평화로 45 112-602"}
    same = {"name": "김정민", "birth": "1975", "phone": "010-5943-5380", "address": "제주시 평화로 45 112동 602호"}
    rows = [parent, child, parent, same]
    f = features.build(pd.DataFrame([{"record_id": f"r{i}", **r} for i, r in enumerate(rows)]))
    s = scoring.score(f, np.array([0, 2]), np.array([1, 3]))
    assert scoring.LEVEL_NAMES["household"][s.levels["household"][0]] == "overlap"
    assert s.weights["household"][0] == pytest.approx(-min(s.weights["phone"][0], s.weights["address"][0]))
    assert s.levels["household"][1] == 0 and s.weights["household"][1] == 0
    assert s.score[0] == pytest.approx(sum(float(w[0]) for w in s.weights.values()), abs=1e-4)
    assert s.score[0] < engine.MATCH_THRESHOLD


def test_the_date_guard_splits_chains_but_not_dates_a_link_vouches_for():
    by = np.array([1980, 0, 1985, 1956, 1957, 1956], np.int16)
    bm = np.array([1, 0, 3, 4, 4, 4], np.int8)
    bd = np.array([1, 0, 3, 9, 9, 19], np.int8)
    sex = np.zeros(6, np.int8)
    # 0 - 1 - 2: a chain through a record without a date; 3 - 4 and 3 - 5: one person's re-keyed dates.
    a, b = np.array([0, 1, 3, 3]), np.array([1, 2, 4, 5])
    labels, stats = clustering.cluster(6, a, b, np.array([20.0, 19.0, 15.0, 14.0], np.float32), by, bm, bd, sex)
    assert labels[0] == labels[1] != labels[2]
    assert labels[3] == labels[4] == labels[5]
    assert stats["refused_links"] == 1


def test_the_model_and_the_people_do_not_depend_on_the_order_records_arrive_in():
    records, _ = _people(900)
    shuffled = records.sample(frac=1.0, random_state=7).reset_index(drop=True)
    first = engine.resolve(records, explain=False)
    second = engine.resolve(shuffled, explain=False)
    assert first.model.to_json() == second.model.to_json()
    by_id = dict(zip(shuffled["record_id"], second.person_id, strict=True))
    assert [by_id[r] for r in records["record_id"]] == list(first.person_id)
