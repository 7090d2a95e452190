"""The UI catalogue is complete: every key the source asks for exists in both languages, codes
become labels in one place, and the admin page's and console's messages come out in one language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pages.components import auditview, codes, i18n

REPO = Path(__file__).resolve().parents[2]
# t("key", …) / t('key', …), and the page names given to register_page(name="nav.…").
_T_CALL = re.compile(r"""\bt\(\s*(["'])([a-z_][a-z0-9_]*\.[^"'{}\s]+)\1""")
_PAGE_NAME = re.compile(r"""register_page\([^)]*?\bname=(["'])([^"']+)\1""", re.S)


def _sources() -> list[Path]:
    return sorted((REPO / "pages").rglob("*.py")) + [REPO / "auth" / "purpose.py", REPO / "app.py"]


def test_every_key_the_source_uses_is_in_the_catalogue_in_both_languages() -> None:
    used: dict[str, str] = {}
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for m in _T_CALL.finditer(text):
            used.setdefault(m.group(2), str(path.relative_to(REPO)))
        for m in _PAGE_NAME.finditer(text):
            used.setdefault(m.group(2), str(path.relative_to(REPO)))
    assert len(used) > 100, "the scan found the pages' keys"
    missing = {k: where for k, where in used.items() if k not in i18n.STRINGS}
    assert not missing, f"keys used but not in the catalogue: {missing}"
    for key in used:
        entry = i18n.STRINGS[key]
        assert entry.get("ko", "").strip() and entry.get("en", "").strip(), key


def test_english_labels_hold_no_hangul_and_korean_labels_are_korean() -> None:
    hangul = re.compile(r"[\uac00-\ud7a3]")
    # The language switch names the other language; examples of what a user types (e.g. 김*자) are
    # Korean names.
    english_with_hangul = [k for k, e in i18n.STRINGS.items() if k != "app.lang_switch"
                           and hangul.search(re.sub(r"e\.g\. [^)]*", "", e["en"]))]
    assert not english_with_hangul
    snake = re.compile(r"\b[a-z]+_[a-z_]+\b")
    # Korean labels name settings and commands (JSS_ROW_CAP, `jss users passwd`), never a code;
    # {placeholders} are filled in, not shown.
    korean_with_codes = [k for k, e in i18n.STRINGS.items()
                         if snake.search(re.sub(r"`[^`]*`|JSS_[A-Z_]+|db\.[a-z_.]+|\{[a-z_]+\}", "", e["ko"]))]
    assert not korean_with_codes


@pytest.mark.parametrize(("kind", "value", "ko", "en"), [
    ("relation", "spouse", "배우자", "Spouse"),
    ("relations", "cohabitant", "동거인", "Cohabitant"),           # a column name picks its list
    ("partner_type", "child_protection", "아동보호", "Child protection"),
    ("partner_type", "local_government", "행정", "Local government"),
    ("exposure", "both", "목격·가구 내 신고", "Witnessed and household call"),
    ("kind", "risk_assessment", "위험성 평가", "Risk assessment"),
    ("role", "victim", "피해자", "Victim"),
    ("case_type", "가정폭력", "가정폭력", "Domestic violence"),
    ("status", "모니터링", "모니터링", "Monitoring"),               # case statuses …
    ("status", "완료", "완료", "Done"),                             # … and measure statuses
    ("type", "지구대·파출소", "지구대·파출소", "Police box"),
    ("type", "임시조치2호", "임시조치2호", "Temporary order no. 2"),
])
def test_code_label_in_both_languages(kind: str, value: str, ko: str, en: str) -> None:
    assert codes.code_label(kind, value, "ko") == ko
    assert codes.code_label(kind, value, "en") == en


def test_unknown_codes_show_as_they_are() -> None:
    assert codes.code_label("relation", "neighbour", "en") == "neighbour"
    assert codes.code_label("no_such_column", "spouse", "en") == "spouse"
    assert codes.code_label("relation", None, "en") == ""
    assert codes.code_cell("case_id", "JSS-2023-0001", "en") == "JSS-2023-0001"


def test_code_cells_translate_lists_joined_text_booleans_and_masking() -> None:
    assert codes.code_cell("relations", ["spouse", "child"], "en") == "Spouse; Child"
    assert codes.code_cell("categories", "가정폭력; 스토킹", "en") == "Domestic violence; Stalking"
    assert codes.code_cell("weapon", True, "ko") == "예"
    assert codes.code_cell("calls", 3, "en") == 3
    assert codes.code_cell("name", "(비공개)", "en") == "(withheld)"
    assert codes.code_cell("on_council_agenda", False, "en") == "No"      # any column: no bare false
    assert codes.code_cell("resolved_at", "2026-12-07T08:22:31+00:00", "ko") == "2026-12-07 17:22"  # KST
    assert codes.code_cell("received_at", "2022-01-03 00:14:00", "ko") == "2022-01-03 00:14:00"
    assert codes.code_label("purpose", "기타: 학대 신고 확인", "en") == "Other: 학대 신고 확인"


def test_every_code_the_jeju_preset_stores_has_labels() -> None:
    """The code lists hold every value the loaders and generator write (spot values of each list)."""
    from loaders.values import CALL_ROLES, CLIENT_ROLES, RELATIONS

    for value in {*RELATIONS.values()}:
        assert codes.known("relation", value), value
    for value in {*CALL_ROLES.values(), *CLIENT_ROLES.values()}:
        assert codes.known("role", value), value
    agency_types = ["경찰서", "지구대·파출소", "해바라기센터", "가정폭력상담소", "성폭력상담소", "보호시설", "청소년쉼터",
                    "아동보호전문기관", "의료기관", "정신건강복지센터", "법률지원기관", "읍면동주민센터", "가해자교정기관",
                    "보호관찰소", "교육기관", "다문화가족지원센터", "기타"]
    assert all(codes.known("agency_type", v) for v in agency_types)


def test_audit_rows_read_as_text_in_korean_time() -> None:
    entry = {"seq": 7, "ts": "2025-03-01T15:30:00.000+00:00", "event": "export", "user": "kim", "role": "analyst",
             "target_type": "pattern", "target": "repeat_victims", "purpose": "위험평가",
             "detail": {"rows": 1200, "format": "csv", "param_keys": ["from", "to"]}, "client": "10.0.0.1",
             "ids": {"person": ["P-1", "P-2"]}}
    ko = auditview.audit_row(entry, "ko")
    assert ko["ts"] == "2025-03-02 00:30:00"      # UTC 15:30 is 00:30 the next day in Korea
    assert ko["user"] == "kim (분석가)" and ko["event"] == "내보내기" and ko["purpose"] == "위험평가"
    assert ko["target_type"] == "패턴 표" and ko["target"] == "반복 피해자 (열람 ID 2개)"
    assert ko["detail"] == "행 수: 1,200 · 형식: csv · 매개변수: from, to"
    en = auditview.audit_row(entry, "en")
    assert en["event"] == "Export" and en["purpose"] == "Risk assessment" and en["target_type"] == "pattern table"
    assert en["detail"] == "rows: 1,200 · format: csv · parameters: from, to"
    assert "{" not in ko["detail"] and "[" not in ko["detail"]


def test_admin_form_errors_are_shown_in_the_users_language() -> None:
    from auth.users import UserError
    from pages.components.admintext import user_error_text

    exc = UserError("user 'kim' already exists (use `jss users passwd`)")
    assert user_error_text(exc, "kim", "ko") == "이미 있는 사용자입니다: kim"
    assert user_error_text(exc, "kim", "en") == "User kim already exists"
    short = UserError("비밀번호는 12자 이상이어야 합니다 (password shorter than 12)")
    assert user_error_text(short, "kim", "en") == "The password must be at least 12 characters"
    bad = UserError("user name '' must be 2-32 characters: a-z, 0-9, _ . - (lower case)")
    assert "2–32" in user_error_text(bad, "", "ko")


def test_console_messages_in_one_language_and_without_the_explain_prefix() -> None:
    from pages.components.consoletext import one_language, syntax_detail

    refused = "쓰기 명령(CREATE)은 허용되지 않습니다: 콘솔은 읽기 전용입니다 (CREATE is a write; the console is read-only)"
    assert one_language(refused, "ko") == "쓰기 명령(CREATE)은 허용되지 않습니다: 콘솔은 읽기 전용입니다"
    assert one_language(refused, "en") == "CREATE is a write; the console is read-only"
    assert one_language("no parentheses here", "en") == "no parentheses here"
    neo4j = ("Cypher 문법 오류입니다 (syntax error): Invalid input 'RETRN': expected 'RETURN' "
             "(line 1, column 19 (offset: 18))\n\"EXPLAIN MATCH (n) RETRN n\"\n                   ^")
    shown = syntax_detail(neo4j)
    assert "EXPLAIN" not in shown and "syntax error" not in shown
    assert "(line 1, column 11 (offset: 10))" in shown
    lines = shown.split("\n")
    assert lines[1] == '"MATCH (n) RETRN n"' and lines[2].index("^") == lines[1].index("RETRN")


def test_a_table_search_finds_a_code_by_the_label_it_shows() -> None:
    from pages.components.tables import select_rows

    rows = [{"relations": ["spouse"], "n": 1}, {"relations": ["child"], "n": 2}]
    assert select_rows(rows, search="배우자", sort_by=None, lang="ko") == rows[:1]
    assert select_rows(rows, search="Spouse", sort_by=None, lang="en") == rows[:1]
    assert select_rows(rows, search="spouse", sort_by=None) == rows[:1]


def test_refusals_and_errors_are_shown_in_one_language() -> None:
    from auth.guard import AccessDenied
    from pages.common import reason_text

    denied = AccessDenied("권한이 없습니다: page:admin (role analyst)")
    assert reason_text(denied, "en") == "The role Analyst does not hold the permission page:admin"
    assert reason_text(denied, "ko") == "분석가 역할에는 page:admin 권한이 없습니다"
    scope = AccessDenied("열람 범위 밖의 기록입니다 (outside your scope)")
    assert reason_text(scope, "en") == "Outside your scope"
    assert reason_text(scope, "ko") == "열람 범위 밖의 기록입니다"
