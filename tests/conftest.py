"""Test fixtures. Integration tests run against a real Neo4j 5.26 that this session starts (or the
server NEO4J_URI names). The suite uses its own store (`.data/test`, Bolt 7688) unless
JSS_DATA_DIR / JSS_NEO4J_BOLT_PORT are set, so running the tests never touches the demo's data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Defaults for the test instance; explicit environment settings win.
os.environ.setdefault("JSS_DATA_DIR", str(REPO / ".data" / "test"))
os.environ.setdefault("JSS_NEO4J_BOLT_PORT", "7688")
os.environ.setdefault("JSS_NEO4J_HTTP_PORT", "7475")
os.environ.setdefault("JSS_NEO4J_HEAP", "1g")
os.environ.setdefault("JSS_NEO4J_PAGECACHE", "512m")

from graph.runner import Runner  # noqa: E402
from graph.schema import apply_schema  # noqa: E402
from graph.server import LocalServer  # noqa: E402
from graph.settings import Settings, load_settings  # noqa: E402


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Tests on the loaded jeju preset run after the ones that wipe the graph, so the preset is
    # loaded once per session (the `jeju_graph` fixture reloads it only if a test removed it).
    def order(item: pytest.Item) -> int:
        names = getattr(item, "fixturenames", ())
        return 2 if "jeju_graph" in names else (1 if "runner" in names or "neo4j_server" in names else 0)

    items.sort(key=order)
    for item in items:
        path = str(item.fspath)
        if f"{os.sep}integration{os.sep}" in path:
            item.add_marker(pytest.mark.integration)
        if f"{os.sep}browser{os.sep}" in path:
            item.add_marker(pytest.mark.integration)
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def neo4j_server(settings: Settings) -> Iterator[Settings]:
    """A running Neo4j: the local test server (started here, stopped at the end if we started it)
    or the one NEO4J_URI names."""
    server = LocalServer(settings) if settings.uses_local_server else None
    started_here = False
    if server is not None and server.pid() is None:
        server.start(echo=lambda *_: None)
        started_here = True
    with Runner(settings) as runner:
        runner.ping()
        apply_schema(runner)
    yield settings
    if started_here and not os.environ.get("JSS_KEEP_TEST_SERVER"):
        server.stop(echo=lambda *_: None)


@pytest.fixture(scope="session")
def runner(neo4j_server: Settings) -> Iterator[Runner]:
    with Runner(neo4j_server) as r:
        yield r


def wipe(runner: Runner) -> None:
    """Delete all data (the schema stays)."""
    runner.run_script(["MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"], name="test.wipe")


@pytest.fixture()
def empty_graph(runner: Runner) -> Runner:
    """The runner, over a graph with no data in it (tests never pass on leftovers)."""
    wipe(runner)
    return runner
