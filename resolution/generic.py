"""Script-independent forms of names and addresses, for the comparisons behind the Korean ones.

A name written in Latin letters that is not a Korean name's romanisation (`ella crouch`, `Nguyen Van
An`, `crouch ella`) and an address that does not parse as a Korean one (`46 blackman crescent pacific
paradise 3284 sa`) still carry evidence: the same tokens in another order, a typo in one token, an
initial for a given name, the same house number and postcode. These forms are computed once per
distinct value (as the Korean normalisers are) and compared with generic string measures:
token-sorted Jaro-Winkler, shared tokens and shared numbers.
"""

from __future__ import annotations

import re
import unicodedata

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
_NUMBER_RE = re.compile(r"\d+")
MAX_TOKENS = 4  # name tokens kept per name (names with more are rare; the rest still count in texts)
MAX_NUMBERS = 3  # address numbers kept for blocking (house number, postcode, a unit)
PREFIX = 3  # letters of a name token that a typo later in the token leaves intact


def tokens(text: str | None) -> list[str]:
    """Lower-case word tokens (letters and digits of any script), NFKC-folded."""
    if not text:
        return []
    return _TOKEN_RE.findall(unicodedata.normalize("NFKC", str(text)).lower())


def name_forms(raw: str | None) -> tuple[str, str, tuple[str, ...]]:
    """(tokens sorted and joined by spaces, letters of all tokens in written order, the tokens)."""
    toks = tuple(t for t in tokens(raw) if not t.isdigit())
    return " ".join(sorted(toks)), "".join(toks), toks[:MAX_TOKENS]


def address_forms(raw: str | None) -> tuple[str, str, tuple[str, ...]]:
    """(word tokens sorted and joined, the numbers in written order joined by '-', the numbers)."""
    toks = tokens(raw)
    words = sorted(t for t in toks if not t.isdigit())
    numbers = [str(int(n)) for n in _NUMBER_RE.findall(" ".join(toks))]
    return " ".join(words), "-".join(numbers), tuple(numbers[:MAX_NUMBERS])


def name_pieces(toks: tuple[str, ...]) -> tuple[str, ...]:
    """What blocking keys a name on: its tokens and their first letters (a typo usually falls later)."""
    return tuple(dict.fromkeys([*toks, *(t[:PREFIX] + "…" for t in toks if len(t) > PREFIX)]))
