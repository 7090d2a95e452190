"""Render result rows as a table, CSV or JSON for the terminal (CSV through the one guard,
`auth.exports`)."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from auth.exports import csv_text
from values.text import display_width


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


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, default=json_default, indent=2)


def to_csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    """Headers and cells formula-neutralised (`auth.exports`). No byte-order mark and `\\n` line
    ends: this goes to a terminal or a pipe, where a BOM would be a stray character."""
    return csv_text(columns, rows, bom=False, lineterminator="\n")


def to_table(columns: list[str], rows: list[dict[str, Any]], max_cell: int = 60) -> str:
    cells = [[cell_text(r.get(c)) for c in columns] for r in rows]
    cells = [[v if len(v) <= max_cell else v[: max_cell - 1] + "…" for v in row] for row in cells]
    widths = [max([display_width(c)] + [display_width(row[i]) for row in cells])
              for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        return " | ".join(v + " " * (w - display_width(v))
                          for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(columns), "-+-".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    return "\n".join(out)


def render(fmt: str, columns: list[str], rows: list[dict[str, Any]]) -> str:
    if fmt == "json":
        return to_json(rows)
    if fmt == "csv":
        return to_csv(columns, rows)[:-1]  # like the other formats, without the last newline (echo adds it)
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
