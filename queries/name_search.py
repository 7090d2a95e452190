"""How a search text finds a person whose name the user sees masked (council, agency: 김*자).

The rule: a masked-name search compares the text with the names **as the user sees them**, never
with the hidden syllables. A text matches a shown name 김*자 when
- it appears in the shown name, a star standing for one hidden character: 김, 자, 김*, *자, 김*자;
- written without stars, it appears in the visible characters read together: 김자;
- read as a whole name and masked the same way, it is the shown name: 김영자 → 김*자 (so it finds
  every 김*자 in the user's scope: 김영자, 김순자 … alike).
Whether and how well a person matches is a function of the shown name and the text alone
(`masked_rank` never sees the full name), so two people who look the same to the user are found by
exactly the same searches, and no search can confirm a hidden syllable. Other spellings recorded for
a person, phones and street addresses are not searched for these roles (the user does not see them).

Ranks: 0 exact, 1 prefix, 2 contained; None when the text does not match. Pure functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from auth.masking import mask_name

HIDDEN = "*"


_HIDDEN_MARKS = str.maketrans({"○": HIDDEN, "●": HIDDEN, "◯": HIDDEN})


def compact(text: str | None) -> str:
    """Spaces removed, case folded (Latin names); ○ ● ◯ typed for a hidden character read as *."""
    return "".join((text or "").split()).casefold().translate(_HIDDEN_MARKS)


def visible(shown: str | None) -> str:
    """The characters of a shown name the user can read, in order: 김*자 → 김자, J*** S**** → js."""
    return compact(shown).replace(HIDDEN, "")


def _rank(needle: str, hay: str) -> int | None:
    if not needle or not hay:
        return None
    if hay == needle:
        return 0
    if hay.startswith(needle):
        return 1
    return 2 if needle in hay else None


def as_shown(text: str) -> str:
    """The search text read as a whole name and masked as names are shown (김영자 → 김*자)."""
    return compact(mask_name(text.strip()))


def masked_rank(text: str, shown: str | None) -> int | None:
    """How well search `text` matches a name the user sees as `shown` (see the module's rule)."""
    q, m = compact(text), compact(shown)
    if not visible(q) or not m or _has_digit(q):
        return None
    ranks = [_rank(q, m)]
    if HIDDEN not in q:   # a text with stars is a shown form, compared as it is
        ranks.append(_rank(q, visible(m)))
        if len(q) >= 2:
            ranks.append(0 if as_shown(text) == m else None)
    found = [r for r in ranks if r is not None]
    return min(found) if found else None


def hides_part(text: str) -> bool:
    """True when the text names characters at places the shown names hide (김영자: 영), which the
    search therefore did not use; the page says so."""
    q = compact(text)
    return HIDDEN not in q and len(q) >= 3 and not _has_digit(q) and as_shown(text) != q


@dataclass(frozen=True)
class Candidates:
    """Which names the database is asked for: a shown name can match only if its first character
    (or, for a single visible character, its last, or a Latin name's word initial) is one of
    these. A superset of the matches; `masked_rank` decides."""
    starts: list[str]
    ends: list[str]
    word_starts: list[str]


def candidates(text: str) -> Candidates:
    q = visible(compact(text))
    if not q or _has_digit(q):   # no name holds a digit: such a text is an id or a phone
        return Candidates([], [], [])
    first = sorted({q[0], q[0].upper()})
    if _latin(q):   # visible: each word's initial; a match starts at one of them
        return Candidates(first, [], [" " + c for c in first])
    # Hangul: visible are the first and the last syllable; two or more visible characters in a
    # match always include the first, a single one may be either.
    return Candidates(first, first if len(q) == 1 else [], [])


def _has_digit(q: str) -> bool:
    return any(ch.isdigit() for ch in q)


def _latin(q: str) -> bool:
    return any("a" <= ch <= "z" for ch in q)


class SearchHits(list):
    """Search hits (dicts, best first) and what the page should say about them: `partial` when
    more people could match than the search reads (the text should be refined); `searched_as`, the
    text as the names are shown (김*자) when it named characters the shown names hide, which the
    search therefore did not use (see `hides_part`)."""

    def __init__(self, hits: Iterable[dict[str, Any]] = (), *, partial: bool = False,
                 searched_as: str | None = None) -> None:
        super().__init__(hits)
        self.partial, self.searched_as = partial, searched_as


def searched_as(text: str) -> str | None:
    """The text as shown names would show it, when the search ignored part of it; else None."""
    return mask_name(text.strip()) if hides_part(text) else None
