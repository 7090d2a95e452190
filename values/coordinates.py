"""Call locations (data contract, "Value formats": the calls' optional 경도/위도): a pair of cells read
as one WGS84 point, or as the reason it cannot be one.

Forms read (`read_point`):
- WGS84 decimal degrees: `126.5312` / `33.4996`; numbers from .xlsx; surrounding or stray spaces
  (NBSP, ideographic), full-width digits and a trailing `°` are read too.
- Korea's unified grid UTM-K (EPSG:5179, "Korea 2000 / Unified CS") in metres: 경도 holds the
  easting and 위도 the northing (on Jeju x ≈ 870,000–960,000, y ≈ 1,450,000–1,560,000 with 추자도),
  with or without thousands separators (`935,421.5`). Converted to WGS84 (`UTM_K.inverse`).

Which form a pair is in is read from its size: a value within ±180 is degrees, one of 100,000 …
4,000,000 is metres; nothing between can be either. A comma is read only as a thousands separator
(`935,421`): a decimal comma (`126,5312`) is refused rather than guessed, since `126,531` would be
both. Nothing is corrected: swapped columns are reported as swapped, not swapped back.

Bad pairs give a `PointProblem` (the loader reports it and stores the call without a location):
only one of the two values (`one_value`), a value that is no number or no coordinate
(`unreadable`), one value in degrees and the other in metres (`mixed_units`), the two columns
swapped (`swapped`: the pair is in Korea the other way round), or a point outside Korea
(`outside_korea`).

"Korea" is the box `KOREA`: longitude 124.5–132.0°E, latitude 33.0–38.7°N, which holds South
Korea's extreme points (백령도 124.6°E, 독도 131.87°E, 마라도 33.11°N, 38.61°N on the east coast)
and the islands between (추자도, 우도, 가거도). A box, not a border: it also holds sea, part of
North Korea and of Japan's Tsushima and Kyushu; it catches the usual mistakes (swapped or zeroed
columns, another projection's metres, a point abroad), not a point on the wrong side of a coast.

Korea 2000 (GRS80 on ITRF2000) and WGS84 agree to well under a metre; they are treated as one
here, as in everyday GIS practice. Points are rounded to 7 decimals (about 1 cm), so the same cell
always gives the same stored value.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import NamedTuple

from values.text import half_width

Point = tuple[float, float]          # (longitude, latitude) in WGS84 degrees


@dataclass(frozen=True)
class Box:
    west: float
    east: float
    south: float
    north: float

    def holds(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


KOREA = Box(west=124.5, east=132.0, south=33.0, north=38.7)
DECIMALS = 7
_METRES = (100_000.0, 4_000_000.0)   # UTM-K values that can lie near Korea (x ≈ 0.7–1.3 M, y ≈ 1.4–2.1 M)


class PointProblem(NamedTuple):
    """Why a pair is no point: `code` (one_value, unreadable, mixed_units, swapped, outside_korea)
    and the column to blame (`longitude`, `latitude`, or `both`)."""
    code: str
    field: str


# --- the projection ---------------------------------------------------------------------------
class TransverseMercator:
    """Transverse Mercator on an ellipsoid, both ways, by Krüger's series to the sixth order in the
    third flattening n (C. F. F. Karney, "Transverse Mercator with an accuracy of a few
    nanometers", J. Geodesy 85, 2011, eqs. 9–36). Within 1,000 km of the central meridian the
    series err by well under a millimetre; Korea lies within 420 km of 127.5°E."""

    def __init__(self, *, a: float, inv_f: float, lat0: float, lon0: float, k0: float,
                 false_easting: float, false_northing: float):
        f = 1 / inv_f
        n = f / (2 - f)
        self.e = math.sqrt(f * (2 - f))
        self.k0_a = k0 * a / (1 + n) * (1 + n**2 / 4 + n**4 / 64 + n**6 / 256)   # k0 × rectifying radius
        self.alpha = (
            n / 2 - 2 * n**2 / 3 + 5 * n**3 / 16 + 41 * n**4 / 180 - 127 * n**5 / 288 + 7891 * n**6 / 37800,
            13 * n**2 / 48 - 3 * n**3 / 5 + 557 * n**4 / 1440 + 281 * n**5 / 630 - 1983433 * n**6 / 1935360,
            61 * n**3 / 240 - 103 * n**4 / 140 + 15061 * n**5 / 26880 + 167603 * n**6 / 181440,
            49561 * n**4 / 161280 - 179 * n**5 / 168 + 6601661 * n**6 / 7257600,
            34729 * n**5 / 80640 - 3418889 * n**6 / 1995840,
            212378941 * n**6 / 319334400,
        )
        self.beta = (
            n / 2 - 2 * n**2 / 3 + 37 * n**3 / 96 - n**4 / 360 - 81 * n**5 / 512 + 96199 * n**6 / 604800,
            n**2 / 48 + n**3 / 15 - 437 * n**4 / 1440 + 46 * n**5 / 105 - 1118711 * n**6 / 3870720,
            17 * n**3 / 480 - 37 * n**4 / 840 - 209 * n**5 / 4480 + 5569 * n**6 / 90720,
            4397 * n**4 / 161280 - 11 * n**5 / 504 - 830251 * n**6 / 7257600,
            4583 * n**5 / 161280 - 108847 * n**6 / 3991680,
            20648693 * n**6 / 638668800,
        )
        self.lon0 = math.radians(lon0)
        self.fe, self.fn = false_easting, false_northing
        # ξ of the latitude of origin on the central meridian: northings count from there
        xi_p = math.atan(self._tau_prime(math.tan(math.radians(lat0))))
        self.xi0 = xi_p + sum(a_j * math.sin(2 * j * xi_p) for j, a_j in enumerate(self.alpha, 1))

    def _tau_prime(self, tau: float) -> float:
        """tan of the conformal latitude of the latitude whose tan is `tau` (Karney eqs. 7–9)."""
        sigma = math.sinh(self.e * math.atanh(self.e * tau / math.hypot(1.0, tau)))
        return tau * math.hypot(1.0, sigma) - sigma * math.hypot(1.0, tau)

    def _tau(self, tau_p: float) -> float:
        """The inverse of `_tau_prime` by Newton's method (Karney eqs. 19–21); two or three steps."""
        e2 = self.e * self.e
        tau = tau_p / (1 - e2)
        for _ in range(8):
            tp = self._tau_prime(tau)
            step = (tau_p - tp) * (1 + (1 - e2) * tau * tau) / ((1 - e2) * math.hypot(1.0, tp) * math.hypot(1.0, tau))
            tau += step
            if abs(step) <= 1e-15 * max(1.0, abs(tau)):
                break
        return tau

    def forward(self, lon: float, lat: float) -> tuple[float, float]:
        """(easting, northing) in metres of a point in degrees."""
        lam = math.radians(lon) - self.lon0
        tau_p = self._tau_prime(math.tan(math.radians(lat)))
        xi_p = math.atan2(tau_p, math.cos(lam))
        eta_p = math.asinh(math.sin(lam) / math.hypot(tau_p, math.cos(lam)))
        xi, eta = xi_p, eta_p
        for j, a_j in enumerate(self.alpha, 1):
            xi += a_j * math.sin(2 * j * xi_p) * math.cosh(2 * j * eta_p)
            eta += a_j * math.cos(2 * j * xi_p) * math.sinh(2 * j * eta_p)
        return self.fe + self.k0_a * eta, self.fn + self.k0_a * (xi - self.xi0)

    def inverse(self, easting: float, northing: float) -> tuple[float, float]:
        """(longitude, latitude) in degrees of a point in metres."""
        xi = (northing - self.fn) / self.k0_a + self.xi0
        eta = (easting - self.fe) / self.k0_a
        xi_p, eta_p = xi, eta
        for j, b_j in enumerate(self.beta, 1):
            xi_p -= b_j * math.sin(2 * j * xi) * math.cosh(2 * j * eta)
            eta_p -= b_j * math.cos(2 * j * xi) * math.sinh(2 * j * eta)
        tau_p = math.sin(xi_p) / math.hypot(math.sinh(eta_p), math.cos(xi_p))
        lam = math.atan2(math.sinh(eta_p), math.cos(xi_p))
        return math.degrees(self.lon0 + lam), math.degrees(math.atan(self._tau(tau_p)))


# EPSG:5179 (Korea 2000 / Unified CS): GRS80, origin 38°N 127.5°E, k0 0.9996, (1,000,000, 2,000,000).
UTM_K = TransverseMercator(a=6_378_137.0, inv_f=298.257222101, lat0=38.0, lon0=127.5, k0=0.9996,
                           false_easting=1_000_000.0, false_northing=2_000_000.0)


# --- reading cells ----------------------------------------------------------------------------
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")       # 935,421.5
_PLAIN = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")


class _Empty:
    pass


_EMPTY = _Empty()
_UNREADABLE = float("nan")


def _number(cell: object) -> float | _Empty:
    """A cell as a number; `_EMPTY` when blank; NaN when it is not a plain number."""
    if cell is None:
        return _EMPTY
    if isinstance(cell, bool):
        return _UNREADABLE
    if isinstance(cell, (int, float)):
        value = float(cell)
        return _EMPTY if math.isnan(value) else value     # a blank cell read by pandas
    text = str(cell).strip()
    if _PLAIN.match(text):                                 # nearly every cell: skip the clean-up below
        return float(text)
    text = _SPACES.sub("", half_width(text)).removesuffix("°")
    if not text:
        return _EMPTY
    if _GROUPED.match(text):
        text = text.replace(",", "")
    return float(text) if _PLAIN.match(text) else _UNREADABLE


def _kind(value: float) -> str | None:
    if abs(value) <= 180.0:
        return "degrees"
    if _METRES[0] <= value <= _METRES[1]:
        return "metres"
    return None


def _as_wgs84(x: float, y: float, kind: str) -> Point | None:
    """(lon, lat) of a pair of one kind; None when it is no point at all."""
    if kind == "metres":
        lon, lat = UTM_K.inverse(x, y)
        return (lon, lat) if math.isfinite(lon) and math.isfinite(lat) else None
    return (x, y) if abs(y) <= 90.0 else None


def read_point(longitude: object, latitude: object) -> Point | PointProblem | None:
    """The WGS84 point (longitude, latitude) of a 경도/위도 pair of cells, rounded to 7 decimals;
    None when both are empty; a PointProblem when the pair is bad (module docstring)."""
    lon_v, lat_v = _number(longitude), _number(latitude)
    if lon_v is _EMPTY and lat_v is _EMPTY:
        return None
    if lon_v is _EMPTY or lat_v is _EMPTY:
        return PointProblem("one_value", "longitude" if lon_v is _EMPTY else "latitude")
    assert isinstance(lon_v, float) and isinstance(lat_v, float)
    kinds = (_kind(lon_v) if not math.isnan(lon_v) else None, _kind(lat_v) if not math.isnan(lat_v) else None)
    if kinds[0] is None or kinds[1] is None:
        field = "both" if kinds == (None, None) else ("longitude" if kinds[0] is None else "latitude")
        return PointProblem("unreadable", field)
    if kinds[0] != kinds[1]:
        return PointProblem("mixed_units", "both")
    point = _as_wgs84(lon_v, lat_v, kinds[0])
    if point is not None and KOREA.holds(*point):
        return round(point[0], DECIMALS), round(point[1], DECIMALS)
    other = _as_wgs84(lat_v, lon_v, kinds[0])
    if other is not None and KOREA.holds(*other):
        return PointProblem("swapped", "both")
    return PointProblem("outside_korea", "both")
