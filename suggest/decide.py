"""Decisions on suggestions: accept (a proposed agenda item) or dismiss with a reason. Stored in the
graph (suggest/cypher/decide.cypher), never undone by a run or a reload; the app's data gate audits
who decided (queries/gate.py)."""

from __future__ import annotations

from graph.runner import Runner
from suggest.run import suggest_queries

# decision → (the status it sets, the statuses it may be taken from)
DECISIONS = {"accept": ("accepted", ["open"]), "dismiss": ("dismissed", ["open", "accepted"])}
REASON_MAX = 500


class DecisionError(ValueError):
    """A decision that cannot be taken (unknown, without a reason, or not open any more)."""


def decide(runner: Runner, household_id: str, decision: str, by: str, reason: str | None = None) -> str:
    """Take `decision` on the household's suggestion; returns the new status."""
    if decision not in DECISIONS:
        raise DecisionError(f"unknown decision {decision!r} (accept or dismiss)")
    reason = (reason or "").strip()[:REASON_MAX] or None
    if decision == "dismiss" and not reason:
        raise DecisionError("a dismissal needs a reason")
    status, from_statuses = DECISIONS[decision]
    q = suggest_queries()["decide"]
    res = runner.write(q.text, q.bind({"household_id": household_id, "decision": decision, "status": status,
                                       "from_statuses": from_statuses, "reason": reason, "by": by}),
                       name="suggest.decide")
    if not res.counters.get("nodes_created"):
        raise DecisionError("no such suggestion in a state that allows this decision")
    return status
