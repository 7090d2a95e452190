"""Road/lot address ties on evidence, households, and `resolve-file` on a CP949 CSV."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from click.testing import CliRunner

from cli.main import cli
from resolution import address_links, households


def _mentions(rows):
    return pd.DataFrame(rows, columns=["mention_id", "address", "person_id", "call_id", "role"])


def test_road_and_lot_forms_tie_when_one_person_has_both():
    m = _mentions([
        ("r1", "제주시 연삼로 123, 101동 202호 (이도이동)", "P1", None, None),
        ("r2", "제주시 이도이동 1234-5 101동 202호", "P1", None, None),
        ("r3", "제주시 연삼로 123", "P1", None, None),  # no unit: takes P1's single unit
    ])
    ids, table, stats = address_links.resolve(m)
    assert ids.nunique() == 1 and stats["road_lot_ties"] == 1
    row = table.iloc[0]
    assert (row["road"], row["lot"], row["unit"]) == ("연삼로 123", "이도2동 1234-5", "101-202")


def test_missing_and_repeated_texts_are_parsed_once_each():
    # Texts are parsed per distinct value and mapped back: a missing one (None, NaN, a number, an
    # empty text) has no address, the same text always the same one, in the mentions' own order.
    m = _mentions([
        ("r1", "제주시 연삼로 123", "P1", None, None),
        ("r2", None, "P1", None, None),
        ("r3", float("nan"), "P2", None, None),
        ("r4", "제주시 연삼로 123", "P2", None, None),
        ("r5", "", "P3", None, None),
        ("r6", 42, "P3", None, None),
        ("r7", "서귀포시 중앙로 12", "P3", None, None),
    ])
    m.index = [10, 11, 12, 13, 14, 15, 16]
    ids, table, stats = address_links.resolve(m)
    assert list(ids.index) == list(m.index)
    assert ids[10] == ids[13] and ids[16] not in (None, ids[10])
    assert [ids[i] for i in (11, 12, 14, 15)] == [None] * 4
    assert stats["mentions"] == 3 and len(table) == 2


def test_no_tie_without_evidence_or_with_contradicting_district():
    m = _mentions([
        ("r1", "제주시 연삼로 123", "P1", None, None),
        ("r2", "제주시 이도이동 1234-5", "P2", None, None),  # different people: no evidence
        ("r3", "제주시 연삼로 9 (노형동)", "P3", None, None),
        ("r4", "제주시 이도이동 77", "P3", None, None),  # same person, but the districts contradict
    ])
    ids, _, stats = address_links.resolve(m)
    assert ids.nunique() == 4 and stats["road_lot_ties"] == 0


def test_call_address_ties_with_its_victims_record():
    m = _mentions([
        ("C1", "제주특별자치도 서귀포시 중앙로 5", None, "C1", "call"),
        ("v1", "서귀포시 천지동 300-1", "P9", "C1", "victim"),
    ])
    ids, _, _ = address_links.resolve(m)
    assert ids.nunique() == 1


def test_households_from_shared_address_and_relations():
    d = dt.date(2023, 1, 1)
    seen = pd.DataFrame([("P1", "A1", d), ("P2", "A1", d), ("P3", "A9", d), ("P5", "A1", dt.date(2010, 1, 1))],
                        columns=["person_id", "address_id", "date"])
    rel = pd.DataFrame([("P4", "P1", "child", "C1"), ("P3", "P1", "spouse", "C2"), ("P6", "P1", "ex_spouse", "C3")],
                       columns=["person_a", "person_b", "relation", "call_id"])
    members, lives, related, _ = households.build(["P1", "P2", "P3", "P4", "P5", "P6"], seen, rel, set())
    hh = dict(zip(members["person_id"], members["household_id"], strict=True))
    assert hh["P1"] == hh["P2"] == hh["P4"]  # same address, same period; child on a call (no address)
    assert hh["P3"] != hh["P1"]  # spouse on record at another address
    assert hh["P5"] != hh["P1"]  # same address thirteen years earlier
    assert hh["P6"] != hh["P1"]  # former spouse never joins
    assert set(related["relation"]) == {"child", "spouse", "ex_spouse"}
    assert set(lives.loc[lives["household_id"] == hh["P1"], "address_id"]) == {"A1"}


def test_resolve_file_cp949(tmp_path):
    src = tmp_path / "people.csv"
    pd.DataFrame([
        {"name": "김영희", "birth_date": "1985-03-02", "sex": "여", "phone": "010-1234-5678", "address": ""},
        {"name": "김 영희", "birth_date": "850302", "sex": "F", "phone": "01012345678", "address": ""},
        {"name": "박철수", "birth_date": "1970-01-20", "sex": "남", "phone": "", "address": "제주시 노형동 925"},
        {"name": "", "birth_date": "", "sex": "", "phone": "", "address": ""},
    ]).to_csv(src, index=False, encoding="cp949")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(cli, ["resolve-file", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    back = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(back.columns) == ["name", "birth_date", "sex", "phone", "address", "cluster_id"]
    c = back["cluster_id"].tolist()
    assert c[0] == c[1] and len({c[0], c[2], c[3]}) == 3


def test_resolve_file_without_person_columns_fails_clearly(tmp_path):
    src = tmp_path / "x.csv"
    src.write_text("foo,bar\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["resolve-file", str(src), "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 1 and "사람 열" in result.output
