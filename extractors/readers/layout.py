"""Layout repair: from the lines of a converted page to the paragraphs the rules read.

Public copies of communiqués are mostly conversions: PDF text layers and
Defense White Paper flip-books with every printed line ended by a line break,
running headers and page numbers between the lines, ordinal suffixes set as
superscripts on lines of their own, and conversion damage to capitals. This
module turns the normalised text (:mod:`extractors.readers.normalize`) into
the *view* the rules read, with an exact :class:`~extractors.document.OffsetMap`
back to it, so that a span of the view is always a span of the source.

What it does, in order (the patterns and word lists are data:
``extractors/data/rules/layout.yaml``):

1. **Page furniture** is dropped: whole lines that are page numbers
   ("314", "- 7 -", "P. 62"), running headers ("2016 Defense White Paper",
   "Appendix 12", or "Appendix" and its number on two lines), banners
   ("UNCLASSIFIED"), and any short line repeated three times or more (a
   running header of another wording).
2. **Split ordinal suffixes** are rejoined: a line holding only "th" (or
   "st", "nd", "rd") gives its suffix to the one-to-three-digit number of the
   line before or after it whose ordinal takes that suffix ("The 49" ...
   "th" -> "The 49th"); "47 th", "47[th]" and a suffix opening the next line
   ("The 47" / "th SCM") are joined too.
3. **Capitals** lost in conversion are restored where the damage is
   unambiguous: "rOK" -> "ROK", a Korean family name before a hyphenated
   given name or after a title ("han Min-koo" -> "Han Min-koo"), a numbered
   paragraph's first word ("3. the" -> "3. The"); a space set before
   punctuation by a translation's typesetting is dropped ("Seoul , October
   2 , 2013 ." -> "Seoul, October 2, 2013.", "( ROK )" -> "(ROK)").
4. **Paragraphs** come from the layout, not from raw line breaks
   (:func:`line_breaks`, the one paragraph rule): a numbered line continuing
   the paragraph numbering, a bullet or a heading's date line opens a
   paragraph; in hard-wrapped text (most lines end mid-sentence, whatever
   their width) a line goes on with the next unless it is short and ends a
   sentence, or a blank line follows a sentence end; a line ending in a
   connecting word, a hyphen, a comma or a number waiting for its suffix, and
   a next line opening in lower case, always go on. In text whose lines are
   whole paragraphs, every line break ends a paragraph, as before.
5. The lines of a paragraph are joined with one space (nothing after a
   hyphen or a dash; a hyphen is dropped when the word goes on in lower case
   and its first half is not a compound's, "cooper-" / "ation"); paragraphs
   are separated by the line break or blank line they had, page breaks and
   deleted furniture by a blank line.

Everything is a handful of regular-expression passes and one loop over the
lines: linear in the text.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from extractors.document import OffsetMap, Paragraph

if TYPE_CHECKING:
    from extractors.rules.patterns import RuleFile

_LINE = re.compile(r"[^\n\f]+")
_DIGITS = re.compile(r"\d+")
_SOFT_HYPHEN = re.compile(r"(\w*)\ufffe(\w?)")
_CLOSERS = "\"')]\u201d\u2019"
_ENDS = (".", "!", "?", ":", ";", "\u2026")
_ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)")
_NUMBER = re.compile(r"\d{1,3}")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_LEAD_SUFFIX = re.compile(r"(st|nd|rd|th)\b(?=\s|$)")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.'-]*)$")
_FIRST_LETTERS = re.compile(r"[a-z]+")
_WORDS = re.compile(r"(?<![A-Za-z])[A-Za-z]+(?![A-Za-z]|-[ \t]*\r?\n)")
"""The words of a text, but for the first halves of words split at a line's end."""
_DASHES = ("\u2014", "\u2013")

WIDTH_QUANTILE = 0.8
"""The line width of a block is this quantile of its lines' lengths (lines of 20 characters or more)."""

SHORT_RATIO = 0.6
"""In wrapped text, a line shorter than this share of the width ends its paragraph after a sentence end."""

FURNITURE_MAX_CHARS = 60
"""Longest line that can be a running header or footer found by repetition."""

FURNITURE_LINE_MAX = 100
"""Longest line the furniture patterns are tried on (a running header is short)."""

REPEATED_FURNITURE = 3
"""A short line repeated this often is a running header or footer."""

MAX_PARAGRAPH = 20_000
"""Longer "paragraphs" (a text with no paragraph structure at all) are cut at sentence ends, so that
rules working per paragraph stay linear in the text."""

CUT_WINDOW = 3000
"""How far before :data:`MAX_PARAGRAPH` a sentence end to cut at is looked for."""

WRAPPED_MIN_CHARS = 40
"""Lines shorter than this are headings or paragraph ends, never evidence of hard wrapping."""

DATE_LINE_MAX = 70
"""Longest line treated as a heading's date line (a paragraph of its own)."""


@functools.cache
def _rules() -> RuleFile:
    # imported here: the rule files live in the rules package, which imports the readers' modules
    from extractors.rules.patterns import load_rules

    return load_rules("layout")


@functools.cache
def _compiled() -> dict[str, re.Pattern[str]]:
    rules = _rules()
    return {key: rules.regex(key) for key in rules.patterns}


@functools.cache
def _words(key: str) -> frozenset[str]:
    return _rules().words(key)


def ordinal_suffix(number: int) -> str:
    """The English ordinal suffix of ``number`` (1 -> "st", 12 -> "th", 43 -> "rd").

    >>> [ordinal_suffix(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 42, 49, 101, 111)]
    ['st', 'nd', 'rd', 'th', 'th', 'th', 'th', 'st', 'nd', 'th', 'st', 'th']
    """
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


@dataclass
class Layout:
    """The view of a text, its map back, its paragraphs and pages.

    Attributes:
        text: the repaired text (the rules' view).
        omap: maps spans of ``text`` to spans of the input.
        paragraphs: the view's paragraphs, in order.
        pages: view offsets where pages start (empty when the input had no page breaks).
        notes: what was repaired, as counts (for the document's metadata).
    """

    text: str
    omap: OffsetMap
    paragraphs: list[Paragraph]
    pages: list[int] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    gap: str  # what separates it from the previous line: "line", "blank", "page" ("" for the first)
    page: int
    role: str = "text"  # "text", "furniture", "suffix"


QUOTED_SHARE = 0.5
"""A text is a forwarded mail's quotation when at least this share of its lines open with a quotation mark."""

QUOTED_MIN_LINES = 5
"""... and at least this many."""


def _quote_marks(text: str) -> re.Pattern[str] | None:
    """The quotation marks opening the lines of a forwarded mail ("> " before each line), or None when the text is
    not one (``quote_prefix`` in the rule file)."""
    marks = _compiled()["quote_prefix"]
    lines = [ln.lstrip() for ln in _LINE.findall(text) if ln.strip()]
    quoted = sum(1 for ln in lines if marks.match(ln))
    return marks if quoted >= QUOTED_MIN_LINES and quoted >= QUOTED_SHARE * len(lines) else None


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    last = 0
    page = 0
    quote = _quote_marks(text) if ">" in text else None
    for m in _LINE.finditer(text):
        if quote is not None:
            # a quoted line's marks are furniture: its text starts after them, and marks alone are a blank line
            head = quote.match(m.group().lstrip())
            if head is not None and not m.group().lstrip()[head.end() :].strip():
                continue
        sep = text[last : m.start()]
        if "\f" in sep:
            page += sep.count("\f")
            gap = "page"
        elif sep.count("\n") > 1:
            gap = "blank"
        elif sep:
            gap = "line"
        else:
            gap = ""
        line = m.group()
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        if quote is not None and (head := quote.match(stripped)) is not None:
            rest = stripped[head.end() :]
            lead += head.end() + len(rest) - len(rest.lstrip())
            stripped = rest.strip()
        if stripped:
            out.append(_Line(m.start() + lead, m.start() + lead + len(stripped), stripped, gap, page))
        elif out:
            continue
        last = m.end()
    return out


# -- the one paragraph rule ----------------------------------------------------------------


def _terminal(line: str) -> bool:
    """The line ends a sentence (closing quotes and brackets aside)."""
    return line.rstrip(_CLOSERS).endswith(_ENDS)


_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LETTERS = _ASCII_UPPER + bytes(range(ord("a"), ord("z") + 1))


def _capitals(line: str) -> bool:
    """The line is written in capitals (a heading, a cable)."""
    if line.isascii():  # the same counts, by deleting bytes in C (a line of prose is read twice)
        raw = line.encode("ascii")
        n_letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
        return n_letters >= 4 and len(raw) - len(raw.translate(None, _ASCII_UPPER)) >= 0.8 * n_letters
    letters = "".join(filter(str.isalpha, line))
    return len(letters) >= 4 and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


def _last_token(line: str) -> str:
    return line[line.rfind(" ") + 1 :]


def _connects(line: str) -> bool:
    """The line cannot end a heading or paragraph: a connecting word, a number waiting for more."""
    if line.endswith(("-", ",", "/", "(", *_DASHES)):
        return True
    token = _last_token(line)
    if _ORDINAL.fullmatch(token):
        return len(line) > len(token)  # "of the 49th" goes on
    if _NUMBER.fullmatch(token):  # "of the 49" whose suffix went elsewhere
        before = _last_token(line[: -len(token)].rstrip()).lower()
        return before in _words("connectors")
    if token.endswith(".") and token[:-1].lower() in _words("title_abbreviations"):
        return True  # "SEC." / "RUMSFELD: ...", "Mr." / "Yoon and I ...": a title waits for its name
    return token.strip(".'").lower() in _words("connectors")


def _is_date_line(line: str) -> bool:
    """A short line that carries a full date: a heading's dateline ("Seoul, May 28, 1968")."""
    if len(line) > DATE_LINE_MAX or line.endswith(".") or _YEAR.search(line) is None:
        return False
    from extractors.rules.dates import has_full_date

    return has_full_date(line)


def _width(lines: Sequence[str]) -> int:
    widths = sorted(len(line) for line in lines if len(line) >= 20)
    if not widths:
        return max((len(line) for line in lines), default=0)
    return widths[int(WIDTH_QUANTILE * (len(widths) - 1))]


def _is_wrapped(lines: Sequence[str], width: int) -> bool:
    """Hard-wrapped prose: most full-width lines end mid-sentence, whatever the width."""
    body = [line for line in lines[:-1] if len(line) >= WRAPPED_MIN_CHARS and len(line) >= 0.5 * width]
    if len(body) < 3:
        return False
    open_ends = sum(1 for line in body if not _terminal(line))
    return open_ends >= 0.5 * len(body)


def line_breaks(lines: Sequence[str], gaps: Sequence[str] | None = None) -> list[bool]:
    """Whether a paragraph ends after each line but the last (the one paragraph rule).

    Args:
        lines: consecutive non-empty lines (furniture already taken out).
        gaps: what precedes each line: ``"line"`` (a line break), ``"blank"``
            (a blank line) or ``"page"`` (a page break); default all line breaks.

    >>> line_breaks(["JOINT COMMUNIQUE", "1. The Minister and the Secretary met in Seoul on",
    ...              "October 28 and reviewed the security situation on", "the Peninsula."])
    [True, False, False]
    """
    n = len(lines)
    if n < 2:
        return []
    gap_of = list(gaps) if gaps is not None else ["line"] * n
    pats = _compiled()
    numbered_re, alone_re, bullet_re = pats["numbered"], pats["enumerator_alone"], pats["bullet"]
    routing_re = pats["routing_line"]
    byline_re, dateline_re = pats["news_byline"], pats["news_dateline"]
    width = _width(lines)
    wrapped = _is_wrapped(lines, width)
    short = SHORT_RATIO * width
    # double spacing: blank lines even inside sentences, so a blank line is only a line break
    open_lines = [i for i in range(n - 1) if len(lines[i]) >= short and not _terminal(lines[i])]
    blank_after_open = sum(1 for i in open_lines if gap_of[i + 1] == "blank")
    double_spaced = wrapped and len(open_lines) >= 3 and blank_after_open >= 0.6 * len(open_lines)
    last_number: int | None = None
    first = numbered_re.match(lines[0])
    if first is not None:
        last_number = int(first.group(1))
    # inside a numbered paragraph of prose (a communique's "3. The Minister ..."), not a numbered heading
    numbered_prose = first is not None and len(lines[0]) >= short
    out: list[bool] = []
    for i in range(n - 1):
        a, b = lines[i], lines[i + 1]
        gap = gap_of[i + 1]
        if gap == "blank" and double_spaced:
            gap = "line"
        numbered = numbered_re.match(b)
        continues_numbering = numbered is not None and (
            not wrapped or last_number is None or last_number < int(numbered.group(1)) <= last_number + 3
        )
        if routing_re.fullmatch(a) or routing_re.fullmatch(b):
            brk = True  # a wire story's routing line "(...) (1240)" stands between its headline and its text
        elif byline_re.fullmatch(a) or byline_re.fullmatch(b) or dateline_re.match(b):
            brk = True  # a news story's byline, or its dateline opening the text: never the headline's tail
        elif alone_re.fullmatch(a):
            brk = False  # "3." alone on its line opens the paragraph below it
        elif continues_numbering or bullet_re.match(b):
            brk = True
        elif _heading_goes_on(a, b, short if wrapped else DATE_LINE_MAX):
            brk = False
        elif wrapped:
            brk = _wrapped_break(a, b, gap, short, numbered_prose and numbered is None)
        else:
            brk = _line_break(a, b, gap)
        if brk:
            if numbered is not None:
                last_number = int(numbered.group(1))
            numbered_prose = numbered is not None and len(b) >= short
        out.append(brk)
    return out


def _heading_goes_on(a: str, b: str, short: float) -> bool:
    """A short heading line, then the rest of a meeting's name ("... ROK-US" / "Security Consultative Meeting")."""
    if len(a) >= short or _terminal(a) or _is_date_line(a):
        return False
    return _compiled()["heading_tail"].match(b) is not None


def _opens_lower(a: str, b: str) -> bool:
    """The next line goes on with the sentence: lower case, or a dash after an open line."""
    return b[:1].islower() or (b[:1] in _DASHES and not _terminal(a))


def _line_break(a: str, b: str, gap: str) -> bool:
    """Lines that are whole paragraphs: every break ends one, unless the sentence plainly goes on."""
    if _opens_lower(a, b):
        return gap in ("blank", "page") and _terminal(a)
    if gap in ("blank", "page") or _is_date_line(a) or _is_date_line(b):
        return True
    return not _connects(a)


def _opens_dateline(line: str) -> bool:
    """The line opens with a news dateline ("SEOUL, Oct. 30 (Agency) --"): it starts a paragraph."""
    from extractors.metadata import dateline_pattern

    return dateline_pattern().match(line) is not None


def _wrapped_break(a: str, b: str, gap: str, short: float, in_numbered: bool) -> bool:
    """Hard-wrapped lines: a paragraph ends after a short line or a blank line that close a sentence.

    Across a page break (or dropped page furniture) an unnumbered line goes on
    with a numbered paragraph of prose: numbers open a communique's paragraphs.
    """
    if gap == "page" and in_numbered and (len(a) >= short or not _terminal(a)):
        return False
    if gap == "blank" and _opens_dateline(b):
        return True  # a reprint's headline, a blank line, then its lead "WASHINGTON, June 16 (Agency) -- ..."
    if (len(b) < short and _is_date_line(b)) or (len(a) < short and _is_date_line(a)):
        return True
    if _opens_lower(a, b):
        return False
    if _connects(a) and not (_terminal(a) and gap == "blank"):
        return False
    if _capitals(a) != _capitals(b) and not _terminal(a):
        return True  # a heading in capitals and a line that is not ("MINISTERS' MEETING" / "Honolulu, Hawaii")
    if _terminal(a):
        if in_numbered and gap == "line" and (len(b) >= short or _terminal(b)):
            # a short line that ends a sentence inside a numbered paragraph ("... to the region." / "The
            # Minister ..."): the paragraph goes on to the next number; a short heading line still ends it
            return False
        return gap in ("blank", "page") or len(a) < short
    return len(a) < short and gap != "page"


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraph spans of ``text`` by :func:`line_breaks`, the text left as it is.

    For a text no reader prepared (a document made directly): nothing is
    repaired, the paragraphs are those the layout rule finds.
    """
    lines = _lines(text)
    if not lines:
        return []
    breaks = [*line_breaks([ln.text for ln in lines], [ln.gap for ln in lines]), True]
    out: list[tuple[int, int]] = []
    first = 0
    for i, brk in enumerate(breaks):
        if brk:
            out.append((lines[first].start, lines[i].end))
            first = i + 1
    return out


# -- repair ----------------------------------------------------------------------------------


def _mark_furniture(lines: list[_Line]) -> int:
    pats = _compiled()
    furniture = pats["furniture"]
    numbered = pats["numbered"]
    suffix_line = pats["suffix_line"]
    counts: Counter[str] = Counter()
    keys: list[str | None] = []
    for ln in lines:
        key = None
        if (
            len(ln.text) <= FURNITURE_MAX_CHARS
            and not suffix_line.fullmatch(ln.text)
            and not _terminal(ln.text)
            and numbered.match(ln.text) is None
            and any(ch.isalpha() for ch in ln.text)
        ):
            key = _DIGITS.sub("#", ln.text)
            counts[key] += 1
        keys.append(key)
    pages = lines[-1].page + 1
    edge_keys: Counter[str] = Counter()
    if pages >= 2:  # the first and last lines of pages, repeated on half of them: running headers and footers
        for i, (ln, key) in enumerate(zip(lines, keys, strict=True)):
            first = i == 0 or lines[i - 1].page != ln.page
            last = i + 1 == len(lines) or lines[i + 1].page != ln.page
            if key is not None and (first or last):
                edge_keys[key] += 1
    edge = {key for key, n in edge_keys.items() if n >= 2 and n >= pages / 2}
    marked = 0
    for ln, key in zip(lines, keys, strict=True):
        short = len(ln.text) <= FURNITURE_LINE_MAX
        if (short and furniture.fullmatch(ln.text)) or (
            key is not None and (counts[key] >= REPEATED_FURNITURE or key in edge)
        ):
            ln.role = "furniture"
            marked += 1
    return marked


def _attach_suffixes(lines: list[_Line], edits: list[tuple[int, int, str]]) -> int:
    """Give each suffix-only line's suffixes to the numbers of the lines around it."""
    pats = _compiled()
    suffix_line, bare = pats["suffix_line"], pats["bare_number"]
    for ln in lines:
        if ln.role == "text" and suffix_line.fullmatch(ln.text):
            ln.role = "suffix"
    used: set[int] = set()
    moved = 0
    for k, ln in enumerate(lines):
        if ln.role != "suffix":
            continue
        neighbours: list[tuple[_Line, bool]] = []
        for step, before in ((-1, True), (1, False)):
            j = k + step
            while 0 <= j < len(lines) and lines[j].role != "text":
                j += step
            if 0 <= j < len(lines):
                neighbours.append((lines[j], before))
        for suffix in ln.text.split():
            best: tuple[tuple[int, int, int], int] | None = None
            for other, before in neighbours:
                for m in bare.finditer(other.text):
                    at = other.start + m.end(1)
                    if at in used or ordinal_suffix(int(m.group(1))) != suffix:
                        continue
                    rest = other.text[m.end(1) :].lstrip()
                    rank = (2 if not rest or rest[:1].isupper() else 1, 0 if rest else 1, 1 if before else 0)
                    if best is None or rank > best[0]:
                        best = (rank, at)
            if best is not None:
                used.add(best[1])
                edits.append((best[1], best[1], suffix))
                moved += 1
    return moved


CAPITALS_SHARE = 0.8
"""A text whose letters are at least this share capitals (and 200 or more) is written in capitals."""

_WORD = re.compile(r"[A-Za-z][A-Za-z'.]*(?:-[A-Za-z][A-Za-z'.]*)*")


def _in_capitals(shape: bytes) -> bool:
    upper, lower = shape.count(b"A"), shape.count(b"a")
    return upper + lower >= 200 and upper >= CAPITALS_SHARE * (upper + lower)


CAPITALS_BLOCK_SHARE = 0.3
"""A text not in capitals as a whole but with at least this share of capitals is searched for blocks in capitals."""


def _truecase_blocks(text: str, shape: bytes) -> tuple[str, int]:
    """``text`` with every run of lines in capitals (200 letters or more) in ordinary case, and how many runs.

    An archive's record page carries a cable in capitals under its own mixed-case fields ("Document Type:",
    "Publication Date:"): the whole text is not in capitals, its body is. Lines without letters go with the
    run around them; offsets stay (one character for one).
    """
    runs: list[tuple[int, int]] = []
    start = end = -1
    letters = 0
    pos = 0
    for line in text.split("\n"):
        line_end = pos + len(line)
        upper, lower = shape.count(b"A", pos, line_end), shape.count(b"a", pos, line_end)
        if upper + lower and upper < CAPITALS_SHARE * (upper + lower):
            if start >= 0 and letters >= 200:
                runs.append((start, end))
            start, letters = -1, 0
        elif upper:
            if start < 0:
                start = pos
            end, letters = line_end, letters + upper + lower
        pos = line_end + 1
    if start >= 0 and letters >= 200:
        runs.append((start, end))
    for a, b in runs:
        text = text[:a] + truecase(text[a:b]) + text[b:]
    return text, len(runs)


def truecase(text: str) -> str:
    """A text in capitals in ordinary case, character for character (same length, same offsets).

    Words of ``upper_words`` stay in capitals, words of ``capital_words``,
    the first word of a sentence and up to three words of a name after a
    title (``name_lead_words``, until a ``name_stop_words`` word) take a
    capital; every other word is lower-cased.

    >>> truecase("MINISTER SUH JYONG CHUL AND SECRETARY OF DEFENSE JAMES R. SCHLESINGER MET IN SEOUL ON AUGUST 26.")
    'Minister Suh Jyong Chul and Secretary of Defense James R. Schlesinger met in Seoul on August 26.'
    """
    upper, capital = _words("upper_words"), _words("capital_words")
    leads, stops = _words("name_lead_words"), _words("name_stop_words")
    meeting_names = _words("meeting_name_words")
    name_left = 0
    previous = ""

    def case(m: re.Match[str]) -> str:
        nonlocal name_left, previous
        word = m.group()
        low = word.lower().rstrip(".")
        before = text[max(0, m.start() - 8) : m.start()]
        tail = before.rstrip()
        start = not tail or tail[-1] in ".!?:" or "\n\n" in before[len(tail) :] or "\f" in before[len(tail) :]
        in_name = name_left > 0 and low not in stops
        name_left = name_left - 1 if in_name else 0
        capitalised = low in capital or in_name or (low == "meeting" and previous in meeting_names)
        parts = []
        for part in word.split("-"):
            bare = part.lower().rstrip(".")
            if bare in upper:
                parts.append(part.upper())
            elif bare in capital or capitalised or (start and not parts):
                parts.append(part[:1].upper() + part[1:].lower())
            else:
                parts.append(part.lower())
        if low in leads:
            name_left = 3
        previous = low
        return "-".join(parts)

    return _WORD.sub(case, text)


_SHAPE = bytes.maketrans(
    bytes(range(ord("a"), ord("z") + 1)) + bytes(range(ord("A"), ord("Z") + 1)) + b"0123456789",
    b"a" * 26 + b"A" * 26 + b"0" * 10,
)
"""Each ASCII letter or digit to its class (a, A, 0): a one-byte-per-character shape of the text, scanned
with literal-led patterns, which Python's regex engine runs about ten times faster than class-led ones."""
_SUFFIX_AT = re.compile(rb"0(?= aa(?![aA0])|\[aa\]|\(aa\))")
_FAMILY_AT = (re.compile(rb" (a{1,5})[ \n]+A"), re.compile(rb"\n(a{1,5})[ \n]+A"), re.compile(rb"^(a{1,5})[ \n]+A"))
_GIVEN_HYPHENATED = re.compile(r"[A-Z][a-z]+-[a-z]+\b")


def _inline_edits(text: str, edits: list[tuple[int, int, str]]) -> dict[str, int]:
    """Repairs inside lines: split suffixes, lost capitals, PDFium's hyphen marks.

    Candidates are found in the text's shape (:data:`_SHAPE`) and confirmed
    with the rule file's patterns at their place, so the scans stay cheap.
    """
    pats = _compiled()
    shape = text.encode("ascii", "replace").translate(_SHAPE)
    joined = 0
    size = len(text)
    suffix_re = pats["inline_suffix"]
    for hit in _SUFFIX_AT.finditer(shape):
        start = hit.start()
        while start > 0 and shape[start - 1] == 0x30:  # back to the number's first digit
            start -= 1
        m = suffix_re.match(text, start)
        if m is None or m.end(1) != hit.end() or (start and (text[start - 1].isdigit() or text[start - 1] in ".,")):
            continue
        suffix = m.group(2) or m.group(3) or m.group(4)
        after = text[m.end()] if m.end() < size else " "
        if after == "'" or after.isalnum() or ordinal_suffix(int(m.group(1))) != suffix:
            continue
        if m.group(2):
            edits.append((m.end(1), m.start(2), ""))
        else:
            edits.append((m.end(1), m.end(1) + 1, ""))
            edits.append((m.end() - 1, m.end(), ""))
        joined += 1
    if "\ufffe" in text:  # PDFium's mark of a word hyphenated at a line's end
        heads = _words("compound_heads")
        for m in _SOFT_HYPHEN.finditer(text):
            keep = m.group(1).lower() in heads or not m.group(2)[:1].islower()
            edits.append((m.start(2) - 1, m.start(2), "-" if keep else ""))
    capitals = 0
    lost = pats["lost_capital"]
    at = shape.find(b"aAA")
    while at >= 0:  # "rOK": a word whose first letter lost its capital
        if (at == 0 or shape[at - 1] not in b"aA0") and lost.match(text, at):
            edits.append((at, at + 1, text[at].upper()))
            capitals += 1
        at = shape.find(b"aAA", at + 1)
    families = _words("family_names")
    titles = _words("name_titles")
    for pattern in _FAMILY_AT:  # "han Min-koo", "General lee Sun-jin": a family name lost its capital
        for hit in pattern.finditer(shape):
            first, last = hit.span(1)
            word = text[first:last]
            if word not in families:
                continue
            given = _GIVEN_HYPHENATED.match(text, hit.end() - 1) is not None
            before = text[max(0, first - 16) : first].split()
            if given or (before and before[-1].lower() in titles):
                edits.append((first, first + 1, word[0].upper()))
                capitals += 1
    spaced = 0
    for m in pats["spaced_punctuation"].finditer(text):  # "Seoul , October 2 , 2013 ." -> "Seoul, October 2, 2013."
        at = m.start()
        prev = text[at - 1 : at]
        if prev and prev != "(" and not prev.isspace() and (prev not in ".,;:" or text[at + 1] == ")"):
            edits.append((at, at + 1, ""))
            spaced += 1
    for m in pats["spaced_paren"].finditer(text):  # "( ROK )" -> "(ROK)"
        edits.append((m.end() - 1, m.end(), ""))
        spaced += 1
    for m in pats["numbered_lower"].finditer(text):
        edits.append((m.start(1), m.end(1), m.group(1).upper()))
        capitals += 1
    return {"suffixes_joined": joined, "capitals_restored": capitals, "spaces_before_punctuation": spaced}


def _joiner(a: _Line, b: _Line, words: Callable[[], frozenset[str]]) -> tuple[int, str]:
    """How two lines of one paragraph are joined: (characters of ``a`` to drop at its end, separator).

    ``words`` gives the text's words in lower case (read once, when a capitalised word is split: "Secre-" /
    "tary" is "Secretary" where the text writes that word elsewhere and never "Secre"; "Korea-" / "based"
    keeps its hyphen).
    """
    line = a.text
    if line.endswith("-") and len(line) > 1 and line[-2].isalpha():
        head = _LAST_WORD.search(line[:-1])
        word = head.group(1) if head else ""
        if b.text[:1].islower() and word.lower() not in _words("compound_heads"):
            if word.islower():
                return 1, ""
            tail = _FIRST_LETTERS.match(b.text)
            if word.isalpha() and word[1:].islower() and tail is not None:
                known = words()
                if word.lower() not in known and (word + tail.group(0)).lower() in known:
                    return 1, ""
        return 0, ""
    if line.endswith(_DASHES) and len(line) > 1 and line[-2].isalpha():
        return 0, ""
    if b.text.startswith(_DASHES) and len(b.text) > 1 and b.text[1].isalpha():
        return 0, ""
    lead = _LEAD_SUFFIX.match(b.text)
    if lead is not None:
        number = _last_token(line)
        if _NUMBER.fullmatch(number) and ordinal_suffix(int(number)) == lead.group(1):
            return 0, ""
    return 0, " "


_BREAK, _FIRST, _LAST = 1, 2, 4
"""Tags of structural edits: a paragraph break, the text before the first
paragraph, the text after the last one."""


def repair(text: str) -> Layout:
    """The view of a normalised text (see the module notes)."""
    notes: dict[str, int] = {}
    shape = text.encode("ascii", "replace").translate(_SHAPE)
    if _in_capitals(shape):
        text = truecase(text)  # one character for one: offsets stay
        notes["truecased"] = 1
    elif shape.count(b"A") >= CAPITALS_BLOCK_SHARE * (shape.count(b"A") + shape.count(b"a")):
        text, blocks = _truecase_blocks(text, shape)  # a cable in capitals under an archive's mixed-case record
        if blocks:
            notes["truecased"] = blocks
    lines = _lines(text)
    if not lines:
        return Layout(text, OffsetMap(), [], [])
    notes["furniture_lines"] = _mark_furniture(lines)
    edits: list[tuple[int, int, str, int, int]] = []
    inline: list[tuple[int, int, str]] = []
    notes["suffix_lines"] = _attach_suffixes(lines, inline)
    notes.update(_inline_edits(text, inline))
    kept = [ln for ln in lines if ln.role == "text"]
    if not kept:  # nothing but furniture: keep the text as it is rather than nothing
        for ln in lines:
            ln.role = "text"
        kept = lines
        inline = []
    edits.extend((s, e, rep, 0, -1) for s, e, rep in inline)
    gaps: list[str] = []
    dropped = False
    for ln in lines:
        if ln.role == "furniture":
            dropped = True
        elif ln.role == "text":
            page_break = bool(gaps) and (dropped or ln.page != kept[len(gaps) - 1].page)
            gaps.append("page" if page_break else ln.gap)
            dropped = False
    breaks = line_breaks([ln.text for ln in kept], gaps)

    @functools.cache
    def words() -> frozenset[str]:
        return frozenset(w.lower() for w in _WORDS.findall(text))

    pages = text.count("\f") + 1 if "\f" in text else 0
    edits.append((0, kept[0].start, "", _FIRST, kept[0].page if pages else -1))
    for i in range(len(kept) - 1):
        a, b = kept[i], kept[i + 1]
        page = b.page if pages and b.page != a.page else -1
        if breaks[i]:
            sep = text[a.end : b.start]
            edits.append((a.end, b.start, sep if sep in ("\n", "\n\n") else "\n\n", _BREAK, page))
        else:
            drop, joiner = _joiner(a, b, words)
            edits.append((a.end - drop, b.start, joiner, 0, page))
    edits.append((kept[-1].end, len(text), "", _LAST, pages - 1 if pages else -1))
    notes["glued_openings"] = _glued_openings(text, kept, edits)
    return _apply(text, edits, notes)


def _glued_openings(text: str, kept: list[_Line], edits: list[tuple[int, int, str, int, int]]) -> int:
    """Break the text's first line where its title runs into the opening sentence with no space ("... and
    JapanWe, the leaders of ..."): the rule file's ``glued_opening``, at its first place. Returns 1 if it broke."""
    first = kept[0]
    m = _compiled()["glued_opening"].search(text, first.start, first.end)
    if m is None:
        return 0
    edits.append((m.start(), m.start(), "\n\n", _BREAK, -1))
    return 1


def _apply(text: str, edits: list[tuple[int, int, str, int, int]], notes: dict[str, int]) -> Layout:
    """Apply the edits in text order; collect paragraph spans and page starts of the view."""
    edits.sort(key=lambda edit: (edit[0], edit[1]))
    pieces: list[str] = []
    omap = OffsetMap()
    out_len = 0
    last = 0
    para_starts: list[int] = []
    para_ends: list[int] = []
    page_starts: list[int] = []
    for s, e, rep, tag, page in edits:
        if s < last:  # an edit overlapping the one before (not expected): structure wins, repairs yield
            if not tag or e < last:
                continue
            s = last
        if s > last:
            pieces.append(text[last:s])
            out_len += s - last
        if tag & (_BREAK | _LAST):
            para_ends.append(out_len)
        pieces.append(rep)
        omap.replace(out_len, s, len(rep), e - s)
        out_len += len(rep)
        last = e
        if tag & (_BREAK | _FIRST):
            para_starts.append(out_len)
        while len(page_starts) <= page:  # pages up to this one start here (empty pages included)
            page_starts.append(out_len)
    view = "".join(pieces)
    paragraphs = _number(view, list(zip(para_starts, para_ends, strict=True)), page_starts)
    return Layout(view, omap, paragraphs, page_starts, {k: v for k, v in notes.items() if v})


def _number(text: str, spans: list[tuple[int, int]], pages: list[int]) -> list[Paragraph]:
    """Paragraphs with their own numbers where the text numbers them in increasing order."""
    numbered_re = _compiled()["numbered"]
    out: list[Paragraph] = []
    last_number: int | None = None
    for position, (start, end) in enumerate(_capped(text, spans), start=1):
        if end <= start:
            continue
        number, numbered = position, False
        m = numbered_re.match(text, start, end)
        if m is not None:
            value = int(m.group(1))
            if value > 0 and (last_number is None or value > last_number):
                number, numbered, last_number = value, True, value
        page = bisect.bisect_right(pages, start) if pages else None
        out.append(Paragraph(number=number, start=start, end=end, page=page, numbered=numbered))
    return out


def _capped(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with every span longer than :data:`MAX_PARAGRAPH` cut after its last whole sentence."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > MAX_PARAGRAPH:
            from extractors.segment import split_sentences  # the one splitter (it imports this module)

            window = start + MAX_PARAGRAPH - CUT_WINDOW  # sentence ends are looked for near the limit only
            sentences = split_sentences(text, window, start + MAX_PARAGRAPH)
            cut = sentences[-2].end if len(sentences) > 1 else start + MAX_PARAGRAPH
            out.append((start, cut))
            while cut < end and text[cut].isspace():
                cut += 1
            start = cut
        out.append((start, end))
    return out


def number_paragraphs(text: str, spans: list[tuple[int, int]], pages: list[int] | None = None) -> list[Paragraph]:
    """:class:`Paragraph` records for spans of ``text`` (numbers read where the text numbers them)."""
    return _number(text, spans, pages or [])
