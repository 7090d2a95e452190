"""`derived/cypher/08_household_contacts.cypher` walks each household's members' records once and
writes both the Household's contact properties and its `(:Derived:AgencyContact)` nodes. They were
two walks (`reference_derived/08_household_contacts.cypher` and
`reference_derived/15_household_agency_contacts.cypher`): on the jeju preset the one walk must
write exactly what the two wrote, write nothing when run again, and repair a household whose
summaries went stale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from derived import run_statement, statements
from graph.cypher_files import parse_cypher_file
from graph.runner import Runner

REFERENCE = [parse_cypher_file(Path(__file__).parent / "reference_derived" / name).text
             for name in ("08_household_contacts.cypher", "15_household_agency_contacts.cypher")]
PROPS = ["agency_ids", "contact_agency_ids", "contact_agency_count", "contact_count", "first_contact",
         "last_contact", "contact_call_ids", "contact_service_keys", "on_council_agenda"]


def snapshot(runner: Runner) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    households = runner.read(
        "MATCH (h:Household) RETURN h.household_id AS id, [k IN $props | h[k]] AS props "
        "ORDER BY id", {"props": PROPS}, name="test.household_contacts", row_cap=1_000_000).rows
    contacts = runner.read(
        "MATCH (c:AgencyContact) RETURN c.household_id AS h, c.agency_id AS a, c.contacts AS n, "
        "toString(c.first_contact) AS first, toString(c.last_contact) AS last ORDER BY h, a",
        name="test.agency_contacts", row_cap=10_000_000).rows
    return households, contacts


def test_one_walk_writes_what_the_two_wrote(jeju_graph: Runner) -> None:
    r = jeju_graph
    merged = next(q for q in statements() if q.name == "08_household_contacts")
    try:
        r.run_script(REFERENCE, name="test.reference_contacts")
        before = snapshot(r)
        households, contacts = before
        assert len(contacts) > 1000 and sum(1 for h in households if h["props"][0] is not None) > 1000
        # From nothing: every property and node written by the one walk.
        r.write("MATCH (h:Household) REMOVE " + ", ".join(f"h.{p}" for p in PROPS), name="test.clear_props")
        r.write("MATCH (c:AgencyContact) DELETE c", name="test.clear_contacts")
        written = run_statement(r, merged).counters
        assert snapshot(r) == before
        assert written["properties_set"] > 0 and written["nodes_created"] == len(contacts)
        # Again: nothing to write.
        counters = run_statement(r, merged).counters
        assert counters.get("properties_set", 0) == counters.get("nodes_created", 0) == \
            counters.get("nodes_deleted", 0) == 0, counters
        # Stale summaries of one household: a wrong count, a lost contact node and a contact with an
        # agency no longer in touch are repaired; nothing else changes.
        h = next(c["h"] for c in contacts)
        r.write("MATCH (h:Household {household_id: $h}) SET h.contact_count = 999, h.on_council_agenda = NOT "
                "h.on_council_agenda WITH h MATCH (c:AgencyContact {household_id: $h}) WITH c LIMIT 1 DELETE c "
                "CREATE (:Derived:AgencyContact {household_id: $h, agency_id: 'GONE', contacts: 1})",
                {"h": h}, name="test.stale")
        run_statement(r, merged)
        assert snapshot(r) == before
    finally:
        r.run_script(REFERENCE, name="test.reference_restore")
