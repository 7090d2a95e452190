"""The pattern tables (pat.*)."""

STRINGS: dict[str, dict[str, str]] = {
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
    "pat.rows_at_least": {"ko": "{n}행 이상 (검색어를 더 구체적으로 입력하면 정확한 수가 나옵니다)",
                          "en": "{n}+ rows (refine the search for an exact count)"},
}
