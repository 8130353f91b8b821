"""Unit tests of the dashboard's data shaping, over a real embedded store."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from typing import Any

import plotly.graph_objects as go
import pytest
import rdflib
from dash import html
from dashboard_sample import SCRIPT_TEXT, iri_of, sample_graph

from alliancekg.cli.serve import check_bind, is_local
from dashboard import explorer_graph, ids, styles
from dashboard.app import create_app, nav_state, render_page, router_request, sync_query
from dashboard.context import AppContext
from dashboard.elements import cap_graph, to_elements
from dashboard.evidence import evidence_views, highlight, render_sentence
from dashboard.pages import console, crises, explorer, exports, timeline, tracer
from dashboard.state import PAGES, ViewState, encode_query, page_of, parse_query
from graph.errors import ConfigurationError
from graph.model import GraphData, Node, Relationship, make_iri
from graph.nx_store import NetworkXStore
from graph.schema import Kind, Prop, Rel
from graph.synthetic import generate
from ontology import rdf_import


@pytest.fixture(scope="module")
def graph() -> GraphData:
    return sample_graph()


@pytest.fixture(scope="module")
def app_ctx(graph: GraphData) -> AppContext:
    store = NetworkXStore()
    store.load(graph)
    return AppContext(store=store)


def _texts(component: Any) -> list[str]:
    """Every string in a component tree, depth first."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        return [t for c in component for t in _texts(c)]
    children = getattr(component, "children", None)
    return _texts(children) if children is not None else []


# -- styles ----------------------------------------------------------------


def test_every_kind_has_its_own_colour_and_shape() -> None:
    assert set(styles.KIND_STYLES) == set(Kind)
    colours = [s.colour for s in styles.KIND_STYLES.values()]
    shapes = [s.shape for s in styles.KIND_STYLES.values()]
    assert len(set(colours)) == len(colours)
    assert len(set(shapes)) == len(shapes)


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* of an sRGB ``#rrggbb`` (D65), to measure how far apart two colours look."""

    def linear(c: float) -> float:
        return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92

    r, g, b = (linear(int(colour.lstrip("#")[i : i + 2], 16) / 255) for i in (0, 2, 4))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _distance(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5


def test_verdict_colours_are_no_kind_colours() -> None:
    """A stance or change never looks like a kind (the timeline's "weakened" was the missile launches' orange).

    CIE76 distance: about 2.3 is the least difference a person sees; 18 keeps the two clearly apart.
    """
    kinds = {k.value: s.colour for k, s in styles.KIND_STYLES.items()}
    verdicts = {**styles.STANCE_COLOURS, **styles.CHANGE_COLOURS, styles.UNKNOWN_STANCE: styles.UNKNOWN_STANCE_COLOUR}
    near = [(v, k, round(_distance(c, kc), 1)) for v, c in verdicts.items() for k, kc in kinds.items()
            if _distance(c, kc) < 18]
    assert near == []
    stances = list(styles.STANCE_COLOURS.values()) + [styles.UNKNOWN_STANCE_COLOUR]
    assert min(_distance(a, b) for i, a in enumerate(stances) for b in stances[i + 1 :]) > 15
    assert min(_distance(a, b) for i, a in enumerate(kinds.values()) for b in list(kinds.values())[i + 1 :]) > 12
    assert {styles.text_on(c) for c in ("#80cdc1", "#f49ac2", "#d9d9d9")} == {"#1a1a1a"}
    assert {styles.text_on(c) for c in ("#00665e", "#c51b7d", "#7f7f7f")} == {"#ffffff"}


def test_stylesheet_has_a_selector_per_kind() -> None:
    selectors = {rule["selector"] for rule in styles.cytoscape_stylesheet()}
    for kind in Kind:
        assert f"node[kind = '{kind.value}']" in selectors


def test_kind_label_is_readable() -> None:
    assert styles.kind_label(Kind.SCM) == "SCM"
    assert styles.kind_label(Kind.NUCLEAR_TEST) == "Nuclear test"


# -- state -----------------------------------------------------------------


def test_query_round_trip() -> None:
    view = ViewState(year_from=2005, year_to=2010, kinds=("Commitment", "Incident"), node="https://x/a b", incident="i")
    assert parse_query(encode_query(view)) == view


def test_bad_query_values_are_dropped_not_fatal() -> None:
    view = parse_query("?from=abc&to=2010&kinds=Commitment,Bogus&types=Extended-Deterrence,NuclearUmbrella")
    assert view.year_from is None
    assert view.year_to == 2010
    assert view.kinds == ("Commitment",)
    assert view.types == ("NuclearUmbrella",)


def test_page_of_unknown_path_is_home() -> None:
    assert page_of("/tracer") == "tracer"
    assert page_of("/nowhere") == PAGES[0]
    assert page_of(None) == PAGES[0]


def test_sync_query_keeps_other_pages_keys() -> None:
    query = sync_query([{"from": 2006, "to": 2007, "kinds": ["Event"], "expanded": ["x"]}], "?incident=abc")
    view = parse_query(query)
    assert (view.incident, view.year_from, view.year_to, view.kinds) == ("abc", 2006, 2007, ("Event",))
    assert view.opened == ("x",)  # the opened nodes are part of the link: it restores the same view


def test_pins_are_kept_in_the_link() -> None:
    """A pinned node and its place survive the address: a link restores the pins (bad ones are dropped)."""
    pins = {"https://w3id.org/x/a,b": [12.5, -3.0], "https://w3id.org/x/c": [0, 40.25]}
    query = sync_query([{"expanded": ["x"], "pinned": pins}], "?incident=abc")
    view = parse_query(query)
    assert view.pinned == (("https://w3id.org/x/a,b", 12.5, -3.0), ("https://w3id.org/x/c", 0.0, 40.25))
    assert parse_query(encode_query(view)) == view and view.incident == "abc"
    state = explorer.initial_state(view, (1990, 2020))
    assert state["pinned"] == {"https://w3id.org/x/a,b": [12.5, -3.0], "https://w3id.org/x/c": [0.0, 40.25]}
    assert parse_query("?pinned=urn:a@1,nan|urn:b@x,2|urn:c|urn:d@4,5").pinned == (("urn:d", 4.0, 5.0),)
    assert parse_query(sync_query([{"pinned": {}}], query)).pinned == ()  # unpinning all clears the link's pins


def test_nav_links_carry_the_view() -> None:
    out = nav_state("/timeline", "?from=2006")
    hrefs, looks = out[: len(PAGES)], out[len(PAGES) :]
    assert hrefs[PAGES.index("tracer")] == "/tracer?from=2006"
    assert looks[PAGES.index("timeline")]["color"] == "#fff"
    assert looks[PAGES.index("explorer")]["color"] != "#fff"


def test_the_router_answers_the_page_and_its_navigation_links(app_ctx: AppContext) -> None:
    client = create_app(app_ctx.store).server.test_client()
    [dep] = [d for d in client.get("/_dash-dependencies").get_json() if d["inputs"][0]["id"] == ids.URL]
    assert dep["output"] == router_request("/timeline")["output"]  # the hand-built request names the app's outputs
    answer = client.post("/_dash-update-component", json=router_request("/timeline", "?from=2006")).get_json()
    page = answer["response"]
    assert ids.NOT_FOUND not in json.dumps(page[ids.PAGE]["children"])  # the timeline's page, not the 404 page
    assert page[ids.nav_link("tracer")]["href"] == "/tracer?from=2006"
    assert page[ids.nav_link("timeline")]["style"]["color"] == "#fff"
    assert page[ids.nav_link("explorer")]["style"]["color"] != "#fff"
    missing = client.post("/_dash-update-component", json=router_request("/nowhere")).get_json()["response"]
    assert ids.NOT_FOUND in json.dumps(missing[ids.PAGE]["children"])  # the 404 page
    assert all(missing[ids.nav_link(p)]["style"]["color"] != "#fff" for p in PAGES)  # no link active


# -- elements --------------------------------------------------------------


def _star(n: int) -> GraphData:
    hub = Node(iri="urn:hub", kind=Kind.STATE, label="hub")
    leaves = [Node(iri=f"urn:n{i:03d}", kind=Kind.PERSON, label=f"n{i}") for i in range(n)]
    rels = [Relationship(type=Rel.AFFILIATION, source=leaf.iri, target=hub.iri) for leaf in leaves]
    return GraphData(nodes=[hub, *leaves], relationships=rels)


def test_cap_graph_respects_the_budget_and_keeps_pinned_and_hubs() -> None:
    capped = cap_graph(_star(100), 21, pinned=["urn:n099"])
    assert len(capped.graph.nodes) + len(capped.graph.relationships) <= 21
    kept = {n.iri for n in capped.graph.nodes}
    assert {"urn:hub", "urn:n099"} <= kept
    assert capped.truncated
    assert all(r.source in kept and r.target in kept for r in capped.graph.relationships)


def test_cap_graph_is_identity_under_budget() -> None:
    capped = cap_graph(_star(5), 100)
    assert not capped.truncated
    assert len(capped.graph.nodes) == 6 and len(capped.graph.relationships) == 5


def test_cap_graph_rejects_empty_budget() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        cap_graph(_star(2), 0)


def test_elements_carry_kind_and_short_label() -> None:
    elements = to_elements(_star(1), focus=["urn:hub"])
    node = next(e for e in elements if e["data"]["id"] == "urn:hub")
    assert node["data"]["kind"] == "State" and node["classes"] == "focus"
    edge = next(e for e in elements if "source" in e["data"])
    assert edge["data"]["type"] == "AFFILIATION"


# -- evidence --------------------------------------------------------------


def test_highlight_merges_and_clamps() -> None:
    assert highlight("abcdef", [(1, 3), (2, 4), (10, 12)]) == (("a", False), ("bcd", True), ("ef", False))


def test_commitment_evidence_highlights_cues_inside_the_sentence(app_ctx: AppContext, graph: GraphData) -> None:
    detail = app_ctx.store.get_node(next(n.iri for n in graph.nodes if n.label.startswith("Responding to the test")))
    views = evidence_views(detail)
    assert len(views) == 1  # the cue mentions are shown inside the sentence, not on their own
    view = views[0]
    assert view.spans == ["extended deterrence", "nuclear umbrella"]
    assert view.text.startswith("Responding to the test")
    assert view.document == "Joint Communique of the 38th SCM" and view.paragraph == 3


def test_short_mention_is_shown_inside_its_sentence(app_ctx: AppContext, graph: GraphData) -> None:
    usa = app_ctx.store.get_node(iri_of(graph, Kind.STATE, "United States"))
    alone = evidence_views(usa)
    assert alone[0].segments == (("United States", True),)
    framed = evidence_views(usa, store=app_ctx.store)
    assert framed[0].text.startswith("Responding to the test, the Secretary pledged")
    assert framed[0].spans == ["United States"]


def test_source_text_is_rendered_as_text(app_ctx: AppContext, graph: GraphData) -> None:
    launch = iri_of(graph, Kind.MISSILE_LAUNCH, "Taepodong-2 launch")
    views = evidence_views(app_ctx.store.get_node(launch))
    quote = render_sentence(views[0])
    assert all(isinstance(child, html.Mark | html.Span) for child in quote.children)
    assert SCRIPT_TEXT in "".join(_texts(quote))


# -- explorer --------------------------------------------------------------


def _state(app_ctx: AppContext, **view: Any) -> dict[str, Any]:
    return explorer.initial_state(ViewState(**view), app_ctx.year_bounds())


def test_explorer_connected_view_hides_mentions(app_ctx: AppContext) -> None:
    view = explorer.explorer_view(app_ctx, _state(app_ctx, mode="connected"))
    kinds = {e["data"]["kind"] for e in view.elements if "kind" in e["data"]}
    assert Kind.MENTION.value not in kinds and Kind.NUCLEAR_TEST.value in kinds
    assert not view.notice


def test_explorer_opens_on_the_latest_meeting_and_what_its_commitments_answer(
    app_ctx: AppContext, graph: GraphData
) -> None:
    state = _state(app_ctx)
    view = explorer.explorer_view(app_ctx, state)
    analytics = app_ctx.analytics()
    latest = max((m for m in analytics.meetings.values() if analytics.by_meeting.get(m.iri)), key=lambda m: m.date)
    drawn = {e["data"]["id"]: e for e in view.elements if "source" not in e["data"]}
    assert explorer_graph.home_node(app_ctx) == latest.iri
    assert "focus" in drawn[latest.iri]["classes"]
    made_there = set(analytics.by_meeting[latest.iri])
    assert made_there <= set(drawn)
    assert {t for c in made_there for t in analytics.commitments[c].responds_to} <= set(drawn)
    assert len(drawn) < len(graph.nodes) / 2  # a small view, not the whole graph
    assert all("position" in e for e in drawn.values())
    again = explorer_graph._explorer_view(app_ctx, explorer_graph.resolved(app_ctx, state))
    assert again.elements == view.elements  # same data, same picture
    # opening a meeting draws the incidents its commitments answer (two links away)
    answering = [m for m, cs in analytics.by_meeting.items() if any(analytics.commitments[c].responds_to for c in cs)]
    meeting = sorted(answering)[0]
    opened = explorer.next_state(state, ids.EXPLORER_OPEN_TYPE, opened=meeting)
    drawn = {e["data"]["id"] for e in explorer.explorer_view(app_ctx, opened).elements}
    answered = {t for c in analytics.by_meeting[meeting] for t in analytics.commitments[c].responds_to}
    assert answered and answered <= drawn


def test_explorer_open_close_hide(app_ctx: AppContext, graph: GraphData) -> None:
    test = iri_of(graph, Kind.NUCLEAR_TEST, "First North Korean nuclear test")
    prk = iri_of(graph, Kind.STATE, "Democratic People's Republic of Korea")
    state = explorer.next_state(_state(app_ctx), ids.EXPLORER_OPEN_TYPE, opened=test)
    drawn = {e["data"]["id"] for e in explorer.explorer_view(app_ctx, state).elements}
    assert state["node"] == test and {test, prk} <= drawn
    closed = explorer.next_state(state, ids.EXPLORER_COLLAPSE)
    assert test not in closed["expanded"] and closed["node"] == test
    hidden = explorer.next_state(state, ids.EXPLORER_HIDE)
    assert hidden["hidden"] == [test] and hidden["node"] is None
    assert test not in {e["data"]["id"] for e in explorer.explorer_view(app_ctx, hidden).elements}
    shown = explorer.next_state(hidden, ids.EXPLORER_UNHIDE)
    assert shown["hidden"] == []
    view = explorer.explorer_view(app_ctx, state)
    faded = {e["data"]["id"] for e in view.elements if "faded" in e.get("classes", "")}
    near = {e["data"]["id"] for e in view.elements if "near" in e.get("classes", "")}
    assert prk in near and test not in faded and faded  # the neighbourhood stands out, the rest fades


def test_explorer_stays_within_budget_and_says_so(app_ctx: AppContext) -> None:
    small = AppContext(store=app_ctx.store, max_elements=12)
    view = explorer.explorer_view(small, _state(small))
    assert len(view.elements) <= 12
    assert "Narrow" in view.notice


def test_explorer_on_an_empty_store_names_the_store_not_the_filters(tmp_path) -> None:
    empty = AppContext(store=NetworkXStore(path=tmp_path / "graph.json.gz"))
    view = explorer.explorer_view(empty, _state(empty))
    assert not view.elements
    assert str((tmp_path / "graph.json.gz").resolve()) in view.notice
    assert "holds no nodes yet" in view.notice and "alliancekg ingest" in view.notice
    assert "filters" not in view.notice


def test_explorer_filters_that_match_nothing_say_so(app_ctx: AppContext) -> None:
    state = _state(app_ctx, mode="connected", kinds=("NuclearTest",), year_from=1950, year_to=1951)
    view = explorer.explorer_view(app_ctx, state)
    assert not view.elements
    assert view.notice.startswith("Nothing matches these filters")


def test_explorer_time_window_filters(app_ctx: AppContext) -> None:
    view = explorer.explorer_view(app_ctx, _state(app_ctx, year_from=2007, year_to=2007))
    dated = [e["data"]["date"] for e in view.elements if "date" in e["data"]]
    assert dated and all(d.startswith("2007") for d in dated)
    labels = {e["data"].get("label") for e in view.elements}
    assert "United States" in labels  # committed at the 39th SCM
    assert "Donald Rumsfeld" not in labels  # undated, and only linked to 2006


def test_explorer_type_filter(app_ctx: AppContext) -> None:
    view = explorer.explorer_view(app_ctx, _state(app_ctx, types=("OpconTransition",)))
    labels = {e["data"]["label"] for e in view.elements if "kind" in e["data"]}
    assert "Wartime OPCON transition" in labels
    assert not any(label.startswith("Responding to the test") for label in labels)


def test_clicking_a_node_selects_and_expands_it(app_ctx: AppContext, graph: GraphData) -> None:
    test = iri_of(graph, Kind.NUCLEAR_TEST, "First North Korean nuclear test")
    state = explorer.next_state(_state(app_ctx, kinds=("Event",)), ids.EXPLORER_GRAPH, tapped={"id": test})
    assert state["node"] == test and state["expanded"] == [test]
    view = explorer.explorer_view(app_ctx, state)
    assert any(e["data"]["id"] == test and e.get("classes", "").startswith("focus") for e in view.elements)
    reset = explorer.next_state(state, ids.EXPLORER_RESET)
    assert reset["node"] is None and reset["expanded"] == []


def _drawn(view: explorer_graph.ExplorerView) -> dict[str, dict[str, Any]]:
    return {e["data"]["id"]: e for e in view.elements if "source" not in e["data"]}


def test_a_pinned_node_stays_in_the_view_and_in_place(app_ctx: AppContext, graph: GraphData) -> None:
    test = iri_of(graph, Kind.NUCLEAR_TEST, "First North Korean nuclear test")
    state = explorer.next_state(_state(app_ctx), ids.EXPLORER_OPEN_TYPE, opened=test)
    where = explorer.drawn_at(app_ctx, state)
    assert where is not None
    pinned = explorer.next_state(state, ids.EXPLORER_PIN, pin_at=where)
    assert pinned["pinned"] == {test: [where[0], where[1]]}
    # closing its neighbourhood, then going back to the latest meeting: the pin stays, where it was
    for trigger in (ids.EXPLORER_COLLAPSE, ids.EXPLORER_RESET):
        pinned = explorer.next_state(pinned, trigger)
        element = _drawn(explorer.explorer_view(app_ctx, pinned))[test]
        assert element["position"] == {"x": where[0], "y": where[1]}
        assert "pinned" in element["classes"] and element["locked"] is True
    assert test not in pinned["expanded"] and pinned["node"] is None
    unpinned = explorer.next_state({**pinned, "node": test}, ids.EXPLORER_PIN, pin_at=(0.0, 0.0))
    assert unpinned["pinned"] == {}
    assert test not in _drawn(explorer.explorer_view(app_ctx, explorer.next_state(unpinned, ids.EXPLORER_RESET)))
    hidden = explorer.next_state({**pinned, "node": test}, ids.EXPLORER_HIDE)
    assert hidden["pinned"] == {} and test not in _drawn(explorer.explorer_view(app_ctx, hidden))


def test_a_path_between_two_nodes_is_drawn_and_highlighted(app_ctx: AppContext, graph: GraphData) -> None:
    test = iri_of(graph, Kind.NUCLEAR_TEST, "First North Korean nuclear test")
    rumsfeld = iri_of(graph, Kind.PERSON, "Donald Rumsfeld")
    state = explorer.next_state(_state(app_ctx, kinds=("Actor", "Event", "Commitment", "Threat")),
                                ids.EXPLORER_OPEN_TYPE, opened=test)
    start = explorer.next_state(state, ids.EXPLORER_PATH_FROM)
    assert start["path_from"] == test
    assert explorer.next_state(start, ids.EXPLORER_PATH_TO)["path"] is None  # the start is no end
    assert "select another node" in explorer.explorer_view(app_ctx, start).path_note
    there = explorer.next_state(start, ids.EXPLORER_OPEN_TYPE, opened=rumsfeld)
    asked = explorer.next_state(there, ids.EXPLORER_PATH_TO)
    assert asked["path"] == [test, rumsfeld] and asked["path_from"] is None
    view = explorer.explorer_view(app_ctx, asked)
    found = app_ctx.store.paths(test, rumsfeld, explorer_graph.PATH_HOPS, kinds=asked["kinds"])
    assert found.paths and view.path_note.startswith("Shortest path from First North Korean nuclear test")
    assert f"{found.hops} links" in view.path_note
    drawn = _drawn(view)
    on_path = {iri for p in found.paths for iri in p}
    assert on_path <= set(drawn)
    assert all("path" in drawn[i]["classes"] and "faded" not in drawn[i]["classes"] for i in on_path)
    edges = [e for e in view.elements if "source" in e["data"] and "path" in e.get("classes", "")]
    assert len(edges) >= found.hops
    assert all({e["data"]["source"], e["data"]["target"]} <= on_path for e in edges)
    # through states only, nothing links them: the note says so, and nothing is highlighted
    narrow = explorer.next_state(asked, ids.EXPLORER_KINDS, kinds=["State"])
    none = explorer.explorer_view(app_ctx, narrow)
    assert none.path_note.startswith("No path of at most 5 links between")
    assert not any("path" in e.get("classes", "") for e in none.elements)
    cleared = explorer.next_state(asked, ids.EXPLORER_PATH_CLEAR)
    assert cleared["path"] is None and explorer.explorer_view(app_ctx, cleared).path_note == ""
    unknown = explorer.explorer_view(app_ctx, {**asked, "path": [test, "urn:nothing"]})
    assert unknown.path_note == "No node has the IRI urn:nothing: no path to show."
    # paths found by a search that stopped at its bound: shown, and said to be perhaps not all
    stopped = dataclasses.replace(found, stopped=True)
    assert "may exist that are not listed" in explorer_graph.path_note(app_ctx, asked, stopped)
    assert "not listed" not in explorer_graph.path_note(app_ctx, asked, found)


def test_an_unknown_node_link_says_so_and_opens_on_the_latest_meeting(app_ctx: AppContext) -> None:
    missing = "https://w3id.org/alliancekg/id/state/no-such-node"
    view = explorer.explorer_view(app_ctx, _state(app_ctx, node=missing))
    assert view.notice.startswith(f"This link names a node that is not in the graph: {missing}.")
    home = explorer_graph.home_node(app_ctx)
    assert home is not None and home in _drawn(view) and missing not in _drawn(view)
    panel = explorer.render_node_panel(None, missing)
    assert f"No node has the IRI {missing}." in _texts(panel)
    known = explorer.explorer_view(app_ctx, _state(app_ctx, node=home))
    assert "not in the graph" not in known.notice


def test_the_browser_lists_are_cut_in_one_place(app_ctx: AppContext) -> None:
    many = [f"urn:n{i}" for i in range(40)]
    state = explorer_graph.bounded(
        {"expanded": [*many, 3], "hidden": many * 30, "pinned": {i: [1, 2] for i in many} | {"x": [1, "a"]},
         "path": ["a"], "path_from": 5}
    )
    assert state["expanded"] == many[-explorer_graph.MAX_EXPANDED:]
    assert state["hidden"] == many  # repeats dropped
    assert list(state["pinned"]) == many[-explorer_graph.MAX_PINNED:]
    assert state["path"] is None and state["path_from"] is None
    opened = explorer.next_state(state, ids.EXPLORER_OPEN_TYPE, opened="urn:new")
    assert opened["expanded"][-1] == "urn:new" and len(opened["expanded"]) == explorer_graph.MAX_EXPANDED
    deep = _state(app_ctx, opened=tuple(many), node="urn:x")
    assert explorer_graph.resolved(app_ctx, deep)["expanded"] == [*many, "urn:x"][-explorer_graph.MAX_EXPANDED:]


def test_node_panel_names_what_the_series_reference_supplied_in_words() -> None:
    day = dt.date(1976, 5, 27)
    meeting = Node(
        iri=make_iri(Kind.SCM, "SCM", 9), kind=Kind.SCM, label="9th SCM",
        props={Prop.DATE.value: day, Prop.END_DATE.value: dt.date(1976, 5, 28), Prop.ORDINAL.value: 9,
               Prop.SERIES.value: "SCM", Prop.FROM_REFERENCE.value: [Prop.DATE.value, Prop.END_DATE.value]},
    )
    store = NetworkXStore()
    store.load(GraphData(nodes=[meeting]))
    panel = explorer.node_panel_data(AppContext(store=store), meeting.iri)
    assert panel is not None
    assert ("From the series reference", "Date, End date") in panel.facts
    assert ("Date", "1976-05-27") in panel.facts and ("Series", "Security Consultative Meeting") in panel.facts


def test_node_panel_and_search(app_ctx: AppContext, graph: GraphData) -> None:
    test = iri_of(graph, Kind.NUCLEAR_TEST, "First North Korean nuclear test")
    panel = explorer.node_panel_data(app_ctx, test)
    assert panel is not None and panel.is_incident and panel.evidence
    assert ("Place", "Punggye-ri") in panel.facts
    assert explorer.node_panel_data(app_ctx, "urn:missing") is None
    groups = explorer.search_results(app_ctx, "nuclear")
    assert any(h.iri == test for g in groups for h in g.hits)
    assert explorer.search_results(app_ctx, "n") == []


# -- tracer ----------------------------------------------------------------


def test_tracing_the_first_nuclear_test_finds_the_38th_scm(app_ctx: AppContext, graph: GraphData) -> None:
    test = iri_of(graph, Kind.NUCLEAR_TEST, "First North Korean nuclear test")
    data = tracer.tracer_data(app_ctx, test)
    assert [b.label for b in data.blocks] == ["38th SCM"]
    block = data.blocks[0]
    assert block.lag_days == 11
    types = {i.type_label for items in block.items.values() for i in items}
    assert {"extended deterrence", "nuclear umbrella", "combined exercises"} <= types
    assert [i.type_label for i in block.items["not restated"]] == ["wartime OPCON transition"]
    assert all(i.evidence for items in block.items.values() for i in items)
    comparison = data.comparisons[0]
    assert comparison.before == "37th SCM" and comparison.after == "38th SCM"
    status = {r["type"]: r["status"] for r in comparison.rows}
    assert status["extended deterrence"] == "only after" and status["nuclear umbrella"] == "both"


def test_tracer_reports_unknown_incident_readably(app_ctx: AppContext) -> None:
    result, comparison = tracer.tracer_outputs(app_ctx, "no such incident anywhere")
    assert comparison == []
    assert "no such incident" in " ".join(_texts(result)).lower()


def test_incident_options_filter_and_keep_current(app_ctx: AppContext, graph: GraphData) -> None:
    launch = iri_of(graph, Kind.MISSILE_LAUNCH, "Taepodong-2 launch")
    assert [o["value"] for o in tracer.incident_options(app_ctx, "2006-07")] == [launch]
    assert launch in [o["value"] for o in tracer.incident_options(app_ctx, "nuclear", current=launch)]


def test_trace_csv_parses(app_ctx: AppContext, graph: GraphData) -> None:
    test = iri_of(graph, Kind.NUCLEAR_TEST, "First North Korean nuclear test")
    rows = list(csv.DictReader(io.StringIO(tracer.changes_csv(app_ctx, test))))
    assert {r["Change"] for r in rows} >= {"new", "not restated"}
    header = list(rows[0])
    assert len(header) == len(set(header))  # no two columns under one name
    wanted = {"Meeting", "Type", "Type code", "Party", "Wording", "Evidence", "Commitment IRI", "Meeting IRI"}
    assert wanted <= set(header)
    assert not {"meeting_label", "lag_days", "KOR+USA", "USA"} & (set(header) | {r["Party"] for r in rows})
    assert {r["Party"] for r in rows} <= {"ROK", "U.S.", "ROK and U.S.", ""}
    assert all(r["Commitment IRI"].startswith("http") for r in rows)


# -- timeline --------------------------------------------------------------


def test_timeline_cells_and_incident_markers(app_ctx: AppContext) -> None:
    fig = timeline.timeline_figure(app_ctx, None, "stance")
    go.Figure(fig)  # a valid plotly figure
    names = {t["name"].rsplit(" (", 1)[0]: t for t in fig["data"]}
    assert {"\u25bc Nuclear test", "\u25bc Missile launch"} <= set(names)
    points = sum(len(names[n]["x"]) for n in ("new", "reaffirmed", "strengthened") if n in names)
    assert points == len(timeline.timeline_data(app_ctx).cells) > 0
    for trace in fig["data"]:  # the legend gives each entry's count
        assert trace["name"].endswith(f" ({len(trace['x'])})"), trace["name"]
    only_2007 = timeline.timeline_figure(app_ctx, [2007, 2007], "strength")
    go.Figure(only_2007)
    assert all(str(x).startswith("2007") for t in only_2007["data"] for x in t["x"])


def test_timeline_click_opens_evidence(app_ctx: AppContext) -> None:
    cell = next(c for c in timeline.timeline_data(app_ctx).cells if c.meeting_label == "38th SCM")
    click = {
        "points": [{"customdata": [cell.meeting, cell.ctype, cell.meeting_label, cell.parties], "x": "2006-10-20"}]
    }
    text = " ".join(_texts(timeline.cell_details(app_ctx, click)))
    assert "38th SCM" in text and cell.type_label in text
    assert "Click a cell" in " ".join(_texts(timeline.cell_details(app_ctx, None)))


# -- console ---------------------------------------------------------------


EXAMPLE_ANSWERS = {  # columns, and rows on the sample graph
    "nuclear-responses": (["incident", "tested", "meeting", "commitment", "stance"], 2),
    "extended-deterrence": (["later", "r", "earlier"], 1),
    "extended-deterrence-table": (["scm", "date", "stance", "commitment"], 2),
    "heads-of-delegation": (["m", "r", "p"], 2),
}


@pytest.mark.parametrize("key", sorted(console.EXAMPLES))
def test_every_example_runs_on_the_embedded_store(app_ctx: AppContext, key: str) -> None:
    example = console.EXAMPLES[key]
    assert "$" in example.query  # parameterised, values never spliced in
    outcome = console.run_query(app_ctx, example.query, json.dumps(example.params))
    assert outcome.ok, outcome.message
    columns, rows = EXAMPLE_ANSWERS[key]
    assert (outcome.columns, len(outcome.rows)) == (columns, rows)
    assert all(row[c] for row in outcome.rows for c in columns)  # no empty cell


def test_console_graph_for_node_results(app_ctx: AppContext) -> None:
    example = console.EXAMPLES["heads-of-delegation"]
    outcome = console.run_query(app_ctx, example.query, json.dumps(example.params))
    kinds = {e["data"].get("kind") for e in outcome.elements}
    assert {"SecurityConsultativeMeeting", "Person"} <= kinds
    assert any("source" in e["data"] for e in outcome.elements)


@pytest.mark.parametrize(
    ("query", "params", "expected"),
    [
        pytest.param("MATCH (n) DETACH DELETE n", "{}", "Refused", id="write"),
        pytest.param("CREATE (n:State {label: 'x'}) RETURN n", "{}", "Refused", id="create"),
        pytest.param("MATCH (n RETURN n", "{}", "Syntax error", id="syntax"),
        pytest.param("MATCH (n) RETURN n LIMIT 1", "{not json", "not valid JSON", id="bad-json"),
        pytest.param("MATCH (n) RETURN n LIMIT 1", "[1, 2]", "JSON object", id="not-object"),
        pytest.param("   ", "{}", "Type a Cypher query", id="empty"),
    ],
)
def test_console_failures_are_messages(app_ctx: AppContext, query: str, params: str, expected: str) -> None:
    outcome = console.run_query(app_ctx, query, params)
    assert not outcome.ok
    assert expected in outcome.message
    assert "Traceback" not in outcome.message


def test_console_write_leaves_graph_unchanged(app_ctx: AppContext) -> None:
    before = app_ctx.store.count_by_kind()
    console.run_query(app_ctx, "MATCH (n) DETACH DELETE n", "{}")
    assert app_ctx.store.count_by_kind() == before


def test_console_row_limit(app_ctx: AppContext) -> None:
    outcome = console.run_query(app_ctx, "MATCH (n:Mention) RETURN n.label", "{}", limit=3)
    assert outcome.ok and len(outcome.rows) == 3 and outcome.truncated
    assert "Row limit reached: showing the first 3 rows" in outcome.message


def test_the_console_asks_the_store_what_cypher_it_answers(app_ctx: AppContext) -> None:
    assert console.full_cypher(app_ctx) is False  # the embedded store answers a subset
    note = " ".join(_texts(console.layout(app_ctx, ViewState())))
    assert "Embedded store: a read-only subset of Cypher" in note and "full read-only Cypher" not in note


@pytest.mark.neo4j
def test_the_console_on_neo4j_says_full_cypher(neo4j_clean: Any, graph: GraphData) -> None:
    from graph.neo4j_store import Neo4jStore

    neo = Neo4jStore(neo4j_clean)
    neo.load(graph)
    ctx = AppContext(store=neo)
    assert console.full_cypher(ctx) is True
    assert "Runs on Neo4j: full read-only Cypher." in " ".join(_texts(console.layout(ctx, ViewState())))


def test_rows_csv_round_trip() -> None:
    text = console.rows_csv(["a", "b"], [{"a": "1", "b": "x,y"}])
    assert list(csv.DictReader(io.StringIO(text))) == [{"a": "1", "b": "x,y"}]


# -- exports ---------------------------------------------------------------


def parse_rdf(text: str, fmt: str) -> rdflib.Graph:
    """Parse with rdflib; JSON-LD through the project's importer, which resolves the published context offline."""
    if fmt == "json-ld":
        return rdf_import.parse_rdf(text, "jsonld")
    return rdflib.Graph().parse(data=text, format=fmt)


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")])
@pytest.mark.parametrize("scope", ["view", "all"])
def test_rdf_exports_parse(app_ctx: AppContext, fmt: str, rdflib_format: str, scope: str) -> None:
    file = exports.rdf_file(app_ctx, scope, fmt, ViewState())
    parsed = parse_rdf(file.content, rdflib_format)
    subjects = {str(s) for s in parsed.subjects()}
    nodes = exports.view_graph(app_ctx, ViewState()).nodes if scope == "view" else app_ctx.store.dump().nodes
    assert {n.iri for n in nodes} <= subjects
    assert file.filename.endswith(f".{fmt}")


def test_view_export_follows_the_url_filters(app_ctx: AppContext) -> None:
    view = parse_query("?from=2007&to=2007&kinds=Event")
    graph = exports.view_graph(app_ctx, view)
    assert [(n.kind, n.label, n.date) for n in graph.nodes] == [(Kind.SCM, "39th SCM", dt.date(2007, 11, 7))]
    everything = exports.view_graph(app_ctx, ViewState())
    assert len(everything.nodes) > len(graph.nodes)  # the filters, not the graph, made it this small


def test_csv_tables_parse(app_ctx: AppContext) -> None:
    nodes = list(csv.DictReader(io.StringIO(exports.table_file(app_ctx, "all", "nodes", ViewState()).content)))
    assert len(nodes) == sum(app_ctx.store.count_by_kind().values())
    assert any(r["kind"] == "NuclearTest" and r["date"] == "2006-10-09" for r in nodes)
    rels = list(csv.DictReader(io.StringIO(exports.table_file(app_ctx, "view", "relationships", ViewState()).content)))
    assert rels and list(rels[0]) == ["Source", "Relationship", "Target", "Source IRI", "Target IRI"]
    assert {r["Relationship"] for r in rels} >= {"made at"}


def test_view_csv_has_the_analysts_columns(app_ctx: AppContext) -> None:
    rows = list(csv.DictReader(io.StringIO(exports.table_file(app_ctx, "view", "nodes", ViewState()).content)))
    assert list(rows[0]) == [
        *("Label", "Kind", "Type", "Party", "Meeting", "Date"),
        *("Change", "Wording", "Evidence", "Document", "IRI"),
    ]
    graph = exports.view_graph(app_ctx, ViewState())
    assert sorted(r["IRI"] for r in rows) == sorted(n.iri for n in graph.nodes)
    commitments = [r for r in rows if r["Kind"] == "Commitment"]
    assert commitments and all(r["Party"] and r["Type"] and r["Meeting"] and r["Wording"] for r in commitments)
    assert all("+" not in r["Party"] and "Security Consultative Meeting (" in r["Meeting"] for r in commitments)
    assert all(r["Evidence"] and r["Document"] for r in commitments)


@pytest.mark.parametrize("query", ["", "?mode=connected", "?from=2005&to=2007", "?types=OpconTransition"])
def test_view_export_passes_shacl(app_ctx: AppContext, query: str) -> None:
    from ontology.validate import validate

    file = exports.rdf_file(app_ctx, "view", "ttl", parse_query(query))
    report = validate(parse_rdf(file.content, "turtle"))
    assert report.conforms, report.describe()
    assert "passes the project's SHACL validation" in file.note
    shown = exports.view_graph(app_ctx, parse_query(query))
    if any(n.kind == Kind.COMMITMENT for n in shown.nodes):
        assert "Added what the view's commitments need" in file.note


def test_export_outputs_reports_bad_trigger_quietly(app_ctx: AppContext) -> None:
    assert exports.export_outputs(app_ctx, None, "view", "ttl", "") == (None, None)
    data, message = exports.export_outputs(app_ctx, ids.EXPORTS_RDF_BUTTON, "bogus", "nt", "")
    assert data is not None and data["filename"].startswith("alliancekg-view-")  # an unknown scope is the view
    assert data["filename"].endswith(".nt") and data["type"] == "application/n-triples"
    assert " ".join(_texts(message)).startswith(f"Prepared {data['filename']} (")


# -- app and cli -----------------------------------------------------------


def _with_ids(component: Any) -> list[Any]:
    """Every component in a tree that has an id, depth first."""
    if isinstance(component, list | tuple):
        return [c for child in component for c in _with_ids(child)]
    if isinstance(component, str) or component is None:
        return []
    own = [component] if getattr(component, "id", None) is not None else []
    return own + _with_ids(getattr(component, "children", None))


def test_every_page_renders(app_ctx: AppContext) -> None:
    own = {  # a component only that page has, and the URL state its state store keeps
        "explorer": (ids.EXPLORER_GRAPH, {"from": 2006, "to": 2007}),
        "tracer": (ids.TRACER_INCIDENT, {"incident": None}),
        "crises": (crises.TABLE_ID, None),
        "timeline": (ids.TIMELINE_GRAPH, {"from": 2006, "to": 2007}),
        "console": (ids.CONSOLE_QUERY, {"example": console.DEFAULT_EXAMPLE}),
        "exports": (ids.EXPORTS_SUMMARY, None),
    }
    assert set(own) == set(PAGES)
    for page, (marker, state) in own.items():
        (content,) = render_page(app_ctx, f"/{page}", "?from=2006&to=2007")
        found = _with_ids(content)
        markers = {c.id for c in found if isinstance(c.id, str) and c.id in {m for m, _ in own.values()}}
        assert markers == {marker}, page  # this page, and no other
        stores = [c.data for c in found if c.id == ids.url_state(page)]
        if state is None:
            assert stores == [], page
        else:
            assert len(stores) == 1 and {k: stores[0].get(k) for k in state} == state, (page, stores)
    (home,) = render_page(app_ctx, "/", "")
    assert ids.EXPLORER_GRAPH in {c.id for c in _with_ids(home) if isinstance(c.id, str)}
    (missing,) = render_page(app_ctx, "/nowhere", "")  # a path that names no page: the 404 page, not the explorer
    found = {c.id for c in _with_ids(missing) if isinstance(c.id, str)}
    assert ids.NOT_FOUND in found and ids.EXPLORER_GRAPH not in found


def test_create_app_builds_independent_apps(app_ctx: AppContext) -> None:
    one = create_app(app_ctx.store, max_elements=100)
    two = create_app(app_ctx.store)
    assert one is not two
    assert one.server.config["ALLIANCEKG_CONTEXT"].max_elements == 100
    assert two.server.config["ALLIANCEKG_CONTEXT"].max_elements == 1500


def test_serve_options_are_checked() -> None:
    assert is_local("127.0.0.1") and is_local("::1") and not is_local("0.0.0.0")
    check_bind("127.0.0.1", 8050)
    with pytest.raises(ConfigurationError, match="TCP port"):
        check_bind("127.0.0.1", 70000)


def test_explorer_on_a_generated_graph_stays_within_budget() -> None:
    store = NetworkXStore()
    store.load(generate(3000, seed=3))
    ctx = AppContext(store=store, max_elements=300)
    view = explorer.explorer_view(ctx, explorer.initial_state(ViewState(mode="connected"), ctx.year_bounds()))
    assert len(view.elements) <= 300 and view.notice
    hub = store.subgraph(limit=1).nodes[0].iri
    clicked = explorer.next_state(
        explorer.initial_state(ViewState(), ctx.year_bounds()), ids.EXPLORER_GRAPH, tapped={"id": hub}
    )
    view = explorer.explorer_view(ctx, clicked)
    assert len(view.elements) <= 300
    assert any(e["data"]["id"] == hub for e in view.elements)


def test_make_iri_of_sample_is_stable() -> None:
    assert sample_graph().node_map().keys() == sample_graph().node_map().keys()
    assert make_iri(Kind.STATE, "KOR") in sample_graph().node_map()


# -- serving store and the one cache --------------------------------------------


def _loaded(graph: GraphData) -> NetworkXStore:
    store = NetworkXStore()
    store.load(graph)
    return store


def test_serving_store_refuses_writes_and_remembers_nothing(graph: GraphData) -> None:
    from dashboard.serving import ServingStore
    from graph.errors import StoreError

    inner = _loaded(graph)
    serving = ServingStore(inner)
    counts = inner.count_by_kind()
    with pytest.raises(StoreError, match="never changes"):
        serving.clear()
    with pytest.raises(StoreError, match="never changes"):
        serving.upsert_nodes([Node(iri="urn:x", kind=Kind.STATE, label="x")])
    with pytest.raises(StoreError, match="never changes"):
        serving.delete_nodes([graph.nodes[0].iri])
    assert inner.count_by_kind() == counts and not inner.has_node("urn:x")
    assert (serving.name, serving.revision) == (inner.name, inner.revision)
    assert serving.subgraph(kinds=["Event"]) == inner.subgraph(kinds=["Event"])
    assert serving.count_by_kind() == counts
    inner.upsert_nodes([Node(iri="urn:x", kind=Kind.STATE, label="x")])  # a write the guard did not see
    assert serving.has_node("urn:x")
    assert serving.count_by_kind()[Kind.STATE.value] == counts[Kind.STATE.value] + 1
    assert serving.revision == inner.revision


def test_the_cache_follows_the_store_revision(graph: GraphData) -> None:
    from dashboard.serving import ServingStore

    inner = _loaded(graph)
    ctx = AppContext(store=ServingStore(inner))
    view = ctx.analytics()
    cells = timeline.timeline_data(ctx)
    assert ctx.analytics() is view and timeline.timeline_data(ctx) is cells  # nothing written: kept
    meeting = next(iri for iri, rec in view.meetings.items() if rec.label == "38th SCM")
    node = inner.get_node(meeting).node
    inner.upsert_nodes([node.model_copy(update={"label": "Renamed meeting"})])  # every count stays the same
    rebuilt = ctx.analytics()
    assert rebuilt is not view and rebuilt.meetings[meeting].label == "Renamed meeting"
    assert view.meetings[meeting].label == "38th SCM"
    assert {c.meeting_label for c in timeline.timeline_data(ctx).cells} >= {"Renamed meeting"}


def test_without_a_revision_the_cache_follows_the_counts(graph: GraphData) -> None:
    from dashboard.serving import ServingStore

    class CountsOnly(ServingStore):
        """A store that keeps no write counter (as Neo4j): the cache falls back to the counts."""

        revision = None  # type: ignore[assignment]

    inner = _loaded(graph)
    ctx = AppContext(store=CountsOnly(inner), recheck_seconds=0)
    view = ctx.analytics()
    assert ctx.analytics() is view
    commitment = next(iter(view.commitments))
    inner.delete_nodes([commitment])
    assert commitment not in ctx.analytics().commitments
    patient = AppContext(store=CountsOnly(inner), recheck_seconds=3600)
    seen = patient.analytics()
    inner.delete_nodes([next(iter(seen.commitments))])
    assert patient.analytics() is seen  # the counts are trusted for an hour
    patient.forget()
    assert patient.analytics() is not seen


def test_overview_applies_the_time_range_to_the_ranked_pool(app_ctx: AppContext) -> None:
    full = explorer.explorer_view(app_ctx, _state(app_ctx, mode="connected"))
    narrow = explorer.explorer_view(app_ctx, _state(app_ctx, year_from=2005, year_to=2005, mode="connected"))
    ids_full = {e["data"]["id"] for e in full.elements}
    ids_narrow = {e["data"]["id"] for e in narrow.elements}
    assert ids_narrow < ids_full
    assert all(e["data"].get("date", "2005")[:4] == "2005" for e in narrow.elements)


def test_warm_up_fills_the_per_graph_caches(graph: GraphData) -> None:
    from dashboard.app import warm

    store = NetworkXStore()
    store.load(graph)
    ctx = AppContext(store=store)
    warm(ctx)

    def not_warmed() -> None:
        raise AssertionError("warm() did not compute this")

    for key in ("analytics", "timeline", "incident-options", "years", "concepts"):
        ctx.cached(key, not_warmed)


def test_ranked_pool_picks_kinds_from_the_overall_ranking() -> None:
    store = NetworkXStore()
    store.load(generate(3000, seed=5))
    ctx = AppContext(store=store, max_elements=200)
    pool, more = explorer_graph.ranked_pool(ctx, ["Commitment"])
    assert more and pool.nodes
    assert {n.kind for n in pool.nodes} <= {Kind.COMMITMENT, Kind.AGREEMENT}
    degree = {n.iri: store.get_node(n.iri).degree for n in store.nodes(kinds=["Commitment"])}
    chosen = {n.iri for n in pool.nodes}
    # the pool holds the most connected commitments: none left out is better connected than one kept
    assert min(degree[i] for i in chosen) >= max(d for i, d in degree.items() if i not in chosen)


def test_the_view_state_from_the_browser_is_bounded(app_ctx: AppContext) -> None:
    """Each opened node costs a store read: a state sent with thousands, or with non-text items, is cut down."""
    from dashboard.explorer_graph import MAX_EXPANDED, MAX_HIDDEN, resolved

    opened = [f"https://example.org/n/{i}" for i in range(5000)]
    state = resolved(app_ctx, {"mode": "focus", "expanded": [*opened, 7, None], "hidden": [{"x": 1}, *opened]})
    assert state["expanded"] == opened[-MAX_EXPANDED:]  # the newest stay open
    assert state["hidden"] == opened[:MAX_HIDDEN]
    assert resolved(app_ctx, {"mode": "connected", "expanded": "not a list", "hidden": 3})["hidden"] == []


def test_tracer_of_an_incident_whose_next_meeting_has_no_text_says_so() -> None:
    """The 45th SCM followed the third nuclear test; with no communique loaded the page names the
    meeting from the series reference, says its text is missing and never that no meeting followed."""
    store = NetworkXStore()
    store.load(
        GraphData(
            nodes=[
                Node(
                    iri=make_iri(Kind.NUCLEAR_TEST, "prk-nuclear-test-3"),
                    kind=Kind.NUCLEAR_TEST,
                    label="Third North Korean nuclear test",
                    props={"date": dt.date(2013, 2, 12)},
                )
            ],
            relationships=[],
        )
    )
    ctx = AppContext(store=store)
    data = tracer.tracer_data(ctx, make_iri(Kind.NUCLEAR_TEST, "prk-nuclear-test-3"))
    assert data.kind and data.blocks[0].label == "45th SCM"
    page = " ".join(_texts(tracer.render_result(data)))
    assert "no text for the 45th scm loaded" in page.lower()
    assert "pledged is unknown" in page and "no commitments were extracted" not in page.lower()
    compared = " ".join(_texts(tracer.render_comparison(data.comparisons)))
    assert "no meeting whose text is loaded" in compared.lower()
    assert "no meeting followed" not in compared.lower()


def test_tracer_never_calls_a_meeting_first_of_its_series_when_earlier_ones_are_only_unloaded() -> None:
    """A series the reference does not list (MCM, summits): the first loaded meeting is not the first
    held. The comparison says the earlier meetings are unknown rather than "first meeting of its series"."""
    test = make_iri(Kind.MISSILE_LAUNCH, "hwasong-18-launch-2023-07-12")
    mcm = make_iri(Kind.MEETING, "MCM", 48)
    doc = "https://w3id.org/alliancekg/id/document/mcm-48-test"
    pledge = make_iri(Kind.COMMITMENT, "mcm48-readiness")
    store = NetworkXStore()
    store.load(
        GraphData(
            nodes=[
                Node(iri=test, kind=Kind.MISSILE_LAUNCH, label="Second Hwasong-18 ICBM launch",
                     props={"date": dt.date(2023, 7, 12)}),
                Node(iri=mcm, kind=Kind.MEETING, label="48th MCM",
                     props={"series": "MCM", "ordinal": 48, "date": dt.date(2023, 11, 12)}),
                Node(iri=doc, kind=Kind.DOCUMENT, label="48th MCM joint communique", props={"docType": "communique"}),
                Node(iri=pledge, kind=Kind.COMMITMENT, label="readiness", props={"stance": "reaffirmed"}),
            ],
            relationships=[
                Relationship(source=doc, target=mcm, type=Rel.ISSUED_AT),
                Relationship(source=pledge, target=mcm, type=Rel.MADE_AT),
            ],
        )
    )
    data = tracer.tracer_data(AppContext(store=store), test)
    (comparison,) = [c for c in data.comparisons if c.series == "MCM"]
    assert comparison.before is None and comparison.before_note
    compared = " ".join(_texts(tracer.render_comparison(data.comparisons))).lower()
    assert "first meeting of its series" not in compared and "no earlier meeting of this series loaded" in compared
