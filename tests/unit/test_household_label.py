"""A household's name for people (queries/household_label.py): its first members and its 동, from
values the gate already masked; never a street or building, nothing of a withheld (shelter) place."""

from __future__ import annotations

from auth.masking import SUPPRESSED, WITHHELD
from queries.household_label import area, household_label


def test_members_and_area_make_the_name() -> None:
    assert household_label(["김*자", "박*수"], 4, "이도이동") == "김*자 · 박*수 외 2명 (이도이동)"
    assert household_label(["김*자", "박*수"], 4, "이도이동", "en") == "김*자 · 박*수 +2 more (이도이동)"
    assert household_label(["김영자"], 1, None) == "김영자"
    assert household_label(["김영자", "박철수", "이순자"], 3, None) == "김영자 · 박철수 외 1명"
    assert household_label([], 2, "연동") == "이름 없는 구성원 2명 (연동)"


def test_the_area_is_a_dong_at_most() -> None:
    assert area("제주특별자치도 제주시 이도2동 618-4, 101동 1303호") == "이도2동"
    assert area("제주시 이도이동") == "이도이동"                      # as a council member sees it
    assert area("제주특별자치도 제주시 중앙로 252, 101동 1303호", "일도1동", "제주시") == "일도1동"
    assert area("제주특별자치도 제주시 중앙로 252, 101동 1303호", None, "제주시") == "제주시"
    assert area("제주특별자치도 제주시 중앙로 252, 101동 1303호") is None     # no 동 and no 시 given: nothing
    for withheld in (SUPPRESSED, WITHHELD, "", None):
        assert area(withheld, "이도이동", "제주시") is None                # a shelter's place: nothing at all
