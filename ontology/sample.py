"""A small, hand-written alliance graph that satisfies every shape.

Two SCMs, the sixth DPRK nuclear test, the standing nuclear threat, two
commitments (the later one reaffirming the earlier), the communiques that
record them and the mentions that evidence them. Tests, the documentation
and ``alliancekg export`` demonstrations use it; it is built with the same
IRI rules as the extractors (:func:`graph.model.make_iri`).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from graph.model import GraphData, Node, Relationship, document_iri, make_iri
from graph.schema import COMMITMENT_SCHEME, THREAT_SCHEME, Kind, Prop, Rel, Series, concept_iri

COMMUNIQUE_49 = (
    "1. The 49th Security Consultative Meeting was held in Seoul on October 28, 2017. "
    "2. The Secretary reaffirmed the continued U.S. commitment to provide extended deterrence "
    "for the Republic of Korea, using the full range of military capabilities, including the nuclear umbrella."
)
COMMUNIQUE_54 = (
    "1. The 54th Security Consultative Meeting was held in Washington, D.C. on November 3, 2022. "
    "2. Condemning the nuclear test of September 2017, the Secretary reaffirmed the ironclad U.S. commitment "
    "to extended deterrence for the Republic of Korea."
)


def _doc_iri(text: str) -> str:
    return document_iri(hashlib.sha256(text.encode("utf-8")).hexdigest())


def _mention(doc: str, text: str, fragment: str, paragraph: int, confidence: float) -> Node:
    start = text.index(fragment)
    end = start + len(fragment)
    return Node(
        iri=make_iri(Kind.MENTION, doc, start, end),
        kind=Kind.MENTION,
        label=fragment[:60],
        props={
            Prop.TEXT.value: fragment,
            Prop.CHAR_START.value: start,
            Prop.CHAR_END.value: end,
            Prop.PARAGRAPH.value: paragraph,
            Prop.CONFIDENCE.value: confidence,
            Prop.EXTRACTOR.value: "sample.v1",
        },
    )


def sample_graph() -> GraphData:
    """The sample graph (see the module notes)."""
    kor = Node(iri=make_iri(Kind.STATE, "KOR"), kind=Kind.STATE, label="Republic of Korea",
               props={Prop.SAME_AS.value: "Q884", Prop.ALT_LABELS.value: ["ROK", "South Korea"]})
    usa = Node(iri=make_iri(Kind.STATE, "USA"), kind=Kind.STATE, label="United States",
               props={Prop.SAME_AS.value: "Q30", Prop.ALT_LABELS.value: ["U.S.", "United States of America"]})
    prk = Node(iri=make_iri(Kind.STATE, "PRK"), kind=Kind.STATE, label="Democratic People's Republic of Korea",
               props={Prop.SAME_AS.value: "Q423", Prop.ALT_LABELS.value: ["DPRK", "North Korea"]})
    unsc = Node(iri=make_iri(Kind.ORGANIZATION, "UNSC"), kind=Kind.ORGANIZATION, label="UN Security Council",
                props={Prop.SAME_AS.value: "Q37470"})
    lee = Node(iri=make_iri(Kind.PERSON, "Lee Jong-sup"), kind=Kind.PERSON, label="Lee Jong-sup",
               props={Prop.ROLE.value: "Minister of National Defense"})
    austin = Node(iri=make_iri(Kind.PERSON, "Lloyd J. Austin III"), kind=Kind.PERSON, label="Lloyd J. Austin III",
                  props={Prop.ROLE.value: "Secretary of Defense"})

    scm49 = Node(iri=make_iri(Kind.SCM, Series.SCM, 49), kind=Kind.SCM, label="49th Security Consultative Meeting",
                 props={Prop.ORDINAL.value: 49, Prop.SERIES.value: Series.SCM.value,
                        Prop.DATE.value: dt.date(2017, 10, 28), Prop.LOCATION.value: "Seoul"})
    scm54 = Node(iri=make_iri(Kind.SCM, Series.SCM, 54), kind=Kind.SCM, label="54th Security Consultative Meeting",
                 props={Prop.ORDINAL.value: 54, Prop.SERIES.value: Series.SCM.value,
                        Prop.DATE.value: dt.date(2022, 11, 3), Prop.LOCATION.value: "Washington, D.C."})

    ed = Node(iri=concept_iri("ExtendedDeterrence"), kind=Kind.CONCEPT, label="Extended deterrence",
              props={Prop.SCHEME.value: COMMITMENT_SCHEME})
    umbrella = Node(iri=concept_iri("NuclearUmbrella"), kind=Kind.CONCEPT, label="Nuclear umbrella",
                    props={Prop.SCHEME.value: COMMITMENT_SCHEME})
    nuclear = Node(iri=concept_iri("NuclearWeapons"), kind=Kind.CONCEPT, label="Nuclear weapons",
                   props={Prop.SCHEME.value: THREAT_SCHEME})

    threat = Node(iri=make_iri(Kind.THREAT, "PRK", "NuclearWeapons"), kind=Kind.THREAT,
                  label="North Korean nuclear weapons programme",
                  props={Prop.DESCRIPTION.value: "Nuclear devices and the means to deliver them."})
    test6 = Node(iri=make_iri(Kind.NUCLEAR_TEST, "prk-nuclear-test-6"), kind=Kind.NUCLEAR_TEST,
                 label="Sixth North Korean nuclear test",
                 props={Prop.DATE.value: dt.date(2017, 9, 3), Prop.LOCATION.value: "Punggye-ri",
                        Prop.ESTIMATED.value: False})

    doc49_iri, doc54_iri = _doc_iri(COMMUNIQUE_49), _doc_iri(COMMUNIQUE_54)
    doc49 = Node(iri=doc49_iri, kind=Kind.DOCUMENT, label="Joint Communique of the 49th SCM",
                 props={Prop.TITLE.value: "Joint Communique of the 49th Security Consultative Meeting",
                        Prop.DATE.value: dt.date(2017, 10, 28), Prop.DOC_KIND.value: "communique",
                        Prop.TEXT.value: COMMUNIQUE_49})
    doc54 = Node(iri=doc54_iri, kind=Kind.DOCUMENT, label="Joint Communique of the 54th SCM",
                 props={Prop.TITLE.value: "Joint Communique of the 54th Security Consultative Meeting",
                        Prop.DATE.value: dt.date(2022, 11, 3), Prop.DOC_KIND.value: "communique",
                        Prop.TEXT.value: COMMUNIQUE_54, Prop.SOURCE.value: "https://www.defense.gov/"})

    m49 = _mention(doc49_iri, COMMUNIQUE_49, "reaffirmed the continued U.S. commitment to provide extended deterrence",
                   2, 0.92)
    m54 = _mention(doc54_iri, COMMUNIQUE_54, "reaffirmed the ironclad U.S. commitment to extended deterrence", 2, 0.95)
    m54_test = _mention(doc54_iri, COMMUNIQUE_54, "the nuclear test of September 2017", 2, 0.8)

    c49 = Node(iri=make_iri(Kind.COMMITMENT, doc49_iri, COMMUNIQUE_49.index("2.")), kind=Kind.COMMITMENT,
               label="U.S. extended deterrence for the ROK (49th SCM)",
               props={Prop.STANCE.value: "reaffirmed", Prop.CONFIDENCE.value: 0.92,
                      Prop.DATE.value: dt.date(2017, 10, 28), Prop.CUES.value: ["reaffirmed", "commitment"]})
    c54 = Node(iri=make_iri(Kind.COMMITMENT, doc54_iri, COMMUNIQUE_54.index("2.")), kind=Kind.COMMITMENT,
               label="U.S. extended deterrence for the ROK (54th SCM)",
               props={Prop.STANCE.value: "reaffirmed", Prop.CONFIDENCE.value: 0.95})

    nodes = [kor, usa, prk, unsc, lee, austin, scm49, scm54, ed, umbrella, nuclear, threat, test6,
             doc49, doc54, m49, m54, m54_test, c49, c54]

    def rel(kind: Rel, source: Node, target: Node, **props: str | float) -> Relationship:
        return Relationship(type=kind, source=source.iri, target=target.iri, props=dict(props))

    relationships = [
        rel(Rel.AFFILIATION, lee, kor),
        rel(Rel.AFFILIATION, austin, usa),
        rel(Rel.PARTICIPANT, scm49, kor), rel(Rel.PARTICIPANT, scm49, usa),
        rel(Rel.PARTICIPANT, scm54, kor), rel(Rel.PARTICIPANT, scm54, usa),
        rel(Rel.HEAD_OF_DELEGATION, scm54, lee, role="Minister of National Defense"),
        rel(Rel.HEAD_OF_DELEGATION, scm54, austin, role="Secretary of Defense"),
        rel(Rel.BROADER, umbrella, ed),
        rel(Rel.POSED_BY, threat, prk),
        rel(Rel.THREAT_TYPE, threat, nuclear),
        rel(Rel.PERPETRATOR, test6, prk),
        rel(Rel.MANIFESTS, test6, threat),
        rel(Rel.THREAT_TYPE, test6, nuclear),
        rel(Rel.ISSUED_AT, doc49, scm49), rel(Rel.ISSUED_AT, doc54, scm54),
        rel(Rel.WAS_DERIVED_FROM, m49, doc49), rel(Rel.WAS_DERIVED_FROM, m54, doc54),
        rel(Rel.WAS_DERIVED_FROM, m54_test, doc54),
        rel(Rel.MENTIONS, doc54, test6), rel(Rel.MENTIONS, doc54, usa),
        rel(Rel.COMMITTED_BY, c49, usa), rel(Rel.BENEFICIARY, c49, kor),
        rel(Rel.COMMITMENT_TYPE, c49, ed), rel(Rel.COMMITMENT_TYPE, c49, umbrella),
        rel(Rel.MADE_AT, c49, scm49), rel(Rel.EVIDENCE, c49, m49),
        rel(Rel.RESPONDS_TO, c49, test6, confidence=0.7), rel(Rel.CONCERNS, c49, threat),
        rel(Rel.COMMITTED_BY, c54, usa), rel(Rel.BENEFICIARY, c54, kor),
        rel(Rel.COMMITMENT_TYPE, c54, ed), rel(Rel.MADE_AT, c54, scm54),
        rel(Rel.EVIDENCE, c54, m54), rel(Rel.RESPONDS_TO, c54, test6), rel(Rel.CONCERNS, c54, threat),
        rel(Rel.REAFFIRMS, c54, c49),
        rel(Rel.EVIDENCE, test6, m54_test),
    ]
    return GraphData(nodes=nodes, relationships=relationships)
