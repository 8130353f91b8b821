"""The crisis tracer: how the alliance's next meetings answered an incident.

For an incident, :func:`trace` finds the next recorded meeting of each series
after it (within a window), the lag in days, and classifies that meeting's
statements against the earlier meetings of its series (see
:mod:`analytics.aggregate`): new, strengthened, reaffirmed, weakened, and
dropped. Each row says whether the text links the pledge to the incident
(``link = explicit``: a ``respondsTo`` relationship) or whether the link is
only that the meeting came next (``temporal``), and carries its evidence.

:func:`incidents_answered` is the reverse view: for one commitment, the
incidents it answers, explicitly or because its meeting was the next one.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analytics.aggregate import (
    CHANGES,
    NOT_RESTATED,
    REFERENCE_SERIES,
    Classified,
    Statement,
    _ordinal_index,
    classify_meeting,
    next_in_reference,
    ordinal_label,
    previous_of,
    series_index,
    wording_of,
)
from analytics.defaults import DEFAULT_WINDOW_DAYS
from analytics.errors import AnalysisError
from analytics.frames import frame, records
from analytics.loader import AnalyticsView, CommitmentRec, IncidentRec, MeetingRec, StoreOrView, select, view_of
from analytics.resolve import resolve_incident
from graph.errors import ConfigurationError, LookupAmbiguityError

MEETING_COLUMNS: tuple[str, ...] = (
    "series",
    "meeting",
    "meeting_label",
    "ordinal",
    "date",
    "lag_days",
    "previous",
    "previous_label",
    "previous_date",
    "previous_loaded",
    "previous_note",
    "text_loaded",
    "note",
    "statements",
    "explicit",
)

CHANGE_COLUMNS: tuple[str, ...] = (
    "series",
    "meeting_label",
    "meeting_date",
    "lag_days",
    "commitment_type",
    "type_label",
    "party",
    "source",
    "change",
    "basis",
    "wording",
    "wording_note",
    "cues",
    "strength",
    "previous_strength",
    "baseline_meeting",
    "baseline_party",
    "link",
    "threat_link",
    "sentences",
    "commitment",
    "meeting",
    "evidence",
    "document",
    "paragraph",
)

EXPLICIT_COLUMNS: tuple[str, ...] = (
    "commitment",
    "commitment_types",
    "party",
    "series",
    "meeting_label",
    "date",
    "lag_days",
    "wording",
    "strength",
    "next_meeting",
    "evidence",
    "document",
    "paragraph",
    "meeting",
)

ANSWERED_COLUMNS: tuple[str, ...] = (
    "incident",
    "label",
    "kind",
    "date",
    "lag_days",
    "link",
    "via",
)


@dataclass
class TraceResult:
    """What :func:`trace` found.

    Attributes:
        incident: IRI of the traced incident.
        label: its label.
        date: its date.
        window_days: the window used.
        meetings: one row per series: the next meeting, lag, previous meeting.
        changes: one row per (meeting, commitment type, party), plus the dropped
            ones; ``link`` is ``explicit`` or ``temporal``.
        explicit: every commitment whose text links it to the incident
            (``respondsTo``), at any meeting and time, apart from the temporal view.
    """

    incident: str
    label: str
    date: dt.date
    window_days: int
    meetings: pd.DataFrame
    changes: pd.DataFrame
    explicit: pd.DataFrame
    series: list[str] = field(default_factory=list)
    estimated: bool = False
    """The incident's date is an estimate (lags are approximate)."""
    named_in_texts: bool = True
    """A loaded text names the incident; False: it comes from the public incident catalogue only,
    so no pledge can answer it explicitly and its next meetings are placed by date alone."""
    kind: str = ""
    """The incident's kind (``Kind`` value), also for a catalogue incident the store does not hold."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole result."""
        return {
            "incident": {
                "iri": self.incident,
                "label": self.label,
                "date": self.date.isoformat(),
                "estimated": self.estimated,
                "named_in_texts": self.named_in_texts,
            },
            "window_days": self.window_days,
            "meetings": records(self.meetings),
            "changes": records(self.changes),
            "explicit": records(self.explicit),
        }


def _series_filter(series: str | Iterable[str] | None, view: AnalyticsView) -> list[str]:
    known = list(dict.fromkeys([*view.series_meetings, *sorted(REFERENCE_SERIES)]))
    if series is None:
        return known
    wanted = [series] if isinstance(series, str) else list(series)
    by_fold = {s.casefold(): s for s in known}
    out: list[str] = []
    for name in wanted:
        for part in name.split(","):
            key = part.strip().casefold()
            if not key:
                continue
            if key not in by_fold:
                msg = f"no recorded meeting series is named {part.strip()!r}"
                raise LookupAmbiguityError(msg, known)
            out.append(by_fold[key])
    return out


def _threat_linked(view: AnalyticsView, incident: IncidentRec, stmt: Statement) -> bool:
    targets = stmt.responds_to | stmt.concerns
    if targets & set(incident.threats):
        return True
    types = set(incident.threat_types)
    return any(t in view.threats and set(view.threats[t].types) & types for t in targets)


def _evidence_cells(view: AnalyticsView, iri: str) -> dict[str, Any]:
    ev = view.evidence(iri)
    if ev is None:
        return {"evidence": None, "document": None, "paragraph": None}
    return {"evidence": ev.text, "document": ev.document or ev.source or ev.document_iri, "paragraph": ev.paragraph}


def commitment_cells(view: AnalyticsView, rec: CommitmentRec) -> dict[str, Any]:
    """How a commitment shows in a table: IRI, types, party, series, meeting and date."""
    meeting = view.meetings.get(rec.meeting) if rec.meeting else None
    return {
        "commitment": rec.iri,
        "commitment_types": ", ".join(rec.types),
        "party": rec.party,
        "series": meeting.series if meeting else None,
        "meeting_label": meeting.label if meeting else None,
        "date": rec.date,
    }


def _change_row(
    view: AnalyticsView, incident: IncidentRec, meeting: MeetingRec, lag: int, item: Classified
) -> dict[str, Any]:
    stmt = item.statement
    dropped = item.change == NOT_RESTATED
    explicit = (not dropped) and incident.iri in stmt.responds_to
    base = item.baseline
    return {
        "series": meeting.series,
        "meeting_label": meeting.label,
        "meeting_date": meeting.date,
        "lag_days": lag,
        "commitment_type": stmt.ctype,
        "type_label": view.concept_label(stmt.ctype),
        "party": stmt.party,
        "source": stmt.source,
        "change": item.change,
        "basis": item.basis,
        "wording": None if dropped else stmt.stance,
        "wording_note": None if dropped else stmt.wording_note,
        "cues": None if dropped else (", ".join(stmt.cues) or None),
        "strength": None if dropped else stmt.strength,
        "previous_strength": base.strength if base is not None else None,
        "baseline_meeting": base.meeting.label if base is not None else None,
        "baseline_party": base.party if base is not None else None,
        "link": "explicit" if explicit else "temporal",
        "threat_link": (not dropped) and _threat_linked(view, incident, stmt),
        "sentences": len(stmt.commitments),
        "commitment": stmt.representative,
        "meeting": meeting.iri,
        **_evidence_cells(view, stmt.representative),
    }


@dataclass(frozen=True)
class NextMeeting:
    """The next meeting of a series after a day: from the reference, with its text when loaded."""

    series: str
    label: str
    ordinal: int | None
    date: dt.date
    lag: int
    loaded: MeetingRec | None


def next_meetings(view: AnalyticsView, day: dt.date, window_days: int, series: Iterable[str]) -> list[NextMeeting]:
    """The first meeting of each series strictly after ``day``, within the window.

    For a series the reference lists (SCM, 2+2, NCG, EDSCG) the next meeting
    is the reference's, loaded or not (its date is the reference's: a loaded
    text's misfiled date does not move it); for other series, the next
    recorded (loaded) meeting.
    """
    found: list[NextMeeting] = []
    for name in series:
        if name in REFERENCE_SERIES:
            row = next_in_reference(name, day + dt.timedelta(days=1))
            if row is None or row.start_date is None:
                continue
            lag = (row.start_date - day).days
            if lag > window_days:
                continue
            loaded_series = view.series_meetings.get(name, ())
            j = _ordinal_index(view, loaded_series).get(row.ordinal) if row.ordinal is not None else None
            loaded = loaded_series[j] if j is not None else None
            label = loaded.label if loaded is not None else ordinal_label(name, row.ordinal or 0)
            found.append(NextMeeting(name, label, row.ordinal, row.start_date, lag, loaded))
            continue
        loaded_dates = view.memo.get(("series_dates", name))
        if loaded_dates is None:
            loaded_dates = [m.date or dt.date.min for m in view.series_meetings.get(name, ())]
            view.memo[("series_dates", name)] = loaded_dates
        i = bisect.bisect_right(loaded_dates, day)  # the series is in date order
        if i < len(loaded_dates):
            rec = view.series_meetings[name][i]
            lag = (loaded_dates[i] - day).days
            if lag <= window_days:
                found.append(NextMeeting(name, rec.label, rec.ordinal, loaded_dates[i], lag, rec))
    return sorted(found, key=lambda x: (x.lag, x.series, x.label))


def _same_day(series: str, day: dt.date) -> str | None:
    """The reference meeting of ``series`` held on ``day`` itself, if any (``54th SCM``)."""
    if series not in REFERENCE_SERIES:
        return None
    row = next_in_reference(series, day)
    if row is None or row.start_date != day or row.ordinal is None:
        return None
    return ordinal_label(series, row.ordinal)


def trace(
    store: StoreOrView,
    incident: str,
    window_days: int = DEFAULT_WINDOW_DAYS,
    series: str | Iterable[str] | None = None,
    sources: str = "all",
    min_confidence: float | None = None,
) -> TraceResult:
    """Trace how the alliance's next meetings answered an incident.

    Args:
        store: the graph, or its analytics view (:func:`~analytics.loader.view_of`).
        incident: the incident's label, date (YYYY-MM-DD), catalogue id or IRI.
        window_days: how long after the incident a next meeting still counts.
        series: restrict to these meeting series (``SCM``, ``Summit``...); all when None.
        sources: ``all`` (reported statements flagged in the ``source`` column) or ``primary``
            (only what a record of the meeting states); see :func:`analytics.loader.select`.
        min_confidence: drop commitments extracted with a lower confidence.

    Returns:
        The next meetings, their classified statements and the explicit responses.

    Raises:
        LookupAmbiguityError: the incident or a series name is unknown or ambiguous.
        ConfigurationError: the window is not positive.
        AnalysisError: the incident has no date.
    """
    if window_days <= 0:
        msg = f"the window must be a positive number of days, got {window_days}"
        raise ConfigurationError(msg)
    view = select(store, sources, min_confidence)
    inc = resolve_incident(view, incident)
    if inc.date is None:
        msg = f"incident {inc.label!r} has no date; it cannot be traced"
        raise AnalysisError(msg)
    names = _series_filter(series, view)

    meeting_rows: list[dict[str, Any]] = []
    change_rows: list[dict[str, Any]] = []
    next_iris: set[str] = set()
    found = next_meetings(view, inc.date, window_days, names)
    to_read: list[str] = []
    for nxt in found:
        if nxt.loaded is None:
            continue
        located = series_index(view, nxt.loaded.iri)
        to_read.append(nxt.loaded.iri)
        if located is not None:
            prev, _ = previous_of(view, *located)
            if prev.loaded is not None:
                to_read.append(prev.loaded.iri)
    to_read.extend(rec.meeting for rec in view.commitments.values() if inc.iri in rec.responds_to and rec.meeting)
    view.prefetch_evidence(to_read)
    order = {c: i for i, c in enumerate(CHANGES)}
    for nxt in found:
        meeting = nxt.loaded
        located = series_index(view, meeting.iri) if meeting is not None else None
        rows: list[dict[str, Any]] = []
        previous = None
        if meeting is not None and located is not None:
            next_iris.add(meeting.iri)
            previous, _ = previous_of(view, *located)
            classified = classify_meeting(view, *located)
            classified.sort(key=lambda c: (order[c.change], c.statement.ctype, c.statement.party))
            rows = [_change_row(view, inc, meeting, nxt.lag, item) for item in classified]
            change_rows.extend(rows)
        note = None
        # why the meeting before has no statements to compare with (its text is missing, or the series'
        # earlier meetings are not known), said once for the comparison
        previous_note = previous.note if previous is not None and (previous.missing or previous.unlisted) else None
        if meeting is None:
            note = f"no text for the {nxt.label} loaded"
        elif previous_note is not None:
            note = previous_note
        elif previous is not None and previous.source == "loaded order":
            note = "series not in the reference: compared with the previous loaded meeting"
        same_day = _same_day(nxt.series, inc.date)
        if same_day is not None:
            # the 2022-11-03 ICBM launch and the 54th SCM of that day: say why the next one is the 55th
            held = f"the {same_day} was held the same day and is not counted as after the incident"
            note = f"{note}; {held}" if note else held
        meeting_rows.append(
            {
                "series": nxt.series,
                "meeting": meeting.iri if meeting is not None else None,
                "meeting_label": nxt.label,
                "ordinal": nxt.ordinal,
                "date": nxt.date,
                "lag_days": nxt.lag,
                "previous": previous.loaded.iri if previous is not None and previous.loaded is not None else None,
                "previous_label": previous.label if previous is not None else None,
                "previous_date": previous.date if previous is not None else None,
                "previous_loaded": bool(previous is not None and previous.loaded is not None),
                "previous_note": previous_note,
                "text_loaded": meeting is not None,
                "note": note,
                "statements": sum(1 for r in rows if r["change"] != NOT_RESTATED),
                "explicit": sum(1 for r in rows if r["link"] == "explicit"),
            }
        )

    explicit_rows: list[dict[str, Any]] = []
    answering = [rec for rec in view.commitments.values() if inc.iri in rec.responds_to]
    for rec in answering:
        explicit_rows.append(
            {
                **commitment_cells(view, rec),
                "lag_days": (rec.date - inc.date).days if rec.date is not None else None,
                "wording": wording_of(view, rec)[0],
                "strength": rec.strength,
                "next_meeting": rec.meeting in next_iris,
                "meeting": rec.meeting,
                **_evidence_cells(view, rec.iri),
            }
        )
    explicit_rows.sort(key=lambda r: (r["date"] or dt.date.max, r["commitment"]))
    return TraceResult(
        incident=inc.iri,
        label=inc.label,
        date=inc.date,
        window_days=window_days,
        meetings=frame(meeting_rows, MEETING_COLUMNS),
        changes=frame(change_rows, CHANGE_COLUMNS),
        explicit=frame(explicit_rows, EXPLICIT_COLUMNS),
        series=names,
        estimated=inc.estimated,
        named_in_texts=inc.iri in view.incidents,
        kind=inc.kind,
    )


def incidents_answered(
    store: StoreOrView, commitment_iri: str, window_days: int = DEFAULT_WINDOW_DAYS
) -> pd.DataFrame:
    """The incidents a commitment answers.

    ``explicit`` rows: the text links it to the incident (``respondsTo``), or
    to a threat the incident manifests, the incident coming before the
    commitment and within ``window_days`` (``via`` says which). ``temporal`` rows:
    its meeting was the next meeting of its series after the incident, within
    ``window_days`` (the incident came on or after the series' previous meeting).

    Raises:
        LookupAmbiguityError: no commitment has this IRI.
    """
    view = view_of(store)
    rec = view.commitments.get(commitment_iri)
    if rec is None:
        msg = f"no commitment has the IRI {commitment_iri!r}"
        raise LookupAmbiguityError(msg)
    rows: dict[str, dict[str, Any]] = {}

    def add(inc: IncidentRec, link: str, via: str) -> None:
        if inc.iri in rows:
            return
        lag = (rec.date - inc.date).days if rec.date is not None and inc.date is not None else None
        rows[inc.iri] = {
            "incident": inc.iri,
            "label": inc.label,
            "kind": inc.kind,
            "date": inc.date,
            "lag_days": lag,
            "link": link,
            "via": via,
        }

    for target in rec.responds_to:
        if target in view.incidents:
            add(view.incidents[target], "explicit", "respondsTo")
    threat_targets = [t for t in (*rec.responds_to, *rec.concerns) if t in view.threats]
    for threat in threat_targets:
        for inc in sorted(view.incidents.values(), key=lambda i: (i.date or dt.date.min, i.iri)):
            if threat not in inc.threats or inc.date is None or rec.date is None:
                continue
            if inc.date <= rec.date and (rec.date - inc.date).days <= window_days:
                add(inc, "explicit", f"threat: {view.threats[threat].label}")
    if rec.meeting is not None:
        located = series_index(view, rec.meeting)
        if located is not None:
            sequence, index = located
            meeting = sequence[index]
            after = sequence[index - 1].date if index > 0 else None
            for inc in sorted(view.incidents.values(), key=lambda i: (i.date or dt.date.min, i.iri)):
                if inc.date is None or meeting.date is None or inc.date >= meeting.date:
                    continue
                if after is not None and inc.date < after:
                    continue
                if (meeting.date - inc.date).days <= window_days:
                    add(inc, "temporal", f"next meeting: {meeting.label}")
    out = sorted(rows.values(), key=lambda r: (r["link"] != "explicit", r["date"] or dt.date.min, r["incident"]))
    return frame(out, ANSWERED_COLUMNS)
