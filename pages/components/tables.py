"""Pure table helpers: server-side search and sort of query rows, and where a row leads."""

from __future__ import annotations

from typing import Any

from pages.components.codes import code_cell
from pages.components.values import cell


def row_target(row: dict[str, Any]) -> str | None:
    """Where a row leads: its household, else the person, else the council case."""
    if row.get("household_id"):
        return f"/household/{row['household_id']}"
    hh = row.get("household_ids")
    if isinstance(hh, list) and hh:
        return f"/household/{hh[0]}"
    if isinstance(hh, str) and hh:
        return f"/household/{hh.split(';')[0].strip()}"
    for key in ("person_id", "victim_id", "suspect_id"):
        if row.get(key):
            return f"/person/{row[key]}"
    if row.get("case_id"):
        return f"/case/{row['case_id']}"
    return None


def select_rows(rows: list[dict[str, Any]], *, search: str | None, sort_by: list[dict[str, str]] | None,
                lang: str | None = None) -> list[dict[str, Any]]:
    """Rows containing `search` in a cell's text (or, given `lang`, in the text the table shows:
    a code's label), sorted by the DataTable's `sort_by`. Address and phone columns are not
    searched: they may be withheld (shelters) and a match would reveal them."""
    out = rows
    if search and search.strip():
        needle = search.strip().lower()

        def texts(k: str, v: Any) -> tuple[str, ...]:
            shown = str(cell(v)).lower()
            return (shown, str(code_cell(k, v, lang)).lower()) if lang else (shown,)

        out = [r for r in out if any(needle in text for k, v in r.items()
                                     if "address" not in k and "phone" not in k for text in texts(k, v))]
    for s in reversed(sort_by or []):
        col, desc = s["column_id"], s.get("direction") == "desc"
        present = [r for r in out if r.get(col) is not None]
        missing = [r for r in out if r.get(col) is None]
        out = sorted(present, key=lambda r: _sort_key(r[col]), reverse=desc) + missing
    return out


def _sort_key(v: Any) -> tuple[int, Any]:
    if isinstance(v, (int, float)):
        return (0, v)
    if isinstance(v, list):
        return (1, len(v))
    return (2, str(cell(v)))
