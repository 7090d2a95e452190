"""A call's 경도/위도 (values/coordinates.py): the inverse Transverse Mercator of UTM-K (EPSG:5179)
checked against published figures and its own forward series, and every cell form the loader meets
read to a point or to the reason it is none."""

from __future__ import annotations

import math
import random

import pytest

from values.coordinates import KOREA, UTM_K, PointProblem, TransverseMercator, read_point


def metres_apart(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance in metres between two (lon, lat) points a few km apart at most (local plane)."""
    lat = math.radians((a[1] + b[1]) / 2)
    dx = (a[0] - b[0]) * 111_412.84 * math.cos(lat)
    dy = (a[1] - b[1]) * 110_946.0
    return math.hypot(dx, dy)


# --- the projection ---------------------------------------------------------------------------
def test_the_origin_of_utm_k_is_its_false_easting_and_northing() -> None:
    x, y = UTM_K.forward(127.5, 38.0)
    assert (x, y) == pytest.approx((1_000_000.0, 2_000_000.0), abs=1e-6)
    lon, lat = UTM_K.inverse(1_000_000.0, 2_000_000.0)
    assert (lon, lat) == pytest.approx((127.5, 38.0), abs=1e-12)


def test_a_published_epsg_5179_coordinate() -> None:
    """epsg.io's EPSG:5179 → EPSG:4326 transform of easting 1,307,285, northing 2,229,260, as quoted
    in Stack Overflow question 54362007 (131.0999928, 40.0099722; the asker's test code has
    40.0099721). The point lies outside KOREA: this checks the projection, not the reader."""
    lon, lat = UTM_K.inverse(1_307_285.0, 2_229_260.0)
    assert lon == pytest.approx(131.0999928, abs=1e-6)
    assert lat == pytest.approx(40.0099722, abs=1e-6)


def test_the_epsg_guidance_note_worked_example() -> None:
    """EPSG Guidance Note 7-2, Transverse Mercator (method 9807) worked example, OSGB 1936 / British
    National Grid (Airy 1830): 50°30'N 0°30'E is E 577,274.99 m, N 69,740.50 m, and back. The note
    prints metres to 2 decimals and the latitude to 0.001" (≈ 1.5 cm); an independent Snyder
    (USGS PP 1395) series gives the same 577,274.984 / 69,740.492 as this Krüger series."""
    osgb = TransverseMercator(a=6_377_563.396, inv_f=299.3249646, lat0=49.0, lon0=-2.0, k0=0.9996012717,
                              false_easting=400_000.0, false_northing=-100_000.0)
    x, y = osgb.forward(0.5, 50.5)
    assert x == pytest.approx(577_274.99, abs=0.02) and y == pytest.approx(69_740.50, abs=0.02)
    lon, lat = osgb.inverse(577_274.99, 69_740.50)
    assert lon == pytest.approx(0.5, abs=0.0005 / 3600) and lat == pytest.approx(50.5, abs=0.0005 / 3600)


def test_round_trips_over_korea_are_exact_to_a_micrometre() -> None:
    rng = random.Random(5179)
    worst = 0.0
    for _ in range(5000):
        p = (rng.uniform(KOREA.west, KOREA.east), rng.uniform(KOREA.south, KOREA.north))
        back = UTM_K.inverse(*UTM_K.forward(*p))
        worst = max(worst, metres_apart(p, back))
    assert worst < 1e-6


def test_jeju_lies_where_the_contract_says_on_the_grid() -> None:
    """The contract: on Jeju roughly x 870,000–960,000, y 1,450,000–1,520,000 (추자도, further north,
    excepted)."""
    for lon, lat in ((126.15, 33.19), (126.97, 33.57), (126.5312, 33.4996), (126.27, 33.11)):
        x, y = UTM_K.forward(lon, lat)
        assert 870_000 < x < 960_000 and 1_440_000 < y < 1_520_000, (lon, lat, x, y)


# --- reading cells ----------------------------------------------------------------------------
JEJU_CITY_HALL = (126.5312, 33.4996)
JEJU_X, JEJU_Y = UTM_K.forward(*JEJU_CITY_HALL)

READ = [
    # WGS84 degrees in the forms exports write them
    (("126.5312", "33.4996"), JEJU_CITY_HALL),
    ((126.5312, 33.4996), JEJU_CITY_HALL),                        # .xlsx numbers
    ((" 126.5312 ", "33.4996\u00a0"), JEJU_CITY_HALL),           # stray spaces, NBSP
    (("１２６.５３１２", "３３.４９９６"), JEJU_CITY_HALL),        # full-width digits
    (("126.5312°", "33.4996°"), JEJU_CITY_HALL),
    (("126.53120000004", "33.49960000004"), JEJU_CITY_HALL),     # rounded to 7 decimals
    # empty: no point, no problem
    ((None, None), None), (("", "  "), None), ((float("nan"), float("nan")), None),
    # one value only
    (("126.5312", ""), PointProblem("one_value", "latitude")),
    ((None, "33.4996"), PointProblem("one_value", "longitude")),
    # not a number, or neither degrees nor metres
    (("126,5312", "33.4996"), PointProblem("unreadable", "longitude")),   # a decimal comma is not guessed
    (("126.5312", "북위 33도"), PointProblem("unreadable", "latitude")),
    (("5000", "33.4996"), PointProblem("unreadable", "longitude")),
    (("1e5", "2e6"), PointProblem("unreadable", "both")),
    ((True, False), PointProblem("unreadable", "both")),
    # mixed units, swapped, outside
    (("126.5312", f"{JEJU_Y:.2f}"), PointProblem("mixed_units", "both")),
    (("33.4996", "126.5312"), PointProblem("swapped", "both")),
    ((f"{JEJU_Y:.2f}", f"{JEJU_X:.2f}"), PointProblem("swapped", "both")),
    (("0", "0"), PointProblem("outside_korea", "both")),
    (("139.6917", "35.6895"), PointProblem("outside_korea", "both")),     # Tokyo
    (("126.5312", "-33.4996"), PointProblem("outside_korea", "both")),
    (("126.5312", "133.4996"), PointProblem("outside_korea", "both")),    # no latitude, swapped or not
    (("200000", "600000"), PointProblem("outside_korea", "both")),        # another grid's metres (EPSG:5186)
]


@pytest.mark.parametrize(("cells", "expected"), READ, ids=[repr(c) for c, _ in READ])
def test_read_point(cells: tuple[object, object], expected: object) -> None:
    assert read_point(*cells) == expected


@pytest.mark.parametrize("text", [f"{JEJU_X:.3f}|{JEJU_Y:.3f}", f"{JEJU_X:,.2f}|{JEJU_Y:,.2f}",
                                  f"{round(JEJU_X)}|{round(JEJU_Y)}"])
def test_utm_k_metres_are_converted_to_within_a_centimetre_of_the_point(text: str) -> None:
    x, y = text.split("|")
    point = read_point(x, y)
    assert isinstance(point, tuple)
    tolerance = 0.01 if "." in x else 0.75            # whole metres: half a metre each way
    assert metres_apart(point, JEJU_CITY_HALL) < tolerance


def test_korea_is_a_box_around_its_extreme_points() -> None:
    for name, point in {"백령도": (124.63, 37.97), "독도": (131.87, 37.24), "마라도": (126.27, 33.11),
                        "고성 명파리": (128.36, 38.61), "추자도": (126.30, 33.96), "우도": (126.95, 33.50)}.items():
        assert read_point(*point) == point, name
    for name, point in {"Shanghai": (121.47, 31.23), "Pyongyang": (125.75, 39.03),
                        "Vladivostok": (131.89, 43.12)}.items():
        assert read_point(*point) == PointProblem("outside_korea", "both"), name
