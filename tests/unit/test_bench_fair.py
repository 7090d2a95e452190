"""The fair entity-resolution benches: the FEBRL loader, the splink input that mirrors our blocking,
and the result parser of `jss bench resolve`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from bench import febrl, resolve_run, splink_fair


def _febrl_rows() -> pd.DataFrame:
    cols = ["rec_id", "given_name", "surname", "street_number", "address_1", "address_2", "suburb",
            "postcode", "state", "date_of_birth", "soc_sec_id"]
    rows = [
        ("rec-7-org", "ella", "crouch", "12", "main street", "", "kent", "2600", "act", "19560925", "111"),
        ("rec-7-dup-0", "crouch", "ella", "12", "main street", "", "kent", "2600", "act", "19560925", "111"),
        ("rec-7-dup-1", "", "crouch", "", "main st", "", "kent", "2600", "act", "", "111"),
        ("rec-31-org", "liam", "smith", "3", "hill road", "unit 2", "bega", "2550", "nsw", "19800101", "222"),
    ]
    return pd.DataFrame(rows, columns=cols)


def test_febrl_resolve_columns_join_the_parts_as_written():
    out = febrl.resolve_columns(_febrl_rows())
    assert list(out.columns) == ["name", "birth_date", "address"]
    assert out["name"].tolist() == ["ella crouch", "crouch ella", "crouch", "liam smith"]
    assert out["birth_date"].tolist() == ["19560925", "19560925", "", "19800101"]
    assert out["address"].iat[0] == "12 main street kent 2600 act"
    assert out["address"].iat[2] == "main st kent 2600 act"  # empty parts leave no double space
    assert out["address"].iat[3] == "3 hill road unit 2 bega 2550 nsw"


def test_febrl_truth_and_missed_pairs_by_cause():
    src = _febrl_rows()
    true = febrl.truth(src)
    assert true.tolist() == [7, 7, 7, 31]
    labels = pd.Series(["a", "b", "a", "c"])
    pairs = febrl.missed_pairs(true, labels)
    assert sorted(map(tuple, pairs.tolist())) == [(0, 1), (1, 2)]
    why = febrl.causes(src, pairs)
    first = why.iloc[[i for i, p in enumerate(pairs.tolist()) if tuple(p) == (0, 1)][0]]
    assert tuple(first) == ("swapped", "same", "same")
    second = why.iloc[[i for i, p in enumerate(pairs.tolist()) if tuple(p) == (1, 2)][0]]
    assert tuple(second) == ("part missing", "missing", "part missing")


def test_block_key_keeps_only_groups_our_blocking_pairs():
    key = np.array([5, 5, 7, -1, 9, 9, 9], dtype=np.int64)
    out = splink_fair._block_key(key, max_block=2)
    # 5: a pair (kept); 7: alone; -1: missing; 9: three records, above the cap of 2
    assert out.tolist()[:2] == [5, 5]
    assert out.isna().tolist() == [False, False, True, True, True, True, True]


def test_multi_block_key_lists_the_kept_values_per_record():
    rows = np.array([0, 0, 1, 2, 2, 3, 3, 4], dtype=np.int64)
    key = np.array([10, 20, 10, 20, 20, 30, -1, 40], dtype=np.int64)
    out = splink_fair._multi_block_key(rows, key, n=6, max_block=3)
    # 10 is shared by records 0 and 1; 20 by 0 and 2 (2 twice: one value); 30 and 40 alone
    assert out.tolist() == [[10, 20], [10], [20], None, None, None]


def test_resolve_run_parses_every_engine_line():
    text = "\n".join([
        "  100,000 ours    P 0.9796 R 0.9254 F1 0.9518 time   11.5 s      8,683 rec/s  load 3.06→3.21  "
        'pairs 830,277 stages {"features": 2.3}',
        "  100,000 splink-fair P 0.9790 R 0.8953 F1 0.9353 time    8.0 s     12,578 rec/s  load 3.21→4.22  "
        "(+35.1 s training)",
        "  100,000 splink-raw P 0.9852 R 0.3229 F1 0.4863 time    2.5 s     39,635 rec/s  load 4.22→4.89",
    ])
    lines = resolve_run.parse(text)
    assert [x["engine"] for x in lines] == ["ours", "splink-fair", "splink-raw"]
    assert lines[1]["f1"] == 0.9353 and lines[1]["load_before"] == 3.21
    assert lines[0]["stage_seconds"] == {"features": 2.3}
