"""Query rows → dash-cytoscape elements (pure), and the filters applied to them.

Node ids are Neo4j element ids (stable while the database is not rewritten); shareable URLs use the
business keys (`household_id`, `case_id`, `person_id`). Person and address text passes through the
`mask` callable given by the caller, so masking is decided in one place (`pages/privacy.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

# Business key per label (docs/architecture.md).
KEYS: dict[str, str] = {
    "Agency": "agency_id", "Call": "call_id", "PersonRecord": "record_id", "PoliceMeasure": "measure_id",
    "RiskAssessment": "assessment_id", "Service": "service_key", "CouncilCase": "case_id",
    "CouncilMeasure": "measure_id", "Address": "address_id", "Person": "person_id",
    "Household": "household_id",
}
EVENT_TYPES = ("Call", "PoliceMeasure", "RiskAssessment", "Service", "CouncilCase", "CouncilMeasure")
# Where each event type keeps its date.
DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "Call": ("received_at",), "PoliceMeasure": ("date",), "RiskAssessment": ("date",),
    "Service": ("date",), "CouncilCase": ("meeting_date",),
    "CouncilMeasure": ("due_date", "start_date", "done_date"),
}
PERSON_TYPES = ("Person", "PersonRecord")
_RISK_WORDS = {"매우높음": 4, "높음": 3, "보통": 2, "낮음": 1,
               "very high": 4, "high": 3, "medium": 2, "moderate": 2, "low": 1}

Mask = Callable[[str, str | None], str]  # (kind, value) -> display text; kind: name/address/phone


def no_mask(kind: str, value: str | None) -> str:
    return "" if value is None else str(value)


def risk_level(props: dict[str, Any]) -> int:
    """0 (unknown) … 4 (very high) from whatever risk field a node carries."""
    for key in ("risk_level", "grade", "risk_grade", "risk"):
        value = props.get(key)
        if isinstance(value, str) and value.strip().lower() in _RISK_WORDS:
            return _RISK_WORDS[value.strip().lower()]
    score = props.get("risk_score")
    if isinstance(score, (int, float)):
        # Scores are 0–100 (queries/risk.py); buckets mirror the council's four grades.
        return 4 if score >= 75 else 3 if score >= 50 else 2 if score >= 25 else 1
    return 0


def as_date(value: Any) -> date | None:
    """A date from a date, datetime or ISO text (anything else: None)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def event_date(label: str, props: dict[str, Any]) -> date | None:
    for f in DATE_FIELDS.get(label, ()):
        d = as_date(props.get(f))
        if d is not None:
            return d
    return None


def caption(label: str, props: dict[str, Any], mask: Mask = no_mask) -> str:
    """Short text drawn on a node."""
    d = event_date(label, props)
    ds = d.isoformat() if d else ""
    if label in PERSON_TYPES:
        return mask("name", props.get("name")) or props.get(KEYS[label], "?")
    if label == "Household":
        return str(props.get("household_id", ""))
    if label == "Address":
        return mask("address", props.get("road_address") or props.get("text") or props.get("lot_address")) \
            or str(props.get("address_id", ""))
    if label == "Agency":
        return str(props.get("name") or props.get("agency_id", ""))
    if label == "Call":
        return f"{props.get('category') or ''} {ds}".strip()
    if label == "PoliceMeasure":
        return f"{props.get('type') or ''} {ds}".strip()
    if label == "RiskAssessment":
        return f"{props.get('grade') or ''} {ds}".strip()
    if label == "Service":
        return f"{props.get('field') or ''} {ds}".strip()
    if label == "CouncilCase":
        return f"{props.get('case_id', '')} {props.get('case_type') or ''}".strip()
    if label == "CouncilMeasure":
        return f"{props.get('field') or ''} · {props.get('status') or ''}".strip(" ·")
    return str(props.get(KEYS.get(label, ""), label))


def node_element(node: dict[str, Any], mask: Mask = no_mask) -> dict[str, Any]:
    """`{id, label, props}` (as the cypher files return nodes) → a cytoscape node."""
    label, props = node["label"], node.get("props") or {}
    d = event_date(label, props)
    risk = risk_level(props)
    data = {"id": node["id"], "type": label, "key": str(props.get(KEYS.get(label, ""), "")),
            "label": caption(label, props, mask), "risk": risk, "date": d.isoformat() if d else None,
            "roles": [], "agency_type": props.get("type") if label == "Agency" else None}
    if label in ("Person", "PersonRecord") and props.get("is_child"):
        data["roles"].append("child")
    return {"data": data, "classes": f"{label} risk{risk}"}


def edge_element(source: str, target: str, rel: str, role: str | None) -> dict[str, Any]:
    eid = f"{source}|{rel}|{role or ''}|{target}"
    return {"data": {"id": eid, "source": source, "target": target, "rel": rel, "role": role or "",
                     "label": role or ""},
            "classes": f"{rel} {('role-' + role) if role else ''}".strip()}


def add_neighbour_rows(state: dict[str, Any], rows: Iterable[dict[str, Any]], mask: Mask = no_mask) -> list[str]:
    """Merge rows of `queries/app/neighbours.cypher` into `state` ({nodes, edges}); returns new node ids.

    Each row: `{nid, total, items: [{m: {id, label, props}, rel, role, outgoing}]}`.
    """
    nodes, edges = state.setdefault("nodes", {}), state.setdefault("edges", {})
    new: list[str] = []
    for row in rows:
        nid = row["nid"]
        for item in row.get("items") or []:
            m = item["m"]
            if m["id"] not in nodes:
                nodes[m["id"]] = node_element(m, mask)
                new.append(m["id"])
            src, dst = (nid, m["id"]) if item.get("outgoing") else (m["id"], nid)
            edge = edge_element(src, dst, item["rel"], item.get("role"))
            edges.setdefault(edge["data"]["id"], edge)
    _mark_roles(state)
    return new


def _mark_roles(state: dict[str, Any]) -> None:
    """Show on each person node the roles its edges carry (victim / suspect / child …)."""
    nodes = state["nodes"]
    for edge in state["edges"].values():
        role = edge["data"].get("role")
        if not role:
            continue
        for end in (edge["data"]["source"], edge["data"]["target"]):
            node = nodes.get(end)
            if node and node["data"]["type"] in PERSON_TYPES:
                roles = node["data"].setdefault("roles", [])
                norm = "child" if role in ("child", "child_witness") else "suspect" if role in (
                    "suspect", "offender") else role
                if norm not in roles:
                    roles.append(norm)
    for node in nodes.values():
        d = node["data"]
        if d["type"] in PERSON_TYPES:
            extra = " ".join(f"role-{r}" for r in d.get("roles", []))
            node["classes"] = f"{d['type']} risk{d['risk']} {extra}".strip()


def more_node(anchor: str, remaining: int, text: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The "N more" indicator hung on `anchor`; tapping it loads the next page of neighbours."""
    mid = f"more:{anchor}"
    node = {"data": {"id": mid, "type": "More", "anchor": anchor, "remaining": remaining, "label": text,
                     "key": "", "risk": 0, "roles": [], "date": None},
            "classes": "More"}
    edge = {"data": {"id": f"{mid}|edge", "source": anchor, "target": mid, "rel": "MORE", "role": "",
                     "label": ""}, "classes": "MORE"}
    return node, edge


def filter_elements(state: dict[str, Any], *, date_from: str | None = None, date_to: str | None = None,
                    relations: Iterable[str] | None = None,
                    agency_types: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """The elements to draw: events outside the date range, agencies of unticked types and edges of
    unticked relation types are hidden; nodes keep their stored positions."""
    rel_set = set(relations) if relations is not None else None
    ag_set = set(agency_types) if agency_types is not None else None
    keep: dict[str, dict[str, Any]] = {}
    for nid, node in state.get("nodes", {}).items():
        d = node["data"]
        if d["type"] in EVENT_TYPES and d.get("date"):
            if (date_from and d["date"] < date_from[:10]) or (date_to and d["date"] > date_to[:10]):
                continue
        if d["type"] == "Agency" and ag_set is not None and (d.get("agency_type") or "") not in ag_set:
            continue
        keep[nid] = node
    out: list[dict[str, Any]] = []
    for nid, node in keep.items():
        el = {"data": node["data"], "classes": node.get("classes", "")}
        if nid in state.get("positions", {}):
            x, y = state["positions"][nid]
            el["position"] = {"x": x, "y": y}
        out.append(el)
    for edge in state.get("edges", {}).values():
        d = edge["data"]
        if d["source"] not in keep or d["target"] not in keep:
            continue
        if rel_set is not None and d["rel"] not in rel_set and d["rel"] != "MORE":
            continue
        out.append(edge)
    return out
