"""The explorer's tap on a national-sized agency: the agency neighbour query against its previous
formulation (tests/integration/reference_explorer/), side by side in one run, alternating, on a
star graph around one station (bench/star_graph.py). WIPES the database of the server the settings
name unless `--keep` finds the star already there.

    jss bench explorer [--calls 155000] [--other 1350000] [--runs 10] [--keep]

Cases are the taps the page sends: the first tap (cap 25, nothing shown), the next tap with 500
calls shown, a council member's tap (events and agencies only), and the calls-only filter.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import click  # noqa: E402

from bench import report, star_graph  # noqa: E402
from graph.cypher_files import parse_cypher_file  # noqa: E402
from graph.runner import Runner  # noqa: E402
from pages.explorer import COUNCIL_TYPES, EXPAND_CAP  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
# The tap on an agency runs the explorer's agency query (queries.db.neighbours).
QUERIES = {"new": REPO / "queries" / "app" / "agency_neighbours.cypher",
           "previous": REPO / "tests" / "integration" / "reference_explorer" / "neighbours.cypher"}


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def _answer(row: dict[str, Any]) -> tuple[int, list[str]]:
    return row["total"], list(dict.fromkeys(i["m"]["id"] for i in row["items"]))


def measure(runner: Runner, runs: int) -> list[dict[str, Any]]:
    big = star_graph.element_id(runner, star_graph.BIG)
    shown = [r["id"] for r in runner.read(
        "MATCH (c:Call)-[:HANDLED_BY]->(:Agency {agency_id: $a}) RETURN elementId(c) AS id "
        "ORDER BY c.received_at DESC LIMIT 500", {"a": star_graph.BIG}, name="bench.shown", row_cap=501).rows]
    cases = {"first tap": ([], None), "next tap, 500 shown": (shown, None),
             "council member's tap": (shown, COUNCIL_TYPES), "calls only": (shown, ["Call"])}
    texts = {k: parse_cypher_file(p).text for k, p in QUERIES.items()}
    lines = []
    for case, (exclude, types) in cases.items():
        params = {"ids": [big], "exclude": exclude, "cap": EXPAND_CAP, "types": types}
        times: dict[str, list[float]] = {k: [] for k in texts}
        answers: dict[str, Any] = {}
        for i in range(runs + 1):                # alternating; the first round warms both
            for name, text in texts.items():
                t0 = time.perf_counter()
                rows = runner.read(text, params, name=f"bench.neighbours_{name}", row_cap=2).rows
                ms = (time.perf_counter() - t0) * 1000
                if i:
                    times[name].append(ms)
                answers[name] = _answer(rows[0])
        line = {"case": case, "same_answer": answers["new"] == answers["previous"], "total": answers["new"][0]}
        for name, xs in times.items():
            line[f"{name}_p50_ms"] = round(statistics.median(xs), 1)
            line[f"{name}_p95_ms"] = round(_p95(xs), 1)
        line["speedup_p50"] = round(line["previous_p50_ms"] / line["new_p50_ms"], 1)
        lines.append(line)
        print(f"{case:24} total {line['total']:>7,}  new {line['new_p50_ms']:7.1f} / {line['new_p95_ms']:7.1f} ms"
              f"  previous {line['previous_p50_ms']:7.1f} / {line['previous_p95_ms']:7.1f} ms  "
              f"×{line['speedup_p50']}  same answer: {line['same_answer']}")
    return lines


def run(calls: int = 155_000, other: int = 1_350_000, runs: int = 10, keep: bool = False) -> None:
    """Build the star (unless `keep` finds it) and time the taps `runs` times each."""
    with Runner() as runner:
        present = runner.read_value("MATCH (a:Agency {agency_id: $a}) RETURN COUNT { (a)<-[:HANDLED_BY]-() } AS n",
                                    {"a": star_graph.BIG}, name="bench.star_present")
        if not (keep and present == calls):
            runner.run_script(["MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"],
                              name="bench.wipe")
            t0 = time.perf_counter()
            sizes = star_graph.build(runner, calls, other)
            print(f"star built in {time.perf_counter() - t0:.0f} s: {sizes}")
        degree = runner.read_value("MATCH (a:Agency {agency_id: $a}) RETURN COUNT { (a)--() } AS n",
                                   {"a": star_graph.BIG}, name="bench.star_degree")
        lines = measure(runner, runs)
        report.save("explorer-star", {"machine": report.machine(runner), "calls": calls,
                                      "other_calls": other, "degree": degree, "runs": runs,
                                      "lines": lines})


@click.command("explorer", help=__doc__)
@click.option("--calls", type=int, default=155_000, show_default=True,
              help="calls of the star's station (national: ≈155 k)")
@click.option("--other", type=int, default=1_350_000, show_default=True, help="calls of eight other stations")
@click.option("--runs", type=int, default=10, show_default=True)
@click.option("--keep", is_flag=True, help="reuse the star when the graph already holds it")
def command(calls: int, other: int, runs: int, keep: bool) -> None:
    run(calls, other, runs, keep)


if __name__ == "__main__":
    command()
