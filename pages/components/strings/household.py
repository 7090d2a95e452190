"""The household explorer (hh.*)."""

STRINGS: dict[str, dict[str, str]] = {
    "hh.search": {"ko": "이름(일부), 전화번호, 주소 또는 ID로 검색", "en": "Search by name (partial), phone, address or id"},
    "hh.search_button": {"ko": "검색", "en": "Search"},
    "hh.no_results": {"ko": "검색 결과가 없습니다", "en": "No matches"},
    "hh.more_results": {"ko": "결과가 {shown}건을 넘습니다. 검색어를 더 구체적으로 입력하세요 (예: 이름 전체, 전화번호 뒷자리 4개 이상).",
                        "en": "More than {shown} matches. Refine the search (a whole name, 4 or more phone digits)."},
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
    "hh.expand_hint": {"ko": "항목을 누르면 연결된 항목이 펼쳐집니다 (한 번에 최대 {cap}개). 많으면 종류별 묶음(예: 112 신고 "
                             "944건)으로 나오고, 묶음을 누르면 연도별로 나뉘거나 그 항목이 추가됩니다.",
                       "en": "Tap an item to expand its neighbours (at most {cap} at a time). Large groups come as "
                             "summaries (e.g. 112 calls: 944); tap one to split it by year or add its items."},
    # Summary nodes of a large fan: the kind on the first line, the count on the second.
    "hh.legend_summary": {"ko": "묶음 (누르면 펼침)", "en": "Summary (tap to open)"},
    "hh.sum_count": {"ko": "{n}건", "en": "{n}"},
    "hh.sum_count_people": {"ko": "{n}명", "en": "{n} people"},
    "hh.sum_count_agencies": {"ko": "{n}곳", "en": "{n} agencies"},
    "hh.sum_year": {"ko": "{kind} · {year}년", "en": "{kind} · {year}"},
    "hh.sum_undated": {"ko": "{kind} · 날짜 없음", "en": "{kind} · undated"},
    # A household named by its members (as the role may see them) and its 동.
    "hh.members_two": {"ko": "{a} · {b}", "en": "{a}, {b}"},
    "hh.members_two_more": {"ko": "{a} · {b} 외 {n}명", "en": "{a}, {b} +{n}"},
    "hh.members_more": {"ko": "{name} 외 {n}명", "en": "{name} +{n}"},
    "hh.timeline_empty": {"ko": "표시된 사건이 없습니다 (기간 필터를 확인하세요)",
                          "en": "No events shown (check the date filter)"},
    "hh.open_household": {"ko": "이 가구 열기", "en": "Open this household"},
    "hh.open_case": {"ko": "안건 보기", "en": "Open case"},
    "hh.members": {"ko": "구성원", "en": "Members"},
    "hh.out_of_scope": {"ko": "열람 범위 밖이거나 없는 가구입니다 (협의회: 안건 가구, 기관: 자기 기관의 지원 가구)",
                        "en": "This household is outside your scope or does not exist (council: agenda households; "
                              "agency: your agency's clients)"},
    "hh.reset": {"ko": "처음 상태로", "en": "Reset view"},
    "hh.elements": {"ko": "항목 {n}개 표시", "en": "{n} items shown"},
}
