"""Shared pieces of the per-file builders: the PersonRecord properties and record ids
(docs/architecture.md, "PersonRecord.record_id is deterministic")."""

from __future__ import annotations

import hashlib
from typing import Any


def person_record_hash(role: str | None, name_norm: str | None, birth: str | None) -> str:
    """`sha1(role|name|birth)[:12]` of call_persons record ids, over normalised values so that a
    re-export with a different date format MERGEs onto the same record."""
    text = f"{role or ''}|{name_norm or ''}|{birth or ''}"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def person_props(source: str, name: tuple[str | None, str | None], birth: tuple[Any, Any, Any], *,
                 sex: str | None = None, phone: str | None = None, address: str | None = None,
                 client_ref: str | None = None, agency_id: str | None = None) -> dict[str, Any]:
    """Every PersonRecord property but `birth_date` (sent as ISO text by `iso`, converted by the
    query: the driver's own date conversion is the slowest part of packing a batch). Always all
    keys: a None removes a value an earlier load set."""
    _, birth_year, birth_raw = birth
    return {"source": source, "name": name[0], "name_norm": name[1],
            "birth_year": birth_year, "birth_raw": birth_raw, "sex": sex, "phone": phone,
            "address": address, "client_ref": client_ref, "agency_id": agency_id,
            # set by loaders.shelter_seal when the value is a shelter location (else None)
            "address_sealed": None, "address_ref": None, "phone_sealed": None, "phone_ref": None}


def iso(value: Any) -> str | None:
    """A date or datetime as ISO text for `date()` / `localdatetime()` in the write queries."""
    return value.isoformat() if value is not None else None


def person(key: str, props: dict[str, Any], birth: tuple[Any, Any, Any], **extra: Any) -> dict[str, Any]:
    """One PersonRecord of a write row: key, properties, birth date as ISO text."""
    return {"key": key, "props": props, "birth_date": iso(birth[0]), **extra}


def birth_key(birth: tuple[Any, Any, Any]) -> str | None:
    """The birth part of a record id: the ISO date, else the year, else the text as recorded."""
    d, y, raw = birth
    return d.isoformat() if d else (str(y) if y else raw)
