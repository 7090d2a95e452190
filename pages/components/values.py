"""Values as table cells (pure)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

KST = timezone(timedelta(hours=9), "KST")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def cell(value: Any) -> Any:
    """A value as a table cell: lists joined, dates as ISO text, maps as "key: value"."""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(cell(v)) for v in value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return ", ".join(f"{k}: {cell(v)}" for k, v in value.items())
    return value


def readable_time(value: Any) -> Any:
    """An ISO date-time text ('2026-12-07T08:22:31+00:00', as the resolver stamps `resolved_at`)
    as 'YYYY-MM-DD HH:MM' in Korean time when it names its zone; anything else unchanged."""
    if isinstance(value, str) and _ISO_DATETIME.match(value):
        try:
            when = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        return (when.astimezone(KST) if when.tzinfo is not None else when).strftime("%Y-%m-%d %H:%M")
    return value
