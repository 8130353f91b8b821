"""A compact, read-only view of the graph for the analytics.

Every analysis works at the level of (meeting, commitment type, committing
party), aggregated from commitment nodes. :func:`view_of` reads what that
needs with one call of :meth:`~graph.store.GraphStore.projection` (the
view's kinds, properties and relationship types, as plain tuples: no
``Node`` models are built), so the analytics answer identically on the
embedded store and on Neo4j, and a large graph is read in one pass.

The analytics keep no cache: :func:`view_of` reads the store each time it is
given one, so an analysis given a store answers from the graph as it is now.
A view is a snapshot; a caller that asks many questions of a graph that does
not change (the dashboard, which keeps it in its one cache keyed by the
store's ``revision``) reads it once and passes it to each analysis.

Evidence (mention text, document, paragraph) is read lazily, one
``get_node`` per commitment shown (or one ``evidence_of`` per table), and
kept in the view with the tables derived from it (:attr:`AnalyticsView.memo`).
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby
from operator import itemgetter
from typing import Any

from graph.errors import NodeNotFoundError, StoreError
from graph.labels import short_meeting_label
from graph.model import Node, kind_path, make_iri, source_role
from graph.schema import (
    COMMITMENT_TYPES,
    PRIMARY_ROLE,
    REPORTED_ROLE,
    SECONDARY_DOC_KINDS,
    THREAT_TYPES,
    Kind,
    Prop,
    Rel,
    Series,
    concept_local_name,
    is_a,
)
from graph.series import load_reference
from graph.store import GraphStore, ProjectedNode, Projection

VIEW_KINDS: tuple[Kind, ...] = (
    Kind.MEETING,
    Kind.INCIDENT,
    Kind.THREAT,
    Kind.CONCEPT,
    Kind.ACTOR,
    Kind.COMMITMENT,
    Kind.DOCUMENT,
)
"""Node kinds the view reads (subclasses included)."""

VIEW_RELS: tuple[Rel, ...] = (
    Rel.MADE_AT,
    Rel.COMMITMENT_TYPE,
    Rel.COMMITTED_BY,
    Rel.RESPONDS_TO,
    Rel.CONCERNS,
    Rel.REAFFIRMS,
    Rel.THREAT_TYPE,
    Rel.MANIFESTS,
    Rel.PERPETRATOR,
    Rel.POSED_BY,
    Rel.ISSUED_AT,
)
"""Relationship types the view reads (``MENTIONS`` too, only for commitments with no stored ``sourceRole``)."""

VIEW_PROPS: tuple[Prop, ...] = (
    Prop.ALT_LABELS,
    Prop.CONFIDENCE,
    Prop.CUES,
    Prop.DATE,
    Prop.ESTIMATED,
    Prop.LOCATION,
    Prop.NOTATION,
    Prop.ORDINAL,
    Prop.SCHEME,
    Prop.SERIES,
    Prop.STANCE,
    Prop.STRENGTH,
    Prop.DOC_KIND,
    Prop.SOURCE,
    Prop.SOURCE_ROLE,
)
"""Node properties the view reads (the store's projection returns these values, in this order)."""

(
    _ALT_LABELS,
    _CONFIDENCE,
    _CUES,
    _DATE,
    _ESTIMATED,
    _LOCATION,
    _NOTATION,
    _ORDINAL,
    _SCHEME,
    _SERIES,
    _STANCE,
    _STRENGTH,
    _DOC_KIND,
    _SOURCE,
    _SOURCE_ROLE,
) = range(len(VIEW_PROPS))

PRIMARY = PRIMARY_ROLE
REPORTED = REPORTED_ROLE
SOURCE_ROLES: tuple[str, ...] = (PRIMARY, REPORTED)
"""Source roles of a commitment: made in a text of its meeting, or reported by another text."""

COMMITMENT_SCHEME_NAME = "commitment"
THREAT_SCHEME_NAME = "threat"


@dataclass(frozen=True, slots=True)
class MeetingRec:
    """A meeting: one consultation of a series."""

    iri: str
    label: str
    series: str
    ordinal: int | None
    date: dt.date | None
    location: str | None

    @property
    def sort_key(self) -> tuple[dt.date, int, str]:
        """Chronological order inside a series: date, ordinal, IRI."""
        return (self.date or dt.date.min, self.ordinal if self.ordinal is not None else -1, self.iri)


@dataclass(frozen=True, slots=True)
class IncidentRec:
    """An incident (nuclear test, missile launch, provocation, crisis)."""

    iri: str
    label: str
    kind: str
    date: dt.date | None
    estimated: bool
    alt_labels: tuple[str, ...]
    threat_types: tuple[str, ...]
    """Threat-type local names: its own ``THREAT_TYPE`` and those of the threats it manifests."""
    threats: tuple[str, ...]
    """IRIs of the threats it manifests."""
    perpetrators: tuple[str, ...]
    notation: str | None = None
    """Catalogue id (``prk-nuclear-test-1``) when the extractor recorded it."""


@dataclass(frozen=True, slots=True)
class ThreatRec:
    """A standing threat and its threat types."""

    iri: str
    label: str
    types: tuple[str, ...]
    posed_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ConceptRec:
    """A commitment-type or threat-type concept."""

    iri: str
    local: str
    label: str
    scheme: str
    """``commitment``, ``threat`` or ``other``."""
    alt_labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CommitmentRec:
    """A commitment (one pledge sentence) with everything the analytics use."""

    iri: str
    label: str
    stance: str | None
    strength: float | None
    cues: tuple[str, ...]
    date: dt.date | None
    """Its meeting's date when made at a dated meeting, else its own ``date``."""
    confidence: float | None
    types: tuple[str, ...]
    """Commitment-type local names, sorted."""
    parties: tuple[str, ...]
    """Party codes of the committing actors, sorted."""
    meeting: str | None
    responds_to: tuple[str, ...]
    concerns: tuple[str, ...]
    reaffirms: tuple[str, ...]
    source: str = PRIMARY
    """``primary``: a document that records its meeting (ISSUED_AT it, and not news or a study)
    says it, or no document is linked; ``reported``: only secondary texts (news, studies, another
    meeting's text) say it was made there."""

    @property
    def party(self) -> str:
        """The committing party as one key: ``USA``, or ``KOR+USA`` for a joint pledge."""
        return "+".join(self.parties) if self.parties else "?"


@dataclass(frozen=True, slots=True)
class EvidenceRec:
    """Where the text says so: the first evidence mention of a node."""

    text: str
    document: str
    """The document's title or label."""
    document_iri: str
    source: str
    """The document's source path or URL, when known."""
    paragraph: int | None
    char_start: int | None


@dataclass
class AnalyticsView:
    """Everything the analyses read, indexed for fast look-ups."""

    meetings: dict[str, MeetingRec]
    incidents: dict[str, IncidentRec]
    threats: dict[str, ThreatRec]
    concepts: dict[str, ConceptRec]
    actors: dict[str, tuple[str, str]]
    """Actor IRI -> (party code, label)."""
    commitments: dict[str, CommitmentRec]
    recorded: frozenset[str]
    """Meetings whose text is loaded: a primary document (ISSUED_AT it, not news or a study)
    records it, or a primary commitment was made at it. A meeting that only a study or a news
    report speaks of is not recorded."""
    by_meeting: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Commitments made at each meeting, primary and reported."""
    documented: frozenset[str] = frozenset()
    """Meetings a primary document (ISSUED_AT it, not news or a study) records."""
    series_meetings: dict[str, tuple[MeetingRec, ...]] = field(default_factory=dict)
    """Recorded, dated meetings of each series, oldest first."""
    records_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Primary documents (ISSUED_AT it, not news or a study) of each meeting: the texts that record it."""
    documents: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    """Document IRI -> (label, source path or URL)."""
    memo: dict[Any, Any] = field(default_factory=dict)
    """Derived tables computed from the view (statements per meeting...), kept with it."""
    _store: weakref.ReferenceType[GraphStore] | None = None
    _evidence: dict[str, EvidenceRec | None] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # -- look-ups ----------------------------------------------------------

    def concept_label(self, local: str) -> str:
        """Preferred label of a concept local name (the local name if unknown)."""
        from graph.schema import concept_iri

        rec = self.concepts.get(concept_iri(local))
        return rec.label if rec is not None and rec.label else local

    def _live_store(self) -> GraphStore:
        store = self._store() if self._store is not None else None
        if store is None:
            msg = "the store this analytics view was built from has been closed or collected"
            raise StoreError(msg)
        return store

    def evidence(self, node_iri: str) -> EvidenceRec | None:
        """First evidence mention of a node (by document, then position), cached.

        Raises:
            StoreError: the store that built this view is gone.
        """
        with self._lock:
            if node_iri in self._evidence:
                return self._evidence[node_iri]
        try:
            detail = self._live_store().get_node(node_iri)
        except NodeNotFoundError:
            rec: EvidenceRec | None = None
        else:
            rec = _best_evidence((item.mention, item.document) for item in detail.evidence)
        with self._lock:
            self._evidence[node_iri] = rec
        return rec

    def prefetch_evidence(self, meeting_iris: Iterable[str]) -> None:
        """Read the evidence of every commitment made at these meetings in one store read.

        Uses :meth:`~graph.store.GraphStore.evidence_of` (one query on Neo4j
        for all of them), so a table of many rows costs one round trip, not
        one per row; the answer is what :meth:`evidence` would read one by
        one. Commitments without evidence are remembered as such.
        """
        wanted = [m for m in dict.fromkeys(meeting_iris) if m in self.meetings and ("evidence", m) not in self.memo]
        if not wanted:
            return
        with self._lock:
            commitments = [
                c for m in wanted for c in self.by_meeting.get(m, ()) if c not in self._evidence
            ]
        found = self._live_store().evidence_of(commitments) if commitments else {}
        recs = {
            c: _best_evidence((item.mention, item.document) for item in items) for c, items in found.items()
        }
        with self._lock:
            for commitment, rec in recs.items():
                self._evidence.setdefault(commitment, rec)
            for meeting in wanted:
                self.memo[("evidence", meeting)] = True


def _best_evidence(items: Iterable[tuple[Node, Node | None]]) -> EvidenceRec | None:
    """The first mention (by document IRI, then position) as an :class:`EvidenceRec`."""
    best: tuple[tuple[str, int, str], EvidenceRec] | None = None
    for mention, doc in items:
        props = mention.props
        start = props.get(Prop.CHAR_START.value)
        para = props.get(Prop.PARAGRAPH.value)
        title = ""
        source = ""
        if doc is not None:
            title_value = doc.props.get(Prop.TITLE.value)
            title = title_value if isinstance(title_value, str) and title_value else doc.label
            source_value = doc.props.get(Prop.SOURCE.value)
            source = source_value if isinstance(source_value, str) else ""
        text = props.get(Prop.TEXT.value)
        candidate = EvidenceRec(
            text=text if isinstance(text, str) else mention.label,
            document=title,
            document_iri=doc.iri if doc is not None else "",
            source=source,
            paragraph=para if isinstance(para, int) and not isinstance(para, bool) else None,
            char_start=start if isinstance(start, int) and not isinstance(start, bool) else None,
        )
        key = (candidate.document_iri, candidate.char_start or 0, mention.iri)
        if best is None or key < best[0]:
            best = (key, candidate)
    return best[1] if best is not None else None


# -- building --------------------------------------------------------------


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    return None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value if type(value) is dt.date else dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _strs(value: Any) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(v for v in value if isinstance(v, str))
    if isinstance(value, str) and value:
        return (value,)
    return ()


def _actor_code(iri: str, kind: str, label: str, notation: Any) -> str:
    """The party code of an actor: its gazetteer id where it can be recovered.

    States and organisations get IRIs from their gazetteer id (``KOR``,
    ``UNSC``); the id is recovered from the IRI's readable part and checked
    against the IRI's hash, so a label never masquerades as an id. A
    ``notation`` property wins when present. Persons are ``person:<label>``.

    >>> _actor_code(make_iri(Kind.STATE, "KOR"), Kind.STATE, "Republic of Korea", None)
    'KOR'
    """
    if isinstance(notation, str) and notation:
        return notation
    if kind == Kind.PERSON:
        return f"person:{label}"
    tail = iri.rsplit("/", 1)[-1]
    slug = tail.rsplit("-", 1)[0] if "-" in tail else ""
    for candidate in (slug.upper(), slug.upper().replace("-", "_"), slug.upper().replace("-", "")):
        if candidate and make_iri(Kind(kind), candidate).endswith(f"{kind_path(Kind(kind))}/{tail}"):
            return candidate
    return label or iri


def _meeting_recs(rows: list[tuple[str, str, str, tuple[Any, ...]]]) -> dict[str, MeetingRec]:
    """The loaded meetings; one stored as series Other that the reference identifies is that meeting.

    (A text that names the first NCG only as "the group's first meeting in Seoul
    on July 18" must not give a "1st Other" beside a "1st NCG" with no text
    loaded; :meth:`graph.series.SeriesReference.identify` says when.) A meeting
    already loaded under its own series keeps the name: the Other one is then
    left as it is rather than made a second record of the same meeting.
    """
    ref = load_reference()
    recs: dict[str, MeetingRec] = {}
    for iri, kind, label, values in rows:
        series = _series(kind, values[_SERIES])
        recs[iri] = MeetingRec(
            iri=iri,
            label=label,
            series=series,
            ordinal=_int(values[_ORDINAL]),
            date=_date(values[_DATE]),
            location=_str(values[_LOCATION]),
        )
    named: set[tuple[str, int | None]] = {
        (r.series, r.ordinal) for r in recs.values() if r.series != Series.OTHER.value and r.ordinal is not None
    }
    for iri, rec in list(recs.items()):
        if rec.series != Series.OTHER.value or rec.date is None:
            continue
        row = ref.identify(rec.series, rec.ordinal, rec.date)
        if row is None or (row.series, row.ordinal) in named:
            continue
        named.add((row.series, row.ordinal))
        recs[iri] = replace(
            rec, series=row.series, ordinal=row.ordinal, label=short_meeting_label(row.series, row.ordinal, rec.date)
        )
    return recs


def _series(kind: str, series: Any) -> str:
    if kind == Kind.SCM:
        return Series.SCM.value
    return _str(series) or Series.OTHER.value


def _scheme(scheme_value: Any, local: str) -> str:
    scheme = _str(scheme_value) or ""
    if scheme.endswith("CommitmentTypes") or (not scheme and local in COMMITMENT_TYPES):
        return COMMITMENT_SCHEME_NAME
    if scheme.endswith("ThreatTypes") or (not scheme and local in THREAT_TYPES):
        return THREAT_SCHEME_NAME
    return "other"


def _build(store: GraphStore) -> AnalyticsView:
    projected = store.projection(list(VIEW_KINDS), VIEW_PROPS, list(VIEW_RELS))
    return _assemble(store, projected)


StoreOrView = GraphStore | AnalyticsView
"""What every analysis reads: a store, or the analytics view of one (see :func:`view_of`)."""


def view_of(store: StoreOrView) -> AnalyticsView:
    """The analytics view of a store, read now; a view is returned as it is.

    Every analysis takes a store or its view: a caller that asks many
    questions of a graph that does not change (the dashboard) reads the view
    once and passes it, so the store is read once.
    """
    if isinstance(store, AnalyticsView):
        return store
    return _build(store)


def _bucket(kind: Kind) -> str | None:
    for ancestor, name in (
        (Kind.MEETING, "meeting"),
        (Kind.INCIDENT, "incident"),
        (Kind.COMMITMENT, "commitment"),
        (Kind.ACTOR, "actor"),
        (Kind.THREAT, "threat"),
        (Kind.CONCEPT, "concept"),
        (Kind.DOCUMENT, "document"),
    ):
        if is_a(kind, ancestor):
            return name
    return None


_BUCKETS: dict[Kind, str] = {k: b for k in Kind if (b := _bucket(k)) is not None}
"""Which table of the view each node kind goes to (kinds and subkinds, computed once)."""

# relationship names as plain strings: the assembly loop reads them ~10^5 times
_R_COMMITMENT_TYPE = Rel.COMMITMENT_TYPE.value
_R_COMMITTED_BY = Rel.COMMITTED_BY.value
_R_CONCERNS = Rel.CONCERNS.value
_R_ISSUED_AT = Rel.ISSUED_AT.value
_R_MADE_AT = Rel.MADE_AT.value
_R_MANIFESTS = Rel.MANIFESTS.value
_R_MENTIONS = Rel.MENTIONS.value
_R_PERPETRATOR = Rel.PERPETRATOR.value
_R_POSED_BY = Rel.POSED_BY.value
_R_REAFFIRMS = Rel.REAFFIRMS.value
_R_RESPONDS_TO = Rel.RESPONDS_TO.value
_R_THREAT_TYPE = Rel.THREAT_TYPE.value
_SOURCE_AND_TYPE = itemgetter(0, 1)


def _sorted(values: Sequence[str]) -> tuple[str, ...]:
    """``tuple(sorted(values))``, without the intermediate list when there is nothing to sort.

    The view is ~10^5 small records: the fewer throw-away objects its
    assembly makes, the smaller the garbage collector's share of a cold read.
    """
    return tuple(values) if len(values) < 2 else tuple(sorted(values))


def _mentioned_by(store: GraphStore, doc_kind: dict[str, str | None]) -> dict[str, list[str]]:
    """Documents that mention each node, read only when a commitment has no stored ``sourceRole``."""
    projected = store.projection([Kind.DOCUMENT], (), [Rel.MENTIONS])
    out: dict[str, list[str]] = defaultdict(list)
    for source, rtype, target in projected.relationships:
        if rtype == _R_MENTIONS and source in doc_kind:
            out[target].append(source)
    return out


def _assemble(store: GraphStore, projected: Projection) -> AnalyticsView:
    if projected.props != tuple(p.value for p in VIEW_PROPS):
        msg = f"the store projected {projected.props!r}, the view needs {tuple(p.value for p in VIEW_PROPS)!r}"
        raise StoreError(msg)
    by_kind: dict[str, list[ProjectedNode]] = defaultdict(list)
    for row in projected.nodes:
        bucket = _BUCKETS.get(row[1])  # type: ignore[call-overload]  # str keys: Kind is a StrEnum
        if bucket is not None:
            by_kind[bucket].append(row)

    # Targets of each relationship type by source, as sorted tuples. The projection lists the
    # relationships sorted by (source, type, target), so each (source, type) comes as one run
    # (out of order, runs of the same key are merged). No list outlives its run: ~10^5 lists
    # alive through the whole read would reach the collector's oldest generation and bring on
    # full collections, which scan the store's own objects too.
    out: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    doc_kind: dict[str, str | None] = {iri: _str(values[_DOC_KIND]) for iri, _, _, values in by_kind["document"]}
    issued_by: dict[str, set[str]] = defaultdict(set)
    for (source, rtype), run in groupby(projected.relationships, key=_SOURCE_AND_TYPE):
        targets = [rel[2] for rel in run]
        if rtype == _R_ISSUED_AT:
            issued_by[source].update(targets)
            continue
        by_source = out[rtype]
        if source in by_source:
            targets.extend(by_source[source])
        by_source[source] = _sorted(targets)

    concepts: dict[str, ConceptRec] = {}
    for iri, _, label, values in by_kind["concept"]:
        local = concept_local_name(iri)
        concepts[iri] = ConceptRec(
            iri=iri,
            local=local,
            label=label or local,
            scheme=_scheme(values[_SCHEME], local),
            alt_labels=_strs(values[_ALT_LABELS]),
        )

    def locals_of(targets: Sequence[str]) -> tuple[str, ...]:
        if len(targets) == 1:  # most nodes have one type: no set, no list
            rec = concepts.get(targets[0])
            return (rec.local if rec is not None else concept_local_name(targets[0]),)
        return tuple(sorted({concepts[t].local if t in concepts else concept_local_name(t) for t in targets}))

    def codes_of(targets: Sequence[str]) -> tuple[str, ...]:
        return _sorted([actors[a][0] for a in targets if a in actors])

    actors = {
        iri: (_actor_code(iri, kind, label, values[_NOTATION]), label)
        for iri, kind, label, values in by_kind["actor"]
    }

    meetings = _meeting_recs(by_kind["meeting"])

    threat_type_rels = out[_R_THREAT_TYPE]
    threats = {
        iri: ThreatRec(
            iri=iri,
            label=label,
            types=locals_of(threat_type_rels.get(iri, ())),
            posed_by=codes_of(out[_R_POSED_BY].get(iri, ())),
        )
        for iri, _, label, _ in by_kind["threat"]
    }

    incidents: dict[str, IncidentRec] = {}
    for iri, kind, label, values in by_kind["incident"]:
        manifests = out[_R_MANIFESTS].get(iri, ())
        types = set(locals_of(threat_type_rels.get(iri, ())))
        for t in manifests:
            if t in threats:
                types.update(threats[t].types)
        incidents[iri] = IncidentRec(
            iri=iri,
            label=label,
            kind=kind,
            date=_date(values[_DATE]),
            estimated=bool(values[_ESTIMATED]),
            alt_labels=_strs(values[_ALT_LABELS]),
            threat_types=tuple(sorted(types)),
            threats=manifests,
            perpetrators=codes_of(out[_R_PERPETRATOR].get(iri, ())),
            notation=_str(values[_NOTATION]),
        )

    commitments: dict[str, CommitmentRec] = {}
    by_meeting: dict[str, list[str]] = defaultdict(list)
    made_at = out[_R_MADE_AT]
    # the source role is stored at ingest; a graph written before (or a catalogue agreement only
    # news names) has none, and only then are the documents that mention commitments read
    unstamped = any(values[_SOURCE_ROLE] not in SOURCE_ROLES for _, _, _, values in by_kind["commitment"])
    mentioned_by = _mentioned_by(store, doc_kind) if unstamped else {}
    for iri, _, label, values in by_kind["commitment"]:
        meeting_iris = [m for m in made_at.get(iri, ()) if m in meetings]
        meeting = meeting_iris[0] if meeting_iris else None
        date = meetings[meeting].date if meeting is not None else None
        if date is None:
            date = _date(values[_DATE])
        source = values[_SOURCE_ROLE]
        if source not in SOURCE_ROLES:
            docs = mentioned_by.get(iri, ())
            source = source_role(((doc_kind.get(d), issued_by.get(d, ())) for d in docs), meeting)
        parties = codes_of(out[_R_COMMITTED_BY].get(iri, ()))
        if len(parties) > 1:  # one party code per party
            parties = tuple(sorted(set(parties)))
        rec = CommitmentRec(
            iri=iri,
            label=label,
            stance=_str(values[_STANCE]),
            strength=_float(values[_STRENGTH]),
            cues=_strs(values[_CUES]),
            date=date,
            confidence=_float(values[_CONFIDENCE]),
            types=locals_of(out[_R_COMMITMENT_TYPE].get(iri, ())),
            parties=parties,
            meeting=meeting,
            responds_to=out[_R_RESPONDS_TO].get(iri, ()),
            concerns=out[_R_CONCERNS].get(iri, ()),
            reaffirms=out[_R_REAFFIRMS].get(iri, ()),
            source=source,
        )
        commitments[iri] = rec
        for m in meeting_iris:
            by_meeting[m].append(iri)

    records_of: dict[str, list[str]] = defaultdict(list)
    for doc, ms in issued_by.items():
        if doc_kind.get(doc) not in SECONDARY_DOC_KINDS:
            for m in ms:
                records_of[m].append(doc)
    documented = frozenset(records_of)
    recorded = documented | frozenset(
        m for m, cs in by_meeting.items() if any(commitments[c].source == PRIMARY for c in cs)
    )
    series: dict[str, list[MeetingRec]] = defaultdict(list)
    for rec_m in meetings.values():
        if rec_m.iri in recorded and rec_m.date is not None:
            series[rec_m.series].append(rec_m)

    try:
        ref: weakref.ReferenceType[GraphStore] | None = weakref.ref(store)
    except TypeError:  # a store class with __slots__ and no __weakref__
        ref = None
    return AnalyticsView(
        meetings=meetings,
        incidents=incidents,
        threats=threats,
        concepts=concepts,
        actors=actors,
        commitments=commitments,
        recorded=recorded,
        by_meeting={m: tuple(sorted(c)) for m, c in by_meeting.items()},
        series_meetings={s: tuple(sorted(ms, key=lambda m: m.sort_key)) for s, ms in sorted(series.items())},
        documented=documented,
        records_of={m: tuple(sorted(docs)) for m, docs in records_of.items()},
        documents={iri: (label, _str(values[_SOURCE])) for iri, _, label, values in by_kind["document"]},
        _store=ref,
    )


SOURCE_FILTERS: tuple[str, ...] = ("all", PRIMARY, REPORTED)
"""What :func:`select` keeps: every commitment (reported ones flagged), primary ones only, or reported ones only."""


def select(store: StoreOrView, sources: str = "all", min_confidence: float | None = None) -> AnalyticsView:
    """The view restricted by source role and confidence (memoised in the full view).

    ``sources="primary"`` keeps the commitments a record of their meeting
    states; ``"reported"`` only those secondary texts report; ``"all"`` keeps both (statements made only of them
    are flagged ``reported``). ``min_confidence`` drops commitments whose
    extraction confidence is below it (a commitment without one is kept).
    Meetings stay recorded only when something primary still holds them.

    Raises:
        ConfigurationError: an unknown ``sources`` value, or a confidence outside [0, 1].
    """
    from graph.errors import ConfigurationError

    view = view_of(store)
    if sources not in SOURCE_FILTERS:
        msg = f"sources must be one of {', '.join(SOURCE_FILTERS)}, got {sources!r}"
        raise ConfigurationError(msg)
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        msg = f"min_confidence must be between 0 and 1, got {min_confidence}"
        raise ConfigurationError(msg)
    if sources == "all" and not min_confidence:
        return view
    key = ("select", sources, min_confidence)
    cached = view.memo.get(key)
    if isinstance(cached, AnalyticsView):
        return cached

    def keep(rec: CommitmentRec) -> bool:
        if sources in (PRIMARY, REPORTED) and rec.source != sources:
            return False
        return min_confidence is None or rec.confidence is None or rec.confidence >= min_confidence

    commitments = {iri: rec for iri, rec in view.commitments.items() if keep(rec)}
    by_meeting = {
        m: kept for m, cs in view.by_meeting.items() if (kept := tuple(c for c in cs if c in commitments))
    }
    # a meeting a primary document records stays recorded; one held only by commitments needs one left
    documented = view.documented
    recorded = documented | frozenset(
        m for m, cs in by_meeting.items() if any(commitments[c].source == PRIMARY for c in cs)
    )
    series: dict[str, tuple[MeetingRec, ...]] = {}
    for name, ms in view.series_meetings.items():
        still = tuple(m for m in ms if m.iri in recorded)
        if still:
            series[name] = still
    out = AnalyticsView(
        meetings=view.meetings,
        incidents=view.incidents,
        threats=view.threats,
        concepts=view.concepts,
        actors=view.actors,
        commitments=commitments,
        recorded=recorded,
        by_meeting=by_meeting,
        series_meetings=series,
        documented=documented,
        records_of=view.records_of,
        documents=view.documents,
        _store=view._store,
        _evidence=view._evidence,
    )
    view.memo[key] = out
    return out
