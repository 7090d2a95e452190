"""The true people of the second bundle and their homes over time.

Time is counted in days from 2019-01-01 (day 0); the export window ends on 2024-12-31 (day 2191).
People and homes exist from before the window (history the exports do not show). A household is
people sharing a home; moving (a victim leaving, an offender moving in with a new partner) appends
a home to the person's history, and a phone number may change once.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from bench.secondgen.names import ForeignName, pick_foreign, pick_given, pick_surname
from bench.secondgen.places import _ROADS, Building, Home, Island
from bench.secondgen.population import unique_mobile

EPOCH = date(2019, 1, 1)
WINDOW_END = (date(2025, 1, 1) - EPOCH).days  # first day after the export window
HISTORY_START = -730  # the harm process runs two years before the window opens


def day_to_date(t: float) -> date:
    return EPOCH + timedelta(days=int(t // 1))


@dataclass
class Person:
    pid: str
    sex: str  # M | F
    born: date
    surname: str = ""
    given: str = ""
    foreign: ForeignName | None = None
    phones: list[tuple[float, str]] = field(default_factory=list)  # (from day, number)
    homes: list[tuple[float, Home]] = field(default_factory=list)  # (from day, home)

    @staticmethod
    def at(history: list, t: float):
        current = history[0][1] if history else None
        for start, value in history:
            if start <= t:
                current = value
        return current

    def home(self, t: float) -> Home:
        return self.at(self.homes, t)

    def phone(self, t: float) -> str | None:
        return self.at(self.phones, t)

    def age(self, t: float) -> float:
        return (day_to_date(t) - self.born).days / 365.25

    @property
    def true_name(self) -> str:
        return self.foreign.key() if self.foreign else self.surname + self.given

    def move(self, t: float, home: Home) -> None:
        self.homes.append((t, home))
        self.homes.sort(key=lambda h: h[0])


@dataclass
class Household:
    hid: str
    kind: str
    adults: list[Person]
    children: list[Person]
    elder: Person | None = None


# Household kinds of the at-risk population and their shares.
HOUSEHOLD_KINDS = (("couple_children", 0.32), ("couple", 0.15), ("multicultural", 0.05),
                   ("three_generations", 0.07), ("elder_with_adult_child", 0.06), ("single_parent", 0.09),
                   ("single", 0.26))


class Jeju(Island):
    """`places.Island` made for a world of 100,000+ homes: a full apartment complex is dropped when
    drawn (not found by scanning every complex on each call, which was quadratic); a building's
    road number and lot number are unique (a saturated road draws another road, with a 길 number,
    instead of retrying forever), so two households never share an address by accident."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng)
        self.used_lots: set[tuple[str, str, str]] = set()

    def _building(self, apartment: bool) -> Building:
        rng = self.rng
        city, district, ri = self._district()
        tries = 0
        while True:
            road = rng.choice(_ROADS[city])
            if tries > 0 or rng.random() < 0.35:
                road = f"{road}{rng.randrange(1, 40 if tries < 10 else 100)}길"
            number = rng.randrange(1, 400) if apartment else rng.randrange(1, 2000)
            tries += 1
            if (city, road, number) not in self.used_numbers:
                self.used_numbers.add((city, road, number))
                break
        while True:
            main = rng.randrange(1, 3000)
            lot = f"{main}-{rng.randrange(1, 30)}" if rng.random() < 0.6 else str(main)
            if ri and rng.random() < 0.04:
                lot = f"산{main}"  # a mountain lot
            if (district, ri, lot) not in self.used_lots:
                self.used_lots.add((district, ri, lot))
                break
        self.count += 1
        return Building(f"B{self.count:06d}", city, district, ri, road, number, lot, apartment)

    def new_home(self) -> Home:
        rng = self.rng
        if rng.random() >= 0.5:
            return Home(self._building(apartment=False), None)
        building = None
        if self.complexes and rng.random() < 0.7:
            while self.complexes:
                k = rng.randrange(len(self.complexes))
                candidate, room = self.complexes[k]
                if len(candidate.units) < room:
                    building = candidate
                    break
                self.complexes[k] = self.complexes[-1]
                self.complexes.pop()
        if building is None:
            building = self._building(apartment=True)
            self.complexes.append((building, rng.randint(2, 15)))
        while True:
            unit = (101 + rng.randrange(12), rng.randrange(1, 16) * 100 + rng.randrange(1, 5))
            if unit not in building.units:
                building.units.add(unit)
                return Home(building, unit)


class World:
    """Makes people, homes and phone numbers; everything drawn from string-seeded generators."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"bundle2:{seed}:people")
        self.island = Jeju(random.Random(f"bundle2:{seed}:places"))
        self.people: list[Person] = []
        self.numbers: set[str] = set()
        self.n_households = 0

    def _mobile(self) -> str:
        return unique_mobile(self.rng, self.numbers)

    def person(self, sex: str, year: int, surname: str = "", foreign: ForeignName | None = None,
               given: str = "") -> Person:
        rng = self.rng
        born = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        if foreign is None:
            surname = surname or pick_surname(rng)
            given = given or pick_given(rng, sex, year)
        p = Person(f"T{len(self.people) + 1:07d}", sex, born, surname, given, foreign)
        if year <= 2012:  # children under about ten have no phone of their own
            p.phones = [(HISTORY_START, self._mobile())]
            if rng.random() < 0.1:
                p.phones.append((rng.uniform(HISTORY_START, WINDOW_END), self._mobile()))
        self.people.append(p)
        return p

    def new_home(self) -> Home:
        return self.island.new_home()

    def settle(self, members: list[Person], t: float = HISTORY_START) -> Home:
        home = self.island.new_home()
        for p in members:
            p.move(t, home)
        return home

    def _adult(self, sex: str, low: int, high: int, surname: str = "") -> Person:
        return self.person(sex, self.rng.randint(low, high), surname)

    def _children(self, parent_year: int, surname: str, count: int) -> list[Person]:
        rng = self.rng
        kids, year = [], parent_year + rng.randint(24, 34)
        for _ in range(count):
            if year > 2023:
                break
            kids.append(self.person(rng.choice("MF"), year, surname))
            year += rng.randint(1, 4)
        return kids

    def household(self) -> Household:
        rng = self.rng
        self.n_households += 1
        hid = f"HH{self.n_households:06d}"
        kind = rng.choices([k for k, _ in HOUSEHOLD_KINDS], [w for _, w in HOUSEHOLD_KINDS])[0]
        children: list[Person] = []
        elder = None
        if kind in ("couple_children", "couple", "three_generations"):
            man = self._adult("M", 1955 if kind == "couple" else 1968, 1998)
            woman = self._adult("F", max(man.born.year - 3, 1958), min(man.born.year + 6, 2000))
            adults = [man, woman]
            if kind != "couple":
                children = self._children(woman.born.year, man.surname, rng.choices((1, 2, 3), (4, 5, 2))[0])
            if kind == "three_generations":
                elder = self.person(rng.choice("MF"), rng.randint(1936, min(man.born.year - 22, 1958)),
                                    man.surname)
        elif kind == "multicultural":
            man = self._adult("M", 1958, 1990)
            woman = self.person("F", min(man.born.year + rng.randint(6, 20), 2001), foreign=pick_foreign(rng, "F"))
            adults = [man, woman]
            children = self._children(woman.born.year, man.surname, rng.choice((0, 1, 1, 2)))
        elif kind == "elder_with_adult_child":
            elder = self.person(rng.choice("MF"), rng.randint(1934, 1957))
            adults = [self._adult(rng.choice("MMF"), elder.born.year + 22, min(elder.born.year + 40, 1995),
                                  elder.surname if rng.random() < 0.8 else "")]
        elif kind == "single_parent":
            parent = self._adult(rng.choices("FM", (4, 1))[0], 1972, 1998)
            adults = [parent]
            children = self._children(parent.born.year, parent.surname if rng.random() < 0.6 else "",
                                      rng.choices((1, 2), (3, 1))[0])
        else:
            sex = rng.choices("FM", (3, 2))[0]
            foreign = pick_foreign(rng, sex) if rng.random() < 0.03 else None
            adults = [self.person(sex, rng.randint(1965, 2004), foreign=foreign)]
        members = adults + children + ([elder] if elder else [])
        self.settle(members)
        return Household(hid, kind, adults, children, elder)

    def outsider(self, sex: str, low: int, high: int, t: float = HISTORY_START) -> Person:
        """Someone from outside the sampled households (a partner, an acquaintance) with a home."""
        p = self._adult(sex, low, high)
        self.settle([p], t)
        return p
