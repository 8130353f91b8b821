"""Combined exercises named in a text ("Ulchi Freedom Shield", "Key Resolve", "Freedom Edge").

Each named exercise becomes an ``ak:Exercise`` (kind :attr:`graph.schema.Kind.EXERCISE`)
with the allies that hold it as participants. A date the text gives as the
exercise's own ("Freedom Shield in March 2024", "the August 2017 Ulchi Freedom
Guardian", read like a meeting's own date, see :func:`meetings.attach_date`)
dates it, and the exercise is then one of its year; otherwise it is the
exercise as a series. Names and their other forms are data
(``extractors/data/rules/exercises.yaml``).
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, replace

from extractors.rules.dates import DateMatch
from extractors.rules.lexicon import PhraseMatcher
from extractors.rules.meetings import MeetingMention, attach_date, yearless
from extractors.rules.patterns import load_rules
from extractors.rules.scan import Tokens

_RULES = load_rules("exercises")


def _entries() -> tuple[dict[str, list[str]], dict[str, tuple[str, ...]]]:
    phrases: dict[str, list[str]] = {}
    parties: dict[str, tuple[str, ...]] = {}
    for line in _RULES.word_list("names"):
        names, _, who = line.partition("@")
        canon, _, variants = names.partition("=")
        canon = canon.strip()
        parties[canon] = tuple(p.strip() for p in who.split(",") if p.strip()) or ("KOR", "USA")
        for name in (canon, *variants.split("|")):
            if name.strip():
                phrases.setdefault(name.strip(), []).append(canon)
    return phrases, parties


_PHRASES, PARTICIPANTS = _entries()
_SUFFIX = _RULES.regex("suffix")
_NAMES = PhraseMatcher(_PHRASES, fold=False)


@dataclass
class ExerciseMention:
    """A span naming an exercise, with its own date when the text gives one."""

    start: int
    end: int
    name: str
    date: DateMatch | None

    @property
    def year(self) -> int | None:
        """The year of the exercise, when dated."""
        return self.date.date.year if self.date is not None else None

    @property
    def day(self) -> dt.date | None:
        """Its first day (or the first of its month, for "in March 2024"); None when the text gives only its year."""
        return self.date.date if self.date is not None and self.date.precision != "year" else None


def find_exercises(
    text: str, tokens: Tokens, dates: list[DateMatch], sentence_bounds: list[tuple[int, int]]
) -> list[ExerciseMention]:
    """Every named exercise of ``text``, dated when the text gives its own date."""
    out: list[ExerciseMention] = []
    starts = [s for s, _ in sentence_bounds]

    for start, end, ids in _NAMES.finditer(text, tokens):
        i = bisect.bisect_right(starts, start) - 1
        s_start, s_end = sentence_bounds[i] if i >= 0 else (0, len(text))
        suffix = _SUFFIX.match(text, end, s_end)
        probe = MeetingMention(start, suffix.end() if suffix else end, "Exercise", None)
        attach_date(probe, dates, text, s_start, s_end)
        date = _in_stated_year(probe.date, dates, s_start) or _year_before(text, start, s_start)
        out.append(ExerciseMention(start, end, ids[0], date))
    return out


_YEAR_BEFORE = _RULES.regex("year_before")
_YEAR_BACK = 16


def _year_before(text: str, start: int, sent_start: int) -> DateMatch | None:
    """The year written right before an exercise's name as its attribute ("the 1994 Team Spirit exercises"), as a
    year-precise date (``year_before``), else None."""
    lo = max(sent_start, start - _YEAR_BACK)
    m = _YEAR_BEFORE.search(text, lo, start)
    if m is None:
        return None
    year = int(m.group("year"))
    return DateMatch(m.start("year"), m.end("year"), dt.date(year, 1, 1), "year")


def _in_stated_year(date: DateMatch | None, dates: list[DateMatch], sent_start: int) -> DateMatch | None:
    """A day written without its year takes the year its sentence states before it ("in 2023 it was held as
    Vigilant Defense from October 30 to November 3"), not the year guessed from the document's date."""
    if date is None or not yearless(date) or date.precision == "year":
        return date
    stated = [d for d in dates if sent_start <= d.start < date.start and d.precision == "year" and not yearless(d)]
    if not stated:
        return date
    year = stated[-1].date.year
    try:
        end = date.end_date.replace(year=year + (date.end_date.year - date.date.year)) if date.end_date else None
        return replace(date, date=date.date.replace(year=year), end_date=end)
    except ValueError:
        return date
