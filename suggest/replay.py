"""The load-by-load replay: load monthly bundles one after another into an empty database, each
followed by what follows a real load (entity resolution and the summaries, the risk model and
scores, then a suggestion run over the new facts), and judge the suggestions against what the council tabled and the serious calls
of the final graph — the same measures as the as-of back-test (`suggest.backtest`), which this
replay also runs on the final graph, side by side.

Unlike the as-of back-test, each month's suggestions here come from the graph as it stood after
that month's load: people resolved from the records known then, late facts arriving with the month
they were exported in, and the runs' own windows (new since the previous run, or created by the
load). Household ids move when resolution merges or splits people, so a suggestion is matched to
the final graph by its members' record ids (the household holding most of them at the end); the
report counts the raised households whose id is gone by the end. Besides everything the runs
raised, it judges what a secretary working through `top` a month would see: each month's `top`
highest-priority suggestions the run created or raised again.

Monthly bundles come from `loaders.monthly.cut_monthly` (`jss synth --monthly`)."""

from __future__ import annotations

import logging
import tempfile
import time
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from graph.runner import Runner, batches_of
from suggest.backtest import Variant, backtest, evaluate, outcomes
from suggest.rules import Thresholds, day_of
from suggest.run import follow_load, read

log = logging.getLogger("jss.suggest")
CHUNK = 5_000


class ReplayRefused(RuntimeError):
    """The database is not empty (the replay loads into an empty one)."""


def replay(runner: Runner, months: list[Path], settings: Any, *, serious: int = 7, follow_days: int = 183,
           top: int = 20) -> dict[str, Any]:
    """Load `months` in order, each followed as `jss load` follows it (risk model and scores, then
    the suggestion run: `suggest.run.follow_load`, with `settings`), and report (module docstring)."""
    from loaders.bundle import load_bundle

    t = Thresholds.from_settings(settings)
    settings = replace(settings, suggest_after_load=True)

    if read(runner, "replay_graph_state", {})[0]["any_node"]:
        raise ReplayRefused("the replay loads into an empty database: `jss db reset` first (it deletes the graph)")
    started = time.monotonic()
    # (as of, household, rules, record ids, among the month's `top` highest priorities)
    raised: list[tuple[date, str, list[str], list[str], bool]] = []
    monthly: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="jss-replay-") as tmp:
        for m in months:
            t0 = time.monotonic()
            loaded = load_bundle(m, runner, rejects=Path(tmp) / f"{m.name}.csv")
            t1 = time.monotonic()
            followed = follow_load(runner, settings, loaded.load_id)
            run = followed.run
            if run is None:
                raise RuntimeError(f"the suggestion run after {m.name}: {followed.suggest_line}")
            records = {}
            for part in batches_of(sorted(run.raised), CHUNK):
                for r in read(runner, "replay_household_records", {"household_ids": part}):
                    records[r["household_id"]] = r["record_ids"]
            ranked = sorted(run.raised, key=lambda h: (-run.raised[h]["priority"], h))
            best = set(ranked[:top])
            for hid in sorted(run.raised):
                raised.append((run.as_of, hid, run.raised[hid]["rules"], records.get(hid, []), hid in best))
            monthly.append({"month": m.name, "rows": sum(s.rows_loaded for s in loaded.stats),
                            "as_of": run.as_of.isoformat() if run.as_of else None, "raised": len(run.raised),
                            "load_s": round(t1 - t0, 1), "suggest_s": round(time.monotonic() - t1, 1)})
            log.info("replay %s: %s", m.name, run.line())
    # Each raised suggestion names the final household that holds most of its members' records.
    wanted = sorted({rid for _, _, _, rids, _ in raised for rid in rids})
    now: dict[str, list[str]] = {}
    for part in batches_of(wanted, CHUNK):
        for r in read(runner, "replay_record_households", {"record_ids": part}):
            now[r["record_id"]] = r["household_ids"]
    final_ids = set(read(runner, "replay_graph_state", {"with_households": True})[0]["household_ids"])
    every, capped = Variant("replay", t), Variant(f"replay_top{top}", t, top)
    gone = set()
    for day, hid, rules, rids, best in raised:
        votes = Counter(h for rid in rids for h in now.get(rid, []))
        if hid not in final_ids:
            gone.add(hid)
        if not votes:
            continue
        final = votes.most_common(1)[0][0]
        for v in (every, capped) if best else (every,):
            v.raised_on(final, day, rules)
    tabled, calls = outcomes(runner, serious)
    loaded_s = time.monotonic() - started
    as_of = backtest(runner, t, serious=serious, follow_days=follow_days, top=top)
    end = day_of(as_of["last_day"])
    return {"months": len(months), "first": months[0].name if months else None,
            "last": months[-1].name if months else None,
            "replay": evaluate(every, tabled, calls, end, follow_days),
            f"replay_top{top}": evaluate(capped, tabled, calls, end, follow_days),
            "raised_households": len({hid for _, hid, *_ in raised}),
            "raised_households_gone_by_the_end": len(gone),
            "as_of_backtest_on_the_final_graph": as_of["variants"],
            "serious_severity": serious, "follow_days": follow_days,
            "per_month": monthly,
            "seconds": {"loads_and_runs": round(loaded_s, 1),
                        "load_mean": round(sum(x["load_s"] for x in monthly) / max(1, len(monthly)), 1),
                        "suggest_mean": round(sum(x["suggest_s"] for x in monthly) / max(1, len(monthly)), 1)}}
