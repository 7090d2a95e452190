import json
from datetime import date, datetime

from cli.output import parse_param_pairs, render, to_csv, to_json, to_table


def test_csv_goes_through_the_one_guard() -> None:
    # The guard itself is tested in test_exports.py; here: the CLI's CSV uses it for headers and
    # cells, and writes no byte-order mark (terminal output).
    assert to_csv(["a", "=b"], [{"a": "+cmd", "=b": -12.5}, {"a": "김영희", "=b": "@SUM(A1)"}]).splitlines() == \
        ["a,'=b", "'+cmd,-12.5", "김영희,'@SUM(A1)"]
    assert render("csv", ["a"], [{"a": "-1+1"}]) == "a\n'-1+1"


def test_json_keeps_korean_and_dates() -> None:
    rows = [{"이름": "김영희", "d": date(2023, 3, 2), "t": datetime(2023, 3, 2, 14, 5)}]
    assert json.loads(to_json(rows)) == [{"이름": "김영희", "d": "2023-03-02", "t": "2023-03-02T14:05:00"}]


def test_table_aligns_wide_hangul() -> None:
    lines = to_table(["name", "n"], [{"name": "김영희", "n": 1}, {"name": "Kim", "n": 22}]).splitlines()
    assert lines[3].index("|") == lines[2].index("|") + 3  # Hangul is two columns wide


def test_param_pairs() -> None:
    assert parse_param_pairs(("a=1", "b=김", "c=[1,2]", "d=010-1234")) == {"a": 1, "b": "김", "c": [1, 2], "d": "010-1234"}
