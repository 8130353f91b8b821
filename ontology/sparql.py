"""SPARQL over an RDF export (a file) or over the current store's export.

The dataset is the data plus, by default, the ontology and the SKOS schemes,
so queries can use the class hierarchy (``a/rdfs:subClassOf* ak:Incident``)
and the concepts' preferred labels. The project's prefixes (``ak:``,
``skos:``, ``prov:``, ...) are predeclared. Example queries live in
``ontology/queries/*.rq`` and can be named without their extension.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node as RDFNode

from graph.errors import QueryError
from graph.schema import DEFAULT_BASE
from graph.store import GraphStore
from ontology.rdf_export import to_rdflib
from ontology.rdf_import import read_rdf_file
from ontology.vocabulary import ONTOLOGY_DIR, PREFIXES, curie, ontology_graph

QUERIES_DIR = ONTOLOGY_DIR / "queries"
"""Bundled example queries (``*.rq``)."""


@dataclass
class SparqlResult:
    """Rows of a SELECT (or the answer of an ASK, as one row; or the triples of a CONSTRUCT)."""

    columns: list[str]
    rows: list[list[RDFNode | None]] = field(default_factory=list)
    truncated: bool = False


def example_queries() -> dict[str, Path]:
    """Bundled queries by name (file stem)."""
    return {path.stem: path for path in sorted(QUERIES_DIR.glob("*.rq"))}


def read_query(query_or_file: str) -> str:
    """The query text: a bundled query's name, a ``.rq`` file, or the query itself.

    Raises:
        QueryError: a named file cannot be read.
    """
    examples = example_queries()
    if query_or_file in examples:
        return examples[query_or_file].read_text(encoding="utf-8")
    stripped = query_or_file.strip()
    looks_like_path = "\n" not in stripped and (stripped.endswith((".rq", ".sparql")) or Path(stripped).is_file())
    if looks_like_path:
        try:
            return Path(stripped).read_text(encoding="utf-8")
        except OSError as e:
            msg = f"cannot read the query file {stripped}: {e}"
            raise QueryError(msg) from e
    return query_or_file


def dataset(
    data: Path | None = None,
    store: GraphStore | None = None,
    include_ontology: bool = True,
    base: str = DEFAULT_BASE,
) -> Graph:
    """The graph to query: an RDF file, or the export of ``store``, plus the ontology.

    Raises:
        QueryError: neither a file nor a store was given.
        RDFError: the file is not valid RDF.
    """
    graph = ontology_graph() if include_ontology else Graph()
    if data is not None:
        read_rdf_file(data, graph=graph)
    elif store is not None:
        graph += to_rdflib(store, base)
    else:
        msg = "give an RDF file (--data) or a store to query"
        raise QueryError(msg)
    return graph


def run_query(graph: Graph, query: str, limit: int | None = None) -> SparqlResult:
    """Run a SPARQL query (SELECT, ASK or CONSTRUCT/DESCRIBE) on ``graph``.

    Raises:
        QueryError: the query is not valid SPARQL or fails.
    """
    try:
        result = graph.query(query, initNs=PREFIXES)
        if result.type == "ASK":
            return SparqlResult(columns=["ask"], rows=[[Literal(bool(result.askAnswer))]])
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            out = SparqlResult(columns=["subject", "predicate", "object"])
            for triple in result:
                if limit is not None and len(out.rows) >= limit:
                    out.truncated = True
                    break
                out.rows.append(list(triple))  # type: ignore[arg-type]
            return out
        columns = [str(v) for v in (result.vars or [])]
        out = SparqlResult(columns=columns)
        for row in result:
            if limit is not None and len(out.rows) >= limit:
                out.truncated = True
                break
            out.rows.append(list(row))  # type: ignore[arg-type]
        return out
    except QueryError:
        raise
    except Exception as e:  # pyparsing and rdflib evaluation errors
        msg = f"SPARQL query failed: {e}"
        raise QueryError(msg) from e


def show(term: RDFNode | None, base: str = DEFAULT_BASE) -> str:
    """A term as a short string for tables: ``ak:`` names, ``id:`` instances, literal values."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        if text.startswith(base):
            return "id:" + text[len(base) :]
        return curie(text)
    return str(term)
