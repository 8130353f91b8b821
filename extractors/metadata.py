"""Inferring a document's title, issuing date and kind from its text.

Real communiqués, statements, articles and studies carry no front matter, so
everything here is read from the text (and from hints a reader found, such
as an HTML page's ``<meta>`` date):

* **title**: the reader's hint, else the first short line; a generic first
  heading ("Joint Communiqué", "Joint Statement") is joined with the heading
  that follows it;
* **date**: the reader's hint, else the first full date near the top of the
  text ("October 28, 2017", "28 October 2017", "2017-10-28", "2017. 10. 28."),
  else a news dateline ("SEOUL, Oct. 30 (Yonhap) --") completed with a year
  found near the top, else a month and year ("March 2023", day set to 1 and
  ``date_precision`` = ``month``);
* **kind**: one of :data:`graph.schema.DOC_KINDS` from cues: news datelines
  and bylines, "Joint Communiqué" / "Security Consultative Meeting"
  headings, "Joint Statement" / "Joint Declaration" / "Leaders' Statement"
  headings, study apparatus (abstract, references, "this paper").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from dateutil import parser as date_parser

from extractors.document import Paragraph

TOP_CHARS = 2500
"""How far from the start the issuing date and kind cues are looked for."""

TITLE_MAX_CHARS = 200

STUDY_SCAN_CHARS = 200_000
"""How much of the text is searched for study apparatus (abstract, references ...)."""

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:tember|t\.|\.|t)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
FULL_DATE = re.compile(
    rf"\b(?P<mdy>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d)\b"
    rf"|\b(?P<dmy>\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?:19|20)\d\d)\b"
    r"|\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"
    r"|\b(?P<dotted>(?:19|20)\d\d\.\s?[01]?\d\.\s?[0-3]?\d)\.?(?!\d)"
)
"""A full written date: "October 28, 2017", "28 Oct. 2017", "2017-10-28", "2017. 10. 28."."""
_DATELINE = re.compile(
    rf"^[A-Z][A-Za-z .'-]{{1,40}},\s+(?P<md>{_MONTH}\s+\d{{1,2}})(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?\s*(?:--|\u2014|\u2013|-|:)",
    re.MULTILINE,
)
_MONTH_YEAR = re.compile(rf"\b(?P<my>{_MONTH}\s+(?:19|20)\d\d)\b")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
_BYLINE = re.compile(r"^(?:By|BY|Written by|Reporter:?)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}", re.MULTILINE)
_NEWS_WORDS = re.compile(
    r"\((?:Yonhap|AP|AFP|Reuters|UPI|Kyodo|Xinhua)\)|\b(?:Posted|Updated|Published)\s*:?\s+"
    r"|\b(?:told reporters|said in a statement|according to officials|news agency)\b",
    re.IGNORECASE,
)

_COMMUNIQUE = re.compile(r"joint communiqu|security consultative meeting|\bSCM\b|consultative meeting", re.IGNORECASE)
_JOINT_STATEMENT = re.compile(
    r"joint (?:statement|declaration|press statement|fact sheet|vision statement)|leaders'? statement"
    r"|\b(?:[A-Z][a-z]+ )?declaration of the|\bwashington declaration|\bjoint vision"
    r"|joint leaders|joint press release",
    re.IGNORECASE,
)
_STUDY_CUES = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(?:abstract|executive summary|keywords?|references|bibliography|endnotes|introduction|"
    r"conclusions?|findings|literature review|methodology)\b"
    r"|\bthis (?:paper|study|article|report|chapter) (?:argues|examines|analy[sz]es|finds|shows|explores|assesses|"
    r"traces|reviews|compares|considers|investigates|asks|discusses)"
    r"|\bet al\.|\b(?:working paper|policy brief|journal of|university press|doi:)",
    re.MULTILINE,
)
_GENERIC_HEADINGS = re.compile(
    r"^(?:joint communiqu[eé]|joint statement|joint declaration|press release|for immediate release|"
    r"communiqu[eé]|statement|news release|fact sheet)$",
    re.IGNORECASE,
)


@dataclass
class Inferred:
    """What :func:`infer` found; ``notes`` say where each value came from."""

    title: str | None = None
    date: dt.date | None = None
    kind: str = "other"
    notes: dict[str, str] = field(default_factory=dict)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_WRITTEN = re.compile(
    r"(?:(?P<m1>[A-Za-z]+)\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>[A-Za-z]+)\.?,?\s+(?P<y2>\d{4})"
    r"|(?P<y3>\d{4})\.\s?(?P<m3>\d{1,2})\.\s?(?P<d3>\d{1,2})\.?)"
)


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(value: str) -> dt.date | None:
    """A date from an ISO timestamp or a written date; None when it is not a full date.

    Written forms are parsed directly ("Oct. 28, 2017", "28 October 2017",
    "2017. 10. 28."); anything else goes to ``dateutil``.

    >>> parse_date("2017-10-28T09:00:00+09:00")
    datetime.date(2017, 10, 28)
    >>> parse_date("Oct. 28, 2017"), parse_date("2017. 10. 28."), parse_date("soon")
    (datetime.date(2017, 10, 28), datetime.date(2017, 10, 28), None)
    """
    cleaned = value.strip()
    if not cleaned:
        return None
    written = _WRITTEN.fullmatch(cleaned)
    if written is not None:
        if written.group("y3"):
            return _date_or_none(int(written.group("y3")), int(written.group("m3")), int(written.group("d3")))
        month_name = (written.group("m1") or written.group("m2")).lower()
        month = _MONTHS.get(month_name)
        if month is None:
            return None
        day = written.group("d1") or written.group("d2")
        year = written.group("y1") or written.group("y2")
        return _date_or_none(int(year), month, int(day))
    try:
        return dt.datetime.fromisoformat(cleaned.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    if not any(ch.isdigit() for ch in cleaned):
        return None
    try:
        cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", cleaned).replace("Sept.", "Sep.")
        return date_parser.parse(cleaned, fuzzy=False, default=dt.datetime(1900, 1, 1)).date()
    except (ValueError, OverflowError, date_parser.ParserError):
        return None


def infer_date(text: str) -> tuple[dt.date | None, str, str]:
    """The issuing date near the top of ``text``: ``(date, source, precision)``.

    >>> infer_date("SEOUL, Oct. 30 (Yonhap) -- Talks on 2023 plans went on.")[0]
    datetime.date(2023, 10, 30)
    """
    top = text[:TOP_CHARS]
    dateline = _DATELINE.search(top)
    if dateline is not None and dateline.start() < 400:
        year = dateline.group("year")
        if year is None:
            year_match = _YEAR.search(top)
            year = year_match.group() if year_match else None
        if year is not None:
            found = parse_date(f"{dateline.group('md')} {year}")
            if found is not None:
                return found, "dateline", "day"
    for match in FULL_DATE.finditer(top):
        found = parse_date(match.group())
        if found is not None:
            return found, "text", "day"
    month_year = _MONTH_YEAR.search(top[:800])
    if month_year is not None:
        found = parse_date(f"1 {month_year.group('my')}")
        if found is not None:
            return found, "text", "month"
    return None, "", ""


def infer_title(text: str, paragraphs: list[Paragraph]) -> str | None:
    """The first heading: the first short paragraph's first line (see the module notes)."""
    heads = [text[p.start : p.end].split("\n", 1)[0].strip() for p in paragraphs[:3]]
    heads = [h for h in heads if h]
    if not heads:
        return None
    first = heads[0]
    if len(first) > TITLE_MAX_CHARS:
        return first[: TITLE_MAX_CHARS - 1].rsplit(" ", 1)[0] + "\u2026"
    if _GENERIC_HEADINGS.match(_fold(first)) and len(heads) > 1:
        second = heads[1]
        if len(second) <= TITLE_MAX_CHARS and not second.endswith(".") and FULL_DATE.search(second) is None:
            return f"{first}: {second}"
    return first


def infer_kind(text: str, title: str | None, *, html_article: bool = False, numbered: int = 0) -> tuple[str, str]:
    """The document kind and the cue that decided it.

    Args:
        text: the normalised text.
        title: the title found so far.
        html_article: the reader found an HTML article page (``og:type`` article, ``<article>``).
        numbered: how many numbered paragraphs the text has.

    >>> infer_kind("JOINT COMMUNIQUE\\n\\nThe 52nd Security Consultative Meeting ...", None)
    ('communique', 'communique heading')
    """
    top = text[:TOP_CHARS]
    first_lines = "\n".join(top.split("\n\n", 3)[:3])
    heading = _fold(" ".join(filter(None, [title or "", first_lines[:400]])))
    if _DATELINE.search(top[:400]) or _BYLINE.search(top[:600]):
        return "news", "dateline or byline"
    study_cues = len(_STUDY_CUES.findall(text[:STUDY_SCAN_CHARS].lower()))
    if study_cues >= 2:
        return "study", "study apparatus"
    if re.search("joint communiqu", heading, re.IGNORECASE):
        return "communique", "communique heading"
    if _COMMUNIQUE.search(heading) and numbered >= 3:
        return "communique", "meeting heading and numbered paragraphs"
    if _JOINT_STATEMENT.search(heading):
        return "joint_statement", "joint statement heading"
    if _NEWS_WORDS.search(top):
        return "news", "news wording"
    if html_article:
        return "news", "HTML article page"
    if _COMMUNIQUE.search(heading):
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
    """Title, date and kind of a normalised text (hints from the reader win)."""
    result = Inferred()
    result.title = title_hint or infer_title(text, paragraphs)
    result.notes["title_source"] = "reader" if title_hint else "text"
    if date_hint is not None:
        result.date = date_hint
        result.notes["date_source"] = "reader"
        result.notes["date_precision"] = "day"
    else:
        found, source, precision = infer_date(text)
        result.date = found
        if found is not None:
            result.notes["date_source"] = source
            result.notes["date_precision"] = precision
    numbered = sum(1 for p in paragraphs if p.numbered)
    result.kind, cue = infer_kind(text, result.title, html_article=html_article, numbered=numbered)
    result.notes["kind_cue"] = cue
    return result
