"""Validation remembers repeating cells (loaders/validate.py `cell_normaliser`): its outcome,
rejects included, must be exactly `normalise_cell`'s for every row."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders import contract as C
from loaders import validate as V

CELLS = ["2024-03-05", "2024.3.5", "24/03/05", "2024-02-30", "", "  ", "예", "아니오", "Y", "n", "maybe",
         "김*수", "홍길동", "1985-07-01", "85", "010-****-1234", "12", "x1", "남", "여", "피해자",
         "가해자", "배우자", "자녀", "A-01", "\x07bell", "y" * 300, None, dt.date(2024, 3, 5), 3, 1.0]
KINDS = [C.DATE, C.DATETIME, C.BIRTH, C.YESNO, C.PHONE, C.NAME, C.SEX, C.INT, C.CALL_ROLE, C.RELATION,
         C.CLIENT_ROLE, C.AGENCY_REF, C.TEXT, C.ID, C.LIST]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("needed", [False, True])
def test_remembered_cells_give_the_value_and_the_rejects_of_normalising_each(kind: str, needed: bool) -> None:
    spec = C.FieldSpec("f", "f", kind, required=needed, needed=needed)
    normalise = V.cell_normaliser(spec)
    direct, remembered = V.ProblemLog("x"), V.ProblemLog("x")
    for repeat in range(3):                      # each cell seen three times, on different rows
        for i, raw in enumerate(CELLS):
            row = 2 + repeat * len(CELLS) + i
            assert normalise(raw, remembered, row) == V.normalise_cell(spec, raw, direct, row), (kind, raw)
    assert remembered.problems == direct.problems
    assert remembered.rows == direct.rows


def test_a_long_value_is_quoted_once_not_cut_again() -> None:
    normalise = V.cell_normaliser(C.FieldSpec("yn", "yn", C.YESNO))
    log = V.ProblemLog("x")
    normalise("y" * 300, log, 2)
    normalise("y" * 300, log, 3)
    assert [p.row for p in log.problems] == [2, 3]
    assert log.problems[0].value == log.problems[1].value == "y" * 200 + "…(+100)"


def test_memory_is_bounded_and_later_cells_are_still_right(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(V, "MEMO_CAP", 5)
    normalise = V.cell_normaliser(C.FieldSpec("d", "d", C.DATE))
    log = V.ProblemLog("x")
    days = [f"2024-01-{d:02d}" for d in range(1, 29)]
    assert [normalise(d, log, 2) for d in days * 2] == [dt.date(2024, 1, d) for d in range(1, 29)] * 2
    assert normalise("2024-13-01", log, 9) is None and log.rows == {9}
    memo = next(c.cell_contents for c in normalise.__closure__ if isinstance(c.cell_contents, dict))
    assert len(memo) == 5
