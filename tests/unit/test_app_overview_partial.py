"""The overview marks years the exports cover only in part, so a -99% 'change' is not read as real."""

from datetime import datetime

from pages.components.changes import change_table as _change_table


def _texts(div) -> list[str]:
    return [li.children for li in div.children[1].children]


def test_years_after_the_last_call_and_a_short_last_year_are_marked() -> None:
    totals = {"2022": {"의료": 100}, "2023": {"의료": 130}, "2024": {"의료": 2}}
    calls = [{"year": 2022, "calls": 50}, {"year": 2023, "calls": 40}]
    lines = _texts(_change_table(totals, calls, "ko", datetime(2023, 12, 30)))
    assert any("2023: +30 (+30.0%)" in line for line in lines)
    assert any("2024 (일부 기간)" in line for line in lines)
    assert not any("2023 (일부 기간)" in line for line in lines)
    short = _texts(_change_table(totals, calls, "en", datetime(2023, 6, 30)))
    assert any("2023 (part of the year)" in line for line in short)
