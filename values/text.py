"""Text as recorded, cleaned: whitespace, Unicode normal forms, and its width on a terminal."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def _composed(text: str) -> str:
    """NFC: Hangul typed on some systems arrives as separate jamo (NFD); stored and compared composed.
    ASCII and already-composed text (nearly all of it) skip the conversion."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def clean_text(value: object) -> str | None:
    """Text as recorded, trimmed, runs of whitespace (incl. newlines, NBSP) collapsed to one space,
    composed (NFC); None when empty. Numbers from spreadsheets lose a trailing `.0`."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _SPACE.sub(" ", str(value)).strip()
    return _composed(text) if text else None


def keep_text(value: object) -> str | None:
    """Free text (summaries, descriptions) as recorded: only the ends trimmed, line endings made
    `\\n` and the text composed (NFC), so nothing of what an officer wrote is lost; None when empty."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return _composed(text) if text else None


# Full-width forms (U+FF01–U+FF5E) and the ideographic space, as their ASCII counterparts.
_HALF_WIDTH = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}


def half_width(text: str) -> str:
    """Full-width Latin letters, digits and signs (`０１０`, `＊`, `（`) and the ideographic space as
    their ASCII forms; everything else (Hangul) unchanged. Used where a value is read as digits."""
    return text if text.isascii() else text.translate(_HALF_WIDTH)


def compatible(text: str) -> str:
    """Unicode compatibility form (NFKC): `half_width` and more (`①` → `1`, `ﬁ` → `fi`). Used for
    names, which are compared."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def display_width(text: str) -> int:
    """Columns `text` takes on a terminal: East Asian wide and full-width characters (Hangul, CJK,
    `０`) take two, everything else one."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` terminal columns (nothing added when it is wider)."""
    return text + " " * max(width - display_width(text), 0)
