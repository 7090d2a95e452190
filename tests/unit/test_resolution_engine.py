"""Blocking, vectorised scoring, clustering guard and the engine on hand-written records."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from resolution import blocking, clustering, dates, engine, features, names, phones, scoring
from values import dates as date_values
from values import phones as phone_values

# Hand-written records: truth in `who`.
ROWS = [
    # who, name, birth, sex, phone, address, agency, client_ref
    ("A", "김영희", "1985-03-02", "여", "010-1234-5678", "제주특별자치도 제주시 연삼로 123, 101동 202호", "", ""),
    ("A", "김 영희", "850302", "F", "01012345678", "제주 제주시 연삼로 123 101-202", "", ""),
    ("A", "김*희", "1985.3.2", "", "010-****-5678", "", "", ""),
    ("A", "Kim Younghee", "1985-02-03", "F", "+82-10-1234-5678", "", "S-01", "C1"),  # Latin, day-month swap
    ("A", "김영히", "1985", "", "", "", "S-01", "C1"),  # typo, year only, same client number
    ("B", "김영희", "1990-07-15", "여", "010-9999-1111", "제주시 노형동 925", "", ""),  # namesake
    ("B", "김영희", "1990.7.15", "", "010 9999 1111", "", "", ""),
    ("C", "박철수", "1970-01-20", "남", "010-5555-2222", "제주시 이도이동 1234-5", "", ""),
    ("C", "Park Chulsoo", "700120", "M", "", "", "", ""),
    ("D", "박철수", "1970-01-21", "남", "010-7777-3333", "서귀포시 중앙로 5", "", ""),  # near namesake
]


def _records() -> pd.DataFrame:
    df = pd.DataFrame(ROWS, columns=["who", "name", "birth", "sex", "phone", "address", "agency_id", "client_ref"])
    df.insert(0, "record_id", [f"r{i:02d}" for i in range(len(df))])
    return df


def test_engine_resolves_hand_written_people():
    df = _records()
    result = engine.resolve(df)
    groups = pd.Series(result.person_id).groupby(df["who"]).nunique()
    assert (groups == 1).all(), "each true person is one cluster"
    assert pd.Series(df["who"]).groupby(result.person_id).nunique().max() == 1, "no two people merged"
    # deterministic id: hash of the smallest record id
    assert result.person_id[0] == engine.person_id_of(["r00", "r01", "r02", "r03", "r04"])
    persons = result.persons.set_index("person_id")
    a = persons.loc[result.person_id[0]]
    assert (a["name"], a["birth_date"], a["sex"], a["phone"]) == ("김영희", "1985-03-02", "F", "01012345678")


def test_evidence_names_the_fields_that_agreed():
    result = engine.resolve(_records())
    import json
    ev = json.loads(result.evidence[1])
    assert ev["matched_with"] in {"r00", "r02", "r03", "r04"}
    assert ev["score"] >= engine.MATCH_THRESHOLD
    assert ev["fields"]["name"][0] in ("exact", "latin", "masked") and "birth" in ev["fields"]
    assert result.method[4] == "client_ref" or json.loads(result.evidence[4])["fields"]["client_ref"][0] == "same"


def test_split_and_confirm_decisions_win():
    df = _records()
    split = engine.resolve(df, [engine.Decision("r05", "r06", "split")])
    assert split.person_id[5] != split.person_id[6]
    confirm = engine.resolve(df, [engine.Decision("r07", "r09", "confirm")])
    assert confirm.person_id[7] == confirm.person_id[9]
    assert confirm.method[9] in ("review", "fellegi-sunter")


def test_vectorised_levels_match_scalar_comparisons():
    df = _records()
    f = features.build(df)
    n = len(df)
    a, b = np.triu_indices(n, 1)
    s = scoring.score(f, a.astype(np.int64), b.astype(np.int64))
    for k, (i, j) in enumerate(zip(a, b, strict=True)):
        nl = names.compare(names.normalise(df.name[i]), names.normalise(df.name[j]))
        got = scoring.NAME_LEVELS[s.levels["name"][k]]
        assert got == nl or (nl == "differ" and got == "syllable"), (i, j, got, nl)
        bl = dates.compare(date_values.parse_birth(df.birth[i]), date_values.parse_birth(df.birth[j]))
        assert scoring.BIRTH_LEVELS[s.levels["birth"][k]] == bl, (i, j)
        pa, pb = (phone_values.identifying(phone_values.normalise(df.phone[x])) for x in (i, j))
        pl = phones.compare(pa, pb)
        assert scoring.PHONE_LEVELS[s.levels["phone"][k]] == pl, (i, j)


def test_term_frequency_makes_common_names_weaker():
    # 40 of 400 records are 김민준; 좌은솔 appears twice; the rest are distinct names.
    filler = [(f"가{chr(0xAC00 + 600 + i)}{chr(0xAC00 + 900 + i)}", "1990") for i in range(358)]
    rows = [("김민준", "1990")] * 40 + [("좌은솔", "1990"), ("좌은솔", "1990")] + filler
    df = pd.DataFrame(rows, columns=["name", "birth"])
    df.insert(0, "record_id", [f"r{i:02d}" for i in range(len(df))])
    f = features.build(df)
    s = scoring.score(f, np.array([0, 40]), np.array([1, 41]))
    # log2(m/u) with m = 0.85 and u = the name's share of records, capped at 0.02 (scoring.TF_CAP)
    assert s.weights["name"][0] == pytest.approx(np.log2(0.85 / 0.02), abs=1e-3)
    assert s.weights["name"][1] == pytest.approx(np.log2(0.85 / (2 / 400)), abs=1e-3)


def test_blocking_pairs_are_unique_and_sub_quadratic():
    key = np.array([1, 1, 1, 2, 2, -1, 3])
    left, right, skipped = blocking.pairs_from_key(key)
    assert sorted(zip(left.tolist(), right.tolist(), strict=True)) == [(0, 1), (0, 2), (1, 2), (3, 4)]
    assert skipped == 0
    _, _, skipped = blocking.pairs_from_key(np.zeros(10, dtype=np.int64), max_block=5)
    assert skipped == 1
    f = features.build(_records())
    a, b, _ = blocking.candidate_pairs(f)
    assert len(set(zip(a.tolist(), b.tolist(), strict=True))) == len(a) and (a < b).all()


def test_clustering_guard_refuses_chain_across_conflicting_birth_dates():
    # 0-1 and 1-2 link; 0 and 2 have different full birth dates; record 1 has only a year.
    by = np.array([1985, 1985, 1985], dtype=np.int16)
    bm = np.array([3, 0, 7], dtype=np.int8)
    bd = np.array([2, 0, 9], dtype=np.int8)
    sex = np.zeros(3, dtype=np.int8)
    labels, stats = clustering.cluster(3, np.array([0, 1]), np.array([1, 2]), np.array([20.0, 15.0]),
                                       by, bm, bd, sex)
    assert labels[0] == labels[1] != labels[2]
    assert stats["refused_links"] == 1


def test_clustering_cannot_link_and_must_link():
    z = np.zeros(4, dtype=np.int16)
    labels, _ = clustering.cluster(4, np.array([0, 1]), np.array([1, 2]), np.array([20.0, 20.0]), z,
                                   z.astype(np.int8), z.astype(np.int8), z.astype(np.int8),
                                   must=[(2, 3)], cannot=[(0, 2)])
    assert labels[2] == labels[3]
    assert labels[0] != labels[2]


def test_threaded_scoring_equals_one_thread(monkeypatch):
    # Large inputs are scored in slices on threads; the slices must reassemble into the same result.
    f = features.build(_records())
    a, b = (x.astype(np.int64) for x in np.triu_indices(f.n, 1))
    one = scoring.score(f, a, b, workers=1)
    monkeypatch.setattr(scoring, "PARALLEL_MIN", 1)
    three = scoring.score(f, a, b, workers=3)
    assert np.array_equal(one.score, three.score)
    for comp in one.levels:
        assert np.array_equal(one.levels[comp], three.levels[comp]), comp
        assert np.array_equal(one.weights[comp], three.weights[comp]), comp


def test_streamed_scoring_gives_the_same_people_as_scoring_every_candidate(monkeypatch):
    """Above STREAM_ABOVE records, pairs are scored key by key and only those ≥ the review threshold
    kept (memory for the national scale); on the same records and the same model both paths must give
    the same people, scores, evidence and review pairs. (The streamed path fits its model on a sample
    of records; here both are given the model the whole path fitted.)"""
    from bench.er_records import generate

    records = generate(30_000, seed=11)
    fitted = engine.resolve(records, explain=False).model
    whole = engine.resolve(records, model=fitted)
    monkeypatch.setattr(engine, "STREAM_ABOVE", 1_000)
    monkeypatch.setattr(engine, "SCORE_CHUNK", 7_919)  # many chunks, and a prime: chunk edges fall anywhere
    streamed = engine.resolve(records, model=fitted)
    assert whole.stats["links"] > 1_000                       # a test over real linking, not singletons
    assert streamed.stats["blocking"]["scored_pairs"] > streamed.stats["candidate_pairs"]  # filtering happened
    assert (streamed.person_id == whole.person_id).all()
    assert np.array_equal(streamed.score, whole.score)
    assert list(streamed.method) == list(whole.method) and streamed.evidence == whole.evidence
    assert streamed.stats["match_threshold"] == whole.stats["match_threshold"] == round(fitted.match_threshold, 2)
    pd.testing.assert_frame_equal(streamed.review_pairs.reset_index(drop=True),
                                  whole.review_pairs.reset_index(drop=True))


def test_pair_batches_give_exactly_the_pairs_of_the_key():
    rng = np.random.default_rng(5)
    key = rng.integers(-1, 300, 20_000)             # groups of ~66 records, and records without a key
    only = rng.random(20_000) < 0.3
    for o in (None, only):
        a, b, skipped = blocking.pairs_from_key(key, 70, o)
        batches = list(blocking.pair_batches(key, 70, o, budget=997))
        assert len(batches) > 10
        got_a = np.concatenate([x[0] for x in batches])
        got_b = np.concatenate([x[1] for x in batches])
        assert sorted(zip(got_a.tolist(), got_b.tolist(), strict=True)) == \
            sorted(zip(a.tolist(), b.tolist(), strict=True))
        assert sum(x[2] for x in batches) == skipped and skipped > 0


def test_evidence_text_is_what_json_dumps_writes():
    """Evidence is assembled from parts for speed (10 M pairs at the national scale); it must be the
    very text json.dumps writes of the same dict, for records and for review pairs."""
    import json

    from bench.er_records import generate

    records = generate(20_000, seed=3)
    f = features.build(records)
    a, b, _ = blocking.candidate_pairs(f)
    s = scoring.score(f, a, b)
    ks = np.r_[np.arange(0, len(a), 7), len(a) - 1]
    assert scoring.evidence_json(s, ks) == [json.dumps(scoring.evidence(s, int(k)), ensure_ascii=False)
                                            for k in ks.tolist()]
    assert scoring.evidence_json(s, np.zeros(0, np.int64)) == []
    result = engine.resolve(records)
    linked = [e for e, m in zip(result.evidence, result.method, strict=True) if m != "singleton"]
    assert len(linked) > 5_000
    for text in linked + result.review_pairs["evidence"].tolist():
        parsed = json.loads(text)
        assert json.dumps(parsed, ensure_ascii=False) == text
    first = json.loads(linked[0])
    assert list(first) == ["matched_with", "score", "fields"] and first["fields"]
    assert all(e == "{}" for e, m in zip(result.evidence, result.method, strict=True) if m == "singleton")


@pytest.mark.parametrize("max_block", [blocking.MAX_BLOCK, 12])
def test_pairs_by_key_makes_each_candidate_once(max_block):
    """The streamed path scores what `pairs_by_key` yields: every pair some key makes (the same set
    `candidate_pairs` gives), each exactly once, even where a group is too large for one key."""
    from bench.er_records import generate

    f = features.build(generate(20_000, seed=5))
    a_all, b_all, stats = blocking.candidate_pairs(f, max_block)
    got = [(a, b) for _, a, b, _ in blocking.pairs_by_key(f, max_block)]
    a = np.concatenate([x[0] for x in got])
    b = np.concatenate([x[1] for x in got])
    code = a * f.n + b
    assert len(np.unique(code)) == len(code), "a pair came twice"
    assert np.array_equal(np.sort(code), a_all * f.n + b_all)
    made = sum(s["pairs"] for k, s in stats.items() if k != "unique_pairs")
    assert made > len(code) * 1.2          # keys overlap: the test would pass without dropping anything otherwise
    if max_block == 12:
        assert sum(s["skipped_blocks"] for k, s in stats.items() if k != "unique_pairs") > 0


def test_smallest_record_id_per_cluster_is_pythons_min():
    rng = np.random.default_rng(5)
    ids = np.array([rng.choice(["call_persons", "services", "서비스", "a"]) + f":{rng.integers(10**6)}:{i}"
                    for i in range(3_000)], dtype=object)
    group, _ = pd.factorize(rng.integers(0, 700, len(ids)))
    want = [min(ids[group == g].tolist()) for g in range(group.max() + 1)]
    assert engine._smallest_per(group, ids).tolist() == want
    assert engine._smallest_per(np.zeros(0, np.int64), np.zeros(0, dtype=object)).tolist() == []


def test_number_texts_are_the_rounded_reprs_of_each_value():
    values = np.array([0.0, -0.0, 1.005, -3.14159, 12.0, 1e-7, 7.499999, 1.005, np.inf], dtype=np.float32)
    assert scoring.number_texts(values).tolist() == [repr(round(v, 2)) for v in values.tolist()]
    assert scoring.number_texts(np.zeros(0, np.float32)).tolist() == []


def test_person_birth_dates_keep_each_records_date():
    records = _records()
    result = engine.resolve(records)
    a = result.persons.set_index("person_id").loc[result.person_id[0]]
    assert a["birth_date"] == "1985-03-02"
    d = result.persons.set_index("person_id").loc[result.person_id[9]]
    assert (d["birth_date"], d["birth_year"]) == ("1970-01-21", 1970)
