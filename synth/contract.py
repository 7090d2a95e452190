"""The contract's headers (shared/data-contract.md) as the generator writes them, the files'
encodings, and the non-standard risk-checklist headers that `mapping.yaml` renames."""

from __future__ import annotations

N_RISK_ITEMS = 28

HEADERS: dict[str, list[str]] = {
    "agencies": ["기관코드", "기관명", "기관유형", "관할", "연락처"],
    "calls": ["신고번호", "접수일시", "사건종별", "긴급도", "발생주소", "관할관서", "처리결과", "흉기사용", "상해",
              "아동동석", "내용", "경도", "위도"],
    "call_persons": ["신고번호", "역할", "성명", "생년월일", "성별", "연락처", "주소", "피해자와의관계"],
    "police_measures": ["조치번호", "신고번호", "조치일", "조치유형", "대상자성명", "대상자생년월일", "종료일"],
    "services": ["지원번호", "기관코드", "내부관리번호", "지원일", "대상자성명", "생년월일", "연락처", "주소", "대상자구분",
                 "지원분야", "내용", "의뢰기관", "관련신고번호"],
    "council_cases": ["안건번호", "회의일", "회의차수", "제출기관", "사건유형", "위험등급", "피해자성명", "피해자생년월일",
                      "가해자성명", "가해자생년월일", "참석기관", "상태"],
    "council_measures": ["지원계획번호", "안건번호", "분야", "담당기관", "내용", "시작일", "완료예정일", "완료일", "상태",
                         "미완료사유"],
}

# risk_assessments as one agency really exports it: its own headers, renamed by mapping.yaml.
RISK_HEADERS: list[str] = (["평가 ID", "112신고번호", "평가일자", "작성기관", "피해자 이름", "피해자 생년월일"]
                           + [f"Q{i}" for i in range(1, N_RISK_ITEMS + 1)] + ["종합판정"])
RISK_MAPPING: dict[str, str] = dict(zip(
    RISK_HEADERS,
    ["assessment_id", "call_id", "date", "agency_id", "name", "birth_date"]
    + [f"item_{i}" for i in range(1, N_RISK_ITEMS + 1)] + ["grade"], strict=True))

ENCODINGS: dict[str, str] = {
    "agencies": "utf-8", "calls": "cp949", "call_persons": "cp949", "police_measures": "cp949",
    "risk_assessments": "utf-8", "services": "utf-8-sig", "council_cases": "utf-8",
}
FILE_NAMES: dict[str, str] = {stem: f"{stem}.csv" for stem in ENCODINGS} | {"council_measures": "council_measures.xlsx"}
