"""Risk explained: the recorded checklist grade and the graph score side by side, the reasons
behind each, and why they can differ. Shown wherever either appears (the explorer's details panel,
the person page, the council case page); read through the data gate (`Gate.person_risk`: scope,
audit). The text is built by pure functions so that it can be tested without a page."""

from __future__ import annotations

from typing import Any

from dash import html

from pages.components.i18n import t
from pages.components.readable import code_text, date_text
from queries.gate import Gate

GRADE_RANK = {"낮음": 0, "보통": 1, "높음": 2, "매우높음": 3}


def grade_lines(info: dict[str, Any], lang: str) -> list[str]:
    """The recorded grades: the latest checklist (grade, date and agency, items answered yes, how
    many assessments) and the council's grade on the person's latest case."""
    a = info.get("assessment") or {}
    lines: list[str] = []
    if a.get("grade"):
        lines.append(code_text("grade", a["grade"], lang))
        lines.append(t("risk.grade_by", lang, date=date_text(a.get("date")) or "–",
                       agency=a.get("agency_name") or a.get("agency_id") or "–"))
        if a.get("items_yes") is not None and a.get("items_answered"):
            lines.append(t("risk.grade_items", lang, yes=a["items_yes"], answered=a["items_answered"]))
        elif a.get("items_yes"):
            lines.append(t("risk.grade_yes", lang, yes=a["items_yes"]))
        if (info.get("assessments") or 0) > 1:
            lines.append(t("risk.grade_latest", lang, n=info["assessments"]))
    else:
        lines.append(t("risk.grade_none", lang))
    c = info.get("council") or {}
    if c.get("risk_level"):
        lines.append(t("risk.council", lang, grade=code_text("risk_level", c["risk_level"], lang),
                       case=c.get("case_id") or "–", date=date_text(c.get("meeting_date")) or "–"))
    return lines


def score_lines(score: Any, ready: bool, lang: str) -> tuple[str, list[str]]:
    """(headline, reasons) of the graph score: "2점 · 낮음" and "+2 최근 12개월 신고 2건" …"""
    if score is None:
        return t("risk.score_pending" if not ready else "risk.score_none", lang), []
    head = t("risk.score_value", lang, score=score.score, level=code_text("grade", score.level, lang))
    if getattr(score, "as_of", None):   # stored scores are as of the day they were scored
        head = t("risk.as_of", lang, value=head, date=date_text(score.as_of))
    reasons = [f"+{points} {ko if lang == 'ko' else en}" for ko, en, points in score.reasons]
    if getattr(score, "council_rule_calls", False):
        reasons.append(t("risk.rule_calls", lang))
    if getattr(score, "council_rule_checklist", False):
        reasons.append(t("risk.rule_checklist", lang))
    return head, reasons or [t("risk.score_no_reasons", lang)]


def model_lines(score: Any, lang: str) -> tuple[str, list[str]] | None:
    """(headline, reasons) of the fitted model when one is in use: "182일 안에 다시 신고될 가능성
    23% · 보통" and "최근 90일 신고: 2건 (위험 2.3배)" …; None without a model."""
    model = getattr(score, "model", None)
    if model is None:
        return None
    head = t("risk.model_value", lang, pct=_pct(model.probability), days=model.horizon_days,
             level=code_text("grade", model.level, lang))
    reasons = [ko if lang == "ko" else en for ko, en, _ in model.reasons] or [t("risk.model_no_reasons", lang)]
    if model.serious_probability is not None:
        reasons.append(t("risk.model_serious", lang, pct=_pct(model.serious_probability)))
    return head, reasons


def _pct(p: float) -> str:
    return f"{p * 100:.0f}" if p >= 0.01 else "<1"


def differ_note(info: dict[str, Any], lang: str) -> str:
    """Why the two differ: always the general sentence; when the grade and the level disagree by
    two steps or more, the reason in this case too."""
    note = t("risk.differ", lang)
    grades = [g for g in ((info.get("assessment") or {}).get("grade"), (info.get("council") or {}).get("risk_level"))
              if g in GRADE_RANK]
    score = info.get("score")
    if not grades or score is None or score.level not in GRADE_RANK:
        return note
    grade = max(GRADE_RANK[g] for g in grades)
    level = GRADE_RANK[score.level]
    if grade - level >= 2:
        note += " " + t("risk.high_grade_low_score", lang)
    elif level - grade >= 2:
        note += " " + t("risk.low_grade_high_score", lang)
    return note


def risk_view(info: dict[str, Any] | None, lang: str, who: str | None = None) -> html.Div | None:
    """The two columns and the note; None when there is nothing to show for the person."""
    if info is None:
        return None
    grades = grade_lines(info, lang)
    head, reasons = score_lines(info.get("score"), bool(info.get("ready")), lang)
    title = t("risk.title_of", lang, who=who) if who else t("risk.title", lang)
    model = model_lines(info.get("score"), lang)
    model_column = [] if model is None else [html.Div([
        html.Div(t("risk.model_head", lang), className="risk-label", title=t("risk.model_why", lang)),
        html.Div(model[0], className="risk-value", title=t("risk.model_levels", lang)),
        html.Ul([html.Li(x) for x in model[1]])], className="risk-model")]
    return html.Div([
        html.H5(title),
        html.Div([
            html.Div([html.Div(t("risk.grade_head", lang), className="risk-label", title=t("risk.grade_why", lang)),
                      html.Div(grades[0], className="risk-value"),
                      html.Ul([html.Li(x) for x in grades[1:]])], className="risk-grade"),
            html.Div([html.Div(t("risk.score_head", lang), className="risk-label", title=t("risk.score_why", lang)),
                      html.Div(head, className="risk-value", title=t("risk.score_levels", lang)),
                      html.Ul([html.Li(x) for x in reasons])], className="risk-score"),
            *model_column,
        ], className="risk-columns"),
        html.P(differ_note(info, lang), className="hint risk-note"),
    ], className="risk-explained")


def risk_explained(lang: str, gate: Gate, person_id: str, who: str | None = None) -> html.Div | None:
    """Risk explained for one person, read through the gate (None outside the user's scope)."""
    return risk_view(gate.person_risk(str(person_id)), lang, who)


def has_risk(info: dict[str, Any] | None) -> bool:
    """Whether there is a grade or a score to explain (else, say, for an offender, nothing is shown)."""
    return bool(info and ((info.get("assessment") or {}).get("grade") or (info.get("council") or {}).get("risk_level")
                          or info.get("score") is not None))


def case_risk(lang: str, gate: Gate, people: list[dict[str, Any]], show: Any) -> html.Div | None:
    """Risk explained for each person of a council case the user may see: the victim always, the
    offender when there is a grade or a score of their own."""
    blocks = []
    for p in {str(p["person_id"]): p for p in people if p.get("person_id")}.values():
        info = gate.person_risk(str(p["person_id"]))
        if info is None or (p.get("role") != "victim" and not has_risk(info)):
            continue
        role = t(f"role.{p['role']}", lang) if p.get("role") else ""
        blocks.append(risk_view(info, lang, f"{role} {show('name', p.get('name'))}".strip()))
    return html.Div(blocks, className="case-risk") if blocks else None
