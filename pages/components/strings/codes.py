"""Every code list the app shows (code.<kind>.<value>), read through pages.components.codes.

Values are the codes as the graph stores them: English snake_case where the loaders normalise
(relations, roles, kinds, partner types), the Korean words of the data contract where the agencies'
own vocabulary is kept (categories, grades, fields, statuses, agency types — docs/data-model.md).
A Korean value's "ko" label is the value itself, so Korean mode shows exactly what was recorded.
"""

from __future__ import annotations


def _kind(kind: str, labels: dict[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
    return {f"code.{kind}.{value}": {"ko": ko, "en": en} for value, (ko, en) in labels.items()}


def _korean(kind: str, labels: dict[str, str]) -> dict[str, dict[str, str]]:
    """A list whose stored values are Korean words: the Korean label is the value."""
    return _kind(kind, {value: (value, en) for value, en in labels.items()})


STRINGS: dict[str, dict[str, str]] = {
    # Relation to the victim on a call (loaders/values.py RELATIONS) and between people.
    **_kind("relation", {
        "spouse": ("배우자", "Spouse"), "ex_spouse": ("전 배우자", "Former spouse"),
        "cohabitant": ("동거인", "Cohabitant"), "partner": ("연인", "Partner"),
        "ex_partner": ("전 연인", "Former partner"), "parent": ("부모", "Parent"), "child": ("자녀", "Child"),
        "sibling": ("형제자매", "Sibling"), "relative": ("친족", "Relative"),
        "acquaintance": ("지인", "Acquaintance"), "stranger": ("모르는 사람", "Stranger"),
        "self": ("본인", "Self"), "family": ("가족", "Family"), "household": ("같은 가구", "Same household"),
    }),
    # A person's role on a call, a service or a council case (CALL_ROLES, CLIENT_ROLES).
    **_kind("role", {
        "victim": ("피해자", "Victim"), "suspect": ("가해자", "Suspect"), "offender": ("가해자", "Offender"),
        "reporter": ("신고자", "Reporter"), "child_witness": ("목격 아동", "Child witness"),
        "child": ("아동", "Child"), "family": ("가족", "Family member"), "subject": ("대상자", "Subject"),
    }),
    **_kind("sex", {"M": ("남", "Male"), "F": ("여", "Female")}),
    **_kind("bool", {"true": ("예", "Yes"), "false": ("아니오", "No")}),
    # Kinds of event or contact (person_detail, household_agencies, household_contacts).
    **_kind("kind", {
        "call": ("112 신고", "112 call"), "police_measure": ("경찰 조치", "Police measure"),
        "risk_assessment": ("위험성 평가", "Risk assessment"), "service": ("지원", "Service"),
        "council_case": ("협의회 안건", "Council case"), "council_measure": ("협의회 지원계획", "Council measure"),
        "council_submission": ("안건 제출", "Case submitted"),
        "council_attendance": ("협의회 참석", "Council attendance"), "attended": ("협의회 참석", "Attended"),
        "measure": ("지원계획", "Measure"), "relation": ("관계", "Relation"), "person": ("인물", "Person"),
        "referral": ("의뢰", "Referral"),
    }),
    # Partner types of the referral linkage (queries/linkage_yoy.cypher).
    **_kind("partner_type", {
        "medical": ("의료", "Medical"), "correction": ("교정", "Offender programmes"),
        "counselling": ("상담", "Counselling"), "shelter": ("보호시설", "Shelters"),
        "child_protection": ("아동보호", "Child protection"), "legal": ("법률", "Legal aid"),
        "local_government": ("행정", "Local government"), "education": ("교육", "Education"),
        "other": ("기타", "Other"), "all": ("전체", "All partners"),
        "medical+correction+counselling": ("의료·교정·상담", "Medical, correction and counselling"),
    }),
    # How a child was exposed (derived/cypher/06_person_child_exposure.cypher).
    **_kind("exposure", {
        "witness": ("목격", "Witnessed"), "household": ("가구 내 신고", "Call in the household"),
        "both": ("목격·가구 내 신고", "Witnessed and household call"),
    }),
    # What a search hit matched on (queries/search_people.cypher).
    **_kind("matched_on", {
        "id": ("ID", "Id"), "name": ("이름", "Name"), "phone": ("전화번호", "Phone"), "address": ("주소", "Address"),
        "call": ("신고번호", "Call id"),
    }),
    # Node labels and relationship types where a table shows them as values.
    **_kind("label", {
        "Person": ("인물", "Person"), "PersonRecord": ("인물 기록", "Person record"), "Household": ("가구", "Household"),
        "Address": ("주소", "Address"), "Call": ("112 신고", "112 call"), "PoliceMeasure": ("경찰 조치", "Police measure"),
        "RiskAssessment": ("위험성 평가", "Risk assessment"), "Service": ("지원", "Service"),
        "CouncilCase": ("협의회 안건", "Council case"), "CouncilMeasure": ("협의회 지원계획", "Council measure"),
        "Agency": ("기관", "Agency"),
    }),
    **_korean("category", {
        "가정폭력": "Domestic violence", "스토킹": "Stalking", "데이트폭력": "Dating violence",
        "아동학대": "Child abuse", "성폭력": "Sexual violence", "노인학대": "Elder abuse", "기타": "Other",
    }),
    **_korean("outcome", {
        "현장종결": "Closed on site", "형사입건": "Criminal case opened", "임시조치": "Temporary order",
        "긴급임시조치": "Emergency temporary order", "응급조치": "Emergency measure",
        "타기관인계": "Handed to another agency", "기타": "Other",
    }),
    **_korean("measure_type", {
        "긴급임시조치": "Emergency temporary order",
        **{f"임시조치{n}호": f"Temporary order no. {n}" for n in range(1, 6)},
        **{f"잠정조치{n}호": f"Provisional order no. {n}" for n in range(1, 5)},
        "긴급응급조치": "Emergency stalking order", "신변보호": "Personal protection", "스마트워치": "Smartwatch",
        "위치추적": "Location tracking",
    }),
    **_korean("grade", {"매우높음": "Very high", "높음": "High", "보통": "Medium", "낮음": "Low"}),
    **_korean("field", {
        "의료": "Medical", "법률": "Legal", "주거·보호시설": "Housing and shelter", "심리상담": "Counselling",
        "경제": "Financial", "가해자교정": "Offender programmes", "아동보호": "Child protection",
        "안전·신변보호": "Safety and protection", "동행지원": "Accompaniment",
    }),
    **_korean("case_status", {"접수": "Received", "지원중": "In support", "모니터링": "Monitoring", "종결": "Closed"}),
    **_korean("measure_status", {"계획": "Planned", "진행": "In progress", "완료": "Done", "중단": "Stopped"}),
    **_korean("reason", {"상황변화": "Circumstances changed", "기관미이행": "Agency did not act", "기타": "Other",
                         "미기재": "Not recorded", "대상자 연락두절": "Client out of contact",
                         "대상자 거부": "Client declined"}),
    # Which file a person record came from (PersonRecord.source).
    **_kind("source", {
        "call_persons": ("112 신고 인물", "People on calls"), "services": ("지원 기록", "Services"),
        "risk_assessments": ("위험성 평가", "Risk assessments"), "police_measures": ("경찰 조치", "Police measures"),
        "council_cases": ("협의회 안건", "Council cases"), "council_measures": ("협의회 지원계획", "Council measures"),
        "calls": ("112 신고", "Calls"), "agencies": ("기관", "Agencies"),
    }),
    # What masking puts in place of a value (auth/masking.py WITHHELD, SUPPRESSED).
    **_korean("mask", {"(비공개)": "(withheld)", "(보호시설 비공개)": "(withheld: shelter)"}),
    **_korean("agency_type", {
        "경찰서": "Police station", "지구대·파출소": "Police box", "해바라기센터": "Sunflower centre",
        "가정폭력상담소": "Domestic-violence counselling centre", "성폭력상담소": "Sexual-violence counselling centre",
        "보호시설": "Shelter", "청소년쉼터": "Youth shelter", "아동보호전문기관": "Child protection agency",
        "의료기관": "Medical institution", "정신건강복지센터": "Mental health centre", "법률지원기관": "Legal aid",
        "읍면동주민센터": "Community service centre", "가해자교정기관": "Offender programme",
        "보호관찰소": "Probation office", "교육기관": "Education office", "다문화가족지원센터": "Multicultural family centre",
        "기타": "Other",
    }),
    # Application vocabulary: user roles, audit events, sealed kinds, purposes of access.
    **_kind("user_role", {
        "council": ("협의회 위원", "Council member"), "secretary": ("실무협의회 간사", "Council secretary"),
        "agency": ("협력기관", "Agency staff"), "analyst": ("분석가", "Analyst"),
        "data_staff": ("데이터 담당", "Data staff"), "admin": ("관리자", "Administrator"),
    }),
    **_kind("audit_event", {
        "signin_ok": ("로그인", "Signed in"), "signin_fail": ("로그인 실패", "Sign-in failed"),
        "signin_locked": ("로그인 잠김", "Sign-in locked"), "signout": ("로그아웃", "Signed out"),
        "view": ("열람", "Viewed"), "purpose": ("열람 목적", "Purpose of access"), "query": ("조회", "Query"),
        "query_refused": ("조회 거부", "Query refused"), "export": ("내보내기", "Export"),
        "access_denied": ("접근 거부", "Access denied"), "user_admin": ("사용자 관리", "User administration"),
        "audit_seal": ("감사 기록 봉인", "Audit trail sealed"), "decision": ("결정", "Decision"),
        "unseal": ("봉인 해제", "Unsealed"),
    }),
    **_kind("sealed_kind", {
        "agency": ("기관", "Agency"), "record": ("인물 기록", "Person record"), "call": ("112 신고", "112 call"),
    }),
    **_korean("purpose", {
        "사례관리": "Case management", "위험평가": "Risk assessment", "실무협의회 준비": "Council preparation",
        "수사지원": "Investigation support", "기타": "Other",
    }),
}
