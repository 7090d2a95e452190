"""Comparison levels of two phone numbers, on the visible digits.

Numbers are read by `values.phones` (`normalise_many(..., identifying_only=True)` for resolution):
domestic digits with `*` for masked ones, `+82-10-1234-5678`, `010 1234 5678` and `01012345678` all
`01012345678`.
"""

from __future__ import annotations

from values.phones import last4


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
