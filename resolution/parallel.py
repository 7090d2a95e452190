"""A list mapped by a function in two processes: this one and one helper (the machine has two cores).

The values are cut into chunks handed to the helper from the front while this process does other
work (`start`); `finish` then takes the chunks the helper has not started from the back, so the
two meet in the middle instead of this one waiting chunk by chunk. Address parsing uses it twice:
in the people stage (`features`) and in the address stage (`address_links`), where at the national
scale the other core would otherwise sit idle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PARALLEL_MIN = 20_000  # below this a helper process costs more than it saves
CHUNKS = 48  # small enough that waiting for the helper's last chunk costs little


def start(values: list, work: Callable[[list], list]) -> Any:
    """Hand `values` to a helper process, chunk by chunk; None when not worth it or not possible.
    `work` must be a module-level function (it is pickled by name)."""
    if len(values) <= PARALLEL_MIN:
        return None
    import concurrent.futures as cf
    import multiprocessing as mp

    try:
        # forkserver, not fork: forking a process that runs library threads (duckdb, arrow) is unsafe.
        pool = cf.ProcessPoolExecutor(1, mp_context=mp.get_context("forkserver"))
        step = -(-len(values) // CHUNKS)
        chunks = [values[i:i + step] for i in range(0, len(values), step)]
        return pool, [(pool.submit(work, c), c) for c in chunks]
    except Exception:  # noqa: BLE001 - no helper process possible here: map in this one
        return None


def finish(values: list, started: Any, work: Callable[[list], list]) -> list:
    """`work(values)`, whichever process computed each chunk, in order."""
    if started is None:
        return work(values)
    pool, jobs = started
    parts: list = [None] * len(jobs)
    try:
        for i in range(len(jobs) - 1, -1, -1):
            future, chunk = jobs[i]
            if not future.cancel():
                break
            parts[i] = work(chunk)
        for i, (future, chunk) in enumerate(jobs):
            if parts[i] is None:
                try:
                    parts[i] = future.result()
                except Exception:  # noqa: BLE001 - e.g. a caller script without a __main__ guard
                    parts[i] = work(chunk)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return [x for part in parts for x in part]


def map_list(values: list, work: Callable[[list], list]) -> list:
    """`work(values)` in two processes when the list is large enough."""
    return finish(values, start(values, work), work)
