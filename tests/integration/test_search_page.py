"""The household page's person search over the loaded jeju preset: a common fragment lists the
page's limit and says there are more, a whole name lists its people without that hint."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.runner import Runner
from queries import db as data


@pytest.fixture()
def pages_runner(jeju_graph: Runner) -> Iterator[Runner]:
    old = data.set_runner(jeju_graph)
    yield jeju_graph
    data.set_runner(old)


def _text(component: object) -> str:
    return str(component.to_plotly_json())


def test_common_fragment_asks_to_refine_and_a_whole_name_does_not(pages_runner: Runner) -> None:
    from flask import session

    from auth.testing import shared_app

    server = shared_app().server   # pages register with the app: it must exist first
    from pages import household

    name = pages_runner.read_value("MATCH (p:Person) WHERE size(p.name) = 3 RETURN p.name ORDER BY p.person_id LIMIT 1",
                                   name="test.a_name")
    with server.test_request_context("/household"):
        session["jss_user"] = {"username": "t_analyst", "role": "analyst", "display_name": ""}
        common = household.search_results("ko", "김")
        assert _text(common).count("search-hit") == household.SEARCH_LIMIT
        assert "검색어를 더 구체적으로" in _text(common)
        whole = household.search_results("ko", name)
        assert 1 <= _text(whole).count("search-hit") < household.SEARCH_LIMIT
        assert "검색어를 더 구체적으로" not in _text(whole) and name in _text(whole)
        assert "No matches" in _text(household.search_results("en", "없는사람없는사람"))


def test_agency_households_are_the_top_by_contacts_and_say_when_there_are_more(
        pages_runner: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The agencies page lists an agency's households with most contacts first (ties by id), cut
    in the database at AGENCY_HOUSEHOLDS, and says so when there are more. The counts come from
    the summaries (AgencyContact) and must equal walking the graph from the agency."""
    from flask import session

    from auth.testing import shared_app

    server = shared_app().server
    from pages import agencies

    agency = pages_runner.read_value("MATCH (a:Agency)<-[:HANDLED_BY]-(c:Call) WITH a, count(c) AS n "
                                     "ORDER BY n DESC, a.agency_id LIMIT 1 RETURN a.agency_id", name="test.agency")
    every = data.app_query("agency_households", {"agency_id": agency, "limit": 1_000_000}, row_cap=1_000_000).rows
    assert len(every) > 8
    walked = pages_runner.read(LIVE_AGENCY_HOUSEHOLDS, {"agency_id": agency}, name="test.walk", row_cap=1_000_000).rows
    assert every == walked
    assert every == sorted(every, key=lambda r: (-r["contacts"], r["household_id"]))
    monkeypatch.setattr(data, "AGENCY_HOUSEHOLDS", 8)
    top, more = data.agency_households(agency)
    assert (top, more) == (every[:8], True)
    with server.test_request_context("/agencies"):
        session["jss_user"] = {"username": "t_analyst", "role": "analyst", "display_name": ""}
        assert "agencies-households-more" in _text(agencies.households_of("ko", agency))
        monkeypatch.setattr(data, "AGENCY_HOUSEHOLDS", len(every))
        assert data.agency_households(agency) == (every, False)
        assert "agencies-households-more" not in _text(agencies.households_of("ko", agency))


# What the agencies page computed per click before the summaries counted it (the reference).
LIVE_AGENCY_HOUSEHOLDS = """
MATCH (a:Agency {agency_id: $agency_id})
CALL (a) {
  MATCH (a)<-[:HANDLED_BY]-(x:Call)<-[:INVOLVED_IN]-(r:PersonRecord) RETURN r, date(x.received_at) AS day, x AS what
  UNION
  MATCH (a)<-[:BY_AGENCY]-(x:Service|RiskAssessment)<-[:SUBJECT_OF]-(r:PersonRecord) RETURN r, x.date AS day, x AS what
  UNION
  MATCH (a)-[:ATTENDED]->(x:CouncilCase)<-[:SUBJECT_OF]-(r:PersonRecord) RETURN r, x.meeting_date AS day, x AS what
  UNION
  MATCH (a)<-[:ASSIGNED_TO]-(x:CouncilMeasure)-[:FOR_CASE]->(:CouncilCase)<-[:SUBJECT_OF]-(r:PersonRecord)
  RETURN r, x.start_date AS day, x AS what
}
MATCH (r)-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household)
RETURN h.household_id AS household_id, count(DISTINCT what) AS contacts, min(day) AS first_contact,
       max(day) AS last_contact
ORDER BY contacts DESC, household_id
"""


def _bucket(n: int) -> int:
    """The size bucket Neo4j's plan cache keys a list parameter by (0, 1, 2–10, 11–100, …)."""
    top = 1
    while n > top:
        top *= 10
    return n if n <= 1 else top


def test_warm_up_reads_no_one_and_plans_what_the_first_views_send(
        pages_runner: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The household page's warm-up compiles the search's and the explorer's plans at app start.
    Every read it sends matches no one, and it covers the parameter shapes (list size buckets and
    label filters) that opening households and tapping their nodes send."""
    from auth.testing import shared_app

    shared_app()
    from pages import explorer, household

    sent: list[tuple[str, list[dict]]] = []
    real_search, real_find, real_neighbours = data.search, data.find_node, data.neighbours

    def spy(name: str, fn):  # noqa: ANN001, ANN202
        def call(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            out = fn(*args, **kwargs)
            sent.append((name, args))
            assert not out, (name, args)   # nothing personal read
            return out
        return call

    monkeypatch.setattr(data, "search", spy("search", real_search))
    monkeypatch.setattr(data, "find_node", spy("find_node", real_find))
    monkeypatch.setattr(data, "neighbours", spy("neighbours", real_neighbours))
    household.warm()
    warmed = {(_bucket(len(a[0])), _bucket(len(a[1])), a[3] and tuple(a[3]), a[4])
              for name, a in sent if name == "neighbours"}
    assert {name for name, _ in sent} == {"search", "find_node", "neighbours"}
    monkeypatch.undo()

    asked: list[tuple[int, int, tuple | None, bool]] = []

    def fetch(ids: list[str], exclude: list[str], cap: int, types: list[str] | None, agency: bool) -> list[dict]:
        asked.append((_bucket(len(ids)), _bucket(len(exclude)), types and tuple(types), agency))
        return real_neighbours(ids, exclude, cap, types, agency)

    # Households of one member and of the most members, each opened and a person and an agency
    # tapped with and without the council's filter.
    keys = pages_runner.read("MATCH (h:Household)<-[:MEMBER_OF]-(p) WITH h, count(p) AS n "
                             "ORDER BY n DESC, h.household_id RETURN h.household_id AS h LIMIT 2 "
                             "UNION MATCH (h:Household)<-[:MEMBER_OF]-(p) WITH h, count(p) AS n WHERE n = 1 "
                             "RETURN h.household_id AS h ORDER BY h LIMIT 1", name="test.households").rows
    for key in (k["h"] for k in keys):
        state = explorer.initial_state(data.find_node("Household", key), fetch=fetch)
        for kind in ("Person", "Agency"):
            tapped = next(i for i, n in state["nodes"].items() if n["data"]["type"] == kind)
            for types in (None, explorer.COUNCIL_TYPES):
                explorer.expand(state, tapped, fetch=fetch, types=types)
    assert asked and set(asked) <= warmed, set(asked) - warmed
    assert {a[3] for a in asked} == {False, True}
