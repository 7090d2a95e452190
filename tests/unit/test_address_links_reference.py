"""The vectorised address linking gives exactly what the per-mention reference gave: the same id
for every mention, the same Address table (rows in order, every column) and the same statistics,
on random mentions built to hit every rule (ties, contradicting districts, units to fill, people
with two units, missing and empty values, calls and their victims)."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from resolution import address_links
from tests.unit import reference_address_links as reference

CITIES = ["제주시", "서귀포시", ""]
ROADS = ["연삼로", "중앙로", "노형로"]
DONGS = ["이도이동", "노형동", "천지동"]


def _text(rng: random.Random) -> object:
    roll = rng.random()
    if roll < 0.08:
        return rng.choice([None, "", float("nan"), "어딘가 모르는 곳"])
    province = rng.choice(["", "제주특별자치도 "])
    city = rng.choice(CITIES)
    unit = rng.choice(["", "", " 101동 202호", " 202호", " 103동 1101호"])
    if roll < 0.55:
        district = rng.choice(["", "", f" ({rng.choice(DONGS)})"])
        return f"{province}{city} {rng.choice(ROADS)} {rng.randint(1, 4)}{unit}{district}".strip()
    return f"{province}{city} {rng.choice(DONGS)} {rng.randint(1, 4)}-{rng.randint(1, 2)}{unit}".strip()


def _mentions(seed: int, n: int = 600) -> pd.DataFrame:
    rng = random.Random(seed)
    texts = [_text(rng) for _ in range(60)]
    rows = []
    for i in range(n):
        person = rng.choice([None, "", float("nan"), *[f"P{k}" for k in range(40)]])
        call = rng.choice([None, float("nan"), "", *[f"C{k}" for k in range(30)]])
        role = rng.choice(["call", "victim", "offender", None])
        rows.append((f"m{i}", rng.choice(texts), person, call, role))
    m = pd.DataFrame(rows, columns=["mention_id", "address", "person_id", "call_id", "role"])
    m.index = range(1000, 1000 + n)  # ids come back aligned to the mentions' own index
    return m


@pytest.mark.parametrize("seed", range(12))
def test_vectorised_linking_matches_the_reference(seed: int) -> None:
    mentions = _mentions(seed)
    ids, table, stats = address_links.resolve(mentions)
    want_ids, want_table, want_stats = reference.resolve(mentions)
    assert stats == want_stats
    assert ids.index.equals(want_ids.index)
    assert ids.tolist() == want_ids.tolist()
    # `address_key` is only set for sealed addresses (shelter locations), which the reference predates
    assert table["address_key"].isna().all()
    pd.testing.assert_frame_equal(table.drop(columns="address_key").reset_index(drop=True),
                                  want_table.reset_index(drop=True))
    assert want_stats["road_lot_ties"] > 0 and want_stats["units_filled"] > 0  # the rules were exercised


def test_no_mentions_and_no_addresses() -> None:
    empty = _mentions(0, n=0)
    ids, table, stats = address_links.resolve(empty)
    assert len(ids) == 0 and len(table) == 0 and stats["addresses"] == 0
    none = _mentions(1, n=5).assign(address=None)
    ids, table, stats = address_links.resolve(none)
    assert ids.tolist() == [None] * 5 and len(table) == 0 and stats == reference.resolve(none)[2]


def test_texts_parsed_in_two_processes_come_back_in_order() -> None:
    from resolution import parallel

    texts = [f"제주시 연삼로 {i}, {i % 7 + 1}01호" if i % 5 else None for i in range(parallel.PARALLEL_MIN + 5_000)]
    started = parallel.start(texts, address_links._parse_texts)
    assert started is not None                      # large enough for the helper process
    assert parallel.finish(texts, started, address_links._parse_texts) == address_links._parse_texts(texts)
    assert parallel.start(texts[:100], address_links._parse_texts) is None
