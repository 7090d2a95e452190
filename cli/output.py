"""Render result rows as a table, CSV or JSON for the terminal."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, time
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (set, tuple)):
        return list(value)
    return str(value)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=json_default)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def neutralise_formula(text: str) -> str:
    """Spreadsheet formula injection guard: a cell starting with = + - @ is prefixed with `'`."""
    if text.startswith(FORMULA_PREFIXES) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, default=json_default, indent=2)


def to_csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise_formula(cell_text(row.get(c))) for c in columns])
    return buf.getvalue()


def _width(text: str) -> int:
    # Hangul and other East Asian wide characters take two terminal columns.
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def to_table(columns: list[str], rows: list[dict[str, Any]], max_cell: int = 60) -> str:
    cells = [[cell_text(r.get(c)) for c in columns] for r in rows]
    cells = [[v if len(v) <= max_cell else v[: max_cell - 1] + "…" for v in row] for row in cells]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        return " | ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(columns), "-+-".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    return "\n".join(out)


def render(fmt: str, columns: list[str], rows: list[dict[str, Any]]) -> str:
    if fmt == "json":
        return to_json(rows)
    if fmt == "csv":
        return to_csv(columns, rows)
    return to_table(columns, rows)


def parse_param_pairs(pairs: tuple[str, ...], typed: bool = True) -> dict[str, Any]:
    """`key=value` pairs from `-p`; with `typed`, values that parse as JSON (numbers, true, lists)
    keep that type, anything else stays text."""
    out: dict[str, Any] = {}
    for pair in pairs:
        if "=" not in pair:
            raise ValueError(f"parameter {pair!r} is not key=value")
        key, value = pair.split("=", 1)
        key = key.strip()
        if not key.isidentifier():
            raise ValueError(f"parameter name {key!r} is not a valid name")
        if typed:
            try:
                out[key] = json.loads(value)
                continue
            except json.JSONDecodeError:
                pass
        out[key] = value
    return out
