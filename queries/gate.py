"""The one gate for personal data: every read that can show a person, household, address, call,
measure, service or council case to a user of the app goes through a `Gate` made for the
signed-in user of the request. Pages cannot reach the database any other way (`.importlinter`
forbids pages from importing `queries.db`, `queries.privacy`, `graph.runner` and the driver).

A gate read
- takes **domain ids** (person_id, household_id, case_id, a node's label and business key), never
  an element id or graph state held by the browser: the explorer's state is signed here
  (`seal`/`opened`), and a tapped node is only a handle into a state this gate signed;
- checks the user's **scope** in Cypher (`queries/app/households_in_scope.cypher`, the one
  statement of the rule): the council sees households on its agenda; the council's secretary those
  and the households with an open or accepted agenda suggestion; an agency's worker the
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
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from auth import audit, declared, masking
from auth.guard import AccessDenied, User, current_user
from auth.purpose import PurposeRequired, current_purpose
from graph.errors import QueryTimeout
from queries import db, privacy
from queries import suggestions as suggestion_reads
from queries.catalogue import PATTERNS
from queries.household_label import area, household_label
from queries.name_search import SearchHits, candidates, compact, masked_rank, searched_as

log = logging.getLogger("jss.gate")

# role -> scope of its reads; a role not listed reads everything (after a purpose).
SCOPES = {"council": "agenda", "secretary": "suggested", "agency": "agency"}
# Labels that are not personal: an agency is a public body (its shelter locations are sealed).
PUBLIC_LABELS = frozenset({"Agency"})
KEYS: dict[str, str] = {
    "Agency": "agency_id", "Call": "call_id", "PersonRecord": "record_id", "PoliceMeasure": "measure_id",
    "RiskAssessment": "assessment_id", "Service": "service_key", "CouncilCase": "case_id",
    "CouncilMeasure": "measure_id", "Address": "address_id", "Person": "person_id",
    "Household": "household_id",
}
SIGNATURE = "sig"
# People a masked-name search (council, agency) reads before keeping its scope's: every person whose
# name could match at the jeju scale ("김": 3.5 k); past it the hits say the text should be refined.
SCOPED_SEARCH_READ = 20_000
SCOPED_FAN_READ = 20_000   # neighbours of one node a council or agency user's summary reads and scope-checks


class OutOfScope(AccessDenied):
    """The record exists (or not: the message never says) but is outside the user's scope."""


class ForgedState(AccessDenied):
    """Explorer state or a node handle that this gate did not issue to this user."""


@dataclass(frozen=True)
class Scope:
    kind: str                     # all | agenda | suggested | agency
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


class ExplorerFetch:
    """The household explorer's neighbour reads for one signed state (`Gate.fetcher`): each names a
    node of that state, or one an earlier answer of this fetch added, by its element id."""

    def __init__(self, gate: Gate, allowed: set[str]):
        self.gate, self.allowed = gate, allowed

    def _check(self, ids: list[str]) -> None:
        if any(i not in self.allowed for i in ids):
            raise ForgedState("탐색 상태가 올바르지 않습니다 (explorer state not issued to you)")

    def _learn(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for row in rows:
            self.allowed.update(item["m"]["id"] for item in row.get("items") or [])
        return rows

    def __call__(self, ids: list[str], exclude: list[str], cap: int, types: list[str] | None,
                 agency: bool) -> list[dict[str, Any]]:
        """Up to `cap` neighbours of each node, with `total` and `kinds` (queries/app/neighbours.cypher)."""
        self._check(ids)
        rows = db.neighbours(ids, exclude, cap, types, agency)
        if self.gate.scope.limited:
            rows = self.gate._scoped_neighbours(rows, exclude)
        return self._learn(rows)

    def groups(self, node_id: str, exclude: list[str], kinds: list[str], by_year: bool,
               agency: bool = False) -> list[dict[str, Any]]:
        """Unseen neighbours of one node with a label in `kinds`, counted per label (and year)."""
        self._check([node_id])
        kinds = [k for k in kinds if k in KEYS]
        if not kinds:
            return []
        if not self.gate.scope.limited:
            return db.app_query("neighbour_groups", {"id": node_id, "exclude": exclude, "kinds": kinds,
                                                     "by_year": by_year}, row_cap=10_000).rows
        counts = Counter((r["label"], r["year"] if by_year else None)
                         for r in self.gate._scoped_keys(node_id, exclude, kinds, None))
        return [{"label": label, "year": year, "n": n} for (label, year), n in sorted(counts.items(), key=str)]

    def slice(self, node_id: str, exclude: list[str], kinds: list[str], years: list[int] | None, cap: int,
              agency: bool = False) -> list[dict[str, Any]]:
        """The newest `cap` unseen neighbours of one node with a label in `kinds` (in `years`), as a
        neighbours row whose `total` counts them all (queries/app/neighbour_slice.cypher)."""
        self._check([node_id])
        kinds = [k for k in kinds if k in KEYS]
        if not kinds:
            return []
        params: dict[str, Any] = {"id": node_id, "exclude": exclude, "kinds": kinds, "years": years, "only": None,
                                  "cap": cap}
        if not self.gate.scope.limited:
            return self._learn(db.app_query("neighbour_slice", params, row_cap=2).rows)
        # A scoped user: the newest in scope, and a total of those only.
        keys = self.gate._scoped_keys(node_id, exclude, kinds, years)
        if not keys:
            return []
        rows = db.app_query("neighbour_slice", {**params, "only": [r["id"] for r in keys[:cap]]}, row_cap=2).rows
        return self._learn([{**r, "total": len(keys)} for r in rows])

    # List sizes of the summary reads' parameters (exclude, kinds, years, only), in Neo4j's plan
    # buckets (1, 2–10, 11–100, 101–1000): what a first view and its taps send.
    WARM_SHAPES: tuple[tuple[str, int, int, int | None, int | None], ...] = (
        *(("neighbour_groups", x, k, None, None) for x in (11, 101) for k in (1, 2)),
        *(("neighbour_slice", x, k, y, None) for x in (11, 101) for k in (1, 2) for y in (None, 1, 2)),
        *(("neighbour_slice", x, 1, y, o) for x in (11, 101) for y in (None, 1) for o in (2, 11)),
        *(("neighbour_keys", x, k, y, None) for x in (11, 101) for k in (1, 2) for y in (None, 1)),
    )

    @classmethod
    def warm(cls, probe_id: str) -> None:
        """Compile the plans of the summary reads with an element id that matches no node (nothing
        personal is read, so nothing is shown or audited)."""
        for name, exclude, kinds, years, only in cls.WARM_SHAPES:
            params: dict[str, Any] = {"id": probe_id, "exclude": [probe_id] * exclude,
                                      "kinds": ["Call", "Service"][:kinds] if kinds <= 2 else list(KEYS)[:kinds]}
            if name == "neighbour_groups":
                params["by_year"] = True
            else:
                params["years"] = None if years is None else list(range(2020, 2020 + years))
            if name == "neighbour_slice":
                params.update(only=None if only is None else [probe_id] * only, cap=25)
            if name == "neighbour_keys":
                params["limit"] = SCOPED_FAN_READ
            db.app_query(name, params, row_cap=1)


class Gate:
    """Personal reads for one user (and the purpose of access they gave in the signed-in session, if any)."""

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
    def search(self, text: str, limit: int) -> SearchHits:
        """People matching `text` in the user's scope, best first (exact, then prefix, then
        contained; ties by name as shown, birth year, person_id): person and household ids, the name
        as the role may see it and the year of birth — nothing more, whatever the purpose.
        A user who sees names masked searches them as shown (queries/name_search.py: 김, 자, 김자,
        김*자 and 김영자 all find 김*자, and never by a hidden syllable) or by id: every candidate is
        read and the scope's kept before ranking and the cut, so a surname alone finds the scope's
        people. Others search everyone by name, phone, address or id (catalogue search_people)."""
        if self.policy(listing=False).full_detail:
            rows = db.search(text, limit=SCOPED_SEARCH_READ if self.scope.limited else limit)
            hits = SearchHits(rows)
            if self.scope.limited:
                allowed = self.households_in_scope([r.get("household_id") for r in rows])
                hits = SearchHits(r for r in rows if r.get("household_id") in allowed)
        else:
            hits = self._masked_search(text)
        out = SearchHits((
            {"person_id": r["person_id"], "household_id": r.get("household_id"),
             "name": self.mask("name", r.get("name")),
             "birth_year": r.get("birth_year") or masking.birth_year(r.get("birth_date"))}
            for r in hits[:limit]), partial=hits.partial, searched_as=hits.searched_as)
        audit.record("view", target_type="search", detail={"results": len(out)}, purpose=self.purpose,
                     ids={"person": [r["person_id"] for r in out]})
        return out

    def _masked_search(self, text: str) -> SearchHits:
        """Every person of the scope whose name, as this user sees it, matches (or whose person,
        household or call id is the text), ranked on the shown name alone."""
        want = candidates(text)
        found = db.app_query("search_masked", {"starts": want.starts, "ends": want.ends,
                                               "word_starts": want.word_starts, "q": text.strip(),
                                               "cap": SCOPED_SEARCH_READ + 1}, row_cap=1).rows
        cols = found[0] if found else {}
        # Each person's households, current first: a person who moved is in several, one after another.
        households: dict[str, list[str]] = {}
        for p, h in zip(cols.get("member_persons") or [], cols.get("member_households") or [], strict=True):
            households.setdefault(p, []).append(h)
        rows = [{"person_id": p, "name": n or None, "birth_year": b or None, "households": households.get(p, []),
                 "household_id": households.get(p, [None])[0], "by_id": i}
                for p, n, b, i in zip(cols.get("person_ids") or [], cols.get("names") or [],
                                      cols.get("birth_years") or [], cols.get("by_id") or [], strict=True)]
        partial = len(rows) > SCOPED_SEARCH_READ
        ranked = []
        for r in rows[:SCOPED_SEARCH_READ]:
            shown = masking.mask_name(r["name"])     # as this role sees names (the page shows self.mask's)
            rank = 0 if r["by_id"] else masked_rank(text, shown)
            if rank is not None:
                ranked.append(((rank, compact(shown), r["birth_year"] or 0, r["person_id"]), r))
        if self.scope.limited:   # the matches' households only: one scope read, however many candidates
            allowed = self.households_in_scope([h for _, r in ranked for h in r["households"]])
            ranked = [(key, {**r, "household_id": next(h for h in r["households"] if h in allowed)})
                      for key, r in ranked if any(h in allowed for h in r["households"])]
        ranked.sort(key=lambda pair: pair[0])
        return SearchHits((r for _, r in ranked), partial=partial, searched_as=searched_as(text))

    def household_names(self, household_ids: list[str], lang: str = "ko") -> dict[str, str]:
        """Household id → a name for people: its first members' names as the role may see them and
        its 읍·면·동 ("김*자 · 박*수 외 2명 (이도이동)"; never a street, and nothing of a sealed
        shelter's place). In one read, for the households of the user's scope only (others are left
        out: the page keeps its own fallback); audited with the household ids."""
        ids = sorted(self.households_in_scope([str(h) for h in household_ids if h not in (None, "")]))
        if not ids:
            return {}
        rows = self._declared("app", "household_names",
                              db.app_query("household_names", {"household_ids": ids}, row_cap=len(ids) + 1).rows)
        audit.record("view", target_type="household_names", detail={"rows": len(rows)}, purpose=self.purpose,
                     ids={"household": [r["household_id"] for r in rows]})
        return {r["household_id"]: household_label(
                    r.get("names") or [], int(r.get("members") or 0),
                    area(self.mask("address", r.get("address")), r.get("district"), r.get("city")), lang)
                for r in rows}

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

    def fetcher(self, state: dict[str, Any] | None = None, root: dict[str, Any] | None = None) -> ExplorerFetch:
        """The explorer's reads for a state this gate signed (or a root it just opened): they only
        expand nodes of that state or of their own earlier answers, and for a scoped user keep only
        neighbours in scope and count only those (a summary's "944건" tells nothing outside it)."""
        allowed: set[str] = set()
        if state is not None:
            allowed |= {i for i, n in self.opened(state)["nodes"].items() if n["data"]["type"] != "More"}
        if root is not None:
            allowed.add(root["id"])
        return ExplorerFetch(self, allowed)

    def _scoped_neighbours(self, rows: list[dict[str, Any]], exclude: list[str]) -> list[dict[str, Any]]:
        """A scoped user's neighbour rows: the items in scope, and `total` and `kinds` counting only
        what the user could open (read again by key when the row did not hold them all)."""
        def key(item: dict[str, Any]) -> tuple[str, str]:
            return item["m"]["label"], str((item["m"].get("props") or {}).get(KEYS.get(item["m"]["label"], ""), ""))

        def partial(row: dict[str, Any]) -> bool:   # the row holds fewer neighbours than it counts
            return bool(row.get("kinds")) and int(row.get("total") or 0) > len({i["m"]["id"] for i in row.get("items") or []})

        # A row that holds all its neighbours is checked item by item; the others by key, once,
        # which covers their items too.
        allowed = self.nodes_in_scope([key(i) for row in rows if not partial(row) for i in row.get("items") or []])
        out = []
        for row in rows:
            read = row.get("items") or []
            kinds = row.get("kinds") or []
            if partial(row):
                labels = sorted({lab for k in kinds for lab in k["labels"]})
                keys = self._scoped_keys(row["nid"], exclude, labels, None)
                ids = {r["id"] for r in keys}
                items = [i for i in read if i["m"]["id"] in ids]
                got = Counter(r["label"] for r in keys)
            else:
                items = [i for i in read if key(i) in allowed]
                got = Counter({i["m"]["id"]: i["m"]["label"] for i in items}.values())
            kinds = [{"labels": k["labels"], "k": sum(got.get(lab, 0) for lab in k["labels"])} for k in kinds]
            kinds = [k for k in kinds if k["k"] > 0]
            total = sum(k["k"] for k in kinds) if kinds else len({i["m"]["id"] for i in items})
            out.append({**row, "items": items, "kinds": kinds, "total": total})
        return out

    def _scoped_keys(self, node_id: str, exclude: list[str], kinds: list[str],
                     years: list[int] | None) -> list[dict[str, Any]]:
        """Neighbours of `node_id` (element id, label, key, year), newest first, that the user's
        scope covers."""
        found = db.app_query("neighbour_keys", {"id": node_id, "exclude": exclude, "kinds": kinds, "years": years,
                                                "limit": SCOPED_FAN_READ}, row_cap=1).rows
        rows = found[0]["found"] if found else []
        # nodes_in_scope's rule, with the households each node concerns read on the walk (one
        # query, not a look-up per key): an agency is public, any other node needs a household
        # in scope.
        allowed = self.households_in_scope([h for r in rows for h in r["households"] or []])
        return [r for r in rows if r["label"] in PUBLIC_LABELS or set(r["households"] or []) & allowed]

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
        """Stored risk scores (queries.risk.RiskScore) of the given people — those of a state this
        gate signed; people without a score are absent."""
        return db.risk_scores(person_ids)

    def person_risk(self, person_id: str) -> dict[str, Any] | None:
        """Risk explained for one person in the user's scope: the latest checklist grade (date,
        agency, items answered yes), how many assessments there are, the council's grade on the
        person's latest case, and the graph score with its reasons (stored by the latest scoring run,
        risk/scores.py; `ready` is False before any run). Grades and scores are codes and numbers, shown to every
        role that may see the person; audited. None when the person is outside the scope or absent."""
        if self.scope.limited:
            try:
                self.check("Person", person_id)
            except OutOfScope:
                return None
        rows = db.app_query("person_risk_grade", {"person_id": person_id}, row_cap=1).rows
        if not rows:
            return None
        row = self._declared("app", "person_risk_grade", rows, listing=False)[0]
        score = db.risk_scores([person_id]).get(person_id)
        audit.record_view("person", person_id, ids={"person": [person_id]}, purpose=self.purpose,
                          detail={"panel": "risk"})
        return {**row, "score": score, "ready": score is not None or db.risk_scoring() is not None}

    def agency_names(self, agency_ids: list[str]) -> dict[str, str]:
        """Agency codes → names, so that pages name agencies (public bodies: no scope or audit)."""
        ids = sorted({str(a) for a in agency_ids if a not in (None, "")})
        if not ids:
            return {}
        rows = db.app_query("agency_names", {"agency_ids": ids}, row_cap=len(ids) + 1).rows
        return {r["agency_id"]: r["name"] for r in rows if r.get("name")}

    def resolution_thresholds(self) -> dict[str, float]:
        """The entity-resolution thresholds scores are measured against: `match` (linked as one
        person) and `review` (sent to an analyst), as the latest run set them from its fitted model
        (resolution/training.py); before any run is stored, the rule for unestimated models."""
        run = self._resolution_run()
        if run and run.get("match") is not None and run.get("review") is not None:
            return {"match": round(float(run["match"]), 2), "review": round(float(run["review"]), 2)}
        # (imported here: the resolution engine takes ≈0.6 s to import, and only the review page needs it)
        from resolution.engine import MATCH_THRESHOLD, REVIEW_THRESHOLD, match_threshold_for

        n = int(db.app_query("person_record_count", {}, row_cap=1).rows[0]["records"])
        return {"match": round(match_threshold_for(n, MATCH_THRESHOLD), 2),
                "review": round(match_threshold_for(n, REVIEW_THRESHOLD), 2)}

    def resolution_levels(self) -> dict[str, dict[str, tuple[float, float | None]]]:
        """{comparison: {level: (m, u)}} of the latest run's model (u None: the value's term frequency),
        for the review page's evidence; empty before any run is stored."""
        run = self._resolution_run()
        if not run or not run.get("model"):
            return {}
        levels = json.loads(run["model"]).get("levels", {})
        return {c: {lv: (float(mu[0]), None if mu[1] is None else float(mu[1])) for lv, mu in v.items()}
                for c, v in levels.items()}

    def _resolution_run(self) -> dict[str, Any] | None:
        rows = db.app_query("resolution_model", {}, row_cap=1).rows
        return rows[0] if rows else None

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

    def _pattern(self, name: str) -> None:
        """A pattern table is one of queries.catalogue.PATTERNS: the tab value comes from the browser,
        and any other catalogue query (a person's detail, a path between two people) must not be
        readable by naming it there."""
        self._unscoped(name)
        if name not in PATTERNS:
            raise ForgedState(f"{name}: 패턴 표가 아닙니다 (not a pattern table)")

    def pattern_table(self, name: str, *, row_cap: int) -> tuple[Any, list[dict[str, Any]]]:
        self._pattern(name)
        result = db.cached("catalogue", name, row_cap=row_cap)
        rows = self._declared("catalogue", name, result.rows)
        audit.record("view", target_type="pattern", target=name, detail={"rows": len(rows)}, purpose=self.purpose,
                     ids=self._shown_ids("catalogue", name, rows))
        return result, rows

    def pattern_rows(self, name: str, **search: Any) -> tuple[int, list[dict[str, Any]]] | None:
        self._pattern(name)
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
        """Confirm or split a grey-zone pair as this user; audited (event `decision`, the record ids)."""
        self._unscoped("review")
        pair = db.review_decide(record_a, record_b, decision, self.user.username)
        audit.record("decision", target_type="review", target=str(pair), purpose=self.purpose,
                     ids={"record": sorted({str(record_a), str(record_b)})}, detail={"decision": decision})
        return pair

    # --- agenda suggestions (suggest/; the reads are in queries/suggestions.py) ---------------------
    def suggestions(self, status: str, page: int = 0) -> suggestion_reads.SuggestionPage:
        """One page of the stored suggestions of `status`, ranked, in scope, masked; audited."""
        return suggestion_reads.read_page(self, status, page)

    def decide_suggestion(self, household_id: str, decision: str, reason: str | None = None) -> str:
        """Accept or dismiss (with a reason) a suggestion in scope; audited. Returns the new status."""
        return suggestion_reads.decide(self, household_id, decision, reason)

    def suggestion_digest(self) -> dict[str, Any]:
        """Aggregates of the latest suggestion runs (roles that read everything); audited."""
        return suggestion_reads.digest(self)

    def suggestion_export(self) -> tuple[str, int]:
        """The accepted suggestions as a council_cases CSV, masked, audited as an export."""
        return suggestion_reads.export_csv(self)

    # --- how two people are connected (pages/components/connect.py) ----------------------------
    CONNECT_MAX_HOPS = 6      # steps a chain may have (queries/app/connect_path.cypher is bounded there)
    CONNECT_READ = 50         # shortest chains read per search
    CONNECT_ROUNDS = 4        # searches for a council or agency user, each avoiding what the last left its scope
    CONNECT_BUDGET_S = 8.0    # time for all of them together

    def connection(self, person_a: str, person_b: str, *, max_hops: int = CONNECT_MAX_HOPS,
                   paths: int = 3) -> dict[str, Any]:
        """The shortest chains (at most `paths`) between two people, after purpose and scope;
        audited. `{"status": "found" | "none" | "timeout", "max_hops", "hops", "paths": [{"hops",
        "nodes": [{id, label, props}], "rels": [{type, role, start}]}]}`, node properties masked by
        their declared kinds. For a council or agency user every node of a chain must be in scope
        (nodes_in_scope, i.e. households_in_scope.cypher); chains that leave it are searched around
        (up to CONNECT_ROUNDS searches) and never returned, and "none" does not say whether a chain
        outside the scope exists."""
        self.need_purpose()
        cap = max(1, min(int(max_hops), self.CONNECT_MAX_HOPS))
        ends = [("Person", str(person_a)), ("Person", str(person_b))]
        if self.scope.limited and set(ends) - self.nodes_in_scope(ends):
            raise OutOfScope("열람 범위 밖의 기록입니다 (outside your scope)")
        query = db.app_queries()["connect_path"]
        deadline = time.monotonic() + self.CONNECT_BUDGET_S
        blocked: set[str] = set()
        found: list[dict[str, Any]] = []
        status = "none"
        try:
            for _ in range(self.CONNECT_ROUNDS if self.scope.limited else 1):
                left = deadline - time.monotonic()
                if left < 0.5:
                    status = "timeout"
                    break
                params = {"person_a": ends[0][1], "person_b": ends[1][1], "max_hops": cap,
                          "blocked": sorted(blocked), "limit": self.CONNECT_READ}
                rows = db.get_runner().read(query.text, query.bind(params), name="app.connect_path",
                                            timeout=left, row_cap=self.CONNECT_READ).rows
                if not rows or not self.scope.limited:
                    found = rows
                    break
                handle = {n["id"]: (n["label"], str((n.get("props") or {}).get(KEYS.get(n["label"], ""), "")))
                          for r in rows for n in r["nodes"]}
                allowed = self.nodes_in_scope(sorted(set(handle.values())))
                found = [r for r in rows if all(handle[n["id"]] in allowed for n in r["nodes"])]
                if found:
                    break
                blocked |= {i for i, h in handle.items() if h not in allowed}
        except QueryTimeout:
            status, found = "timeout", []
        found = found[:max(1, paths)]
        if found:
            status = "found"
        shown: dict[str, set[str]] = {"person": {ends[0][1], ends[1][1]}}
        for r in found:
            for n in r["nodes"]:
                key = (n.get("props") or {}).get(KEYS.get(n["label"], ""))
                if key not in (None, ""):
                    shown.setdefault(n["label"].lower(), set()).add(str(key))
        audit.record("view", target_type="connection", target=ends[0][1], purpose=self.purpose,
                     detail={"status": status, "paths": len(found), "max_hops": cap,
                             "hops": found[0]["hops"] if found else None},
                     ids={k: sorted(v) for k, v in shown.items()})
        masked = self._declared("app", "connect_path", found, listing=False)
        return {"status": status, "max_hops": cap, "hops": masked[0]["hops"] if masked else None, "paths": masked}
