"""p50 / p95 latency of every catalogue query on the loaded graph (run after `jss load`).

    JSS_... .venv/bin/python bench/queries_bench.py [--runs 20]

Sample parameters come from the graph itself (a busy household, a repeat victim, a council
case, two connected people). Queries the app calls (`app: true`) should answer within 100 ms at
the jeju scale; the last column flags the ones that do not.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.runner import Runner  # noqa: E402
from queries import catalogue  # noqa: E402

PICK = {
    "household": "MATCH (h:Household)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(r:PersonRecord) "
                 "RETURN h.household_id AS v ORDER BY COUNT { (r)--() } DESC LIMIT 1",
    "victim": "MATCH (p:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'victim'}]->(c:Call) "
              "WITH p, count(c) AS n ORDER BY n DESC LIMIT 1 RETURN p.person_id AS v",
    "case": "MATCH (k:CouncilCase) RETURN k.case_id AS v ORDER BY k.case_id LIMIT 1",
    "pair": "MATCH (a:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'victim'}]->(:Call)"
            "<-[:INVOLVED_IN {role: 'suspect'}]-(:PersonRecord)-[:RESOLVES_TO]->(s:Person)"
            "<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'suspect'}]->(:Call)"
            "<-[:INVOLVED_IN {role: 'victim'}]-(:PersonRecord)-[:RESOLVES_TO]->(b:Person) WHERE a <> b "
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
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    with Runner() as runner:
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
            for _ in range(args.runs):
                t0 = time.perf_counter()
                res = catalogue.run(runner, name, p)
                times.append((time.perf_counter() - t0) * 1000)
                rows = len(res.rows)
            times.sort()
            p50 = statistics.median(times)
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            flag = ("ok" if p95 <= 100 else "SLOW") if q.extra.get("app") else "-"
            print(f"{name:24} {rows:>6} {p50:>8.1f} {p95:>8.1f}  {flag}")


if __name__ == "__main__":
    main()
