"""The ontology files: they parse, they keep the contract, they agree with graph.schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

import owlrl
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from graph.model import GraphData, Node, make_iri
from graph.schema import (
    AK,
    COMMITMENT_SCHEME,
    COMMITMENT_TYPES,
    FROM_REFERENCE_VALUES,
    MEETING_SERIES,
    PARENT,
    REL_SPECS,
    STANCES,
    THREAT_SCHEME,
    THREAT_TYPES,
    Kind,
    Prop,
    concept_iri,
)
from ontology import vocabulary
from ontology.rdf_export import to_rdflib
from ontology.vocabulary import ONTOLOGY_IRI, SCHEMES_IRI, build_context, class_iri, ontology_graph, shapes_graph

CONTRACT = Path("/work/shared/ontology-core.md")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
VANN = Namespace("http://purl.org/vocab/vann/")
SH = Namespace("http://www.w3.org/ns/shacl#")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology_graph()


@pytest.fixture(scope="module")
def alliance_only() -> Graph:
    return ontology_graph(include_schemes=False)


def _contract_text() -> str:
    if CONTRACT.exists():
        return CONTRACT.read_text(encoding="utf-8")
    pytest.fail(f"the ontology contract {CONTRACT} is missing")


def contract_terms() -> tuple[set[str], set[str]]:
    """``ak:`` classes and properties named in the contract's tables (first column)."""
    classes: set[str] = set()
    properties: set[str] = set()
    section = ""
    for line in _contract_text().splitlines():
        if line.startswith("## "):
            section = line[3:].strip().lower()
        if not line.startswith("|") or line.startswith("|---"):
            continue
        first = line.split("|")[1]
        for name in re.findall(r"`ak:([A-Za-z]+)`", first):
            (classes if section == "classes" else properties).add(name)
    return classes, properties


def test_ontology_metadata(alliance_only: Graph) -> None:
    ontology = URIRef(ONTOLOGY_IRI)
    assert (ontology, RDF.type, OWL.Ontology) in alliance_only
    for predicate in (DCTERMS.title, OWL.versionInfo, DCTERMS.license, VANN.preferredNamespaceUri,
                      VANN.preferredNamespacePrefix):
        assert alliance_only.value(ontology, predicate) is not None, predicate
    assert str(alliance_only.value(ontology, VANN.preferredNamespaceUri)) == AK
    assert (ontology, OWL.imports, URIRef(SCHEMES_IRI)) in alliance_only


def test_shapes_parse() -> None:
    shapes = shapes_graph()
    assert len(list(shapes.subjects(RDF.type, SH.NodeShape))) >= 15


def test_contract_terms_exist(onto: Graph) -> None:
    classes, properties = contract_terms()
    assert {"Actor", "NuclearTest", "Mention"} <= classes, "the contract parser found too little"
    assert {"respondsTo", "confidence", "charEnd"} <= properties
    for name in sorted(classes):
        assert (URIRef(AK + name), RDF.type, OWL.Class) in onto, f"contract class ak:{name} missing"
    for name in sorted(properties):
        types = set(onto.objects(URIRef(AK + name), RDF.type))
        assert types & {OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property}, f"contract property ak:{name}"


def test_contract_alignments(onto: Graph) -> None:
    expected = {
        "Actor": PROV.Agent, "Event": SEM.Event, "Commitment": PROV.Entity, "Threat": PROV.Entity,
        "Document": PROV.Entity, "Mention": PROV.Entity, "State": URIRef(AK + "Actor"),
        "SecurityConsultativeMeeting": URIRef(AK + "Meeting"), "Agreement": URIRef(AK + "Commitment"),
    }
    for name, parent in expected.items():
        assert (URIRef(AK + name), RDFS.subClassOf, parent) in onto, name


def test_every_kind_is_declared_with_its_parent(onto: Graph) -> None:
    for kind in Kind:
        cls = URIRef(class_iri(kind))
        assert (cls, RDF.type, OWL.Class) in onto, kind
        if kind is Kind.CONCEPT:
            assert cls == SKOS.Concept
            continue
        assert onto.value(cls, RDFS.label) is not None, kind
        assert onto.value(cls, SKOS.definition) is not None, kind
        parent = PARENT[kind]
        if parent is not None:
            assert (cls, RDFS.subClassOf, URIRef(class_iri(parent))) in onto, kind


def _class_set(graph: Graph, node: object) -> set[str]:
    if node == OWL.Thing:
        return set()
    union = graph.value(node, OWL.unionOf)  # type: ignore[arg-type]
    if union is not None:
        return {str(member) for member in Collection(graph, union)}
    return {str(node)}


def test_object_properties_match_rel_specs(onto: Graph) -> None:
    for rel, spec in REL_SPECS.items():
        prop = URIRef(spec.iri)
        assert (prop, RDF.type, OWL.ObjectProperty) in onto, rel
        if not spec.iri.startswith(AK):
            continue  # terms of other vocabularies keep their own domains and ranges
        assert onto.value(prop, RDFS.label) is not None, rel
        assert onto.value(prop, SKOS.definition) is not None, rel
        assert _class_set(onto, onto.value(prop, RDFS.domain)) == {class_iri(k) for k in spec.domain}, rel
        assert _class_set(onto, onto.value(prop, RDFS.range)) == {class_iri(k) for k in spec.range}, rel


def test_every_property_is_declared(onto: Graph) -> None:
    declared = {OWL.DatatypeProperty, OWL.ObjectProperty, OWL.AnnotationProperty, RDF.Property}
    for prop in Prop:
        if prop.value in vocabulary.STRUCTURAL_PROPS - {Prop.LABEL.value}:
            continue
        iri = URIRef(vocabulary.property_predicate(prop.value))
        if str(iri).startswith(vocabulary.BUILTIN_NAMESPACES):
            continue  # rdfs:label, owl:sameAs
        assert set(onto.objects(iri, RDF.type)) & declared, prop
        if str(iri).startswith(AK):
            for predicate in (RDFS.label, SKOS.definition, RDFS.domain, RDFS.range):
                assert onto.value(iri, predicate) is not None, (prop, predicate)


def test_contract_datatypes(onto: Graph) -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert onto.value(URIRef(AK + "date"), RDFS.range) == URIRef(xsd + "date")
    assert onto.value(URIRef(AK + "ordinal"), RDFS.range) == URIRef(xsd + "integer")
    assert onto.value(URIRef(AK + "confidence"), RDFS.range) == URIRef(xsd + "decimal")


def test_schemes_hold_the_schema_concepts(onto: Graph) -> None:
    if not vocabulary.SCHEMES_PATH.exists():
        pytest.fail(f"{vocabulary.SCHEMES_PATH} is missing (written by the extractor engineer)")
    for scheme, names in ((COMMITMENT_SCHEME, COMMITMENT_TYPES), (THREAT_SCHEME, THREAT_TYPES)):
        assert (URIRef(scheme), RDF.type, SKOS.ConceptScheme) in onto
        for name in names:
            concept = URIRef(concept_iri(name))
            assert (concept, RDF.type, SKOS.Concept) in onto, name
            assert (concept, SKOS.inScheme, URIRef(scheme)) in onto, name
            assert onto.value(concept, SKOS.prefLabel) is not None, name
    assert (URIRef(concept_iri("NuclearUmbrella")), SKOS.broader, URIRef(concept_iri("ExtendedDeterrence"))) in onto


def test_stance_values_in_shapes_are_the_schema_stances() -> None:
    shapes = shapes_graph()
    found = None
    for prop_shape in shapes.subjects(SH.path, URIRef(AK + "stance")):
        members = shapes.value(prop_shape, SH["in"])
        if members is not None:
            found = {str(v) for v in Collection(shapes, members)}
    assert found == set(STANCES)


def test_series_values_in_shapes_are_the_schema_series() -> None:
    shapes = shapes_graph()
    found = None
    for prop_shape in shapes.subjects(SH.path, URIRef(AK + "series")):
        members = shapes.value(prop_shape, SH["in"])
        if members is not None:
            found = [str(v) for v in Collection(shapes, members)]
    assert found is not None and set(found) == set(MEETING_SERIES)  # NCG and EDSCG meetings are their own series


def test_from_reference_values_in_shapes_are_the_schema_values() -> None:
    shapes = shapes_graph()
    found = None
    for prop_shape in shapes.subjects(SH.path, URIRef(AK + Prop.FROM_REFERENCE.value)):
        members = shapes.value(prop_shape, SH["in"])
        if members is not None:
            found = [str(v) for v in Collection(shapes, members)]
    assert found == list(FROM_REFERENCE_VALUES)


def test_context_file_is_generated_from_the_schema() -> None:
    on_disk = json.loads(vocabulary.CONTEXT_PATH.read_text(encoding="utf-8"))
    assert on_disk == build_context(), "context.jsonld is stale: run ontology.vocabulary.write_context()"
    terms = on_disk["@context"]
    assert terms["respondsTo"] == {"@id": "ak:respondsTo", "@type": "@id"}
    assert terms["date"] == {"@id": "ak:date", "@type": "xsd:date"}
    assert terms["confidence"] == {"@id": "ak:confidence", "@type": "xsd:decimal"}


def test_owl_rl_infers_a_nuclear_test_is_an_incident_and_a_sem_event(onto: Graph) -> None:
    test = Node(iri=make_iri(Kind.NUCLEAR_TEST, "prk-nuclear-test-1"), kind=Kind.NUCLEAR_TEST,
                label="First nuclear test")
    graph = Graph()
    graph += onto
    graph += to_rdflib(GraphData(nodes=[test]))
    subject = URIRef(test.iri)
    assert (subject, RDF.type, URIRef(AK + "Incident")) not in graph  # the export writes only the most specific
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    assert (subject, RDF.type, URIRef(AK + "Incident")) in graph
    assert (subject, RDF.type, URIRef(AK + "Event")) in graph
    assert (subject, RDF.type, SEM.Event) in graph
    assert (subject, RDF.type, URIRef(AK + "Actor")) not in graph


def test_owl_rl_reads_domains_and_ranges(onto: Graph) -> None:
    graph = Graph()
    graph += onto
    commitment, actor = URIRef("https://example.org/c"), URIRef("https://example.org/a")
    graph.add((commitment, URIRef(AK + "committedBy"), actor))
    graph.add((commitment, RDFS.label, Literal("a pledge")))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    assert (commitment, RDF.type, URIRef(AK + "Commitment")) in graph
    assert (commitment, RDF.type, PROV.Entity) in graph
    assert (actor, RDF.type, PROV.Agent) in graph

