"""Captions for the household explorer's nodes: the data gate (`queries.gate`) masks a name,
address, phone or birth date that a node's caption shows for the user's role, through
`auth.masking` (council and agency: 김*희, years of birth, 읍·면·동). Rows and details are masked by
their declared kinds (`auth.declared`); this is only for the captions built from node properties.
Shelter values left readable by a store written before sealing are withheld here too
(`auth.shelters.sensitive_values`). Only the gate imports this module."""

from __future__ import annotations

import logging
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
