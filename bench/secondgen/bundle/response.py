"""What happens when an incident is reported: the 112 call (who is named on it, where, how urgent,
the outcome), police measures on the suspect or for the victim, and the officer's risk checklist.
Measures feed back into the pair's harm process as protection (harm.PairProcess.protect)."""

from __future__ import annotations

import math
import random

from bench.secondgen.bundle import support
from bench.secondgen.bundle.agencies import PRECINCT_OF, Agency, all_agencies, station_of
from bench.secondgen.bundle.events import AssessmentEvent, CallEvent, MeasureEvent, Recorded
from bench.secondgen.bundle.harm import Incident, PairProcess, sigmoid
from bench.secondgen.bundle.pairs import Pair
from bench.secondgen.bundle.people import WINDOW_END, Person, World

_HOURS = (5, 4, 3, 2, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 5, 6, 7, 8, 8, 7)
N_ITEMS = 20
GRADES = ("낮음", "보통", "높음", "매우높음")
# Protection (factor on the intensity, days in force) of each police measure.
POLICE_PROTECTION = {"긴급임시조치": (0.4, 30), "임시조치": (0.35, 60), "긴급응급조치": (0.4, 30),
                     "잠정조치": (0.35, 60), "신변보호": (0.6, 60), "스마트워치": (0.6, 90), "형사입건": (0.5, 30)}
_ACTOR = {"배우자": ("남편", "아내"), "전배우자": ("전 남편", "전 아내"), "동거인": ("동거남", "동거녀"),
          "연인": ("남자친구", "여자친구"), "전연인": ("전 남자친구", "전 여자친구"), "부모": ("아버지", "어머니"),
          "자녀": ("아들", "딸"), "지인": ("아는 남성", "아는 여성"), "모르는사람": ("모르는 남성", "모르는 여성")}
_ACTS = {"가정폭력": ("술에 취해 폭행", "말다툼 중 밀치고 때림", "폭언과 함께 물건을 던짐", "목을 조르려 함", "욕설과 위협"),
         "데이트폭력": ("말다툼 중 폭행", "휴대전화를 빼앗고 때림", "차 안에서 폭행", "헤어지자는 말에 위협"),
         "스토킹": ("집 앞에서 기다림", "반복해서 전화와 문자", "직장까지 찾아옴", "현관문을 두드림"),
         "아동학대": ("아이를 때림", "아이에게 심한 욕설", "아이를 방치", "훈육 중 폭행"),
         "노인학대": ("부모에게 돈을 요구하며 폭언", "부모를 밀쳐 넘어뜨림", "식사를 챙기지 않고 방치"),
         "성폭력": ("술자리 후 추행", "귀가길에 따라와 추행", "강제로 신체 접촉")}


def _has_final(word: str) -> bool:
    """Whether the last syllable ends in a consonant (아내가, 남편이)."""
    code = ord(word[-1]) - 0xAC00
    return 0 <= code < 11172 and code % 28 != 0


class Context:
    """What every pair's response shares: agencies, council meetings, assessors' habits, the record."""

    def __init__(self, world: World, seed: int) -> None:
        self.world = world
        self.rng = random.Random(f"bundle2:{seed}:response")
        self.agencies: list[Agency] = all_agencies(random.Random(f"bundle2:{seed}:agencies"))
        self.by_id = {a.agency_id: a for a in self.agencies}
        self.recorded = Recorded()
        self.assessor_bias = {a.agency_id: self.rng.gauss(0, 0.3) for a in self.agencies}
        self.item_difficulty = [-3.2 + 3.0 * i / (N_ITEMS - 1) for i in range(N_ITEMS)]
        self.meetings = support.council_meetings()


def in_window(t: float) -> bool:
    return 0 <= t < WINDOW_END


class PairResponder:
    """harm.Responder for one pair: turns its incidents into records and measures into protection."""

    def __init__(self, ctx: Context, pair: Pair) -> None:
        self.ctx, self.pair = ctx, pair
        self.rng = ctx.rng
        self.category, self.relation = pair.spec.category, pair.spec.relation
        self.call_days: list[float] = []
        self.last_case: float | None = None
        self.last_grade: str | None = None

    # --- harm.Responder --------------------------------------------------------------------------
    def incident(self, process: PairProcess, inc: Incident) -> None:
        if not inc.reported:
            support.self_referral(self, process, inc)
            return
        call = self._call(inc)
        recent = sum(1 for d in self.call_days if call.t - d <= 365)
        self.call_days.append(call.t)
        if in_window(call.t):
            self.ctx.recorded.calls.append(call)
        self._police(process, call, inc, recent)
        if call.category in ("가정폭력", "데이트폭력", "스토킹") and self.rng.random() < 0.5 + 0.2 * (inc.severity > 1):
            self.assess(process, call.t + self.rng.uniform(0, 1.5), self._station_or_precinct(call), call, inc)
        support.refer(self, process, call, inc)
        support.council(self, process, call, inc, recent)

    def separated(self, process: PairProcess, t: float) -> None:
        rng, pair = self.rng, self.pair
        self.relation = {"배우자": "전배우자", "동거인": "전연인", "연인": "전연인"}.get(self.relation, self.relation)
        if rng.random() < (0.6 if self.category == "데이트폭력" else 0.2 if self.category == "가정폭력" else 0.0):
            self.category = "스토킹"  # an ex-partner who will not let go
        if pair.cohabiting and pair.victim.home(t) == pair.offender.home(t):
            if rng.random() < 0.65:  # the victim leaves, with the children under 18
                home = self.ctx.world.new_home()
                movers = [pair.victim] + [c for c in pair.children
                                          if c.age(t) < 18 and c.home(t) == pair.victim.home(t)]
                for p in movers:
                    p.move(t, home)
            else:
                pair.offender.move(t, self.ctx.world.new_home())

    # --- the call ------------------------------------------------------------------------------
    def _call(self, inc: Incident) -> CallEvent:
        rng, pair = self.rng, self.pair
        day = math.floor(inc.t)
        t = day + (rng.choices(range(24), _HOURS)[0] * 60 + rng.randrange(60)) / 1440
        category = self.category if rng.random() >= 0.03 else "기타"
        victim, offender = pair.victim, pair.offender
        u = rng.random()
        if pair.cohabiting and (not inc.separated or u < 0.7) or pair.spec.category in ("아동학대", "노인학대"):
            place = victim.home(t)
        elif u < 0.55:
            place = victim.home(t)
        elif u < 0.75:
            place = offender.home(t)
        else:
            place = self.ctx.world.new_home()  # a street, a bar, a car park
        s = inc.severity + rng.gauss(0, 0.3)
        priority = "C0" if s > 2.4 else "C1" if s > 1.3 else "C2" if s > 0.0 else "C3" if s > -1.0 else "C4"
        minors = [c for c in pair.children if 0 <= c.age(t) < 18 and c.home(t) == place]
        child_present = pair.spec.category == "아동학대" or (bool(minors) and rng.random() < 0.45)
        witnesses = [c for c in minors if c.age(t) >= 3 and rng.random() < 0.85] if child_present else []
        if pair.spec.category == "아동학대":
            witnesses = []
        call = CallEvent(t, pair.spec.pair_id, category, priority, PRECINCT_OF[place.building.district], "현장종결",
                         inc.weapon, inc.injury, child_present, place, victim,
                         offender if rng.random() < 0.97 else None, self.relation, witnesses=witnesses,
                         severity=inc.severity)
        self._reporter(call, minors)
        call.summary = self._summary(call)
        return call

    def _reporter(self, call: CallEvent, minors: list[Person]) -> None:
        rng, pair = self.rng, self.pair
        u = rng.random()
        if pair.spec.category == "아동학대":
            if u < 0.5:
                call.reporter, call.reporter_relation = self._neighbour(call.t), "지인"
            elif u < 0.75 and pair.parent_pair is not None:
                call.reporter, call.reporter_relation = pair.parent_pair.victim, "부모"
            return
        teens = [c for c in minors if c.age(call.t) >= 12]
        if u < 0.12 and teens:
            call.reporter, call.reporter_relation = rng.choice(teens), "자녀"
        elif u < 0.3:
            call.reporter, call.reporter_relation = self._neighbour(call.t), "지인"

    def _neighbour(self, t: float) -> Person:
        return self.ctx.world.outsider(self.rng.choice("MF"), 1950, 2002, t)

    def _summary(self, call: CallEvent) -> str:
        rng = self.rng
        if rng.random() < 0.12:
            return ""
        suspect_sex = self.pair.offender.sex
        actor = _ACTOR.get(call.relation, ("상대방", "상대방"))[0 if suspect_sex == "M" else 1]
        act = rng.choice(_ACTS.get(call.category, _ACTS["가정폭력"]))
        parts = [f"{actor}{'이' if _has_final(actor) else '가'} {act}"]
        if call.weapon:
            parts.append(rng.choice(("흉기 소지", "칼을 들고 위협", "둔기 사용")))
        if call.injury:
            parts.append(rng.choice(("얼굴 부위 상처", "팔에 멍", "병원 이송")))
        if call.child_present:
            parts.append("자녀 현장에 있음")
        sep = "\n" if rng.random() < 0.03 else rng.choice((", ", " / ", ". "))
        return sep.join(parts)

    # --- police measures -----------------------------------------------------------------------
    def _police(self, process: PairProcess, call: CallEvent, inc: Incident, recent: int) -> None:
        rng, s = self.rng, inc.severity
        prior = min(recent, 4)
        outcome = "현장종결"
        orders: list[tuple[str, float, float | None]] = []  # (type, day, end day)
        if call.category in ("가정폭력", "데이트폭력", "기타") and call.suspect is not None:
            if rng.random() < sigmoid(-4.4 + 0.9 * s + 0.35 * prior):
                outcome = "긴급임시조치"
                orders.append(("긴급임시조치", call.t, call.t + rng.uniform(20, 35)))
                if rng.random() < 0.6:
                    orders += self._court_orders(call.t + rng.uniform(3, 10), "임시조치", (1, 2, 3))
            elif rng.random() < sigmoid(-3.8 + 0.8 * s + 0.35 * prior):
                outcome = "임시조치"
                orders += self._court_orders(call.t + rng.uniform(2, 14), "임시조치", (1, 2, 3, 4, 5))
        elif call.category == "스토킹" and call.suspect is not None:
            if rng.random() < sigmoid(-3.0 + 0.7 * s + 0.45 * prior):
                outcome = "응급조치" if rng.random() < 0.3 else "기타"
                orders.append(("긴급응급조치", call.t, call.t + 30))
                if rng.random() < 0.5:
                    orders += self._court_orders(call.t + rng.uniform(3, 12), "잠정조치", (1, 2, 3, 4))
        elif call.category in ("아동학대", "노인학대"):
            if rng.random() < sigmoid(-2.0 + s):
                outcome = "응급조치"
            elif rng.random() < 0.35:
                outcome = "타기관인계"
        if outcome in ("현장종결", "타기관인계") and rng.random() < sigmoid(-2.8 + 1.0 * s + 0.8 * call.weapon):
            outcome = "형사입건"
        call.outcome = outcome
        if outcome == "형사입건":
            process.protect(call.t, *self._protection("형사입건"))
        for kind, day, end in orders:
            self._measure(process, kind, self.pair.offender, call, day, end)
        if rng.random() < sigmoid(-4.6 + 0.9 * s + 0.4 * prior):
            self._measure(process, "신변보호", call.victim, call, call.t + rng.uniform(0, 3), None)
            if rng.random() < 0.5:
                self._measure(process, "스마트워치", call.victim, call, call.t + rng.uniform(0, 5), None)
        if call.category == "스토킹" and orders and rng.random() < 0.15:
            self._measure(process, "위치추적", self.pair.offender, call, call.t + rng.uniform(5, 20), None)

    def _court_orders(self, day: float, kind: str, numbers: tuple[int, ...]) -> list[tuple[str, float, float]]:
        """One to three numbered orders (1호 퇴거, 2호 접근금지, 3호 통신 접근금지 …) decided together."""
        rng = self.rng
        weights = [6, 9, 7, 1, 1][:len(numbers)]
        picked = sorted(set(rng.choices(numbers, weights, k=rng.randint(1, 3))))
        end = day + rng.choice((30, 60, 60, 60))
        return [(f"{kind}{n}호", day, end) for n in picked]

    def _protection(self, kind: str) -> tuple[float, float, str]:
        base = "임시조치" if kind.startswith("임시조치") else "잠정조치" if kind.startswith("잠정조치") else kind
        factor, days = POLICE_PROTECTION.get(base, (0.6, 60))
        return days, factor, base

    def _measure(self, process: PairProcess, kind: str, target: Person | None, call: CallEvent, day: float,
                 end: float | None) -> None:
        if target is None:
            return
        days, factor, base = self._protection(kind)
        process.protect(day, days, factor, base)
        if base in ("임시조치", "잠정조치"):
            process.protect(day + days, 300, 0.85, base + " 이후")  # the order's lasting deterrence
        if in_window(day):
            shown_end = end if end is not None and self.rng.random() < 0.75 else None
            self.ctx.recorded.measures.append(MeasureEvent(day, kind, target, call if self.rng.random() < 0.9
                                                           else None, shown_end))

    def _station_or_precinct(self, call: CallEvent) -> str:
        return station_of(call.precinct) if self.rng.random() < 0.5 else call.precinct

    # --- the checklist -------------------------------------------------------------------------
    def assess(self, process: PairProcess, t: float, agency_id: str, call: CallEvent | None, inc: Incident) -> None:
        """A checklist filled in by `agency_id`: each item's "yes" follows the assessor's noisy view of
        the pair's risk; the grade follows the count of "yes", and in one case of five the
        assessor's judgement moves it a step."""
        rng, ctx = self.rng, self.ctx
        recent = sum(1 for d in self.call_days if 0 <= t - d <= 365)
        view = (0.6 * math.log(max(self.pair.spec.frailty, 1e-6)) + 0.35 * inc.severity + 0.4 * (recent >= 2)
                + 0.5 * inc.separated + rng.gauss(0, 0.9) + ctx.assessor_bias[agency_id])
        unknown = 0.05 if agency_id.startswith("KNP") else 0.12
        items = [None if rng.random() < unknown else rng.random() < sigmoid(c + 1.1 * view)
                 for c in ctx.item_difficulty]
        yes = sum(1 for i in items if i)
        level = 3 if yes >= 12 else 2 if yes >= 8 else 1 if yes >= 4 else 0
        if rng.random() < 0.2:
            level = min(3, max(0, level + rng.choice((-1, 1))))
        grade = GRADES[level]
        self.last_grade = grade
        if in_window(t):
            ctx.recorded.assessments.append(AssessmentEvent(t, agency_id, self.pair.victim,
                                                            call if call is not None and rng.random() < 0.85 else None,
                                                            items, grade, view))
