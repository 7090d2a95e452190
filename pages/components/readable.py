"""Values as people read them (pure): dates as dates, date-times in Korean time, codes in the
user's language, id lists as counts, agencies by name, a node's fields by human label in an order
that reads, and how a source record was linked to its person."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, timezone
from typing import Any

from pages.components.codes import code_label, known
from pages.components.i18n import STRINGS, column, t

KST = timezone(timedelta(hours=9), "KST")

# The fields shown per node type, in reading order. A property not listed and not in SKIP is shown
# after these with its catalogue label (or left out when it is a list or a map).
FIELDS: dict[str, tuple[str, ...]] = {
    "Person": ("name", "birth_date", "birth_year", "sex", "phone", "address", "victim_call_count", "suspect_call_ids",
               "suspect_victims", "suspect_relations", "suspect_first_call_at", "suspect_last_call_at", "exposure",
               "witnessed_call_ids", "household_call_ids", "exposed_calls", "exposed_last_call_at", "record_count",
               "resolved_at"),
    "Household": ("members", "on_council_agenda", "contact_agency_ids", "contact_count", "first_contact",
                  "last_contact", "contact_call_ids", "contact_service_keys"),
    "Call": ("received_at", "category", "priority", "outcome", "weapon", "injury", "child_present", "severity",
             "agency_id", "address", "summary"),
    "PoliceMeasure": ("date", "type", "end_date", "call_id"),
    "RiskAssessment": ("date", "grade", "items_yes", "agency_id", "call_id"),
    "Service": ("date", "field", "client_role", "agency_id", "referred_by", "description", "client_ref", "service_id",
                "call_id"),
    "CouncilCase": ("meeting_date", "meeting_no", "case_type", "risk_level", "status", "submitted_by", "attending",
                    "outside_agencies", "non_police_submission", "measure_fields"),
    "CouncilMeasure": ("field", "agency_id", "description", "status", "start_date", "due_date", "done_date", "reason",
                       "case_id"),
    "Agency": ("name", "type", "district", "phone", "address"),
    "Address": ("text", "city", "district", "call_count", "call_categories"),
    "PersonRecord": ("source", "name", "birth_raw", "birth_date", "sex", "phone", "address", "client_ref", "agency_id"),
}
# Internal or repeated properties: the lists behind a count shown elsewhere, search keys, parts of
# a text shown whole, provenance (its own section). Checklist items (item_*) and stored risk scores
# (risk_*) have panels of their own. A call's `location` is a point (or "(비공개)" for roles that see
# addresses masked): coordinates read by nobody, and the address beside it says where; the map page
# is where a point means something.
SKIP = frozenset({
    "name_norm", "victim_call_ids", "victim_call_at", "suspect_victim_ids", "call_ids", "call_at", "agency_ids",
    "contact_agency_count", "items_answered", "road", "lot", "unit", "road_address", "lot_address",
    "attending_agencies", "source_file", "source_row", "load_id", "first_load_id", "location",
})
DATES = frozenset({"birth_date", "date", "end_date", "meeting_date", "start_date", "due_date", "done_date",
                   "first_contact", "last_contact", "suspect_first_call_at", "suspect_last_call_at",
                   "exposed_last_call_at"})
DATE_TIMES = frozenset({"received_at", "resolved_at"})
FLAGS = frozenset({"weapon", "injury", "child_present", "on_council_agenda", "non_police_submission"})
AGENCY_ONE = frozenset({"agency_id", "referred_by", "submitted_by"})
AGENCY_MANY = frozenset({"attending", "contact_agency_ids"})
CALL_COUNTS = frozenset({"suspect_call_ids", "witnessed_call_ids", "household_call_ids", "contact_call_ids",
                         "contact_service_keys"})
CODE_LISTS = frozenset({"suspect_relations", "measure_fields", "call_categories"})
# counts shown with their unit: calls and records (건), people (명), agencies (곳)
COUNTS = {"victim_call_count": "dt.count_calls", "exposed_calls": "dt.count_calls", "call_count": "dt.count_calls",
          "record_count": "dt.count_calls", "contact_count": "dt.count_calls", "suspect_victims": "dt.count_people",
          "outside_agencies": "dt.count_agencies"}
AGENCIES_SHOWN = 5
# record_id prefixes (docs/architecture.md) → how the source event is named
_REFS = {"call_persons": "dt.ref.call", "police_measures": "dt.ref.measure",
         "risk_assessments": "dt.ref.assessment", "services": "dt.ref.service"}


# --- scalars -------------------------------------------------------------------------------------
def _parsed(value: Any) -> date | datetime | None:
    if isinstance(value, (date, datetime)):
        return value
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-":
        try:
            return datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
        except ValueError:
            return None
    return None


def date_text(value: Any) -> str:
    """YYYY-MM-DD of a date, a date-time (its Korean date) or ISO text; anything else as it is
    (a masked birth date is a year)."""
    parsed = _parsed(value)
    if isinstance(parsed, datetime):
        return (parsed.astimezone(KST) if parsed.tzinfo else parsed).date().isoformat()
    if isinstance(parsed, date):
        return parsed.isoformat()
    return "" if value is None else str(value)


def datetime_text(value: Any) -> str:
    """YYYY-MM-DD HH:MM in Korean time. A date-time without a zone is already local (the loaders
    keep agencies' local times); one with a zone (resolution's UTC stamps) is converted."""
    parsed = _parsed(value)
    if isinstance(parsed, datetime):
        local = parsed.astimezone(KST) if parsed.tzinfo else parsed
        return local.strftime("%Y-%m-%d %H:%M")
    return date_text(value)


def number_text(value: Any, digits: int = 1) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


# fields whose code list has another name in the shared catalogue (pages/components/codes.py)
CODE_LIST_OF = {"suspect_relations": "relation", "measure_fields": "field", "call_categories": "category",
                "detail": "", "name": ""}


def code_text(field: str, value: Any, lang: str) -> str:
    """A code in the user's language through the shared code catalogue (flags as 예/아니오, sex,
    relations, categories, grades …); priorities by their meaning; anything no list knows (a name,
    an agency's own word) as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(code_text(field, v, lang) for v in value if v not in (None, ""))
    kind = "bool" if isinstance(value, bool) else CODE_LIST_OF.get(field, field)
    if kind and known(kind, value):
        return code_label(kind, value, lang)
    key = f"dt.{field}.{value}"
    return t(key, lang) if key in STRINGS else str(value)


def tally_text(field: str, values: Iterable[Any], lang: str) -> str:
    """Codes with how often each occurs, most frequent first ("가정폭력 3, 스토킹 1")."""
    counts = Counter(v for v in values if v not in (None, ""))
    if all(n == 1 for n in counts.values()):
        return ", ".join(code_text(field, v, lang) for v in counts)
    return ", ".join(f"{code_text(field, v, lang)} {n}" for v, n in counts.most_common())


def agency_text(ids: Iterable[Any], names: Mapping[str, str], lang: str, shown: int = AGENCIES_SHOWN) -> str:
    """Agencies by name (the id when the name is unknown), the first `shown` and a count of the rest."""
    ids = [str(i) for i in ids if i not in (None, "")]
    text = ", ".join(names.get(i) or i for i in ids[:shown])
    if len(ids) > shown:
        text += " " + t("dt.more_names", lang, n=len(ids) - shown)
    return text


def _ids(value: Any) -> list[Any]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    return list(value) if isinstance(value, (list, tuple)) else ([] if value is None else [value])


# --- a node's fields -----------------------------------------------------------------------------
def field_label(label: str, prop: str, lang: str) -> str:
    for key in (f"dt.f.{label}.{prop}", f"dt.f.{prop}"):
        if key in STRINGS:
            return t(key, lang)
    return column(prop, lang)


def agency_ids(label: str, props: Mapping[str, Any]) -> list[str]:
    """Every agency id a node's fields name (to be looked up by name in one read)."""
    out: list[str] = []
    for prop in AGENCY_ONE | AGENCY_MANY:
        out += [str(v) for v in _ids(props.get(prop))]
    return sorted(set(out))


def value_text(label: str, prop: str, value: Any, props: Mapping[str, Any], lang: str,
               agencies: Mapping[str, str]) -> str:
    """One field's value as text, by what the field is."""
    if prop in DATE_TIMES:
        return datetime_text(value)
    if prop in DATES:
        return date_text(value)
    if prop in AGENCY_ONE:
        return agency_text([value], agencies, lang)
    if prop in AGENCY_MANY:
        ids = _ids(value)
        return f"{agency_text(ids, agencies, lang)} ({t('dt.count_agencies', lang, n=len(ids))})" if ids else ""
    if prop in CALL_COUNTS:
        return t("dt.count_calls", lang, n=len(_ids(value)))
    if prop in CODE_LISTS:
        return tally_text(prop, _ids(value), lang)
    if prop in COUNTS and isinstance(value, int) and not isinstance(value, bool):
        return t(COUNTS[prop], lang, n=value)
    if prop == "members":
        return t("dt.count_people", lang, n=len(_ids(value)))
    if prop == "severity":
        return t("dt.severity_of", lang, n=value)
    if prop == "items_yes" and props.get("items_answered") is not None:
        return t("dt.items_of", lang, yes=value, answered=props.get("items_answered"))
    if prop == "source":
        return source_text(str(value), lang)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, (list, tuple, dict)):
        return ""
    return code_text(prop, value, lang)


def field_rows(label: str, props: Mapping[str, Any], lang: str, agencies: Mapping[str, str] | None = None,
               key_prop: str | None = None) -> list[tuple[str, str]]:
    """(label, text) of a node's fields in reading order, empty values left out; its id last."""
    agencies = agencies or {}
    order = list(FIELDS.get(label, ()))
    skip = set(SKIP)
    if props.get("birth_date") not in (None, ""):
        skip.add("birth_year")   # the year is in the date
    rest = sorted(k for k in props if k not in order and k not in skip and k != key_prop
                  and not k.startswith(("item_", "risk_")) and not isinstance(props[k], (list, tuple, dict)))
    order = [k for k in order if k not in skip]
    rows = []
    for prop in order + rest:
        if prop not in props:
            continue
        text = value_text(label, prop, props[prop], props, lang, agencies)
        if text not in ("", None):
            rows.append((field_label(label, prop, lang), text))
    if key_prop and props.get(key_prop):
        rows.append((t("dt.f.id", lang), str(props[key_prop])))
    return rows


def provenance_text(prov: Mapping[str, Any], lang: str) -> str:
    """"calls.csv 12행 · 적재 L-… (처음 적재 L-…)": where a node was read from."""
    if not prov:
        return ""
    text = t("dt.provenance_line", lang, file=prov.get("source_file") or "–", row=prov.get("source_row") or "–",
             load=prov.get("load_id") or "–")
    first = prov.get("first_load_id")
    if first and first != prov.get("load_id"):
        text += f" ({t('dt.first_load', lang, load=first)})"
    return text


# --- source records and how they were linked ------------------------------------------------------
def source_text(source: str, lang: str) -> str:
    key = f"dt.src.{source}"
    return t(key, lang) if key in STRINGS else source


def record_ref(record_id: str, lang: str, agencies: Mapping[str, str] | None = None) -> str:
    """The source event a person record names, from its deterministic id (docs/architecture.md):
    "신고 C-1", "지원 S-9 (기관명)", "안건 K-3 피해자"."""
    source, _, rest = str(record_id).partition(":")
    if source == "call_persons":
        return t("dt.ref.call", lang, id=rest.rsplit(":", 1)[0])
    if source == "council_cases":
        case, _, role = rest.rpartition(":")
        key = "dt.ref.case_offender" if role == "offender" else "dt.ref.case_victim"
        return t(key, lang, id=case or rest)
    if source == "services":
        agency, _, service = rest.partition("/")
        name = (agencies or {}).get(agency)
        return t("dt.ref.service", lang, id=service or rest) + (f" ({name})" if name else "")
    if source in _REFS:
        return t(_REFS[source], lang, id=rest)
    return ""


def record_agency(record_id: str) -> str | None:
    """The agency a service record's id names (the only source whose id carries one)."""
    source, _, rest = str(record_id).partition(":")
    if source != "services":
        return None
    return rest.partition("/")[0] or None


def method_text(method: str | None, score: Any, thresholds: Mapping[str, float], lang: str) -> tuple[str, str]:
    """(text, tooltip) of how a record was linked: "자동 연결 · 일치 점수 28.2 (기준 12.3)"."""
    method = method or "singleton"
    fmt = {"score": number_text(score), "threshold": number_text(thresholds.get("match")),
           "review": number_text(thresholds.get("review"))}
    key = f"dt.m.{method}"
    if key not in STRINGS:
        return t("dt.m.other", lang, method=method, score=fmt["score"]), ""
    return t(key, lang, **fmt), t(f"{key}.tip", lang, **fmt)


# --- a person's timeline (catalogue person_detail) ------------------------------------------------
KIND_LABEL = {"call": "Call", "police_measure": "PoliceMeasure", "risk_assessment": "RiskAssessment",
              "service": "Service", "council_case": "CouncilCase", "council_measure": "CouncilMeasure",
              "relation": "Relation"}
# the order of an event's details; received_at is left out (the row's day is its date)
EXTRA_ORDER = ("priority", "outcome", "weapon", "injury", "child_present", "relation_to_victim", "risk_level",
               "status", "attending", "yes_items", "end_date", "due_date", "done_date", "reason", "referred_by",
               "case_id", "call_id", "call_ids", "description", "client_ref")


# the field an event's `detail` column holds, per kind (for its code label)
DETAIL_FIELD = {"call": "category", "police_measure": "type", "risk_assessment": "grade", "service": "field",
                "council_case": "case_type", "council_measure": "field", "relation": "name"}


def detail_text(kind: str | None, detail: Any, lang: str) -> str:
    field = DETAIL_FIELD.get(kind or "", "detail")
    return "" if detail is None else str(detail) if field == "name" else code_text(field, detail, lang)


def kind_text(kind: str | None, lang: str) -> str:
    return code_text("kind", kind, lang)


def role_text(role: Any, lang: str) -> str:
    return code_text("role", role, lang)


def extra_text(kind: str | None, extra: Mapping[str, Any] | None, lang: str, agencies: Mapping[str, str]) -> str:
    """An event's further details in one line: "C1 (긴급) · 흉기 사용 · 처리결과 현장종결"."""
    label = KIND_LABEL.get(kind or "", "")
    extra = extra or {}
    parts: list[str] = []
    for key in EXTRA_ORDER:
        value = extra.get(key)
        if value in (None, "", [], False):
            continue
        if key in FLAGS:
            parts.append(field_label(label, key, lang))
        elif key == "priority":
            parts.append(code_text("priority", value, lang))
        elif key == "call_ids":
            parts.append(f"{field_label(label, key, lang)} {t('dt.count_calls', lang, n=len(_ids(value)))}")
        else:
            prop = "items_yes" if key == "yes_items" else key
            text = value_text(label, prop, value, extra, lang, agencies)
            if text:
                parts.append(f"{field_label(label, prop, lang)} {text}")
    return " · ".join(parts)
