"""Every file of a generated bundle parses under the data contract, read by a small reader that
knows only the contract (headers, encodings, value formats, mapping.yaml) — not the generator.
A correct loader must reject exactly the rows in _truth/bad_rows.csv and accept all others."""

from __future__ import annotations

import csv
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

import synth

# The contract's headers (shared/data-contract.md), written out by hand.
CONTRACT = {
    "agencies": {"기관코드": "agency_id", "기관명": "name", "기관유형": "type", "관할": "district", "연락처": "phone"},
    "calls": {"신고번호": "call_id", "접수일시": "received_at", "사건종별": "category", "긴급도": "priority",
              "발생주소": "address", "관할관서": "agency_id", "처리결과": "outcome", "흉기사용": "weapon", "상해": "injury",
              "아동동석": "child_present", "내용": "summary"},
    "call_persons": {"신고번호": "call_id", "역할": "role", "성명": "name", "생년월일": "birth_date", "성별": "sex",
                     "연락처": "phone", "주소": "address", "피해자와의관계": "relation_to_victim"},
    "police_measures": {"조치번호": "measure_id", "신고번호": "call_id", "조치일": "date", "조치유형": "type",
                        "대상자성명": "name", "대상자생년월일": "birth_date", "종료일": "end_date"},
    "risk_assessments": {"평가번호": "assessment_id", "신고번호": "call_id", "평가일": "date", "평가기관": "agency_id",
                         "피해자성명": "name", "피해자생년월일": "birth_date", "위험등급": "grade"},
    "services": {"지원번호": "service_id", "기관코드": "agency_id", "내부관리번호": "client_ref", "지원일": "date",
                 "대상자성명": "name", "생년월일": "birth_date", "연락처": "phone", "주소": "address",
                 "대상자구분": "client_role", "지원분야": "field", "내용": "description", "의뢰기관": "referred_by",
                 "관련신고번호": "call_id"},
    "council_cases": {"안건번호": "case_id", "회의일": "meeting_date", "회의차수": "meeting_no", "제출기관": "submitted_by",
                      "사건유형": "case_type", "위험등급": "risk_level", "피해자성명": "victim_name",
                      "피해자생년월일": "victim_birth_date", "가해자성명": "offender_name",
                      "가해자생년월일": "offender_birth_date", "참석기관": "attending", "상태": "status"},
    "council_measures": {"지원계획번호": "measure_id", "안건번호": "case_id", "분야": "field", "담당기관": "agency_id",
                         "내용": "description", "시작일": "start_date", "완료예정일": "due_date", "완료일": "done_date",
                         "상태": "status", "미완료사유": "reason"},
}
# Optional columns of the contract (older exports lack them).
OPTIONAL = {"calls": {"경도": "longitude", "위도": "latitude"}}
AGENCY_TYPES = set("경찰서 지구대·파출소 해바라기센터 가정폭력상담소 성폭력상담소 보호시설 청소년쉼터 아동보호전문기관 의료기관 "
                   "정신건강복지센터 법률지원기관 읍면동주민센터 가해자교정기관 보호관찰소 교육기관 다문화가족지원센터 기타".split())
CATEGORIES = set("가정폭력 스토킹 데이트폭력 아동학대 성폭력 노인학대 기타".split())
OUTCOMES = set("현장종결 형사입건 임시조치 긴급임시조치 응급조치 타기관인계 기타".split())
ROLES = set("피해자 가해자 신고자 목격아동".split())
RELATIONS = set("배우자 전배우자 동거인 연인 전연인 부모 자녀 형제자매 친족 지인 모르는사람".split())
MEASURE_TYPES = ({"긴급임시조치", "긴급응급조치", "신변보호", "스마트워치", "위치추적"}
                 | {f"임시조치{i}호" for i in range(1, 6)} | {f"잠정조치{i}호" for i in range(1, 5)})
FIELDS = set("의료 법률 주거·보호시설 심리상담 경제 가해자교정 아동보호 안전·신변보호 동행지원".split())
YES = {"Y", "예", "O", "1", "유"}
NO = {"N", "아니오", "X", "0", "무"}
REQUIRED_KEYS = {"calls": ["call_id"], "call_persons": ["call_id"], "police_measures": ["measure_id"],
                 "risk_assessments": ["assessment_id"], "services": ["service_id", "agency_id"],
                 "council_cases": ["case_id"], "council_measures": ["measure_id", "case_id"], "agencies": ["agency_id"]}
REQUIRED_DATES = {"calls": "received_at", "police_measures": "date", "risk_assessments": "date",
                  "services": "date", "council_cases": "meeting_date"}


def parse_date(v) -> date | None:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, int | float) and not isinstance(v, bool):
        return date(1899, 12, 30) + timedelta(days=int(v))
    s = str(v).strip()
    pats = [(r"(\d{4})-(\d{1,2})-(\d{1,2})", 1), (r"(\d{4})\.(\d{1,2})\.(\d{1,2})", 1), (r"(\d{4})/(\d{1,2})/(\d{1,2})", 1),
            (r"(\d{4})(\d{2})(\d{2})", 1), (r"(\d{2})\.(\d{2})\.(\d{2})", 2), (r"(\d{4})년 ?(\d{1,2})월 ?(\d{1,2})일", 1)]
    for pat, kind in pats:
        mt = re.fullmatch(pat, s)
        if mt:
            y, mo, d = map(int, mt.groups())
            if kind == 2:
                y += 2000
            try:
                return date(y, mo, d)
            except ValueError:
                return None
    return None


def parse_datetime(v) -> datetime | None:
    mt = re.fullmatch(r"(.+?) (\d{2}):(\d{2})(?::(\d{2}))?", str(v).strip())
    if not mt:
        return None
    d = parse_date(mt.group(1))
    return datetime(d.year, d.month, d.day, int(mt.group(2)), int(mt.group(3))) if d else None


def parse_birth(v) -> str | None:
    s = str(v).strip()
    if re.fullmatch(r"(19|20)\d{2}", s):
        return s
    if re.fullmatch(r"\d{6}", s):
        yy = int(s[:2])
        try:
            return date((2000 if yy <= 24 else 1900) + yy, int(s[2:4]), int(s[4:])).isoformat()
        except ValueError:
            return None
    d = parse_date(s)
    if d and re.fullmatch(r"\d{2}\.\d{2}\.\d{2}", s):  # yy.mm.dd birth dates are 19xx for adults
        d = d.replace(year=d.year - 100) if d.year > 2024 else d
    return d.isoformat() if d else None


def phone_ok(v: str) -> bool:
    s = v.strip()
    return bool(re.fullmatch(r"0\d{1,2}-\d{3,4}-\d{4}|010\d{8}|010 \d{4} \d{4}|\+82-10-\d{4}-\d{4}|010-\*{4}-\d{4}", s))


def read_table(folder: Path, stem: str) -> list[tuple[int, dict]]:
    """(row number, {canonical field: value}) for every data row; row 2 is the first record."""
    mapping = {}
    if (folder / "mapping.yaml").exists():
        mapping = (yaml.safe_load((folder / "mapping.yaml").read_text(encoding="utf-8")) or {}).get(stem, {})
    optional = OPTIONAL.get(stem, {})
    rename = {**CONTRACT[stem], **{v: v for v in CONTRACT[stem].values()}, **optional, **mapping}
    xlsx, csv_path = folder / f"{stem}.xlsx", folder / f"{stem}.csv"
    if xlsx.exists():
        ws = load_workbook(xlsx, read_only=True).worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        header, body = [str(h) for h in rows[0]], rows[1:]
    else:
        raw = csv_path.read_bytes()
        for enc in ("utf-8-sig", "cp949"):
            try:
                text = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise AssertionError(f"{stem}: unknown encoding")
        reader = csv.reader(text.splitlines(keepends=True))
        header, body = next(reader), list(reader)
    unknown = [h for h in header if h not in rename and not re.fullmatch(r"문항\d+|item_\d+", h)]
    assert not unknown, f"{stem}: headers not in the contract or mapping.yaml: {unknown}"
    fields = [rename.get(h, h) for h in header]
    for f in CONTRACT[stem].values():
        assert f in fields, f"{stem}: missing column {f}"
    return [(i, {f: ("" if v is None else v) for f, v in zip(fields, r, strict=True)}) for i, r in enumerate(body, start=2)]


def validate(folder: Path) -> tuple[set[tuple[str, int]], list[str]]:
    """Rows a correct loader rejects, and problems found in rows it must accept."""
    rejected: set[tuple[str, int]] = set()
    problems: list[str] = []
    tables = {stem: read_table(folder, stem) for stem in CONTRACT}
    agencies = {r["agency_id"] for _, r in tables["agencies"]}
    for _, r in tables["agencies"]:
        if r["type"] not in AGENCY_TYPES or not phone_ok(r["phone"]):
            problems.append(f"agencies {r}")

    def reject_basic(stem: str, i: int, r: dict) -> bool:
        if any(str(r[k]).strip() == "" for k in REQUIRED_KEYS[stem]):
            return True
        col = REQUIRED_DATES.get(stem)
        if col:
            ok = parse_datetime(r[col]) if stem == "calls" else parse_date(r[col])
            if ok is None:
                return True
        return False

    accepted: dict[str, list[tuple[int, dict]]] = {}
    for stem in CONTRACT:
        seen: set = set()
        accepted[stem] = []
        for i, r in tables[stem]:
            if reject_basic(stem, i, r):
                rejected.add((stem, i))
                continue
            key = tuple(str(r[k]) for k in REQUIRED_KEYS[stem]) if stem not in ("call_persons", "council_measures") \
                else (r["call_id"], i) if stem == "call_persons" else (r["measure_id"],)
            if key in seen:
                problems.append(f"{stem} row {i}: duplicate key {key}")
            seen.add(key)
            accepted[stem].append((i, r))
    call_ids = {r["call_id"] for _, r in accepted["calls"]}
    case_ids = {r["case_id"] for _, r in accepted["council_cases"]}
    for stem, ref, ids in (("call_persons", "call_id", call_ids), ("council_measures", "case_id", case_ids)):
        keep = []
        for i, r in accepted[stem]:
            (keep.append((i, r)) if r[ref] in ids else rejected.add((stem, i)))
        accepted[stem] = keep

    def check(cond: bool, stem: str, i: int, what: str) -> None:
        if not cond:
            problems.append(f"{stem} row {i}: {what}")

    noted = bad_values(folder)
    for i, r in accepted["calls"]:
        check(r["category"] in CATEGORIES and r["outcome"] in OUTCOMES and r["agency_id"] in agencies, "calls", i, "enum/agency")
        check(re.fullmatch(r"C[0-4]", r["priority"]) is not None, "calls", i, "priority")
        for f in ("weapon", "injury", "child_present"):
            check(r[f] in YES | NO | {""}, "calls", i, f"yes/no {r[f]!r}")
        check(r["address"].strip() != "", "calls", i, "address")
        check(coordinates_ok(r.get("longitude", ""), r.get("latitude", "")) or ("calls", i) in noted,
              "calls", i, f"coordinates {r.get('longitude')!r} {r.get('latitude')!r}")
    for i, r in accepted["call_persons"]:
        check(r["role"] in ROLES, "call_persons", i, "role")
        check(r["relation_to_victim"] in RELATIONS | {""}, "call_persons", i, "relation")
        check((r["relation_to_victim"] == "") == (r["role"] == "피해자"), "call_persons", i, "relation empty iff victim")
        check(r["sex"] in {"남", "여", "M", "F"}, "call_persons", i, "sex")
        check(parse_birth(r["birth_date"]) is not None, "call_persons", i, f"birth {r['birth_date']!r}")
        check(r["phone"] == "" or phone_ok(r["phone"]), "call_persons", i, f"phone {r['phone']!r}")
        check(r["name"].strip() != "", "call_persons", i, "name")
    for i, r in accepted["police_measures"]:
        check(r["type"] in MEASURE_TYPES, "police_measures", i, "type")
        check(r["call_id"] == "" or r["call_id"] in call_ids, "police_measures", i, "call_id")
        check(parse_birth(r["birth_date"]) is not None, "police_measures", i, "birth")
        check(r["end_date"] == "" or parse_date(r["end_date"]) is not None, "police_measures", i, "end_date")
    for i, r in accepted["risk_assessments"]:
        items = [k for k in r if k.startswith("item_")]
        check(len(items) == 28 and all(r[k] in YES | NO | {""} for k in items), "risk_assessments", i, "items")
        check(r["grade"] in {"매우높음", "높음", "보통", "낮음"} and r["agency_id"] in agencies, "risk_assessments", i, "grade")
        check(r["call_id"] == "" or r["call_id"] in call_ids, "risk_assessments", i, "call_id")
        check(parse_birth(r["birth_date"]) is not None, "risk_assessments", i, "birth")
    for i, r in accepted["services"]:
        check(r["agency_id"] in agencies and r["referred_by"] in agencies | {""}, "services", i, "agency")
        check(r["client_role"] in {"피해자", "가해자", "아동", "가족"} and r["field"] in FIELDS, "services", i, "enum")
        check(r["call_id"] == "" or r["call_id"] in call_ids, "services", i, "call_id")
        check(r["phone"] == "" or phone_ok(r["phone"]), "services", i, f"phone {r['phone']!r}")
        check(r["birth_date"] == "" or parse_birth(r["birth_date"]) is not None, "services", i, "birth")
        check(r["client_ref"] != "", "services", i, "client_ref")
    for i, r in accepted["council_cases"]:
        att = r["attending"].split(";")
        check(all(a in agencies for a in att) and r["submitted_by"] in agencies, "council_cases", i, "agencies")
        check(r["case_type"] in CATEGORIES and r["status"] in {"접수", "지원중", "모니터링", "종결"}, "council_cases", i, "enum")
        check(parse_birth(r["victim_birth_date"]) is not None, "council_cases", i, "victim birth")
    for i, r in accepted["council_measures"]:
        check(r["field"] in FIELDS and r["agency_id"] in agencies, "council_measures", i, "field/agency")
        check(r["status"] in {"계획", "진행", "완료", "중단"}, "council_measures", i, "status")
        for f in ("start_date", "due_date"):
            check(parse_date(r[f]) is not None, "council_measures", i, f)
        check(r["done_date"] == "" or parse_date(r["done_date"]) is not None, "council_measures", i, "done_date")
    return rejected, problems


def coordinates_ok(lon: str, lat: str) -> bool:
    """Both empty, or both on Jeju (추자도 included): WGS84 degrees, or UTM-K metres (the contract:
    on Jeju roughly x 870,000–960,000, y 1,450,000–1,520,000; 추자도 lies further north)."""
    lon, lat = str(lon).replace(",", "").strip(), str(lat).replace(",", "").strip()
    if not lon and not lat:
        return True
    try:
        x, y = float(lon), float(lat)
    except ValueError:
        return False
    return (126.1 < x < 127.0 and 33.1 < y < 34.0) or (860_000 < x < 970_000 and 1_440_000 < y < 1_560_000)


def bad_values(folder: Path) -> set[tuple[str, int]]:
    """Rows with a bad value that does not reject them (a call's 경도/위도): loaded, noted."""
    with open(folder / "_truth" / "bad_values.csv", encoding="utf-8", newline="") as fh:
        return {(r["file"], int(r["row"])) for r in csv.DictReader(fh)}


def bad_rows(folder: Path) -> set[tuple[str, int]]:
    with open(folder / "_truth" / "bad_rows.csv", encoding="utf-8", newline="") as fh:
        return {(r["file"], int(r["row"])) for r in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def small_jeju(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("jeju") / "bundle"
    synth.generate("jeju", out, seed=7, scale=0.1)
    return out


def test_jeju_small_scale_parses_under_the_contract(small_jeju: Path) -> None:
    rejected, problems = validate(small_jeju)
    assert problems == []
    assert rejected == bad_rows(small_jeju)


def test_bad_rows_cover_every_kind(small_jeju: Path) -> None:
    with open(small_jeju / "_truth" / "bad_rows.csv", encoding="utf-8", newline="") as fh:
        reasons = {(r["file"], r["reason"].split(" ")[0]) for r in csv.DictReader(fh)}
    assert ("council_measures", "unknown") in reasons and ("council_measures", "empty") in reasons
    assert {f for f, _ in reasons} >= {"calls", "call_persons", "council_measures"}


def test_encodings_and_mapping_as_agreed(small_jeju: Path) -> None:
    for stem in ("calls", "call_persons", "police_measures"):
        raw = (small_jeju / f"{stem}.csv").read_bytes()
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
        raw.decode("cp949")
    assert (small_jeju / "services.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (small_jeju / "council_measures.xlsx").exists() and not (small_jeju / "council_measures.csv").exists()
    header = (small_jeju / "risk_assessments.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert not set(header) & set(CONTRACT["risk_assessments"])  # its own headers, renamed by mapping.yaml
