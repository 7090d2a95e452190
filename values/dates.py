"""Dates, date-times and birth dates in every format of the data contract.

Event dates and date-times (`parse_datetime`, `parse_date`):
`2023-03-02`, `2023.3.2`, `2023. 3. 2.`, `2023/03/02`, `2023 3 2`, `20230302`, `230302`, `23.03.02`,
`2023년 3월 2일`, any of these followed by a clock (`14:05`, `14:05:33`, `T14:05`, `오후 2:05`,
`오후 2시 5분`, `2:05 PM`), Excel serial days (`44987`, `44987.0`, `44987.5833` with the time as the
fraction) and the cells .xlsx gives (datetime, date, numbers).

Birth dates (`parse_birth`) read all of these plus a year alone (`1985`, `1985년`, `1985년생`,
`85년생`) and a year and month (`1985-03`, `1985.3`, `1985년 3월`), and give a `BirthDate` with 0 for
the unknown parts (`date_of`, `year_of` give the date and the year).

Rules shared by every caller:
- Two-digit years (`century`): an event date is 20yy; a birth date is 20yy unless that is after
  the current year, then 19yy (`850302` is 1985, `150302` is 2015).
- Excel serials: a number of five digits, written as text or as a number (`34025`, `34025.0`), is
  Excel's day count from 1899-12-30 (1900 date system): 1927-05-18 … 2173-10-14. Six- and
  eight-digit numbers are YYMMDD and YYYYMMDD, four digits are a year (birth dates only).
- Full-width digits (`２０２３`) and trailing `.0` (spreadsheet numbers as text) are read as digits.
- An impossible date (`2023-02-30`, `25:00`) is unreadable, never corrected.
- Birth years outside 1900–2100 are unreadable.

Memoised: exports repeat the same few thousand values millions of times.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from values.text import half_width

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)       # Excel's day 0 (with the 1900 leap-year bug folded in)
_SERIAL_MIN, _SERIAL_MAX = 1, 2958465          # 1900-01-01 … 9999-12-31
_NUMBER_SERIAL_MIN, _NUMBER_SERIAL_MAX = 60, 100_000  # number cells read as serials (five digits at most)
BIRTH_YEARS = (1900, 2100)

_SEP_DATE = re.compile(r"^(\d{2}|\d{4})\s*[-./\s]\s*(\d{1,2})\s*[-./\s]\s*(\d{1,2})\.?$")
_KO_DATE = re.compile(r"^(\d{2}|\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일?$")
# A trailing clock: `14:05`, `14:05:33`, `T14:05`, `오후 2시 5분`, `14시`, `2:05 PM`.
_TIME = re.compile(r"^(.*?\S)(?:\s+|T|(?<=일))\s*(?:(오전|오후)\s*)?(\d{1,2})\s*(?::|시)\s*"
                   r"(?:(\d{1,2})\s*분?)?\s*(?::?\s*(\d{1,2})\s*초?)?\s*([AaPp][Mm])?$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")     # 1927-05-18 … 2173-10-14; shorter is a year
_SPREADSHEET_INT = re.compile(r"^(\d+)\.0+$")  # `850302.0`: a number cell written out as text
_BIRTH_YEAR = re.compile(r"^(?:(\d{4})\s*년?|(\d{2})\s*년)$")
_BIRTH_MONTH = re.compile(r"^(\d{2}|\d{4})\s*(?:[-./\s]|년)\s*(\d{1,2})\s*(?:월|\.)?$")
_NO_VALUE = frozenset({"nan", "none", "nat", "null", "미상", "모름", "불명", "-"})


# A birth date as recorded: (year, month, day), 0 where unknown: `(1985, 0, 0)` is a year only,
# `(1985, 3, 0)` a year and month, UNKNOWN unreadable. A plain tuple, not a class: resolution turns a
# column of them into an array, and tuples of ints are the cheapest to build, convert and collect
# (a NamedTuple made resolution's feature building at 200k records ≈6 % slower, mostly in the garbage
# collector, which tracks NamedTuple instances and not tuples of ints).
BirthDate = tuple[int, int, int]


def date_of(birth: BirthDate) -> dt.date | None:
    """The full date of a BirthDate; None when the month or day is unknown."""
    return dt.date(*birth) if birth[2] else None


def year_of(birth: BirthDate) -> int | None:
    """The year of a BirthDate; None when unreadable."""
    return birth[0] or None


UNKNOWN: BirthDate = (0, 0, 0)


def this_year() -> int:
    return dt.date.today().year


def century(yy: int, *, birth: bool, year_now: int | None = None) -> int:
    """Four-digit year of a two-digit one: 20yy for events (the exports hold no event before 2000);
    for a birth date 20yy unless that is after `year_now` (default this year), then 19yy."""
    y = 2000 + yy
    if birth and y > (year_now or this_year()):
        y -= 100
    return y


def excel_serial_to_datetime(serial: float) -> dt.datetime | None:
    """Excel's serial day number (1900 date system) as a datetime; None outside 1900–9999."""
    if not (_SERIAL_MIN <= serial < _SERIAL_MAX):
        return None
    # A serial written with few decimals (44987.5833) only resolves minutes: round to the minute,
    # so 14:00 does not come back as 13:59:57; full-precision serials round to the second.
    decimals = len(repr(float(serial)).partition(".")[2].rstrip("0"))
    step = 60 if decimals <= 5 else 1
    return _EXCEL_EPOCH + dt.timedelta(seconds=round(float(serial) * 86400 / step) * step)


def _prepare(text: str) -> str:
    """Trimmed, full-width forms folded (`２０２３` → `2023`), a spreadsheet's `.0` dropped."""
    text = half_width(text.strip())
    if text.endswith("0") and "." in text and (m := _SPREADSHEET_INT.match(text)):
        return m.group(1)
    return text


def _date_part(text: str, year_now: int | None) -> tuple[int, int, int] | None:
    """(y, m, d) of a date without a clock; `year_now` set for birth dates (their century rule)."""
    birth = year_now is not None
    if text.isdigit():
        if len(text) == 8:                          # 20230302
            return int(text[:4]), int(text[4:6]), int(text[6:])
        if len(text) == 6:                          # 230302 / 850302 (YYMMDD)
            return century(int(text[:2]), birth=birth, year_now=year_now), int(text[2:4]), int(text[4:])
        return None
    m = _SEP_DATE.match(text) or _KO_DATE.match(text)
    if m:
        y, mo, d = m.groups()
        year = int(y) if len(y) == 4 else century(int(y), birth=birth, year_now=year_now)
        return year, int(mo), int(d)
    return None


def _read(text: str, year_now: int | None) -> dt.datetime | None:
    """A prepared text as a datetime; None when unreadable or impossible."""
    hh = mi = ss = 0
    m = _TIME.match(text)
    if m:
        text, ampm, h, m_, s_, latin_ampm = m.groups()
        hh, mi, ss = int(h), int(m_ or 0), int(s_ or 0)
        pm = ampm == "오후" or (latin_ampm or "").lower() == "pm"
        am = ampm == "오전" or (latin_ampm or "").lower() == "am"
        if pm and hh < 12:
            hh += 12
        elif am and hh == 12:
            hh = 0
    elif _SERIAL.match(text):                        # Excel serial day, the fraction is the time
        return excel_serial_to_datetime(float(text))
    ymd = _date_part(text.strip(), year_now)
    if ymd is None:
        return None
    try:
        return dt.datetime(*ymd, hh, mi, ss)
    except ValueError:
        return None


@lru_cache(maxsize=200_000)
def _parse_text_datetime(text: str) -> dt.datetime | None:
    return _read(_prepare(text), None)


def _number_datetime(value: float) -> dt.datetime | None:
    """A spreadsheet number cell: YYYYMMDD / YYMMDD when it has eight or six digits, else a serial."""
    if float(value).is_integer() and len(str(int(value))) in (6, 8):
        return _parse_text_datetime(str(int(value)))
    if _NUMBER_SERIAL_MIN <= value < _NUMBER_SERIAL_MAX:
        return excel_serial_to_datetime(float(value))
    return None


def parse_datetime(value: object) -> dt.datetime | None:
    """A date-time from any contract format (module doc). Date-only values get 00:00. None if
    unreadable or impossible (`2023-02-30`)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)):
        return _number_datetime(value) if value == value else None
    text = str(value).strip()
    return _parse_text_datetime(text) if text else None


def parse_date(value: object) -> dt.date | None:
    """Like `parse_datetime`, keeping the date only."""
    moment = parse_datetime(value)
    return moment.date() if moment else None


_MONTH_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _birth(y: int, m: int = 0, d: int = 0) -> BirthDate:
    """The parts as a BirthDate when they can be one (year in BIRTH_YEARS, a real date), else UNKNOWN.
    (Checked by hand rather than by building a date: this runs once per distinct value of a column.)"""
    if not (BIRTH_YEARS[0] <= y <= BIRTH_YEARS[1]):
        return UNKNOWN
    if m == 0:
        return (y, 0, 0) if d == 0 else UNKNOWN
    if not 1 <= m <= 12 or d < 0 or d > _MONTH_DAYS[m]:
        return UNKNOWN
    if m == 2 and d == 29 and not (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)):
        return UNKNOWN
    return y, m, d


def _birth_text(text: str, year_now: int) -> BirthDate:
    text = _prepare(text)
    if len(text) == 10 and text[4] == text[7] and text[4] in "-./" and text[:4].isdigit() \
            and text[5:7].isdigit() and text[8:].isdigit():          # 1985-03-02, 1985.03.02, 1985/03/02
        return _birth(int(text[:4]), int(text[5:7]), int(text[8:]))
    if text.isdigit():                              # the common compact forms, without a regex
        n = len(text)
        if n == 4:
            return _birth(int(text))
        if n == 5:
            moment = excel_serial_to_datetime(int(text))
            return _birth(moment.year, moment.month, moment.day) if moment else UNKNOWN
        if n == 6:                                  # 850302 (YYMMDD)
            return _birth(century(int(text[:2]), birth=True, year_now=year_now), int(text[2:4]), int(text[4:]))
        if n == 8:                                  # 19850302
            return _birth(int(text[:4]), int(text[4:6]), int(text[6:]))
        return UNKNOWN
    if m := _SEP_DATE.match(text) or _KO_DATE.match(text):     # a full date without a clock
        y, mo, d = m.groups()
        year = int(y) if len(y) == 4 else century(int(y), birth=True, year_now=year_now)
        return _birth(year, int(mo), int(d))
    if not text or text.lower() in _NO_VALUE:
        return UNKNOWN
    if text.endswith("생"):                         # 1985년생, 1985년 3월 2일생
        text = text[:-1].rstrip()
    if m := _BIRTH_YEAR.match(text):
        four, two = m.groups()
        return _birth(int(four) if four else century(int(two), birth=True, year_now=year_now))
    if m := _BIRTH_MONTH.match(text):
        y, mo = m.groups()
        year = int(y) if len(y) == 4 else century(int(y), birth=True, year_now=year_now)
        return _birth(year, int(mo))
    moment = _read(text, year_now)
    return _birth(moment.year, moment.month, moment.day) if moment else UNKNOWN


@lru_cache(maxsize=200_000, typed=True)
def parse_birth(value: object, year_now: int | None = None) -> BirthDate:
    """A recorded birth date (module doc); UNKNOWN when it cannot be read. `year_now` (default this
    year) decides the century of two-digit years. Callers with every value distinct may call
    `parse_birth.__wrapped__` to skip the cache."""
    if type(value) is str:                          # nearly every value: straight to the text rules
        return _birth_text(value, year_now or this_year())
    if value is None or isinstance(value, bool):
        return UNKNOWN
    if isinstance(value, dt.date):                  # date, datetime, pandas Timestamp
        return _birth(value.year, value.month, value.day)
    year_now = year_now or this_year()
    if isinstance(value, (int, float)):
        if value != value:                          # NaN
            return UNKNOWN
        if not float(value).is_integer():           # a serial with a time fraction
            moment = excel_serial_to_datetime(value) if 10_000 <= value < 100_000 else None
            return _birth(moment.year, moment.month, moment.day) if moment else UNKNOWN
        value = str(int(value))
    return _birth_text(str(value), year_now)
