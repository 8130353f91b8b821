"""Paragraphs and sentences: the one paragraph rule and the one sentence splitter.

Paragraphs
    The readers repair a document's layout and give it its paragraphs
    (:mod:`extractors.readers.layout`). For a text no reader prepared,
    :func:`split_paragraphs` applies the same rule
    (:func:`extractors.readers.layout.line_breaks`) to the text as it is:
    numbered lines continuing the numbering, bullets and a heading's date line
    open paragraphs; hard-wrapped lines go on until a short line ends a
    sentence; in text whose lines are whole paragraphs every line break ends
    one. A paragraph that opens with a number ("1.", "12)") in increasing order
    is a *numbered* communiqué paragraph (:attr:`Paragraph.numbered`).

Sentences
    :func:`split_sentences` is the only sentence splitter: the rules, the
    benchmarks and the tests all use it. A sentence ends at ``.``, ``!``,
    ``?`` or an ellipsis, after optional closing quotes or brackets, followed
    by white space and a character that is not a lower-case letter or a
    closing mark; in a web copy that lost the space, after a lower-case word
    or a year and before a capitalised word ("... its capabilities.Austin
    warned"), unless the run of text holds a web or e-mail address
    ("www.Korea.net"). The period of an abbreviation does not end a sentence:
    titles ("Gen.", "Amb.", "Dr."), "No. 5", "Art. 3", month names before a
    day ("Oct. 30"); a dotted acronym ("U.S.", "D.C."), an initial ("John F.
    Kennedy") or a soft abbreviation ("Jr.", "etc.") ends one only when a
    common sentence opener follows ("... with the U.S. The Minister ...").
    The number opening a paragraph ("1.", "(a)") is not a sentence and not
    part of the first one. A "sentence" longer than :data:`MAX_SENTENCE`
    characters (a list, a table, text without punctuation) is cut at a
    semicolon or a space, so that per-sentence rules stay linear.

Every decision looks at a bounded window around a candidate period, so the
work is linear in the text, whatever it holds ("U.S. " repeated a million
times included). The word lists and patterns are data
(``extractors/data/rules/segment.yaml``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractors.document import Paragraph, SourceDocument, Span
from extractors.readers.layout import number_paragraphs, paragraph_spans

if TYPE_CHECKING:
    from extractors.rules.patterns import RuleFile

MAX_SENTENCE = 1500
"""Longer "sentences" are cut at a semicolon or a space."""

LOOKBACK = 40
"""How far before a period the abbreviation before it is looked for."""


@functools.cache
def _rules() -> RuleFile:
    # imported here: the rule files live in the rules package, which imports this module
    from extractors.rules.patterns import load_rules

    return load_rules("segment")


@dataclass(frozen=True)
class _Splitter:
    candidate: re.Pattern[str]
    follow: re.Pattern[str]
    next_word: re.Pattern[str]
    enumerator: re.Pattern[str]
    lead_number: re.Pattern[str]
    token_tail: re.Pattern[str]
    acronym: re.Pattern[str]
    initial: re.Pattern[str]
    web_address: re.Pattern[str]
    titles: frozenset[str]
    numbers: frozenset[str]
    months: frozenset[str]
    soft: frozenset[str]
    openers: frozenset[str]


@functools.cache
def _splitter() -> _Splitter:
    r = _rules()
    return _Splitter(
        candidate=r.regex("candidate"),
        follow=r.regex("follow"),
        next_word=r.regex("next_word"),
        enumerator=r.regex("enumerator"),
        lead_number=r.regex("lead_number"),
        token_tail=r.regex("token_tail"),
        acronym=r.regex("acronym"),
        initial=r.regex("initial"),
        web_address=r.regex("web_address"),
        titles=r.words("title_abbreviations"),
        numbers=r.words("number_abbreviations"),
        months=r.words("month_abbreviations"),
        soft=r.words("soft_abbreviations"),
        openers=r.words("sentence_openers"),
    )


def split_paragraphs(text: str, pages: list[int] | None = None) -> list[Paragraph]:
    """Paragraphs of a text as it is (see the module notes).

    Args:
        text: the text (lines without edge spaces; blank lines between blocks).
        pages: start offsets of pages, to set :attr:`Paragraph.page`.

    >>> [(p.number, p.numbered) for p in split_paragraphs("JOINT COMMUNIQUE\\n\\n1. One.\\n\\n2. Two.")]
    [(1, False), (1, True), (2, True)]
    """
    return number_paragraphs(text, paragraph_spans(text), pages)


def paragraph_body(text: str, paragraph: Paragraph) -> Span:
    """The paragraph's span without its leading number ("3. ")."""
    start = paragraph.start
    if paragraph.numbered:
        match = _splitter().lead_number.match(text, start, paragraph.end)
        if match is not None:
            start = match.end()
    return Span(start, paragraph.end)


def split_sentences(text: str, start: int = 0, end: int | None = None, max_len: int = MAX_SENTENCE) -> list[Span]:
    """Sentences of ``text[start:end]`` as spans of ``text`` (see the module notes).

    ``start`` is taken as the start of a paragraph: a number opening it
    ("1.", "(a)") is skipped.

    >>> t = "Gen. Kim met the U.S. delegation in Washington, D.C. on Oct. 30. The talks went well."
    >>> [t[s.start:s.end] for s in split_sentences(t)]
    ['Gen. Kim met the U.S. delegation in Washington, D.C. on Oct. 30.', 'The talks went well.']
    """
    sp = _splitter()
    stop = len(text) if end is None else end
    spans: list[Span] = []
    sentence_start = _skip_space(text, start, stop)
    lead = sp.lead_number.match(text, sentence_start, stop)
    if lead is not None:
        sentence_start = _skip_space(text, lead.end(), stop)
    for match in sp.candidate.finditer(text, sentence_start, stop):
        boundary = match.end()
        if boundary <= sentence_start or not _ends_sentence(sp, text, match.start(), boundary, stop):
            continue
        if sp.enumerator.fullmatch(text, sentence_start, boundary):
            continue  # "1." or "(a)" opening a list item is not a sentence
        _add(spans, text, sentence_start, boundary, max_len)
        sentence_start = _skip_space(text, boundary, stop)
    if sentence_start < stop:
        tail_end = stop
        while tail_end > sentence_start and text[tail_end - 1].isspace():
            tail_end -= 1
        if tail_end > sentence_start:
            _add(spans, text, sentence_start, tail_end, max_len)
    return spans


def _add(spans: list[Span], text: str, start: int, end: int, max_len: int) -> None:
    while end - start > max_len:
        cut = text.rfind(";", start + max_len // 2, start + max_len)
        if cut < 0:
            cut = text.rfind(" ", start + max_len // 2, start + max_len)
        cut = cut + 1 if cut >= 0 else start + max_len
        _add_one(spans, text, start, cut)
        start = cut
    _add_one(spans, text, start, end)


def _add_one(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


def _skip_space(text: str, pos: int, stop: int) -> int:
    while pos < stop and text[pos].isspace():
        pos += 1
    return pos


def _ends_sentence(sp: _Splitter, text: str, punct_start: int, boundary: int, stop: int) -> bool:
    follow = sp.follow.match(text, boundary, stop)
    if follow is None:
        return False
    first = follow.group(2)
    if first.islower() or first in ",;:)]}":
        return False
    if boundary < stop and not text[boundary].isspace() and _in_web_address(sp, text, punct_start, boundary, stop):
        return False  # "www.Defense.gov": a glued period of an address, not of a sentence
    if text[punct_start] != ".":
        return True
    if text.startswith("..", punct_start):
        return True
    lo = max(0, punct_start - LOOKBACK)
    cut = max(text.rfind(" ", lo, punct_start), text.rfind("\n", lo, punct_start))
    token = text[cut + 1 if cut >= 0 else lo : punct_start]
    if not token:
        return True
    if not token.isalpha():
        token = sp.token_tail.split(token)[-1]
    lower = token.lower()
    if lower in sp.titles:
        return False
    if first.isdigit() and (lower in sp.numbers or lower in sp.months):
        return False
    if lower in sp.soft or sp.acronym.fullmatch(token) or sp.initial.fullmatch(token):
        word = sp.next_word.match(text, boundary, stop)
        return word is not None and word.group(1).lower() in sp.openers
    return True


def _in_web_address(sp: _Splitter, text: str, punct_start: int, boundary: int, stop: int) -> bool:
    """Whether the run of text without white space around a glued sentence end is a web or e-mail address."""
    lo = max(0, punct_start - LOOKBACK)
    cut = max(text.rfind(" ", lo, punct_start), text.rfind("\n", lo, punct_start))
    start = cut + 1 if cut >= 0 else lo
    end = boundary
    limit = min(stop, boundary + LOOKBACK)
    while end < limit and not text[end].isspace():
        end += 1
    return sp.web_address.search(text[start:end].rstrip(".,;:!?\"')]”’")) is not None


def segment(doc: SourceDocument) -> SourceDocument:
    """Fill ``doc.paragraphs`` from its text and pages when they are missing; return the document."""
    if not doc.paragraphs:
        doc.paragraphs = split_paragraphs(doc.text, doc.pages or None)
    return doc


def paragraphs_of(doc: SourceDocument) -> list[Paragraph]:
    """The document's paragraphs in text order: the reader's, else :func:`split_paragraphs` of its text."""
    if doc.paragraphs:
        return sorted(doc.paragraphs, key=lambda p: p.start)
    return split_paragraphs(doc.text, doc.pages or None)


def iter_sentences(doc: SourceDocument) -> Iterator[tuple[Paragraph, Span]]:
    """Every sentence of the document with its paragraph, in text order.

    A numbered paragraph's number ("3.") is not part of its first sentence.
    """
    for paragraph in paragraphs_of(doc):
        for span in split_sentences(doc.text, paragraph.start, paragraph.end):
            yield paragraph, span
