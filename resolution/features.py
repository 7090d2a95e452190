"""Person records → integer-coded feature arrays, so scoring and blocking run as numpy over pairs.

Each distinct raw value is normalised once (names, dates and phones repeat a lot), then mapped back
with pandas' factorize. Term frequencies (the share of records carrying a value) are computed here
from the data itself; they drive the term-frequency adjustment of the scorer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from resolution import addresses, dates, names, phones

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


def _codes(values: list | np.ndarray | pd.Series) -> np.ndarray:
    codes, _ = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    return codes.astype(np.int64)


def _tf(codes: np.ndarray) -> np.ndarray:
    present = codes >= 0
    counts = np.bincount(codes[present]) if present.any() else np.zeros(0, dtype=np.int64)
    tf = np.zeros(len(codes), dtype=np.float64)
    tf[present] = counts[codes[present]] / max(len(codes), 1)
    return tf


def _map_unique(series: pd.Series, func) -> list:
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    mapped = [func(u) for u in uniques]
    return [mapped[c] if c >= 0 else func(None) for c in codes]


def _clean(col: pd.Series, keep_objects: bool = False) -> pd.Series:
    """Strings stripped, and None for empty / missing (pandas may hand NaN for None). With
    `keep_objects`, non-string values (dates parsed by the loader) are kept as they are."""
    col = col.astype(object)
    text = col.where(col.notna(), "").astype(str).str.strip()
    blank = text.isin(["", "nan", "None", "NaT", "NaN"])
    if keep_objects:
        is_str = col.map(lambda v: isinstance(v, str)).astype(bool)
        out = col.where(~is_str, text).astype(object)
    else:
        out = text.astype(object)
    return out.where(~blank, None)


def _address_keys(values: list) -> list[tuple[str, str, str | None] | None]:
    """(address key, building key, city|district) per value: compact, so it crosses processes cheaply."""
    out: list[tuple[str, str, str | None] | None] = []
    for v in values:
        a = addresses.parse(v)
        out.append((a.key, a.building_key, f"{a.city}|{a.district}" if a.district else None) if a else None)
    return out


def build(records: pd.DataFrame) -> Features:
    """`records` has the columns of FIELDS (any may be missing or empty except record_id)."""
    df = records.copy()
    for col in FIELDS:
        if col not in df.columns:
            df[col] = None
    df = pd.DataFrame({c: _clean(df[c], keep_objects=c == "birth") for c in FIELDS}) if len(df) else df
    n = len(df)
    # Address parsing is the costliest normalisation: on large inputs it runs in a second process
    # while this one normalises names, dates and phones (the machine has two cores).
    addr_codes, addr_uniques = pd.factorize(df["address"], use_na_sentinel=True)
    pool = None
    if len(addr_uniques) > 20_000:
        import concurrent.futures as cf
        import multiprocessing as mp

        # forkserver, not fork: forking a process that runs library threads (duckdb, arrow) is unsafe.
        pool = cf.ProcessPoolExecutor(1, mp_context=mp.get_context("forkserver"))
        addr_future = pool.submit(_address_keys, list(addr_uniques))
    nm = _map_unique(df["name"], names.normalise)
    norm = [x.norm if x else None for x in nm]
    surname = [x.surname if x else None for x in nm]
    given = [x.given if x else None for x in nm]
    masked = np.array([bool(x and x.masked) for x in nm])
    latin = np.array([bool(x and x.latin) for x in nm])
    sound_of = {id(x): x.given_sound for x in {id(x): x for x in nm if x}.values()}
    sound = [sound_of[id(x)] if x else "" for x in nm]
    jamo = _map_unique(pd.Series(norm, dtype=object), lambda v: names.decompose(v) if v else "")
    name_code = _codes(norm)
    # Masked names are not a value of their own: their frequency would make them look rare.
    name_tf = _tf(np.where(masked, -1, name_code))
    initial = [names.initial_jamo(s[0]) if s else None for s in surname]
    # Birth dates; a loader-parsed `birth_date` column wins over the raw text.
    birth = _map_unique(df["birth"].astype(object), dates.parse_birth)
    b = np.array(birth, dtype=np.int32).reshape(n, 3) if n else np.zeros((0, 3), dtype=np.int32)
    by, bm, bd = b[:, 0].astype(np.int16), b[:, 1].astype(np.int8), b[:, 2].astype(np.int8)
    full = np.where(bd > 0, by.astype(np.int64) * 10000 + bm * 100 + bd, -1)
    birth_tf = np.where(bd > 0, _tf(full), _tf(np.where(by > 0, by.astype(np.int64), -1)))
    sex = np.array(_map_unique(df["sex"], lambda v: _SEX.get(str(v).strip().lower(), 0) if v else 0),
                   dtype=np.int8)
    ph = _map_unique(df["phone"], phones.normalise)
    ph_masked = np.array([bool(p and "*" in p) for p in ph])
    phone_code = _codes([p if p and "*" not in p else None for p in ph])
    last4 = np.array([int(q) if (q := phones.last4(p)) else -1 for p in ph], dtype=np.int64)
    parsed_u = None
    if pool is not None:
        try:
            parsed_u = addr_future.result()
        except Exception:  # noqa: BLE001 - e.g. a caller script without a __main__ guard: parse here
            parsed_u = None
        pool.shutdown()
    if parsed_u is None:
        parsed_u = _address_keys(list(addr_uniques))
    parsed = [parsed_u[c] if c >= 0 else None for c in addr_codes]
    addr_code = _codes([a[0] if a else None for a in parsed])
    syl = np.zeros((n, 6), dtype=np.int32)
    uniq_norm, inv = np.unique(np.array([v or "" for v in norm], dtype=object), return_inverse=True)
    rows_u = np.zeros((len(uniq_norm), 6), dtype=np.int32)
    for k, v in enumerate(uniq_norm):
        cps = [-1 if ch == names.MASK else ord(ch) for ch in v[:6]]
        rows_u[k, :len(cps)] = cps
    if n:
        syl = rows_u[inv.reshape(-1)]
    name_len = np.array([len(v) for v in uniq_norm], dtype=np.int16)[inv.reshape(-1)] if n else np.zeros(0, np.int16)
    prefix = np.array([int(p[:3]) if p and p[:3].isdigit() else -1 for p in ph], dtype=np.int64)
    return Features(
        n=n, record_id=df["record_id"].to_numpy(dtype=object),
        name_norm=np.array([v or "" for v in norm], dtype=object), jamo=np.array(jamo, dtype=object),
        given_sound=np.array(sound, dtype=object), sound_code=_codes([v or None for v in sound]),
        name_len=name_len, syllables=syl, phone_len=np.array([len(p) if p else 0 for p in ph], dtype=np.int8),
        phone_prefix=prefix, name_code=name_code,
        surname_code=_codes(surname), given_code=_codes(given), initial_code=_codes(initial),
        masked=masked, latin=latin, name_tf=name_tf, by=by, bm=bm, bd=bd, birth_tf=birth_tf, sex=sex,
        phone=np.array([p or "" for p in ph], dtype=object), phone_code=phone_code, phone_last4=last4,
        phone_masked=ph_masked, phone_tf=_tf(phone_code), addr_code=addr_code,
        building_code=_codes([a[1] if a else None for a in parsed]),
        district_code=_codes([a[2] if a else None for a in parsed]),
        addr_tf=_tf(addr_code), agency_code=_codes(df["agency_id"].tolist()),
        cref_code=_codes([f"{a}|{c}" if a and c else None
                          for a, c in zip(df["agency_id"], df["client_ref"], strict=True)]),
        context_code=_codes(df["context"].tolist()))
