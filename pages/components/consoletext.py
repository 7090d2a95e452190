"""The Cypher console's messages as the page shows them (pure): one language, and Neo4j's syntax
message without the console's internal `EXPLAIN` prefix."""

from __future__ import annotations

import re


def one_language(text: str, lang: str) -> str:
    """A message written 'Korean (English)' by queries/console.py, in `lang` only: the last
    parenthesised part at the end is the English. Other text is returned as it is."""
    text = text.strip()
    if not text.endswith(")"):
        return text
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            ko, en = text[:i].rstrip(), text[i + 1:-1].strip()
            if not ko or not _HANGUL.search(ko) or _HANGUL.search(en):
                return text
            return ko if lang == "ko" else en[:1].upper() + en[1:]
    return text


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_SYNTAX_HEAD = re.compile(r"^.*?\(syntax error\):\s*", re.S)
_POSITION = re.compile(r"\(line 1, column (\d+) \(offset: (\d+)\)\)")
_EXPLAIN = "EXPLAIN "


def syntax_detail(text: str) -> str:
    """Neo4j's syntax message without the `EXPLAIN ` the console's plan check puts in front of the
    query (queries/console.py: check_plan): the quoted line, the caret under it and the column
    and offset of line 1 as the user typed them."""
    detail = _SYNTAX_HEAD.sub("", text, count=1)
    if _EXPLAIN not in detail:
        return detail
    shift = len(_EXPLAIN)
    detail = _POSITION.sub(lambda m: f"(line 1, column {max(int(m.group(1)) - shift, 1)} "
                                     f"(offset: {max(int(m.group(2)) - shift, 0)}))", detail)
    lines = detail.split("\n")
    for i, line in enumerate(lines):
        if line.startswith('"' + _EXPLAIN):
            lines[i] = '"' + line[1 + shift:]
            if i + 1 < len(lines) and lines[i + 1].startswith(" " * shift):
                lines[i + 1] = lines[i + 1][shift:]
    return "\n".join(lines)
