"""Estimating the Fellegi–Sunter model from the records being resolved (no labels).

- **u by random sampling**: levels of random record pairs (almost all two different people), each
  level's share; then corrected for the few random pairs that are one person, once λ is known.
- **m by expectation-maximisation** on the candidate pairs, in sessions as splink trains: the pairs
  one blocking key made agree on that key's fields by construction, so each session estimates only
  the comparisons its key does not touch (pairs sharing a phone say how often one person's two
  records carry the same name; pairs sharing a name cannot). A comparison's m is the average over the
  sessions that estimated it, weighted by their expected matches.
- **Priors as the start and as a guard**: EM starts from the registry's m; the estimate is blended
  with it as `PRIOR_PAIRS` pseudo-matches, so a tiny input (or a level no pair reached) keeps the prior.
- **λ** (the probability that two random records are one person) by maximum likelihood on the scored
  candidate pairs, accounting for the pairs being selected by blocking; the match threshold is where
  the posterior is one half: log2((1 − λ) / λ).
Term frequencies (exact names, dates, addresses) stay per value: the scorer computes their u per pair.
"""

from __future__ import annotations

import math

import numpy as np

from resolution import blocking, scoring
from resolution.comparisons import REGISTRY, Comparison
from resolution.features import Features
from resolution.model import PRIORS, Model

MIN_RECORDS = 1_000  # below this the priors are used as they are
RANDOM_PAIRS = 300_000  # FEBRL2/3 gave the same F1 with 1M (docs/entity-resolution.md)
TRAIN_PAIRS = 1_000_000  # candidate pairs sampled for EM
SESSION_PAIRS = 200_000  # pairs of one key EM reads (more change the estimates in the third decimal)
MIN_SESSION = 200  # a key needs this many pairs to be a training session
PRIOR_PAIRS = 50.0  # weight of the prior m, in expected matches
ITERATIONS = 30
# The blocking keys EM trains on. A session's pairs must share something that only one person
# has, or EM's "same" class becomes "same family": keys a family shares are left out — a phone (a
# child is recorded with a parent's number), a surname with a phone, the call (victim and suspect
# of one call share an address and often a surname) — and so are a name alone or with a year
# (namesakes). Measured on the second generator's records (3,003): with those sessions the "differ"
# levels' m came out at 0.12 (name) and 0.10 (birth), precision 0.957; without them 0.07 and 0.017,
# precision 0.989 (recall 0.974 and 0.972).
TRAINING_KEYS = ("initial+birth", "name+year+month", "phone4+year", "client_ref", "name+building", "name+numbers",
                 "birth+building", "birth+numbers", "token+birth", "token+numbers", "birth+number")
U_FLOOR = 1e-7


def _normalised(values: dict[str, float]) -> dict[str, float]:
    total = sum(values.values()) or 1.0
    return {k: v / total for k, v in values.items()}


def _level_shares(levels: np.ndarray, comp: Comparison, weights: np.ndarray | None = None) -> tuple[
        dict[str, float], float]:
    """Share of each non-missing level (weighted), and the total weight of non-missing pairs."""
    k = len(comp.level_names)
    counts = np.bincount(levels, weights=weights, minlength=k).astype(np.float64)
    total = float(counts[1:].sum())
    names = comp.level_names
    return {names[c]: (counts[c] / total if total else 0.0) for c in range(1, k)}, total


def by_record_id(f: Features) -> np.ndarray:
    """Record indices in record-id order. Every random choice training makes is made in this order,
    so the model does not depend on the order records arrive in (a graph read and the rows of a bulk
    import give the same records in different orders, and must give the same graph)."""
    return np.argsort(f.record_id.astype(str), kind="stable")


def canonical_sample(f: Features, a: np.ndarray, b: np.ndarray, order: np.ndarray, limit: int
                     ) -> tuple[np.ndarray, np.ndarray]:
    """At most about `limit` of the pairs, chosen and sorted by their records' places in record-id
    order, so neither depends on the order records arrive in. The choice is a hash of the pair's
    places (one pass, no sort of all 17 M candidates at a million records)."""
    rank = np.empty(f.n, dtype=np.int64)
    rank[order] = np.arange(f.n)
    ra, rb = rank[a], rank[b]
    key = (np.minimum(ra, rb) * np.int64(f.n) + np.maximum(ra, rb)).astype(np.uint64)
    if len(key) > limit:
        keep = _mix(key) < np.uint64(int(limit / len(key) * 2**64))
        a, b, key = a[keep], b[keep], key[keep]
    s = np.argsort(key, kind="stable")
    return a[s], b[s]


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: a well-spread 64-bit hash of each value."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def sample_random(f: Features, pairs: int | None = None, seed: int = 0) -> dict[str, np.ndarray]:
    """Every comparison's levels on random record pairs."""
    rng = np.random.default_rng(seed)
    pairs = pairs or RANDOM_PAIRS
    order = by_record_id(f)
    a = order[rng.integers(0, f.n, pairs)]
    b = order[rng.integers(0, f.n, pairs)]
    keep = a != b
    return scoring.levels_only(f, np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep]))


def u_from(random_levels: dict[str, np.ndarray], not_match: np.ndarray | None = None) -> dict[str, dict[str, float]]:
    """Each estimated comparison's level shares among the random pairs, weighted by the chance that the
    pair is two different people (`not_match`; all 1 before λ is known), smoothed towards the prior u
    by one pseudo-pair at the prior's rate: a level no random pair reached keeps about its prior u
    (or less, when the sample is larger than 1 / u), and one a few pairs reached moves less with the
    sample."""
    u = {}
    for comp in REGISTRY:
        if not comp.estimated:
            continue
        shares, total = _level_shares(random_levels[comp.name], comp, not_match)
        prior_u = {lv.name: (lv.u if lv.u is not None else 1e-4) for lv in comp.levels}
        # One pseudo-pair at the prior rate per level: count + 1 over pairs + 1 / prior u.
        u[comp.name] = _normalised({k: (shares[k] * total + 1.0) / (total + 1.0 / prior_u[k]) for k in shares})
    return u


def _posterior(levels: dict[str, np.ndarray], comps: list[Comparison], m: dict[str, dict[str, float]],
               u: dict[str, dict[str, float]], lam: float) -> np.ndarray:
    """Each pair's probability of being one person: prior odds λ / (1 − λ) times the product of its
    levels' m / u (missing levels count 1)."""
    log_bf = np.zeros(len(next(iter(levels.values()))))
    for comp in comps:
        names = comp.level_names
        table = np.zeros(len(names))
        for code in range(1, len(names)):
            table[code] = math.log(max(m[comp.name][names[code]], 1e-9) / max(u[comp.name][names[code]], 1e-12))
        log_bf += table[levels[comp.name]]
    return 1.0 / (1.0 + np.exp(-np.clip(math.log(lam / (1 - lam)) + log_bf, -50, 50)))


def _em(levels: dict[str, np.ndarray], comps: list[Comparison], m: dict[str, dict[str, float]],
        u: dict[str, dict[str, float]], held: list[Comparison] = ()
        ) -> tuple[dict[str, dict[str, float]], np.ndarray, float, int]:
    """EM for m and λ with u fixed; returns m, the pairs' match probabilities, λ, iterations. `held`
    comparisons take part in the E-step with their m as given, and are not re-estimated."""
    n = len(next(iter(levels.values())))
    lam = 0.1
    p = np.full(n, lam)
    it = 0
    for it in range(1, ITERATIONS + 1):  # noqa: B007 (the count is reported)
        p = _posterior(levels, [*comps, *held], m, u, lam)
        new_lam = float(np.clip(p.mean(), 1e-6, 1 - 1e-6))
        new_m = {comp.name: _normalised(_level_shares(levels[comp.name], comp, p)[0]) for comp in comps}
        change = max(abs(new_m[c][lv] - m[c][lv]) for c in new_m for lv in new_m[c])
        m, lam = {**m, **new_m}, new_lam
        if change < 1e-4:
            break
    return m, p, lam, it


def fit(f: Features, a: np.ndarray, b: np.ndarray, priors: Model = PRIORS, seed: int = 0) -> Model:
    """The model for these records: m by EM in blocking sessions, u by random sampling, both starting
    from and guarded by `priors`. λ and the thresholds are set later by `calibrate`."""
    if f.n < MIN_RECORDS or len(a) < MIN_SESSION:
        return Model(levels=priors.levels, fixed=priors.fixed, source=dict(priors.source),
                     training={"records": f.n, "candidate_pairs": int(len(a)), "estimated": "no (too small)"})
    a, b = canonical_sample(f, a, b, by_record_id(f), TRAIN_PAIRS)
    random_levels = sample_random(f, seed=seed)
    u = u_from(random_levels)
    u_stats = {"random_pairs": int(len(random_levels["name"]))}
    estimated = [c for c in REGISTRY if c.estimated]
    prior_m = {c.name: _normalised({lv: mu[0] for lv, mu in priors.levels[c.name].items()}) for c in estimated}
    levels = scoring.levels_only(f, a, b)
    made = {k: v for k, v in blocking.made_by(f, a, b).items() if k in TRAINING_KEYS and v.sum() >= MIN_SESSION}
    current = prior_m
    for _round in range(2):  # the second round holds the partly blocked comparisons at the first's m
        sums, mass, sessions = _sessions(made, levels, estimated, current, u)
        current = {c: _normalised({lv: (sums[c][lv] + PRIOR_PAIRS * prior_m[c][lv]) / (mass[c] + PRIOR_PAIRS)
                                   for lv in prior_m[c]}) for c in prior_m}
    out_levels, source = {}, dict(priors.source)
    for comp in estimated:
        w = mass[comp.name]
        m = current[comp.name]
        tf_levels = {lv.name for lv in comp.levels if lv.u is None}
        out_levels[comp.name] = {lv: (m[lv], None if lv in tf_levels else max(u[comp.name][lv], U_FLOOR))
                                 for lv in m}
        source[comp.name] = "estimated" if w > PRIOR_PAIRS else "prior"
    return Model(levels=out_levels, fixed=priors.fixed, source=source, random_levels=random_levels,
                 training={"records": f.n, "candidate_pairs_sampled": int(len(a)), **u_stats,
                           "sessions": sessions, "matches_seen": {k: round(v, 1) for k, v in mass.items()}})


def _sessions(made: dict[str, np.ndarray], levels: dict[str, np.ndarray], estimated: list[Comparison],
              current: dict[str, dict[str, float]], u: dict[str, dict[str, float]]
              ) -> tuple[dict[str, dict[str, float]], dict[str, float], dict[str, dict]]:
    """One EM per training key on its pairs; per comparison, the sum of its m weighted by each
    session's expected matches, and those matches."""
    sums = {c.name: {lv: 0.0 for lv in current[c.name]} for c in estimated}
    mass = {c.name: 0.0 for c in estimated}
    sessions = {}
    rng = np.random.default_rng(0)
    for key, in_key in made.items():
        sel = np.flatnonzero(in_key)
        if len(sel) > SESSION_PAIRS:
            sel = np.sort(rng.choice(sel, SESSION_PAIRS, replace=False))
        comps = [c for c in estimated if not (c.fields & blocking.KEY_FIELDS[key])]
        held = [c for c in estimated if c.fields & blocking.KEY_PARTIAL.get(key, set())]
        if not comps:
            continue
        lv = {c.name: levels[c.name][sel] for c in [*comps, *held]}
        m, p, lam, it = _em(lv, comps, dict(current), u, held)
        sessions[key] = {"pairs": int(len(sel)), "lambda": round(lam, 4), "iterations": it,
                         "estimated": [c.name for c in comps], "held": [c.name for c in held]}
        for comp in comps:
            present = lv[comp.name] > 0
            weight = float(p[present].sum())
            mass[comp.name] += weight
            for level, share in m[comp.name].items():
                sums[comp.name][level] += weight * share
    return sums, mass, sessions


def estimate_lambda(scores: np.ndarray, n_records: int, blocking_recall: float = 1.0) -> float:
    """λ by maximum likelihood on the scored candidate pairs. The pairs are those blocking selected,
    so their likelihood is the mixture's divided by the chance of being selected, P(selected) =
    λ·recall + (1 − λ)·u_sel, where u_sel, the chance that blocking selects two different people, is
    the candidates that are not matches over all pairs: it is re-estimated from the posteriors, a few
    rounds (on inputs where blocking is tight most candidates are matches, and C / all pairs would
    be far off)."""
    c = len(scores)
    total = n_records * (n_records - 1) / 2
    if c == 0 or total <= 0:
        return 1.0 / max(total, 1.0)
    values, counts = score_histogram(scores)
    inv_bf = np.exp2(-np.clip(values, -200, 200))  # 1 / Bayes factor
    u_sel = c / total
    lam = u_sel
    for _ in range(6):
        lam = _lambda_given(inv_bf, counts, c, u_sel, blocking_recall)
        matches = float(np.sum(counts * lam / (lam + (1 - lam) * inv_bf)))  # expected matches among candidates
        u_sel = max(c - matches, 1.0) / total
    return lam


def score_histogram(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Scores to a hundredth and their counts (one pass: 17 M candidate pairs hold a few thousand
    values, and sorting them took seconds)."""
    hundredths = np.round(scores.astype(np.float64) * 100).astype(np.int64)
    if not len(hundredths):
        return np.zeros(0), np.zeros(0, np.int64)
    lo = int(hundredths.min())
    counts = np.bincount(hundredths - lo)
    seen = np.flatnonzero(counts)
    return (seen + lo) / 100.0, counts[seen]


def _lambda_given(inv_bf: np.ndarray, counts: np.ndarray, c: int, u_sel: float, recall: float) -> float:
    def slope(lam: float) -> float:
        # d/dλ of Σ log(λ·BF + 1 − λ) − C·log(λ·recall + (1 − λ)·u_sel), written with 1/BF (no overflow)
        first = float(np.sum(counts * (1 - inv_bf) / (lam + (1 - lam) * inv_bf)))
        return first - c * (recall - u_sel) / (lam * recall + (1 - lam) * u_sel)

    lo, hi = math.log(1e-12), math.log(0.5)
    for _ in range(60):
        mid = (lo + hi) / 2
        if slope(math.exp(mid)) > 0:
            lo = mid
        else:
            hi = mid
    return math.exp((lo + hi) / 2)


def calibrate(model: Model, s: scoring.Scored, n_records: int, review_band: float) -> Model:
    """Set λ and the thresholds of a fitted model from its candidate pairs' scores. Random pairs
    include a few that are one person (about λ of them), which inflates the sampled u of the strong
    levels; once λ is known each random pair counts towards u by its chance of being two people, the
    candidate pairs are re-weighted in place and λ is estimated again."""
    lam = estimate_lambda(s.score, n_records)
    if model.random_levels is not None:
        estimated = [c for c in REGISTRY if c.estimated and model.source.get(c.name) == "estimated"]
        sampled = u_from(model.random_levels)  # term-frequency levels: their u as sampled, for this step
        m = {c.name: {lv: mu[0] for lv, mu in model.levels[c.name].items()} for c in estimated}
        u_now = {c.name: {lv: sampled[c.name][lv] if mu[1] is None else mu[1]
                          for lv, mu in model.levels[c.name].items()} for c in estimated}
        not_match = 1.0 - _posterior(model.random_levels, estimated, m, u_now, lam)
        u = u_from(model.random_levels, not_match)
        for comp in estimated:
            model.levels[comp.name] = {lv: (mu[0], None if mu[1] is None else max(u[comp.name][lv], U_FLOOR))
                                       for lv, mu in model.levels[comp.name].items()}
        scoring.reweigh(s, model)
        lam = estimate_lambda(s.score, n_records)
    model.prior = lam
    model.match_threshold = float(math.log2((1 - lam) / lam))
    model.review_threshold = model.match_threshold - review_band
    values, counts = score_histogram(s.score)
    model.training["expected_matches"] = round(float(np.sum(counts * lam / (lam + (1 - lam) * np.exp2(
        -np.clip(values, -200, 200))))), 1)
    model.random_levels = None
    return model
