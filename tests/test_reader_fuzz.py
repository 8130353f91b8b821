"""Malformed files are per-file errors: two inputs that used to escape as tracebacks, and a seeded fuzz run.

Every generated input either reads or raises :class:`~graph.errors.ExtractionError`; any other
exception is a defect (``alliancekg extract`` would print a traceback). The larger run is
``bench/fuzz_readers.py``.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from extractors.readers import read_document
from graph.errors import ExtractionError

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PDF = CORPUS / "communiques" / "scm-01-1968.pdf"
HTML = CORPUS / "news" / "2010-11-24-yeonpyeong-shelling.html"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "alliancekg.cli", *args],
        capture_output=True, text=True, check=False, cwd=cwd, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip


def test_a_pdf_with_an_unknown_stream_filter_is_a_clean_error(tmp_path: Path) -> None:
    bad = tmp_path / "filter.pdf"
    bad.write_bytes(PDF.read_bytes().replace(b"/FlateDecode", b"/FooDecode"))
    # PDFium reads no text through a filter it does not know; pypdf raised NotImplementedError
    with pytest.raises(ExtractionError, match="no text layer|Unsupported filter|corrupt PDF"):
        read_document(bad)
    done = _cli("extract", str(bad), cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert f"{bad}: " in done.stdout + done.stderr


def test_html_with_control_characters_reads_with_them_blanked(tmp_path: Path) -> None:
    data = HTML.read_bytes()
    body = data.index(b"<p")
    bad = tmp_path / "control.html"
    bad.write_bytes(data[:body] + b"\x01\x1f" + data[body:].replace(b"</p>", b"\x0b</p>\x02", 3))
    doc = read_document(bad)
    assert doc.text.strip()
    assert not any(ch in doc.text for ch in "\x01\x1f\x02\x0b")
    done = _cli("extract", str(bad), cwd=tmp_path)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 0, done.stdout + done.stderr


def corpus_inputs() -> list[tuple[str, bytes]]:
    return [(p.suffix, p.read_bytes()) for p in sorted(CORPUS.rglob("*")) if p.suffix in {".txt", ".html", ".pdf"}]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One seeded mutation of a file's bytes: flips, inserted control bytes, cuts, splices, filter names."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(6)
        pos = rng.randrange(len(buf) + 1)
        if op == 0 and buf:
            buf[min(pos, len(buf) - 1)] = rng.randrange(256)
        elif op == 1:
            buf[pos:pos] = bytes(rng.choice([0, 1, 8, 11, 12, 27, 31, 127]) for _ in range(rng.randint(1, 4)))
        elif op == 2:
            del buf[pos : pos + rng.randint(1, 2000)]
        elif op == 3:
            buf = buf[: max(pos, 1)]
        elif op == 4:
            other = rng.randrange(len(buf) + 1)
            buf[pos:pos] = buf[other : other + rng.randint(1, 200)]
        else:
            for name in (b"/FlateDecode", b"/Length", b"/Type", b"<p", b"</div>", b"<html"):
                buf = buf.replace(name, rng.choice([b"/FooDecode", b"/Length -5", b"", b"\x00", name * 2]), 1)
    return bytes(buf)


def fuzz(count: int, seed: int, tmp_path: Path) -> dict[str, int]:
    """Read ``count`` mutated corpus files; tallies of outcomes. Any exception but ExtractionError propagates."""
    rng = random.Random(seed)
    inputs = corpus_inputs()
    tally = {"read": 0, "refused": 0}
    for i in range(count):
        suffix, data = rng.choice(inputs)
        path = tmp_path / f"fuzz-{i}{suffix}"
        path.write_bytes(mutate(data, rng))
        try:
            read_document(path)
            tally["read"] += 1
        except ExtractionError:
            tally["refused"] += 1
        except Exception as e:
            msg = f"input {i} (seed {seed}, {suffix}) raised {type(e).__name__}: {e}"
            raise AssertionError(msg) from e
        path.unlink()
    return tally


def test_fuzzed_corpus_files_read_or_fail_cleanly(tmp_path: Path) -> None:
    tally = fuzz(300, seed=14, tmp_path=tmp_path)
    assert sum(tally.values()) == 300
    assert tally["read"] and tally["refused"]
