"""Graph explorer: filter by years, kinds and types; search; click to expand; evidence.

The data shaping is in plain functions (:func:`dashboard.explorer_graph.explorer_view`,
:func:`next_state`, :func:`node_panel_data`, :func:`search_options`) that the
callbacks call and the benchmark times; the callbacks only move values
between components.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import dash_cytoscape as cyto
from dash import Dash, Input, Output, State, ctx, dcc, html

from dashboard import ids, styles
from dashboard.context import AppContext
from dashboard.evidence import EvidenceView, evidence_views, render_evidence_list
from dashboard.explorer_graph import DEFAULT_KINDS, explorer_view, initial_state
from dashboard.state import ViewState
from graph.errors import NodeNotFoundError
from graph.model import NodeDetail
from graph.schema import Kind, is_a

PAGE = "explorer"
MAX_EXPANDED = 12
"""Clicked nodes whose neighbourhoods stay open (older ones close first)."""
GRAPH_LAYOUT: dict[str, Any] = {
    "name": "cose",
    "animate": False,
    "randomize": False,
    "nodeRepulsion": 9000,
    "idealEdgeLength": 70,
}


# -- state ---------------------------------------------------------------


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
