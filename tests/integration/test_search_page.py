"""The household page's person search over the loaded jeju preset: a common fragment lists the
page's limit and says there are more, a whole name lists its people without that hint."""

from __future__ import annotations

import re
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


def _walk(node: object) -> Iterator[object]:
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        yield from _walk(child)


def _hit_texts(component: object) -> str:
    """The words of the search hits (not their links)."""
    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, (list, tuple)):
            for x in node:
                walk(x)
        elif hasattr(node, "children"):
            walk(node.children)

    walk(component)
    return " ".join(out)


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
        # hits name the household by its members and area, not by its id
        assert "search-household" in _text(whole) and "H-" not in _hit_texts(whole)
    with server.test_request_context("/household"):
        session["jss_user"] = {"username": "t_council", "role": "council", "display_name": ""}
        council = household.search_results("ko", "김")
        assert _text(council).count("search-hit") == household.SEARCH_LIMIT      # a surname finds agenda people
        assert "협의회 안건 가구" in _text(council) and "끝 글자까지" in _text(council)
        assert "열람 범위 안에서 찾은 사람이 없습니다" in _text(household.search_results("ko", "힣"))
        hidden = household.search_results("ko", "김영자")
        assert "household-search-searched-as" in _text(hidden) and "가려진 글자는 검색에 쓰지 않습니다" in _text(hidden)


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
        panel = agencies.households_of("ko", agency)
        assert "agencies-households-more" not in _text(panel)
        # headed by the agency's name, households listed by name with a link to each
        name = pages_runner.read_value("MATCH (a:Agency {agency_id: $a}) RETURN a.name", {"a": agency},
                                       name="test.agency_name")
        assert name in _hit_texts(panel) and agency not in _hit_texts(panel)
        cells = next(c for c in _walk(panel) if getattr(c, "id", None) == "agencies-households-table").data
        assert len(cells) == len(every)
        assert all(re.fullmatch(r"\[[^\]]+\]\(/household/H-[0-9a-f]+\)", c["household"]) for c in cells)
        assert not any(c["household"].startswith("[H-") for c in cells)


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
    real_app_query, app_sent = data.app_query, []

    def app_spy(name, params=None, **kwargs):  # noqa: ANN001, ANN003, ANN202
        out = real_app_query(name, params, **kwargs)
        if name in ("search_masked", "households_in_scope"):
            # a council or agency search's probes: no candidate, no household in scope
            app_sent.append((name, any(v for row in out.rows for v in row.values())))
        return out

    monkeypatch.setattr(data, "app_query", app_spy)
    household.warm()
    assert {name for name, _ in app_sent} == {"search_masked", "households_in_scope"}
    assert not any(read for _, read in app_sent), app_sent
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
