"""Dates in text: absolute, partial and relative, resolved against the document's date.

Communiqués write full dates ("October 20, 2006"); news and studies lean on
the reader's sense of the present ("on March 3", "last month", "earlier this
year"). :func:`find_dates` scans a whole text once and returns every date
expression with its span, its resolved calendar date and its precision; a
partial or relative expression needs the document's date and is dropped
without one.

Resolution rules (``ref`` is the document's date):

* "March 3" takes ``ref``'s year, or the year before when that would put it
  after ``ref`` (a text does not report what has not happened yet).
* "March 2024" and "in 2024" have month and year precision; their date is the
  first day of the period.
* "last month", "the previous year", "earlier this year", "yesterday", "last
  week", "on Tuesday" count back from ``ref``.

>>> import datetime as dt
>>> [m.date.isoformat() for m in find_dates("on October 9 and on March 3", dt.date(2024, 3, 10))]
['2023-10-09', '2024-03-03']
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from dateutil.relativedelta import relativedelta

from extractors.rules.scan import AnchoredPattern, Tokens

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

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_RANGE_TAIL = r"(?:\s*(?:-|–|—|to|and|through)\s*(?P<{name}>" + _DAY + r"))?"

_DATE_RE = re.compile(
    "|".join(
        [
            # 2006-10-20
            r"(?P<iso>\b" + _YEAR + r"-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b)",
            # October 20, 2006 / October 20-21, 2006 / October 20 (partial)
            r"(?P<mdy>\b(?P<m1>"
            + _MONTH
            + r")\s+(?P<d1>"
            + _DAY
            + r")\b"
            + _RANGE_TAIL.format(name="d1e")
            + r"(?:,?\s+(?P<y1>"
            + _YEAR
            + r")\b)?)",
            # 20 October 2006 / 20-21 October 2006 / 20 October (partial)
            r"(?P<dmy>\b(?P<d2>"
            + _DAY
            + r")"
            + _RANGE_TAIL.format(name="d2e")
            + r"\s+(?P<m2>"
            + _MONTH
            + r")(?:,?\s+(?P<y2>"
            + _YEAR
            + r")\b)?)",
            # October 2006
            r"(?P<my>\b(?P<m3>" + _MONTH + r"),?\s+(?P<y3>" + _YEAR + r")\b)",
            # relative expressions
            r"(?P<rel>\b(?:(?:last|past|previous|the\s+previous|the\s+preceding|earlier\s+this|this|the\s+same|next|the\s+following)"
            r"\s+(?:year|month|week)|yesterday|today|the\s+previous\s+day|the\s+day\s+before)\b)",
            r"(?P<wd>\b(?:on|last)\s+(?P<wday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)",
            # in July (the most recent July)
            r"(?P<mo>\b(?:in|since|during|until|by|early|late|mid-?|last|this|earlier\s+in)\s+(?P<m4>"
            + _MONTH
            + r"))(?![\w-]|\s*\d|,?\s+(?:1[89]|20)\d\d)",
            # in 2006 / of 2006 / since 2006 (year only)
            r"(?P<yr>\b(?:in|of|since|during|until|by|early|late|mid-?)\s+(?P<y4>" + _YEAR + r")\b)",
        ]
    )
)


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in text.

    Attributes:
        start, end: span of the expression in the text.
        date: the resolved date (first day of the period for coarser precisions).
        precision: ``day``, ``month`` or ``year``.
        end_date: last day of a range ("October 20-21, 2006"), else None.
        relative: True when the expression needed the reference date.
    """

    start: int
    end: int
    date: dt.date
    precision: Precision
    end_date: dt.date | None = None
    relative: bool = False

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


def resolve_month_day(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The most recent ``month``/``day`` on or before ``ref`` (same or previous year).

    >>> resolve_month_day(10, 9, dt.date(2024, 3, 10)).isoformat()
    '2023-10-09'
    """
    for year in (ref.year, ref.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= ref:
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


def _weekday(name: str, ref: dt.date) -> dt.date:
    """The latest ``name`` day on or before ``ref`` (news reports the past)."""
    back = (ref.weekday() - WEEKDAYS[name.lower()]) % 7
    return ref - dt.timedelta(days=back)


_ANCHOR_WORDS = frozenset(
    [*MONTHS, *WEEKDAYS, "yesterday", "today", "last", "past", "previous", "preceding", "earlier", "this", "same",
     "next", "following", "day"]
)  # fmt: skip


def _is_anchor(word: str) -> bool:
    return word in _ANCHOR_WORDS or (word[:1].isdigit() and len(word) <= 10)


_LEAD_WORDS = frozenset(
    {"in", "of", "since", "during", "until", "by", "early", "late", "mid", "on", "last", "the", "earlier", "this",
     "next", "past", "previous", "preceding", "same", "following"}
)  # fmt: skip
_ANCHORED = AnchoredPattern(_DATE_RE, _is_anchor, lookback=2, lead=_LEAD_WORDS.__contains__)


def find_dates(
    text: str, ref: dt.date | None = None, start: int = 0, end: int | None = None, tokens: Tokens | None = None
) -> list[DateMatch]:
    """Every date expression of ``text[start:end]``, resolved against ``ref``.

    Args:
        text: the text to scan (offsets refer to it).
        ref: the document's date; partial and relative expressions need it.
        start, end: the part of ``text`` to scan.
        tokens: the text's tokens (computed when not given).

    Returns:
        The matches in text order.
    """
    out: list[DateMatch] = []
    toks = tokens if tokens is not None else Tokens.of(text)
    for m in _ANCHORED.finditer(text, toks, start, end):
        found = _convert(m, ref)
        if found is not None:
            out.append(found)
    return out


def _convert(m: re.Match[str], ref: dt.date | None) -> DateMatch | None:
    s, e = m.span()
    kind = m.lastgroup
    if m.group("iso"):
        y, mo, d = (int(x) for x in m.group("iso").split("-"))
        day = _safe_date(y, mo, d)
        return DateMatch(s, e, day, "day") if day else None
    if m.group("mdy") or m.group("dmy"):
        is_mdy = bool(m.group("mdy"))
        month = month_number(m.group("m1") if is_mdy else m.group("m2"))
        day_n = _day(m.group("d1") if is_mdy else m.group("d2"))
        tail = m.group("d1e") if is_mdy else m.group("d2e")
        year_text = m.group("y1") if is_mdy else m.group("y2")
        if year_text:
            first = _safe_date(int(year_text), month, day_n)
            relative = False
        elif ref is not None:
            first = resolve_month_day(month, day_n, ref)
            relative = True
        else:
            return None
        if first is None:
            return None
        last = _safe_date(first.year, month, _day(tail)) if tail else None
        if last is not None and last < first:
            last = None
        return DateMatch(s, e, first, "day", last, relative)
    if m.group("my"):
        return DateMatch(s, e, dt.date(int(m.group("y3")), month_number(m.group("m3")), 1), "month")
    if m.group("mo"):
        if ref is None:
            return None
        month = month_number(m.group("m4"))
        year = ref.year if month <= ref.month else ref.year - 1
        return DateMatch(s, e, dt.date(year, month, 1), "month", relative=True)
    if m.group("yr"):
        return DateMatch(s, e, dt.date(int(m.group("y4")), 1, 1), "year")
    if ref is None:
        return None
    if m.group("wd"):
        return DateMatch(s, e, _weekday(m.group("wday"), ref), "day", relative=True)
    if kind is not None or m.group("rel"):
        day, precision = _relative(m.group("rel"), ref)
        return DateMatch(s, e, day, precision, relative=True)
    return None
