"""Node captions as the graph draws them: at most two lines, each cut with an ellipsis to a width
the layout reserves (pure). Widths are estimated from Noto Sans CJK KR's advance widths (the font
the stylesheet asks for first), rounded up so that the estimate is never narrower than the text
Chromium draws: the layout keeps every label's box free, so an estimate too small would let two
labels touch."""

from __future__ import annotations

import re

ELLIPSIS = "…"
LINE_WIDTH = 118.0    # widest line of a caption, in pixels at its own font size
LINE_HEIGHT = 1.15    # cytoscape's line-height for captions (stylesheet uses the same)

# Advance widths in em (Noto Sans CJK KR Regular; Bold is at most 7 % wider).
_NARROW = {" ": 0.23, "-": 0.35, ".": 0.28, ",": 0.28, ":": 0.28, ";": 0.28, "(": 0.34, ")": 0.34,
           "[": 0.34, "]": 0.34, "/": 0.40, "'": 0.25, '"': 0.40, "*": 0.47, "|": 0.25, "!": 0.3,
           "i": 0.28, "l": 0.29, "j": 0.28, "t": 0.36, "f": 0.33, "r": 0.36, "I": 0.30}
_WIDE_LATIN = set("mwMW@%")


def char_width(ch: str) -> float:
    """Advance width of one character in em."""
    if ch in _NARROW:
        return _NARROW[ch]
    if ch.isdigit() and ch.isascii():
        return 0.56
    if ch in _WIDE_LATIN:
        return 0.94
    if ch.isascii():
        return 0.68 if ch.isupper() else 0.57
    if ch == "·":
        return 0.57
    return 1.0   # Hangul (0.92), CJK, the ellipsis and anything else: a full em


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Pixels a line of `text` takes at font size `size` (an upper bound, see the module doc)."""
    em = sum(char_width(c) for c in text)
    return em * size * (1.07 if bold else 1.0) + 2.0


def fit_line(text: str, size: float, width: float = LINE_WIDTH, *, bold: bool = False) -> str:
    """`text` cut with an ellipsis so that it fits `width` pixels."""
    text = text.strip()
    if text_width(text, size, bold=bold) <= width:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch + ELLIPSIS, size, bold=bold) > width:
            break
        out += ch
    return out.rstrip() + ELLIPSIS


def wrap(text: str, size: float, width: float = LINE_WIDTH, *, lines: int = 2, bold: bool = False) -> list[str]:
    """`text` broken at spaces into at most `lines` lines of `width` pixels; the last line takes
    the rest, cut with an ellipsis."""
    words = [w for w in re.split(r"\s+", text.strip()) if w]
    out: list[str] = []
    while words and len(out) < lines - 1:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}", size, bold=bold) <= width:
            line = f"{line} {words.pop(0)}"
        out.append(fit_line(line, size, width, bold=bold))
    if words:
        out.append(fit_line(" ".join(words), size, width, bold=bold))
    return out


def display(lines: list[str], size: float, width: float = LINE_WIDTH, *, bold: bool = False) -> str:
    """Caption lines (each already a unit: a kind, a date, a name) as drawn: empty lines dropped,
    each cut to the line width, joined by newlines (cytoscape's `text-wrap: wrap`)."""
    kept = [fit_line(line, size, width, bold=bold) for line in lines if line and line.strip()]
    return "\n".join(kept)


def box(text: str, size: float, *, bold: bool = False) -> tuple[float, float]:
    """(width, height) in pixels of the caption `text` (lines split on newlines) as cytoscape sizes
    it: the widest line, and one font size per line times the line height."""
    if not text:
        return 0.0, 0.0
    parts = text.split("\n")
    w = max(text_width(p, size, bold=bold) for p in parts)
    h = size * (1 + (len(parts) - 1) * LINE_HEIGHT)
    return w, h


_DONG = re.compile(r"^[가-힣0-9]*[가-힣](?:동|읍|면)$|^[가-힣]+\d+동$")


def dong_of(address: str) -> str:
    """The 동 (or 읍 / 면) of an address as shown to the user: the one in parentheses of a road
    address ("… 연삼로 123 (이도이동)"), else the last word that names one ("제주시 이도이동").
    Read from the masked text, so a withheld address (a shelter's) gives nothing."""
    if not address:
        return ""
    inside = re.findall(r"\(([^)]*)\)", address)
    for part in inside:
        for word in reversed(re.split(r"[\s,]+", part)):
            if _DONG.search(word):
                return word
    for word in reversed(re.split(r"[\s,()]+", address)):
        if _DONG.search(word):
            return word
    return ""
