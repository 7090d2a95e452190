"""Phone numbers: normalised to domestic digits with `*` for masked digits, compared on the visible
digits. `+82-10-1234-5678`, `010 1234 5678` and `01012345678` all become `01012345678`."""

from __future__ import annotations

import re
from functools import lru_cache

_MASKS = "*＊xX●○#"
# One C-level pass instead of a Python loop per character (normalisation runs on every distinct number).
_NOT_KEPT = re.compile(r"[^\d" + re.escape(_MASKS) + "]+")
_TO_STAR = str.maketrans({ch: "*" for ch in _MASKS})


@lru_cache(maxsize=500_000)
def normalise(raw: object) -> str | None:
    """Digits (and `*` for masked digits); None when fewer than 7 visible digits remain."""
    if raw is None:
        return None
    text = str(raw).strip()
    if not text or text.lower() in {"nan", "none"}:
        return None
    kept = _NOT_KEPT.sub("", text).translate(_TO_STAR)
    if kept.startswith("82") and (text.lstrip().startswith("+") or len(kept) >= 11):
        kept = "0" + kept[2:]
    if len(kept) - kept.count("*") < 4 or len(kept) < 9:
        return None
    return kept


def last4(phone: str | None) -> str | None:
    """The last four digits when all are visible (the part masking usually leaves)."""
    if not phone or len(phone) < 4 or "*" in phone[-4:]:
        return None
    return phone[-4:]


def visible_agree(a: str, b: str) -> bool:
    """Same length and every digit visible on both sides agrees."""
    return len(a) == len(b) and all(x == y or x == "*" or y == "*" for x, y in zip(a, b, strict=True))


def compare(a: str | None, b: str | None) -> str:
    """`exact`, `masked` (visible digits agree), `last4` (only the last four agree), `missing`, `differ`."""
    if not a or not b:
        return "missing"
    if "*" not in a and "*" not in b:
        if a == b:
            return "exact"
    elif visible_agree(a, b):
        return "masked"
    return "last4" if last4(a) and last4(a) == last4(b) else "differ"


def normalise_many(values: list[str | None]) -> list[str | None]:
    """`normalise` over many distinct texts at once, in Arrow's compiled string kernels (a million
    records carry ~430k distinct numbers; per value in Python this was the costliest name/date/phone
    step). Same rules and results as `normalise` (unit-tested against it)."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pandas without Arrow: one value at a time
        return [normalise(v) for v in values]
    text = pc.utf8_trim_whitespace(pa.array([v if isinstance(v, str) else None for v in values], pa.string()))
    kept = pc.replace_substring_regex(text, r"[^\p{Nd}" + re.escape(_MASKS) + "]", "")
    kept = pc.replace_substring_regex(kept, "[" + re.escape(_MASKS.replace("*", "")) + "]", "*")
    length = pc.utf8_length(kept)
    country = pc.and_(pc.starts_with(kept, "82"),
                      pc.or_(pc.starts_with(text, "+"), pc.greater_equal(length, 11)))
    kept = pc.if_else(country, pc.binary_join_element_wise("0", pc.utf8_slice_codeunits(kept, 2), ""), kept)
    length = pc.utf8_length(kept)
    visible = pc.subtract(length, pc.count_substring(kept, "*"))
    ok = pc.and_(pc.and_(pc.greater_equal(visible, 4), pc.greater_equal(length, 9)),
                 pc.invert(pc.is_in(pc.utf8_lower(text), pa.array(["nan", "none"]))))
    out = pc.if_else(pc.fill_null(ok, False), kept, pa.scalar(None, pa.string())).to_pylist()
    # Values that were not text (numbers from a spreadsheet) take the scalar path.
    return [normalise(v) if v is not None and not isinstance(v, str) else o for v, o in zip(values, out, strict=True)]
