"""The explorer's work is bounded by what it shows: a hub's details panel, a click that moves the focus,
the first graph sent with the page. Run on every store (the ``store`` fixture: embedded and Neo4j)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
import pytest

from dashboard import ids
from dashboard.context import AppContext
from dashboard.explorer_graph import display_name
from dashboard.explorer_panel import GROUP_SORTED, PANEL_MORE, PANEL_SHOWN, group_key, node_panel_data, panel_group
from dashboard.pages import explorer
from dashboard.state import ViewState
from graph.model import GraphData, Node, Relationship, make_iri
from graph.schema import Kind, Rel
from graph.store import GraphStore

USA = make_iri(Kind.STATE, "USA")
KOR = make_iri(Kind.STATE, "KOR")
SCM = make_iri(Kind.SCM, "SCM", 50)
HUB_COMMITMENTS = GROUP_SORTED + 140
"""More commitments by one party than a group is read whole for: the panel must page them."""


def hub_graph() -> GraphData:
    """One SCM, two states, and many commitments made by the United States at it (a hub)."""
    nodes = [
        Node(iri=USA, kind=Kind.STATE, label="United States"),
        Node(iri=KOR, kind=Kind.STATE, label="Republic of Korea"),
        Node(iri=SCM, kind=Kind.SCM, label="50th SCM", props={"ordinal": 50, "date": dt.date(2018, 10, 31)}),
    ]
    rels = [Relationship(type=Rel.PARTICIPANT, source=SCM, target=s) for s in (USA, KOR)]
    for i in range(HUB_COMMITMENTS):
        iri = make_iri(Kind.COMMITMENT, "doc-hub", 100 + i)
        nodes.append(Node(iri=iri, kind=Kind.COMMITMENT, label=f"pledge {i}", props={"stance": "reaffirmed"}))
        rels.append(Relationship(type=Rel.COMMITTED_BY, source=iri, target=USA))
        if i < 5:
            rels.append(Relationship(type=Rel.MADE_AT, source=iri, target=SCM))
    return GraphData(nodes=nodes, relationships=rels)


@pytest.fixture
def hub_ctx(store: GraphStore) -> AppContext:
    store.load(hub_graph())
    return AppContext(store=store)


def test_a_hub_panel_lists_a_bounded_summary_and_pages_the_rest(hub_ctx: AppContext) -> None:
    panel = node_panel_data(hub_ctx, USA)
    assert panel is not None and panel.links == HUB_COMMITMENTS + 1
    by_title = {g.title: g for g in panel.groups}
    made = next(g for g in panel.groups if g.key == group_key(Rel.COMMITTED_BY.value, False))
    assert len(made.hits) == PANEL_SHOWN and made.more == HUB_COMMITMENTS - PANEL_SHOWN  # counted, not listed
    all_iris = sorted(make_iri(Kind.COMMITMENT, "doc-hub", 100 + i) for i in range(HUB_COMMITMENTS))
    assert [h.iri for h in made.hits] == all_iris[:PANEL_SHOWN]  # a hub's group: by IRI, a page at a time
    more = panel_group(hub_ctx, USA, made.key, PANEL_SHOWN + PANEL_MORE)
    assert more is not None and [h.iri for h in more.hits] == all_iris[: PANEL_SHOWN + PANEL_MORE]
    assert more.more == HUB_COMMITMENTS - PANEL_SHOWN - PANEL_MORE
    assert sum(len(g.hits) + g.more for g in by_title.values()) == panel.links  # every link counted once
    assert panel_group(hub_ctx, USA, "EVIDENCE:out") is None and panel_group(hub_ctx, USA, "nonsense") is None
    # rendered: the heading has the total, the list the first page, and a button asks for the next
    items, text, style = explorer.more_of_group(hub_ctx, USA, made.key, 1)
    assert len(items) == PANEL_SHOWN + PANEL_MORE and style["display"] == "inline-block"
    assert text == f"Show {PANEL_MORE} more ({HUB_COMMITMENTS - PANEL_SHOWN - PANEL_MORE:,} not listed)"
    rendered = str(explorer.render_node_panel(panel, USA))
    assert f"({HUB_COMMITMENTS:,})" in rendered and ids.EXPLORER_MORE_TYPE in rendered


def test_a_small_group_is_whole_and_in_the_analysts_order(hub_ctx: AppContext) -> None:
    panel = node_panel_data(hub_ctx, SCM)
    assert panel is not None
    made = next(g for g in panel.groups if g.key == group_key(Rel.MADE_AT.value, False))
    assert made.more == 0 and len(made.hits) == 5
    assert [h.label for h in made.hits] == sorted(h.label for h in made.hits)
    assert all("worded" in h.detail for h in made.hits)


def _first_state(app_ctx: AppContext) -> dict[str, Any]:
    return explorer.initial_state(ViewState(), app_ctx.year_bounds())


def test_moving_the_focus_inside_the_drawn_graph_sends_classes_only(hub_ctx: AppContext) -> None:
    state = explorer.next_state(_first_state(hub_ctx), ids.EXPLORER_GRAPH, tapped={"id": SCM})
    drawn = explorer.drawn_key(hub_ctx, state)
    shown = explorer.explorer_view(hub_ctx, state)
    leaf = next(e["data"]["id"] for e in shown.elements if e["data"].get("kind") == Kind.COMMITMENT.value
                and "source" not in e["data"])  # fmt: skip
    clicked = explorer.next_state(state, ids.EXPLORER_GRAPH, tapped={"id": leaf})
    update, *_rest, legend, _path, new_drawn = explorer.graph_update(hub_ctx, clicked, drawn)
    assert set(update) == {"classes"} and update["classes"] and legend is dash.no_update
    # the changed classes turn the drawn elements into exactly those a full redraw would send
    whole = explorer.explorer_view(hub_ctx, clicked).elements
    patched = [dict(e) for e in shown.elements]
    for e in patched:
        if e["data"]["id"] in update["classes"]:
            e["classes"] = update["classes"][e["data"]["id"]]
    assert [{k: v for k, v in e.items() if v != ""} for e in patched] == [
        {k: v for k, v in e.items() if v != ""} for e in whole
    ]
    assert len(update["classes"]) < len(whole)  # only what differs travels
    focused = next(e for e in patched if e["data"]["id"] == leaf)
    assert "focus" in focused["classes"]
    assert new_drawn["node"] == leaf
    # after the store changed, what the page shows is not known: the elements go whole
    hub_ctx.forget()
    update, *_ = explorer.graph_update(hub_ctx, clicked, drawn)
    assert set(update) == {"elements"} and update["elements"] == whole
    # a click that opens new nodes sends the elements whole
    opened = explorer.next_state(clicked, ids.EXPLORER_GRAPH, tapped={"id": USA})
    update, *_ = explorer.graph_update(hub_ctx, opened, new_drawn)
    assert set(update) == {"elements"} and len(update["elements"]) > len(whole)


def test_the_page_comes_light_and_the_first_graph_by_its_callback(hub_ctx: AppContext) -> None:
    """The router's answer holds the page and the details panel, no graph; the graph callback's first call
    (nothing drawn yet) sends the whole first graph with preset positions and the legend."""
    page = explorer.layout(hub_ctx, ViewState())
    graph = _find(page, ids.EXPLORER_GRAPH)
    assert graph.elements == [] and _find(page, ids.EXPLORER_LEGEND).children == []
    assert getattr(_find(page, ids.EXPLORER_DRAWN), "data", None) is None
    assert SCM in str(_find(page, ids.EXPLORER_DETAILS).children)  # the panel still comes with the page
    state = _find(page, ids.url_state(explorer.PAGE)).data
    update, _notice, counts, legend, _path, drawn = explorer.graph_update(hub_ctx, state, None)
    expected = explorer.explorer_view(hub_ctx, explorer.resolved(hub_ctx, _first_state(hub_ctx))).elements
    elements = update["elements"]
    assert elements == expected and expected and legend and counts
    assert all("position" in e for e in elements if "source" not in e["data"])  # preset: no layout run
    assert graph.layout["name"] == "preset"
    assert drawn["node"] == SCM


def _find(component: Any, wanted: Any) -> Any:
    if getattr(component, "id", None) == wanted:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str):
            found = _find(child, wanted)
            if found is not None:
                return found
    return None


def test_mentions_are_neither_listed_nor_counted_as_more_and_the_header_counts_links(store: GraphStore) -> None:
    """A group whose links include mentions says "N more" of what it could list; the header's linked items are
    the link groups' (the meeting's derived "What its commitments answer" group is not a link of it)."""
    test = make_iri(Kind.NUCLEAR_TEST, "PRK", "2017-09-03")
    nodes = [*hub_graph().nodes[:3], Node(iri=test, kind=Kind.NUCLEAR_TEST, label="sixth test",
                                          props={"date": dt.date(2017, 9, 3)})]  # fmt: skip
    rels = [Relationship(type=Rel.PARTICIPANT, source=SCM, target=s) for s in (USA, KOR)]
    for i in range(3):
        pledge = make_iri(Kind.COMMITMENT, "doc-m", 10 + i)
        nodes.append(Node(iri=pledge, kind=Kind.COMMITMENT, label=f"pledge {i}", props={"stance": "reaffirmed"}))
        rels += [Relationship(type=Rel.MADE_AT, source=pledge, target=SCM),
                 Relationship(type=Rel.RESPONDS_TO, source=pledge, target=test)]  # fmt: skip
    for i in range(2):
        doc = make_iri(Kind.DOCUMENT, f"doc-{i}")
        nodes.append(Node(iri=doc, kind=Kind.DOCUMENT, label=f"document {i}"))
        rels.append(Relationship(type=Rel.MENTIONS, source=doc, target=SCM))
    for i in range(4):  # links from mentions in the same group: not listed
        mention = make_iri(Kind.MENTION, "doc-m", 200 + i, 210 + i)
        nodes.append(Node(iri=mention, kind=Kind.MENTION, label=f"mention {i}"))
        rels.append(Relationship(type=Rel.MENTIONS, source=mention, target=SCM))
    store.load(GraphData(nodes=nodes, relationships=rels))
    app_ctx = AppContext(store=store)
    panel = node_panel_data(app_ctx, SCM)
    assert panel is not None and panel.links == 2 + 3 + 6
    mentioned = next(g for g in panel.groups if g.key == group_key(Rel.MENTIONS.value, False))
    assert len(mentioned.hits) == 2 and mentioned.more == 0  # the mentions are not "more"
    answered = next(g for g in panel.groups if g.title == "What its commitments answer")
    # named and dated as its own panel names it (from the analytics view, without a store read per incident)
    assert [(h.iri, h.label, h.kind, h.detail) for h in answered.hits] == [
        (test, display_name(store.get_node(test).node), Kind.NUCLEAR_TEST.value, "2017-09-03")
    ]
    rendered = str(explorer.render_node_panel(panel, SCM))
    # the 3 pledges, 2 states and 2 documents; not the incident the pledges answer, not the mentions
    assert "11 links: 7 linked items in 3 groups" in rendered
