"""Jeju addresses: true canonical forms (road-name and lot-number) and the ways exports write them."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

PROVINCE = "제주특별자치도"

# 읍·면·동 per city (reference: jeju.md) with the roads that run through them. 읍·면 also carry
# 리 names, which lot-number addresses use.
JEJU_SI_DONG: dict[str, tuple[str, ...]] = {
    "일도1동": ("관덕로", "동문로", "중앙로"), "일도2동": ("동문로", "신설로", "고마로"),
    "이도1동": ("중앙로", "동문로"), "이도2동": ("연삼로", "신광로", "중앙로"),
    "삼도1동": ("서사로", "관덕로"), "삼도2동": ("관덕로", "서사로"), "용담1동": ("서사로", "용문로"),
    "용담2동": ("서해안로", "용문로"), "건입동": ("임항로", "동문로"), "화북동": ("일주동로", "화삼북로"),
    "삼양동": ("일주동로", "삼양로"), "봉개동": ("번영로", "명림로"), "아라동": ("516로", "아란로", "연삼로"),
    "오라동": ("연북로", "오남로"), "연동": ("신대로", "신광로", "연북로", "삼무로"),
    "노형동": ("노연로", "월랑로", "도령로", "1100로"), "외도동": ("일주서로", "우정로"),
    "이호동": ("도리로", "일주서로"), "도두동": ("도두항길", "도리로"),
}
JEJU_SI_EUPMYEON: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "한림읍": (("한림로", "일주서로", "한림상로"), ("한림리", "협재리", "귀덕리", "옹포리")),
    "애월읍": (("애월로", "일주서로", "애월해안로"), ("애월리", "하귀1리", "곽지리", "고내리")),
    "구좌읍": (("구좌로", "일주동로", "해맞이해안로"), ("세화리", "김녕리", "월정리", "평대리")),
    "조천읍": (("조천로", "일주동로", "함덕로"), ("조천리", "함덕리", "신촌리", "와산리")),
    "한경면": (("한경로", "일주서로"), ("고산리", "판포리", "신창리")),
    "추자면": (("추자로",), ("대서리", "영흥리", "묵리")),
    "우도면": (("우도해안길",), ("연평리",)),
}
SEOGWIPO_DONG: dict[str, tuple[str, ...]] = {
    "송산동": ("태평로", "칠십리로"), "정방동": ("중정로", "태평로"), "중앙동": ("중정로", "중앙로"),
    "천지동": ("중정로", "서문로"), "효돈동": ("일주동로", "효돈순환로"), "영천동": ("516로", "영천로"),
    "동홍동": ("동홍로", "중산간동로"), "서홍동": ("서홍로", "일주동로"), "대륜동": ("신서로", "일주서로"),
    "대천동": ("일주서로", "이어도로"), "중문동": ("천제연로", "중문관광로"), "예래동": ("예래로", "일주서로"),
}
SEOGWIPO_EUPMYEON: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "대정읍": (("대정로", "일주서로", "하모로"), ("하모리", "상모리", "안성리")),
    "남원읍": (("남원로", "일주동로", "태위로"), ("남원리", "위미리", "태흥리")),
    "성산읍": (("성산중앙로", "일주동로", "서성일로"), ("성산리", "고성리", "신양리", "온평리")),
    "안덕면": (("화순로", "일주서로", "평화로"), ("화순리", "사계리", "감산리")),
    "표선면": (("표선로", "일주동로", "번영로"), ("표선리", "세화리", "성읍리")),
}

# Population weights: 제주시 holds ~73% of residents; the urban 동 are the most populous.
_DISTRICTS: list[tuple[str, str, float]] = (
    [("제주시", d, 4.0 if d in ("노형동", "연동", "이도2동", "아라동", "일도2동") else 1.6) for d in JEJU_SI_DONG]
    + [("제주시", d, 0.2 if d in ("추자면", "우도면") else 2.0) for d in JEJU_SI_EUPMYEON]
    + [("서귀포시", d, 1.2) for d in SEOGWIPO_DONG]
    + [("서귀포시", d, 1.8) for d in SEOGWIPO_EUPMYEON]
)


_DISTRICT_CUM = tuple(itertools.accumulate(w for *_, w in _DISTRICTS))


@dataclass(frozen=True)
class Address:
    address_id: str
    city: str
    district: str  # 읍·면·동
    road: str
    building_no: int
    ri: str  # 리 for 읍·면 lot numbers, empty in 동
    lot: str  # e.g. "1234-5"
    unit: tuple[int, int] | None  # (동, 호) for apartments

    @property
    def district_full(self) -> str:
        return f"{self.city} {self.district}"

    def road_address(self) -> str:
        is_eupmyeon = self.district.endswith(("읍", "면"))
        place = f"{self.city} {self.district} " if is_eupmyeon else f"{self.city} "
        text = f"{PROVINCE} {place}{self.road} {self.building_no}"
        if self.unit:
            text += f", {self.unit[0]}동 {self.unit[1]}호"
        return text

    def lot_address(self) -> str:
        ri = f" {self.ri}" if self.ri else ""
        text = f"{PROVINCE} {self.city} {self.district}{ri} {self.lot}"
        if self.unit:
            text += f" {self.unit[0]}동 {self.unit[1]}호"
        return text


def district_choices() -> list[tuple[str, str, float]]:
    return list(_DISTRICTS)


def _roads_and_ris(city: str, district: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if district in JEJU_SI_DONG:
        return JEJU_SI_DONG[district], ()
    if district in SEOGWIPO_DONG:
        return SEOGWIPO_DONG[district], ()
    table = JEJU_SI_EUPMYEON if city == "제주시" else SEOGWIPO_EUPMYEON
    return table[district]


def new_address(rng: random.Random, address_id: str, counters: dict[str, int],
                near: Address | None = None) -> Address:
    """A new true address. `counters` (per 읍·면·동, kept by the caller across chunks) make the
    building and lot numbers unique, so two households never share an address by accident.
    `near` puts it in the same 읍·면·동."""
    if near is not None:
        city, district = near.city, near.district
    else:
        city, district, _ = rng.choices(_DISTRICTS, cum_weights=_DISTRICT_CUM)[0]
    serial = counters.get(district, 0)
    counters[district] = serial + 1
    roads, ris = _roads_and_ris(city, district)
    road = rng.choice(roads)
    apartment = rng.random() < (0.15 if district.endswith(("읍", "면")) else 0.6)
    # Permutations modulo primes look random but never repeat; the overflow keeps them unique
    # at national volumes (where numbers grow unrealistically large, but stay distinct).
    building_no = 1 + (serial * 7919) % 997 + 1000 * (serial // 997)
    lot_main = 1 + (serial * 104729) % 2999 + 3000 * (serial // 2999)
    lot = f"{lot_main}-{1 + serial % 37}" if serial % 3 else str(lot_main)
    unit = (101 + rng.randrange(12), 100 * (1 + rng.randrange(15)) + 1 + rng.randrange(6)) if apartment else None
    return Address(address_id, city, district, road, building_no, rng.choice(ris) if ris else "", lot, unit)


def format_address(rng: random.Random, a: Address, p: dict[str, float]) -> str:
    """The address as written in one export: road or lot form, province variants, unit variants,
    the 동 in brackets, stray spaces and commas. `p`: lot_share, unit_omit, stray."""
    province = rng.choices((PROVINCE, "제주도", "제주", ""), cum_weights=(0.45, 0.65, 0.8, 1.0))[0]
    unit = ""
    if a.unit:
        r = rng.random()
        if r < p.get("unit_omit", 0.1):
            unit = ""
        elif r < 0.55:
            unit = f"{a.unit[0]}동 {a.unit[1]}호"
        else:
            unit = f"{a.unit[0]}-{a.unit[1]}"
    if rng.random() < p.get("lot_share", 0.4):
        ri = f" {a.ri}" if a.ri else ""
        text = f"{a.city} {a.district}{ri} {a.lot}" + (f" {unit}" if unit else "")
    else:
        is_eupmyeon = a.district.endswith(("읍", "면"))
        place = f"{a.city} {a.district} " if is_eupmyeon else f"{a.city} "
        text = f"{place}{a.road} {a.building_no}" + (f", {unit}" if unit else "")
        if not is_eupmyeon and rng.random() < 0.3:
            text += f" ({a.district})"
    if province:
        text = f"{province} {text}"
    if rng.random() < p.get("stray", 0.05):
        text = rng.choice((text.replace(" ", "  ", 1), text + ",", " " + text, text.replace(", ", " ,")))
    return text
