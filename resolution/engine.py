"""People resolution end to end on a table of person records (no database): features → blocking →
scoring → clustering → canonical people with evidence. `graph_io` and `resolve-file` wrap this."""

from __future__ import annotations

import copy
import hashlib
import json
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from resolution import blocking, clustering, dates, features, scoring, training
from resolution.model import PRIORS, Model

# Thresholds when the model is not estimated (inputs under training.MIN_RECORDS, or a given model
# without them): log2 likelihood ratio ≥ MATCH_THRESHOLD links two records up to SCALE_BASE records;
# larger inputs raise it by log2(n / SCALE_BASE), see match_threshold_for. An estimated model sets its
# own from λ (training.calibrate), kept within GUARD of this rule.
MATCH_THRESHOLD = 12.0
SCALE_BASE = 50_000
REVIEW_THRESHOLD = 8.0  # [review, match) with compatible names: kept for an analyst to decide
REVIEW_BAND = MATCH_THRESHOLD - REVIEW_THRESHOLD
GUARD = (-4.0, 8.0)

FIT_SAMPLE = 300_000  # above STREAM_ABOVE the model is fitted on a random sample of this many records
# Above this many records, candidate pairs are scored key by key and only those ≥ the review
# threshold are kept (`_streamed_pairs`): at 3 M records all candidates together were 104 M pairs
# and 11.8 GB; at the national 5.9 M the whole-set path ran out of this machine's 23 GB.
STREAM_ABOVE = 1_500_000
SCORE_CHUNK = 5_000_000


@dataclass
class Decision:
    record_a: str
    record_b: str
    decision: str  # confirm | split


@dataclass
class Result:
    person_id: np.ndarray  # per record
    score: np.ndarray  # per record: the score of its best link inside its cluster (0 for singletons)
    method: np.ndarray  # per record: fellegi-sunter | client_ref | review | singleton
    evidence: list[str]  # per record: JSON
    review_pairs: pd.DataFrame  # record_a, record_b, score, evidence (grey zone, different clusters)
    persons: pd.DataFrame  # person_id, name, birth_date, sex, phone, records
    stats: dict = field(default_factory=dict)
    model: Model | None = None  # the model the run used (estimated, or given)


def match_threshold_for(n: int, base: float = MATCH_THRESHOLD) -> float:
    """The prior odds that two records are one person fall as 1/n, so the evidence needed rises by
    log2 of the input's growth (Fellegi–Sunter's λ); measured on the benchmark in the docs."""
    return base + max(0.0, float(np.log2(max(n, 1) / SCALE_BASE)))


def _thresholds(model: Model, n: int, match: float | None, review: float | None) -> tuple[float, float]:
    """(match, review) thresholds: given ones win; then the model's own, within GUARD of the rule for
    unestimated models; else that rule."""
    rule = match_threshold_for(n)
    if match is None:
        match = rule if model.match_threshold is None else float(
            np.clip(model.match_threshold, rule + GUARD[0], rule + GUARD[1]))
    if review is None:
        # The grey band keeps its width below the match threshold, which rises with the input: at
        # 5.9 M records a fixed 8.0 put hundreds of millions of weak pairs up for review.
        review = match - REVIEW_BAND
    model.match_threshold, model.review_threshold = round(match, 2), round(review, 2)
    return match, review


def _fit_on_sample(f: features.Features) -> Model:
    """Above STREAM_ABOVE records all candidate pairs never exist at once: the model is fitted and
    calibrated on a random sample of records (λ, the chance that two random records are one person,
    is the same in a random sample of records as in the whole)."""
    rng = np.random.default_rng(0)
    order = training.by_record_id(f)  # the sample must not depend on the order records arrive in
    sub = features.subset(f, np.sort(order[rng.choice(f.n, min(FIT_SAMPLE, f.n), replace=False)]))
    a, b, _ = blocking.candidate_pairs(sub)
    model = training.fit(sub, a, b)
    model.training["sample_of"] = f.n
    return training.calibrate(model, scoring.score(sub, a, b, model), sub.n, REVIEW_BAND)


def person_id_of(record_ids: list[str]) -> str:
    return "P-" + hashlib.sha1(min(record_ids).encode("utf-8")).hexdigest()[:12]


def resolve(records: pd.DataFrame, decisions: list[Decision] | None = None,
            match_threshold: float | None = None, review_threshold: float | None = None,
            model: Model | None = None, with_persons: bool = True,
            explain: bool = True) -> Result:
    """Resolve `records` (columns of `features.FIELDS`) into people. `explain=False` skips the
    per-record evidence JSON and review pairs (for files and benchmarks)."""
    t0 = time.perf_counter()
    f = features.build(records)
    t1 = time.perf_counter()
    model = copy.copy(model) if model is not None else None  # thresholds are set on it below
    if f.n <= STREAM_ABOVE:
        a, b, block_stats = blocking.candidate_pairs(f)
        t2 = time.perf_counter()
        model = model or training.fit(f, a, b)
        t_fit = time.perf_counter() - t2
        s = scoring.score(f, a, b, model)
        if model.match_threshold is None and model.source != PRIORS.source:
            t_cal = time.perf_counter()
            training.calibrate(model, s, f.n, REVIEW_BAND)
            t_fit += time.perf_counter() - t_cal
        match_threshold, review_threshold = _thresholds(model, f.n, match_threshold, review_threshold)
    else:
        t_fit = time.perf_counter()
        model = model or _fit_on_sample(f)
        t_fit = time.perf_counter() - t_fit
        match_threshold, review_threshold = _thresholds(model, f.n, match_threshold, review_threshold)
        a, b, s, block_stats = _streamed_pairs(f, model, min(review_threshold, match_threshold))
        t2 = time.perf_counter()
    t3 = time.perf_counter()
    # Only analyst decisions need record ids → indices (a million-entry dict costs about a second).
    index = {rid: i for i, rid in enumerate(f.record_id.tolist())} if decisions else {}
    must, cannot = [], []
    for d in decisions or []:
        if d.record_a in index and d.record_b in index:
            pair = (index[d.record_a], index[d.record_b])
            (must if d.decision == "confirm" else cannot).append(pair)
    link = s.score >= match_threshold
    labels, cstats = clustering.cluster(f.n, a[link], b[link], s.score[link], f.by, f.bm, f.bd, f.sex,
                                        must=must, cannot=cannot)
    t4 = time.perf_counter()
    stats = {"records": f.n, "match_threshold": round(match_threshold, 2), "candidate_pairs": int(len(a)), "links": int(link.sum()), "blocking": block_stats,
             "clustering": cstats, "seconds": {"features": round(t1 - t0, 2), "blocking": round(t2 - t1, 2),
                                                "scoring": round(t3 - t2, 2), "clustering": round(t4 - t3, 2),
                                                "training (in scoring)": round(t_fit, 2)}}
    # Person ids: hash of the smallest record_id of each cluster (per cluster, mapped back by index).
    cluster, _ = pd.factorize(labels)
    smallest = _smallest_per(cluster, f.record_id.astype(str).astype(object)).tolist()
    pid_u = np.array([person_id_of([v]) for v in smallest], dtype=object)
    person_id = pid_u[cluster] if len(cluster) else np.zeros(0, dtype=object)
    rec_score, method, evid = _best_links(f, s, labels, must, explain, match_threshold)
    same = labels[a] == labels[b]
    name_ok = s.levels["name"] != scoring.NAME_LEVELS.index("differ")
    grey = np.flatnonzero((s.score >= review_threshold) & ~same & name_ok) if explain else np.zeros(0, np.int64)
    refused = np.flatnonzero(link & ~same) if explain else grey  # refused by the chaining guard
    grey = np.union1d(grey, refused)
    review = pd.DataFrame({
        "record_a": f.record_id[a[grey]], "record_b": f.record_id[b[grey]],
        "score": np.round(s.score[grey].astype(float), 2),
        "evidence": scoring.evidence_json(s, grey)})
    persons = _persons(f, person_id) if with_persons else pd.DataFrame()
    stats["persons"] = int(len(pid_u))
    stats["review_pairs"] = int(len(review))
    stats["seconds"]["total"] = round(time.perf_counter() - t0, 2)
    return Result(person_id=person_id, score=rec_score, method=method, evidence=evid, review_pairs=review,
                  persons=persons, stats=stats, model=model)


def _streamed_pairs(f: features.Features, model: Model, floor: float
                   ) -> tuple[np.ndarray, np.ndarray, scoring.Scored, dict]:
    """Candidate pairs scored key by key and chunk by chunk, keeping only those scoring ≥ `floor`
    (the review threshold): memory follows the kept pairs, not the candidates. The answer is the
    same as scoring every candidate: a record joins a cluster only through a link ≥ the match
    threshold, grey pairs are ≥ the review threshold, and a record's evidence is its best pair in
    its cluster, which is at least its link. (Only the score shown for a record an analyst
    confirmed with no pair ≥ the review threshold becomes 0 instead of that weak pair's score.)"""
    lefts, rights, stats, candidates = [], [], {}, 0
    for name, a, b, skipped in blocking.pairs_by_key(f):
        kept = 0
        for lo in range(0, len(a), SCORE_CHUNK):
            sa, sb = a[lo:lo + SCORE_CHUNK], b[lo:lo + SCORE_CHUNK]
            keep = scoring.score(f, sa, sb, model).score >= floor
            lefts.append(sa[keep])
            rights.append(sb[keep])
            kept += int(keep.sum())
        st = stats.setdefault(name, {"pairs": 0, "kept": 0, "skipped_blocks": 0})
        st["pairs"] += int(len(a))
        st["kept"] += kept
        st["skipped_blocks"] += skipped
        candidates += len(a)
    a, b = blocking.unique_pairs(lefts, rights, f.n)
    stats["scored_pairs"] = int(candidates)
    stats["unique_pairs"] = int(len(a))
    return a, b, scoring.score(f, a, b, model), stats


def _smallest_per(group: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The smallest value of each group 0..k-1 (`group` as pd.factorize codes it): one stable sort by
    group and a C loop of comparisons. pandas' groupby(...).min() on strings calls Python once per
    group: 1.6 M people took over a minute at the national scale."""
    if not len(group):
        return np.zeros(0, dtype=object)
    order = np.argsort(group, kind="stable")
    sorted_group = group[order]
    starts = np.flatnonzero(np.r_[True, sorted_group[1:] != sorted_group[:-1]])
    return np.minimum.reduceat(values[order], starts)


def _best_links(f: features.Features, s: scoring.Scored, labels: np.ndarray,
                must: list[tuple[int, int]], explain: bool = True, match_threshold: float = MATCH_THRESHOLD
                ) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """For each record, the strongest scored pair inside its cluster: that is its evidence."""
    n = f.n
    best = np.full(n, -1, dtype=np.int64)
    same = np.flatnonzero(labels[s.left] == labels[s.right])
    if len(same):
        rec = np.concatenate([s.left[same], s.right[same]])
        k = np.concatenate([same, same])
        order = np.lexsort((np.concatenate([s.score[same], s.score[same]]), rec))  # by record, then score
        rec_sorted = rec[order]
        last = np.r_[rec_sorted[1:] != rec_sorted[:-1], True]  # each record's highest score (ties: last)
        best[rec_sorted[last]] = k[order[last]]
    score = np.zeros(n, dtype=np.float32)
    method = np.full(n, "singleton", dtype=object)
    evid = ["{}"] * n
    confirmed = {i for pair in must for i in pair}
    has = best >= 0
    score[has] = s.score[best[has]]
    method[has] = np.where(s.levels["client_ref"][best[has]] == 1, "client_ref", "fellegi-sunter")
    if explain and has.any():
        # The text json.dumps({"matched_with", "score", "fields"}, ensure_ascii=False) would write,
        # assembled from parts (5.9 M records at the national scale).
        rec = np.flatnonzero(has)
        k = best[rec]
        other = np.where(s.left[k] == rec, s.right[k], s.left[k])
        quoted = np.array([_json_text(str(r)) for r in f.record_id[other].tolist()], dtype=object)
        texts = np.full(n, "{}", dtype=object)
        texts[rec] = ('{"matched_with": ' + quoted + ', "score": ' + scoring.number_texts(s.score[k])
                      + ', "fields": ' + scoring.evidence_texts(s, k) + "}")
        evid = texts.tolist()
    for i in confirmed:
        if method[i] == "singleton" or score[i] < match_threshold:  # linked by the analyst, not the score
            method[i] = "review"
            evid[i] = json.dumps({"decision": "confirm"}, ensure_ascii=False)
    return score, method, evid


def _json_text(value: str) -> str:
    """json.dumps(value, ensure_ascii=False) of a string."""
    return json.encoder.encode_basestring(value)


def _mode_per(ids: pd.Series, values: pd.Series) -> pd.Series:
    """The most frequent non-empty value per id (ties: the smallest value), vectorised."""
    df = pd.DataFrame({"id": ids.to_numpy(), "v": values.to_numpy()}).dropna()
    df = df[df["v"].astype(str) != ""]
    counts = df.value_counts(["id", "v"]).reset_index(name="n")
    counts = counts.sort_values(["id", "n", "v"], ascending=[True, False, True], kind="stable")
    return counts.drop_duplicates("id").set_index("id")["v"]


def _persons(f: features.Features, person_id: np.ndarray) -> pd.DataFrame:
    """Best-evidence values per person: the most frequent visible Hangul name, full birth date, sex,
    and unmasked phone among its records."""
    good_name = np.where(~f.masked & ~f.latin & (f.name_code >= 0), f.name_norm, None)
    any_name = np.where(f.name_code >= 0, f.name_norm, None)
    # One text per distinct date (5.9 M records at the national scale share a few thousand).
    ymd, distinct = pd.factorize(f.by.astype(np.int64) * 10_000 + f.bm.astype(np.int64) * 100 + f.bd)
    birth = np.array([dates.iso((v // 10_000, v // 100 % 100, v % 100)) for v in distinct.tolist()],
                     dtype=object)[ymd] if f.n else np.zeros(0, dtype=object)
    year = np.where(f.by > 0, f.by, 0)
    df = pd.DataFrame({"person_id": person_id, "good_name": good_name, "any_name": any_name, "birth": birth,
                       "year": year, "sex": np.select([f.sex == 1, f.sex == 2], ["M", "F"], None),
                       "phone": np.where(f.phone_code >= 0, f.phone, None)})
    g = df.groupby("person_id", sort=True)
    out = pd.DataFrame({"records": g.size(), "birth_year": g["year"].max()})
    pid = df["person_id"]
    out["name"] = _mode_per(pid, df["good_name"]).reindex(out.index)
    out["name"] = out["name"].fillna(_mode_per(pid, df["any_name"]).reindex(out.index))
    for col, src in (("birth_date", "birth"), ("sex", "sex"), ("phone", "phone")):
        out[col] = _mode_per(pid, df[src]).reindex(out.index)
    out = out.reset_index()[["person_id", "name", "birth_date", "birth_year", "sex", "phone", "records"]]
    return out
