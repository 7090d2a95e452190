import json
from datetime import date, datetime

from cli.output import neutralise_formula, parse_param_pairs, to_csv, to_json, to_table


def test_formula_cells_are_neutralised() -> None:
    assert neutralise_formula("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert neutralise_formula("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise_formula("-12.5") == "-12.5"
    assert neutralise_formula("김영희") == "김영희"
    assert to_csv(["a"], [{"a": "+cmd"}]).splitlines() == ["a", "'+cmd"]


def test_json_keeps_korean_and_dates() -> None:
    rows = [{"이름": "김영희", "d": date(2023, 3, 2), "t": datetime(2023, 3, 2, 14, 5)}]
    assert json.loads(to_json(rows)) == [{"이름": "김영희", "d": "2023-03-02", "t": "2023-03-02T14:05:00"}]


def test_table_aligns_wide_hangul() -> None:
    lines = to_table(["name", "n"], [{"name": "김영희", "n": 1}, {"name": "Kim", "n": 22}]).splitlines()
    assert lines[3].index("|") == lines[2].index("|") + 3  # Hangul is two columns wide


def test_param_pairs() -> None:
    assert parse_param_pairs(("a=1", "b=김", "c=[1,2]", "d=010-1234")) == {"a": 1, "b": "김", "c": [1, 2], "d": "010-1234"}
