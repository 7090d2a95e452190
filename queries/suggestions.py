"""The agenda suggestions (suggest/) as the data gate gives them to a user: the stored suggestions
of a status, a page at a time; the secretary's decisions; the analysts' digest of the latest runs;
and the accepted ones as rows of the data contract's `council_cases` file.

Each read checks the page permission (`page:suggestions`), the user's scope
(queries/app/households_in_scope.cypher: the secretary's `suggested` scope covers every open or
accepted suggestion's household, so only dismissed ones can fall outside it), masks by the columns'
declared kinds and writes the audit entry with the household and person ids shown, never a value.
`Gate` (queries/gate.py) delegates here so that it does not grow with every page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from auth import audit, exports
from auth.guard import require
from graph.errors import JSSError
from queries import db
from resolution.changes import stored_changes

if TYPE_CHECKING:
    from queries.gate import Gate

STATUSES = ("open", "accepted", "dismissed")
# A scoped user (the secretary) reads only the statuses its scope covers whole: a dismissed
# suggestion's household leaves the scope, and a count of them would tell of households outside it.
SCOPED_STATUSES = ("open", "accepted")
DECISIONS = ("accept", "dismiss")
PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
EXPORT_CAP = 5000
DIGEST_RUNS = 10
# The data contract's council_cases headers, in the contract's order (loaders/contract.py).
COUNCIL_CASES_HEADERS = ("안건번호", "회의일", "회의차수", "제출기관", "사건유형", "위험등급", "피해자성명",
                         "피해자생년월일", "가해자성명", "가해자생년월일", "참석기관", "상태")
CASE_PREFIX = "P-"          # 안건번호 of a proposed item: "P-" + household_id
RECEIVED = "접수"            # 상태 of a proposed item


class SuggestionRefused(JSSError):
    """A decision that cannot be taken: unknown, a dismissal without a reason, or a suggestion that
    is absent or no longer in a state that allows it. `key`: the message in the UI catalogue."""

    def __init__(self, message: str, key: str = ""):
        super().__init__(message)
        self.key = key


@dataclass
class SuggestionPage:
    status: str
    total: int
    page: int
    page_size: int
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def _statuses(gate: Gate) -> tuple[str, ...]:
    return SCOPED_STATUSES if gate.scope.limited else STATUSES


def reasons_of(row: dict[str, Any]) -> list[dict[str, Any]]:
    """A suggestion's reasons (stored as JSON text by suggest/store.py) as a list of maps."""
    raw = row.get("reasons")
    if isinstance(raw, list):
        return raw
    try:
        value = json.loads(raw or "[]")
    except (TypeError, ValueError):
        return []
    return value if isinstance(value, list) else []


def read_page(gate: Gate, status: str, page: int = 0, page_size: int = PAGE_SIZE) -> SuggestionPage:
    """One page of the suggestions of `status` in the user's scope, masked, after a purpose;
    each row's reasons parsed (`reasons`), and the people they name kept only where the scope covers
    them (a suspect may live in another household). Audited with the household and person ids."""
    require("page:suggestions", gate.user)
    gate.need_purpose()
    if status not in _statuses(gate):
        raise SuggestionRefused("열람 범위 밖의 목록입니다 (outside your scope)", "sg.err.status")
    page = max(0, int(page or 0))
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    got = db.app_query("suggestions", {"status": status, "skip": page * page_size, "limit": page_size},
                       row_cap=1).rows
    total = int(got[0]["total"] or 0) if got else 0
    rows = list(got[0]["rows"] or []) if got else []
    if gate.scope.limited and rows:
        allowed = gate.households_in_scope([r["household_id"] for r in rows])
        rows = [r for r in rows if r["household_id"] in allowed]
        people = gate.nodes_in_scope([("Person", p["person_id"])
                                      for r in rows for p in r.get("people") or []])
        rows = [{**r, "people": [p for p in r.get("people") or [] if ("Person", p["person_id"]) in people]}
                for r in rows]
    shown_people = sorted({p["person_id"] for r in rows for p in r.get("people") or []})
    audit.record("view", target_type="suggestions", target=status, purpose=gate.purpose,
                 detail={"rows": len(rows), "page": page},
                 ids={"household": [r["household_id"] for r in rows], "person": shown_people})
    masked = gate._declared("app", "suggestions", [{"total": total, "rows": rows}], listing=False)[0]["rows"]
    return SuggestionPage(status, total, page, page_size, [{**r, "reasons": reasons_of(r)} for r in masked])


def decide(gate: Gate, household_id: str, decision: str, reason: str | None) -> str:
    """Accept (a proposed agenda item) or dismiss (with a reason) the household's suggestion, as the
    user; returns the new status. Needs `action:suggestion_decide`, a purpose and the household in
    scope; audited (event `decision`) with the household id and the reason's length, not its text."""
    require("action:suggestion_decide", gate.user)
    gate.need_purpose()
    if decision not in DECISIONS:
        raise SuggestionRefused("알 수 없는 결정입니다 (unknown decision)", "sg.err.unknown")
    reason = " ".join((reason or "").split())
    if decision == "dismiss" and not reason:
        raise SuggestionRefused("제외하려면 사유를 적어 주십시오 (a dismissal needs a reason)", "sg.err.reason")
    household_id = str(household_id or "")
    gate.check("Household", household_id)
    status = db.suggestion_decide(household_id, decision, gate.user.username, reason or None)
    if status is None:
        raise SuggestionRefused("이미 결정되었거나 없는 제안입니다 (no such suggestion in a state that allows this)",
                                "sg.err.state")
    audit.record("decision", target_type="suggestion", target=household_id, purpose=gate.purpose,
                 ids={"household": [household_id]},
                 detail={"decision": decision, "status": status, "reason_chars": len(reason)})
    return status


def digest(gate: Gate, runs: int = DIGEST_RUNS) -> dict[str, Any]:
    """The analysts' digest: the latest runs (households looked at, created, updated, raised again,
    the count per rule), the suggestions open, accepted and dismissed now, the households the
    newest run wrote, and the people the newest resolution run merged and split. Whole-graph
    counts: refused to scoped roles. Audited with the household and person ids shown."""
    require("page:suggestions", gate.user)
    gate._unscoped("suggestion_digest")
    got = db.app_query("suggestion_runs", {"limit": max(1, min(int(runs), 50)), "limit_written": 200},
                       row_cap=1).rows
    row = got[0] if got else {"runs": [], "open": 0, "accepted": 0, "dismissed": 0, "written": [], "people": None}
    row = gate._declared("app", "suggestion_runs", [row], listing=False)[0]
    people = stored_changes(row.get("people"))
    audit.record("view", target_type="suggestion_digest", purpose=gate.purpose,
                 detail={"runs": len(row["runs"] or [])},
                 ids={"household": [w["household_id"] for w in row["written"] or []],
                      "person": sorted({p for m in people["merged"] for p in [m["person_id"], *m["from"]]}
                                       | {p for m in people["split"] for p in [m["person_id"], *m["into"]]})})
    return {"runs": [{**r, "by_rule": _json_map(r.get("by_rule"))} for r in row["runs"] or []],
            "counts": {s: int(row.get(s) or 0) for s in STATUSES},
            "written": list(row["written"] or []), "people": people}


def _json_map(raw: Any) -> dict[str, int]:
    try:
        value = json.loads(raw or "{}")
    except (TypeError, ValueError):
        return {}
    return {str(k): int(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _cell(value: Any) -> str:
    """A value as a contract cell: dates ISO, years and numbers as written, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return exports.render(value)


def council_case_row(row: dict[str, Any]) -> dict[str, str]:
    """One accepted suggestion (a masked suggestion_export row) as a `council_cases` row, keyed by the
    contract's headers: 안건번호 "P-<household_id>"; 회의일, 회의차수 and 제출기관 empty (the council
    sets them when it tables the item); 참석기관 the agencies in contact, `;`-joined; 상태 접수."""
    agencies = row.get("agency_ids") or []
    return {
        "안건번호": CASE_PREFIX + str(row["household_id"]), "회의일": "", "회의차수": "", "제출기관": "",
        "사건유형": _cell(row.get("case_type")), "위험등급": _cell(row.get("risk_level")),
        "피해자성명": _cell(row.get("victim_name")), "피해자생년월일": _cell(row.get("victim_birth")),
        "가해자성명": _cell(row.get("suspect_name")), "가해자생년월일": _cell(row.get("suspect_birth")),
        "참석기관": ";".join(str(a) for a in agencies if a not in (None, "")), "상태": RECEIVED,
    }


def export_rows(gate: Gate) -> tuple[list[dict[str, str]], dict[str, list[str]]]:
    """The accepted suggestions in the user's scope as `council_cases` rows, masked by the user's
    policy (after a purpose), and the domain ids they show (for the export's audit entry)."""
    require("page:suggestions", gate.user)
    require("action:export", gate.user)
    gate.need_purpose()
    rows = db.app_query("suggestion_export", {"limit": EXPORT_CAP}, row_cap=EXPORT_CAP).rows
    if gate.scope.limited and rows:
        allowed = gate.households_in_scope([r["household_id"] for r in rows])
        rows = [r for r in rows if r["household_id"] in allowed]
        # the suspect may live in a household outside the scope: then only the victim's side is shown
        people = gate.nodes_in_scope([("Person", r["suspect_id"]) for r in rows if r.get("suspect_id")])
        rows = [r if not r.get("suspect_id") or ("Person", r["suspect_id"]) in people
                else {**r, "suspect_id": None, "suspect_name": None, "suspect_birth": None} for r in rows]
    ids = {"household": sorted(r["household_id"] for r in rows),
           "person": sorted({str(r[k]) for r in rows for k in ("victim_id", "suspect_id") if r.get(k)})}
    masked = gate._declared("app", "suggestion_export", rows, listing=False)
    return [council_case_row(r) for r in masked], ids


def export_csv(gate: Gate) -> tuple[str, int]:
    """The accepted suggestions as a council_cases CSV (UTF-8 with BOM, every cell formula-neutralised
    by auth/exports.py) and its row count; audited as an export naming the households and people."""
    rows, ids = export_rows(gate)
    content = exports.csv_text(list(COUNCIL_CASES_HEADERS), rows)
    audit.record_export("council_cases_suggested", rows=len(rows), fmt="csv", ids=ids)
    return content, len(rows)
