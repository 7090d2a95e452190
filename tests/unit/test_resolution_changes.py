"""`resolution.changes.person_changes`: who a resolution run merged and split."""

from __future__ import annotations

import math

from resolution.changes import person_changes


def test_records_of_two_earlier_people_on_one_person_are_a_merge() -> None:
    got = person_changes([("P-a", "P-a"), ("P-b", "P-a"), ("P-c", "P-c")])
    assert got["merged"] == [{"person_id": "P-a", "from": ["P-a", "P-b"]}]
    assert got["split"] == [] and (got["merged_count"], got["split_count"]) == (1, 0)


def test_an_earlier_person_whose_records_go_two_ways_is_a_split() -> None:
    got = person_changes([("P-a", "P-a"), ("P-a", "P-n"), ("P-a", "P-n")])
    assert got["split"] == [{"person_id": "P-a", "into": ["P-a", "P-n"]}]
    assert got["merged"] == []


def test_new_records_neither_merge_nor_split() -> None:
    # A new record joining a person, and new records forming a new person, change no earlier person.
    got = person_changes([("P-a", "P-a"), (None, "P-a"), (math.nan, "P-z"), (None, "P-z")])
    assert (got["merged_count"], got["split_count"]) == (0, 0)


def test_a_move_between_people_is_both_and_the_lists_are_capped_not_the_counts() -> None:
    # One record of P-b moves to P-a: P-a now holds records of two earlier people, P-b went two ways.
    got = person_changes([("P-a", "P-a"), ("P-b", "P-a"), ("P-b", "P-b")])
    assert got["merged"] == [{"person_id": "P-a", "from": ["P-a", "P-b"]}]
    assert got["split"] == [{"person_id": "P-b", "into": ["P-a", "P-b"]}]
    many = person_changes([(f"P-{i}x", f"P-{i}") for i in range(5)] + [(f"P-{i}y", f"P-{i}") for i in range(5)],
                          listed=2)
    assert many["merged_count"] == 5 and [m["person_id"] for m in many["merged"]] == ["P-0", "P-1"]


def test_stored_changes_read_back_what_was_found_and_survive_a_run_without_them() -> None:
    import json

    from resolution.changes import stored_changes

    found = person_changes([("P-a", "P-a"), ("P-b", "P-a"), ("P-c", "P-c"), ("P-c", "P-d")])
    run = {"run_at": "2024-01-01", **{k: json.dumps(v) if isinstance(v, list) else v for k, v in found.items()}}
    assert stored_changes(run) == {"run_at": "2024-01-01", **found}
    assert stored_changes({"run_at": "x", "merged": "not json"}) == {
        "run_at": "x", "merged_count": 0, "split_count": 0, "merged": [], "split": []}
    assert stored_changes(None)["merged"] == []
