"""Network analytics with networkx on subgraphs pulled through the runner.

Every function returns plain data (lists of dicts) the app can show in a table or turn into a
network view. The Cypher that pulls each subgraph lives in `queries/analytics/*.cypher`.

- `household_clusters`: households joined when their members are named together on a call or
  council case (or linked by RELATED_TO) — families whose troubles are connected.
- `person_centrality`: degree and betweenness of people in the person network (who links
  otherwise separate people: a serial offender, a shared new partner).
- `agency_centrality` / `agency_network`: the agency co-involvement network (agencies joined
  by the households they both had contact with, weighted by the number of such households).
- `agency_communities`: communities of that network (Louvain; greedy modularity as fallback),
  i.e. the groups of agencies that in practice work together.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

from graph.cypher_files import NamedQuery, load_directory
from graph.runner import Runner

PULL_CAP = 2_000_000   # analytics pulls whole subgraphs; the app's row cap does not apply


@lru_cache(maxsize=1)
def _pulls() -> dict[str, NamedQuery]:
    return load_directory(Path(__file__).resolve().parent / "analytics")


def _pull(runner: Runner, name: str) -> list[dict[str, Any]]:
    q = _pulls()[name]
    return runner.read(q.text, q.bind({}), name=f"analytics.{name}", row_cap=PULL_CAP, timeout=120).rows


def person_graph(runner: Runner) -> nx.Graph:
    g = nx.Graph()
    for row in _pull(runner, "person_households"):
        g.add_node(row["person_id"], name=row["name"], households=row["household_ids"])
    for row in _pull(runner, "person_links"):
        w = g.get_edge_data(row["a"], row["b"], {}).get("weight", 0)
        g.add_edge(row["a"], row["b"], weight=w + row["weight"])
    return g


def household_clusters(runner: Runner, min_households: int = 2) -> list[dict[str, Any]]:
    """Groups of at least `min_households` households connected through their members' shared
    calls, council cases or relations (people without a household still carry the link)."""
    people = person_graph(runner)
    g = nx.Graph(people)
    for pid, data in people.nodes(data=True):
        for h in data.get("households") or []:
            g.add_edge(pid, ("household", h))
    clusters = []
    for comp in nx.connected_components(g):
        households = sorted(n[1] for n in comp if isinstance(n, tuple))
        if len(households) < min_households:
            continue
        persons = sorted(n for n in comp if not isinstance(n, tuple))
        clusters.append({"households": households, "size": len(households), "people": persons,
                         "links": people.subgraph(persons).number_of_edges()})
    clusters.sort(key=lambda c: (-c["size"], c["households"][0]))
    for i, c in enumerate(clusters, 1):
        c["cluster"] = i
    return clusters


def _top(g: nx.Graph, top: int, extra: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    if g.number_of_nodes() == 0:
        return []
    degree = dict(g.degree())
    # Exact betweenness is cubic; sample pivots on big graphs (seeded, so results are stable).
    k = None if g.number_of_nodes() <= 2000 else 500
    between = nx.betweenness_centrality(g, k=k, seed=7, normalized=True)
    rows = [{"id": n, "degree": degree[n], "betweenness": round(between[n], 6), **(extra or {}).get(n, {})}
            for n in g.nodes]
    rows.sort(key=lambda r: (-r["betweenness"], -r["degree"], str(r["id"])))
    return rows[:top]


def person_centrality(runner: Runner, top: int = 20) -> list[dict[str, Any]]:
    g = person_graph(runner)
    names = {n: {"name": d.get("name"), "households": d.get("households")} for n, d in g.nodes(data=True)}
    g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    return _top(g, top, names)


def agency_graph(runner: Runner) -> nx.Graph:
    """Agencies joined by the households both had contact with (edge weight = households)."""
    by_household: dict[str, list[str]] = {}
    info: dict[str, dict[str, Any]] = {}
    for row in _pull(runner, "household_agency_edges"):
        by_household.setdefault(row["household_id"], []).append(row["agency_id"])
        info[row["agency_id"]] = {"name": row["agency_name"], "type": row["agency_type"]}
    g = nx.Graph()
    for aid, data in info.items():
        g.add_node(aid, **data)
    for agencies in by_household.values():
        agencies = sorted(set(agencies))
        for i, a in enumerate(agencies):
            g.nodes[a]["households"] = g.nodes[a].get("households", 0) + 1
            for b in agencies[i + 1:]:
                w = g.get_edge_data(a, b, {}).get("weight", 0)
                g.add_edge(a, b, weight=w + 1)
    return g


def agency_network(runner: Runner, min_households: int = 1) -> dict[str, list[dict[str, Any]]]:
    """Nodes and edges of the agency co-involvement network, for a network view."""
    g = agency_graph(runner)
    edges = [{"source": min(a, b), "target": max(a, b), "weight": d["weight"]}
             for a, b, d in g.edges(data=True) if d["weight"] >= min_households]
    nodes = [{"id": n, **d} for n, d in g.nodes(data=True)]
    return {"nodes": sorted(nodes, key=lambda n: n["id"]),
            "edges": sorted(edges, key=lambda e: (-e["weight"], e["source"], e["target"]))}


def agency_centrality(runner: Runner, top: int = 20) -> list[dict[str, Any]]:
    g = agency_graph(runner)
    extra = {n: {"name": d.get("name"), "type": d.get("type"), "households": d.get("households", 0)}
             for n, d in g.nodes(data=True)}
    return _top(g, top, extra)


def agency_communities(runner: Runner, seed: int = 7) -> list[dict[str, Any]]:
    """Groups of agencies that work on the same households (weighted Louvain)."""
    g = agency_graph(runner)
    if g.number_of_edges() == 0:
        return []
    try:
        parts = nx.community.louvain_communities(g, weight="weight", seed=seed)
    except AttributeError:   # older networkx
        parts = nx.community.greedy_modularity_communities(g, weight="weight")
    out = []
    for part in sorted(parts, key=lambda p: (-len(p), min(p))):
        types: dict[str, int] = {}
        for n in part:
            t = g.nodes[n].get("type") or "?"
            types[t] = types.get(t, 0) + 1
        out.append({"community": len(out) + 1, "agencies": sorted(part), "size": len(part),
                    "types": dict(sorted(types.items(), key=lambda kv: -kv[1]))})
    return out
