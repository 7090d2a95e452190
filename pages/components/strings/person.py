"""The person page (pe.*)."""

STRINGS: dict[str, dict[str, str]] = {
    "pe.events": {"ko": "관련 사건", "en": "Related events"},
    "pe.extra": {"ko": "세부", "en": "Details"},
}
