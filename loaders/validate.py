"""Validation: collect every problem of a bundle instead of stopping at the first (the shape of
splink's collecting error logger), then either fail the whole bundle once (file-level problems)
or reject the bad rows (row-level problems), each with file, row, column, value and reason.

Also the normalisation of one row's cells by field kind (loaders/contract.py), which is where
most row-level problems are found.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auth.exports import neutralise
from graph.errors import JSSError
from loaders import contract as C
from loaders import values as V
from values import dates, names, phones
from values.text import clean_text, keep_text

MAX_TEXT = 20_000      # free text (summaries, descriptions)
MAX_SHORT = 200        # ids, names, codes: longer is not a value but garbage or an attack
REJECT_COLUMNS = ("file", "row", "column", "value", "reason")


class BundleError(JSSError):
    """The bundle cannot be loaded at all; nothing was written. One line per failing file."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        head = "번들을 적재하지 않았습니다 (nothing was loaded): "
        super().__init__(head + " | ".join(problems))


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    column: str
    value: str
    reason: str


@dataclass
class ProblemLog:
    """Every row problem of a file, kept in order; `rows` is the set of rejected row numbers (a
    `note` is listed without rejecting its row)."""
    file: str
    problems: list[Problem] = field(default_factory=list)
    rows: set[int] = field(default_factory=set)

    def add(self, row: int, column: str, value: Any, reason: str) -> None:
        self.add_quoted(row, column, _quote(value), reason)

    def add_quoted(self, row: int, column: str, text: str, reason: str) -> None:
        """Like `add`, for a value already quoted by `add` (not cut again)."""
        self.problems.append(Problem(self.file, row, column, text, reason))
        self.rows.add(row)

    def note(self, row: int, column: str, value: Any, reason: str) -> None:
        """A bad optional value that does not reject its row (a call's coordinates): a line in the
        rejects file like any problem, but the row loads, without the value."""
        self.problems.append(Problem(self.file, row, column, _quote(value), reason))


def _quote(value: Any) -> str:
    text = "" if value is None else str(value)
    if len(text) > 200:                     # a reject report quotes, it does not copy a megabyte
        text = text[:200] + f"…(+{len(text) - 200})"
    return text


# --- reasons (Korean first, English in brackets; `code:` prefix for machines) ---------------------
def reason(code: str, ko: str, en: str) -> str:
    return f"{code}: {ko} ({en})"


EMPTY = reason("empty_required", "필수값이 비어 있음", "required value is empty")
BAD_DATE = reason("bad_date", "날짜를 읽을 수 없거나 없는 날짜", "unreadable or impossible date")
BAD_YESNO = reason("bad_yes_no", "예/아니오 값을 읽을 수 없음", "not a yes/no value")
BAD_VOCAB = reason("bad_value", "허용된 값이 아님", "not one of the allowed values")
BAD_INT = reason("bad_number", "숫자가 아님", "not a number")
TOO_LONG = reason("too_long", "값이 너무 김", "value too long")
BAD_CHARS = reason("bad_characters", "제어 문자나 깨진 문자가 있음", "control or undecodable characters")
# A call's 경도/위도 (values.coordinates.PointProblem codes): the call loads without a location.
_LOADED = ("위치 없이 적재", "loaded without a location")
LOCATION = {code: reason(f"location_{code}", f"{ko}: {_LOADED[0]}", f"{en}; {_LOADED[1]}") for code, ko, en in (
    ("one_value", "경도·위도 중 하나만 있음", "only one of longitude and latitude"),
    ("unreadable", "좌표로 읽을 수 없음(도 또는 UTM-K 미터가 아님)", "not a coordinate: neither degrees nor UTM-K metres"),
    ("mixed_units", "하나는 도, 하나는 미터", "one value in degrees, the other in metres"),
    ("swapped", "경도와 위도가 바뀐 것 같음", "longitude and latitude look swapped"),
    ("outside_korea", "한국 밖의 지점", "a point outside Korea"),
)}


def fields_count_reason(got: int, want: int) -> str:
    return reason("field_count", f"열 개수가 헤더와 다름({got}개, 헤더 {want}개)",
                  f"row has {got} fields, the header has {want}")


def duplicate_reason(first_row: int) -> str:
    return reason("duplicate_key", f"키가 중복됨(처음 {first_row}행)", f"duplicate key, first in row {first_row}")


def unknown_reason(what: str, source: str, graph: bool) -> str:
    """`unknown_call_id: call_id 값이 calls 파일과 그래프에 없음 (unknown call_id: not in the calls
    file or the graph)`; `graph` False when the graph could not be consulted (dry run offline)."""
    ko = f"{source} 파일과 그래프" if graph else f"{source} 파일"
    en = f"the {source} file or the graph" if graph else f"the {source} file"
    return reason(f"unknown_{what}", f"{what} 값이 {ko}에 없음", f"unknown {what}: not in {en}")


# --- cells -> values ----------------------------------------------------------------------------
_EMPTY = {C.NAME: (None, None), C.BIRTH: (None, None, None)}   # what an empty cell gives, by kind
# Control characters (other than tab and line breaks) never occur in typed text: they mean binary
# damage, and stored as text they would break every export downstream.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_PARSERS = {C.YESNO: V.parse_yes_no, C.SEX: V.normalise_sex, C.CALL_ROLE: V.call_role,
            C.CLIENT_ROLE: V.client_role, C.RELATION: V.relation, C.INT: V.parse_int}


def normalise_cell(spec: C.FieldSpec, raw: Any, log: ProblemLog, row: int) -> Any:
    """The field's value (None when empty); a problem is logged when the value cannot be read, or
    is empty where the field is `needed`. Name and birth fields return tuples (see below)."""
    kind = spec.kind
    if kind == C.COORD:                     # read as a pair by the builder: never rejects the row
        return None if raw is None or (isinstance(raw, str) and not raw.strip()) else raw
    if isinstance(raw, str):
        if len(raw) > (MAX_TEXT if kind == C.TEXT else MAX_SHORT):
            log.add(row, spec.name, raw, TOO_LONG)
            return _EMPTY.get(kind)
        if _CONTROL.search(raw):
            log.add(row, spec.name, raw, BAD_CHARS)
            return _EMPTY.get(kind)
        if not raw.strip():
            raw = None
    if raw is None:
        if spec.needed:
            log.add(row, spec.name, "", EMPTY)
        return _EMPTY.get(kind)
    if kind == C.TEXT:
        return keep_text(raw)
    if kind in (C.ID, C.AGENCY_REF):
        return clean_text(raw)
    if kind == C.NAME:
        return clean_text(raw), names.normalise_name(raw)
    if kind == C.BIRTH:
        birth = dates.parse_birth(raw)
        return dates.date_of(birth), dates.year_of(birth), \
            clean_text(raw.isoformat() if hasattr(raw, "isoformat") else raw)
    if kind in (C.DATE, C.DATETIME):
        value = dates.parse_date(raw) if kind == C.DATE else dates.parse_datetime(raw)
        if value is None:
            log.add(row, spec.name, raw, BAD_DATE)
        return value
    if kind == C.PHONE:
        return phones.normalise(raw)
    if kind == C.LIST:
        return V.split_list(raw)
    value = _PARSERS[kind](raw)
    if value is V.UNREADABLE:
        log.add(row, spec.name, raw, BAD_YESNO if kind == C.YESNO else (BAD_INT if kind == C.INT else BAD_VOCAB))
        return None
    if value is None and spec.needed:
        log.add(row, spec.name, raw, EMPTY)
    return value


# Kinds whose cells repeat: a file of calls names the same few agencies, roles, dates and masked
# names over and over, and normalising each cell is most of validation's time. Free text and ids
# are mostly distinct, and a list is mutable, so those are normalised every time.
_MEMO_KINDS = frozenset({C.DATE, C.DATETIME, C.BIRTH, C.YESNO, C.PHONE, C.NAME, C.SEX, C.INT,
                         C.CALL_ROLE, C.RELATION, C.CLIENT_ROLE, C.AGENCY_REF})
MEMO_CAP = 20_000      # distinct cells remembered per column: bounds memory on a national file


def cell_normaliser(spec: C.FieldSpec) -> Callable[[Any, ProblemLog, int], Any]:
    """`normalise_cell` for one column. For the repeating kinds it remembers each distinct text
    cell's value and problems (up to MEMO_CAP cells) and replays the problems on the row at hand,
    so the outcome, rejects included, is exactly that of `normalise_cell`."""
    if spec.kind not in _MEMO_KINDS:
        return lambda raw, log, row: normalise_cell(spec, raw, log, row)
    memo: dict[str, tuple[Any, tuple[tuple[str, str, str], ...]]] = {}

    def normalise(raw: Any, log: ProblemLog, row: int) -> Any:
        if type(raw) is not str:            # xlsx numbers and dates: 1 == 1.0 == True as keys
            return normalise_cell(spec, raw, log, row)
        hit = memo.get(raw)
        if hit is None:
            scratch = ProblemLog(log.file)
            value = normalise_cell(spec, raw, scratch, row)
            hit = (value, tuple((p.column, p.value, p.reason) for p in scratch.problems))
            if len(memo) < MEMO_CAP:
                memo[raw] = hit
        value, problems = hit
        for column, text, why in problems:
            log.add_quoted(row, column, text, why)
        return value

    return normalise


# --- rejects file -------------------------------------------------------------------------------
def write_rejects(path: Path, problems: Iterable[Problem]) -> int:
    """Write the rejects CSV (UTF-8 with BOM so Excel shows Korean); returns lines written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(REJECT_COLUMNS)
        for p in problems:
            # People open it in Excel; a source file's header can be a formula as well as its values.
            writer.writerow([neutralise(v) for v in (p.file, p.row, p.column, p.value, p.reason)])
            n += 1
    return n
