"""The loaders' vocabularies (no I/O, no graph): yes/no, sex, call and client roles, relations,
`;`-separated lists and counts. Each function is total (never raises on odd input: it returns None,
or UNREADABLE so the caller can report the value, when it cannot read one).

Value formats shared with resolution, masking and the CLI (dates, birth dates, phones, names, text)
are read by the `values` package.
"""

from __future__ import annotations

import re
from functools import lru_cache

from values.text import clean_text

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
