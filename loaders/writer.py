"""Batched writes with several transactions in flight.

`Runner.write_batches` sends one batch, waits for its commit, then packs the next: the server idles
while the client packs and the client idles while the server merges. Here up to `writers` batches
of the same file are in flight at once (each its own managed transaction, so a deadlock between
two of them is retried by the driver), which overlaps the two and lets the server use a second
core. Order between batches of one file does not matter: every write is a MERGE on a constrained
key. Files still go one after another, so a file's references always exist before it is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any

from graph.runner import Runner, WriteSummary, batches_of


def write_pipelined(runner: Runner, cypher: str, rows: Iterable[dict[str, Any]], *, name: str,
                    batch_size: int, extra: dict[str, Any] | None = None, writers: int = 2,
                    on_batch: Callable[[int], None] | None = None) -> WriteSummary:
    """Like `runner.write_batches`, with up to `writers` transactions running at once."""
    if writers <= 1:
        return runner.write_batches(cypher, rows, name=name, batch_size=batch_size, extra=extra, on_batch=on_batch)
    total = WriteSummary(batches=0)

    def collect(done: set[Future]) -> None:
        for fut in done:
            part, n = fut.result()                   # re-raises a failed batch's error here
            total.add(part.counters)
            total.rows += n
            total.batches += 1
            if on_batch is not None:
                on_batch(n)

    def one(batch: list[dict[str, Any]]) -> tuple[WriteSummary, int]:
        return runner.write(cypher, {**(extra or {}), "rows": batch}, name=name), len(batch)

    with ThreadPoolExecutor(max_workers=writers, thread_name_prefix="jss-writer") as pool:
        running: set[Future] = set()
        for batch in batches_of(rows, batch_size):
            if len(running) >= writers:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                collect(done)
            running.add(pool.submit(one, batch))
        done, _ = wait(running)
        collect(done)
    return total
