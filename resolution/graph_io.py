"""Reading resolution inputs from the graph and writing results back, in pages and batches, through
`graph.runner` with the named Cypher of `resolution/cypher/`."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from graph.cypher_files import NamedQuery, load_directory
from graph.runner import Runner

PAGE = 50_000
log = logging.getLogger("jss.resolution")


@lru_cache(maxsize=1)
def queries() -> dict[str, NamedQuery]:
    return load_directory(Path(__file__).parent / "cypher")


def _q(name: str) -> NamedQuery:
    return queries()[name]


def _paged(runner: Runner, name: str, key: str) -> pd.DataFrame:
    """All rows of a keyset-paged query, as one frame. Each page becomes a frame at once: holding
    millions of row dicts until the end would need several times the memory of the frame."""
    q, frames, after = _q(name), [], ""
    while True:
        res = runner.read(q.text, {"after": after, "page": PAGE}, name=f"resolution.{name}",
                          row_cap=PAGE + 1, timeout=runner.settings.write_timeout_s)
        frames.append(pd.DataFrame(res.rows, columns=res.columns or None))
        if len(res.rows) < PAGE:
            return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        after = res.rows[-1][key]


def read_records(runner: Runner) -> pd.DataFrame:
    df = _paged(runner, "read_person_records", "record_id")
    if df.empty:
        return pd.DataFrame(columns=["record_id", "source", "name", "birth", "sex", "phone", "address",
                                     "agency_id", "client_ref", "context", "role", "seen", "previous_person"])
    df["seen"] = df["seen"].map(_as_date)
    return df


def read_calls(runner: Runner) -> pd.DataFrame:
    df = _paged(runner, "read_call_addresses", "call_id")
    if df.empty:
        return pd.DataFrame(columns=["call_id", "address", "seen"])
    df["seen"] = df["seen"].map(_as_date)
    return df


def read_relations(runner: Runner) -> pd.DataFrame:
    q = _q("read_call_relations")
    res = runner.read(q.text, {}, name="resolution.read_call_relations", row_cap=10_000_000,
                      timeout=runner.settings.write_timeout_s)
    return pd.DataFrame(res.rows, columns=["victim_record", "other_record", "relation", "call_id"])


def read_decisions(runner: Runner) -> pd.DataFrame:
    q = _q("read_decisions")
    res = runner.read(q.text, {}, name="resolution.read_decisions", row_cap=10_000_000)
    return pd.DataFrame(res.rows, columns=["pair_id", "record_a", "record_b", "decision", "by", "at", "reason"])


def _as_date(v: Any) -> dt.date | None:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def write(runner: Runner, name: str, rows: Iterable[dict[str, Any]], extra: dict[str, Any] | None = None) -> int:
    """Rows may be a generator: batches are taken from it as they are sent."""
    summary = runner.write_batches(_q(name).text, rows, name=f"resolution.{name}", extra=extra)
    log.info("resolution write %s: %d rows, %.1f s", name, summary.rows, summary.elapsed_ms / 1000)
    return summary.rows


def run_auto_commit(runner: Runner, name: str) -> None:
    """Queries with `CALL … IN TRANSACTIONS` must run outside an explicit transaction."""
    runner.run_script([_q(name).text], name=f"resolution.{name}")


def records_exist(runner: Runner, ids: list[str]) -> set[str]:
    res = runner.read(_q("records_exist").text, {"ids": ids}, name="resolution.records_exist")
    return {r["record_id"] for r in res.rows}


def write_run(runner: Runner, row: dict[str, Any]) -> None:
    runner.write(_q("write_resolution_run").text, row, name="resolution.write_resolution_run")


def latest_run(runner: Runner) -> dict[str, Any] | None:
    rows = runner.read(_q("latest_resolution_run").text, {}, name="resolution.latest_resolution_run", row_cap=1).rows
    return rows[0] if rows else None


def write_decision(runner: Runner, params: dict[str, Any]) -> None:
    runner.write(_q("write_decision").text, params, name="resolution.write_decision")


def review_list(runner: Runner, limit: int) -> list[dict[str, Any]]:
    return runner.read(_q("review_list").text, {"limit": limit}, name="resolution.review_list",
                       row_cap=limit).rows
