"""Casting: which victim–offender pairs each household holds, and each pair's latent parameters.

Every sampled household is part of an at-risk population: a couple is a possible domestic-violence
pair, a single adult may date someone outside the sample, a child may be abused by a parent, an
elderly parent by an adult child. Whether anything happens is the frailty's business: most pairs
have a small one and never produce an incident.

Frailty Z = O · V: O is the offender's own propensity (gamma, shape 0.5, mean 1), shared by all the
offender's pairs — a violent partner is violent again with the next partner — and V the pair's part
(gamma, shape 1.5, mean 1). After a separation ends a partner pair, the offender starts a new
relationship with probability rising with O (serial offenders).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from bench.secondgen.bundle.harm import PairSpec
from bench.secondgen.bundle.people import EPOCH, HISTORY_START, WINDOW_END, Household, Person, World

# category: (incidents per year at Z = 1, branching ratio, decay days, mean severity, reporting logit)
KINDS = {
    "가정폭력": (0.22, 0.35, 30.0, 0.0, -0.9),
    "데이트폭력": (0.45, 0.35, 25.0, 0.0, -0.8),
    "아동학대": (0.45, 0.35, 40.0, -0.2, -1.5),
    "노인학대": (0.16, 0.35, 40.0, -0.3, -1.7),
    "성폭력": (2.0, 0.15, 20.0, 0.7, -1.0),
}
TRAJECTORIES = (("escalating", 0.22), ("stable", 0.45), ("desisting", 0.33))
FOREIGN_REPORTING = -0.7  # marriage migrants call less (language, residence status)


@dataclass
class Pair:
    spec: PairSpec
    victim: Person
    offender: Person
    offender_propensity: float
    cohabiting: bool  # offender and victim share a home while together
    children: list[Person] = field(default_factory=list)  # children living with the victim
    parent_pair: Pair | None = None  # a child-abuse pair's partner-violence pair (same offender)
    generation: int = 0  # 0: cast from a household; 1+: a serial offender's later partner


class Casting:
    def __init__(self, world: World, seed: int) -> None:
        self.world = world
        self.rng = random.Random(f"bundle2:{seed}:casting")
        self.propensity: dict[str, float] = {}  # offender pid → O
        self.count = 0

    def _o(self, offender: Person) -> float:
        if offender.pid not in self.propensity:
            self.propensity[offender.pid] = self.rng.gammavariate(0.5, 2.0)
        return self.propensity[offender.pid]

    def spec(self, category: str, relation: str, offender: Person, victim: Person, start: float,
             end: float, separable: bool) -> tuple[PairSpec, float]:
        rng = self.rng
        self.count += 1
        mu, branching, decay, severity, reporting = KINDS[category]
        o = self._o(offender)
        frailty = o * rng.gammavariate(1.5, 1 / 1.5)
        trajectory = rng.choices([k for k, _ in TRAJECTORIES], [w for _, w in TRAJECTORIES])[0]
        desist_at = rng.uniform(start, WINDOW_END + 365) if trajectory == "desisting" else None
        separation_at = None
        if separable:
            mean_days = 15 * 365 if category == "가정폭력" else 3 * 365
            separation_at = start + rng.expovariate(1 / mean_days)
        spec = PairSpec(
            pair_id=f"PR{self.count:06d}", category=category, relation=relation, frailty=frailty,
            base_per_year=mu, branching=branching * rng.uniform(0.7, 1.2), decay_days=decay * rng.uniform(0.6, 1.5),
            trajectory=trajectory, severity=severity + 0.25 * (frailty ** 0.5 - 1) + rng.gauss(0, 0.5),
            reporting=reporting + rng.gauss(0, 0.8) + (FOREIGN_REPORTING if victim.foreign else 0.0),
            start=start, end=end, desist_at=desist_at, separable=separable,
            separation_hazard=(0.06 if category == "가정폭력" else 0.12) if separable else 0.0,
            separation_at=separation_at)
        return spec, o

    def _pair(self, category: str, relation: str, offender: Person, victim: Person, start: float, end: float,
              separable: bool, cohabiting: bool, children: list[Person] | None = None,
              generation: int = 0) -> Pair:
        spec, o = self.spec(category, relation, offender, victim, start, end, separable)
        return Pair(spec, victim, offender, o, cohabiting, list(children or []), generation=generation)

    def household_pairs(self, h: Household) -> list[Pair]:
        """The pairs of one household, partner violence first (a child-abuse pair reads its outcome)."""
        rng, world = self.rng, self.world
        pairs: list[Pair] = []
        minors = [c for c in h.children if c.age(0) < 18]
        partner_pair = None
        if len(h.adults) == 2:
            man, woman = h.adults
            offender, victim = (man, woman) if woman.foreign or rng.random() < 0.8 else (woman, man)
            relation = "배우자" if rng.random() < 0.88 else "동거인"
            partner_pair = self._pair("가정폭력", relation, offender, victim, HISTORY_START, WINDOW_END,
                                      separable=True, cohabiting=True, children=h.children)
            pairs.append(partner_pair)
        elif h.kind in ("single", "single_parent") and rng.random() < (0.6 if h.kind == "single" else 0.5):
            me = h.adults[0]
            if me.sex == "F" or rng.random() < 0.15:
                offender = world.outsider("M" if me.sex == "F" else "F", me.born.year - 6, me.born.year + 4)
                victim = me
            else:
                offender, victim = me, world.outsider("F", me.born.year - 2, min(me.born.year + 10, 2004))
            start = rng.uniform(HISTORY_START, WINDOW_END - 200)
            pairs.append(self._pair("데이트폭력", "연인", offender, victim, start, WINDOW_END, separable=True,
                                    cohabiting=False, children=h.children if victim is me else []))
        if minors and rng.random() < (0.35 if h.kind == "single_parent" else 0.3):
            child = rng.choice(minors)
            if partner_pair is not None and rng.random() < 0.65:
                abuser = partner_pair.offender
            else:
                abuser = rng.choice(h.adults)
            start = max(HISTORY_START, (child.born - EPOCH).days + 365)
            end = min(WINDOW_END, (child.born - EPOCH).days + int(18 * 365.25))
            if start < end:
                pair = self._pair("아동학대", "부모", abuser, child, start, end, separable=False, cohabiting=True)
                if partner_pair is not None and abuser is partner_pair.offender:
                    pair.parent_pair = partner_pair
                pairs.append(pair)
        if h.elder is not None and rng.random() < (0.9 if h.kind == "elder_with_adult_child" else 0.3):
            abuser = h.adults[0]
            pairs.append(self._pair("노인학대", "자녀", abuser, h.elder, HISTORY_START, WINDOW_END,
                                    separable=False, cohabiting=True))
        if h.kind == "single" and h.adults[0].sex == "F" and rng.random() < 0.5:
            victim = h.adults[0]
            stranger = rng.random() < 0.3
            offender = world.outsider("M", 1960, 2004)
            start = rng.uniform(HISTORY_START, WINDOW_END - 30)
            pairs.append(self._pair("성폭력", "모르는사람" if stranger else "지인", offender, victim, start,
                                    min(WINDOW_END, start + rng.uniform(30, 400)), separable=False,
                                    cohabiting=False))
        return pairs

    def next_partner(self, ended: Pair, t_end: float) -> Pair | None:
        """A serial offender's next relationship after `ended` ran out at `t_end`, or None."""
        rng = self.rng
        if ended.spec.category not in ("가정폭력", "데이트폭력") or ended.generation >= 3:
            return None
        if rng.random() >= min(0.75, 0.12 + 0.2 * ended.offender_propensity):
            return None
        start = t_end + rng.uniform(30, 400)
        if start >= WINDOW_END - 30:
            return None
        offender = ended.offender
        year = offender.born.year
        victim = self.world.outsider("F" if offender.sex == "M" else "M", year - 8, min(year + 6, 2004), start)
        cohabit = rng.random() < 0.4
        if cohabit:
            offender.move(start, victim.home(start))  # moves in with the new partner
        pair = self._pair("가정폭력" if cohabit else "데이트폭력", "동거인" if cohabit else "연인", offender, victim,
                          start, WINDOW_END, separable=True, cohabiting=cohabit, generation=ended.generation + 1)
        return pair

