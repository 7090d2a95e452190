"""An agenda suggestion's reasons in words (pure): each reason (suggest/rules.py: rule, person_id,
fact_ids, on, detail) as one sentence in the user's language — "12개월 내 3번째 신고 (3건)",
"위험도 상승: 심각도 2→7, 흉기", "기관 4곳 접촉, 협의회 미상정", "위험 점수 12점 (매우높음)" — and
the rules as short chip labels. Only codes, counts and ids are read: a reason holds no personal value.
"""

from __future__ import annotations

from typing import Any

from pages.components.codes import code_label
from pages.components.i18n import STRINGS, t

RULE_ORDER = ("marac", "escalation", "serial", "child", "fragmented", "risk")


def rule_label(rule: str, lang: str) -> str:
    key = f"sg.rule.{rule}"
    return t(key, lang) if key in STRINGS else rule


def rules_sorted(rules: list[str] | None) -> list[str]:
    """The rules in the page's order (the heavier first, as suggest/rules.py WEIGHTS rank them)."""
    known = [r for r in RULE_ORDER if r in (rules or [])]
    return known + sorted(r for r in rules or [] if r not in RULE_ORDER)


def window_text(days: Any, lang: str) -> str:
    """A rule's window: whole years or 30-day months as months (365 → 12개월), else days."""
    try:
        n = int(days)
    except (TypeError, ValueError):
        n = 365
    if n > 0 and n % 365 == 0:
        return t("sg.months", lang, n=12 * n // 365)
    if n > 0 and n % 30 == 0:
        return t("sg.months", lang, n=n // 30)
    return t("sg.days", lang, n=n)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def reason_text(reason: dict[str, Any], lang: str) -> str:
    """One reason as a sentence in `lang`."""
    rule = reason.get("rule")
    d = reason.get("detail") or {}
    facts = len(reason.get("fact_ids") or [])
    if rule == "marac":
        return t("sg.why.marac", lang, window=window_text(d.get("days"), lang),
                 n=_int(d.get("calls")) or facts, facts=facts)
    if rule == "escalation":
        parts = []
        for kind in d.get("kinds") or []:
            if kind == "severity":
                parts.append(t("sg.why.severity", lang, a=d.get("from_severity", "?"),
                               b=d.get("to_severity", "?")))
            elif kind == "faster":
                parts.append(t("sg.why.faster", lang, a=d.get("previous_gap_days", "?"),
                               b=d.get("gap_days", "?")))
            elif kind in ("weapon", "injury"):
                parts.append(t(f"sg.why.{kind}", lang))
        return t("sg.why.escalation", lang, what=", ".join(parts) or "-")
    if rule == "child":
        extra = [t("sg.why.child_witness", lang)] if d.get("witness") else []
        if d.get("first_exposure"):
            extra.append(t("sg.why.child_first", lang))
        if _int(d.get("calls")):
            extra.append(t("sg.why.child_calls", lang, n=_int(d.get("calls"))))
        return t("sg.why.child", lang) + (f" ({', '.join(extra)})" if extra else "")
    if rule == "fragmented":
        n = _int(d.get("agencies")) or len(d.get("agency_ids") or []) or facts
        return t("sg.why.fragmented", lang, n=n)
    if rule == "serial":
        text = t("sg.why.serial", lang)
        if d.get("offender_id"):
            victims = _int(d.get("victims")) or 2
            text += f" ({t('sg.why.serial_victims', lang, id=d['offender_id'], n=victims)})"
        return text
    if rule == "risk":
        text = t("sg.why.risk", lang, points=_int(d.get("points")) if d.get("points") is not None else "?")
        level = d.get("level")
        return text + (f" ({code_label('grade', level, lang)})" if level else "")
    return t("sg.why.unknown", lang, rule=rule)


def call_ids(reason: dict[str, Any]) -> list[str]:
    """The reason's facts that are calls (fact ids; agency contacts are `agency:<code>`)."""
    return [str(f) for f in reason.get("fact_ids") or [] if not str(f).startswith("agency:")]


def agency_ids(reason: dict[str, Any]) -> list[str]:
    """The agencies a reason names: its `agency:<code>` facts."""
    return [str(f).split(":", 1)[1] for f in reason.get("fact_ids") or [] if str(f).startswith("agency:")]


def ordered_reasons(reasons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reasons by rule (the page's order), then newest first, then person."""
    rank = {r: i for i, r in enumerate(RULE_ORDER)}
    newest_first = sorted(reasons, key=lambda r: str(r.get("on") or ""), reverse=True)
    return sorted(newest_first,
                  key=lambda r: (rank.get(r.get("rule"), len(rank)), str(r.get("person_id") or "")))
