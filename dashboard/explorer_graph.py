"""The explorer's graph for a state of the page: a focus, expansions, filters, element budget.

What the explorer draws and what the exports page exports as "the current
view" (the same graph for the same link): :func:`initial_state` turns the
URL state into the page's state, :func:`explorer_view` shapes the graph for
it, remembered per state in the dashboard's one cache.

The page opens on a small view that means something: the latest meeting
with commitments (:func:`home_node`), its commitments and the incidents they
answer. Each node the analyst opens ("expands") adds its neighbourhood;
hidden nodes stay out. The whole graph's most connected nodes are one click
away (mode ``connected``), and a type filter shows the typed nodes. Node
positions are computed here (:func:`positions`), so the same data always
gives the same picture.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from dashboard.context import AppContext
from dashboard.elements import cap_graph, merge_graphs, to_elements
from dashboard.state import ViewState
from graph import labels
from graph.errors import NodeNotFoundError
from graph.model import GraphData, Node
from graph.schema import COMMITMENT_TYPES, Kind, Prop, Rel, Series, concept_iri, is_a
from graph.store import PATH_MAX_VISITS, PathResult, expand_kinds
from graph.store import in_window as date_in_window

DEFAULT_KINDS: tuple[str, ...] = (Kind.ACTOR.value, Kind.EVENT.value, Kind.COMMITMENT.value, Kind.THREAT.value)
"""Kinds shown when the link names none (documents, mentions, concepts on demand)."""
FOCUS = "focus"
"""Mode of the page: the opened nodes' neighbourhoods (the latest meeting when none is open)."""
CONNECTED = "connected"
"""Mode of the page: the most connected nodes of the whole graph, and the opened neighbourhoods."""
MODES = (FOCUS, CONNECTED)
MAX_EXPANDED = 12
"""Opened nodes whose neighbourhoods stay open (older ones close first)."""
MAX_HIDDEN = 500
"""Most hidden nodes a view keeps (the list comes from the browser)."""
MAX_PINNED = 30
"""Most pinned nodes a view keeps (older pins go first)."""
PATH_HOPS = 5
"""Longest path between two nodes the explorer looks for, in links (see :meth:`graph.store.GraphReader.paths`)."""
PATH_SHOWN = 5
"""Most shortest paths between two nodes the explorer draws."""
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


VIEW_KEYS = ("from", "to", "kinds", "types", "node", "expanded", "hidden", "mode", "pinned", "path", "path_from")
"""The keys of the page's state that decide the view (and key its cache)."""


@dataclass(frozen=True)
class ExplorerView:
    """What the graph callback sends: elements and what to tell the analyst."""

    elements: list[dict[str, Any]]
    notice: str
    summary: str
    graph: GraphData
    path_note: str = ""
    """What the path search between two nodes found (empty when none was asked for)."""


def initial_state(view: ViewState, bounds: tuple[int, int]) -> dict[str, Any]:
    """The page's state store from the URL state (years clamped into the data's range).

    A link with a node opens that node; a link with a filter (types, a
    narrowed time range, other kinds than the default) shows the filtered
    graph (mode ``connected``); a bare link opens on the latest meeting (see
    :func:`resolved`).
    """
    lo, hi = bounds
    year_from = min(max(view.year_from if view.year_from is not None else lo, lo), hi)
    year_to = max(min(view.year_to if view.year_to is not None else hi, hi), year_from)
    opened = list(dict.fromkeys(view.opened))
    if view.node and view.node not in opened:
        opened.append(view.node)
    narrowed = year_from > lo or year_to < hi
    filtered = bool(view.types) or narrowed or bool(view.kinds and set(view.kinds) != set(DEFAULT_KINDS))
    mode = view.mode if view.mode in MODES else (CONNECTED if filtered else FOCUS)
    return {
        "from": year_from,
        "to": year_to,
        "kinds": list(view.kinds or DEFAULT_KINDS),
        "types": list(view.types),
        "node": view.node,
        "expanded": opened,
        "hidden": list(dict.fromkeys(view.hidden)),
        "mode": mode,
        "pinned": {iri: [x, y] for iri, x, y in view.pinned},
    }


def home_node(app_ctx: AppContext) -> str | None:
    """The node a bare link opens on: the latest dated meeting with commitments (remembered).

    Ties go by IRI; without such a meeting, the latest meeting; in a graph
    without meetings, the most connected node; None for an empty graph.
    """
    return app_ctx.cached("explorer_home", lambda: _home_node(app_ctx))


def _home_node(app_ctx: AppContext) -> str | None:
    view = app_ctx.analytics()
    dated = [m for m in view.meetings.values() if m.date is not None]
    with_commitments = [m for m in dated if view.by_meeting.get(m.iri)]
    pool = with_commitments or dated
    if pool:
        return max(pool, key=lambda m: (m.date or dt.date.min, m.iri)).iri
    top = app_ctx.store.subgraph(limit=1).nodes
    return top[0].iri if top else None


def _empty_notice(app_ctx: AppContext) -> str:
    """Why the picture is empty: the filters, or a store that holds nothing yet (named, with what to run)."""
    if app_ctx.cached("explorer_store_total", lambda: sum(app_ctx.store.count_by_kind().values())):
        return "Nothing matches these filters. Widen the years or choose more kinds."
    where = app_ctx.store.describe()
    return (
        f"{where[:1].upper()}{where[1:]} holds no nodes yet. Load documents into it first, "
        "e.g. `alliancekg ingest corpus/`, then reload this page."
    )


def bounded(state: dict[str, Any]) -> dict[str, Any]:
    """THE one place the browser's lists are checked and cut: text only, and a bounded number of each.

    Each opened node costs a store read, so only the :data:`MAX_EXPANDED`
    latest stay open; at most :data:`MAX_HIDDEN` hidden and
    :data:`MAX_PINNED` pinned nodes (the latest) are kept, a pin holding its
    ``[x, y]`` position; ``path`` and ``path_from`` are two IRIs and one.
    """
    new = dict(state)
    expanded, hidden, pinned = new.get("expanded"), new.get("hidden"), new.get("pinned")
    new["expanded"] = _texts(expanded)[-MAX_EXPANDED:]
    new["hidden"] = _texts(hidden)[:MAX_HIDDEN]
    pins = {
        k: [float(v[0]), float(v[1])]
        for k, v in (pinned.items() if isinstance(pinned, dict) else ())
        if isinstance(k, str) and isinstance(v, list | tuple) and len(v) == 2
        and all(isinstance(c, int | float) and math.isfinite(c) for c in v)
    }
    new["pinned"] = dict(list(pins.items())[-MAX_PINNED:])
    path = new.get("path")
    new["path"] = path if isinstance(path, list) and len(path) == 2 and all(isinstance(v, str) for v in path) else None
    new["path_from"] = new.get("path_from") if isinstance(new.get("path_from"), str) else None
    return new


def _texts(values: Any) -> list[str]:
    return list(dict.fromkeys(v for v in values if isinstance(v, str))) if isinstance(values, list) else []


def resolved(app_ctx: AppContext, state: dict[str, Any]) -> dict[str, Any]:
    """The state with its defaults filled (and its lists :func:`bounded`): in focus mode with nothing open,
    the home node is open and selected."""
    new = bounded(state)
    new.setdefault("mode", FOCUS)
    if new["mode"] == FOCUS and not new.get("expanded") and not new.get("types"):
        home = home_node(app_ctx)
        if home is not None:
            new["expanded"] = [home]
            new["node"] = new.get("node") or home
    return new


def _window(state: dict[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    start = dt.date(int(state["from"]), 1, 1) if state.get("from") is not None else None
    end = dt.date(int(state["to"]), 12, 31) if state.get("to") is not None else None
    return start, end


# -- data shaping ----------------------------------------------------------


def explorer_view(app_ctx: AppContext, state: dict[str, Any]) -> ExplorerView:
    """The graph to draw for a state, within the element budget (remembered per state).

    In focus mode (the default) the view is the neighbourhoods of the opened
    nodes (:func:`neighbourhood`); in ``connected`` mode, or with a type
    filter, the base view comes first: the most connected nodes passing the
    kind and time filters (``store.subgraph(limit=...)``), or the nodes typed
    by the chosen concepts and their own neighbours. Hidden nodes are left
    out. Whatever does not fit is left out and the notice says so.
    """
    state = resolved(app_ctx, state)
    key = json.dumps(
        {k: state.get(k) for k in VIEW_KEYS},
        sort_keys=True,
        default=str,
    )
    return app_ctx.remembered("explorer_view", key, lambda: _explorer_view(app_ctx, state))


def _explorer_view(app_ctx: AppContext, state: dict[str, Any]) -> ExplorerView:
    budget = app_ctx.max_elements
    start, end = _window(state)
    kinds = list(state.get("kinds") or DEFAULT_KINDS)
    parts: list[GraphData] = []
    over = False
    if state.get("mode") == CONNECTED or state.get("types"):
        base_key = json.dumps([state.get("from"), state.get("to"), sorted(kinds), sorted(state.get("types") or [])])
        base, over = app_ctx.remembered("explorer_base", base_key, lambda: _base_view(app_ctx, state))
        parts.append(base)
    expanded: list[str] = []
    brought: list[str] = []  # opened nodes that brought a node no older one did: the centres of the picture
    seen: set[str] = set()

    def opened(iri: str, added: tuple[GraphData, ...]) -> None:
        expanded.append(iri)
        parts.extend(added)
        new = {n.iri for g in added for n in g.nodes} - seen
        if new:
            brought.append(iri)
            seen.update(new)

    for iri in state.get("expanded") or []:
        added = _expansion(app_ctx, iri, kinds, start, end)
        if added is not None:
            opened(iri, added)
    selected = state.get("node")
    unknown = [i for i in dict.fromkeys([*(state.get("expanded") or []), *([selected] if selected else [])])
               if i not in expanded and not app_ctx.store.has_node(i)]
    if selected in unknown:
        selected = None
    if unknown and not parts:
        # a link to nodes that are not in the graph opens on the latest meeting, and says so
        home = home_node(app_ctx)
        added = _expansion(app_ctx, home, kinds, start, end) if home else None
        if home and added is not None:
            opened(home, added)
    if selected and selected not in expanded:
        parts.append(GraphData(nodes=[app_ctx.store.get_node(selected).node]))
    hidden = set(state.get("hidden") or [])
    pins = {iri: (xy[0], xy[1]) for iri, xy in (state.get("pinned") or {}).items() if iri not in hidden}
    found = path_between(app_ctx, state)
    if found is not None:
        parts.append(found.graph)
    merged = _without(merge_graphs(*parts), hidden) if parts else GraphData()
    present = merged.node_map()
    missing = [iri for iri in pins if iri not in present]
    if missing:
        merged = merge_graphs(merged, _nodes(app_ctx, missing))
    path_nodes = [i for p in found.paths for i in p] if found is not None else []
    pinned = [*([selected] if selected and selected not in hidden else []), *pins, *path_nodes, *reversed(expanded)]
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
        notice = _empty_notice(app_ctx)
    if unknown:
        notice = " ".join(
            [f"This link names a node that is not in the graph: {unknown[0]}"
             + (f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else "")
             + ". It may come from another graph, or the node was merged or removed; search for it by name or date.",
             notice]
        ).strip()
    summary = f"{len(graph.nodes)} nodes, {len(graph.relationships)} links"
    if hidden:
        summary += f"; {len(hidden)} hidden"
    names = display_names(app_ctx)
    node_map = graph.node_map()
    # the picture does not depend on which node is selected, and an opened node that adds nothing new leaves
    # it as it was: a click that only moves the focus changes classes, not positions (see graph_update)
    centres = [i for i in dict.fromkeys([*path_nodes, *reversed(brought)]) if i in node_map and i not in pins]
    if not centres and selected in node_map and selected not in pins:
        centres = [selected]
    placed = positions(graph, centres)
    placed.update({iri: xy for iri, xy in pins.items() if iri in node_map})
    elements = to_elements(
        graph,
        focus=[selected] if selected else [],
        hits=expanded,
        names=names,
        positions=placed,
        shorts=short_name,
        also_near=_answered_in(graph, selected),
        pinned=[i for i in pins if i in node_map],
        path=found.paths if found is not None else (),
    )
    return ExplorerView(elements, notice, summary, graph, path_note(app_ctx, state, found))


def _nodes(app_ctx: AppContext, iris: list[str]) -> GraphData:
    """The nodes of ``iris`` that exist (no links)."""
    found = []
    for iri in iris:
        try:
            found.append(app_ctx.store.get_node(iri).node)
        except NodeNotFoundError:
            continue
    return GraphData.model_construct(nodes=found, relationships=[])


def path_between(app_ctx: AppContext, state: dict[str, Any]) -> PathResult | None:
    """The shortest paths between the two nodes of ``state["path"]`` through the kinds and years shown (remembered).

    At most :data:`PATH_HOPS` links and :data:`PATH_SHOWN` paths; None when
    no path was asked for or one of its ends is no node.
    """
    ends = state.get("path")
    if not ends:
        return None
    source, target = ends
    start, end = _window(state)
    kinds = tuple(sorted(state.get("kinds") or DEFAULT_KINDS))

    def search() -> PathResult | None:
        try:
            return app_ctx.store.paths(source, target, PATH_HOPS, kinds=kinds, start=start, end=end, limit=PATH_SHOWN)
        except NodeNotFoundError:
            return None

    return app_ctx.remembered("explorer_path", (source, target, kinds, start, end), search, size=64)


def path_note(app_ctx: AppContext, state: dict[str, Any], found: PathResult | None) -> str:
    """What to tell the analyst about the path asked for (or the path being picked)."""
    ends = state.get("path")
    view = app_ctx.analytics()

    def name(iri: str) -> str:
        try:
            return display_name(app_ctx.store.get_node(iri).node, view)
        except NodeNotFoundError:
            return iri

    if not ends:
        start = state.get("path_from")
        if start:
            return f"Path from {name(start)}: select another node, then press “Path to here”."
        return ""
    source, target = ends
    if found is None:
        missing = [i for i in ends if not app_ctx.store.has_node(i)]
        return f"No node has the IRI {missing[0] if missing else source}: no path to show."
    if found.paths:
        count = len(found.paths)
        more = f" ({count} shortest paths shown)" if count > 1 else ""
        links = "link" if found.hops == 1 else "links"
        note = f"Shortest path from {name(source)} to {name(target)}: {found.hops} {links}{more}."
        if found.stopped:  # the paths found are the shortest, but the search did not finish looking
            note += (
                f" The search stopped at its bound of {PATH_MAX_VISITS:,} nodes: other paths as short may exist "
                "that are not listed."
            )
        return note
    if found.stopped:
        return (
            f"The path search from {name(source)} to {name(target)} stopped after reaching {PATH_MAX_VISITS:,} "
            "nodes without finding a path; narrow the kinds or years."
        )
    return (
        f"No path of at most {found.max_hops} links between {name(source)} and {name(target)} "
        "through the kinds and years shown; add kinds or widen the years."
    )


def _answered_in(graph: GraphData, selected: str | None) -> set[str]:
    """What the commitments made at ``selected`` (a meeting) respond to, among the nodes of ``graph``."""
    if not selected:
        return set()
    made = {r.source for r in graph.relationships if r.type == Rel.MADE_AT and r.target == selected}
    return {r.target for r in graph.relationships if r.type == Rel.RESPONDS_TO and r.source in made}


def _without(graph: GraphData, hidden: set[str]) -> GraphData:
    if not hidden:
        return graph
    keep = [n for n in graph.nodes if n.iri not in hidden]
    rels = [r for r in graph.relationships if r.source not in hidden and r.target not in hidden]
    return GraphData.model_construct(nodes=keep, relationships=rels)


def neighbourhood(
    app_ctx: AppContext, iri: str, kinds: list[str], start: dt.date | None = None, end: dt.date | None = None
) -> GraphData:
    """What opening a node shows: its neighbours; for a meeting also the incidents its commitments answer.

    Raises:
        NodeNotFoundError: no node has this IRI.
    """
    store = app_ctx.store
    parts = [store.neighbours(iri, hops=1, kinds=kinds, start=start, end=end, limit=EXPAND_LIMIT)]
    # the start node comes with its neighbours (a store's neighbours always hold it): no read of its own
    drawn = next((n for n in parts[0].nodes if n.iri == iri), None)
    node = drawn or store.get_node(iri).node
    if is_a(node.kind, Kind.MEETING):
        answered = store.neighbours(
            iri, hops=2, kinds=kinds, rel_types=[Rel.MADE_AT, Rel.RESPONDS_TO], start=start, end=end, limit=EXPAND_LIMIT
        )
        parts.append(answered)
    if drawn is None:
        parts.append(GraphData(nodes=[node]))
    return merge_graphs(*parts)


def _expansion(
    app_ctx: AppContext, iri: str, kinds: list[str], start: dt.date | None, end: dt.date | None
) -> tuple[GraphData, ...] | None:
    """What an opened node adds (:func:`neighbourhood`); None when no node has this IRI.

    Remembered: the neighbourhoods of the other opened nodes are read once, not at each click.
    """

    def read() -> tuple[GraphData, ...] | None:
        try:
            return (neighbourhood(app_ctx, iri, kinds, start, end),)
        except NodeNotFoundError:
            return None

    key = (iri, tuple(sorted(kinds)), start, end)
    return app_ctx.remembered("explorer_expansion", key, read, size=256)


# -- names and positions ------------------------------------------------------------


def display_names(app_ctx: AppContext) -> Callable[[Node], str]:
    """The function that names a node as the analyst reads it (see :func:`display_name`)."""
    view = app_ctx.analytics()

    def name(node: Node) -> str:
        return display_name(node, view)

    return name


def display_name(node: Node, view: Any = None) -> str:
    """A node's name in the analyst's words (:mod:`graph.labels`).

    Meetings by their series name, number, place and date; commitments by
    party, wording and type (from ``view``, the analytics view, when it
    knows them); types by their SKOS prefLabel; anything else by its label.
    """
    if is_a(node.kind, Kind.MEETING):
        series, ordinal, day, place = meeting_parts(node)
        return labels.meeting_label(series, ordinal, day, place)
    if node.kind == Kind.COMMITMENT and view is not None:
        rec = view.commitments.get(node.iri)
        if rec is not None:
            return labels.commitment_label(rec.parties, rec.stance, rec.types)
    if node.kind == Kind.CONCEPT:
        return labels.type_label(node.iri)
    if node.kind == Kind.THREAT:
        notation = node.props.get(Prop.NOTATION.value)
        return labels.threat_label_of(str(notation) if notation else None, node.label or node.iri)
    return node.label or node.iri.rsplit("/", 1)[-1]


def meeting_parts(node: Node) -> tuple[str, int | None, dt.date | None, str | None]:
    """A meeting node's series, ordinal, date and place (None where it has none)."""
    props = node.props
    series = props.get(Prop.SERIES.value)
    ordinal = props.get(Prop.ORDINAL.value)
    day = props.get(Prop.DATE.value)
    place = props.get(Prop.LOCATION.value)
    return (
        str(series) if series else (Series.SCM.value if node.kind == Kind.SCM else Series.OTHER.value),
        ordinal if isinstance(ordinal, int) else None,
        day if isinstance(day, dt.date) else None,
        str(place) if place else None,
    )


def short_name(node: Node, full: str) -> str:
    """The name drawn under a node: a meeting's short form (``49th SCM``), else the full name cut at a word."""
    if is_a(node.kind, Kind.MEETING):
        series, ordinal, day, _ = meeting_parts(node)
        return labels.short_meeting_label(series, ordinal, day)
    return labels.shorten(" ".join(full.split()), SHORT_NAME)


SHORT_NAME = 44
"""Longest name drawn under a node (cut at a word, never inside one)."""
RING = 125.0
"""Distance between the rings of :func:`positions`, in model pixels."""
SPACING = 80.0
"""Least distance between two nodes on one ring."""


def positions(graph: GraphData, centres: Iterable[str]) -> dict[str, tuple[float, float]]:
    """Deterministic positions: the centres in the middle, every other node on the ring of its distance from them.

    Nodes of one ring are ordered by the angle of the nodes that brought
    them in (so neighbours stay near), then by kind and IRI; a ring widens
    until its nodes are :data:`SPACING` apart. Nodes not reachable from the
    centres go on the outermost ring. The same graph and centres always
    give the same positions.
    """
    nodes = sorted(graph.node_map())
    if not nodes:
        return {}
    adjacent: dict[str, set[str]] = defaultdict(set)
    for rel in graph.relationships:
        if rel.source != rel.target:
            adjacent[rel.source].add(rel.target)
            adjacent[rel.target].add(rel.source)
    known = set(nodes)
    middle = [c for c in dict.fromkeys(centres) if c in known]
    if not middle:
        middle = [max(nodes, key=lambda i: (len(adjacent[i]), [-ord(ch) for ch in i]))]
    kinds = {n.iri: n.kind.value for n in graph.nodes}
    kind_order = {k.value: i for i, k in enumerate(Kind)}
    angle: dict[str, float] = {}
    out: dict[str, tuple[float, float]] = {}
    inner = 0.0 if len(middle) == 1 else max(RING, len(middle) * SPACING / (2 * math.pi))
    for i, iri in enumerate(middle):
        a = 2 * math.pi * i / len(middle)
        angle[iri] = a
        out[iri] = (inner * math.cos(a), inner * math.sin(a))
    ring = list(middle)
    placed = set(middle)
    radius = inner
    while len(placed) < len(nodes):
        nxt = sorted({j for i in ring for j in adjacent[i] if j not in placed})
        if not nxt:
            nxt = [i for i in nodes if i not in placed]
        def parent_angle(iri: str) -> float:
            around = [angle[j] for j in adjacent[iri] if j in angle]
            if not around:
                return 2 * math.pi
            x = sum(math.cos(a) for a in around)
            y = sum(math.sin(a) for a in around)
            return math.atan2(y, x) % (2 * math.pi) if (x, y) != (0, 0) else min(around)
        nxt.sort(key=lambda i: (round(parent_angle(i), 6), kind_order.get(kinds[i], 99), i))
        radius = max(radius + RING, len(nxt) * SPACING / (2 * math.pi))
        start = parent_angle(nxt[0]) if parent_angle(nxt[0]) < 2 * math.pi else 0.0
        for k, iri in enumerate(nxt):
            a = start + 2 * math.pi * k / len(nxt)
            angle[iri] = a % (2 * math.pi)
            out[iri] = (round(radius * math.cos(a), 1), round(radius * math.sin(a), 1))
        placed.update(nxt)
        ring = nxt
    return out


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


# -- what a view export needs -------------------------------------------------------

NEEDED_LINKS: dict[Kind, tuple[Rel, ...]] = {
    Kind.COMMITMENT: (Rel.COMMITTED_BY, Rel.COMMITMENT_TYPE, Rel.MADE_AT, Rel.EVIDENCE),
    Kind.MENTION: (Rel.WAS_DERIVED_FROM,),
}
"""Links (and the nodes at their ends) a node of a kind needs to pass the SHACL shapes of
``ontology/shapes.ttl`` (a commitment: its party, type, meeting and evidence; evidence: its document)."""


@dataclass(frozen=True)
class ExportGraph:
    """A view made whole for export: the view plus what its nodes need, and what was added.

    Attributes:
        graph: the view's nodes and links, and the nodes and links added.
        added: how many nodes of each kind were added (kind name -> count).
    """

    graph: GraphData
    added: dict[str, int]


def export_graph(app_ctx: AppContext, graph: GraphData) -> ExportGraph:
    """The view ``graph`` with what its commitments need to validate: party, type, meeting, evidence and its documents.

    For every node of a kind in :data:`NEEDED_LINKS`, the links of those
    types and the nodes at their other end are added (then again for the
    nodes added, so a commitment's evidence brings its documents).
    """
    store = app_ctx.store
    nodes = dict(graph.node_map())
    rels = {r.key: r for r in graph.relationships}
    todo = [n for n in nodes.values() if _needs(n.kind)]
    done: set[str] = set()
    while todo:
        node = todo.pop()
        if node.iri in done:
            continue
        done.add(node.iri)
        wanted = NEEDED_LINKS[Kind.COMMITMENT if is_a(node.kind, Kind.COMMITMENT) else node.kind]
        try:
            around = store.neighbours(node.iri, hops=1, rel_types=list(wanted))
        except NodeNotFoundError:
            continue
        others = around.node_map()
        for rel in around.relationships:
            if rel.source != node.iri or rel.type not in wanted or rel.target not in others:
                continue
            rels.setdefault(rel.key, rel)
            if rel.target not in nodes:
                nodes[rel.target] = others[rel.target]
                if _needs(others[rel.target].kind):
                    todo.append(others[rel.target])
    added: dict[str, int] = {}
    shown = set(graph.node_map())
    for iri, node in nodes.items():
        if iri not in shown:
            added[node.kind.value] = added.get(node.kind.value, 0) + 1
    return ExportGraph(GraphData.model_construct(nodes=list(nodes.values()), relationships=list(rels.values())), added)


def _needs(kind: Kind) -> bool:
    return is_a(kind, Kind.COMMITMENT) or kind in NEEDED_LINKS
