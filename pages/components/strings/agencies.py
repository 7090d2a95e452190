"""The agencies page (ag.*)."""

STRINGS: dict[str, dict[str, str]] = {
    "ag.households_more": {"ko": "접촉이 많은 상위 {shown}개 가구만 표시합니다.",
                           "en": "Showing the {shown} households with most contacts."},
    "ag.network": {"ko": "기관 공동 개입 네트워크", "en": "Agency co-involvement network"},
    "ag.strongest": {"ko": "공유 가구가 많은 상위 {n}개 관계 (전체 {total}개)",
                     "en": "The {n} strongest links by shared households (of {total})"},
    "ag.caseload": {"ko": "기관별 사례 수와 의뢰", "en": "Caseload and referrals by agency"},
    "ag.households": {"ko": "선택한 기관이 관여한 가구", "en": "Households the selected agency touches"},
    "ag.pick": {"ko": "네트워크나 표에서 기관을 고르세요", "en": "Pick an agency in the network or table"},
}
