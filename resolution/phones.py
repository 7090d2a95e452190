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
