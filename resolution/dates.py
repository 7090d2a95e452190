"""Comparison levels of two birth dates (`values.dates.BirthDate`: year, month, day, 0 unknown).

Birth dates are read by `values.dates.parse_birth` (every contract format: full, year-month, year
only, YYMMDD, Excel serials); this module says how two of them compare as evidence.
"""

from __future__ import annotations

from values.dates import BirthDate


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


def iso(b: tuple[int, int, int]) -> str | None:
    """A full date as ISO text (None when the day is unknown)."""
    return f"{b[0]:04d}-{b[1]:02d}-{b[2]:02d}" if b[2] else None
