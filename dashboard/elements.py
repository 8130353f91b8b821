"""Graph records to cytoscape elements, within the element budget.

The browser never receives more than ``max_elements`` elements (nodes plus
edges). :func:`cap_graph` keeps the most connected nodes (and any pinned ones,
such as the node the analyst clicked) and the edges among them, and says how
much it left out so the page can ask the analyst to narrow the view.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph.labels import shorten
from graph.model import GraphData, Node, Relationship
from graph.schema import Prop

SHORT_LABEL = 28


@dataclass(frozen=True)
class CappedGraph:
    """A graph cut down to the element budget.

    Attributes:
        graph: what is sent to the browser.
        dropped_nodes, dropped_edges: how many were left out.
    """

    graph: GraphData
    dropped_nodes: int = 0
    dropped_edges: int = 0

    @property
    def truncated(self) -> bool:
        """True when something was left out."""
        return bool(self.dropped_nodes or self.dropped_edges)


def short_label(text: str, width: int = SHORT_LABEL) -> str:
    """A label short enough to draw under a node."""
    text = " ".join(text.split())
    return shorten(text, width, words=False)


def node_element(node: Node, classes: str = "") -> dict[str, Any]:
    """Cytoscape element of a node (the IRI is the element id)."""
    data: dict[str, Any] = {
        "id": node.iri,
        "kind": node.kind.value,
        "label": node.label,
        "short": short_label(node.label or node.iri.rsplit("/", 1)[-1]),
    }
    date = node.props.get(Prop.DATE.value)
    if isinstance(date, dt.date):
        data["date"] = date.isoformat()
    element: dict[str, Any] = {"data": data}
    if classes:
        element["classes"] = classes
    return element


def edge_id(rel: Relationship) -> str:
    """Element id of a relationship (its identity ``source|TYPE|target``)."""
    return f"{rel.source}|{rel.type.value}|{rel.target}"


def edge_element(rel: Relationship) -> dict[str, Any]:
    """Cytoscape element of a relationship."""
    return {
        "data": {
            "id": edge_id(rel),
            "source": rel.source,
            "target": rel.target,
            "type": rel.type.value,
            "short": rel.type.value.lower().replace("_", " "),
        }
    }


def cap_graph(graph: GraphData, max_elements: int, pinned: Iterable[str] = ()) -> CappedGraph:
    """Keep at most ``max_elements`` nodes plus edges.

    Nodes are taken pinned first, then by degree inside ``graph`` (ties by
    IRI); each node brings the edges that join it to nodes already kept, as
    long as the budget allows. Edges whose ends are missing are dropped.
    """
    if max_elements < 1:
        msg = f"max_elements must be at least 1, got {max_elements}"
        raise ValueError(msg)
    nodes = graph.node_map()
    rels = [r for r in graph.relationships if r.source in nodes and r.target in nodes]
    if len(nodes) + len(rels) <= max_elements:
        return CappedGraph(GraphData.model_construct(nodes=list(nodes.values()), relationships=rels))
    degree: Counter[str] = Counter()
    by_node: dict[str, list[int]] = {}
    for i, rel in enumerate(rels):
        degree[rel.source] += 1
        degree[rel.target] += 1
        by_node.setdefault(rel.source, []).append(i)
        by_node.setdefault(rel.target, []).append(i)
    pin = [iri for iri in dict.fromkeys(pinned) if iri in nodes]
    pin_set = set(pin)
    rest = sorted((iri for iri in nodes if iri not in pin_set), key=lambda i: (-degree[i], i))
    kept: dict[str, Node] = {}
    kept_rels: set[int] = set()
    budget = max_elements
    for iri in [*pin, *rest]:
        if budget < 1:
            break
        kept[iri] = nodes[iri]
        budget -= 1
        for i in by_node.get(iri, ()):
            if budget < 1:
                break
            rel = rels[i]
            other = rel.target if rel.source == iri else rel.source
            if other in kept and i not in kept_rels:
                kept_rels.add(i)
                budget -= 1
    return CappedGraph(
        GraphData.model_construct(nodes=list(kept.values()), relationships=[rels[i] for i in sorted(kept_rels)]),
        dropped_nodes=len(nodes) - len(kept),
        dropped_edges=len(rels) - len(kept_rels),
    )


def to_elements(graph: GraphData, focus: Iterable[str] = (), hits: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Cytoscape elements of a graph; ``focus`` and ``hits`` nodes get a CSS class."""
    focus_set, hit_set = set(focus), set(hits)
    out: list[dict[str, Any]] = []
    for node in graph.nodes:
        classes = " ".join(c for c, s in (("focus", focus_set), ("hit", hit_set)) if node.iri in s)
        out.append(node_element(node, classes))
    out.extend(edge_element(rel) for rel in graph.relationships)
    return out


def merge_graphs(*graphs: GraphData) -> GraphData:
    """Union of graphs (nodes by IRI, relationships by identity), order kept."""
    if len(graphs) == 1:
        return graphs[0]
    nodes: dict[str, Node] = {}
    rels: dict[tuple[str, str, str], Relationship] = {}
    for g in graphs:
        for node in g.nodes:
            nodes.setdefault(node.iri, node)
        for rel in g.relationships:
            rels.setdefault(rel.key, rel)
    return GraphData(nodes=list(nodes.values()), relationships=list(rels.values()))
