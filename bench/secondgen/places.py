"""Jeju homes and how agencies write them: every home has a road-name and a lot-number form, an
apartment a unit (`101동 202호` / `101-202`), and the province is written four ways or left out."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# District → (city, 리 names for 읍·면 lot numbers; empty for 동), from shared/reference/jeju.md.
_JEJU_DONG = ("일도1동 일도2동 이도1동 이도2동 삼도1동 삼도2동 용담1동 용담2동 건입동 화북동 삼양동 봉개동 "
              "아라동 오라동 연동 노형동 외도동 이호동 도두동").split()
_SEOGWIPO_DONG = "송산동 정방동 중앙동 천지동 효돈동 영천동 동홍동 서홍동 대륜동 대천동 중문동 예래동".split()
_EUP_MYEON = {
    "제주시": {"한림읍": "한림리 협재리 귀덕리 금능리", "애월읍": "애월리 곽지리 하귀리 고성리",
            "구좌읍": "세화리 김녕리 평대리 월정리", "조천읍": "조천리 함덕리 신촌리 와흘리",
            "한경면": "고산리 판포리 저지리", "추자면": "대서리 영흥리", "우도면": "연평리"},
    "서귀포시": {"대정읍": "하모리 상모리 신평리", "남원읍": "남원리 위미리 태흥리 신례리",
             "성산읍": "성산리 고성리 온평리 신양리", "안덕면": "화순리 사계리 덕수리",
             "표선면": "표선리 세화리 가시리 하천리"},
}
_ROADS = {
    "제주시": "연삼로 연북로 중앙로 노연로 신대로 도령로 서사로 관덕로 동문로 일주동로 일주서로 번영로 "
           "516로 1100로 평화로 신광로 월랑로 삼무로 신설로".split(),
    "서귀포시": "중정로 일주동로 일주서로 태평로 동홍로 중산간동로 1100로 516로 평화로".split(),
}
# Hangul numerals in district names (이도2동 is also written 이도이동).
_NUMERALS = {"1": "일", "2": "이"}
PROVINCE_FORMS = {"full": "제주특별자치도", "jejudo": "제주도", "jeju": "제주", "none": ""}


@dataclass
class Building:
    key: str
    city: str
    district: str  # 동, or 읍·면
    ri: str  # 리 for 읍·면, else ""
    road: str
    road_no: int
    lot: str
    apartment: bool
    units: set = field(default_factory=set)


@dataclass(frozen=True)
class Home:
    building: Building
    unit: tuple[int, int] | None  # (동, 호) for apartments

    @property
    def address_id(self) -> str:
        return self.building.key + ("" if self.unit is None else f"/{self.unit[0]}-{self.unit[1]}")


class Island:
    """Buildings created on demand; apartment complexes fill up with several households."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.complexes: list[tuple[Building, int]] = []  # (complex, households it will take)
        self.used_numbers: set[tuple[str, str, int]] = set()
        self.count = 0

    def _district(self) -> tuple[str, str, str]:
        rng = self.rng
        city = rng.choices(("제주시", "서귀포시"), (0.73, 0.27))[0]
        if rng.random() < 0.28:
            district = rng.choice(list(_EUP_MYEON[city]))
            return city, district, rng.choice(_EUP_MYEON[city][district].split())
        return city, rng.choice(_JEJU_DONG if city == "제주시" else _SEOGWIPO_DONG), ""

    def _building(self, apartment: bool) -> Building:
        rng = self.rng
        city, district, ri = self._district()
        road = rng.choice(_ROADS[city])
        if rng.random() < 0.35:
            road = f"{road}{rng.randrange(1, 40)}길"
        while True:
            number = rng.randrange(1, 400) if apartment else rng.randrange(1, 2000)
            if (city, road, number) not in self.used_numbers:
                self.used_numbers.add((city, road, number))
                break
        main = rng.randrange(1, 3000)
        lot = f"{main}-{rng.randrange(1, 30)}" if rng.random() < 0.6 else str(main)
        if ri and rng.random() < 0.04:
            lot = f"산{main}"  # a mountain lot
        self.count += 1
        return Building(f"B{self.count:06d}", city, district, ri, road, number, lot, apartment)

    def new_home(self) -> Home:
        rng = self.rng
        if rng.random() >= 0.5:
            return Home(self._building(apartment=False), None)
        # The people on record are a thin sample of a complex's residents: a few households each.
        self.complexes = [(b, room) for b, room in self.complexes if len(b.units) < room]
        if self.complexes and rng.random() < 0.7:
            building = rng.choice(self.complexes)[0]
        else:
            building = self._building(apartment=True)
            self.complexes.append((building, rng.randint(2, 15)))
        while True:
            unit = (101 + rng.randrange(12), rng.randrange(1, 16) * 100 + rng.randrange(1, 5))
            if unit not in building.units:
                building.units.add(unit)
                return Home(building, unit)


def _hangul_numerals(district: str) -> str:
    for digit, word in _NUMERALS.items():
        if digit in district:
            return district.replace(digit, word)
    return district


def address_text(home: Home, form: str, province: str, unit_form: str, rng: random.Random,
                 stray: float, number_typo: float) -> tuple[str, list[str]]:
    """`form` road | lot; `unit_form` dong_ho | dash | omitted (ignored for houses)."""
    b, errors = home.building, []
    prov = PROVINCE_FORMS[province]
    unit = ""
    if home.unit is not None and unit_form != "omitted":
        dong, ho = home.unit
        unit = f"{dong}동 {ho}호" if unit_form == "dong_ho" else f"{dong}-{ho}"
    if form == "road":
        number = b.road_no
        if rng.random() < number_typo:
            number = number + rng.choice((-2, -1, 1, 2)) if number > 2 else number + 1
            errors.append("address_number_typo")
        text = f"{b.city} {b.road} {number}"
        if unit:
            text += rng.choice((", ", " ")) + unit
        if not b.ri and rng.random() < 0.5:
            district = _hangul_numerals(b.district) if rng.random() < 0.4 else b.district
            text += f" ({district})"
    else:
        area = f"{b.district} {b.ri}" if b.ri else (
            _hangul_numerals(b.district) if rng.random() < 0.2 else b.district)
        text = f"{b.city} {area} {b.lot}"
        if unit:
            text += rng.choice((" ", ", ")) + unit
    if prov:
        text = f"{prov} {text}"
    if rng.random() < stray:
        errors.append("address_stray")
        k = rng.randrange(4)
        if k == 0:
            text = text.replace(" ", "  ", 1)
        elif k == 1:
            text += ","
        elif k == 2:
            text = " " + text
        else:
            text = text.replace(" ", " , ", 1) if "," not in text else text.replace(",", " ,", 1)
    return text, errors
