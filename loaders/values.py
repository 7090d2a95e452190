"""Pure value normalisers for agency exports (no I/O, no graph): dates, yes/no, phones, names, sex,
and the role / relation vocabularies. Entity resolution imports these too, so each function is
total (never raises on odd input: it returns None, or the text as recorded, when it cannot read a
value) and documented with the formats it accepts (data contract, "Value formats").

Hot paths (dates, yes/no) are memoised: exports repeat the same few thousand values millions of
times, and a dictionary hit is much cheaper than a regular expression.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from functools import lru_cache

# --- dates -------------------------------------------------------------------------------------
_EXCEL_EPOCH = datetime(1899, 12, 30)          # Excel's day 0 (with the 1900 leap-year bug folded in)
_SERIAL_MIN, _SERIAL_MAX = 1, 2958465          # 1900-01-01 … 9999-12-31
_SEP_DATE = re.compile(r"^(\d{2}|\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?$")
_KO_DATE = re.compile(r"^(\d{2}|\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일?$")
# A trailing clock: `14:05`, `14:05:33`, `T14:05`, `오후 2시 5분`, `14시`.
_TIME = re.compile(r"^(.*?\S)(?:\s+|T|(?<=일))\s*(?:(오전|오후)\s*)?(\d{1,2})\s*(?::|시)\s*"
                   r"(?:(\d{1,2})\s*분?)?\s*(?::?\s*(\d{1,2})\s*초?)?$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")    # 1927-05-18 … 2173-10-14; shorter is a year


def _year(yy: str, *, birth: bool) -> int:
    """Four-digit year from `yy`: event dates are 20yy; birth dates are 20yy unless that is in the
    future, then 19yy (a person cannot be born after today)."""
    if len(yy) == 4:
        return int(yy)
    y = 2000 + int(yy)
    if birth and y > date.today().year:
        y -= 100
    return y


def _mk(y: int, m: int, d: int, hh: int = 0, mi: int = 0, ss: int = 0) -> datetime | None:
    try:
        return datetime(y, m, d, hh, mi, ss)
    except ValueError:
        return None


def excel_serial_to_datetime(serial: float) -> datetime | None:
    """Excel's serial day number (1900 date system) as a datetime; None outside 1900–9999."""
    if not (_SERIAL_MIN <= serial < _SERIAL_MAX):
        return None
    # A serial written with few decimals (44987.5833) only resolves minutes: round to the minute,
    # so 14:00 does not come back as 13:59:57; full-precision serials round to the second.
    decimals = len(repr(float(serial)).partition(".")[2].rstrip("0"))
    step = 60 if decimals <= 5 else 1
    return _EXCEL_EPOCH + timedelta(seconds=round(float(serial) * 86400 / step) * step)


@lru_cache(maxsize=200_000)
def _parse_text_datetime(text: str, birth: bool) -> datetime | None:
    hh = mi = ss = 0
    m = _TIME.match(text)
    if m:
        text, ampm, h, m_, s_ = m.groups()
        hh, mi, ss = int(h), int(m_ or 0), int(s_ or 0)
        if ampm == "오후" and hh < 12:
            hh += 12
        elif ampm == "오전" and hh == 12:
            hh = 0
    elif _SERIAL.match(text):                        # Excel serial day, the fraction is the time
        return excel_serial_to_datetime(float(text))
    ymd = _parse_date_part(text.strip(), birth)
    return _mk(*ymd, hh, mi, ss) if ymd else None


def _parse_date_part(text: str, birth: bool) -> tuple[int, int, int] | None:
    m = _SEP_DATE.match(text) or _KO_DATE.match(text)
    if m:
        y, mo, d = m.groups()
        return _year(y, birth=birth), int(mo), int(d)
    if text.isdigit():
        if len(text) == 8:                          # 20230302
            return int(text[:4]), int(text[4:6]), int(text[6:])
        if len(text) == 6:                          # 230302 / 850302 (YYMMDD)
            return _year(text[:2], birth=birth), int(text[2:4]), int(text[4:])
    return None


def parse_datetime(value: object) -> datetime | None:
    """A date-time from any contract format: `2023-03-02 14:05`, `2023.3.2`, `2023/03/02`,
    `20230302`, `23.03.02`, `2023년 3월 2일 (오후 2시 5분)`, Excel serials (`44987.59`), and
    `datetime`/`date`/number cells from .xlsx. Date-only values get 00:00. None if unreadable or
    impossible (2023-02-30)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return excel_serial_to_datetime(float(value)) if value >= 60 else None
    text = str(value).strip()
    return _parse_text_datetime(text, False) if text else None


def parse_date(value: object) -> date | None:
    """Like `parse_datetime`, keeping the date only."""
    dt = parse_datetime(value)
    return dt.date() if dt else None


def parse_birth(value: object) -> tuple[date | None, int | None]:
    """A birth date as `(date, year)`: full dates in every format `parse_date` reads plus `850302`
    (YYMMDD, 19yy unless that is before today… see `_year`); a bare year (`1985`, `1985년`) gives
    `(None, 1985)`. Unreadable: `(None, None)` — callers keep the text as recorded."""
    if value is None or isinstance(value, bool):
        return None, None
    if isinstance(value, (int, float)):
        if not float(value).is_integer():
            d = parse_date(value)
            return (d, d.year) if d else (None, None)
        number = int(value)
        if 1900 <= number <= 2100:
            return None, number
        if len(str(number)) not in (6, 8):            # 5 digits: an Excel serial day
            d = parse_date(number)
            return (d, d.year) if d else (None, None)
        value = str(number)
    if isinstance(value, (datetime, date)):
        d = parse_date(value)
        return d, d.year
    text = str(value).strip().removesuffix("생").removesuffix("년").strip()
    if len(text) == 4 and text.isdigit():
        y = int(text)
        return (None, y) if 1900 <= y <= 2100 else (None, None)
    dt = _parse_text_datetime(text, True) if text else None
    return (dt.date(), dt.year) if dt else (None, None)


# --- yes / no ----------------------------------------------------------------------------------
_YES = {"y", "yes", "예", "네", "o", "○", "●", "1", "유", "있음", "true", "t", "해당", "ㅇ"}
_NO = {"n", "no", "아니오", "아니요", "아니", "x", "×", "0", "무", "없음", "false", "f", "비해당"}
_UNKNOWN = {"", "모름", "unknown", "미상", "-", "?", "u", "불명", "확인불가"}


class Unreadable:
    """Marker for a value that is present but not in any accepted form (see `parse_yes_no`)."""

    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE = Unreadable()


@lru_cache(maxsize=4096)
def _yes_no_text(text: str) -> bool | None | Unreadable:
    t = text.strip().lower()
    if t in _YES:
        return True
    if t in _NO:
        return False
    if t in _UNKNOWN:
        return None
    return UNREADABLE


def parse_yes_no(value: object) -> bool | None | Unreadable:
    """`Y/N`, `예/아니오`, `O/X`, `1/0`, `유/무` (and yes/no, true/false, 있음/없음) to True/False;
    empty or `모름`/unknown → None; anything else → `UNREADABLE` so the caller can report it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return {1: True, 0: False}.get(value, UNREADABLE)  # type: ignore[arg-type]
    return _yes_no_text(str(value))


# --- phones ------------------------------------------------------------------------------------
_MASKS = "*＊●○◯◎xX"


def normalise_phone(value: object) -> str | None:
    """Digits only, masked digits as `*`: `010-1234-5678`, `01012345678`, `010 1234 5678`,
    `+82-10-1234-5678` and `+82 (0)10…` all give `01012345678`; `010-****-5678` gives
    `010****5678`. Numbers from spreadsheets that lost their leading zero (`1012345678`) get it
    back. None when there are no digits."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not text:
        return None
    out = []
    for ch in text:
        if ch.isdigit():
            out.append(ch if ch.isascii() else str(unicodedata.digit(ch, 0)))
        elif ch in _MASKS:
            out.append("*")
    s = "".join(out)
    if not any(c.isdigit() for c in s):
        return None
    if text.lstrip().startswith("+82") or (s.startswith("82") and len(s) in (11, 12) and s[2] in "1*"):
        s = s[2:]
        s = s if s.startswith("0") else "0" + s
    elif s[0] in "16" and len(s) in (9, 10):
        s = "0" + s                                  # 10-1234-5678 / 64-… written without the 0
    return s


# --- names -------------------------------------------------------------------------------------
_SPACE = re.compile(r"\s+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_MASK_ANY = str.maketrans({"○": "*", "●": "*", "◯": "*", "◎": "*", "＊": "*", "☆": "*", "★": "*"})
# Latin O / x as a mask only between or after Hangul syllables (김O희, 김x), never in Latin names.
_LATIN_RUN = re.compile(r"[A-Za-z]{2,}")
_LATIN_MASK = re.compile(r"[OoXx0]")


def clean_text(value: object) -> str | None:
    """Text as recorded, trimmed, runs of whitespace (incl. newlines, NBSP) collapsed to one space;
    None when empty. Numbers from spreadsheets lose a trailing `.0`."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _SPACE.sub(" ", str(value)).strip()
    return text or None


def keep_text(value: object) -> str | None:
    """Free text (summaries, descriptions) as recorded: only the ends trimmed and line endings
    made `\n`, so nothing of what an officer wrote is lost; None when empty."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def normalise_name(value: object) -> str | None:
    """A name for matching: NFKC, trimmed, spaces collapsed (`김 영희` → `김영희`; Latin names
    keep one space and are upper-cased), masking characters `* ○ ● ◯ O x` unified to `*`
    (`김○희`, `김O희` → `김*희`). None when empty."""
    text = clean_text(value)
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text).translate(_MASK_ANY)
    # A Hangul name has no inner spaces, and a lone Latin O / x / 0 in it is a mask (김O희, 김x);
    # a name with a run of Latin letters is a Latin spelling and keeps its letters.
    if _HANGUL.search(text) and not _LATIN_RUN.search(text):
        text = _LATIN_MASK.sub("*", text.replace(" ", ""))
    return text.upper() if text.isascii() else text


def is_masked(name: str | None) -> bool:
    """Whether a normalised name hides part of itself."""
    return bool(name) and "*" in name  # type: ignore[operator]


# --- vocabularies ------------------------------------------------------------------------------
SEX = {"남": "M", "남자": "M", "남성": "M", "m": "M", "male": "M", "1": "M", "3": "M",
       "여": "F", "여자": "F", "여성": "F", "f": "F", "female": "F", "2": "F", "4": "F"}
CALL_ROLES = {"피해자": "victim", "가해자": "suspect", "피의자": "suspect", "행위자": "suspect",
              "신고자": "reporter", "목격아동": "child_witness", "목격 아동": "child_witness",
              "victim": "victim", "suspect": "suspect", "offender": "suspect", "reporter": "reporter",
              "child_witness": "child_witness", "child witness": "child_witness"}
CLIENT_ROLES = {"피해자": "victim", "가해자": "offender", "행위자": "offender", "아동": "child",
                "가족": "family", "victim": "victim", "offender": "offender", "child": "child",
                "family": "family"}
RELATIONS = {"배우자": "spouse", "전배우자": "ex_spouse", "동거인": "cohabitant", "연인": "partner",
             "전연인": "ex_partner", "부모": "parent", "자녀": "child", "형제자매": "sibling",
             "친족": "relative", "지인": "acquaintance", "모르는사람": "stranger", "타인": "stranger",
             "본인": "self"}
RELATIONS.update({v: v for v in list(RELATIONS.values())})


def _vocab(table: dict[str, str], value: object) -> str | None | Unreadable:
    text = clean_text(value)
    if text is None or text.lower() in _UNKNOWN:
        return None
    return table.get(text.replace(" ", "").lower(), table.get(text.lower(), UNREADABLE))


def normalise_sex(value: object) -> str | None | Unreadable:
    """`남/여/M/F` (and 남자/여자, male/female) → `M`/`F`; empty → None; else UNREADABLE."""
    return _vocab(SEX, value)


def call_role(value: object) -> str | None | Unreadable:
    """call_persons 역할 → `victim`/`suspect`/`reporter`/`child_witness`."""
    return _vocab(CALL_ROLES, value)


def client_role(value: object) -> str | None | Unreadable:
    """services 대상자구분 → `victim`/`offender`/`child`/`family`."""
    return _vocab(CLIENT_ROLES, value)


def relation(value: object) -> str | None | Unreadable:
    """피해자와의관계 → `spouse`, `ex_spouse`, `cohabitant`, `partner`, `ex_partner`, `parent`,
    `child`, `sibling`, `relative`, `acquaintance`, `stranger` (see docs/data-model.md)."""
    return _vocab(RELATIONS, value)


def split_list(value: object) -> list[str]:
    """`A;B; C` (also `,` `/` or newlines) → `["A", "B", "C"]`, order kept, duplicates dropped."""
    text = clean_text(value)
    if not text:
        return []
    seen: dict[str, None] = {}
    for part in re.split(r"[;,/\n]", text):
        p = part.strip()
        if p:
            seen.setdefault(p, None)
    return list(seen)


def parse_int(value: object) -> int | None | Unreadable:
    """`3`, `3.0`, `3차`, `제3차` → 3; empty → None; else UNREADABLE."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else UNREADABLE
    text = str(value).strip()
    if not text:
        return None
    m = re.fullmatch(r"(?:제\s*)?(\d+)(?:\.0+)?\s*(?:차|회)?", text)
    return int(m.group(1)) if m else UNREADABLE
