"""Birth dates (full, partial, year only, day-month swaps) and phones (variants, masking) as
resolution reads and compares them."""

from __future__ import annotations

import datetime as dt

import pytest

from resolution import dates, phones
from values import dates as date_values
from values import phones as phone_values


@pytest.mark.parametrize("raw,parsed", [
    ("1985-03-02", (1985, 3, 2)), ("1985.3.2", (1985, 3, 2)), ("1985/03/02", (1985, 3, 2)),
    ("19850302", (1985, 3, 2)), ("850302", (1985, 3, 2)), ("85.03.02", (1985, 3, 2)),
    ("1985년 3월 2일", (1985, 3, 2)), ("1985", (1985, 0, 0)), ("1985-03", (1985, 3, 0)),
    (dt.date(1985, 3, 2), (1985, 3, 2)), ("120506", (2012, 5, 6)),
    ("", (0, 0, 0)), ("미상", (0, 0, 0)), ("1985-02-30", (0, 0, 0)), ("abc", (0, 0, 0)),
])
def test_parse_birth(raw, parsed):
    assert date_values.parse_birth(raw, 2025) == parsed


@pytest.mark.parametrize("a,b,level", [
    ((1985, 3, 2), (1985, 3, 2), "exact"),
    ((1985, 3, 2), (1985, 2, 3), "swap"),
    ((1985, 3, 2), (1985, 3, 25), "month"),
    ((1985, 3, 2), (1985, 3, 12), "digit"),  # 19850302 / 19850312: one digit keyed wrong
    ((1985, 3, 12), (1985, 3, 21), "digit"),  # two adjacent digits swapped
    ((1985, 3, 2), (1975, 3, 2), "digit"),
    ((1985, 3, 2), (1985, 0, 0), "partial"),
    ((1985, 0, 0), (1985, 0, 0), "partial"),
    ((1985, 3, 2), (1985, 3, 0), "partial"),
    ((1985, 3, 2), (1985, 7, 0), "year"),
    ((1985, 3, 2), (1985, 7, 9), "year"),
    ((1985, 3, 2), (1986, 3, 2), "near"),
    ((1985, 3, 2), (1990, 3, 2), "differ"),
    ((1985, 0, 0), (1986, 0, 0), "differ"),
    ((0, 0, 0), (1985, 3, 2), "missing"),
])
def test_compare_birth(a, b, level):
    assert dates.compare(a, b) == level
    assert dates.compare(b, a) == level


def test_conflicting_dates_guard():
    assert dates.conflicting((1985, 3, 2), (1985, 3, 4))
    assert not dates.conflicting((1985, 3, 2), (1985, 2, 3))  # swap is the same person's error
    assert not dates.conflicting((1985, 3, 2), (1985, 0, 0))


@pytest.mark.parametrize("raw,norm", [
    ("010-1234-5678", "01012345678"), ("01012345678", "01012345678"), ("010 1234 5678", "01012345678"),
    ("+82-10-1234-5678", "01012345678"), ("+82 10 1234 5678", "01012345678"),
    ("010-****-5678", "010****5678"), ("", None), ("12", None), (None, None),
])
def test_phone_normalise(raw, norm):
    assert phone_values.identifying(phone_values.normalise(raw)) == norm
    # the vectorised path used on whole columns
    assert phone_values.normalise_many([raw], identifying_only=True) == [norm]


def test_phone_normalise_many_follows_the_scalar_rules():
    # Hand-written edge cases: country code without "+", masks in other characters, full-width
    # digits, the texts loaders leave for "no value", numbers too short to compare, a spreadsheet int.
    raw = ["82 10 1234 5678", "+82 2 123 4567", "010-12x4-5678", "010-●●●●-5678", "０１０-1234-5678",
           "nan", "None", " ", "010 1234 567", "02-123-4567", "tel: 010.1234.5678", "1234", 1012345678]
    # Full-width digits read as digits, and the spreadsheet int gets its lost 0 back: the loader's
    # rules (values.phones), so both sides of a comparison read a number alike.
    expected = ["01012345678", "021234567", "01012*45678", "010****5678", "01012345678",
                None, None, None, "0101234567", "021234567", "01012345678", None, "01012345678"]
    assert phone_values.normalise_many(raw, identifying_only=True) == expected
    assert [phone_values.identifying(phone_values.normalise(v)) for v in raw] == expected


def test_phone_compare():
    assert phones.compare("01012345678", "01012345678") == "exact"
    assert phones.compare("010****5678", "01012345678") == "masked"
    assert phones.compare("010****5678", "01099995679") == "differ"
    assert phones.compare("01099995678", "01012345678") == "last4"
    assert phones.compare(None, "01012345678") == "missing"
    assert phone_values.last4("010****5678") == "5678"
    assert phone_values.last4("0101234****") is None
