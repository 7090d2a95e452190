"""The Cypher console's safety checks and run (data_staff and admin only; docs/security.md).

Three independent layers, so one mistake does not open the database:
1. a lexical check of the text (comments and string literals removed, Unicode NFKC-normalised and
   invisible format characters dropped): refuses write clauses, LOAD CSV, CALL … IN TRANSACTIONS,
   administration commands, USE, procedures outside a read-only allow-list, apoc.*, and several
   statements;
2. EXPLAIN through the runner: refused unless Neo4j plans it as read-only (`query_type` 'r') and
   the plan holds no LoadCSV / transaction-batching operator;
3. the run itself is a READ transaction (`Runner.read`): any write fails with Neo4j's access-mode
   error, with the per-query timeout (JSS_QUERY_TIMEOUT) and row cap (JSS_ROW_CAP).
Every result then passes the role's masking policy, which withholds shelter locations from
everyone but admin (`auth.masking.mask_value` + `auth.shelters.sensitive_values`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from auth.masking import SUPPRESSED, Policy, mask_value
from auth.shelters import sensitive_values
from graph import errors
from graph.runner import Runner

QUERY_NAME = "console"

# Procedures the console may CALL (all read-only; everything else is refused before planning).
ALLOWED_PROCEDURES = (
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "db.index.fulltext.querynodes",
    "db.index.fulltext.queryrelationships", "db.ping", "db.info",
)
_WRITE_WORDS = ("CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "DROP")
_ADMIN_WORDS = ("GRANT", "DENY", "REVOKE", "ALTER", "RENAME", "TERMINATE", "ENABLE", "DEALLOCATE",
                "REALLOCATE", "DRYRUN")
_SHOW_ALLOWED = ("INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS", "FUNCTION", "FUNCTIONS",
                 "PROCEDURE", "PROCEDURES", "ALL", "BUILT", "USER DEFINED", "RANGE", "TEXT", "POINT",
                 "FULLTEXT", "LOOKUP", "VECTOR", "UNIQUE", "KEY", "EXIST", "NODE", "RELATIONSHIP", "PROPERTY")
_REFUSED_OPERATORS = {"LoadCSV", "TransactionForeach", "TransactionApply"}
_SETTINGS_HINT = "JSS_QUERY_TIMEOUT"


@dataclass
class ConsoleResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    elapsed_ms: float
    row_cap: int
    timeout: float
    suppressed: int = 0
    query_type: str = "r"
    operators: list[str] = field(default_factory=list)


def _refuse(ko: str, en: str) -> errors.QueryRefused:
    return errors.QueryRefused(f"{ko} ({en})")


def strip_code(text: str) -> str:
    """The query with comments removed and string literals / quoted names blanked, so checks see
    only Cypher keywords. An unterminated string or comment is refused rather than guessed at."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        two = text[i:i + 2]
        if two == "//":
            j = text.find("\n", i)
            i = n if j < 0 else j
            out.append(" ")
        elif two == "/*":
            j = text.find("*/", i + 2)
            if j < 0:
                raise _refuse("닫히지 않은 주석이 있습니다", "unterminated /* comment")
            i = j + 2
            out.append(" ")
        elif ch in "'\"`":
            j = i + 1
            while j < n and text[j] != ch:
                j += 2 if text[j] == "\\" and ch != "`" else 1
            if j >= n:
                raise _refuse("닫히지 않은 문자열이 있습니다", "unterminated string or quoted name")
            out.append(" '' " if ch != "`" else " `q` ")
            i = j + 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def normalise(text: str) -> str:
    """NFKC (full-width letters become ASCII) and no invisible format characters (zero-width
    spaces, bidi marks), so `ＣＲＥＡＴＥ` and `CRE\u200bATE` are seen as CREATE."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def _word(word: str) -> re.Pattern[str]:
    # A keyword, not a property (`n.set`), parameter (`$set`) or part of a longer name.
    body = r"\s+".join(re.escape(part) for part in word.split())
    return re.compile(r"(?<![\w.$])" + body + r"(?!\w)", re.I)


def check_text(text: str) -> str:
    """Refuse the query text before it reaches Neo4j; returns the text to run (trimmed, one
    trailing `;` dropped)."""
    if not text or not text.strip():
        raise _refuse("쿼리가 비어 있습니다", "empty query")
    if text.lstrip().startswith(":"):
        raise _refuse("브라우저 명령(:param, :use 등)은 지원하지 않습니다", "Neo4j Browser commands are not Cypher")
    code = normalise(strip_code(normalise(text)))
    body = code.strip()
    if body.endswith(";"):
        body = body[:-1]
    if ";" in body:
        raise _refuse("한 번에 하나의 문장만 실행할 수 있습니다", "multiple statements are refused")
    if _word("LOAD").search(code):
        raise _refuse("LOAD CSV는 콘솔에서 허용되지 않습니다", "LOAD CSV is refused")
    if _word("IN TRANSACTIONS").search(code) or _word("TRANSACTIONS").search(code):
        raise _refuse("CALL { … } IN TRANSACTIONS는 허용되지 않습니다", "CALL … IN TRANSACTIONS is refused")
    for w in _WRITE_WORDS:
        if _word(w).search(code):
            raise _refuse(f"쓰기 명령({w})은 허용되지 않습니다: 콘솔은 읽기 전용입니다",
                          f"{w} is a write; the console is read-only")
    for w in _ADMIN_WORDS + ("USE", "START DATABASE", "STOP DATABASE"):
        if _word(w).search(code):
            raise _refuse(f"관리 명령({w})은 허용되지 않습니다", f"administration command {w} is refused")
    for m in re.finditer(r"(?<![\w.$])SHOW\s+([A-Z ]+)", code, re.I):
        what = m.group(1).upper().strip()
        if not what.startswith(_SHOW_ALLOWED):
            raise _refuse("SHOW 명령은 인덱스·제약·함수·프로시저 목록만 허용됩니다",
                          "only SHOW INDEXES / CONSTRAINTS / FUNCTIONS / PROCEDURES are allowed")
    if re.search(r"(?<![\w$])(EXPLAIN|PROFILE)(?!\w)", code, re.I):
        raise _refuse("EXPLAIN/PROFILE 없이 쿼리만 입력하십시오", "leave out EXPLAIN / PROFILE")
    if re.search(r"(?<![\w.$])apoc\s*\.", code, re.I):
        raise _refuse("apoc 프로시저·함수는 허용되지 않습니다", "apoc.* is refused")
    for m in re.finditer(r"(?<![\w.$])CALL\s+([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*)", code, re.I):
        proc = re.sub(r"\s+", "", m.group(1)).lower()
        if proc not in ALLOWED_PROCEDURES:
            raise _refuse(f"프로시저 {proc}는 허용되지 않습니다 (허용: {', '.join(ALLOWED_PROCEDURES)})",
                          f"procedure {proc} is not on the console's read-only allow-list")
    if re.search(r"(?<![\w.$])(dbms|db\s*\.\s*create)", code, re.I):
        raise _refuse("dbms.* / db.create* 는 허용되지 않습니다", "dbms.* and db.create* are refused")
    return text.strip().removesuffix(";").strip() if text.strip().endswith(";") else text.strip()


def check_plan(runner: Runner, text: str, params: dict[str, Any]) -> dict[str, Any]:
    """EXPLAIN the query; refuse anything Neo4j does not plan as read-only."""
    try:
        plan = runner.explain(text, params, name=QUERY_NAME)
    except errors.QuerySyntaxError as exc:
        raise errors.QuerySyntaxError(f"Cypher 문법 오류입니다 (syntax error): {_neo4j_message(exc)}") from exc
    except errors.QueryFailed as exc:
        raise errors.QueryFailed(f"쿼리를 계획할 수 없습니다 (could not plan the query): {_neo4j_message(exc)}") from exc
    if plan["query_type"] != "r":
        raise _refuse(f"읽기 전용이 아닌 쿼리입니다 (Neo4j 계획 유형 '{plan['query_type']}')",
                      "Neo4j plans this query as a write or schema/administration command")
    bad = _REFUSED_OPERATORS.intersection(plan["operators"])
    if bad:
        raise _refuse(f"허용되지 않는 연산이 계획에 있습니다: {', '.join(sorted(bad))}",
                      "the plan holds a refused operator")
    return plan


def _neo4j_message(exc: Exception) -> str:
    text = str(exc)
    return text.split(": ", 1)[1] if ": " in text else text


def _count_suppressed(value: Any) -> int:
    if value == SUPPRESSED:
        return 1
    if isinstance(value, dict):
        return sum(_count_suppressed(v) for v in value.values())
    if isinstance(value, list):
        return sum(_count_suppressed(v) for v in value)
    return 0


def run_console(runner: Runner, text: str, params: dict[str, Any] | None, *, role: str,
                timeout: float | None = None, row_cap: int | None = None) -> ConsoleResult:
    """Check, run in a READ transaction and mask a console query for `role`. Raises QueryRefused,
    QuerySyntaxError, QueryTimeout, ReadOnlyViolation or QueryFailed with a message for the user."""
    params = dict(params or {})
    cypher = check_text(text)
    plan = check_plan(runner, cypher, params)
    cap = runner.settings.row_cap if row_cap is None else row_cap
    limit = runner.settings.query_timeout_s if timeout is None else timeout
    try:
        result = runner.read(cypher, params, name=QUERY_NAME, timeout=limit, row_cap=cap)
    except errors.QueryTimeout as exc:
        raise errors.QueryTimeout(
            f"쿼리가 제한 시간 {limit:g}초를 넘어 중단되었습니다. 조건을 좁히거나 LIMIT을 쓰거나, "
            f"{_SETTINGS_HINT} 설정을 늘리십시오 (query stopped after {limit:g} s)") from exc
    except errors.ReadOnlyViolation as exc:
        raise _refuse("쓰기는 허용되지 않습니다: 읽기 전용 트랜잭션에서 거부되었습니다",
                      "Neo4j refused a write in the read-only transaction") from exc
    policy = Policy.for_role(role)
    rows = result.rows
    suppressed = 0
    if not (policy.full_detail and policy.shelter_visible):
        sensitive = sensitive_values(runner)
        rows = [mask_value(r, policy, sensitive) for r in rows]
        suppressed = sum(_count_suppressed(r) for r in rows)
    return ConsoleResult(columns=result.columns, rows=rows, truncated=result.truncated,
                         elapsed_ms=result.elapsed_ms, row_cap=cap, timeout=limit, suppressed=suppressed,
                         query_type=plan["query_type"], operators=plan["operators"])


# --- graph view -------------------------------------------------------------------------------
def _display(props: dict[str, Any]) -> str:
    for key in ("name", "title", "case_id", "call_id", "person_id", "household_id", "agency_id",
                "address_id", "record_id", "service_key", "measure_id", "assessment_id"):
        if props.get(key) not in (None, ""):
            return str(props[key])
    return ""


def graph_elements(rows: list[dict[str, Any]], limit: int = 500) -> list[dict[str, Any]]:
    """dash-cytoscape elements for every node, relationship and path in (already masked) rows."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[str, dict[str, Any]] = {}

    def visit(v: Any) -> None:
        if isinstance(v, list):
            for x in v:
                visit(x)
        elif isinstance(v, dict):
            if v.get("_path"):
                visit(v.get("nodes", []))
                visit(v.get("relationships", []))
            elif "_labels" in v and "_element_id" in v:
                label = (v["_labels"] or ["?"])[0]
                nodes.setdefault(v["_element_id"], {"data": {
                    "id": v["_element_id"], "label": f"{label}\n{_display(v)}".strip(), "kind": label}})
            elif "_type" in v and "_start" in v:
                edges.setdefault(v["_element_id"], {"data": {
                    "id": v["_element_id"], "source": v["_start"], "target": v["_end"], "label": v["_type"]}})
            else:
                for x in v.values():
                    visit(x)

    for r in rows:
        visit(r)
        if len(nodes) >= limit:
            break
    # An edge whose end node was not returned cannot be drawn.
    kept = [e for e in edges.values() if e["data"]["source"] in nodes and e["data"]["target"] in nodes]
    return list(nodes.values()) + kept
