"""Who may freeze the process's heap: the application (ingest), never the extractor library."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_extractor_library_leaves_the_host_heap_alone_and_ingest_settles_it_once(tmp_path: Path) -> None:
    doc = tmp_path / "note.txt"
    doc.write_text("The 49th Security Consultative Meeting was held in Seoul on October 28, 2017.\n", encoding="utf-8")
    out = run(
        f"""
        import gc
        from extractors.readers import read_document
        from extractors.rules import extract_document
        extract_document(read_document({str(doc)!r}))
        print(gc.get_freeze_count())
        from alliancekg.ingest import _process, settle_heap
        _process({str(doc)!r}, None, "https://w3id.org/alliancekg/id/", frozenset(), None, None)
        first = gc.get_freeze_count()
        garbage = [object() for _ in range(1000)]
        settle_heap()
        print(first > 0, gc.get_freeze_count() == first)
        """
    )
    assert out.splitlines() == ["0", "True True"]
