"""Masked-name search (queries/name_search.py): a shown name 김*자 is found by its visible syllables and
by any full name that would be shown the same way; whether a person matches never depends on a
hidden syllable (checked over every pair of names that look alike); the database is asked for a
superset of the matches."""

from __future__ import annotations

import itertools

import pytest

from auth.masking import mask_name
from queries.name_search import candidates, masked_rank, searched_as

EXACT, PREFIX, CONTAINED = 0, 1, 2


@pytest.mark.parametrize(("text", "rank"), [
    ("김", PREFIX), ("자", CONTAINED), ("김자", EXACT), ("김*자", EXACT), ("김 * 자", EXACT), ("김○자", EXACT),
    ("김영자", EXACT), ("김순자", EXACT), ("*자", CONTAINED), ("김*", PREFIX),
    ("영", None), ("영자", None), ("김영", None), ("김**자", None), ("박", None), ("", None), ("*", None),
])
def test_a_shown_name_is_found_by_what_the_user_sees(text: str, rank: int | None) -> None:
    assert masked_rank(text, "김*자") == rank


def test_other_shapes_of_names() -> None:
    assert masked_rank("김", "김*") == EXACT and masked_rank("김철", "김*") == EXACT    # a two-syllable name
    assert masked_rank("남수", "남**수") == EXACT and masked_rank("남궁민수", "남**수") == EXACT
    assert masked_rank("j", "J*** S****") == PREFIX and masked_rank("S", "J*** S****") == CONTAINED
    assert masked_rank("John Smith", "J*** S****") == EXACT and masked_rank("Smith", "J*** S****") is None
    assert masked_rank("12", "김*자") is None          # digits are ids and phones, never names


NAMES = ["김영자", "김순자", "김영수", "김자", "김영", "박영자", "이김자", "남궁민수", "남궁영수", "김"]
TEXTS = ["김", "자", "영", "김자", "김*자", "김영자", "김순자", "영자", "김영", "남수", "남궁수", "*자", "수", "김*"]


def test_no_search_tells_apart_names_that_look_the_same() -> None:
    """For every pair of names shown alike, every search text matches both or neither, at the same rank."""
    for a, b in itertools.combinations(NAMES, 2):
        if mask_name(a) == mask_name(b):
            for text in TEXTS:
                assert masked_rank(text, mask_name(a)) == masked_rank(text, mask_name(b)), (a, b, text)


def test_the_database_is_asked_for_a_superset_of_the_matches() -> None:
    for name, text in itertools.product(NAMES + ["John Smith", "Mai Lan Nguyen"], TEXTS + ["S", "JS", "n"]):
        if masked_rank(text, mask_name(name)) is None:
            continue
        want = candidates(text)
        assert (any(name.startswith(s) for s in want.starts) or any(name.endswith(e) for e in want.ends)
                or any(w in name for w in want.word_starts)), (name, text)
    assert candidates("김영자").starts == ["김"] and candidates("김영자").ends == []
    assert candidates("자").ends == ["자"]
    assert candidates("010-1234") == candidates("") == candidates("**")


def test_the_page_is_told_when_hidden_letters_were_ignored() -> None:
    assert searched_as("김영자") == "김*자" and searched_as("남궁민수") == "남**수"
    assert searched_as("김") is None and searched_as("김자") is None and searched_as("김*자") is None
    assert searched_as("H-3668d386070f") is None
