"""The simulated population: people in households at addresses, created on demand by the
incident generator. Everything about a person lives in one chunk, so chunks can be written and
forgotten (streaming)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from synth import names
from synth.addresses import Address, new_address


@dataclass(eq=False)
class Person:
    person_id: str
    name: str
    birth: date
    sex: str  # "M" / "F"
    phone: str  # canonical 010-1234-5678, empty for young children
    foreign: bool = False
    # (from_date, household) in time order; the person lives in the last one whose from_date <= t
    homes: list[tuple[date, Household]] = field(default_factory=list)

    def household_at(self, t: date) -> Household:
        best = self.homes[0]
        for entry in self.homes:
            if best[0] <= entry[0] <= t:
                best = entry
        return best[1]

    def age_at(self, t: date) -> int:
        return t.year - self.birth.year - ((t.month, t.day) < (self.birth.month, self.birth.day))


@dataclass(eq=False)
class Household:
    household_id: str
    address: Address
    members: list[Person] = field(default_factory=list)  # everyone who ever lived here


class Population:
    """Creates people, households and addresses with globally unique ids (counters live in
    `Counters`, which outlives a chunk)."""

    def __init__(self, rng: random.Random, counters: Counters, foreign_share: float = 0.03) -> None:
        self.rng = rng
        self.c = counters
        self.foreign_share = foreign_share
        self.persons: list[Person] = []
        self.households: list[Household] = []

    def _phone(self, n: int) -> str:
        # An affine permutation of 0..10^8-1: every person gets a distinct number, no set needed.
        digits = (n * 73_939_133 + 12_345_678) % 100_000_000
        return f"010-{digits // 10000:04d}-{digits % 10000:04d}"

    def person(self, sex: str, birth_year: int, since: date, home: Household, foreign: bool = False) -> Person:
        rng = self.rng
        n = self.c.next("person")
        birth_year = max(1931, birth_year)  # two-digit years (850302) stay unambiguous
        birth = date(birth_year, 1, 1) + timedelta(days=rng.randrange(365))
        if foreign:
            name, sex = names.foreign_name(rng)
        else:
            name = names.korean_name(rng, sex, birth_year)
        adult_phone = since.year - birth_year >= 10
        p = Person(f"P{n:08d}", name, birth, sex, self._phone(n) if adult_phone else "", foreign)
        p.homes.append((date(1900, 1, 1), home))
        home.members.append(p)
        self.persons.append(p)
        return p

    def household(self, near: Address | None = None) -> Household:
        hid = f"H{self.c.next('household'):08d}"
        aid = f"A{self.c.next('address'):08d}"
        hh = Household(hid, new_address(self.rng, aid, self.c.district_serials, near))
        self.households.append(hh)
        return hh

    def move(self, people: list[Person], when: date) -> Household:
        """People leave (e.g. a victim fleeing with the children) to a new address."""
        hh = self.household()
        for p in people:
            p.homes.append((when, hh))
            hh.members.append(p)
        return hh

    def family(self, t: date, adult_age: int, victim_sex: str, kids: int, elder: bool = False,
               foreign_spouse: bool = False) -> tuple[Household, Person, Person, list[Person]]:
        """A couple (victim first), children, optionally an elderly parent."""
        rng = self.rng
        hh = self.household()
        y = t.year - adult_age
        a = self.person(victim_sex, y, t, hh, foreign=foreign_spouse)
        b = self.person("M" if victim_sex == "F" else "F", y - rng.randint(-2, 6), t, hh)
        children = [self.person(rng.choice("MF"), t.year - rng.randint(1, min(17, max(1, adult_age - 20))), t, hh)
                    for _ in range(kids)]
        if elder:
            self.person(rng.choice("MF"), y - rng.randint(25, 32), t, hh)
        return hh, a, b, children

    def single(self, t: date, age: int, sex: str, near: Address | None = None) -> Person:
        hh = self.household(near)
        return self.person(sex, t.year - age, t, hh)


class Counters:
    """Id counters and per-district address serials shared by all chunks."""

    def __init__(self) -> None:
        self.values: dict[str, int] = {}
        self.district_serials: dict[str, int] = {}

    def next(self, key: str) -> int:
        v = self.values.get(key, 0) + 1
        self.values[key] = v
        return v
