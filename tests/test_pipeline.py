"""The ingest pipeline and the ingest/extract commands, on real stores and real files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from typer.testing import CliRunner

from alliancekg.cli import app
from alliancekg.ingest import expand_paths, ingest_paths
from extractors.document import SourceDocument
from extractors.extract import extract_file
from extractors.readers import read_document
from graph.errors import ExtractionError
from graph.model import GraphData, Node, Relationship, document_iri, make_iri
from graph.nx_store import NetworkXStore
from graph.schema import AK, Kind, Prop, Rel

COMMUNIQUE = """JOINT COMMUNIQUE
The 49th ROK-U.S. Security Consultative Meeting
Seoul, October 28, 2017

1. The 49th Republic of Korea (ROK)-United States (U.S.) Security Consultative Meeting (SCM) was held in Seoul
on October 28, 2017. ROK Minister of National Defense Song Young-moo and U.S. Secretary of Defense James N. Mattis
led their respective delegations.

2. The Minister and the Secretary strongly condemned North Korea's sixth nuclear test on September 3, 2017.

3. The Secretary reaffirmed the continued U.S. commitment to provide extended deterrence for the ROK using the
full range of military capabilities, including the U.S. nuclear umbrella.
"""

NEWS = """<!doctype html><html><head><title>Allies respond | Daily</title>
<meta property="article:published_time" content="2017-09-04"></head>
<body><nav><a>Home</a></nav><article><h1>Allies respond to the test</h1>
<p>SEOUL, Sept. 4 -- South Korea and the United States held a combined missile drill on Monday, a day after
North Korea conducted its sixth nuclear test.</p></article><footer>Copyright</footer></body></html>
"""


def tiny_extract(doc: SourceDocument, base: str) -> GraphData:
    """A small real extractor: the document and one mention per paragraph."""
    doc_iri = make_iri(Kind.DOCUMENT, doc.sha256, base=base)
    nodes = [Node(iri=doc_iri, kind=Kind.DOCUMENT, label=doc.title or "untitled", props={Prop.DOC_KIND: doc.kind})]
    rels: list[Relationship] = []
    for para in doc.paragraphs:
        mention = make_iri(Kind.MENTION, doc_iri, para.start, para.end, base=base)
        nodes.append(
            Node(
                iri=mention,
                kind=Kind.MENTION,
                label=doc.text[para.start : para.end][:40],
                props={
                    Prop.TEXT: doc.text[para.start : para.end],
                    Prop.CHAR_START: para.start,
                    Prop.CHAR_END: para.end,
                    Prop.PARAGRAPH: para.number,
                },
            )
        )
        rels.append(Relationship(type=Rel.WAS_DERIVED_FROM, source=mention, target=doc_iri))
    return GraphData(nodes=nodes, relationships=rels)


def exploding_extract(doc: SourceDocument, base: str) -> GraphData:
    """Fails on documents that say EXPLODE, like a defect in an extractor would."""
    if "EXPLODE" in doc.text:
        raise RuntimeError("extractor defect")
    return tiny_extract(doc, base)


def dangling_extract(doc: SourceDocument, base: str) -> GraphData:
    """Returns, for documents that say DANGLE, a relationship to a node it does not provide."""
    data = tiny_extract(doc, base)
    if "DANGLE" in doc.text:
        data.relationships.append(
            Relationship(type=Rel.MENTIONS, source=data.nodes[0].iri, target=make_iri(Kind.STATE, "nowhere"))
        )
    return data


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "communiques").mkdir(parents=True)
    (root / "news").mkdir()
    (root / "gold").mkdir()
    (root / ".hidden").mkdir()
    (root / "communiques" / "scm-49.txt").write_text(COMMUNIQUE, encoding="utf-8")
    (root / "news" / "test.html").write_text(NEWS, encoding="utf-8")
    (root / "gold" / "scm-49.txt").write_text("gold annotations are not documents", encoding="utf-8")
    (root / ".hidden" / "x.txt").write_text("hidden", encoding="utf-8")
    (root / "news" / ".draft.txt").write_text("draft", encoding="utf-8")
    (root / "news" / "notes.json").write_text("{}", encoding="utf-8")
    return root


def _counts(store: NetworkXStore) -> tuple[dict[str, int], dict[str, int]]:
    return store.count_by_kind(), store.count_by_type()


def test_expand_paths_skips_gold_hidden_and_other_suffixes(corpus: Path) -> None:
    found = [p.relative_to(corpus).as_posix() for p in expand_paths([corpus])]
    assert found == ["communiques/scm-49.txt", "news/test.html"]
    explicit = corpus / "news" / "notes.json"
    assert expand_paths([explicit, corpus / "news" / "test.html", explicit]) == [
        explicit,
        corpus / "news" / "test.html",
    ]


def test_ingest_with_the_real_extractor_and_rerun(corpus: Path, tmp_path: Path) -> None:
    store_file = tmp_path / "graph.json.gz"
    store = NetworkXStore(path=store_file)
    report = ingest_paths([corpus], store, progress=False)
    assert [(Path(f.path).name, f.status) for f in report.files] == [("scm-49.txt", "ok"), ("test.html", "ok")]
    assert report.ok and report.store_file == store_file and store_file.exists()
    kinds, types = _counts(store)
    assert kinds[Kind.DOCUMENT.value] == 2
    assert kinds.get(Kind.SCM.value, 0) >= 1
    assert all(f.nodes > 0 and f.relationships > 0 for f in report.files)
    for f in report.files:
        assert f.document_iri is not None and store.has_node(f.document_iri)

    again = ingest_paths([corpus], store, progress=False)
    assert [f.status for f in again.files] == ["skipped-unchanged", "skipped-unchanged"]
    assert _counts(store) == (kinds, types)

    forced = ingest_paths([corpus], store, progress=False, force=True)
    assert [f.status for f in forced.files] == ["ok", "ok"]
    assert _counts(store) == (kinds, types)  # upserts: nothing duplicated

    reloaded = NetworkXStore.load_file(store_file)
    assert _counts(reloaded) == (kinds, types)


def test_identical_texts_are_loaded_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(COMMUNIQUE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(COMMUNIQUE.replace("\n", "\r\n"), encoding="utf-8")
    store = NetworkXStore()
    report = ingest_paths([tmp_path], store, progress=False, extract=tiny_extract, save=False)
    assert [f.status for f in report.files] == ["ok", "skipped-unchanged"]
    assert "same text as" in (report.files[1].error or "")
    assert store.count_by_kind()[Kind.DOCUMENT.value] == 1


def test_failures_are_isolated_and_leave_nothing(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(COMMUNIQUE, encoding="utf-8")
    boom = tmp_path / "boom.txt"
    boom.write_text("A paragraph that makes the extractor EXPLODE.\n\nAnother one.", encoding="utf-8")
    store = NetworkXStore()
    report = ingest_paths([boom, good], store, progress=False, extract=exploding_extract, save=False)
    assert [f.status for f in report.files] == ["failed", "ok"]
    assert report.files[0].error == "extraction failed: RuntimeError: extractor defect"
    assert not report.ok
    only_good = NetworkXStore()
    ingest_paths([good], only_good, progress=False, extract=exploding_extract, save=False)
    assert _counts(store) == _counts(only_good)


def test_graph_with_dangling_relationship_is_rejected_whole(tmp_path: Path) -> None:
    bad = tmp_path / "dangle.txt"
    bad.write_text("This text will DANGLE.\n\nSecond paragraph.", encoding="utf-8")
    store = NetworkXStore()
    report = ingest_paths([bad], store, progress=False, extract=dangling_extract, save=False)
    assert report.files[0].status == "failed"
    assert "does not contain" in (report.files[0].error or "")
    assert store.count_by_kind() == {}


def test_on_error_raise(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(ExtractionError, match="empty.txt: empty file"):
        ingest_paths([tmp_path], NetworkXStore(), progress=False, on_error="raise", save=False)


def test_missing_path_is_a_failed_file(tmp_path: Path) -> None:
    report = ingest_paths([tmp_path / "absent.txt"], NetworkXStore(), progress=False, save=False)
    assert report.files[0].status == "failed" and report.files[0].error == "no such file"


def test_parallel_workers_give_the_same_graph(corpus: Path, tmp_path: Path) -> None:
    for i in range(4):
        (corpus / "communiques" / f"copy-{i}.txt").write_text(COMMUNIQUE.replace("49th", f"{50 + i}th"), "utf-8")
    (corpus / "news" / "boom.txt").write_text("EXPLODE here.", encoding="utf-8")
    serial, parallel = NetworkXStore(), NetworkXStore()
    one = ingest_paths([corpus], serial, progress=False, extract=exploding_extract, save=False)
    two = ingest_paths([corpus], parallel, progress=False, extract=exploding_extract, save=False, workers=2)
    assert [(f.path, f.status, f.nodes, f.relationships) for f in one.files] == [
        (f.path, f.status, f.nodes, f.relationships) for f in two.files
    ]
    assert _counts(serial) == _counts(parallel)
    assert serial.dump().model_dump() == parallel.dump().model_dump()


def test_rdf_export_parses_back(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    store = NetworkXStore()
    report = ingest_paths([corpus], store, progress=False, rdf_out=out, save=False)
    assert report.rdf_file == out
    graph = Graph().parse(out, format="turtle")
    documents = set(graph.subjects(RDF.type, URIRef(AK + "Document")))
    assert documents == {URIRef(f.document_iri) for f in report.files if f.document_iri}


def test_extract_file_without_store(corpus: Path) -> None:
    path = corpus / "communiques" / "scm-49.txt"
    data = extract_file(path)
    doc = read_document(path)
    iris = {n.iri for n in data.nodes}
    assert document_iri(doc.sha256) in iris
    assert any(n.kind is Kind.SCM and n.props.get(Prop.ORDINAL.value) == 49 for n in data.nodes)


# -- the commands ------------------------------------------------------------


def test_ingest_command_reports_and_fails_on_bad_files(corpus: Path, tmp_path: Path) -> None:
    (corpus / "news" / "broken.pdf").write_bytes(b"this is no pdf")
    store_file = tmp_path / "g.json.gz"
    rdf = tmp_path / "out.nt"
    result = CliRunner().invoke(
        app,
        ["ingest", str(corpus), "--no-progress", "--rdf", str(rdf)],
        env={"ALLIANCEKG_DATA": str(store_file), "ALLIANCEKG_STORE": "embedded", "COLUMNS": "200"},
    )
    assert result.exit_code == 1, result.output
    assert "Ingest summary" in result.output
    assert "corrupt PDF" in result.output
    assert "2 ingested, 0 unchanged, 1 failed" in result.output
    assert NetworkXStore.load_file(store_file).count_by_kind()[Kind.DOCUMENT.value] == 2
    assert len(Graph().parse(rdf, format="nt")) > 0

    again = CliRunner().invoke(
        app,
        ["ingest", str(corpus / "communiques"), "--no-progress"],
        env={"ALLIANCEKG_DATA": str(store_file), "ALLIANCEKG_STORE": "embedded", "COLUMNS": "200"},
    )
    assert again.exit_code == 0, again.output
    assert "skipped-unchanged" in again.output


def test_extract_command_json_and_ttl(corpus: Path) -> None:
    path = corpus / "news" / "test.html"
    runner = CliRunner()
    as_json = runner.invoke(app, ["extract", str(path), "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    data = GraphData.model_validate(json.loads(as_json.stdout))
    assert any(n.kind is Kind.DOCUMENT for n in data.nodes)
    as_ttl = runner.invoke(app, ["extract", str(path), "--format", "ttl"])
    assert as_ttl.exit_code == 0, as_ttl.output
    graph = Graph().parse(data=as_ttl.stdout, format="turtle")
    assert len(set(graph.subjects(RDF.type, URIRef(AK + "Document")))) == 1
    bad = runner.invoke(app, ["extract", str(path), "--format", "xml"])
    assert bad.exit_code != 0


def test_ingest_into_neo4j(corpus: Path, neo4j_clean: Any) -> None:
    from graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_clean)
    store.ensure_schema()
    report = ingest_paths([corpus], store, progress=False)
    assert report.ok and report.store_file is None
    embedded = NetworkXStore()
    ingest_paths([corpus], embedded, progress=False, save=False)
    assert store.count_by_kind() == embedded.count_by_kind()
    assert store.count_by_type() == embedded.count_by_type()
    again = ingest_paths([corpus], store, progress=False)
    assert {f.status for f in again.files} == {"skipped-unchanged"}


def test_ingest_command_with_nothing_to_ingest(tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["ingest", str(tmp_path), "--no-progress"], env={"ALLIANCEKG_DATA": str(tmp_path / "g.json.gz")}
    )
    assert result.exit_code != 0
    assert isinstance(result.exception, ExtractionError)
    assert "no documents to ingest" in str(result.exception)


class _FailingRelationshipsStore(NetworkXStore):
    """A real embedded store whose relationship writes fail (a fault injected for one test)."""

    def upsert_relationships(self, relationships: Any, batch_size: int = 1000) -> int:
        from graph.errors import StoreError

        raise StoreError("disk full")


def test_store_failure_half_way_removes_the_new_nodes(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("First paragraph.\n\nSecond paragraph.", encoding="utf-8")
    store = _FailingRelationshipsStore()
    shared = Node(iri=make_iri(Kind.STATE, "KOR"), kind=Kind.STATE, label="Republic of Korea")
    store.upsert_nodes([shared])
    report = ingest_paths([path], store, progress=False, extract=tiny_extract, save=False)
    assert report.files[0].status == "failed"
    assert report.files[0].error == "loading failed: disk full"
    assert [n.iri for n in store.nodes()] == [shared.iri]
