"""Pure parts of the explorer's structure tools (pages/components/connect.py): a connection's
chain as readable stops and links, the communities and central people of the network on the
canvas, and the stylesheet rules that highlight a chain or colour the communities.

Nothing here reads the database: chains come from `Gate.connection` (already masked), the network
from the explorer state the gate signed."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx

from pages.components.codes import code_label
from pages.components.elements import caption, event_date, no_mask

# Left out of communities and centrality, as the connection search leaves them out: nearly every
# event reaches the same police station, and a shared address is already a shared household.
LEFT_OUT = frozenset({"Agency", "Address", "More"})
PEOPLE = frozenset({"Person", "PersonRecord"})
SEED = 7
MIN_PEOPLE = 4          # fewer people on the canvas: no structure panel (a couple needs none)
MIN_NODES = 8
CENTRAL_SHOWN = 3
SOURCES = 24            # people whose shortest paths are followed (a seeded sample when there are more)
# A stylesheet rule whose selector starts with this group is ours: replaced on every update,
# everything else in the stylesheet is left as it is (the marker class is never on an element).
MARKER = ".jss-connect-overlay"
PALETTE = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#ff7f0e",
           "#7f7f7f", "#aec7e8")
PATH_COLOUR = "#ff00aa"

Translate = Callable[..., str]


# --- a connection's chain ------------------------------------------------------------------------
def fold(path: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(stops, links) of one chain of `Gate.connection`: person records folded into their person
    (a record sits between its person and the event it was named on), so stops alternate with
    links: stop0 link0 stop1 … A chain that does not fold that way is shown as it came."""
    nodes, rels = path.get("nodes") or [], path.get("rels") or []
    stops = [n for n in nodes if n.get("label") != "PersonRecord"]
    links = [r for r in rels if r.get("type") != "RESOLVES_TO"]
    if len(stops) != len(links) + 1:
        return list(nodes), list(rels)
    return stops, links


def link_text(link: dict[str, Any], t: Translate, lang: str) -> str:
    """The words on a link: the person's role on the event (피해자, 가해자 …), the relation of a
    RELATED_TO link (배우자 …), else what the relationship is (가구 구성원, 관련 신고 …)."""
    role = link.get("role")
    kind = link.get("type") or ""
    if role:
        lists = ("code.relation", "code.role", "role") if kind == "RELATED_TO" else ("role", "code.role", "code.relation")
        for key in (f"{prefix}.{role}" for prefix in lists):
            text = t(key, lang)
            if text != key:
                return text
        return str(role)
    key = f"rel.{kind}"
    text = t(key, lang)
    return kind if text == key else text


# What a stop says after its kind: these fields of it (codes in the user's language), then its date.
STOP_FIELDS: dict[str, tuple[str, ...]] = {
    "Call": ("category",), "PoliceMeasure": ("type",), "RiskAssessment": ("grade",), "Service": ("field",),
    "CouncilCase": ("case_id", "case_type"), "CouncilMeasure": ("field", "status"),
}


def stop_text(node: dict[str, Any], t: Translate, lang: str, names: dict[str, str]) -> str:
    """A stop as people read it: a person by name, as the gate masked it for the role; an event by
    its kind, what it was and its date ("112 신고 가정폭력 2023-08-02"); a household by the name
    `names` gives its element id (its members and 동), never by its id (elements.caption)."""
    label = node.get("label") or ""
    props = node.get("props") or {}
    if label in PEOPLE:
        return caption(label, props, no_mask)
    kind = t(f"type.{label}", lang)
    if label in STOP_FIELDS:
        words = [str(props[f]) if f == "case_id" else code_label(f, props[f], lang)
                 for f in STOP_FIELDS[label] if props.get(f) not in (None, "")]
        day = event_date(label, props)
        return " ".join([kind, *words, *([day.isoformat()] if day else [])])
    return f"{kind} {names.get(node.get('id') or '') or caption(label, props, no_mask)}".strip()


def chain_text(path: dict[str, Any], t: Translate, lang: str, names: dict[str, str]) -> str:
    """"김*자 —피해자— 112 신고 가정폭력 2023-08-02 —가해자— 박*수"."""
    stops, links = fold(path)
    parts = [stop_text(stops[0], t, lang, names)] if stops else []
    for link, stop in zip(links, stops[1:], strict=False):
        parts.append(f"—{link_text(link, t, lang)}— {stop_text(stop, t, lang, names)}")
    return " ".join(parts)


def households(paths: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Household id → element id of the households on `paths` (to be named for people)."""
    return {str((n.get("props") or {}).get("household_id")): str(n.get("id"))
            for p in paths for n in p.get("nodes") or [] if n.get("label") == "Household"}


def chain_ids(paths: Iterable[dict[str, Any]]) -> dict[str, list[Any]]:
    """What to highlight: the stops' element ids and the pairs of consecutive stops (the canvas
    draws a person's link to an event straight, without the record between)."""
    nodes: list[str] = []
    pairs: list[list[str]] = []
    for path in paths:
        stops, _ = fold(path)
        ids = [str(s.get("id")) for s in stops]
        nodes += [i for i in ids if i not in nodes]
        pairs += [[a, b] for a, b in zip(ids, ids[1:], strict=False) if [a, b] not in pairs]
    return {"nodes": nodes, "pairs": pairs}


# --- communities and central people ----------------------------------------------------------------
def network(state: dict[str, Any]) -> nx.Graph:
    """The canvas's network without agencies, addresses and "more" nodes."""
    g = nx.Graph()
    for nid, node in (state.get("nodes") or {}).items():
        if node["data"].get("type") not in LEFT_OUT:
            g.add_node(nid)
    for edge in (state.get("edges") or {}).values():
        a, b = edge["data"].get("source"), edge["data"].get("target")
        if a in g and b in g and a != b:
            g.add_edge(a, b)
    return g


def summary(state: dict[str, Any], *, min_people: int = MIN_PEOPLE, min_nodes: int = MIN_NODES,
            shown: int = CENTRAL_SHOWN) -> dict[str, Any] | None:
    """Communities (seeded Louvain) and central people (betweenness between people, ties by degree) of the network
    on the canvas, or None where they would not help (fewer than `min_people` people or
    `min_nodes` items). `{"people", "nodes", "communities": [[ids] largest first, singletons left
    out], "central": [{id, label, degree, betweenness}]}`."""
    g = network(state)
    nodes = state.get("nodes") or {}
    people = [n for n in g if nodes[n]["data"].get("type") in PEOPLE]
    if len(people) < min_people or g.number_of_nodes() < min_nodes:
        return None
    groups = nx.community.louvain_communities(g, seed=SEED) if g.number_of_edges() else []
    communities = sorted((sorted(c) for c in groups if len(c) > 1), key=lambda c: (-len(c), c[0]))
    between = people_betweenness(g, people)
    ranked = sorted(people, key=lambda n: (-between.get(n, 0.0), -g.degree(n), n))
    central = [{"id": n, "label": nodes[n]["data"].get("label") or nodes[n]["data"].get("key") or "",
                "degree": int(g.degree(n)), "betweenness": round(float(between.get(n, 0.0)), 4)}
               for n in ranked[:shown] if between.get(n, 0.0) > 0 or g.degree(n) > 0]
    return {"people": len(people), "nodes": g.number_of_nodes(), "communities": communities, "central": central}


def people_betweenness(g: nx.Graph, people: list[str]) -> dict[str, float]:
    """How often each node lies on the shortest paths between two people (through the events and
    households that link them), from at most SOURCES people, a seeded sample: a full count over
    2,400 items took 13 s on a busy 2-core machine, 24 sources about half a second."""
    sources = sorted(people) if len(people) <= SOURCES else sorted(random.Random(SEED).sample(sorted(people), SOURCES))
    return nx.betweenness_centrality_subset(g, sources=sources, targets=people, normalized=False)


def community_people(community: list[str], state: dict[str, Any]) -> int:
    nodes = state.get("nodes") or {}
    return sum(1 for n in community if n in nodes and nodes[n]["data"].get("type") in PEOPLE)


# --- stylesheet overlay --------------------------------------------------------------------------
def _quoted(value: str) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _nodes_selector(ids: Iterable[str]) -> str:
    return ", ".join([MARKER] + [f"node[id = {_quoted(i)}]" for i in ids])


def overlay(base: list[dict[str, Any]] | None, *, path: dict[str, Any] | None = None,
            communities: list[list[str]] | None = None) -> list[dict[str, Any]]:
    """`base` (the graph's stylesheet) without our earlier rules, plus: community colours (when
    given), then the chain (when given) drawn over everything else faded."""
    rules = [r for r in base or [] if not str(r.get("selector", "")).startswith(MARKER)]
    for i, community in enumerate((communities or [])[:len(PALETTE)]):  # the rest stay as drawn
        if community:
            rules.append({"selector": _nodes_selector(community), "style": {"background-color": PALETTE[i]}})
    nodes = [str(i) for i in (path or {}).get("nodes") or [] if isinstance(i, str)]
    pairs = [p for p in (path or {}).get("pairs") or [] if isinstance(p, list) and len(p) == 2]
    if nodes:
        rules.append({"selector": f"{MARKER}, node, edge", "style": {"opacity": 0.25}})
        rules.append({"selector": _nodes_selector(nodes), "style": {
            "opacity": 1, "border-width": 5, "border-color": PATH_COLOUR, "z-index": 20}})
        if pairs:
            edges = ", ".join([MARKER] + [f"edge[source = {_quoted(a)}][target = {_quoted(b)}], "
                                          f"edge[source = {_quoted(b)}][target = {_quoted(a)}]"
                                          for a, b in pairs])
            rules.append({"selector": edges, "style": {
                "opacity": 1, "width": 4, "line-color": PATH_COLOUR, "z-index": 20}})
    return rules
