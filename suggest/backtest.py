"""The back-test: replay the graph month by month as if each month's exports had just been loaded,
run the suggestion rules at each month's end (the same candidates, facts, rules and merge as a
run, with only the facts dated up to that day), and compare with what happened later in the same
world: when the council tabled each household, and serious calls.

- Lead time: for each household the council tabled, how many days before its first tabling a
  suggestion first named it (median, quartiles, a histogram), and the share suggested before.
- Precision: of the suggestions first raised at least `follow_days` before the data end, the share
  the council tabled later or that had a call of at least `serious` severity naming a member as
  victim within `follow_days` after.
- The same rules when the secretary sees only the `top` highest-priority new suggestions a month.
- Against two baselines measured the same way in the same pass: the MARAC repeat rule alone, and
  every household the month's facts touched (what "look at everyone" would give).

Known limit: people and households are resolved once, with every record (later records can link
earlier ones), and the derived severity is as of today's rule; the risk rule uses the hand score
computed from the history as of each month's end (the fitted model is not refit per month).
"""

from __future__ import annotations

import logging
import statistics
import time
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from graph.runner import Runner
from queries.risk_history import EPOCH, read_history
from queries.risk_snapshot import snapshot
from suggest.rules import Thresholds, Window, day_of, reasons
from suggest.run import candidates, household_facts, read
from suggest.store import merge

log = logging.getLogger("jss.suggest")
LEAD_BINS = ((0, 30), (31, 90), (91, 180), (181, 365), (366, None))


def month_ends(first: date, last: date) -> list[date]:
    """The last day of every month from `first`'s to `last`'s (the last one cut at `last`)."""
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        out.append(min(nxt - timedelta(days=1), last))
        y, m = nxt.year, nxt.month
    return out


class Variant:
    """One way of suggesting, replayed: its thresholds, at most `top` new suggestions a month (the
    highest priority; the rest are not raised that month), and what it raised when."""

    def __init__(self, name: str, t: Thresholds | None, top: int | None = None):
        self.name, self.t, self.top = name, t, top
        self.store: dict[str, dict[str, Any]] = {}
        self.first: dict[str, date] = {}            # household → the month end it was first raised
        self.first_rules: dict[str, list[str]] = {}
        self.per_month: Counter = Counter()
        self._pending: list[tuple[float, str, dict[str, Any]]] = []

    def offer(self, hid: str, facts: dict[str, Any], w: Window, points: dict[str, int]) -> None:
        if self.t is None:                           # the "everyone touched" baseline
            self.raised_on(hid, w.as_of, ["touched"])
            return
        row, event = merge(self.store.get(hid), hid, reasons(facts, w, self.t, risk_points=points), w.as_of)
        if row is None:
            return
        if event == "created" and self.top is not None:
            self._pending.append((-row["priority"], hid, row))
            return
        self.store[hid] = row
        if event == "created":
            self.raised_on(hid, w.as_of, row["rules"])

    def close_month(self, day: date) -> None:
        for _, hid, row in sorted(self._pending)[:self.top]:
            self.store[hid] = row
            self.raised_on(hid, day, row["rules"])
        self._pending = []

    def raised_on(self, hid: str, day: date, rules: list[str]) -> None:
        """The household was raised on `day` for `rules`: kept if it is the first time."""
        if hid not in self.first:
            self.first[hid] = day
            self.first_rules[hid] = rules
            self.per_month[day] += 1


def _quantiles(values: list[int]) -> dict[str, Any]:
    if not values:
        return {"n": 0}
    q = statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else [values[0]] * 3
    return {"n": len(values), "median": statistics.median(values), "q1": q[0], "q3": q[2],
            "min": min(values), "max": max(values)}


def evaluate(v: Variant, tabled: dict[str, date], serious: dict[str, list[date]], end: date,
             follow_days: int) -> dict[str, Any]:
    leads = []
    for hid, day in tabled.items():
        raised = v.first.get(hid)
        if raised is not None and raised < day:
            leads.append((day - raised).days)
    hist = {f"{lo}-{hi if hi else ''}": sum(1 for x in leads if x >= lo and (hi is None or x <= hi))
            for lo, hi in LEAD_BINS}
    judged, right = 0, 0
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for hid, day in v.first.items():
        if day > end - timedelta(days=follow_days):
            continue                                 # not followed up long enough
        judged += 1
        ok = (hid in tabled and tabled[hid] > day) or any(
            day < d <= day + timedelta(days=follow_days) for d in serious.get(hid, ()))
        right += ok
        for rule in v.first_rules.get(hid, ()):
            by_rule[rule][0] += 1
            by_rule[rule][1] += ok
    monthly = list(v.per_month.values())
    return {"suggested": len(v.first), "per_month_median": statistics.median(monthly) if monthly else 0,
            "tabled": len(tabled), "tabled_suggested_before": len(leads),
            "share_suggested_before": round(len(leads) / len(tabled), 4) if tabled else None,
            "lead_days": _quantiles(leads), "lead_histogram": hist,
            "judged": judged, "precision": round(right / judged, 4) if judged else None,
            "precision_by_rule": {r: {"suggestions": n, "precision": round(k / n, 4)} for r, (n, k) in
                                  sorted(by_rule.items())}}


def outcomes(runner: Runner, serious: int) -> tuple[dict[str, date], dict[str, list[date]]]:
    """What happened in the graph's world: each household's first tabling by the council, and the
    days of its calls of at least `serious` severity naming a member as victim."""
    tabled = {r["household_id"]: day_of(r["tabled_on"]) for r in read(runner, "backtest_tabled", {})}
    calls: dict[str, list[date]] = defaultdict(list)
    for r in read(runner, "backtest_serious_calls", {"min_severity": serious}):
        calls[r["household_id"]].append(day_of(r["day"]))
    return tabled, calls


def backtest(runner: Runner, t: Thresholds, *, serious: int = 7, follow_days: int = 183, top: int = 20,
             first: date | None = None, last: date | None = None) -> dict[str, Any]:
    """Replay month by month and report each variant's figures (module docstring)."""
    started = time.monotonic()
    history = read_history(runner)
    span = read(runner, "latest_run", {})
    horizon = day_of(span[0]["horizon"]) if span else None
    if horizon is None:
        raise ValueError("no calls in the graph")
    start = first or (EPOCH + timedelta(days=int(history.calls["day"].min())) if len(history.calls) else horizon)
    months = month_ends(start, last or horizon)
    variants = [Variant("rules", t), Variant(f"rules_top{top}", t, top),
                Variant("marac_only", replace(t, rules=("marac",))), Variant("touched", None)]
    seconds: Counter = Counter()
    prev = start - timedelta(days=1)
    for m in months:
        w = Window(as_of=m, since=prev, recent_days=t.recent_days)
        t0 = time.monotonic()
        ids = candidates(runner, w)
        snap = snapshot(history, m)
        points = dict(zip(snap.person_ids.tolist(), snap.hand.tolist(), strict=True))
        t1 = time.monotonic()
        for facts in household_facts(runner, ids, w):
            for v in variants:
                v.offer(facts["household_id"], facts, w, points)
        seconds["candidates_and_risk"] += t1 - t0
        seconds["facts_and_rules"] += time.monotonic() - t1
        for v in variants:
            v.close_month(m)
        log.info("backtest %s households=%d", m, len(ids))
        prev = m
    tabled, calls = outcomes(runner, serious)
    end = months[-1]
    return {"months": len(months), "first_month_end": months[0].isoformat(), "last_day": end.isoformat(),
            "serious_severity": serious, "follow_days": follow_days, "top": top,
            "thresholds": {k: v for k, v in t.__dict__.items() if k != "rules"},
            "variants": {v.name: evaluate(v, tabled, calls, end, follow_days) for v in variants},
            "seconds": {**{k: round(s, 1) for k, s in seconds.items()},
                        "history_read": round(history.seconds, 1),
                        "per_month_mean": round(sum(seconds.values()) / len(months), 2),
                        "total": round(time.monotonic() - started, 1)}}
