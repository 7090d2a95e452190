"""Values as table cells (pure)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


def cell(value: Any) -> Any:
    """A value as a table cell: lists joined, dates as ISO text."""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(cell(v)) for v in value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return ", ".join(f"{k}: {cell(v)}" for k, v in value.items())
    return value
