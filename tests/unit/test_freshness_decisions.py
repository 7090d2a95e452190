"""When the app warms itself again (pages/freshness.py): after a new marker of the server and the
graph has held for two checks, once per change, never while Neo4j does not answer."""

from __future__ import annotations

import logging

import pytest

from graph.errors import DatabaseUnavailable, QueryFailed
from graph.runner import ReadResult
from pages import freshness
from pages.freshness import ChangeWatch
from queries import db as data


def fired(watch: ChangeWatch, markers: list[object]) -> list[bool]:
    return [watch.observe(m) for m in markers]


def test_a_new_marker_warms_once_after_holding_for_two_checks() -> None:
    assert fired(ChangeWatch("a"), ["a", "b", "b", "b", "c", "c", "c"]) == [
        False, False, True, False, False, True, False]


def test_a_load_in_progress_does_not_warm_until_it_settles() -> None:
    assert fired(ChangeWatch("a"), ["b", "c", "d", "e", "e"]) == [False, False, False, False, True]


def test_a_server_that_does_not_answer_never_warms_and_its_return_does() -> None:
    assert fired(ChangeWatch("a"), [None, None, None, "b", "b"]) == [False, False, False, False, True]
    # down when the app started: its start-up warm-up stopped, so the first steady answer warms
    assert fired(ChangeWatch(None), [None, "a", "a", "a"]) == [False, False, True, False]


def test_coming_back_to_the_warmed_marker_does_not_warm() -> None:
    assert fired(ChangeWatch("a"), ["b", "a", "a"]) == [False, False, False]


def _result(row: dict) -> ReadResult:
    return ReadResult(columns=list(row), rows=[row])


def test_a_refused_start_time_falls_back_to_the_graph_version_and_is_logged_once(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    asked: list[str] = []

    def app_query(name: str, params: dict, *, row_cap: int | None = None) -> ReadResult:
        asked.append(name)
        if name == "server_started":
            raise QueryFailed("not allowed to call dbms.queryJmx")
        return _result({"store_id": "S1", "loads": 3})

    monkeypatch.setattr(data, "app_query", app_query)
    monkeypatch.setattr(freshness, "_jmx_refused", False)
    with caplog.at_level(logging.INFO, logger="jss.app"):
        assert freshness.server_marker() == (None, ("S1", 3))
        assert freshness.server_marker() == (None, ("S1", 3))
    assert asked == ["server_started", "graph_version", "graph_version"]
    assert sum("start time unavailable" in r.getMessage() for r in caplog.records) == 1


def test_a_server_that_is_down_gives_no_marker(monkeypatch: pytest.MonkeyPatch) -> None:
    def down(name: str, params: dict, *, row_cap: int | None = None) -> ReadResult:
        raise DatabaseUnavailable("Neo4j is not running")

    monkeypatch.setattr(data, "app_query", down)
    monkeypatch.setattr(freshness, "_jmx_refused", False)
    assert freshness.server_marker() is None
    assert freshness._jmx_refused is False   # down is not refused: the start time is asked again


def test_zero_turns_the_checks_off() -> None:
    assert freshness.watch([], check_s=0) is None
