"""The console's audit entries (issue 28): every run, export attempt and refusal keeps the query
text itself and the parameter keys, never the parameter values, so an admin can see which query
extracted what."""

from __future__ import annotations

import json
from typing import Any

import pytest

from auth import audit, testing
from graph import errors
from graph.runner import Runner


@pytest.fixture(scope="module")
def app() -> Any:
    return testing.shared_app()


@pytest.fixture()
def console_page(app: Any, empty_graph: Runner) -> Any:
    from pages import console
    from queries import db

    empty_graph.write("CREATE (:Probe {i: 1}), (:Probe {i: 2})", name="test.console_audit")
    old = db.set_runner(empty_graph)
    yield console
    db.set_runner(old)


def _as_data_staff(app: Any):
    from flask import session

    ctx = app.server.test_request_context("/console")
    ctx.push()
    session["jss_user"] = {"username": testing.username("data_staff"), "role": "data_staff"}
    return ctx


def test_a_run_is_audited_with_its_text_and_parameter_keys(app: Any, console_page: Any) -> None:
    query = "MATCH (n:Probe) WHERE n.i >= $min RETURN n.i AS i ORDER BY i"
    ctx = _as_data_staff(app)
    try:
        _user, _params, result = console_page._execute(query, '{"min": 1, "secret_value": "김영희"}',  # noqa: SLF001
                                                       permission="action:console_run")
    finally:
        ctx.pop()
    assert [r["i"] for r in result.rows] == [1, 2]
    entry = list(audit.iter_entries())[-1]
    assert entry["event"] == "query" and entry["query_text"] == query
    assert entry["detail"]["param_keys"] == ["min", "secret_value"] and entry["detail"]["rows"] == 2
    assert "김영희" not in json.dumps(entry, ensure_ascii=False)
    assert entry["user"] == testing.username("data_staff")
    assert audit.verify().ok


def test_a_refused_query_is_audited_with_its_text_and_the_reason(app: Any, console_page: Any) -> None:
    query = "CALL `db`.`stats`.`retrieve`('QUERIES')"
    ctx = _as_data_staff(app)
    try:
        with pytest.raises(errors.QueryRefused):
            console_page._execute(query, "{}", permission="action:console_run")  # noqa: SLF001
    finally:
        ctx.pop()
    entry = list(audit.iter_entries())[-1]
    assert entry["event"] == "query_refused" and entry["query_text"] == query
    assert "db.stats.retrieve" in entry["detail"]["reason"]


def test_a_query_stopped_by_a_limit_is_audited_with_the_error(app: Any, console_page: Any,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from queries import console as console_queries

    real = console_queries.run_console
    monkeypatch.setattr(console_queries, "run_console", lambda *a, **k: real(*a, **{**k, "timeout": 0.5}))
    query = "MATCH (a:Probe), (b:Probe), (c:Probe) WITH a, b, c UNWIND range(1, 100000000) AS x RETURN count(*)"
    ctx = _as_data_staff(app)
    try:
        with pytest.raises(errors.QueryTimeout):
            console_page._execute(query, "{}", permission="action:console_run")  # noqa: SLF001
    finally:
        ctx.pop()
    entry = list(audit.iter_entries())[-1]
    assert (entry["event"], entry["query_text"], entry["detail"]["error"]) == ("query", query, "QueryTimeout")
