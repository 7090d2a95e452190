"""Periods of time per person, as day numbers: which of a person's periods is current on a day, and
periods made to follow one another. Used by households (stays, memberships) and by whoever reads
`MEMBER_OF {from, to}` back (`households.household_at`).

Dates become day numbers (`date.toordinal()`, NaN when undated) so spans compare and group as plain
numbers; conversions run once per distinct date (a few thousand), not per observation (millions).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd


def days(values: Any) -> np.ndarray:
    """Day numbers of dates (`datetime.date`, `pd.Timestamp`; NaN for None / NaN / NaT)."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    per_value = np.fromiter((_day(v) for v in uniques), dtype=float, count=len(uniques))
    if not len(per_value):
        return np.full(len(codes), np.nan)
    return np.where(codes >= 0, per_value[np.maximum(codes, 0)], np.nan)


def dates(day_numbers: pd.Series) -> pd.Series:
    """Day numbers back to `datetime.date` (NaN where undated)."""
    codes, uniques = pd.factorize(day_numbers.to_numpy(dtype=float), use_na_sentinel=True)
    as_dates = np.array([dt.date.fromordinal(int(d)) for d in uniques] + [np.nan], dtype=object)
    return pd.Series(as_dates[codes], index=day_numbers.index, dtype=object)


def current(person: np.ndarray, day: np.ndarray, of: np.ndarray, lo: np.ndarray,
            hi: np.ndarray) -> np.ndarray:
    """For each (person, day), the row of a table of periods (`of`: person, `lo`..`hi`: days)
    current on that day: the one holding it (the latest begun, if several), else the latest begun
    before it, else the person's first. Undated rows only when the person has no dated one; an
    undated day takes the latest. -1 where the person has no row. One merge and one sort, however
    many queries."""
    q = pd.DataFrame({"person_id": person, "day": day, "q": np.arange(len(person))})
    t = pd.DataFrame({"person_id": of, "lo": lo, "hi": hi, "row": np.arange(len(of))})
    c = q.merge(t, on="person_id", how="inner")
    d, lo_, hi_ = c["day"].to_numpy(), c["lo"].to_numpy(), c["hi"].to_numpy()
    with np.errstate(invalid="ignore"):
        holds, begun = (lo_ <= d) & (d <= hi_), lo_ <= d
    # Preference classes: 0 holds the day, 1 begun before it, 2 begins after it, 3 undated.
    cls = np.where(np.isnan(lo_), 3, np.where(holds, 0, np.where(begun, 1, 2)))
    cls = np.where(np.isnan(d) & ~np.isnan(lo_), 1, cls)
    order = np.where(cls == 2, lo_, -np.nan_to_num(lo_, nan=0.0))  # earliest for "after", else latest
    c = c.assign(cls=cls, order=order).sort_values(["q", "cls", "order", "row"], kind="stable")
    c = c.drop_duplicates("q")
    out = np.full(len(person), -1, dtype=np.int64)
    out[c["q"].to_numpy()] = c["row"].to_numpy()
    return out


def one_after_another(person: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """New ends for periods sorted by (person, `lo`, longest first): each ends the day before the
    person's next period begins (never before its own first day), so a person is in one at a time.
    A period lying within an earlier one of the same person (a visit, a stray record in the middle
    of a long stay) does not end it: it stays inside. Undated periods keep their (NaN) end."""
    reach = pd.Series(hi).groupby(person).cummax().groupby(person).shift().to_numpy()  # latest end so far
    with np.errstate(invalid="ignore"):
        nested = hi <= reach
    seq = np.flatnonzero(~nested & ~np.isnan(lo))
    nxt = np.full(len(lo), np.nan)
    follows = person[seq[:-1]] == person[seq[1:]]
    nxt[seq[:-1][follows]] = lo[seq[1:][follows]]
    return np.where(np.isnan(nxt), hi, np.fmax(lo, nxt - 1))


def _day(v: Any) -> float:
    if v is None or v is pd.NaT or (isinstance(v, float) and np.isnan(v)):
        return np.nan
    return float(v.toordinal())
