"""The app's re-warm after a change (pages/freshness.py), against the real Neo4j: the marker names
the running server process and follows the graph, and the watching thread warms once the graph
has settled after a change, once."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

import derived
from graph.runner import Runner
from graph.server import LocalServer
from pages import freshness
from queries import db as data


@pytest.fixture()
def app_on_empty_graph(empty_graph: Runner, monkeypatch: pytest.MonkeyPatch) -> Iterator[Runner]:
    old = data.set_runner(empty_graph)
    data.clear_cache()
    monkeypatch.setattr(freshness, "_jmx_refused", False)
    yield empty_graph
    data.set_runner(old)
    data.clear_cache()


def test_the_marker_names_the_running_server_and_follows_the_graph(app_on_empty_graph: Runner) -> None:
    runner = app_on_empty_graph
    first = freshness.server_marker()
    assert first is not None and freshness.server_marker() == first     # nothing changed
    pid, started_ms = first[0]
    assert pid == LocalServer(runner.settings).pid()                     # this server's JVM
    assert started_ms > 0

    runner.write("CREATE (:Load {load_id: 'L-freshness'})", name="test.load")
    loaded = freshness.server_marker()
    assert loaded is not None and loaded != first and loaded[0] == first[0]
    derived.refresh(runner)
    refreshed = freshness.server_marker()
    assert refreshed is not None and refreshed != loaded                # the summaries' time


def wait_for(check, seconds: float) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def test_the_watcher_warms_again_once_after_the_graph_changed(app_on_empty_graph: Runner) -> None:
    runner = app_on_empty_graph
    warmed: list[float | None] = []
    stop = threading.Event()
    thread = freshness.watch([lambda: warmed.append(data._timeout())], check_s=0.2, stop=stop)
    assert thread is not None
    try:
        time.sleep(1.0)
        assert warmed == []                                              # nothing changed
        runner.write("CREATE (:Load {load_id: 'L-freshness'})", name="test.load")
        assert wait_for(lambda: warmed, 15)
        time.sleep(1.0)
        assert warmed == [data.WARM_TIMEOUT_S]   # once, with the warm-up's limit
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
