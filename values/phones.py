"""Phone numbers as domestic digits, with `*` for each masked digit.

`010-1234-5678`, `01012345678`, `010 1234 5678`, `+82-10-1234-5678`, `+82 (0)10 1234 5678`,
`82 10 1234 5678`, `tel. 010.1234.5678` and full-width digits all give `01012345678`; masked
`010-****-5678` (also `x`, `X`, `#`, `●`, `○` … for the hidden digits) gives `010****5678`. A number
from a spreadsheet that lost its leading zero (`1012345678`, `1012345678.0`, `647501234`) gets it
back. Latin words around a number (`tel`, `Fax`) are dropped; a Latin `x` is a mask only when it is
not part of such a word.

`normalise` reads one value (memoised), `normalise_many` a whole column in Arrow's compiled kernels
with the same rules (a million records carry ~430k distinct numbers). `identifying` keeps only the
numbers long enough to tell people apart, which is what entity resolution compares.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MASK_CHARS = "*＊●○◯◎xX#×"
# Inside a character class only these need care; spelled out so the same class works in Python's re
# and in RE2 (Arrow).
_MASK_CLASS = "".join(MASK_CHARS)
_WORD = r"[A-Za-z]*[A-WYZa-wyz][A-Za-z]*"      # a Latin word with a letter other than x (tel, Fax)
_FLOAT_TEXT = r"^(\d+)\.0+$"                  # `1012345678.0`: a number cell written out as text
_FLOAT_TEXT_RE = re.compile(_FLOAT_TEXT)
# What is dropped, in one pass: Latin words, and everything that is neither a digit nor a mask.
_DROP_RE = re.compile(_WORD + r"|[^\d" + _MASK_CLASS + "]+")
_DROP_RE2 = _WORD + r"|[^\p{Nd}" + _MASK_CLASS + "]+"     # the same for Arrow (RE2)
_TO_STAR = str.maketrans({ch: "*" for ch in MASK_CHARS if ch != "*"})
IDENTIFYING_LENGTH = 9   # shortest domestic number (02-123-4567)
IDENTIFYING_VISIBLE = 4  # visible digits needed to compare (masking usually leaves the last four)


def _ascii_digits(kept: str) -> str:
    return "".join(str(unicodedata.decimal(ch)) if ch.isdigit() else ch for ch in kept)


@lru_cache(maxsize=500_000)
def normalise(value: object) -> str | None:
    """Digits with `*` for masked ones (module doc); None when no digit is left."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if value != value:
            return None
        if value.is_integer():
            value = int(value)
    text = str(value).strip()
    if not text:
        return None
    if text.endswith("0") and (m := _FLOAT_TEXT_RE.match(text)):
        text = m.group(1)
    kept = _DROP_RE.sub("", text).translate(_TO_STAR)
    if not kept.isascii():
        kept = _ascii_digits(kept)
    if kept.count("*") == len(kept):
        return None
    if kept.startswith("82") and (text.startswith("+") or len(kept) in (11, 12)):
        kept = kept[2:]                             # country code; `+82 (0)10…` keeps its own 0
        return kept if kept.startswith("0") else "0" + kept
    if kept[0] in "16" and len(kept) in (9, 10):
        return "0" + kept                           # 10-1234-5678 / 64-… written without the 0
    return kept


def identifying(phone: str | None) -> str | None:
    """A normalised number when it can tell people apart (at least IDENTIFYING_LENGTH characters and
    IDENTIFYING_VISIBLE visible digits), else None: `1366` or `010-****-****` identify nobody."""
    if not phone or len(phone) < IDENTIFYING_LENGTH:
        return None
    return phone if len(phone) - phone.count("*") >= IDENTIFYING_VISIBLE else None


def last4(phone: str | None) -> str | None:
    """The last four digits of a normalised number when all are visible (the part masking leaves)."""
    if not phone or len(phone) < 4 or "*" in phone[-4:]:
        return None
    return phone[-4:]


def normalise_many(values: list[object], *, identifying_only: bool = False) -> list[str | None]:
    """`normalise` (then `identifying` when `identifying_only`) over many values at once, in Arrow's
    compiled string kernels: same rules and results (unit-tested against the scalar path). Values
    that are not text, and the rare numbers written in non-ASCII digits, take the scalar path."""
    def scalar(v: object) -> str | None:
        p = normalise(v)
        return identifying(p) if identifying_only else p

    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pandas without Arrow: one value at a time
        return [scalar(v) for v in values]
    try:                                             # a column of text (and None): built in C
        texts, others = pa.array(values, pa.string()), []
    except (pa.ArrowInvalid, pa.ArrowTypeError):     # numbers among them: those take the scalar path
        texts = pa.array([v if isinstance(v, str) else None for v in values], pa.string())
        others = [i for i, v in enumerate(values) if v is not None and not isinstance(v, str)]
    text = pc.utf8_trim_whitespace(texts)
    if pc.any(pc.match_substring(text, ".0")).as_py():
        text = pc.replace_substring_regex(text, _FLOAT_TEXT, r"\1")
    kept = pc.replace_substring_regex(text, _DROP_RE2, "")
    kept = pc.replace_substring_regex(kept, "[" + _MASK_CLASS.replace("*", "") + "]", "*")
    length = pc.utf8_length(kept)
    country = pc.and_(pc.starts_with(kept, "82"),
                      pc.or_(pc.starts_with(text, "+"), pc.is_in(length, pa.array([11, 12], pa.int32()))))
    national = pc.utf8_slice_codeunits(kept, 2)
    national = pc.if_else(pc.starts_with(national, "0"), national,
                          pc.binary_join_element_wise("0", national, ""))
    lost_zero = pc.and_(pc.or_(pc.starts_with(kept, "1"), pc.starts_with(kept, "6")),
                        pc.is_in(length, pa.array([9, 10], pa.int32())))
    out = pc.if_else(country, national,
                     pc.if_else(lost_zero, pc.binary_join_element_wise("0", kept, ""), kept))
    length = pc.utf8_length(out)
    visible = pc.subtract(length, pc.count_substring(out, "*"))
    ok = pc.greater(visible, 0)
    if identifying_only:
        ok = pc.and_(ok, pc.and_(pc.greater_equal(visible, IDENTIFYING_VISIBLE),
                                 pc.greater_equal(length, IDENTIFYING_LENGTH)))
    result = pc.if_else(pc.fill_null(ok, False), out, pa.scalar(None, pa.string())).to_pylist()
    # Digits other than ASCII (full-width ０１０) are made ASCII one value at a time, as are numbers.
    for i in pc.indices_nonzero(pc.invert(pc.string_is_ascii(kept))).to_pylist() + others:
        result[i] = scalar(values[i])
    return result
