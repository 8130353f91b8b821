"""RDF export and import: every format, both stores, lossless round trips, clear errors."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from rdflib import OWL, RDF, XSD, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from graph.errors import RDFError
from graph.model import GraphData, Node, Relationship, make_iri
from graph.nx_store import NetworkXStore
from graph.schema import AK, WD, Kind, Rel
from graph.store import GraphStore
from graph.synthetic import generate
from ontology.rdf_export import export_file, export_string, iter_triples, to_rdflib, write_ntriples
from ontology.rdf_import import ImportReport, graph_to_data, import_file, import_into, parse_rdf, read_rdf_file
from ontology.sample import sample_graph
from ontology.vocabulary import BUILTIN_NAMESPACES, CONTEXT_IRI, RDF_STATEMENT, ontology_graph

FORMATS = ("nt", "ttl", "jsonld", "xml")
HOSTILE_LABELS = (
    'Kim "Jong" <Un> & co',
    "line one\nline two\r\nthree\rfour\ttabbed",
    "back\\slash \\u0041 \\n",
    "대한민국 국방부 · 조선민주주의인민공화국",
    "Пхеньян — 平壤 — بيونغ يانغ",
    "rocket 🚀 flag 🇰🇷 family 👨‍👩‍👧",
    "{curly} |pipe| ^caret^ `tick`",
    "   padded   ",
    "@prefix x: <y> . \"\"\" ''' #",
    "\u2028line separator\u0085next line",
)


def assert_isomorphic(left: Graph, right: Graph) -> None:
    """Fail with the triple diff when the graphs differ."""
    if isomorphic(left, right):
        return
    both, only_left, only_right = graph_diff(to_isomorphic(left), to_isomorphic(right))
    lines = [f"graphs differ ({len(both)} triples in both)"]
    lines += ["only left:  " + " ".join(t.n3() for t in triple) for triple in sorted(only_left)[:20]]
    lines += ["only right: " + " ".join(t.n3() for t in triple) for triple in sorted(only_right)[:20]]
    pytest.fail("\n".join(lines))


def comparable(data: GraphData) -> dict[str, Any]:
    """Nodes and relationships in a form where lists count as sets (how RDF keeps them)."""

    def norm(props: dict[str, Any]) -> dict[str, Any]:
        return {k: sorted(set(v)) if isinstance(v, list) else v for k, v in props.items()}

    merged = data.merged()
    return {
        "nodes": {n.iri: (n.kind, n.label, norm(n.props)) for n in merged.nodes},
        "rels": {r.key: norm(r.props) for r in merged.relationships},
    }


@pytest.fixture(scope="module")
def sample() -> GraphData:
    return sample_graph()


@pytest.fixture(scope="module")
def declared_terms() -> set[str]:
    onto = ontology_graph()
    return {str(s) for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef)}


# -- export --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["nt", "ttl"])
def test_streamed_formats_match_the_rdflib_graph(sample: GraphData, fmt: str) -> None:
    assert_isomorphic(parse_rdf(export_string(sample, fmt), fmt), to_rdflib(sample))


@pytest.mark.parametrize("fmt", ["nt", "ttl"])
def test_streamed_formats_match_the_rdflib_graph_on_synthetic_data(fmt: str) -> None:
    data = generate(500, seed=5)
    assert_isomorphic(parse_rdf(export_string(data, fmt), fmt), to_rdflib(data))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_parses_to_the_same_graph(sample: GraphData, fmt: str) -> None:
    graph = parse_rdf(export_string(sample, fmt), fmt)
    assert len(graph) > 100
    assert_isomorphic(graph, to_rdflib(sample))


def test_every_written_term_is_declared(sample: GraphData, declared_terms: set[str]) -> None:
    data = GraphData(nodes=sample.nodes + generate(300, seed=3).nodes,
                     relationships=sample.relationships + generate(300, seed=3).relationships)
    predicates, classes = set(), set()
    for _, p, o in iter_triples(data):
        predicates.add(p)
        if p == str(RDF.type):
            classes.add(o)
    assert len(predicates) > 30
    assert {str(OWL.sameAs), str(RDF.type), RDF_STATEMENT} <= predicates | classes
    undeclared = {t for t in predicates | classes if not t.startswith(BUILTIN_NAMESPACES)} - declared_terms
    assert undeclared == set()


def test_nodes_are_typed_with_their_most_specific_class_only(sample: GraphData) -> None:
    graph = to_rdflib(sample)
    test = next(n for n in sample.nodes if n.kind is Kind.NUCLEAR_TEST)
    assert set(graph.objects(URIRef(test.iri), RDF.type)) == {URIRef(AK + "NuclearTest")}
    concept = next(n for n in sample.nodes if n.kind is Kind.CONCEPT)
    assert set(graph.objects(URIRef(concept.iri), RDF.type)) == {URIRef("http://www.w3.org/2004/02/skos/core#Concept")}


def test_literal_datatypes() -> None:
    node = Node(iri=make_iri(Kind.COMMITMENT, "x"), kind=Kind.COMMITMENT, label="x",
                props={"date": dt.date(2017, 10, 28), "confidence": 0.00001, "strength": 3,
                       "estimated": True, "stance": "new", "cues": [0.5, 2.0]})
    graph = to_rdflib(GraphData(nodes=[node]))
    subject = URIRef(node.iri)

    def value(name: str) -> set[Literal]:
        return set(graph.objects(subject, URIRef(AK + name)))  # type: ignore[arg-type]

    assert value("date") == {Literal("2017-10-28", datatype=XSD.date)}
    assert value("confidence") == {Literal("0.00001", datatype=XSD.decimal)}
    assert value("strength") == {Literal("3", datatype=XSD.integer)}
    assert value("estimated") == {Literal("true", datatype=XSD.boolean)}
    assert value("stance") == {Literal("new")}
    assert {lit.datatype for lit in value("cues")} == {XSD.double}
    back = graph_to_data(graph).nodes[0]
    assert back.props == {**node.props, "cues": [0.5, 2.0]}


def test_states_carry_same_as_to_wikidata(sample: GraphData) -> None:
    graph = to_rdflib(sample)
    kor = next(n for n in sample.nodes if n.label == "Republic of Korea")
    assert (URIRef(kor.iri), OWL.sameAs, URIRef(WD + "Q884")) in graph
    assert "owl:sameAs wd:Q884" in export_string(sample, "ttl")
    full = Node(iri=make_iri(Kind.ORGANIZATION, "IAEA"), kind=Kind.ORGANIZATION, label="IAEA",
                props={"sameAs": "http://www.wikidata.org/entity/Q25374"})
    assert (URIRef(full.iri), OWL.sameAs, URIRef(WD + "Q25374")) in to_rdflib(GraphData(nodes=[full]))
    bad = Node(iri=make_iri(Kind.STATE, "X"), kind=Kind.STATE, label="X", props={"sameAs": "South Korea"})
    with pytest.raises(RDFError, match="sameAs"):
        to_rdflib(GraphData(nodes=[bad]))


def test_unknown_property_is_refused() -> None:
    node = Node(iri=make_iri(Kind.STATE, "X"), kind=Kind.STATE, label="X", props={"colour": "blue"})
    with pytest.raises(RDFError, match="colour"):
        export_string(GraphData(nodes=[node]), "nt")


def test_instance_base_is_configurable(sample: GraphData) -> None:
    base = "https://example.org/kg/"
    graph = parse_rdf(export_string(sample, "ttl", base=base), "ttl")
    subjects = {str(s) for s in graph.subjects(RDF.type, None)}
    instances = {s for s in subjects if not s.startswith(AK)}
    assert instances and all(s.startswith(base) for s in instances)
    assert (None, OWL.sameAs, URIRef(WD + "Q884")) in graph


def test_jsonld_references_the_published_context(sample: GraphData) -> None:
    doc = json.loads(export_string(sample, "jsonld"))
    assert doc["@context"] == CONTEXT_IRI
    objects = doc["@graph"]
    commitment = next(o for o in objects if o.get("type") == "Commitment" and "reaffirms" in o)
    assert {"committedBy", "respondsTo", "madeAt", "evidence", "stance", "confidence"} <= set(commitment)
    meeting = next(o for o in objects if o.get("type") == "SecurityConsultativeMeeting")
    assert meeting["ordinal"] in ("49", "54")


def test_relationship_properties_are_reified_and_round_trip(sample: GraphData) -> None:
    graph = to_rdflib(sample)
    statements = set(graph.subjects(RDF.type, URIRef(RDF_STATEMENT)))
    assert len(statements) == sum(1 for r in sample.relationships if r.props)
    back = graph_to_data(graph)
    heads = {r.target: r.props for r in back.relationships if r.type is Rel.HEAD_OF_DELEGATION}
    assert sorted(p["role"] for p in heads.values()) == ["Minister of National Defense", "Secretary of Defense"]
    responds = [r for r in back.relationships if r.type is Rel.RESPONDS_TO and r.props]
    assert [r.props for r in responds] == [{"confidence": 0.7}]


def test_lists_round_trip_as_sorted_sets() -> None:
    node = Node(iri=make_iri(Kind.STATE, "KOR"), kind=Kind.STATE, label="Korea",
                props={"altLabels": ["ROK", "South Korea", "ROK"]})
    single = Node(iri=make_iri(Kind.STATE, "USA"), kind=Kind.STATE, label="US", props={"altLabels": ["U.S."]})
    back = graph_to_data(to_rdflib(GraphData(nodes=[node, single]))).node_map()
    assert back[node.iri].props["altLabels"] == ["ROK", "South Korea"]
    assert back[single.iri].props["altLabels"] == ["U.S."]


# -- round trips ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_graph_data(sample: GraphData, fmt: str) -> None:
    first = parse_rdf(export_string(sample, fmt), fmt)
    data = graph_to_data(first)
    assert comparable(data) == comparable(sample)
    assert_isomorphic(parse_rdf(export_string(data, fmt), fmt), first)


@pytest.mark.parametrize("fmt", ["nt", "jsonld"])
def test_round_trip_through_a_store(store: GraphStore, sample: GraphData, fmt: str) -> None:
    store.load(sample)
    first = parse_rdf(export_string(store, fmt), fmt)
    assert_isomorphic(first, to_rdflib(sample))
    store.clear()
    report = ImportReport()
    import_into(store, graph_to_data(first, report), report)
    assert report.skipped == {}
    assert report.nodes == len(sample.nodes)
    second = parse_rdf(export_string(store, fmt), fmt)
    assert_isomorphic(second, first)


def test_round_trip_synthetic_graph_through_files(store: GraphStore, tmp_path: Path) -> None:
    data = generate(400, seed=11)
    store.load(data)
    out = tmp_path / "graph.ttl"
    export_file(store, out)
    first = read_rdf_file(out)
    store.clear()
    _, report = import_file(out, store)
    assert report.relationships == len(data.merged().relationships)
    again = tmp_path / "again.nt"
    export_file(store, again)
    assert_isomorphic(read_rdf_file(again), first)


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_labels_give_valid_iris_and_round_trip(fmt: str) -> None:
    nodes = []
    for i, label in enumerate(HOSTILE_LABELS):
        kind = (Kind.PERSON, Kind.ORGANIZATION, Kind.NUCLEAR_TEST, Kind.THREAT)[i % 4]
        nodes.append(Node(iri=make_iri(kind, label), kind=kind, label=label,
                          props={"description": label, "altLabels": [label, "plain"]}))
    rels = [Relationship(type=Rel.AFFILIATION, source=nodes[0].iri, target=nodes[1].iri,
                         props={"role": nodes[2].label})]
    data = GraphData(nodes=nodes, relationships=rels)
    text = export_string(data, fmt)
    graph = parse_rdf(text, fmt)  # warnings are errors here: rdflib warns on invalid IRIs
    for subject in graph.subjects(RDF.type, None):
        assert not re.search(r'[\s<>"{}|^`\\]', str(subject)), subject
    back = graph_to_data(graph)
    assert comparable(back) == comparable(data)
    assert_isomorphic(parse_rdf(export_string(back, fmt), fmt), graph)


def test_hostile_labels_round_trip_through_a_store(store: GraphStore) -> None:
    nodes = [Node(iri=make_iri(Kind.PERSON, label), kind=Kind.PERSON, label=label, props={"role": label})
             for label in HOSTILE_LABELS]
    data = GraphData(nodes=nodes)
    first = parse_rdf(export_string(data, "nt"), "nt")
    store.load(graph_to_data(first))
    assert comparable(store.dump()) == comparable(data)
    assert_isomorphic(parse_rdf(export_string(store, "ttl"), "ttl"), first)


def test_hostile_iris_are_percent_encoded() -> None:
    node = Node(iri='https://example.org/a b"<c>{d}', kind=Kind.STATE, label="odd")
    graph = parse_rdf(export_string(GraphData(nodes=[node]), "nt"), "nt")
    assert {str(s) for s in graph.subjects(RDF.type, None)} == {"https://example.org/a%20b%22%3Cc%3E%7Bd%7D"}


def test_rdfxml_refuses_characters_xml_cannot_hold() -> None:
    node = Node(iri=make_iri(Kind.STATE, "X"), kind=Kind.STATE, label="bell\x07")
    with pytest.raises(RDFError, match="U\\+0007"):
        export_string(GraphData(nodes=[node]), "xml")
    assert graph_to_data(parse_rdf(export_string(GraphData(nodes=[node]), "nt"), "nt")).nodes[0].label == "bell\x07"


def test_ntriples_writes_as_it_reads(sample: GraphData) -> None:
    out = io.StringIO()
    report = write_ntriples(sample, out)
    lines = out.getvalue().splitlines()
    assert report.triples == len(lines) == len(to_rdflib(sample))
    assert all(line.endswith(" .") for line in lines)


# -- import errors and mapping ----------------------------------------------

BAD_INPUTS = {
    "nt": ('<https://a.org/x> <https://a.org/p> "ok" .\n'
           '<https://a.org/x> <https://a.org/p> "ok" .\n'
           '<https://a.org/x> <https://a.org/p> "unterminated .\n', 3),
    "ttl": ('@prefix ak: <https://w3id.org/alliancekg/ontology#> .\n\n'
            '<https://a.org/x> a ak:State ;\n'
            '    ak:label "no end\n', 4),
    "jsonld": ('{\n  "@context": "https://w3id.org/alliancekg/ontology/context.jsonld",\n'
               '  "id": "https://a.org/x",\n  "label": ,\n}\n', 4),
    "xml": ('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            '  <rdf:Description rdf:about="https://a.org/x">\n'
            '  </rdf:Descript>\n</rdf:RDF>\n', 4),
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_invalid_rdf_fails_naming_the_line(fmt: str, tmp_path: Path) -> None:
    text, line = BAD_INPUTS[fmt]
    path = tmp_path / f"bad.{fmt}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RDFError, match=rf"\bline {line}\b") as info:
        import_file(path, NetworkXStore())
    assert str(path) in str(info.value)


def test_jsonld_import_resolves_the_published_context_offline(sample: GraphData) -> None:
    graph = parse_rdf(export_string(sample, "jsonld"), "jsonld")
    assert (None, URIRef(AK + "respondsTo"), None) in graph


def test_unmapped_triples_are_reported_not_loaded() -> None:
    text = """
    @prefix ak: <https://w3id.org/alliancekg/ontology#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    <https://a.org/kor> a ak:State ; rdfs:label "Korea" ; <https://a.org/colour> "blue" ;
        ak:participant <https://a.org/nowhere> .
    _:b a ak:State .
    """
    report = ImportReport()
    data = graph_to_data(parse_rdf(text, "ttl"), report)
    assert [n.label for n in data.nodes] == ["Korea"]
    assert data.relationships == []
    assert report.skipped["unknown predicate https://a.org/colour"] == 1
    assert report.skipped["typed blank node (a node needs an IRI)"] == 1
    assert sum(v for k, v in report.skipped.items() if "not a node" in k) == 1


def test_concepts_the_data_only_references_come_from_the_schemes() -> None:
    text = """
    @prefix ak: <https://w3id.org/alliancekg/ontology#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    <https://a.org/c> a ak:Commitment ; rdfs:label "umbrella pledge" ; ak:commitmentType ak:NuclearUmbrella ;
        ak:threatType ak:NoSuchConcept .
    """
    report = ImportReport()
    data = graph_to_data(parse_rdf(text, "ttl"), report)
    nodes = data.node_map()
    umbrella = nodes[AK + "NuclearUmbrella"]
    assert (umbrella.kind, umbrella.label) == (Kind.CONCEPT, "Nuclear umbrella")
    assert umbrella.props["scheme"] == AK + "CommitmentTypes"
    assert nodes[AK + "ExtendedDeterrence"].kind is Kind.CONCEPT
    assert {r.key for r in data.relationships} == {
        ("https://a.org/c", "COMMITMENT_TYPE", AK + "NuclearUmbrella"),
        (AK + "NuclearUmbrella", "BROADER", AK + "ExtendedDeterrence"),
    }
    assert report.added["Concept nodes taken from schemes.ttl"] == 2
    assert sum(v for k, v in report.skipped.items() if "not a node" in k) == 1
    store = NetworkXStore()
    import_into(store, data, report)
    assert store.has_node(AK + "ExtendedDeterrence")


def test_inferred_superclass_types_are_accepted_but_unrelated_ones_refused() -> None:
    ok = """@prefix ak: <https://w3id.org/alliancekg/ontology#> .
    <https://a.org/t> a ak:NuclearTest , ak:Incident , ak:Event ."""
    assert graph_to_data(parse_rdf(ok, "ttl")).nodes[0].kind is Kind.NUCLEAR_TEST
    clash = """@prefix ak: <https://w3id.org/alliancekg/ontology#> .
    <https://a.org/t> a ak:NuclearTest , ak:State ."""
    with pytest.raises(RDFError, match="unrelated classes"):
        graph_to_data(parse_rdf(clash, "ttl"))


def test_ill_typed_literal_is_refused() -> None:
    text = """@prefix ak: <https://w3id.org/alliancekg/ontology#> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <https://a.org/m> a ak:SecurityConsultativeMeeting ; ak:ordinal "forty-nine"^^xsd:integer ."""
    with pytest.raises(RDFError, match="forty-nine"):
        graph_to_data(parse_rdf(text, "ttl"))


def test_unknown_format_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RDFError, match="cannot tell the RDF format of x.csv"):
        export_file(GraphData(), tmp_path / "x.csv")
    with pytest.raises(RDFError, match="unknown RDF format 'csv'"):
        export_file(GraphData(), tmp_path / "x.ttl", fmt="csv")
    export_file(GraphData(nodes=sample_graph().nodes[:1]), tmp_path / "deep" / "er" / "x.nt")
    assert (tmp_path / "deep" / "er" / "x.nt").read_text(encoding="utf-8").count(" .\n") == 5
