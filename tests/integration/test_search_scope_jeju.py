"""Search and household names over the loaded jeju preset, as each role gets them from the data gate.

- A council member's surname search lists exactly the agenda people whose shown name starts with it
  (the scope is searched first: before, "김" found no one).
- A masked name is found by its visible syllables (김, 자, 김자, 김*자) and by the full name typed,
  which finds every person shown the same way: two names that differ only in hidden syllables are
  found by exactly the same searches, and phones, addresses and hidden syllables find no one.
- Analysts keep the national search: exact names first, then names starting with the text.
- Household names: masked for the council, full for analysts, the 동 at most (nothing of a sealed
  shelter's place), only households in scope, audited.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auth.guard import User
from graph.runner import Runner
from queries import db as data
from queries.gate import Gate

MANY = 100_000
HANGUL3 = re.compile(r"^[가-힣]{3}$")


@pytest.fixture()
def pages_runner(jeju_graph: Runner) -> Iterator[Runner]:
    from auth.testing import shared_app

    shared_app()   # the audit goes to the test app's own file
    old = data.set_runner(jeju_graph)
    yield jeju_graph
    data.set_runner(old)


def _council() -> Gate:
    return Gate(User("t_council", "council"), None)


def _analyst(purpose: str | None = None) -> Gate:
    return Gate(User("t_analyst", "analyst"), purpose)


AGENDA_PEOPLE = """
MATCH (h:Household)<-[:MEMBER_OF]-(p:Person)
WHERE EXISTS { (h)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(:CouncilCase) }
RETURN p.person_id AS person_id, p.name AS name, h.household_id AS household_id
"""


def _agenda(runner: Runner) -> list[dict[str, Any]]:
    return runner.read(AGENDA_PEOPLE, name="test.agenda_people", row_cap=MANY).rows


def test_a_council_surname_search_lists_its_agenda_people_and_only_them(pages_runner: Runner) -> None:
    agenda = _agenda(pages_runner)
    for surname in ("김", "박"):
        want = {r["person_id"] for r in agenda if (r["name"] or "").replace(" ", "").startswith(surname)
                and len((r["name"] or "").replace(" ", "")) >= 2}
        assert len(want) >= 5, surname
        hits = _council().search(surname, MANY)
        assert {h["person_id"] for h in hits} == want, surname
        assert all(h["name"].startswith(surname) and "*" in h["name"] for h in hits)
        assert not hits.partial
    # the page's cap and its "more" hint still hold
    assert len(_council().search("김", 26)) == 26


def _a_three_syllable_agenda_person(agenda: list[dict[str, Any]]) -> dict[str, Any]:
    """An agenda person with a three-syllable Hangul name whose middle syllable is no one's
    visible syllable in the agenda (so searching it could only match through the hidden one)."""
    visible = {c for r in agenda if r["name"] for c in (r["name"][0], r["name"][-1])}
    people = sorted((r for r in agenda if HANGUL3.match(r["name"] or "") and r["name"][1] not in visible),
                    key=lambda r: r["person_id"])
    assert people, "no agenda person to test with"
    return people[0]


def test_masked_names_are_found_by_their_visible_syllables(pages_runner: Runner) -> None:
    person = _a_three_syllable_agenda_person(_agenda(pages_runner))
    first, middle, last = person["name"]
    shown = f"{first}*{last}"
    for text in (first, last, first + last, shown, f"{first} * {last}", f"{first}○{last}"):
        hits = _council().search(text, MANY)
        assert person["person_id"] in {h["person_id"] for h in hits}, text
        assert all(h["name"] == shown for h in hits if h["person_id"] == person["person_id"])
    # exact matches first: searching the shown name lists the people shown so before any other
    ranked = _council().search(first + last, MANY)
    exact = [h["name"] == shown for h in ranked]
    assert exact == sorted(exact, reverse=True)


def test_a_search_is_no_oracle_for_hidden_syllables(pages_runner: Runner) -> None:
    agenda = _agenda(pages_runner)
    person = _a_three_syllable_agenda_person(agenda)
    first, middle, last = person["name"]
    other = next(c for c in "가나다라마바사아자차카타파하" if c != middle)
    true_name = _council().search(person["name"], MANY)
    false_name = _council().search(first + other + last, MANY)
    as_shown = _council().search(f"{first}*{last}", MANY)
    ids = [h["person_id"] for h in true_name]
    assert person["person_id"] in ids
    # the real name, a wrong one and the shown form give the same people, in the same order
    assert ids == [h["person_id"] for h in false_name] == [h["person_id"] for h in as_shown]
    assert true_name.searched_as == f"{first}*{last}"
    # a hidden syllable alone, or with the visible last one, finds no one through it
    for text in (middle, middle + last):
        assert person["person_id"] not in {h["person_id"] for h in _council().search(text, MANY)}, text
    # nor do the values a council member never sees: a phone, a street address
    phone = pages_runner.read_value(
        "MATCH (r:PersonRecord)-[:RESOLVES_TO]->(p:Person {person_id: $p}) WHERE size(r.phone) >= 8 "
        "AND NOT r.phone CONTAINS '*' RETURN r.phone ORDER BY r.phone LIMIT 1", {"p": person["person_id"]},
        name="test.phone")
    assert phone and _council().search(phone[-4:], MANY) == [] and _council().search(phone, MANY) == []
    assert _analyst().search(phone, MANY), "the phone is searchable for an analyst (the check is not vacuous)"
    road = pages_runner.read(
        "MATCH (p:Person)-[:MEMBER_OF]->(h:Household)-[:LIVES_AT]->(a:Address) WHERE h.household_id IN $ids "
        "AND a.road IS NOT NULL RETURN p.person_id AS person_id, split(a.road, ' ')[0] AS road "
        "ORDER BY p.person_id LIMIT 1", {"ids": [r["household_id"] for r in agenda]}, name="test.road").rows[0]
    assert road["person_id"] not in {h["person_id"] for h in _council().search(road["road"], MANY)}
    assert road["person_id"] in {h["person_id"] for h in _analyst().search(road["road"], MANY)}
    # ids are not secret: the person's own id finds them
    assert [h["person_id"] for h in _council().search(person["person_id"], MANY)] == [person["person_id"]]


def test_analysts_search_everyone_by_full_name_exact_then_prefix(pages_runner: Runner) -> None:
    name = pages_runner.read_value(
        "MATCH (p:Person) WHERE p.name =~ '[가-힣]{3}' WITH p.name AS n, count(*) AS c WHERE c >= 2 "
        "RETURN n ORDER BY n LIMIT 1", name="test.common_name")
    hits = _analyst().search(name, MANY)
    assert hits and hits[0]["name"] == name and "*" not in hits[0]["name"]
    prefix = _analyst().search(name[0], 26)
    assert len(prefix) == 26 and all(h["name"].replace(" ", "").startswith(name[0]) for h in prefix)


def test_household_names_masked_by_role_scoped_and_audited(pages_runner: Runner) -> None:
    from auth import audit

    agenda = _agenda(pages_runner)
    household = sorted({r["household_id"] for r in agenda})[0]
    members = sorted({r["name"] for r in agenda if r["household_id"] == household and r["name"]})
    outside = pages_runner.read_value(
        "MATCH (h:Household)<-[:MEMBER_OF]-(:Person) WHERE NOT h.household_id IN $ids "
        "RETURN h.household_id ORDER BY h.household_id LIMIT 1",
        {"ids": [r["household_id"] for r in agenda]}, name="test.outside")
    council = _council().household_names([household, outside], "ko")
    assert set(council) == {household}                     # nothing of a household outside the agenda
    label = council[household]
    assert "*" in label and not any(m in label for m in members if len(m) >= 2)
    assert "H-" not in label
    analyst = _analyst("사례관리").household_names([household, outside], "en")
    assert set(analyst) == {household, outside}
    assert any(m in analyst[household] for m in members)
    newest = next(e for e in audit.search(path=Path(_audit_file())) if e.get("target_type") == "household_names")
    assert newest["detail"] == {"rows": 2}
    assert household in json.dumps(newest, ensure_ascii=False) and outside in json.dumps(newest, ensure_ascii=False)
    assert not any(m in json.dumps(newest, ensure_ascii=False) for m in members)     # ids only, never a name


def test_household_names_never_show_a_street_or_a_shelters_place(pages_runner: Runner) -> None:
    sealed = pages_runner.read_value(
        "MATCH (h:Household)-[:LIVES_AT]->(a:Address) WHERE EXISTS { (h)<-[:MEMBER_OF]-() } "
        "WITH h, collect(a) AS places WHERE all(a IN places WHERE a.address_key IS NOT NULL) "
        "RETURN h.household_id ORDER BY h.household_id LIMIT 1", name="test.sealed_household")
    assert sealed, "the preset has households living only at a shelter"
    road = pages_runner.read("MATCH (h:Household)-[:LIVES_AT]->(a:Address) WHERE a.road IS NOT NULL "
                             "AND EXISTS { (h)<-[:MEMBER_OF]-() } RETURN h.household_id AS h, a.road AS road "
                             "ORDER BY h LIMIT 20", name="test.road_households").rows
    assert road
    for gate in (_analyst("사례관리"), Gate(User("t_admin", "admin"), "사례관리"), _council()):
        names = gate.household_names([sealed, *[r["h"] for r in road]], "ko")
        for r in road:
            if r["h"] in names:
                assert r["road"] not in names[r["h"]] and not re.search(r"\d{3}동|\d+호|\d+-\d+|\d{2,}", names[r["h"]])
        if sealed in names:
            assert not names[sealed].endswith(")"), names[sealed]      # no place at all, and no marker
    assert sealed in _analyst("사례관리").household_names([sealed], "ko")


def _audit_file() -> str:
    import os

    return os.environ["JSS_AUDIT_FILE"]
