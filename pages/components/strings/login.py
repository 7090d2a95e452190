"""The sign-in page (login.*) and the purpose-of-access dialog (purpose.*)."""

STRINGS: dict[str, dict[str, str]] = {
    "login.title": {"ko": "JSS Graph 로그인", "en": "JSS Graph sign-in"},
    "login.subtitle": {"ko": "제주 자치경찰 피해자 보호 사례 관계망", "en": "Jeju victim-protection case network"},
    "login.username": {"ko": "사용자 이름", "en": "User name"},
    "login.password": {"ko": "비밀번호", "en": "Password"},
    "login.submit": {"ko": "로그인", "en": "Sign in"},
    "login.footer": {"ko": "모든 열람·조회·내보내기는 감사 기록에 남습니다. 업무 목적 외 열람은 금지됩니다.",
                     "en": "Every view, query and export is recorded in the audit trail. Viewing for any purpose "
                           "other than your work is forbidden."},
    "login.expired": {"ko": "오랫동안 사용하지 않아 로그아웃되었습니다. 다시 로그인하십시오.",
                      "en": "You were signed out after a period of inactivity. Please sign in again."},
    "login.revoked": {"ko": "세션이 종료되었습니다. 다시 로그인하십시오.", "en": "Your session ended. Please sign in again."},
    "login.signed_out": {"ko": "로그아웃되었습니다.", "en": "You are signed out."},
    "login.form_expired": {"ko": "요청이 만료되었습니다. 다시 시도하십시오.", "en": "The form expired. Please try again."},
    "login.failed": {"ko": "사용자 이름 또는 비밀번호가 올바르지 않습니다.", "en": "Wrong user name or password."},
    "login.locked": {"ko": "로그인 시도가 너무 많습니다. {s}초 후에 다시 시도하십시오.",
                     "en": "Too many sign-in attempts. Try again in {s} seconds."},
    "login.logout_get": {"ko": "로그아웃은 화면 위쪽의 로그아웃 버튼으로 하십시오.",
                         "en": "Sign out with the Sign out button at the top of the page."},
    "login.logout_token": {"ko": "요청이 만료되었거나 다른 사이트에서 왔습니다: 로그아웃하지 않았습니다.",
                           "en": "The sign-out request expired or came from another site: you are still signed in."},
    "purpose.title": {"ko": "열람 목적", "en": "Purpose of access"},
    "purpose.intro": {"ko": "개인·가구 정보를 열람하기 전에 목적을 선택하십시오. 목적은 감사 기록에 남습니다.",
                      "en": "Choose why you are opening personal or household records. The purpose is recorded "
                            "in the audit trail."},
    "purpose.text": {"ko": "구체적 목적 (기타 선택 시 필수)", "en": "Details (required for Other)"},
    "purpose.submit": {"ko": "확인", "en": "Continue"},
    "purpose.choose": {"ko": "열람 목적을 선택하십시오", "en": "Choose a purpose"},
    "purpose.describe": {"ko": "'기타'를 선택한 경우 목적을 적어 주십시오", "en": "Describe the purpose when you choose Other"},
}
