"""Bad input: every kind gets a clear per-file error, the run goes on, nothing partial is stored."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from alliancekg.ingest import ingest_paths
from extractors.document import SourceDocument
from extractors.readers import read_document
from extractors.segment import iter_sentences
from graph.model import GraphData, Node, make_iri
from graph.nx_store import NetworkXStore
from graph.schema import Kind, Prop

GOOD_TEXT = """JOINT COMMUNIQUE
The 42nd U.S.-ROK Security Consultative Meeting
Washington, D.C., October 8, 2010

1. The 42nd U.S.-ROK Security Consultative Meeting (SCM) was held in Washington, D.C. on October 8, 2010.
U.S. Secretary of Defense Robert M. Gates and ROK Minister of National Defense Kim Tae-young led their delegations.

2. The Secretary and the Minister condemned North Korea's sinking of the ROK Navy ship Cheonan on March 26, 2010.

3. The Secretary reaffirmed the firm U.S. commitment to the defense of the ROK, including extended deterrence.
"""

GOOD_HTML = """<!doctype html><html><head><title>Drill | News</title></head><body><nav>Menu</nav>
<article><h1>Allies stage a drill</h1><p>SEOUL, Nov. 25 -- South Korea and the United States staged a combined
naval drill on Thursday, two days after North Korea shelled Yeonpyeong Island.</p></article></body></html>
"""

SCRIPT_MARKER = "SCRIPT-PAYLOAD"


def _pdf(lines: list[str]) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf([GOOD_TEXT.replace("\n", " ")]))))
    writer.encrypt(user_password="s3cret", owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _scanned_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(40, 40, 40)
    for row in range(10):
        pdf.rect(15, 20 + row * 12, 170, 6, style="F")  # lines of "text" drawn as shapes, like a scan
    return bytes(pdf.output())


def _script_html() -> bytes:
    scripts = "".join(
        f'<script>var a{i} = "{SCRIPT_MARKER}-{i}"; document.write(a{i});</script>'
        f'<script type=\'application/json\'>{{"k": "{SCRIPT_MARKER}-json-{i}"}}</script>'
        f"<style>.c{i}::after {{ content: '{SCRIPT_MARKER}-style-{i}'; }}</style>"
        for i in range(300)
    )
    body = (
        f"<html><head>{scripts}</head><body>{scripts}<main><h1>Scripts everywhere</h1>"
        "<p>The defense ministers met in Seoul to review deterrence plans.</p>"
        f"{scripts}<p>Pages put code in a &lt;script&gt; element, as this sentence says.</p>"
        f"<noscript>{SCRIPT_MARKER}-noscript</noscript></main>{scripts}</body></html>"
    )
    return body.encode()


BAD_FILES: dict[str, tuple[Callable[[], bytes], str]] = {
    "picture.txt": (lambda: b"\x89PNG\r\n\x1a\n" + os.urandom(2048), "binary file, not text/HTML/PDF"),
    "random.txt": (lambda: bytes(range(256)) * 16, "binary file, not text/HTML/PDF"),
    "empty.txt": (lambda: b"", "empty file"),
    "blank.txt": (lambda: b"  \r\n\t\r\n   ", "empty"),
    "invalid-utf8.txt": (
        lambda: "Allies pledged “ironclad” deterrence. ".encode() * 5 + b"\xc3\x28\xa0\xa1 broken " * 3,
        "invalid UTF-8 at byte",
    ),
    "corrupt.pdf": (lambda: b"%PDF-1.7\n" + b"\x00garbage\xff" * 500, "corrupt PDF"),
    "truncated.pdf": (lambda: _pdf([GOOD_TEXT.replace("\n", " ")])[:400], "corrupt PDF"),
    "not-a-pdf.pdf": (lambda: b"plain words in a file named .pdf", "corrupt PDF"),
    "encrypted.pdf": (_encrypted_pdf, "encrypted PDF: a password is needed"),
    "scanned.pdf": (_scanned_pdf, "no text layer (scanned?)"),
}


def _doc_extract(doc: SourceDocument, base: str) -> GraphData:
    """A small real extractor: the document node with its sentence count."""
    sentences = sum(1 for _ in iter_sentences(doc))
    node = Node(
        iri=make_iri(Kind.DOCUMENT, doc.sha256, base=base),
        kind=Kind.DOCUMENT,
        label=doc.title or "untitled",
        props={Prop.DESCRIPTION: f"{sentences} sentences", Prop.TEXT: doc.text[:200]},
    )
    return GraphData(nodes=[node])


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_fails_clearly_and_stores_nothing(name: str, tmp_path: Path) -> None:
    make, expected = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(make())
    store = NetworkXStore()
    report = ingest_paths([path], store, progress=False, save=False)
    [result] = report.files
    assert result.status == "failed"
    assert expected in (result.error or ""), result.error
    assert result.nodes == 0 and result.relationships == 0
    assert store.count_by_kind() == {} and store.count_by_type() == {}


def test_bad_files_do_not_stop_the_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name, (make, _) in BAD_FILES.items():
        (folder / name).write_bytes(make())
    (folder / "a-good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "z-good.html").write_text(GOOD_HTML, encoding="utf-8")
    (folder / "scripts.html").write_bytes(_script_html())
    store = NetworkXStore()
    report = ingest_paths([folder], store, progress=False, save=False)
    status = {Path(f.path).name: f.status for f in report.files}
    assert status == {
        **dict.fromkeys(BAD_FILES, "failed"),
        "a-good.txt": "ok",
        "z-good.html": "ok",
        "scripts.html": "ok",
    }
    errors = {Path(f.path).name: f.error for f in report.files if f.status == "failed"}
    for name, (_, expected) in BAD_FILES.items():
        assert expected in (errors[name] or "")

    good_only = NetworkXStore()
    ingest_paths(
        [folder / "a-good.txt", folder / "z-good.html", folder / "scripts.html"], good_only, progress=False, save=False
    )
    assert store.count_by_kind() == good_only.count_by_kind()
    assert store.count_by_type() == good_only.count_by_type()
    assert store.dump().model_dump() == good_only.dump().model_dump()


def test_script_text_never_reaches_the_text_or_the_store(tmp_path: Path) -> None:
    path = tmp_path / "scripts.html"
    path.write_bytes(_script_html())
    doc = read_document(path)
    assert SCRIPT_MARKER not in doc.text
    assert doc.text == (
        "Scripts everywhere\n\nThe defense ministers met in Seoul to review deterrence plans.\n\n"
        "Pages put code in a <script> element, as this sentence says."
    )
    store = NetworkXStore()
    report = ingest_paths([path], store, progress=False, save=False)
    assert report.ok
    assert SCRIPT_MARKER not in store.dump().model_dump_json()


def _write_big_text(path: Path, megabytes: int) -> int:
    unit = (
        "{n}. The Minister and the U.S. Secretary reaffirmed on Oct. 30, 2024 the ironclad commitment of the\n"
        "United States to the defense of the Republic of Korea, using the full range of capabilities. Gen. Kim\n"
        "and Adm. Lee noted the importance of exercise No. {n} in Washington, D.C. They agreed to continue.\n\n"
    )
    target = megabytes * 1024 * 1024
    written = 0
    n = 1
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            chunk = "".join(unit.format(n=n + i) for i in range(1000))
            out.write(chunk)
            written += len(chunk)
            n += 1000
    return n - 1


def _ingest_fifty_megabytes(tmp_path: Path) -> float:
    """Read and segment a 50 MB text, check what came out, return the seconds it took."""
    path = tmp_path / "huge.txt"
    paragraphs = _write_big_text(path, 50)
    assert path.stat().st_size >= 50 * 1024 * 1024
    t0 = time.perf_counter()
    store = NetworkXStore()
    report = ingest_paths([path], store, progress=False, extract=_doc_extract, save=False)
    elapsed = time.perf_counter() - t0
    [result] = report.files
    assert result.status == "ok", result.error
    [node] = store.nodes(kinds=[Kind.DOCUMENT])
    assert node.props[Prop.DESCRIPTION.value] == f"{paragraphs * 3} sentences"
    return elapsed


def test_fifty_megabyte_text_is_read_and_segmented(tmp_path: Path) -> None:
    _ingest_fifty_megabytes(tmp_path)


@pytest.mark.slow
def test_fifty_megabyte_text_is_read_and_segmented_within_two_minutes(tmp_path: Path) -> None:
    elapsed = _ingest_fifty_megabytes(tmp_path)
    assert elapsed < 120, f"50 MB took {elapsed:.1f} s"


def _ingest_oversized(tmp_path: Path) -> tuple[list[str], str, float]:
    """Ingest a sparse 101 MB file and a good one: the statuses, the first error and the seconds taken."""
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x")
    with path.open("r+b") as out:
        out.truncate(101 * 1024 * 1024)  # sparse: no time spent writing
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    t0 = time.perf_counter()
    report = ingest_paths([path, good], NetworkXStore(), progress=False, save=False, extract=_doc_extract)
    elapsed = time.perf_counter() - t0
    return [f.status for f in report.files], report.files[0].error or "", elapsed


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    statuses, error, _ = _ingest_oversized(tmp_path)
    assert statuses == ["failed", "ok"]
    assert "file too large: 101.0 MB exceeds the 100 MB limit" in error


@pytest.mark.slow
def test_file_over_the_size_limit_is_refused_without_reading(tmp_path: Path) -> None:
    statuses, _, elapsed = _ingest_oversized(tmp_path)
    assert statuses == ["failed", "ok"]
    assert elapsed < 10, f"refusing took {elapsed:.1f} s: the file was read"
