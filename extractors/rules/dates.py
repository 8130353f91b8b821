"""The one date grammar: absolute, partial and relative dates, resolved against the document's date.

Communiqués write full dates ("October 20, 2006", "this 26th day of April,
2031", "2017. 10. 28."); news and studies lean on the reader's sense of the
present ("on March 3", "last month", "earlier this year"). :func:`find_dates`
scans a whole text once and returns every date expression with its span, its
resolved calendar date and its precision; a partial or relative expression
needs the document's date and is dropped without one. The same grammar reads
a document's issuing date and datelines (:mod:`extractors.metadata`) and a
heading's date line (:mod:`extractors.readers.layout`); its patterns are
data (``extractors/data/rules/dates.yaml``).

Resolution rules (``ref`` is the document's date):

* "March 3" (partial) takes ``ref``'s year, or the year before when that
  would put it more than a week after ``ref`` (a text does not report what has
  not happened yet; a document is often dated by a meeting's first day). A
  partial date is not *relative*: the text states the day.
* "March 2024" and "in 2024" have month and year precision; their date is the
  first day of the period.
* "last month", "the previous year", "earlier this year", "yesterday", "last
  week", "on Tuesday", "in July" count back from ``ref`` (relative).

>>> import datetime as dt
>>> [m.date.isoformat() for m in find_dates("on October 9 and on March 3", dt.date(2024, 3, 10))]
['2023-10-09', '2024-03-03']
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from dateutil.relativedelta import relativedelta

from extractors.rules import regex_cache
from extractors.rules.scan import AnchoredPattern, LeftmostScan, Tokens

if TYPE_CHECKING:
    from extractors.rules.patterns import RuleFile

Precision = Literal["day", "month", "year"]

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

_FRAGMENT = re.compile(r"<<(month|day|year)>>")


@functools.cache
def _rules() -> RuleFile:
    # imported here: the readers use this grammar, and the rules package imports the readers' modules
    from extractors.rules.patterns import load_rules

    return load_rules("dates")


def expand(source: str) -> str:
    """``source`` with the grammar's fragments spliced in where it writes ``<<month>>``, ``<<day>>``, ``<<year>>``.

    >>> bool(re.fullmatch(expand("<<month>> <<year>>"), "Sept. 2017"))
    True
    """
    rules = _rules()
    return _FRAGMENT.sub(lambda m: rules.source(m.group(1)), source)


@functools.cache
def date_pattern() -> re.Pattern[str]:
    """The grammar as one compiled expression (its alternatives in file order)."""
    rules = _rules()
    return regex_cache.compile(expand(rules.source("date")), rules.flags("date"))


@functools.cache
def _expanded(key: str) -> re.Pattern[str]:
    """Pattern ``key`` of the grammar's file, its fragments spliced in."""
    rules = _rules()
    return regex_cache.compile(expand(rules.source(key)), rules.flags(key))


SlashOrder = Literal["mdy", "dmy"]


@functools.lru_cache(maxsize=2)  # called only for an ambiguous numeric date: the text being read
def slash_order(text: str) -> SlashOrder | None:
    """The order in which ``text`` writes its numeric dates ("06/11/2022"), when the text fixes it.

    A layout known to write them month first (``slash_month_first``: a press-release distributor's header) fixes
    it; else the text's own numeric dates do, when those with a part above 12 all agree ("03/22/2023" is month
    first, so "06/11/2022" beside it is June 11). Otherwise None: an ambiguous numeric date is not read, since
    the same figures are another day in the other order and nothing in the text says which it means.

    >>> slash_order("06/11/2022 | Press release | Archived content"), slash_order("on 06/11/2022")
    ('mdy', None)
    >>> slash_order("from 06/11/2022 to 25/11/2022")
    'dmy'
    """
    if _expanded("slash_month_first").search(text) is not None:
        return "mdy"
    orders: set[SlashOrder] = set()
    for m in _expanded("slash_any").finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 >= b:
            orders.add("dmy")
        elif b > 12 >= a:
            orders.add("mdy")
    return orders.pop() if len(orders) == 1 else None


def _slash_date(first: int, second: int, year: int, order: SlashOrder | None) -> dt.date | None:
    """The day of a numeric date written ``first/second/year``: the order its parts fix (a part above 12 is the
    day; equal parts need no order), else ``order``, else None (ambiguous, not guessed)."""
    if first > 12 >= second or (order == "dmy" and first <= 12 and second <= 12):
        return _safe_date(year, second, first)
    if second > 12 >= first or first == second or (order == "mdy" and first <= 12 and second <= 12):
        return _safe_date(year, first, second)
    return None


@functools.cache
def _scan() -> LeftmostScan:
    """The grammar's matches over a whole text, tried only where a date can start."""
    return LeftmostScan(date_pattern())


@functools.cache
def _anchored() -> AnchoredPattern:
    rules = _rules()
    anchors = rules.words("anchor_words")

    def is_anchor(word: str) -> bool:
        if word in anchors or (word[:1].isdigit() and len(word) <= 10):
            return True
        # a day glued to its month ("september23": a space lost in a web copy; the pattern wants its year)
        head = word.rstrip("0123456789")
        return head != word and len(word) - len(head) <= 2 and head in anchors

    return AnchoredPattern(date_pattern(), is_anchor, lookback=2, lead=rules.words("lead_words").__contains__)


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in text.

    Attributes:
        start, end: span of the expression in the text.
        date: the resolved date (first day of the period for coarser precisions).
        precision: ``day``, ``month`` or ``year``.
        end_date: last day of a range ("October 20-21, 2006"), else None.
        relative: True when the expression counts from the reference date
            ("last month", "on Tuesday", "in July").
        partial: True for a month and day without a year ("on September 22"),
            which takes the reference date's year (or the year before when that
            would put it after the reference date). Not relative: the text
            states the day.
    """

    start: int
    end: int
    date: dt.date
    precision: Precision
    end_date: dt.date | None = None
    relative: bool = False
    partial: bool = False

    def contains(self, day: dt.date, slack_days: int = 0) -> bool:
        """True when ``day`` lies in the period the expression denotes."""
        if self.precision == "day":
            last = self.end_date or self.date
            return self.date - dt.timedelta(days=slack_days) <= day <= last + dt.timedelta(days=slack_days)
        if self.precision == "month":
            return (day.year, day.month) == (self.date.year, self.date.month)
        return day.year == self.date.year


def month_number(name: str) -> int:
    """Month number of an English month name or abbreviation ("Sept." -> 9)."""
    return MONTHS[name.rstrip(".").lower()]


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


PARTIAL_GRACE = dt.timedelta(days=7)
"""How far after the document's date a partial date may fall and keep its year: a document is often dated by
the first day of the meeting it reports ("released August 27" in a cable dated August 26)."""


def resolve_month_day(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The most recent ``month``/``day`` on or before ``ref`` (same or previous year), allowing
    :data:`PARTIAL_GRACE` after it.

    >>> resolve_month_day(10, 9, dt.date(2024, 3, 10)).isoformat()
    '2023-10-09'
    >>> resolve_month_day(8, 27, dt.date(1975, 8, 26)).isoformat()
    '1975-08-27'
    """
    for year in (ref.year, ref.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= ref + PARTIAL_GRACE:
            return candidate
    return None


def month_day_after(month: int, day: int, floor: dt.date) -> dt.date | None:
    """The first ``month``/``day`` after ``floor`` (its year or the next).

    >>> month_day_after(9, 28, dt.date(2012, 7, 12)).isoformat()
    '2012-09-28'
    >>> month_day_after(3, 1, dt.date(2012, 7, 12)).isoformat()
    '2013-03-01'
    """
    for year in (floor.year, floor.year + 1):
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate > floor:
            return candidate
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _relative(phrase: str, ref: dt.date) -> tuple[dt.date, Precision]:
    words = " ".join(phrase.lower().split())
    if words in ("yesterday", "the previous day", "the day before"):
        return ref - dt.timedelta(days=1), "day"
    if words in ("the following day", "the next day"):
        return ref + dt.timedelta(days=1), "day"
    if words == "today":
        return ref, "day"
    unit = words.rsplit(" ", 1)[-1]
    lead = words.rsplit(" ", 1)[0]
    if lead in ("this", "earlier this", "the same"):
        shift = 0
    elif lead in ("next", "the following"):
        shift = 1
    else:
        shift = -1
    if unit == "year":
        return dt.date(ref.year + shift, 1, 1), "year"
    if unit == "month":
        first = ref.replace(day=1) + relativedelta(months=shift)
        return first, "month"
    return ref + dt.timedelta(weeks=shift), "day"


@functools.cache
def _year_shift() -> dict[str, int]:
    """Years from the document's year of "in October <last|this|next> year" (``year_shifts``)."""
    return {phrase: int(years) for phrase, _, years in (p.rpartition("=") for p in _rules().word_list("year_shifts"))}


def _month_day(day: int, ref: dt.date) -> dt.date | None:
    """The latest ``day`` of a month on or before ``ref`` ("on the 15th" in a story of November 16: November 15;
    "on the 30th" in a story of December 2: November 30).

    >>> _month_day(15, dt.date(2024, 11, 16)), _month_day(30, dt.date(2024, 12, 2))
    (datetime.date(2024, 11, 15), datetime.date(2024, 11, 30))
    """
    first = ref.replace(day=1)
    for months_back in range(3):
        month_start = first - relativedelta(months=months_back)
        candidate = _safe_date(month_start.year, month_start.month, day)
        if candidate is not None and candidate <= ref:
            return candidate
    return None


def _weekday(name: str, ref: dt.date) -> dt.date:
    """The latest ``name`` day on or before ``ref`` (news reports the past)."""
    back = (ref.weekday() - WEEKDAYS[name.lower()]) % 7
    return ref - dt.timedelta(days=back)


def find_dates(
    text: str,
    ref: dt.date | None = None,
    start: int = 0,
    end: int | None = None,
    tokens: Tokens | None = None,
    after: dt.date | None = None,
) -> list[DateMatch]:
    """Every date expression of ``text[start:end]``, resolved against ``ref``.

    Args:
        text: the text to scan (offsets refer to it).
        ref: the document's date; partial and relative expressions need it.
        start, end: the part of ``text`` to scan.
        tokens: the text's tokens (computed when not given).
        after: for an undated document, a day its partial dates fall after (the day of the earlier meeting the text
            names: "On September 28 ... (The previous meeting was held ... on July 12, 2012.)"); a partial date then
            takes the first year that puts it after that day. Relative expressions stay unresolved.

    Returns:
        The matches in text order.
    """
    out: list[DateMatch] = []
    toks = tokens if tokens is not None else Tokens.of(text)
    stated: DateMatch | None = None  # the last day the text states in full (for "the previous day")
    for m in _anchored().finditer(text, toks, start, end):
        found = _convert(m, _context_day(m, text, stated) or ref, text, after if ref is None else None)
        if found is not None and found.partial and ref is not None and found.date.year < ref.year:
            found = _told_ahead(found, text, ref)
        if found is not None:
            out.append(found)
            if found.precision == "day" and not found.relative and not found.partial:
                stated = found
    return out


@functools.cache
def _day_before_after() -> frozenset[str]:
    """Relative days read from a day stated shortly before (``day_before_after``)."""
    return _rules().words("day_before_after")


AHEAD_DAYS = 183
"""How far after the document's date a partial date its sentence tells as ahead may fall and keep the document's
year (see ``told_ahead`` in dates.yaml)."""
_SENTENCE_BACK = 400


def _told_ahead(found: DateMatch, text: str, ref: dt.date) -> DateMatch:
    """A partial date moved to the year before the document's, kept in the document's year when its sentence tells
    it as ahead ("will host ... on February 12" in a story of February 4) and it falls within :data:`AHEAD_DAYS`."""
    ahead = _safe_date(ref.year, found.date.month, found.date.day)
    if ahead is None or (ahead - ref).days > AHEAD_DAYS:
        return found
    window_start = max(0, found.start - _SENTENCE_BACK)
    before = text[window_start : found.start]
    ends = list(_expanded("sentence_end").finditer(before))
    clause = before[ends[-1].end() :] if ends else before
    if _expanded("told_ahead").search(clause) is None:
        return found
    last = found.end_date.replace(year=ref.year) if found.end_date is not None else None
    return replace(found, date=ahead, end_date=last)


CONTEXT_CHARS = 400
"""How far back a stated day still counts as the context of "the previous day" (within one paragraph)."""


def _context_day(m: re.Match[str], text: str, stated: DateMatch | None) -> dt.date | None:
    """The day "the previous day" / "the following day" counts from: the last day the same paragraph states
    ("the SCM was held on October 30, 2024; the MCM had met the previous day"), not the document's date."""
    rel = m.group("rel")
    if stated is None or rel is None or " ".join(rel.lower().split()) not in _day_before_after():
        return None
    gap = text[stated.end : m.start()]
    if m.start() - stated.end > CONTEXT_CHARS or "\n\n" in gap:
        return None
    return stated.end_date or stated.date


def _convert(m: re.Match[str], ref: dt.date | None, text: str, after: dt.date | None = None) -> DateMatch | None:
    s, e = m.span()
    group = m.group
    if group("slash"):
        part_a, part_b = int(group("a11")), int(group("b11"))
        order = slash_order(text) if part_a != part_b and part_a <= 12 and part_b <= 12 else None
        day = _slash_date(part_a, part_b, int(group("y11")), order)
        return DateMatch(s, e, day, "day") if day else None
    if group("iso"):
        y, mo, d = (int(x) for x in group("iso").split("-"))
        day = _safe_date(y, mo, d)
        return DateMatch(s, e, day, "day") if day else None
    if group("dotted"):
        day = _safe_date(int(group("y6")), int(group("m6")), int(group("d6")))
        return DateMatch(s, e, day, "day") if day else None
    if group("dayof"):
        day = _safe_date(int(group("y5")), month_number(group("m5")), _day(group("d5")))
        return DateMatch(s, e, day, "day") if day else None
    if group("span2"):
        year = int(group("y7"))
        m_first, m_last = month_number(group("m7") or group("m8")), month_number(group("m7e") or group("m8e"))
        first = _safe_date(year - (m_first > m_last), m_first, _day(group("d7") or group("d8")))
        last = _safe_date(year, m_last, _day(group("d7e") or group("d8e")))
        if first is None or last is None or not 0 < (last - first).days <= 7:
            return None
        return DateMatch(s, e, first, "day", last)
    if group("mdy") or group("dmy"):
        is_mdy = bool(group("mdy"))
        month = month_number(group("m1") if is_mdy else group("m2"))
        day_n = _day(group("d1") if is_mdy else group("d2"))
        tail = group("d1e") if is_mdy else group("d2e")
        year_text = group("y1") if is_mdy else group("y2")
        partial = False
        if year_text:
            first = _safe_date(int(year_text), month, day_n)
        elif ref is not None:
            first = resolve_month_day(month, day_n, ref)
            partial = True
        elif after is not None:
            first = month_day_after(month, day_n, after)
            partial = True
        else:
            return None
        if first is None:
            return None
        last = _safe_date(first.year, month, _day(tail)) if tail else None
        if last is not None and last < first:
            last = None
        return DateMatch(s, e, first, "day", last, partial=partial)
    if group("my"):
        return DateMatch(s, e, dt.date(int(group("y3")), month_number(group("m3")), 1), "month")
    if group("moy"):
        if ref is None:
            return None
        shift = _year_shift()[" ".join(group("ly").lower().split())]
        return DateMatch(s, e, dt.date(ref.year + shift, month_number(group("m9")), 1), "month", relative=True)
    if group("mo"):
        if ref is None:
            return None
        month = month_number(group("m4"))
        year = ref.year if month <= ref.month else ref.year - 1
        if group("mo").lower().startswith("last") and month == ref.month:
            year = ref.year - 1  # "last October" in an October text is a year ago
        return DateMatch(s, e, dt.date(year, month, 1), "month", relative=True)
    if group("yr"):
        return DateMatch(s, e, dt.date(int(group("y4")), 1, 1), "year")
    if ref is None:
        return None
    if group("wd"):
        return DateMatch(s, e, _weekday(group("wday"), ref), "day", relative=True)
    if group("dom"):
        day = _month_day(_day(group("d10")), ref)
        return DateMatch(s, e, day, "day", relative=True) if day else None
    if group("rel"):
        day, precision = _relative(group("rel"), ref)
        return DateMatch(s, e, day, precision, relative=True)
    return None


def iter_full_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[DateMatch]:
    """The full dates (day, month and year all written) of ``text[start:end]``, lazily, in text order.

    For metadata and headings: the grammar is scanned directly, without tokens.
    """
    stop = len(text) if end is None else end
    for m in _scan().finditer(text, start, stop):
        found = _convert(m, None, text)
        if found is not None and found.precision == "day":
            yield found


def full_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """The full dates (day, month and year all written) of ``text[start:end]``, in text order."""
    return list(iter_full_dates(text, start, end))


def has_full_date(text: str) -> bool:
    """True when ``text`` writes a full date ("Seoul, October 28, 2017")."""
    return next(iter_full_dates(text), None) is not None


def read_date(value: str) -> dt.date | None:
    """The date ``value`` is, when the whole of it (spaces aside) is one full date of the grammar.

    >>> read_date(" Oct. 28, 2017 "), read_date("2017. 10. 28."), read_date("this 26th day of April, 2031")
    (datetime.date(2017, 10, 28), datetime.date(2017, 10, 28), datetime.date(2031, 4, 26))
    >>> read_date("October 28, 2017 and more") is None
    True
    """
    cleaned = value.strip()
    found = full_dates(cleaned)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(cleaned):
        return found[0].date
    return None
