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

from analytics.aggregate import Statement, change_of, dated_meetings, series_index, statements_at
from analytics.frames import frame, records
from analytics.loader import AnalyticsView, StoreOrView, view_of
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
    "stance",
    "strength",
    "change",
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
    "stance",
    "strength",
    "statements",
)


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


def lineage(
    store: StoreOrView, commitment_type: str, party: str | None = None, evidence: bool = False
) -> LineageResult:
    """The lineage of a commitment type.

    Args:
        store: the graph, or its analytics view (:func:`~analytics.loader.view_of`).
        commitment_type: local name or label, case-insensitive.
        party: keep statements whose committing parties include this code
            (``KOR`` keeps ``KOR`` and ``KOR+USA``); None keeps all.
        evidence: fill the ``evidence``, ``document`` and ``paragraph``
            columns (one neighbourhood query per meeting of the chain).

    Raises:
        LookupAmbiguityError: the type or the party is unknown.
    """
    view = view_of(store)
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
            rows.append(
                {
                    "date": stmt.meeting.date,
                    "series": stmt.meeting.series,
                    "meeting_label": stmt.meeting.label,
                    "ordinal": stmt.meeting.ordinal,
                    "party": stmt.party,
                    "stance": stmt.stance,
                    "strength": stmt.strength,
                    "change": change_of(stmt, previous),
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
    return LineageResult(
        commitment_type=ctype,
        label=view.concept_label(ctype),
        party=code,
        first_meeting=first["meeting_label"] if first else None,
        first_date=first["date"] if first else None,
        first_party=first["party"] if first else None,
        chain=chain_df,
        trajectory=trajectory,
    )


def in_force(store: StoreOrView, date: dt.date | str, party: str | None = None) -> pd.DataFrame:
    """Commitment types (per party) standing on ``date``.

    A (type, party) stands when it was stated on or before ``date``, its last
    statement was not a suspension, and it was not dropped since: the next
    recorded meeting of the same series after that last statement (if one
    came on or before ``date``) stated the type again, by that party or an
    overlapping one (a joint ``KOR+USA`` restatement keeps a ``KOR`` pledge).

    Raises:
        ConfigurationError: ``date`` is not a date.
        LookupAmbiguityError: the party is unknown.
    """
    day = _parse_date(date)
    view = view_of(store)
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
        if stmt.stance == "suspended":
            continue
        located = series_index(view, stmt.meeting.iri)
        if located is not None:
            sequence, index = located
            following = sequence[index + 1] if index + 1 < len(sequence) else None
            if following is not None and following.date is not None and following.date <= day:
                still = [
                    s
                    for (t, _), s in statements_at(view, following.iri).items()
                    if t == key[0] and s.parties & stmt.parties
                ]
                if not still:
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
                "stance": stmt.stance,
                "strength": stmt.strength,
                "statements": counts[key],
            }
        )
    return frame(rows, IN_FORCE_COLUMNS)


def _parse_date(value: dt.date | str) -> dt.date:
    from graph.errors import ConfigurationError

    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        msg = f"{value!r} is not a date (YYYY-MM-DD)"
        raise ConfigurationError(msg) from exc


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
