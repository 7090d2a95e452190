"""What a resolution run changed about people: which people it merged and which it split, read off
each record's person before the run and after it. Pure; the pipeline stores the result on the
run's `ResolutionRun` node and the analysts' digest shows it (docs/suggestions.md).

A person is *merged* when records that belonged to two or more earlier people now belong to it; an
earlier person is *split* when its records now belong to two or more people. Records new to this
run (no earlier person) change neither: a new record joining a person is not a merge. Only person
ids are kept (pseudonymous keys, no personal values), at most `LISTED` of each kind; the counts
are complete."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

LISTED = 200


def person_changes(pairs: Iterable[tuple[Any, Any]], listed: int = LISTED) -> dict[str, Any]:
    """`pairs`: (person before, person after) per record, before None for a record new to the run.
    Returns {"merged": [{"person_id", "from": [...]}], "split": [{"person_id", "into": [...]}],
    "merged_count", "split_count"}, each list sorted by person id, ids inside sorted."""
    sources: dict[str, set[str]] = defaultdict(set)
    targets: dict[str, set[str]] = defaultdict(set)
    for before, after in pairs:
        if before is None or after is None or before != before:   # NaN from pandas: a new record
            continue
        sources[str(after)].add(str(before))
        targets[str(before)].add(str(after))
    merged = [{"person_id": p, "from": sorted(s)} for p, s in sorted(sources.items()) if len(s) > 1]
    split = [{"person_id": p, "into": sorted(t)} for p, t in sorted(targets.items()) if len(t) > 1]
    return {"merged_count": len(merged), "split_count": len(split),
            "merged": merged[:listed], "split": split[:listed]}


def stored_changes(run: dict[str, Any] | None) -> dict[str, Any]:
    """A stored run's changes as `person_changes` gave them, from its `ResolutionRun` properties
    (`merged` and `split` as JSON; a run from before these were kept has none), with its `run_at`."""
    run = run or {}

    def listed(raw: Any, key: str) -> list[dict[str, Any]]:
        try:
            items = json.loads(raw or "[]")
        except (TypeError, ValueError):
            return []
        return [{"person_id": str(i["person_id"]), key: [str(x) for x in i.get(key) or []]}
                for i in items if isinstance(i, dict) and i.get("person_id")]

    return {"run_at": run.get("run_at"),
            "merged_count": int(run.get("merged_count") or 0), "split_count": int(run.get("split_count") or 0),
            "merged": listed(run.get("merged"), "from"), "split": listed(run.get("split"), "into")}
