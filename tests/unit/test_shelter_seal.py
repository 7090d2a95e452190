"""Sealing shelter locations (graph/sealing.py, loaders/shelter_seal.py): the format, the key file,
which values a load seals, and what resolution sees of a sealed address."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from auth.masking import SHELTER_AGENCY_TYPES, SHELTER_SERVICE_FIELDS, SUPPRESSED
from graph.sealing import PLACEHOLDER, Seal, SealError, address_ref, master_key, parse_ref, seal_for
from graph.settings import load_settings
from loaders import shelter_seal
from loaders.records import person, person_props
from loaders.shelter_seal import ShelterSealer
from resolution import addresses


def _seal() -> Seal:
    return Seal(bytes(range(32)))


def test_constants_agree_with_the_masking_policy() -> None:
    assert PLACEHOLDER == SUPPRESSED
    assert shelter_seal.SHELTER_AGENCY_TYPES == SHELTER_AGENCY_TYPES
    assert shelter_seal.SHELTER_SERVICE_FIELDS == SHELTER_SERVICE_FIELDS


def test_seal_round_trip_is_deterministic_and_bound_to_its_property() -> None:
    s = _seal()
    token = s.seal("제주시 연삼로 123, 101동 202호", "address")
    assert token.startswith("v1:") and "연삼로" not in token
    assert token == s.seal("제주시 연삼로 123, 101동 202호", "address")   # reloads write the same bytes
    assert s.open(token, "address") == "제주시 연삼로 123, 101동 202호"
    with pytest.raises(SealError):
        s.open(token, "phone")                                         # moved to another property
    with pytest.raises(SealError):
        Seal(bytes(range(1, 33))).open(token, "address")               # another key
    tampered = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    with pytest.raises(SealError):
        s.open(tampered, "address")


def test_keyed_hashes_depend_on_key_and_kind() -> None:
    s = _seal()
    assert s.keyed("road|연삼로 123", "place") == s.keyed("road|연삼로 123", "place")
    assert s.keyed("road|연삼로 123", "place") != s.keyed("road|연삼로 123", "unit")
    assert s.keyed("road|연삼로 123", "place") != Seal(bytes(range(1, 33))).keyed("road|연삼로 123", "place")
    assert parse_ref(address_ref("ab" * 16, None)) == ("ab" * 16, None)
    assert parse_ref(address_ref("ab" * 16, "cd" * 16)) == ("ab" * 16, "cd" * 16)
    assert parse_ref("제주시 연삼로 123") is None


def test_key_is_generated_once_with_mode_0600_or_taken_from_the_setting(tmp_path: Path) -> None:
    settings = load_settings({"JSS_DATA_DIR": str(tmp_path)})
    first = master_key(settings)
    path = tmp_path / "seal-key"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert master_key(settings) == first and len(first) == 32
    configured = load_settings({"JSS_DATA_DIR": str(tmp_path), "JSS_SEAL_KEY": "11" * 32})
    assert master_key(configured) == bytes([0x11]) * 32
    with pytest.raises(SealError, match="JSS_SEAL_KEY"):
        master_key(load_settings({"JSS_DATA_DIR": str(tmp_path), "JSS_SEAL_KEY": "short"}))
    assert seal_for(settings).keyed("x", "phone") == Seal(first).keyed("x", "phone")


def _services_row(agency: str, field: str, address: str | None, phone: str | None = None) -> dict:
    props = person_props("services", ("김영희", "김영희"), (None, 1985, "1985"), phone=phone, address=address,
                         agency_id=agency)
    return {"key": f"{agency}/1", "agency_id": agency, "props": {"field": field},
            "person": person(f"services:{agency}/1", props, (None, 1985, "1985"))}


def test_a_shelter_stay_seals_its_place_everywhere_in_the_load() -> None:
    sealer = ShelterSealer(_seal(), shelter_agencies={"SH-JJ-01"})
    stay = _services_row("SH-JJ-01", "주거·보호시설", "제주특별자치도 제주시 연삼로 123, 101동 202호")
    sealer.places.add(sealer.place(stay["person"]["props"]["address"])[0])
    sealer.apply("services", stay)
    p = stay["person"]["props"]
    assert p["address"] == PLACEHOLDER and p["address_sealed"].startswith("v1:")
    assert _seal().open(p["address_sealed"], "address") == "제주특별자치도 제주시 연삼로 123, 101동 202호"
    place, unit = parse_ref(p["address_ref"])
    assert unit is not None
    # The same building in another spelling (no province, no city, no unit) is the same place.
    call = {"key": "112-1", "agency_id": "P", "props": {"address": "연삼로 123", "address_sealed": None,
                                                        "address_ref": None}}
    sealer.apply("calls", call)
    assert call["props"]["address"] == PLACEHOLDER and parse_ref(call["props"]["address_ref"]) == (place, None)
    # Another building stays readable, with empty sealed columns.
    other = {"key": "112-2", "agency_id": "P", "props": {"address": "제주시 연삼로 1234"}}
    sealer.apply("calls", other)
    assert other["props"] == {"address": "제주시 연삼로 1234", "address_sealed": None, "address_ref": None}
    # A non-shelter service elsewhere: untouched.
    counsel = _services_row("DV-JJ-01", "심리상담", "제주시 노형로 5")
    sealer.apply("services", counsel)
    assert counsel["person"]["props"]["address"] == "제주시 노형로 5"


def test_shelter_agency_phone_and_fine_district_are_sealed_and_the_phone_everywhere() -> None:
    sealer = ShelterSealer(_seal())
    shelter = {"key": "SH-JJ-01", "props": {"name": "쉼터", "type": "보호시설", "district": "이도2동",
                                            "phone": "0647123456"}}
    sealer.apply("agencies", shelter)
    props = shelter["props"]
    assert props["phone"] == PLACEHOLDER and props["district"] == PLACEHOLDER
    assert _seal().open(props["phone_sealed"], "phone") == "0647123456"
    assert _seal().open(props["district_sealed"], "district") == "이도2동"
    city = {"key": "YS-JJ-01", "props": {"name": "쉼터2", "type": "청소년쉼터", "district": "제주시",
                                         "phone": "0647000000"}}
    sealer.apply("agencies", city)
    assert city["props"]["district"] == "제주시" and city["props"]["phone"] == PLACEHOLDER
    sealer.phones.add(props["phone_ref"])
    reporter = {"key": "cp1", "props": person_props("call_persons", ("이철수", "이철수"), (None, None, None),
                                                   phone="0647123456", address=None)}
    sealer.apply("call_persons", reporter)
    assert reporter["props"]["phone"] == PLACEHOLDER and reporter["props"]["phone_ref"] == props["phone_ref"]


def test_resolution_reads_a_sealed_address_as_an_opaque_place() -> None:
    ref = address_ref("ab" * 16, "cd" * 16)
    parsed = addresses.parse(ref)
    assert parsed.kind == "sealed" and parsed.text == PLACEHOLDER
    assert parsed.city is None and parsed.district is None and parsed.lot is None
    assert parsed.building_key == f"sealed|sealed:{'ab' * 16}" and parsed.key.endswith("|" + "cd" * 16)
    assert addresses.fold_text(ref) == ref


def test_a_call_at_a_sealed_place_is_stored_without_its_location() -> None:
    """A call's 경도/위도 point locates the place as well as its address: where the address is sealed
    the point is not stored at all (tests/integration/test_shelter_sealing.py checks the graph)."""
    sealer = ShelterSealer(_seal(), shelter_agencies={"SH-JJ-01"})
    stay = _services_row("SH-JJ-01", "주거·보호시설", "제주특별자치도 제주시 연삼로 123")
    sealer.places.add(sealer.place(stay["person"]["props"]["address"])[0])
    at_shelter = {"key": "112-1", "agency_id": "P", "location": [126.5312, 33.4996],
                  "props": {"address": "제주시 연삼로 123, 101동 202호"}}
    elsewhere = {"key": "112-2", "agency_id": "P", "location": [126.4930, 33.4890],
                 "props": {"address": "제주시 노형로 5"}}
    for row in (at_shelter, elsewhere):
        sealer.apply("calls", row)
    assert at_shelter["props"]["address"] == PLACEHOLDER and at_shelter["location"] is None
    assert "126.53" not in repr(at_shelter)
    assert elsewhere["location"] == [126.4930, 33.4890] and elsewhere["props"]["address_sealed"] is None
