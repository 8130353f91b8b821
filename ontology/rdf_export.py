"""Export a graph (any :class:`~graph.store.GraphStore`, or a :class:`~graph.model.GraphData`) as RDF.

How the graph is written:

* a node is the subject ``<iri>`` with ``rdf:type`` its most specific class
  (the hierarchy is in the ontology), ``rdfs:label`` its label, and one triple
  per property value (predicates from :func:`graph.schema.prop_iri`);
* a relationship is the triple ``<source> <property> <target>`` (predicates
  from :data:`graph.schema.REL_SPECS`); a relationship that has properties is
  also reified (an ``rdf:Statement`` with a content-derived IRI under the
  instance base) and the properties hang off the statement;
* literal datatypes: dates ``xsd:date``, ints ``xsd:integer``, bools
  ``xsd:boolean``, floats ``xsd:decimal`` for ``confidence`` and
  ``xsd:double`` otherwise, strings are plain except a retrieval time
  (``xsd:dateTime``); lists are repeated triples;
* ``sameAs`` values (``"Q884"`` or an IRI) are written as ``owl:sameAs wd:Q884``.

N-Triples and Turtle are streamed: triples are formatted one by one and
written in small batches, so memory does not grow with the graph. JSON-LD and
RDF/XML go through an in-memory :class:`rdflib.Graph`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, NamedTuple

from rdflib import Graph, Literal, URIRef

from graph.errors import RDFError
from graph.model import GraphData, Node, PropertyValue, Relationship
from graph.schema import DEFAULT_BASE, REL_SPECS, Kind, Prop, prop_iri
from graph.store import GraphStore
from ontology.vocabulary import (
    CONTEXT_IRI,
    DATETIME_PROPS,
    DECIMAL_PROPS,
    IRI_VALUED_PROPS,
    PREFIXES,
    RDF_OBJECT,
    RDF_PREDICATE,
    RDF_STATEMENT,
    RDF_SUBJECT,
    RDF_TYPE,
    RDFS,
    XSD_BOOLEAN,
    XSD_DATE,
    XSD_DATETIME,
    XSD_DECIMAL,
    XSD_DOUBLE,
    XSD_INTEGER,
    bind_prefixes,
    class_iri,
    curie,
    property_predicate,
    published_context,
    same_as_iri,
)

RDFS_LABEL = RDFS + "label"
SAME_AS_IRI = prop_iri(Prop.SAME_AS)

FORMATS: dict[str, str] = {
    "ttl": "turtle",
    "turtle": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "jsonld": "json-ld",
    "json-ld": "json-ld",
    "xml": "xml",
    "rdf": "xml",
    "rdfxml": "xml",
    "owl": "xml",
}
"""Accepted format names (and file extensions) -> rdflib format name."""

STREAMED_FORMATS = frozenset({"nt", "turtle"})

_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot contain at all (so RDF/XML cannot carry them)."""

_BATCH_LINES = 4096


class Lit(NamedTuple):
    """A literal object: lexical form and datatype IRI (None for a plain string)."""

    lexical: str
    datatype: str | None = None


Obj = str | Lit
"""An object: an IRI (``str``) or a literal."""

Triple = tuple[str, str, Obj]


@dataclass
class ExportReport:
    """What an export wrote."""

    format: str
    triples: int
    nodes: int
    relationships: int
    seconds: float


def rdf_format(name: str) -> str:
    """The rdflib format name of a user-facing format name or file extension.

    Raises:
        RDFError: the format is not one of ttl, nt, jsonld, xml.
    """
    key = name.lower().lstrip(".")
    try:
        return FORMATS[key]
    except KeyError as e:
        msg = f"unknown RDF format {name!r}; use one of ttl, nt, jsonld, xml"
        raise RDFError(msg) from e


def guess_format(path: Path) -> str:
    """rdflib format name from a file's extension (``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``/``.xml``)."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "json":
        return "json-ld"
    if suffix not in FORMATS:
        msg = f"cannot tell the RDF format of {path.name} from its extension; give the format (ttl, nt, jsonld, xml)"
        raise RDFError(msg)
    return FORMATS[suffix]


# -- IRIs and literals -------------------------------------------------------

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_SAFE_ABSOLUTE = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\\x7f]*\Z')


def _percent(match: re.Match[str]) -> str:
    return "".join(f"%{b:02X}" for b in match.group(0).encode("utf-8"))


class IriMapper:
    """Turns node IRIs into valid absolute IRIs, optionally moving them to another base.

    Args:
        base: the instance base of the export; IRIs under ``source_base`` are
            rewritten to it, and relative IRIs are resolved against it.
        source_base: the base the graph's IRIs were minted with.
    """

    def __init__(self, base: str = DEFAULT_BASE, source_base: str = DEFAULT_BASE) -> None:
        if not _SCHEME.match(base):
            msg = f"the instance base must be an absolute IRI, got {base!r}"
            raise RDFError(msg)
        self.base = base
        self.source_base = source_base
        self.same_base = base == source_base

    def __call__(self, iri: str) -> str:
        """The IRI to write for ``iri``: characters IRIs cannot hold are percent-encoded."""
        if self.same_base and _SAFE_ABSOLUTE.match(iri):
            return iri
        if self.base != self.source_base and iri.startswith(self.source_base):
            iri = self.base + iri[len(self.source_base) :]
        elif not _SCHEME.match(iri):
            iri = self.base + iri
        if _IRI_FORBIDDEN.search(iri):
            iri = _IRI_FORBIDDEN.sub(_percent, iri)
        return iri


def literal(name: str, value: PropertyValue) -> Lit:
    """The literal of one (scalar) property value.

    Raises:
        RDFError: the value cannot be written (a NaN confidence, an unknown type).
    """
    if isinstance(value, bool):
        return Lit("true" if value else "false", XSD_BOOLEAN)
    if isinstance(value, int):
        return Lit(str(value), XSD_INTEGER)
    if isinstance(value, float):
        if name in DECIMAL_PROPS:
            if not math.isfinite(value):
                msg = f"property {name!r}: {value} cannot be written as xsd:decimal"
                raise RDFError(msg)
            return Lit(format(Decimal(repr(value)), "f"), XSD_DECIMAL)
        if math.isnan(value):
            return Lit("NaN", XSD_DOUBLE)
        if math.isinf(value):
            return Lit("INF" if value > 0 else "-INF", XSD_DOUBLE)
        return Lit(repr(value), XSD_DOUBLE)
    if isinstance(value, dt.date):
        return Lit(value.isoformat(), XSD_DATE)
    if isinstance(value, str):
        return Lit(value, XSD_DATETIME if name in DATETIME_PROPS else None)
    msg = f"property {name!r}: cannot write a value of type {type(value).__name__} as RDF"
    raise RDFError(msg)


def _values(value: PropertyValue) -> list[str | int | float | bool | dt.date]:
    return list(value) if isinstance(value, list) else [value]


def _property_triples(subject: str, props: dict[str, PropertyValue], iris: IriMapper) -> Iterator[Triple]:
    for name in sorted(props):
        predicate = property_predicate(name)
        value = props[name]
        if name in IRI_VALUED_PROPS:
            for item in _values(value):
                yield subject, predicate, iris(same_as_iri(str(item)))
        else:
            for item in _values(value):
                yield subject, predicate, literal(name, item)


def node_triples(node: Node, iris: IriMapper) -> Iterator[Triple]:
    """Triples of one node: its type, label and properties."""
    subject = iris(node.iri)
    yield subject, RDF_TYPE, class_iri(node.kind)
    if node.label:
        yield subject, RDFS_LABEL, Lit(node.label)
    yield from _property_triples(subject, node.props, iris)


def statement_iri(source: str, predicate: str, target: str, base: str) -> str:
    """Content-derived IRI of the reified statement of a relationship."""
    digest = hashlib.sha256("\x1f".join((source, predicate, target)).encode("utf-8")).hexdigest()[:20]
    return f"{base}statement/{digest}"


def relationship_triples(rel: Relationship, iris: IriMapper) -> Iterator[Triple]:
    """The triple of one relationship, plus its reification when it has properties."""
    source, target = iris(rel.source), iris(rel.target)
    predicate = REL_SPECS[rel.type].iri
    yield source, predicate, target
    if rel.props:
        statement = statement_iri(source, predicate, target, iris.base)
        yield statement, RDF_TYPE, RDF_STATEMENT
        yield statement, RDF_SUBJECT, source
        yield statement, RDF_PREDICATE, predicate
        yield statement, RDF_OBJECT, target
        yield from _property_triples(statement, rel.props, iris)


Source = GraphStore | GraphData


def _records(source: Source) -> tuple[Iterable[Node], Iterable[Relationship]]:
    if isinstance(source, GraphData):
        merged = source.merged()
        return merged.nodes, merged.relationships
    return source.iter_nodes(), source.iter_relationships()


class _Counter:
    def __init__(self) -> None:
        self.nodes = 0
        self.relationships = 0


def iter_triples(source: Source, base: str = DEFAULT_BASE, counter: _Counter | None = None) -> Iterator[Triple]:
    """Every triple of the graph, nodes first, streamed from the store."""
    iris = IriMapper(base)
    nodes, rels = _records(source)
    count = counter or _Counter()
    for node in nodes:
        count.nodes += 1
        yield from node_triples(node, iris)
    for rel in rels:
        count.relationships += 1
        yield from relationship_triples(rel, iris)


# -- streamed N-Triples and Turtle -----------------------------------------

_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
for _code in [*range(0x20), 0x7F]:
    _ESCAPES.setdefault(_code, f"\\u{_code:04X}")
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')


def quote(text: str) -> str:
    """A string as an N-Triples/Turtle quoted literal (with escapes).

    >>> print(quote('say "hi"\\n'))
    "say \\"hi\\"\\n"
    """
    if _NEEDS_ESCAPE.search(text):
        text = text.translate(_ESCAPE_TABLE)
    return f'"{text}"'


def ntriples_object(obj: Obj) -> str:
    """An object in N-Triples syntax."""
    if isinstance(obj, Lit):
        if obj.datatype is None:
            return quote(obj.lexical)
        return f"{quote(obj.lexical)}^^<{obj.datatype}>"
    return f"<{obj}>"


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        msg = f"text cannot be written as UTF-8 (lone surrogate?): {text[max(0, e.start - 20) : e.end + 20]!r}"
        raise RDFError(msg) from e


def _nt_literal(name: str, value: str | int | float | bool | dt.date) -> str:
    """N-Triples spelling of one property value (the fast path of :func:`literal`)."""
    kind = type(value)
    if kind is str:
        if name in DATETIME_PROPS:
            return f"{quote(value)}^^<{XSD_DATETIME}>"  # type: ignore[arg-type]
        return quote(value)  # type: ignore[arg-type]
    if kind is int:
        return f'"{value}"^^<{XSD_INTEGER}>'
    if kind is dt.date:
        return f'"{value.isoformat()}"^^<{XSD_DATE}>'  # type: ignore[union-attr]
    return ntriples_object(literal(name, value))


class _NTriplesWriter:
    """Formats records straight to N-Triples lines, with per-term caches of constant spellings."""

    def __init__(self, base: str) -> None:
        self.iris = IriMapper(base)
        self.type_tails = {kind: f" <{RDF_TYPE}> <{class_iri(kind)}> .\n" for kind in Kind}
        self.rel_predicates = {rel: f" <{spec.iri}> <" for rel, spec in REL_SPECS.items()}
        self.predicates: dict[str, str] = {}
        self.label = f" <{RDFS_LABEL}> "

    def predicate(self, name: str) -> str:
        spelled = self.predicates.get(name)
        if spelled is None:
            spelled = self.predicates[name] = f" <{property_predicate(name)}> "
        return spelled

    def props(self, subject: str, props: dict[str, PropertyValue], lines: list[str]) -> None:
        for name, value in props.items():
            predicate = self.predicate(name)
            items: list[Any] | tuple[Any] = value if isinstance(value, list) else (value,)
            if name in IRI_VALUED_PROPS:
                for item in items:
                    lines.append(f"{subject}{predicate}<{self.iris(same_as_iri(str(item)))}> .\n")
            else:
                for item in items:
                    lines.append(f"{subject}{predicate}{_nt_literal(name, item)} .\n")

    def node(self, node: Node, lines: list[str]) -> None:
        subject = f"<{self.iris(node.iri)}>"
        lines.append(subject + self.type_tails[node.kind])
        if node.label:
            lines.append(f"{subject}{self.label}{quote(node.label)} .\n")
        if node.props:
            self.props(subject, node.props, lines)

    def relationship(self, rel: Relationship, lines: list[str]) -> None:
        if rel.props:
            for s, p, o in relationship_triples(rel, self.iris):
                lines.append(f"<{s}> <{p}> {ntriples_object(o)} .\n")
            return
        lines.append(f"<{self.iris(rel.source)}>{self.rel_predicates[rel.type]}{self.iris(rel.target)}> .\n")


def write_ntriples(source: Source, out: IO[str], base: str = DEFAULT_BASE) -> ExportReport:
    """Stream the graph to ``out`` as N-Triples, one line per triple.

    Lines are formatted directly from the records (the same triples as
    :func:`iter_triples`, which the tests check) and written in batches of a
    few thousand, so memory stays flat whatever the size of the graph.
    """
    t0 = time.perf_counter()
    writer = _NTriplesWriter(base)
    nodes, rels = _records(source)
    lines: list[str] = []
    triples = n_nodes = n_rels = 0
    for node in nodes:
        n_nodes += 1
        writer.node(node, lines)
        if len(lines) >= _BATCH_LINES:
            triples += len(lines)
            _flush(out, lines)
            lines = []
    for rel in rels:
        n_rels += 1
        writer.relationship(rel, lines)
        if len(lines) >= _BATCH_LINES:
            triples += len(lines)
            _flush(out, lines)
            lines = []
    triples += len(lines)
    _flush(out, lines)
    return ExportReport("nt", triples, n_nodes, n_rels, time.perf_counter() - t0)


def _flush(out: IO[str], lines: list[str]) -> None:
    chunk = "".join(lines)
    try:
        out.write(chunk)
    except UnicodeEncodeError as e:
        _check_text(chunk)
        raise RDFError(str(e)) from e


class _TurtleTerms:
    """Caches the Turtle spelling of predicates, classes and datatypes (prefixed names)."""

    _SAFE_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def name(self, iri: str) -> str:
        spelled = self._cache.get(iri)
        if spelled is None:
            compact = curie(iri)
            local = compact.partition(":")[2]
            spelled = compact if compact != iri and self._SAFE_LOCAL.match(local) else f"<{iri}>"
            self._cache[iri] = spelled
        return spelled

    def obj(self, obj: Obj, vocabulary: bool) -> str:
        if isinstance(obj, Lit):
            if obj.datatype is None:
                return quote(obj.lexical)
            return f"{quote(obj.lexical)}^^{self.name(obj.datatype)}"
        return self.name(obj) if vocabulary else f"<{obj}>"


_VOCABULARY_OBJECTS = frozenset({RDF_TYPE, RDF_PREDICATE, SAME_AS_IRI})
"""Predicates whose objects Turtle writes as prefixed names when it can (classes, properties, ``wd:Q884``)."""


def write_turtle(source: Source, out: IO[str], base: str = DEFAULT_BASE) -> ExportReport:
    """Stream the graph to ``out`` as Turtle: prefixes, then one block per subject run."""
    t0 = time.perf_counter()
    counter = _Counter()
    terms = _TurtleTerms()
    lines: list[str] = [f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES.items()]
    lines.append(f"# instance base: {base}\n")
    current: str | None = None
    triples = 0
    for s, p, o in iter_triples(source, base, counter):
        triples += 1
        vocabulary = p in _VOCABULARY_OBJECTS
        predicate = "a" if p == RDF_TYPE else terms.name(p)
        obj = terms.obj(o, vocabulary)
        if s == current:
            lines.append(f" ;\n    {predicate} {obj}")
        else:
            if current is not None:
                lines.append(" .\n")
            lines.append(f"\n<{s}> {predicate} {obj}")
            current = s
        if len(lines) >= _BATCH_LINES:
            _flush(out, lines)
            lines = []
    if current is not None:
        lines.append(" .\n")
    _flush(out, lines)
    return ExportReport("turtle", triples, counter.nodes, counter.relationships, time.perf_counter() - t0)


# -- rdflib graph (JSON-LD, RDF/XML) ------------------------------------------


def rdf_term(obj: Obj) -> URIRef | Literal:
    """The rdflib term of an object."""
    if isinstance(obj, Lit):
        return Literal(obj.lexical, datatype=URIRef(obj.datatype) if obj.datatype else None)
    return URIRef(obj)


def to_rdflib(source: Source, base: str = DEFAULT_BASE) -> Graph:
    """The whole graph as an in-memory :class:`rdflib.Graph` (prefixes bound)."""
    graph = Graph()
    bind_prefixes(graph, base)
    for s, p, o in iter_triples(source, base):
        graph.add((URIRef(s), URIRef(p), rdf_term(o)))
    return graph


def jsonld_document(graph: Graph) -> str:
    """JSON-LD of ``graph``, compacted with the published context and referencing it by IRI."""
    context = published_context()
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)
    doc = json.loads(text)
    if isinstance(doc, dict):
        doc["@context"] = CONTEXT_IRI
    else:  # a bare list of node objects: wrap it so it can carry the context
        doc = {"@context": CONTEXT_IRI, "@graph": doc}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def write_rdf(source: Source, out: IO[str], fmt: str, base: str = DEFAULT_BASE) -> ExportReport:
    """Write the graph in any supported format (``fmt`` as in :data:`FORMATS`)."""
    name = rdf_format(fmt)
    if name == "nt":
        return write_ntriples(source, out, base)
    if name == "turtle":
        return write_turtle(source, out, base)
    t0 = time.perf_counter()
    counter = _Counter()
    graph = Graph()
    bind_prefixes(graph, base)
    for s, p, o in iter_triples(source, base, counter):
        if name == "xml" and isinstance(o, Lit) and _XML_FORBIDDEN.search(o.lexical):
            bad = _XML_FORBIDDEN.search(o.lexical)
            code = ord(bad.group(0)) if bad else 0
            msg = (f"RDF/XML cannot hold the control character U+{code:04X} (in {curie(p)} of <{s}>); "
                   "export as Turtle, N-Triples or JSON-LD instead")
            raise RDFError(msg)
        graph.add((URIRef(s), URIRef(p), rdf_term(o)))
    text = jsonld_document(graph) if name == "json-ld" else graph.serialize(format="xml")
    _flush(out, [text])
    return ExportReport(name, len(graph), counter.nodes, counter.relationships, time.perf_counter() - t0)


def export_file(source: Source, path: Path, fmt: str | None = None, base: str = DEFAULT_BASE) -> ExportReport:
    """Write the graph to ``path`` (format from ``fmt`` or the file extension).

    Raises:
        RDFError: unknown format, unwritable file, or a value RDF cannot hold.
    """
    name = rdf_format(fmt) if fmt else guess_format(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as out:
            return write_rdf(source, out, name, base)
    except OSError as e:
        msg = f"cannot write {path}: {e}"
        raise RDFError(msg) from e


def export_string(source: Source, fmt: str, base: str = DEFAULT_BASE) -> str:
    """The graph serialised in memory (small graphs, tests)."""
    import io

    buffer = io.StringIO()
    write_rdf(source, buffer, fmt, base)
    return buffer.getvalue()
