"""The one place that spells the alliance ontology's terms.

Every node kind of the graph is an ontology class (``ak:NuclearTest``), every
relationship type is an ontology property (``ak:respondsTo``), and every node
property is an ontology datatype property. This module maps between the three
vocabularies the project speaks:

* the ontology (RDF): class and property IRIs under :data:`AK`;
* the graph model and Neo4j: node labels (one per class on the path to the
  root, e.g. ``Event:Incident:NuclearTest``) and upper-snake relationship
  types (``RESPONDS_TO``);
* the embedded store, which keeps the same kind names and relationship types.

No other module writes a label, a relationship type or an ontology term as a
string literal; they import the constants below.

The core terms are a contract (``shared/ontology-core.md``): extend, never
rename.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

AK = "https://w3id.org/alliancekg/ontology#"
"""Namespace of the alliance ontology (prefix ``ak:``)."""

DEFAULT_BASE = "https://w3id.org/alliancekg/id/"
"""Default base for instance IRIs."""

PROV = "http://www.w3.org/ns/prov#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
WD = "http://www.wikidata.org/entity/"


class Kind(StrEnum):
    """Node kinds: the ontology classes a node can be an instance of.

    The value is the class's local name in the ``ak:`` namespace and also the
    most specific Neo4j label of the node.
    """

    ACTOR = "Actor"
    STATE = "State"
    ORGANIZATION = "Organization"
    PERSON = "Person"
    EVENT = "Event"
    MEETING = "Meeting"
    SCM = "SecurityConsultativeMeeting"
    INCIDENT = "Incident"
    NUCLEAR_TEST = "NuclearTest"
    MISSILE_LAUNCH = "MissileLaunch"
    ARMED_PROVOCATION = "ArmedProvocation"
    CYBER_OPERATION = "CyberOperation"
    CRISIS = "Crisis"
    EXERCISE = "Exercise"
    COMMITMENT = "Commitment"
    AGREEMENT = "Agreement"
    THREAT = "Threat"
    DOCUMENT = "Document"
    MENTION = "Mention"
    CONCEPT = "Concept"
    """A SKOS concept of the commitment-type or threat-type scheme."""


PARENT: dict[Kind, Kind | None] = {
    Kind.ACTOR: None,
    Kind.STATE: Kind.ACTOR,
    Kind.ORGANIZATION: Kind.ACTOR,
    Kind.PERSON: Kind.ACTOR,
    Kind.EVENT: None,
    Kind.MEETING: Kind.EVENT,
    Kind.SCM: Kind.MEETING,
    Kind.INCIDENT: Kind.EVENT,
    Kind.NUCLEAR_TEST: Kind.INCIDENT,
    Kind.MISSILE_LAUNCH: Kind.INCIDENT,
    Kind.ARMED_PROVOCATION: Kind.INCIDENT,
    Kind.CYBER_OPERATION: Kind.INCIDENT,
    Kind.CRISIS: Kind.INCIDENT,
    Kind.EXERCISE: Kind.EVENT,
    Kind.COMMITMENT: None,
    Kind.AGREEMENT: Kind.COMMITMENT,
    Kind.THREAT: None,
    Kind.DOCUMENT: None,
    Kind.MENTION: None,
    Kind.CONCEPT: None,
}
"""Direct superclass of each kind inside the ``ak:`` hierarchy (None for roots)."""


def lineage(kind: Kind) -> list[Kind]:
    """Return the kinds from the root down to ``kind``.

    >>> [k.value for k in lineage(Kind.NUCLEAR_TEST)]
    ['Event', 'Incident', 'NuclearTest']
    """
    chain: list[Kind] = []
    current: Kind | None = kind
    while current is not None:
        chain.append(current)
        current = PARENT[current]
    return list(reversed(chain))


def labels(kind: Kind) -> list[str]:
    """Neo4j labels of a node of ``kind`` (root first)."""
    return [k.value for k in lineage(kind)]


def is_a(kind: Kind, ancestor: Kind) -> bool:
    """True when ``kind`` is ``ancestor`` or one of its subclasses."""
    return ancestor in lineage(kind)


def subkinds(ancestor: Kind) -> list[Kind]:
    """Every kind that is ``ancestor`` or below it."""
    return [k for k in Kind if is_a(k, ancestor)]


LOADING_LABEL = "Loading"
"""Extra Neo4j label of a Document node whose load has not finished (not an ontology class).

A load too large for one transaction puts it on the document's nodes first
and takes it off in its last transaction, so a load cut short leaves the mark
and the next ingest loads the document again. Labels are not properties: the
mark never reaches the graph model or the RDF export.
"""

NODE_LABEL = "Node"
"""Extra Neo4j label carried by every node of the graph (not an ontology class).

It has its own uniqueness constraint on ``iri``, so any node can be found by
IRI through one index without knowing its kind; the Neo4j store merges and
matches nodes on ``(:Node {iri: ...})``. The embedded store and RDF ignore it.
"""


class SearchKey(StrEnum):
    """Extra Neo4j properties that let a text index serve the case-insensitive search (not ontology terms).

    Written with every node by the Neo4j store (lower-cased by Python's
    ``str.lower``, as the embedded store lowers what it searches, so both
    stores match the same texts), filled in for nodes written without them
    by ``Neo4jStore.ensure_schema``, and dropped when a node is read back:
    they never reach the graph model or the RDF export.
    """

    NAME = "searchName"
    """Every node: its ``label``, lower-cased."""
    ALIASES = "searchAliases"
    """A node with ``altLabels``: each alias lower-cased, in the same order."""
    ALIAS_TEXT = "searchAliasText"
    """The same aliases joined by :data:`SEARCH_KEY_SEPARATOR` (a list cannot be text-indexed)."""
    TEXT = "searchText"
    """A Mention: its ``text``, lower-cased."""


SEARCH_KEY_SEPARATOR = "\x1f"
"""Joins the aliases of :attr:`SearchKey.ALIAS_TEXT` (the unit separator; a match is checked alias by alias)."""


class Rel(StrEnum):
    """Relationship types (Neo4j spelling) of the ontology's object properties."""

    PARTICIPANT = "PARTICIPANT"
    ISSUED_AT = "ISSUED_AT"
    COMMITTED_BY = "COMMITTED_BY"
    BENEFICIARY = "BENEFICIARY"
    COMMITMENT_TYPE = "COMMITMENT_TYPE"
    MADE_AT = "MADE_AT"
    RESPONDS_TO = "RESPONDS_TO"
    CONCERNS = "CONCERNS"
    REAFFIRMS = "REAFFIRMS"
    PERPETRATOR = "PERPETRATOR"
    THREAT_TYPE = "THREAT_TYPE"
    POSED_BY = "POSED_BY"
    MANIFESTS = "MANIFESTS"
    EVIDENCE = "EVIDENCE"
    WAS_DERIVED_FROM = "WAS_DERIVED_FROM"
    MENTIONS = "MENTIONS"
    """Document -> any node it mentions (``dcterms:references``)."""
    HEAD_OF_DELEGATION = "HEAD_OF_DELEGATION"
    """Meeting -> Person who led a delegation (sub-property of participant)."""
    AFFILIATION = "AFFILIATION"
    """Person -> the State or Organization they act for."""
    BROADER = "BROADER"
    """Concept -> broader Concept (``skos:broader``)."""
    REPORTS = "REPORTS"
    """Reported Commitment -> the primary Commitment of the same meeting, type and party it reports."""


@dataclass(frozen=True)
class RelSpec:
    """How a relationship type is written in RDF."""

    iri: str
    domain: tuple[Kind, ...]
    range: tuple[Kind, ...]


REL_SPECS: dict[Rel, RelSpec] = {
    Rel.PARTICIPANT: RelSpec(AK + "participant", (Kind.MEETING, Kind.EXERCISE), (Kind.ACTOR,)),
    Rel.ISSUED_AT: RelSpec(AK + "issuedAt", (Kind.DOCUMENT,), (Kind.MEETING,)),
    Rel.COMMITTED_BY: RelSpec(AK + "committedBy", (Kind.COMMITMENT,), (Kind.ACTOR,)),
    Rel.BENEFICIARY: RelSpec(AK + "beneficiary", (Kind.COMMITMENT,), (Kind.ACTOR,)),
    Rel.COMMITMENT_TYPE: RelSpec(AK + "commitmentType", (Kind.COMMITMENT,), (Kind.CONCEPT,)),
    Rel.MADE_AT: RelSpec(AK + "madeAt", (Kind.COMMITMENT,), (Kind.MEETING,)),
    Rel.RESPONDS_TO: RelSpec(AK + "respondsTo", (Kind.COMMITMENT,), (Kind.INCIDENT, Kind.THREAT)),
    Rel.CONCERNS: RelSpec(AK + "concerns", (Kind.COMMITMENT,), (Kind.THREAT,)),
    Rel.REAFFIRMS: RelSpec(AK + "reaffirms", (Kind.COMMITMENT,), (Kind.COMMITMENT,)),
    Rel.PERPETRATOR: RelSpec(AK + "perpetrator", (Kind.INCIDENT,), (Kind.ACTOR,)),
    Rel.THREAT_TYPE: RelSpec(AK + "threatType", (Kind.THREAT, Kind.INCIDENT), (Kind.CONCEPT,)),
    Rel.POSED_BY: RelSpec(AK + "posedBy", (Kind.THREAT,), (Kind.ACTOR,)),
    Rel.MANIFESTS: RelSpec(AK + "manifests", (Kind.INCIDENT,), (Kind.THREAT,)),
    Rel.EVIDENCE: RelSpec(AK + "evidence", (), (Kind.MENTION,)),
    Rel.WAS_DERIVED_FROM: RelSpec(PROV + "wasDerivedFrom", (Kind.MENTION,), (Kind.DOCUMENT,)),
    Rel.MENTIONS: RelSpec(DCTERMS + "references", (Kind.DOCUMENT,), ()),
    Rel.HEAD_OF_DELEGATION: RelSpec(AK + "headOfDelegation", (Kind.MEETING,), (Kind.PERSON,)),
    Rel.AFFILIATION: RelSpec(AK + "affiliation", (Kind.PERSON,), (Kind.STATE, Kind.ORGANIZATION)),
    Rel.BROADER: RelSpec(SKOS + "broader", (Kind.CONCEPT,), (Kind.CONCEPT,)),
    Rel.REPORTS: RelSpec(AK + "reports", (Kind.COMMITMENT,), (Kind.COMMITMENT,)),
}


class Prop(StrEnum):
    """Node and relationship property names (the ontology's local names).

    ``iri``, ``kind`` and ``label`` are structural: every node has them.
    """

    IRI = "iri"
    KIND = "kind"
    LABEL = "label"
    DATE = "date"
    END_DATE = "endDate"
    ORDINAL = "ordinal"
    SERIES = "series"
    LOCATION = "location"
    STANCE = "stance"
    STRENGTH = "strength"
    CONFIDENCE = "confidence"
    TEXT = "text"
    CHAR_START = "charStart"
    CHAR_END = "charEnd"
    PARAGRAPH = "paragraph"
    PAGE = "page"
    EXTRACTOR = "extractor"
    ROLE = "role"
    ALT_LABELS = "altLabels"
    SAME_AS = "sameAs"
    TITLE = "title"
    SOURCE = "source"
    DOC_KIND = "docKind"
    DESCRIPTION = "description"
    ESTIMATED = "estimated"
    SCHEME = "scheme"
    NOTATION = "notation"
    CUES = "cues"
    RETRIEVED = "retrieved"
    SOURCE_ROLE = "sourceRole"
    """Commitment: ``primary`` (a record of its meeting states it) or ``reported`` (only secondary texts)."""
    FROM_REFERENCE = "fromReference"
    """Meeting: the names of its properties (:data:`FROM_REFERENCE_VALUES`) whose values the series
    reference (``graph/data/series.json``) supplied because the text did not state them; absent when the text
    states them all. Written by the extraction that wrote those values."""


PROP_IRIS: dict[Prop, str] = {
    Prop.LABEL: "http://www.w3.org/2000/01/rdf-schema#label",
    Prop.SAME_AS: "http://www.w3.org/2002/07/owl#sameAs",
    Prop.TITLE: DCTERMS + "title",
    Prop.SOURCE: DCTERMS + "source",
    Prop.RETRIEVED: PROV + "generatedAtTime",
    Prop.DESCRIPTION: DCTERMS + "description",
    Prop.ALT_LABELS: SKOS + "altLabel",
    Prop.NOTATION: SKOS + "notation",
}
"""Properties written with a term of another vocabulary; the rest are ``ak:``."""


def prop_iri(prop: Prop) -> str:
    """RDF predicate IRI of a node property."""
    return PROP_IRIS.get(prop, AK + prop.value)


STANCES: tuple[str, ...] = ("new", "reaffirmed", "strengthened", "weakened", "suspended")
"""Allowed values of ``ak:stance``."""

FROM_REFERENCE_VALUES: tuple[str, ...] = (
    Prop.ORDINAL.value,
    Prop.DATE.value,
    Prop.END_DATE.value,
    Prop.SERIES.value,
    Prop.LOCATION.value,
)
"""Allowed values of ``ak:fromReference``: the meeting properties the series reference may supply."""

class Series(StrEnum):
    """Values of the ``series`` property of meetings: which body or format met."""

    SCM = "SCM"
    """ROK-US Security Consultative Meeting (the defense ministers)."""
    MCM = "MCM"
    """ROK-US Military Committee Meeting (the chairmen of the joint chiefs)."""
    SUMMIT = "Summit"
    """The two heads of state or government."""
    TWO_PLUS_TWO = "2+2"
    """Foreign and defense ministers of both countries together."""
    TRILATERAL = "Trilateral"
    """With Japan (or another third party)."""
    NCG = "NCG"
    """ROK-US Nuclear Consultative Group."""
    EDSCG = "EDSCG"
    """ROK-US Extended Deterrence Strategy and Consultation Group."""
    OTHER = "Other"
    """Any other body (a working group, a consultative group)."""


MEETING_SERIES: tuple[str, ...] = tuple(s.value for s in Series)
"""The values of :class:`Series`, in order."""

DOC_KINDS: tuple[str, ...] = ("communique", "joint_statement", "news", "study", "other")
"""Values of the ``docKind`` property of documents."""

SECONDARY_DOC_KINDS: frozenset[str] = frozenset({"news", "study"})
"""Document kinds that are never the record of a meeting: they report what others said."""

PRIMARY_ROLE = "primary"
REPORTED_ROLE = "reported"
SOURCE_ROLES: tuple[str, ...] = (PRIMARY_ROLE, REPORTED_ROLE)
"""Values of ``sourceRole``: made in a record of its meeting, or reported by another text."""

COMMITMENT_SCHEME = AK + "CommitmentTypes"
THREAT_SCHEME = AK + "ThreatTypes"


COMMITMENT_TYPES: tuple[str, ...] = (
    "MutualDefense",
    "ExtendedDeterrence",
    "NuclearUmbrella",
    "ForcePresence",
    "OpconTransition",
    "CombinedExercises",
    "MissileDefense",
    "CostSharing",
    "ConsultationMechanism",
    "RegionalCooperation",
    "TrilateralCooperation",
    "SpaceCooperation",
    "CyberCooperation",
    "EconomicSecurity",
    "SanctionsEnforcement",
    "Denuclearization",
    "DefenseIndustryCooperation",
    "DeclaratoryPolicy",
    "BridgingCapabilities",
    "NuclearConsultation",
    "ArmisticeSupport",
    "GlobalSecurityCooperation",
    "AllianceCooperation",
    "PeaceAndUnification",
)
"""Local names of the concepts of ``ak:CommitmentTypes`` (labels, alt labels
and ``skos:broader`` live in ``ontology/alliance.ttl``)."""

THREAT_TYPES: tuple[str, ...] = (
    "NuclearWeapons",
    "BallisticMissiles",
    "CyberThreat",
    "ChemicalBiological",
    "ConventionalProvocation",
    "Proliferation",
    "RegionalCoercion",
)
"""Local names of the concepts of ``ak:ThreatTypes``."""


def concept_iri(local_name: str) -> str:
    """IRI of a commitment-type or threat-type concept (``ak:`` namespace)."""
    return AK + local_name


def concept_local_name(iri: str) -> str:
    """Inverse of :func:`concept_iri`."""
    return iri.removeprefix(AK)
