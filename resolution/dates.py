"""Comparison levels of two birth dates (`values.dates.BirthDate`: year, month, day, 0 unknown).

Birth dates are read by `values.dates.parse_birth` (every contract format: full, year-month, year
only, YYMMDD, Excel serials); this module says how two of them compare as evidence.
"""

from __future__ import annotations

from values.dates import BirthDate


def compare(a: BirthDate, b: BirthDate) -> str:
    """`exact`, `swap` (day and month swapped), `month` (year+month agree, day differs), `partial`
    (one side known only to the year or month and what is known agrees), `year` (years agree,
    full dates differ otherwise), `near` (full dates one year apart, same month and day), `digit`
    (written YYYYMMDD, one digit differs or two adjacent digits are swapped: a keying error),
    `missing`, `differ`. The vectorised scorer implements the same levels (tested against this function)."""
    (ya, ma, da), (yb, mb, db) = a, b
    if ya == 0 or yb == 0:
        return "missing"
    full_a, full_b = da > 0, db > 0
    if full_a and full_b:
        if a == b:
            return "exact"
        if ya == yb and ma == db and da == mb:
            return "swap"
        if abs(ya - yb) == 1 and ma == mb and da == db:
            return "near"
        if one_keystroke_apart(a, b):
            return "digit"
        if ya == yb and ma == mb:
            return "month"
        return "year" if ya == yb else "differ"
    if ya != yb:
        return "differ"
    if ma and mb and ma != mb and not (full_a and da == mb) and not (full_b and db == ma):
        return "year"
    return "partial"


def one_keystroke_apart(a: BirthDate, b: BirthDate) -> bool:
    """Written YYYYMMDD, the dates differ in one digit, or only in two adjacent digits that are each
    other's (12 → 21)."""
    x, y = f"{a[0]:04d}{a[1]:02d}{a[2]:02d}", f"{b[0]:04d}{b[1]:02d}{b[2]:02d}"
    diff = [k for k in range(len(x)) if x[k] != y[k]]
    return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]]
                                and x[diff[1]] == y[diff[0]])


def conflicting(a: BirthDate, b: BirthDate) -> bool:
    """Two full dates that cannot be the same person's (not equal, not a day-month swap)."""
    if a[2] == 0 or b[2] == 0:
        return False
    return a != b and not (a[0] == b[0] and a[1] == b[2] and a[2] == b[1])


def iso(b: tuple[int, int, int]) -> str | None:
    """A full date as ISO text (None when the day is unknown)."""
    return f"{b[0]:04d}-{b[1]:02d}-{b[2]:02d}" if b[2] else None
