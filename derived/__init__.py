"""Summaries derived from the resolved graph, which the pattern queries read instead of walking
every call on each request.

`refresh(runner)` recomputes them: Call.severity; each Person's victim calls, suspect summary and
child exposure; victim–suspect pair relationships (VICTIM_SUSPECT_PAIR); calls per Address;
agency contacts per Household and, in the same walk, each household's contacts with each agency
(AgencyContact, the agencies page); agency co-involvement links (CO_INVOLVED); calls and police
referrals per year (CallYearCount, ReferralYearCount); each council case's attending agencies,
non-police submission and measure fields (council_kpis); calls and repeat calls per day (CallRepeatDay, the
overview's repeat-call rate); services each agency gave and received on referral (AgencyCaseload,
the agencies page). The statements are the
named Cypher of `derived/cypher/`, run in file order, each in batches of its own transactions
(concurrent batches where a statement only sets properties of the node it starts from).
Then the pattern tables the app pages through are materialised from those summaries
(`derived/tables.py`: ranked PatternRow nodes per pattern query at its default parameters).

It must run whenever what they summarise changes: the loader calls it at the end of every load and
rollback, entity resolution at the end of every run (which covers analysts' review decisions), and
`jss summaries` runs it by hand. Node properties are written only where they changed, so a refresh
after a small load writes little. The time and the per-step durations are kept on the
`(:DerivedSummary {name: 'patterns'})` node, whose `refreshed_at` is part of the app's graph version.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from derived import tables
from graph import errors
from graph.cypher_files import NamedQuery, load_directory
from graph.runner import Runner, WriteSummary
from graph.schema import resample_outdated

log = logging.getLogger("jss.derived")
CYPHER_DIR = Path(__file__).parent / "cypher"

@lru_cache(maxsize=1)
def statements() -> list[NamedQuery]:
    """The refresh statements in the order they run: file-name order (names start with their step
    number), which is the order `load_directory` reads them in."""
    return list(load_directory(CYPHER_DIR).values())


def run_statement(runner: Runner, q: NamedQuery) -> WriteSummary:
    """One summary statement, stopped after `JSS_SUMMARY_TIMEOUT` seconds and run once more after
    a stop or a transient error. A statement writes only what changed, so the second run finishes
    what the first committed part of. Why: batches in concurrent transactions once hung a test run
    for ten minutes on a busy 2-core machine (Neo4j 5.26.30 has open reports of concurrency faults
    in `CALL … IN TRANSACTIONS`); a refresh must end with an answer, never hang a load."""
    timeout = runner.settings.summary_timeout_s
    name = f"derived.{q.name}"
    try:
        return runner.run_script([q.text], name=name, timeout=timeout)
    except (errors.QueryTimeout, errors.TransientFailure) as first:
        log.warning("derived %s stopped (%s); running it once more", q.name, type(first).__name__)
        try:
            return runner.run_script([q.text], name=name, timeout=timeout)
        except errors.QueryTimeout as again:
            raise errors.QueryTimeout(
                f"summary statement {q.name} ran past JSS_SUMMARY_TIMEOUT ({timeout:g} s) twice and "
                f"was stopped; what it committed stays and the next refresh finishes it") from again


def refresh(runner: Runner, before_tables: Callable[[], Any] | None = None) -> dict[str, Any]:
    """Recompute every summary; returns {"seconds": total, "steps": {name: seconds}}.
    `before_tables` is called between the statements and the pattern tables (a bulk load starts
    its search indexes' population there)."""
    started = time.perf_counter()
    steps: dict[str, float] = {}
    resample_outdated(runner)   # the statements read what the load and resolution just wrote
    for q in statements():
        t0 = time.perf_counter()
        run_statement(runner, q)
        steps[q.name] = round(time.perf_counter() - t0, 3)
        log.info("derived %s: %.2f s", q.name, steps[q.name])
    if before_tables is not None:
        before_tables()
    for name, done in tables.refresh_all(runner).items():
        steps[f"table.{name}"] = done["seconds"]
        log.info("derived table %s: %d rows, %.2f s", name, done["rows"], done["seconds"])
    seconds = round(time.perf_counter() - started, 3)
    runner.write(tables.upkeep_cypher("mark_refreshed"),
                 {"refreshed_at": datetime.now().replace(microsecond=0).isoformat(), "seconds": seconds,
                  "steps": json.dumps(steps)}, name="derived.mark")
    return {"seconds": seconds, "steps": steps}
