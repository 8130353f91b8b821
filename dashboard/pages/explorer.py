"""Graph explorer: filter by years, kinds and types; search; click to expand; evidence.

The data shaping is in plain functions (:func:`explorer_view`,
:func:`next_state`, :func:`node_panel_data`, :func:`search_options`) that the
callbacks call and the benchmark times; the callbacks only move values
between components.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import dash_cytoscape as cyto
from dash import Dash, Input, Output, State, ctx, dcc, html

from dashboard import ids, styles
from dashboard.context import AppContext
from dashboard.elements import cap_graph, merge_graphs, to_elements
from dashboard.evidence import EvidenceView, evidence_views, render_evidence_list
from dashboard.state import ViewState
from graph.errors import NodeNotFoundError
from graph.model import GraphData, NodeDetail
from graph.schema import COMMITMENT_TYPES, Kind, Rel, is_a
from graph.store import expand_kinds
from graph.store import in_window as date_in_window

PAGE = "explorer"
DEFAULT_KINDS: tuple[str, ...] = (Kind.ACTOR.value, Kind.EVENT.value, Kind.COMMITMENT.value, Kind.THREAT.value)
"""Kinds shown when the link names none (documents, mentions, concepts on demand)."""
MAX_EXPANDED = 12
"""Clicked nodes whose neighbourhoods stay open (older ones close first)."""
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
GRAPH_LAYOUT: dict[str, Any] = {
    "name": "cose",
    "animate": False,
    "randomize": False,
    "nodeRepulsion": 9000,
    "idealEdgeLength": 70,
}


@dataclass(frozen=True)
class ExplorerView:
    """What the graph callback sends: elements and what to tell the analyst."""

    elements: list[dict[str, Any]]
    notice: str
    summary: str
    graph: GraphData


# -- state ---------------------------------------------------------------


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


def next_state(
    state: dict[str, Any],
    trigger: str | None,
    years: list[int] | None = None,
    kinds: list[str] | None = None,
    types: list[str] | None = None,
    tapped: dict[str, Any] | None = None,
    searched: str | None = None,
) -> dict[str, Any]:
    """The state after one interaction (``trigger`` is the id of the component that fired)."""
    new = dict(state)
    expanded = list(state.get("expanded") or [])

    def select(iri: str) -> None:
        new["node"] = iri
        if iri in expanded:
            expanded.remove(iri)
        expanded.append(iri)
        del expanded[:-MAX_EXPANDED]

    if trigger == ids.EXPLORER_YEARS and years and len(years) == 2:
        new["from"], new["to"] = int(min(years)), int(max(years))
    elif trigger == ids.EXPLORER_KINDS and kinds is not None:
        new["kinds"] = [k for k in kinds if k in {x.value for x in Kind}]
    elif trigger == ids.EXPLORER_TYPES and types is not None:
        new["types"] = list(types)
    elif trigger == ids.EXPLORER_GRAPH and tapped and tapped.get("id"):
        select(str(tapped["id"]))
    elif trigger == ids.EXPLORER_SEARCH and searched:
        select(searched)
    elif trigger == ids.EXPLORER_RESET:
        new["node"] = None
        expanded = []
        new["types"] = []
        new["kinds"] = list(DEFAULT_KINDS)
    new["expanded"] = expanded
    return new


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
            iri = app_ctx.concept_iri(name)
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


@dataclass(frozen=True)
class NodePanel:
    """The details panel's content, before rendering."""

    iri: str
    label: str
    kind: str
    degree: int
    properties: list[tuple[str, str]]
    evidence: list[EvidenceView]
    is_incident: bool


def _show(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def node_panel_data(app_ctx: AppContext, iri: str) -> NodePanel | None:
    """Details of a node, or None when the store has no such node (remembered per node)."""
    return app_ctx.remembered("node_panel", iri, lambda: _node_panel_data(app_ctx, iri))


def _node_panel_data(app_ctx: AppContext, iri: str) -> NodePanel | None:
    try:
        detail: NodeDetail = app_ctx.store.get_node(iri)
    except NodeNotFoundError:
        return None
    node = detail.node
    props = sorted((k, _show(v)) for k, v in node.props.items())
    return NodePanel(
        iri=node.iri,
        label=node.label,
        kind=node.kind.value,
        degree=detail.degree,
        properties=props,
        evidence=evidence_views(detail, store=app_ctx.store),
        is_incident=is_a(node.kind, Kind.INCIDENT),
    )


def search_options(app_ctx: AppContext, text: str | None, current: str | None = None) -> list[Any]:
    """Dropdown options for a search text (the current value always stays an option); remembered."""
    return app_ctx.remembered("search", (text, current), lambda: _search_options(app_ctx, text, current))


def _search_options(app_ctx: AppContext, text: str | None, current: str | None) -> list[Any]:
    options: list[Any] = []
    seen: set[str] = set()
    if current and app_ctx.store.has_node(current):
        node = app_ctx.store.get_node(current).node
        options.append({"label": f"{node.label} ({styles.kind_label(node.kind)})", "value": node.iri})
        seen.add(node.iri)
    if text and len(text.strip()) >= 2:
        for node in app_ctx.store.search(text.strip(), limit=20):
            if node.iri not in seen and node.kind not in (Kind.MENTION,):
                options.append({"label": f"{node.label} ({styles.kind_label(node.kind)})", "value": node.iri})
                seen.add(node.iri)
    return options


# -- rendering -------------------------------------------------------------


def render_node_panel(panel: NodePanel | None, requested: str | None) -> list[Any]:
    """The details panel's children."""
    if panel is None:
        if requested:
            return [html.P(f"No node has the IRI {requested}.", style=styles.ERROR_STYLE)]
        return [
            html.P("Click a node (or search for one) to see its properties and evidence.", style={"color": "#7f7f7f"})
        ]
    style = styles.kind_style(panel.kind)
    head = html.Div(
        [
            html.Span(
                styles.kind_label(panel.kind),
                className="kind-badge",
                style={
                    "background": style.colour,
                    "color": "#fff",
                    "padding": "1px 6px",
                    "borderRadius": "3px",
                    "fontSize": 12,
                },
            ),
            html.H4(panel.label, id="explorer-details-title", style={"margin": "6px 0 2px 0"}),
            html.Div(panel.iri, style={"fontSize": 11, "color": "#7f7f7f", "wordBreak": "break-all"}),
            html.Div(f"{panel.degree} links", style={"fontSize": 12}),
        ]
    )
    rows = [
        html.Tr([html.Th(k, style={"textAlign": "left", "paddingRight": "8px", "verticalAlign": "top"}), html.Td(v)])
        for k, v in panel.properties
    ]
    children: list[Any] = [head]
    if panel.is_incident:
        children.append(
            dcc.Link(
                "Trace the alliance's response \u2192", href=f"/tracer?incident={panel.iri}", id="explorer-trace-link"
            )
        )
    children.append(html.Table(html.Tbody(rows), className="props", style={"fontSize": 13, "margin": "6px 0"}))
    children.append(html.H5(f"Evidence ({len(panel.evidence)})", style={"margin": "8px 0 4px 0"}))
    children.append(render_evidence_list(panel.evidence))
    return children


def layout(app_ctx: AppContext, view: ViewState) -> html.Div:
    """The explorer page for a URL state."""
    lo, hi = app_ctx.year_bounds()
    state = initial_state(view, (lo, hi))
    concept_labels = app_ctx.concept_labels()
    type_options: list[Any] = [
        {"label": label, "value": name} for name, label in sorted(concept_labels.items(), key=lambda kv: kv[1])
    ]
    kind_options: list[Any] = [{"label": styles.kind_label(k), "value": k.value} for k in Kind]
    search_initial = search_options(app_ctx, None, state["node"])
    controls = html.Div(
        [
            html.Label("Years", htmlFor=ids.EXPLORER_YEARS),
            dcc.RangeSlider(
                id=ids.EXPLORER_YEARS,
                min=lo,
                max=hi,
                step=1,
                value=[state["from"], state["to"]],
                marks=styles.year_marks(lo, hi),
                tooltip={"placement": "bottom", "always_visible": False},
                allowCross=False,
            ),
            html.Label("Node kinds", htmlFor=ids.EXPLORER_KINDS),
            dcc.Dropdown(id=ids.EXPLORER_KINDS, options=kind_options, value=state["kinds"], multi=True),
            html.Label("Commitment or threat types", htmlFor=ids.EXPLORER_TYPES),
            dcc.Dropdown(
                id=ids.EXPLORER_TYPES, options=type_options, value=state["types"], multi=True, placeholder="All types"
            ),
            html.Label("Find a node", htmlFor=ids.EXPLORER_SEARCH),
            dcc.Dropdown(
                id=ids.EXPLORER_SEARCH,
                options=search_initial,
                value=state["node"] if search_initial else None,
                placeholder="Type at least two letters of a name",
            ),
            html.Button("Reset view", id=ids.EXPLORER_RESET, n_clicks=0, style={"marginTop": "8px"}),
            html.Div(id=ids.EXPLORER_COUNTS, style={"fontSize": 12, "color": "#595959", "marginTop": "6px"}),
            html.H5("Legend", style={"margin": "10px 0 0 0"}),
            cyto.Cytoscape(
                id=ids.EXPLORER_LEGEND,
                elements=styles.legend_elements(),
                stylesheet=styles.cytoscape_stylesheet(),
                layout={"name": "preset", "fit": True, "padding": 14},
                userZoomingEnabled=False,
                userPanningEnabled=False,
                autoungrabify=True,
                autounselectify=True,
                style={"width": "100%", "height": "300px", "background": "#fff"},
            ),
        ],
        style={"width": "290px", "flex": "0 0 290px", "display": "flex", "flexDirection": "column", "gap": "4px"},
    )
    graph = html.Div(
        [
            html.Div(id=ids.EXPLORER_NOTICE),
            cyto.Cytoscape(
                id=ids.EXPLORER_GRAPH,
                elements=[],
                stylesheet=styles.cytoscape_stylesheet(),
                layout=GRAPH_LAYOUT,
                minZoom=0.1,
                maxZoom=3,
                style={
                    "width": "100%",
                    "height": "calc(100vh - 150px)",
                    "minHeight": "480px",
                    "background": "#fff",
                    "border": "1px solid #d9d9d9",
                },
            ),
        ],
        style={"flex": "1 1 auto", "minWidth": "300px"},
    )
    details = html.Div(
        id=ids.EXPLORER_DETAILS,
        children=render_node_panel(node_panel_data(app_ctx, state["node"]) if state["node"] else None, state["node"]),
        style={**styles.PANEL_STYLE, "width": "360px", "flex": "0 0 360px", "height": "calc(100vh - 150px)"},
    )
    return html.Div(
        [
            dcc.Store(id=ids.url_state(PAGE), data=state),
            html.Div([controls, graph, details], style={"display": "flex", "gap": "12px"}),
        ]
    )


def register(app: Dash, app_ctx: AppContext) -> None:
    """Add the explorer's callbacks to ``app``."""
    state_id = ids.url_state(PAGE)

    @app.callback(
        Output(state_id, "data"),
        Input(ids.EXPLORER_YEARS, "value"),
        Input(ids.EXPLORER_KINDS, "value"),
        Input(ids.EXPLORER_TYPES, "value"),
        Input(ids.EXPLORER_GRAPH, "tapNodeData"),
        Input(ids.EXPLORER_SEARCH, "value"),
        Input(ids.EXPLORER_RESET, "n_clicks"),
        State(state_id, "data"),
        prevent_initial_call=True,
    )
    def _update_state(years, kinds, types, tapped, searched, _reset, state):
        return next_state(state or {}, ctx.triggered_id, years, kinds, types, tapped, searched)

    @app.callback(
        Output(ids.EXPLORER_GRAPH, "elements"),
        Output(ids.EXPLORER_NOTICE, "children"),
        Output(ids.EXPLORER_COUNTS, "children"),
        Input(state_id, "data"),
    )
    def _draw(state):
        view = explorer_view(app_ctx, state or {})
        notice = html.Div(view.notice, style=styles.NOTICE_STYLE) if view.notice else None
        return view.elements, notice, view.summary

    @app.callback(Output(ids.EXPLORER_DETAILS, "children"), Input(state_id, "data"), prevent_initial_call=True)
    def _details(state):
        node = (state or {}).get("node")
        return render_node_panel(node_panel_data(app_ctx, node) if node else None, node)

    @app.callback(
        Output(ids.EXPLORER_SEARCH, "options"),
        Input(ids.EXPLORER_SEARCH, "search_value"),
        State(ids.EXPLORER_SEARCH, "value"),
        prevent_initial_call=True,
    )
    def _search(text, current):
        return search_options(app_ctx, text, current)
