"""How the graph model is written in RDF, and where the ontology files are.

The terms themselves (class local names, relationship-type IRIs, property
IRIs, concept names) come from :mod:`graph.schema`; this module only adds what
is specific to RDF:

* the class IRI of a node kind (``Kind.CONCEPT`` is ``skos:Concept``, every
  other kind is ``ak:<Kind>``), and the inverse lookups an importer needs;
* the literal datatype of each property value;
* which properties are list-valued (written as repeated triples);
* the paths of ``alliance.ttl``, ``schemes.ttl``, ``shapes.ttl`` and
  ``context.jsonld``, and loaders for them.

Lists round-trip as sets: a list property is written as one triple per item
(duplicates collapse, order is not kept) and read back as a sorted list. A
property of :data:`LIST_PROPS` always reads back as a list, any other property
reads back as a scalar unless the RDF gives it several values.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from rdflib import Graph

from graph.errors import RDFError
from graph.schema import AK, DCTERMS, DEFAULT_BASE, PROV, REL_SPECS, SEM, SKOS, WD, Kind, Prop, Rel, prop_iri

ONTOLOGY_DIR = Path(__file__).resolve().parent
ONTOLOGY_PATH = ONTOLOGY_DIR / "alliance.ttl"
SCHEMES_PATH = ONTOLOGY_DIR / "schemes.ttl"
SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"
CONTEXT_PATH = ONTOLOGY_DIR / "context.jsonld"

ONTOLOGY_IRI = "https://w3id.org/alliancekg/ontology"
"""IRI of the ontology document (``alliance.ttl``); terms live in :data:`graph.schema.AK`."""

SCHEMES_IRI = "https://w3id.org/alliancekg/ontology/schemes"
"""IRI of the SKOS schemes document (``schemes.ttl``), imported by the ontology."""

SHAPES_IRI = "https://w3id.org/alliancekg/ontology/shapes"
CONTEXT_IRI = "https://w3id.org/alliancekg/ontology/context.jsonld"
"""Published IRI of the JSON-LD context; exports reference it, the importer resolves it locally."""

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"

BUILTIN_NAMESPACES: tuple[str, ...] = (RDF, RDFS, OWL)
"""Namespaces whose terms (``rdf:type``, ``rdfs:label``, ``owl:sameAs``, ``rdf:Statement``, ...) need no declaration."""

RDF_TYPE = RDF + "type"
RDF_STATEMENT = RDF + "Statement"
RDF_SUBJECT = RDF + "subject"
RDF_PREDICATE = RDF + "predicate"
RDF_OBJECT = RDF + "object"

XSD_STRING = XSD + "string"
XSD_INTEGER = XSD + "integer"
XSD_DECIMAL = XSD + "decimal"
XSD_DOUBLE = XSD + "double"
XSD_BOOLEAN = XSD + "boolean"
XSD_DATE = XSD + "date"
XSD_DATETIME = XSD + "dateTime"

PREFIXES: dict[str, str] = {
    "ak": AK,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "sem": SEM,
    "dcterms": DCTERMS,
    "wd": WD,
}
"""Prefixes written at the top of Turtle exports and bound in SPARQL queries."""

STRUCTURAL_PROPS: frozenset[str] = frozenset({Prop.IRI.value, Prop.KIND.value, Prop.LABEL.value})
"""Node properties that are not written as property triples (the subject, its type, ``rdfs:label``)."""

LIST_PROPS: frozenset[str] = frozenset({Prop.ALT_LABELS.value, Prop.CUES.value, Prop.FROM_REFERENCE.value})
"""Properties that always read back as a list (see the module notes)."""

DECIMAL_PROPS: frozenset[str] = frozenset({Prop.CONFIDENCE.value})
"""Float properties written as ``xsd:decimal`` (the contract's datatype); other floats are ``xsd:double``."""

DATETIME_PROPS: frozenset[str] = frozenset({Prop.RETRIEVED.value})
"""String properties holding an ISO 8601 date-time, written as ``xsd:dateTime`` (and read back as the same string)."""

IRI_VALUED_PROPS: frozenset[str] = frozenset({Prop.SAME_AS.value})
"""Properties whose values are written as IRIs, not literals."""

_WIKIDATA_ID = re.compile(r"^[QPL][1-9][0-9]*$")


def class_iri(kind: Kind) -> str:
    """RDF class of a node kind (``Kind.CONCEPT`` is ``skos:Concept``)."""
    if kind is Kind.CONCEPT:
        return SKOS + "Concept"
    return AK + kind.value


@functools.cache
def kind_by_class() -> dict[str, Kind]:
    """Inverse of :func:`class_iri`."""
    return {class_iri(kind): kind for kind in Kind}


@functools.cache
def rel_by_predicate() -> dict[str, Rel]:
    """Relationship type of each object-property IRI."""
    return {spec.iri: rel for rel, spec in REL_SPECS.items()}


@functools.cache
def prop_by_predicate() -> dict[str, str]:
    """Node property name of each datatype-property IRI (structural ones left out)."""
    return {prop_iri(p): p.value for p in Prop if p.value not in STRUCTURAL_PROPS}


def property_predicate(name: str) -> str:
    """Predicate IRI of a node or relationship property name.

    Raises:
        RDFError: the name is not a property of the ontology.
    """
    try:
        prop = Prop(name)
    except ValueError as e:
        msg = f"property {name!r} is not in the ontology (graph.schema.Prop); cannot write it as RDF"
        raise RDFError(msg) from e
    return prop_iri(prop)


def same_as_iri(value: str) -> str:
    """Full IRI of a ``sameAs`` value: a Wikidata id (``Q884``) or an absolute IRI.

    Raises:
        RDFError: the value is neither.

    >>> same_as_iri("Q884")
    'http://www.wikidata.org/entity/Q884'
    """
    text = value.strip()
    if _WIKIDATA_ID.match(text):
        return WD + text
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", text):
        return text
    msg = f"sameAs value {value!r} is neither a Wikidata id (Q884) nor an absolute IRI"
    raise RDFError(msg)


def same_as_value(iri: str) -> str:
    """Inverse of :func:`same_as_iri`: Wikidata entities come back as their id."""
    if iri.startswith(WD) and _WIKIDATA_ID.match(iri[len(WD) :]):
        return iri[len(WD) :]
    return iri


def _load(path: Path, graph: Graph) -> None:
    try:
        graph.parse(path, format="turtle")
    except Exception as e:  # rdflib raises several unrelated types for bad Turtle
        msg = f"cannot parse {path.name}: {e}"
        raise RDFError(msg) from e


def ontology_graph(include_schemes: bool = True) -> Graph:
    """The ontology (``alliance.ttl``) plus the SKOS schemes (``schemes.ttl``, when present).

    A fresh graph each call, so callers may add to it.
    """
    graph = Graph()
    bind_prefixes(graph)
    _load(ONTOLOGY_PATH, graph)
    if include_schemes and SCHEMES_PATH.exists():
        _load(SCHEMES_PATH, graph)
    return graph


def shapes_graph() -> Graph:
    """The SHACL shapes (``shapes.ttl``)."""
    graph = Graph()
    bind_prefixes(graph)
    _load(SHAPES_PATH, graph)
    return graph


def bind_prefixes(graph: Graph, base: str = DEFAULT_BASE) -> None:
    """Bind the project's prefixes (and ``id:`` for the instance base) on ``graph``."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("id", base, override=True, replace=True)


def curie(iri: str) -> str:
    """Compact ``iri`` with the project's prefixes (unchanged when none fits).

    >>> curie("https://w3id.org/alliancekg/ontology#respondsTo")
    'ak:respondsTo'
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def local_name(iri: str) -> str:
    """The part of ``iri`` after its last ``#`` or ``/``."""
    return re.split(r"[#/]", iri)[-1]


def build_context() -> dict[str, Any]:
    """The JSON-LD context of exports, derived from :mod:`graph.schema` and ``alliance.ttl``.

    ``context.jsonld`` holds exactly this (a test keeps them equal). Terms:
    ``id`` and ``type``; one term per class (the kind name), per relationship
    type (the property's local name, IRI-valued) and per node property (its
    :class:`~graph.schema.Prop` name, with the ``xsd:`` range the ontology
    declares, if any); and the reification terms of relationship properties.
    """
    from rdflib import URIRef

    onto = ontology_graph(include_schemes=False)
    ranges: dict[str, str] = {}
    for prop in Prop:
        rng = onto.value(URIRef(prop_iri(prop)), URIRef(RDFS + "range"))
        # plain strings carry no datatype in the exports, so xsd:string gets no coercion
        if isinstance(rng, URIRef) and str(rng).startswith(XSD) and str(rng) != XSD_STRING:
            ranges[prop.value] = curie(str(rng))
    terms: dict[str, Any] = {"id": "@id", "type": "@type"}
    for kind in Kind:
        terms[kind.value] = curie(class_iri(kind))
    for spec in REL_SPECS.values():
        terms[local_name(spec.iri)] = {"@id": curie(spec.iri), "@type": "@id"}
    for prop in Prop:
        if prop.value in (Prop.IRI.value, Prop.KIND.value):
            continue
        iri = curie(prop_iri(prop))
        if prop.value in IRI_VALUED_PROPS:
            terms[prop.value] = {"@id": iri, "@type": "@id"}
        elif prop.value in ranges:
            terms[prop.value] = {"@id": iri, "@type": ranges[prop.value]}
        else:
            terms[prop.value] = iri
    terms["Statement"] = curie(RDF_STATEMENT)
    for iri in (RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT):
        terms[local_name(iri)] = {"@id": curie(iri), "@type": "@id"}
    return {"@context": {**PREFIXES, **terms}}


def write_context(path: Path = CONTEXT_PATH) -> None:
    """Regenerate ``context.jsonld`` from :func:`build_context`."""
    path.write_text(json.dumps(build_context(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def published_context() -> dict[str, Any]:
    """The ``@context`` object of the published ``context.jsonld``."""
    try:
        doc = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        msg = f"cannot read the JSON-LD context {CONTEXT_PATH}: {e}"
        raise RDFError(msg) from e
    context: dict[str, Any] = doc["@context"]
    return context
