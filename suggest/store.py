"""How a run's reasons become stored suggestions: one per household, merged with what is stored.

- No suggestion yet: one is created, open.
- Open or accepted: new reasons replace older ones of the same rule and person, facts are added;
  an accepted one is flagged `news_since_decision` so the secretary sees the agenda item grew.
- Dismissed: raised again (open) only when the reasons bring a fact the dismissed suggestion did
  not have — "not raised again unless something new happens".
- Reasons whose facts are all known already change nothing, so a run repeated on the same data
  writes nothing (idempotent).

`merge` is pure and used alike by the runs (suggest/run.py) and the back-test (suggest/backtest.py).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from suggest.rules import Reason, day_of, priority


def _reason_key(r: dict[str, Any]) -> tuple[str, str]:
    return r["rule"], r.get("person_id") or ""


def _as_reasons(rows: list[dict[str, Any]]) -> list[Reason]:
    return [Reason(r["rule"], r.get("person_id"), list(r["fact_ids"]), date.fromisoformat(r["on"]),
                   r.get("detail") or {}) for r in rows]


def merge(stored: dict[str, Any] | None, household_id: str, found: list[Reason],
          day: date) -> tuple[dict[str, Any] | None, str]:
    """The suggestion to write for a household given what is stored and the run's reasons, and what
    happened: created, updated, reraised or unchanged (then nothing to write)."""
    if not found:
        return None, "unchanged"
    new_rows = [r.as_dict() for r in found]
    facts = {f for r in found for f in r.fact_ids}
    if stored is None:
        return _row(household_id, "open", new_rows, facts, day, day, 1, False), "created"
    known = set(stored.get("fact_ids") or [])
    if facts <= known:
        return None, "unchanged"
    status = stored.get("status") or "open"
    old_rows = json.loads(stored.get("reasons") or "[]")
    first = day_of(stored.get("first_raised_on")) or day
    count = int(stored.get("raised_count") or 1)
    if status == "dismissed":
        return _row(household_id, "open", new_rows, facts | known, first, day, count + 1, False), "reraised"
    merged = {_reason_key(r): r for r in old_rows}
    merged.update({_reason_key(r): r for r in new_rows})
    raised = day_of(stored.get("raised_on")) or day
    return _row(household_id, status, list(merged.values()), facts | known, first, raised, count,
                status == "accepted"), "updated"


def _row(household_id: str, status: str, reasons: list[dict[str, Any]], facts: set[str], first: date,
         raised: date, count: int, news: bool) -> dict[str, Any]:
    reasons = sorted(reasons, key=lambda r: (r["rule"], r.get("person_id") or "", r["on"]))
    people = sorted({r["person_id"] for r in reasons if r.get("person_id")})
    offenders = sorted({r["detail"]["offender_id"] for r in reasons if r["rule"] == "serial"})
    return {"household_id": household_id, "status": status, "reasons": json.dumps(reasons, ensure_ascii=False),
            "rules": sorted({r["rule"] for r in reasons}), "fact_ids": sorted(facts), "person_ids": people,
            "offender_ids": offenders, "priority": priority(_as_reasons(reasons)),
            "first_raised_on": first.isoformat(), "raised_on": raised.isoformat(),
            "latest_fact_on": max(r["on"] for r in reasons), "raised_count": count,
            "news_since_decision": news}
