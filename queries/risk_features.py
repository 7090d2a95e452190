"""The risk model's inputs: each victim's history before a cut-off, put into a few named bins.

One declared `Feature` per input (name, Korean and English label, how its value is read from a row
of `queries/analytics/risk_features.cypher`, and its bins with labels). The same function reads
the features when the model is fitted on past cut-offs (`risk/`) and when a victim is scored
today (`queries/risk.py`), so what the model learnt and what it is shown cannot drift apart.

Sex and age are deliberately not inputs: the model's performance is reported by them (fairness),
but a person's sex or age does not by itself raise or lower their score. Crime type (child and
elder abuse) carries what age legitimately says about the situation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

SEPARATION = {"전배우자", "전연인"}
PARTNER = {"배우자", "동거인", "연인"}
FAMILY = {"부모", "자녀", "형제자매", "친족"}
ORDER_OUTCOMES = {"임시조치", "긴급임시조치", "응급조치"}
PROTECTION = {"신변보호", "스마트워치", "위치추적"}
CATEGORIES = ("가정폭력", "스토킹", "데이트폭력", "아동학대", "성폭력", "노인학대", "기타")
CATEGORIES_EN = ("domestic violence", "stalking", "dating violence", "child abuse", "sexual violence",
                 "elder abuse", "other")
GRADES = ("낮음", "보통", "높음", "매우높음")
GRADES_EN = ("low", "medium", "high", "very high")


def day(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def call_severity(call: dict[str, Any]) -> int:
    """Severity 0–13 of one call, the same rule as queries/escalation.cypher."""
    sev = {"C0": 4, "C1": 3, "C2": 2, "C3": 1}.get(call.get("priority") or "", 0)
    sev += 3 if call.get("weapon") is True else 0
    sev += 3 if call.get("injury") is True else 0
    sev += 2 if call.get("order") or call.get("outcome") in ORDER_OUTCOMES else 0
    sev += 1 if call.get("outcome") == "형사입건" else 0
    return sev


@dataclass(frozen=True)
class History:
    """One victim's row, read once: calls sorted, the last 12 months split out."""
    row: dict[str, Any]
    as_of: date
    calls: list[dict[str, Any]]
    recent: list[dict[str, Any]]

    @classmethod
    def of(cls, row: dict[str, Any], as_of: date) -> History:
        calls = sorted(row.get("calls") or [], key=lambda c: (c["at"], c.get("call_id") or ""))   # ties: by id
        recent = [c for c in calls if day(c["at"]) >= as_of - timedelta(days=365)]
        return cls(row, as_of, calls, recent)

    def within(self, items: list[dict[str, Any]] | None, days: int) -> list[dict[str, Any]]:
        return [x for x in items or [] if x.get("date") and day(x["date"]) >= self.as_of - timedelta(days=days)]


@dataclass(frozen=True)
class Feature:
    """A model input: `value(history)` is a number cut at `cuts` (bin i holds values ≤ cuts[i],
    the last bin the rest) or, when `cuts` is None, already a bin index; `bins` label each bin.
    Bins are ordered (more calls, longer ago …) unless `nominal` (categories without an order)."""
    name: str
    ko: str
    en: str
    value: Callable[[History], float]
    bins: tuple[tuple[str, str], ...]
    cuts: tuple[float, ...] | None = None
    nominal: bool = False

    def bin(self, h: History) -> int:
        x = self.value(h)
        if self.cuts is None:
            return int(x)
        return next((i for i, c in enumerate(self.cuts) if x <= c), len(self.cuts))


def _grade(h: History) -> int:
    grade = (h.row.get("assessment") or {}).get("grade")
    return GRADES.index(grade) + 1 if grade in GRADES else 0


def _relation(h: History) -> int:
    rel = set(h.row.get("relations") or [])
    if rel & SEPARATION:
        return 1
    if rel & PARTNER:
        return 2
    if rel & FAMILY:
        return 3
    return 4 if rel else 0


def _category(h: History) -> int:
    last = h.calls[-1].get("category") if h.calls else None
    return CATEGORIES.index(last) if last in CATEGORIES else len(CATEGORIES) - 1


def _trend(h: History) -> int:
    if len(h.recent) < 2:
        return 1
    first, last = call_severity(h.recent[0]), call_severity(h.recent[-1])
    return 2 if last > first else 0 if last < first else 1


def _children(h: History) -> int:
    seen = any(c.get("child_present") is True or c.get("child_witness") for c in h.calls)
    return int(seen or (h.row.get("household_children") or 0) > 0)


def _days_since_last(h: History) -> float:
    return (h.as_of - day(h.calls[-1]["at"])).days if h.calls else 10_000


def _mean_gap(h: History) -> float | None:
    """Mean days between the victim's calls (None with fewer than two): the pace of this victim's
    history, which says more about the next call than the count alone."""
    if len(h.calls) < 2:
        return None
    return max((day(h.calls[-1]["at"]) - day(h.calls[0]["at"])).days / (len(h.calls) - 1), 1.0)


def _pace(h: History) -> int:
    gap = _mean_gap(h)
    return 0 if gap is None else 1 if gap <= 14 else 2 if gap <= 45 else 3 if gap <= 120 else 4


def _overdue(h: History) -> int:
    """Days since the last call in units of the victim's own mean gap: 0 no pace yet, 1 within one
    gap, 2 within three, 3 longer (the pattern has likely stopped)."""
    gap = _mean_gap(h)
    if gap is None:
        return 0
    ratio = _days_since_last(h) / gap
    return 1 if ratio <= 1 else 2 if ratio <= 3 else 3


def _months_known(h: History) -> float:
    return (h.as_of - day(h.calls[0]["at"])).days / 30.4 if h.calls else 0


_yes_no = (("아니오", "no"), ("예", "yes"))

FEATURES: tuple[Feature, ...] = (
    Feature("calls_12m", "최근 12개월 신고", "calls in the last 12 months",
            lambda h: len(h.recent), (("0건", "none"), ("1건", "1"), ("2건", "2"), ("3–4건", "3–4"), ("5건 이상", "5+")),
            (0, 1, 2, 4)),
    Feature("calls_90d", "최근 90일 신고", "calls in the last 90 days",
            lambda h: sum(1 for c in h.recent if day(c["at"]) >= h.as_of - timedelta(days=90)),
            (("0건", "none"), ("1건", "1"), ("2건", "2"), ("3건 이상", "3+")), (0, 1, 2)),
    Feature("pace", "신고 간격(평균)", "mean gap between calls", _pace,
            (("신고 1건", "one call"), ("14일 이하", "≤ 14 days"), ("15–45일", "15–45 days"),
             ("46–120일", "46–120 days"), ("120일 넘게", "over 120 days"))),
    Feature("overdue", "평소 간격 대비 경과", "time since the last call against the usual gap", _overdue,
            (("신고 1건", "one call"), ("평소 간격 이내", "within the usual gap"), ("평소의 3배 이내", "within 3 gaps"),
             ("평소의 3배 넘게", "over 3 gaps"))),
    Feature("calls_total", "전체 신고 이력", "calls ever", lambda h: len(h.calls),
            (("1건", "1"), ("2건", "2"), ("3건", "3"), ("4–5건", "4–5"), ("6–9건", "6–9"), ("10건 이상", "10+")),
            (1, 2, 3, 5, 9)),
    Feature("days_since_last", "마지막 신고 후", "since the last call", _days_since_last,
            (("7일 이내", "≤ 7 days"), ("8–30일", "8–30 days"), ("31–90일", "31–90 days"), ("91–180일", "91–180 days"),
             ("181–365일", "181–365 days"), ("1년 넘게", "over a year")), (7, 30, 90, 180, 365)),
    Feature("months_known", "첫 신고 후", "since the first call", _months_known,
            (("6개월 미만", "under 6 months"), ("6–24개월", "6–24 months"), ("2년 이상", "2 years or more")),
            (6, 24)),
    Feature("severity_12m", "최근 12개월 최고 심각도", "highest severity, last 12 months",
            lambda h: max((call_severity(c) for c in h.recent), default=-1),
            (("신고 없음", "no call"), ("낮음(0–3)", "low (0–3)"), ("중간(4–6)", "medium (4–6)"),
             ("높음(7+)", "high (7+)")), (-1, 3, 6)),
    Feature("severity_trend", "최근 12개월 심각도 변화", "severity over the last 12 months", _trend,
            (("하락", "falling"), ("변화 없음", "no change"), ("상승", "rising"))),
    Feature("weapon", "흉기 사용 이력", "a weapon was used", lambda h: int(any(c.get("weapon") is True for c in h.calls)),
            _yes_no),
    Feature("injury", "상해 이력", "an injury was recorded", lambda h: int(any(c.get("injury") is True for c in h.calls)),
            _yes_no),
    Feature("order", "임시·긴급조치 이력", "a restraining order on a call",
            lambda h: int(any(c.get("order") or c.get("outcome") in ORDER_OUTCOMES for c in h.calls)), _yes_no),
    Feature("protection", "신변보호·스마트워치", "protection or a smartwatch",
            lambda h: int(any(p.get("type") in PROTECTION for p in h.row.get("protections") or [])), _yes_no),
    Feature("grade", "최근 체크리스트 위험등급", "latest checklist grade", _grade,
            (("체크리스트 없음", "no checklist"),) + tuple(zip(GRADES, GRADES_EN, strict=True))),
    Feature("checklist_yes", "체크리스트 '예' 문항", "checklist items answered yes",
            lambda h: (h.row.get("assessment") or {}).get("yes") or 0,
            (("0–6개", "0–6"), ("7–13개", "7–13"), ("14개 이상", "14+")), (6, 13)),
    Feature("assessments", "체크리스트 횟수", "checklists filled in", lambda h: h.row.get("assessments") or 0,
            (("없음", "none"), ("1회", "once"), ("2회 이상", "twice or more")), (0, 1)),
    Feature("suspect_other_victims", "가해자의 다른 피해자", "the suspect's other victims",
            lambda h: h.row.get("suspect_other_victims") or 0, (("없음", "none"), ("1명", "1"), ("2명 이상", "2+")), (0, 1)),
    Feature("suspect_calls", "가해자 신고 이력", "calls naming the suspect",
            lambda h: h.row.get("suspect_calls") or 0,
            (("없음", "none"), ("1건", "1"), ("2–4건", "2–4"), ("5건 이상", "5+")), (0, 1, 4)),
    Feature("relation", "가해자와의 관계", "relation to the suspect", _relation,
            (("기록 없음", "not recorded"), ("전배우자·전연인(분리)", "former partner (separated)"),
             ("배우자·동거인·연인", "partner"), ("가족·친족", "family"), ("지인·모르는 사람", "other")), nominal=True),
    Feature("category", "최근 신고 사건종별", "latest call's crime type", _category,
            tuple(zip(CATEGORIES, CATEGORIES_EN, strict=True)), nominal=True),
    Feature("children", "아동 동석·동거", "children present or in the household", _children, _yes_no),
    Feature("household_others", "함께 사는 가구원", "other household members",
            lambda h: h.row.get("household_others") or 0, (("없음", "none"), ("1–2명", "1–2"), ("3명 이상", "3+")), (0, 2)),
    Feature("agencies", "관여 기관", "agencies involved", lambda h: h.row.get("agencies") or 0,
            (("0–1곳", "0–1"), ("2곳", "2"), ("3곳 이상", "3+")), (1, 2)),
    Feature("services_12m", "최근 12개월 지원", "services in the last 12 months",
            lambda h: len(h.within(h.row.get("services"), 365)), (("없음", "none"), ("1–2회", "1–2"), ("3회 이상", "3+")),
            (0, 2)),
    Feature("shelter", "보호시설 지원 이력", "shelter support",
            lambda h: int(any(s.get("field") == "주거·보호시설" for s in h.row.get("services") or [])), _yes_no),
    Feature("council", "협의회 안건 이력", "on the council's agenda",
            lambda h: 0 if not h.row.get("council_dates") else
            2 if max(day(d) for d in h.row["council_dates"]) >= h.as_of - timedelta(days=365) else 1,
            (("없음", "never"), ("1년 넘게 전", "over a year ago"), ("최근 12개월", "in the last 12 months"))),
)
BY_NAME = {f.name: f for f in FEATURES}


def feature_bins(row: dict[str, Any], as_of: date) -> dict[str, int]:
    """{feature name: bin index} for one victim's row of risk_features.cypher at `as_of`."""
    h = History.of(row, as_of)
    return {f.name: f.bin(h) for f in FEATURES}


def age_group(birth_year: Any, as_of: date) -> str:
    """The fairness report's age groups (not a model input)."""
    if not isinstance(birth_year, int):
        return "unknown"
    age = as_of.year - birth_year
    return "<18" if age < 18 else "18–39" if age < 40 else "40–64" if age < 65 else "65+"
