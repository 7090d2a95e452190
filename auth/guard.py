"""Who is asking: the signed-in user of the current request, and permission checks that every
page layout and callback calls on the server (hiding a button is never the protection)."""

from __future__ import annotations

from dataclasses import dataclass

from auth.roles import ROLES, can
from graph.errors import JSSError


class AccessDenied(JSSError):
    """The current user's role does not hold the permission (or nobody is signed in)."""


@dataclass(frozen=True)
class User:
    username: str
    role: str
    display_name: str = ""
    agency_id: str = ""   # the agency role's own agency (queries.gate: scope)

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}")


def current_user() -> User | None:
    """The user signed in on this request's session, or None (outside a request: None)."""
    try:
        from flask import has_request_context, session
    except ImportError:  # pragma: no cover - flask ships with dash
        return None
    if not has_request_context():
        return None
    data = session.get("jss_user")
    if not data:
        return None
    try:
        return User(username=data["username"], role=data["role"], display_name=data.get("display_name", ""),
                    agency_id=data.get("agency_id") or "")
    except (KeyError, ValueError):
        return None


def require(permission: str, user: User | None = None) -> User:
    """The current user if they hold `permission`; raises AccessDenied otherwise."""
    user = user or current_user()
    if user is None:
        raise AccessDenied("로그인이 필요합니다 (sign-in required)")
    if not can(user.role, permission):
        raise AccessDenied(f"권한이 없습니다: {permission} (role {user.role})")
    return user
