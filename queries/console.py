"""The Cypher console's safety checks and run (data_staff and admin only; docs/security.md).

The plan decides, the text only filters early:
1. a lexical check of the text (comments and string literals removed, Unicode NFKC-normalised and
   invisible format characters dropped) refuses the obvious at once: writes, LOAD CSV,
   CALL … IN TRANSACTIONS, SHOW / TERMINATE / administration commands, USE, EXPLAIN/PROFILE,
   apoc.*, dbms.*, procedures outside the allow-list, several statements. Text can be spelled in
   ways it cannot see (`` `db`.`stats`.`retrieve` ``, comments between the parts of a name);
2. EXPLAIN through the runner, and the plan must be a read (`query_type` 'r') whose every
   ProcedureCall operator calls a procedure on ALLOWED_PROCEDURES (Neo4j writes the registered
   name there however it was spelled), with no command operator (Show…, Terminate…,
   AdministrationCommand), no LoadCSV or transaction-batching operator, and no namespaced
   function outside ALLOWED_FUNCTION_NAMESPACES (user-defined functions of a plugin);
3. the run itself is a READ transaction (`Runner.read_capped`): any write fails with Neo4j's
   access-mode error. Limits: the transaction timeout (JSS_QUERY_TIMEOUT) with a hard cut at
   the timeout + HARD_CUT_GRACE_S (Neo4j checks the timeout only between rows, so an expression
   looping inside one row runs past it), the per-transaction memory limit of the server
   (`db.memory.transaction.max`), and caps on rows (JSS_ROW_CAP) and bytes
   (JSS_CONSOLE_MAX_BYTES). At most CONSOLE_IN_FLIGHT console queries per app process may be
   running on the server, counting those cut off that the server has not let go of yet.
Every result then passes the role's masking policy, which withholds shelter locations from
everyone but admin (`auth.masking.mask_value` + `auth.shelters.sensitive_values`).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from auth.masking import SUPPRESSED, Policy, mask_value
from auth.shelters import sensitive_values
from graph import errors
from graph.runner import Runner

QUERY_NAME = "console"

# Procedures the console may CALL, exactly as Neo4j registers them (and writes them in the plan).
# All read the schema or a full-text index; nothing about other sessions, the server or its
# configuration (db.stats.* returned other users' queries with their parameters).
ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties", "db.index.fulltext.queryNodes",
    "db.index.fulltext.queryRelationships", "db.ping", "db.info",
})
# Namespaced functions the plan may show: Neo4j 5.26's built-in ones (SHOW FUNCTIONS). Anything
# else namespaced is a plugin's user-defined function (they cannot live in the root namespace).
ALLOWED_FUNCTION_NAMESPACES = ("date", "datetime", "duration", "localdatetime", "localtime", "time",
                               "point", "vector.similarity")
_ALLOWED_LOWER = frozenset(p.lower() for p in ALLOWED_PROCEDURES)
_WRITE_WORDS = ("CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "DROP", "INSERT")
_ADMIN_WORDS = ("GRANT", "DENY", "REVOKE", "ALTER", "RENAME", "TERMINATE", "ENABLE", "DEALLOCATE",
                "REALLOCATE", "DRYRUN", "SHOW", "START DATABASE", "STOP DATABASE", "USE")
_REFUSED_OPERATORS = {"LoadCSV", "TransactionForeach", "TransactionApply", "AdministrationCommand",
                      "SystemProcedureCall"}
_COMMAND_PREFIXES = ("Show", "Terminate", "Create", "Drop", "Alter", "Grant", "Deny", "Revoke",
                     "Rename", "Start", "Stop", "Enable", "Deallocate", "Reallocate")
_FUNCTION_CALL = re.compile(r"(?<![\w.$`])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)\s*\(")
# Seconds past the time limit before the caller stops waiting for the server.
HARD_CUT_GRACE_S = 2.0
# Console queries per app process that may be running on the server at once, including those
# cut off by the hard deadline whose expression is still being evaluated there.
CONSOLE_IN_FLIGHT = 2
_SLOTS = threading.BoundedSemaphore(CONSOLE_IN_FLIGHT)
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
    procedures: list[str] = field(default_factory=list)
    truncated_by: str = ""   # "rows" (JSS_ROW_CAP) or "bytes" (JSS_CONSOLE_MAX_BYTES)
    bytes: int = 0
    byte_cap: int = 0


def _refuse(ko: str, en: str) -> errors.QueryRefused:
    return errors.QueryRefused(f"{ko} ({en})")


def _refuse_procedure(proc: str) -> errors.QueryRefused:
    allowed = ", ".join(sorted(ALLOWED_PROCEDURES))
    return _refuse(f"프로시저 {proc}는 허용되지 않습니다 (허용: {allowed})",
                   f"procedure {proc} is not on the console's allow-list")


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
    for w in _ADMIN_WORDS:
        if _word(w).search(code):
            raise _refuse(f"관리 명령({w})은 허용되지 않습니다", f"command {w} is refused")
    if re.search(r"(?<![\w$])(EXPLAIN|PROFILE)(?!\w)", code, re.I):
        raise _refuse("EXPLAIN/PROFILE 없이 쿼리만 입력하십시오", "leave out EXPLAIN / PROFILE")
    if re.search(r"(?<![\w.$])apoc\s*\.", code, re.I):
        raise _refuse("apoc 프로시저·함수는 허용되지 않습니다", "apoc.* is refused")
    for m in re.finditer(r"(?<![\w.$])CALL\s+([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*)", code, re.I):
        proc = re.sub(r"\s+", "", m.group(1))
        if proc.lower() not in _ALLOWED_LOWER:
            raise _refuse_procedure(proc)
    if re.search(r"(?<![\w.$])(dbms|db\s*\.\s*create|db\s*\.\s*stats)", code, re.I):
        raise _refuse("dbms.* / db.stats.* / db.create* 는 허용되지 않습니다",
                      "dbms.*, db.stats.* and db.create* are refused")
    return text.strip().removesuffix(";").strip() if text.strip().endswith(";") else text.strip()


def check_plan(runner: Runner, text: str, params: dict[str, Any]) -> dict[str, Any]:
    """EXPLAIN the query and decide from the plan: a read, only allowed procedures and built-in
    functions, no command, LOAD CSV or transaction-batching operator."""
    try:
        plan = runner.explain(text, params, name=QUERY_NAME)
    except errors.QuerySyntaxError as exc:
        raise errors.QuerySyntaxError(f"Cypher 문법 오류입니다 (syntax error): {_neo4j_message(exc)}") from exc
    except errors.QueryFailed as exc:
        raise errors.QueryFailed(f"쿼리를 계획할 수 없습니다 (could not plan the query): {_neo4j_message(exc)}") from exc
    refusal = plan_refusal(plan)
    if refusal is not None:
        raise refusal
    return plan


def plan_refusal(plan: dict[str, Any]) -> errors.QueryRefused | None:
    """Why the plan (`Runner.explain`) may not run in the console, or None."""
    if plan["query_type"] != "r":
        return _refuse(f"읽기 전용이 아닌 쿼리입니다 (Neo4j 계획 유형 '{plan['query_type']}')",
                       "Neo4j plans this query as a write or schema/administration command")
    if not plan["operators"]:
        return _refuse("쿼리 계획을 확인할 수 없습니다", "Neo4j returned no plan to check")
    for op in plan["operators"]:
        if op in _REFUSED_OPERATORS or op.startswith(_COMMAND_PREFIXES):
            return _refuse(f"허용되지 않는 연산이 계획에 있습니다: {op}",
                           f"the plan holds a refused operator ({op}: commands, LOAD CSV, "
                           f"CALL … IN TRANSACTIONS)")
    for proc in plan["procedures"]:
        if proc not in ALLOWED_PROCEDURES:
            return _refuse_procedure(proc or "(이름을 읽을 수 없음 / unreadable name)")
    for op, details in plan["details"]:
        if op == "ProcedureCall":  # its name was checked above; its arguments are checked here
            details = details.split("(", 1)[1] if "(" in details else ""
        # Backticked names (aliases, keys) are not calls; string literals are $autostring_n.
        for name in _FUNCTION_CALL.findall(re.sub(r"`[^`]*`", "``", details)):
            if not name.startswith(tuple(ns + "." for ns in ALLOWED_FUNCTION_NAMESPACES)):
                return _refuse(f"함수 {name}는 허용되지 않습니다", f"function {name} is not a built-in function")
    return None


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
                timeout: float | None = None, row_cap: int | None = None,
                byte_cap: int | None = None) -> ConsoleResult:
    """Check, run in a READ transaction and mask a console query for `role`. Raises QueryRefused,
    QuerySyntaxError, QueryTimeout, ReadOnlyViolation or QueryFailed with a message for the user."""
    params = dict(params or {})
    cypher = check_text(text)
    plan = check_plan(runner, cypher, params)
    cap = runner.settings.row_cap if row_cap is None else row_cap
    bcap = runner.settings.console_max_bytes if byte_cap is None else byte_cap
    limit = runner.settings.query_timeout_s if timeout is None else timeout
    if not _SLOTS.acquire(blocking=False):
        raise _refuse(f"실행 중인 콘솔 쿼리가 {CONSOLE_IN_FLIGHT}개 있습니다 (제한 시간을 넘겨 끊긴 쿼리가 서버에서 "
                      f"아직 끝나지 않았을 수 있습니다). 잠시 후 다시 시도하십시오",
                      f"{CONSOLE_IN_FLIGHT} console queries are still running on the server")
    try:
        result = runner.read_capped(cypher, params, name=QUERY_NAME, timeout=limit, row_cap=cap,
                                    byte_cap=bcap, grace=HARD_CUT_GRACE_S, on_finished=_SLOTS.release)
    except errors.QueryTimeout as exc:
        raise errors.QueryTimeout(
            f"쿼리가 제한 시간 {limit:g}초를 넘어 중단되었습니다. 조건을 좁히거나 LIMIT을 쓰거나, "
            f"{_SETTINGS_HINT} 설정을 늘리십시오 (query stopped: {limit:g} s limit)") from exc
    except errors.ReadOnlyViolation as exc:
        raise _refuse("쓰기는 허용되지 않습니다: 읽기 전용 트랜잭션에서 거부되었습니다",
                      "Neo4j refused a write in the read-only transaction") from exc
    except errors.QueryFailed as exc:
        if "db.memory.transaction.max" in str(exc):
            raise errors.QueryFailed(
                "쿼리가 한 트랜잭션에 허용된 메모리를 넘어 중단되었습니다. 경로 길이를 제한하거나 "
                "(예: [*..4]) LIMIT을 쓰십시오 (query stopped by the per-transaction memory limit, "
                "db.memory.transaction.max / JSS_NEO4J_TX_MEMORY)") from exc
        raise
    policy = Policy.for_role(role)
    rows = result.rows
    suppressed = 0
    if not (policy.full_detail and policy.shelter_visible):
        sensitive = sensitive_values(runner)
        rows = [mask_value(r, policy, sensitive) for r in rows]
        suppressed = sum(_count_suppressed(r) for r in rows)
    return ConsoleResult(columns=result.columns, rows=rows, truncated=result.truncated,
                         elapsed_ms=result.elapsed_ms, row_cap=cap, timeout=limit, suppressed=suppressed,
                         query_type=plan["query_type"], operators=plan["operators"],
                         procedures=plan["procedures"], truncated_by=result.truncated_by,
                         bytes=result.bytes, byte_cap=bcap)


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


def run_for_app(text: str, params: dict[str, Any] | None, *, role: str) -> ConsoleResult:
    """`run_console` on the app's shared runner (the console page cannot reach a runner itself)."""
    from queries import db

    return run_console(db.get_runner(), text, params, role=role)
