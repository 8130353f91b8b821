"""Meetings: the one a document records and the others it mentions.

A meeting mention is a series name ("Security Consultative Meeting", "SCM",
"Military Committee Meeting", "summit", "2+2", "trilateral ministerial
meeting"), optionally preceded by an ordinal ("49th", "Forty-Ninth", "XLIX")
and qualifiers ("Annual", "ROK-U.S."). Its date is the nearest date
expression in the same sentence, its place the "in/at <Place>" phrase that
follows it. A meeting is identified by ``(series, ordinal)``, or by
``(series, date)`` when it has no ordinal; a mention with neither refers to
the recorded meeting of its series, if any, and is otherwise dropped.

The recorded meeting of a communiqué or joint statement is the first
meeting with an ordinal or a date in the title or the opening paragraphs,
preferring an SCM in a communiqué.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from extractors.rules.dates import DateMatch
from extractors.rules.lexicon import trie_pattern
from extractors.rules.scan import AnchoredPattern, Tokens
from graph.schema import Series

_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_UNIT_ORD = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS_ORD = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
              "seventeenth", "eighteenth", "nineteenth"]  # fmt: skip
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def _word_ordinals() -> dict[str, int]:
    out: dict[str, int] = {}
    for n in range(1, 10):
        out[_UNIT_ORD[n]] = n
    for n, word in enumerate(_TEENS_ORD, start=10):
        out[word] = n
    for tens, word in _TENS.items():
        out[word[:-1] + "ieth"] = tens * 10
        for unit in range(1, 10):
            out[f"{word}-{_UNIT_ORD[unit]}"] = tens * 10 + unit
            out[f"{word} {_UNIT_ORD[unit]}"] = tens * 10 + unit
    return out


WORD_ORDINALS = _word_ordinals()
"""'first' -> 1 ... 'ninety-ninth' -> 99 (hyphenated or spaced)."""

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(text: str) -> int | None:
    """Value of a Roman numeral up to C, or None when malformed.

    >>> roman_value("XLIX")
    49
    """
    total = 0
    prev = 0
    for ch in reversed(text.upper()):
        value = _ROMAN.get(ch)
        if value is None:
            return None
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total or None


def ordinal_value(text: str) -> int | None:
    """Integer of an ordinal written as digits, words or a Roman numeral.

    >>> [ordinal_value(t) for t in ("49th", "Forty-Ninth", "forty ninth", "XXXVIII", "1st")]
    [49, 49, 49, 38, 1]
    """
    t = text.strip()
    digits = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)?", t, re.IGNORECASE)
    if digits:
        return int(digits.group(1))
    word = WORD_ORDINALS.get(" ".join(t.lower().replace("-", " - ").split()).replace(" - ", "-"))
    if word is not None:
        return word
    if re.fullmatch(r"[IVXLC]+", t):
        return roman_value(t)
    return None


_WORD_ORD_RE = trie_pattern(sorted({w.replace("-", " ") for w in WORD_ORDINALS}))
ORDINAL_RE = r"(?:\d{1,3}(?:st|nd|rd|th)|(?i:" + _WORD_ORD_RE + r")|[IVXLC]{1,7})"

_PARTY = (
    r"(?:ROK|U\.?S\.?|US|Korea|Republic\s+of\s+Korea|United\s+States(?:\s+of\s+America)?|Japan|Korean|American)"
    r"(?:\s*\([A-Z.]{2,6}\))?"
)
_QUAL = (
    r"(?:(?i:annual)|" + _PARTY + r"(?:\s*[-–]\s*" + _PARTY + r")+|bilateral|Bilateral|"
    r"(?i:ministerial|leaders['’]?|presidential|inaugural|regular)|Camp\s+David|Washington|Seoul|Tokyo)"
)
_SERIES = (
    r"(?P<scm>Security\s+Consultative\s+Meetings?|SCM|[Dd]efen[sc]e\s+[Mm]inisters['’]?\s+[Mm]eeting)"
    r"|(?P<mcm>Military\s+Committee\s+Meetings?|MCM)"
    r"|(?P<two>2\s*\+\s*2(?:\s+(?:meeting|Meeting|talks|dialogue|Dialogue|Ministerial))?|"
    r"(?:Foreign\s+and\s+Defen[sc]e|Defen[sc]e\s+and\s+Foreign)\s+Ministers['’]?\s+(?:\(2\s*\+\s*2\)\s+)?(?:Meeting|meeting))"
    r"|(?P<tri>(?i:trilateral)\s+(?:(?:ministerial|Ministerial|defense|Defense|leaders['’]?|Leaders['’]?)\s+)?"
    r"(?:meeting|Meeting|talks|Talks|summit|Summit)|Defense\s+Trilateral\s+Talks)"
    r"|(?P<summit>(?i:summit)(?:\s+(?:meeting|Meeting|talks))?)"
    r"|(?P<anaph>meeting)"
)
MEETING_RE = re.compile(
    r"(?:(?P<det>\bthe\s+|\bThe\s+|\ba\s+|\bits\s+|\btheir\s+)?(?P<ord>\b"
    + ORDINAL_RE
    + r")\s+)?(?:(?:"
    + _QUAL
    + r")\s+)*"
    r"(?<![\w])(?:" + _SERIES + r")(?![\w])(?P<of>\s+of\s+(?:the\s+)?[A-Z])?"
)
_LEAD_WORDS = frozenset(
    {"the", "a", "its", "their", "annual", "rok", "u", "us", "korea", "republic", "united", "japan", "korean",
     "american", "bilateral", "ministerial", "leaders", "presidential", "inaugural", "regular", "camp", "washington",
     "seoul", "tokyo", "defense", "defence", "foreign", "trilateral"}
    | {w.split("-")[0].split()[0] for w in WORD_ORDINALS}
)  # fmt: skip


def _is_lead(word: str) -> bool:
    """Can a meeting name start with this word (determiner, ordinal, qualifier)?"""
    return word in _LEAD_WORDS or word[:1].isdigit() or (word.isalpha() and set(word) <= _ROMAN_LOWER)


_ROMAN_LOWER = frozenset("ivxlc")
_ANCHORED = AnchoredPattern(
    MEETING_RE,
    {
        "security",
        "scm",
        "scms",
        "ministers",
        "military",
        "mcm",
        "mcms",
        "2",
        "trilateral",
        "summit",
        "summits",
        "meeting",
    },
    lookback=12,
    lead=_is_lead,
)
_PLACE_AFTER = re.compile(
    r"(?:\b(?:held|convened|took\s+place|met|meeting|hosted)\b[^.;]{0,40}?)?\b(?:in|at)\s+"
    r"(?P<place>(?:the\s+)?(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|of))*?(?:,\s*(?:D\.\s?C\.|Hawaii|Korea|Japan|Virginia|California))?)"
    r"(?=[\s,.;:)]|$)"
)
_NOT_PLACE = re.compile(
    r"^(?:the\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Security|Military|Korea-|ROK|U\.S\.|US|The|This|That|Both|Their|His|Her|Its)\b"
)
UNRESOLVED = "?"
"""Series of a mention such as "the ninth meeting", until the caller resolves it (never a property value)."""
_SERIES_OF_GROUP: dict[str, str] = {
    "scm": Series.SCM, "mcm": Series.MCM, "two": Series.TWO_PLUS_TWO, "tri": Series.TRILATERAL,
    "summit": Series.SUMMIT, "anaph": UNRESOLVED,
}
_THREE_PARTIES = re.compile(r"(?i)\btrilateral\b|\bthree\s+(?:countries|leaders|nations|governments)\b")


@dataclass
class MeetingMention:
    """A span naming a meeting, with what the text says of it."""

    start: int
    end: int
    series: str
    ordinal: int | None
    date: DateMatch | None = None
    location: str | None = None
    location_span: tuple[int, int] | None = None
    near_date: DateMatch | None = None
    """The nearest date of the sentence, which may be another event's: used
    only for the meeting the document records (see :func:`attach_date`)."""


@dataclass
class Meeting:
    """A meeting the document records or mentions (mentions merged by key)."""

    series: str
    ordinal: int | None
    date: dt.date | None
    location: str | None = None
    recorded: bool = False
    mentions: list[MeetingMention] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, object]:
        """Identity: ``(series, ordinal)`` or ``(series, date)``."""
        return (self.series, self.ordinal if self.ordinal is not None else self.date)

    @property
    def label(self) -> str:
        """Human name, e.g. "49th SCM" or "Summit 2023-04-26"."""
        if self.ordinal is not None:
            return f"{_ordinal_suffix(self.ordinal)} {self.series}"
        return f"{self.series} {self.date.isoformat() if self.date else ''}".strip()


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


def find_meeting_mentions(
    text: str, tokens: Tokens | None = None, start: int = 0, end: int | None = None
) -> list[MeetingMention]:
    """Meeting mentions in ``text[start:end]`` (no dates or places yet).

    An ordinal with a bare "meeting" ("the ninth meeting") gets the series
    ``?``, to be resolved by the caller; "its first meeting" and "the first
    meeting of the Group" name some other body (series ``Other``). A bare
    "meeting" without an ordinal is not a mention.
    """
    out: list[MeetingMention] = []
    toks = tokens if tokens is not None else Tokens.of(text)
    for m in _ANCHORED.finditer(text, toks, start, end):
        group = next(g for g in _SERIES_OF_GROUP if m.group(g))
        series = _SERIES_OF_GROUP[group]
        ordinal = ordinal_value(m.group("ord")) if m.group("ord") else None
        whole = m.group(0)
        if group == "anaph":
            if ordinal is None:
                continue
            det = (m.group("det") or "").strip().lower()
            series = Series.OTHER if det in ("its", "their") or m.group("of") else UNRESOLVED
        elif group == "scm" and m.group("scm")[0] in "Dd" and ordinal is None and not re.search(r"(?i)annual", whole):
            continue
        if series in (Series.SUMMIT, Series.SCM) and re.search(
            r"(?i)trilateral|camp\s+david|[-–]\s*Japan|Japan\s*[-–]", whole
        ):
            series = Series.TRILATERAL
        mention_start = m.start("ord") if m.group("ord") else m.start()
        mention_end = m.end(group)
        if m.group("ord") is None:
            lead = re.match(r"(?:the|The|a|its|their)\s+", whole)
            if lead:
                mention_start += lead.end()
        out.append(MeetingMention(mention_start, mention_end, series, ordinal))
    return out


def refine_series(mention: MeetingMention, sentence: str) -> None:
    """A summit of three parties is a trilateral meeting."""
    if mention.series == Series.SUMMIT and _THREE_PARTIES.search(sentence):
        mention.series = Series.TRILATERAL


_ASIDE = re.compile(r"\([^()]{0,80}\)|,[^,;()]{1,120},")
_OWN_AFTER = re.compile(
    r"\s*,?\s*(?:(?:which|that)\s+)?(?:(?:was|were|is|are|will\s+be|had\s+been|has\s+been|to\s+be)\s+)?"
    r"(?:(?:held|convened|took\s+place|takes\s+place|met|hosted|opened|began|concluded|ended|chaired)\s+)?"
    r"(?:(?:in|at)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of))*(?:\s*,\s*[A-Z][\w.'’-]*)*\s*,?\s*)?"
    r"(?:on|from|of|dated|in)?\s*"
)
_OWN_BEFORE = re.compile(r"\s*(?:[Oo]n|[Ii]n)?\s*")
_ADJACENT = re.compile(r"\s*(?:['’]s)?\s*|\s*,\s*(?:the\s+)?")
_OWN_GAP = 200
_CONVENED = re.compile(
    r"\b(?:presided\s+over|co-?chaired|chaired|held|convened|hosted|attended|opened)\s+(?:the\s+|their\s+)?$"
)


def attach_date(mention: MeetingMention, dates: list[DateMatch], text: str, sent_start: int, sent_end: int) -> None:
    """Date a mention from its sentence.

    ``mention.date`` is set only when the text states the meeting's own date:
    a date that follows the name with nothing but "held/took place", a place,
    asides and a preposition in between ("the 28th MCM, held in Seoul on
    October 19"), one right before it ("the April 2023 summit", "On
    October 19, the 28th MCM ..."), or an opening date of a sentence whose
    verb convenes the meeting ("On October 19, the Chairmen presided over
    the 47th MCM"). Another event's date ("after the shelling
    on November 23, 2010, the 43rd SCM ...") or another meeting's ("the
    summit on October 13, 2011, and the 42nd SCM") is never taken.

    ``mention.near_date`` is the nearest day- or month-precise date of the
    sentence (preferring one after the name), kept for the meeting the
    document records, whose opening sentence may word its dates freely
    ("... between the ROK and the U.S. was held in Seoul on May 9, 1984").

    """
    best: tuple[int, DateMatch] | None = None
    own: DateMatch | None = None
    lo = bisect.bisect_left(dates, sent_start, key=lambda d: d.end)
    for d in dates[lo:]:
        if d.start >= sent_end:
            break
        if d.end <= sent_start or d.precision == "year":
            continue
        if d.start >= mention.end:
            gap = d.start - mention.end
            if own is None and gap <= _OWN_GAP and _own_after(text[mention.end : d.start]):
                own = d
        elif d.end <= mention.start:
            gap = mention.start - d.end + 5
            opening = _OWN_BEFORE.fullmatch(text, sent_start, d.start) is not None
            if own is None and (
                text[d.end : mention.start].isspace()
                or (opening and _ADJACENT.fullmatch(text, d.end, mention.start))
                or (opening and _CONVENED.search(text, max(d.end, mention.start - 40), mention.start))
            ):
                own = d
        else:
            gap = 0
        if best is None or gap < best[0]:
            best = (gap, d)
    if best is not None and best[0] <= 260:
        mention.near_date = best[1]
    mention.date = own


def _own_after(between: str) -> bool:
    """Does the text between a meeting's name and a following date tie the date to it?"""
    prev = None
    while prev != between:
        if _OWN_AFTER.fullmatch(between) is not None:
            return True
        prev = between
        between = _ASIDE.sub(" ", between, count=1)
    return False


def attach_place(mention: MeetingMention, text: str, sent_end: int) -> None:
    """Give a mention the "in/at <Place>" phrase that follows it in its sentence."""
    window_end = min(sent_end, mention.end + 140)
    for m in _PLACE_AFTER.finditer(text, mention.end, window_end):
        place = m.group("place").strip().rstrip(".,")
        if place.endswith((" D.C", ",D.C")):
            place += "."
        if _NOT_PLACE.match(place) or len(place) < 3:
            continue
        place = re.sub(r"^the\s+", "", place)
        mention.location = place
        mention.location_span = (m.start("place"), m.start("place") + len(m.group("place").rstrip(".,")))
        return
