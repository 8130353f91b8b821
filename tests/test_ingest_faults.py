"""Ingest under faults: a symlink loop, hostile file names, a store that dies mid-run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from alliancekg.ingest import expand_paths, ingest_paths
from extractors.document import SourceDocument
from extractors.readers import read_document
from graph.errors import ExtractionError
from graph.model import GraphData
from graph.nx_store import NetworkXStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "communiques"


def _cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "alliancekg.cli", *args],
        capture_output=True, text=True, check=False, cwd=cwd, env={**os.environ, "COLUMNS": "200", **(env or {})},
    )  # fmt: skip


def test_a_symlink_loop_is_one_failed_file_and_the_rest_is_ingested(tmp_path: Path) -> None:
    good = tmp_path / "scm-42.txt"
    good.write_bytes((CORPUS / "scm-42-2010.txt").read_bytes())
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    with pytest.raises(ExtractionError, match="cannot read the file"):
        read_document(tmp_path / "loop.txt")
    assert sorted(p.name for p in expand_paths([tmp_path])) == ["loop.txt", "scm-42.txt"]
    store = NetworkXStore()
    report = ingest_paths([tmp_path], store, progress=False, save=False)
    status = {Path(f.path).name: f.status for f in report.files}
    assert status == {"loop.txt": "failed", "scm-42.txt": "ok"}
    assert "symbolic links" in next(f.error for f in report.files if f.status == "failed")

    done = _cli("ingest", str(tmp_path), "--data", str(tmp_path / "g.json.gz"), "--no-progress", cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert "1 ingested" in done.stdout and "1 failed" in done.stdout


def test_file_names_cannot_split_or_reorder_the_summary(tmp_path: Path) -> None:
    bad = tmp_path / "a\nb\u202etxt.txt"
    bad.write_text("", encoding="utf-8")  # empty: a failed file whose name is shown
    done = _cli("ingest", str(bad), "--data", str(tmp_path / "g.json.gz"), "--no-progress", cwd=tmp_path)
    assert done.returncode == 1
    assert "\u202e" not in done.stdout
    assert "a\\nb\\u202etxt.txt" in done.stdout
    row = next(line for line in done.stdout.splitlines() if "a\\nb" in line)
    assert "failed" in row  # the status stays on the name's row


@pytest.mark.neo4j
def test_a_store_lost_mid_run_stops_it_within_seconds_with_one_message(tmp_path: Path) -> None:
    from alliancekg import neo4j_local
    from alliancekg.settings import Settings, open_store

    server = neo4j_local.LocalNeo4j(home=tmp_path / "neo4j", port=neo4j_local.free_port(), password="", heap="512m")
    try:
        uri = server.start()
    except neo4j_local.Neo4jLocalError as exc:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            raise
        pytest.skip(f"cannot start a dedicated Neo4j: {exc}")
    try:
        store = open_store("neo4j", settings=Settings(store="neo4j", neo4j_uri=uri))
        seen: list[str] = []

        def extract_then_crash(doc: SourceDocument, base: str) -> GraphData:
            from extractors.rules import extract_document

            seen.append(doc.path or "")
            if len(seen) == 3:
                server.kill()  # as a crash, between two documents' loads
            return extract_document(doc, base)

        files = sorted(CORPUS.glob("*.txt"))[:8]
        t0 = time.monotonic()
        report = ingest_paths(files, store, progress=False, extract=extract_then_crash)
        elapsed = time.monotonic() - t0
        store.close()
        assert report.stopped is not None
        assert [f.status for f in report.files] == ["ok", "ok", "failed"]
        assert len(report.not_attempted) == len(files) - 3
        assert elapsed < 60, f"the run went on for {elapsed:.0f} s after the server died"
    finally:
        server.stop()


def test_the_cli_names_how_to_resume_when_the_store_is_lost(tmp_path: Path) -> None:
    """With no server at all: the first load fails fast and the message says how to resume."""
    from alliancekg import neo4j_local

    port = neo4j_local.free_port()
    done = _cli(
        "ingest", str(CORPUS / "scm-42-2010.txt"), "--store", "neo4j", "--no-progress",
        cwd=tmp_path, env={"NEO4J_URI": f"bolt://127.0.0.1:{port}", "NEO4J_PASSWORD": ""},
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "not reachable" in done.stderr


def _big_document(doc: SourceDocument, base: str) -> GraphData:
    """A document's graph above Neo4jStore's single-transaction limit (20,000 records): 3 x 9,000 + 1."""
    from graph.model import Node, Relationship, document_iri
    from graph.schema import Kind, Prop, Rel

    doc_iri = document_iri(doc.sha256, base)
    nodes = [Node(iri=doc_iri, kind=Kind.DOCUMENT, label="a long document", props={Prop.DOC_KIND.value: "text"})]
    rels: list[Relationship] = []
    for i in range(9_000):
        mention = f"{base}mention/big-{i}"
        nodes.append(Node(iri=mention, kind=Kind.MENTION, label=f"m{i}", props={Prop.TEXT.value: f"text {i}"}))
        rels.append(Relationship(type=Rel.WAS_DERIVED_FROM, source=mention, target=doc_iri))
        rels.append(Relationship(type=Rel.MENTIONS, source=doc_iri, target=mention))
    return GraphData(nodes=nodes, relationships=rels)


@pytest.mark.neo4j
def test_a_document_killed_mid_load_is_finished_by_one_plain_rerun(tmp_path: Path) -> None:
    """Item 3: a document above the single-transaction limit, its server killed mid-document, is not
    'skipped-unchanged' by the next run: one plain re-run loads all of it."""
    import threading

    import neo4j

    from alliancekg import neo4j_local
    from graph import queries
    from graph.neo4j_store import Neo4jStore

    source = tmp_path / "long.txt"
    source.write_text("A long document.\n", encoding="utf-8")
    expected = NetworkXStore()
    ingest_paths([source], expected, progress=False, save=False, extract=_big_document)
    total_rels = sum(expected.count_by_type().values())
    assert len(expected.nodes()) + total_rels > 20_000
    server = neo4j_local.LocalNeo4j(home=tmp_path / "neo4j", port=neo4j_local.free_port(), password="", heap="512m")
    try:
        uri = server.start()
    except neo4j_local.Neo4jLocalError as exc:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            raise
        pytest.skip(f"cannot start a dedicated Neo4j: {exc}")
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=None, max_transaction_retry_time=1.0)
        first = Neo4jStore(driver, batch_size=500)
        first.ensure_schema()
        assert len(_big_document(read_document(source), "https://w3id.org/alliancekg/id/")) > first.atomic_limit
        reports = []
        worker = threading.Thread(
            target=lambda: reports.append(ingest_paths([source], first, progress=False, extract=_big_document))
        )
        worker.start()
        watcher = neo4j.GraphDatabase.driver(uri, auth=None)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            records, _, _ = watcher.execute_query(queries.COUNT_RELATIONSHIPS)
            if records[0]["count"] >= 1_000:
                break
            time.sleep(0.05)
        watcher.close()
        server.kill()  # mid-document, as a crash
        worker.join(timeout=120)
        driver.close()
        assert not worker.is_alive()
        assert reports and reports[0].files[0].status == "failed"

        uri = server.start()
        driver = neo4j.GraphDatabase.driver(uri, auth=None)
        second = Neo4jStore(driver, batch_size=500)
        partial = second.count_relationships()
        assert 0 < partial < total_rels, "the kill did not land mid-document"
        rerun = ingest_paths([source], second, progress=False, extract=_big_document)
        assert [f.status for f in rerun.files] == ["ok"]
        assert second.count_by_kind() == expected.count_by_kind()
        assert second.count_by_type() == expected.count_by_type()
        again = ingest_paths([source], second, progress=False, extract=_big_document)
        assert [f.status for f in again.files] == ["skipped-unchanged"]
        driver.close()
    finally:
        server.stop()
