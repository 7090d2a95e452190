"""`jss resolve-file` on records of the second generator (`bench/secondgen`): pairwise precision,
recall and F1, time, and why pairs were missed or wrongly joined.

    jss bench resolve-file [--sizes 3000 --sizes 75000] [--seed 7]

A size is a target number of records (people = size / mean records per person). Records are cached
in `.data/bench/`; the CSV is written in UTF-8 with English headers and, at the smallest size, also
in CP949 with Korean headers (성명, 생년월일, 성별, 연락처, 주소), which must give the same clusters.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path

import click
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.secondgen import MEAN_RECORDS, Generated, generate_annotated  # noqa: E402
from bench.secondgen.breakdown import Breakdown  # noqa: E402
from resolution.csvfile import resolve_file  # noqa: E402
from resolution.evaluate import pairwise  # noqa: E402

CACHE = REPO / ".data" / "bench"
KOREAN_HEADERS = {"name": "성명", "birth_date": "생년월일", "sex": "성별", "phone": "연락처", "address": "주소"}


def _generator_hash() -> str:
    """Cached records are keyed by the generator's source, so an edit never reuses stale ones."""
    digest = hashlib.sha1()
    for path in sorted((REPO / "bench" / "secondgen").glob("*.py")):
        if path.name != "breakdown.py":
            digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def load(n_people: int, seed: int) -> Generated:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"secondgen-{n_people}-s{seed}-{_generator_hash()}.parquet"
    if path.exists():
        df = pd.read_parquet(path)
        tags = df.drop(columns=["name", "birth_date", "sex", "phone", "address"])
        return Generated(df[["name", "birth_date", "sex", "phone", "address"]], tags["person_id"], tags)
    g = generate_annotated(n_people, seed)
    pd.concat([g.records, g.tags], axis=1).to_parquet(path, index=False)
    return g


def run_file(records: pd.DataFrame, path: Path, encoding: str, korean: bool) -> tuple[pd.Series, float, dict]:
    out = records.rename(columns=KOREAN_HEADERS) if korean else records
    out.to_csv(path, index=False, encoding=encoding, errors="strict")
    result_path = path.with_suffix(".out.csv")
    t0 = time.perf_counter()
    summary = resolve_file(path, result_path)
    seconds = time.perf_counter() - t0
    clusters = pd.read_csv(result_path, dtype=str, keep_default_na=False)["cluster_id"]
    return clusters, seconds, summary


def _table(df: pd.DataFrame, rows: int, columns: list[str]) -> list[str]:
    return ["    " + line for line in df.head(rows)[columns].to_string().splitlines()]


def bench_size(size: int, seed: int, top: int, examples: int, also_cp949: bool) -> dict:
    n_people = max(1, round(size / MEAN_RECORDS))
    g = load(n_people, seed)
    n = len(g.records)
    path = CACHE / f"secondgen-{n}-s{seed}.csv"
    load_before = os.getloadavg()[0]
    clusters, seconds, summary = run_file(g.records, path, "utf-8", korean=False)
    load_after = os.getloadavg()[0]
    m = pairwise(g.truth, clusters)
    print(f"\n== {n:,} records of {g.truth.nunique():,} people (seed {seed}) ==")
    print(f"  resolve-file UTF-8: P {m['precision']:.4f} R {m['recall']:.4f} F1 {m['f1']:.4f}  "
          f"time {seconds:.2f} s ({n / seconds:,.0f} rec/s, load {load_before:.1f}→{load_after:.1f})  "
          f"true pairs {m['true_pairs']:,} predicted {m['predicted_pairs']:,}  "
          f"clusters {summary['clusters']:,} review pairs {summary['review_pairs']:,}")
    result = {"records": n, "people": int(g.truth.nunique()), "seed": seed, "seconds": round(seconds, 2),
              "load": [load_before, load_after], **m}
    if also_cp949:
        cp_clusters, cp_seconds, cp_summary = run_file(g.records, path.with_name(path.stem + "-cp949.csv"),
                                                       "cp949", korean=True)
        cm = pairwise(g.truth, cp_clusters)
        same = bool((cp_clusters.to_numpy() == clusters.to_numpy()).all())
        print(f"  resolve-file CP949, Korean headers (read as {cp_summary['encoding']}): P {cm['precision']:.4f} "
              f"R {cm['recall']:.4f} F1 {cm['f1']:.4f}  time {cp_seconds:.2f} s  "
              f"same clusters as UTF-8: {'yes' if same else 'NO'}")
        result["cp949"] = {**cm, "same_clusters": same, "encoding": cp_summary["encoding"]}

    b = Breakdown(g.records, g.tags, clusters)
    split_people = int(pd.DataFrame({"t": g.truth, "p": clusters}).groupby("t")["p"].nunique().gt(1).sum())
    mixed = int(pd.DataFrame({"t": g.truth, "p": clusters}).groupby("p")["t"].nunique().gt(1).sum())
    print(f"\n  missed pairs (false negatives): {len(b.missed):,} of {len(b.true):,} true pairs; "
          f"{split_people:,} people split over more than one cluster")
    rates = b.miss_rates()
    print(f"  miss rate by feature (a pair carries its two records' features; overall "
          f"{len(b.missed) / max(len(b.true), 1):.4f}; features with ≥ 3 missed pairs, worst 40):")
    print("\n".join(_table(rates[rates["missed"] >= 3], 40, ["true_pairs", "missed", "miss_rate"])))
    lines, missed_causes = b.causes("missed", top, examples)
    print("  causes of missed pairs (shared fields | elevated features):")
    print("\n".join(lines))
    print(f"\n  wrongly joined pairs (false positives): {b.wrong_total:,}; {mixed:,} clusters hold more than "
          "one true person")
    if len(b.wrong):
        lift = b.wrong_lift()
        print("  features of wrong joins (lift = share among wrong pairs / share among random pairs; top 20):")
        print("\n".join(_table(lift.round({"lift": 2}), 20, ["wrong_pairs", "lift"])))
        lines, wrong_causes = b.causes("wrong", top, examples)
        print("  causes of wrong joins (relation; what they truly share | elevated features):")
        print("\n".join(lines))
    else:
        wrong_causes = []
    result |= {"split_people": split_people, "mixed_clusters": mixed, "missed_causes": missed_causes,
               "wrong_causes": wrong_causes}
    return result


def run(sizes: tuple[int, ...] = (3000, 75000), seed: int = 7, top: int = 10, examples: int = 5,
        json_out: Path | None = None) -> list[dict]:
    """`jss resolve-file` at each of `sizes` records; the figures also written to `json_out`."""
    smallest = min(sizes)
    results = [bench_size(s, seed, top, examples, also_cp949=s == smallest) for s in sizes]
    if json_out:
        json_out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return results


@click.command("resolve-file", help=__doc__)
@click.option("--sizes", type=int, multiple=True,
              help="target numbers of records, repeatable (default 3000 75000)")
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--top", type=int, default=10, show_default=True, help="causes listed per kind")
@click.option("--examples", type=int, default=5, show_default=True, help="example pairs per cause")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="also write the figures here")
def command(sizes: tuple[int, ...], seed: int, top: int, examples: int, json_out: Path | None) -> None:
    run(sizes or (3000, 75000), seed, top, examples, json_out)


if __name__ == "__main__":
    command()
