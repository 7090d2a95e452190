"""Analyst review: list grey-zone pairs, and store confirm / split decisions that win over the
algorithm on every later run (must-link / cannot-link constraints in clustering)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from graph.errors import JSSError
from graph.runner import Runner
from resolution import graph_io
from resolution.rows import pair_id


class ReviewError(JSSError):
    """A review command named records that do not exist, or an invalid decision."""


def decide(runner: Runner, record_a: str, record_b: str, decision: str, by: str, reason: str = "") -> str:
    """Store `confirm` (same person) or `split` (different people) for a record pair; returns pair_id."""
    if decision not in ("confirm", "split"):
        raise ReviewError(f"알 수 없는 결정입니다: {decision!r} (confirm 또는 split)")
    if record_a == record_b:
        raise ReviewError("같은 기록을 두 번 지정했습니다: 서로 다른 두 기록 ID가 필요합니다")
    missing = sorted({record_a, record_b} - graph_io.records_exist(runner, [record_a, record_b]))
    if missing:
        raise ReviewError(f"그래프에 없는 기록 ID입니다: {', '.join(missing)}")
    pid = pair_id(record_a, record_b)
    a, b = sorted((record_a, record_b))
    graph_io.write_decision(runner, {"pair_id": pid, "record_a": a, "record_b": b, "decision": decision,
                                     "by": by, "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                                     "reason": reason})
    return pid


def pending(runner: Runner, limit: int = 50) -> list[dict[str, Any]]:
    """Grey-zone pairs without a decision, strongest first; evidence parsed from JSON."""
    rows = graph_io.review_list(runner, limit)
    for r in rows:
        try:
            r["evidence"] = json.loads(r["evidence"] or "{}")
        except ValueError:
            r["evidence"] = {}
    return rows
