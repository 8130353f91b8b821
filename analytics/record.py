"""When a pledge or a phrase appears in, and disappears from, a meeting series.

:func:`stated` answers "when was X first stated, when was it left out, when did
it come back?" meeting by meeting along the **record** of a series (the series
reference, :mod:`graph.series`), not along whatever happens to be loaded. X is
a commitment type (``NuclearUmbrella``, ``extended deterrence``) or, when it
names none, a phrase looked for in the pledge sentences (``Taiwan Strait``,
``end of the regime``: the words in order, up to two other words between two
of them, so "end of the Kim regime" matches).

Each meeting of the record gets a status:

============== ==============================================================
status         meaning
============== ==============================================================
no text loaded the record holds the meeting, the store has no text of it
first stated   the first loaded text that states it
restated       stated, and the previous meeting of the record stated it too
stated again   stated, after a previous meeting whose text did not
stated         stated; the previous meeting has no text loaded (the note says so)
not restated   absent from this text, stated at the previous meeting
not stated     absent from this text (and from the previous one, or it has no text)
============== ==============================================================

A first appearance is never claimed beyond what is loaded: ``first_note``
names the earlier meetings that have no text ("no text for the 10th SCM
loaded"). Silence is not an end (see :func:`analytics.lineage.in_force`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics.aggregate import REFERENCE_SERIES, ordinal_label, reference, reference_ordinal, statements_at
from analytics.frames import frame, parse_date, records
from analytics.loader import AnalyticsView, MeetingRec, StoreOrView, select
from analytics.resolve import resolve_party, resolve_type
from graph.errors import ConfigurationError, LookupAmbiguityError

RECORD_COLUMNS: tuple[str, ...] = (
    "series",
    "ordinal",
    "meeting_label",
    "date",
    "text_loaded",
    "stated",
    "status",
    "note",
    "party",
    "source",
    "found_in",
    "evidence",
    "document",
    "paragraph",
    "meeting",
)

STATUSES: tuple[str, ...] = (
    "first stated",
    "restated",
    "stated again",
    "stated",
    "not restated",
    "not stated",
    "no text loaded",
)
"""Status of a meeting of the record for the thing asked about (see the module notes)."""

PHRASE_GAP_WORDS = 2
MAX_PHRASE_WORDS = 8
"""Most words of a phrase looked for (each gap between two words may backtrack)."""
"""Other words allowed between two words of a phrase ("end of the Kim regime" matches "end of the regime")."""


@dataclass
class StatedResult:
    """What :func:`stated` found.

    Attributes:
        query: what was asked.
        kind: ``type`` (a commitment type) or ``phrase`` (words in the pledge sentences).
        label: the type's label, or the phrase.
        series: the meeting series followed.
        table: one row per meeting of the record (loaded or not), oldest first.
        first_meeting, first_date: the first loaded text that states it.
        first_note: the first appearance in words, with the earlier meetings that have no text.
        missing_before: earlier meetings of the record with no text loaded.
    """

    query: str
    kind: str
    label: str
    series: str
    table: pd.DataFrame
    first_meeting: str | None
    first_date: dt.date | None
    first_note: str | None
    missing_before: tuple[str, ...]

    def row(self, ordinal: int) -> dict[str, Any]:
        """The row of the meeting with this ordinal.

        Raises:
            LookupAmbiguityError: the record of the series has no such meeting.
        """
        hits = self.table[self.table["ordinal"] == ordinal]
        if hits.empty:
            msg = f"the record of the {self.series} has no meeting numbered {ordinal}"
            raise LookupAmbiguityError(msg, [])
        found: dict[str, Any] = hits.iloc[0].to_dict()
        return found

    def answer(self, ordinal: int) -> str:
        """The status of one meeting, with its note ("no text loaded: no text for the 52nd SCM loaded")."""
        row = self.row(ordinal)
        note = row["note"]
        return f"{row['status']}: {note}" if isinstance(note, str) and note else str(row["status"])

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole result."""
        return {
            "query": self.query,
            "kind": self.kind,
            "label": self.label,
            "series": self.series,
            "first": {
                "meeting": self.first_meeting,
                "date": self.first_date.isoformat() if self.first_date else None,
                "note": self.first_note,
                "missing_before": list(self.missing_before),
            },
            "meetings": records(self.table),
        }


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The regular expression a phrase matches: its words in order, case-insensitive.

    Up to :data:`PHRASE_GAP_WORDS` other words may stand between two of its words.

    Raises:
        ConfigurationError: the phrase has no word, or more than ``MAX_PHRASE_WORDS``.

    >>> bool(phrase_pattern("end of the regime").search("would mean the end of the Kim regime"))
    True
    >>> bool(phrase_pattern("Taiwan Strait").search("peace in the Taiwan  Strait"))
    True
    """
    words = re.findall(r"\w+", phrase)
    if not words:
        msg = f"{phrase!r} has no word to look for"
        raise ConfigurationError(msg)
    if len(words) > MAX_PHRASE_WORDS:  # the gaps between words backtrack: a long phrase could run for minutes
        msg = f"{phrase!r} has {len(words)} words; look for at most {MAX_PHRASE_WORDS}"
        raise ConfigurationError(msg)
    gap = rf"\W+(?:\w+\W+){{0,{PHRASE_GAP_WORDS}}}?"
    return re.compile(r"\b" + gap.join(re.escape(w) for w in words) + r"\b", re.IGNORECASE)


def _exact_type(view: AnalyticsView, name: str) -> str | None:
    try:
        return resolve_type(view, name)
    except LookupAmbiguityError:
        return None


TextReader = Callable[[str, str], "str | None"]
"""``(document IRI, its source path or URL) -> its text``, or None when it cannot be read (the CLI
reads the file it was ingested from and checks that it is still the same text)."""


@dataclass(frozen=True)
class _Hit:
    party: str | None
    source: str
    commitment: str | None
    found_in: str = "pledge"
    """``pledge`` (a pledge sentence) or ``text`` (elsewhere in the meeting's own text)."""
    sentence: str | None = None
    document: str | None = None


def _hit_by_type(view: AnalyticsView, meeting: MeetingRec, ctype: str, party: str | None) -> _Hit | None:
    found = [
        s
        for (t, _), s in statements_at(view, meeting.iri).items()
        if t == ctype and (party is None or party in s.parties)
    ]
    if not found:
        return None
    found.sort(key=lambda s: (s.source != "primary", -(s.strength if s.strength is not None else -1.0), s.party))
    best = found[0]
    return _Hit(party=best.party, source=best.source, commitment=best.representative)


def _hit_by_phrase(
    view: AnalyticsView, meeting: MeetingRec, pattern: re.Pattern[str], party: str | None
) -> _Hit | None:
    hits: list[tuple[tuple[bool, int, int, str], _Hit]] = []
    for iri in view.by_meeting.get(meeting.iri, ()):
        rec = view.commitments[iri]
        if party is not None and party not in rec.parties:
            continue
        ev = view.evidence(iri)
        if ev is None or not pattern.search(ev.text):
            continue
        key = (rec.source != "primary", ev.paragraph or 0, ev.char_start or 0, iri)
        hits.append((key, _Hit(party=rec.party, source=rec.source, commitment=iri)))
    return min(hits, key=lambda h: h[0])[1] if hits else None


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*\n")


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or paragraph) of ``text`` that holds ``text[start:end]``, spaces unified."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    return " ".join(text[left:right].split())


def _hit_in_texts(
    view: AnalyticsView, meeting: MeetingRec, pattern: re.Pattern[str], read_text: TextReader
) -> tuple[_Hit | None, list[str]]:
    """The phrase anywhere in the texts that record the meeting, and the documents that could not be read."""
    unread: list[str] = []
    for doc in view.records_of.get(meeting.iri, ()):
        label, source = view.documents.get(doc, (doc, None))
        text = read_text(doc, source) if source else None
        if text is None:
            unread.append(label or doc)
            continue
        found = pattern.search(text)
        if found is not None:
            sentence = _sentence_around(text, found.start(), found.end())
            return _Hit(None, "primary", None, found_in="text", sentence=sentence, document=label), unread
    return None, unread


def _record_rows(view: AnalyticsView, series: str) -> list[tuple[int | None, str, dt.date | None, MeetingRec | None]]:
    """(ordinal, label, date, loaded meeting) for each meeting of the record, up to the last loaded one.

    A series the reference lists gives every meeting up to the last loaded
    one (loaded or not); another series gives its loaded meetings.
    """
    loaded = view.series_meetings.get(series, ())
    if series not in REFERENCE_SERIES:
        return [(m.ordinal, m.label, m.date, m) for m in loaded]
    by_ordinal: dict[int, MeetingRec] = {}
    for m in loaded:
        ordinal = reference_ordinal(m)
        if ordinal is not None:
            by_ordinal.setdefault(ordinal, m)
    if not by_ordinal:
        return []
    last = max(by_ordinal)
    rows: list[tuple[int | None, str, dt.date | None, MeetingRec | None]] = []
    for ref in reference().meetings(series):
        if ref.ordinal is None or ref.ordinal > last:
            continue
        found = by_ordinal.get(ref.ordinal)
        label = found.label if found is not None else ordinal_label(series, ref.ordinal)
        rows.append((ref.ordinal, label, found.date if found is not None else ref.start_date, found))
    return rows


def _missing_note(missing: list[str], previous_missing: bool) -> str:
    """``no text for the 37th SCM loaded, nor for 29 earlier meetings of the record``.

    When the previous meeting is loaded, the nearest earlier meetings without a text are named.
    """
    if previous_missing:
        rest = len(missing) - 1
        more = f", nor for {rest} earlier meeting{'s' if rest > 1 else ''} of the record" if rest else ""
        return f"no text for the {missing[-1]} loaded{more}"
    nearest = list(reversed(missing[-3:]))
    rest = len(missing) - len(nearest)
    more = f" and {rest} earlier meeting{'s' if rest > 1 else ''} of the record" if rest else ""
    return f"no text loaded for the {', '.join(nearest)}{more}"


def stated(
    store: StoreOrView,
    what: str,
    series: str = "SCM",
    party: str | None = None,
    phrase: bool | None = None,
    sources: str = "primary",
    min_confidence: float | None = None,
    read_text: TextReader | None = None,
) -> StatedResult:
    """When ``what`` was stated at the meetings of a series, meeting by meeting of the record.

    Args:
        store: the graph, or its analytics view (:func:`~analytics.loader.view_of`).
        what: a commitment type (local name or label), or a phrase.
        series: the meeting series (``SCM`` by default).
        party: keep statements whose committing parties include this code.
        phrase: True looks for ``what`` as a phrase even when it names a type;
            False requires a type; None (default) takes a type when one is named exactly.
        sources, min_confidence: which commitments count (see :func:`analytics.loader.select`);
            by default only the records of the meetings (``primary``), so a study's
            paraphrase never makes a meeting state something.
        read_text: reads a document's text (see :data:`TextReader`). A phrase is looked
            for in the pledge sentences first, then, with a reader, anywhere in the texts
            that record the meeting (a view such as "peace and stability in the Taiwan
            Strait" is no pledge). Without a reader, or when a text cannot be read, a
            "not stated" row says it looked at the pledge sentences only.

    Raises:
        LookupAmbiguityError: ``phrase=False`` and no type is named so, or an unknown party.
        ConfigurationError: an empty phrase, an unknown ``sources`` value.
    """
    view = select(store, sources, min_confidence)
    code = resolve_party(view, party) if party else None
    ctype = None if phrase else (resolve_type(view, what) if phrase is False else _exact_type(view, what))
    pattern = phrase_pattern(what) if ctype is None else None
    series_name = series.strip()
    known = {s.casefold(): s for s in (*view.series_meetings, *REFERENCE_SERIES)}
    series_name = known.get(series_name.casefold(), series_name)
    rows_in = _record_rows(view, series_name)
    if pattern is not None:
        view.prefetch_evidence(m.iri for _, _, _, m in rows_in if m is not None)
    rows: list[dict[str, Any]] = []
    first: dict[str, Any] | None = None
    missing_before: list[str] = []
    last_stated: str | None = None
    prev_loaded: bool | None = None  # the previous meeting of the record: loaded?
    prev_stated = False
    for ordinal, label, date, meeting in rows_in:
        row: dict[str, Any] = {
            "series": series_name,
            "ordinal": ordinal,
            "meeting_label": label,
            "date": date,
            "text_loaded": meeting is not None,
            "stated": None,
            "status": "no text loaded",
            "note": f"no text for the {label} loaded",
            "party": None,
            "source": None,
            "found_in": None,
            "evidence": None,
            "document": None,
            "paragraph": None,
            "meeting": meeting.iri if meeting is not None else None,
        }
        if meeting is None:
            if first is None:
                missing_before.append(label)
            rows.append(row)
            prev_loaded, prev_stated = False, False
            continue
        scope_note: str | None = None
        if ctype is not None:
            hit = _hit_by_type(view, meeting, ctype, code)
        else:
            pat = pattern if pattern is not None else phrase_pattern(what)
            hit = _hit_by_phrase(view, meeting, pat, code)
            if hit is None and read_text is not None and code is None and sources != "reported":
                hit, unread = _hit_in_texts(view, meeting, pat, read_text)
                if hit is None and unread:
                    scope_note = f"pledge sentences only: the text of {', '.join(unread)} could not be read"
            elif hit is None:
                scope_note = "pledge sentences only"
        row["stated"] = hit is not None
        note: str | None
        gap_note = f"no text for the {rows[-1]['meeting_label']} loaded" if prev_loaded is False and rows else None
        if hit is not None:
            if first is None:
                status = "first stated"
                note = f"first stated in the loaded texts at the {label}"
                if missing_before:
                    note += "; " + _missing_note(missing_before, prev_loaded is False)
            elif prev_loaded is False:
                status, note = "stated", f"{gap_note}; last stated at the {last_stated}"
            elif prev_stated:
                status, note = "restated", None
            else:
                status, note = "stated again", f"last stated at the {last_stated}"
            ev = view.evidence(hit.commitment) if hit.commitment is not None else None
            row.update(
                status=status,
                note=note,
                party=hit.party,
                source=hit.source,
                found_in=hit.found_in,
                evidence=ev.text if ev else hit.sentence,
                document=(ev.document or ev.source) if ev else hit.document,
                paragraph=ev.paragraph if ev else None,
            )
            if first is None:
                first = row
            last_stated = label
        else:
            if prev_loaded and prev_stated:
                status, note = "not restated", f"stated at the {last_stated}; silence is not an end"
            else:
                status = "not stated"
                parts = [p for p in (gap_note, f"last stated at the {last_stated}" if last_stated else None) if p]
                note = "; ".join(parts) or None
            if scope_note:
                note = f"{note}; {scope_note}" if note else scope_note
            row.update(status=status, note=note)
        rows.append(row)
        prev_loaded, prev_stated = True, hit is not None
    table = frame(rows, RECORD_COLUMNS)
    missing = tuple(missing_before) if first is not None else ()
    return StatedResult(
        query=what,
        kind="type" if ctype is not None else "phrase",
        label=view.concept_label(ctype) if ctype is not None else what.strip(),
        series=series_name,
        table=table,
        first_meeting=first["meeting_label"] if first else None,
        first_date=first["date"] if first else None,
        first_note=first["note"] if first else None,
        missing_before=missing,
    )


COVERAGE_COLUMNS: tuple[str, ...] = (
    "series",
    "held",
    "loaded",
    "first_loaded",
    "last_loaded",
    "missing",
    "note",
)
"""Columns of :func:`coverage`: per series, the meetings of the record and those with a loaded text."""


def _ordinal_ranges(ordinals: list[int]) -> str:
    """``2nd-7th, 9th, 11th-13th`` for the sorted ordinals given."""
    spans: list[tuple[int, int]] = []
    for n in ordinals:
        if spans and n == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], n)
        else:
            spans.append((n, n))

    def word(n: int) -> str:
        return ordinal_label("", n).strip()

    return ", ".join(word(a) if a == b else f"{word(a)}-{word(b)}" for a, b in spans)


def coverage(store: StoreOrView, until: dt.date | str | None = None) -> pd.DataFrame:
    """Which meetings of each series have a text loaded: what every other answer rests on.

    For a series the reference lists (SCM, 2+2, NCG, EDSCG), ``held`` counts its
    meetings up to ``until`` (all when None), ``loaded`` those a loaded primary
    document records, and ``missing`` names the others by ordinal (``2nd-7th, 9th``):
    a content analysis of those meetings cannot rest on this store. For any other
    series (summits, MCMs, trilateral meetings) the record is not known here:
    ``held`` is empty and only the loaded meetings are counted.

    Raises:
        ConfigurationError: ``until`` is not a date.
    """
    day = parse_date(until) if until is not None else None
    view = select(store, "all")
    rows: list[dict[str, Any]] = []
    for series in sorted({*REFERENCE_SERIES, *view.series_meetings}, key=lambda s: (s not in REFERENCE_SERIES, s)):
        every = view.series_meetings.get(series, ())  # (dated meetings only)
        loaded = [m for m in every if day is None or (m.date is not None and m.date <= day)]
        dates = sorted(m.date for m in loaded if m.date is not None)
        row: dict[str, Any] = {
            "series": series,
            "loaded": len(loaded),
            "first_loaded": dates[0] if dates else None,
            "last_loaded": dates[-1] if dates else None,
        }
        if series in REFERENCE_SERIES:
            held = [
                r.ordinal
                for r in reference().meetings(series)
                if r.ordinal is not None and (day is None or (r.start_date is not None and r.start_date <= day))
            ]
            have = {reference_ordinal(m) for m in every}  # a meeting stored under its last day is still held
            missing = sorted(n for n in held if n not in have)
            known = {r.ordinal for r in reference().meetings(series)}
            # a text of a meeting after the reference's last, or numbered as none of its meetings is
            unlisted = [m.label for m in loaded if reference_ordinal(m) not in known]
            note = _coverage_note(len(missing), len(held))
            if unlisted:
                shown = ", ".join(unlisted[:5]) + (", ..." if len(unlisted) > 5 else "")
                note += f"; {len(unlisted)} loaded not in the reference ({shown})"
            row.update(
                held=len(held),
                loaded=len([n for n in held if n in have]),
                missing=_ordinal_ranges(missing) if missing else "",
                note=note,
            )
        else:
            row.update(held=None, missing=None, note="the series reference does not list this series' meetings")
        if row["loaded"] or series in REFERENCE_SERIES:
            rows.append(row)
    table = frame(rows, COVERAGE_COLUMNS)
    table["held"] = table["held"].astype("Int64")
    return table


def _coverage_note(missing: int, held: int) -> str:
    if not held:
        return "no meeting of the record yet"
    if not missing:
        return "every meeting of the record has a text loaded"
    if held == 1:
        return "no text for its one meeting of the record"
    if missing == held:
        return f"no text for any of the {held} meetings of the record"
    return f"no text for {missing} of the {held} meetings of the record"

