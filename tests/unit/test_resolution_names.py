"""Name normalisation and comparison: jamo, masking, spacing, typos, Latin surnames."""

from __future__ import annotations

import pytest

from resolution import names


def test_decompose_is_arithmetic_jamo():
    # 김 = ㄱ + ㅣ + ㅁ; 희 = ㅎ + ㅢ (no final)
    assert names.decompose("김") == "\u1100\u1175\u11b7"
    assert names.decompose("희") == "\u1112\u1174"
    assert names.decompose("A김") == "A\u1100\u1175\u11b7"


def test_jamo_similarity_sees_one_vowel_typo_as_close():
    # 희→히 changes one jamo (ㅢ→ㅣ): 8 jamo (ㄱㅣㅁ ㅇㅕㅇ ㅎㅢ), one substitution
    assert names.jamo_similarity("김영희", "김영히") == pytest.approx(1 - 1 / 8)
    assert names.jamo_similarity("김영희", "박철수") < 0.3


@pytest.mark.parametrize("raw,norm", [("김 영희", "김영희"), (" 김영희 ", "김영희"), ("김*희", "김*희"),
                                      ("김○희", "김*희"), ("김ㆍ영희", "김영희")])
def test_normalise_spacing_and_masks(raw, norm):
    assert names.normalise(raw).norm == norm


def test_masked_flag_and_empty_values():
    assert names.normalise("김*희").masked is True
    assert names.normalise("김영희").masked is False
    for empty in (None, "", "  ", "nan", "***"):
        assert names.normalise(empty) is None


@pytest.mark.parametrize("latin,surname", [
    ("Lee Younghee", "이"), ("Yi Younghee", "이"), ("RHEE YOUNG HEE", "이"), ("Rhie Younghee", "이"),
    ("Park Jisu", "박"), ("Pak Jisu", "박"), ("Bak Jisu", "박"), ("Choi Minjun", "최"), ("Choe Minjun", "최"),
    ("Kim Minjun", "김"), ("Gim Minjun", "김"), ("Jung Hana", "정"), ("Jeong Hana", "정"), ("Chung Hana", "정"),
    ("Kang Hana", "강"), ("Gang Hana", "강"), ("Cho Hana", "조"), ("Jo Hana", "조"), ("Yoon Hana", "윤"),
    ("Yun Hana", "윤"), ("Ko Hana", "고"), ("Go Hana", "고"), ("Yang Hana", "양"), ("Hana Kim", "김"),
])
def test_latin_surnames_map_to_hangul(latin, surname):
    n = names.normalise(latin)
    assert n.latin and n.surname == surname


def test_compare_levels():
    c = lambda a, b: names.compare(names.normalise(a), names.normalise(b))  # noqa: E731
    assert c("김영희", "김 영희") == "exact"
    assert c("김*희", "김영희") == "masked"
    assert c("김**", "김영희") == "masked"
    assert c("김*희", "김영수") == "differ"
    assert c("김*희", "김영") == "differ"  # lengths differ
    assert c("김영희", "김영히") == "typo"
    assert c("김민준", "김민즌") == "typo"
    assert c("Lee Young-hee", "이영희") == "latin"
    assert c("YI YEONG HUI", "이영희") == "latin"
    assert c("Park Younghee", "이영희") == "differ"
    assert c("김영희", "박철수") == "differ"
    assert c(None, "김영희") == "missing"


def test_romanise_given_name_and_sound_key():
    assert names.romanise("영희") == "yeonghui"
    assert names.romanise("민준") == "minjun"
    # Common spellings of 영희 fold to the same loose key
    assert {names.sound_key(x) for x in ("Younghee", "Yeonghui", "Yeong-hui", "YOUNG HEE")} == {"yonghi"}
