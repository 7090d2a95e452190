"""`run(runner)`: resolve the loaded graph — people, addresses, households — idempotently.

Everything is recomputed from the source records and the analysts' decisions on every run, and the
results are MERGEd, so a second run over the same records gives the same graph (ids are hashes of
record ids and canonical address keys, never counters).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

import derived
from graph.runner import Runner
from graph.schema import resample_outdated
from resolution import address_links, changes, engine, graph_io, households, rows

log = logging.getLogger("jss.resolution")


def decisions_from(df: pd.DataFrame) -> list[engine.Decision]:
    return [engine.Decision(r.record_a, r.record_b, r.decision) for r in df.itertuples(index=False)
            if r.decision in ("confirm", "split")]


@dataclass
class Outcome:
    """Everything one resolution computes, before it is written."""
    result: engine.Result
    records: pd.DataFrame  # with person_id
    mentions: pd.DataFrame  # record and call address mentions with address_id
    addresses: pd.DataFrame
    members: pd.DataFrame
    lives: pd.DataFrame
    related: pd.DataFrame
    summary: dict[str, Any] = field(default_factory=dict)


def _rss_mb() -> float:
    """Current resident memory of this process in MB (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") / 1e6)
    except (OSError, ValueError, IndexError):
        return 0.0


def _stage(name: str, t0: float) -> None:
    """Operators watching a national-scale run see where time and memory go (JSS_LOG_LEVEL=INFO)."""
    log.info("resolution %s: %.1f s, rss %.0f MB", name, time.perf_counter() - t0, _rss_mb())


def compute(records: pd.DataFrame, calls: pd.DataFrame, relations: pd.DataFrame,
            decisions: list[engine.Decision]) -> Outcome:
    """Pure resolution: `records` as `graph_io.read_records` gives them, `calls` (call_id, address,
    seen), `relations` (victim_record, other_record, relation, call_id)."""
    t0 = time.perf_counter()
    result = engine.resolve(records, decisions)
    _stage("people", t0)
    records = records.assign(person_id=result.person_id)
    summary: dict[str, Any] = {k: result.stats[k] for k in ("persons", "candidate_pairs", "links", "review_pairs")}
    summary["clustering"] = result.stats["clustering"]
    summary["engine_seconds"] = result.stats["seconds"]
    # Addresses: mentions from records (with their person) and from calls.
    mentions = pd.concat([
        pd.DataFrame({"mention_id": records["record_id"], "kind": "record", "address": records["address"],
                      "person_id": records["person_id"], "call_id": records["context"],
                      "role": records["role"], "seen": records["seen"]}),
        pd.DataFrame({"mention_id": calls["call_id"], "kind": "call", "address": calls["address"],
                      "person_id": None, "call_id": calls["call_id"], "role": "call", "seen": calls["seen"]}),
    ], ignore_index=True)
    # A call's address is where it happened, not necessarily where its victim lives: it takes part in
    # road/lot ties together with its victim's records (through call_id), but has no person of its own.
    addr_ids, addr_table, addr_stats = address_links.resolve(mentions)
    mentions["address_id"] = addr_ids
    _stage("addresses", t0)
    summary["addresses"] = addr_stats
    # Households.
    rec_m = mentions[mentions["kind"] == "record"]
    seen = pd.DataFrame({"person_id": rec_m["person_id"], "address_id": rec_m["address_id"], "date": rec_m["seen"]})
    pid_of = dict(zip(records["record_id"], records["person_id"], strict=True))
    seen_of = dict(zip(records["record_id"], records["seen"], strict=True))
    # A relation holds on its call's day (the records on a call are seen that day): households join
    # the stays current then.
    rel = pd.DataFrame({"person_a": relations["other_record"].map(pid_of),
                        "person_b": relations["victim_record"].map(pid_of),
                        "relation": relations["relation"], "call_id": relations["call_id"],
                        "date": relations["other_record"].map(seen_of)}
                       ).dropna(subset=["person_a", "person_b"])
    _stage("households input", t0)  # minutes at national scale: logged apart from households.build
    # Unit-less addresses of buildings with units are found by households itself, from the table.
    members, lives, related, hstats = households.build(sorted(set(result.person_id.tolist())), seen, rel,
                                                       set(), addresses=addr_table)
    summary["households"] = int(hstats.iloc[0]["households"])
    _stage("households", t0)
    return Outcome(result, records, mentions, addr_table, members, lives, related, summary)


def run(runner: Runner, load_id: str | None = None) -> dict[str, Any]:
    """Resolve people, addresses and households on the graph. `load_id` only labels the summary:
    resolution always considers every record, because a new record can join an old person."""
    t0 = time.perf_counter()
    resample_outdated(runner)   # the reads below come right after a load's writes
    records = graph_io.read_records(runner)
    calls = graph_io.read_calls(runner)
    relations = graph_io.read_relations(runner)
    decisions = decisions_from(graph_io.read_decisions(runner))
    _stage(f"read {len(records)} records, {len(calls)} calls", t0)
    summary: dict[str, Any] = {"load_id": load_id, "records": len(records), "calls_with_address": len(calls),
                               "decisions": len(decisions)}
    if records.empty:
        graph_io.run_auto_commit(runner, "clear_derived")
        graph_io.run_auto_commit(runner, "clear_orphans")
        summary["persons"] = 0
        summary["derived"] = derived.refresh(runner)
        return summary
    previous = records.pop("previous_person").to_numpy(dtype=object)
    out = compute(records, calls, relations, decisions)
    summary.update(out.summary)
    # compute keeps the records' order (it only adds person_id), so the two line up row by row.
    people = changes.person_changes(zip(previous, out.records["person_id"].to_numpy(dtype=object), strict=True))
    summary["people_merged"], summary["people_split"] = people["merged_count"], people["split_count"]
    _write(runner, out.result, out.records, out.mentions, out.addresses, out.members, out.lives, out.related,
           run_extra=people)
    _stage("written", t0)
    summary["derived"] = derived.refresh(runner)  # the pattern summaries follow every resolution
    summary["seconds"] = round(time.perf_counter() - t0, 2)
    log.info("resolution done: records=%d persons=%d", len(records), summary["persons"])
    return summary


def _write(runner: Runner, result: engine.Result, records: pd.DataFrame, mentions: pd.DataFrame,
           addr_table: pd.DataFrame, members: pd.DataFrame, lives: pd.DataFrame, related: pd.DataFrame,
           run_extra: dict[str, Any] | None = None) -> None:
    # Milliseconds: two runs within one second (a decision, then `jss resolve`) must still tell
    # which is the latest (graph_io.latest_run, the analysts' digest).
    run_at = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
    graph_io.run_auto_commit(runner, "clear_derived")
    # Rows are generated batch by batch as they are sent (resolution/rows.py, shared with the
    # import files `jss load --bulk` writes).
    # Each kind of node is resampled once written, before the links that find it by key are
    # planned (graph.schema.resample_outdated: an unsampled index can make a plan scan per row).
    graph_io.write(runner, "write_persons", rows.persons(result.persons), extra={"run_at": run_at})
    resample_outdated(runner)
    graph_io.write(runner, "write_resolves_to", rows.resolves_to(records, result))
    graph_io.write(runner, "write_addresses", rows.addresses(addr_table))
    resample_outdated(runner)
    for kind, name in (("record", "write_record_at"), ("call", "write_call_at")):
        graph_io.write(runner, name, rows.address_links(mentions, kind))
    graph_io.write(runner, "write_households", rows.memberships(members))
    resample_outdated(runner)
    graph_io.write(runner, "write_lives_at", rows.residences(lives))
    graph_io.write(runner, "write_related", rows.relations(related))
    graph_io.write(runner, "write_possible_matches", rows.possible_matches(result.review_pairs))
    graph_io.run_auto_commit(runner, "clear_orphans")
    graph_io.write_run(runner, rows.resolution_run(result, run_at, **(run_extra or {})))
