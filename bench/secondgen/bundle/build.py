"""Orchestration: households → pairs → each pair's harm process with the agencies' responses →
export files and truth. Pairs are simulated one after another in household order (a serial
offender's next pair is queued behind the pair that ended), each with its own string-seeded
generator, so the same seed and size give the same files."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

from bench.secondgen.bundle.harm import PairProcess
from bench.secondgen.bundle.pairs import Casting, Pair
from bench.secondgen.bundle.people import WINDOW_END, World, day_to_date
from bench.secondgen.bundle.response import Context, PairResponder
from bench.secondgen.bundle.rows import Rows
from bench.secondgen.bundle.writers import FILES, Table, write_table, write_truth


def simulate(households: int, seed: int, protective_strength: float = 1.0
             ) -> tuple[Context, list[tuple[Pair, PairProcess]]]:
    """Every household's pairs run through their harm process; returns the shared context (with
    everything recorded) and each pair with its finished process."""
    world = World(seed)
    casting = Casting(world, seed)
    ctx = Context(world, seed)
    done: list[tuple[Pair, PairProcess]] = []
    processes: dict[str, PairProcess] = {}
    for _ in range(households):
        queue = casting.household_pairs(world.household())
        while queue:
            pair = queue.pop(0)
            parent = processes.get(pair.parent_pair.spec.pair_id) if pair.parent_pair else None
            if parent is not None and parent.separated_at is not None:
                sep = parent.separated_at
                if pair.victim.home(sep + 1) != pair.offender.home(sep + 1):  # the child left with the victim
                    pair.spec.end = min(pair.spec.end, max(sep, pair.spec.start))
            rng = random.Random(f"bundle2:{seed}:harm:{pair.spec.pair_id}")
            process = PairProcess(pair.spec, rng, protective_strength)
            process.run(PairResponder(ctx, pair))
            processes[pair.spec.pair_id] = process
            done.append((pair, process))
            if process.separated_at is not None:
                following = casting.next_partner(pair, process.end)
                if following is not None:
                    queue.append(following)
    return ctx, done


def generate_bundle(households: int, seed: int, out: Path, protective_strength: float = 1.0,
                    bad_rate: float = 0.001, truth: bool = True) -> dict:
    """Write the bundle for `households` sampled households to `out`; returns the manifest."""
    started = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    ctx, pairs = simulate(households, seed, protective_strength)
    rec = ctx.recorded
    rows = Rows(seed, bad_rate)
    calls, call_persons = rows.calls(rec.calls)
    cases, plans = rows.council(rec.cases)
    tables: list[Table] = [rows.agencies(ctx.agencies), calls, call_persons, rows.measures(rec.measures),
                           rows.assessments(rec.assessments), rows.services(rec.services), cases, plans]
    for table in tables:
        write_table(out, table)
    if truth:
        mentioned = {pid for table in tables for _, _, pid in table.mentions}
        people = [p for p in ctx.world.people if p.pid in mentioned]
        write_truth(out, tables, {**_truth_tables(rec.calls, pairs), "persons": (
            ["person_id", "name", "sex", "birth_date", "foreign"],
            [[p.pid, p.true_name, p.sex, p.born.isoformat(), p.foreign.country if p.foreign else ""] for p in people])})
    manifest = {
        "generator": "bench.secondgen.bundle", "seed": seed, "households": households,
        "protective_strength": protective_strength, "bad_rate": bad_rate,
        "people": len(ctx.world.people), "pairs": len(pairs),
        "pairs_with_incidents": sum(1 for _, p in pairs if p.incidents),
        "incidents_in_window": sum(1 for _, p in pairs for i in p.incidents if 0 <= i.t < WINDOW_END),
        "rows": {t.stem: len(t.rows) - len(t.bad) for t in tables},
        "bad_rows": {t.stem: len(t.bad) for t in tables if t.bad},
        "encodings": {stem: enc for stem, (_, enc) in FILES.items()},
    }
    if truth:  # without the run time, so the same seed gives the same bytes
        (out / "_truth" / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                                      encoding="utf-8")
    return {**manifest, "seconds": round(time.perf_counter() - started, 2)}


def _truth_tables(calls, pairs) -> dict[str, tuple[list[str], list[list]]]:
    call_rows = [[c.call_id, c.pair_id, f"{day_to_date(c.t)}", round(c.t, 5), c.victim.pid,
                  c.suspect.pid if c.suspect else "", c.category, round(c.severity, 3),
                  *(c.point or ("", ""))] for c in calls]
    pair_rows, incident_rows = [], []
    for pair, process in pairs:
        s = pair.spec
        pair_rows.append([s.pair_id, s.category, s.relation, pair.victim.pid, pair.offender.pid, round(s.frailty, 4),
                          round(pair.offender_propensity, 4), s.trajectory,
                          "" if process.separated_at is None else round(process.separated_at, 2),
                          len(process.incidents), process.calls, pair.generation,
                          ";".join(sorted({p.kind for p in process.protections}))])
        incident_rows += [[s.pair_id, i.k, round(i.t, 3), round(i.severity, 3), int(i.reported), int(i.separated)]
                          for i in process.incidents]
    return {
        "calls": (["call_id", "pair_id", "date", "day", "victim_id", "suspect_id", "category", "severity",
                   "longitude", "latitude"], call_rows),
        "pairs": (["pair_id", "category", "relation", "victim_id", "offender_id", "frailty", "offender_propensity",
                   "trajectory", "separated_day", "incidents", "calls", "generation", "protections"], pair_rows),
        "incidents": (["pair_id", "k", "day", "severity", "reported", "separated"], incident_rows),
    }
