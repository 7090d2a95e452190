"""Codes in the user's language (pure): the one way a stored code becomes a label.

`code_label(kind, value, lang)` reads `code.<kind>.<value>` from the catalogue
(pages/components/strings/codes.py); `kind` may also be a column name (`relations`, `case_type`,
`agency_a_type` …), mapped to its code list by COLUMN_KINDS. A value no list knows is shown as
it is — never an error — and `code_cell` renders a table cell column-aware (lists element-wise).
"""

from __future__ import annotations

from typing import Any

from pages.components.i18n import DEFAULT_LANG, STRINGS
from pages.components.values import cell, readable_time

# Column (or field) name → the code lists its values come from, tried in order.
COLUMN_KINDS: dict[str, tuple[str, ...]] = {
    "relation": ("relation",), "relations": ("relation",), "relation_to_victim": ("relation",),
    "role": ("role", "user_role"), "roles": ("role",), "client_role": ("role",),
    "sex": ("sex",),
    "kind": ("kind", "sealed_kind"), "kinds": ("kind",),
    "partner_type": ("partner_type",),
    "exposure": ("exposure",),
    "matched_on": ("matched_on",),
    "label": ("label",), "source_label": ("label",), "target_label": ("label",), "from_label": ("label",),
    "to_label": ("label",),
    "category": ("category",), "categories": ("category",), "case_type": ("category",),
    "outcome": ("outcome",),
    "grade": ("grade",), "risk_level": ("grade",), "risk_grade": ("grade",),
    "first_severity": ("grade",), "last_severity": ("grade",), "severities": ("grade",),
    "field": ("field",), "fields": ("field",), "service_fields": ("field",),
    "status": ("case_status", "measure_status"),
    "reason": ("reason",), "reason_group": ("reason",),
    "type": ("agency_type", "measure_type"), "agency_type": ("agency_type",), "agency_types": ("agency_type",),
    "agency_a_type": ("agency_type",), "agency_b_type": ("agency_type",),
    "weapon": ("bool",), "injury": ("bool",), "child_present": ("bool",), "is_child": ("bool",),
    "disabled": ("bool",),
    "event": ("audit_event",), "source": ("source",),
    "purpose": ("purpose",),
}
_KINDS = sorted({key.split(".")[1] for key in STRINGS if key.startswith("code.")})


def _value_key(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def kinds_of(kind_or_column: str) -> tuple[str, ...]:
    """The code lists `kind_or_column` names: itself when it is a list, else its column's lists."""
    if kind_or_column in _KINDS:
        return (kind_or_column,)
    return COLUMN_KINDS.get(kind_or_column, ())


def known(kind_or_column: str, value: Any) -> bool:
    """True when some list of `kind_or_column` has `value`."""
    v = _value_key(value)
    return any(f"code.{k}.{v}" in STRINGS for k in kinds_of(kind_or_column))


def code_label(kind_or_column: str, value: Any, lang: str = DEFAULT_LANG) -> str:
    """`value` in `lang` when a code list of `kind_or_column` knows it, else `value` as text.

    A purpose given as '기타: <text>' keeps its text after the translated reason."""
    if value is None:
        return ""
    v = _value_key(value)
    for kind in kinds_of(kind_or_column):
        entry = STRINGS.get(f"code.{kind}.{v}")
        if entry is not None:
            return entry.get(lang) or entry[DEFAULT_LANG]
    if kind_or_column == "purpose" and ": " in v:
        reason, text = v.split(": ", 1)
        return f"{code_label('purpose', reason, lang)}: {text}"
    return v


def code_cell(column: str, value: Any, lang: str = DEFAULT_LANG) -> Any:
    """A table cell of `column`: codes in `lang` (each element of a list or of '; '-joined text),
    what masking put in place of a value and yes / no in `lang` (any column), ISO date-times to
    the minute in Korean time, anything else as pages.components.values.cell renders it."""
    if isinstance(value, str) and f"code.mask.{value}" in STRINGS:
        return code_label("mask", value, lang)
    if isinstance(value, bool):   # a table would show true / false
        return code_label("bool", value, lang)
    if not kinds_of(column):
        return cell(readable_time(value))
    if isinstance(value, (list, tuple)):
        return "; ".join(str(code_cell(column, v, lang)) for v in value)
    if isinstance(value, str) and "; " in value:
        return "; ".join(code_label(column, part, lang) for part in value.split("; "))
    if value is None or not (isinstance(value, (str, bool))):
        return cell(value)
    return code_label(column, value, lang)


def code_options(kind: str, values: list[str], lang: str = DEFAULT_LANG) -> list[dict[str, str]]:
    """Dropdown / checklist options: the stored values, labelled in `lang`."""
    return [{"label": code_label(kind, v, lang), "value": v} for v in values]


def all_codes() -> dict[str, list[str]]:
    """Every code list and its values (the language test's list of known codes)."""
    out: dict[str, list[str]] = {}
    for key in STRINGS:
        if key.startswith("code."):
            _, kind, value = key.split(".", 2)
            out.setdefault(kind, []).append(value)
    return out
