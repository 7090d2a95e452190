"""The shell: title, notices and page names (nav.*)."""

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"ko": "JSS 사건 관계 그래프", "en": "JSS case relationship graph"},
    "app.lang_switch": {"ko": "English", "en": "한국어"},
    "app.db_down": {"ko": "Neo4j 데이터베이스에 연결할 수 없습니다. 다시 연결되면 이 알림은 사라집니다.",
                    "en": "Cannot reach the Neo4j database. This notice clears itself once it is back."},
    "app.refused": {"ko": "이 화면을 볼 권한이 없습니다", "en": "You may not open this page"},
    "app.no_permission": {"ko": "{role} 역할에는 {permission} 권한이 없습니다",
                          "en": "The role {role} does not hold the permission {permission}"},
    "app.signin_hint": {"ko": "로그인한 뒤 다시 시도하세요. 권한이 필요하면 관리자에게 문의하세요.",
                        "en": "Sign in and try again; ask an administrator if you need access."},
    "app.error": {"ko": "요청을 처리하지 못했습니다", "en": "The request could not be completed"},
    "app.empty": {"ko": "데이터가 없습니다 — `jss load`로 불러오세요",
                  "en": "No data yet — load it with `jss load`"},
    "app.page_refused": {"ko": "접근 권한이 없습니다", "en": "Access denied"},
    "app.page_refused_detail": {
        "ko": "이 화면은 현재 역할({role})로 볼 수 없습니다. 필요한 권한: {permission}. 권한이 필요하면 관리자에게 문의하십시오.",
        "en": "Your role ({role}) may not open this page. Permission needed: {permission}. "
              "Ask an administrator if you need access."},
    "app.not_found": {"ko": "찾을 수 없습니다", "en": "Not found"},
    "app.truncated": {"ko": "결과가 많아 일부만 표시합니다", "en": "Many results: only part is shown"},
    "nav.overview": {"ko": "현황", "en": "Overview"},
    "nav.household": {"ko": "가구 탐색", "en": "Households"},
    "nav.case": {"ko": "협의회 안건", "en": "Council cases"},
    "nav.patterns": {"ko": "패턴", "en": "Patterns"},
    "nav.agencies": {"ko": "기관", "en": "Agencies"},
    "nav.review": {"ko": "동일인 검토", "en": "Review"},
    "nav.person": {"ko": "인물", "en": "Person"},
    "nav.console": {"ko": "Cypher 콘솔", "en": "Cypher console"},
    "nav.admin": {"ko": "관리", "en": "Administration"},
    "app.sign_out": {"ko": "로그아웃", "en": "Sign out"},
    "app.page_not_found": {"ko": "페이지를 찾을 수 없습니다", "en": "Page not found"},
    "app.page_not_found_hint": {"ko": "주소가 바뀌었거나 없는 페이지입니다. 위의 메뉴에서 화면을 고르십시오.",
                                "en": "The address has changed or the page does not exist. Pick a page in the "
                                      "menu above."},
    "app.go_home": {"ko": "현황으로 가기", "en": "Go to the overview"},
    "table.filter": {"ko": "찾기…", "en": "filter…"},
    # Dash 4 date pickers (date-fns tokens, see assets/datepicker-locale.js)
    "date.month_format": {"ko": "YYYY년 MMMM", "en": "MMMM YYYY"},
}
