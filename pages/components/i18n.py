"""Every user-facing label of the app, in Korean (default) and English.

The chosen language lives in a cookie (`jss_lang`) so that layouts and callbacks rendered on the
server can read it, and in the `app-lang` dcc.Store in the browser; switching reloads the page so
every label changes at once. A unit test checks that each key has both languages.
"""

from __future__ import annotations

LANGS = ("ko", "en")
DEFAULT_LANG = "ko"
COOKIE = "jss_lang"

STRINGS: dict[str, dict[str, str]] = {
    # --- shell ---------------------------------------------------------------------------------
    "app.title": {"ko": "JSS 사건 관계 그래프", "en": "JSS case relationship graph"},
    "app.lang_switch": {"ko": "English", "en": "한국어"},
    "app.db_down": {"ko": "Neo4j 데이터베이스에 연결할 수 없습니다. 다시 연결되면 이 알림은 사라집니다.",
                    "en": "Cannot reach the Neo4j database. This notice clears itself once it is back."},
    "app.refused": {"ko": "이 화면을 볼 권한이 없습니다", "en": "You may not open this page"},
    "app.signin_hint": {"ko": "로그인한 뒤 다시 시도하세요. 권한이 필요하면 관리자에게 문의하세요.",
                        "en": "Sign in and try again; ask an administrator if you need access."},
    "app.error": {"ko": "요청을 처리하지 못했습니다", "en": "The request could not be completed"},
    "app.empty": {"ko": "데이터가 없습니다 — `jss load`로 불러오세요",
                  "en": "No data yet — load it with `jss load`"},
    "app.not_found": {"ko": "찾을 수 없습니다", "en": "Not found"},
    "app.truncated": {"ko": "결과가 많아 일부만 표시합니다", "en": "Many results: only part is shown"},
    # --- nav (page names) ----------------------------------------------------------------------
    "nav.overview": {"ko": "현황", "en": "Overview"},
    "nav.household": {"ko": "가구 탐색", "en": "Households"},
    "nav.case": {"ko": "협의회 안건", "en": "Council cases"},
    "nav.patterns": {"ko": "패턴", "en": "Patterns"},
    "nav.agencies": {"ko": "기관", "en": "Agencies"},
    "nav.review": {"ko": "동일인 검토", "en": "Review"},
    "nav.person": {"ko": "인물", "en": "Person"},
    # --- overview ------------------------------------------------------------------------------
    "ov.period": {"ko": "기간", "en": "Period"},
    "ov.cases": {"ko": "협의회 안건", "en": "Council cases"},
    "ov.measures": {"ko": "맞춤형 보호·지원", "en": "Tailored measures"},
    "ov.avg_agencies": {"ko": "안건당 참석기관", "en": "Agencies per case"},
    "ov.non_police": {"ko": "경찰 외 기관 제출", "en": "Non-police submissions"},
    "ov.repeat_rate": {"ko": "재신고율", "en": "Repeat-call rate"},
    "ov.calls": {"ko": "112 신고", "en": "112 calls"},
    "ov.people": {"ko": "인물", "en": "People"},
    "ov.households": {"ko": "가구", "en": "Households"},
    "ov.by_field": {"ko": "분야별 지원", "en": "Measures by field"},
    "ov.linkage": {"ko": "연계 의뢰 전년 대비", "en": "Referral linkage year on year"},
    "ov.calls_yoy": {"ko": "관계성 범죄 신고 전년 대비", "en": "Relationship-crime calls year on year"},
    "ov.changes": {"ko": "전년 대비 변화", "en": "Change on the year before"},
    "ov.no_previous": {"ko": "비교할 전년 자료가 없습니다", "en": "No previous year to compare with"},
    "ov.partial_year": {"ko": "일부 기간", "en": "part of the year"},
    "ov.year": {"ko": "연도", "en": "Year"},
    "ov.count": {"ko": "건수", "en": "Count"},
    # --- household explorer --------------------------------------------------------------------
    "hh.search": {"ko": "이름(일부), 전화번호, 주소 또는 ID로 검색", "en": "Search by name (partial), phone, address or id"},
    "hh.search_button": {"ko": "검색", "en": "Search"},
    "hh.no_results": {"ko": "검색 결과가 없습니다", "en": "No matches"},
    "hh.pick": {"ko": "사람을 검색해 가구를 여세요", "en": "Search for a person to open their household"},
    "hh.details": {"ko": "선택한 항목", "en": "Selected item"},
    "hh.details_empty": {"ko": "그래프에서 항목을 누르면 자세한 내용이 여기에 나옵니다.",
                         "en": "Tap an item in the graph to see its details here."},
    "hh.legend": {"ko": "범례", "en": "Legend"},
    "hh.filters": {"ko": "필터", "en": "Filters"},
    "hh.date_range": {"ko": "기간", "en": "Date range"},
    "hh.relations": {"ko": "관계 유형", "en": "Relation types"},
    "hh.agency_types": {"ko": "기관 유형", "en": "Agency types"},
    "hh.timeline": {"ko": "타임라인: 신고·조치·지원", "en": "Timeline: calls, measures, services"},
    "hh.more": {"ko": "{n}개 더", "en": "{n} more"},
    "hh.expand_hint": {"ko": "항목을 누르면 연결된 항목이 펼쳐집니다 (한 번에 최대 {cap}개).",
                       "en": "Tap an item to expand its neighbours (at most {cap} at a time)."},
    "hh.provenance": {"ko": "출처", "en": "Provenance"},
    "hh.risk_reasons": {"ko": "위험 사유", "en": "Risk reasons"},
    "hh.open_household": {"ko": "이 가구 열기", "en": "Open this household"},
    "hh.open_person": {"ko": "인물 상세", "en": "Person details"},
    "hh.open_case": {"ko": "안건 보기", "en": "Open case"},
    "hh.members": {"ko": "구성원", "en": "Members"},
    "hh.council_only": {"ko": "협의회 안건에 오른 가구만 열람할 수 있습니다",
                        "en": "Only households on the council's agenda can be opened"},
    "hh.reset": {"ko": "처음 상태로", "en": "Reset view"},
    "hh.elements": {"ko": "항목 {n}개 표시", "en": "{n} items shown"},
    # --- node types ----------------------------------------------------------------------------
    "type.Person": {"ko": "인물", "en": "Person"},
    "type.PersonRecord": {"ko": "인물 기록(미확정)", "en": "Person record (unresolved)"},
    "type.Household": {"ko": "가구", "en": "Household"},
    "type.Address": {"ko": "주소", "en": "Address"},
    "type.Call": {"ko": "112 신고", "en": "112 call"},
    "type.PoliceMeasure": {"ko": "경찰 조치", "en": "Police measure"},
    "type.RiskAssessment": {"ko": "위험성 평가", "en": "Risk assessment"},
    "type.Service": {"ko": "지원 서비스", "en": "Service"},
    "type.CouncilCase": {"ko": "협의회 안건", "en": "Council case"},
    "type.CouncilMeasure": {"ko": "협의회 지원계획", "en": "Council measure"},
    "type.Agency": {"ko": "기관", "en": "Agency"},
    "type.More": {"ko": "더 보기", "en": "More"},
    # --- roles ---------------------------------------------------------------------------------
    "role.victim": {"ko": "피해자", "en": "Victim"},
    "role.suspect": {"ko": "가해자", "en": "Suspect"},
    "role.offender": {"ko": "가해자", "en": "Offender"},
    "role.reporter": {"ko": "신고자", "en": "Reporter"},
    "role.child_witness": {"ko": "목격아동", "en": "Child witness"},
    "role.child": {"ko": "아동", "en": "Child"},
    "role.subject": {"ko": "대상자", "en": "Subject"},
    "role.family": {"ko": "가족", "en": "Family"},
    # --- relation types (relationship types of the graph model) -------------------------------
    "rel.INVOLVED_IN": {"ko": "신고 관련", "en": "Named on call"},
    "rel.SUBJECT_OF": {"ko": "조치·지원 대상", "en": "Subject of"},
    "rel.MEMBER_OF": {"ko": "가구 구성원", "en": "Household member"},
    "rel.LIVES_AT": {"ko": "거주", "en": "Lives at"},
    "rel.AT": {"ko": "주소", "en": "At address"},
    "rel.RELATED_TO": {"ko": "관계", "en": "Related to"},
    "rel.HANDLED_BY": {"ko": "담당 관서", "en": "Handled by"},
    "rel.FOR_CALL": {"ko": "관련 신고", "en": "For call"},
    "rel.BY_AGENCY": {"ko": "수행 기관", "en": "By agency"},
    "rel.REFERRED_BY": {"ko": "의뢰 기관", "en": "Referred by"},
    "rel.SUBMITTED_BY": {"ko": "제출 기관", "en": "Submitted by"},
    "rel.ATTENDED": {"ko": "참석", "en": "Attended"},
    "rel.FOR_CASE": {"ko": "안건", "en": "For case"},
    "rel.ASSIGNED_TO": {"ko": "담당 기관", "en": "Assigned to"},
    # --- council case map ----------------------------------------------------------------------
    "case.pick": {"ko": "안건을 고르세요", "en": "Pick an agenda item"},
    "case.victim": {"ko": "피해자", "en": "Victim"},
    "case.offender": {"ko": "가해자", "en": "Offender"},
    "case.household": {"ko": "가구", "en": "Household"},
    "case.attending": {"ko": "참석기관", "en": "Attending agencies"},
    "case.submitted_by": {"ko": "제출기관", "en": "Submitted by"},
    "case.meeting": {"ko": "회의", "en": "Meeting"},
    "case.status": {"ko": "상태", "en": "Status"},
    "case.risk": {"ko": "위험등급", "en": "Risk level"},
    "case.type": {"ko": "사건유형", "en": "Case type"},
    "case.measures": {"ko": "분야별 지원계획", "en": "Measures by field"},
    "case.field": {"ko": "분야", "en": "Field"},
    "case.agency": {"ko": "담당기관", "en": "Agency"},
    "case.description": {"ko": "내용", "en": "Description"},
    "case.due": {"ko": "완료예정일", "en": "Due"},
    "case.done": {"ko": "완료일", "en": "Done"},
    "case.reason": {"ko": "미완료사유", "en": "Reason not done"},
    "case.overdue": {"ko": "기한 경과", "en": "Overdue"},
    "case.overdue_count": {"ko": "기한 경과 {n}건", "en": "{n} overdue"},
    "case.print": {"ko": "인쇄용 보기", "en": "Print view"},
    "case.print_now": {"ko": "인쇄", "en": "Print"},
    "case.export_png": {"ko": "PNG 내보내기", "en": "Export PNG"},
    "case.export_svg": {"ko": "SVG 내보내기", "en": "Export SVG"},
    "case.exported": {"ko": "내보냈습니다: {kind}", "en": "Exported: {kind}"},
    "case.as_of": {"ko": "기준일", "en": "As of"},
    "case.list": {"ko": "안건 목록", "en": "Agenda items"},
    # --- patterns ------------------------------------------------------------------------------
    "pat.repeat_victims": {"ko": "반복 피해자", "en": "Repeat victims"},
    "pat.repeat_addresses": {"ko": "반복 신고 주소", "en": "Repeat addresses"},
    "pat.serial_offenders": {"ko": "다수 피해자 가해자", "en": "Serial offenders"},
    "pat.escalation": {"ko": "위험 고조", "en": "Escalation"},
    "pat.fragmented_households": {"ko": "지원 분절 가구", "en": "Fragmented households"},
    "pat.children_exposed": {"ko": "아동 노출", "en": "Children exposed"},
    "pat.open_council_measures": {"ko": "미완료 지원계획", "en": "Open council measures"},
    "pat.click_hint": {"ko": "행을 누르면 가구 탐색이 열립니다. 열 제목을 누르면 정렬됩니다.",
                       "en": "Click a row to open the household explorer; click a header to sort."},
    "pat.search": {"ko": "표 안에서 찾기", "en": "Find in the table"},
    "pat.csv": {"ko": "CSV 내려받기", "en": "Download CSV"},
    "pat.rows": {"ko": "{n}행", "en": "{n} rows"},
    # --- agencies ------------------------------------------------------------------------------
    "ag.network": {"ko": "기관 공동 개입 네트워크", "en": "Agency co-involvement network"},
    "ag.strongest": {"ko": "공유 가구가 많은 상위 {n}개 관계 (전체 {total}개)",
                     "en": "The {n} strongest links by shared households (of {total})"},
    "ag.caseload": {"ko": "기관별 사례 수와 의뢰", "en": "Caseload and referrals by agency"},
    "ag.households": {"ko": "선택한 기관이 관여한 가구", "en": "Households the selected agency touches"},
    "ag.pick": {"ko": "네트워크나 표에서 기관을 고르세요", "en": "Pick an agency in the network or table"},
    # --- review --------------------------------------------------------------------------------
    "rv.title": {"ko": "동일인 판단 보류 쌍", "en": "Grey-zone record pairs"},
    "rv.confirm": {"ko": "같은 사람", "en": "Same person"},
    "rv.split": {"ko": "다른 사람", "en": "Different people"},
    "rv.score": {"ko": "점수", "en": "Score"},
    "rv.evidence": {"ko": "근거", "en": "Evidence"},
    "rv.none": {"ko": "검토할 쌍이 없습니다", "en": "No pairs to review"},
    "rv.unavailable": {"ko": "동일인 검토 기능이 아직 준비되지 않았습니다 (resolution.review)",
                       "en": "Review is not available yet (resolution.review)"},
    "rv.decided": {"ko": "결정을 저장했습니다: {decision}", "en": "Decision saved: {decision}"},
    "rv.left": {"ko": "기록 A", "en": "Record A"},
    "rv.right": {"ko": "기록 B", "en": "Record B"},
    # --- person --------------------------------------------------------------------------------
    "pe.records": {"ko": "원본 기록", "en": "Source records"},
    "pe.events": {"ko": "관련 사건", "en": "Related events"},
    # --- table columns (catalogue and app queries) ---------------------------------------------
    "col.person_id": {"ko": "인물 ID", "en": "Person id"},
    "col.name": {"ko": "성명", "en": "Name"},
    "col.household_id": {"ko": "가구", "en": "Household"},
    "col.calls_in_window": {"ko": "기간 내 신고", "en": "Calls in window"},
    "col.total_calls": {"ko": "전체 신고", "en": "All calls"},
    "col.first_call_at": {"ko": "첫 신고", "en": "First call"},
    "col.last_call_at": {"ko": "마지막 신고", "en": "Last call"},
    "col.call_ids": {"ko": "신고번호", "en": "Call ids"},
    "col.window_call_ids": {"ko": "기간 내 신고번호", "en": "Calls in window (ids)"},
    "col.address_id": {"ko": "주소 ID", "en": "Address id"},
    "col.address": {"ko": "주소", "en": "Address"},
    "col.district": {"ko": "관할", "en": "District"},
    "col.household_ids": {"ko": "가구", "en": "Households"},
    "col.categories": {"ko": "사건종별", "en": "Categories"},
    "col.victims": {"ko": "피해자 수", "en": "Victims"},
    "col.victim_person_ids": {"ko": "피해자 ID", "en": "Victim ids"},
    "col.relations": {"ko": "관계", "en": "Relations"},
    "col.relation": {"ko": "관계", "en": "Relation"},
    "col.victim_id": {"ko": "피해자 ID", "en": "Victim id"},
    "col.victim_name": {"ko": "피해자", "en": "Victim"},
    "col.suspect_id": {"ko": "가해자 ID", "en": "Suspect id"},
    "col.suspect_name": {"ko": "가해자", "en": "Suspect"},
    "col.first_severity": {"ko": "첫 심각도", "en": "First severity"},
    "col.last_severity": {"ko": "최근 심각도", "en": "Last severity"},
    "col.increase": {"ko": "증가", "en": "Increase"},
    "col.rises": {"ko": "상승", "en": "Rises"},
    "col.falls": {"ko": "하락", "en": "Falls"},
    "col.severities": {"ko": "심각도 추이", "en": "Severities"},
    "col.agencies": {"ko": "기관 수", "en": "Agencies"},
    "col.agency_ids": {"ko": "기관코드", "en": "Agency ids"},
    "col.agency_types": {"ko": "기관유형", "en": "Agency types"},
    "col.members": {"ko": "구성원", "en": "Members"},
    "col.contacts": {"ko": "접촉", "en": "Contacts"},
    "col.first_contact": {"ko": "첫 접촉", "en": "First contact"},
    "col.last_contact": {"ko": "마지막 접촉", "en": "Last contact"},
    "col.service_keys": {"ko": "지원번호", "en": "Services"},
    "col.birth_date": {"ko": "생년월일", "en": "Birth date"},
    "col.exposure": {"ko": "노출", "en": "Exposure"},
    "col.witnessed_call_ids": {"ko": "목격 신고", "en": "Witnessed calls"},
    "col.household_call_ids": {"ko": "가구 신고", "en": "Household calls"},
    "col.calls_in_household": {"ko": "가구 신고 수", "en": "Household calls"},
    "col.measure_id": {"ko": "지원계획번호", "en": "Measure id"},
    "col.case_id": {"ko": "안건번호", "en": "Case id"},
    "col.field": {"ko": "분야", "en": "Field"},
    "col.agency_id": {"ko": "기관코드", "en": "Agency id"},
    "col.agency_name": {"ko": "기관명", "en": "Agency"},
    "col.agency_type": {"ko": "기관유형", "en": "Agency type"},
    "col.description": {"ko": "내용", "en": "Description"},
    "col.due_date": {"ko": "완료예정일", "en": "Due date"},
    "col.days_overdue": {"ko": "경과일", "en": "Days overdue"},
    "col.status": {"ko": "상태", "en": "Status"},
    "col.reason": {"ko": "미완료사유", "en": "Reason"},
    "col.reason_group": {"ko": "사유 구분", "en": "Reason group"},
    "col.type": {"ko": "유형", "en": "Type"},
    "col.calls": {"ko": "신고", "en": "Calls"},
    "col.services": {"ko": "지원", "en": "Services"},
    "col.referrals_received": {"ko": "의뢰받음", "en": "Referrals received"},
    "col.referrals_made": {"ko": "의뢰함", "en": "Referrals made"},
    "col.cases_attended": {"ko": "참석 안건", "en": "Cases attended"},
    "col.council_measures": {"ko": "협의회 지원계획", "en": "Council measures"},
    "col.kind": {"ko": "종류", "en": "Kind"},
    "col.key": {"ko": "번호", "en": "Key"},
    "col.day": {"ko": "일자", "en": "Date"},
    "col.role": {"ko": "역할", "en": "Role"},
    "col.detail": {"ko": "내용", "en": "Detail"},
    "col.record_id": {"ko": "기록 ID", "en": "Record id"},
    "col.sex": {"ko": "성별", "en": "Sex"},
    "col.matched_on": {"ko": "일치 항목", "en": "Matched on"},
    "col.records": {"ko": "기록 수", "en": "Records"},
    # --- generic fields ------------------------------------------------------------------------
    "f.name": {"ko": "성명", "en": "Name"},
    "f.id": {"ko": "ID", "en": "ID"},
    "f.from": {"ko": "시작일", "en": "From"},
    "f.to": {"ko": "종료일", "en": "To"},
    "f.date": {"ko": "일자", "en": "Date"},
    "f.role": {"ko": "역할", "en": "Role"},
    "f.source": {"ko": "출처", "en": "Source"},
    "f.phone": {"ko": "연락처", "en": "Phone"},
    "f.address": {"ko": "주소", "en": "Address"},
    "f.birth": {"ko": "생년월일", "en": "Birth date"},
    "f.household": {"ko": "가구", "en": "Household"},
    "f.agency": {"ko": "기관", "en": "Agency"},
    "f.count": {"ko": "건수", "en": "Count"},
}


def t(key: str, lang: str = DEFAULT_LANG, **fmt: object) -> str:
    """The label for `key` in `lang` (falls back to Korean, then to the key itself)."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get(DEFAULT_LANG) or key
    return text.format(**fmt) if fmt else text


def column(name: str, lang: str = DEFAULT_LANG) -> str:
    """A table column's header: the translated label when there is one, else the column name."""
    return t(f"col.{name}", lang) if f"col.{name}" in STRINGS else name


def normalise_lang(value: object) -> str:
    return value if value in LANGS else DEFAULT_LANG


def current_lang() -> str:
    """The language of the current request (cookie), Korean outside a request."""
    try:
        from flask import has_request_context, request
    except ImportError:  # pragma: no cover - flask ships with dash
        return DEFAULT_LANG
    if not has_request_context():
        return DEFAULT_LANG
    return normalise_lang(request.cookies.get(COOKIE))
