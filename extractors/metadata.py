"""Inferring a document's title, issuing date and kind from its text.

Real communiqués, statements, articles and studies carry no front matter, so
everything here is read from the text (and from hints a reader found, such
as an HTML page's ``<meta>`` date). The patterns are data
(``extractors/data/rules/metadata.yaml``) and dates are read with the one
date grammar (:mod:`extractors.rules.dates`):

* **title**: the reader's hint unless it is site chrome, else the first
  heading of the text that is not chrome (navigation labels, "Skip to main
  content", breadcrumbs, "From", "UNCLASSIFIED", "Appendix 15", a bare date),
  a heading that names a document ("... Joint Communiqué", "Joint Statement
  ...", "... Security Consultative Meeting") preferred; a generic first
  heading ("Joint Communiqué") is joined with the heading that follows it; a
  heading after the first paragraph of prose heads a section ("U.S.-ROK
  Alliance" in an untitled media note), never the document;
* **date**: the reader's hint, else a news dateline ("SEOUL, Oct. 30 (Agency)
  --") completed with the year of a full date near the top (the one with the
  dateline's month and day first), else the first full date near the top
  ("October 28, 2017", "28 October 2017", "2017-10-28", "2017. 10. 28."),
  else a month and year on a line of its own ("March 2023", day set to 1 and
  ``date_precision`` = ``month``; one inside prose dates an event). A full
  date that names another event ("the Sept. 19, 2005 Joint Statement", "took
  office on October 1, 2023", "at the June 3, 2019, ministerial-level meeting",
  "since its establishment in November 7, 1978") is not the document's date;
* **kind**: one of :data:`graph.schema.DOC_KINDS` from cues: a reprint's lead
  ("The following is the full text of the joint communique ...") makes the
  document what it reprints; then news datelines and bylines, "Joint
  Communiqué" / "Security Consultative Meeting" headings, "Joint Statement" /
  "Joint Declaration" / "Leaders' Statement" headings, study apparatus
  (abstract, references, "this paper").
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from extractors.document import Paragraph
from graph.labels import shorten

if TYPE_CHECKING:
    from extractors.rules.patterns import RuleFile

TOP_CHARS = 2500
"""How far from the start the issuing date and kind cues are looked for."""

TITLE_MAX_CHARS = 200

TITLE_SCAN_PARAGRAPHS = 24
"""How many opening paragraphs (before the first numbered one) may hold the title."""

STUDY_SCAN_CHARS = 200_000
"""How much of the text is searched for study apparatus (abstract, references ...)."""

_FIRST_NUMBERED = re.compile(r"\s1\.\s+(?=[A-Z])")
"""Paragraph 1 of a text whose line breaks were lost, after its heading."""

REPRINT_WINDOW = 300
"""How far after a reprint's lead ("the full text of") the reprinted kind is named."""


@functools.cache
def _rules() -> RuleFile:
    # imported here: the rule files live in the rules package, which imports the readers' modules
    from extractors.rules.patterns import load_rules

    return load_rules("metadata")


@functools.cache
def _pattern(key: str) -> re.Pattern[str]:
    from extractors.rules import regex_cache
    from extractors.rules.dates import expand

    rules = _rules()
    return regex_cache.compile(expand(rules.source(key)), rules.flags(key))


@dataclass
class Inferred:
    """What :func:`infer` found; ``notes`` say where each value came from."""

    title: str | None = None
    date: dt.date | None = None
    kind: str = "other"
    notes: dict[str, str] = field(default_factory=dict)


def dateline_pattern() -> re.Pattern[str]:
    """The news dateline of metadata.yaml ("SEOUL, Oct. 30 (Agency) --"), for the layout's paragraph rule."""
    return _pattern("dateline")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def parse_date(value: str) -> dt.date | None:
    """A date from an ISO timestamp or a written date; None when it is not a full date.

    Written forms are read with the date grammar ("Oct. 28, 2017", "28 October
    2017", "2017. 10. 28."); anything else goes to ``dateutil``.

    >>> parse_date("2017-10-28T09:00:00+09:00")
    datetime.date(2017, 10, 28)
    >>> parse_date("Oct. 28, 2017"), parse_date("2017. 10. 28."), parse_date("soon")
    (datetime.date(2017, 10, 28), datetime.date(2017, 10, 28), None)
    """
    from extractors.rules.dates import read_date

    cleaned = value.strip()
    if not cleaned:
        return None
    written = read_date(cleaned)
    if written is not None:
        return written
    try:
        return dt.datetime.fromisoformat(cleaned.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    if not any(ch.isdigit() for ch in cleaned):
        return None
    # dateutil's parser (and its time zones) takes 0.02 CPU s to import: loaded only for a date no other reading takes
    from dateutil import parser as date_parser

    try:
        cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", cleaned).replace("Sept.", "Sep.")
        return date_parser.parse(cleaned, fuzzy=False, default=dt.datetime(1900, 1, 1)).date()
    except (ValueError, OverflowError, date_parser.ParserError):
        return None


def infer_date(text: str, *, study: bool = False) -> tuple[dt.date | None, str, str]:
    """The issuing date near the top of ``text``: ``(date, source, precision)``.

    In a ``study``, a date that a preposition ties to an event of a prose line ("On 11 January 2023, President X
    announced ...") is that event's, not the study's (``study_event_date_before``).

    >>> infer_date("SEOUL, Oct. 30 (Yonhap) -- Talks on 2023 plans went on.")[0]
    datetime.date(2023, 10, 30)
    """
    from extractors.rules.dates import find_dates, iter_full_dates, month_number

    top = text[:TOP_CHARS]
    label = _pattern("publication_label").search(top)
    labelled = next(iter_full_dates(top, label.end(), label.end() + 40), None) if label is not None else None
    if labelled is not None:
        return labelled.date, "publication label", "day"
    dateline = _pattern("dateline").search(top)
    if dateline is not None and dateline.start() < 400:
        year: int | None = int(dateline.group("year")) if dateline.group("year") else None
        month_day = dateline.group("md").split()
        month, day = month_number(month_day[0]), int(month_day[-1])
        if year is None:
            full = list(iter_full_dates(top))
            same = [d.date.year for d in full if (d.date.month, d.date.day) == (month, day)]
            if same:
                year = same[0]
            elif full:
                year = full[0].date.year
            else:
                found_year = _pattern("year").search(top)
                year = int(found_year.group()) if found_year else None
        if year is not None:
            try:
                return dt.date(year, month, day), "dateline", "day"
            except ValueError:
                pass
    first = next(
        (
            d
            for d in iter_full_dates(top)
            if not names_other_event(top, d.start, d.end) and not (study and _study_event_date(top, d.start))
        ),
        None,
    )
    if first is not None:
        return first.date, "text", "day"
    for found in find_dates(top[:800]):
        # a month and year on a line of its own dates the text ("March 2023" under a study's title); inside
        # prose it dates what the sentence tells ("lauded the table-top exercise in September 2017")
        if found.precision == "month" and not found.relative and _heading_like(_line_at(top, found.start)):
            return found.date, "text", "month"
    return None, "", ""


def earlier_meeting_day(text: str) -> dt.date | None:
    """The day of the earlier meeting a text names near its top ("(The previous meeting was held in Phnom Penh,
    Cambodia, on July 12, 2012.)", ``earlier_meeting_before``): the day an undated text's own meeting follows."""
    from extractors.rules.dates import iter_full_dates

    top = text[:TOP_CHARS]
    pattern = _pattern("earlier_meeting_before")
    return next(
        (d.date for d in iter_full_dates(top) if pattern.search(top[max(0, d.start - 200) : d.start])), None
    )


def _study_event_date(text: str, start: int) -> bool:
    """Is the date at ``start`` on a prose line, after a preposition that ties it to an event the line tells?"""
    line_start = text.rfind("\n", 0, start) + 1
    return not _heading_like(_line_at(text, start)) and bool(
        _pattern("study_event_date_before").search(text, max(line_start, start - 40), start)
    )


def _line_at(text: str, pos: int) -> str:
    """The line of ``text`` that holds position ``pos``, stripped."""
    end = text.find("\n", pos)
    return text[text.rfind("\n", 0, pos) + 1 : len(text) if end < 0 else end].strip()


def names_other_event(text: str, start: int, end: int) -> bool:
    """True when the date at ``text[start:end]`` names another event, so it is not the document's date.

    >>> t = "It breaks the Sept. 19, 2005 Joint Statement."
    >>> names_other_event(t, 14, 28)
    True
    >>> t = "He took office on October 1, 2023."
    >>> names_other_event(t, 18, 33)
    True
    >>> names_other_event("Seoul, October 28, 2017", 7, 23)
    False
    """
    before = text[max(0, start - 40) : start]
    if _pattern("event_date_before").search(before):
        return True
    if _pattern("caption_before").search(text[max(0, start - 200) : start]):
        return True  # a photo's caption dates the photo
    if _pattern("issue_header_before").search(text[max(0, start - 200) : start]):
        return True  # a collection's issue header dates the issue
    if _pattern("archive_span_before").search(text[max(0, start - 200) : start]):
        return True  # an archive's banner gives the span of its pages
    if _pattern("earlier_meeting_before").search(text[max(0, start - 200) : start]):
        return True  # "The previous meeting was held in X on <date>": the earlier meeting's day
    line_start = text.rfind("\n", 0, start) + 1
    if _pattern("citation_before").fullmatch(text, line_start, start):
        return True  # a note's citation dates the cited work
    if _pattern("chronology_entry_before").fullmatch(text, line_start, start) and _pattern(
        "chronology_entry_after"
    ).match(text, end):
        return True  # a chronology's entry ("_ April 5, 2009: North Korea launches ...") dates the entry
    return before.rstrip(" ").lower().endswith(" the") and _pattern("event_date_after").match(text, end) is not None


def is_chrome(line: str) -> bool:
    """True when ``line`` is site chrome, a label or a banner: never a document's title.

    >>> [is_chrome(x) for x in ("Skip to main content", "Home : Media : News", "From", "Appendix 15",
    ...                         "UNCLASSIFIED", "Joint Communique of the 50th SCM", "Thursday, November 30, 2017")]
    [True, True, True, True, True, False, True]
    """
    from extractors.rules.dates import WEEKDAYS, read_date

    stripped = line.strip()
    if _pattern("chrome").fullmatch(stripped) is not None:
        return True
    day, comma, rest = stripped.partition(",")
    if comma and day.lower() in WEEKDAYS:
        stripped = rest.strip()  # a dated line with its weekday: "Thursday, November 30, 2017"
    return _pattern("year").search(stripped) is not None and read_date(stripped.rstrip(".")) is not None


def body_end(text: str) -> int:
    """Where the text proper ends: before an agency's "(END)" or a block of related headlines, else its end."""
    found = _pattern("trailer").search(text)
    return found.start() if found is not None else len(text)


def _heading_like(line: str) -> bool:
    return len(line) <= TITLE_MAX_CHARS and not line.rstrip().endswith((".", "!", "?", ";", ","))


PROSE_MIN_CHARS = 120
"""A line this long that ends a sentence is body text: the headings after it head sections."""


def _is_prose(line: str) -> bool:
    return len(line) >= PROSE_MIN_CHARS and line.rstrip().endswith((".", "!", "?", ".\u201d", '."'))


def infer_title(text: str, paragraphs: list[Paragraph]) -> str | None:
    """The document's title: its first heading that is not chrome (see the module notes)."""
    front = _pattern("front_matter_title").match(text)
    if front is not None:
        return front.group("title").strip()  # a markdown repost's front matter names it
    heads: list[str] = []
    end = body_end(text)
    for p in paragraphs[:TITLE_SCAN_PARAGRAPHS]:
        if p.numbered or p.start >= end:
            break
        line = text[p.start : p.end].split("\n", 1)[0].strip()
        if not heads and len(line) > TITLE_MAX_CHARS and (numbered := _FIRST_NUMBERED.search(line)) is not None:
            line = line[: numbered.start()].strip()  # a heading run into paragraph 1 ("... Communiqué 1. The 37th")
        if not heads and len(line) > TITLE_MAX_CHARS:
            # a heading, its date line and the body on one line ("... Meeting Washington, D.C. October 24, 2012 The
            # 44th ...": a copy that lost its line breaks): the heading ends at the first date after three words
            # (a heading's last word before its date line is a name or a title word, never a lower-case word:
            # "... convened a meeting in Washington, D.C. on October 19, 2016" is a body sentence)
            dated = next((m for m in _pattern("title_run_date").finditer(line, 0, TITLE_MAX_CHARS)
                          if len(before := line[: m.start()].split()) >= 3 and not before[-1].islower()), None)
            if dated is not None:
                line = line[: dated.start()].strip()
        subject = _pattern("subject_line").fullmatch(line) or _pattern("subject_in_header").search(
            " ".join(text[p.start : p.end].split())
        )
        if subject is not None:
            line = subject.group("subject").strip()
            if _is_prose(line):
                continue  # a routing header run on into the cable's body ("SUBJECT: X REPEATED BELOW IS ..."): no title
        whole = line  # a dated line is chrome as a whole ("Thursday, November 30, 2017" is no title "Thursday")
        line = _pattern("title_trailing_label").sub("", _pattern("title_leading_label").sub("", line))
        if line and not is_chrome(line) and not is_chrome(whole):
            if _is_prose(line):
                if heads and not any(_heading_like(h) for h in heads):
                    continue  # a blog's epigraph and tagline above a reposted text: no heading yet, the body is later
                break  # the body has begun: a heading after its first paragraph is a section's, not the title
            heads.append(line)
    if not heads and paragraphs:
        first_line = _pattern("title_leading_label").sub("", text[paragraphs[0].start : paragraphs[0].end].strip())
        first_line = first_line.split("\n", 1)[0].strip()
        heads = [first_line] if first_line and not is_chrome(first_line) else []  # never a routing line
    if not heads:
        return None
    cues = _pattern("title_cues")
    at = next((i for i, h in enumerate(heads) if _heading_like(h) and cues.search(_fold(h))), None)
    if at is None:
        at = next((i for i, h in enumerate(heads) if _heading_like(h)), 0)
    first = heads[at]
    if at + 1 < len(heads) and _heading_like(heads[at + 1]) and _pattern("title_continues").search(first):
        first = f"{first} {heads[at + 1]}"
    if len(first) > TITLE_MAX_CHARS:
        return shorten(first, TITLE_MAX_CHARS)
    if _pattern("generic_headings").match(_fold(first)) and at + 1 < len(heads):
        second = heads[at + 1]
        if _heading_like(second):
            return f"{first}: {second}"
    return first


def _reprinted_kind(top: str, title: str | None) -> str | None:
    """The kind a reprint's lead or title says it reprints (communique or joint statement)."""
    reprint = _pattern("reprint")
    head = top[:1500]
    places = [m.end() for m in reprint.finditer(head)] if _pattern("reprint_hint").search(head) else []
    if title and reprint.search(title):
        places.append(-1)
    for end in places:
        window = _fold(title or "") if end < 0 else _fold(top[end : end + REPRINT_WINDOW])
        first = window.split(".", 1)[0] if end >= 0 else window
        if _pattern("joint_communique").search(first):
            return "communique"
        if _pattern("joint_statement").search(first):
            return "joint_statement"
        if _pattern("communique").search(first):
            return "communique"
    return None


@functools.cache
def _study_literals() -> tuple[str, ...] | None:
    from extractors.rules.patterns import required_literals

    return required_literals(_pattern("study_cues"))


def _study_cues(lowered: str) -> int:
    """How many study cues the (lower-cased) text holds, counted up to two (all :func:`infer_kind` tells apart).

    A text without any literal every cue contains has none, which spares the
    scan of the cue pattern at every character of a text that is no study.
    """
    if _pattern("reference_title").search(lowered, 0, TOP_CHARS):
        return 2  # a chronology or timeline: a reference list of dated events
    literals = _study_literals()
    found = 0
    if literals is None or any(literal in lowered for literal in literals):
        found = sum(1 for _ in itertools.islice(_pattern("study_cues").finditer(lowered), 2))
    if found < 2 and sum(1 for _ in itertools.islice(_pattern("footnote_markers").finditer(lowered), 2)) == 2:
        found += 1  # footnote markers or cited endnotes, two of them: one cue ("... armistice,[1] ...")
    return found


def _names_joint_statement(line: str) -> bool:
    """Does heading ``line`` name a joint statement as its own, not as one it cites ("Joint Statement on the Trilateral
    ...", "U.S.-ROK Leaders' Joint Statement"; not "Peninsula and the Joint Statement of President X ... at the
    Summit" or "... to implement the Pyongyang Joint Declaration", the first line of a page that opens mid-text)?"""
    folded = _fold(line)
    cited = _pattern("cited_document_before")
    return any(cited.search(folded, 0, m.start()) is None for m in _pattern("joint_statement").finditer(folded))


def infer_kind(text: str, title: str | None, *, html_article: bool = False, numbered: int = 0) -> tuple[str, str]:
    """The document kind and the cue that decided it.

    Args:
        text: the normalised text.
        title: the title found so far.
        html_article: the reader found an HTML article page (``og:type`` article, ``<article>``).
        numbered: how many numbered paragraphs the text has.

    >>> infer_kind("JOINT COMMUNIQUE\\n\\nThe 52nd Security Consultative Meeting ...", None)
    ('communique', 'communique heading')
    >>> infer_kind("SEOUL, Nov. 4 (Agency) -- The following is the full text of the joint communique.", None)
    ('communique', 'reprint of a communique')
    """
    top = text[:TOP_CHARS]
    first_lines = "\n".join(top.split("\n\n", 3)[:3])
    heading = _fold(" ".join(filter(None, [title or "", first_lines[:400]])))
    # the heading lines only (short, no closing punctuation): a news story's sentence that names "the joint
    # communique of the 38th SCM" or a study's "held their first Security Consultative Meeting" is no heading
    lines = [title or "", *(" ".join(par.split()) for par in top.split("\n\n", 3)[:3])]
    heads_only = _fold(" ".join(ln for ln in lines if _heading_like(ln) and not ln.endswith("\u2026")))
    reprinted = _reprinted_kind(top, title)
    if reprinted is not None:
        return reprinted, f"reprint of a {reprinted.replace('_', ' ')}"
    if _pattern("readout_heading").search(title or top.lstrip().split("\n", 1)[0]):
        return "other", "readout heading"  # before the byline: "By Col. <name> / Spokesperson for the Chairman"
    if _pattern("dateline").search(top[:400]):
        return "news", "dateline or byline"
    study_cues = _study_cues(text[:STUDY_SCAN_CHARS].lower())
    if study_cues >= 2:
        # before a byline: a think tank's report is signed too ("By First Last and First Last / August 2019")
        return "study", "study apparatus"
    if _pattern("byline").search(top[:600]):
        return "news", "dateline or byline"
    if _pattern("joint_communique").search(heads_only):
        return "communique", "communique heading"
    if _pattern("communique").search(heading) and numbered >= 3:
        return "communique", "meeting heading and numbered paragraphs"
    # (the heading lines, and a title the site cut short with "..." ("Joint Statement on the Trilateral ...")
    heads = [ln for ln in lines if _heading_like(ln) and not ln.endswith("\u2026")]
    if title and title.rstrip().endswith("..."):
        heads.append(title)
    if any(_names_joint_statement(ln) for ln in heads):
        return "joint_statement", "joint statement heading"
    if _pattern("leaders_voice").search(top):
        return "joint_statement", "the leaders' own voice"
    if _pattern("news_words").search(top):
        return "news", "news wording"
    if html_article:
        return "news", "HTML article page"
    if _pattern("communique").search(heads_only):
        return "communique", "meeting heading"
    if study_cues == 1:
        return "study", "study cue"
    return "other", "no cue"


def infer(
    text: str,
    paragraphs: list[Paragraph],
    *,
    title_hint: str | None = None,
    date_hint: dt.date | None = None,
    html_article: bool = False,
) -> Inferred:
    """Title, date and kind of a normalised text (hints from the reader win).

    A reprint is dated by its dateline when it has one (the page that carries
    a communique may be published the next day in another time zone); the
    reader's date then only gives the dateline its year.
    """
    result = Inferred()
    hint = title_hint if title_hint and not is_chrome(title_hint) else None
    result.title = hint or infer_title(text, paragraphs)
    result.notes["title_source"] = "reader" if hint else "text"
    numbered = sum(1 for p in paragraphs if p.numbered)
    result.kind, cue = infer_kind(text, result.title, html_article=html_article, numbered=numbered)
    result.notes["kind_cue"] = cue
    reprint_date = _dateline_date(text, date_hint) if cue.startswith("reprint") else None
    if reprint_date is not None:
        result.date = reprint_date
        result.notes["date_source"] = "dateline of the reprint"
        result.notes["date_precision"] = "day"
    elif date_hint is not None:
        result.date = date_hint
        result.notes["date_source"] = "reader"
        result.notes["date_precision"] = "day"
    else:
        found, source, precision = infer_date(text, study=result.kind == "study")
        result.date = found
        if found is not None:
            result.notes["date_source"] = source
            result.notes["date_precision"] = precision
    return result


def _dateline_date(text: str, hint: dt.date | None) -> dt.date | None:
    """The date of a dateline near the top, its year from the dateline, the hint, or the text."""
    top = text[:TOP_CHARS]
    dateline = _pattern("dateline").search(top)
    if dateline is None or dateline.start() >= 400:
        return None
    if dateline.group("year") is None and hint is not None:
        from extractors.rules.dates import month_number

        month_day = dateline.group("md").split()
        for year in (hint.year, hint.year - 1):
            try:
                found = dt.date(year, month_number(month_day[0]), int(month_day[-1]))
            except ValueError:
                return None
            if found <= hint:
                return found
        return None
    dated, source, _ = infer_date(text)
    return dated if source == "dateline" else None
