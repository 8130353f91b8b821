"""A small, realistic alliance graph for the dashboard tests.

Three SCMs around North Korea's first nuclear test (9 October 2006), the
communiques that record them (text written for these tests), commitments
with their evidence (a sentence mention with a cue-word mention inside it),
and one news item whose text carries ``<script>alert(1)</script>`` so the
browser tests can check that source text is shown as characters.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from graph.model import GraphData, Node, Relationship, make_iri
from graph.schema import Kind, Prop, Rel, concept_iri

SCRIPT_TEXT = "<script>alert(1)</script>"

COMM_37 = (
    "Joint Communique of the 37th Security Consultative Meeting\n\n"
    "1. The 37th Security Consultative Meeting met in Seoul on October 21, 2005, led by the "
    "Minister of National Defense and the Secretary of Defense.\n\n"
    "2. The Secretary restated the steady commitment of the United States to keep its nuclear umbrella "
    "over the Republic of Korea.\n\n"
    "3. Both sides agreed to keep consulting on the transition of wartime operational control."
)
COMM_38 = (
    "Joint Communique of the 38th Security Consultative Meeting\n\n"
    "1. The 38th Security Consultative Meeting met in Washington on October 20, 2006. Secretary Donald "
    "Rumsfeld and Minister Yoon Kwang-ung headed the two delegations.\n\n"
    "2. The two sides condemned the nuclear test that North Korea announced on October 9, 2006, as a grave "
    "threat to peace on the peninsula.\n\n"
    "3. Responding to the test, the Secretary pledged that the United States would provide extended "
    "deterrence to the Republic of Korea, including its nuclear umbrella.\n\n"
    "4. The Minister and the Secretary agreed to expand combined exercises to raise readiness."
)
COMM_39 = (
    "Joint Communique of the 39th Security Consultative Meeting\n\n"
    "1. The 39th Security Consultative Meeting met in Seoul on November 7, 2007.\n\n"
    "2. The Secretary reaffirmed that the United States would keep providing extended deterrence "
    "to the Republic of Korea.\n\n"
    "3. The two sides confirmed that wartime operational control would transfer on April 17, 2012."
)
NEWS = (
    "Missile launch draws comment\n\n"
    f"A reader comment posted under the report read {SCRIPT_TEXT} after the launch of July 5, 2006. "
    "Editors left it in the archive as written."
)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Builder:
    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.rels: list[Relationship] = []

    def node(self, kind: Kind, key: tuple[Any, ...], label: str, **props: Any) -> str:
        iri = make_iri(kind, *key)
        self.nodes.append(Node(iri=iri, kind=kind, label=label, props=props))
        return iri

    def rel(self, rtype: Rel, source: str, target: str) -> None:
        self.rels.append(Relationship(type=rtype, source=source, target=target))

    def mention(self, subject: str, doc_iri: str, text: str, phrase: str, confidence: float, paragraph: int) -> str:
        start = text.index(phrase)
        end = start + len(phrase)
        iri = make_iri(Kind.MENTION, doc_iri, start, end)
        label = phrase if len(phrase) <= 80 else phrase[:77] + "..."
        self.nodes.append(
            Node(
                iri=iri,
                kind=Kind.MENTION,
                label=label,
                props={
                    Prop.TEXT.value: phrase,
                    Prop.CHAR_START.value: start,
                    Prop.CHAR_END.value: end,
                    Prop.PARAGRAPH.value: paragraph,
                    Prop.CONFIDENCE.value: confidence,
                    Prop.EXTRACTOR.value: "tests.sample",
                },
            )
        )
        self.rel(Rel.EVIDENCE, subject, iri)
        self.rel(Rel.WAS_DERIVED_FROM, iri, doc_iri)
        self.rel(Rel.MENTIONS, doc_iri, subject)
        return iri


def sample_graph() -> GraphData:
    """The test graph (same IRIs on every call)."""
    b = _Builder()
    kor = b.node(Kind.STATE, ("KOR",), "Republic of Korea", sameAs="Q884")
    usa = b.node(Kind.STATE, ("USA",), "United States", sameAs="Q30")
    prk = b.node(Kind.STATE, ("PRK",), "Democratic People's Republic of Korea", sameAs="Q423")
    rumsfeld = b.node(Kind.PERSON, ("Donald Rumsfeld",), "Donald Rumsfeld", role="Secretary of Defense")
    yoon = b.node(Kind.PERSON, ("Yoon Kwang-ung",), "Yoon Kwang-ung", role="Minister of National Defense")
    b.rel(Rel.AFFILIATION, rumsfeld, usa)
    b.rel(Rel.AFFILIATION, yoon, kor)

    concepts: dict[str, str] = {}
    for name, label, scheme in (
        ("ExtendedDeterrence", "extended deterrence", "CommitmentTypes"),
        ("NuclearUmbrella", "nuclear umbrella", "CommitmentTypes"),
        ("OpconTransition", "wartime OPCON transition", "CommitmentTypes"),
        ("CombinedExercises", "combined exercises", "CommitmentTypes"),
        ("NuclearWeapons", "nuclear weapons", "ThreatTypes"),
        ("BallisticMissiles", "ballistic missiles", "ThreatTypes"),
    ):
        # Concepts live in the ontology namespace, not under the instance base.
        concepts[name] = concept_iri(name)
        b.nodes.append(Node(iri=concepts[name], kind=Kind.CONCEPT, label=label, props={"scheme": scheme}))
    b.rel(Rel.BROADER, concepts["NuclearUmbrella"], concepts["ExtendedDeterrence"])

    threat = b.node(Kind.THREAT, ("PRK", "NuclearWeapons"), "North Korean nuclear weapons programme")
    b.rel(Rel.POSED_BY, threat, prk)
    b.rel(Rel.THREAT_TYPE, threat, concepts["NuclearWeapons"])
    test = b.node(
        Kind.NUCLEAR_TEST,
        ("prk-nuclear-test-1",),
        "First North Korean nuclear test",
        date=dt.date(2006, 10, 9),
        location="Punggye-ri",
        altLabels=["2006 nuclear test"],
    )
    b.rel(Rel.PERPETRATOR, test, prk)
    b.rel(Rel.MANIFESTS, test, threat)
    b.rel(Rel.THREAT_TYPE, test, concepts["NuclearWeapons"])
    launch = b.node(Kind.MISSILE_LAUNCH, ("prk-missile-2006-07-05",), "Taepodong-2 launch", date=dt.date(2006, 7, 5))
    b.rel(Rel.PERPETRATOR, launch, prk)
    b.rel(Rel.THREAT_TYPE, launch, concepts["BallisticMissiles"])

    dates = {37: dt.date(2005, 10, 21), 38: dt.date(2006, 10, 20), 39: dt.date(2007, 11, 7)}
    meetings: dict[int, str] = {}
    docs: dict[int, tuple[str, str]] = {}
    for ordinal, day, place, text in (
        (37, dt.date(2005, 10, 21), "Seoul", COMM_37),
        (38, dt.date(2006, 10, 20), "Washington", COMM_38),
        (39, dt.date(2007, 11, 7), "Seoul", COMM_39),
    ):
        m = b.node(
            Kind.SCM, ("SCM", ordinal), f"{ordinal}th SCM", date=day, ordinal=ordinal, series="SCM", location=place
        )
        b.rel(Rel.PARTICIPANT, m, kor)
        b.rel(Rel.PARTICIPANT, m, usa)
        d = b.node(
            Kind.DOCUMENT,
            (_sha(text),),
            f"Joint Communique of the {ordinal}th SCM",
            title=f"Joint Communique of the {ordinal}th SCM",
            date=day,
            docKind="communique",
            source=f"corpus/communiques/scm-{ordinal}.txt",
        )
        b.rel(Rel.ISSUED_AT, d, m)
        meetings[ordinal] = m
        docs[ordinal] = (d, text)
    b.rel(Rel.HEAD_OF_DELEGATION, meetings[38], rumsfeld)
    b.rel(Rel.HEAD_OF_DELEGATION, meetings[38], yoon)
    b.rel(Rel.PARTICIPANT, meetings[38], rumsfeld)
    b.rel(Rel.PARTICIPANT, meetings[38], yoon)

    def commitment(
        ordinal: int, sentence: str, cue: str, ctype: str, stance: str, strength: float, paragraph: int
    ) -> str:
        doc_iri, text = docs[ordinal]
        start = text.index(sentence)
        label = sentence if len(sentence) <= 90 else sentence[:87] + "..."
        c = b.node(
            Kind.COMMITMENT,
            (doc_iri, start),
            label,
            stance=stance,
            strength=strength,
            confidence=0.9,
            date=dates[ordinal],
            text=sentence,
        )
        b.rel(Rel.MADE_AT, c, meetings[ordinal])
        b.rel(Rel.COMMITTED_BY, c, usa if "Secretary" in sentence and "sides" not in sentence else kor)
        if "sides" in sentence or "Minister and the Secretary" in sentence:
            b.rel(Rel.COMMITTED_BY, c, usa)
        b.rel(Rel.BENEFICIARY, c, kor)
        b.rel(Rel.COMMITMENT_TYPE, c, concepts[ctype])
        b.mention(c, doc_iri, text, sentence, 0.9, paragraph)
        b.mention(c, doc_iri, text, cue, 0.95, paragraph)
        return c

    c37_umbrella = commitment(
        37,
        "The Secretary restated the steady commitment of the United States to keep its nuclear umbrella "
        "over the Republic of Korea.",
        "nuclear umbrella",
        "NuclearUmbrella",
        "reaffirmed",
        0.6,
        2,
    )
    commitment(
        37,
        "Both sides agreed to keep consulting on the transition of wartime operational control.",
        "wartime operational control",
        "OpconTransition",
        "new",
        0.4,
        3,
    )
    c38_ed = commitment(
        38,
        "Responding to the test, the Secretary pledged that the United States would provide extended "
        "deterrence to the Republic of Korea, including its nuclear umbrella.",
        "extended deterrence",
        "ExtendedDeterrence",
        "new",
        0.9,
        3,
    )
    c38_umbrella = commitment(
        38,
        "Responding to the test, the Secretary pledged that the United States would provide extended "
        "deterrence to the Republic of Korea, including its nuclear umbrella.",
        "nuclear umbrella",
        "NuclearUmbrella",
        "strengthened",
        0.9,
        3,
    )
    c38_ex = commitment(
        38,
        "The Minister and the Secretary agreed to expand combined exercises to raise readiness.",
        "combined exercises",
        "CombinedExercises",
        "strengthened",
        0.7,
        4,
    )
    c39_ed = commitment(
        39,
        "The Secretary reaffirmed that the United States would keep providing extended deterrence "
        "to the Republic of Korea.",
        "extended deterrence",
        "ExtendedDeterrence",
        "reaffirmed",
        0.85,
        2,
    )
    commitment(
        39,
        "The two sides confirmed that wartime operational control would transfer on April 17, 2012.",
        "wartime operational control",
        "OpconTransition",
        "strengthened",
        0.8,
        3,
    )
    for c in (c38_ed, c38_umbrella):
        b.rel(Rel.RESPONDS_TO, c, test)
        b.rel(Rel.CONCERNS, c, threat)
    b.rel(Rel.RESPONDS_TO, c38_ex, test)
    b.rel(Rel.REAFFIRMS, c39_ed, c38_ed)
    b.rel(Rel.REAFFIRMS, c38_umbrella, c37_umbrella)

    doc_38 = docs[38][0]
    b.mention(test, doc_38, COMM_38, "the nuclear test that North Korea announced on October 9, 2006", 0.92, 2)
    b.mention(meetings[38], doc_38, COMM_38, "The 38th Security Consultative Meeting met in Washington", 0.97, 1)
    b.mention(usa, doc_38, COMM_38, "United States", 0.9, 3)  # inside a commitment's sentence

    news = b.node(
        Kind.DOCUMENT,
        (_sha(NEWS),),
        "Missile launch draws comment",
        title="Missile launch draws comment",
        date=dt.date(2006, 7, 6),
        docKind="news",
        source="corpus/news/launch-comment.txt",
    )
    b.mention(launch, news, NEWS, f"read {SCRIPT_TEXT} after the launch of July 5, 2006", 0.5, 2)
    return GraphData(nodes=b.nodes, relationships=b.rels).merged()


def iri_of(graph: GraphData, kind: Kind, label: str) -> str:
    """IRI of the node of ``kind`` whose label is ``label``."""
    for node in graph.nodes:
        if node.kind == kind and node.label == label:
            return node.iri
    msg = f"no {kind.value} labelled {label!r} in the sample graph"
    raise KeyError(msg)
