"""Relationship-crime series: who harms whom, when, and how it escalates. A series is one
victim–offender pair producing one or more 112 calls; its length is heavy-tailed, so a minority of
households produce most calls, and the next call usually follows soon after the previous one."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from synth.addresses import Address
from synth.world import Household, Person, Population

PRIORITIES = ("C0", "C1", "C2", "C3", "C4")
PRIORITY_WEIGHTS = (3, 20, 52, 19, 6)


@dataclass(eq=False)
class Call:
    call_id: str
    time: datetime
    category: str
    priority: str
    address: Address
    household: Household
    agency_id: str
    outcome: str
    weapon: bool | None
    injury: bool | None
    child_present: bool | None
    summary: str
    persons: list[tuple[str, Person, str]]  # (role, person, relation_to_victim)
    series: Series
    index: int
    risk: float


@dataclass(eq=False)
class Series:
    category: str
    victim: Person
    offender: Person
    relation: str
    escalating: bool
    calls: list[Call] = field(default_factory=list)


class IncidentGenerator:
    """Fills exact per-(category, year) call quotas with series of calls."""

    def __init__(self, rng: random.Random, pop: Population, quotas: dict[tuple[str, int], int],
                 start: date, end: date, precinct_of: dict[str, str]) -> None:
        self.rng, self.pop, self.quota = rng, pop, quotas
        self.start, self.end = start, end
        self.precinct_of = precinct_of
        self.series: list[Series] = []
        self.years = sorted({y for _, y in quotas})

    # -- timing ------------------------------------------------------------------------------
    def _length(self) -> int:
        # Most pairs call once; the rest follow a heavy tail (a few call dozens of times).
        if self.rng.random() < 0.72:
            return 1
        return min(40, 1 + int(self.rng.paretovariate(0.8)))

    def _gap(self) -> timedelta:
        mean = 14 if self.rng.random() < 0.7 else 90  # clustering soon after the previous incident
        return timedelta(days=self.rng.expovariate(1 / mean), minutes=self.rng.randrange(1440))

    def _start_in(self, year: int) -> datetime:
        lo = max(self.start, date(year, 1, 1))
        hi = min(self.end, date(year, 12, 31))
        d = lo + timedelta(days=self.rng.randrange((hi - lo).days + 1))
        # evenings and nights dominate domestic incidents
        hour = self.rng.choices(range(24), [2, 2, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 5, 6, 7, 7, 6, 4])[0]
        return datetime(d.year, d.month, d.day, hour, self.rng.randrange(60), self.rng.randrange(60))

    def _times(self, cat: str, first: datetime) -> list[datetime]:
        times, t = [first], first
        for _ in range(self._length() - 1):
            t = t + self._gap()
            if t.date() > self.end:
                break
            times.append(t)
        accepted = []
        for t in times:
            if self.quota.get((cat, t.year), 0) > 0:
                self.quota[(cat, t.year)] -= 1
                accepted.append(t)
        return accepted

    def remaining(self, cat: str) -> int:
        return sum(self.quota.get((cat, y), 0) for y in self.years)

    def run(self, categories: tuple[str, ...], new_call) -> None:
        """Make series until every quota is used; `new_call(series, t, i, n)` builds each call."""
        self.new_call = new_call
        while True:
            left = [(c, self.remaining(c)) for c in categories]
            left = [(c, n) for c, n in left if n > 0]
            if not left:
                return
            cat = self.rng.choices([c for c, _ in left], [n for _, n in left])[0]
            self.make_series(cat)

    def make_series(self, cat: str, offender: Person | None = None, after: datetime | None = None) -> Series | None:
        rng = self.rng
        if after is None:
            years = [(y, n) for (c, y), n in self.quota.items() if c == cat and n > 0]
            if not years:
                return None
            year = rng.choices([y for y, _ in years], [n for _, n in years])[0]
            first = self._start_in(year)
        else:
            first = after + timedelta(days=rng.randint(20, 300), minutes=rng.randrange(1440))
            if first.date() > self.end:
                return None
        times = self._times(cat, first)
        if not times:
            return None
        victim, off, relation, household_kids = self._cast(cat, times[0].date(), offender)
        s = Series(cat, victim, off, relation, escalating=len(times) >= 3 and rng.random() < 0.35)
        self._maybe_move(s, times)
        for i, t in enumerate(times):
            s.calls.append(self.new_call(s, t, i, len(times)))
        self.series.append(s)
        # Serial offenders: a new partner later, or the children of the same household.
        if cat in ("가정폭력", "데이트폭력") and rng.random() < 0.12:
            self.make_series(cat, offender=off, after=times[-1])
        if cat == "가정폭력" and household_kids and offender is None and rng.random() < 0.2:
            self._child_series(off, household_kids, times[0])
        return s

    def _child_series(self, parent: Person, kids: list[Person], near: datetime) -> None:
        cat = "아동학대"
        first = near + timedelta(days=self.rng.randint(-60, 90), minutes=self.rng.randrange(1440))
        if not (self.start <= first.date() <= self.end):
            return
        times = self._times(cat, first)
        if not times:
            return
        s = Series(cat, self.rng.choice(kids), parent, "부모", escalating=False)
        for i, t in enumerate(times):
            s.calls.append(self.new_call(s, t, i, len(times)))
        self.series.append(s)

    def _maybe_move(self, s: Series, times: list[datetime]) -> None:
        """Some victims move (often with their children) and the offender keeps finding them."""
        if len(times) < 3 or s.category in ("아동학대", "노인학대") or self.rng.random() > 0.18:
            return
        m = self.rng.randrange(len(times) - 2)
        a, b = times[m].date(), times[m + 1].date()
        if (b - a).days < 2:
            return
        when = a + (b - a) / 2
        home = s.victim.household_at(a)
        kids = [p for p in home.members if p.age_at(when) < 18 and p.household_at(a) is home and p is not s.victim]
        self.pop.move([s.victim, *kids], when)

    # -- casting -----------------------------------------------------------------------------
    def _cast(self, cat: str, t: date, offender: Person | None) -> tuple[Person, Person, str, list[Person]]:
        rng, pop = self.rng, self.pop
        f_share = 0.8
        if offender is not None:  # a serial offender's new partner
            victim = pop.single(t, max(19, offender.age_at(t) + rng.randint(-8, 3)), "F" if offender.sex == "M" else "M")
            if cat == "가정폭력":
                home = victim.household_at(t)
                offender.homes.append((t - timedelta(days=rng.randint(5, 19)), home))
                home.members.append(offender)
                return victim, offender, "동거인", []
            return victim, offender, "연인", []
        if cat == "가정폭력":
            rel = rng.choices(("배우자", "동거인", "전배우자", "자녀", "형제자매", "부모"), (60, 10, 10, 10, 5, 5))[0]
            if rel in ("배우자", "동거인", "전배우자"):
                age = rng.randint(24, 66)
                kids = rng.choices((0, 1, 2, 3), (30, 30, 30, 10))[0] if age < 52 else 0
                sex = "F" if rng.random() < f_share else "M"
                foreign = sex == "F" and rng.random() < 0.06
                hh, v, o, children = pop.family(t, age, sex, kids, elder=rng.random() < 0.08, foreign_spouse=foreign)
                if rel == "전배우자":  # the ex-partner lives elsewhere
                    pop.move([o], t - timedelta(days=rng.randint(60, 900)))
                return v, o, rel, children
            if rel == "자녀":  # an adult child harms a parent
                v = pop.single(t, rng.randint(55, 82), rng.choice("FFM"))
                o = pop.person(rng.choice("MMF"), t.year - rng.randint(24, 50), t, v.household_at(t))
                return v, o, rel, []
            if rel == "부모":
                v = pop.single(t, rng.randint(19, 32), rng.choice("FM"))
                o = pop.person(rng.choice("MF"), t.year - rng.randint(48, 66), t, v.household_at(t))
                return v, o, rel, []
            v = pop.single(t, rng.randint(25, 60), rng.choice("FFM"))
            o = pop.person(rng.choice("MMF"), v.birth.year + rng.randint(-6, 6), t, v.household_at(t))
            return v, o, rel, []
        if cat == "아동학대":
            hh, a, b, kids = pop.family(t, rng.randint(27, 48), rng.choice("FM"), rng.randint(1, 3))
            young = [k for k in kids if k.age_at(t) < 18] or kids
            return rng.choice(young), rng.choice((a, b)), "부모", []
        if cat == "노인학대":
            v = pop.single(t, rng.randint(68, 90), rng.choice("FFM"))
            if rng.random() < 0.7:
                o = pop.person(rng.choice("MMF"), t.year - rng.randint(38, 60), t, v.household_at(t))
            else:
                o = pop.single(t, rng.randint(38, 60), rng.choice("MF"), near=v.household_at(t).address)
            return v, o, "자녀", []
        if cat == "데이트폭력":
            v = pop.single(t, rng.randint(18, 40), "F" if rng.random() < f_share else "M")
            o = pop.single(t, max(18, v.age_at(t) + rng.randint(-3, 6)), "M" if v.sex == "F" else "F")
            return v, o, rng.choices(("연인", "전연인"), (70, 30))[0], []
        if cat == "스토킹":
            v = pop.single(t, rng.randint(19, 52), "F" if rng.random() < 0.85 else "M")
            o = pop.single(t, rng.randint(20, 58), "M" if v.sex == "F" else rng.choice("MF"))
            return v, o, rng.choices(("전연인", "지인", "모르는사람"), (50, 35, 15))[0], []
        if cat == "성폭력":
            if rng.random() < 0.15:  # a teenager living with a parent
                hh = pop.household()
                pop.person("F", t.year - rng.randint(38, 52), t, hh)
                v = pop.person(rng.choice("FFFM"), t.year - rng.randint(13, 17), t, hh)
            else:
                v = pop.single(t, rng.randint(19, 45), "F" if rng.random() < 0.9 else "M")
            rel = rng.choices(("지인", "친족", "모르는사람"), (50, 10, 40))[0]
            o = pop.single(t, rng.randint(20, 60), "M")
            return v, o, rel, []
        # 기타: family disputes between siblings and relatives
        v = pop.single(t, rng.randint(30, 70), rng.choice("FM"))
        rel = rng.choice(("형제자매", "친족"))
        if rng.random() < 0.5:
            o = pop.person(rng.choice("MF"), v.birth.year + rng.randint(-8, 8), t, v.household_at(t))
        else:
            o = pop.single(t, rng.randint(30, 70), rng.choice("MF"))
        return v, o, rel, []
