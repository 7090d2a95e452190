"""The rows of one resolution's result, as both of its writers send them.

`pipeline._write` MERGEs them over Bolt (`jss resolve`); `offline.write_import_files` folds them into
neo4j-admin import files (`jss load --bulk`). One generator per kind, so the two cannot drift in how
a value becomes a graph property: birth years as integers, dates as ISO text, missing values as
None, scores rounded, pair ids order-free. Rows are generated one at a time (at the national scale
a list of them would be gigabytes next to resolution's own frames). Keys are the `$rows` fields of
`resolution/cypher/write_*.cypher`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from typing import Any

import pandas as pd

ADDRESS_FIELDS = ("text", "city", "district", "road", "lot", "unit", "address_key")


def plain(v: Any) -> Any:
    """numpy / pandas scalars as plain Python values, missing ones (None, NaN) as None."""
    if v is None:
        return None
    if isinstance(v, float) and v != v:  # NaN
        return None
    if hasattr(v, "item"):
        v = v.item()
        return None if isinstance(v, float) and v != v else v
    return v


def date_text(v: Any) -> str | None:
    return v.isoformat() if isinstance(v, dt.date) else None


def pair_id(a: str, b: str) -> str:
    """Order-free id of a record pair (`A|B` with A < B)."""
    x, y = sorted((a, b))
    return f"{x}|{y}"


def persons(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    for r in frame.itertuples(index=False):
        year = plain(r.birth_year)
        yield {"person_id": r.person_id, "name": plain(r.name), "birth_date": plain(r.birth_date),
               "birth_year": int(year) if year else None, "sex": plain(r.sex), "phone": plain(r.phone),
               "records": int(r.records)}


def resolves_to(records: pd.DataFrame, result: Any) -> Iterator[dict[str, Any]]:
    """One per record: the person it resolves to, with the score, evidence and method."""
    cols = resolves_to_columns(records, result)
    for values in zip(*cols.values(), strict=True):
        yield dict(zip(cols, values, strict=True))


def resolves_to_columns(records: pd.DataFrame, result: Any) -> dict[str, list[Any]]:
    """`resolves_to` column by column (the import file writes 5.9 M of them nationally)."""
    return {"record_id": records["record_id"].tolist(), "person_id": list(result.person_id),
            "score": [round(x, 2) for x in result.score.astype(float).tolist()], "evidence": list(result.evidence),
            "method": list(result.method)}


def addresses(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    for row in frame.to_dict("records"):
        out = {"address_id": row["address_id"], **{k: plain(row.get(k)) for k in ADDRESS_FIELDS}}
        if out["address_key"]:          # sealed: the placeholder text and the place hash, nothing else
            out["unit"] = None
        yield out


def address_links(mentions: pd.DataFrame, kind: str) -> Iterator[dict[str, Any]]:
    """Each `kind` ("record" or "call") mention's address; None where it has none (the link goes)."""
    cols = address_link_columns(mentions, kind)
    for i, a in zip(cols["id"], cols["address_id"], strict=True):
        yield {"id": i, "address_id": a}


def address_link_columns(mentions: pd.DataFrame, kind: str) -> dict[str, list[Any]]:
    """`address_links` column by column."""
    part = mentions[mentions["kind"] == kind]
    return {"id": part["mention_id"].tolist(),
            "address_id": [a if isinstance(a, str) else None for a in part["address_id"].tolist()]}


def memberships(members: pd.DataFrame) -> Iterator[dict[str, Any]]:
    for p, h, f, t in zip(members["person_id"], members["household_id"], members["from"], members["to"],
                          strict=True):
        yield {"person_id": p, "household_id": h, "from": date_text(f), "to": date_text(t)}


def residences(lives: pd.DataFrame) -> Iterator[dict[str, Any]]:
    for h, a, f, t in zip(lives["household_id"], lives["address_id"], lives["from"], lives["to"], strict=True):
        yield {"household_id": h, "address_id": a, "from": date_text(f), "to": date_text(t)}


def relations(related: pd.DataFrame) -> Iterator[dict[str, Any]]:
    for a, b, rel, calls in zip(related["person_a"], related["person_b"], related["relation"],
                                related["call_ids"], strict=True):
        yield {"person_a": a, "person_b": b, "relation": rel, "call_ids": list(calls)}


def possible_matches(review: pd.DataFrame) -> Iterator[dict[str, Any]]:
    cols = possible_match_columns(review)
    for values in zip(*cols.values(), strict=True):
        yield dict(zip(cols, values, strict=True))


def possible_match_columns(review: pd.DataFrame) -> dict[str, list[Any]]:
    """`possible_matches` column by column (5.3 M review pairs nationally)."""
    lows, highs = [], []
    for a, b in zip(review["record_a"].tolist(), review["record_b"].tolist(), strict=True):
        lo, hi = (a, b) if a <= b else (b, a)
        lows.append(lo)
        highs.append(hi)
    return {"pair_id": [f"{x}|{y}" for x, y in zip(lows, highs, strict=True)], "record_a": lows, "record_b": highs,
            "score": review["score"].astype(float).tolist(), "evidence": review["evidence"].tolist()}


def resolution_run(result: Any, run_at: str, *, merged_count: int = 0,
                   split_count: int = 0, merged: list[dict[str, Any]] | None = None,
                   split: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The run's own node: when, how many, and the model it used (m, u, λ, thresholds as JSON), so
    every stored score can be traced to the weights behind it (`jss resolve --explain-model`); and
    the people it merged and split (`resolution.changes`, lists as JSON)."""
    model = result.model
    model_json = model.to_json() if model else ""
    # Keyed by what the run found, not when: running again over the same records (a reload, a
    # repeated `jss resolve`) lands on the same node and only moves run_at, so re-running stays
    # idempotent; a run that found something else is a node of its own.
    content = f"{model_json}|{result.stats.get('records')}|{result.stats.get('persons')}"
    return {"run_id": "R-" + hashlib.sha1(content.encode("utf-8")).hexdigest()[:12],
            "run_at": run_at, "records": int(result.stats.get("records", 0)),
            "persons": int(result.stats.get("persons", 0)),
            "match_threshold": float(result.stats.get("match_threshold", 0.0)),
            "review_threshold": float(model.review_threshold) if model and model.review_threshold is not None
            else None,
            "prior": model.prior if model else None,
            "model": model_json or None,
            "merged_count": int(merged_count), "split_count": int(split_count),
            "merged": json.dumps(merged or [], ensure_ascii=False),
            "split": json.dumps(split or [], ensure_ascii=False)}
