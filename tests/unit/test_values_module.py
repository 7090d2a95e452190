"""One reading of every value format (values/): the loader, entity resolution and masking give the
same answer for each birth date, date, phone and name format of the data contract ("Value formats"),
including messy variants. Expected values are written by hand from the contract."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from auth.masking import WITHHELD, SensitiveValues, birth_year, mask_name
from cli.output import to_table
from loaders import contract as C
from loaders import validate
from loaders.report import FileStats, summary_table
from resolution import bundle, features
from resolution.csvfile import resolve_file
from values import dates, names, phones
from values.text import display_width, pad

NOW = dt.date.today().year
# Excel serial day of a date (1900 date system, as spreadsheets write it).
SERIAL_1993_02_25 = (dt.date(1993, 2, 25) - dt.date(1899, 12, 30)).days        # 34025
SERIAL_2020_03_05 = (dt.date(2020, 3, 5) - dt.date(1899, 12, 30)).days         # 43895

# raw birth date → (year, month, day), 0 = unknown; (0, 0, 0) = unreadable.
BIRTHS = [
    # every contract format
    ("1985-03-02", (1985, 3, 2)), ("1985.3.2", (1985, 3, 2)), ("1985/03/02", (1985, 3, 2)),
    ("19850302", (1985, 3, 2)), ("85.03.02", (1985, 3, 2)), ("1985년 3월 2일", (1985, 3, 2)),
    ("850302", (1985, 3, 2)), ("1985", (1985, 0, 0)),
    (str(SERIAL_1993_02_25), (1993, 2, 25)), (str(SERIAL_2020_03_05), (2020, 3, 5)),
    # spreadsheet leftovers: a serial or a number written out as float text, with a time fraction
    ("34025.0", (1993, 2, 25)), ("34025.5", (1993, 2, 25)), ("850302.0", (1985, 3, 2)), ("1985.0", (1985, 0, 0)),
    ("1985-03-02 00:00:00", (1985, 3, 2)), ("1985-03-02T00:00:00", (1985, 3, 2)),
    # messy variants
    ("  1985-03-02 ", (1985, 3, 2)), ("1985. 3. 2.", (1985, 3, 2)), ("1985 - 03 - 02", (1985, 3, 2)),
    ("１９８５-０３-０２", (1985, 3, 2)), ("１９８５", (1985, 0, 0)), ("1985년3월2일", (1985, 3, 2)),
    ("1985년 3월 2일생", (1985, 3, 2)), ("1985년", (1985, 0, 0)), ("1985년생", (1985, 0, 0)),
    ("85년생", (1985, 0, 0)),
    # year and month
    ("1985-03", (1985, 3, 0)), ("1985.3", (1985, 3, 0)), ("1985년 3월", (1985, 3, 0)),
    # two-digit years: a birth date is never after this year (the century rule)
    ("150302", (2015, 3, 2)), ("15.03.02", (2015, 3, 2)), ("990302", (1999, 3, 2)),
    (f"{NOW % 100:02d}0101", (NOW, 1, 1)), (f"{(NOW + 1) % 100:02d}0101", (NOW + 1 - 100, 1, 1)),
    # six digits are YYMMDD, eight YYYYMMDD, four a year, five a serial; others unreadable
    ("198503", (0, 0, 0)), ("1985030", (0, 0, 0)),          # 198503 is YYMMDD with month 85
    # impossible or unreadable
    ("1985-02-30", (0, 0, 0)), ("1985-13-02", (0, 0, 0)), ("850230", (0, 0, 0)), ("1850", (0, 0, 0)),
    ("모름", (0, 0, 0)), ("abc", (0, 0, 0)), ("", (0, 0, 0)),
]


def _loader(kind: str, raw: object) -> object:
    log = validate.ProblemLog("t")
    return validate.normalise_cell(C.FieldSpec("f", "f", kind), raw, log, 2)


def _resolution_births(raws: list[object]) -> list[tuple[int, int, int]]:
    """Birth dates as resolution's features read a column of them."""
    df = pd.DataFrame({"record_id": [f"r{i}" for i in range(len(raws))], "birth": raws})
    f = features.build(df)
    return [tuple(int(v) for v in t) for t in zip(f.by, f.bm, f.bd, strict=True)]


def test_birth_dates_read_alike_by_loader_resolution_and_masking() -> None:
    raws = [raw for raw, _ in BIRTHS]
    resolved = _resolution_births(raws)
    # What resolution reads from a loaded record (read_person_records.cypher): the loader's date,
    # else the text as recorded, else its year.
    loaded = [_loader(C.BIRTH, raw) if raw.strip() else (None, None, None) for raw in raws]
    through_graph = _resolution_births([d.isoformat() if d else (text or (str(y) if y else None))
                                        for d, y, text in loaded])
    for (raw, expected), got, (d, y, _), graph_got in zip(BIRTHS, resolved, loaded, through_graph, strict=True):
        assert dates.parse_birth(raw) == expected, raw
        assert got == expected, ("resolution", raw)
        assert (d, y) == (dates.date_of(expected), dates.year_of(expected)), ("loader", raw)
        assert graph_got == expected, ("loader then resolution", raw)
        masked = birth_year(raw)
        assert masked == (dates.year_of(expected) or WITHHELD) if raw else masked == raw, ("masking", raw)


@pytest.mark.parametrize(("cell", "expected"), [
    (SERIAL_1993_02_25, (1993, 2, 25)), (float(SERIAL_1993_02_25), (1993, 2, 25)), (34025.5, (1993, 2, 25)),
    (1985, (1985, 0, 0)), (1985.0, (1985, 0, 0)), (850302, (1985, 3, 2)), (19850302, (1985, 3, 2)),
    (dt.date(1985, 3, 2), (1985, 3, 2)), (dt.datetime(1985, 3, 2, 0, 0), (1985, 3, 2)),
    (pd.Timestamp("1985-03-02"), (1985, 3, 2)), (123, (0, 0, 0)), (float("nan"), (0, 0, 0)),
])
def test_spreadsheet_birth_cells_read_alike(cell: object, expected: tuple[int, int, int]) -> None:
    assert dates.parse_birth(cell) == expected
    d, y, _ = _loader(C.BIRTH, cell)
    assert (d, y) == (dates.date_of(expected), dates.year_of(expected))
    assert birth_year(cell) == (dates.year_of(expected) or WITHHELD)
    if not isinstance(cell, float) or cell == cell:
        assert _resolution_births([cell]) == [expected]


# raw event date-time → expected datetime (None: unreadable, and the loader rejects the cell)
MOMENTS = [
    ("2023-03-02", dt.datetime(2023, 3, 2)), ("2023.3.2", dt.datetime(2023, 3, 2)),
    ("2023/03/02", dt.datetime(2023, 3, 2)), ("20230302", dt.datetime(2023, 3, 2)),
    ("23.03.02", dt.datetime(2023, 3, 2)), ("230302", dt.datetime(2023, 3, 2)),
    ("2023년 3월 2일", dt.datetime(2023, 3, 2)), ("44987", dt.datetime(2023, 3, 2)),
    ("44987.0", dt.datetime(2023, 3, 2)), ("44987.5833", dt.datetime(2023, 3, 2, 14, 0)),
    ("2023-03-02 14:05", dt.datetime(2023, 3, 2, 14, 5)), ("2023-03-02T14:05:33", dt.datetime(2023, 3, 2, 14, 5, 33)),
    ("2023년 3월 2일 오후 2시 5분", dt.datetime(2023, 3, 2, 14, 5)),
    ("2023년 3월 2일 오전 12시", dt.datetime(2023, 3, 2, 0, 0)),
    ("2023-03-02 오후 2:05", dt.datetime(2023, 3, 2, 14, 5)), ("2023.3.2 오전 9:30", dt.datetime(2023, 3, 2, 9, 30)),
    ("2023-03-02 2:05 PM", dt.datetime(2023, 3, 2, 14, 5)),
    # messy variants
    (" 2023-03-02 ", dt.datetime(2023, 3, 2)), ("2023. 3. 2.", dt.datetime(2023, 3, 2)),
    ("２０２３-０３-０２ １４:０５", dt.datetime(2023, 3, 2, 14, 5)), ("2023 3 2", dt.datetime(2023, 3, 2)),
    ("20230302.0", dt.datetime(2023, 3, 2)),
    # two-digit years of events are 20yy
    ("99.03.02", dt.datetime(2099, 3, 2)),
    # impossible or unreadable
    ("2023-02-30", None), ("2023-13-02", None), ("2023-03-02 25:00", None), ("2023-03", None),
    ("2023", None), ("yesterday", None), ("0000-00-00", None),
]


@pytest.mark.parametrize(("raw", "expected"), MOMENTS)
def test_event_dates_read_alike_by_loader_and_resolution(raw: str, expected: dt.datetime | None) -> None:
    assert _loader(C.DATETIME, raw) == expected
    assert _loader(C.DATE, raw) == (expected.date() if expected else None)
    log = validate.ProblemLog("t")
    validate.normalise_cell(C.FieldSpec("f", "f", C.DATE), raw, log, 2)
    assert bool(log.problems) == (expected is None)          # unreadable dates are rejected, with a reason
    # resolution.bundle dates the mentions it reads from a bundle with the same function
    assert bundle.parse_date(raw) == (expected.date() if expected else None)


def test_number_cells_of_event_dates() -> None:
    assert _loader(C.DATE, 44987) == dt.date(2023, 3, 2)
    assert _loader(C.DATETIME, 44987.5) == dt.datetime(2023, 3, 2, 12, 0)
    assert _loader(C.DATE, 20230302) == dt.date(2023, 3, 2)
    assert _loader(C.DATE, 230302) == dt.date(2023, 3, 2)      # YYMMDD, not serial day 230302
    assert _loader(C.DATE, 5_000_000) is None


# raw phone → (as the loader stores it, as resolution compares it: None when it identifies nobody)
PHONES = [
    ("010-1234-5678", "01012345678", "01012345678"), ("01012345678", "01012345678", "01012345678"),
    ("010 1234 5678", "01012345678", "01012345678"), ("+82-10-1234-5678", "01012345678", "01012345678"),
    ("010-****-5678", "010****5678", "010****5678"),
    # messy variants
    ("+82 10 1234 5678", "01012345678", "01012345678"), ("82-10-1234-5678", "01012345678", "01012345678"),
    ("+82 (0)10-1234-5678", "01012345678", "01012345678"), ("  010.1234.5678 ", "01012345678", "01012345678"),
    ("０１０-１２３４-５６７８", "01012345678", "01012345678"), ("tel. 010-1234-5678", "01012345678", "01012345678"),
    ("010-xxxx-5678", "010****5678", "010****5678"), ("010-●●●●-5678", "010****5678", "010****5678"),
    ("010-####-5678", "010****5678", "010****5678"), ("010-12X4-5678", "01012*45678", "01012*45678"),
    ("1012345678", "01012345678", "01012345678"), ("10-1234-5678", "01012345678", "01012345678"),
    ("01012345678.0", "01012345678", "01012345678"), ("1012345678.0", "01012345678", "01012345678"),
    ("064-750-1234", "0647501234", "0647501234"), ("Fax 064-750-1234", "0647501234", "0647501234"),
    ("+82-64-750-1234", "0647501234", "0647501234"), ("02-123-4567", "021234567", "021234567"),
    # kept by the loader (a hotline, a number with the middle hidden), too short to identify a person
    ("1366", "1366", None), ("010-****-****", "010********", None), ("12", "12", None),
    ("없음", None, None), ("", None, None),
]


def test_phones_read_alike_by_loader_resolution_and_masking() -> None:
    raws = [raw for raw, _, _ in PHONES]
    df = pd.DataFrame({"record_id": [f"r{i}" for i in range(len(raws))], "phone": raws})
    resolved = features.build(df).phone.tolist()
    column = phones.normalise_many(raws, identifying_only=True)
    for (raw, stored, compared), got, col in zip(PHONES, resolved, column, strict=True):
        assert (_loader(C.PHONE, raw) if raw.strip() else None) == stored, ("loader", raw)
        assert phones.normalise(raw) == stored, raw
        assert phones.normalise_many([raw]) == [stored], ("column", raw)
        assert got == (compared or ""), ("resolution", raw)
        assert col == compared, ("resolution column", raw)
        # a shelter phone written in any format is recognised when shown as the loader stores it
        if compared and "*" not in compared:
            shelter = SensitiveValues.build(phones=[raw])
            assert shelter.matches(stored) and shelter.matches("010-1234-5678") == (stored == "01012345678")


def test_phone_column_and_scalar_agree_on_generated_variants() -> None:
    # Every contract style of many numbers (resolution runs the column path, the loader the scalar one).
    full_width = str.maketrans("0123456789", "０１２３４５６７８９")
    raws: list[object] = []
    for i in range(300):
        a, b, c = "010", f"{(i * 37) % 10000:04d}", f"{(i * 91) % 10000:04d}"
        raws += [f"{a}-{b}-{c}", a + b + c, f"{a} {b} {c}", f"+82-{a[1:]}-{b}-{c}", f"{a}-****-{c}",
                 f" {a}.{b}.{c} ", f"82{a[1:]}{b}{c}", f"{a[1:]}{b}{c}", f"{a[1:]}{b}{c}.0", f"0{i % 100}-{b}",
                 f"tel {a}-{b}-{c}", f"{a}-{b}-{c}".translate(full_width), f"{a}-xx{b[2:]}-{c}", f"x{i}", "", None,
                 i, float(i)]
    for identifying in (False, True):
        scalar = [phones.identifying(phones.normalise(v)) if identifying else phones.normalise(v) for v in raws]
        assert phones.normalise_many(raws, identifying_only=identifying) == scalar


# raw name → (loader's name_norm, masked)
NAMES = [
    ("김영희", "김영희", False), ("김 영희", "김영희", False), (" 김  영 희 ", "김영희", False),
    ("김*희", "김*희", True), ("김○희", "김*희", True), ("김●희", "김*희", True), ("김◯희", "김*희", True),
    ("김＊희", "김*희", True), ("김□희", "김*희", True), ("김x희", "김*희", True), ("김X희", "김*희", True),
    ("남궁**", "남궁**", True), ("Kim Younghee", "KIM YOUNGHEE", False), ("Oxana", "OXANA", False),
    ("  Nguyen   Van  A ", "NGUYEN VAN A", False),
]


@pytest.mark.parametrize(("raw", "norm", "masked"), NAMES)
def test_names_and_masks_read_alike_by_loader_resolution_and_masking(raw: str, norm: str, masked: bool) -> None:
    shown, stored = _loader(C.NAME, raw)
    assert stored == norm == names.normalise_name(raw)
    assert names.is_masked(stored) is masked
    df = pd.DataFrame({"record_id": ["r0"], "name": [raw]})
    assert bool(features.build(df).masked[0]) is masked
    # masking shows a Korean name as its first and last syllable, whatever mask it came with
    if names.is_korean_name(stored):
        out = mask_name(raw)
        assert out[0] == stored[0] and set(out[1:-1]) <= {"*"} and len(out) == len(stored)


@pytest.mark.parametrize("raw", ["김O희", "김☆희"])
def test_resolution_reads_every_mask_the_value_module_knows(raw: str) -> None:
    assert names.is_masked(names.normalise_name(raw))
    df = pd.DataFrame({"record_id": ["r0"], "name": [raw]})
    assert bool(features.build(df).masked[0])


def _write(path: Path, rows: list[tuple[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["성명", "생년월일"])
        writer.writerows(rows)


def _clusters(tmp_path: Path, rows: list[tuple[str, str]]) -> list[str]:
    _write(tmp_path / "in.csv", rows)
    resolve_file(tmp_path / "in.csv", tmp_path / "out.csv")
    return pd.read_csv(tmp_path / "out.csv", dtype=str)["cluster_id"].tolist()


def test_a_serial_birth_date_links_through_resolve_file(tmp_path: Path) -> None:
    ids = _clusters(tmp_path, [("김민서", "1993-02-25"), ("김민서", str(SERIAL_1993_02_25))])
    assert ids[0] == ids[1]


def test_a_serial_birth_date_is_compared_as_a_date(tmp_path: Path) -> None:
    # Namesakes with other birth dates: the name alone does not link, the serial's date does.
    namesakes = [("김민서", (dt.date(1960, 1, 1) + dt.timedelta(days=397 * i)).isoformat()) for i in range(30)]
    same = _clusters(tmp_path, [("김민서", "1993-02-25"), ("김민서", f"{SERIAL_1993_02_25}.0"), *namesakes])
    other = _clusters(tmp_path, [("김민서", "1993-02-25"), ("김민서", str(SERIAL_1993_02_25 + 400)), *namesakes])
    assert same[0] == same[1]
    assert other[0] != other[1]


@pytest.mark.parametrize(("text", "width"), [("abc", 3), ("김영희", 6), ("김 a", 4), ("０１", 4), ("", 0),
                                             ("Ω", 1), ("제주시 연삼로 123", 17)])
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width
    assert display_width(pad(text, 20)) == max(20, width)


def test_cli_and_load_tables_align_wide_characters() -> None:
    lines = to_table(["이름", "n"], [{"이름": "김영희", "n": 1}, {"이름": "Lee", "n": 22}]).splitlines()
    bars = {display_width(line.split("|")[0]) for line in lines if "|" in line}
    assert len(bars) == 1
    table = summary_table([FileStats(file="call_persons"), FileStats(file="calls")]).splitlines()
    assert len({display_width(line) for line in table}) == 1
