"""Build the PDF samples of the corpus from their text sources.

The sources live in ``corpus/_pdf_src/<name>.pdfsrc`` and use a tiny markup:

* ``# Title`` - the document title (first line);
* ``## Heading`` - a section heading;
* any other non-blank lines - paragraph text; paragraphs are separated by
  blank lines.

Each source is rendered to the path listed in :data:`TARGETS`. The output is
deterministic (fixed creation date, fixed font), so regenerating does not
change committed files. A Unicode TrueType font is embedded when it is
present at :data:`TTF_PATH`; otherwise the built-in Helvetica is used and
characters outside Latin-1 are replaced by close ASCII equivalents.

Usage::

    .venv/bin/python scripts/build_sample_pdfs.py [--check]

``--check`` exits non-zero when a PDF is missing or older than its source.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SRC_DIR = CORPUS / "_pdf_src"

TARGETS: dict[str, str] = {
    "scm-01-1968.pdfsrc": "communiques/scm-01-1968.pdf",
    "scm-language-and-crises.pdfsrc": "studies/scm-language-and-crises.pdf",
    "presence-command-cost.pdfsrc": "studies/presence-command-cost.pdf",
}
"""Source file name -> output path relative to ``corpus/``."""

TTF_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
TTF_BOLD_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")
FIXED_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)

_ASCII_FALLBACK = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "--",
    "\u2026": "...",
    "\u00a0": " ",
}


@dataclass(frozen=True)
class Block:
    """One rendered unit of a source: a title, a heading or a paragraph."""

    kind: str
    text: str


def parse_source(text: str) -> list[Block]:
    """Split a ``.pdfsrc`` text into title, heading and paragraph blocks."""
    blocks: list[Block] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            blocks.append(Block("para", " ".join(buffer)))
            buffer.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("## "):
            flush()
            blocks.append(Block("heading", line[3:].strip()))
        elif line.startswith("# "):
            flush()
            blocks.append(Block("title", line[2:].strip()))
        else:
            buffer.append(line)
    flush()
    return blocks


def to_latin1(text: str) -> str:
    """Replace characters the core fonts cannot show."""
    for char, repl in _ASCII_FALLBACK.items():
        text = text.replace(char, repl)
    return text.encode("latin-1", "replace").decode("latin-1")


class _SamplePDF(FPDF):
    def __init__(self, footer_text: str, family: str) -> None:
        super().__init__(format="A4")
        self._footer_text = footer_text
        self._family = family

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self._family, size=8)
        self.cell(0, 10, f"{self._footer_text} - page {self.page_no()}", align="C")


def render(blocks: list[Block], out: Path, title: str) -> None:
    """Write ``blocks`` as a PDF at ``out``."""
    unicode_font = TTF_PATH.is_file() and TTF_BOLD_PATH.is_file()
    family = "SampleSerif" if unicode_font else "Helvetica"
    pdf = _SamplePDF("alliancekg sample corpus", family)
    if unicode_font:
        pdf.add_font(family, "", str(TTF_PATH))
        pdf.add_font(family, "B", str(TTF_BOLD_PATH))
    clean = (lambda s: s) if unicode_font else to_latin1
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(clean(title))
    pdf.set_author("alliancekg project (sample text)")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(22, 20, 22)
    pdf.add_page()
    for block in blocks:
        if block.kind == "title":
            pdf.set_font(family, "B", 15)
            pdf.multi_cell(0, 7.5, clean(block.text), align="C")
            pdf.ln(3)
        elif block.kind == "heading":
            pdf.ln(2)
            pdf.set_font(family, "B", 12)
            pdf.multi_cell(0, 6.5, clean(block.text))
            pdf.ln(1)
        else:
            pdf.set_font(family, "", 11)
            pdf.multi_cell(0, 5.8, clean(block.text))
            pdf.ln(2.5)
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))


def build(check: bool = False) -> list[str]:
    """Render every target; with ``check`` only report stale or missing PDFs."""
    problems: list[str] = []
    for src_name, rel_out in TARGETS.items():
        src = SRC_DIR / src_name
        out = CORPUS / rel_out
        if not src.is_file():
            problems.append(f"missing source {src}")
            continue
        if check:
            if not out.is_file() or out.stat().st_mtime < src.stat().st_mtime:
                problems.append(f"stale or missing PDF {out}")
            continue
        blocks = parse_source(src.read_text(encoding="utf-8"))
        title = next((b.text for b in blocks if b.kind == "title"), src.stem)
        render(blocks, out, title)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the PDFs are up to date")
    args = parser.parse_args(argv)
    problems = build(check=args.check)
    for problem in problems:
        sys.stderr.write(problem + "\n")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
