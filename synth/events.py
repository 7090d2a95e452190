"""What happens around each call: police outcome and measures, risk checklists, and services by
partner agencies with referrals between them."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from synth.agencies import Agency
from synth.incidents import PRIORITIES, PRIORITY_WEIGHTS, Call, Series
from synth.world import Counters, Person, Population

N_ITEMS = 28  # the unified checklist (May 2023): 18 common + 10 crime-specific items
_SUMMARY = {
    "가정폭력": ("남편이 술을 마시고 폭행한다는 신고", "배우자가 물건을 던지며 위협", "부부싸움 중 폭행, 피해자 귀가 거부",
              "가족 간 폭언, 흉기로 위협했다고 함"),
    "스토킹": ("헤어진 연인이 집 앞에서 기다림", "지속적으로 연락하고 따라다닌다는 신고", "직장 앞 반복 방문"),
    "데이트폭력": ("연인이 휴대폰을 빼앗고 폭행", "헤어지자고 하자 폭행", "차 안에서 감금, 폭행"),
    "아동학대": ("아이 우는 소리와 때리는 소리", "학교에서 멍 발견, 교사 신고", "보호자가 아이를 방치"),
    "성폭력": ("지인에 의한 성추행 신고", "귀가 중 추행 피해", "술자리 후 성폭력 피해 신고"),
    "노인학대": ("아들이 어머니에게 폭언, 폭행", "노부모 방임 의심 신고"),
    "기타": ("형제 간 다툼, 폭행", "친척 간 재산 문제로 다툼"),
}


@dataclass(eq=False)
class PoliceMeasure:
    measure_id: str
    call: Call | None
    date: date
    type: str
    person: Person
    end_date: date | None


@dataclass(eq=False)
class Assessment:
    assessment_id: str
    call: Call | None
    date: date
    agency_id: str
    person: Person
    items: list[bool | None]
    grade: str


@dataclass(eq=False)
class Service:
    agency: Agency
    service_id: str
    client_ref: str
    date: date
    person: Person
    role: str
    field: str
    description: str
    referred_by: str
    call: Call | None


GRADES = ("낮음", "보통", "높음", "매우높음")


def grade_from_yes(yes: int) -> int:
    """Index into GRADES from the count of "yes" answers (documented in docs/synthetic-data.md)."""
    return 3 if yes >= 16 else 2 if yes >= 10 else 1 if yes >= 5 else 0


class EventBuilder:
    def __init__(self, rng: random.Random, pop: Population, counters: Counters,
                 precinct_of: dict[str, str], station_of: dict[str, str]) -> None:
        self.rng, self.pop, self.c = rng, pop, counters
        self.precinct_of, self.station_of = precinct_of, station_of
        self.calls: list[Call] = []

    def new_call(self, s: Series, t: datetime, i: int, n: int) -> Call:
        rng = self.rng
        e = i / (n - 1) if s.escalating and n > 1 else 0.0
        home = s.victim.household_at(t.date())
        place = home
        if s.category in ("데이트폭력", "스토킹", "성폭력") and rng.random() < 0.15:
            place = s.offender.household_at(t.date())
        weapon = rng.random() < 0.04 + 0.45 * e
        injury = rng.random() < 0.15 + 0.55 * e
        prio = rng.choices(range(5), PRIORITY_WEIGHTS)[0] - round(2 * e) - (1 if weapon else 0)
        risk = min(1.0, rng.uniform(0.12, 0.4) + 0.4 * e + 0.05 * min(i, 4) + (0.1 if weapon else 0))
        if injury or weapon or risk > 0.6:
            outcome = rng.choices(("형사입건", "긴급임시조치", "임시조치", "응급조치", "타기관인계"), (40, 20, 15, 15, 10))[0]
        else:
            outcome = rng.choices(("현장종결", "형사입건", "응급조치", "타기관인계", "임시조치", "기타"),
                                  (62, 12, 8, 9, 3, 6))[0]
        persons: list[tuple[str, Person, str]] = [("피해자", s.victim, ""), ("가해자", s.offender, s.relation)]
        kids = [p for p in home.members if p.household_at(t.date()) is home and p.age_at(t.date()) < 14
                and p is not s.victim and p is not s.offender]
        child_present: bool | None = False
        if s.category == "아동학대":
            child_present = True
        elif kids and s.category in ("가정폭력", "기타", "노인학대") and place is home and rng.random() < 0.4:
            child_present = True
            for k in rng.sample(kids, min(len(kids), rng.randint(1, 2))):
                persons.append(("목격아동", k, "자녀" if s.relation in ("배우자", "동거인", "전배우자") else "친족"))
        r = rng.random()
        if r < 0.2:  # a family member calls
            others = [p for p in home.members if p.household_at(t.date()) is home and p.age_at(t.date()) >= 14
                      and p is not s.victim and p is not s.offender]
            if others:
                reporter = rng.choice(others)
                rel = "자녀" if reporter.birth.year > s.victim.birth.year + 15 else "친족"
                persons.append(("신고자", reporter, rel))
        elif r < 0.42:  # a neighbour calls
            neighbour = self.pop.single(t.date(), rng.randint(25, 75), rng.choice("MF"), near=place.address)
            persons.append(("신고자", neighbour, "모르는사람"))
        summary = rng.choice(_SUMMARY[s.category])
        if weapon:
            summary += ", 흉기 사용"
        call = Call(
            call_id=f"112-{t:%Y%m%d}-{self.c.next('call'):07d}", time=t, category=s.category,
            priority=PRIORITIES[max(0, min(4, prio))], address=place.address, household=place,
            agency_id=self.precinct_of[place.address.district], outcome=outcome,
            weapon=None if rng.random() < 0.04 else weapon, injury=None if rng.random() < 0.05 else injury,
            child_present=None if rng.random() < 0.05 else child_present, summary=summary,
            persons=persons, series=s, index=i, risk=risk)
        self.calls.append(call)
        return call

    # -- police measures ------------------------------------------------------------------------
    def police_measures(self) -> list[PoliceMeasure]:
        rng, out = self.rng, []
        for call in self.calls:
            d = call.time.date()
            stalking = call.category == "스토킹"
            if call.outcome in ("임시조치", "긴급임시조치", "응급조치"):
                if stalking:
                    kind = rng.choice(("긴급응급조치", f"잠정조치{rng.randint(1, 4)}호"))
                elif call.outcome == "긴급임시조치":
                    kind = "긴급임시조치"
                else:
                    kind = f"임시조치{rng.choices((1, 2, 3, 4, 5), (30, 35, 25, 5, 5))[0]}호"
                out.append(self._measure(call, d + timedelta(days=rng.randint(0, 3)), kind, call.series.offender))
            if (call.index >= 1 or call.risk > 0.55) and rng.random() < 0.3:
                kind = rng.choices(("신변보호", "스마트워치", "위치추적"), (55, 35, 10))[0]
                out.append(self._measure(call, d + timedelta(days=rng.randint(0, 5)), kind, call.series.victim))
        return out

    def _measure(self, call: Call, d: date, kind: str, person: Person) -> PoliceMeasure:
        end = d + timedelta(days=self.rng.choice((30, 60, 90, 180))) if self.rng.random() < 0.7 else None
        mid = f"PM-{d.year}-{self.c.next('police_measure'):07d}"
        return PoliceMeasure(mid, call if self.rng.random() < 0.85 else None, d, kind, person, end)

    # -- risk checklists --------------------------------------------------------------------------
    def assessments(self) -> list[Assessment]:
        rng, out = self.rng, []
        share = {"가정폭력": 0.55, "스토킹": 0.55, "데이트폭력": 0.5, "아동학대": 0.15}
        for call in self.calls:
            if rng.random() < share.get(call.category, 0.0):
                out.append(self.assessment(call, call.time.date(), call.agency_id, call.risk))
        return out

    def assessment(self, call: Call | None, d: date, agency_id: str, risk: float) -> Assessment:
        rng = self.rng
        items = [None if rng.random() < 0.06 else rng.random() < risk for _ in range(N_ITEMS)]
        g = grade_from_yes(sum(1 for x in items if x))
        if rng.random() < 0.12:  # the officer's judgement disagrees with the count
            g = max(0, min(3, g + rng.choice((-1, 1))))
        aid = f"RA-{d.year}-{self.c.next('assessment'):07d}"
        person = call.series.victim if call else None
        assert person is not None
        return Assessment(aid, call if call is None or rng.random() < 0.9 else None, d, agency_id, person, items, GRADES[g])
