"""The administration page's texts (pure): auth.users' errors and the users table, in the user's
language."""

from __future__ import annotations

import re
from typing import Any

from pages.components.auditview import kst
from pages.components.codes import code_label
from pages.components.i18n import t

# auth.users raises English (or bilingual) messages for the command line; the page shows its own.
_USER_ERRORS = (
    (r"needs --agency|기관 ID가 필요", "adm.err.agency_needed"),
    (r"only role agency has an agency", "adm.err.agency_only"),
    (r"비밀번호는 (\d+)자 이상", "adm.err.password_short"),
    (r"너무 단순", "adm.err.password_simple"),
    (r"must be 2-32 characters", "adm.err.bad_name"),
    (r"unknown role", "adm.err.bad_role"),
    (r"already exists", "adm.err.exists"),
    (r"no user", "adm.err.no_user"),
)


def user_error_text(exc: Exception, name: str, lang: str) -> str:
    """An auth.users.UserError as the page says it, in `lang`."""
    text = str(exc)
    for pattern, key in _USER_ERRORS:
        m = re.search(pattern, text)
        if m:
            return t(key, lang, name=name, n=m.group(1) if m.groups() else "")
    return f"{t('adm.err.other', lang)}: {text}"


def user_rows(users: list[dict[str, Any]], lang: str) -> list[dict[str, str]]:
    return [{"username": u["username"], "role": code_label("user_role", u["role"], lang),
             "agency_id": u.get("agency_id") or "", "display_name": u.get("display_name") or "",
             "disabled": t("audit.yes" if u.get("disabled") else "audit.no", lang),
             "created": kst(u.get("created")), "password_changed": kst(u.get("password_changed"))} for u in users]
