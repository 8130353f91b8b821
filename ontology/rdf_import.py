"""Read RDF in the alliance ontology back into the graph model (and into any store).

The inverse of :mod:`ontology.rdf_export`: a subject typed with a class of the
ontology becomes a node of the most specific kind among its types; object
properties of :data:`graph.schema.REL_SPECS` become relationships; the
datatype properties of :class:`graph.schema.Prop` become node properties;
reified ``rdf:Statement`` s give relationships their properties. Anything else
(triples about terms the graph model has no place for) is skipped and
counted in :attr:`ImportReport.skipped`.

Parse errors become :class:`~graph.errors.RDFError` naming the line.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.exceptions import ParserError
from rdflib.plugins.parsers.ntriples import NTGraphSink, W3CNTriplesParser

from graph.errors import RDFError
from graph.model import GraphData, Node, PropertyValue, Relationship
from graph.schema import SKOS, Kind, Prop, Rel, concept_local_name, lineage
from graph.store import GraphStore, LoadReport
from ontology.rdf_export import guess_format, rdf_format
from ontology.vocabulary import (
    CONTEXT_IRI,
    IRI_VALUED_PROPS,
    LIST_PROPS,
    RDF_OBJECT,
    RDF_PREDICATE,
    RDF_STATEMENT,
    RDF_SUBJECT,
    RDF_TYPE,
    RDFS,
    kind_by_class,
    ontology_graph,
    prop_by_predicate,
    published_context,
    rel_by_predicate,
    same_as_value,
)

_LINE = re.compile(r"line (\d+)", re.IGNORECASE)


@dataclass
class ImportReport:
    """What an import read and what it could not map."""

    triples: int = 0
    nodes: int = 0
    relationships: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    """Reasons for skipped triples (with counts)."""
    added: Counter[str] = field(default_factory=Counter)
    """Records added that the RDF did not describe (with counts)."""
    load: LoadReport | None = None


# -- parsing -------------------------------------------------------------------


def _parse_ntriples(text: str, graph: Graph, name: str) -> None:
    parser = W3CNTriplesParser(NTGraphSink(graph))
    bnodes: dict[str, BNode] = {}
    for number, raw in enumerate(io.StringIO(text, newline=None), start=1):
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        parser.line = line
        try:
            parser.parseline(bnode_context=bnodes)
        except ParserError as e:
            msg = f"{name}: invalid N-Triples at line {number}: {e} (line starts {line[:80]!r})"
            raise RDFError(msg) from e


def _resolve_context(doc: Any) -> Any:
    """Replace references to the published context by its local copy (no network)."""
    if isinstance(doc, dict):
        out = {}
        for key, value in doc.items():
            if key == "@context":
                out[key] = _context_value(value)
            else:
                out[key] = _resolve_context(value)
        return out
    if isinstance(doc, list):
        return [_resolve_context(item) for item in doc]
    return doc


def _context_value(value: Any) -> Any:
    if value == CONTEXT_IRI:
        return published_context()
    if isinstance(value, list):
        return [_context_value(item) for item in value]
    return value


def _parse_jsonld(text: str, graph: Graph, name: str) -> None:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        msg = f"{name}: invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}"
        raise RDFError(msg) from e
    try:
        with warnings.catch_warnings():
            # rdflib 7's JSON-LD parser builds a ConjunctiveGraph internally and warns about it
            warnings.filterwarnings("ignore", message=".*ConjunctiveGraph is deprecated.*", category=DeprecationWarning)
            graph.parse(data=json.dumps(_resolve_context(doc)), format="json-ld")
    except Exception as e:  # rdflib's JSON-LD processor raises many types
        msg = f"{name}: invalid JSON-LD: {e}"
        raise RDFError(msg) from e


def _parse_xml(text: str, graph: Graph, name: str) -> None:
    from xml.sax import SAXParseException

    try:
        graph.parse(data=text, format="xml")
    except SAXParseException as e:
        msg = f"{name}: invalid RDF/XML at line {e.getLineNumber()}, column {e.getColumnNumber()}: {e.getMessage()}"
        raise RDFError(msg) from e
    except Exception as e:  # rdflib's RDF/XML handler raises plain errors for bad RDF structure
        msg = f"{name}: invalid RDF/XML: {e}"
        raise RDFError(msg) from e


def _parse_turtle(text: str, graph: Graph, name: str) -> None:
    from rdflib.plugins.parsers.notation3 import BadSyntax

    try:
        graph.parse(data=text, format="turtle")
    except BadSyntax as e:
        found = _LINE.search(str(e))
        line = found.group(1) if found else str(e.lines + 1)
        reason = getattr(e, "_why", "") or str(e).splitlines()[-1]
        msg = f"{name}: invalid Turtle at line {line}: {reason}"
        raise RDFError(msg) from e
    except Exception as e:  # e.g. an undefined prefix surfaces as a plain exception
        found = _LINE.search(str(e))
        where = f" at line {found.group(1)}" if found else ""
        msg = f"{name}: invalid Turtle{where}: {e}"
        raise RDFError(msg) from e


def parse_rdf(text: str, fmt: str, name: str = "<data>", graph: Graph | None = None) -> Graph:
    """Parse RDF text (``fmt`` as in :data:`ontology.rdf_export.FORMATS`) into ``graph``.

    Raises:
        RDFError: the text is not valid in that format; the message names the line.
    """
    target = graph if graph is not None else Graph()
    kind = rdf_format(fmt)
    if kind == "nt":
        _parse_ntriples(text, target, name)
    elif kind == "turtle":
        _parse_turtle(text, target, name)
    elif kind == "json-ld":
        _parse_jsonld(text, target, name)
    else:
        _parse_xml(text, target, name)
    return target


def read_rdf_file(path: Path, fmt: str | None = None, graph: Graph | None = None) -> Graph:
    """Parse an RDF file (format from ``fmt`` or its extension).

    Raises:
        RDFError: unreadable file or invalid RDF (naming the line).
    """
    kind = rdf_format(fmt) if fmt else guess_format(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        msg = f"cannot read {path}: {e}"
        raise RDFError(msg) from e
    return parse_rdf(text, kind, name=str(path), graph=graph)


# -- mapping to the graph model ---------------------------------------------


def _python_value(subject: str, name: str, obj: Literal) -> PropertyValue:
    if obj.language is not None or obj.datatype is None:
        return str(obj)
    value = obj.toPython()
    if isinstance(value, Literal):
        msg = f"{subject}: value {str(obj)!r} of {name!r} is not a valid {obj.datatype}"
        raise RDFError(msg)
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal | float):
        return float(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    return str(obj)


def _most_specific(subject: str, kinds: set[Kind]) -> Kind:
    best = max(kinds, key=lambda k: len(lineage(k)))
    others = kinds - set(lineage(best))
    if others:
        names = ", ".join(sorted(k.value for k in kinds))
        msg = f"{subject} has types of unrelated classes ({names}); a node has one most specific class"
        raise RDFError(msg)
    return best


def _collect(values: list[PropertyValue], subject: str, name: str) -> PropertyValue:
    if len(values) == 1 and name not in LIST_PROPS:
        return values[0]
    types = {type(v) for v in values}
    if len(types) > 1 and not types <= {int, float}:
        msg = f"{subject}: property {name!r} has values of several types ({sorted(t.__name__ for t in types)})"
        raise RDFError(msg)
    return sorted(values)  # type: ignore[return-value]


def _add_scheme_concepts(
    nodes: dict[str, Node], relationships: dict[tuple[str, str, str], Relationship], rep: ImportReport
) -> None:
    """Give relationships to concepts of ``schemes.ttl`` their Concept node when the data lacks it.

    The node is what the extractors write for a concept (label = preferred
    label, ``scheme``, ``notation``, ``description`` = definition), with its
    ``skos:broader`` chain.
    """
    wanted = [r.target for r in relationships.values() if r.target not in nodes]
    if not wanted:
        return
    schemes = ontology_graph()
    skos = SKOS
    concept_class = URIRef(skos + "Concept")

    def add(iri: str) -> None:
        subject = URIRef(iri)
        if iri in nodes or (subject, URIRef(RDF_TYPE), concept_class) not in schemes:
            return
        labels = {lit.language: str(lit) for lit in schemes.objects(subject, URIRef(skos + "prefLabel"))
                  if isinstance(lit, Literal)}
        props: dict[str, PropertyValue] = {Prop.NOTATION.value: concept_local_name(iri)}
        scheme = schemes.value(subject, URIRef(skos + "inScheme"))
        if scheme is not None:
            props[Prop.SCHEME.value] = str(scheme)
        definition = schemes.value(subject, URIRef(skos + "definition"))
        if definition is not None:
            props[Prop.DESCRIPTION.value] = str(definition)
        label = labels.get("en") or labels.get(None) or next(iter(labels.values()), concept_local_name(iri))
        nodes[iri] = Node(iri=iri, kind=Kind.CONCEPT, label=label, props=props)
        rep.added["Concept nodes taken from schemes.ttl"] += 1
        for broader in schemes.objects(subject, URIRef(skos + "broader")):
            add(str(broader))
            if str(broader) in nodes:
                key = (iri, Rel.BROADER.value, str(broader))
                relationships.setdefault(key, Relationship(type=Rel.BROADER, source=iri, target=str(broader)))

    for iri in wanted:
        add(iri)


def graph_to_data(graph: Graph, report: ImportReport | None = None, add_concepts: bool = True) -> GraphData:
    """Map an RDF graph in the alliance ontology to nodes and relationships.

    With ``add_concepts``, a relationship to a concept of ``schemes.ttl`` that
    the data does not describe gets the concept's node from the schemes
    (instead of being dropped).

    Raises:
        RDFError: a subject has conflicting classes, or a literal is ill-typed.
    """
    rep = report if report is not None else ImportReport()
    rep.triples += len(graph)
    classes = kind_by_class()
    rels = rel_by_predicate()
    props = prop_by_predicate()
    rdf_type, label_iri = URIRef(RDF_TYPE), URIRef(RDFS + "label")

    kinds: dict[URIRef, set[Kind]] = defaultdict(set)
    statements: set[Any] = set()
    for s, o in graph.subject_objects(rdf_type):
        if str(o) == RDF_STATEMENT:
            statements.add(s)
        elif isinstance(o, URIRef) and str(o) in classes:
            if isinstance(s, URIRef):
                kinds[s].add(classes[str(o)])
            else:
                rep.skipped["typed blank node (a node needs an IRI)"] += 1

    nodes: dict[str, Node] = {}
    relationships: dict[tuple[str, str, str], Relationship] = {}
    for subject in sorted(kinds):
        iri = str(subject)
        kind = _most_specific(iri, kinds[subject])
        labels: list[str] = []
        values: dict[str, list[PropertyValue]] = defaultdict(list)
        for predicate, obj in graph.predicate_objects(subject):
            p = str(predicate)
            if predicate == rdf_type:
                continue
            if predicate == label_iri and isinstance(obj, Literal):
                labels.append(str(obj))
            elif p in rels:
                if isinstance(obj, URIRef):
                    key = (iri, rels[p].value, str(obj))
                    relationships[key] = Relationship(type=rels[p], source=iri, target=str(obj))
                else:
                    rep.skipped[f"{p} to a literal or blank node"] += 1
            elif p in props:
                name = props[p]
                if name in IRI_VALUED_PROPS and isinstance(obj, URIRef):
                    values[name].append(same_as_value(str(obj)))
                elif isinstance(obj, Literal):
                    values[name].append(_python_value(iri, name, obj))
                else:
                    rep.skipped[f"{p} to a resource (kept only literals)"] += 1
            else:
                rep.skipped[f"unknown predicate {p}"] += 1
        if len(labels) > 1:
            rep.skipped[f"extra rdfs:label values (kept the first in sort order) on {iri}"] += 1
        node_props = {name: _collect(vals, iri, name) for name, vals in values.items()}
        nodes[iri] = Node(iri=iri, kind=kind, label=min(labels) if labels else "", props=node_props)

    for statement in statements:
        _apply_statement(graph, statement, relationships, rels, props, rep)

    if add_concepts:
        _add_scheme_concepts(nodes, relationships, rep)
    kept: list[Relationship] = []
    for rel in relationships.values():
        if rel.target in nodes:
            kept.append(rel)
        else:
            rep.skipped[f"{rel.type.value} to a resource that is not a node of the graph"] += 1
    rep.nodes += len(nodes)
    rep.relationships += len(kept)
    return GraphData(nodes=list(nodes.values()), relationships=kept)


def _apply_statement(
    graph: Graph,
    statement: Any,
    relationships: dict[tuple[str, str, str], Relationship],
    rels: dict[str, Rel],
    props: dict[str, str],
    rep: ImportReport,
) -> None:
    subject = graph.value(statement, URIRef(RDF_SUBJECT))
    predicate = graph.value(statement, URIRef(RDF_PREDICATE))
    obj = graph.value(statement, URIRef(RDF_OBJECT))
    if subject is None or predicate is None or obj is None or str(predicate) not in rels:
        rep.skipped["rdf:Statement that is not a relationship of the graph"] += 1
        return
    key = (str(subject), rels[str(predicate)].value, str(obj))
    rel = relationships.get(key)
    if rel is None:
        rep.skipped["rdf:Statement about a triple the graph does not assert"] += 1
        return
    values: dict[str, list[PropertyValue]] = defaultdict(list)
    for p, o in graph.predicate_objects(statement):
        name = props.get(str(p))
        if name is not None and isinstance(o, Literal):
            values[name].append(_python_value(str(statement), name, o))
    rel.props = {name: _collect(vals, str(statement), name) for name, vals in values.items()}


def import_into(store: GraphStore, data: GraphData, report: ImportReport) -> ImportReport:
    """Load mapped data into ``store`` (nodes first) and record the load."""
    report.load = store.load(data)
    return report


def import_file(
    path: Path, store: GraphStore | None = None, fmt: str | None = None
) -> tuple[GraphData, ImportReport]:
    """Read an RDF file and, when ``store`` is given, load it.

    Raises:
        RDFError: invalid RDF or RDF that does not fit the ontology.
    """
    report = ImportReport()
    data = graph_to_data(read_rdf_file(path, fmt), report)
    if store is not None:
        import_into(store, data, report)
    return data, report
