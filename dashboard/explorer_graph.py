"""The explorer's graph for a state of the page: filters, degree ranking, expansions, element budget.

What the explorer draws and what the exports page exports as "the current
view" (the same graph for the same link): :func:`initial_state` turns the
URL state into the page's state, :func:`explorer_view` shapes the graph for
it, remembered per state in the dashboard's one cache.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from dashboard.context import AppContext
from dashboard.elements import cap_graph, merge_graphs, to_elements
from dashboard.state import ViewState
from graph.model import GraphData
from graph.schema import COMMITMENT_TYPES, Kind, Rel, concept_iri
from graph.store import expand_kinds
from graph.store import in_window as date_in_window

DEFAULT_KINDS: tuple[str, ...] = (Kind.ACTOR.value, Kind.EVENT.value, Kind.COMMITMENT.value, Kind.THREAT.value)
"""Kinds shown when the link names none (documents, mentions, concepts on demand)."""
EXPAND_LIMIT = 150
"""Most neighbours one click adds."""
POOL_FACTOR = 3
"""The overview ranks the ``POOL_FACTOR * max_elements`` most connected nodes (see
:func:`ranked_pool`), then applies the time range locally."""
POOL_ENOUGH = 150
"""Nodes of the chosen kinds the overall pool must hold to be used (see :func:`ranked_pool`)."""
TYPE_LIMIT = 400
"""Most nodes a commitment- or threat-type filter brings in per type."""
TYPE_CONTEXT = 20
"""Typed nodes whose own neighbours (meeting, parties, incident) are shown too."""


@dataclass(frozen=True)
class ExplorerView:
    """What the graph callback sends: elements and what to tell the analyst."""

    elements: list[dict[str, Any]]
    notice: str
    summary: str
    graph: GraphData


def initial_state(view: ViewState, bounds: tuple[int, int]) -> dict[str, Any]:
    """The page's state store from the URL state (years clamped into the data's range)."""
    lo, hi = bounds
    year_from = min(max(view.year_from if view.year_from is not None else lo, lo), hi)
    year_to = max(min(view.year_to if view.year_to is not None else hi, hi), year_from)
    return {
        "from": year_from,
        "to": year_to,
        "kinds": list(view.kinds or DEFAULT_KINDS),
        "types": list(view.types),
        "node": view.node,
        "expanded": [view.node] if view.node else [],
    }


def _window(state: dict[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    start = dt.date(int(state["from"]), 1, 1) if state.get("from") is not None else None
    end = dt.date(int(state["to"]), 12, 31) if state.get("to") is not None else None
    return start, end


# -- data shaping ----------------------------------------------------------


def explorer_view(app_ctx: AppContext, state: dict[str, Any]) -> ExplorerView:
    """The graph to draw for a state, within the element budget (remembered per state).

    Without a type filter the base view is the most connected nodes passing
    the kind and time filters (``store.subgraph(limit=...)``); with one, the
    nodes typed by the chosen concepts and their own neighbours. Every
    expanded node adds its neighbourhood. Whatever does not fit is left out
    and the notice says so.
    """
    key = json.dumps(
        {k: state.get(k) for k in ("from", "to", "kinds", "types", "node", "expanded")}, sort_keys=True, default=str
    )
    return app_ctx.remembered("explorer_view", key, lambda: _explorer_view(app_ctx, state))


def _explorer_view(app_ctx: AppContext, state: dict[str, Any]) -> ExplorerView:
    budget = app_ctx.max_elements
    start, end = _window(state)
    kinds = list(state.get("kinds") or DEFAULT_KINDS)
    base_key = json.dumps([state.get("from"), state.get("to"), sorted(kinds), sorted(state.get("types") or [])])
    base, over = app_ctx.remembered("explorer_base", base_key, lambda: _base_view(app_ctx, state))
    parts: list[GraphData] = [base]
    expanded: list[str] = []
    for iri in state.get("expanded") or []:
        added = _expansion(app_ctx, iri, kinds, start, end)
        if added is not None:
            expanded.append(iri)
            parts.extend(added)
    merged = merge_graphs(*parts)
    selected = state.get("node")
    pinned = [*reversed(expanded)]
    capped = cap_graph(merged, budget, pinned=pinned)
    graph = capped.graph
    notice = ""
    if capped.truncated or over:
        notice = (
            f"Showing the {len(graph.nodes)} most connected nodes and {len(graph.relationships)} links "
            f"(the browser gets at most {budget} elements). Narrow the years, kinds or types, "
            "or search for a node to see the rest."
        )
    elif not graph.nodes:
        notice = "Nothing matches these filters. Widen the years or choose more kinds."
    summary = f"{len(graph.nodes)} nodes, {len(graph.relationships)} links"
    elements = to_elements(graph, focus=[selected] if selected else [], hits=expanded)
    return ExplorerView(elements, notice, summary, graph)


def _expansion(
    app_ctx: AppContext, iri: str, kinds: list[str], start: dt.date | None, end: dt.date | None
) -> tuple[GraphData, ...] | None:
    """What an expanded node adds: its neighbourhood (and itself when filtered out); None when no node has this IRI.

    Remembered: the neighbourhoods of the other expanded nodes are read once, not at each click.
    """

    def read() -> tuple[GraphData, ...] | None:
        store = app_ctx.store
        if not store.has_node(iri):
            return None
        around = store.neighbours(iri, hops=1, kinds=kinds, start=start, end=end, limit=EXPAND_LIMIT)
        if any(n.iri == iri for n in around.nodes):
            return (around,)
        return (around, GraphData(nodes=[store.get_node(iri).node]))

    key = (iri, tuple(sorted(kinds)), start, end)
    return app_ctx.remembered("explorer_expansion", key, read, size=256)


def _base_view(app_ctx: AppContext, state: dict[str, Any]) -> tuple[GraphData, bool]:
    """The filtered view before any click, capped to the budget; and whether more matched."""
    store = app_ctx.store
    budget = app_ctx.max_elements
    start, end = _window(state)
    kinds = list(state.get("kinds") or DEFAULT_KINDS)
    types = [t for t in state.get("types") or [] if t in app_ctx.concept_labels()]
    parts: list[GraphData] = []
    over = False
    if types:
        concept_kinds = [*kinds, Kind.CONCEPT.value]
        for name in types:
            iri = concept_iri(name)
            if not store.has_node(iri):
                continue
            rel = Rel.COMMITMENT_TYPE if name in COMMITMENT_TYPES else Rel.THREAT_TYPE
            typed = store.neighbours(
                iri, hops=1, kinds=concept_kinds, rel_types=[rel], start=start, end=end, limit=TYPE_LIMIT + 1
            )
            over = over or len(typed.nodes) > TYPE_LIMIT
            parts.append(typed)
            for node in typed.nodes[:TYPE_CONTEXT]:
                if node.iri != iri:
                    parts.append(store.neighbours(node.iri, hops=1, kinds=kinds, start=start, end=end, limit=12))
    else:
        pool, over = ranked_pool(app_ctx, kinds)
        lo, hi = app_ctx.year_bounds()
        narrowed = (state.get("from") or lo) > lo or (state.get("to") or hi) < hi
        parts.append(in_window(pool, start, end, strict=narrowed))
    capped = cap_graph(merge_graphs(*parts), budget)
    return capped.graph, over or capped.truncated


def ranked_pool(app_ctx: AppContext, kinds: list[str]) -> tuple[GraphData, bool]:
    """The most connected nodes of ``kinds`` (``POOL_FACTOR`` times the budget) and whether more exist.

    One store call ranks the whole graph by degree (remembered); the kinds are
    then picked locally. The nodes of some kinds inside the overall top are the
    top of those kinds by degree, so the pool is used as soon as it holds
    ``POOL_ENOUGH`` of them (the notice then says more exist); otherwise the
    store ranks the chosen kinds itself (also remembered).
    """
    size = app_ctx.max_elements * POOL_FACTOR
    general = _ranked(app_ctx, None, size + 1)
    wanted = expand_kinds(kinds) or set()
    if len(general.nodes) <= size:
        return _only_kinds(general, wanted), False
    local = _only_kinds(general, wanted)
    if len(local.nodes) >= min(app_ctx.max_elements, POOL_ENOUGH):
        return local, True
    specific = _ranked(app_ctx, kinds, size + 1)
    return specific, len(specific.nodes) > size


def _ranked(app_ctx: AppContext, kinds: list[str] | None, limit: int) -> GraphData:
    """The ``limit`` most connected nodes of ``kinds`` (all when None), remembered."""
    key = (None if kinds is None else tuple(sorted(kinds)), limit)
    return app_ctx.remembered("ranked", key, lambda: app_ctx.store.subgraph(kinds=kinds, limit=limit))


def _only_kinds(graph: GraphData, kinds: set[str]) -> GraphData:
    keep = [n for n in graph.nodes if n.kind.value in kinds]
    iris = {n.iri for n in keep}
    rels = [r for r in graph.relationships if r.source in iris and r.target in iris]
    return GraphData.model_construct(nodes=keep, relationships=rels)


def in_window(graph: GraphData, start: dt.date | None, end: dt.date | None, strict: bool = False) -> GraphData:
    """Nodes dated inside ``[start, end]`` (undated ones too) and the relationships among them.

    With ``strict`` (a range narrower than the data's), an undated node (a
    person, a state, a concept) stays only when it is linked to a dated node
    inside the range, so a narrow range is not crowded by everyone who ever
    appeared.
    """
    if start is None and end is None:
        return graph
    keep = [n for n in graph.nodes if date_in_window(n.date, start, end)]
    iris = {n.iri for n in keep}
    rels = [r for r in graph.relationships if r.source in iris and r.target in iris]
    if strict:
        dated = {n.iri for n in keep if n.date is not None}
        linked = {r.target for r in rels if r.source in dated} | {r.source for r in rels if r.target in dated}
        keep = [n for n in keep if n.iri in dated or n.iri in linked]
        iris = {n.iri for n in keep}
        rels = [r for r in rels if r.source in iris and r.target in iris]
    return GraphData.model_construct(nodes=keep, relationships=rels)
