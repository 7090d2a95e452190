"""The true people: households (couples, families, three generations, multicultural families,
foreign workers), twins and siblings with a shared generation syllable, namesakes born the same
year, landlines shared by a household, moves and changed phone numbers over six years."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from bench.secondgen.names import ForeignName, pick_foreign, pick_given, pick_surname
from bench.secondgen.places import Home, Island

PERIOD_START = date(2019, 1, 1)
PERIOD_DAYS = 6 * 365  # records are dated 2019–2024
REFERENCE_YEAR = 2022  # ages for "child" and "elderly" are taken in this year

# Birth years of adults (heads of household): Jeju's adult age structure, rounded.
_ADULT_COHORTS = ((1935, 1944, 4), (1945, 1954, 10), (1955, 1964, 17), (1965, 1974, 20),
                  (1975, 1984, 20), (1985, 1994, 17), (1995, 2003, 12))
HOUSEHOLD_KINDS = (("single", 0.26), ("couple", 0.17), ("family", 0.33), ("single_parent", 0.10),
                   ("three_generations", 0.08), ("multicultural", 0.06))


@dataclass
class Person:
    pid: str
    hid: str
    role: str  # head, spouse, child, grandparent, namesake
    sex: str  # M | F
    born: date
    surname: str = ""
    given: str = ""
    foreign: ForeignName | None = None
    phones: list[tuple[int, str]] = field(default_factory=list)  # (from day, number)
    homes: list[tuple[int, Home]] = field(default_factory=list)
    landline: str | None = None
    guardian: Person | None = None  # whose phone a child's records carry (always under 10, else half)
    namesake_of: str = ""

    def at(self, history: list, day: int):
        current = history[0][1]
        for start, value in history:
            if start <= day:
                current = value
        return current

    @property
    def true_name(self) -> str:
        return self.foreign.key() if self.foreign else self.surname + self.given


def _adult_year(rng: random.Random, low: int = 1935, high: int = 2003) -> int:
    cohorts = [(max(a, low), min(b, high), w) for a, b, w in _ADULT_COHORTS if a <= high and b >= low]
    a, b, _ = rng.choices(cohorts, [w for *_, w in cohorts])[0]
    return rng.randint(a, b)


def _birthday(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(366 if year % 4 == 0 else 365))


def unique_mobile(rng: random.Random, taken: set[str]) -> str:
    """A mobile number nobody in `taken` has (added to it)."""
    while True:
        number = f"010-{rng.randrange(2000, 10000)}-{rng.randrange(10000):04d}"
        if number not in taken:
            taken.add(number)
            return number


class World:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"secondgen:{seed}:people")
        self.island = Island(random.Random(f"secondgen:{seed}:places"))
        self.people: list[Person] = []
        self.numbers: set[str] = set()
        self.households = 0

    def _mobile(self) -> str:
        return unique_mobile(self.rng, self.numbers)

    def _landline(self) -> str:
        while True:
            number = f"064-7{self.rng.randrange(10, 100)}-{self.rng.randrange(10000):04d}"
            if number not in self.numbers:
                self.numbers.add(number)
                return number

    def _person(self, hid: str, role: str, sex: str, year: int, surname: str = "", given: str = "",
                foreign: ForeignName | None = None) -> Person:
        rng = self.rng
        if foreign is None and not given:
            given = pick_given(rng, sex, year)
        p = Person(f"Q{len(self.people) + 1:07d}", hid, role, sex, _birthday(rng, year),
                   surname or (pick_surname(rng) if foreign is None else ""), given, foreign)
        p.phones = [(0, self._mobile())]
        self.people.append(p)
        return p

    def _children(self, hid: str, parent_year: int, surname: str, count: int) -> list[Person]:
        rng = self.rng
        kids: list[Person] = []
        shared = pick_given(rng, "M", parent_year + 30)[0] if rng.random() < 0.3 else None  # 돌림자
        year = parent_year + rng.randint(24, 36)
        for _ in range(count):
            if year > 2022:
                break
            twins = 2 if rng.random() < 0.02 else 1  # same birthday, names often sharing a syllable
            first = None
            for _ in range(twins):
                sex = rng.choice("MF")
                syllable = shared or (first.given[0] if first and first.given else None)
                names = {k.given for k in kids}
                given = pick_given(rng, sex, year, syllable)
                while given in names:
                    given = pick_given(rng, sex, year, syllable if rng.random() < 0.5 else None)
                child = self._person(hid, "child", sex, year, surname, given)
                if first is not None:
                    child.born = first.born
                first = first or child
                kids.append(child)
            year += rng.randint(1, 5)
        return kids

    def household(self) -> list[Person]:
        rng = self.rng
        self.households += 1
        hid = f"H{self.households:06d}"
        kind = rng.choices([k for k, _ in HOUSEHOLD_KINDS], [w for _, w in HOUSEHOLD_KINDS])[0]
        sex = rng.choice("MF")
        members: list[Person] = []
        if kind == "single":
            year = _adult_year(rng)
            foreign = pick_foreign(rng, sex) if rng.random() < 0.05 else None
            members.append(self._person(hid, "head", sex, year, foreign=foreign))
        elif kind == "multicultural":
            year = _adult_year(rng, 1955, 1990)
            husband = self._person(hid, "head", "M", year)
            wife_year = min(year + rng.randint(5, 20), 2000)
            wife = self._person(hid, "spouse", "F", wife_year, foreign=pick_foreign(rng, "F"))
            members += [husband, wife, *self._children(hid, wife_year, husband.surname, rng.choice((0, 1, 1, 2)))]
        else:
            low, high = (1950, 1990) if kind == "three_generations" else (1935, 2003)
            if kind in ("family", "single_parent"):
                high = 1995
            year = _adult_year(rng, low, high)
            head = self._person(hid, "head", sex, year)
            members.append(head)
            if kind != "single_parent":
                spouse_year = min(max(year + rng.randint(-4, 6), 1935), 2003)
                members.append(self._person(hid, "spouse", "F" if sex == "M" else "M", spouse_year))
            fathers = [m for m in members if m.sex == "M"]
            kid_surname = fathers[0].surname if fathers else (
                pick_surname(rng) if rng.random() < 0.75 else head.surname)
            if kind != "couple":
                count = rng.choices((1, 2, 3), (0.4, 0.45, 0.15))[0]
                members += self._children(hid, year, kid_surname, count)
            if kind == "three_generations":
                elder_sex = rng.choice("MF")
                elder = self._person(hid, "grandparent", elder_sex, max(year - rng.randint(22, 34), 1930),
                                     head.surname if elder_sex == "M" and head.sex == "M" else "")
                members.append(elder)
        self._settle(members)
        return members

    def _settle(self, members: list[Person]) -> None:
        rng = self.rng
        home = self.island.new_home()
        landline = None
        if any(p.born.year < 1965 for p in members) and rng.random() < 0.3:
            landline = self._landline()
        household_move = (rng.randrange(PERIOD_DAYS), self.island.new_home()) if rng.random() < 0.05 else None
        minders = [p for p in members if p.role in ("head", "spouse")]
        for p in members:
            p.homes = [(0, home)] + ([household_move] if household_move else [])
            age = REFERENCE_YEAR - p.born.year
            if p.role == "child" and age < 14:  # agencies take a parent's number (mostly the mother's)
                p.guardian = rng.choice([m for m in minders if m.sex == "F"] or minders)
                if age < 10:  # too young for a phone of their own
                    p.phones = []
            if landline and age >= 55:
                p.landline = landline
            if age >= 18 and rng.random() < 0.08:  # leaves alone (separation, a shelter, work)
                p.homes = sorted(p.homes + [(rng.randrange(PERIOD_DAYS), self.island.new_home())],
                                 key=lambda h: h[0])
            if p.phones and rng.random() < 0.12:
                p.phones.append((rng.randrange(1, PERIOD_DAYS), self._mobile()))

    def namesake(self, of: Person) -> Person:
        """Someone else with the same name, sex and birth year (a different day, home and phone)."""
        self.households += 1
        hid = f"H{self.households:06d}"
        p = self._person(hid, "namesake", of.sex, of.born.year, of.surname, of.given)
        while p.born == of.born:
            p.born = _birthday(self.rng, of.born.year)
        p.namesake_of = of.pid
        self._settle([p])
        return p


def populate(n_people: int, seed: int) -> list[Person]:
    world = World(seed)
    while len(world.people) < n_people:
        world.household()
        korean_adults = [p for p in world.people[-6:] if p.foreign is None and p.role != "child"]
        if korean_adults and world.rng.random() < 0.06 and len(world.people) < n_people:
            world.namesake(world.rng.choice(korean_adults))
    return world.people[:n_people]
