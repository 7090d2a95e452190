"""The shell: title, notices and page names (nav.*)."""

STRINGS: dict[str, dict[str, str]] = {
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
    "nav.overview": {"ko": "현황", "en": "Overview"},
    "nav.household": {"ko": "가구 탐색", "en": "Households"},
    "nav.case": {"ko": "협의회 안건", "en": "Council cases"},
    "nav.patterns": {"ko": "패턴", "en": "Patterns"},
    "nav.agencies": {"ko": "기관", "en": "Agencies"},
    "nav.review": {"ko": "동일인 검토", "en": "Review"},
    "nav.person": {"ko": "인물", "en": "Person"},
}
