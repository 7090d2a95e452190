"""What each value the app reads is: the kind vocabulary, every node label's property kinds, and
the kinds each named query declares for its columns.

The data gate (`queries/gate.py`, `auth/declared.py`) masks by these declarations, never by a
column's or property's name: a column a query does not declare is refused, a property its label
does not declare is left out.

| kind | what |
|---|---|
| `name` | a person's name |
| `birth` | a birth date or the birth text as recorded |
| `phone` | a person's phone |
| `address` | a person's or an event's address; every text of an Address node |
| `text` | free text that may name or locate people (call summary, descriptions, reasons, resolution evidence, client numbers) |
| `id` | an identifier or a list of them (person_id, household_id, call_id, element ids …) |
| `code` | a category, type, status, role, relation, sex, flag, boolean, source, method, label; load provenance |
| `date` | a date or time, or a list of them |
| `number` | a count, score, rate or year (birth_year too) |
| `agency` | an agency's name, address or phone (public; a shelter's is sealed by the loader) |
| `secret` | sealed ciphertext or keyed hashes: never shown to anyone |
| `node` | a node as `{id, label, props}`, its props masked by PROPERTY_KINDS of its label |
| `props` | a node's properties map, its label in the same row's `label` column |

A column holding a map, or a list of maps, declares a `{key: kind}` mapping (nested as deep as the
value is). Queries declare kinds in their header (`kinds:`, checked by `graph.cypher_files`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.cypher_files import KIND_WORDS, NamedQuery, parse_cypher_file
from graph.errors import CatalogueError
from graph.pattern_tables import MATERIALISED, row_label

NAME, BIRTH, PHONE, ADDRESS, TEXT = "name", "birth", "phone", "address", "text"
ID, CODE, DATE, NUMBER, AGENCY, SECRET = "id", "code", "date", "number", "agency", "secret"
NODE, PROPS = "node", "props"
VOCABULARY = KIND_WORDS
# Where one property name means different kinds under several labels, the strictest wins (used for
# a node known only by several labels, e.g. `Derived` first): earlier is stricter.
STRICTNESS = (SECRET, TEXT, PHONE, BIRTH, ADDRESS, NAME, AGENCY, ID, DATE, NUMBER, CODE)

# Every node and relationship a load writes carries these (docs/data-model.md).
PROVENANCE = {"source_file": CODE, "source_row": NUMBER, "load_id": CODE, "first_load_id": CODE}
# The loader's shelter sealing (loaders/shelter_seal.py): ciphertext and keyed hashes.
_SEALED_ADDRESS = {"address_sealed": SECRET, "address_ref": SECRET}
_SEALED_PHONE = {"phone_sealed": SECRET, "phone_ref": SECRET}

_LOADED: dict[str, dict[str, str]] = {
    "Agency": {"agency_id": ID, "name": AGENCY, "type": CODE, "district": AGENCY, "phone": AGENCY,
               "address": AGENCY, "district_sealed": SECRET, **_SEALED_PHONE},
    "Call": {"call_id": ID, "received_at": DATE, "category": CODE, "priority": CODE, "address": ADDRESS,
             "agency_id": ID, "outcome": CODE, "weapon": CODE, "injury": CODE, "child_present": CODE,
             "summary": TEXT, **_SEALED_ADDRESS,
             # the 경도/위도 point: it locates a home as the address does (never stored where the
             # address is sealed); masked as an address is, a point has no 읍·면·동 to keep
             "location": ADDRESS,
             "severity": NUMBER},                                   # derived/cypher/01
    "PersonRecord": {"record_id": ID, "source": CODE, "name": NAME, "name_norm": NAME, "birth_date": BIRTH,
                     "birth_year": NUMBER, "birth_raw": BIRTH, "sex": CODE, "phone": PHONE, "address": ADDRESS,
                     "client_ref": TEXT, "agency_id": ID, **_SEALED_ADDRESS, **_SEALED_PHONE},
    "PoliceMeasure": {"measure_id": ID, "call_id": ID, "date": DATE, "type": CODE, "end_date": DATE},
    "RiskAssessment": {"assessment_id": ID, "call_id": ID, "agency_id": ID, "date": DATE, "grade": CODE,
                       "items_yes": NUMBER, "items_answered": NUMBER},  # item_1 … item_N: NUMBERED
    "Service": {"service_key": ID, "service_id": ID, "agency_id": ID, "client_ref": TEXT, "date": DATE,
                "client_role": CODE, "field": CODE, "description": TEXT, "referred_by": ID, "call_id": ID},
    "CouncilCase": {"case_id": ID, "meeting_date": DATE, "meeting_no": CODE, "submitted_by": ID, "case_type": CODE,
                    "risk_level": CODE, "attending": ID, "status": CODE,
                    # derived/cypher/13
                    "attending_agencies": NUMBER, "outside_agencies": NUMBER, "non_police_submission": CODE,
                    "measure_fields": CODE},
    "CouncilMeasure": {"measure_id": ID, "case_id": ID, "field": CODE, "agency_id": ID, "description": TEXT,
                       "start_date": DATE, "due_date": DATE, "done_date": DATE, "status": CODE, "reason": TEXT},
    # `summary` and `resolution` hold counts and statuses per file, never a value of a row.
    "Load": {"status": CODE, "bundle": CODE, "files": CODE, "runs": NUMBER, "started_at": DATE,
             "first_started_at": DATE, "completed_at": DATE, "rolled_back_at": DATE, "summary": CODE,
             "rows_read": NUMBER, "rows_loaded": NUMBER, "rows_rejected": NUMBER, "resolution": CODE},
}

_RESOLVED: dict[str, dict[str, str]] = {
    # resolution/cypher/write_addresses.cypher; `address_key` is a sealed place's keyed hash;
    # road_address / lot_address are read by the search queries (older stores).
    "Address": {"address_id": ID, "text": ADDRESS, "city": ADDRESS, "district": ADDRESS, "road": ADDRESS,
                "lot": ADDRESS, "unit": ADDRESS, "road_address": ADDRESS, "lot_address": ADDRESS,
                "address_key": SECRET,
                # derived/cypher/07
                "call_count": NUMBER, "call_ids": ID, "call_at": DATE, "call_categories": CODE},
    # resolution/cypher/write_persons.cypher, then the summaries of derived/cypher/02, 05, 06.
    # name_norm / address: indexed by the person_search full-text index.
    "Person": {"person_id": ID, "name": NAME, "name_norm": NAME, "birth_date": BIRTH, "birth_year": NUMBER,
               "sex": CODE, "phone": PHONE, "address": ADDRESS, "record_count": NUMBER, "resolved_at": DATE,
               "victim_call_count": NUMBER, "victim_call_ids": ID, "victim_call_at": DATE,
               "suspect_victims": NUMBER, "suspect_victim_ids": ID, "suspect_call_ids": ID,
               "suspect_first_call_at": DATE, "suspect_last_call_at": DATE, "suspect_relations": CODE,
               "exposure": CODE, "witnessed_call_ids": ID, "household_call_ids": ID, "exposed_calls": NUMBER,
               "exposed_last_call_at": DATE,
               # risk/cypher/write_risk_scores.cypher: the stored risk score (codes and numbers)
               "risk_run": ID, "risk_points": NUMBER, "risk_level": CODE, "risk_grade": CODE,
               "risk_graded_on": DATE, "risk_inputs": NUMBER, "risk_bins": NUMBER},
    # derived/cypher/08
    "Household": {"household_id": ID, "agency_ids": ID, "contact_agency_ids": ID, "contact_agency_count": NUMBER,
                  "contact_count": NUMBER, "first_contact": DATE, "last_contact": DATE, "contact_call_ids": ID,
                  "contact_service_keys": ID, "on_council_agenda": CODE},
    # resolution/cypher/write_decision.cypher: `by` names the analyst (a user name, treated as a name).
    "ReviewDecision": {"pair_id": ID, "record_a": ID, "record_b": ID, "decision": CODE, "by": NAME, "at": DATE,
                       "reason": TEXT},
    # resolution/cypher/write_resolution_run.cypher: counts, thresholds and the model (m and u per
    # comparison level): aggregates, no value of any record.
    "ResolutionRun": {"run_id": ID, "run_at": DATE, "records": NUMBER, "persons": NUMBER, "match_threshold": NUMBER,
                      "review_threshold": NUMBER, "prior": NUMBER, "model": CODE,
                      "merged_count": NUMBER, "split_count": NUMBER, "merged": CODE, "split": CODE},
    # risk/cypher/write_risk_scoring.cypher: the latest scoring run, aggregates only.
    "RiskScoring": {"run": ID, "as_of": DATE, "scored_at": DATE, "model_id": ID, "victims": NUMBER,
                    "written": NUMBER, "removed": NUMBER, "seconds": NUMBER},
    # suggest/cypher/write_suggestions.cypher: one agenda suggestion per household. `reasons` is JSON of
    # rules, ids, days and counts (no value of any record); the decision's reason is free text and
    # `decided_by` names the secretary (a user name, treated as a name).
    "Suggestion": {"household_id": ID, "status": CODE, "reasons": CODE, "rules": CODE, "fact_ids": ID,
                   "person_ids": ID, "offender_ids": ID, "priority": NUMBER, "first_raised_on": DATE,
                   "raised_on": DATE, "latest_fact_on": DATE, "raised_count": NUMBER,
                   "news_since_decision": CODE, "run": ID, "decided_by": NAME, "decided_at": DATE,
                   "decision_reason": TEXT},
    "SuggestionDecision": {"decision_id": ID, "household_id": ID, "decision": CODE, "reason": TEXT, "by": NAME,
                           "at": DATE, "fact_ids": ID, "rules": CODE},
    # suggest/cypher/write_suggestion_run.cypher: aggregates only.
    "SuggestionRun": {"run": ID, "ran_at": DATE, "as_of": DATE, "since": DATE, "load_id": ID, "households": NUMBER,
                      "created": NUMBER, "updated": NUMBER, "reraised": NUMBER, "by_rule": CODE, "seconds": NUMBER},
    # risk/cypher/write_risk_model.cypher: the scorecard and its validation, aggregates only.
    "RiskModel": {"model_id": ID, "fitted_at": DATE, "status": CODE, "horizon_days": NUMBER, "model": CODE,
                  "report": CODE},
}

# Summaries (derived/): nodes labelled Derived plus one of these.
_DERIVED: dict[str, dict[str, str]] = {
    "CallYearCount": {"year": NUMBER, "category": CODE, "calls": NUMBER},
    "ReferralYearCount": {"year": NUMBER, "partner_type": CODE, "referrals": NUMBER, "service_keys": ID},
    "AgencyContact": {"household_id": ID, "agency_id": ID, "contacts": NUMBER, "first_contact": DATE,
                      "last_contact": DATE},
    "CallRepeatDay": {"day": DATE, "calls": NUMBER, "repeat_calls": NUMBER},
    "AgencyCaseload": {"agency_id": ID, "services": NUMBER, "referrals_received": NUMBER},
    "DerivedSummary": {"name": CODE, "refreshed_at": DATE, "seconds": NUMBER, "steps": CODE},
    "PatternTable": {"pattern": CODE, "version": CODE, "rows": NUMBER, "refreshed_at": DATE, "params": CODE,
                     "row_label": CODE},
    "PatternOrder": {"pattern": CODE, "version": CODE, "sort": CODE, "descending": CODE, "ranks": NUMBER},
}

# A PatternRow (derived/tables.py) holds one row of a pattern query: its columns have the kinds the
# query declares; besides them these. The search texts are index keys (names and birth dates among
# them), never shown.
PATTERN_TABLES = MATERIALISED
PATTERN_ROW_EXTRA = {"pattern": CODE, "version": CODE, "rank": NUMBER, "search_open": SECRET,
                     "search_named": SECRET, "search_long": CODE}
_QUERIES = Path(__file__).resolve().parent.parent / "queries"

# Numbered property families: (label, pattern, kind).
NUMBERED = (("RiskAssessment", re.compile(r"item_[1-9][0-9]*"), CODE),)


def stricter(a: Any, b: Any) -> Any:
    """The stricter of two kinds (mappings: merged key by key)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return {k: stricter(a[k], b[k]) if k in a and k in b else a.get(k, b.get(k)) for k in {**a, **b}}
    if isinstance(a, dict) or isinstance(b, dict):
        return SECRET                      # a map here and a scalar there: nothing is known, show nothing
    return min(a, b, key=lambda k: STRICTNESS.index(k) if k in STRICTNESS else -1)


def _merge(*maps: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for m in maps:
        for key, kind in m.items():
            out[key] = stricter(out[key], kind) if key in out else kind
    return out


def _pattern_row_kinds() -> dict[str, dict[str, Any]]:
    per_table = {}
    for table in PATTERN_TABLES:
        path = _QUERIES / f"{table}.cypher"
        kinds = query_kinds(parse_cypher_file(path))
        if not kinds:
            raise CatalogueError(f"{path.name}: a pattern table's query must declare kinds:")
        per_table[row_label(table)] = {**kinds, **PATTERN_ROW_EXTRA}
    return {"PatternRow": _merge(*per_table.values()), **per_table}


def _build() -> dict[str, dict[str, Any]]:
    kinds: dict[str, dict[str, Any]] = {}
    for label, props in {**_LOADED, **_RESOLVED}.items():
        kinds[label] = {**PROVENANCE, **props}
    derived = {**_DERIVED, **_pattern_row_kinds()}
    kinds.update(derived)
    # A Derived node may be known by its first label only (head(labels(n)) is `Derived` for them).
    kinds["Derived"] = _merge(*derived.values())
    return kinds


def query_kinds(query: NamedQuery) -> dict[str, Any]:
    """The kinds `query` declares for its columns (`kinds:` in its header); empty if none."""
    declared = query.extra.get("kinds") or {}
    return dict(declared) if isinstance(declared, dict) else {}


PROPERTY_KINDS: dict[str, dict[str, Any]] = _build()


@lru_cache(maxsize=4096)
def _one(label: str, prop: str) -> str | None:
    kind = PROPERTY_KINDS.get(label, {}).get(prop)
    if kind is None and label in PROPERTY_KINDS:
        for numbered_label, pattern, numbered_kind in NUMBERED:
            if label == numbered_label and pattern.fullmatch(prop):
                return numbered_kind
    return kind


def property_kind(label: str | Iterable[str] | None, prop: str) -> str | None:
    """The kind of property `prop` of a node labelled `label` (or of several labels: the strictest
    they declare), None when undeclared (the gate then leaves the property out)."""
    if label is None:
        return None
    labels = [label] if isinstance(label, str) else list(label)
    found = [k for k in (_one(lab, prop) for lab in labels) if k is not None]
    if not found:
        return None
    kind = found[0]
    for other in found[1:]:
        kind = stricter(kind, other)
    return kind
