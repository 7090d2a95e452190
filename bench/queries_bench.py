"""p50 / p95 latency of every catalogue query on the loaded graph (run after `jss load`).

    JSS_... jss bench queries [--runs 20] [--preset jeju --scale 1 --load]

With `--load` the database is WIPED and the preset is loaded first (`jss load --bulk` on the empty
database, then entity resolution), so the figures belong to a known data size. The slowest queries
are PROFILEd (total db hits). Results go to bench/results/queries-<preset>-<scale>.json.

Sample parameters come from the graph itself (a busy household, a repeat victim, a council
case, two connected people). Queries the app calls (`app: true`) should answer within 100 ms at
the jeju scale; the last column flags the ones that do not. The pattern queries the app shows as
tables are computed once per refresh into materialised tables (derived/tables.py, flag "table":
their time is part of the refresh, printed at the end); what the patterns page runs per click
is measured separately ("app reads": the first page, a deep page, a search + sort).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import click  # noqa: E402

from derived import tables  # noqa: E402
from graph.runner import Runner  # noqa: E402
from queries import catalogue  # noqa: E402

PICK = {
    "household": "MATCH (h:Household)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(r:PersonRecord) "
                 "RETURN h.household_id AS v ORDER BY COUNT { (r)--() } DESC LIMIT 1",
    # the victim with the most calls, and two victims of one suspect (from the derived summaries:
    # the same picks as walking every call, without a whole-graph scan at the national scale)
    "victim": "MATCH (p:Person) WHERE p.victim_call_count IS NOT NULL "
              "RETURN p.person_id AS v ORDER BY p.victim_call_count DESC, p.person_id LIMIT 1",
    "case": "MATCH (k:CouncilCase) RETURN k.case_id AS v ORDER BY k.case_id LIMIT 1",
    "pair": "MATCH (a:Person)-[:VICTIM_SUSPECT_PAIR]->(:Person)<-[:VICTIM_SUSPECT_PAIR]-(b:Person) WHERE a <> b "
            "RETURN [a.person_id, b.person_id] AS v LIMIT 1",
    "name": "MATCH (p:Person) WHERE p.name IS NOT NULL RETURN substring(p.name, 1, 2) AS v LIMIT 1",
}


def samples(runner: Runner) -> dict[str, dict]:
    got = {k: runner.read_value(q, name=f"bench.pick.{k}") for k, q in PICK.items()}
    pair = got["pair"] or [got["victim"], got["victim"]]
    return {
        "household_network": {"household_id": got["household"]},
        "household_agencies": {"household_id": got["household"]},
        "case_map": {"case_id": got["case"]},
        "person_detail": {"person_id": got["victim"]},
        "shortest_path": {"person_a": pair[0], "person_b": pair[1]},
        "search_people": {"text": got["name"] or "김"},
        "open_council_measures": {"as_of": "2024-01-01"},
        "agency_coinvolvement": {"limit": 120},   # what the agencies page draws (pages/agencies.py MAX_LINKS)
    }


def timed(fn, runs: int) -> dict:
    fn()                                       # warm the plan cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"p50_ms": statistics.median(times), "p95_ms": times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]}


def app_reads(runner: Runner, runs: int) -> dict:
    """What the patterns page runs per click on a materialised table (queries/db.py): the first
    page, page 50, a sort by the first numeric column, and searches sorted by that column: part of
    an id of the table, one character (matches nearly every row) and part of an id of the
    previous table (common there, rare here)."""
    from queries import db as data

    old = data.set_runner(runner)
    out: dict = {}
    try:
        print(f"\n{'app read':40} {'rows':>7} {'p50 ms':>8} {'p95 ms':>8}  <100ms")
        firsts = {name: data.pattern_page(name, 0, 20) for name in tables.TABLES}
        # part of an id in each table's first row's first list of ids (call ids, person ids …):
        # what an analyst looking for one case types
        needles = {name: str(next((v for v in (first[1][0] if first and first[1] else {}).values()
                                   if isinstance(v, list) and v and isinstance(v[0], str)), ["-"])[0])[-6:].lower()
                   for name, first in firsts.items()}
        for i, name in enumerate(tables.TABLES):
            first = firsts[name]
            if first is None:
                print(f"{name:40} (not materialised: run `jss summaries`)")
                continue
            total, rows = first
            numeric = next((c for c, v in (rows[0] if rows else {}).items() if isinstance(v, int)), None)
            cols = data.catalogue_columns(name)
            # besides its own id fragment: a one-character search, which matches nearly every row
            # (the worst case), and the previous table's id fragment, common there and rare here
            other = needles[tables.TABLES[i - 1]]
            cases = {
                "first page": lambda n=name: data.pattern_page(n, 0, 20),
                "page 50": lambda n=name: data.pattern_page(n, 1000, 20),
                "sort": lambda n=name, c=cols, s=numeric: data.pattern_rows(
                    n, needle=None, search_columns=c, sort=s, descending=True, skip=0, limit=20),
                "search + sort": lambda n=name, c=cols, s=numeric, x=needles[name]: data.pattern_rows(
                    n, needle=x, search_columns=c, sort=s, descending=True, skip=0, limit=20),
                "search '0' + sort": lambda n=name, c=cols, s=numeric: data.pattern_rows(
                    n, needle="0", search_columns=c, sort=s, descending=True, skip=0, limit=20),
                "other table's id + sort": lambda n=name, c=cols, s=numeric, x=other: data.pattern_rows(
                    n, needle=x, search_columns=c, sort=s, descending=True, skip=0, limit=20),
            }
            for label, fn in cases.items():
                got = timed(fn, runs)
                out[f"{name}: {label}"] = {**got, "table_rows": total}
                flag = "ok" if got["p95_ms"] <= 100 else "SLOW"
                print(f"{name + ': ' + label:40} {total:>7} {got['p50_ms']:>8.1f} {got['p95_ms']:>8.1f}  {flag}")
        summary = runner.read("MATCH (d:DerivedSummary {name: 'patterns'}) RETURN d.seconds AS s, d.steps AS steps",
                              name="bench.refresh_time").rows
        if summary:
            out["refresh"] = summary[0]
            print(f"summaries + tables refresh (last run on this graph): {summary[0]['s']:.1f} s")
    finally:
        data.set_runner(old)
    return out


def db_hits(runner: Runner, name: str, params: dict) -> int:
    """Total db hits of one PROFILEd run (read transaction, so nothing can be written)."""
    q = catalogue.get(name)
    with runner._driver.session(database=runner.database, default_access_mode="READ") as session:  # noqa: SLF001
        def work(tx):  # the profile is only complete once every row has been pulled
            result = tx.run("PROFILE " + q.text, catalogue.bind(q, params))
            for _ in result:
                pass
            return result.consume()
        summary = session.execute_read(work)
    total, stack = 0, [summary.profile or {}]
    while stack:
        op = stack.pop()
        total += int(op.get("dbHits") or 0)
        stack.extend(op.get("children") or [])
    return total


def prepare(runner: Runner, preset: str, scale: float) -> dict:
    """Wipe, bulk-load the preset's bundle and resolve it; returns the timings."""
    from bench.load_bench import bundle_for, wipe
    from loaders.bulk import bulk_load

    bundle = bundle_for(preset, scale)
    wipe(runner)
    res = bulk_load(bundle, runner, rejects=Path("/tmp") / f"jss-bench-rejects-{preset}.csv", run_resolution=False,
                    echo=lambda *_: None)
    import resolution

    t = time.perf_counter()
    resolution.run(runner, load_id=res.load_id)
    return {"bundle": str(bundle), "rows_loaded": res.rows_loaded, "bulk_load_s": res.seconds,
            "resolve_s": time.perf_counter() - t}


def run(runs: int = 20, preset: str = "jeju", scale: float = 1.0, load: bool = False,
        profile: int = 5) -> dict:
    """Time every catalogue query `runs` times (after loading `preset` at `scale` when `load`);
    PROFILE the `profile` slowest. Saved as bench/results/queries-<preset>-<scale>.json."""
    from bench import report

    out: dict = {"kind": "queries", "preset": preset, "scale": scale, "runs": runs, "queries": {}}
    with Runner() as runner:
        out["machine"] = report.machine(runner)
        if load:
            out["prepared"] = prepare(runner, preset, scale)
        out["graph"] = {r["label"]: r["n"] for r in runner.read(
            "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n", name="bench.counts", row_cap=100).rows}
        params = samples(runner)
        print(f"{'query':24} {'rows':>6} {'p50 ms':>8} {'p95 ms':>8}  app<100ms")
        for name in catalogue.names():
            q = catalogue.get(name)
            p = params.get(name, {})
            if any(v is None for v in p.values()):
                print(f"{name:24} {'-':>6} {'-':>8} {'-':>8}  (no sample parameters in this graph)")
                continue
            catalogue.run(runner, name, p)           # warm the plan cache
            times, rows = [], 0
            for _ in range(runs):
                t0 = time.perf_counter()
                res = catalogue.run(runner, name, p)
                times.append((time.perf_counter() - t0) * 1000)
                rows = len(res.rows)
            times.sort()
            p50 = statistics.median(times)
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            flag = ("table" if name in tables.TABLES else "ok" if p95 <= 100 else "SLOW") \
                if q.extra.get("app") else "-"
            print(f"{name:24} {rows:>6} {p50:>8.1f} {p95:>8.1f}  {flag}")
            out["queries"][name] = {"rows": rows, "p50_ms": p50, "p95_ms": p95, "app": bool(q.extra.get("app")),
                                    "params": sorted(p)}
        out["app_reads"] = app_reads(runner, runs)
        out["machine"]["load_average_end"] = report.load_average()
        report.save(f"queries-{preset}-{scale:g}", out)   # timings are kept even if PROFILE fails
        slowest = sorted(out["queries"], key=lambda n: -out["queries"][n]["p95_ms"])[:profile]
        for name in slowest:
            try:
                out["queries"][name]["db_hits"] = db_hits(runner, name, params.get(name, {}))
            except Exception as exc:  # noqa: BLE001 - a server-side PROFILE quirk must not lose the timings
                out["queries"][name]["db_hits_error"] = str(exc)[:200]
                continue
            print(f"PROFILE {name}: {out['queries'][name]['db_hits']:,} db hits")
    out["machine"]["load_average_end"] = report.load_average()
    report.save(f"queries-{preset}-{scale:g}", out)
    return out


@click.command("queries", help=__doc__)
@click.option("--runs", type=int, default=20, show_default=True)
@click.option("--preset", type=click.Choice(["jeju", "national"]), default="jeju", show_default=True)
@click.option("--scale", type=float, default=1.0, show_default=True)
@click.option("--load", is_flag=True, help="WIPE the database and load + resolve the preset first")
@click.option("--profile", type=int, default=5, show_default=True, help="PROFILE the N slowest queries")
def command(runs: int, preset: str, scale: float, load: bool, profile: int) -> None:
    run(runs, preset, scale, load, profile)


if __name__ == "__main__":
    command()
