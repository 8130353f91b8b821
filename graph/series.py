"""Series reference: every ROK-U.S. Security Consultative Meeting and its kin.

The reference is a facts-only data file, ``graph/data/series.json``, with one
row per meeting of the SCM series (each with the Military Committee Meeting
held with it, where known) and of the related series: the foreign and defense
ministers' "2+2" meetings, the Nuclear Consultative Group (NCG) and the
Extended Deterrence Strategy and Consultation Group (EDSCG). Every row cites
public sources; ``graph/data/README.md`` says how they were found and what is
uncertain. A field the sources do not establish is ``None``, never a guess.

The module answers questions such as "which SCM came before the 38th?" from
the reference alone, whether or not any communique text is loaded::

    >>> ref = load_reference()
    >>> ref.previous("SCM", 38).ordinal
    37
    >>> ref.next_after("SCM", "2006-10-09").ordinal
    38
    >>> [h.name for h in ref.heads("SCM", 38)]
    ['Yoon Kwang-ung', 'Donald H. Rumsfeld']
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from importlib import resources
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from graph.schema import Series

__all__ = [
    "Chair",
    "Head",
    "Meeting",
    "MilitaryCommitteeMeeting",
    "SeriesReference",
    "Source",
    "load_reference",
]

ReferenceSeries = Literal["SCM", "2+2", "NCG", "EDSCG"]
"""The series the reference lists (values of :class:`graph.schema.Series`; a test holds them equal)."""
"""Codes of the meeting series in the reference (the MCM lives inside SCM rows)."""

Country = Literal["KOR", "USA"]
"""ISO 3166-1 alpha-3 code of a delegation's or a venue's country."""

Confidence = Literal["confirmed", "inferred"]
"""``confirmed``: a cited source states it; ``inferred``: derived (e.g. from tenure)."""

DATA_FILE = "series.json"
_PERIOD = re.compile(r"^\d{4}(-\d{2})?$")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Frozen):
    """A public source for a row, and what it supports."""

    url: str
    title: str
    publisher: str
    note: str

    @field_validator("url")
    @classmethod
    def _http(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            msg = f"source url must be http(s): {value!r}"
            raise ValueError(msg)
        return value


class Head(_Frozen):
    """A head of delegation (co-chair) of one meeting.

    Attributes:
        name: As romanised in the English record; family name first for Koreans.
        name_ko: The name in Hangul, for Korean officials.
        aliases: Other spellings seen in sources.
        role: Office held at the time of the meeting.
        country: The delegation's country.
        confidence: Whether a cited source names this person for this meeting.
        note: Why the head is inferred, or a caveat on the name.
    """

    name: str
    name_ko: str | None = None
    aliases: tuple[str, ...] = ()
    role: str
    country: Country
    confidence: Confidence = "confirmed"
    note: str | None = None


class Chair(_Frozen):
    """A co-chair of a Military Committee Meeting."""

    name: str
    role: str
    country: Country


class MilitaryCommitteeMeeting(_Frozen):
    """The ROK-U.S. Military Committee Meeting held with an SCM.

    MCM ordinals are recorded only where a source states them: extra MCMs
    (e.g. a video conference in April 2013) mean they do not follow from the
    SCM ordinal.
    """

    ordinal: int | None = Field(default=None, ge=1)
    date: dt.date | None = None
    place: str | None = None
    chairs: tuple[Chair, ...] = ()
    note: str | None = None


class Meeting(_Frozen):
    """One meeting of a series.

    Attributes:
        id: Stable key, ``"<series>-<ordinal>"``.
        series: Series code.
        ordinal: Number of the meeting within its series, where established.
        start_date: First day, where established.
        end_date: Last day of a multi-day meeting; ``None`` for one-day meetings.
        period: ``YYYY`` or ``YYYY-MM`` when only the year or month is known.
        place: City.
        country: Country of the venue.
        venue: Building or site, where stated.
        official_name: English name form used in the cited text.
        official_name_ko: Korean name form used in the cited text.
        heads: Heads of delegation.
        mcm: The Military Committee Meeting held with an SCM, if known.
        confidence: ``inferred`` when any recorded fact is derived rather than stated.
        notes: Caveats and discrepancies between sources.
        sources: Public sources (at least one).
    """

    id: str
    series: ReferenceSeries
    ordinal: int | None = Field(default=None, ge=1)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    period: str | None = None
    place: str | None = None
    country: Country | None = None
    venue: str | None = None
    official_name: str | None = None
    official_name_ko: str | None = None
    heads: tuple[Head, ...] = ()
    mcm: MilitaryCommitteeMeeting | None = None
    confidence: Confidence
    notes: tuple[str, ...] = ()
    sources: tuple[Source, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = []
        if self.end_date is not None and (self.start_date is None or self.end_date < self.start_date):
            problems.append("end_date needs a start_date on or before it")
        if self.period is not None and not _PERIOD.match(self.period):
            problems.append(f"period must be YYYY or YYYY-MM, not {self.period!r}")
        if self.period is not None and self.start_date is not None:
            problems.append("give either start_date or period, not both")
        names = [h.name for h in self.heads]
        if len(names) != len(set(names)):
            problems.append("duplicate head of delegation")
        if self.mcm is not None and self.series != "SCM":
            problems.append("only SCM rows carry an MCM")
        if self.ordinal is not None and self.id != f"{self.series}-{self.ordinal}":
            problems.append("id must be '<series>-<ordinal>'")
        if self.confidence == "confirmed" and any(h.confidence == "inferred" for h in self.heads):
            problems.append("a row with an inferred head is itself inferred")
        if problems:
            msg = f"{self.id}: " + "; ".join(problems)
            raise ValueError(msg)
        return self

    def covers(self, day: dt.date) -> bool:
        """Whether the meeting was in session on ``day``."""
        if self.start_date is None:
            return False
        return self.start_date <= day <= (self.end_date or self.start_date)


def _day(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


BODIES_BY_DATE: tuple[str, ...] = (Series.NCG.value, Series.EDSCG.value)
"""Series whose meetings a meeting stored as Other is, by its date alone: a text may name the first
NCG only as "the group's first meeting in Seoul on July 18". An SCM or a 2+2 is never taken from a
date alone (other bilateral meetings, such as a forum's ministerial meeting, fall on such days)."""
NUMBERED_BY_DATE: tuple[str, ...] = (Series.SCM.value, Series.TWO_PLUS_TWO.value)
"""Series a meeting stored as Other is only when its ordinal agrees with the reference's on that day."""


class SeriesReference(_Frozen):
    """All meetings of the reference, with look-ups by series, ordinal and date."""

    schema_version: int
    description: str
    compiled: str
    rows: tuple[Meeting, ...]

    @model_validator(mode="after")
    def _unique(self) -> Self:
        ids = [m.id for m in self.rows]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate meeting id in the reference")
        return self

    def meetings(self, series: str) -> list[Meeting]:
        """Meetings of one series, by ordinal (then date); unnumbered ones last by date.

        Args:
            series: Series code, e.g. ``"SCM"``.

        Returns:
            The series' meetings in order.
        """

        def key(m: Meeting) -> tuple[bool, int, dt.date]:
            return (m.ordinal is None, m.ordinal or 0, m.start_date or dt.date.max)

        return sorted((m for m in self.rows if m.series == series), key=key)

    def get(self, series: str, ordinal: int) -> Meeting | None:
        """The meeting with this ordinal, or ``None`` if the reference lacks it."""
        return next((m for m in self.rows if m.series == series and m.ordinal == ordinal), None)

    def previous(self, series: str, ordinal: int) -> Meeting | None:
        """The meeting of the series held before the one numbered ``ordinal``.

        This comes from the reference alone, so it works for a meeting whose
        text is not loaded, or even one missing from the reference.

        Returns:
            The meeting with the highest ordinal below ``ordinal``, or ``None``.
        """
        before = [m for m in self.meetings(series) if m.ordinal is not None and m.ordinal < ordinal]
        return before[-1] if before else None

    def next_after(self, series: str, day: dt.date | str) -> Meeting | None:
        """The first meeting of the series starting on or after ``day``.

        Meetings without an established start date are skipped.

        Args:
            series: Series code.
            day: A ``date`` or an ISO date string.
        """
        when = _day(day)
        dated = [m for m in self.rows if m.series == series and m.start_date is not None and m.start_date >= when]
        return min(dated, key=lambda m: m.start_date or dt.date.max, default=None)

    def by_date(self, series: str, day: dt.date | str) -> Meeting | None:
        """The meeting of the series in session on ``day``, if any."""
        when = _day(day)
        return next((m for m in self.meetings(series) if m.covers(when)), None)

    def identify(self, series: str, ordinal: int | None, day: dt.date | str | None) -> Meeting | None:
        """The reference's meeting that a meeting stored as series Other is, by its date.

        A text may name a meeting in a form that gives no series (stored as
        ``Other``). When the NCG or the EDSCG met that day (the first NCG on
        2023-07-18) it is that meeting, provided its ordinal, if known, agrees;
        an SCM or a 2+2 of that day only when the ordinal is known and agrees.
        None for any other series, or when no reference meeting fits.
        """
        if series != Series.OTHER.value or day is None:
            return None
        when = _day(day)
        for name in BODIES_BY_DATE:
            row = self.by_date(name, when)
            if row is not None and (ordinal is None or row.ordinal == ordinal):
                return row
        if ordinal is not None:
            for name in NUMBERED_BY_DATE:
                row = self.by_date(name, when)
                if row is not None and row.ordinal == ordinal:
                    return row
        return None

    def heads(self, series: str, ordinal: int) -> tuple[Head, ...]:
        """Heads of delegation of a meeting; empty if unknown or not in the reference."""
        meeting = self.get(series, ordinal)
        return meeting.heads if meeting is not None else ()


def _read_data() -> str:
    return resources.files("graph").joinpath("data", DATA_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_reference() -> SeriesReference:
    """Load and validate ``graph/data/series.json`` (once per process).

    Returns:
        The validated reference.
    """
    return SeriesReference.model_validate(json.loads(_read_data()))
