"""The person page (pe.*)."""

STRINGS: dict[str, dict[str, str]] = {
    "pe.records": {"ko": "원본 기록", "en": "Source records"},
    "pe.events": {"ko": "관련 사건", "en": "Related events"},
}
