"""Person records → integer-coded feature arrays, so scoring and blocking run as numpy over pairs.

Every column is factorised once; cleaning and normalisation run over its distinct values only (names,
dates, phones and addresses repeat a lot), giving small per-value arrays that are mapped back to
records by integer indexing (no per-record Python). Term frequencies (the share of records carrying a value) are computed here
from the data itself; they drive the term-frequency adjustment of the scorer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from resolution import addresses, generic, names, parallel
from values import dates, phones

FIELDS = ("record_id", "name", "birth", "sex", "phone", "address", "agency_id", "client_ref", "context")
_SEX = {"m": 1, "남": 1, "남자": 1, "male": 1, "1": 1, "f": 2, "여": 2, "여자": 2, "female": 2, "2": 2}


@dataclass
class Features:
    n: int
    record_id: np.ndarray
    name_norm: np.ndarray  # object: comparison form, "" when missing
    jamo: np.ndarray  # object: decomposed name_norm
    given_sound: np.ndarray  # object
    sound_code: np.ndarray  # int64 code of given_sound
    name_len: np.ndarray  # int16 syllables / characters of name_norm
    syllables: np.ndarray  # (n, 6) int32 code points of name_norm, -1 masked, 0 past the end
    phone_len: np.ndarray  # int8
    phone_prefix: np.ndarray  # int: first three digits, -1 hidden
    name_code: np.ndarray  # int64, -1 missing
    surname_code: np.ndarray
    given_code: np.ndarray
    initial_code: np.ndarray  # choseong of the surname
    masked: np.ndarray  # bool
    latin: np.ndarray  # bool
    name_tf: np.ndarray  # float: share of records with this exact name
    by: np.ndarray  # int16 year, 0 unknown
    bm: np.ndarray
    bd: np.ndarray
    birth_tf: np.ndarray  # share of records with this full date (or year when only the year is known)
    sex: np.ndarray  # int8: 0 unknown, 1 M, 2 F
    phone: np.ndarray  # object: digits with '*', "" missing
    phone_code: np.ndarray  # full unmasked phone, -1 otherwise
    phone_last4: np.ndarray  # int, -1 when hidden or missing
    phone_masked: np.ndarray  # bool
    phone_tf: np.ndarray
    addr_code: np.ndarray  # building + unit
    building_code: np.ndarray
    district_code: np.ndarray
    addr_tf: np.ndarray
    agency_code: np.ndarray
    cref_code: np.ndarray  # agency + client_ref, -1 missing
    context_code: np.ndarray  # the call a record belongs to (call_persons, or a measure's call), -1 none
    # Script-independent forms (resolution/generic.py) for names and addresses the Korean rules miss.
    name_sorted: np.ndarray  # object: name tokens sorted, "" missing
    name_concat: np.ndarray  # object: name letters in written order, no spaces
    name_tokens: np.ndarray  # (n, generic.MAX_TOKENS) int32 token codes, -1 none
    name_pieces: np.ndarray  # (n, 2 * generic.MAX_TOKENS) codes of tokens and their prefixes (blocking)
    addr_raw: np.ndarray  # bool: the address did not parse as a Korean road or lot address
    addr_words: np.ndarray  # object: address word tokens sorted
    addr_numbers: np.ndarray  # int64 code of the address's numbers in order, -1 none
    addr_number_list: np.ndarray  # (n, generic.MAX_NUMBERS) codes of single numbers, -1 none (blocking)


def _dense(values: np.ndarray) -> np.ndarray:
    """Dense int64 codes (0..k-1, -1 kept for missing) of an integer key array."""
    codes, _ = pd.factorize(values, use_na_sentinel=True)
    codes = codes.astype(np.int64)
    codes[values < 0] = -1
    return codes


def _codes(values: list | np.ndarray | pd.Series) -> np.ndarray:
    codes, _ = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    return codes.astype(np.int64)


def _tf(codes: np.ndarray) -> np.ndarray:
    present = codes >= 0
    counts = np.bincount(codes[present]) if present.any() else np.zeros(0, dtype=np.int64)
    tf = np.zeros(len(codes), dtype=np.float64)
    tf[present] = counts[codes[present]] / max(len(codes), 1)
    return tf


_BLANK = {"", "nan", "None", "NaT", "NaN"}
# Blocking folds the initial sounds a surname is written with either way (두음법칙: 류/유, 림/임, 리/이,
# 라/나, 로/노, 녀/여) into one, so such a pair still meets on the initial + birth date key.
_DUEUM = {"\u1105": "\u110b", "\u1102": "\u110b"}  # ㄹ, ㄴ → ㅇ
# The normalisers' own caches help callers that repeat values; here every value is distinct, so their
# undecorated functions are called (a cache miss per value costs time and, at a million, memory).
_parse_address = getattr(addresses.parse, "__wrapped__", addresses.parse)
_normalise_name = getattr(names.normalise, "__wrapped__", names.normalise)
_parse_birth = getattr(dates.parse_birth, "__wrapped__", dates.parse_birth)


def _clean_value(v: object, keep_objects: bool) -> object:
    """Strings stripped, and None for empty / missing. With `keep_objects`, non-string values
    (dates parsed by the loader) are kept as they are."""
    if v is None or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, str):
        text = v.strip()
        return None if text in _BLANK else text
    text = str(v).strip()
    if text in _BLANK:
        return None
    return v if keep_objects else text


def _factor(col: pd.Series | None, n: int, keep_objects: bool = False) -> tuple[np.ndarray, list]:
    """Codes per record (-1 missing) and the distinct cleaned values they index. Values that differ
    only by surrounding spaces share a code."""
    if col is None:
        return np.full(n, -1, dtype=np.int64), []
    raw_codes, raw_uniques = pd.factorize(col, use_na_sentinel=True)
    dtype = getattr(raw_uniques, "dtype", np.dtype(object))
    if dtype != np.dtype(object) and pd.api.types.is_string_dtype(dtype):
        # Text columns (pandas' Arrow-backed string dtype): strip and blank out in compiled kernels.
        stripped = pd.Series(raw_uniques).str.strip()
        cleaned = stripped.where(~stripped.isin(list(_BLANK)), None)
    else:
        values = raw_uniques.tolist() if hasattr(raw_uniques, "tolist") else list(raw_uniques)
        cleaned = pd.Series([_clean_value(v, keep_objects) for v in values], dtype=object)
    inner, uniques = pd.factorize(cleaned, use_na_sentinel=True)
    remap = np.append(inner.astype(np.int64), -1)  # raw code -1 (missing) → -1
    return remap[raw_codes], uniques.tolist() if hasattr(uniques, "tolist") else list(uniques)


def take_per_value(per_value: np.ndarray, codes: np.ndarray, missing: object) -> np.ndarray:
    """Per-record array from a per-distinct-value array; `missing` where the code is -1."""
    ext = np.empty(len(per_value) + 1, dtype=per_value.dtype)
    ext[:-1] = per_value
    ext[-1] = missing
    return ext[codes]


def _address_keys(values: list) -> list[tuple[str, str, str | None, bool] | None]:
    """(address key, building key, city|district, raw) per value: compact, so it crosses processes
    cheaply."""
    out: list[tuple[str, str, str | None, bool] | None] = []
    for v in values:
        a = _parse_address(v)
        out.append((a.key, a.building_key, f"{a.city}|{a.district}" if a.district else None, a.kind == "raw")
                   if a else None)
    return out


# Address parsing is the costliest normalisation: on large inputs a helper process parses chunks
# (`parallel`) while this one normalises names, dates and phones.


def build(records: pd.DataFrame) -> Features:
    """`records` has the columns of FIELDS (any may be missing or empty except record_id)."""
    n = len(records)
    cols = {c: (records[c] if c in records.columns and n else None) for c in FIELDS}
    addr_codes, addr_uniques = _factor(cols["address"], n)
    # Texts that differ only by the province written in front or by spacing parse alike: fold them
    # first (1M records: 529k distinct texts → 382k to parse).
    if addr_uniques:
        fold_codes, addr_uniques = pd.factorize(pd.Series([addresses.fold_text(v) for v in addr_uniques],
                                                          dtype=object))
        addr_codes = take_per_value(fold_codes.astype(np.int64), addr_codes, -1)
        addr_uniques = addr_uniques.tolist()
    started = parallel.start(addr_uniques, _address_keys)
    # Names, per distinct raw name.
    name_codes, name_uniques = _factor(cols["name"], n)
    nm = [_normalise_name(v) for v in name_uniques]
    k = len(nm)
    norm_u = np.array([x.norm if x else "" for x in nm], dtype=object)
    name_code = take_per_value(_codes([x.norm if x else None for x in nm]), name_codes, -1)
    masked = take_per_value(np.array([bool(x and x.masked) for x in nm], dtype=bool), name_codes, False)
    latin = take_per_value(np.array([bool(x and x.latin) for x in nm], dtype=bool), name_codes, False)
    surname_u = [x.surname if x else None for x in nm]
    sound_u = [x.given_sound if x else "" for x in nm]
    name_norm = take_per_value(norm_u, name_codes, "")
    jamo = take_per_value(np.array([names.decompose(v) for v in norm_u.tolist()], dtype=object), name_codes, "")
    # Masked names are not a value of their own: their frequency would make them look rare.
    name_tf = _tf(np.where(masked, -1, name_code))
    rows_u = np.zeros((k, 6), dtype=np.int32)
    for i, v in enumerate(norm_u.tolist()):
        cps = [-1 if ch == names.MASK else ord(ch) for ch in v[:6]]
        rows_u[i, :len(cps)] = cps
    syl = _take_rows(rows_u, name_codes)
    name_len = take_per_value(np.array([len(v) for v in norm_u.tolist()], dtype=np.int16), name_codes, 0)
    # Birth dates; a loader-parsed `birth_date` column wins over the raw text.
    birth_codes, birth_uniques = _factor(cols["birth"], n, keep_objects=True)
    this_year = dt.date.today().year  # once, not per value (two-digit years need it)
    bu = np.array([_parse_birth(v, this_year) for v in birth_uniques], dtype=np.int32).reshape(-1, 3)
    by = take_per_value(bu[:, 0].astype(np.int16), birth_codes, 0)
    bm = take_per_value(bu[:, 1].astype(np.int8), birth_codes, 0)
    bd = take_per_value(bu[:, 2].astype(np.int8), birth_codes, 0)
    full = np.where(bd > 0, by.astype(np.int64) * 10000 + bm.astype(np.int64) * 100 + bd, -1)
    birth_tf = np.where(bd > 0, _tf(_dense(full)), _tf(_dense(np.where(by > 0, by.astype(np.int64), -1))))
    sex_codes, sex_uniques = _factor(cols["sex"], n)
    sex = take_per_value(np.array([_SEX.get(str(v).strip().lower(), 0) for v in sex_uniques], dtype=np.int8), sex_codes, 0)
    # Phones, per distinct raw number.
    phone_codes, phone_uniques = _factor(cols["phone"], n)
    ph = phones.normalise_many(phone_uniques, identifying_only=True)
    phone = take_per_value(np.array([p or "" for p in ph], dtype=object), phone_codes, "")
    ph_masked = take_per_value(np.array([bool(p and "*" in p) for p in ph], dtype=bool), phone_codes, False)
    phone_code = take_per_value(_codes([p if p and "*" not in p else None for p in ph]), phone_codes, -1)
    last4 = take_per_value(np.array([int(q) if (q := phones.last4(p)) else -1 for p in ph], dtype=np.int64), phone_codes, -1)
    prefix = take_per_value(np.array([int(p[:3]) if p and p[:3].isdigit() else -1 for p in ph], dtype=np.int64),
                   phone_codes, -1)
    phone_len = take_per_value(np.array([len(p) if p else 0 for p in ph], dtype=np.int8), phone_codes, 0)
    # Addresses: per distinct raw text, then keys per distinct parsed value.
    parsed_u = parallel.finish(addr_uniques, started, _address_keys)
    addr_code = take_per_value(_codes([a[0] if a else None for a in parsed_u]), addr_codes, -1)
    building_code = take_per_value(_codes([a[1] if a else None for a in parsed_u]), addr_codes, -1)
    district_code = take_per_value(_codes([a[2] if a else None for a in parsed_u]), addr_codes, -1)
    addr_raw = take_per_value(np.array([bool(a and a[3]) for a in parsed_u], dtype=bool), addr_codes, False)
    # Generic forms only where the Korean parse found no road or lot (a raw text): elsewhere the
    # building and unit say more, and at a million records the texts are 380k.
    addr_forms = [generic.address_forms(v) if a and a[3] else ("", "", ()) for v, a in zip(addr_uniques, parsed_u,
                                                                                       strict=True)]
    addr_words = take_per_value(np.array([x[0] for x in addr_forms], dtype=object), addr_codes, "")
    addr_numbers = take_per_value(_codes([x[1] or None for x in addr_forms]), addr_codes, -1)
    addr_number_list = _take_rows(_token_codes([x[2] for x in addr_forms], generic.MAX_NUMBERS), addr_codes,
                                  missing=-1)
    name_forms = [generic.name_forms(v) if v is not None else ("", "", ()) for v in name_uniques]
    agency_code, _ = _factor(cols["agency_id"], n)
    cref_raw, _ = _factor(cols["client_ref"], n)
    cref_code = _dense(np.where((agency_code >= 0) & (cref_raw >= 0),
                                agency_code * (int(cref_raw.max(initial=0)) + 1) + cref_raw, -1))
    context_code, _ = _factor(cols["context"], n)
    record_id = (records["record_id"].to_numpy(dtype=object) if n else np.zeros(0, dtype=object))
    return Features(
        n=n, record_id=record_id, name_norm=name_norm, jamo=jamo,
        given_sound=take_per_value(np.array(sound_u, dtype=object), name_codes, ""),
        sound_code=take_per_value(_codes([v or None for v in sound_u]), name_codes, -1),
        name_len=name_len, syllables=syl, phone_len=phone_len, phone_prefix=prefix, name_code=name_code,
        surname_code=take_per_value(_codes(surname_u), name_codes, -1),
        given_code=take_per_value(_codes([x.given if x else None for x in nm]), name_codes, -1),
        initial_code=take_per_value(_codes([_DUEUM.get(j, j) if (j := names.initial_jamo(s[0]) if s else None) else None
                                   for s in surname_u]), name_codes, -1),
        masked=masked, latin=latin, name_tf=name_tf, by=by, bm=bm, bd=bd, birth_tf=birth_tf, sex=sex,
        phone=phone, phone_code=phone_code, phone_last4=last4, phone_masked=ph_masked,
        phone_tf=_tf(phone_code), addr_code=addr_code, building_code=building_code, district_code=district_code,
        addr_tf=_tf(addr_code), agency_code=agency_code, cref_code=cref_code, context_code=context_code,
        name_sorted=take_per_value(np.array([x[0] for x in name_forms], dtype=object), name_codes, ""),
        name_concat=take_per_value(np.array([x[1] for x in name_forms], dtype=object), name_codes, ""),
        name_tokens=_take_rows(_token_codes([x[2] for x in name_forms], generic.MAX_TOKENS), name_codes, missing=-1),
        name_pieces=_take_rows(_token_codes([generic.name_pieces(x[2]) for x in name_forms], 2 * generic.MAX_TOKENS),
                               name_codes, missing=-1),
        addr_raw=addr_raw, addr_words=addr_words, addr_numbers=addr_numbers, addr_number_list=addr_number_list)


def _token_codes(per_value: list[tuple[str, ...]], width: int) -> np.ndarray:
    """(k, width) int32 codes of each value's first `width` tokens, -1 where it has fewer."""
    per_value = [toks[:width] for toks in per_value]
    flat = [t for toks in per_value for t in toks]
    codes = _codes(flat) if flat else np.zeros(0, dtype=np.int64)
    out = np.full((len(per_value), width), -1, dtype=np.int32)  # per record: int32 halves the memory
    lengths = np.array([len(toks) for toks in per_value], dtype=np.int64)
    rows = np.repeat(np.arange(len(per_value)), lengths)
    cols = np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    out[rows, cols] = codes
    return out


def subset(f: Features, idx: np.ndarray) -> Features:
    """The features of records `idx` only. Term frequencies stay those of the whole input."""
    values = {}
    for name, v in vars(f).items():
        values[name] = v[idx] if isinstance(v, np.ndarray) else v
    values["n"] = len(idx)
    return Features(**values)


def _take_rows(per_value: np.ndarray, codes: np.ndarray, missing: int = 0) -> np.ndarray:
    ext = np.full((len(per_value) + 1, per_value.shape[1]), missing, dtype=per_value.dtype)
    ext[:-1] = per_value
    return ext[codes]
