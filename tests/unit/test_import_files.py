"""Import files for neo4j-admin (graph/import_files.py): the exact text the tool reads, the header's
column kinds, and the errors that stop a bulk load before the tool would misread a file."""

from __future__ import annotations

import pytest

from graph.import_files import ARRAY_DELIMITER, ImportTable


def _table(tmp_path, **kw) -> ImportTable:
    return ImportTable(tmp_path, "node-PersonRecord", ["record_id:ID(PersonRecord)"], {"birth_date": "date"}, **kw)


def test_values_are_written_as_the_import_tool_reads_them(tmp_path):
    t = _table(tmp_path)
    t.add(["PR-1"], {"name": '김"수', "year": 1980, "score": 2.5, "masked": True, "ids": ["a", "b"], "birth_date": None})
    t.add(["PR-2"], {"name": None, "year": None, "score": None, "masked": False, "ids": ("c",), "birth_date": "1990-02-03"})
    t.close()
    lines = t.data_path.read_text(encoding="utf-8").splitlines()
    assert lines == [
        f'"PR-1","김""수",1980,2.5,true,"a{ARRAY_DELIMITER}b",',
        '"PR-2",,,,false,"c","1990-02-03"',
    ]
    assert t.header_path.read_text(encoding="utf-8").strip() == (
        "record_id:ID(PersonRecord),name,year:long,score:double,masked:boolean,ids:string[],birth_date:date")
    assert t.rows == 2


def test_a_column_of_whole_and_decimal_numbers_is_double_whichever_comes_first(tmp_path):
    t = _table(tmp_path)
    for v in (1, 2.5, 3):
        t.add(["PR"], {"n": v})
    t.close()
    assert t.kinds == {"n": "double"}
    assert t.data_path.read_text().splitlines() == ['"PR",1', '"PR",2.5', '"PR",3']


def test_a_column_holding_two_kinds_is_refused_even_after_many_rows(tmp_path):
    t = _table(tmp_path)
    for i in range(100):
        t.add([f"PR-{i}"], {"n": i, "s": "x"})
    with pytest.raises(ValueError, match="column n holds both long and string"):
        t.add(["PR-x"], {"n": "7", "s": "x"})


@pytest.mark.parametrize("props", [{"a": 1}, {"a": 1, "b": 2, "c": 3}, {"a": 1, "c": 2}])
def test_rows_with_other_properties_are_refused(tmp_path, props):
    t = _table(tmp_path)
    t.add(["PR-1"], {"a": 1, "b": 2})
    with pytest.raises(ValueError, match="properties differ between rows"):
        t.add(["PR-2"], props)


def test_properties_in_another_order_go_to_their_own_columns(tmp_path):
    t = _table(tmp_path)
    t.add(["PR-1"], {"a": "x", "b": 1})
    t.add(["PR-2"], {"b": 2, "a": "y"})
    t.close()
    assert t.data_path.read_text().splitlines() == ['"PR-1","x",1', '"PR-2","y",2']


@pytest.mark.parametrize("props", [{"record_id": "PR-1"}, {"record_id": "PR-1", "name": "이영"},
                                   {"name": "이영", "record_id": "PR-1", "year": 1999}])
def test_a_keyed_table_takes_the_id_from_the_row_and_does_not_repeat_it(tmp_path, props):
    t = _table(tmp_path, key="record_id")
    t.add_node(props)
    t.close()
    rest = [v for k, v in props.items() if k != "record_id"]
    expected = ",".join(['"PR-1"', *(f'"{v}"' if isinstance(v, str) else str(v) for v in rest)])
    assert t.data_path.read_text(encoding="utf-8").splitlines() == [expected]
    assert "record_id," not in t.header_path.read_text() and t.columns == [k for k in props if k != "record_id"]
    with pytest.raises(ValueError, match="properties differ"):
        t.add_node({k: v for k, v in props.items() if k != "record_id"} | {"other": 1})


def test_rows_given_by_column_are_the_same_bytes_as_row_by_row(tmp_path):
    import random

    random.seed(7)
    texts = ['김"수', "a,b", "줄\n바꿈", "", "plain", None]
    rows = [(f"PR-{i}", random.choice(["P-1", "P-2"]),
             {"score": random.choice([round(random.random() * 30, 2), 7, None]), "evidence": random.choice(texts),
              "flag": random.choice([True, False, None]), "ids": random.choice([["x", "y"], None]),
              "birth_date": random.choice(["1990-02-03", None])}) for i in range(500)]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    ids = [":START_ID(PersonRecord)", ":END_ID(Person)"]
    one = ImportTable(tmp_path / "a", "rel", ids, {"birth_date": "date"})
    many = ImportTable(tmp_path / "b", "rel", ids, {"birth_date": "date"})
    for rid, pid, props in rows:
        one.add([rid, pid], props)
    cols = list(rows[0][2])
    for part, names in ((rows[:200], cols), (rows[200:], list(reversed(cols)))):   # two slices, keys reordered
        many.add_columns([[r[0] for r in part], [r[1] for r in part]], {c: [r[2][c] for r in part] for c in names})
    one.close()
    many.close()
    assert many.data_path.read_bytes() == one.data_path.read_bytes()
    assert many.header_path.read_text(encoding="utf-8") == one.header_path.read_text(encoding="utf-8")
    assert many.rows == one.rows == 500


def test_columns_of_two_kinds_or_lengths_are_refused(tmp_path):
    t = _table(tmp_path)
    with pytest.raises(ValueError, match="holds both"):
        t.add_columns([["PR-1", "PR-2"]], {"year": [1980, "1981"]})
    t = ImportTable(tmp_path, "other", ["id:ID(X)"])
    with pytest.raises(ValueError, match="different lengths"):
        t.add_columns([["A", "B"]], {"year": [1980]})
