"""splink fed our normalised fields and our blocking, trained as its documentation recommends.

`resolve_bench.py` runs it beside ours on the same records ("splink-fair"; the older line on the raw
strings is "splink-raw"). What splink gets here, per record, all from `resolution.features.build`:

- name: the normalised name (NFC, spaces and dots removed, Latin surnames mapped to Hangul, masks
  as `*`), its jamo decomposition, surname and romanised given-name sound key, a masked flag;
- birth date: ISO `YYYY-MM-DD` where the day is known, and year, month, day as integers (any part
  may be missing: year-only and year-month dates);
- sex (M/F), phone (digits, masked digits as `*`) and its last four digits;
- address: our parsed address key (building + unit), building key and district key, as codes;
- agency and agency + client_ref, as codes.

Blocking: every key of `resolution.blocking.keys` becomes a column (null where the key is missing
or its group is outside 2..MAX_BLOCK records, as our blocking skips them) and one blocking rule
`l.k = r.k`; a key our blocking restricts (`only`: pairs where one side has no full date …) gets
`and (l.o = 1 or r.o = 1)`. So splink scores exactly our candidate pairs (checked: `candidate
pairs` in the printed line). Comparisons mirror our levels in splink's own vocabulary (custom
levels in SQL; Levenshtein on jamo, Jaro-Winkler on sound keys); exact name, birth date and address
take term-frequency adjustments. Training, as splink's documentation recommends: λ from
deterministic rules, u by random sampling (max_pairs 1e8, seed 1), m by EM blocked on the full birth
date and on name + birth year (each sampled to at most 5 M pairs). Clusters at match probability 0.9
(predictions ≥ 0.5), as the raw line.
"""

from __future__ import annotations

import logging
import re
import time

import numpy as np
import pandas as pd

from resolution import blocking, features

CLUSTER_AT = 0.9
PREDICT_AT = 0.5
ALSO_CLUSTER_AT = (0.5, 0.99)  # printed beside the headline, not timed
U_MAX_PAIRS = 1e8
EM_MAX_PAIRS = 5e6


def _null_str(values: np.ndarray, present: np.ndarray) -> pd.Series:
    return pd.Series(np.where(present, values, None), dtype=object)


def _null_int(values: np.ndarray, present: np.ndarray) -> pd.Series:
    return pd.Series(pd.array(np.where(present, values, 0), dtype="Int64")).where(present)


def _like(values: np.ndarray) -> np.ndarray:
    """A LIKE pattern of each value: a masked character (`*`) matches any one character."""
    return np.array([v.replace("*", "_") for v in values.tolist()], dtype=object)


def _column(name: str) -> str:
    return re.sub(r"\W+", "_", name).strip("_")


def _block_key(key: np.ndarray, max_block: int) -> pd.Series:
    """The key where its group has 2..max_block records (our blocking's groups), null elsewhere."""
    present = key >= 0
    size = np.zeros(len(key), dtype=np.int64)
    if present.any():
        _, inverse, counts = np.unique(key[present], return_inverse=True, return_counts=True)
        size[present] = counts[inverse]
    return _null_int(key, present & (size >= 2) & (size <= max_block))


def _multi_block_key(rows: np.ndarray, key: np.ndarray, n: int, max_block: int) -> pd.Series:
    """A multi-valued key (several values per record) as one list per record, keeping the values
    whose group has 2..max_block entries (as `blocking.multi_pairs` does); null for none."""
    ok = key >= 0
    rows, key = rows[ok], key[ok]
    if len(key):
        _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
        size = counts[inverse]
        rows, key = rows[(size >= 2) & (size <= max_block)], key[(size >= 2) & (size <= max_block)]
    pairs = np.unique(np.stack([rows.astype(np.int64), key.astype(np.int64)], axis=1), axis=0) \
        if len(key) else np.zeros((0, 2), dtype=np.int64)
    out = np.full(n, None, dtype=object)
    if len(pairs):
        present, starts = np.unique(pairs[:, 0], return_index=True)
        for r, values in zip(present.tolist(), np.split(pairs[:, 1], starts[1:]), strict=True):
            out[r] = values.tolist()
    return pd.Series(out, dtype=object)


def prepare(records: pd.DataFrame) -> tuple[pd.DataFrame, list, features.Features]:
    """splink's input table (one row per record, `unique_id` = position) and its blocking rules."""
    f = features.build(records)
    norm = f.name_norm.astype(object)
    has_name = norm != ""
    full_name = has_name & ~f.masked
    full_date = f.bd > 0
    iso = (pd.Series(f.by).astype(str).str.zfill(4) + "-" + pd.Series(f.bm).astype(str).str.zfill(2) + "-"
           + pd.Series(f.bd).astype(str).str.zfill(2)).to_numpy(dtype=object)
    phone = f.phone.astype(object)
    has_phone = phone != ""
    data = pd.DataFrame({
        "unique_id": np.arange(f.n, dtype=np.int64),
        "name_any": _null_str(norm, has_name),
        "name_full": _null_str(norm, full_name),  # masked names are no value of their own (as ours)
        "name_like": _null_str(_like(norm), has_name),
        "name_masked": f.masked.astype(np.int8),
        "name_jamo": _null_str(f.jamo.astype(object), full_name),
        "surname": _null_int(f.surname_code, f.surname_code >= 0),
        "given_sound": _null_str(f.given_sound.astype(object), f.given_sound != ""),
        "birth_iso": _null_str(iso, full_date),
        "birth_year": _null_int(f.by, f.by > 0),
        "birth_month": _null_int(f.bm, (f.bm > 0) & (f.by > 0)),
        "birth_day": _null_int(f.bd, full_date),
        "sex": _null_str(np.where(f.sex == 1, "M", "F"), f.sex > 0),
        "phone": _null_str(phone, has_phone),
        "phone_like": _null_str(_like(phone), has_phone),
        "phone_masked": f.phone_masked.astype(np.int8),
        "phone_last4": _null_int(f.phone_last4, f.phone_last4 >= 0),
        "addr": _null_int(f.addr_code, f.addr_code >= 0),
        "building": _null_int(f.building_code, f.building_code >= 0),
        "district": _null_int(f.district_code, f.district_code >= 0),
        "agency": _null_int(f.agency_code, f.agency_code >= 0),
        "cref": _null_int(f.cref_code, f.cref_code >= 0),
    })
    only = blocking._only(f)  # noqa: SLF001 - the bench mirrors the engine's restrictions exactly
    rules = []
    for name, key in blocking.keys(f).items():
        col = "bk_" + _column(name)
        data[col] = _block_key(key, blocking.MAX_BLOCK)
        if not data[col].notna().any():
            continue  # a key no record has here (e.g. the call, in plain record files)
        rule = f"l.{col} = r.{col}"
        if name in only:
            flag = "bo_" + _column(name)
            data[flag] = only[name].astype(np.int8)
            rule += f" and (l.{flag} = 1 or r.{flag} = 1)"
        rules.append(rule)
    # Keys with several values per record (tokens of a name that is not Hangul, an address's
    # numbers): splink's exploding blocking rules, pairs sharing any value.
    from splink import block_on

    multi = getattr(blocking, "multi_keys", None)
    for name, (rows, key) in (multi(f).items() if multi else ()):
        col = "bm_" + _column(name)
        data[col] = _multi_block_key(rows, key, f.n, blocking.MAX_BLOCK)
        if data[col].notna().any():
            rules.append(block_on(col, arrays_to_explode=[col]))
    return data, rules, f


def settings(rules: list):
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator

    def level(sql: str, label: str):
        return cll.CustomLevel(sql, label)

    name = cl.CustomComparison(output_column_name="name", comparison_levels=[
        level("name_any_l is null or name_any_r is null", "missing").configure(is_null_level=True),
        cll.ExactMatchLevel("name_full", term_frequency_adjustments=True),
        level("(name_masked_l = 1 or name_masked_r = 1) and length(name_any_l) = length(name_any_r) "
              "and (name_any_l like name_like_r or name_any_r like name_like_l)",
              "masked, visible syllables agree"),
        level("levenshtein(name_jamo_l, name_jamo_r) <= 1", "jamo distance 1"),
        level("surname_l = surname_r and jaro_winkler_similarity(given_sound_l, given_sound_r) >= 0.9",
              "same surname, given names sound alike"),
        level("levenshtein(name_jamo_l, name_jamo_r) <= 2", "jamo distance 2"),
        cll.ElseLevel(),
    ])
    birth = cl.CustomComparison(output_column_name="birth", comparison_levels=[
        level("birth_year_l is null or birth_year_r is null", "missing").configure(is_null_level=True),
        cll.ExactMatchLevel("birth_iso", term_frequency_adjustments=True),
        level("birth_year_l = birth_year_r and birth_month_l = birth_day_r and birth_day_l = birth_month_r",
              "day and month swapped"),
        level("(birth_day_l is null or birth_day_r is null) and birth_year_l = birth_year_r and "
              "(birth_month_l is null or birth_month_r is null or birth_month_l = birth_month_r)",
              "partial date, agrees"),
        level("levenshtein(birth_iso_l, birth_iso_r) <= 1", "one digit differs"),
        level("birth_year_l = birth_year_r and birth_month_l = birth_month_r", "year and month"),
        level("birth_year_l = birth_year_r", "year"),
        cll.ElseLevel(),
    ])
    phone = cl.CustomComparison(output_column_name="phone", comparison_levels=[
        cll.NullLevel("phone"),
        cll.ExactMatchLevel("phone"),
        level("(phone_masked_l = 1 or phone_masked_r = 1) and length(phone_l) = length(phone_r) "
              "and (phone_l like phone_like_r or phone_r like phone_like_l)", "masked, visible digits agree"),
        level("phone_last4_l = phone_last4_r", "last four digits"),
        cll.ElseLevel(),
    ])
    address = cl.CustomComparison(output_column_name="address", comparison_levels=[
        cll.NullLevel("addr"),
        cll.ExactMatchLevel("addr", term_frequency_adjustments=True),
        level("building_l = building_r", "same building"),
        level("district_l = district_r", "same district"),
        cll.ElseLevel(),
    ])
    client = cl.CustomComparison(output_column_name="client_ref", comparison_levels=[
        cll.NullLevel("cref"),
        cll.ExactMatchLevel("cref"),
        level("agency_l = agency_r", "same agency, another client number"),
        cll.ElseLevel(),
    ])
    return SettingsCreator(link_type="dedupe_only", blocking_rules_to_generate_predictions=rules,
                           comparisons=[name, birth, cl.ExactMatch("sex"), phone, address, client],
                           retain_intermediate_calculation_columns=False)


def candidate_pair_counts(data: pd.DataFrame, rules: list, f: features.Features) -> tuple[int, int]:
    """(splink's candidate pairs from these rules, ours from `blocking.candidate_pairs`)."""
    from splink import DuckDBAPI
    from splink.blocking_analysis import count_comparisons_from_blocking_rules

    counts = count_comparisons_from_blocking_rules(DuckDBAPI().register(data), blocking_rules=rules,
                                                   link_type="dedupe_only", record_sample_proportion=1.0)
    a, _, _ = blocking.candidate_pairs(f)
    return int(counts[-1]["cumulative_comparison_count"]), int(len(a))


def run(records: pd.DataFrame, check_blocking: bool = True) -> dict:
    """Labels per record (position order) and the times: our normalisation + keys, training,
    predict + cluster; P/R/F1 at other cuts need the truth, so the caller computes them from
    `labels_at`."""
    from splink import DuckDBAPI, Linker, block_on

    started = time.perf_counter()
    data, rules, f = prepare(records)
    prepared = time.perf_counter() - started
    pairs = candidate_pair_counts(data, rules, f) if check_blocking else None
    started = time.perf_counter()
    linker = Linker(DuckDBAPI().register(data), settings(rules), log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("name_full", "birth_iso"), block_on("cref")], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=U_MAX_PAIRS, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_iso"),
                                                                       max_pairs=EM_MAX_PAIRS)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("name_full", "birth_year"),
                                                                       max_pairs=EM_MAX_PAIRS)
    trained = time.perf_counter() - started
    started = time.perf_counter()
    pred = linker.inference.predict(threshold_match_probability=PREDICT_AT)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(pred, CLUSTER_AT)
    labels = _labels(clusters, f.n)
    took = time.perf_counter() - started
    labels_at = {CLUSTER_AT: labels}
    for t in ALSO_CLUSTER_AT:
        labels_at[t] = _labels(linker.clustering.cluster_pairwise_predictions_at_threshold(pred, t), f.n)
    return {"labels": labels, "seconds": took, "training": trained, "prepare": prepared,
            "candidate_pairs": pairs, "labels_at": labels_at}


def _labels(clusters, n: int) -> pd.Series:
    df = clusters.as_pandas_dataframe()
    return df.set_index("unique_id")["cluster_id"].reindex(range(n)).reset_index(drop=True)
