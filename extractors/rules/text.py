"""Paragraphs and sentences for the rules, from the one splitter (:mod:`extractors.segment`).

The reader normally fills :attr:`SourceDocument.paragraphs`; when it did not,
the one paragraph rule is applied to the text as it is
(:func:`extractors.segment.paragraphs_of`). Sentences are those of
:func:`extractors.segment.split_sentences`, tagged with the index of their
paragraph.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from extractors.document import Paragraph, SourceDocument
from extractors.segment import MAX_SENTENCE, paragraphs_of, split_sentences

__all__ = ["MAX_SENTENCE", "Sentence", "SentenceIndex", "paragraphs", "sentences"]


@dataclass(frozen=True)
class Sentence:
    """A sentence: its span and the index of its paragraph in :func:`paragraphs` order."""

    start: int
    end: int
    paragraph: int


def paragraphs(doc: SourceDocument) -> list[Paragraph]:
    """The document's paragraphs in text order (see the module notes)."""
    return paragraphs_of(doc)


def sentences(text: str, pars: list[Paragraph]) -> list[Sentence]:
    """Split each paragraph into sentences (spans trimmed of surrounding space).

    >>> from extractors.document import Paragraph
    >>> t = "The U.S. side agreed. Both sides met in Washington, D.C. on Monday."
    >>> [t[s.start:s.end] for s in sentences(t, [Paragraph(1, 0, len(t))])]
    ['The U.S. side agreed.', 'Both sides met in Washington, D.C. on Monday.']
    """
    out: list[Sentence] = []
    for index, par in enumerate(pars):
        out.extend(Sentence(span.start, span.end, index) for span in split_sentences(text, par.start, par.end))
    return out


class SentenceIndex:
    """Finds the sentence containing an offset (bisect over sentence starts)."""

    def __init__(self, items: list[Sentence]) -> None:
        self.items = items
        self._starts = [s.start for s in items]

    def at(self, offset: int) -> int | None:
        """Index of the sentence containing ``offset``, or None between sentences."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.items[i].end:
            return i
        return None
