"""Test fixtures. Integration tests run against a real Neo4j 5.26 that the test run starts (or the
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
# A jeju summary statement takes seconds: a stuck one is stopped (and retried once) in minutes.
os.environ.setdefault("JSS_SUMMARY_TIMEOUT", "240")
# The app's re-warm thread (pages/freshness.py) would warm after every test that changes the graph
# (tests/integration/test_freshness_server.py runs it on purpose).
os.environ.setdefault("JSS_APP_REWARM_CHECK", "0")

from storeguard import mark, refusal  # noqa: E402

from graph.runner import Runner  # noqa: E402
from graph.schema import apply_schema  # noqa: E402
from graph.server import LocalServer  # noqa: E402
from graph.settings import Settings, load_settings  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    why = refusal(Path(os.environ["JSS_DATA_DIR"]), REPO / ".data" / "test", os.environ)
    if why:
        raise pytest.UsageError(why)


def in_preset_part(item: pytest.Item) -> bool:
    """Whether a test belongs to the `preset` part of a split run (scripts/run_tests.sh): the
    browser tests, every test on the loaded jeju preset, and tests marked `preset_part` (moved
    there so that the two parts take about as long: the run lasts as long as the longer). The
    `rest` part is everything else."""
    return (f"{os.sep}browser{os.sep}" in str(item.path) or "jeju_graph" in getattr(item, "fixturenames", ())
            or item.get_closest_marker("preset_part") is not None)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Tests on the loaded jeju preset run after the ones that wipe the graph, so the preset is
    # loaded once per session (the `jeju_graph` fixture reloads it only if a test removed it).
    def order(item: pytest.Item) -> int:
        names = getattr(item, "fixturenames", ())
        return 2 if "jeju_graph" in names else (1 if "runner" in names or "neo4j_server" in names else 0)

    items.sort(key=order)
    # JSS_TEST_PART keeps one part of the suite: scripts/run_tests.sh runs the two parts at once,
    # each in its own process against its own Neo4j, so neither waits for the other's database.
    part = os.environ.get("JSS_TEST_PART", "")
    if part not in ("", "preset", "rest"):
        raise pytest.UsageError(f"JSS_TEST_PART={part!r}: expected 'preset', 'rest' or nothing (every test)")
    if part:
        dropped = [item for item in items if in_preset_part(item) != (part == "preset")]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = [item for item in items if in_preset_part(item) == (part == "preset")]
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
    if server is not None:
        mark(Path(os.environ["JSS_DATA_DIR"]))
    started_here = False
    if server is not None and server.pid() is None:
        server.start(echo=lambda *_: None)
        started_here = True
    with Runner(settings) as runner:
        runner.ping()
        apply_schema(runner)
    # The app's shared Runner (queries.db) may have been built by an earlier test before the first
    # start wrote the store's password file: it would connect without credentials. Build it anew.
    from queries import db

    stale = db.set_runner(None)
    if stale is not None:
        stale.close()
    yield settings
    if started_here and not os.environ.get("JSS_KEEP_TEST_SERVER"):
        server.stop(echo=lambda *_: None)


@pytest.fixture(scope="session")
def runner(neo4j_server: Settings) -> Iterator[Runner]:
    with Runner(neo4j_server) as r:
        yield r


def wipe(runner: Runner) -> None:
    """Delete all data (the schema stays)."""
    runner.delete_all(name="test.wipe")


@pytest.fixture()
def empty_graph(runner: Runner) -> Runner:
    """The runner, over a graph with no data in it (tests never pass on leftovers)."""
    wipe(runner)
    return runner


# --- the jeju preset, generated once and loaded through the loaders (issue 4) -------------------
JEJU_SEED = 42


def _jeju_scale() -> float:
    return float(os.environ.get("JSS_TEST_JEJU_SCALE", "1.0"))


@pytest.fixture(scope="session")
def jeju_bundle() -> Path:
    """The jeju preset (seed 42, scale JSS_TEST_JEJU_SCALE or 1.0) in `.data/test-bundles/`,
    generated once and reused while its manifest matches: preset, seed, scale and the generator's
    version (`synth.GENERATOR_VERSION`, raised when the generator writes other files). Generated
    into a temporary sibling and renamed, so parallel sessions never see a half-written bundle."""
    import json
    import shutil
    import tempfile

    from synth import GENERATOR_VERSION, generate

    scale = _jeju_scale()
    out = REPO / ".data" / "test-bundles" / f"jeju-{JEJU_SEED}-{scale:g}"

    def matches() -> bool:
        try:
            m = json.loads((out / "_truth" / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return (m.get("preset"), m.get("seed"), float(m.get("scale", -1)), m.get("generator")) == \
            ("jeju", JEJU_SEED, scale, GENERATOR_VERSION)

    if not matches():
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=out.name + ".", dir=out.parent))
        generate("jeju", tmp, seed=JEJU_SEED, scale=scale)
        if not matches():
            shutil.rmtree(out, ignore_errors=True)
            tmp.rename(out)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return out


@pytest.fixture()
def jeju_graph(runner: Runner, jeju_bundle: Path) -> Runner:
    """The runner over a graph holding exactly the jeju preset, loaded by `loaders.bundle` (with
    entity resolution when the resolution package provides it). Cheap when it is already there:
    the bundle's Load node must be complete and the Call count must match its summary; otherwise
    the graph is wiped and the bundle loaded again (other tests wipe the graph)."""
    import json

    from loaders.bundle import bundle_load_id, load_bundle
    from risk.scores import score_and_store

    load_id = bundle_load_id(jeju_bundle)
    # `resolution = 'ran'` too: a load stopped during its resolution (a timeout) is complete but unresolved.
    row = runner.read("MATCH (l:Load {load_id: $id}) WHERE l.status = 'complete' AND l.resolution = 'ran' "
                      "OPTIONAL MATCH (c:Call) RETURN l.summary AS summary, count(c) AS calls",
                      {"id": load_id}, name="test.jeju_marker").rows
    if row:
        calls = {s["file"].split(".")[0]: s["rows_loaded"] for s in json.loads(row[0]["summary"])}.get("calls")
        if calls == row[0]["calls"] and runner.read_value(
                "MATCH (l:Load) WHERE l.load_id <> $id RETURN count(l)", {"id": load_id},
                name="test.jeju_other_loads") == 0:
            if not runner.read_value("RETURN COUNT { (:PatternTable) }", name="test.jeju_summaries"):
                from derived import refresh

                refresh(runner)  # a graph kept from before the summaries existed
            if not runner.read_value("RETURN COUNT { (:RiskScoring) }", name="test.jeju_scored"):
                score_and_store(runner)  # a graph kept from before scores were stored
            return runner
    wipe(runner)
    load_bundle(jeju_bundle, runner, rejects=jeju_bundle.parent / f"rejects-{jeju_bundle.name}.csv")
    score_and_store(runner)   # as `jss load` does after resolution (hand score: no model is fitted here)
    return runner
