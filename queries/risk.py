"""A transparent risk score per victim (and per household): points for recorded checklist items
and for history in the graph, each shown as a reason next to the number. See docs/risk.md.

`score_victims(runner, as_of)` uses only records dated before `as_of`, so the same function serves
the app (as_of = today) and the honest validation in bench/risk_validation.py (as_of = a past
cut-off, outcomes taken after it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.cypher_files import NamedQuery, load_directory
from graph.runner import Runner
from queries.risk_features import SEPARATION, call_severity, day
from queries.risk_model import FittedModel, ModelScore

GRADE_POINTS = {"매우높음": 4, "높음": 3, "보통": 1, "낮음": 0}
GRADE_ORDER = {"매우높음": 3, "높음": 2, "보통": 1, "낮음": 0}
GRADE_EN = {"매우높음": "very high", "높음": "high", "보통": "medium", "낮음": "low"}
LEVELS = ((12, "매우높음"), (8, "높음"), (4, "보통"), (0, "낮음"))


@dataclass
class RiskScore:
    person_id: str
    name: str | None
    household_id: str | None
    score: int
    level: str
    reasons: list[tuple[str, str, int]] = field(default_factory=list)   # (reason_ko, reason_en, points)
    calls_12m: int = 0
    council_rule_calls: bool = False      # ≥ 3 calls in the last 12 months
    council_rule_checklist: bool = False  # latest checklist grade 높음 or 매우높음
    grade: str | None = None
    model: ModelScore | None = None       # the fitted model's chance and reasons, when one is in use

    def as_row(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "name": self.name, "household_id": self.household_id,
                "score": self.score, "level": self.level, "grade": self.grade, "calls_12m": self.calls_12m,
                "council_rule_calls": self.council_rule_calls, "council_rule_checklist": self.council_rule_checklist,
                "reasons": [{"ko": k, "en": e, "points": p} for k, e, p in self.reasons],
                "model_probability": self.model.probability if self.model else None,
                "model_level": self.model.level if self.model else None}


def score_features(f: dict[str, Any], as_of: date) -> RiskScore:
    """Points and reasons for one victim's features (one row of risk_features.cypher)."""
    reasons: list[tuple[str, str, int]] = []

    def add(ko: str, en: str, points: int) -> None:
        if points:
            reasons.append((ko, en, points))

    calls = sorted(f.get("calls") or [], key=lambda c: c["at"])
    recent = [c for c in calls if day(c["at"]) >= as_of - timedelta(days=365)]
    assessment = f.get("assessment") or {}
    grade = assessment.get("grade")
    graded = f" ({day(assessment['date']).isoformat()})" if assessment.get("date") else ""
    add(f"체크리스트 위험등급 {grade}{graded}", f"checklist grade {GRADE_EN.get(grade or '', grade)}{graded}",
        GRADE_POINTS.get(grade or "", 0))
    yes = assessment.get("yes") or 0
    add(f"체크리스트 '예' {yes}개", f"{yes} checklist items answered yes", 2 if yes >= 14 else (1 if yes >= 7 else 0))
    n = len(recent)
    add(f"최근 12개월 신고 {n}건", f"{n} calls in the last 12 months", 6 if n >= 5 else 4 if n >= 3 else 2 if n == 2 else 0)
    if calls:
        gap = (as_of - day(calls[-1]["at"])).days
        add(f"마지막 신고 후 {gap}일", f"{gap} days since the last call",
            3 if gap <= 30 else 2 if gap <= 90 else 1 if gap <= 180 else 0)
    if len(recent) >= 2 and call_severity(recent[-1]) > call_severity(recent[0]):
        add("최근 12개월 심각도 상승", "severity rising over the last 12 months", 2)
    add("흉기 사용 이력", "a weapon was used", 2 if any(c.get("weapon") is True for c in calls) else 0)
    add("상해 이력", "an injury was recorded", 2 if any(c.get("injury") is True for c in calls) else 0)
    others = f.get("suspect_other_victims") or 0
    add(f"가해자의 다른 피해자 {others}명", f"the suspect has {others} other victim(s)", 2 if others else 0)
    children = any(c.get("child_present") is True or c.get("child_witness") for c in calls) \
        or (f.get("household_children") or 0) > 0
    add("아동 동석·동거", "children present or in the household", 1 if children else 0)
    separated = SEPARATION & set(f.get("relations") or [])
    add("전배우자·전연인(분리)", "separation (former spouse or partner)", 2 if separated else 0)
    agencies = f.get("agencies") or 0
    add(f"관여 기관 {agencies}곳", f"{agencies} agencies involved", 1 if agencies >= 3 else 0)
    score = sum(p for _, _, p in reasons)
    return RiskScore(person_id=f["person_id"], name=f.get("name"), household_id=f.get("household_id"), score=score,
                     level=next(label for floor, label in LEVELS if score >= floor), reasons=reasons,
                     calls_12m=n, council_rule_calls=n >= 3,
                     council_rule_checklist=GRADE_ORDER.get(grade or "", -1) >= GRADE_ORDER["높음"], grade=grade)


@lru_cache(maxsize=1)
def _pulls() -> dict[str, NamedQuery]:
    return load_directory(Path(__file__).resolve().parent / "analytics")


def victim_features(runner: Runner, as_of: date) -> list[dict[str, Any]]:
    q = _pulls()["risk_features"]
    return runner.read(q.text, q.bind({"as_of": as_of.isoformat()}), name="risk.features",
                       row_cap=2_000_000, timeout=300).rows


def victim_outcomes(runner: Runner, as_of: date, horizon_days: int) -> dict[str, dict[str, Any]]:
    """person_id → {calls, serious} for victims named on a call in [as_of, as_of + horizon)."""
    q = _pulls()["risk_outcomes"]
    return {r["person_id"]: r for r in runner.read(
        q.text, q.bind({"as_of": as_of.isoformat(), "horizon_days": horizon_days}),
        name="risk.outcomes", row_cap=2_000_000, timeout=300).rows}


def latest_model(runner: Runner) -> FittedModel | None:
    """The most recently fitted risk model (queries/app/risk_model.cypher), active or not."""
    from queries.db import app_queries  # noqa: PLC0415  (queries.db imports this module lazily too)

    q = app_queries()["risk_model"]
    rows = runner.read(q.text, {}, name="risk.latest_model", row_cap=1).rows
    return FittedModel.from_row(rows[0]) if rows else None


def score_victims(runner: Runner, as_of: date | None = None) -> list[RiskScore]:
    """Every victim's score from records before `as_of` (default today), highest first, each with
    the fitted model's probability and reasons when the latest model is active (docs/risk.md)."""
    as_of = as_of or date.today()
    model = latest_model(runner)
    model = model if model is not None and model.active else None
    scores = []
    for f in victim_features(runner, as_of):
        s = score_features(f, as_of)
        if model is not None:
            s.model = model.score(f, as_of)
        scores.append(s)
    scores.sort(key=lambda s: (-s.score, s.person_id))
    return scores


def score_households(scores: list[RiskScore]) -> list[dict[str, Any]]:
    """Per household: the highest victim score, that victim's reasons, and +1 when several
    members are victims."""
    by_household: dict[str, list[RiskScore]] = {}
    for s in scores:
        if s.household_id:
            by_household.setdefault(s.household_id, []).append(s)
    out = []
    for hid, members in by_household.items():
        top = max(members, key=lambda s: s.score)
        reasons = list(top.reasons)
        if len(members) >= 2:
            reasons.append((f"세대 내 피해자 {len(members)}명", f"{len(members)} victims in the household", 1))
        score = sum(p for _, _, p in reasons)
        out.append({"household_id": hid, "score": score,
                    "level": next(label for floor, label in LEVELS if score >= floor),
                    "victims": sorted(s.person_id for s in members), "top_victim": top.person_id,
                    "council_rule_calls": any(s.council_rule_calls for s in members),
                    "council_rule_checklist": any(s.council_rule_checklist for s in members),
                    "reasons": [{"ko": k, "en": e, "points": p} for k, e, p in reasons]})
    out.sort(key=lambda r: (-r["score"], r["household_id"]))
    return out


def auc(scores: list[float], labels: list[bool]) -> float | None:
    """Area under the ROC curve as the Mann–Whitney U statistic with average ranks for ties:
    the chance that a random positive scores above a random negative (ties count one half)."""
    pos = sum(1 for y in labels if y)
    neg = len(labels) - pos
    if pos == 0 or neg == 0:
        return None
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1   # average rank, 1-based
        i = j + 1
    rank_sum = sum(r for r, y in zip(ranks, labels, strict=True) if y)
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)
