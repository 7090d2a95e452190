"""A transparent risk score per victim (and per household): points for recorded checklist items
and for history in the graph, each shown as a reason next to the number. See docs/risk.md.

`score_features(row, as_of)` scores one victim's row of risk_features.cypher (`victim_features`).
`score_victims(runner, as_of)` scores every victim at once from the history read in a few flat
pulls (queries/risk_history.py, queries/risk_snapshot.py), with the same points and reasons. Both
use only records dated before `as_of`, so the same functions serve the app (as_of = today) and
the honest validation of risk/ (as_of = a past cut-off, outcomes taken after it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from graph.cypher_files import NamedQuery, load_directory
from graph.runner import Runner
from queries.risk_features import SEPARATION, call_severity, day
from queries.risk_history import EPOCH, read_history
from queries.risk_model import FittedModel, ModelScore
from queries.risk_snapshot import GRADE_ORDER, GRADE_POINTS, REL_SEPARATION, Snapshot, snapshot

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
    as_of: date | None = None             # the day it was scored (stored scores, risk/scores.py)

    def as_row(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "name": self.name, "household_id": self.household_id,
                "score": self.score, "level": self.level, "grade": self.grade, "calls_12m": self.calls_12m,
                "council_rule_calls": self.council_rule_calls, "council_rule_checklist": self.council_rule_checklist,
                "reasons": [{"ko": k, "en": e, "points": p} for k, e, p in self.reasons],
                "model_probability": self.model.probability if self.model else None,
                "model_level": self.model.level if self.model else None}


# The reasons' texts, each made once per distinct number: every victim with 3 calls shares one
# tuple, which keeps the app's scores of every victim small.
@lru_cache(maxsize=4096)
def _grade_reason(grade: str | None, graded_on: date | None, points: int) -> tuple[str, str, int]:
    graded = f" ({graded_on.isoformat()})" if graded_on else ""
    en = GRADE_EN.get(grade or "", grade)
    return f"체크리스트 위험등급 {grade}{graded}", f"checklist grade {en}{graded}", points


@lru_cache(maxsize=4096)
def _counted_reason(kind: str, n: int, points: int) -> tuple[str, str, int]:
    ko, en = {"yes": (f"체크리스트 '예' {n}개", f"{n} checklist items answered yes"),
              "calls": (f"최근 12개월 신고 {n}건", f"{n} calls in the last 12 months"),
              "gap": (f"마지막 신고 후 {n}일", f"{n} days since the last call"),
              "others": (f"가해자의 다른 피해자 {n}명", f"the suspect has {n} other victim(s)"),
              "agencies": (f"관여 기관 {n}곳", f"{n} agencies involved")}[kind]
    return ko, en, points


_FIXED = {"rising": ("최근 12개월 심각도 상승", "severity rising over the last 12 months", 2),
          "weapon": ("흉기 사용 이력", "a weapon was used", 2), "injury": ("상해 이력", "an injury was recorded", 2),
          "children": ("아동 동석·동거", "children present or in the household", 1),
          "separation": ("전배우자·전연인(분리)", "separation (former spouse or partner)", 2)}


def hand_reasons(grade: str | None, graded_on: date | None, yes: int, calls_12m: int, gap: int | None,
                 rising: bool, weapon: bool, injury: bool, others: int, children: bool, separated: bool,
                 agencies: int) -> list[tuple[str, str, int]]:
    """The hand score's reasons (text, text, points), those with points only, in a fixed order."""
    n = calls_12m
    points = [("grade", GRADE_POINTS.get(grade or "", 0)),
              ("yes", 2 if yes >= 14 else (1 if yes >= 7 else 0)),
              ("calls", 6 if n >= 5 else 4 if n >= 3 else 2 if n == 2 else 0),
              ("gap", 0 if gap is None else 3 if gap <= 30 else 2 if gap <= 90 else 1 if gap <= 180 else 0),
              ("rising", 2 if rising else 0), ("weapon", 2 if weapon else 0), ("injury", 2 if injury else 0),
              ("others", 2 if others else 0), ("children", 1 if children else 0),
              ("separation", 2 if separated else 0), ("agencies", 1 if agencies >= 3 else 0)]
    counted = {"yes": yes, "calls": n, "gap": gap, "others": others, "agencies": agencies}
    return [_grade_reason(grade, graded_on, p) if kind == "grade" else
            _counted_reason(kind, counted[kind], p) if kind in counted else _FIXED[kind]
            for kind, p in points if p]


def _risk_score(person_id: str, name: str | None, household_id: str | None, grade: str | None,
                calls_12m: int, reasons: list[tuple[str, str, int]]) -> RiskScore:
    score = sum(p for _, _, p in reasons)
    return RiskScore(person_id=person_id, name=name, household_id=household_id, score=score,
                     level=next(label for floor, label in LEVELS if score >= floor), reasons=reasons,
                     calls_12m=calls_12m, council_rule_calls=calls_12m >= 3,
                     council_rule_checklist=GRADE_ORDER.get(grade or "", -1) >= GRADE_ORDER["높음"],
                     grade=grade)


def score_features(f: dict[str, Any], as_of: date) -> RiskScore:
    """Points and reasons for one victim's features (one row of risk_features.cypher)."""
    calls = sorted(f.get("calls") or [], key=lambda c: (c["at"], c.get("call_id") or ""))
    recent = [c for c in calls if day(c["at"]) >= as_of - timedelta(days=365)]
    assessment = f.get("assessment") or {}
    grade = assessment.get("grade")
    reasons = hand_reasons(
        grade, day(assessment["date"]) if assessment.get("date") else None, assessment.get("yes") or 0,
        len(recent), (as_of - day(calls[-1]["at"])).days if calls else None,
        len(recent) >= 2 and call_severity(recent[-1]) > call_severity(recent[0]),
        any(c.get("weapon") is True for c in calls), any(c.get("injury") is True for c in calls),
        f.get("suspect_other_victims") or 0,
        any(c.get("child_present") is True or c.get("child_witness") for c in calls)
        or (f.get("household_children") or 0) > 0,
        bool(SEPARATION & set(f.get("relations") or [])), f.get("agencies") or 0)
    return _risk_score(f["person_id"], f.get("name"), f.get("household_id"), grade, len(recent), reasons)


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


def latest_model(runner: Runner, model_id: str | None = None) -> FittedModel | None:
    """The most recently fitted risk model (queries/app/risk_model.cypher), active or not, or the
    one `model_id` names."""
    from queries.db import app_queries  # noqa: PLC0415  (queries.db imports this module lazily too)

    q = app_queries()["risk_model"]
    rows = runner.read(q.text, q.bind({"model_id": model_id}), name="risk.latest_model", row_cap=1).rows
    return FittedModel.from_row(rows[0]) if rows else None


def score_victims(runner: Runner, as_of: date | None = None) -> list[RiskScore]:
    """Every victim's score from records before `as_of` (default today), highest first, each with
    the fitted model's probability and reasons when the latest model is active (docs/risk.md).
    The graph is read in a few flat pulls and every victim scored from arrays
    (queries/risk_history.py, queries/risk_snapshot.py). The app reads the stored scores of
    risk/scores.py instead; this serves the bench and the equality tests."""
    as_of = as_of or date.today()
    model = latest_model(runner)
    model = model if model is not None and model.active else None
    history = read_history(runner)
    return scores_of(snapshot(history, as_of), history.victims, model)


# The hand score's inputs, stored with every victim's score (risk/scores.py, Person.risk_inputs) so
# that a stored score gives back the same points and reasons (`score_from_inputs`). The last call
# is a day number (days since 1970-01-01; -1: none), not "days since": the inputs then stay the
# same from one day to the next, and a daily scoring writes only the victims whose score changed.
HAND_INPUTS = ("yes", "calls_12m", "last_call", "rising", "weapon", "injury", "others", "children", "separated",
               "agencies")


def score_from_inputs(person_id: str, grade: str | None, graded_on: date | None, inputs: list[int],
                      as_of: date, *, name: str | None = None, household_id: str | None = None) -> RiskScore:
    """The hand score (points, level, reasons, council rules) at `as_of` from its inputs
    (HAND_INPUTS order)."""
    yes, n, last_call, rising, weapon, injury, others, children, separated, agencies = inputs
    gap = (as_of - EPOCH).days - last_call if last_call >= 0 else None
    reasons = hand_reasons(grade, graded_on, yes, n, gap, bool(rising), bool(weapon), bool(injury), others,
                           bool(children), bool(separated), agencies)
    return _risk_score(person_id, name, household_id, grade, n, reasons)


def victim_rows(snap: Snapshot) -> list[dict[str, Any]]:
    """Every victim of a snapshot as the row a scoring run stores (risk/scores.py), in the
    snapshot's order, from its arrays at once: person_id, the hand score's points and level, its
    inputs (HAND_INPUTS), the checklist grade and its day (ISO text), and the feature bins."""
    q = snap.values
    points = snap.hand
    level = np.select([points >= floor for floor, _ in LEVELS], [label for _, label in LEVELS], LEVELS[-1][1])
    inputs = np.column_stack([
        q["yes"], q["calls_12m"], (snap.as_of - EPOCH).days - q["days_since_last"], q["severity_trend"] == 2,
        q["weapon"] != 0, q["injury"] != 0, q["others"], q["children"] != 0, (q["relbits"] & REL_SEPARATION) > 0,
        q["agencies"]]).astype(np.int64)
    graded = [None if d < 0 else (EPOCH + timedelta(days=d)).isoformat() for d in snap.graded_on.tolist()]
    return [{"person_id": pid, "points": p, "level": lv, "grade": g, "graded_on": on, "inputs": i, "bins": b}
            for pid, p, lv, g, on, i, b in zip(snap.person_ids.tolist(), points.tolist(), level.tolist(),
                                               snap.grade.tolist(), graded, inputs.tolist(), snap.bins.tolist(),
                                               strict=True)]


def _from_rows(rows: list[dict[str, Any]], as_of: date, model: FittedModel | None,
               names: list[Any] | None = None, households: list[Any] | None = None) -> list[RiskScore]:
    """RiskScore of each row (victim_rows' or stored): the hand score from its inputs and, with a
    model, the model's chance, level and reasons from the bins."""
    scores = [score_from_inputs(r["person_id"], r.get("grade"), _as_date(r.get("graded_on")), list(r["inputs"]),
                                as_of, name=names[i] if names else None,
                                household_id=households[i] if households else None)
              for i, r in enumerate(rows)]
    with_bins = [(s, r["bins"]) for s, r in zip(scores, rows, strict=True) if r.get("bins")]
    if model is not None and with_bins:
        scored = model.score_bins(np.asarray([b for _, b in with_bins], dtype=np.int64))
        for (s, _), m in zip(with_bins, scored, strict=True):
            s.model = m
    return scores


def stored_scores(rows: list[dict[str, Any]], as_of: Any, model: FittedModel | None) -> dict[str, RiskScore]:
    """person_id → RiskScore from stored scores (rows of queries/app/risk_scores.cypher, written by
    risk/scores.py) as of the latest scoring run's day `as_of` (a date or ISO text; every stored
    score holds then: a run rewrites those that changed), with the model the run used."""
    day = _as_date(as_of)
    out = {}
    for s in _from_rows(rows, day, model):
        s.as_of = day
        out[s.person_id] = s
    return out


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def scores_of(snap: Snapshot, people: Any, model: FittedModel | None) -> list[RiskScore]:
    """The hand score (and the model's score) of every victim of a snapshot, highest first;
    `people` is RiskHistory.victims (name and household per person code)."""
    names = people["name"].to_numpy()[snap.codes].tolist()
    households = people["household_id"].to_numpy()[snap.codes].tolist()
    scores = _from_rows(victim_rows(snap), snap.as_of, model, names, households)
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
