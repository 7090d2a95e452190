"""How the data gate (`queries.gate`) turns person and address text into what a user may see,
through `auth.masking` (council sees masked names, years of birth, 읍·면·동 only; before a purpose
of access, lists carry no full birth date or phone; shelter locations withheld from everyone but
admin). Only the gate imports this module."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from auth import masking
from auth.guard import User, current_user
from graph.errors import JSSError

log = logging.getLogger("jss.app")

_KIND_KEY = {"name": "name", "address": "address", "phone": "phone", "birth": "birth_date"}


def _sensitive() -> masking.SensitiveValues | None:
    from auth import shelters
    from queries import db as data

    try:
        return shelters.sensitive_values(data.get_runner(), version=data.graph_version())
    except JSSError as exc:  # the database is down: the page will say so; mask nothing extra
        log.warning("shelter values unavailable: %s", type(exc).__name__)
        return None


def warm() -> None:
    """Read the shelter values at app start (≈3–4 s at the national scale), not on the first page."""
    _sensitive()


def _role(user: User | None) -> str | None:
    user = user or current_user()
    return user.role if user else None


def masker(user: User | None = None) -> Callable[[str, Any], str]:
    """A `(kind, value) -> text` function for the current user (kind: name / address / phone / birth)."""
    role = _role(user)
    policy = masking.Policy.for_role(role)
    sensitive = None if policy.shelter_visible else _sensitive()

    def show(kind: str, value: Any) -> str:
        if value is None:
            return ""
        key = _KIND_KEY.get(kind, kind)
        out = masking.mask_value({key: value}, policy, sensitive)[key]
        return "" if out is None else str(out)

    return show


def mask_rows(rows: list[dict[str, Any]], user: User | None = None, *, listing: bool = False
              ) -> list[dict[str, Any]]:
    """Table rows with the user's policy applied (column names decide what is what); `listing`:
    no purpose of access yet (masking.Policy.listing)."""
    role = _role(user)
    policy = masking.Policy.for_role(role, listing=listing)
    if policy.unchanged:
        return rows
    return masking.mask_rows(rows, role, None if policy.shelter_visible else _sensitive(), listing=listing)


def mask_node(label: str, props: dict[str, Any], user: User | None = None) -> dict[str, Any]:
    """A node's properties as the user may see them (the label matters: every text of an Address)."""
    out = mask_rows([{**props, "_labels": [label]}], user)[0]
    out.pop("_labels", None)
    return out


def searchable_columns(columns: list[str], user: User | None = None) -> list[str]:
    """The columns a table search may look into for this user: never an address or phone column
    (shelter locations may be withheld, and a match would reveal them), never a withheld column,
    and names and birth dates only for a user who sees them unmasked — otherwise a search for a
    full name would tell a council member which masked row it is."""
    open_cols, named = masking.search_classes(columns)
    if masking.Policy.for_role(_role(user)).full_detail:
        return [c for c in columns if c in open_cols or c in named]
    return open_cols


# Masking compares every string with every shelter address, which costs ~40 ms per row of a
# pattern table (lists of call ids); whole tables are therefore masked once per policy and kept
# as long as the underlying cached read (pages/data.py: cached).
_masked_lock = threading.Lock()
_masked: dict[tuple[Any, ...], tuple[Any, list[dict[str, Any]]]] = {}


def masked_table(kind: str, name: str, params: dict[str, Any] | None = None, *, row_cap: int | None = None,
                 user: User | None = None, listing: bool = False) -> tuple[Any, list[dict[str, Any]]]:
    """(the cached ReadResult, its rows masked for the user's policy)."""
    from queries import db as data

    result = data.cached(kind, name, params, row_cap=row_cap)
    role = _role(user)
    policy = masking.Policy.for_role(role, listing=listing)
    key = (kind, name, repr(sorted((params or {}).items())), row_cap, policy)
    with _masked_lock:
        hit = _masked.get(key)
    if hit and hit[0] is result:  # masked from this very read (a re-read makes a new result)
        return result, hit[1]
    rows = mask_rows(result.rows, user or (User("role", role) if role else None), listing=listing)
    with _masked_lock:
        _masked[key] = (result, rows)
    return result, rows
