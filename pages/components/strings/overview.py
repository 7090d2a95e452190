"""The overview page (ov.*)."""

STRINGS: dict[str, dict[str, str]] = {
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
    "ov.same_months": {"ko": "{months} 기준", "en": "{months}, both years"},
    "ov.coverage": {"ko": "같은 달끼리 비교합니다. 자료 기간: {first} ~ {last} (112 신고 기준)",
                    "en": "Compared over the same months of each year. Data cover {first} to {last} (112 calls)."},
    "ov.year": {"ko": "연도", "en": "Year"},
    "ov.count": {"ko": "건수", "en": "Count"},
}
