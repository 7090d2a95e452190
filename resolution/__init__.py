"""Entity resolution: canonical people, addresses and households from agency records.

`run(runner, load_id=None)` resolves the loaded graph (the loader calls it at the end of a load);
`engine.resolve(records)` is the database-free core; see docs/entity-resolution.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.runner import Runner


def run(runner: Runner, load_id: str | None = None) -> dict[str, Any]:
    """Resolve people, addresses and households on the graph; returns a summary."""
    from resolution.pipeline import run as _run

    return _run(runner, load_id)
