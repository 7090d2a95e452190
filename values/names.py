"""Names as the loaders store them (`name_norm`), and the characters agencies hide a syllable with.

Masks: the symbols in MASK_SYMBOLS (`*`, `＊`, `○`, `●`, `◯`, `◎`, `□`, `■`, `◇`, `◆`, `×`, `☆`,
`★`, `?`, Greek `Ο`) always; the Latin letters in LATIN_MASKS (`O`, `o`, `X`, `x`, `0`) only inside
a Hangul name (`김O희`, `김x`), never in a Latin spelling (`Oxana`).
"""

from __future__ import annotations

import re

from values.text import clean_text, compatible

MASK = "*"
MASK_SYMBOLS = "*＊○◯●◎□■◇◆×☆★?？Ο"
LATIN_MASKS = "OoXx0"
_TO_MASK = str.maketrans({ch: MASK for ch in MASK_SYMBOLS if ch != MASK})
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN_RUN = re.compile(r"[A-Za-z]{2,}")
_LATIN_MASK = re.compile("[" + LATIN_MASKS + "]")
_KOREAN_NAME = re.compile(r"^[\uac00-\ud7a3" + re.escape(MASK_SYMBOLS + LATIN_MASKS) + r"]+$")


def is_korean_name(compact: str) -> bool:
    """Whether a name without spaces is Hangul syllables and mask characters only, with at least
    one syllable (`김영희`, `김*희`, `김O희`; not `Kim`, not `***`)."""
    return bool(_KOREAN_NAME.match(compact)) and bool(_HANGUL.search(compact))


def normalise_name(value: object) -> str | None:
    """A name for matching: full-width forms folded (NFKC), trimmed, spaces collapsed (`김 영희` →
    `김영희`; Latin names keep one space and are upper-cased), every mask character as `*`
    (`김○희`, `김O희` → `김*희`). None when empty."""
    text = clean_text(value)
    if text is None:
        return None
    text = compatible(text).translate(_TO_MASK)
    # A Hangul name has no inner spaces, and a lone Latin O / x / 0 in it is a mask (김O희, 김x);
    # a name with a run of Latin letters is a Latin spelling and keeps its letters.
    if _HANGUL.search(text) and not _LATIN_RUN.search(text):
        text = _LATIN_MASK.sub(MASK, text.replace(" ", ""))
    return text.upper() if text.isascii() else text


def is_masked(name: str | None) -> bool:
    """Whether a normalised name hides part of itself."""
    return bool(name) and MASK in name  # type: ignore[operator]
