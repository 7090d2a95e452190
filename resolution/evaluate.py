"""Accuracy against a synthetic bundle's ground truth (`_truth/records.csv`), without a database:
pairwise precision / recall / F1 for people, households and addresses.

Pairwise: every pair of mentions the truth puts together is a true pair; precision is the share of
predicted pairs that are true, recall the share of true pairs predicted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from resolution import bundle, households, pipeline


def pairwise(truth: pd.Series, predicted: pd.Series) -> dict[str, float]:
    """Pairwise precision, recall and F1 of two labelings of the same items (NaN labels dropped)."""
    df = pd.DataFrame({"t": truth.to_numpy(), "p": predicted.to_numpy()}).dropna()

    def pairs(counts: pd.Series) -> int:
        return int((counts * (counts - 1) // 2).sum())

    tp = pairs(df.value_counts(["t", "p"]))
    pred, true = pairs(df["p"].value_counts()), pairs(df["t"].value_counts())
    p = tp / pred if pred else 1.0
    r = tp / true if true else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "true_pairs": true, "predicted_pairs": pred}


def relations_from(records: pd.DataFrame) -> pd.DataFrame:
    """Victim ↔ other relations on calls, from call_persons mentions."""
    cp = records[records["file"] == "call_persons"]
    victims = cp[cp["role"] == "victim"].drop_duplicates("context").set_index("context")["record_id"]
    others = cp[cp["relation"].notna() & (cp["role"] != "victim")]
    return pd.DataFrame({"victim_record": others["context"].map(victims), "other_record": others["record_id"],
                         "relation": others["relation"], "call_id": others["context"]}).dropna()


def evaluate_bundle(directory: Path) -> dict[str, Any]:
    records, calls = bundle.read_bundle(directory)
    call_seen = calls.drop_duplicates("call_id").set_index("call_id")["seen"].to_dict()
    cp = records["file"] == "call_persons"
    records.loc[cp, "seen"] = records.loc[cp, "context"].map(call_seen)
    out = pipeline.compute(records, calls, relations_from(records), [])
    truth = pd.read_csv(directory / "_truth" / "records.csv", dtype=str, keep_default_na=False)
    truth["key"] = truth["file"] + ":" + truth["row"] + ":" + truth["slot"]
    truth = truth.set_index("key")
    rec = out.records.set_index("record_id")
    keys = rec.index.intersection(truth.index)
    people = pairwise(truth.loc[keys, "person_id"], rec.loc[keys, "person_id"])
    # Households over records (as tests/integration/test_resolution_jeju.py measures them): a record's
    # household is its person's membership on the record's date.
    pred_hh = households.household_at(out.members, rec.loc[keys, "person_id"], rec.loc[keys, "seen"])
    household_records = pairwise(truth.loc[keys, "household_id"].replace("", pd.NA), pred_hh)
    # Households over people: each true person's predicted household is its records' majority.
    per_rec = pd.DataFrame({"true_person": truth.loc[keys, "person_id"].to_numpy(),
                            "true_hh": truth.loc[keys, "household_id"].to_numpy(),
                            "pred_hh": pred_hh.to_numpy()})
    per_person = per_rec.groupby("true_person").agg(true_hh=("true_hh", "first"),
                                                     pred_hh=("pred_hh", lambda s: s.mode().iloc[0]))
    by_person = pairwise(per_person["true_hh"], per_person["pred_hh"])
    # Addresses over mentions: records with an address, and calls.
    m = out.mentions.copy()
    m["key"] = m["mention_id"]
    call_rows = calls.drop_duplicates("call_id").set_index("call_id")["row"]
    is_call = m["kind"] == "call"
    m.loc[is_call, "key"] = "calls:" + m.loc[is_call, "mention_id"].map(call_rows).astype(str) + ":address"
    m = m[m["address_id"].notna()].set_index("key")
    akeys = m.index.intersection(truth.index)
    true_addr = truth.loc[akeys, "address_id"].replace("", pd.NA)
    addresses = pairwise(true_addr, m.loc[akeys, "address_id"])
    return {"records": len(records), "people": people, "households": household_records,
            "households_over_people": by_person, "addresses": addresses,
            "summary": out.summary}
