"""The agency export contract (/work/shared/data-contract.md, v1) as data.

One `FileSpec` per file type, in load order (a file only references files before it). Each field
has its canonical (English) name, the Korean header, a kind that picks its normaliser, and whether
the column must exist (`required`) — a missing required column fails the whole file. Whether an
empty value rejects the row is `key_or_needed` (see `FieldSpec.needed`).

Pure data: `synth/` imports this module to write the same headers the loaders read.
"""

from __future__ import annotations

from dataclasses import dataclass

# Field kinds (the normaliser each field goes through: loaders/validate.py, normalise_cell).
TEXT, ID, DATE, DATETIME, BIRTH, YESNO, PHONE, NAME, SEX, INT, LIST = (
    "text", "id", "date", "datetime", "birth", "yesno", "phone", "name", "sex", "int", "list")
CALL_ROLE, RELATION, CLIENT_ROLE, AGENCY_REF = "call_role", "relation", "client_role", "agency_ref"
# One of a pair of cells read together by the file's builder (values.coordinates.read_point): a bad
# pair is reported but never rejects the row.
COORD = "coordinate"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    header: str
    kind: str = TEXT
    required: bool = False   # the column must be present in the file
    needed: bool = False     # an empty (or unreadable) value rejects the row


@dataclass(frozen=True)
class FileSpec:
    stem: str
    title: str
    fields: tuple[FieldSpec, ...]
    key: tuple[str, ...]

    def field(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def required_columns(self) -> list[str]:
        return [f.name for f in self.fields if f.required]


def _f(name: str, header: str, kind: str = TEXT, *, req: bool = False, need: bool = False) -> FieldSpec:
    return FieldSpec(name, header, kind, required=req or need, needed=need)


RISK_ITEMS_MAX = 30

FILES: dict[str, FileSpec] = {spec.stem: spec for spec in (
    FileSpec("agencies", "기관 목록", (
        _f("agency_id", "기관코드", ID, need=True),
        _f("name", "기관명", TEXT, req=True),
        _f("type", "기관유형"),
        _f("district", "관할"),
        _f("phone", "연락처", PHONE),
    ), key=("agency_id",)),
    FileSpec("calls", "112 신고", (
        _f("call_id", "신고번호", ID, need=True),
        _f("received_at", "접수일시", DATETIME, need=True),
        _f("category", "사건종별", TEXT, req=True),
        _f("priority", "긴급도"),
        _f("address", "발생주소"),
        _f("agency_id", "관할관서", AGENCY_REF, need=True),
        _f("outcome", "처리결과"),
        _f("weapon", "흉기사용", YESNO),
        _f("injury", "상해", YESNO),
        _f("child_present", "아동동석", YESNO),
        _f("summary", "내용"),
        _f("longitude", "경도", COORD),       # optional columns: older exports lack them
        _f("latitude", "위도", COORD),
    ), key=("call_id",)),
    FileSpec("call_persons", "신고 관련인", (
        _f("call_id", "신고번호", ID, need=True),
        _f("role", "역할", CALL_ROLE, need=True),
        _f("name", "성명", NAME, req=True),
        _f("birth_date", "생년월일", BIRTH),
        _f("sex", "성별", SEX),
        _f("phone", "연락처", PHONE),
        _f("address", "주소"),
        _f("relation_to_victim", "피해자와의관계", RELATION),
    ), key=("call_id", "role", "name", "birth_date")),
    FileSpec("police_measures", "경찰 보호조치", (
        _f("measure_id", "조치번호", ID, need=True),
        _f("call_id", "신고번호", ID),
        _f("date", "조치일", DATE, need=True),
        _f("type", "조치유형", TEXT, req=True),
        _f("name", "대상자성명", NAME, req=True),
        _f("birth_date", "대상자생년월일", BIRTH),
        _f("end_date", "종료일", DATE),
    ), key=("measure_id",)),
    FileSpec("risk_assessments", "위험성 평가", (
        _f("assessment_id", "평가번호", ID, need=True),
        _f("call_id", "신고번호", ID),
        _f("date", "평가일", DATE, need=True),
        _f("agency_id", "평가기관", AGENCY_REF, need=True),
        _f("name", "피해자성명", NAME, req=True),
        _f("birth_date", "피해자생년월일", BIRTH),
        *(_f(f"item_{i}", f"문항{i}", YESNO) for i in range(1, RISK_ITEMS_MAX + 1)),
        _f("grade", "위험등급"),
    ), key=("assessment_id",)),
    FileSpec("services", "기관 지원", (
        _f("service_id", "지원번호", ID, need=True),
        _f("agency_id", "기관코드", AGENCY_REF, need=True),
        _f("client_ref", "내부관리번호", ID),
        _f("date", "지원일", DATE, need=True),
        _f("name", "대상자성명", NAME, req=True),
        _f("birth_date", "생년월일", BIRTH),
        _f("phone", "연락처", PHONE),
        _f("address", "주소"),
        _f("client_role", "대상자구분", CLIENT_ROLE),
        _f("field", "지원분야"),
        _f("description", "내용"),
        _f("referred_by", "의뢰기관", AGENCY_REF),
        _f("call_id", "관련신고번호", ID),
    ), key=("agency_id", "service_id")),
    FileSpec("council_cases", "실무협의체 안건", (
        _f("case_id", "안건번호", ID, need=True),
        _f("meeting_date", "회의일", DATE, need=True),
        _f("meeting_no", "회의차수", INT),
        _f("submitted_by", "제출기관", AGENCY_REF, need=True),
        _f("case_type", "사건유형"),
        _f("risk_level", "위험등급"),
        _f("victim_name", "피해자성명", NAME, req=True),
        _f("victim_birth_date", "피해자생년월일", BIRTH),
        _f("offender_name", "가해자성명", NAME),
        _f("offender_birth_date", "가해자생년월일", BIRTH),
        _f("attending", "참석기관", LIST),
        _f("status", "상태"),
    ), key=("case_id",)),
    FileSpec("council_measures", "맞춤형 지원계획", (
        _f("measure_id", "지원계획번호", ID, need=True),
        _f("case_id", "안건번호", ID, need=True),
        _f("field", "분야"),
        _f("agency_id", "담당기관", AGENCY_REF, need=True),
        _f("description", "내용"),
        _f("start_date", "시작일", DATE),
        _f("due_date", "완료예정일", DATE),
        _f("done_date", "완료일", DATE),
        _f("status", "상태"),
        _f("reason", "미완료사유"),
    ), key=("measure_id",)),
)}

LOAD_ORDER: tuple[str, ...] = tuple(FILES)
FILE_SUFFIXES = (".csv", ".xlsx")
MAPPING_FILE = "mapping.yaml"
