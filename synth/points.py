"""Where calls happened: a WGS84 point for every call near its address, and how an export writes it
in 경도/위도 (decimal degrees, Korea's UTM-K grid in metres, empty, or now and then a bad pair).

Every address has one point: a fixed spot in its 읍·면·동, drawn from a hash of the address id
(no random stream: the same address is at the same spot in every chunk and run). A call's point is
its address's point moved by up to 15 m — the position the caller's phone or the patrol reported.
The centres below are approximate centres of each 읍·면·동's built-up area, read off a map for
plausibility, not surveyed; the radius says how far its addresses spread (a few hundred metres in
the old town's 동, a few km in the 읍·면, less on 추자도 and 우도).
"""

from __future__ import annotations

import hashlib
import math
import random

from synth.addresses import Address
from values.coordinates import UTM_K

# 읍·면·동 → (longitude, latitude, radius in km)
CENTRES: dict[str, tuple[float, float, float]] = {
    # 제주시 동
    "일도1동": (126.5265, 33.5135, 0.4), "일도2동": (126.5400, 33.5080, 0.7), "이도1동": (126.5250, 33.5085, 0.4),
    "이도2동": (126.5340, 33.4990, 0.8), "삼도1동": (126.5170, 33.5050, 0.5), "삼도2동": (126.5200, 33.5120, 0.4),
    "용담1동": (126.5120, 33.5105, 0.5), "용담2동": (126.4960, 33.5080, 0.9), "건입동": (126.5360, 33.5160, 0.5),
    "화북동": (126.5680, 33.5180, 1.0), "삼양동": (126.5880, 33.5210, 0.9), "봉개동": (126.6050, 33.4780, 1.5),
    "아라동": (126.5450, 33.4720, 1.5), "오라동": (126.5020, 33.4830, 1.2), "연동": (126.4930, 33.4880, 0.9),
    "노형동": (126.4780, 33.4830, 1.2), "외도동": (126.4330, 33.4890, 1.0), "이호동": (126.4560, 33.4960, 0.7),
    "도두동": (126.4700, 33.5040, 0.7),
    # 제주시 읍·면
    "한림읍": (126.2700, 33.3900, 2.5), "애월읍": (126.3550, 33.4450, 3.0), "구좌읍": (126.8200, 33.5050, 3.0),
    "조천읍": (126.6600, 33.5200, 2.5), "한경면": (126.2000, 33.3300, 2.0), "추자면": (126.3000, 33.9550, 0.6),
    "우도면": (126.9520, 33.5050, 0.8),
    # 서귀포시 동
    "송산동": (126.5700, 33.2470, 0.5), "정방동": (126.5650, 33.2450, 0.4), "중앙동": (126.5610, 33.2500, 0.4),
    "천지동": (126.5560, 33.2470, 0.4), "효돈동": (126.6140, 33.2650, 1.0), "영천동": (126.5900, 33.2780, 1.2),
    "동홍동": (126.5700, 33.2630, 0.9), "서홍동": (126.5520, 33.2620, 0.9), "대륜동": (126.5250, 33.2460, 0.9),
    "대천동": (126.4980, 33.2560, 1.0), "중문동": (126.4250, 33.2540, 1.2), "예래동": (126.3950, 33.2470, 0.9),
    # 서귀포시 읍·면
    "대정읍": (126.2550, 33.2350, 2.5), "남원읍": (126.7100, 33.2900, 3.0), "성산읍": (126.8900, 33.4200, 2.5),
    "안덕면": (126.3300, 33.2600, 2.5), "표선면": (126.8200, 33.3300, 2.5),
}
_KM_PER_DEG_LAT = 110.95
_KM_PER_DEG_LON_EQUATOR = 111.32
CALL_SPREAD_KM = 0.015


def _moved(lon: float, lat: float, km: float, u1: float, u2: float) -> tuple[float, float]:
    """The point `km` × sqrt(u1) away in direction 2π·u2 (uniform over a disc of radius `km`)."""
    r, angle = km * math.sqrt(u1), 2 * math.pi * u2
    return (lon + r * math.cos(angle) / (_KM_PER_DEG_LON_EQUATOR * math.cos(math.radians(lat))),
            lat + r * math.sin(angle) / _KM_PER_DEG_LAT)


def address_point(a: Address) -> tuple[float, float]:
    """The fixed spot of an address in its 읍·면·동 (from a hash of its id, not a random stream)."""
    lon, lat, km = CENTRES[a.district]
    digest = hashlib.blake2b(a.address_id.encode(), digest_size=8).digest()
    u1, u2 = int.from_bytes(digest[:4], "big") / 2**32, int.from_bytes(digest[4:], "big") / 2**32
    return _moved(lon, lat, km, u1, u2)


def call_point(rng: random.Random, a: Address) -> tuple[float, float]:
    """Where one call at `a` was located: within 15 m of the address's spot, to 7 decimals."""
    lon, lat = _moved(*address_point(a), CALL_SPREAD_KM, rng.random(), rng.random())
    return round(lon, 7), round(lat, 7)


# How an export writes a point; every good form is within 1 m of the point (truth-checked).
def wgs84_text(rng: random.Random, lon: float, lat: float) -> tuple[str, str]:
    """Decimal degrees with 5 (≤ 0.7 m off), 6 or 7 decimals; sometimes a stray space."""
    digits = rng.choices((5, 6, 7), (20, 60, 20))[0]
    lon_t, lat_t = f"{lon:.{digits}f}", f"{lat:.{digits}f}"
    if rng.random() < 0.05:
        lon_t = " " + lon_t
    return lon_t, lat_t


def utmk_text(rng: random.Random, lon: float, lat: float) -> tuple[str, str]:
    """UTM-K easting / northing in metres: whole metres (≤ 0.71 m off), or 1–2 decimals, a tenth of
    them with thousands separators (`935,421.52`)."""
    x, y = UTM_K.forward(lon, lat)
    digits = rng.choices((0, 1, 2), (30, 20, 50))[0]
    grouping = "," if rng.random() < 0.1 else ""
    return f"{x:{grouping}.{digits}f}", f"{y:{grouping}.{digits}f}"


BAD_FORMS = ("one_value", "outside_korea")


def bad_text(rng: random.Random, lon: float, lat: float) -> tuple[str, str, str, str, str]:
    """A bad pair (경도, 위도, form, column, reason): one of the two left out, or a point outside Korea
    (both zero, a system's placeholder; or the longitude's sign lost to a west-of-Greenwich one)."""
    lon_t, lat_t = wgs84_text(rng, lon, lat)
    if rng.random() < 0.5:
        if rng.random() < 0.5:
            return lon_t, "", "one_value", "위도", "only one of longitude and latitude"
        return "", lat_t, "one_value", "경도", "only one of longitude and latitude"
    if rng.random() < 0.5:
        return "0", "0", "outside_korea", "경도/위도", "a point outside Korea (0, 0)"
    return "-" + lon_t.strip(), lat_t, "outside_korea", "경도/위도", "a point outside Korea (west longitude)"
