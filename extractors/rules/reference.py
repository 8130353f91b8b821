"""The series reference as the extractor uses it: to check and complete what a text says.

:mod:`graph.series` holds every SCM (with the MCM held with it), 2+2, NCG and
EDSCG meeting, with dates, places and heads of delegation, each row citing
public sources. The extractor asks it three things, and never creates a
meeting from it that the text does not name:

* **ordinal from date**: a text that records "the annual Security Consultative
  Meeting ... held in Seoul, September 12-13, 1973" records the 6th SCM;
* **date from ordinal**: the 47th SCM met on 2015-11-02, so a text naming it
  without a date (or a reprint dated otherwise) still dates it right, and a
  candidate whose ordinal the reference dates years away from the text's
  date is not the meeting the text records;
* **where it met**, for a meeting the text records without saying where
  ("this 36th SCM" in a Pentagon transcript);
* **who led the delegations** and in which office, with the spellings the
  record uses (``Head.aliases``), and the MCM held with an SCM.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from graph.schema import Series
from graph.series import Meeting as RefMeeting
from graph.series import SeriesReference, load_reference

_SERIES: dict[str, str] = {s: s for s in (Series.SCM, Series.TWO_PLUS_TWO, Series.NCG, Series.EDSCG)}
"""Extractor series -> reference series (the MCM lives inside SCM rows)."""

SAME_DAY_SLACK = 2
"""Days a text's date may differ from the reference's (time zones, two-day meetings, a release dated later)."""

FAR_DAYS = 60
"""A candidate whose reference date is further than this from the text's date is another meeting."""


@dataclass(frozen=True)
class RefPerson:
    """A person the reference names as a head of delegation or an MCM chair, at one meeting."""

    name: str
    aliases: tuple[str, ...]
    role: str
    country: str
    year: int | None


@functools.cache
def reference() -> SeriesReference | None:
    """The series reference, or None when it cannot be loaded (extraction then goes on without it)."""
    try:
        return load_reference()
    except (OSError, ValueError):
        return None


def _span(m: RefMeeting) -> tuple[dt.date, dt.date] | None:
    if m.start_date is None:
        return None
    return m.start_date, m.end_date or m.start_date


def _near(day: dt.date, span: tuple[dt.date, dt.date], slack: int = SAME_DAY_SLACK) -> bool:
    return span[0] - dt.timedelta(days=slack) <= day <= span[1] + dt.timedelta(days=slack)


@functools.cache
def _spans(series: str) -> tuple[tuple[int, dt.date, dt.date], ...]:
    """``(ordinal, first day, last day)`` of every numbered, dated meeting of ``series`` (MCMs from the SCM rows)."""
    ref = reference()
    if ref is None:
        return ()
    if series == Series.MCM:
        return tuple(
            (m.mcm.ordinal, m.mcm.date, m.mcm.date)
            for m in ref.rows
            if m.series == Series.SCM and m.mcm is not None and m.mcm.ordinal is not None and m.mcm.date is not None
        )
    code = _SERIES.get(series)
    return tuple(
        (m.ordinal, span[0], span[1])
        for m in ref.rows
        if m.series == code and m.ordinal is not None and (span := _span(m)) is not None
    )


@functools.cache
def ordinal_on(series: str, day: dt.date) -> int | None:
    """The ordinal of the meeting of ``series`` held on (or within two days of) ``day``."""
    hits = {n for n, first, last in _spans(series) if _near(day, (first, last))}
    return hits.pop() if len(hits) == 1 else None


def same_day_other_year(series: str, day: dt.date) -> dt.date | None:
    """The day a year before or after ``day`` on which the reference holds a meeting of ``series``,
    when it holds none on ``day`` itself (a date written without its year was given the wrong one)."""
    if ordinal_on(series, day) is not None:
        return None
    for years in (1, -1):
        try:
            other = day.replace(year=day.year + years)
        except ValueError:
            continue
        if ordinal_on(series, other) is not None:
            return other
    return None


@functools.cache
def date_of(series: str, ordinal: int) -> dt.date | None:
    """The (first) day of meeting ``ordinal`` of ``series``, if the reference dates it."""
    return next((first for n, first, _ in _spans(series) if n == ordinal), None)


def confirms(series: str, ordinal: int | None, day: dt.date) -> bool:
    """The reference holds meeting ``ordinal`` of ``series`` on ``day`` (an NCG or EDSCG meeting for ``Other``)."""
    if series == Series.OTHER:
        ref = reference()
        return ref is not None and ordinal is not None and _body_meeting(ref, ordinal, day) is not None
    return agreement(series, ordinal, day) == 1


def span_of(series: str, ordinal: int, near: dt.date | None = None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of meeting ``ordinal`` of ``series``, if the reference dates it. A meeting of
    series ``Other`` is the NCG or EDSCG meeting of that number held within a month of ``near``."""
    if series == Series.OTHER:
        ref = reference()
        if ref is None or near is None:
            return None
        for code in (Series.NCG, Series.EDSCG):
            for m in ref.meetings(code):
                if m.ordinal == ordinal and (s := _span(m)) is not None and _near(near, s, slack=31):
                    return s
        return None
    return next(((first, last) for n, first, last in _spans(series) if n == ordinal), None)


def agreement(series: str, ordinal: int | None, day: dt.date | None) -> int:
    """1 when the reference dates meeting ``ordinal`` to ``day``, -1 when far from it, 0 when it cannot tell."""
    if ordinal is None or day is None:
        return 0
    ref_day = date_of(series, ordinal)
    if ref_day is None:
        return 0
    gap = abs((ref_day - day).days)
    if gap <= SAME_DAY_SLACK + 1:
        return 1
    return -1 if gap > FAR_DAYS else 0


def _meeting(series: str, ordinal: int | None, day: dt.date | None) -> RefMeeting | None:
    """The reference's row of a meeting (by ordinal, else by date; an NCG or EDSCG meeting for ``Other``)."""
    ref = reference()
    if ref is None:
        return None
    if series == Series.OTHER:
        return _body_meeting(ref, ordinal, day)
    code = _SERIES.get(series)
    if code is None:
        return None
    meeting = ref.get(code, ordinal) if ordinal is not None else None
    if meeting is None and day is not None:
        meeting = next((m for m in ref.meetings(code) if (s := _span(m)) and _near(day, s)), None)
    return meeting


@functools.cache
def place_of(series: str, ordinal: int | None, day: dt.date | None) -> str | None:
    """The city the reference gives for a meeting, when the day the text gives (if any) is the reference's."""
    meeting = _meeting(series, ordinal, day)
    if meeting is None or not meeting.place:
        return None
    span = _span(meeting)
    if day is not None and (span is None or not _near(day, span)):
        return None
    return str(meeting.place)


@functools.cache
def heads(series: str, ordinal: int | None, day: dt.date | None = None) -> tuple[RefPerson, ...]:
    """The heads of delegation the reference gives for a meeting (by ordinal, else by date)."""
    meeting = _meeting(series, ordinal, day)
    if meeting is None:
        return ()
    year = meeting.start_date.year if meeting.start_date else None
    return tuple(RefPerson(h.name, tuple(h.aliases), h.role, h.country, year) for h in meeting.heads)


def _body_meeting(ref: SeriesReference, ordinal: int | None, day: dt.date | None) -> RefMeeting | None:
    """The NCG or EDSCG meeting a text records under series ``Other``: the one held on its day (and of its
    number, when the text numbers it)."""
    if day is None:
        return None
    for code in (Series.NCG, Series.EDSCG):
        for m in ref.meetings(code):
            if (s := _span(m)) and _near(day, s) and (ordinal is None or m.ordinal == ordinal):
                return m
    return None


def body_of(ordinal: int, day: dt.date) -> str | None:
    """The series (NCG or EDSCG) of the reference's meeting numbered ``ordinal`` and held on ``day``."""
    ref = reference()
    meeting = _body_meeting(ref, ordinal, day) if ref is not None else None
    return meeting.series if meeting is not None else None


@functools.cache
def mcm_of(scm_ordinal: int) -> tuple[int, dt.date | None] | None:
    """The ordinal and day of the MCM held with SCM ``scm_ordinal``, when the reference numbers it."""
    ref = reference()
    meeting = ref.get(Series.SCM, scm_ordinal) if ref is not None else None
    if meeting is None or meeting.mcm is None or meeting.mcm.ordinal is None:
        return None
    return meeting.mcm.ordinal, meeting.mcm.date


def mcm_chairs(scm_ordinal: int) -> list[RefPerson]:
    """The chairmen of the MCM held with SCM ``scm_ordinal``."""
    ref = reference()
    meeting = ref.get(Series.SCM, scm_ordinal) if ref is not None else None
    if meeting is None or meeting.mcm is None:
        return []
    year = meeting.mcm.date.year if meeting.mcm.date else (meeting.start_date.year if meeting.start_date else None)
    return [RefPerson(c.name, (), c.role, c.country, year) for c in meeting.mcm.chairs]


def all_people() -> list[RefPerson]:
    """Every head of delegation and MCM chair of the reference, one entry per meeting they led."""
    ref = reference()
    if ref is None:
        return []
    out: list[RefPerson] = []
    for m in ref.rows:
        year = m.start_date.year if m.start_date else (int(m.period[:4]) if m.period else None)
        out.extend(RefPerson(h.name, tuple(h.aliases), h.role, h.country, year) for h in m.heads)
        if m.mcm is not None:
            mcm_year = m.mcm.date.year if m.mcm.date else year
            out.extend(RefPerson(c.name, (), c.role, c.country, mcm_year) for c in m.mcm.chairs)
    return out
