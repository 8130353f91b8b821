"""Statements and the two measures of a pledge: its *wording* and its *change*.

A communiqué often pledges the same thing in several sentences; the analyses
reason about *statements*: at one meeting, one commitment type, one
committing party (``USA``, or ``KOR+USA`` for a joint pledge). A statement's
strength is the strongest of its sentences, its wording the most telling of
their stances, its representative commitment the strongest sentence.

Two measures, each named once:

* **wording** (:data:`WORDINGS`): what the text itself says of the pledge
  (the extractor's ``stance``): new, reaffirmed, strengthened, weakened,
  suspended. ``suspended`` and ``weakened`` count only when the alliance's own
  pledge is their object: a sentence that links the pledge to another party's
  threat or incident ("the freeze of North Korea's nuclear program", "the
  reduction of U.S. forces will not proceed because of North Korea's nuclear
  program") is not the alliance suspending its pledge; such a wording is read
  as ``reaffirmed`` and the discounted word is kept in ``wording_note``.
* **change** (:data:`CHANGES`): the statement against the *previous meeting of
  its series*, which comes from the series reference (:mod:`graph.series`),
  not from what happens to be loaded:

  - ``new``: not stated at the previous meeting nor at any earlier loaded one;
  - ``stronger``: the wording says ``strengthened``, or (same party) the
    strength cues rose by at least :data:`STRENGTH_STEP` (the cues are shown);
  - ``weaker``: the wording says ``weakened`` or ``suspended`` (alliance object);
    fewer cue words alone do not make a pledge weaker;
  - ``continued``: stated again, neither stronger nor weaker;
  - ``not restated``: stated at the previous meeting and absent from this
    text (no statement of the type by an overlapping party). Silence is not an
    end: a pledge *ends* only when a text ends or suspends it
    (see :func:`analytics.lineage.in_force`);
  - ``unknown``: the previous meeting of the series has no text loaded, so no
    new/not-restated verdict is made against an older meeting.

Every classified row carries its ``basis``: the rule that decided it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, get_args

from analytics.loader import PRIMARY, REPORTED, AnalyticsView, CommitmentRec, MeetingRec
from graph.series import ReferenceSeries, SeriesReference, load_reference

STRENGTH_STEP = 0.1
"""Smallest rise of strength that counts as stronger."""

WORDINGS: tuple[str, ...] = ("new", "reaffirmed", "strengthened", "weakened", "suspended")
"""The text's own stance of a pledge (the extractor's vocabulary)."""

CHANGES: tuple[str, ...] = ("new", "stronger", "continued", "weaker", "not restated", "unknown")
"""Change classes against the previous meeting of the series, in the order tables list them."""

NOT_RESTATED = "not restated"
UNKNOWN = "unknown"

REFERENCE_SERIES: frozenset[str] = frozenset(get_args(ReferenceSeries))
"""Series the reference (:mod:`graph.series`) lists meeting by meeting: SCM, 2+2, NCG, EDSCG."""

END_CUES: frozenset[str] = frozenset(
    {"end", "ended", "ends", "terminate", "terminated", "expire", "expired", "replace", "replaced", "withdraw",
     "withdrawn", "abrogate", "abrogated", "cancel", "cancelled", "suspend", "suspended"}
)
"""Cue words that, on an alliance pledge, say the text ends it."""

_STANCE_PRIORITY: tuple[str, ...] = ("suspended", "weakened", "strengthened", "new", "reaffirmed")
_NEGATIVE = frozenset({"suspended", "weakened"})


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
    """The wording, read as the alliance's own (see :func:`wording_of`)."""
    responds_to: frozenset[str]
    concerns: frozenset[str]
    cues: tuple[str, ...] = ()
    """Strength cue words of the representative sentence."""
    wording_note: str | None = None
    """A discounted wording: ``suspended`` aimed at another party's programme, say."""
    source: str = PRIMARY
    """``primary``: a record of the meeting states it; ``reported``: only secondary texts say it was made there."""
    reports: tuple[str, ...] = ()
    """Reported commitments (a study's or a news report's) that are further evidence of this primary
    statement: they are not sentences of the meeting and are not counted in ``commitments``."""

    @property
    def representative(self) -> str:
        """IRI of the strongest sentence."""
        return self.commitments[0]


@dataclass(frozen=True)
class Classified:
    """A statement (or one not restated) with its change against the previous meeting."""

    change: str
    statement: Statement
    """The statement now, or for ``not restated`` the one at the previous meeting."""
    baseline: Statement | None
    basis: str = ""
    """The rule that decided the change, in words (with the cues when they decided it)."""


@dataclass(frozen=True)
class Previous:
    """The previous meeting of a meeting's series, from the record.

    Attributes:
        label: how to name it ("37th SCM"); None when there is none (first of its series).
        date: its date in the reference (or the loaded meeting's).
        loaded: the loaded meeting that is it, when its text is loaded.
        source: ``reference`` or ``loaded order`` (series the reference does not list).
    """

    label: str | None
    date: dt.date | None
    loaded: MeetingRec | None
    source: str

    @property
    def missing(self) -> bool:
        """A previous meeting exists in the record but no text of it is loaded."""
        return self.label is not None and self.loaded is None

    @property
    def unlisted(self) -> bool:
        """No earlier meeting of a series the reference does not list is loaded: whether one was held is unknown.

        The first loaded summit is not the first summit: with no reference of the
        series' meetings, nothing tells what came before, so no verdict is made.
        """
        return self.source == "loaded order" and self.label is None

    @property
    def note(self) -> str | None:
        """``no text for the 37th SCM loaded`` when it is missing."""
        if self.unlisted:
            return "no earlier meeting of this series loaded, and the series reference does not list its meetings"
        return f"no text for the {self.label} loaded" if self.missing else None


def ordinal_label(series: str, ordinal: int) -> str:
    """``38th SCM``, ``1st NCG``, ``3rd 2+2``."""
    suffix = "th" if 10 <= ordinal % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(ordinal % 10, "th")
    return f"{ordinal}{suffix} {series}"


@lru_cache(maxsize=1)
def reference() -> SeriesReference:
    """The series reference (read once per process; it is package data)."""
    return load_reference()


@lru_cache(maxsize=8)
def _dated_rows(series: str) -> tuple[tuple[dt.date, ...], tuple[Any, ...]]:
    rows = sorted(
        (m for m in reference().rows if m.series == series and m.start_date is not None),
        key=lambda m: m.start_date or dt.date.max,
    )
    return tuple(m.start_date for m in rows if m.start_date is not None), tuple(rows)


def next_in_reference(series: str, day: dt.date) -> Any:
    """The reference's first meeting of ``series`` starting on or after ``day`` (bisection; None if none)."""
    dates, rows = _dated_rows(series)
    i = bisect.bisect_left(dates, day)
    return rows[i] if i < len(rows) else None


def reference_ordinal(meeting: MeetingRec) -> int | None:
    """The meeting's ordinal in the reference: its own, else the reference meeting on its date."""
    if meeting.series not in REFERENCE_SERIES:
        return None
    if meeting.ordinal is not None:
        return meeting.ordinal
    if meeting.date is None:
        return None
    ref = reference()
    for row in ref.meetings(meeting.series):
        if row.start_date is not None and abs((row.start_date - meeting.date).days) <= 3:
            return row.ordinal
        if row.covers(meeting.date):
            return row.ordinal
    return None


def _rep_note(stance: str | None, view: AnalyticsView, rec: CommitmentRec) -> tuple[str | None, str | None]:
    if stance not in _NEGATIVE:
        return stance, None
    others: list[str] = []
    for target in (*rec.responds_to, *rec.concerns):
        threat = view.threats.get(target)
        if threat is not None:
            others.extend(p for p in threat.posed_by if p not in rec.parties)
        incident = view.incidents.get(target)
        if incident is not None:
            others.extend(p for p in incident.perpetrators if p not in rec.parties)
    if others:
        who = ", ".join(sorted(set(others)))
        note = f"the text says {stance!r} of another party's programme or action ({who}), not of this pledge"
        return "reaffirmed", note
    return stance, None


def wording_of(view: AnalyticsView, rec: CommitmentRec) -> tuple[str | None, str | None]:
    """A sentence's wording as the alliance's own stance, and a note when it was discounted.

    ``suspended`` or ``weakened`` on a sentence that responds to or concerns a
    threat posed (or an incident perpetrated) by a party that is not among its
    committing parties is aimed at that party's programme (North Korea's
    nuclear freeze; "the reduction will not proceed because of North Korea's
    program"), so it reads as ``reaffirmed``.
    """
    return _rep_note(rec.stance, view, rec)


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
    for (ctype, party), members in sorted(groups.items()):
        # a statement aggregates the primary sentences; reported ones are further evidence of it,
        # or, when no record of the meeting states it, a separate statement flagged ``reported``
        primary = [r for r in members if r.source == PRIMARY]
        reported = [r for r in members if r.source != PRIMARY]
        recs = primary or reported
        recs.sort(key=_rank)
        strengths = [r.strength for r in recs if r.strength is not None]
        wordings = [wording_of(view, r) for r in recs]
        notes = sorted({n for _, n in wordings if n})
        out[(ctype, party)] = Statement(
            meeting=meeting,
            ctype=ctype,
            party=party,
            parties=frozenset(recs[0].parties),
            commitments=tuple(r.iri for r in recs),
            strength=max(strengths) if strengths else None,
            stance=_stance([w for w, _ in wordings]),
            responds_to=frozenset(t for r in recs for t in r.responds_to),
            concerns=frozenset(t for r in recs for t in r.concerns),
            cues=recs[0].cues,
            wording_note="; ".join(notes) if notes else None,
            source=PRIMARY if primary else REPORTED,
            reports=tuple(sorted(r.iri for r in reported)) if primary else (),
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
    """The statement ``stmt`` is compared with: the latest one of its type in ``series[:index]``.

    The caller passes the loaded meetings up to and including the previous
    meeting of the record (see :func:`previous_of`), never past a gap. The
    same party's latest statement wins; when this party never stated the
    type before, the latest statement of it by an overlapping party (then by
    anyone) is the baseline, but strengths are not compared across parties.
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


def _fmt(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


def restates_note(stmt: Statement) -> str:
    """A caveat for a ``new`` statement whose own wording says it restates or strengthens a pledge.

    "Reiterated that ..." with no earlier statement of the type in the loaded
    texts is new to the series as loaded, but the text itself says the pledge
    existed before (at a summit, in a text not loaded, or worded as another
    type), so the basis says so rather than letting "new" stand unqualified.
    A wording discounted by :func:`wording_of` claims nothing and gets no caveat.
    """
    if stmt.stance in {"reaffirmed", "strengthened"} and not stmt.wording_note:
        return (
            f"; the text itself says {stmt.stance!r}: it may restate a pledge made elsewhere "
            "(a summit, a text not loaded) or worded as another type"
        )
    return ""


def change_and_basis(stmt: Statement, baseline: Statement | None) -> tuple[str, str]:
    """The change of a statement given its baseline (None: not stated before), and why.

    The wording decides first (``strengthened``; ``weakened`` or
    ``suspended``); otherwise a rise of the same party's cue strength makes it
    stronger, the cues shown. A fall in cue strength alone does not make it
    weaker (a restatement without "ironclad" is no evidence a pledge weakened).
    """
    if baseline is None:
        return "new", "not stated at the previous meeting nor at any earlier loaded one" + restates_note(stmt)
    where = f"last stated at the {baseline.meeting.label}"
    if stmt.stance in _NEGATIVE:
        return "weaker", f"wording: the text says {stmt.stance!r}"
    if stmt.stance == "strengthened":
        return "stronger", "wording: the text says 'strengthened'"
    if baseline.parties == stmt.parties and stmt.strength is not None and baseline.strength is not None:
        delta = stmt.strength - baseline.strength
        if delta >= STRENGTH_STEP - 1e-9:
            cues = ", ".join(stmt.cues) or "stronger cue words"
            return "stronger", f"cues: {cues} ({_fmt(baseline.strength)} -> {_fmt(stmt.strength)})"
        if delta <= -STRENGTH_STEP + 1e-9:
            return "continued", (
                f"restated ({where}); fewer strength cues ({_fmt(baseline.strength)} -> {_fmt(stmt.strength)}) "
                "are not read as weaker"
            )
    return "continued", f"restated; {where}"


def previous_of(view: AnalyticsView, series: Sequence[MeetingRec], index: int) -> tuple[Previous, int | None]:
    """The previous meeting of ``series[index]`` from the record, and its index in ``series`` if loaded.

    For a series of the reference (SCM, 2+2, NCG, EDSCG) the previous meeting
    is the one numbered one less in the reference, whatever is loaded; it is
    loaded when a recorded meeting of the series carries that ordinal (or the
    reference's date). Other series (summits) have no reference: the previous
    loaded meeting is taken, and the row says so.
    """
    meeting = series[index]
    ordinal = reference_ordinal(meeting)
    if meeting.series in REFERENCE_SERIES and ordinal is not None:
        row = reference().previous(meeting.series, ordinal)
        if row is None or row.ordinal is None:
            return Previous(label=None, date=None, loaded=None, source="reference"), None
        j = _ordinal_index(view, series).get(row.ordinal)
        if j is not None and j != index:
            return Previous(label=series[j].label, date=series[j].date, loaded=series[j], source="reference"), j
        label = ordinal_label(meeting.series, row.ordinal)
        return Previous(label=label, date=row.start_date, loaded=None, source="reference"), None
    if index == 0:
        return Previous(label=None, date=None, loaded=None, source="loaded order"), None
    prev = series[index - 1]
    return Previous(label=prev.label, date=prev.date, loaded=prev, source="loaded order"), index - 1


def _ordinal_index(view: AnalyticsView, series: Sequence[MeetingRec]) -> dict[int, int]:
    """Reference ordinal -> position in ``series`` (the first loaded meeting with it), memoised."""
    key = ("ordinal_index", series[0].series if series else "", len(series))
    cached = view.memo.get(key)
    if cached is None:
        cached = {}
        for j, m in enumerate(series):
            ordinal = reference_ordinal(m)
            if ordinal is not None:
                cached.setdefault(ordinal, j)
        view.memo[key] = cached
    return dict(cached)


def _gap_note(view: AnalyticsView, series: Sequence[MeetingRec], since: MeetingRec, until: MeetingRec) -> str:
    """``; no text loaded for the 42nd SCM between them`` when the record has unloaded meetings in between."""
    first, last = reference_ordinal(since), reference_ordinal(until)
    if first is None or last is None or last - first < 2:
        return ""
    loaded = _ordinal_index(view, series)
    missing = [o for o in range(first + 1, last) if o not in loaded]
    if not missing:
        return ""
    more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
    return f"; no text loaded for the {ordinal_label(since.series, missing[0])}{more} in between"


def classify_meeting(view: AnalyticsView, series: Sequence[MeetingRec], index: int) -> list[Classified]:
    """Every statement of ``series[index]`` classified, then what was not restated.

    Statements come in ``(type, party)`` order; those not restated follow.
    When the previous meeting of the record has no text loaded, every
    statement's change is ``unknown`` and nothing is reported not restated.
    """
    key = ("classified", series[index].iri)
    cached = view.memo.get(key)
    if cached is not None:
        return list(cached)
    meeting = series[index]
    now = statements_at(view, meeting.iri)
    previous, at = previous_of(view, series, index)
    rows: list[Classified] = []
    if previous.missing or previous.unlisted:
        basis = f"unknown: {previous.note}"
        if previous.missing:
            basis = f"unknown: previous meeting not loaded ({previous.note})"
        rows = [Classified(change=UNKNOWN, statement=s, baseline=None, basis=basis) for s in now.values()]
    else:
        upto = list(series[: at + 1]) if at is not None else []
        upto = [m for m in upto if m.iri != meeting.iri]
        for stmt in now.values():
            base = baseline_for(view, upto, len(upto), stmt)
            change, basis = change_and_basis(stmt, base)
            if change == "new" and previous.label is None:
                basis = "first meeting of its series" + restates_note(stmt)
            elif base is not None and previous.loaded is not None and base.meeting.iri != previous.loaded.iri:
                # stated again after a loaded text left it out: never let "continued" suggest the
                # previous meeting said it too
                basis += f"; not stated at the {previous.loaded.label} (the previous meeting): stated again"
                basis += _gap_note(view, series, base.meeting, previous.loaded)
            rows.append(Classified(change=change, statement=stmt, baseline=base, basis=basis))
        if previous.loaded is not None:
            for (ctype, _party), old in statements_at(view, previous.loaded.iri).items():
                still = [s for (t, _), s in now.items() if t == ctype and s.parties & old.parties]
                if not still:
                    rows.append(
                        Classified(
                            change=NOT_RESTATED,
                            statement=old,
                            baseline=old,
                            basis=(
                                f"stated at the {old.meeting.label}, absent from this text (no statement of the type "
                                f"by {' or '.join(sorted(old.parties)) or 'its party'}); silence is not an end"
                            ),
                        )
                    )
    view.memo[key] = tuple(rows)
    return list(rows)


def series_index(view: AnalyticsView, meeting_iri: str) -> tuple[tuple[MeetingRec, ...], int] | None:
    """The recorded meetings of a meeting's series and its position among them."""
    positions = view.memo.get("series_positions")
    if positions is None:
        positions = {m.iri: (ms, i) for ms in view.series_meetings.values() for i, m in enumerate(ms)}
        view.memo["series_positions"] = positions
    found: tuple[tuple[MeetingRec, ...], int] | None = positions.get(meeting_iri)
    return found


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


def changes_at(view: AnalyticsView, meeting_iri: str) -> dict[str, str]:
    """The change of each commitment made at a meeting, against the previous meeting of its series.

    Each commitment gets the change of the statement it belongs to (see
    :func:`classify_meeting`); a meeting outside the recorded series gives
    an empty mapping.
    """
    found = series_index(view, meeting_iri)
    if found is None:
        return {}
    series, index = found
    out: dict[str, str] = {}
    for row in classify_meeting(view, series, index):
        if row.change == NOT_RESTATED:
            continue
        for iri in (*row.statement.commitments, *row.statement.reports):
            out.setdefault(iri, row.change)
    return out
