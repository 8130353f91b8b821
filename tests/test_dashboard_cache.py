"""Answers the explorer remembers per state of the graph (dashboard.context.AppContext, its one cache):
repeated exports, console queries on a store that counts its writes, and callback answers that follow
from the request alone. Each is given again while the graph is unchanged and computed anew after a write."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from dashboard import ids
from dashboard.app import REPEATING_OUTPUTS, create_app, repeats, router_request
from dashboard.context import AppContext
from dashboard.explorer_panel import node_panel_data, panel_group
from dashboard.pages.console import answer, run_query
from dashboard.pages.exports import rdf_file, validation_graphs, view_note
from dashboard.serving import ServingStore
from dashboard.state import ViewState
from graph.model import Node
from graph.nx_store import NetworkXStore
from graph.schema import Kind, Rel
from graph.store import GraphStore
from graph.synthetic import generate

CALLBACK = "/_dash-update-component"
NEW = Node(iri="urn:cache-test:newcomer", kind=Kind.PERSON, label="Newcomer Added Later")


def filled(store: GraphStore) -> AppContext:
    store.load(generate(120, seed=7))
    return AppContext(store=ServingStore(store))


def test_an_rdf_export_is_remembered_until_the_graph_changes() -> None:
    inner = NetworkXStore()
    app_ctx = filled(inner)
    first = rdf_file(app_ctx, "all", "ttl", ViewState())
    again = rdf_file(app_ctx, "all", "ttl", ViewState())
    assert again.content is first.content  # the same text, not written again
    assert NEW.iri not in first.content
    inner.upsert_nodes([NEW])
    after = rdf_file(app_ctx, "all", "ttl", ViewState())
    assert NEW.iri in after.content


def test_a_view_export_remembers_its_validation_once_for_every_format() -> None:
    app_ctx = filled(NetworkXStore())
    turtle = rdf_file(app_ctx, "view", "ttl", ViewState())
    triples = rdf_file(app_ctx, "view", "nt", ViewState())
    assert turtle.note and triples.note is turtle.note  # validated once per view, whatever the format
    assert turtle.content != triples.content
    assert rdf_file(app_ctx, "view", "nt", ViewState()).content is triples.content


def test_a_family_keeps_at_most_its_byte_budget_least_recently_used_first() -> None:
    app_ctx = AppContext(store=ServingStore(NetworkXStore()))
    computed: list[str] = []

    def blob(name: str, size: int) -> bytes:
        def compute() -> bytes:
            computed.append(name)
            return name.encode()[:1] * size

        return app_ctx.remembered("blobs", name, compute, weigh=len, budget=1000)

    blob("a", 400)
    blob("b", 400)
    blob("a", 400)  # remembered, and now the most recently used
    blob("c", 400)  # 1,200 bytes: the least recently used (b) goes
    assert computed == ["a", "b", "c"]
    blob("a", 400)
    blob("c", 400)
    assert computed == ["a", "b", "c"]
    blob("b", 400)
    assert computed == ["a", "b", "c", "b"]
    huge = blob("huge", 5000)  # heavier than the whole budget: answered, never kept
    assert len(huge) == 5000
    blob("huge", 5000)
    assert computed[-2:] == ["huge", "huge"]


class CountingStore(NetworkXStore):
    """The embedded store, counting each call of the reads a details panel makes (:data:`PANEL_READS`)."""

    def __init__(self) -> None:
        super().__init__()
        self.reads: Counter[str] = Counter()


PANEL_READS = ("get_node", "has_node", "link_counts", "linked", "linked_pages", "evidence_of", "neighbours")


def _counted(name: str) -> Any:
    inner = getattr(NetworkXStore, name)

    def read(self: CountingStore, *args: Any, **kwargs: Any) -> Any:
        self.reads[name] += 1
        return inner(self, *args, **kwargs)

    return read


for _name in PANEL_READS:
    setattr(CountingStore, _name, _counted(_name))


def test_recall_answers_what_is_remembered_without_computing_it() -> None:
    store = NetworkXStore()
    app_ctx = AppContext(store=store)
    assert app_ctx.recall("family", "k") == (False, None)
    app_ctx.remembered("family", "k", lambda: None)
    assert app_ctx.recall("family", "k") == (True, None)  # a remembered None is remembered
    store.upsert_nodes([NEW])
    assert app_ctx.recall("family", "k") == (False, None)  # dropped with the state it belonged to


def test_a_details_panel_asked_again_reads_nothing_from_the_store() -> None:
    store = CountingStore()
    graph = generate(120, seed=7)
    store.load(graph)
    meeting = next(n.iri for n in graph.nodes if n.kind is Kind.SCM)
    app_ctx = AppContext(store=store)
    first = node_panel_data(app_ctx, meeting)
    assert first is not None and len([g for g in first.groups if g.key]) >= 2
    assert store.reads["linked_pages"] == 1  # every group's first page in one read
    store.reads.clear()
    assert node_panel_data(app_ctx, meeting) == first
    assert sum(store.reads[name] for name in PANEL_READS) == 0
    # the panel of another context whose groups are remembered ("show more" pressed back to the first page)
    # reads no linked page, and shows the same
    again = AppContext(store=store)
    for group in first.groups:
        if group.key:
            panel_group(again, meeting, group.key)
    store.reads.clear()
    assert node_panel_data(again, meeting) == first
    assert store.reads["linked_pages"] == 0 and store.reads["linked"] == 0
    # with one group remembered, the others are read in one read and the panel is the same
    partly = AppContext(store=store)
    made = next(g.key for g in first.groups if g.key and g.key.startswith(Rel.MADE_AT.value))
    panel_group(partly, meeting, made)
    store.reads.clear()
    assert node_panel_data(partly, meeting) == first
    assert store.reads["linked_pages"] == 1


QUERY = "MATCH (p:Person) WHERE p.label STARTS WITH $prefix RETURN p.label AS label ORDER BY label"


def test_the_embedded_console_remembers_an_answer_until_the_graph_changes() -> None:
    inner = NetworkXStore()
    app_ctx = filled(inner)
    first = answer(app_ctx, QUERY, {"prefix": "Newcomer"}, 10)
    assert first.rows == []
    assert answer(app_ctx, QUERY, {"prefix": "Newcomer"}, 10) is first  # no worker forked again
    assert answer(app_ctx, QUERY, {"prefix": "Newcomer"}, 5) is not first  # another limit is another question
    inner.upsert_nodes([NEW])
    assert answer(app_ctx, QUERY, {"prefix": "Newcomer"}, 10).rows == [["Newcomer Added Later"]]


@pytest.mark.neo4j
def test_the_neo4j_console_asks_the_server_every_time(neo4j_store: GraphStore) -> None:
    # Neo4j's state is only estimated from counts: an edited label keeps every count, and must still be seen
    app_ctx = filled(neo4j_store)
    neo4j_store.upsert_nodes([NEW])
    assert answer(app_ctx, QUERY, {"prefix": "Newcomer"}, 10).rows == [["Newcomer Added Later"]]
    neo4j_store.upsert_nodes([NEW.model_copy(update={"label": "Newcomer Renamed"})])
    assert answer(app_ctx, QUERY, {"prefix": "Newcomer"}, 10).rows == [["Newcomer Renamed"]]
    outcome = run_query(app_ctx, QUERY, json.dumps({"prefix": "Newcomer"}), 10)
    assert outcome.ok and outcome.rows == [{"label": "Newcomer Renamed"}]


@pytest.mark.neo4j
def test_the_neo4j_cache_sees_an_edit_that_keeps_every_count(neo4j_store: GraphStore, neo4j_clean: Any) -> None:
    # a re-ingest or an edit by another client may keep every count; the cache must not serve the old graph
    neo4j_store.load(generate(120, seed=7))
    neo4j_store.upsert_nodes([NEW])
    app_ctx = AppContext(store=ServingStore(neo4j_store), recheck_seconds=0)
    label = lambda: neo4j_store.get_node(NEW.iri).node.label  # noqa: E731
    assert app_ctx.cached("newcomer", label) == "Newcomer Added Later"
    counts = (neo4j_store.count_by_kind(), neo4j_store.count_by_type())
    with neo4j_clean.session() as session:
        session.run("MATCH (n {iri: $iri}) SET n.label = 'Newcomer Renamed'", iri=NEW.iri).consume()
    assert (neo4j_store.count_by_kind(), neo4j_store.count_by_type()) == counts
    assert app_ctx.cached("newcomer", label) == "Newcomer Renamed"
    assert app_ctx.cached("newcomer", lambda: "computed again") == "Newcomer Renamed"  # unchanged: remembered


def router_body(page: str) -> dict[str, Any]:
    return router_request(f"/{page}")


def test_a_page_layout_is_answered_from_the_cache_until_the_graph_changes() -> None:
    inner = NetworkXStore()
    inner.load(generate(120, seed=7))
    app = create_app(inner)
    client = app.server.test_client()
    first = client.post(CALLBACK, json=router_body("exports"))
    again = client.post(CALLBACK, json=router_body("exports"))
    assert first.status_code == again.status_code == 200
    assert again.data == first.data
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]  # still hardened
    nodes = sum(inner.count_by_kind().values())
    assert f"Whole graph: {nodes} nodes" in first.get_data(as_text=True)
    inner.upsert_nodes([NEW])
    after = client.post(CALLBACK, json=router_body("exports")).get_data(as_text=True)
    assert f"Whole graph: {nodes + 1} nodes" in after
    # another page is another answer
    assert client.post(CALLBACK, json=router_body("timeline")).data != first.data


def test_only_callbacks_that_follow_from_the_request_are_remembered() -> None:
    app = create_app(NetworkXStore())
    remembered = {key for key in app.callback_map if repeats(key)}
    assert len(remembered) == len(REPEATING_OUTPUTS)  # each named output is a callback of the app
    assert not any(ids.CONSOLE_MESSAGE in key or ids.EXPORTS_DOWNLOAD in key for key in remembered)
    # a refused request is never remembered: the same bad body is refused again
    client = app.server.test_client()
    bad = router_body("exports") | {"inputs": [{"id": ids.URL, "property": "pathname", "value": ["x"]}]}
    assert client.post(CALLBACK, json=bad).status_code == 400
    assert client.post(CALLBACK, json=bad).status_code == 400


def test_a_validation_with_the_parsed_vocabulary_kept_says_what_one_from_the_files_says() -> None:
    app_ctx = filled(NetworkXStore())
    graph = generate(150, seed=3)  # its commitments lack some of what the shapes ask for
    shapes, ontology = validation_graphs(app_ctx)
    kept = set(shapes)
    from_files = view_note(graph, {"Agent": 1})
    assert "SHACL violation(s) remain" in from_files
    assert view_note(graph, {"Agent": 1}, shapes, ontology) == from_files
    assert view_note(graph, {"Agent": 1}, shapes, ontology) == from_files
    assert set(shapes) == kept  # pySHACL changed a copy, never the kept graph
    assert validation_graphs(app_ctx)[0] is shapes
