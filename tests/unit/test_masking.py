"""Masking functions and the record masker, against hand-written expectations (docs/security.md)."""

from __future__ import annotations

from datetime import date

import pytest

from auth.masking import (
    SUPPRESSED,
    WITHHELD,
    SensitiveValues,
    birth_year,
    mask_address,
    mask_name,
    mask_record,
    mask_rows,
)


@pytest.mark.parametrize("raw, masked", [
    ("김영희", "김*희"), ("남궁민수", "남**수"), ("김철", "김*"), ("John Smith", "J*** S****"),
    ("김 영희", "김*희"), ("김*희", "김*희"), ("이", "*"), ("", ""), (None, None),
    ("Nguyen Thi Lan", "N***** T** L**"),
])
def test_mask_name(raw, masked) -> None:
    assert mask_name(raw) == masked


@pytest.mark.parametrize("raw, year", [
    (date(1985, 3, 2), 1985), ("1985-03-02", 1985), ("1985.3.2", 1985), ("19850302", 1985),
    ("1985", 1985), ("850302", 1985), ("05.03.02", 2005), ("2023년 3월 2일", 2023), (None, None),
    ("모름", WITHHELD),
])
def test_birth_year(raw, year) -> None:
    assert birth_year(raw) == year


@pytest.mark.parametrize("raw, area", [
    ("제주특별자치도 제주시 연삼로 123, 101동 202호 (이도이동)", "제주시 이도이동"),
    ("제주특별자치도 제주시 이도이동 1234-5", "제주시 이도이동"),
    ("제주 서귀포시 대정읍 하모리 123", "서귀포시 대정읍"),
    ("제주도 제주시 이도1동 12-3 101동", "제주시 이도1동"),
    ("서귀포시 동홍로 12 (동홍동)", "서귀포시 동홍동"),
    ("제주시 한경면 용수리 4", "제주시 한경면"),
    ("제주시 연삼로 123", "제주시"),
    ("123 Main Street", WITHHELD),
])
def test_mask_address_keeps_only_the_eup_myeon_dong(raw, area) -> None:
    assert mask_address(raw) == area


COUNCIL_ROW = {
    "person_id": "P-1", "name": "김영희", "victim_name": "남궁민수", "offender_names": ["김철", "John Smith"],
    "birth_date": date(1985, 3, 2), "victim_birth_date": "850302", "birth_year": 1985,
    "phone": "010-1234-5678", "address": "제주특별자치도 제주시 이도이동 1234-5",
    "home_address": "서귀포시 동홍로 12 (동홍동)", "client_ref": "DV-0042", "summary": "김영희가 신고",
    "agency_name": "제주동부경찰서", "case_id": "K-1", "risk_level": "높음",
}


def test_council_sees_masked_detail() -> None:
    out = mask_record(COUNCIL_ROW, "council")
    assert out == {
        "person_id": "P-1", "name": "김*희", "victim_name": "남**수", "offender_names": ["김*", "J*** S****"],
        "birth_date": 1985, "victim_birth_date": 1985, "birth_year": 1985,
        "phone": WITHHELD, "address": "제주시 이도이동", "home_address": "서귀포시 동홍동",
        "client_ref": WITHHELD, "summary": WITHHELD, "agency_name": "제주동부경찰서", "case_id": "K-1",
        "risk_level": "높음"}


@pytest.mark.parametrize("role", ["analyst", "data_staff", "admin"])
def test_full_detail_roles_see_ordinary_rows_unchanged(role) -> None:
    assert mask_record(COUNCIL_ROW, role) == COUNCIL_ROW


def test_unknown_role_gets_the_strictest_policy() -> None:
    assert mask_record({"name": "김영희"}, "nobody") == {"name": "김*희"}
    assert mask_record({"name": "김영희"}, None) == {"name": "김*희"}


def test_nodes_are_masked_by_their_properties_and_agency_names_kept() -> None:
    person = {"name": "김영희", "address": "제주시 이도이동 1", "_labels": ["PersonRecord"], "_element_id": "1"}
    agency = {"name": "제주동부경찰서", "type": "경찰서", "phone": "064-750-1234", "_labels": ["Agency"],
              "_element_id": "2"}
    place = {"address_id": "A-1", "text": "제주특별자치도 제주시 연삼로 1 (연동)", "_labels": ["Address"], "_element_id": "3"}
    out = mask_rows([{"p": person, "a": agency, "ad": place}], "council")[0]
    assert out["p"]["name"] == "김*희" and out["p"]["address"] == "제주시 이도이동"
    assert out["a"]["name"] == "제주동부경찰서"
    assert out["ad"] == {"address_id": "A-1", "text": "제주시 연동", "_labels": ["Address"], "_element_id": "3"}


@pytest.mark.parametrize("role", ["council", "analyst", "data_staff"])
def test_shelter_rows_lose_address_and_phone_for_everyone_but_admin(role) -> None:
    rows = [
        {"agency_name": "서귀포여성쉼터", "agency_type": "보호시설", "agency_phone": "064-733-0000",
         "agency_address": "서귀포시 비밀로 1"},
        {"agency_name": "청소년쉼터", "type": "청소년쉼터", "phone": "064-700-0000"},
        {"name": "김영희", "field": "주거·보호시설", "address": "제주시 비밀로 2"},
        {"name": "김영희", "in_shelter": True, "address": "제주시 비밀로 3"},
        {"_labels": ["Agency"], "_element_id": "9", "name": "쉼터", "type": "보호시설", "phone": "064-1"},
    ]
    out = mask_rows(rows, role)
    assert out[0]["agency_phone"] == SUPPRESSED and out[0]["agency_address"] == SUPPRESSED
    assert out[1]["phone"] == SUPPRESSED
    assert out[2]["address"] == SUPPRESSED and out[3]["address"] == SUPPRESSED
    assert out[4]["phone"] == SUPPRESSED
    assert mask_rows(rows, "admin") == rows


def test_sensitive_values_catch_unconventional_names_and_transformations() -> None:
    sv = SensitiveValues.build(addresses=["제주특별자치도 제주시 은신로 77"], phones=["064-799-1234"])
    row = {"x": "제주시 은신로 77", "y": ["a", "064 799 1234"], "z": {"deep": "쉼터: 제주특별자치도 제주시 은신로 77"},
           "n": 647991234, "r": "77 로신은 시주제", "ok": "제주시", "phone_of_police": "064-750-1234"}
    out = mask_record(row, "analyst", sv)
    assert out == {"x": SUPPRESSED, "y": ["a", SUPPRESSED], "z": {"deep": SUPPRESSED}, "n": SUPPRESSED,
                   "r": SUPPRESSED, "ok": "제주시", "phone_of_police": "064-750-1234"}
    assert mask_record(row, "admin", sv) == row


def test_shelter_element_ids_withhold_node_locations() -> None:
    sv = SensitiveValues.build(element_ids=["4:x:1"])
    node = {"_labels": ["PersonRecord"], "_element_id": "4:x:1", "name": "김영희", "address": "제주시 어딘가 1"}
    assert mask_record({"n": node}, "data_staff", sv)["n"] == {**node, "address": SUPPRESSED}


def test_bare_numbers_are_not_taken_for_shelter_fragments() -> None:
    sv = SensitiveValues.build(addresses=["제주특별자치도 제주시 은신로 1234"], phones=["064-799-1234"])
    assert not sv.matches(1234) and not sv.matches("1234")  # e.g. a source_row equal to the building number
    assert sv.matches("은신로 1234") and sv.matches("4321 로신은")
    assert sv.matches("0647991234") and sv.matches("연락처 064-799-1234 (쉼터)")


def test_many_shelter_values_are_all_found() -> None:
    addresses = [f"제주시 은신로 {n}" for n in range(5_000)]
    sv = SensitiveValues.build(addresses=addresses, phones=[f"064-7{n:06d}" for n in range(5_000)])
    assert all(sv.matches(f"쉼터 주소: {a}") for a in addresses[::97])
    assert sv.matches("064-7004999") and not sv.matches("서귀포시 중앙로 12")


def test_fragment_tests_through_the_piece_index_agree_with_searching_every_address() -> None:
    """The fragment test reads only the addresses sharing a value's rarest 4-character piece;
    it must answer exactly as searching all shelter addresses would, for fragments, near misses,
    reversed text and ids."""
    import random

    rng = random.Random(11)
    roads = ["은신로", "신설로", "일주동로", "태위로", "아란로", "연북로", "중앙로"]
    addresses = [f"제주특별자치도 제주시 {rng.choice(roads)} {rng.randint(1, 999)}-{rng.randint(1, 99)} "
                 f"{rng.randint(101, 120)}동 {rng.randint(101, 1505)}호" for _ in range(300)]
    sv = SensitiveValues.build(addresses=addresses)
    norms = sorted(sv.addresses)
    values = []
    for _ in range(800):
        a = rng.choice(norms)
        i = rng.randrange(len(a))
        piece = a[i:i + rng.randint(4, 12)]
        values += [piece, piece[::-1], piece[:-1] + str(rng.randint(0, 9)), f"H-{rng.getrandbits(40):x}",
                   f"C-2023-{rng.randint(0, 99999):05d}"]

    def brute(value: str) -> bool:
        norm = "".join(ch for ch in value.casefold() if ch.isalnum())
        if any(norm.startswith(a, i) for a in norms for i in range(len(norm))):
            return True
        return (len(norm) >= 4 and any(ch.isdigit() for ch in norm) and not norm.isdigit()
                and any(norm in a or norm[::-1] in a for a in norms))

    got = [sv.matches(v) for v in values]
    assert got == [brute(v) for v in values]
    assert 0 < sum(got) < len(got)


def test_a_calls_location_point_is_masked_as_its_address() -> None:
    """Call.location (a WGS-84 point, as the driver returns it) is declared an address
    (auth/kinds.py): roles that see addresses only to the 읍·면·동 see no point at all, a map with a
    shelter marker loses it for everyone but admin, and full-detail roles see it as stored."""
    from neo4j.spatial import WGS84Point

    from auth.declared import mask_props
    from auth.masking import Policy

    point = WGS84Point((126.5312, 33.4996))
    call = {"call_id": "112-1", "address": "제주특별자치도 제주시 연삼로 123 (이도이동)", "location": point}
    council = mask_props("Call", call, Policy.for_role("council"))
    assert council["location"] == WITHHELD and council["address"] == "제주시 이도이동"
    for role in ("analyst", "data_staff", "admin"):
        assert mask_props("Call", call, Policy.for_role(role))["location"] == point
    assert mask_address(point) == WITHHELD and mask_address(None) is None
    # the key convention (console results): a shelter row's location is suppressed like its address
    row = {"field": "주거·보호시설", "location": point, "address": "제주시 비밀로 2"}
    assert mask_rows([row], "data_staff")[0]["location"] == SUPPRESSED
    assert mask_rows([{"location": point}], "council")[0]["location"] == WITHHELD
