"""The agencies of the second bundle: Jeju's three police stations with the 지구대·파출소 that cover
each 읍·면·동, the support agencies of every contract type, and where a district lies (WGS84), so
a call can carry 경도/위도 near the place it came from."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Agency:
    agency_id: str
    name: str
    type: str
    district: str
    phone: str


# Station id → (name, city); precinct → (name, station, districts covered).
STATIONS = {"KNP-JE": ("제주동부경찰서", "제주시"), "KNP-JW": ("제주서부경찰서", "제주시"),
            "KNP-SG": ("서귀포경찰서", "서귀포시")}
PRECINCTS = {
    "KNP-JE-11": ("일도지구대", "일도1동 일도2동 건입동"), "KNP-JE-12": ("이도지구대", "이도1동 이도2동"),
    "KNP-JE-13": ("아라지구대", "아라동 봉개동"), "KNP-JE-21": ("화북파출소", "화북동"),
    "KNP-JE-22": ("삼양파출소", "삼양동"), "KNP-JE-23": ("조천파출소", "조천읍"),
    "KNP-JE-24": ("구좌파출소", "구좌읍"), "KNP-JE-25": ("우도파출소", "우도면"),
    "KNP-JW-11": ("삼도지구대", "삼도1동 삼도2동 용담1동 용담2동"), "KNP-JW-12": ("연동지구대", "연동 오라동"),
    "KNP-JW-13": ("노형지구대", "노형동"), "KNP-JW-21": ("외도파출소", "외도동 이호동 도두동"),
    "KNP-JW-22": ("애월파출소", "애월읍"), "KNP-JW-23": ("한림파출소", "한림읍"),
    "KNP-JW-24": ("한경파출소", "한경면"), "KNP-JW-25": ("추자파출소", "추자면"),
    "KNP-SG-11": ("중앙지구대", "송산동 정방동 중앙동 천지동"), "KNP-SG-12": ("동홍지구대", "동홍동 영천동 효돈동"),
    "KNP-SG-13": ("대륜파출소", "대륜동 서홍동 대천동"), "KNP-SG-21": ("중문파출소", "중문동 예래동"),
    "KNP-SG-22": ("대정파출소", "대정읍"), "KNP-SG-23": ("안덕파출소", "안덕면"),
    "KNP-SG-24": ("남원파출소", "남원읍"), "KNP-SG-25": ("표선파출소", "표선면"),
    "KNP-SG-26": ("성산파출소", "성산읍"),
}
PRECINCT_OF = {d: pid for pid, (_, districts) in PRECINCTS.items() for d in districts.split()}

# Support agencies: (id, name, type, district). One elder-protection agency has type 기타.
SUPPORT = (
    ("JJ-DVC-1", "제주여성상담소", "가정폭력상담소", "제주시"),
    ("JJ-DVC-2", "서귀포가정상담센터", "가정폭력상담소", "서귀포시"),
    ("JJ-DVC-3", "제주가족폭력상담소", "가정폭력상담소", "노형동"),
    ("JJ-SVC-1", "제주성폭력상담센터", "성폭력상담소", "제주시"),
    ("JJ-SVC-2", "서귀포성폭력상담소", "성폭력상담소", "서귀포시"),
    ("JJ-SUN-1", "제주해바라기센터", "해바라기센터", "제주시"),
    ("JJ-SHL-1", "제주여성쉼터", "보호시설", "제주시"),
    ("JJ-SHL-2", "이주여성쉼터 제주", "보호시설", "제주시"),
    ("JJ-YSH-1", "제주청소년쉼터", "청소년쉼터", "제주시"),
    ("JJ-CPA-1", "제주아동보호전문기관", "아동보호전문기관", "제주시"),
    ("JJ-CPA-2", "서귀포아동보호전문기관", "아동보호전문기관", "서귀포시"),
    ("JJ-HOS-1", "제주한라병원", "의료기관", "연동"),
    ("JJ-HOS-2", "제주대학교병원", "의료기관", "아라동"),
    ("JJ-HOS-3", "서귀포의료원", "의료기관", "동홍동"),
    ("JJ-MHC-1", "제주시정신건강복지센터", "정신건강복지센터", "제주시"),
    ("JJ-MHC-2", "서귀포시정신건강복지센터", "정신건강복지센터", "서귀포시"),
    ("JJ-LAW-1", "법률구조공단 제주지부", "법률지원기관", "제주시"),
    ("JJ-COM-1", "이도2동주민센터", "읍면동주민센터", "이도2동"),
    ("JJ-COM-2", "노형동주민센터", "읍면동주민센터", "노형동"),
    ("JJ-COM-3", "동홍동주민센터", "읍면동주민센터", "동홍동"),
    ("JJ-COM-4", "한림읍사무소", "읍면동주민센터", "한림읍"),
    ("JJ-OFC-1", "제주가해자교정프로그램센터", "가해자교정기관", "제주시"),
    ("JJ-PRB-1", "제주보호관찰소", "보호관찰소", "제주시"),
    ("JJ-EDU-1", "제주교육청 Wee센터", "교육기관", "제주시"),
    ("JJ-MCF-1", "제주시가족센터(다문화)", "다문화가족지원센터", "제주시"),
    ("JJ-MCF-2", "서귀포시다문화가족지원센터", "다문화가족지원센터", "서귀포시"),
    ("JJ-EPA-1", "제주노인보호전문기관", "기타", "제주시"),
)


def all_agencies(rng: random.Random) -> list[Agency]:
    """Every agency with a made-up Jeju landline (064-7xx-xxxx)."""
    used: set[str] = set()

    def phone() -> str:
        while (number := f"064-7{rng.randrange(10, 100)}-{rng.randrange(10000):04d}") in used:
            pass
        used.add(number)
        return number

    out = [Agency(sid, name, "경찰서", city, phone()) for sid, (name, city) in STATIONS.items()]
    out += [Agency(pid, name, "지구대·파출소", districts.split()[0], phone())
            for pid, (name, districts) in PRECINCTS.items()]
    out += [Agency(aid, name, kind, district, phone()) for aid, name, kind, district in SUPPORT]
    return out


def station_of(precinct_id: str) -> str:
    return precinct_id.rsplit("-", 1)[0]


def by_type(agencies: list[Agency], kind: str, city: str | None = None) -> list[Agency]:
    """Agencies of one type, those of `city` first (a victim in 서귀포 goes to 서귀포's centre)."""
    found = [a for a in agencies if a.type == kind]
    if city is None:
        return found
    local = [a for a in found if a.district == city or _city_of(a.district) == city]
    return local + [a for a in found if a not in local]


_SEOGWIPO = set("송산동 정방동 중앙동 천지동 효돈동 영천동 동홍동 서홍동 대륜동 대천동 중문동 예래동 대정읍 남원읍 "
                "성산읍 안덕면 표선면".split())


def _city_of(district: str) -> str:
    return "서귀포시" if district in _SEOGWIPO or district == "서귀포시" else "제주시"


# Approximate centre of each 읍·면·동 (longitude, latitude), and how far a point may stray from it.
_CENTRES = {
    "일도1동": (126.527, 33.514), "일도2동": (126.538, 33.509), "이도1동": (126.525, 33.508),
    "이도2동": (126.533, 33.498), "삼도1동": (126.516, 33.505), "삼도2동": (126.520, 33.512),
    "용담1동": (126.511, 33.510), "용담2동": (126.493, 33.508), "건입동": (126.535, 33.516),
    "화북동": (126.566, 33.515), "삼양동": (126.590, 33.522), "봉개동": (126.604, 33.470),
    "아라동": (126.545, 33.470), "오라동": (126.505, 33.480), "연동": (126.492, 33.488),
    "노형동": (126.478, 33.482), "외도동": (126.433, 33.490), "이호동": (126.455, 33.497),
    "도두동": (126.470, 33.505), "송산동": (126.572, 33.247), "정방동": (126.566, 33.246),
    "중앙동": (126.561, 33.250), "천지동": (126.557, 33.246), "효돈동": (126.614, 33.268),
    "영천동": (126.594, 33.280), "동홍동": (126.572, 33.262), "서홍동": (126.553, 33.262),
    "대륜동": (126.528, 33.243), "대천동": (126.498, 33.255), "중문동": (126.427, 33.254),
    "예래동": (126.392, 33.243), "한림읍": (126.268, 33.411), "애월읍": (126.330, 33.463),
    "구좌읍": (126.830, 33.520), "조천읍": (126.635, 33.538), "한경면": (126.186, 33.330),
    "추자면": (126.296, 33.960), "우도면": (126.952, 33.506), "대정읍": (126.252, 33.225),
    "남원읍": (126.720, 33.280), "성산읍": (126.880, 33.440), "안덕면": (126.330, 33.255),
    "표선면": (126.830, 33.330),
}


def national_grid(lon: float, lat: float) -> tuple[int, int]:
    """UTM-K (EPSG:5179: GRS80, origin 38°N 127.5°E, k0 0.9996, 1,000,000 / 2,000,000 m) easting and
    northing in whole metres, as the Seogwipo station's records system exports them. Written here
    with Snyder's series (USGS Professional Paper 1395, eqs. 3-21, 8-9, 8-10; a few mm from the
    central meridian to 1.5° off it), not with the project's own projection: a load of this bundle
    checks the loader's inverse against an independent forward."""
    a, f = 6_378_137.0, 1 / 298.257222101
    e2 = f * (2 - f)
    ep2 = e2 / (1 - e2)

    def arc(phi: float) -> float:          # meridian distance from the equator
        return a * ((1 - e2 / 4 - 3 * e2**2 / 64 - 5 * e2**3 / 256) * phi
                    - (3 * e2 / 8 + 3 * e2**2 / 32 + 45 * e2**3 / 1024) * math.sin(2 * phi)
                    + (15 * e2**2 / 256 + 45 * e2**3 / 1024) * math.sin(4 * phi)
                    - 35 * e2**3 / 3072 * math.sin(6 * phi))

    phi, k0 = math.radians(lat), 0.9996
    n = a / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    t, c = math.tan(phi) ** 2, ep2 * math.cos(phi) ** 2
    big_a = math.radians(lon - 127.5) * math.cos(phi)
    x = k0 * n * (big_a + (1 - t + c) * big_a**3 / 6 + (5 - 18 * t + t * t + 72 * c - 58 * ep2) * big_a**5 / 120)
    y = k0 * (arc(phi) - arc(math.radians(38.0)) + n * math.tan(phi) * (
        big_a**2 / 2 + (5 - t + 9 * c + 4 * c * c) * big_a**4 / 24
        + (61 - 58 * t + t * t + 600 * c - 330 * ep2) * big_a**6 / 720))
    return round(1_000_000 + x), round(2_000_000 + y)


def coordinates(district: str, rng: random.Random) -> tuple[float, float]:
    """A WGS84 point near the district's centre: ±0.005° in a 동, ±0.02° in a 읍·면 (less on islets)."""
    lon, lat = _CENTRES[district]
    spread = 0.005 if district.endswith("동") else (0.004 if district in ("추자면", "우도면") else 0.02)
    return round(lon + rng.uniform(-spread, spread), 4), round(lat + rng.uniform(-spread, spread), 4)
