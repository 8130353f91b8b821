"""Graph explorer: search first, focus on a node, open and close neighbourhoods, evidence.

The page opens on the latest meeting with its commitments and the incidents
they answer. One search box finds nodes by name, alias, date, type and
evidence text (:func:`dashboard.explorer_panel.search_results`); a result, a
click on the graph or an item of the details panel opens that node: the
graph zooms to it, its neighbourhood is drawn and highlighted, the rest
fades. The data shaping is in plain functions (:func:`next_state`,
:func:`dashboard.explorer_graph.explorer_view`,
:func:`dashboard.explorer_panel.node_panel_data`) that the callbacks call and
the benchmark times; the callbacks only move values between components.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import dash
import dash_cytoscape as cyto
from dash import ALL, MATCH, ClientsideFunction, Dash, Input, Output, State, ctx, dcc, html

from dashboard import ids, styles
from dashboard.context import AppContext
from dashboard.evidence import render_evidence_list
from dashboard.explorer_graph import (
    CONNECTED,
    DEFAULT_KINDS,
    FOCUS,
    MAX_EXPANDED,
    VIEW_KEYS,
    bounded,
    explorer_view,
    initial_state,
    resolved,
)
from dashboard.explorer_panel import (
    PANEL_MORE,
    PANEL_MOST,
    PANEL_SHOWN,
    Group,
    NodePanel,
    node_panel_data,
    panel_group,
    search_results,
)
from dashboard.state import ViewState
from graph import labels
from graph.schema import Kind

PAGE = "explorer"
GRAPH_LAYOUT: dict[str, Any] = {"name": "preset", "fit": True, "padding": 30, "animate": False}
"""Positions come from the server (:func:`dashboard.explorer_graph.positions`): same data, same picture."""

__all__ = ["MAX_EXPANDED", "explorer_view", "initial_state", "next_state", "node_panel_data", "search_results"]


# -- state ---------------------------------------------------------------


def next_state(
    state: dict[str, Any],
    trigger: str | None,
    years: list[int] | None = None,
    kinds: list[str] | None = None,
    types: list[str] | None = None,
    tapped: dict[str, Any] | None = None,
    opened: str | None = None,
    pin_at: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """The state after one interaction (``trigger`` is the id of the component that fired).

    Tapping a node on the graph, or following a link to it (``opened``: a
    search result or an item of the details panel), selects it and opens its
    neighbourhood. The toolbar opens or closes the selected node's
    neighbourhood, hides it, or shows the hidden nodes again; pins the
    selected node at ``pin_at`` (where it is drawn) or unpins it; marks it as
    the start of a path, or shows the paths from that start to it. The
    lists are cut by :func:`dashboard.explorer_graph.bounded`.
    """
    new = dict(state)
    expanded = list(state.get("expanded") or [])
    hidden = list(state.get("hidden") or [])
    pinned = dict(state.get("pinned") or {})
    selected = state.get("node")

    def select(iri: str) -> None:
        new["node"] = iri
        if iri in hidden:
            hidden.remove(iri)
        if iri not in expanded:  # an open node keeps its place: selecting it again changes the focus only
            expanded.append(iri)

    if trigger == ids.EXPLORER_YEARS and years and len(years) == 2:
        new["from"], new["to"] = int(min(years)), int(max(years))
    elif trigger == ids.EXPLORER_KINDS and kinds is not None:
        new["kinds"] = [k for k in kinds if k in {x.value for x in Kind}]
    elif trigger == ids.EXPLORER_TYPES and types is not None:
        new["types"] = list(types)
    elif trigger == ids.EXPLORER_GRAPH and tapped and tapped.get("id"):
        select(str(tapped["id"]))
    elif trigger == ids.EXPLORER_OPEN_TYPE and opened:
        select(opened)
    elif trigger == ids.EXPLORER_EXPAND and selected:
        select(selected)
    elif trigger == ids.EXPLORER_COLLAPSE and selected and selected in expanded:
        expanded.remove(selected)
    elif trigger == ids.EXPLORER_HIDE and selected:
        if selected in expanded:
            expanded.remove(selected)
        hidden.append(selected)
        pinned.pop(selected, None)
        new["node"] = None
    elif trigger == ids.EXPLORER_UNHIDE:
        hidden = []
    elif trigger == ids.EXPLORER_PIN and selected:
        if selected in pinned:
            del pinned[selected]
        elif pin_at is not None:
            pinned[selected] = [float(pin_at[0]), float(pin_at[1])]
    elif trigger == ids.EXPLORER_UNPIN_ALL:
        pinned = {}
    elif trigger == ids.EXPLORER_PATH_FROM and selected:
        new["path_from"], new["path"] = selected, None
    elif trigger == ids.EXPLORER_PATH_TO and selected and state.get("path_from") not in (None, selected):
        new["path"] = [str(state["path_from"]), selected]
        new["path_from"] = None
    elif trigger == ids.EXPLORER_PATH_CLEAR:
        new["path"], new["path_from"] = None, None
    elif trigger == ids.EXPLORER_CONNECTED:
        new["mode"] = CONNECTED
    elif trigger == ids.EXPLORER_RESET:
        new["node"] = None
        expanded = []
        hidden = []
        new["types"] = []
        new["kinds"] = list(DEFAULT_KINDS)
        new["mode"] = FOCUS
        new["path"], new["path_from"] = None, None
    new["expanded"] = expanded
    new["hidden"] = hidden
    new["pinned"] = pinned
    return bounded(new)


def drawn_at(app_ctx: AppContext, state: dict[str, Any]) -> tuple[float, float] | None:
    """Where the selected node is drawn in the view of ``state`` (the view the graph shows); None when it is not."""
    selected = state.get("node")
    if not selected:
        return None
    for element in explorer_view(app_ctx, state).elements:
        if element.get("data", {}).get("id") == selected and "position" in element:
            return float(element["position"]["x"]), float(element["position"]["y"])
    return None


# -- rendering -------------------------------------------------------------

LINK_STYLE: dict[str, Any] = {
    "background": "none",
    "border": "none",
    "padding": "1px 0",
    "color": "#1f4e79",
    "textDecoration": "underline",
    "cursor": "pointer",
    "textAlign": "left",
    "font": "inherit",
    "verticalAlign": "top",
}
MUTED: dict[str, Any] = {"color": "#595959", "fontSize": 12}
PATH_COLOUR = "#00c8f0"
"""The path between two nodes: a colour no kind and no verdict has (see :mod:`dashboard.styles`)."""


def _open_link(iri: str, text: str) -> html.Button:
    """A link-looking button that opens a node (pattern-matching id, see :func:`ids.explorer_open`)."""
    return html.Button(text, id=ids.explorer_open(iri), n_clicks=0, className="open-link", style=LINK_STYLE)


def _items(group: Group, count_note: str = "") -> list[html.Li]:
    items = [
        html.Li(
            [_open_link(h.iri, h.label), html.Span(f" \u2014 {h.detail}", style=MUTED) if h.detail else None],
            style={"margin": "1px 0"},
        )
        for h in group.hits
    ]
    if group.more and (not group.key or len(group.hits) >= PANEL_MOST):
        items.append(html.Li(f"and {group.more:,} more{count_note or '; search for them'}", style=MUTED))
    return items


def _more_text(group: Group) -> tuple[str, dict[str, Any]]:
    """The text and style of a details panel group's "show more" button (hidden when nothing more can be listed)."""
    more = group.more if len(group.hits) < PANEL_MOST else 0
    text = f"Show {min(more, PANEL_MORE)} more ({more:,} not listed)"
    return text, {**LINK_STYLE, "fontSize": 12, "display": "inline-block" if more else "none"}


def _more_button(group: Group, iri: str) -> html.Button:
    text, style = _more_text(group)
    return html.Button(text, id=ids.explorer_more(iri, group.key), n_clicks=0, className="explorer-more", style=style)


def _group(group: Group, count_note: str = "", iri: str | None = None) -> html.Div:
    """A list under a heading with its total; a details panel group (``iri`` given) can list more."""
    pageable = bool(iri and group.key)
    named: dict[str, Any] = {"id": ids.explorer_more(iri or "", group.key, ids.EXPLORER_GROUP_TYPE)} if pageable else {}
    listing = html.Ul(_items(group, count_note), style={"margin": 0, "paddingLeft": "18px", "fontSize": 13}, **named)
    return html.Div(
        [
            html.H5(f"{group.title} ({len(group.hits) + group.more:,})", style={"margin": "8px 0 2px 0"}),
            listing,
            _more_button(group, iri or "") if pageable and group.more else None,
        ],
        className="explorer-group",
    )


def more_of_group(app_ctx: AppContext, iri: str, key: str, clicks: int) -> tuple[list[Any], str, dict[str, Any]]:
    """A details panel group after ``clicks`` presses of its "show more": its items, the button's text and style."""
    group = panel_group(app_ctx, iri, key, PANEL_SHOWN + max(int(clicks or 0), 0) * PANEL_MORE)
    if group is None:
        return [], "", {"display": "none"}
    text, style = _more_text(group)
    return _items(group), text, style


def render_results(groups: list[Group], text: str | None) -> list[Any]:
    """The search results: one list per kind, each result a link that opens its node."""
    query = (text or "").strip()
    if not query:
        return [html.Div("Names, dates (2017-09), types (THAAD) or words of the sources, then Enter.", style=MUTED)]
    if len(query) < 2:
        return [html.Div("Type at least two characters.", style=MUTED)]
    if not groups:
        return [html.Div(f"Nothing found for \u201c{query}\u201d.", style=MUTED)]
    return [_group(g, "; refine the search") for g in groups]


def render_node_panel(panel: NodePanel | None, requested: str | None) -> list[Any]:
    """The details panel's children."""
    if panel is None:
        if requested:
            return [html.P(f"No node has the IRI {requested}.", style=styles.ERROR_STYLE)]
        return [html.P("Click a node, or search for one, to see what it is linked to and its evidence.", style=MUTED)]
    style = styles.kind_style(panel.kind)
    head = html.Div(
        [
            html.Span(
                labels.kind_label(panel.kind),
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
        ]
    )
    children: list[Any] = [head]
    if panel.is_incident:
        children.append(
            dcc.Link(
                "Trace the alliance's response \u2192", href=f"/tracer?incident={panel.iri}", id="explorer-trace-link"
            )
        )
    rows = [
        html.Tr([html.Th(k, style={"textAlign": "left", "paddingRight": "8px", "verticalAlign": "top"}), html.Td(v)])
        for k, v in panel.facts
    ]
    children.append(html.Table(html.Tbody(rows), className="props", style={"fontSize": 13, "margin": "6px 0"}))
    # the linked items are the link groups' (a derived group, "What its commitments answer", is no link of the node)
    linked = [g for g in panel.groups if g.key]
    listed = sum(len(g.hits) for g in linked)
    total = sum(len(g.hits) + g.more for g in linked)
    children.append(
        html.Div(
            f"{panel.links:,} links: {total:,} linked items in {len(linked)} groups"
            + (f" (the first {listed:,} listed)" if listed < total else "")
            + f", {len(panel.evidence)} evidence sentences"
            + (f", {sum(len(n.texts) for n in panel.named_in)} names in documents" if panel.named_in else ""),
            className="explorer-links-count",
            style=MUTED,
        )
    )
    children.extend(_group(g, iri=panel.iri) for g in panel.groups)
    children.append(html.H5(f"Evidence ({len(panel.evidence)})", style={"margin": "10px 0 4px 0"}))
    children.append(render_evidence_list(panel.evidence, empty="No sentence of a source is linked to it."))
    if panel.named_in:
        children.append(html.H5("Named in", style={"margin": "8px 0 2px 0"}))
        children.append(
            html.Ul(
                [
                    html.Li(
                        [
                            _open_link(n.document_iri, n.document) if n.document_iri else html.Span(n.document),
                            html.Span(" as " + ", ".join(f"\u201c{t}\u201d" for t in n.texts), style=MUTED),
                        ]
                    )
                    for n in panel.named_in
                ],
                className="explorer-named-in",
                style={"margin": 0, "paddingLeft": "18px", "fontSize": 13},
            )
        )
    return children


def legend_children(counts: Counter[str]) -> list[Any]:
    """The legend of the kinds in view: a swatch drawn like the kind's nodes, its name, count and shape in words.

    Plain HTML, not a second canvas: a full graph update used to redraw a cytoscape legend too, on the
    browser's main thread, while the other callbacks' answers waited.
    """
    items: list[Any] = []
    for kind in (k for k in Kind if counts.get(k.value)):
        shape = styles.shape_words(styles.kind_style(kind).shape)
        marks: dict[str, Any] = {"data-kind": kind.value}  # which kind an entry is, for tests and styling
        items.append(
            html.Li(
                [
                    html.Span(style=styles.swatch_style(kind), title=shape, className="legend-swatch"),
                    html.Span(labels.kind_label(kind.value), className="legend-kind"),
                    html.Span(f"({counts[kind.value]})", className="legend-count"),
                    html.Span(shape, style={"color": "#7f7f7f", "fontSize": 11}),
                ],
                **marks,
                style={"display": "flex", "alignItems": "center", "gap": "5px"},
            )
        )
    if not items:
        return []
    return [html.Ul(items, style={"listStyle": "none", "margin": 0, "padding": 0, "fontSize": 12})]


def stylesheet() -> list[dict[str, Any]]:
    """The graph's stylesheet: the kinds' (:func:`styles.cytoscape_stylesheet`), then focus and fading."""
    return [
        *styles.cytoscape_stylesheet(),
        {"selector": "node", "style": {"font-size": 12, "min-zoomed-font-size": 4}},
        {"selector": "node.near", "style": {"border-width": 3, "border-color": "#1a1a1a"}},
        {"selector": "node.faded", "style": {"opacity": 0.25}},
        {"selector": "edge.faded", "style": {"opacity": 0.12}},
        {"selector": "edge.near", "style": {"line-color": "#595959", "target-arrow-color": "#595959", "width": 2}},
        {"selector": "node.focus", "style": {"border-width": 5, "border-color": "#ffc000", "font-weight": "bold"}},
        {"selector": "node.pinned", "style": {"border-width": 4, "border-style": "double", "border-color": "#1a1a1a"}},
        {"selector": "node.path", "style": {"opacity": 1, "border-width": 4, "border-color": PATH_COLOUR}},
        {
            "selector": "edge.path",
            "style": {"opacity": 1, "line-color": PATH_COLOUR, "target-arrow-color": PATH_COLOUR, "width": 4},
        },
    ]


def drawn_key(app_ctx: AppContext, state: dict[str, Any]) -> dict[str, Any]:
    """What identifies the view the graph shows for ``state`` (kept in the page, see :func:`graph_update`)."""
    full = resolved(app_ctx, state)
    return {**{k: full.get(k) for k in VIEW_KEYS}, "generation": app_ctx.generation()}


def focus_classes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, str] | None:
    """The change from ``old`` to ``new`` elements as the classes that differ (id -> classes); None when more changed.

    When the same elements sit at the same places (a click that moves the
    focus inside what is drawn), only the classes that differ are sent, so
    the browser restyles the graph instead of receiving and redrawing it whole.
    """
    if len(old) != len(new):
        return None
    changed: dict[str, str] = {}
    for a, b in zip(old, new, strict=True):
        if {k: v for k, v in a.items() if k != "classes"} != {k: v for k, v in b.items() if k != "classes"}:
            return None
        if a.get("classes", "") != b.get("classes", ""):
            changed[str(b["data"]["id"])] = b.get("classes", "")
    return changed


def graph_update(app_ctx: AppContext, state: dict[str, Any], drawn: dict[str, Any] | None) -> tuple[Any, ...]:
    """What the graph callback sends for ``state`` when the page shows the view of ``drawn``.

    The graph's update (``{"elements": [...]}``, the view whole, or ``{"classes": {id: classes}}`` when only the
    focus changed), notice, counts, legend (left as it is when only the focus changed), path note and the new
    ``drawn``. The page's script applies the update to the drawn graph in one batch (``explorer.draw`` in
    ``dashboard/assets/explorer.js``): the graph component's ``elements`` property stays empty, so dash-cytoscape
    neither deep-compares the elements nor measures every element's box after each answer.
    """
    view = explorer_view(app_ctx, state)
    notice = html.Div(view.notice, style=styles.NOTICE_STYLE) if view.notice else None
    path = html.Div(view.path_note, style=styles.NOTICE_STYLE) if view.path_note else None
    key = drawn_key(app_ctx, state)
    update: dict[str, Any] = {"elements": view.elements}
    legend: Any = dash.no_update
    # the drawn view is known only while the store is in the state it was drawn from
    same_graph = isinstance(drawn, dict) and drawn.get("generation") == key["generation"]
    before = explorer_view(app_ctx, drawn) if same_graph and isinstance(drawn, dict) else None
    changed = focus_classes(before.elements, view.elements) if before is not None else None
    if changed is not None:
        update = {"classes": changed}
    else:
        legend = legend_children(Counter(n.kind.value for n in view.graph.nodes))
    return update, notice, view.summary, legend, path, key


def _button(label: str, component_id: str, title: str) -> html.Button:
    return html.Button(label, id=component_id, n_clicks=0, title=title, style={"fontSize": 13})


def layout(app_ctx: AppContext, view: ViewState) -> html.Div:
    """The explorer page for a URL state."""
    lo, hi = app_ctx.year_bounds()
    state = resolved(app_ctx, initial_state(view, (lo, hi)))
    # The page comes without its graph: the graph callback's first call draws it (elements with their preset
    # positions, legend, counts). The router's answer is the page's largest render; with the graph in it, the
    # browser drew both canvases in the same task as the page, and every answer arriving meanwhile waited.
    concept_labels = app_ctx.concept_labels()
    type_options: list[Any] = [
        {"label": label, "value": name} for name, label in sorted(concept_labels.items(), key=lambda kv: kv[1])
    ]
    kind_options: list[Any] = [{"label": labels.kind_label(k.value), "value": k.value} for k in Kind]
    controls = html.Div(
        [
            html.Label("Search", htmlFor=ids.EXPLORER_SEARCH, style={"fontWeight": 600}),
            dcc.Input(
                id=ids.EXPLORER_SEARCH,
                type="search",
                debounce=True,
                placeholder="THAAD, 2017-09, NCG\u2026",
                autoComplete="off",
                style={"width": "100%", "padding": "4px 6px", "boxSizing": "border-box"},
            ),
            dcc.Loading(
                html.Div(
                    render_results([], None),
                    id=ids.EXPLORER_RESULTS,
                    style={"maxHeight": "40vh", "overflowY": "auto"},
                ),
                type="dot",
                delay_show=300,
            ),
            html.Div(
                [
                    _button("Latest meeting", ids.EXPLORER_RESET, "Back to the latest meeting and its commitments"),
                    _button("Most connected", ids.EXPLORER_CONNECTED, "The best-connected nodes of the whole graph"),
                ],
                style={"display": "flex", "gap": "6px", "marginTop": "8px"},
            ),
            html.Details(
                [
                    html.Summary("Filters: years, kinds, types", style={"cursor": "pointer", "fontWeight": 600}),
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
                        id=ids.EXPLORER_TYPES,
                        options=type_options,
                        value=state["types"],
                        multi=True,
                        placeholder="All types",
                    ),
                ],
                open=bool(view.year_from or view.year_to or view.kinds or view.types),
                style={"marginTop": "8px"},
            ),
            html.Div(id=ids.EXPLORER_COUNTS, style={"fontSize": 12, "color": "#595959", "marginTop": "6px"}),
            html.H5("Legend (nodes in view)", style={"margin": "10px 0 0 0"}),
            html.Div(id=ids.EXPLORER_LEGEND, children=[], style={"marginTop": "2px"}),
        ],
        style={"width": "290px", "flex": "0 0 290px", "display": "flex", "flexDirection": "column", "gap": "4px"},
    )
    toolbar = html.Div(
        [
            _button("Open neighbours", ids.EXPLORER_EXPAND, "Draw every neighbour of the selected node"),
            _button("Close neighbours", ids.EXPLORER_COLLAPSE, "Take the selected node's neighbours away again"),
            _button("Hide node", ids.EXPLORER_HIDE, "Take the selected node out of the view"),
            _button("Show hidden", ids.EXPLORER_UNHIDE, "Bring back every hidden node"),
            _button("Pin / unpin", ids.EXPLORER_PIN, "Keep the selected node in the view, where it is (or let it go)"),
            _button("Unpin all", ids.EXPLORER_UNPIN_ALL, "Let every pinned node go"),
            _button("Path from here", ids.EXPLORER_PATH_FROM, "Start a path at the selected node"),
            _button("Path to here", ids.EXPLORER_PATH_TO, "The shortest paths from the start to the selected node"),
            _button("Clear path", ids.EXPLORER_PATH_CLEAR, "Take the path away"),
        ],
        style={"display": "flex", "gap": "6px", "flexWrap": "wrap", "marginBottom": "4px"},
    )
    graph = html.Div(
        [
            toolbar,
            html.Div(id=ids.EXPLORER_NOTICE),
            html.Div(id=ids.EXPLORER_PATH_NOTE, role="status"),
            cyto.Cytoscape(
                id=ids.EXPLORER_GRAPH,
                elements=[],
                stylesheet=stylesheet(),
                layout=GRAPH_LAYOUT,
                # the positions come with the elements and the page's focus script zooms after each update;
                # re-running the (preset) layout on every add or remove only redrew and refitted the graph once more
                autoRefreshLayout=False,
                minZoom=0.1,
                maxZoom=2.5,
                style={
                    "width": "100%",
                    "height": "calc(100vh - 180px)",
                    "minHeight": "480px",
                    "background": "#fff",
                    "border": "1px solid #d9d9d9",
                },
            ),
            dcc.Store(id=ids.EXPLORER_ZOOM),
            dcc.Store(id=ids.EXPLORER_ELEMENTS),
            dcc.Store(id=ids.EXPLORER_DRAWN),
            dcc.Store(id=ids.EXPLORER_SHOWN),
        ],
        style={"flex": "1 1 auto", "minWidth": "300px"},
    )
    details = html.Div(
        id=ids.EXPLORER_DETAILS,
        children=render_node_panel(node_panel_data(app_ctx, state["node"]) if state["node"] else None, state["node"]),
        style={**styles.PANEL_STYLE, "width": "380px", "flex": "0 0 380px", "height": "calc(100vh - 150px)"},
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
        Input({"type": ids.EXPLORER_OPEN_TYPE, "iri": ALL}, "n_clicks"),
        Input(ids.EXPLORER_EXPAND, "n_clicks"),
        Input(ids.EXPLORER_COLLAPSE, "n_clicks"),
        Input(ids.EXPLORER_HIDE, "n_clicks"),
        Input(ids.EXPLORER_UNHIDE, "n_clicks"),
        Input(ids.EXPLORER_CONNECTED, "n_clicks"),
        Input(ids.EXPLORER_RESET, "n_clicks"),
        Input(ids.EXPLORER_PIN, "n_clicks"),
        Input(ids.EXPLORER_UNPIN_ALL, "n_clicks"),
        Input(ids.EXPLORER_PATH_FROM, "n_clicks"),
        Input(ids.EXPLORER_PATH_TO, "n_clicks"),
        Input(ids.EXPLORER_PATH_CLEAR, "n_clicks"),
        State(state_id, "data"),
        prevent_initial_call=True,
    )
    def _update_state(years, kinds, types, tapped, _opens, _e, _c, _h, _u, _m, _r, _p, _pa, _pf, _pt, _pc, state):
        trigger = ctx.triggered_id
        opened = None
        if isinstance(trigger, dict):
            if not (ctx.triggered and ctx.triggered[0].get("value")):
                return dash.no_update  # a link was drawn, not clicked
            opened, trigger = str(trigger.get("iri")), ids.EXPLORER_OPEN_TYPE
        pin_at = drawn_at(app_ctx, state or {}) if trigger == ids.EXPLORER_PIN else None
        return next_state(state or {}, trigger, years, kinds, types, tapped, opened, pin_at)

    @app.callback(
        Output(ids.EXPLORER_ELEMENTS, "data"),
        Output(ids.EXPLORER_NOTICE, "children"),
        Output(ids.EXPLORER_COUNTS, "children"),
        Output(ids.EXPLORER_LEGEND, "children"),
        Output(ids.EXPLORER_PATH_NOTE, "children"),
        Output(ids.EXPLORER_DRAWN, "data"),
        Input(state_id, "data"),
        Input(ids.EXPLORER_SHOWN, "data"),
        State(ids.EXPLORER_DRAWN, "data"),
    )
    def _draw(state, _shown, drawn):
        # also called when the page appears (nothing drawn yet): the first graph, whole. After a click the
        # page holds this callback until the details panel's answer is in (its input is the panel's output):
        # the panel is drawn first, and a large graph's redraw on the main thread no longer delays it.
        # (Asked only after the page has painted, as the address is, its answer waited less, but the first graph
        # came later in most paired runs: not kept, see round nine in BENCHMARKS.md.)
        return graph_update(app_ctx, state or {}, drawn)

    app.clientside_callback(
        ClientsideFunction(namespace="explorer", function_name="draw"),
        Output(ids.EXPLORER_ZOOM, "data"),
        Input(ids.EXPLORER_ELEMENTS, "data"),
        State(state_id, "data"),
    )

    @app.callback(
        Output(ids.EXPLORER_DETAILS, "children"),
        Output(ids.EXPLORER_SHOWN, "data"),
        Input(state_id, "data"),
        prevent_initial_call=True,
    )
    def _details(state):
        node = resolved(app_ctx, state or {}).get("node")
        return render_node_panel(node_panel_data(app_ctx, node) if node else None, node), {"node": node}

    @app.callback(
        Output({"type": ids.EXPLORER_GROUP_TYPE, "iri": MATCH, "group": MATCH}, "children"),
        Output({"type": ids.EXPLORER_MORE_TYPE, "iri": MATCH, "group": MATCH}, "children"),
        Output({"type": ids.EXPLORER_MORE_TYPE, "iri": MATCH, "group": MATCH}, "style"),
        Input({"type": ids.EXPLORER_MORE_TYPE, "iri": MATCH, "group": MATCH}, "n_clicks"),
        prevent_initial_call=True,
    )
    def _more(clicks):
        button = ctx.triggered_id
        if not clicks or not isinstance(button, dict):
            return dash.no_update, dash.no_update, dash.no_update
        return more_of_group(app_ctx, str(button.get("iri")), str(button.get("group")), clicks)

    @app.callback(
        Output(ids.EXPLORER_RESULTS, "children"),
        Input(ids.EXPLORER_SEARCH, "value"),
        prevent_initial_call=True,
    )
    def _search(text):
        return render_results(search_results(app_ctx, text), text)

