"""Writing the export files: contract headers in Korean, one encoding per file as the agency's
system writes it, ids given in time order, optional deliberately bad extra rows, and the truth
(which true person each mention is) alongside."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

# file → (headers in contract order, encoding or "xlsx"). 경도/위도 are the calls' optional columns.
RISK_ITEMS = 20
FILES = {
    "agencies": (("기관코드", "기관명", "기관유형", "관할", "연락처"), "utf-8"),
    "calls": (("신고번호", "접수일시", "사건종별", "긴급도", "발생주소", "관할관서", "처리결과", "흉기사용", "상해",
               "아동동석", "내용", "경도", "위도"), "cp949"),
    "call_persons": (("신고번호", "역할", "성명", "생년월일", "성별", "연락처", "주소", "피해자와의관계"), "cp949"),
    "police_measures": (("조치번호", "신고번호", "조치일", "조치유형", "대상자성명", "대상자생년월일", "종료일"), "cp949"),
    "risk_assessments": (("평가번호", "신고번호", "평가일", "평가기관", "피해자성명", "피해자생년월일",
                          *(f"문항{i}" for i in range(1, RISK_ITEMS + 1)), "위험등급"), "utf-8"),
    "services": (("지원번호", "기관코드", "내부관리번호", "지원일", "대상자성명", "생년월일", "연락처", "주소", "대상자구분",
                  "지원분야", "내용", "의뢰기관", "관련신고번호"), "utf-8-sig"),
    "council_cases": (("안건번호", "회의일", "회의차수", "제출기관", "사건유형", "위험등급", "피해자성명", "피해자생년월일",
                       "가해자성명", "가해자생년월일", "참석기관", "상태"), "xlsx"),
    "council_measures": (("지원계획번호", "안건번호", "분야", "담당기관", "내용", "시작일", "완료예정일", "완료일", "상태",
                          "미완료사유"), "utf-8-sig"),
}
FIXED_TIME = datetime(2025, 1, 2, 9, 0, 0)  # xlsx metadata, so the same seed gives the same bytes


@dataclass
class Table:
    stem: str
    rows: list[list] = field(default_factory=list)
    mentions: list[tuple[int, str, str]] = field(default_factory=list)  # (row, slot, person id)
    bad: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column header, reason)

    @property
    def headers(self) -> tuple[str, ...]:
        return FILES[self.stem][0]

    def add(self, row: list, *mentions: tuple[str, str]) -> int:
        """Append a record; returns its spreadsheet row number (the header is row 1)."""
        self.rows.append(row)
        number = len(self.rows) + 1
        self.mentions.extend((number, slot, pid) for slot, pid in mentions)
        return number

    def add_bad(self, row: list, column: str, reason: str) -> None:
        self.rows.append(row)
        self.bad.append((len(self.rows) + 1, column, reason))


def write_table(out: Path, table: Table) -> Path:
    headers, encoding = FILES[table.stem]
    if encoding == "xlsx":
        path = out / f"{table.stem}.xlsx"
        _write_xlsx(path, headers, table.rows)
        return path
    path = out / f"{table.stem}.csv"
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n" if encoding == "cp949" else "\n")
        writer.writerow(headers)
        writer.writerows(table.rows)
    return path


def _write_xlsx(path: Path, headers: tuple[str, ...], rows: list[list]) -> None:
    wb = Workbook(write_only=True)
    wb.properties.created = wb.properties.modified = FIXED_TIME
    ws = wb.create_sheet("안건목록")
    ws.append(list(headers))
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    # Zip entries carry the time they were written, and openpyxl stamps `modified` when saving:
    # rewrite both with a fixed time.
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>",
                              data)
            dst.writestr(fixed, data)


def write_truth(out: Path, tables: list[Table], extra: dict[str, tuple[list[str], list[list]]]) -> None:
    """`_truth/records.csv` (file, row, slot, person_id), `_truth/bad_rows.csv` and the extra tables."""
    truth = out / "_truth"
    truth.mkdir(parents=True, exist_ok=True)
    with (truth / "records.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(("file", "row", "slot", "person_id"))
        for table in tables:
            name = f"{table.stem}.{'xlsx' if FILES[table.stem][1] == 'xlsx' else 'csv'}"
            w.writerows((name, row, slot, pid) for row, slot, pid in table.mentions)
    with (truth / "bad_rows.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(("file", "row", "column", "reason"))
        for table in tables:
            w.writerows((table.stem, row, column, reason) for row, column, reason in table.bad)
    for name, (header, rows) in extra.items():
        with (truth / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)
