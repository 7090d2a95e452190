"""The test suite wipes the graph it runs on. It must never run on a store that holds real data
because a shell still had JSS_DATA_DIR pointing at it (this happened once: a national graph that
took hours to build was wiped). A store the suite has used carries MARKER; the suite refuses any
other existing store unless JSS_TEST_ALLOW_WIPE=1."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

MARKER = ".jss-test-store"


def refusal(store: Path, default: Path, env: Mapping[str, str]) -> str | None:
    """Why the suite must not run on local store `store` (None when it may): the default test
    store, a store that does not exist yet or carries MARKER, or an explicit override are fine."""
    if env.get("NEO4J_URI") or env.get("JSS_TEST_ALLOW_WIPE") == "1":
        return None
    if store.resolve() == default.resolve() or (store / MARKER).exists() or not (store / "neo4j").exists():
        return None
    return (f"JSS_DATA_DIR={store} holds a Neo4j store the test suite did not create, and the suite wipes "
            f"the graph it runs on. Unset JSS_DATA_DIR (the suite then uses {default}), point it at a new "
            f"directory, or set JSS_TEST_ALLOW_WIPE=1 if that store may be erased.")


def mark(store: Path) -> None:
    store.mkdir(parents=True, exist_ok=True)
    (store / MARKER).write_text("used by the JSS Graph test suite: its graph is wiped by every run\n",
                                encoding="utf-8")
