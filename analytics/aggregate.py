"""Statements: commitments aggregated by (meeting, commitment type, party).

A communiqué often pledges the same thing in several sentences; the analyses
reason about *statements*: at one meeting, one commitment type, one
committing party (``USA``, or ``KOR+USA`` for a joint pledge). A statement's
strength is the strongest of its sentences, its stance the most telling of
their stances, its representative commitment the strongest sentence.

Classification of a statement against the earlier meetings of its series:

* ``new``: the type was never stated at an earlier meeting of the series;
* ``weakened``: the text says so (stance ``weakened`` or ``suspended``). A
  fall in strength alone does not count: strength comes from cue words
  ("ironclad", "unwavering"), and a restatement without them is no evidence
  that a pledge weakened (the 49th SCM restated extended deterrence without
  the 48th's adjectives, weeks after the sixth nuclear test);
* ``strengthened``: the text says so (stance ``strengthened``), or its
  strength rose by at least :data:`STRENGTH_STEP`;
* ``reaffirmed``: stated again, neither stronger nor weaker;
* ``dropped``: stated at the previous meeting, and the type is absent now
  (no statement of it by an overlapping party).

The baseline is the same party's latest earlier statement of the type in the
series; when the party never stated it, the latest by an overlapping party
(then by anyone), and then only the text's stance can make it strengthened or
weakened: strengths are compared within one party only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from analytics.loader import AnalyticsView, CommitmentRec, MeetingRec

STRENGTH_STEP = 0.1
"""Smallest rise of strength that counts as strengthened."""

CHANGES: tuple[str, ...] = ("new", "strengthened", "reaffirmed", "weakened", "dropped")
"""Change classes, in the order tables list them."""

_STANCE_PRIORITY: tuple[str, ...] = ("suspended", "weakened", "strengthened", "new", "reaffirmed")


@dataclass(frozen=True)
class Statement:
    """Commitments of one type by one party at one meeting."""

    meeting: MeetingRec
    ctype: str
    party: str
    parties: frozenset[str]
    commitments: tuple[str, ...]
    """Commitment IRIs, the representative (strongest) first."""
    strength: float | None
    stance: str | None
    responds_to: frozenset[str]
    concerns: frozenset[str]

    @property
    def representative(self) -> str:
        """IRI of the strongest sentence."""
        return self.commitments[0]


@dataclass(frozen=True)
class Classified:
    """A statement (or a dropped one) with its change against the baseline."""

    change: str
    statement: Statement
    """The statement now, or for ``dropped`` the one at the previous meeting."""
    baseline: Statement | None


def _stance(stances: Sequence[str | None]) -> str | None:
    present = {s for s in stances if s}
    for stance in _STANCE_PRIORITY:
        if stance in present:
            return stance
    return sorted(present)[0] if present else None


def _rank(rec: CommitmentRec) -> tuple[float, str]:
    return (-(rec.strength if rec.strength is not None else -1.0), rec.iri)


def statements_at(view: AnalyticsView, meeting_iri: str) -> dict[tuple[str, str], Statement]:
    """Statements made at a meeting, keyed by ``(type, party)`` (memoised in the view)."""
    key = ("statements", meeting_iri)
    cached = view.memo.get(key)
    if cached is not None:
        return dict(cached)
    meeting = view.meetings[meeting_iri]
    groups: dict[tuple[str, str], list[CommitmentRec]] = {}
    for iri in view.by_meeting.get(meeting_iri, ()):
        rec = view.commitments[iri]
        for ctype in rec.types:
            groups.setdefault((ctype, rec.party), []).append(rec)
    out: dict[tuple[str, str], Statement] = {}
    for (ctype, party), recs in sorted(groups.items()):
        recs.sort(key=_rank)
        strengths = [r.strength for r in recs if r.strength is not None]
        out[(ctype, party)] = Statement(
            meeting=meeting,
            ctype=ctype,
            party=party,
            parties=frozenset(recs[0].parties),
            commitments=tuple(r.iri for r in recs),
            strength=max(strengths) if strengths else None,
            stance=_stance([r.stance for r in recs]),
            responds_to=frozenset(t for r in recs for t in r.responds_to),
            concerns=frozenset(t for r in recs for t in r.concerns),
        )
    view.memo[key] = out
    return dict(out)


def _pick(candidates: list[Statement], parties: frozenset[str]) -> Statement | None:
    if not candidates:
        return None
    overlap = [s for s in candidates if s.parties & parties]
    pool = overlap or candidates
    return sorted(pool, key=lambda s: (-(s.strength if s.strength is not None else -1.0), s.party))[0]


def baseline_for(view: AnalyticsView, series: Sequence[MeetingRec], index: int, stmt: Statement) -> Statement | None:
    """The statement ``stmt`` is compared with: the latest earlier one of its type in the series.

    The same party's latest statement wins; when this party never stated the
    type before, the latest statement of it by an overlapping party (then by
    anyone) is the baseline, but strengths are not compared across parties
    (see :func:`change_of`).
    """
    fallback: Statement | None = None
    for earlier in reversed(series[:index]):
        candidates = [s for (t, _), s in statements_at(view, earlier.iri).items() if t == stmt.ctype]
        same = [s for s in candidates if s.parties == stmt.parties]
        if same:
            return same[0]
        if fallback is None:
            fallback = _pick(candidates, stmt.parties)
    return fallback


def change_of(stmt: Statement, baseline: Statement | None) -> str:
    """Change class of a statement given its baseline (None: never stated before).

    The text's own stance decides first (``strengthened``; ``weakened`` or
    ``suspended``); otherwise a rise in strength over the same party's
    baseline makes it strengthened (a fall alone does not weaken it).
    """
    if baseline is None:
        return "new"
    if stmt.stance in {"weakened", "suspended"}:
        return "weakened"
    if stmt.stance == "strengthened":
        return "strengthened"
    if baseline.parties == stmt.parties and stmt.strength is not None and baseline.strength is not None:
        delta = stmt.strength - baseline.strength
        if delta >= STRENGTH_STEP - 1e-9:
            return "strengthened"
    return "reaffirmed"


def classify_meeting(view: AnalyticsView, series: Sequence[MeetingRec], index: int) -> list[Classified]:
    """Every statement of ``series[index]`` classified, then what it dropped.

    Statements come in ``(type, party)`` order; dropped ones follow.
    """
    meeting = series[index]
    now = statements_at(view, meeting.iri)
    rows: list[Classified] = []
    for stmt in now.values():
        base = baseline_for(view, series, index, stmt)
        rows.append(Classified(change=change_of(stmt, base), statement=stmt, baseline=base))
    if index > 0:
        previous = statements_at(view, series[index - 1].iri)
        for (ctype, _party), old in previous.items():
            still = [s for (t, _), s in now.items() if t == ctype and s.parties & old.parties]
            if not still:
                rows.append(Classified(change="dropped", statement=old, baseline=old))
    return rows


def series_index(view: AnalyticsView, meeting_iri: str) -> tuple[tuple[MeetingRec, ...], int] | None:
    """The recorded meetings of a meeting's series and its position among them."""
    rec = view.meetings.get(meeting_iri)
    if rec is None:
        return None
    series = view.series_meetings.get(rec.series, ())
    for i, m in enumerate(series):
        if m.iri == meeting_iri:
            return series, i
    return None


def dated_meetings(view: AnalyticsView) -> list[MeetingRec]:
    """Recorded, dated meetings of every series, oldest first (memoised)."""
    cached = view.memo.get("dated_meetings")
    if cached is None:
        cached = sorted(
            (m for ms in view.series_meetings.values() for m in ms),
            key=lambda m: (m.date or dt.date.min, m.series, m.ordinal if m.ordinal is not None else -1, m.iri),
        )
        view.memo["dated_meetings"] = cached
    return list(cached)
