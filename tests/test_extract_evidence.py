"""Evidence and graph shape: every assertion has an exact span, every record is a valid model."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from extractors.document import SourceDocument
from extractors.rules import EXTRACTOR, extract_document
from extractors.rules.evidence import GraphBuilder
from graph.model import GraphData, Node, Relationship, make_iri
from graph.nx_store import NetworkXStore
from graph.schema import DEFAULT_BASE, Kind, Prop, Rel, is_a

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

COMMUNIQUE = """JOINT COMMUNIQUE
The 49th ROK-U.S. Security Consultative Meeting

1. The 49th Republic of Korea (ROK) - United States (U.S.) Security Consultative Meeting (SCM) was held \
in Seoul on October 28, 2017. ROK Minister of National Defense Song Young-moo and U.S. Secretary of \
Defense Jim Mattis led their respective delegations.

2. The Minister and the Secretary strongly condemned North Korea's sixth nuclear test of September 3, 2017.

3. In light of the sixth nuclear test, Secretary Mattis reaffirmed the ironclad U.S. commitment to provide \
extended deterrence for the ROK using the full range of military capabilities, including the U.S. nuclear umbrella.
"""


def make_doc(text: str, date: dt.date | None = dt.date(2017, 10, 28), kind: str = "communique") -> SourceDocument:
    return SourceDocument(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind=kind, title="t")


@pytest.fixture(scope="module")
def graph() -> GraphData:
    return extract_document(make_doc(COMMUNIQUE))


def test_every_mention_is_the_exact_span(graph: GraphData) -> None:
    text = COMMUNIQUE
    mentions = [n for n in graph.nodes if n.kind == Kind.MENTION]
    assert len(mentions) > 20
    for m in mentions:
        start, end = m.props[Prop.CHAR_START.value], m.props[Prop.CHAR_END.value]
        assert isinstance(start, int) and isinstance(end, int)
        assert m.props[Prop.TEXT.value] == text[start:end]
        assert m.props[Prop.EXTRACTOR.value] == EXTRACTOR
        confidence = m.props[Prop.CONFIDENCE.value]
        assert isinstance(confidence, float) and 0 < confidence <= 1
        assert isinstance(m.props[Prop.PARAGRAPH.value], int)


def test_every_asserted_node_has_evidence_and_is_mentioned(graph: GraphData) -> None:
    nodes = graph.node_map()
    doc = next(n for n in graph.nodes if n.kind == Kind.DOCUMENT)
    evidenced = {r.source for r in graph.relationships if r.type == Rel.EVIDENCE}
    mentioned = {r.target for r in graph.relationships if r.type == Rel.MENTIONS and r.source == doc.iri}
    derived = {r.source for r in graph.relationships if r.type == Rel.WAS_DERIVED_FROM and r.target == doc.iri}
    for node in graph.nodes:
        if node.kind in (Kind.MENTION, Kind.DOCUMENT, Kind.CONCEPT, Kind.THREAT):
            continue
        assert node.iri in evidenced, node
        assert node.iri in mentioned, node
    assert {n.iri for n in graph.nodes if n.kind == Kind.MENTION} == derived
    for rel in graph.relationships:
        assert rel.source in nodes and rel.target in nodes, rel


def test_records_are_valid_models(graph: GraphData) -> None:
    for node in graph.nodes:
        assert Node.model_validate(node.model_dump()) == node
    for rel in graph.relationships:
        assert Relationship.model_validate(rel.model_dump()) == rel
    keys = [r.key for r in graph.relationships]
    assert len(keys) == len(set(keys))
    assert len({n.iri for n in graph.nodes}) == len(graph.nodes)


def test_document_node_and_recorded_meeting(graph: GraphData) -> None:
    doc = next(n for n in graph.nodes if n.kind == Kind.DOCUMENT)
    assert doc.props[Prop.DOC_KIND.value] == "communique"
    assert doc.props[Prop.DATE.value] == dt.date(2017, 10, 28)
    assert doc.iri == make_iri(Kind.DOCUMENT, hashlib.sha256(COMMUNIQUE.encode()).hexdigest())
    [issued] = [r.target for r in graph.relationships if r.type == Rel.ISSUED_AT]
    scm = graph.node_map()[issued]
    assert scm.kind == Kind.SCM
    assert scm.props[Prop.ORDINAL.value] == 49


def test_extraction_is_deterministic_and_base_configurable() -> None:
    doc = make_doc(COMMUNIQUE)
    a, b = extract_document(doc), extract_document(doc)
    assert {n.iri for n in a.nodes} == {n.iri for n in b.nodes}
    assert {r.key for r in a.relationships} == {r.key for r in b.relationships}
    other = extract_document(doc, base="https://example.org/kg/")
    instance_iris = [n.iri for n in other.nodes if n.kind != Kind.CONCEPT]
    assert instance_iris and all(i.startswith("https://example.org/kg/") for i in instance_iris)


def test_mention_iri_matches_the_shared_iri_rule() -> None:
    doc = make_doc("Seoul and Washington agreed.")
    builder = GraphBuilder(doc, DEFAULT_BASE, [0], [1])
    assert builder.mention_iri(0, 5) == make_iri(Kind.MENTION, builder.doc_iri, 0, 5)


def test_graph_loads_into_the_embedded_store(graph: GraphData) -> None:
    store = NetworkXStore()
    store.load(graph)
    counts = store.count_by_kind()
    assert counts.get(Kind.MENTION.value, 0) == sum(1 for n in graph.nodes if n.kind == Kind.MENTION)
    commitment = next(n for n in graph.nodes if n.kind == Kind.COMMITMENT)
    detail = store.get_node(commitment.iri)
    assert detail.evidence, "the store returns the commitment's evidence"
    assert any(e.mention.props[Prop.TEXT.value].startswith("In light of") for e in detail.evidence)


def test_paragraphs_fall_back_to_blank_lines() -> None:
    doc = make_doc(COMMUNIQUE)
    assert doc.paragraphs == []
    graph = extract_document(doc)
    paragraphs = {n.props[Prop.PARAGRAPH.value] for n in graph.nodes if n.kind == Kind.MENTION}
    assert paragraphs == {1, 2, 3}


@pytest.mark.parametrize("path", sorted((CORPUS / "communiques").glob("*.txt"))[:6], ids=lambda p: p.name)
def test_sample_corpus_spans(path: Path) -> None:
    from extractors.readers import read_document

    doc = read_document(path)
    graph = extract_document(doc)
    for node in graph.nodes:
        if node.kind == Kind.MENTION:
            s, e = node.props[Prop.CHAR_START.value], node.props[Prop.CHAR_END.value]
            assert isinstance(s, int) and isinstance(e, int)
            assert node.props[Prop.TEXT.value] == doc.text[s:e]
    assert any(is_a(n.kind, Kind.MEETING) for n in graph.nodes)


def test_empty_document_gives_only_the_document_node() -> None:
    graph = extract_document(make_doc("   \n\n  "))
    assert [n.kind for n in graph.nodes] == [Kind.DOCUMENT]
    assert graph.relationships == []


@pytest.mark.parametrize(
    "unit",
    [
        pytest.param("the Minister reaffirmed extended deterrence and ", id="one-endless-sentence"),
        pytest.param(
            "SCM Cheonan the test these launches nuclear test North Korea Seoul October 9 ", id="keyword-soup"
        ),
    ],
)
@pytest.mark.slow
def test_cost_grows_linearly_with_the_text(unit: str) -> None:
    """Pathological inputs (no sentence ends, dense keywords) must not make extraction quadratic.

    The collector is paused while timing: its full collections grow with the
    heap and made a linear run look superlinear on a loaded machine (8.5x for
    4x the text, against 4.3x without them).
    """
    import gc
    import time

    def cpu(repeats: int) -> float:
        doc = make_doc(unit * repeats)
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            graph = extract_document(doc)
            spent = time.process_time() - start
        finally:
            gc.enable()
        assert graph.nodes
        return spent

    cpu(50)  # warm the lexicon
    small = min(cpu(1000), cpu(1000))
    large = min(cpu(4000), cpu(4000))
    assert large < 8 * max(small, 0.02), (small, large)


def test_extraction_of_the_sample_corpus_passes_the_shapes() -> None:
    """The RDF export of the extracted sample corpus has no SHACL violation (warnings allowed)."""
    from extractors.readers import read_document
    from ontology.rdf_export import to_rdflib
    from ontology.validate import validate

    paths = [p for p in sorted(CORPUS.glob("*/*.*")) if p.suffix in {".txt", ".html", ".pdf"}]
    assert len(paths) >= 20
    merged = GraphData()
    for path in paths:
        merged.extend(extract_document(read_document(path)))
    report = validate(to_rdflib(merged.merged()))
    violations = [v for v in report.violations if v.severity == "Violation"]
    assert violations == []


def test_commitment_iri_matches_the_shared_iri_rule() -> None:
    doc = make_doc("The Secretary reaffirmed extended deterrence.")
    builder = GraphBuilder(doc, DEFAULT_BASE, [0], [1])
    assert builder.commitment_iri(0) == make_iri(Kind.COMMITMENT, builder.doc_iri, 0)
