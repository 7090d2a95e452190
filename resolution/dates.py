"""Birth dates as (year, month, day) with 0 for unknown parts, and their comparison levels.

Birth dates arrive full (`1985-03-02`, `1985.3.2`, `19850302`, `850302`, `1985년 3월 2일`), partial
(`1985-03`) or as a year only (`1985`). When the loader has already parsed a date we take it as is.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

BirthDate = tuple[int, int, int]
UNKNOWN: BirthDate = (0, 0, 0)

_SEP_RE = re.compile(r"^(\d{2}|\d{4})\s*[-./년\s]\s*(\d{1,2})\s*(?:[-./월\s]\s*(\d{1,2})\s*일?)?\s*$")
_YEAR_RE = re.compile(r"^(\d{4})\s*년?$")


def _century(yy: int, today_year: int) -> int:
    # Two-digit years: a birth year is never in the future.
    return 2000 + yy if 2000 + yy <= today_year else 1900 + yy


def _valid(y: int, m: int, d: int) -> bool:
    if not (1900 <= y <= 2100):
        return False
    if m == 0:
        return d == 0
    if not 1 <= m <= 12:
        return False
    if d == 0:
        return True
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=200_000)
def parse_birth(raw: object, today_year: int | None = None) -> BirthDate:
    """Parse a recorded birth date; UNKNOWN when it cannot be read."""
    if raw is None:
        return UNKNOWN
    if isinstance(raw, dt.datetime):
        return (raw.year, raw.month, raw.day)
    if isinstance(raw, dt.date):
        return (raw.year, raw.month, raw.day)
    text = str(raw).strip()
    if not text or text.lower() in {"nan", "none", "nat", "미상"}:
        return UNKNOWN
    text = text.split("T")[0].split(" 00:00")[0].strip()
    year_now = today_year or dt.date.today().year
    y = m = d = 0
    if text.isdigit():
        if len(text) == 8:
            y, m, d = int(text[:4]), int(text[4:6]), int(text[6:])
        elif len(text) == 6:
            y, m, d = _century(int(text[:2]), year_now), int(text[2:4]), int(text[4:])
        elif len(text) == 4:
            y = int(text)
        else:
            return UNKNOWN
    elif mt := _YEAR_RE.match(text):
        y = int(mt.group(1))
    elif mt := _SEP_RE.match(text):
        y = int(mt.group(1))
        if len(mt.group(1)) == 2:
            y = _century(y, year_now)
        m, d = int(mt.group(2)), int(mt.group(3) or 0)
    else:
        return UNKNOWN
    return (y, m, d) if _valid(y, m, d) else UNKNOWN


def compare(a: BirthDate, b: BirthDate) -> str:
    """`exact`, `swap` (day and month swapped), `month` (year+month agree, day differs), `partial`
    (one side known only to the year or month and what is known agrees), `year` (years agree,
    full dates differ otherwise), `near` (full dates one year apart, same month and day), `missing`,
    `differ`. The vectorised scorer implements the same levels (tested against this function)."""
    (ya, ma, da), (yb, mb, db) = a, b
    if ya == 0 or yb == 0:
        return "missing"
    full_a, full_b = da > 0, db > 0
    if full_a and full_b:
        if a == b:
            return "exact"
        if ya == yb and ma == db and da == mb:
            return "swap"
        if ya == yb and ma == mb:
            return "month"
        if abs(ya - yb) == 1 and ma == mb and da == db:
            return "near"
        return "year" if ya == yb else "differ"
    if ya != yb:
        return "differ"
    if ma and mb and ma != mb and not (full_a and da == mb) and not (full_b and db == ma):
        return "year"
    return "partial"


def conflicting(a: BirthDate, b: BirthDate) -> bool:
    """Two full dates that cannot be the same person's (not equal, not a day-month swap)."""
    if a[2] == 0 or b[2] == 0:
        return False
    return a != b and not (a[0] == b[0] and a[1] == b[2] and a[2] == b[1])


def iso(b: BirthDate) -> str | None:
    return f"{b[0]:04d}-{b[1]:02d}-{b[2]:02d}" if b[2] else None
