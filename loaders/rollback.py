"""`jss load --rollback LOAD_ID`: remove what one load created.

Deletes every relationship and node whose `first_load_id` is the load (in batches, relationships
first so those between older nodes go too), and marks the Load node `rolled_back`. It does NOT
restore property values that the load overwrote on records an earlier load had created, and it
also deletes records the load created even if a later load wrote them again (the count is
reported). Resolution output attached to deleted records (RESOLVES_TO, AT) goes with them; then
the people left without records, and the addresses and households left without anyone, are
removed (`resolution/cypher/clear_orphans.cypher`), so no page shows a person or household whose
records are gone. People who keep records of other loads keep their resolved attributes until
the next `jss resolve`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graph.errors import JSSError
from loaders.bundle import queries, refresh_summaries


@dataclass
class RollbackResult:
    load_id: str
    nodes_deleted: int = 0
    relationships_deleted: int = 0
    touched_later: int = 0
    summaries: str = "not run"


def rollback(runner: Any, load_id: str, batch: int = 10_000) -> RollbackResult:
    qs = queries()
    status = runner.read(qs["load_status"].text, {"load_id": load_id}, name="load.status").rows
    if not status:
        raise JSSError(f"적재 {load_id}를 찾을 수 없습니다 (no Load node with this id; see the load summary "
                       "or `MATCH (l:Load) RETURN l.load_id, l.bundle, l.status`)")
    result = RollbackResult(load_id)
    result.touched_later = runner.read_value(qs["rollback_touched"].text, {"load_id": load_id},
                                             name="load.rollback_touched") or 0
    for name, counter in (("rollback_relationships", "relationships_deleted"), ("rollback_nodes", "nodes_deleted")):
        while True:
            summary = runner.write(qs[name].text, {"load_id": load_id, "limit": batch}, name=f"load.{name}")
            n = summary.counters[counter]
            result.relationships_deleted += summary.counters["relationships_deleted"]
            if counter == "nodes_deleted":
                result.nodes_deleted += n
            if n == 0:
                break
    runner.write(qs["rollback_mark"].text, {"load_id": load_id, "now": datetime.now().replace(microsecond=0)
                                            .isoformat()}, name="load.rollback_mark")
    # Twice: households and addresses are matched before the people leaving them are deleted.
    from resolution import graph_io  # noqa: PLC0415  (pandas: only when a rollback runs)

    for _ in range(2):
        graph_io.run_auto_commit(runner, "clear_orphans")
    # The deleted calls and records must leave the pattern summaries too.
    result.summaries = refresh_summaries(runner)
    return result
