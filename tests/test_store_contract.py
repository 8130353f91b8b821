"""One contract, every store: each test here runs on the embedded store and on a real Neo4j.

The ``store`` fixture of ``tests/conftest.py`` is parametrised over every
GraphStore implementation; the Neo4j case uses the real local server
(emptied before each test). The tests state the expected answers for a small
hand-built graph of the domain, and :func:`test_both_stores_answer_alike` also
compares the two stores' answers directly on a larger synthetic graph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from graph.errors import NodeNotFoundError, QueryError, StoreError, WriteNotAllowedError
from graph.model import GraphData, Node, Relationship, make_iri
from graph.neo4j_store import Neo4jStore
from graph.nx_store import NetworkXStore
from graph.schema import Kind, Prop, Rel, concept_iri
from graph.store import PATH_MAX_HOPS, GraphReader, GraphStore, GraphWriter, TextMatch, shortest_paths
from graph.synthetic import generate

# -- a small graph of the domain ------------------------------------------------

KOR = make_iri(Kind.STATE, "KOR")
USA = make_iri(Kind.STATE, "USA")
PRK = make_iri(Kind.STATE, "PRK")
SCM49 = make_iri(Kind.SCM, "SCM", 49)
SCM50 = make_iri(Kind.SCM, "SCM", 50)
TEST6 = make_iri(Kind.NUCLEAR_TEST, "prk-nuclear-test-6")
ICBM = make_iri(Kind.MISSILE_LAUNCH, "prk-icbm-2017-11")
YEONPYEONG = make_iri(Kind.ARMED_PROVOCATION, "yeonpyeong-2010")
NUKES = make_iri(Kind.THREAT, "PRK", "NuclearWeapons")
ED = concept_iri("ExtendedDeterrence")
C1 = make_iri(Kind.COMMITMENT, "doc49", 120)
C2 = make_iri(Kind.COMMITMENT, "doc50", 300)
AGR = make_iri(Kind.AGREEMENT, "mdt-1953")
DOC49 = make_iri(Kind.DOCUMENT, "sha-doc49")
M1 = make_iri(Kind.MENTION, DOC49, 120, 260)


def sample() -> GraphData:
    """States, two SCMs, three incidents, a threat, commitments and their evidence."""
    nodes = [
        Node(iri=KOR, kind=Kind.STATE, label="Republic of Korea", props={"sameAs": "http://www.wikidata.org/entity/Q884"}),
        Node(iri=USA, kind=Kind.STATE, label="United States"),
        Node(iri=PRK, kind=Kind.STATE, label="North Korea"),
        Node(iri=SCM49, kind=Kind.SCM, label="49th SCM", props={"ordinal": 49, "date": dt.date(2017, 10, 28)}),
        Node(iri=SCM50, kind=Kind.SCM, label="50th SCM", props={"ordinal": 50, "date": dt.date(2018, 10, 31)}),
        Node(iri=TEST6, kind=Kind.NUCLEAR_TEST, label="Sixth nuclear test", props={"date": dt.date(2017, 9, 3)}),
        Node(iri=ICBM, kind=Kind.MISSILE_LAUNCH, label="Hwasong-15 launch", props={"date": dt.date(2017, 11, 29)}),
        Node(iri=YEONPYEONG, kind=Kind.ARMED_PROVOCATION, label="Yeonpyeong shelling",
             props={"date": dt.date(2010, 11, 23)}),
        Node(iri=NUKES, kind=Kind.THREAT, label="North Korean nuclear programme"),
        Node(iri=ED, kind=Kind.CONCEPT, label="extended deterrence"),
        Node(iri=C1, kind=Kind.COMMITMENT, label="US extended deterrence commitment",
             props={"stance": "reaffirmed", "confidence": 0.9, "date": dt.date(2017, 10, 28)}),
        Node(iri=C2, kind=Kind.COMMITMENT, label="Strengthened extended deterrence",
             props={"stance": "strengthened", "confidence": 0.75, "date": dt.date(2018, 10, 31)}),
        Node(iri=AGR, kind=Kind.AGREEMENT, label="Mutual Defense Treaty", props={"date": dt.date(1953, 10, 1)}),
        Node(iri=DOC49, kind=Kind.DOCUMENT, label="Joint Communique of the 49th SCM",
             props={"date": dt.date(2017, 10, 28), "docKind": "communique"}),
        Node(iri=M1, kind=Kind.MENTION, label="mention 120-260",
             props={"text": "The US reaffirmed its commitment to provide extended deterrence.", "charStart": 120,
                    "charEnd": 260}),
    ]
    rels = [
        Relationship(type=Rel.PARTICIPANT, source=SCM49, target=KOR),
        Relationship(type=Rel.PARTICIPANT, source=SCM49, target=USA),
        Relationship(type=Rel.PARTICIPANT, source=SCM50, target=KOR),
        Relationship(type=Rel.PARTICIPANT, source=SCM50, target=USA),
        Relationship(type=Rel.PERPETRATOR, source=TEST6, target=PRK),
        Relationship(type=Rel.PERPETRATOR, source=ICBM, target=PRK),
        Relationship(type=Rel.PERPETRATOR, source=YEONPYEONG, target=PRK),
        Relationship(type=Rel.MANIFESTS, source=TEST6, target=NUKES),
        Relationship(type=Rel.POSED_BY, source=NUKES, target=PRK),
        Relationship(type=Rel.MADE_AT, source=C1, target=SCM49),
        Relationship(type=Rel.MADE_AT, source=C2, target=SCM50),
        Relationship(type=Rel.MADE_AT, source=AGR, target=SCM49),
        Relationship(type=Rel.COMMITTED_BY, source=C1, target=USA),
        Relationship(type=Rel.COMMITMENT_TYPE, source=C1, target=ED, props={"confidence": 0.8}),
        Relationship(type=Rel.RESPONDS_TO, source=C1, target=TEST6),
        Relationship(type=Rel.REAFFIRMS, source=C2, target=C1),
        Relationship(type=Rel.ISSUED_AT, source=DOC49, target=SCM49),
        Relationship(type=Rel.EVIDENCE, source=C1, target=M1),
        Relationship(type=Rel.WAS_DERIVED_FROM, source=M1, target=DOC49),
    ]
    return GraphData(nodes=nodes, relationships=rels)


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    store.load(sample())
    return store


def iris(nodes: list[Node]) -> list[str]:
    return [n.iri for n in nodes]


# -- loading ----------------------------------------------------------------------


def test_load_is_idempotent(store: GraphStore) -> None:
    data = sample()
    store.load(data)
    first = (store.count_by_kind(), store.count_by_type())
    store.load(data)
    store.load(sample())
    assert (store.count_by_kind(), store.count_by_type()) == first
    assert sum(first[0].values()) == len(data.nodes)
    assert sum(first[1].values()) == len(data.relationships)


def test_dump_returns_what_was_loaded(loaded: GraphStore) -> None:
    data = sample()
    dumped = loaded.dump()
    assert dumped.nodes == sorted(data.nodes, key=lambda n: n.iri)
    assert dumped.relationships == sorted(data.relationships, key=lambda r: r.key)


def test_upsert_keeps_unnamed_properties_and_updates_named_ones(loaded: GraphStore) -> None:
    loaded.upsert_nodes([Node(iri=C1, kind=Kind.COMMITMENT, label="renamed", props={"confidence": 0.5})])
    node = loaded.get_node(C1).node
    assert node.label == "renamed"
    assert node.props["confidence"] == 0.5
    assert node.props["stance"] == "reaffirmed"
    loaded.upsert_relationships([Relationship(type=Rel.COMMITMENT_TYPE, source=C1, target=ED, props={"x": 1})])
    (rel,) = loaded.relationships(types=[Rel.COMMITMENT_TYPE])
    assert rel.props == {"confidence": 0.8, "x": 1}


HOSTILE_TEXT = 'quotes " and \' and back\\slash \\n not a newline\nreal newline\ttab {"json": true} $param // x /* y */'


@pytest.mark.parametrize(
    "props",
    [
        {"date": dt.date(1968, 5, 27), "endDate": dt.date(2024, 2, 29)},
        {"ordinal": 56, "big": 2**53 + 1, "negative": -7, "zero": 0},
        {"confidence": 0.1, "whole": 1.0, "tiny": 1e-300, "negative": -2.5},
        {"estimated": True, "flag": False},
        {"altLabels": ["ROK", "South Korea", "대한민국"], "ints": [3, 1, 2], "floats": [0.5, 1.0, 2.25]},
        {"text": HOSTILE_TEXT, "korean": "대한민국 국방부", "emoji": "🚀 launch ✔", "rtl": "كوريا"},
        {"text": "long " + "x" * 200_000 + " end"},
    ],
    ids=["dates", "ints", "floats", "bools", "lists", "unicode-quotes", "very-long-text"],
)
def test_property_types_round_trip_exactly(store: GraphStore, props: dict[str, Any]) -> None:
    iri = make_iri(Kind.DOCUMENT, "round-trip")
    store.upsert_nodes([Node(iri=iri, kind=Kind.DOCUMENT, label=HOSTILE_TEXT, props=props)])
    store.upsert_nodes([Node(iri=KOR, kind=Kind.STATE, label="Korea")])
    store.upsert_relationships([Relationship(type=Rel.MENTIONS, source=iri, target=KOR, props=props)])
    node = store.get_node(iri).node
    assert node.label == HOSTILE_TEXT
    assert node.props == props
    assert {k: type(v) for k, v in node.props.items()} == {k: type(v) for k, v in props.items()}
    for key, value in props.items():
        if isinstance(value, list):
            assert [type(v) for v in node.props[key]] == [type(v) for v in value]
    (rel,) = store.relationships()
    assert rel.props == props
    assert {k: type(v) for k, v in rel.props.items()} == {k: type(v) for k, v in props.items()}


def test_relationship_to_missing_node_is_an_error(loaded: GraphStore) -> None:
    ghost = make_iri(Kind.STATE, "nowhere")
    with pytest.raises(StoreError, match="nowhere"):
        loaded.upsert_relationships([Relationship(type=Rel.PERPETRATOR, source=TEST6, target=ghost)])
    assert not loaded.has_node(ghost)
    assert loaded.count_by_type()[Rel.PERPETRATOR.value] == 3


def test_fifty_thousand_relationships_load(store: GraphStore) -> None:
    hub_count = 500
    nodes = [
        Node(iri=make_iri(Kind.COMMITMENT, "bulk", i), kind=Kind.COMMITMENT, label=f"c{i}") for i in range(hub_count)
    ]
    nodes += [Node(iri=make_iri(Kind.MENTION, "bulk", i), kind=Kind.MENTION, label=f"m{i}") for i in range(100)]
    rels = [
        Relationship(type=Rel.EVIDENCE, source=nodes[i].iri, target=nodes[hub_count + j].iri, props={"n": i * 100 + j})
        for i in range(hub_count)
        for j in range(100)
    ]
    assert len(rels) == 50_000
    report = store.load(GraphData(nodes=nodes, relationships=rels), batch_size=5000)
    assert report.relationships == 50_000
    assert store.count_by_type() == {Rel.EVIDENCE.value: 50_000}
    assert sum(store.count_by_kind().values()) == 600


# -- reading ----------------------------------------------------------------------


def test_get_node_with_evidence_and_degree(loaded: GraphStore) -> None:
    detail = loaded.get_node(C1)
    assert detail.node.label == "US extended deterrence commitment"
    assert detail.degree == 6  # MADE_AT, COMMITTED_BY, COMMITMENT_TYPE, RESPONDS_TO, EVIDENCE out; REAFFIRMS in
    assert [e.mention.iri for e in detail.evidence] == [M1]
    assert detail.evidence[0].document is not None
    assert detail.evidence[0].document.iri == DOC49
    assert detail.evidence[0].mention.props["charStart"] == 120
    assert loaded.get_node(KOR).evidence == []


def test_missing_node_is_reported(loaded: GraphStore) -> None:
    ghost = make_iri(Kind.STATE, "atlantis")
    assert not loaded.has_node(ghost)
    assert loaded.has_node(KOR)
    with pytest.raises(NodeNotFoundError):
        loaded.get_node(ghost)
    with pytest.raises(NodeNotFoundError):
        loaded.neighbours(ghost)


def test_neighbours_one_and_two_hops(loaded: GraphStore) -> None:
    one = loaded.neighbours(PRK)
    assert iris(one.nodes) == sorted([PRK, TEST6, ICBM, YEONPYEONG, NUKES])
    assert {r.key for r in one.relationships} == {
        (TEST6, "PERPETRATOR", PRK), (ICBM, "PERPETRATOR", PRK), (YEONPYEONG, "PERPETRATOR", PRK),
        (NUKES, "POSED_BY", PRK), (TEST6, "MANIFESTS", NUKES),
    }
    two = loaded.neighbours(PRK, hops=2)
    assert iris(two.nodes) == sorted([PRK, TEST6, ICBM, YEONPYEONG, NUKES, C1])


def test_neighbours_filters(loaded: GraphStore) -> None:
    by_kind = loaded.neighbours(PRK, kinds=[Kind.INCIDENT])
    assert iris(by_kind.nodes) == sorted([PRK, TEST6, ICBM, YEONPYEONG])
    by_type = loaded.neighbours(PRK, hops=2, rel_types=[Rel.POSED_BY, Rel.MANIFESTS])
    assert iris(by_type.nodes) == sorted([PRK, NUKES, TEST6])
    assert {r.type for r in by_type.relationships} == {Rel.POSED_BY, Rel.MANIFESTS}
    in_2017 = loaded.neighbours(PRK, start=dt.date(2017, 1, 1), end=dt.date(2017, 12, 31))
    assert iris(in_2017.nodes) == sorted([PRK, TEST6, ICBM, NUKES])  # the undated threat passes
    nothing_after = loaded.neighbours(C2, hops=3, start=dt.date(2018, 1, 1))
    assert iris(nothing_after.nodes) == sorted([C2, SCM50, KOR, USA])  # SCM49 and C1 are dated 2017
    limited = loaded.neighbours(PRK, hops=2, limit=3)
    assert len(limited.nodes) == 3
    assert PRK in iris(limited.nodes)
    assert C1 not in iris(limited.nodes)  # two hops away: nearer nodes come first


def test_neighbours_limit_keeps_the_nearest_then_by_iri(loaded: GraphStore) -> None:
    ranked = [PRK, *sorted([TEST6, ICBM, YEONPYEONG, NUKES]), C1]  # by distance, then IRI
    for limit in range(1, len(ranked) + 2):
        got = loaded.neighbours(PRK, hops=2, limit=limit)
        assert iris(got.nodes) == sorted(ranked[:limit]), limit
        kept = set(ranked[:limit])
        assert all(r.source in kept and r.target in kept for r in got.relationships)
    assert iris(loaded.neighbours(PRK, hops=2, limit=0).nodes) == [PRK]  # the start node always


def test_link_counts_per_type_and_direction(loaded: GraphStore) -> None:
    assert loaded.link_counts(SCM49) == {
        ("PARTICIPANT", True): 2, ("MADE_AT", False): 2, ("ISSUED_AT", False): 1,
    }
    assert loaded.link_counts(C1) == {
        ("MADE_AT", True): 1, ("COMMITTED_BY", True): 1, ("COMMITMENT_TYPE", True): 1, ("RESPONDS_TO", True): 1,
        ("EVIDENCE", True): 1, ("REAFFIRMS", False): 1,
    }
    assert sum(loaded.link_counts(PRK).values()) == loaded.get_node(PRK).degree
    with pytest.raises(NodeNotFoundError):
        loaded.link_counts("urn:nothing")


def test_linked_pages_by_iri(loaded: GraphStore) -> None:
    perpetrated = sorted([TEST6, ICBM, YEONPYEONG])
    assert iris(loaded.linked(PRK, Rel.PERPETRATOR, outgoing=False)) == perpetrated
    pages = [iris(loaded.linked(PRK, Rel.PERPETRATOR, False, offset=o, limit=2)) for o in (0, 2, 4)]
    assert pages == [perpetrated[:2], perpetrated[2:], []]
    assert loaded.linked(PRK, Rel.PERPETRATOR, outgoing=True) == []  # PRK perpetrates nothing itself
    assert iris(loaded.linked(C1, "MADE_AT", outgoing=True)) == [SCM49]
    assert loaded.linked(C1, Rel.MADE_AT, True)[0] == loaded.get_node(SCM49).node  # whole nodes, props and all
    with pytest.raises(NodeNotFoundError):
        loaded.linked("urn:nothing", Rel.MADE_AT, True)


def test_linked_pages_read_every_group_at_once_as_linked_does(loaded: GraphStore) -> None:
    """The details panel's one read: each page is what :meth:`linked` gives for it, the bounds clamped alike."""
    asked = [(Rel.PERPETRATOR, False, 1, 5), ("PARTICIPANT", True, 0, 1), (Rel.MADE_AT, False, -3, 2)]
    got = loaded.linked_pages(PRK, asked)
    assert iris(got[("PERPETRATOR", False)]) == sorted([TEST6, ICBM, YEONPYEONG])[1:]
    assert got == {(Rel(t).value, out): loaded.linked(PRK, t, out, o, n) for t, out, o, n in asked}
    assert got[("MADE_AT", False)] == []  # a type the node has no link of: an empty page, not a missing one
    assert loaded.linked_pages(SCM49, [(Rel.MADE_AT, False, 0, 10_000)])[("MADE_AT", False)] == loaded.linked(
        SCM49, Rel.MADE_AT, False
    )
    assert loaded.linked_pages(SCM49, []) == {}
    for pages in ([(Rel.MADE_AT, True, 0, 5)], []):
        with pytest.raises(NodeNotFoundError):
            loaded.linked_pages("urn:nothing", pages)


def test_paths_are_the_shortest_with_the_links_on_them(loaded: GraphStore) -> None:
    found = loaded.paths(PRK, SCM49)
    assert found.paths == [(PRK, TEST6, C1, SCM49)]
    assert found.hops == 3
    assert iris(found.graph.nodes) == sorted([PRK, TEST6, C1, SCM49])
    assert {r.key for r in found.graph.relationships} == {
        (TEST6, "PERPETRATOR", PRK), (C1, "RESPONDS_TO", TEST6), (C1, "MADE_AT", SCM49),
    }
    assert not found.stopped
    # two shortest paths of two hops, sorted; the longer one through C2 is not listed
    assert loaded.paths(KOR, USA).paths == sorted([(KOR, SCM49, USA), (KOR, SCM50, USA)])
    assert loaded.paths(M1, SCM49).paths == sorted([(M1, C1, SCM49), (M1, DOC49, SCM49)])
    assert loaded.paths(KOR, USA, limit=1).paths == [(KOR, SCM49, USA)]
    assert loaded.paths(KOR, KOR).paths == [(KOR,)]


def test_paths_bounded_filtered_and_unknown(loaded: GraphStore) -> None:
    none = loaded.paths(PRK, SCM49, max_hops=2)
    assert none.paths == [] and none.hops is None and not none.stopped
    assert none.graph.nodes == [] and none.max_hops == 2
    assert loaded.paths(PRK, SCM49, max_hops=99).max_hops == PATH_MAX_HOPS
    # the ends pass whatever their kind; nodes on the way pass the kind and time filters
    assert loaded.paths(PRK, SCM49, kinds=[Kind.EVENT, Kind.COMMITMENT]).paths == [(PRK, TEST6, C1, SCM49)]
    assert loaded.paths(PRK, SCM49, kinds=[Kind.STATE, Kind.EVENT]).paths == []
    assert loaded.paths(KOR, USA, start=dt.date(2018, 1, 1)).paths == [(KOR, SCM50, USA)]
    with pytest.raises(NodeNotFoundError):
        loaded.paths(PRK, make_iri(Kind.STATE, "XXX"))
    with pytest.raises(NodeNotFoundError):
        loaded.paths(make_iri(Kind.STATE, "XXX"), PRK)


def test_path_search_stops_at_its_bound_on_work() -> None:
    """A chain of 100 nodes with 50 leaves each: the search gives up after ``max_visits`` and says so."""

    def step(frontier: list[str], room: int) -> list[tuple[str, str]]:
        out = []
        for node in frontier:
            if node.startswith("c"):
                i = int(node[1:])
                out += [(node, f"c{j}") for j in (i - 1, i + 1) if 0 <= j < 100]
                out += [(node, f"l{i}-{k}") for k in range(50)]
        return out

    assert shortest_paths(step, "c0", "c5") == ([("c0", "c1", "c2", "c3", "c4", "c5")], False)
    assert shortest_paths(step, "c0", "c5", max_hops=4) == ([], False)
    assert shortest_paths(step, "c0", "c6", max_visits=100) == ([], True)


def test_one_hub_cannot_make_a_path_step_read_past_the_bound() -> None:
    """A hub with a million neighbours: the search stops reading them once the bound is reached."""
    read: list[int] = []

    def step(frontier: list[str], room: int) -> Iterator[tuple[str, str]]:
        for node in frontier:
            if node == "hub":
                for k in range(1_000_000):
                    read.append(k)
                    yield node, f"leaf{k}"
            elif node == "end":
                yield node, "near-end"

    assert shortest_paths(step, "hub", "end", max_visits=500) == ([], True)
    assert len(read) <= 500


def test_subgraph_window_kinds_and_limit(loaded: GraphStore) -> None:
    window = loaded.subgraph(start=dt.date(2017, 9, 1), end=dt.date(2017, 10, 31), kinds=[Kind.EVENT, Kind.COMMITMENT])
    assert iris(window.nodes) == sorted([TEST6, SCM49, C1])
    assert {r.key for r in window.relationships} == {(C1, "MADE_AT", SCM49), (C1, "RESPONDS_TO", TEST6)}
    top = loaded.subgraph(limit=2)
    assert iris(top.nodes) == sorted([C1, SCM49])  # degrees 6 and 5
    assert iris(loaded.subgraph(kinds=[Kind.STATE], limit=2).nodes) == sorted([PRK, USA])  # degrees 4, 3 (KOR 2)
    assert [loaded.get_node(i).degree for i in (C1, SCM49, PRK, USA, KOR)] == [6, 5, 4, 3, 2]


def test_nodes_relationships_and_counts(loaded: GraphStore) -> None:
    assert iris(loaded.nodes(kinds=[Kind.STATE])) == sorted([KOR, USA, PRK])
    commitments = loaded.nodes(kinds=[Kind.COMMITMENT])
    assert iris(commitments) == sorted([C1, C2, AGR])  # subclasses included
    assert iris(loaded.nodes(kinds=[Kind.STATE], limit=2, offset=1)) == sorted([KOR, USA, PRK])[1:3]
    assert len(loaded.nodes()) == 15
    made_at = loaded.relationships(types=[Rel.MADE_AT])
    assert [r.key for r in made_at] == sorted([(C1, "MADE_AT", SCM49), (C2, "MADE_AT", SCM50), (AGR, "MADE_AT", SCM49)])
    assert len(loaded.relationships(limit=4)) == 4
    assert loaded.count_by_kind() == {
        "State": 3, "SecurityConsultativeMeeting": 2, "NuclearTest": 1, "MissileLaunch": 1, "ArmedProvocation": 1,
        "Threat": 1, "Concept": 1, "Commitment": 2, "Agreement": 1, "Document": 1, "Mention": 1,
    }
    assert loaded.count_by_type()["PARTICIPANT"] == 4
    assert sum(loaded.count_by_type().values()) == 19


def test_projection_reads_plain_tuples(loaded: GraphStore) -> None:
    got = loaded.projection([Kind.COMMITMENT, Kind.MEETING], [Prop.DATE, Prop.STANCE, Prop.ORDINAL], [Rel.MADE_AT])
    assert got.props == ("date", "stance", "ordinal")
    assert got.nodes == sorted([
        (C1, "Commitment", "US extended deterrence commitment", (dt.date(2017, 10, 28), "reaffirmed", None)),
        (C2, "Commitment", "Strengthened extended deterrence", (dt.date(2018, 10, 31), "strengthened", None)),
        (AGR, "Agreement", "Mutual Defense Treaty", (dt.date(1953, 10, 1), None, None)),  # a subclass
        (SCM49, "SecurityConsultativeMeeting", "49th SCM", (dt.date(2017, 10, 28), None, 49)),
        (SCM50, "SecurityConsultativeMeeting", "50th SCM", (dt.date(2018, 10, 31), None, 50)),
    ])
    assert all(type(n[3][0]) is dt.date for n in got.nodes)  # plain dates, not driver or store types
    assert got.relationships == sorted([(C1, "MADE_AT", SCM49), (C2, "MADE_AT", SCM50), (AGR, "MADE_AT", SCM49)])


def test_projection_agrees_with_nodes_and_relationships(loaded: GraphStore) -> None:
    kinds = [Kind.INCIDENT, Kind.ACTOR, Kind.THREAT, Kind.MENTION]
    props = [Prop.DATE, Prop.CHAR_START, Prop.TEXT, Prop.SAME_AS, Prop.CONFIDENCE]
    types = [Rel.PERPETRATOR, Rel.EVIDENCE, Rel.COMMITMENT_TYPE]
    # the interface's default, built from nodes() and relationships(), is the reference
    assert loaded.projection(kinds, props, types) == GraphStore.projection(loaded, kinds, props, types)
    everything = loaded.projection(None, [Prop.DATE], None)
    assert everything == GraphStore.projection(loaded, None, [Prop.DATE], None)
    assert len(everything.nodes) == 15 and len(everything.relationships) == 19
    empty = loaded.projection([], [], [])
    assert empty.nodes == [] and empty.relationships == [] and empty.props == ()


def test_evidence_of_many_nodes_matches_get_node(loaded: GraphStore) -> None:
    got = loaded.evidence_of([C1, C2, KOR, C1, "https://example.org/no-such-node"])
    assert list(got) == [C1, C2, KOR, "https://example.org/no-such-node"]  # each IRI once, in the order asked
    assert [(e.mention.iri, e.document.iri if e.document else None) for e in got[C1]] == [(M1, DOC49)]
    assert got[C1] == loaded.get_node(C1).evidence
    assert got[C1][0].mention.props["charStart"] == 120
    assert got[C2] == [] and got[KOR] == [] and got["https://example.org/no-such-node"] == []
    assert loaded.evidence_of([]) == {}


def test_projection_refuses_names_outside_the_schema(loaded: GraphStore) -> None:
    with pytest.raises(ValueError, match="iri}"):
        loaded.projection(None, ["iri} RETURN 1 //"], None)
    with pytest.raises(ValueError):
        loaded.projection(None, [Prop.DATE], ["MADE_AT|EVIDENCE"])
    with pytest.raises(ValueError):
        loaded.projection(["Commitment` OR true //"], [Prop.DATE], None)


def test_incidents_between(loaded: GraphStore) -> None:
    assert iris(loaded.incidents_between(dt.date(2017, 1, 1), dt.date(2017, 12, 31))) == [TEST6, ICBM]
    assert iris(loaded.incidents_between(None, dt.date(2017, 9, 3))) == [YEONPYEONG, TEST6]
    assert iris(loaded.incidents_between(None, None)) == [YEONPYEONG, TEST6, ICBM]


def test_search_ranks_exact_then_prefix(loaded: GraphStore) -> None:
    found = loaded.search("north korea")
    assert iris(found) == [PRK, NUKES]  # exact label first, then prefix
    assert iris(loaded.search("KOREA")) == [PRK, NUKES, KOR]
    assert iris(loaded.search("korea", kinds=[Kind.THREAT])) == [NUKES]
    assert loaded.search("no such label") == []
    assert len(loaded.search("e", limit=3)) == 3


def found(matches: list[TextMatch]) -> list[tuple[str, str, str]]:
    return [(m.field, m.node.iri, m.text) for m in matches]


def test_find_text_by_name_alias_date_and_evidence(loaded: GraphStore) -> None:
    alias = {"altLabels": ["DPRK", "Pyongyang"]}
    loaded.upsert_nodes([Node(iri=PRK, kind=Kind.STATE, label="North Korea", props=alias)])
    # a month finds what happened in it (same day: by IRI); a day and a year too
    october = sorted([SCM49, C1, DOC49])
    assert found(loaded.find_text("2017-10")) == [("date", iri, "2017-10-28") for iri in october]
    assert found(loaded.find_text("2017-09")) == [("date", TEST6, "2017-09-03")]
    assert found(loaded.find_text("2017-09-03")) == [("date", TEST6, "2017-09-03")]
    assert [m.node.iri for m in loaded.find_text("2017")] == [TEST6, *october, ICBM]
    # a phrase of the evidence finds the node the mention evidences, never the mention
    sentence = "The US reaffirmed its commitment to provide extended deterrence."
    assert found(loaded.find_text("Provide Extended")) == [("evidence", C1, sentence)]
    # an alias, in any case
    assert found(loaded.find_text("dprk")) == [("alias", PRK, "DPRK")]
    # names: exact, then prefix, then by label; a node is listed once, for its first field
    assert found(loaded.find_text("extended deterrence")) == [
        ("name", ED, "extended deterrence"),
        ("name", C2, "Strengthened extended deterrence"),
        ("name", C1, "US extended deterrence commitment"),
    ]
    assert loaded.find_text("   ") == []
    assert loaded.find_text("no such words anywhere") == []


def test_find_text_sees_every_write(loaded: GraphStore) -> None:
    """What a search reads is never older than the graph (the embedded store keeps its texts per revision)."""
    assert loaded.find_text("quokka") == []
    loaded.upsert_nodes([Node(iri=PRK, kind=Kind.STATE, label="North Korea", props={"altLabels": ["Quokka land"]})])
    assert found(loaded.find_text("quokka")) == [("alias", PRK, "Quokka land")]
    loaded.upsert_nodes([Node(iri=KOR, kind=Kind.STATE, label="Quokka Republic")])
    assert found(loaded.find_text("quokka")) == [("name", KOR, "Quokka Republic"), ("alias", PRK, "Quokka land")]
    loaded.delete_nodes([KOR])
    assert found(loaded.find_text("quokka")) == [("alias", PRK, "Quokka land")]


def test_find_text_limits_each_field(loaded: GraphStore) -> None:
    everything = loaded.find_text("e", limit=100)
    assert len({m.node.iri for m in everything}) == len(everything)
    assert all(m.node.kind != Kind.MENTION for m in everything)
    names = [m for m in everything if m.field == "name"]
    assert len(names) > 2
    two = loaded.find_text("e", limit=2)
    sentence = "The US reaffirmed its commitment to provide extended deterrence."
    # two names; the commitment named third is then listed for its evidence
    assert C1 not in [m.node.iri for m in names[:2]]
    assert found(two) == [*found(names[:2]), ("evidence", C1, sentence)]
    dated = loaded.find_text("2017", limit=2)
    assert [m.node.iri for m in dated] == [TEST6, sorted([SCM49, C1, DOC49])[0]]


def test_every_store_is_a_reader_and_a_writer(store: GraphStore) -> None:
    assert isinstance(store, GraphReader) and isinstance(store, GraphWriter)


def test_revision_changes_with_every_write_or_is_unknown(store: GraphStore) -> None:
    seen = [store.revision]
    store.upsert_nodes([Node(iri=KOR, kind=Kind.STATE, label="Korea"), Node(iri=PRK, kind=Kind.STATE, label="DPRK")])
    seen.append(store.revision)
    store.upsert_relationships([Relationship(type=Rel.POSED_BY, source=PRK, target=KOR)])
    seen.append(store.revision)
    store.get_node(KOR), store.count_by_kind(), store.projection(None, [Prop.DATE], None)  # reads change nothing
    assert store.revision == seen[-1]
    store.delete_nodes([PRK])
    seen.append(store.revision)
    store.clear()
    seen.append(store.revision)
    # an int that differs after every write, or None ("cannot tell": compare the counts)
    assert all(r is None for r in seen) or (all(isinstance(r, int) for r in seen) and len(set(seen)) == len(seen))


def test_save_makes_the_writes_durable_or_has_nothing_to_do(loaded: GraphStore) -> None:
    saved = loaded.save()  # the embedded store of the fixture has a file
    if saved is None:
        assert loaded.name == "neo4j"  # every write was committed already
    else:
        assert NetworkXStore.load_file(saved).dump() == loaded.dump()


def test_delete_and_clear(loaded: GraphStore) -> None:
    assert loaded.delete_nodes([TEST6, TEST6, make_iri(Kind.STATE, "ghost")]) == 1
    assert not loaded.has_node(TEST6)
    assert loaded.count_by_type()["PERPETRATOR"] == 2
    assert "MANIFESTS" not in loaded.count_by_type()
    assert loaded.get_node(PRK).degree == 3
    loaded.clear()
    assert loaded.count_by_kind() == {}
    assert loaded.count_by_type() == {}
    assert loaded.nodes() == []


# -- analysts ----------------------------------------------------------------------


def test_run_cypher_read_query(loaded: GraphStore) -> None:
    result = loaded.run_cypher(
        "MATCH (i:Incident)-[r:PERPETRATOR]->(s:State) WHERE s.iri = $who RETURN i.label AS incident, s "
        "ORDER BY incident",
        {"who": PRK},
    )
    assert result.columns == ["incident", "s"]
    assert [row[0] for row in result.rows] == ["Hwasong-15 launch", "Sixth nuclear test", "Yeonpyeong shelling"]
    assert result.rows[0][1]["iri"] == PRK
    assert not result.truncated
    assert PRK in iris(result.graph.nodes)


def test_run_cypher_relationships_and_dates(loaded: GraphStore) -> None:
    result = loaded.run_cypher("MATCH (c:Commitment)-[r:MADE_AT]->(m:Meeting) WHERE m.ordinal = 49 RETURN c, r, m.date")
    assert sorted(row[0]["iri"] for row in result.rows) == sorted([C1, AGR])
    assert all(row[2] == dt.date(2017, 10, 28) for row in result.rows)
    assert {(r["source"], r["type"], r["target"]) for r in (row[1] for row in result.rows)} == {
        (C1, "MADE_AT", SCM49), (AGR, "MADE_AT", SCM49)
    }
    assert {r.key for r in result.graph.relationships} == {(C1, "MADE_AT", SCM49), (AGR, "MADE_AT", SCM49)}


def test_run_cypher_string_parameter_cannot_break_out(loaded: GraphStore) -> None:
    hostile = 'x" OR 1=1 //'
    result = loaded.run_cypher("MATCH (n) WHERE n.label = $name RETURN n.iri", {"name": hostile})
    assert result.rows == []
    quoted = loaded.run_cypher("MATCH (n) WHERE n.label = $name RETURN n.iri", {"name": "Republic of Korea"})
    assert quoted.rows == [[KOR]]


def test_run_cypher_refuses_writes(loaded: GraphStore) -> None:
    for query in (
        "CREATE (n:State {iri: 'x'})",
        "MATCH (n) DETACH DELETE n",
        "MATCH (n:State) SET n.label = 'changed'",
        "MERGE (n:State {iri: 'y'}) RETURN n",
    ):
        with pytest.raises(WriteNotAllowedError):
            loaded.run_cypher(query)
    assert loaded.get_node(KOR).node.label == "Republic of Korea"
    assert sum(loaded.count_by_kind().values()) == 15


def test_run_cypher_syntax_error(loaded: GraphStore) -> None:
    with pytest.raises(QueryError):
        loaded.run_cypher("MATCH (n RETURN n")


def test_run_cypher_row_limit(loaded: GraphStore) -> None:
    result = loaded.run_cypher("MATCH (n:State) RETURN n.iri ORDER BY n.iri", limit=2)
    assert result.truncated
    assert result.rows == [[iri] for iri in sorted([KOR, USA, PRK])[:2]]
    full = loaded.run_cypher("MATCH (n:State) RETURN n.iri", limit=3)
    assert not full.truncated
    assert len(full.rows) == 3


# -- the two stores, side by side -------------------------------------------------------


def test_both_stores_answer_alike(neo4j_store: Neo4jStore) -> None:
    graph = generate(3000, seed=7)
    embedded = NetworkXStore()
    embedded.load(graph)
    neo = neo4j_store
    neo.load(graph, batch_size=2000)
    assert neo.count_by_kind() == embedded.count_by_kind()
    assert neo.count_by_type() == embedded.count_by_type()
    assert neo.dump() == embedded.dump()
    top = embedded.subgraph(limit=40).nodes
    assert neo.subgraph(limit=40) == embedded.subgraph(limit=40)
    hubs = sorted((n.iri for n in top), key=lambda i: (-embedded.get_node(i).degree, i))[::8]
    window = (dt.date(1995, 1, 1), dt.date(2010, 12, 31))
    for hub in hubs:
        assert neo.neighbours(hub) == embedded.neighbours(hub)
        assert neo.neighbours(hub, hops=2, start=window[0], end=window[1]) == embedded.neighbours(
            hub, hops=2, start=window[0], end=window[1]
        )
        assert neo.neighbours(hub, hops=2, kinds=[Kind.EVENT, Kind.ACTOR], limit=25) == embedded.neighbours(
            hub, hops=2, kinds=[Kind.EVENT, Kind.ACTOR], limit=25
        )
        assert neo.get_node(hub) == embedded.get_node(hub)
        counts = embedded.link_counts(hub)
        assert neo.link_counts(hub) == counts
        for rel_type, outgoing in sorted(counts)[:3]:
            assert neo.linked(hub, rel_type, outgoing, offset=3, limit=7) == embedded.linked(
                hub, rel_type, outgoing, offset=3, limit=7
            )
        pages = [(t, out, 2, 9) for t, out in sorted(counts)]
        assert neo.linked_pages(hub, pages) == embedded.linked_pages(hub, pages)
    assert neo.subgraph(*window, kinds=[Kind.INCIDENT, Kind.COMMITMENT]) == embedded.subgraph(
        *window, kinds=[Kind.INCIDENT, Kind.COMMITMENT]
    )
    assert neo.subgraph(limit=100) == embedded.subgraph(limit=100)
    assert neo.incidents_between(*window) == embedded.incidents_between(*window)
    assert neo.search("nuclear", limit=50) == embedded.search("nuclear", limit=50)
    assert neo.nodes(kinds=[Kind.INCIDENT], limit=30, offset=10) == embedded.nodes(
        kinds=[Kind.INCIDENT], limit=30, offset=10
    )
    assert neo.relationships(types=[Rel.RESPONDS_TO]) == embedded.relationships(types=[Rel.RESPONDS_TO])
    view_kinds = [Kind.MEETING, Kind.INCIDENT, Kind.THREAT, Kind.CONCEPT, Kind.ACTOR, Kind.COMMITMENT]
    view_props = [Prop.DATE, Prop.ORDINAL, Prop.ALT_LABELS, Prop.ESTIMATED, Prop.CONFIDENCE, Prop.CUES, Prop.SERIES]
    view_types = [Rel.MADE_AT, Rel.COMMITMENT_TYPE, Rel.COMMITTED_BY, Rel.RESPONDS_TO, Rel.ISSUED_AT]
    projected = neo.projection(view_kinds, view_props, view_types)
    assert projected == embedded.projection(view_kinds, view_props, view_types)
    assert projected.nodes and projected.relationships
    with_evidence = [c.iri for c in embedded.nodes(kinds=[Kind.COMMITMENT], limit=200)]
    assert neo.evidence_of(with_evidence) == embedded.evidence_of(with_evidence)
    assert any(neo.evidence_of(with_evidence).values())
    ends = [n.iri for n in embedded.nodes(kinds=[Kind.INCIDENT], limit=40)[::10]] + hubs[:2]
    for a, b in zip(ends, reversed(ends), strict=True):
        assert neo.paths(a, b) == embedded.paths(a, b)
        assert neo.paths(a, b, kinds=[Kind.EVENT, Kind.COMMITMENT], max_hops=5) == embedded.paths(
            a, b, kinds=[Kind.EVENT, Kind.COMMITMENT], max_hops=5
        )
    label_date = [Prop.LABEL, Prop.DATE]
    assert neo.projection(None, label_date, None) == embedded.projection(None, label_date, None)
    params = {"prk": make_iri(Kind.STATE, "PRK"), "since": dt.date(2000, 1, 1), "kinds": ["NuclearTest", "Crisis"]}
    for query in ANALYST_QUERIES:
        neo_rows = neo.run_cypher(query, params, limit=10_000)
        embedded_rows = embedded.run_cypher(query, params, limit=10_000)
        assert neo_rows.columns == embedded_rows.columns, query
        assert neo_rows.rows == embedded_rows.rows, query
        assert neo_rows.rows, query


ANALYST_QUERIES = [
    "MATCH (c:Commitment)-[:RESPONDS_TO]->(i:NuclearTest) RETURN c.iri, i.iri ORDER BY c.iri, i.iri",
    "MATCH (b)-[r:PERPETRATOR]->(a {iri: $prk}) RETURN b.iri ORDER BY b.iri",
    "MATCH (a:State)<-[:PERPETRATOR]-(b) WHERE a.iri = $prk RETURN b.iri, b.date ORDER BY b.iri",
    "MATCH (i:Incident) WHERE i.date >= $since AND i.kind IN $kinds RETURN i.iri ORDER BY i.iri",
    "MATCH (i:Incident) WHERE i.date < date('1990-01-01') OR i.kind = 'Crisis' RETURN i.iri ORDER BY i.iri",
    "MATCH (i:Incident) WHERE NOT i.kind = 'Crisis' AND i.estimated = true RETURN i.iri ORDER BY i.iri",
    "MATCH (i:Incident) WHERE toLower(i.label) CONTAINS 'nuclear' RETURN i.iri ORDER BY i.iri",
    "MATCH (c:Commitment) WHERE c.confidence > 0.9 RETURN c.iri, c.confidence "
    "ORDER BY c.confidence DESC, c.iri LIMIT 7",
    "MATCH (c:Commitment) RETURN c.stance, count(c) AS n ORDER BY c.stance",
    "MATCH (c:Commitment) RETURN count(*) AS n",
    "MATCH (c:Commitment) RETURN c.iri ORDER BY c.iri SKIP 5 LIMIT 5",
    "MATCH (c:Commitment)-[:MADE_AT]->(m:SecurityConsultativeMeeting) RETURN m.ordinal, count(c) AS n "
    "ORDER BY m.ordinal",
    "MATCH (c:Commitment)-[r]->(t:Concept) RETURN type(r) AS rt, t.label, count(c) AS n ORDER BY t.label",
    "MATCH (i:NuclearTest|Crisis) RETURN i.kind, count(i) AS n ORDER BY i.kind",
    "MATCH (c:Commitment)-[:REAFFIRMS*2]->(b) RETURN c.iri, b.iri ORDER BY c.iri, b.iri",
    "MATCH (n:Mention) RETURN max(n.charEnd) AS hi, min(n.charStart) AS lo",
    "MATCH (n:Meeting) RETURN n.iri, n.date ORDER BY n.date DESC, n.iri LIMIT 3",
]
"""Read-only queries of the embedded subset: both stores must give the same rows."""


# -- source roles and REPORTS (issue 10): counts over primary commitments never double --------


def _reported_and_primary() -> GraphData:
    """The 38th SCM's record pledges extended deterrence; a study reports it and a pledge the record lacks."""
    meeting = make_iri(Kind.SCM, "SCM", 38)
    usa = make_iri(Kind.STATE, "USA")
    record = make_iri(Kind.DOCUMENT, "record-38")
    study = make_iri(Kind.DOCUMENT, "study-38")
    made = make_iri(Kind.COMMITMENT, "record-38", 10)
    reported = make_iri(Kind.COMMITMENT, "study-38", 10)
    alone = make_iri(Kind.COMMITMENT, "study-38", 90)
    nodes = [
        Node(iri=meeting, kind=Kind.SCM, label="38th SCM",
             props={Prop.ORDINAL.value: 38, Prop.DATE.value: dt.date(2006, 10, 20), Prop.SERIES.value: "SCM"}),
        Node(iri=usa, kind=Kind.STATE, label="United States"),
        Node(iri=concept_iri("ExtendedDeterrence"), kind=Kind.CONCEPT, label="Extended deterrence"),
        Node(iri=concept_iri("NuclearUmbrella"), kind=Kind.CONCEPT, label="Nuclear umbrella"),
        Node(iri=record, kind=Kind.DOCUMENT, label="Joint communique", props={Prop.DOC_KIND.value: "communique"}),
        Node(iri=study, kind=Kind.DOCUMENT, label="A study", props={Prop.DOC_KIND.value: "study"}),
        Node(iri=made, kind=Kind.COMMITMENT, label="USA new: ExtendedDeterrence", props={Prop.STANCE.value: "new"}),
        Node(iri=reported, kind=Kind.COMMITMENT, label="USA new: ExtendedDeterrence", props={Prop.STANCE.value: "new"}),
        Node(iri=alone, kind=Kind.COMMITMENT, label="USA new: NuclearUmbrella", props={Prop.STANCE.value: "new"}),
    ]
    rels = [Relationship(type=Rel.ISSUED_AT, source=record, target=meeting),
            Relationship(type=Rel.MENTIONS, source=record, target=made),
            Relationship(type=Rel.MENTIONS, source=study, target=reported),
            Relationship(type=Rel.MENTIONS, source=study, target=alone)]
    typed = ((made, "ExtendedDeterrence"), (reported, "ExtendedDeterrence"), (alone, "NuclearUmbrella"))
    for commitment, ctype in typed:
        rels += [Relationship(type=Rel.MADE_AT, source=commitment, target=meeting),
                 Relationship(type=Rel.COMMITTED_BY, source=commitment, target=usa),
                 Relationship(type=Rel.COMMITMENT_TYPE, source=commitment, target=concept_iri(ctype))]
    return GraphData(nodes=nodes, relationships=rels)


def test_a_report_of_a_meetings_pledge_links_to_it_and_counts_do_not_double(store: GraphStore) -> None:
    import analytics as ak
    from alliancekg.ingest import stamp_source_roles

    data = _reported_and_primary()
    store.load(stamp_source_roles(data, store))
    keys = (("record-38", 10), ("study-38", 10), ("study-38", 90))
    made, reported, alone = (make_iri(Kind.COMMITMENT, *k) for k in keys)
    roles = {iri: store.get_node(iri).node.props.get(Prop.SOURCE_ROLE.value) for iri in (made, reported, alone)}
    assert roles == {made: "primary", reported: "reported", alone: "reported"}

    assert ak.write_reports(store) == 1
    assert ak.write_reports(store) == 0  # idempotent
    links = store.run_cypher("MATCH (r:Commitment)-[:REPORTS]->(p:Commitment) RETURN r.iri AS r, p.iri AS p")
    assert links.rows == [[reported, made]]
    # the meeting's pledges, counted over primary commitments: one, not two
    primary = store.run_cypher(
        "MATCH (c:Commitment)-[:MADE_AT]->(m:Meeting) WHERE c.sourceRole = 'primary' RETURN count(c) AS n"
    )
    assert primary.rows == [[1]]
    # the analytics agree: one primary statement with the report as its evidence, one reported statement
    view = ak.view_of(store)
    at38 = ak.statements_at(view, make_iri(Kind.SCM, "SCM", 38))
    ed, nu = at38[("ExtendedDeterrence", "USA")], at38[("NuclearUmbrella", "USA")]
    assert (ed.source, ed.commitments, ed.reports) == ("primary", (made,), (reported,))
    assert (nu.source, nu.commitments) == ("reported", (alone,))


def test_node_links_reads_what_get_node_link_counts_and_linked_give(loaded: GraphStore) -> None:
    """The details panel's one read: the node, its counts and each group's first page, as the separate reads give."""
    for iri in (PRK, SCM49, C1, KOR):
        got = loaded.node_links(iri, first=2, whole=2, skip=[(Rel.EVIDENCE, True)])
        assert got.detail == loaded.get_node(iri)
        assert got.counts == loaded.link_counts(iri)
        expected = {
            key: loaded.linked(iri, key[0], key[1], 0, n if n <= 2 else 2)
            for key, n in got.counts.items()
            if key != ("EVIDENCE", True)
        }
        assert got.pages == expected, iri
    prk = loaded.node_links(PRK, first=1, whole=0)
    assert iris(prk.pages[("PERPETRATOR", False)]) == sorted([TEST6, ICBM, YEONPYEONG])[:1]  # over whole: first
    assert iris(loaded.node_links(PRK, first=1, whole=3).pages[("PERPETRATOR", False)]) == sorted(
        [TEST6, ICBM, YEONPYEONG]
    )  # at most whole: all of it
    assert loaded.node_links(PRK, first=-4).pages[("PERPETRATOR", False)] == []  # bounded as linked bounds a page
    with pytest.raises(NodeNotFoundError):
        loaded.node_links("urn:nothing", first=5)
