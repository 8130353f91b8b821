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
