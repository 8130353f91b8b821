"""Synthetic graphs shaped like the alliance domain, for benchmarks and tests.

:func:`generate` builds a graph of the requested size with the proportions
and property sizes of a real corpus: a handful of states and organisations,
officials affiliated with them, a yearly SCM series with ordinals and dates,
incidents of every kind with perpetrators, standing threats, commitments
(typed by the concepts of :data:`graph.schema.COMMITMENT_TYPES`, with stance,
confidence and dates) made at meetings and answering incidents, the
documents that record them and the mentions (about 200 characters of text)
that evidence them. Relationship types are used as the ontology defines them.

The output depends only on the arguments: the same seed gives the same graph
(same IRIs, same properties) on every machine. :func:`iter_generate` yields
the same records in streaming batches for very large graphs.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from graph.model import GraphData, Node, Relationship, make_iri, source_role
from graph.schema import (
    COMMITMENT_TYPES,
    DOC_KINDS,
    MEETING_SERIES,
    STANCES,
    THREAT_TYPES,
    Kind,
    Prop,
    Rel,
    Series,
    concept_iri,
)

_STATES = (("KOR", "Republic of Korea"), ("USA", "United States"), ("PRK", "Democratic People's Republic of Korea"),
           ("JPN", "Japan"), ("CHN", "People's Republic of China"), ("RUS", "Russian Federation"))
_ORGS = (("UN", "United Nations"), ("UNSC", "UN Security Council"), ("UNC", "United Nations Command"),
         ("CFC", "Combined Forces Command"), ("USFK", "United States Forces Korea"),
         ("IAEA", "International Atomic Energy Agency"))
_INCIDENT_KINDS = (Kind.NUCLEAR_TEST, Kind.MISSILE_LAUNCH, Kind.ARMED_PROVOCATION, Kind.CYBER_OPERATION, Kind.CRISIS)
_INCIDENT_THREAT = {
    Kind.NUCLEAR_TEST: "NuclearWeapons",
    Kind.MISSILE_LAUNCH: "BallisticMissiles",
    Kind.ARMED_PROVOCATION: "ConventionalProvocation",
    Kind.CYBER_OPERATION: "CyberThreat",
    Kind.CRISIS: "RegionalCoercion",
}
_GIVEN = ("Min-jun", "Seo-yeon", "James", "Linda", "Ji-ho", "Robert", "Hye-jin", "Michael", "Sung-min", "Karen")
_FAMILY = ("Kim", "Lee", "Park", "Smith", "Choi", "Johnson", "Jung", "Austin", "Kang", "Carter")
_WORDS = ("alliance", "deterrence", "combined", "readiness", "extended", "capabilities", "peninsula", "security",
          "ministers", "reaffirmed", "commitment", "posture", "consultation", "nuclear", "missile", "defense",
          "cooperation", "regional", "stability", "provocation", "joint", "forces", "strategic", "exercise")

FIRST_SCM = dt.date(1968, 5, 27)


def _sentence(rng: random.Random, length: int) -> str:
    words: list[str] = []
    size = 0
    while size < length:
        word = rng.choice(_WORDS)
        words.append(word)
        size += len(word) + 1
    text = " ".join(words)[:length].rstrip()
    return text[0].upper() + text[1:] + "."


def _day(rng: random.Random, start_year: int = 1968, end_year: int = 2024) -> dt.date:
    start = dt.date(start_year, 1, 1).toordinal()
    end = dt.date(end_year, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(start, end))


def iter_generate(
    n_nodes: int, seed: int = 0, rel_per_node: float = 3.0, batch_nodes: int = 5000
) -> Iterator[GraphData]:
    """Yield the graph of :func:`generate` in batches, nodes before the relationships that use them.

    Each batch's relationships only point at nodes of this or earlier batches,
    so the batches can be loaded one after another.
    """
    if n_nodes < 1:
        msg = f"n_nodes must be at least 1, got {n_nodes}"
        raise ValueError(msg)
    rng = random.Random(seed)
    target_rels = int(n_nodes * rel_per_node)
    made_nodes = 0
    made_rels = 0
    pending = GraphData()

    actors: list[str] = []
    persons: list[str] = []
    meetings: list[str] = []
    incidents: list[str] = []
    threats: list[str] = []
    commitments: list[str] = []
    documents: list[str] = []
    doc_records: dict[str, tuple[str, tuple[str, ...]]] = {}
    """Document -> (docKind, meetings it is ISSUED_AT): a commitment's source role comes from its document."""
    commitment_concepts = [concept_iri(c) for c in COMMITMENT_TYPES]
    threat_concepts = {t: concept_iri(t) for t in THREAT_TYPES}

    def add_node(node: Node) -> None:
        nonlocal made_nodes
        pending.nodes.append(node)
        made_nodes += 1

    def add_rel(rtype: Rel, source: str, target: str, **props: float | str) -> bool:
        nonlocal made_rels
        if made_rels >= target_rels or source == target:
            return False
        pending.relationships.append(Relationship(type=rtype, source=source, target=target, props=dict(props)))
        made_rels += 1
        return True

    def room() -> bool:
        return made_nodes < n_nodes

    # fixed backbone: concepts, states, organisations
    for local in (*COMMITMENT_TYPES, *THREAT_TYPES):
        if not room():
            break
        scheme = "CommitmentTypes" if local in COMMITMENT_TYPES else "ThreatTypes"
        add_node(Node(iri=concept_iri(local), kind=Kind.CONCEPT, label=local,
                      props={Prop.SCHEME.value: scheme, Prop.NOTATION.value: local}))
    for code, name in _STATES:
        if not room():
            break
        iri = make_iri(Kind.STATE, code)
        actors.append(iri)
        add_node(Node(iri=iri, kind=Kind.STATE, label=name, props={Prop.ALT_LABELS.value: [code]}))
    for code, name in _ORGS:
        if not room():
            break
        iri = make_iri(Kind.ORGANIZATION, code)
        actors.append(iri)
        add_node(Node(iri=iri, kind=Kind.ORGANIZATION, label=name, props={Prop.ALT_LABELS.value: [code]}))
    state_iris = actors[: len(_STATES)]
    kor_usa = state_iris[:2]
    prk = state_iris[2] if len(state_iris) > 2 else None

    scm_ordinal = 0
    step = 0
    while room():
        step += 1
        roll = rng.random()
        if roll < 0.03:  # a meeting and its communique
            scm_ordinal += 1
            series = Series.SCM.value if rng.random() < 0.7 else rng.choice(MEETING_SERIES[1:])
            day = FIRST_SCM + dt.timedelta(days=int(365.25 * (scm_ordinal % 57)) + rng.randint(0, 300))
            kind = Kind.SCM if series == Series.SCM else Kind.MEETING
            iri = make_iri(kind, series, scm_ordinal)
            add_node(Node(iri=iri, kind=kind, label=f"{scm_ordinal}th {series} meeting", props={
                Prop.ORDINAL.value: scm_ordinal, Prop.SERIES.value: series, Prop.DATE.value: day,
                Prop.LOCATION.value: rng.choice(("Seoul", "Washington", "Pentagon", "Honolulu")),
            }))
            meetings.append(iri)
            for actor in kor_usa:
                add_rel(Rel.PARTICIPANT, iri, actor)
            if persons:
                add_rel(Rel.HEAD_OF_DELEGATION, iri, rng.choice(persons))
            if room():
                text = _sentence(rng, rng.randint(1500, 4000))
                doc = make_iri(Kind.DOCUMENT, f"{seed}-{step}-{text[:16]}")
                add_node(Node(iri=doc, kind=Kind.DOCUMENT, label=f"Joint Communique of the {scm_ordinal}th {series}",
                              props={Prop.TITLE.value: f"Joint Communique {scm_ordinal}", Prop.DATE.value: day,
                                     Prop.DOC_KIND.value: "communique", Prop.SOURCE.value: "https://example.org/scm",
                                     Prop.TEXT.value: text}))
                documents.append(doc)
                issued = add_rel(Rel.ISSUED_AT, doc, iri)
                doc_records[doc] = ("communique", (iri,) if issued else ())
        elif roll < 0.06:  # a person
            name = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)} {step}"
            iri = make_iri(Kind.PERSON, name)
            add_node(Node(iri=iri, kind=Kind.PERSON, label=name, props={Prop.ROLE.value: "Minister of Defense"}))
            persons.append(iri)
            if actors:
                add_rel(Rel.AFFILIATION, iri, rng.choice(state_iris or actors))
        elif roll < 0.14:  # an incident
            kind = rng.choice(_INCIDENT_KINDS)
            day = _day(rng, 1968, 2024)
            iri = make_iri(kind, f"incident-{seed}-{step}")
            add_node(Node(iri=iri, kind=kind, label=f"{kind.value} of {day.isoformat()}", props={
                Prop.DATE.value: day, Prop.ESTIMATED.value: rng.random() < 0.2,
                Prop.DESCRIPTION.value: _sentence(rng, rng.randint(120, 400)),
            }))
            incidents.append(iri)
            if prk:
                add_rel(Rel.PERPETRATOR, iri, prk)
            add_rel(Rel.THREAT_TYPE, iri, threat_concepts[_INCIDENT_THREAT[kind]])
            if threats:
                add_rel(Rel.MANIFESTS, iri, rng.choice(threats))
        elif roll < 0.16:  # a standing threat
            ttype = rng.choice(THREAT_TYPES)
            iri = make_iri(Kind.THREAT, f"threat-{seed}-{step}", ttype)
            add_node(Node(iri=iri, kind=Kind.THREAT, label=f"{ttype} programme {step}",
                          props={Prop.DESCRIPTION.value: _sentence(rng, 200)}))
            threats.append(iri)
            add_rel(Rel.THREAT_TYPE, iri, threat_concepts[ttype])
            if prk:
                add_rel(Rel.POSED_BY, iri, prk)
        elif roll < 0.22 and len(documents) < 1 + made_nodes // 40:  # a news document or study
            text = _sentence(rng, rng.randint(800, 2500))
            doc = make_iri(Kind.DOCUMENT, f"{seed}-{step}-{text[:16]}")
            kind_of_doc = rng.choice(DOC_KINDS)
            add_node(Node(iri=doc, kind=Kind.DOCUMENT, label=f"{kind_of_doc} {step}", props={
                Prop.TITLE.value: _sentence(rng, 60), Prop.DATE.value: _day(rng, 1990, 2024),
                Prop.DOC_KIND.value: kind_of_doc, Prop.TEXT.value: text,
            }))
            documents.append(doc)
            doc_records[doc] = (kind_of_doc, ())
        elif roll < 0.55:  # a commitment (with its evidence mention when there is room)
            ctype = rng.choice(commitment_concepts)
            kind = Kind.AGREEMENT if rng.random() < 0.05 else Kind.COMMITMENT
            day = _day(rng)
            iri = make_iri(kind, f"commitment-{seed}-{step}")
            commitment_node = Node(iri=iri, kind=kind, label=_sentence(rng, rng.randint(40, 90)), props={
                Prop.STANCE.value: rng.choice(STANCES), Prop.CONFIDENCE.value: round(rng.uniform(0.4, 1.0), 3),
                Prop.DATE.value: day, Prop.STRENGTH.value: rng.randint(1, 5),
            })
            add_node(commitment_node)
            commitments.append(iri)
            made_at: str | None = None
            if actors:
                add_rel(Rel.COMMITTED_BY, iri, rng.choice(kor_usa or actors))
                add_rel(Rel.BENEFICIARY, iri, rng.choice(kor_usa or actors))
            add_rel(Rel.COMMITMENT_TYPE, iri, ctype)
            if meetings:
                chosen = rng.choice(meetings[-5:])
                made_at = chosen if add_rel(Rel.MADE_AT, iri, chosen) else None
            if incidents and rng.random() < 0.6:
                add_rel(Rel.RESPONDS_TO, iri, rng.choice(incidents[-20:]))
            if threats and rng.random() < 0.4:
                add_rel(Rel.CONCERNS, iri, rng.choice(threats))
            if len(commitments) > 1 and rng.random() < 0.3:
                add_rel(Rel.REAFFIRMS, iri, rng.choice(commitments[:-1]))
            own_docs: list[tuple[str, tuple[str, ...]]] = []
            if documents and room():
                doc = rng.choice(documents[-10:])
                own_docs.append(doc_records[doc])
                start = rng.randint(0, 3000)
                length = rng.randint(150, 260)
                mention = make_iri(Kind.MENTION, doc, start, start + length)
                add_node(Node(iri=mention, kind=Kind.MENTION, label=f"mention at {start}", props={
                    Prop.TEXT.value: _sentence(rng, length), Prop.CHAR_START.value: start,
                    Prop.CHAR_END.value: start + length, Prop.PARAGRAPH.value: rng.randint(1, 30),
                    Prop.CONFIDENCE.value: round(rng.uniform(0.5, 1.0), 3), Prop.EXTRACTOR.value: "synthetic.v1",
                }))
                add_rel(Rel.EVIDENCE, iri, mention)
                add_rel(Rel.WAS_DERIVED_FROM, mention, doc)
                if not add_rel(Rel.MENTIONS, doc, iri):
                    own_docs.clear()
            # stamped from its own document, as ingest does (graph.model.source_role)
            commitment_node.props[Prop.SOURCE_ROLE.value] = source_role(own_docs, made_at)
        elif documents and made_nodes > 50:  # extra mentions linking documents to what they speak of
            doc = rng.choice(documents)
            start = rng.randint(0, 3000)
            length = rng.randint(150, 260)
            mention = make_iri(Kind.MENTION, doc, start, start + length, step)
            add_node(Node(iri=mention, kind=Kind.MENTION, label=f"mention at {start}", props={
                Prop.TEXT.value: _sentence(rng, length), Prop.CHAR_START.value: start,
                Prop.CHAR_END.value: start + length, Prop.CONFIDENCE.value: round(rng.uniform(0.5, 1.0), 3),
            }))
            add_rel(Rel.WAS_DERIVED_FROM, mention, doc)
            subject = rng.choice(commitments or incidents or actors)
            add_rel(Rel.EVIDENCE, subject, mention)
            add_rel(Rel.MENTIONS, doc, subject)
            if incidents:
                add_rel(Rel.MENTIONS, doc, rng.choice(incidents))
        if len(pending.nodes) >= batch_nodes:
            yield pending
            pending = GraphData()
    # top up relationships to the requested density with ontology-valid links
    pool_rules = (
        (Rel.RESPONDS_TO, commitments, incidents),
        (Rel.CONCERNS, commitments, threats),
        (Rel.REAFFIRMS, commitments, commitments),
        (Rel.MADE_AT, commitments, meetings),
        (Rel.MENTIONS, documents, commitments),
        (Rel.MENTIONS, documents, incidents),
        (Rel.COMMITMENT_TYPE, commitments, commitment_concepts if made_nodes >= len(COMMITMENT_TYPES) else []),
    )
    usable = [rule for rule in pool_rules if rule[1] and rule[2]]
    seen: set[tuple[str, str, str]] = set()
    attempts = 0
    while usable and made_rels < target_rels and attempts < target_rels * 4:
        attempts += 1
        rtype, sources, targets = rng.choice(usable)
        source, target = rng.choice(sources), rng.choice(targets)
        key = (source, rtype.value, target)
        if key in seen:
            continue
        seen.add(key)
        add_rel(rtype, source, target)
        if len(pending.relationships) >= batch_nodes * 3:
            yield pending
            pending = GraphData()
    if pending.nodes or pending.relationships:
        yield pending


def generate(n_nodes: int, seed: int = 0, rel_per_node: float = 3.0) -> GraphData:
    """A domain-shaped graph of ``n_nodes`` nodes and about ``n_nodes * rel_per_node`` relationships.

    Repeated relationships (same source, type and target) are merged, so the
    count can be slightly below the target.

    >>> g = generate(500, seed=1)
    >>> len(g.nodes), g == generate(500, seed=1)
    (500, True)
    """
    out = GraphData()
    for batch in iter_generate(n_nodes, seed=seed, rel_per_node=rel_per_node):
        out.extend(batch)
    return out.merged()
