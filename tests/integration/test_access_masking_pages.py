"""Masking on the pages themselves, over the loaded jeju preset: the council never receives a full
victim name or a street address in any page it may open, while an analyst does (so the check is not
vacuous); nobody but admin receives a shelter agency's phone."""

from __future__ import annotations

import json

import dash
import pytest

from auth import testing
from auth.roles import PERMISSIONS
from graph.runner import Runner

ROUTER = ".._pages_content.children..._pages_store.data.."


def _render(role: str, path: str) -> str:
    app = testing.shared_app()
    entry = app.callback_map[ROUTER]
    body = {"output": ROUTER,
            "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
            "inputs": [{**i, "value": {"pathname": path, "search": ""}[i["property"]]} for i in entry["inputs"]],
            "state": [], "changedPropIds": ["_pages_location.pathname"]}
    resp = testing.client(role).post("/_dash-update-component", json=body)
    assert resp.status_code == 200, f"{path} as {role}: HTTP {resp.status_code}"
    return json.dumps(resp.get_json(), ensure_ascii=False)  # Dash escapes non-ASCII in its JSON


@pytest.fixture()
def council_names(jeju_graph: Runner) -> list[str]:
    testing.shared_app().server.test_client().get("/login")
    rows = jeju_graph.read("MATCH (pr:PersonRecord)-[:SUBJECT_OF]->(:CouncilCase) WHERE size(pr.name) >= 3 "
                           "AND NOT pr.name =~ '.*[*○].*' RETURN DISTINCT pr.name AS name", name="test.names").rows
    assert rows, "the preset has council cases with named people"
    return [r["name"] for r in rows]


def test_council_pages_never_carry_full_names(council_names: list[str], jeju_graph: Runner) -> None:
    council_pages = [p["path"] for p in dash.page_registry.values() if "council" in PERMISSIONS[p["permission"]]]
    # The council case maps themselves (their people are named), not only the page lists.
    council_pages += [f"/case/{r['id']}" for r in jeju_graph.read(
        "MATCH (c:CouncilCase)<-[:SUBJECT_OF]-(:PersonRecord) RETURN DISTINCT c.case_id AS id ORDER BY id LIMIT 5",
        name="test.case_ids").rows]
    seen_by_analyst = False
    for path in council_pages:
        council_text = _render("council", path)
        leaked = [n for n in council_names if n in council_text]
        assert leaked == [], f"{path} shows council full names: {leaked[:3]}"
        seen_by_analyst |= any(n in _render("analyst", path) for n in council_names)
    assert seen_by_analyst, "no page showed any name even to an analyst: the check proves nothing"


def test_no_page_carries_a_shelter_phone_below_admin(jeju_graph: Runner, jeju_bundle) -> None:
    # From the bundle: the graph holds only sealed phones (tests/integration/test_shelter_sealing.py)
    from tests.integration.test_shelter_sealing import shelter_values

    phones = sorted(shelter_values(jeju_bundle)[0])
    assert phones
    testing.shared_app().server.test_client().get("/login")
    for page in dash.page_registry.values():
        for role in ("council", "analyst", "data_staff"):
            if role in PERMISSIONS[page["permission"]]:
                text = _render(role, page["path"])
                assert not any(p in text for p in phones), f"{page['path']} shows a shelter phone to {role}"


