"""The admin page's way to sealed shelter locations (`auth.shelters.unseal`), with the app's
runner: pages may not import `auth.shelters` or `queries.db` themselves (`.importlinter`). The
permission check (`data:shelter_address`) and the audit entry are in `auth.shelters`."""

from __future__ import annotations

from auth.guard import User
from auth.shelters import SEALED_KINDS, SealError, sealed_items, unseal
from queries.db import get_runner

__all__ = ["SEALED_KINDS", "SealError", "list_sealed", "open_sealed"]


def list_sealed(user: User, limit: int = 200) -> list[dict]:
    """Which nodes hold sealed values (no values). Admin only."""
    return sealed_items(user, get_runner(), limit)


def open_sealed(user: User, kind: str, key: str) -> dict[str, str]:
    """The clear values sealed on one node. Admin only; audited."""
    return unseal(user, kind, key, get_runner())
