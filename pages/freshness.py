"""Keeps the app warm when the server or the graph under it changes.

The start-up warm-up (`queries.figures.run_warm_tasks`, each page's `warm()`) compiles the search's and
the explorer's plans and computes the whole-graph reads. Neo4j forgets every plan when it restarts
(and `jss load --bulk` restarts it), and a load or a summary refresh makes the cached reads and the
risk scores stale. The app outlives both. The first household view after a Neo4j restart took
8.4–12.6 s on the jeju preset and 12.3–15.5 s on the national graph (a user's read limit is 10 s),
against 0.26–0.39 s and 0.52–0.72 s once warmed again (`docs/app.md`, "Warm again after a change").

A background thread reads a marker of the server and the graph every JSS_APP_REWARM_CHECK seconds
(default 30) and runs the warm-up again once a new marker has held for two checks in a row: a load
in progress changes the counts at every check, and warming then would only compete with it.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from graph.errors import DatabaseUnavailable, JSSError
from queries import figures as data

log = logging.getLogger("jss.app")


class ChangeWatch:
    """Decides when to warm again. `observe(marker)` is True once a marker other than the one last
    warmed for has been seen twice in a row; None (the server did not answer) never fires."""

    def __init__(self, warmed: Any) -> None:
        self.warmed = warmed
        self.seen = warmed

    def observe(self, marker: Any) -> bool:
        if marker is None:
            self.seen = None
            return False
        fire = marker != self.warmed and marker == self.seen
        self.seen = marker
        if fire:
            self.warmed = marker
        return fire


_jmx_refused = False


def server_marker() -> tuple[Any, ...] | None:
    """((JVM process id, start time) or None, the graph version), or None when Neo4j does not
    answer. The process needs `dbms.queryJmx`; a user refused it is told once in the log, and the
    graph version (store id, counts, last load, summaries) still catches loads and bulk imports."""
    global _jmx_refused
    try:
        started = None
        if not _jmx_refused:
            try:
                started = data.server_marker()
            except DatabaseUnavailable:
                raise
            except JSSError as exc:
                _jmx_refused = True
                log.info("server start time unavailable (%s): restarts are noticed by the graph "
                         "version only", type(exc).__name__)
        version = data.version_now()
        return (started, version)
    except JSSError:
        return None


def watch(tasks: list[Any], *, check_s: float | None = None, stop: threading.Event | None = None
          ) -> threading.Thread | None:
    """Start the watching thread (None when JSS_APP_REWARM_CHECK is 0): the first marker is the one
    the start-up warm-up served (None when Neo4j was down then, so the first answer warms). `stop`
    ends it (tests)."""
    every = data.rewarm_check_s() if check_s is None else check_s
    if every <= 0:
        return None
    stop = stop or threading.Event()

    def work() -> None:
        changes = ChangeWatch(server_marker())
        while not stop.wait(every):
            if changes.observe(server_marker()):
                started = time.perf_counter()
                done = data.run_warm_tasks(tasks)
                log.info("warm-up after a change of the server or the graph: %s in %.1f s",
                         "done" if done else "stopped", time.perf_counter() - started)

    thread = threading.Thread(target=work, name="jss-freshness", daemon=True)
    thread.start()
    return thread
