"""Reading and validating export files without a database: encodings, .xlsx, mapping.yaml,
English headers, whole-file failures, and the exact rejects of the hand-written `mixed` bundle.

Expected answers are written by hand from the fixture files (tests/fixtures/bundles/mixed)."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from loaders.bundle import bundle_load_id, load_bundle
from loaders.reader import FileProblem, detect_encoding, iter_rows, open_source, read_mapping
from loaders.validate import BundleError

MIXED = Path(__file__).resolve().parents[1] / "fixtures" / "bundles" / "mixed"

# (file, row, column) of every bad row in the fixture, with the reason code, from reading the files.
EXPECTED_REJECTS = {
    ("calls", 6, "received_at", "bad_date"),          # 2023-02-30
    ("calls", 7, "agency_id", "unknown_agency_id"),   # P-XX-99
    ("calls", 8, "call_id", "duplicate_key"),         # C-0002 again
    ("calls", 9, "call_id", "empty_required"),
    ("calls", 11, "injury", "bad_yes_no"),            # maybe
    ("call_persons", 10, "call_id", "unknown_call_id"),  # C-0005: its call row was rejected
    ("call_persons", 11, "call_id", "unknown_call_id"),  # C-9999
    ("call_persons", 12, "role", "bad_value"),        # 친구
    ("police_measures", 5, "call_id", "unknown_call_id"),
    ("police_measures", 6, "date", "bad_date"),       # 2023-13-01
    ("risk_assessments", 4, "agency_id", "unknown_agency_id"),
    ("services", 6, "referred_by", "unknown_agency_id"),
    ("services", 7, "service_id", "duplicate_key"),   # S-JJ-01/SV-2 again
    ("council_cases", 4, "attending", "unknown_agency_id"),
    ("council_measures", 5, "case_id", "unknown_case_id"),  # CC-99
    ("council_measures", 6, "case_id", "unknown_case_id"),  # CC-03 was rejected
}


@pytest.fixture()
def bundle(tmp_path: Path) -> Path:
    out = tmp_path / "bundle"
    shutil.copytree(MIXED, out)
    return out


def test_encodings_are_detected(tmp_path: Path) -> None:
    assert detect_encoding(MIXED / "calls.csv") == "cp949"
    assert detect_encoding(MIXED / "agencies.csv") == "utf-8-sig"      # with BOM
    assert detect_encoding(MIXED / "services.csv") == "utf-8-sig"      # without BOM, read the same way
    euc = tmp_path / "euc.csv"
    euc.write_bytes("기관코드,기관명\nP-1,제주동부경찰서\n".encode("euc-kr"))
    assert detect_encoding(euc) == "cp949"
    garbage = tmp_path / "calls.csv"
    garbage.write_bytes(b"\x81\xff\xfe\xc8\x80" * 50)
    with pytest.raises(FileProblem, match=r"calls.csv: 인코딩을 알 수 없습니다.*neither UTF-8 nor CP949"):
        detect_encoding(garbage)
    garbage.write_bytes("신고번호\n".encode("utf-16-le"))      # UTF-16 without its BOM
    with pytest.raises(FileProblem, match=r"calls.csv: 텍스트 파일이 아닙니다"):
        detect_encoding(garbage)
    truncated = tmp_path / "cut.csv"
    truncated.write_bytes("기관코드,기관명\nP-1,제주".encode("cp949")[:-1])   # cut inside the last character
    assert detect_encoding(truncated) == "cp949"


def test_cp949_rows_and_embedded_newline_count_as_one_row() -> None:
    src = open_source("calls", MIXED / "calls.csv", {})
    rows = dict(iter_rows(src))
    assert rows[1][0] == "신고번호"
    assert rows[4][0] == "C-0003" and rows[4][10] == "여러 줄\n내용"
    assert rows[5][0] == "C-0004"                  # the record after the two-line one is row 5


def test_xlsx_first_sheet_keeps_cell_types() -> None:
    src = open_source("council_measures", MIXED / "council_measures.xlsx", {})
    rows = dict(iter_rows(src))
    assert src.columns["start_date"] == 5 and src.columns["reason"] == 9
    assert rows[2][5] == datetime(2023, 3, 21)
    assert rows[3][5] == 45006


def test_mapping_yaml_and_english_headers() -> None:
    mapping = read_mapping(MIXED)
    risk = open_source("risk_assessments", MIXED / "risk_assessments.csv", mapping)
    assert {k: risk.columns[k] for k in ("assessment_id", "call_id", "date", "agency_id", "name", "birth_date",
                                         "item_1", "item_3", "grade")} == {
        "assessment_id": 0, "call_id": 1, "date": 2, "agency_id": 3, "name": 4, "birth_date": 5,
        "item_1": 6, "item_3": 8, "grade": 9}
    police = open_source("police_measures", MIXED / "police_measures.csv", {})
    assert police.columns == {"measure_id": 0, "call_id": 1, "date": 2, "type": 3, "name": 4, "birth_date": 5,
                              "end_date": 6}


def test_headers_are_trimmed_and_matched_without_spaces(tmp_path: Path) -> None:
    f = tmp_path / "agencies.csv"
    f.write_text(" 기관 코드 , 기관명 ,Type\nP-1,제주동부경찰서,경찰서\n", encoding="utf-8")
    src = open_source("agencies", f, {})
    assert src.columns == {"agency_id": 0, "name": 1, "type": 2}


def test_dry_run_rejects_exactly_the_bad_rows() -> None:
    result = load_bundle(MIXED, None, dry_run=True)
    got = {(p.file, p.row, p.column, p.reason.split(":")[0]) for p in result.problems}
    assert got == EXPECTED_REJECTS
    by_file = {s.file: (s.rows_read, s.rows_loaded, s.rows_rejected) for s in result.stats}
    assert by_file == {"agencies.csv": (6, 6, 0), "calls.csv": (10, 5, 5), "call_persons.csv": (12, 9, 3),
                       "police_measures.csv": (5, 3, 2), "risk_assessments.csv": (3, 2, 1),
                       "services.csv": (6, 4, 2), "council_cases.csv": (3, 2, 1),
                       "council_measures.xlsx": (5, 3, 2)}


def test_dry_run_can_write_the_rejects_file(tmp_path: Path) -> None:
    out = tmp_path / "rejects.csv"
    load_bundle(MIXED, None, dry_run=True, rejects=out)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "file,row,column,value,reason"
    assert len(lines) == 1 + len(EXPECTED_REJECTS)
    assert any(line.startswith("calls,6,received_at,2023-02-30 10:00,bad_date:") for line in lines)


def test_missing_required_columns_fail_the_bundle_with_one_message_per_file(bundle: Path) -> None:
    (bundle / "calls.csv").write_text("신고번호,사건종별,내용\nC-1,가정폭력,\n", encoding="cp949")
    (bundle / "services.csv").write_text("지원번호,대상자성명\nS-1,김영희\n", encoding="utf-8")
    with pytest.raises(BundleError) as info:
        load_bundle(bundle, None, dry_run=True)
    assert len(info.value.problems) == 2
    calls, services = info.value.problems
    assert calls.startswith("calls.csv: 필수 열이 없습니다: 접수일시(received_at), 관할관서(agency_id)")
    assert services.startswith("services.csv: 필수 열이 없습니다: 기관코드(agency_id), 지원일(date)")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("agencies.csv", b"", "empty file"),
    ("agencies.csv", "기관코드,기관명,기관코드\nP-1,a,P-2\n".encode(), "duplicated headers"),
    ("agencies.xlsx", b"PK\x03\x04 not really a zip", "not a readable .xlsx"),
])
def test_unreadable_files_fail_clearly(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(BundleError, match=message):
        load_bundle(tmp_path, None, dry_run=True)


def test_mapping_to_an_unknown_field_fails(bundle: Path) -> None:
    (bundle / "mapping.yaml").write_text("risk_assessments:\n  평가ID: assessment_number\n", encoding="utf-8")
    with pytest.raises(BundleError, match="mapping.yaml: risk_assessments: 계약에 없는 필드 assessment_number"):
        load_bundle(bundle, None, dry_run=True)


def test_two_files_for_one_type_is_ambiguous(bundle: Path) -> None:
    shutil.copy(bundle / "agencies.csv", bundle / "agencies.xlsx")
    with pytest.raises(BundleError, match="two files for one file type"):
        load_bundle(bundle, None, dry_run=True)


def test_load_id_depends_on_bytes_only(bundle: Path, tmp_path: Path) -> None:
    assert bundle_load_id(bundle) == bundle_load_id(MIXED)
    (bundle / "rejects-old.csv").write_text("x", encoding="utf-8")      # our own output is not input
    assert bundle_load_id(bundle) == bundle_load_id(MIXED)
    with (bundle / "agencies.csv").open("a", encoding="utf-8") as fh:
        fh.write("X-1,새기관,기타,제주시,\n")
    assert bundle_load_id(bundle) != bundle_load_id(MIXED)
