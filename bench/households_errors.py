"""Household errors on a generated bundle, by cause: record-pair precision / recall, and the pairs of
records put in one household that the truth keeps apart (false positives) or the reverse.

    jss bench households-errors .data/test-bundles/jeju-42-1

Runs `resolution.pipeline.compute` on the bundle files (no database), gives each record the
household of its person on its date (`households.household_at`) and compares with
`_truth/records.csv`. Each pair of true households merged (or each true household split) counts
once, under the first cause that applies, with the number of record pairs it costs.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from resolution import bundle, households, pipeline  # noqa: E402
from resolution.evaluate import pairwise, relations_from  # noqa: E402


def record_households(directory: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per record: true person / household, predicted person / household, address id; the address table."""
    records, calls = bundle.read_bundle(directory)
    call_seen = calls.drop_duplicates("call_id").set_index("call_id")["seen"]
    cp = records["file"] == "call_persons"
    records.loc[cp, "seen"] = records.loc[cp, "context"].map(call_seen)
    out = pipeline.compute(records, calls, relations_from(records), [])
    truth = pd.read_csv(directory / "_truth" / "records.csv", dtype=str, keep_default_na=False)
    truth.index = truth["file"] + ":" + truth["row"] + ":" + truth["slot"]
    rec = out.records.set_index("record_id")
    keys = rec.index.intersection(truth.index)
    at = out.mentions[out.mentions["kind"] == "record"].set_index("mention_id")["address_id"]
    df = pd.DataFrame({"true_person": truth.loc[keys, "person_id"].to_numpy(),
                       "true_hh": truth.loc[keys, "household_id"].replace("", pd.NA).to_numpy(),
                       "person": rec.loc[keys, "person_id"].to_numpy(),
                       "address": at.reindex(keys).to_numpy()})
    on_date = households.household_at(out.members, rec.loc[keys, "person_id"], rec.loc[keys, "seen"])
    df["hh"] = on_date.to_numpy()
    return df.dropna(subset=["true_hh", "hh"]), out.addresses


def _pairs_of_groups(df: pd.DataFrame, outer: str, inner: str):
    """(outer value, inner a, inner b, record pairs) for every two inner groups within one outer group."""
    counts = df.groupby([outer, inner]).size()
    for key, g in counts.groupby(level=0):
        names, n = g.index.get_level_values(1).tolist(), g.to_numpy()
        for i in range(len(names)):
            for j in range(i + 1, len(names)):
                yield key, names[i], names[j], int(n[i] * n[j])


def false_positives(df: pd.DataFrame, addresses: pd.DataFrame) -> tuple[Counter, Counter]:
    t = addresses.drop_duplicates("address_id").set_index("address_id")
    blocks = households.unit_less_in_blocks(addresses)
    people = df.groupby("true_hh")["true_person"].agg(set)
    predicted = df.groupby("true_hh")["person"].agg(set)
    true_of = df.groupby("person")["true_person"].agg(set)
    at = df.dropna(subset=["address"]).groupby("true_hh")["address"].agg(set)
    merged, pairs = Counter(), Counter()
    for _, a, b, n in _pairs_of_groups(df, "hh", "true_hh"):
        shared = at.get(a, set()) & at.get(b, set())
        if people[a] & people[b]:
            cause = "a person who moved (one true person in both)"
        elif any(len(true_of[p]) > 1 for p in predicted[a] & predicted[b]):
            cause = "people resolution merged two true people"
        elif shared & blocks:
            cause = "same address, unit-less in a building with units"
        elif shared and all(pd.isna(t.loc[x, "unit"]) for x in shared):
            cause = "same unit-less address text for two homes"
        elif shared:
            cause = "same address with unit"
        else:
            cause = "joined through relations or another household"
        merged[cause] += 1
        pairs[cause] += n
    return merged, pairs


def false_negatives(df: pd.DataFrame, addresses: pd.DataFrame) -> tuple[Counter, Counter]:
    t = addresses.drop_duplicates("address_id").set_index("address_id")
    sealed = set(t.index[t["address_key"].notna()])
    predicted = df.groupby(["true_hh", "hh"])["person"].agg(set)
    true_people = df.groupby(["true_hh", "hh"])["true_person"].agg(set)
    at = df.groupby(["true_hh", "hh"])["address"].agg(lambda s: set(s.dropna()))
    split, pairs = Counter(), Counter()
    for th, a, b, n in _pairs_of_groups(df, "true_hh", "hh"):
        x, y = (th, a), (th, b)
        if predicted[x] & predicted[y]:
            cause = "one person in two memberships"
        elif true_people[x] & true_people[y]:
            cause = "people resolution split a true person"
        else:
            cause = "households not joined"
        if (at[x] | at[y]) & sealed:
            cause += " (a sealed address)"
        split[cause] += 1
        pairs[cause] += n
    return split, pairs


def run(bundle_dir: Path) -> None:
    """Household precision / recall on the bundle in `bundle_dir`, and its errors by cause."""
    df, addresses = record_households(bundle_dir)
    m = pairwise(df["true_hh"], df["hh"])
    print(f"households (record pairs): P {m['precision']:.4f} R {m['recall']:.4f} F1 {m['f1']:.4f} "
          f"(true pairs {m['true_pairs']:,}, predicted {m['predicted_pairs']:,})")
    for title, (groups, pairs) in (("false-positive", false_positives(df, addresses)),
                                   ("false-negative", false_negatives(df, addresses))):
        print(f"{title} record pairs: {sum(pairs.values()):,}")
        for cause, n in pairs.most_common():
            print(f"  {n:8,d}  {groups[cause]:5d} household pairs  {cause}")


@click.command("households-errors", help=__doc__)
@click.argument("bundle_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def command(bundle_dir: Path) -> None:
    run(bundle_dir)


if __name__ == "__main__":
    command()
