"""Korean address normalisation: road and lot forms, province aliases, units, stray spaces."""

from __future__ import annotations

import pytest

from resolution import addresses


@pytest.mark.parametrize("raw", [
    "제주특별자치도 제주시 연삼로 123, 101동 202호",
    "제주도 제주시 연삼로 123 101-202",
    "제주 제주시  연삼로 123 ,101동 202호",
    "제주시 연삼로123, 101동 202호",
    " 제주특별자치도 제주시 연삼로 123, 101-202 (이도이동)",
])
def test_road_forms_agree(raw):
    p = addresses.parse(raw)
    assert p.kind == "road"
    assert (p.city, p.road, p.unit) == ("제주시", "연삼로 123", "101-202")
    assert p.key == "road|제주시|연삼로 123|101-202"


def test_road_district_from_brackets_and_hangul_numerals():
    p = addresses.parse("제주특별자치도 제주시 연삼로 123 (이도이동)")
    assert p.district == "이도2동" and p.unit is None


@pytest.mark.parametrize("raw,lot,district", [
    ("제주시 이도이동 1234-5", "이도2동 1234-5", "이도2동"),
    ("제주특별자치도 제주시 이도2동 1234-5", "이도2동 1234-5", "이도2동"),
    ("이도2동 1234-5", "이도2동 1234-5", "이도2동"),
    ("제주시 애월읍 애월리 123-4", "애월읍 애월리 123-4", "애월읍"),
    ("제주시 애월읍 애월리 산 12", "애월읍 애월리 산12", "애월읍"),
    ("서귀포시 오라동 55", "오라동 55", "오라동"),
])
def test_lot_forms(raw, lot, district):
    p = addresses.parse(raw)
    assert p.kind == "lot" and p.lot == lot and p.district == district
    assert p.city in ("제주시", "서귀포시")


def test_unit_kept_apart_from_building():
    with_unit = addresses.parse("제주시 이도이동 1234-5 101동 202호")
    without = addresses.parse("제주시 이도이동 1234-5")
    assert with_unit.unit == "101-202" and without.unit is None
    assert with_unit.building_key == without.building_key
    assert with_unit.key != without.key


def test_road_and_lot_forms_are_different_buildings_by_text():
    assert addresses.parse("제주시 연삼로 123").building_key != addresses.parse("제주시 이도2동 1234-5").building_key


def test_road_with_numbered_branch_and_numeric_road_name():
    assert addresses.parse("제주도 서귀포시 중앙로 12번길 34").road == "중앙로12번길 34"
    assert addresses.parse("제주시 1100로 3000, 202호").road == "1100로 3000"


def test_empty_and_unparsed():
    assert addresses.parse("") is None and addresses.parse(None) is None
    assert addresses.parse("제주시 어딘가").kind == "raw"


@pytest.mark.parametrize("raw,folded", [
    ("제주특별자치도  제주시 연삼로 123, 101동 202호", "제주시 연삼로 123, 101동 202호"),
    ("제주도,제주시 이도이동 1234-5", "제주시 이도이동 1234-5"),
    ("제주 (이도이동) 연삼로 123", "(이도이동) 연삼로 123"),
    ("제주시 연삼로 123", "제주시 연삼로 123"),  # 제주시 is a city, not the province
    ("제주, ", "제주,"),  # nothing after the province: left for parse to decide
])
def test_folded_text_parses_to_the_same_keys(raw, folded):
    assert addresses.fold_text(raw) == folded
    a, b = addresses.parse(raw), addresses.parse(folded)
    assert (a.key, a.building_key, a.city, a.district) == (b.key, b.building_key, b.city, b.district)
