"""Roles and the permission matrix (documented in docs/security.md; enforced on the server)."""

from __future__ import annotations

# `secretary`: the council's secretary (실무협의회 간사), who reads the agenda suggestions
# (suggest/) and accepts or dismisses them; sees the council's households and the suggested ones,
# masked like the council.
# `agency`: a worker of one agency (a Sunflower Center, a counselling centre, a shelter …), who
# sees the households the agency has served or been referred, masked like the council.
ROLES = ("council", "secretary", "agency", "analyst", "data_staff", "admin")

# permission -> roles that hold it. Pages are `page:<name>`, actions `action:<name>`.
PERMISSIONS: dict[str, frozenset[str]] = {
    "page:overview": frozenset({"council", "secretary", "agency", "analyst", "data_staff", "admin"}),
    # council: agenda households only; secretary: those and the suggested ones; agency: its own
    # clients' households; all three masked
    "page:case": frozenset({"council", "secretary", "agency", "analyst", "data_staff", "admin"}),
    "page:household": frozenset({"council", "secretary", "agency", "analyst", "data_staff", "admin"}),
    "page:person": frozenset({"analyst", "data_staff", "admin"}),
    "page:patterns": frozenset({"analyst", "data_staff", "admin"}),
    "page:agencies": frozenset({"analyst", "data_staff", "admin"}),
    "page:review": frozenset({"analyst", "data_staff", "admin"}),
    "page:suggestions": frozenset({"secretary", "analyst", "data_staff", "admin"}),
    "page:console": frozenset({"data_staff", "admin"}),
    "page:admin": frozenset({"admin"}),
    "action:export": frozenset({"council", "secretary", "agency", "analyst", "data_staff", "admin"}),
    "action:review_decide": frozenset({"analyst", "data_staff", "admin"}),
    "action:suggestion_decide": frozenset({"secretary", "admin"}),
    "action:console_run": frozenset({"data_staff", "admin"}),
    "action:users_manage": frozenset({"admin"}),
    "action:audit_search": frozenset({"admin"}),
    "data:full_detail": frozenset({"analyst", "data_staff", "admin"}),  # else masked
    "data:shelter_address": frozenset({"admin"}),
}


def can(role: str | None, permission: str) -> bool:
    return role is not None and role in PERMISSIONS.get(permission, frozenset())


def matrix_markdown() -> str:
    """The permission matrix as the Markdown table in docs/security.md (a test keeps them equal)."""
    lines = ["| permission | " + " | ".join(ROLES) + " |", "|---|" + "---|" * len(ROLES)]
    for perm, holders in PERMISSIONS.items():
        lines.append(f"| `{perm}` | " + " | ".join("✔" if r in holders else "—" for r in ROLES) + " |")
    return "\n".join(lines)
