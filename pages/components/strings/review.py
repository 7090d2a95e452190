"""The review page (rv.*)."""

STRINGS: dict[str, dict[str, str]] = {
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
}
