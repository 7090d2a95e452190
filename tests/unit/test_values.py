"""The value normalisers (values/ for formats, loaders/values.py for the loaders' vocabularies)
against every format in the data contract's "Value formats" section. Expected values are written by
hand from the contract. tests/unit/test_values_module.py checks that every consumer agrees."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from loaders import values as V
from values import dates, names, phones
from values.text import clean_text, keep_text


@pytest.mark.parametrize("text", ["2023-03-02", "2023.3.2", "2023/03/02", "20230302", "23.03.02", "44987",
                                  "2023년 3월 2일", "2023. 3. 2.", " 2023-03-02 ", "2023.03.02", "230302"])
def test_every_contract_date_format_reads_as_2_march_2023(text: str) -> None:
    assert dates.parse_date(text) == date(2023, 3, 2)


@pytest.mark.parametrize(("text", "expected"), [
    ("2023-03-02 14:05", datetime(2023, 3, 2, 14, 5)),
    ("2023.3.2 14:05:33", datetime(2023, 3, 2, 14, 5, 33)),
    ("20230302 14:05", datetime(2023, 3, 2, 14, 5)),
    ("2023/03/02 09:00", datetime(2023, 3, 2, 9, 0)),
    ("2023년 3월 2일 14:05", datetime(2023, 3, 2, 14, 5)),
    ("2023년 3월 2일 오후 2시 5분", datetime(2023, 3, 2, 14, 5)),
    ("2023년 3월 2일 오전 12시", datetime(2023, 3, 2, 0, 0)),
    ("2023-03-02T14:05:00", datetime(2023, 3, 2, 14, 5)),
    ("44987.5833", datetime(2023, 3, 2, 14, 0)),          # Excel serial with a time fraction
    ("2023-03-02", datetime(2023, 3, 2, 0, 0)),
])
def test_datetimes(text: str, expected: datetime) -> None:
    assert dates.parse_datetime(text) == expected


@pytest.mark.parametrize("text", ["2023-02-30", "2023-13-02", "2023-04-31 10:15", "2023-03-02 25:00", "yesterday",
                                  "2023", "12", "", "   ", "0000-00-00", "2023-03"])
def test_impossible_or_unreadable_dates_are_none(text: str) -> None:
    assert dates.parse_datetime(text) is None


def test_spreadsheet_cell_types() -> None:
    assert dates.parse_date(datetime(2023, 3, 2, 10, 0)) == date(2023, 3, 2)
    assert dates.parse_date(date(2023, 3, 2)) == date(2023, 3, 2)
    assert dates.parse_date(44987) == date(2023, 3, 2)
    assert dates.parse_datetime(44987.5) == datetime(2023, 3, 2, 12, 0)
    assert dates.parse_date(True) is None
    assert dates.parse_date(None) is None


@pytest.mark.parametrize(("raw", "expected"), [
    ("850302", (date(1985, 3, 2), 1985)),
    ("1985", (None, 1985)),
    ("1985년", (None, 1985)),
    ("1985년생", (None, 1985)),
    ("1985-03-02", (date(1985, 3, 2), 1985)),
    ("1985.3.2", (date(1985, 3, 2), 1985)),
    ("19850302", (date(1985, 3, 2), 1985)),
    ("85.03.02", (date(1985, 3, 2), 1985)),
    ("1985년 3월 2일", (date(1985, 3, 2), 1985)),
    ("150302", (date(2015, 3, 2), 2015)),       # a child born 2015, not 1915
    (1985, (None, 1985)),                       # year as a spreadsheet number
    (850302, (date(1985, 3, 2), 1985)),
    (31109, (date(1985, 3, 3), 1985)),          # Excel serial
    (date(1985, 3, 2), (date(1985, 3, 2), 1985)),
    ("1985-02-30", (None, None)),
    ("모름", (None, None)),
    ("", (None, None)),
    (None, (None, None)),
])
def test_birth_dates(raw: object, expected: tuple) -> None:
    birth = dates.parse_birth(raw)
    assert (dates.date_of(birth), dates.year_of(birth)) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("Y", True), ("N", False), ("y", True), ("예", True), ("아니오", False), ("O", True), ("X", False),
    ("1", True), ("0", False), ("유", True), ("무", False), ("yes", True), ("No", False), (" Y ", True),
    (1, True), (0, False), (True, True), ("", None), (None, None), ("모름", None), ("unknown", None),
])
def test_yes_no(raw: object, expected: bool | None) -> None:
    assert V.parse_yes_no(raw) is expected


@pytest.mark.parametrize("raw", ["maybe", "2", "YN", 7])
def test_unreadable_yes_no_is_flagged_not_guessed(raw: object) -> None:
    assert V.parse_yes_no(raw) is V.UNREADABLE


@pytest.mark.parametrize(("raw", "expected"), [
    ("010-1234-5678", "01012345678"), ("01012345678", "01012345678"), ("010 1234 5678", "01012345678"),
    ("+82-10-1234-5678", "01012345678"), ("+82 10 1234 5678", "01012345678"), ("82-10-1234-5678", "01012345678"),
    ("010-****-5678", "010****5678"), ("010-xxxx-5678", "010****5678"), ("010-●●●●-5678", "010****5678"),
    (1012345678, "01012345678"),                  # a spreadsheet number that lost its leading zero
    ("064-750-1234", "0647501234"), ("(064) 750-1234", "0647501234"),
    ("", None), (None, None), ("없음", None),
])
def test_phones(raw: object, expected: str | None) -> None:
    assert phones.normalise(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("김영희", "김영희"), (" 김 영희 ", "김영희"), ("김  영 희", "김영희"), ("김*희", "김*희"), ("김○희", "김*희"),
    ("김●희", "김*희"), ("김O희", "김*희"), ("김x희", "김*희"), ("김◯희", "김*희"), ("김＊희", "김*희"),
    ("  Nguyen   Van  A ", "NGUYEN VAN A"), ("Kim Minsu", "KIM MINSU"), ("Oxana", "OXANA"),
    ("Kim 영희", "Kim 영희"), ("", None), (None, None),
])
def test_names(raw: object, expected: str | None) -> None:
    assert names.normalise_name(raw) == expected


def test_clean_text_collapses_and_keep_text_keeps_lines() -> None:
    assert clean_text("  제주시   연삼로\n123 ") == "제주시 연삼로 123"
    assert keep_text(" 첫 줄\r\n둘째  줄 ") == "첫 줄\n둘째  줄"
    assert clean_text(12.0) == "12"
    assert keep_text("   ") is None


@pytest.mark.parametrize(("raw", "expected"), [("남", "M"), ("여", "F"), ("M", "M"), ("f", "F"), ("남자", "M"),
                                               ("여성", "F"), ("", None), (None, None)])
def test_sex(raw: object, expected: str | None) -> None:
    assert V.normalise_sex(raw) == expected


def test_vocabularies_map_to_english_keys() -> None:
    assert [V.call_role(x) for x in ("피해자", "가해자", "신고자", "목격아동")] == [
        "victim", "suspect", "reporter", "child_witness"]
    assert [V.client_role(x) for x in ("피해자", "가해자", "아동", "가족")] == ["victim", "offender", "child", "family"]
    ko = ["배우자", "전배우자", "동거인", "연인", "전연인", "부모", "자녀", "형제자매", "친족", "지인", "모르는사람"]
    assert [V.relation(x) for x in ko] == ["spouse", "ex_spouse", "cohabitant", "partner", "ex_partner", "parent",
                                           "child", "sibling", "relative", "acquaintance", "stranger"]
    assert V.relation("전 배우자") == "ex_spouse"
    assert V.relation("") is None
    assert V.call_role("친구") is V.UNREADABLE
    assert V.normalise_sex("?") is None and V.normalise_sex("X") is V.UNREADABLE


def test_lists_and_ints() -> None:
    assert V.split_list("P-JJ-01; S-JJ-01;;C-JJ-01;P-JJ-01") == ["P-JJ-01", "S-JJ-01", "C-JJ-01"]
    assert V.split_list("") == []
    assert [V.parse_int(x) for x in ("3", "3.0", "제3차", "3차", 3.0, "")] == [3, 3, 3, 3, 3, None]
    assert V.parse_int("셋") is V.UNREADABLE


def test_masking_detection() -> None:
    assert names.is_masked("김*희") and not names.is_masked("김영희") and not names.is_masked(None)
