"""The household page's person search over the loaded jeju preset: a common fragment lists the
page's limit and says there are more, a whole name lists its people without that hint."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.runner import Runner
from pages import data


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
