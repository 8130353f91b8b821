"""A small, hand-built alliance graph for the analytics tests (no tests here).

Four SCMs (36th-39th, 2004-2007), two summits, three incidents (a missile
launch and two nuclear tests), a standing threat, and the commitments of
each meeting with their concepts, parties, stance, strength, evidence
mentions and documents. What the tests rely on:

* the first nuclear test (2006-10-09) is followed by the 38th SCM
  (2006-10-20, lag 11 days); there, extended deterrence is new and answers the
  test explicitly, the nuclear umbrella is strengthened (0.6 -> 0.9), combined
  exercises are strengthened (stance), force presence is reaffirmed, wartime
  OPCON transition and denuclearisation are new, and missile defence (KOR+USA)
  and cost sharing (KOR), stated at the 37th SCM, are dropped;
* at the 39th SCM the nuclear umbrella and denuclearisation are dropped,
  force presence is weakened, missile defence comes back (reaffirmed);
* the next summit after the test is 558 days later (outside a 400-day window).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from graph.model import GraphData, Node, Relationship, make_iri
from graph.schema import Kind, Prop, Rel, concept_iri

D = dt.date

STATES = {"KOR": "Republic of Korea", "USA": "United States", "PRK": "Democratic People's Republic of Korea"}
CONCEPT_LABELS = {
    "ExtendedDeterrence": "Extended deterrence",
    "NuclearUmbrella": "Nuclear umbrella",
    "ForcePresence": "Force presence",
    "CombinedExercises": "Combined exercises",
    "MissileDefense": "Missile defense",
    "OpconTransition": "Wartime OPCON transition",
    "CostSharing": "Cost sharing",
    "Denuclearization": "Denuclearization",
    "MutualDefense": "Mutual defense",
    "NuclearWeapons": "Nuclear weapons",
    "BallisticMissiles": "Ballistic missiles",
}
THREAT_LOCALS = {"NuclearWeapons", "BallisticMissiles"}


def state_iri(code: str) -> str:
    return make_iri(Kind.STATE, code)


def scm_iri(ordinal: int) -> str:
    return make_iri(Kind.SCM, "SCM", ordinal)


def summit_iri(day: dt.date) -> str:
    return make_iri(Kind.MEETING, "Summit", day)


INCIDENTS = {
    "taepodong-2-launch-2006": (Kind.MISSILE_LAUNCH, D(2006, 7, 5), "Taepodong-2 launch",
                                ["July 2006 missile launches"], "BallisticMissiles"),
    "prk-nuclear-test-1": (Kind.NUCLEAR_TEST, D(2006, 10, 9), "First North Korean nuclear test",
                           ["first nuclear test", "October 2006 nuclear test"], "NuclearWeapons"),
    "prk-nuclear-test-2": (Kind.NUCLEAR_TEST, D(2009, 5, 25), "Second North Korean nuclear test",
                           ["second nuclear test", "May 2009 nuclear test"], "NuclearWeapons"),
}


def incident_iri(catalogue_id: str) -> str:
    return make_iri(INCIDENTS[catalogue_id][0], catalogue_id)


THREAT_IRI = make_iri(Kind.THREAT, "PRK", "NuclearWeapons")

# (meeting key, types, parties, stance, strength, text, responds_to, concerns)
Pledge = tuple[str, tuple[str, ...], tuple[str, ...], str, float, str, tuple[str, ...], tuple[str, ...]]

MEETINGS: dict[str, tuple[Kind, str, int | None, dt.date, str]] = {
    "scm36": (Kind.SCM, "36th Security Consultative Meeting", 36, D(2004, 10, 22), "Washington, D.C."),
    "scm37": (Kind.SCM, "37th Security Consultative Meeting", 37, D(2005, 10, 21), "Seoul"),
    "scm38": (Kind.SCM, "38th Security Consultative Meeting", 38, D(2006, 10, 20), "Washington, D.C."),
    "scm39": (Kind.SCM, "39th Security Consultative Meeting", 39, D(2007, 11, 7), "Seoul"),
    "summit2005": (Kind.MEETING, "Gyeongju summit", None, D(2005, 11, 17), "Gyeongju"),
    "summit2008": (Kind.MEETING, "Camp David summit", None, D(2008, 4, 19), "Camp David"),
}

NT1 = "prk-nuclear-test-1"

PLEDGES: list[Pledge] = [
    ("scm36", ("NuclearUmbrella",), ("USA",), "reaffirmed", 0.6,
     "The Secretary reaffirmed the continued provision of the nuclear umbrella to the Republic of Korea.", (), ()),
    ("scm36", ("ForcePresence",), ("USA",), "reaffirmed", 0.5,
     "Both sides agreed that U.S. forces in Korea remain essential to stability on the peninsula.", (), ()),
    ("scm36", ("CombinedExercises",), ("KOR", "USA"), "reaffirmed", 0.5,
     "The ministers pledged to keep combined exercises at their present scale.", (), ()),
    ("scm36", ("CostSharing",), ("KOR",), "reaffirmed", 0.5,
     "The Minister stated that the ROK would continue to share the stationing costs.", (), ()),
    ("scm37", ("NuclearUmbrella",), ("USA",), "reaffirmed", 0.6,
     "The Secretary again assured the Minister of the U.S. nuclear umbrella.", (), ()),
    ("scm37", ("ForcePresence",), ("USA",), "reaffirmed", 0.5,
     "The two sides confirmed the present level of U.S. forces in Korea.", (), ()),
    ("scm37", ("CombinedExercises",), ("KOR", "USA"), "reaffirmed", 0.5,
     "They agreed to continue combined exercises.", (), ()),
    ("scm37", ("MissileDefense",), ("KOR", "USA"), "new", 0.4,
     "The ministers agreed to study cooperation on missile defense.", (), ()),
    ("scm37", ("CostSharing",), ("KOR",), "reaffirmed", 0.5,
     "The ROK will keep paying its share of the costs of U.S. forces.", (), ()),
    ("scm38", ("ExtendedDeterrence", "NuclearUmbrella"), ("USA",), "strengthened", 0.9,
     "In response to the nuclear test, the Secretary offered firm assurances of extended deterrence under the "
     "U.S. nuclear umbrella.", (NT1,), ("threat",)),
    ("scm38", ("ForcePresence",), ("USA",), "reaffirmed", 0.5,
     "The Secretary confirmed that U.S. forces in Korea stay at their present level.", (), ()),
    ("scm38", ("CombinedExercises",), ("KOR", "USA"), "strengthened", 0.6,
     "The ministers decided to enhance combined exercises to deter further provocations.", (), ()),
    ("scm38", ("OpconTransition",), ("KOR", "USA"), "new", 0.6,
     "The ministers agreed to transfer wartime operational control to the ROK after 2009.", (), ()),
    ("scm38", ("Denuclearization",), ("KOR", "USA"), "reaffirmed", 0.5,
     "Both sides called for the complete denuclearization of the peninsula.", (), ("threat",)),
    ("scm39", ("ExtendedDeterrence",), ("USA",), "reaffirmed", 0.9,
     "The Secretary reaffirmed the provision of extended deterrence.", (), ()),
    ("scm39", ("ForcePresence",), ("USA",), "weakened", 0.4,
     "The Secretary explained that U.S. forces in Korea would be reduced in line with the agreed plan.", (), ()),
    ("scm39", ("CombinedExercises",), ("KOR", "USA"), "reaffirmed", 0.6,
     "They agreed to keep combined exercises at the enhanced level.", (), ()),
    ("scm39", ("OpconTransition",), ("KOR", "USA"), "reaffirmed", 0.6,
     "The ministers confirmed the schedule for the transfer of wartime operational control.", (), ()),
    ("scm39", ("MissileDefense",), ("KOR", "USA"), "reaffirmed", 0.4,
     "The two sides agreed to continue their study of missile defense.", (), ()),
    ("summit2005", ("MutualDefense",), ("KOR", "USA"), "reaffirmed", 0.6,
     "The presidents reaffirmed the Mutual Defense Treaty.", (), ()),
    ("summit2008", ("MutualDefense",), ("KOR", "USA"), "strengthened", 0.8,
     "The presidents agreed to develop the alliance into a strategic alliance for the twenty-first century.", (), ()),
]


@dataclass
class Fixture:
    """The graph and the IRIs tests look up."""

    data: GraphData
    commitments: dict[tuple[str, str], str] = field(default_factory=dict)
    """(meeting key, first type) -> commitment IRI."""
    meetings: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)


def build_fixture() -> Fixture:
    """The hand-built graph (deterministic)."""
    nodes: list[Node] = []
    rels: list[Relationship] = []
    fx = Fixture(data=GraphData())

    def rel(rtype: Rel, source: str, target: str) -> None:
        rels.append(Relationship(type=rtype, source=source, target=target))

    for code, label in STATES.items():
        nodes.append(Node(iri=state_iri(code), kind=Kind.STATE, label=label, props={Prop.ALT_LABELS.value: [code]}))
    for local, label in CONCEPT_LABELS.items():
        scheme = "ThreatTypes" if local in THREAT_LOCALS else "CommitmentTypes"
        nodes.append(Node(iri=concept_iri(local), kind=Kind.CONCEPT, label=label,
                          props={Prop.SCHEME.value: "https://w3id.org/alliancekg/ontology#" + scheme}))
    nodes.append(Node(iri=THREAT_IRI, kind=Kind.THREAT, label="North Korean nuclear weapons programme"))
    rel(Rel.THREAT_TYPE, THREAT_IRI, concept_iri("NuclearWeapons"))
    rel(Rel.POSED_BY, THREAT_IRI, state_iri("PRK"))
    for cid, (kind, day, label, aliases, threat_type) in INCIDENTS.items():
        iri = incident_iri(cid)
        nodes.append(Node(iri=iri, kind=kind, label=label,
                          props={Prop.DATE.value: day, Prop.ESTIMATED.value: False, Prop.ALT_LABELS.value: aliases}))
        rel(Rel.PERPETRATOR, iri, state_iri("PRK"))
        rel(Rel.THREAT_TYPE, iri, concept_iri(threat_type))
        if threat_type == "NuclearWeapons":
            rel(Rel.MANIFESTS, iri, THREAT_IRI)
    # a meeting the texts mention but no document records: never a baseline
    mcm = make_iri(Kind.MEETING, "MCM", 28)
    nodes.append(Node(iri=mcm, kind=Kind.MEETING, label="28th Military Committee Meeting",
                      props={Prop.SERIES.value: "MCM", Prop.ORDINAL.value: 28, Prop.DATE.value: D(2006, 10, 19)}))
    for key, (kind, label, ordinal, day, location) in MEETINGS.items():
        iri = scm_iri(ordinal) if kind == Kind.SCM and ordinal is not None else summit_iri(day)
        fx.meetings[key] = iri
        props: dict[str, object] = {Prop.DATE.value: day, Prop.LOCATION.value: location,
                                    Prop.SERIES.value: "SCM" if kind == Kind.SCM else "Summit"}
        if ordinal is not None:
            props[Prop.ORDINAL.value] = ordinal
        nodes.append(Node(iri=iri, kind=kind, label=label, props=props))
        rel(Rel.PARTICIPANT, iri, state_iri("KOR"))
        rel(Rel.PARTICIPANT, iri, state_iri("USA"))
        doc_text = " ".join(p[5] for p in PLEDGES if p[0] == key)
        doc = make_iri(Kind.DOCUMENT, f"{key}:{doc_text}")
        fx.documents[key] = doc
        nodes.append(Node(iri=doc, kind=Kind.DOCUMENT, label=f"Joint communique of the {label}", props={
            Prop.TITLE.value: f"Joint Communique, {label}", Prop.DATE.value: day,
            Prop.DOC_KIND.value: "communique" if kind == Kind.SCM else "joint_statement",
            Prop.SOURCE.value: f"communiques/{key}.txt", Prop.TEXT.value: doc_text,
        }))
        rel(Rel.ISSUED_AT, doc, iri)
    offsets: dict[str, int] = {}
    paragraphs: dict[str, int] = {}
    for key, types, parties, stance, strength, text, responds, concerns in PLEDGES:
        doc = fx.documents[key]
        start = offsets.get(key, 0)
        offsets[key] = start + len(text) + 1
        paragraphs[key] = paragraphs.get(key, 0) + 1
        iri = make_iri(Kind.COMMITMENT, doc, start)
        fx.commitments[(key, types[0])] = iri
        day = MEETINGS[key][3]
        nodes.append(Node(iri=iri, kind=Kind.COMMITMENT, label=text[:80], props={
            Prop.STANCE.value: stance, Prop.STRENGTH.value: strength, Prop.DATE.value: day,
            Prop.CONFIDENCE.value: 0.9, Prop.CUES.value: [stance],
        }))
        for local in types:
            rel(Rel.COMMITMENT_TYPE, iri, concept_iri(local))
        for code in parties:
            rel(Rel.COMMITTED_BY, iri, state_iri(code))
        rel(Rel.MADE_AT, iri, fx.meetings[key])
        for cid in responds:
            rel(Rel.RESPONDS_TO, iri, incident_iri(cid))
        if concerns:
            rel(Rel.CONCERNS, iri, THREAT_IRI)
        mention = make_iri(Kind.MENTION, doc, start, start + len(text))
        nodes.append(Node(iri=mention, kind=Kind.MENTION, label=text[:40], props={
            Prop.TEXT.value: text, Prop.CHAR_START.value: start, Prop.CHAR_END.value: start + len(text),
            Prop.PARAGRAPH.value: paragraphs[key], Prop.CONFIDENCE.value: 0.9,
        }))
        rel(Rel.EVIDENCE, iri, mention)
        rel(Rel.WAS_DERIVED_FROM, mention, doc)
    # the extractor's own lineage link for one restatement
    rel(Rel.REAFFIRMS, fx.commitments[("scm39", "ExtendedDeterrence")], fx.commitments[("scm38", "ExtendedDeterrence")])
    fx.data = GraphData(nodes=nodes, relationships=rels)
    return fx
