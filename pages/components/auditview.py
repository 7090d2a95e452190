"""Audit entries as rows a person reads (pure): who, when (KST), what, about what, why, and the
entry's detail as "key: value" text in the user's language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from pages.components.codes import code_label
from pages.components.i18n import STRINGS, t

KST = timezone(timedelta(hours=9), "KST")
COLUMNS = ("seq", "ts", "user", "event", "target_type", "target", "purpose", "detail", "client")


def kst(ts: Any) -> str:
    """An ISO timestamp (the audit trail's UTC `ts`) as 'YYYY-MM-DD HH:MM:SS' in Korean time."""
    if not ts:
        return ""
    try:
        when = datetime.fromisoformat(str(ts).replace("Z", "+00:00"))
    except ValueError:
        return str(ts)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(KST).strftime("%Y-%m-%d %H:%M:%S")


def _value(key: str, value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return t("audit.yes" if value else "audit.no", lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(key, v, lang) for v in value) or "–"
    if isinstance(value, dict):
        return ", ".join(f"{k}={_value(k, v, lang)}" for k, v in value.items())
    if value is None:
        return "–"
    if key in ("action", "panel") and f"adm.{key}.{value}" in STRINGS:
        return t(f"adm.{key}.{value}", lang)
    if key == "role":
        return code_label("user_role", value, lang)
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def detail_text(detail: Any, lang: str) -> str:
    """`{"rows": 3, "param_keys": ["a"]}` → 'rows: 3 · parameters: a' (keys in `lang` when known)."""
    if not detail:
        return ""
    if not isinstance(detail, dict):
        return str(detail)
    parts = []
    for key, value in detail.items():
        name = t(f"audit.detail.{key}", lang) if f"audit.detail.{key}" in STRINGS else key
        parts.append(f"{name}: {_value(key, value, lang)}")
    return " · ".join(parts)


def target_kind(entry: dict[str, Any], lang: str) -> str:
    """What the entry was about (its target_type), in `lang`; an unknown kind as it is."""
    kind = entry.get("target_type")
    if not kind:
        return ""
    return t(f"audit.target.{kind}", lang) if f"audit.target.{kind}" in STRINGS else str(kind)


def target_text(entry: dict[str, Any], lang: str) -> str:
    """Which one: an id (a pattern by its title), and how many ids the user was shown."""
    kind, target = entry.get("target_type"), entry.get("target")
    text = str(target or "")
    if kind in ("pattern", "export") and f"pat.{target}" in STRINGS:
        text = t(f"pat.{target}", lang)
    ids = entry.get("ids")
    shown = sum(len(v) for v in ids.values() if isinstance(v, list)) if isinstance(ids, dict) else 0
    count = t("audit.ids", lang, n=f"{shown:,}") if shown else ""
    return f"{text} ({count})" if text and count else (text or count)


def audit_row(entry: dict[str, Any], lang: str) -> dict[str, str]:
    user = entry.get("user") or "–"
    role = entry.get("role")
    return {
        "seq": str(entry.get("seq") or ""),
        "ts": kst(entry.get("ts")),
        "user": f"{user} ({code_label('user_role', role, lang)})" if role else user,
        "event": code_label("audit_event", entry.get("event"), lang),
        "target_type": target_kind(entry, lang),
        "target": target_text(entry, lang),
        "purpose": code_label("purpose", entry.get("purpose"), lang) if entry.get("purpose") else "",
        "detail": detail_text(entry.get("detail"), lang),
        "client": str(entry.get("client") or ""),
    }
