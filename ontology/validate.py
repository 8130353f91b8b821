"""SHACL validation of RDF in the alliance ontology, with a readable report.

:func:`validate` runs pySHACL with ``shapes.ttl`` as the shapes graph and the
ontology (``alliance.ttl`` + ``schemes.ttl``) as the ontology graph, so that
``sh:targetClass ak:Event`` reaches every subclass and ``sh:class skos:Concept``
finds the concepts of the schemes. Each result becomes a :class:`Violation`
that says which node (with its label), which shape and path, and why.
Warnings (severity ``sh:Warning``) are reported but do not break conformance.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node as RDFNode

from graph.errors import RDFError
from ontology.inference import INFERENCE_MODES
from ontology.vocabulary import RDF, RDF_TYPE, RDFS, SH, SHAPES_IRI, curie, ontology_graph, shapes_graph


@dataclass(frozen=True)
class Violation:
    """One SHACL result, spelled for people.

    Attributes:
        focus: IRI of the node that failed.
        focus_label: its ``rdfs:label`` when it has one.
        shape: the node shape (compact IRI) the rule belongs to.
        path: the property path checked (compact), if any.
        severity: ``Violation``, ``Warning`` or ``Info``.
        message: why.
        value: the offending value, if the result names one.
    """

    focus: str
    focus_label: str | None
    shape: str
    path: str | None
    severity: str
    message: str
    value: str | None = None

    def describe(self) -> str:
        """One line: node, shape/path, why."""
        who = f"{self.focus} ({self.focus_label!r})" if self.focus_label else self.focus
        where = f"{self.shape} {self.path}" if self.path else self.shape
        value = f" [value: {self.value}]" if self.value is not None else ""
        return f"{self.severity}: {who} — {where}: {self.message}{value}"


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    text: str = ""
    """pySHACL's own text report."""

    @property
    def errors(self) -> list[Violation]:
        """Results of severity Violation."""
        return [v for v in self.violations if v.severity == "Violation"]

    @property
    def warnings(self) -> list[Violation]:
        """Results of severity Warning or Info."""
        return [v for v in self.violations if v.severity != "Violation"]

    def describe(self) -> str:
        """A readable multi-line summary."""
        head = "conforms" if self.conforms else "does NOT conform"
        lines = [f"{head}: {len(self.errors)} violation(s), {len(self.warnings)} warning(s)"]
        lines.extend(v.describe() for v in self.violations)
        return "\n".join(lines)


def _label(graph: Graph, node: RDFNode) -> str | None:
    value = graph.value(node, URIRef(RDFS + "label"))
    return str(value) if value is not None else None


def _shape_name(shapes: Graph, shape: RDFNode | None) -> str:
    if shape is None:
        return "?"
    if isinstance(shape, URIRef):
        return _shape_curie(str(shape))
    parent = shapes.value(predicate=URIRef(SH + "property"), object=shape)
    if isinstance(parent, URIRef):
        return _shape_curie(str(parent))
    for alternative in (SH + "or", SH + "and", SH + "not", SH + "xone"):
        holder = _list_holder(shapes, shape, URIRef(alternative))
        if holder is not None:
            return _shape_name(shapes, holder)
    return "(anonymous shape)"


def _shape_curie(iri: str) -> str:
    namespace = SHAPES_IRI + "#"
    return "aksh:" + iri[len(namespace) :] if iri.startswith(namespace) else curie(iri)


def _list_holder(shapes: Graph, member: RDFNode, predicate: URIRef) -> RDFNode | None:
    rest, first = URIRef(RDF + "rest"), URIRef(RDF + "first")
    cell = shapes.value(predicate=first, object=member)
    while cell is not None:
        holder = shapes.value(predicate=predicate, object=cell)
        if holder is not None:
            return holder
        cell = shapes.value(predicate=rest, object=cell)
    return None


def _path_name(path: RDFNode | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return curie(str(path))
    return "(complex path)"


def _violations(results: Graph, data: Graph, shapes: Graph) -> Iterator[Violation]:
    sh = SH
    for result in results.subjects(URIRef(RDF_TYPE), URIRef(sh + "ValidationResult")):
        focus = results.value(result, URIRef(sh + "focusNode"))
        shape = results.value(result, URIRef(sh + "sourceShape"))
        severity = results.value(result, URIRef(sh + "resultSeverity"))
        messages = sorted(str(m) for m in results.objects(result, URIRef(sh + "resultMessage")))
        value = results.value(result, URIRef(sh + "value"))
        constraint = results.value(result, URIRef(sh + "sourceConstraintComponent"))
        message = "; ".join(messages) or (curie(str(constraint)) if constraint is not None else "constraint failed")
        yield Violation(
            focus=str(focus),
            focus_label=_label(data, focus) if focus is not None else None,
            shape=_shape_name(shapes, shape),
            path=_path_name(results.value(result, URIRef(sh + "resultPath"))),
            severity=str(severity).removeprefix(sh) if severity is not None else "Violation",
            message=message,
            value=str(value) if value is not None else None,
        )


def validate(
    data_graph: Graph,
    inference: str = "none",
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    keep_data: bool = True,
) -> ValidationReport:
    """Validate ``data_graph`` against the shapes.

    Args:
        data_graph: the RDF to check (not modified, unless ``keep_data`` is False).
        inference: ``none`` (default; the ontology's subclass axioms are enough
            for class targets), ``rdfs``, ``owlrl`` or ``both``.
        shapes: shapes graph (default ``shapes.ttl``).
        ontology: ontology graph (default ``alliance.ttl`` + ``schemes.ttl``).
        keep_data: False when ``data_graph`` was built for this check alone: the ontology (and any
            inferred triples) are then added to it rather than to a copy, which saves copying it.

    Raises:
        RDFError: unknown inference mode, or pySHACL failed.
    """
    import pyshacl

    if inference not in INFERENCE_MODES:
        msg = f"unknown inference {inference!r}; use one of {', '.join(INFERENCE_MODES)}"
        raise RDFError(msg)
    shapes_g = shapes if shapes is not None else shapes_graph()
    onto_g = ontology if ontology is not None else ontology_graph()
    try:
        conforms, results, text = pyshacl.validate(
            data_graph,
            shacl_graph=shapes_g,
            ont_graph=onto_g,
            inference=inference,
            allow_warnings=True,
            inplace=not keep_data,
            advanced=False,
        )
    except Exception as e:  # pySHACL reports shape errors with its own types
        msg = f"SHACL validation failed to run: {e}"
        raise RDFError(msg) from e
    if not isinstance(results, Graph):
        msg = "pySHACL returned no results graph"
        raise RDFError(msg)
    violations = sorted(
        _violations(results, data_graph, shapes_g), key=lambda v: (v.severity != "Violation", v.focus, v.shape)
    )
    return ValidationReport(conforms=bool(conforms), violations=violations, text=str(text))


def validate_file(path: Path, fmt: str | None = None, inference: str = "none") -> ValidationReport:
    """Parse an RDF file and validate it (see :func:`validate`)."""
    from ontology.rdf_import import read_rdf_file

    return validate(read_rdf_file(path, fmt), inference=inference)
