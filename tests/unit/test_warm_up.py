"""The app's start-up warm-up (queries.db.warm_up): its reads get a longer time limit than a
user's, a failed task does not stop the others, and a database that is down ends it."""

from __future__ import annotations

import pytest

from graph.errors import DatabaseUnavailable, QueryTimeout
from queries import db as data


def test_warm_up_runs_on_past_a_failed_task_and_stops_when_the_database_is_down(
        monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[tuple[str, float | None]] = []

    def task(name: str, error: Exception | None = None):  # noqa: ANN202
        def run() -> None:
            ran.append((name, data._timeout()))
            if error is not None:
                raise error
        return run

    thread = data.warm_up([task("slow plan", QueryTimeout("planning ran past the limit")), task("search"),
                           task("down", DatabaseUnavailable("Neo4j is not running")), task("never")])
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert ran == [("slow plan", data.WARM_TIMEOUT_S), ("search", data.WARM_TIMEOUT_S),
                   ("down", data.WARM_TIMEOUT_S)]
    # Requests keep the JSS_QUERY_TIMEOUT setting: the longer limit belongs to the warm-up thread.
    assert data._timeout() is None
