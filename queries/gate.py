"""The one gate for personal data: every read that can show a person, household, address, call,
measure, service or council case to a user of the app goes through a `Gate` made for the
signed-in user of the request. Pages cannot reach the database any other way (`.importlinter`
forbids pages from importing `queries.db`, `queries.privacy`, `graph.runner` and the driver).

A gate read
- takes **domain ids** (person_id, household_id, case_id, a node's label and business key), never
  an element id or graph state held by the browser: the explorer's state is signed here
  (`seal`/`opened`), and a tapped node is only a handle into a state this gate signed;
- checks the user's **scope** in Cypher (`queries/app/households_in_scope.cypher`, the one
  statement of the rule): the council sees households on its agenda; an agency's worker the
  households the agency served, referred, handled or was assigned; every other role everything,
  after a **purpose** of access;
- **masks** by the user's role (`queries.privacy`, `auth.masking`); before a purpose, lists show a
  name as the role may see it and the year of birth, never a full birth date or a phone;
- writes the **audit** entry (user, role, purpose, domain ids), never a personal value.

Adding a scope is a line in `SCOPES` and a branch in households_in_scope.cypher.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from auth import audit, declared, masking
from auth.guard import AccessDenied, User, current_user
from auth.purpose import PurposeRequired, current_purpose
from queries import db, privacy

log = logging.getLogger("jss.gate")

# role -> scope of its reads; a role not listed reads everything (after a purpose).
SCOPES = {"council": "agenda", "agency": "agency"}
# Labels that are not personal: an agency is a public body (its shelter locations are sealed).
PUBLIC_LABELS = frozenset({"Agency"})
KEYS: dict[str, str] = {
    "Agency": "agency_id", "Call": "call_id", "PersonRecord": "record_id", "PoliceMeasure": "measure_id",
    "RiskAssessment": "assessment_id", "Service": "service_key", "CouncilCase": "case_id",
    "CouncilMeasure": "measure_id", "Address": "address_id", "Person": "person_id",
    "Household": "household_id",
}
SIGNATURE = "sig"
SCOPED_SEARCH_READ = 500   # best matches a council or agency search reads before keeping its scope's


class OutOfScope(AccessDenied):
    """The record exists (or not: the message never says) but is outside the user's scope."""


class ForgedState(AccessDenied):
    """Explorer state or a node handle that this gate did not issue to this user."""


@dataclass(frozen=True)
class Scope:
    kind: str                     # all | agenda | agency
    agency_id: str | None = None

    @property
    def limited(self) -> bool:
        return self.kind != "all"


def scope_of(user: User) -> Scope:
    kind = SCOPES.get(user.role, "all")
    if kind == "agency" and not user.agency_id:
        raise AccessDenied("기관 사용자에게 기관이 지정되지 않았습니다 (an agency user needs an agency)")
    return Scope(kind, user.agency_id if kind == "agency" else None)


@lru_cache(maxsize=1)
def _signing_key() -> bytes:
    """A key for explorer state, derived from the app's session secret (never sent anywhere)."""
    from auth.keys import secret_key
    from graph.settings import load_settings

    return hmac.new(secret_key(load_settings()).encode(), b"jss-explorer-state", hashlib.sha256).digest()


class Gate:
    """Personal reads for one user (and the purpose of access they gave this session, if any)."""

    def __init__(self, user: User, purpose: str | None = None):
        self.user, self.purpose = user, purpose
        self.scope = scope_of(user)
        self._mask: Callable[[str, Any], str] | None = None

    @classmethod
    def current(cls) -> Gate:
        """The gate of this request's signed-in user."""
        user = current_user()
        if user is None:
            raise AccessDenied("로그인이 필요합니다 (sign-in required)")
        return cls(user, current_purpose())

    # --- purpose, scope, masking -------------------------------------------------------------
    def need_purpose(self) -> str:
        """The purpose of access; without one the callback waits for the purpose dialog."""
        if self.purpose is None:
            raise PurposeRequired()
        return self.purpose

    def households_in_scope(self, household_ids: list[str]) -> set[str]:
        ids = sorted({h for h in household_ids if h})
        if not self.scope.limited:
            return set(ids)
        if not ids:
            return set()
        rows = db.app_query("households_in_scope", {"household_ids": ids, "scope": self.scope.kind,
                                                     "agency_id": self.scope.agency_id}, row_cap=len(ids) + 1).rows
        return {r["household_id"] for r in rows}

    def nodes_in_scope(self, nodes: list[tuple[str, str]]) -> set[tuple[str, str]]:
        """Those of `nodes` ((label, key) pairs) the user's scope covers."""
        if not self.scope.limited:
            return set(nodes)
        public = {n for n in nodes if n[0] in PUBLIC_LABELS}
        asked = sorted({n for n in nodes if n[0] not in PUBLIC_LABELS and n[1]})
        if not asked:
            return public
        rows = db.app_query("node_households", {"nodes": [{"label": lab, "key": key} for lab, key in asked]},
                            row_cap=100_000).rows
        allowed = self.households_in_scope([r["household_id"] for r in rows])
        return public | {(r["label"], r["key"]) for r in rows if r["household_id"] in allowed}

    def check(self, label: str, key: str) -> None:
        if (label, key) not in self.nodes_in_scope([(label, key)]):
            raise OutOfScope("열람 범위 밖의 기록입니다 (outside your scope)")

    @property
    def mask(self) -> Callable[[str, Any], str]:
        """`(kind, value) -> text` for captions (kind: name / address / phone / birth)."""
        if self._mask is None:
            self._mask = privacy.masker(self.user)
        return self._mask

    def policy(self, *, listing: bool | None = None) -> masking.Policy:
        """The masking policy of this user; `listing` defaults to "no purpose given yet"."""
        return masking.Policy.for_role(self.user.role, listing=self.purpose is None if listing is None else listing)

    def _declared(self, kind: str, name: str, rows: list[dict[str, Any]], *,
                  listing: bool | None = None) -> list[dict[str, Any]]:
        """Rows of query `name` masked by the kinds its header declares (auth.declared)."""
        return declared.mask_rows(rows, db.declared_kinds(kind, name), self.policy(listing=listing),
                                  where=f"{kind} query {name}")

    def _record(self, record: dict[str, Any], *, listing: bool | None = None) -> dict[str, Any]:
        """A person record map by PersonRecord's declared property kinds."""
        return declared.mask_props("PersonRecord", record, self.policy(listing=listing))

    def searchable_columns(self, name: str, columns: list[str]) -> list[str]:
        """The columns of pattern table `name` a table search may look into for this user: ids,
        codes, dates and numbers; names and birth dates only for a user who sees them unmasked (a
        search for a full name would tell a council member which masked row it is); never an
        address, phone or free text (a match would reveal a withheld value)."""
        kinds = db.declared_kinds("catalogue", name)
        full = self.policy(listing=False).full_detail
        open_kinds = {"id", "code", "date", "number", "agency"} | ({"name", "birth"} if full else set())
        # and only what the stored search text holds (derived/tables.py builds it by search_classes)
        stored_open, stored_named = masking.search_classes(columns)
        stored = set(stored_open) | (set(stored_named) if full else set())
        return [c for c in columns if kinds.get(c) in open_kinds and c in stored]

    def _shown_ids(self, kind: str, name: str, rows: list[dict[str, Any]]) -> dict[str, list[str]]:
        """The domain keys in `rows` (columns of declared kind `id`), for the audit entry."""
        kinds = db.declared_kinds(kind, name)
        out: dict[str, set[str]] = {}
        for row in rows:
            for col, value in row.items():
                if kinds.get(col) != "id" or value in (None, ""):
                    continue
                for v in value if isinstance(value, list) else [value]:
                    if isinstance(v, (str, int)) and len(str(v)) <= 200 and str(v).isprintable():
                        out.setdefault(col, set()).add(str(v))
        return {k: sorted(v) for k, v in out.items()}

    # --- search: a list to pick the right person from ----------------------------------------
    def search(self, text: str, limit: int) -> list[dict[str, Any]]:
        """People matching `text` in the user's scope: person and household ids, the name as the
        role may see it and the year of birth — nothing more, whatever the purpose."""
        # A scoped user's people are a small part of everyone: read more of the best matches and
        # keep those in scope (a surname alone otherwise found only people outside it).
        rows = db.search(text, limit=SCOPED_SEARCH_READ if self.scope.limited else limit)
        if self.scope.limited:
            allowed = self.households_in_scope([r.get("household_id") for r in rows])
            rows = [r for r in rows if r.get("household_id") in allowed][:limit]
        out = []
        for r in rows:
            born = r.get("birth_year") or masking.birth_year(r.get("birth_date"))
            out.append({"person_id": r["person_id"], "household_id": r.get("household_id"),
                        "name": self.mask("name", r.get("name")), "birth_year": born})
        audit.record("view", target_type="search", detail={"results": len(out)}, purpose=self.purpose,
                     ids={"person": [r["person_id"] for r in out]})
        return out

    # --- the household explorer --------------------------------------------------------------
    def open_root(self, label: str, key: str) -> dict[str, Any] | None:
        """The explorer's root node ({id, label, props}) after purpose and scope; audited."""
        self.need_purpose()
        if self.scope.limited:
            self.check(label, key)  # first: an id outside the scope answers like one that does not exist
        root = db.find_node(label, key)
        if root is None:
            return None
        audit.record_view(label.lower(), key, ids={label.lower(): [key]}, purpose=self.purpose)
        return root

    def fetcher(self, state: dict[str, Any] | None = None, root: dict[str, Any] | None = None) -> Any:
        """The explorer's `fetch` for a state this gate signed (or a root it just opened): it only
        expands nodes of that state or of its own earlier answers, and for a scoped user keeps only
        neighbours in scope."""
        allowed: set[str] = set()
        if state is not None:
            allowed |= {i for i, n in self.opened(state)["nodes"].items() if n["data"]["type"] != "More"}
        if root is not None:
            allowed.add(root["id"])

        def fetch(ids: list[str], exclude: list[str], cap: int, types: list[str] | None,
                  agency: bool) -> list[dict[str, Any]]:
            if any(i not in allowed for i in ids):
                raise ForgedState("탐색 상태가 올바르지 않습니다 (explorer state not issued to you)")
            rows = db.neighbours(ids, exclude, cap, types, agency)
            if self.scope.limited:
                rows = self._scoped_neighbours(rows)
            for row in rows:
                allowed.update(item["m"]["id"] for item in row.get("items") or [])
            return rows

        return fetch

    def _scoped_neighbours(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        nodes = [(i["m"]["label"], str((i["m"].get("props") or {}).get(KEYS.get(i["m"]["label"], ""), "")))
                 for row in rows for i in row.get("items") or []]
        allowed = self.nodes_in_scope(nodes)
        out = []
        for row in rows:
            items = [i for i in row.get("items") or []
                     if (i["m"]["label"], str((i["m"].get("props") or {}).get(KEYS.get(i["m"]["label"], ""), "")))
                     in allowed]
            dropped = len(row.get("items") or []) - len(items)
            out.append({**row, "items": items, "total": max(len(items), int(row.get("total") or 0) - dropped)})
        return out

    def _digest(self, state: dict[str, Any]) -> str:
        body = json.dumps({k: v for k, v in state.items() if k != SIGNATURE}, sort_keys=True,
                          ensure_ascii=False, default=str, separators=(",", ":"))
        who = f"{self.user.username}\x00{self.user.role}\x00{self.scope.agency_id or ''}\x00"
        return hmac.new(_signing_key(), (who + body).encode(), hashlib.sha256).hexdigest()

    def seal(self, state: dict[str, Any]) -> dict[str, Any]:
        """The state with this user's signature: the browser keeps it, cannot change it."""
        return {**{k: v for k, v in state.items() if k != SIGNATURE}, SIGNATURE: self._digest(state)}

    def opened(self, state: Any) -> dict[str, Any]:
        """`state` if this gate signed it for this user; ForgedState otherwise."""
        if not isinstance(state, dict) or not isinstance(state.get(SIGNATURE), str) \
                or not hmac.compare_digest(state[SIGNATURE], self._digest(state)):
            raise ForgedState("탐색 상태가 올바르지 않습니다 (explorer state not issued to you)")
        return state

    def node_of(self, state: Any, node_id: str) -> tuple[str, str]:
        """(label, key) of node `node_id` of a state this gate signed."""
        node = self.opened(state)["nodes"].get(node_id)
        if node is None or node["data"]["type"] == "More":
            raise ForgedState("탐색 상태에 없는 항목입니다 (not in your explorer state)")
        return node["data"]["type"], str(node["data"]["key"])

    def detail(self, label: str, key: str) -> dict[str, Any] | None:
        """One node's properties, records and links as the user may see them; audited."""
        if label not in KEYS:
            raise OutOfScope("열람 범위 밖의 기록입니다 (outside your scope)")
        if label not in PUBLIC_LABELS:
            self.need_purpose()
            self.check(label, key)
        rows = db.app_query("node_detail", {"label": label, "key": key}, row_cap=1).rows
        if not rows:
            return None
        d = rows[0]
        if label not in PUBLIC_LABELS:
            audit.record_view(label.lower(), key, ids={label.lower(): [key]}, purpose=self.purpose,
                              detail={"panel": "details"})
        d = self._declared("app", "node_detail", [d], listing=False)[0]
        if self.scope.limited:
            d["households"] = sorted(self.households_in_scope(d.get("households") or []))
            members = d.get("members") or []
            shown = self.nodes_in_scope([("Person", p) for p in members])   # one read for all of them
            d["members"] = [p for p in members if ("Person", p) in shown]
        return d

    def risk(self, person_ids: list[str]) -> dict[str, Any]:
        """Risk scores (queries.risk) of the given people — those of a state this gate signed."""
        scores = db.risk_by_person()
        return {p: scores[p] for p in person_ids if p in scores}

    # --- person, case, lists ------------------------------------------------------------------
    def person(self, person_id: str) -> list[dict[str, Any]]:
        """The person's timeline (catalogue person_detail) after purpose and scope; audited."""
        self.need_purpose()
        self.check("Person", person_id)
        rows = db.catalogue_query("person_detail", {"person_id": person_id}, row_cap=2000).rows
        if rows:
            audit.record_view("person", person_id, ids={"person": [person_id]}, purpose=self.purpose)
        return self._declared("catalogue", "person_detail", rows, listing=False)

    def case(self, case_id: str) -> dict[str, Any] | None:
        """A council case map in the user's scope, masked (before a purpose as a list); audited."""
        case = db.case_map(case_id)
        if case is None:
            return None
        self.check("CouncilCase", case_id)
        audit.record_view("case", case_id, purpose=self.purpose,
                          ids={"case": [case_id], "person": sorted({str(p["person_id"]) for p in case.get("people") or []
                                                                    if p.get("person_id")})})
        masked = self._declared("app", "case_map_elements", [case])[0]
        if self.scope.limited:
            allowed = self.households_in_scope([p.get("household_id") for p in masked.get("people") or []])
            masked["people"] = [{**p, "household_id": p.get("household_id") if p.get("household_id") in allowed
                                 else None} for p in masked.get("people") or []]
        return masked

    def case_list(self) -> list[dict[str, Any]]:
        rows = self._declared("app", "case_list", db.cached("app", "case_list", row_cap=2000).rows)
        if self.scope.kind == "agency":
            allowed = self.nodes_in_scope([("CouncilCase", r["case_id"]) for r in rows])
            rows = [r for r in rows if ("CouncilCase", r["case_id"]) in allowed]
        audit.record("view", target_type="case_list", detail={"rows": len(rows)}, purpose=self.purpose,
                     ids=self._shown_ids("app", "case_list", rows))
        return rows

    def _unscoped(self, what: str) -> None:
        """Whole-graph tables have no scope filter: only roles that read everything get them."""
        if self.scope.limited:
            raise OutOfScope(f"{what}: 열람 범위 밖입니다 (outside your scope)")

    def pattern_table(self, name: str, *, row_cap: int) -> tuple[Any, list[dict[str, Any]]]:
        self._unscoped(name)
        result = db.cached("catalogue", name, row_cap=row_cap)
        rows = self._declared("catalogue", name, result.rows)
        audit.record("view", target_type="pattern", target=name, detail={"rows": len(rows)}, purpose=self.purpose,
                     ids=self._shown_ids("catalogue", name, rows))
        return result, rows

    def pattern_rows(self, name: str, **search: Any) -> tuple[int, list[dict[str, Any]]] | None:
        self._unscoped(name)
        got = db.pattern_rows(name, **search)
        if got is None:
            return None
        total, rows = got
        audit.record("view", target_type="pattern", target=name, detail={"rows": len(rows)}, purpose=self.purpose,
                     ids=self._shown_ids("catalogue", name, rows))
        return total, self._declared("catalogue", name, rows)

    def agency_households(self, agency_id: str) -> tuple[list[dict[str, Any]], bool]:
        self._unscoped("agency_households")
        rows, more = db.agency_households(agency_id)
        audit.record("view", target_type="agency_households", target=agency_id, detail={"rows": len(rows)},
                     purpose=self.purpose, ids=self._shown_ids("app", "agency_households", rows))
        return self._declared("app", "agency_households", rows), more

    def review_pending(self, limit: int) -> list[dict[str, Any]]:
        """Grey-zone record pairs side by side (full values: the purpose is asked first)."""
        self._unscoped("review")
        self.need_purpose()
        pairs = db.review_pending(limit)
        audit.record("view", target_type="review", detail={"rows": len(pairs)}, purpose=self.purpose,
                     ids={"record": sorted({str((p.get(s) or {}).get("record_id")) for p in pairs for s in "ab"})})
        return [{**p, "a": self._record(p.get("a") or {}, listing=False),
                 "b": self._record(p.get("b") or {}, listing=False),
                 "evidence": declared.mask_value("text", p.get("evidence"), self.policy(listing=False),
                                                 where="review.evidence")} for p in pairs]

    def review_decide(self, record_a: str, record_b: str, decision: str) -> str:
        self._unscoped("review")
        return db.review_decide(record_a, record_b, decision, self.user.username)
