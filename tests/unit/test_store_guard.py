"""The suite refuses to run (and wipe) a Neo4j store it did not create."""

from __future__ import annotations

from pathlib import Path

from storeguard import mark, refusal


def test_an_existing_store_without_the_marker_is_refused(tmp_path: Path) -> None:
    default, data = tmp_path / "test", tmp_path / "nat"
    (data / "neo4j").mkdir(parents=True)
    why = refusal(data, default, {})
    assert why is not None and str(data) in why and "JSS_TEST_ALLOW_WIPE" in why
    assert refusal(data, default, {"JSS_TEST_ALLOW_WIPE": "1"}) is None
    assert refusal(data, default, {"NEO4J_URI": "bolt://elsewhere:7687"}) is None
    mark(data)
    assert refusal(data, default, {}) is None


def test_the_default_store_and_new_directories_are_fine(tmp_path: Path) -> None:
    default = tmp_path / "test"
    (default / "neo4j").mkdir(parents=True)
    assert refusal(default, default, {}) is None
    assert refusal(tmp_path / "fresh", default, {}) is None
