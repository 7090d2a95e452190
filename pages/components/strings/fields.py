"""Generic field and filter labels (f.*)."""

STRINGS: dict[str, dict[str, str]] = {
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
