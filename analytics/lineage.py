"""Commitment lineage: when a pledge first appeared and how it was restated.

:func:`lineage` follows one commitment type (optionally one party) through
every meeting that stated it: the first appearance, each restatement linked
to the previous one of the same party (``ak:reaffirms``; taken from the graph
when the extractor wrote it, computed otherwise), and the strength over time.
:func:`in_force` answers "which commitments stood on date X": stated, and
not since suspended or dropped (absent from the next meeting of the series
that last stated it).

:func:`reaffirms_relationships` turns the computed chains into
``REAFFIRMS`` relationships and :func:`write_reaffirms` upserts them through
the store interface (idempotent: relationships are keyed by their ends).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics.aggregate import (
    END_CUES,
    REFERENCE_SERIES,
    Statement,
    _ordinal_index,
    classify_meeting,
    dated_meetings,
    ordinal_label,
    reference,
    reference_ordinal,
    series_index,
    statements_at,
)
from analytics.frames import frame, parse_date, records
from analytics.loader import AnalyticsView, MeetingRec, StoreOrView, select, view_of
from analytics.resolve import resolve_party, resolve_type
from graph.model import Relationship
from graph.schema import Rel
from graph.store import GraphStore

CHAIN_COLUMNS: tuple[str, ...] = (
    "date",
    "series",
    "meeting_label",
    "ordinal",
    "party",
    "source",
    "wording",
    "strength",
    "change",
    "basis",
    "sentences",
    "commitment",
    "reaffirms",
    "reaffirms_source",
    "meeting",
    "evidence",
    "document",
    "paragraph",
)

TRAJECTORY_COLUMNS: tuple[str, ...] = ("date", "party", "strength", "meeting_label")

IN_FORCE_COLUMNS: tuple[str, ...] = (
    "commitment_type",
    "type_label",
    "party",
    "since",
    "first_meeting",
    "last_stated",
    "last_meeting",
    "years_since_restated",
    "wording",
    "strength",
    "statements",
)

ENDED_COLUMNS: tuple[str, ...] = ("commitment_type", "type_label", "party", "ended", "meeting", "wording", "evidence")


@dataclass
class LineageResult:
    """What :func:`lineage` found for one commitment type.

    Attributes:
        commitment_type: the type's local name.
        label: its preferred label.
        party: the party filter (None: every party).
        first_meeting, first_date, first_party: the first appearance.
        chain: one row per statement (meeting, party), oldest first, each
            linked to the statement it reaffirms.
        trajectory: strength per party over time.
    """

    commitment_type: str
    label: str
    party: str | None
    first_meeting: str | None
    first_date: dt.date | None
    first_party: str | None
    chain: pd.DataFrame
    trajectory: pd.DataFrame
    first_note: str | None = None
    """``first stated in the loaded texts at the 11th SCM``, with the earlier meetings that have no text."""
    missing_before: tuple[str, ...] = ()
    """Earlier meetings of the first meeting's series (from the reference) with no text loaded."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole result."""
        return {
            "commitment_type": self.commitment_type,
            "label": self.label,
            "party": self.party,
            "first": {
                "meeting": self.first_meeting,
                "date": self.first_date.isoformat() if self.first_date else None,
                "party": self.first_party,
                "note": self.first_note,
                "missing_before": list(self.missing_before),
            },
            "chain": records(self.chain),
            "trajectory": records(self.trajectory),
        }


def type_statements(view: AnalyticsView, ctype: str) -> list[Statement]:
    """Every statement of a commitment type, oldest first (memoised)."""
    key = ("type_statements", ctype)
    cached = view.memo.get(key)
    if cached is None:
        cached = [
            s for m in dated_meetings(view) for (t, _), s in statements_at(view, m.iri).items() if t == ctype
        ]
        view.memo[key] = cached
    return list(cached)


def _chains(statements: list[Statement]) -> dict[str, list[Statement]]:
    chains: dict[str, list[Statement]] = defaultdict(list)
    for stmt in statements:
        chains[stmt.party].append(stmt)
    return chains


def _classified(view: AnalyticsView, stmt: Statement) -> tuple[str, str]:
    """The change of a statement as the tracer gives it (against the previous meeting of the record)."""
    located = series_index(view, stmt.meeting.iri)
    if located is None:
        return "unknown", "meeting not in a dated series"
    for item in classify_meeting(view, *located):
        if item.statement is stmt or (
            item.statement.meeting.iri == stmt.meeting.iri
            and item.statement.ctype == stmt.ctype
            and item.statement.party == stmt.party
        ):
            return item.change, item.basis
    return "unknown", ""


def _missing_before(view: AnalyticsView, meeting: MeetingRec) -> tuple[str, ...]:
    """Meetings of the series before ``meeting`` in the reference that have no text loaded."""
    if meeting.series not in REFERENCE_SERIES:
        return ()
    ordinal = reference_ordinal(meeting)
    if ordinal is None:
        return ()
    loaded = _ordinal_index(view, view.series_meetings.get(meeting.series, ()))
    rows = reference().meetings(meeting.series)
    return tuple(
        ordinal_label(meeting.series, r.ordinal)
        for r in rows
        if r.ordinal is not None and r.ordinal < ordinal and r.ordinal not in loaded
    )


def lineage(
    store: StoreOrView,
    commitment_type: str,
    party: str | None = None,
    evidence: bool = False,
    sources: str = "all",
    min_confidence: float | None = None,
) -> LineageResult:
    """The lineage of a commitment type.

    Args:
        store: the graph, or its analytics view (:func:`~analytics.loader.view_of`).
        commitment_type: local name or label, case-insensitive.
        party: keep statements whose committing parties include this code
            (``KOR`` keeps ``KOR`` and ``KOR+USA``); None keeps all.
        evidence: fill the ``evidence``, ``document`` and ``paragraph``
            columns (one neighbourhood query per meeting of the chain).
        sources, min_confidence: which commitments count (see :func:`analytics.loader.select`);
            a statement only secondary texts report is flagged ``reported`` in ``source``.

    Raises:
        LookupAmbiguityError: the type or the party is unknown.
    """
    view = select(store, sources, min_confidence)
    ctype = resolve_type(view, commitment_type)
    code = resolve_party(view, party) if party else None
    stmts = [s for s in type_statements(view, ctype) if code is None or code in s.parties]
    if evidence:
        view.prefetch_evidence(s.meeting.iri for s in stmts)
    rows: list[dict[str, Any]] = []
    for chain in _chains(stmts).values():
        previous: Statement | None = None
        for stmt in chain:
            rep = view.commitments[stmt.representative]
            stored = [t for t in rep.reaffirms if t in view.commitments and ctype in view.commitments[t].types]
            if stored:
                reaffirms: str | None = stored[0]
                source: str | None = "stored"
            elif previous is not None:
                reaffirms, source = previous.representative, "computed"
            else:
                reaffirms, source = None, None
            ev = view.evidence(stmt.representative) if evidence else None
            change, basis = _classified(view, stmt)
            rows.append(
                {
                    "date": stmt.meeting.date,
                    "series": stmt.meeting.series,
                    "meeting_label": stmt.meeting.label,
                    "ordinal": stmt.meeting.ordinal,
                    "party": stmt.party,
                    "source": stmt.source,
                    "wording": stmt.stance,
                    "strength": stmt.strength,
                    "change": change,
                    "basis": basis,
                    "sentences": len(stmt.commitments),
                    "commitment": stmt.representative,
                    "reaffirms": reaffirms,
                    "reaffirms_source": source,
                    "meeting": stmt.meeting.iri,
                    "evidence": ev.text if ev else None,
                    "document": (ev.document or ev.source) if ev else None,
                    "paragraph": ev.paragraph if ev else None,
                }
            )
            previous = stmt
    rows.sort(key=lambda r: (r["date"], r["series"], r["party"], r["meeting"]))
    chain_df = frame(rows, CHAIN_COLUMNS)
    trajectory = frame(
        [
            {"date": r["date"], "party": r["party"], "strength": r["strength"], "meeting_label": r["meeting_label"]}
            for r in rows
        ],
        TRAJECTORY_COLUMNS,
    )
    first = rows[0] if rows else None
    missing: tuple[str, ...] = ()
    note: str | None = None
    if first is not None:
        missing = _missing_before(view, view.meetings[first["meeting"]])
        note = f"first stated in the loaded texts at the {first['meeting_label']}"
        if missing:
            shown = ", ".join(missing[:12]) + (f" and {len(missing) - 12} more" if len(missing) > 12 else "")
            note += f"; no text loaded for the earlier {shown}"
    return LineageResult(
        commitment_type=ctype,
        label=view.concept_label(ctype),
        party=code,
        first_meeting=first["meeting_label"] if first else None,
        first_date=first["date"] if first else None,
        first_party=first["party"] if first else None,
        chain=chain_df,
        trajectory=trajectory,
        first_note=note,
        missing_before=missing,
    )


def _ends(view: AnalyticsView, stmt: Statement) -> bool:
    """The text ends the alliance's pledge: wording ``suspended`` or end cue words (alliance object only)."""
    if stmt.stance == "suspended":
        return True
    if stmt.wording_note:
        return False
    return bool({c.casefold() for c in stmt.cues} & END_CUES)


def in_force(
    store: StoreOrView,
    date: dt.date | str,
    party: str | None = None,
    within_years: float | None = None,
    sources: str = "all",
    min_confidence: float | None = None,
) -> pd.DataFrame:
    """Commitment types (per party) in force on ``date``: stated, and not ended since.

    A pledge stays in force until a text ends it: its latest statement on or
    before ``date`` suspends it (the alliance's own pledge, see
    :func:`analytics.aggregate.wording_of`) or carries end wording (ends,
    terminates, replaces, lets expire). Silence never ends a pledge: a meeting
    that does not restate it leaves it in force. Each row names the meeting
    that last restated it and how long before ``date`` (``years_since_restated``).

    Args:
        within_years: keep only what was restated within this many years of ``date``.

    Raises:
        ConfigurationError: ``date`` is not a date, or ``within_years`` is negative.
        LookupAmbiguityError: the party is unknown.
    """
    from graph.errors import ConfigurationError

    day = parse_date(date)
    if within_years is not None and within_years < 0:
        msg = f"--within must be a positive number of years, got {within_years}"
        raise ConfigurationError(msg)
    view = select(store, sources, min_confidence)
    code = resolve_party(view, party) if party else None
    latest: dict[tuple[str, str], Statement] = {}
    first: dict[tuple[str, str], Statement] = {}
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for meeting in dated_meetings(view):
        if meeting.date is None or meeting.date > day:
            break
        for key, stmt in statements_at(view, meeting.iri).items():
            if code is not None and code not in stmt.parties:
                continue
            latest[key] = stmt
            first.setdefault(key, stmt)
            counts[key] += 1
    rows: list[dict[str, Any]] = []
    for key, stmt in sorted(latest.items()):
        if _ends(view, stmt):
            continue
        if stmt.meeting.date is None:  # never: dated_meetings holds dated meetings only
            continue
        years = round((day - stmt.meeting.date).days / 365.25, 1)
        if within_years is not None and years > within_years:
            continue
        rows.append(
            {
                "commitment_type": key[0],
                "type_label": view.concept_label(key[0]),
                "party": key[1],
                "since": first[key].meeting.date,
                "first_meeting": first[key].meeting.label,
                "last_stated": stmt.meeting.date,
                "last_meeting": stmt.meeting.label,
                "years_since_restated": years,
                "wording": stmt.stance,
                "strength": stmt.strength,
                "statements": counts[key],
            }
        )
    return frame(rows, IN_FORCE_COLUMNS)


def ended(store: StoreOrView, date: dt.date | str) -> pd.DataFrame:
    """Pledges a text ended (suspended, ended, replaced, let expire) on or before ``date``, with the evidence."""
    day = parse_date(date)
    view = view_of(store)
    latest: dict[tuple[str, str], Statement] = {}
    for meeting in dated_meetings(view):
        if meeting.date is None or meeting.date > day:
            break
        latest.update(statements_at(view, meeting.iri))
    rows: list[dict[str, Any]] = []
    for key, stmt in sorted(latest.items()):
        if not _ends(view, stmt):
            continue
        ev = view.evidence(stmt.representative)
        rows.append(
            {
                "commitment_type": key[0],
                "type_label": view.concept_label(key[0]),
                "party": key[1],
                "ended": stmt.meeting.date,
                "meeting": stmt.meeting.label,
                "wording": stmt.stance,
                "evidence": ev.text if ev else None,
            }
        )
    return frame(rows, ENDED_COLUMNS)


def reaffirms_relationships(store: StoreOrView, commitment_type: str | None = None) -> list[Relationship]:
    """``REAFFIRMS`` relationships of the computed chains not already in the graph.

    Each statement's representative commitment reaffirms the previous
    statement's representative of the same party and type.
    """
    view = view_of(store)
    if commitment_type is not None:
        types = [resolve_type(view, commitment_type)]
    else:
        types = sorted({t for c in view.commitments.values() for t in c.types})
    out: dict[tuple[str, str], Relationship] = {}
    for ctype in types:
        for chain in _chains(type_statements(view, ctype)).values():
            for earlier, later in zip(chain, chain[1:], strict=False):
                source, target = later.representative, earlier.representative
                if source == target or target in view.commitments[source].reaffirms:
                    continue
                out[(source, target)] = Relationship(type=Rel.REAFFIRMS, source=source, target=target)
    return [out[k] for k in sorted(out)]


def write_reaffirms(store: GraphStore, commitment_type: str | None = None) -> int:
    """Upsert the computed ``REAFFIRMS`` chains into the store; return how many were new."""
    rels = reaffirms_relationships(store, commitment_type)
    if rels:
        store.upsert_relationships(rels)
    return len(rels)
