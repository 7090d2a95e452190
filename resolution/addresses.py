"""Korean address normalisation: road-name and lot-number forms into comparable parts.

`제주특별자치도 제주시 연삼로 123, 101동 202호 (이도이동)` → road form: city 제주시, road 연삼로,
building 123, unit 101-202, district 이도2동 (from the parenthesis). `제주 제주시 이도이동 1234-5` →
lot form: city 제주시, district 이도2동, lot 1234-5. The province (written 제주특별자치도, 제주도,
제주 or left out) never decides identity; the unit is kept apart so the building can match when a
record leaves the unit out. A road form and a lot form of the same building cannot be matched from
the text: `resolution.households` ties them only on evidence (see docs/entity-resolution.md).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from graph.sealing import PLACEHOLDER, REF_PREFIX, parse_ref

PROVINCES = {
    "제주특별자치도": "제주특별자치도", "제주도": "제주특별자치도", "제주": "제주특별자치도",
    "서울특별시": "서울특별시", "서울시": "서울특별시", "서울": "서울특별시",
    "부산광역시": "부산광역시", "부산": "부산광역시", "대구광역시": "대구광역시", "대구": "대구광역시",
    "인천광역시": "인천광역시", "인천": "인천광역시", "광주광역시": "광주광역시", "광주": "광주광역시",
    "대전광역시": "대전광역시", "대전": "대전광역시", "울산광역시": "울산광역시", "울산": "울산광역시",
    "세종특별자치시": "세종특별자치시", "세종": "세종특별자치시", "경기도": "경기도", "경기": "경기도",
    "강원특별자치도": "강원특별자치도", "강원도": "강원특별자치도", "강원": "강원특별자치도",
    "충청북도": "충청북도", "충북": "충청북도", "충청남도": "충청남도", "충남": "충청남도",
    "전북특별자치도": "전북특별자치도", "전라북도": "전북특별자치도", "전북": "전북특별자치도",
    "전라남도": "전라남도", "전남": "전라남도", "경상북도": "경상북도", "경북": "경상북도",
    "경상남도": "경상남도", "경남": "경상남도",
}
_JEJU_CITY_OF = {d: "제주시" for d in (
    "일도1동 일도2동 이도1동 이도2동 삼도1동 삼도2동 용담1동 용담2동 건입동 화북동 삼양동 봉개동 아라동 "
    "오라동 연동 노형동 외도동 이호동 도두동 한림읍 애월읍 구좌읍 조천읍 한경면 추자면 우도면").split()}
_JEJU_CITY_OF.update({d: "서귀포시" for d in (
    "송산동 정방동 중앙동 천지동 효돈동 영천동 동홍동 서홍동 대륜동 대천동 중문동 예래동 대정읍 남원읍 "
    "성산읍 안덕면 표선면").split()})
_NUMERALS = {"일": "1", "이": "2", "삼": "3", "사": "4", "오": "5"}
_DONG_NUM_RE = re.compile(r"^(\S{2,}?)(일|이|삼|사|오)(동|가)$")
_ROAD_RE = re.compile(r"^\S*\d*\S*(로|길)$")
_NUMBER_RE = re.compile(r"^(산)?(\d+)(?:번지)?(?:-(\d+))?(?:번지)?$")
_AREA_RE = re.compile(r"^\S+(동|리|가|읍|면)$")
_UNIT_DONG_HO_RE = re.compile(r"(\d+|[A-Za-z가-힣]\d*)\s*동\s*(\d+)\s*호")
_UNIT_DASH_RE = re.compile(r"^(\d+)-(\d+)$")
_GLUED_NUMBER_RE = re.compile(r"([가-힣](?:로|길))(\d+(?:-\d+)?)(?=$|[\s,])")
_UNIT_HO_RE = re.compile(r"(\w+)\s*호$")
# Compiled once: parse runs on every distinct address text (hundreds of thousands at national scale).
_PAREN_RE = re.compile(r"\(([^)]*)\)")
_SAN_RE = re.compile(r"(^|\s)산\s+(\d)")
_SPLIT_RE = re.compile(r"[\s,]+")
_CITY_RE = re.compile(r"^\S+(시|군)$")
_GU_RE = re.compile(r"^\S+구$")
_GIL_RE = re.compile(r"^\d+번?길$")
_SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class ParsedAddress:
    kind: str  # road | lot | raw | sealed (a shelter location: only keyed hashes, see graph/sealing.py)
    province: str | None
    city: str | None
    district: str | None
    road: str | None  # road name + building number, e.g. "연삼로 123"
    lot: str | None  # area + lot number, e.g. "이도2동 1234-5"
    unit: str | None  # "101-202" or "202"
    text: str  # canonical display text

    @property
    def building_key(self) -> str:
        """Identity of the building (unit left out): what the text alone can establish."""
        if self.kind == "sealed":
            return f"sealed|{self.road}"
        if self.kind == "road":
            return f"road|{self.city or ''}|{self.road}"
        if self.kind == "lot":
            return f"lot|{self.city or ''}|{self.lot}"
        return f"raw|{self.text}"

    @property
    def key(self) -> str:
        return f"{self.building_key}|{self.unit or ''}"


def address_id(key: str) -> str:
    return "A-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def normalise_dong(name: str) -> str:
    """이도이동 → 이도2동 (legal names spell the number in Hangul, administrative ones in digits)."""
    m = _DONG_NUM_RE.match(name)
    if m and m.group(1) + m.group(2) + m.group(3) not in _JEJU_CITY_OF:
        return m.group(1) + _NUMERALS[m.group(2)] + m.group(3)
    return name


def _unit(rest: str) -> str | None:
    rest = rest.strip(" ,")
    if not rest:
        return None
    if m := _UNIT_DONG_HO_RE.search(rest):
        return f"{m.group(1)}-{m.group(2)}"
    if m := _UNIT_DASH_RE.match(rest.replace(" ", "")):
        return f"{m.group(1)}-{m.group(2)}"
    if m := _UNIT_HO_RE.search(rest):
        return m.group(1)
    return _SPACES_RE.sub("", rest) or None


@lru_cache(maxsize=300_000)
def parse(raw: str | None) -> ParsedAddress | None:
    """Parse one recorded address; None when empty."""
    if raw is None:
        return None
    text = unicodedata.normalize("NFC", str(raw)).strip()
    if not text or text.lower() in {"nan", "none", "미상", "-"}:
        return None
    if text.startswith(REF_PREFIX):
        # A sealed address (`address_ref`): the loader normalised it and kept only keyed hashes of
        # its place (road/lot + number, city left out) and unit. No city or district: none is stored.
        ref = parse_ref(text)
        if ref is not None:
            return ParsedAddress("sealed", None, None, None, f"sealed:{ref[0]}", None, ref[1], PLACEHOLDER)
    hint = None
    if m := _PAREN_RE.search(text):
        inner = m.group(1).split(",")[0].strip()
        hint = normalise_dong(inner) if inner else None
        text = text[: m.start()] + " " + text[m.end():]
    text = _GLUED_NUMBER_RE.sub(r"\1 \2", text)
    text = _SAN_RE.sub(r"\1산\2", text)
    tokens = [t for t in _SPLIT_RE.split(text) if t]
    province = city = None
    if tokens and tokens[0] in PROVINCES:
        province = PROVINCES[tokens.pop(0)]
    if tokens and _CITY_RE.match(tokens[0]) and not _ROAD_RE.match(tokens[0]):
        city = tokens.pop(0)
        if tokens and _GU_RE.match(tokens[0]):
            city += " " + tokens.pop(0)
    elif tokens and _GU_RE.match(tokens[0]):
        city = tokens.pop(0)  # metropolitan districts (서울 강남구) stand where a city would
    areas: list[str] = []
    while tokens and _AREA_RE.match(tokens[0]) and not _NUMBER_RE.match(tokens[0]):
        areas.append(normalise_dong(tokens.pop(0)))
    if city is None:
        for a in [*areas, hint or ""]:
            city = city or _JEJU_CITY_OF.get(a)
    if province is None and city in ("제주시", "서귀포시"):
        province = "제주특별자치도"
    district = hint or next((a for a in areas if a[-1] in "동읍면"), areas[-1] if areas else None)
    # Road form: a road token (possibly followed by "12번길") then the building number.
    if tokens and _ROAD_RE.match(tokens[0]) or (len(tokens) > 1 and _GIL_RE.match(tokens[1])
                                                 and tokens[0].endswith("로")):
        road = tokens.pop(0)
        if tokens and _GIL_RE.match(tokens[0]):
            road += tokens.pop(0)
        if tokens and (m := _NUMBER_RE.match(tokens[0])):
            tokens.pop(0)
            number = m.group(2) + (f"-{m.group(3)}" if m.group(3) else "")
            unit = _unit(" ".join(tokens))
            road_part = f"{road} {number}"
            return ParsedAddress("road", province, city, district, road_part, None, unit,
                                 address_display(province, city, road_part, unit))
    if areas and tokens and (m := _NUMBER_RE.match(tokens[0])):
        tokens.pop(0)
        number = ("산" if m.group(1) else "") + m.group(2) + (f"-{m.group(3)}" if m.group(3) else "")
        unit = _unit(" ".join(tokens))
        lot_part = f"{' '.join(areas)} {number}"
        return ParsedAddress("lot", province, city, district, None, lot_part, unit,
                             address_display(province, city, lot_part, unit))
    compact = " ".join(t for t in [city or "", *areas, *tokens] if t)
    return ParsedAddress("raw", province, city, district, None, None, None, compact)


_LEADING_PROVINCE_RE = re.compile("^(?:" + "|".join(sorted(map(re.escape, PROVINCES), key=len, reverse=True))
                                  + ")[\\s,]+(?=\\S)")


def fold_text(value: str) -> str:
    """An address text → a text that `parse` gives the same building, unit, city and district: runs
    of spaces made one (parse splits on them) and a leading province dropped (parse drops it too; it
    never decides identity). Lets many raw spellings share one parse (1M records: 529k → 382k)."""
    return _LEADING_PROVINCE_RE.sub("", " ".join(value.split()), count=1)


def address_display(province: str | None, city: str | None, place: str, unit: str | None) -> str:
    text = " ".join(p for p in (province, city, place) if p)
    if unit:
        dong_ho = unit.split("-")
        if len(dong_ho) == 2:
            text += f", {dong_ho[0]}동 {dong_ho[1]}호"
        else:
            text += f", {unit}호" if unit.isdigit() else f", {unit}"
    return text
