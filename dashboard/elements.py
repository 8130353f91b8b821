"""Graph records to cytoscape elements, within the element budget.

The browser never receives more than ``max_elements`` elements (nodes plus
edges). :func:`cap_graph` keeps the most connected nodes (and any pinned ones,
such as the node the analyst clicked) and the edges among them, and says how
much it left out so the page can ask the analyst to narrow the view.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.labels import relationship_label, shorten
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
    """A label short enough to draw under a node (cut at a word, never inside one when a space allows)."""
    text = " ".join(text.split())
    return shorten(text, width)


def node_element(
    node: Node,
    classes: str = "",
    name: str | None = None,
    short: str | None = None,
    position: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """Cytoscape element of a node (the IRI is the element id).

    ``name`` is the node's display name (default: its label), ``short`` the
    text drawn under it (default: the name, shortened at a word), and
    ``position`` its preset position.
    """
    label = name or node.label or node.iri.rsplit("/", 1)[-1]
    data: dict[str, Any] = {
        "id": node.iri,
        "kind": node.kind.value,
        "label": label,
        "short": short or short_label(label),
    }
    date = node.props.get(Prop.DATE.value)
    if isinstance(date, dt.date):
        data["date"] = date.isoformat()
    element: dict[str, Any] = {"data": data}
    if position is not None:
        element["position"] = {"x": position[0], "y": position[1]}
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
            "short": relationship_label(rel.type.value),
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


def to_elements(
    graph: GraphData,
    focus: Iterable[str] = (),
    hits: Iterable[str] = (),
    names: Callable[[Node], str] | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    shorts: Callable[[Node, str], str] | None = None,
    also_near: Iterable[str] = (),
    pinned: Iterable[str] = (),
    path: Iterable[Iterable[str]] = (),
) -> list[dict[str, Any]]:
    """Cytoscape elements of a graph.

    ``focus`` nodes get the class ``focus``, ``hits`` (opened nodes) ``hit``.
    With a focus, the focus's neighbours and the links that touch it get
    ``near`` and everything else ``faded``, so the neighbourhood stands out.
    ``names`` gives each node's display name, ``shorts`` the text drawn
    under it, ``positions`` the preset positions. ``also_near`` nodes (what a
    meeting's commitments answer, two links away) are highlighted with the
    neighbours, and so are the links that reach them from a neighbour.
    ``pinned`` nodes get the class ``pinned`` and are locked in place. The
    nodes of the ``path`` (node sequences) and the links between consecutive
    nodes of one get ``path`` and are never faded.
    """
    focus_set, hit_set, pin_set = set(focus), set(hits), set(pinned)
    paths = [list(p) for p in path]
    on_path = {iri for p in paths for iri in p}
    steps = {frozenset(p[i : i + 2]) for p in paths for i in range(len(p) - 1)}
    nodes = graph.node_map()
    focus_set &= set(nodes)
    near: set[str] = set()
    for rel in graph.relationships:
        if rel.source in focus_set:
            near.add(rel.target)
        if rel.target in focus_set:
            near.add(rel.source)
    first = set(near)
    extra = (set(also_near) & set(nodes)) if focus_set else set()
    near = (near | extra) - focus_set
    out: list[dict[str, Any]] = []
    for node in graph.nodes:
        marks = [
            c
            for c, s in (("focus", focus_set), ("hit", hit_set), ("near", near), ("pinned", pin_set), ("path", on_path))
            if node.iri in s
        ]
        if focus_set and node.iri not in focus_set and node.iri not in near and node.iri not in on_path:
            marks.append("faded")
        name = names(node) if names is not None else None
        short = shorts(node, name or node.label) if shorts is not None else None
        where = positions.get(node.iri) if positions is not None else None
        element = node_element(node, " ".join(marks), name=name, short=short, position=where)
        if node.iri in pin_set:
            element["locked"] = True
        out.append(element)
    for rel in graph.relationships:
        element = edge_element(rel)
        if frozenset((rel.source, rel.target)) in steps:
            element["classes"] = "path"
        elif focus_set:
            touches = rel.source in focus_set or rel.target in focus_set
            reaches = rel.source in first and rel.target in extra
            element["classes"] = "near" if touches or reaches else "faded"
        out.append(element)
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
