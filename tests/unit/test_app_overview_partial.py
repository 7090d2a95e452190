"""The overview's year-on-year change compares equal periods: whole years as whole years, a year the
data cover only in part over the same months of the year before, labelled with those months; a
year outside the data's coverage is not compared (a -99% 'change' of a part year is never shown)."""

from datetime import date, datetime

from pages.components.changes import (
    Change,
    change_table,
    covered_months,
    equal_period_changes,
    months_needed,
    period_label,
)

PER_MONTH_2023 = {(2023, m): 100 for m in range(1, 13)}
PER_MONTH_2024 = {(2024, 1): 90, (2024, 2): 120, (2024, 3): 111}


def _texts(div) -> list[str]:   # noqa: ANN001
    return [li.children for li in div.children[1].children]


def test_covered_months_run_from_the_first_to_the_last_month_of_the_data() -> None:
    assert covered_months(2024, date(2022, 1, 1), date(2024, 3, 31)) == (1, 2, 3)
    assert covered_months(2024, date(2022, 1, 1), date(2024, 3, 15)) == (1, 2, 3)   # exports run in months
    assert covered_months(2022, date(2022, 2, 15), date(2024, 3, 31)) == tuple(range(2, 13))
    assert covered_months(2025, date(2022, 1, 1), date(2024, 3, 31)) == ()
    assert covered_months(2021, date(2022, 1, 1), date(2024, 3, 31)) == ()
    assert covered_months(2023, None, None) == tuple(range(1, 13))


def test_a_part_year_is_compared_with_the_same_months_of_the_year_before() -> None:
    per_year = {2022: 1000, 2023: 1200, 2024: 321}
    per_month = PER_MONTH_2023 | PER_MONTH_2024
    got = equal_period_changes(per_year, per_month, date(2022, 1, 1), date(2024, 3, 31))
    assert got == [Change(2023, 2022, None, 1200, 1000), Change(2024, 2023, (1, 3), 321, 300)]
    february = equal_period_changes(per_year, per_month, date(2022, 1, 1), date(2024, 2, 10))
    assert february[-1] == Change(2024, 2023, (1, 2), 210, 200)
    # data ending in 2023: 2024 (follow-ups after the last call) is not compared at all
    assert [c.year for c in equal_period_changes(per_year, per_month, date(2022, 1, 1), date(2023, 12, 20))] == [2023]


def test_a_part_first_year_and_years_after_the_data_are_handled() -> None:
    per_year = {2022: 500, 2023: 1200, 2024: 13}
    per_month = {(2022, m): 50 for m in range(3, 13)} | PER_MONTH_2023 | {(2023, 2): 999}
    got = equal_period_changes(per_year, per_month, date(2022, 3, 10), date(2023, 12, 31))
    # 2023 against 2022 over March–December only; 2024 (follow-ups after the last call) not compared
    assert got == [Change(2023, 2022, (3, 12), 1000, 500)]
    assert months_needed([2022, 2023, 2024], date(2022, 3, 10), date(2023, 12, 31)) == (date(2022, 1, 1),
                                                                                        date(2024, 1, 1))
    assert months_needed([2022, 2023], date(2022, 1, 1), date(2023, 12, 31)) is None   # whole years only


def test_lines_are_labelled_with_the_period_in_both_languages() -> None:
    part = Change(2024, 2023, (1, 3), 321, 300)
    assert period_label(part, "ko") == "2024 (1~3월 기준)"
    assert period_label(part, "en") == "2024 (Jan–Mar, both years)"
    assert period_label(Change(2024, 2023, (2, 2), 1, 1), "ko") == "2024 (2월 기준)"
    assert period_label(Change(2023, 2022, None, 1, 1), "ko") == "2023"
    changes = equal_period_changes({2022: 1000, 2023: 1200, 2024: 321}, PER_MONTH_2023 | PER_MONTH_2024,
                                   date(2022, 1, 1), date(2024, 3, 31))
    lines = _texts(change_table([("연계", changes)], "ko", date(2022, 1, 1), date(2024, 3, 31)))
    assert lines == ["연계 2023: +200 (+20.0%)", "연계 2024 (1~3월 기준): +21 (+7.0%)"]
    assert not any("-9" in line for line in lines)
    assert _texts(change_table([("x", [])], "en")) == ["No previous year to compare with"]


def test_datetimes_from_the_database_count_as_days() -> None:
    from pages.components.changes import coverage

    counts = {"Call": {"first": datetime(2022, 1, 1, 3, 55), "last": date(2023, 12, 31)}}
    assert coverage(counts) == (date(2022, 1, 1), date(2023, 12, 31))
    assert coverage({}) == (None, None)
