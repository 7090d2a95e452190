"""Entity-resolution benchmark: our engine against splink on the same synthetic person records.

    jss bench resolve-records [--sizes 100000 --sizes 1000000] [--no-splink] [--no-splink-fair]
        [--jeju DIR]

Prints, per size: pairwise precision / recall / F1 against the generator's truth, wall time and
records per second and the load average before → after (the 2-core machine is shared: compare
engines within one run), for our engine (`resolution.engine.resolve`, explain=False: features, blocking,
scoring, clustering), for splink 5 / DuckDB fed our normalised fields and our candidate pairs, trained
on all records as its documentation recommends ("splink-fair", `bench/splink_fair.py`), and for
splink in a standard configuration on the raw fields (NFC-normalised strings, no date or phone
parsing), trained once on a sample ("splink-raw"). With `--jeju DIR` it also prints people /
household / address accuracy on a generated jeju bundle.
Needs the `bench` extra (splink, duckdb). Generated records are cached in `.data/bench/`.
"""

from __future__ import annotations

import json
import os
import sys
import time
import unicodedata
from pathlib import Path

import click
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.er_records import cached  # noqa: E402
from resolution import engine  # noqa: E402
from resolution.evaluate import evaluate_bundle, pairwise  # noqa: E402


def ours(df: pd.DataFrame) -> tuple[pd.Series, float, dict]:
    started = time.perf_counter()
    result = engine.resolve(df.drop(columns=["person_id"]), with_persons=False, explain=False)
    return pd.Series(result.person_id), time.perf_counter() - started, result.stats


def splink_run(df: pd.DataFrame, train_sample: int) -> tuple[pd.Series, float, float]:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    nfc = {c: df[c].map(lambda v: unicodedata.normalize("NFC", v) if isinstance(v, str) and v else None)
           for c in ("name", "birth", "sex", "phone", "address")}
    data = pd.DataFrame({"unique_id": range(len(df)), "name": nfc["name"], "birth_date": nfc["birth"],
                         "sex": nfc["sex"], "phone": nfc["phone"], "address": nfc["address"]})
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("name").configure(term_frequency_adjustments=True),
            cl.LevenshteinAtThresholds("birth_date", [1, 2]),
            cl.ExactMatch("sex"),
            cl.LevenshteinAtThresholds("phone", [1, 2]),
            cl.LevenshteinAtThresholds("address", [2, 5]),
        ],
        # Several column pairs: single-column rules explode at scale (reference doc).
        blocking_rules_to_generate_predictions=[
            block_on("name", "birth_date"), block_on("phone"),
            block_on("birth_date", "sex"), block_on("name", "address"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    db_api = DuckDBAPI()
    started = time.perf_counter()
    train = data.sample(min(train_sample, len(data)), random_state=1)
    tlinker = Linker(db_api.register(train), settings)
    tlinker.training.estimate_probability_two_random_records_match(
        [block_on("name", "birth_date"), block_on("phone")], recall=0.8)
    tlinker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    tlinker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    tlinker.training.estimate_parameters_using_expectation_maximisation(block_on("name"))
    model = tlinker.misc.save_model_to_json()
    trained = time.perf_counter() - started
    started = time.perf_counter()
    linker = Linker(DuckDBAPI().register(data), model)
    pred = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(pred, 0.9).as_pandas_dataframe()
    took = time.perf_counter() - started
    labels = clusters.set_index("unique_id")["cluster_id"].reindex(range(len(df)))
    return labels.reset_index(drop=True), took, trained


def load() -> str:
    """The 1-minute load average: the machine is shared, so every figure is printed with it."""
    return f"{os.getloadavg()[0]:.2f}"


def run(sizes: tuple[int, ...] = (100_000, 1_000_000), seed: int = 7, splink: bool = True,
        splink_fair: bool = True, jeju: Path | None = None) -> None:
    """Ours, splink-fair and splink-raw on `sizes` generated records (and the `jeju` bundle)."""
    if jeju:
        r = evaluate_bundle(jeju)
        print(json.dumps({k: r[k] for k in ("records", "people", "households", "addresses")}, ensure_ascii=False))
    for n in sizes:
        df = cached(n, seed, REPO / ".data" / "bench")
        truth = df["person_id"]
        before = load()
        labels, took, stats = ours(df)
        m = pairwise(truth, labels)
        print(f"{n:>9,} ours    P {m['precision']:.4f} R {m['recall']:.4f} F1 {m['f1']:.4f} "
              f"time {took:6.1f} s  {n / took:9,.0f} rec/s  load {before}→{load()}  "
              f"pairs {stats['candidate_pairs']:,} stages {json.dumps(stats['seconds'])}", flush=True)
        if splink and splink_fair:
            before = load()
            r = splink_fair.run(df.drop(columns=["person_id"]))
            m = pairwise(truth, r["labels"])
            after = load()
            cuts = ", ".join(f"{t}: {pairwise(truth, lab)['f1']:.4f}" for t, lab in r["labels_at"].items()
                             if t != splink_fair.CLUSTER_AT)
            ours_pairs = r["candidate_pairs"][1] if r["candidate_pairs"] else stats["candidate_pairs"]
            scored = f"{r['candidate_pairs'][0]:,}" if r["candidate_pairs"] else "not counted"
            print(f"{n:>9,} splink-fair P {m['precision']:.4f} R {m['recall']:.4f} F1 {m['f1']:.4f} "
                  f"time {r['seconds']:6.1f} s  {n / r['seconds']:9,.0f} rec/s  load {before}→{after}  "
                  f"(+{r['training']:.1f} s training, +{r['prepare']:.1f} s our normalisation and keys; "
                  f"candidate pairs {scored}, ours {ours_pairs:,}; F1 at {cuts})", flush=True)
        if splink:
            before = load()
            labels, took, trained = splink_run(df, 50_000 if n <= 100_000 else 100_000)
            m = pairwise(truth, labels)
            print(f"{n:>9,} splink-raw P {m['precision']:.4f} R {m['recall']:.4f} F1 {m['f1']:.4f} "
                  f"time {took:6.1f} s  {n / took:9,.0f} rec/s  load {before}→{load()}  "
                  f"(+{trained:.1f} s training)", flush=True)


@click.command("resolve-records", help=__doc__)
@click.option("--sizes", type=int, multiple=True, help="records per run, repeatable (default 100000 1000000)")
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--no-splink", is_flag=True, help="neither splink line")
@click.option("--no-splink-fair", is_flag=True, help="only the raw-fields splink line")
@click.option("--jeju", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="a generated jeju bundle to evaluate on")
def command(sizes: tuple[int, ...], seed: int, no_splink: bool, no_splink_fair: bool,
            jeju: Path | None) -> None:
    run(sizes or (100_000, 1_000_000), seed, not no_splink, not no_splink_fair, jeju)


if __name__ == "__main__":
    command()
