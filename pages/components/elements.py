"""Query rows → dash-cytoscape elements (pure), and the filters applied to them.

Node ids are Neo4j element ids (stable while the database is not rewritten); shareable URLs use the
business keys (`household_id`, `case_id`, `person_id`). Person and address text passes through the
`mask` callable given by the caller, so masking is decided in one place (`pages/privacy.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from pages.components import labels
from pages.components.codes import code_label
from pages.components.styles import CAPTION_FONT, CAPTION_WIDTH, DEFAULT_CAPTION_FONT

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


def caption_lines(label: str, props: dict[str, Any], mask: Mask = no_mask, lang: str = "ko") -> list[str]:
    """What a node says, as lines (a kind, then a date; a name; an agency): the graph draws them
    one under the other, `caption` joins them. Stored codes (가정폭력, 완료 …) in `lang`."""

    def code(kind: str) -> str:
        return code_label(kind, props.get(kind), lang)

    d = event_date(label, props)
    ds = d.isoformat() if d else ""
    if label in PERSON_TYPES:
        # (what masking puts in place of a value, e.g. "(비공개)", is a code too)
        return [code_label("mask", mask("name", props.get("name")), lang) or str(props.get(KEYS[label], "?"))]
    if label == "Household":
        return []   # named by its members and 동 once they are known (pages/explorer.py: name_households)
    if label == "Address":
        return [code_label("mask", mask("address", props.get("road_address") or props.get("text")
                                        or props.get("lot_address")), lang)
                or str(props.get("address_id", ""))]
    if label == "Agency":
        return [str(props.get("name") or props.get("agency_id", ""))]
    if label == "Call":
        return [code("category"), ds]
    if label == "PoliceMeasure":
        return [code_label("measure_type", props.get("type"), lang), ds]
    if label == "RiskAssessment":
        return [code("grade"), ds]
    if label == "Service":
        return [code("field"), ds]
    if label == "CouncilCase":
        return [str(props.get("case_id", "")), code("case_type")]
    if label == "CouncilMeasure":
        return [code("field"), code_label("measure_status", props.get("status"), lang)]
    return [str(props.get(KEYS.get(label, ""), label))]


def caption(label: str, props: dict[str, Any], mask: Mask = no_mask, lang: str = "ko") -> str:
    """Short text of a node on one line ("가정폭력 2023-03-02"); a household's is left to the
    explorer, which names it by its members (never by its id)."""
    lines = [line for line in caption_lines(label, props, mask, lang) if line]
    return (" · " if label == "CouncilMeasure" else " ").join(lines)


def display_text(label: str, lines: list[str]) -> str:
    """Caption lines as the graph draws them: two lines at most, each cut to the width the layout
    reserves. A single long line (an address, an agency's name) is wrapped at spaces."""
    size, bold = CAPTION_FONT.get(label, DEFAULT_CAPTION_FONT)
    width = CAPTION_WIDTH.get(label, labels.LINE_WIDTH)
    kept = [line for line in lines if line and line.strip()]
    if len(kept) == 1:
        return "\n".join(labels.wrap(kept[0], size, width, bold=bold))
    return labels.display(kept[:2], size, width, bold=bold)


def node_element(node: dict[str, Any], mask: Mask = no_mask, lang: str = "ko") -> dict[str, Any]:
    """`{id, label, props}` (as the cypher files return nodes) → a cytoscape node."""
    label, props = node["label"], node.get("props") or {}
    d = event_date(label, props)
    risk = risk_level(props)
    lines = caption_lines(label, props, mask, lang)
    data = {"id": node["id"], "type": label, "key": str(props.get(KEYS.get(label, ""), "")),
            "label": caption(label, props, mask, lang), "display": display_text(label, lines),
            "risk": risk, "date": d.isoformat() if d else None,
            "roles": [], "agency_type": props.get("type") if label == "Agency" else None}
    if label in ("Person", "PersonRecord") and props.get("is_child"):
        data["roles"].append("child")
    return {"data": data, "classes": f"{label} risk{risk}"}


def edge_element(source: str, target: str, rel: str, role: str | None) -> dict[str, Any]:
    eid = f"{source}|{rel}|{role or ''}|{target}"
    return {"data": {"id": eid, "source": source, "target": target, "rel": rel, "role": role or "",
                     "label": role or ""},
            "classes": f"{rel} {('role-' + role) if role else ''}".strip()}


def add_neighbour_rows(state: dict[str, Any], rows: Iterable[dict[str, Any]], mask: Mask = no_mask,
                       lang: str = "ko") -> list[str]:
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
                nodes[m["id"]] = node_element(m, mask, lang)
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


def summary_id(anchor: str, kinds: list[str], year: int | None) -> str:
    """A summary node's id. It starts with "more:" so that it is never taken for a graph node (the
    data gate and the details panel refuse such handles)."""
    return f"more:{anchor}|{'+'.join(kinds)}|{'' if year is None else year}"


def summary_node(anchor: str, kinds: list[str], year: int | None, count: int, lines: list[str]) -> tuple[
        dict[str, Any], dict[str, Any]]:
    """A summary of `count` unseen neighbours of `anchor` with one of the labels `kinds` (in `year`
    when given; 0 means undated), drawn as "112 신고 / 944건" and hung on the anchor. Tapping it adds
    that slice, or splits it by kind or year."""
    sid = summary_id(anchor, kinds, year)
    node = {"data": {"id": sid, "type": "More", "anchor": anchor, "kinds": list(kinds), "year": year,
                     "count": int(count), "label": " ".join(lines), "display": display_text("More", lines),
                     "key": "", "risk": 0, "roles": [], "date": None},
            "classes": "More"}
    edge = {"data": {"id": f"{sid}|edge", "source": anchor, "target": sid, "rel": "MORE", "role": "",
                     "label": ""}, "classes": "MORE"}
    return node, edge


def filter_elements(state: dict[str, Any], *, date_from: str | None = None, date_to: str | None = None,
                    relations: Iterable[str] | None = None, known_relations: Iterable[str] | None = None,
                    agency_types: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """The elements to draw: events outside the date range, agencies of unticked types and edges of
    unticked relation types (of `known_relations`, the ones the page offers, when given) are hidden,
    and so is every node the filters left without an edge (an agency whose calls fell outside the
    dates; the household's own node always stays); nodes keep their stored positions."""
    rel_set = set(relations) if relations is not None else None
    known = set(known_relations) if known_relations is not None else None
    ag_set = set(agency_types) if agency_types is not None else None
    lo, hi = (date_from or "")[:10], (date_to or "")[:10]
    keep: dict[str, dict[str, Any]] = {}
    for nid, node in state.get("nodes", {}).items():
        d = node["data"]
        if d["type"] in EVENT_TYPES and d.get("date"):
            if (lo and d["date"] < lo) or (hi and d["date"] > hi):
                continue
        if d["type"] == "More" and d.get("year"):   # a year's summary outside the dates
            if (lo and int(d["year"]) < int(lo[:4])) or (hi and int(d["year"]) > int(hi[:4])):
                continue
        if d["type"] == "Agency" and ag_set is not None and (d.get("agency_type") or "") not in ag_set:
            continue
        keep[nid] = node
    edges: list[dict[str, Any]] = []
    linked: set[str] = set()
    had_edge: set[str] = set()
    nodes = state.get("nodes", {})
    for edge in state.get("edges", {}).values():
        d = edge["data"]
        if d["source"] in nodes and d["target"] in nodes:
            had_edge.update((d["source"], d["target"]))
        if d["source"] not in keep or d["target"] not in keep:
            continue
        if rel_set is not None and d["rel"] not in rel_set and d["rel"] != "MORE" and (known is None or d["rel"] in known):
            continue
        edges.append({"data": d, "classes": edge.get("classes", "")})   # a copy: callers relabel
        linked.update((d["source"], d["target"]))
    out: list[dict[str, Any]] = []
    for nid, node in keep.items():
        if nid in had_edge and nid not in linked and nid != state.get("root"):
            continue
        el = {"data": node["data"], "classes": node.get("classes", "")}
        if nid in state.get("positions", {}):
            x, y = state["positions"][nid]
            el["position"] = {"x": x, "y": y}
        out.append(el)
    shown = {e["data"]["id"] for e in out}
    return out + [e for e in edges if e["data"]["source"] in shown and e["data"]["target"] in shown]
