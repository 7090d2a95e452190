"""A suggestion run: find the households the new facts touch, apply the rules (suggest/rules.py) to
each one's facts as of the run's day, merge into the stored suggestions (suggest/store.py), record
the run. Runs after every load that resolved people (after the risk scores, which the risk rule
reads), and by hand with `jss suggest run`.

What counts as new: facts dated after the previous run's day, and records the followed load created
(late arrivals), and never older than `recent_days` (a first run on a full history suggests only
what is recent). The run's day is the data's horizon, the newest call's day, unless given: exports
arrive after the fact, and a rule's window must end where the data do.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.cypher_files import NamedQuery, load_directory
from graph.runner import Runner
from suggest.rules import Thresholds, Window, day_of, reasons
from suggest.store import merge

log = logging.getLogger("jss.suggest")
FACT_BATCH = 2_000          # households per facts read
READ_WORKERS = 2
WRITE_BATCH = 5_000


@lru_cache(maxsize=1)
def suggest_queries() -> dict[str, NamedQuery]:
    return load_directory(Path(__file__).parent / "cypher")


@dataclass
class RunResult:
    run: str
    as_of: date | None
    since: date | None
    load_id: str | None
    households: int = 0
    events: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    written: list[str] = field(default_factory=list)     # households created, updated or raised again
    # created or raised again → {"rules": [...], "priority": the suggestion's priority}
    raised: dict[str, dict[str, Any]] = field(default_factory=dict)

    def line(self) -> str:
        if self.as_of is None:
            return "no calls in the graph: no suggestions"
        rules = ", ".join(f"{k} {v:,}" for k, v in sorted(self.by_rule.items())) or "none"
        return (f"{self.events['created']:,} suggestions created, {self.events['updated']:,} updated, "
                f"{self.events['reraised']:,} raised again; {self.households:,} households looked at as of "
                f"{self.as_of} (new since {self.since or 'the start'}); rules: {rules}; {self.seconds:.1f} s")


def read(runner: Runner, name: str, params: dict[str, Any], *, timeout: float | None = None) -> list[dict[str, Any]]:
    q = suggest_queries()[name]
    return runner.read(q.text, q.bind(params), name=f"suggest.{name}", row_cap=10_000_000, timeout=timeout).rows


def candidates(runner: Runner, w: Window) -> list[str]:
    """Households the run's new facts touch."""
    recent_from = w.as_of - timedelta(days=w.recent_days - 1)
    from_day = max(w.since + timedelta(days=1), recent_from) if w.since else recent_from
    rows = read(runner, "candidate_households", {"from_day": from_day.isoformat(), "as_of": w.as_of.isoformat(),
                                                  "load_id": w.load_id, "recent_from": recent_from.isoformat()},
                 timeout=runner.settings.write_timeout_s)
    return [r["household_id"] for r in rows]


def household_facts(runner: Runner, household_ids: list[str], w: Window) -> Iterator[dict[str, Any]]:
    """The facts of each household, read a batch at a time, READ_WORKERS batches at once (the server
    answers each on one core)."""
    q = suggest_queries()["household_facts"]

    def batch(ids: list[str]) -> list[dict[str, Any]]:
        # Streamed: values as the driver decodes them (the rules read neo4j.time values as well), which
        # skips the per-value conversion that took a third of the client's time at national scale.
        return list(runner.stream(q.text, q.bind({"household_ids": ids, "as_of": w.as_of.isoformat(),
                                                  "load_id": w.load_id}),
                                  name="suggest.household_facts", timeout=runner.settings.write_timeout_s))

    batches = [household_ids[i:i + FACT_BATCH] for i in range(0, len(household_ids), FACT_BATCH)]
    if len(batches) <= 1:
        for ids in batches:
            yield from batch(ids)
        return
    with ThreadPoolExecutor(READ_WORKERS, thread_name_prefix="jss-suggest-read") as pool:
        for rows in pool.map(batch, batches):
            yield from rows


def stored(runner: Runner, household_ids: list[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for i in range(0, len(household_ids), 10_000):
        for r in read(runner, "read_suggestions", {"household_ids": household_ids[i:i + 10_000]}):
            out[r["household_id"]] = r
    return out


def window_for(runner: Runner, t: Thresholds, *, load_id: str | None = None, as_of: date | None = None,
               since: date | None = None) -> Window | None:
    """The run's window: as of `as_of` or the data's horizon, new after `since` or the previous run."""
    rows = read(runner, "latest_run", {})
    if not rows:
        return None
    row = rows[0]
    day = as_of or day_of(row["horizon"])
    previous = since if since is not None else day_of(row.get("as_of"))
    if previous is not None and previous > day:
        previous = day      # a run as of an earlier day than the last: only what is after it is new
    return Window(as_of=day, since=previous, load_id=load_id, recent_days=t.recent_days)


def suggest(runner: Runner, t: Thresholds, *, load_id: str | None = None, as_of: date | None = None,
            since: date | None = None, dry_run: bool = False) -> RunResult:
    """One run; writes the suggestions that changed and a SuggestionRun unless `dry_run`."""
    started = time.monotonic()
    run = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    w = window_for(runner, t, load_id=load_id, as_of=as_of, since=since)
    if w is None:
        return RunResult(run, None, since, load_id)
    result = RunResult(run, w.as_of, w.since, load_id)
    ids = candidates(runner, w)
    result.households = len(ids)
    found = {}
    for facts in household_facts(runner, ids, w):
        hits = reasons(facts, w, t)
        if hits:
            found[facts["household_id"]] = hits
    existing = stored(runner, sorted(found))
    rows = []
    for hid, hits in sorted(found.items()):
        row, event = merge(existing.get(hid), hid, hits, w.as_of)
        result.events[event] += 1
        if event in ("created", "reraised") and row is not None:
            result.raised[hid] = {"rules": list(row["rules"]), "priority": row["priority"]}
        if row is not None:
            rows.append(row)
            result.by_rule.update({r.rule for r in hits})
    result.written = [r["household_id"] for r in rows]
    if not dry_run:
        q = suggest_queries()["write_suggestions"]
        runner.write_batches(q.text, rows, name="suggest.write", batch_size=WRITE_BATCH, extra={"run": run})
    result.seconds = time.monotonic() - started
    if not dry_run:
        q = suggest_queries()["write_suggestion_run"]
        runner.write(q.text, q.bind({
            "run": run, "as_of": w.as_of.isoformat(), "since": w.since.isoformat() if w.since else None,
            "load_id": load_id, "households": result.households, "created": result.events["created"],
            "updated": result.events["updated"], "reraised": result.events["reraised"],
            "by_rule": json.dumps(dict(result.by_rule), sort_keys=True), "seconds": round(result.seconds, 2)}),
            name="suggest.write_run")
    log.info("suggest run=%s households=%d written=%d seconds=%.1f", run, result.households, len(rows),
             result.seconds)
    return result


def after_load(runner: Runner, settings: Any, load_id: str | None) -> tuple[RunResult | None, str]:
    """The run that follows a load (JSS_SUGGEST_AFTER_LOAD): the run (None when off or failed) and
    one line for the load report. A failure is reported, not raised: the load's data stand, and
    `jss suggest run` can be run again."""
    if not settings.suggest_after_load:
        return None, "off (JSS_SUGGEST_AFTER_LOAD)"
    try:
        run = suggest(runner, Thresholds.from_settings(settings), load_id=load_id)
    except Exception as exc:  # noqa: BLE001  (the load is complete; the report says what failed)
        log.exception("suggestion run after load failed")
        return None, f"failed: {type(exc).__name__}; run `jss suggest run`"
    return run, run.line()


@dataclass
class FollowUp:
    """What followed a load: the risk report's lines, the suggestion run and its line."""
    risk_lines: list[str]
    suggest_line: str
    run: RunResult | None


def follow_load(runner: Runner, settings: Any, load_id: str | None) -> FollowUp:
    """What follows every load that resolved people (`jss load`, `jss demo`, the replay): the risk
    model fitted (JSS_RISK_FIT_ON_LOAD) and every victim scored, then the suggestion run, whose risk
    rule reads those scores."""
    from risk.scores import refresh  # noqa: PLC0415  (scikit-learn loads slowly)

    risk_lines = refresh(runner, settings.risk_horizon_days, fit=settings.risk_fit_on_load)
    run, line = after_load(runner, settings, load_id)
    return FollowUp(risk_lines, line, run)
