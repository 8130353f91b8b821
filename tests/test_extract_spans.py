"""Evidence is exact: every Mention's text is the document's text as read at its span, on every corpus document.

The walk covers everything under ``corpus/`` (the sample corpus and the
real-layout set beside it), whatever reader and layout repair a document
went through. Besides the equality, the span must start and end where the
view's span does (the same characters, up to the repairs that change them:
a straightened quote, a restored capital, a suffix moved next to its number),
so a map that drifted would fail even though the equality holds by
construction.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.readers import read_document
from extractors.rules import extract_document
from graph.schema import Kind, Prop

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SUFFIXES = (".txt", ".html", ".pdf")
_QUOTES = str.maketrans("\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033", "''''\"\"\"\"\"\"")


def corpus_documents() -> list[Path]:
    return sorted(
        p
        for p in CORPUS.rglob("*")
        if p.suffix in SUFFIXES and "gold" not in p.parts and not any(part.startswith("_") for part in p.parts)
    )


def _same(a: str, b: str) -> bool:
    if a.isspace() and b.isspace():
        return True  # a line break read as a space
    return a.translate(_QUOTES).lower() == b.translate(_QUOTES).lower()


@pytest.mark.parametrize("path", corpus_documents(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_every_mention_is_the_text_as_read_at_its_span(path: Path) -> None:
    doc = read_document(path)
    source = doc.original
    graph = extract_document(doc)
    mentions = [n for n in graph.nodes if n.kind == Kind.MENTION]
    assert mentions, "no evidence at all"
    for m in mentions:
        start, end = m.props[Prop.CHAR_START.value], m.props[Prop.CHAR_END.value]
        text = m.props[Prop.TEXT.value]
        assert 0 <= start < end <= len(source), (start, end)
        assert text == source[start:end]
        assert not text[0].isspace() and not text[-1].isspace(), repr(text)
    if path.suffix == ".txt":
        raw = path.read_bytes().decode(doc.encoding or "utf-8")
        assert source == raw.removeprefix("\ufeff")


@pytest.mark.parametrize("path", corpus_documents(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_spans_begin_and_end_where_the_view_does(path: Path) -> None:
    doc = read_document(path)
    checked = 0
    for p in doc.paragraphs:
        for start, end in ((p.start, min(p.end, p.start + 12)), (max(p.start, p.end - 12), p.end)):
            view = doc.text[start:end]
            s, e = doc.source_span(start, end)
            found = doc.original[s:e]
            assert _same(view[0], found[0]), (view, found)
            if not (view[-2:] in ("st", "nd", "rd", "th") and found[-1:].isdigit()):
                assert _same(view[-1], found[-1]), (view, found)
            checked += 1
    assert checked
