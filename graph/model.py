"""Typed records of the graph: nodes, relationships, a graph batch.

Both stores exchange only these models. A node carries its most specific
:class:`~graph.schema.Kind`; its Neo4j labels and RDF classes follow from it
(:mod:`graph.schema`). Properties are plain values that Neo4j, JSON and RDF
can all hold without loss: str, int, float, bool, :class:`datetime.date`, and
homogeneous lists of str, int or float.

Identity is the IRI. IRIs are derived from content (:func:`make_iri`), never
from load order, so the same fact extracted twice, anywhere, gets the same
IRI. A relationship is identified by ``(source, type, target)``: there is at
most one relationship of a type between two nodes, as in RDF.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from graph.schema import DEFAULT_BASE, PRIMARY_ROLE, REPORTED_ROLE, SECONDARY_DOC_KINDS, Kind, Prop, Rel

Scalar = str | int | float | bool | dt.date
PropertyValue = Scalar | list[str] | list[int] | list[float]
"""Values a node or relationship property may hold."""

Properties = dict[str, PropertyValue]

_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
_SLUG_MAX = 60


def slugify(text: str) -> str:
    """ASCII slug of ``text`` for readable IRIs; may be empty.

    >>> slugify("Republic of Korea (ROK) — “Seoul”")
    'republic-of-korea-rok-seoul'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_CHARS.sub("-", folded.lower()).strip("-")
    return slug[:_SLUG_MAX].rstrip("-")


def content_key(*parts: object) -> str:
    """Canonical text of the parts that identify a fact (order matters).

    Strings are NFC-normalised, case-folded and whitespace-collapsed, so the
    same fact written with different spacing or case gets the same key.
    """
    canon: list[str] = []
    for part in parts:
        if isinstance(part, dt.date):
            canon.append(part.isoformat())
        elif part is None:
            canon.append("")
        else:
            text = unicodedata.normalize("NFC", str(part))
            canon.append(" ".join(text.casefold().split()))
    return "\x1f".join(canon)


def make_iri(kind: Kind, *key_parts: object, base: str = DEFAULT_BASE) -> str:
    """Stable, valid IRI of a node of ``kind`` identified by ``key_parts``.

    The IRI is ``{base}{kind-path}/{slug}-{hash}``: the slug keeps it readable
    and the hash (of the canonical key, see :func:`content_key`) keeps it
    unique and valid whatever the input's script or punctuation.

    >>> make_iri(Kind.STATE, "United States")
    'https://w3id.org/alliancekg/id/state/united-states-...'
    """
    key = content_key(kind.value, *key_parts)
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
    readable = next((slugify(str(p)) for p in key_parts if p is not None and slugify(str(p))), "")
    local = f"{readable}-{digest}" if readable else digest
    return f"{base}{kind_path(kind)}/{local}"


def document_iri(sha256: str, base: str = DEFAULT_BASE) -> str:
    """THE IRI of a document: derived from the SHA-256 of its normalised text.

    >>> document_iri("ab" * 32) == make_iri(Kind.DOCUMENT, "ab" * 32)
    True
    """
    return make_iri(Kind.DOCUMENT, sha256, base=base)


def span_iri_factory(kind: Kind, owner: str, base: str = DEFAULT_BASE) -> Callable[..., str]:
    """``make_iri(kind, owner, *offsets)`` for many integer offsets of one owner.

    Mentions and commitments are keyed by their document's IRI plus character
    offsets; this computes the owner's part of the key and of the slug once,
    so that the per-span cost is one hash. The result equals :func:`make_iri`.

    >>> f = span_iri_factory(Kind.MENTION, "doc")
    >>> f(3, 9) == make_iri(Kind.MENTION, "doc", 3, 9)
    True
    """
    readable = slugify(owner)
    if not readable:
        return lambda *offsets: make_iri(kind, owner, *offsets, base=base)
    key_prefix = content_key(kind.value, owner) + "\x1f"
    iri_prefix = f"{base}{kind_path(kind)}/{readable}-"
    sha256 = hashlib.sha256

    def iri(*offsets: int) -> str:
        if len(offsets) == 2:  # a mention's (start, end): the common case, without the generic join
            key = f"{key_prefix}{offsets[0]}\x1f{offsets[1]}"
        else:
            key = key_prefix + "\x1f".join(map(str, offsets))
        return iri_prefix + sha256(key.encode("utf-8")).hexdigest()[:12]

    return iri


def source_role(documents: Iterable[tuple[str | None, Collection[str]]], meeting: str | None) -> str:
    """THE rule of a commitment's source role, from the documents that state it.

    Args:
        documents: ``(docKind, meetings it is ISSUED_AT)`` of each document that mentions it.
        meeting: the meeting it was made at (None: none).

    Returns:
        ``primary`` when one of the documents records its meeting (ISSUED_AT it and not
        news or a study), or, made at no meeting, is neither news nor a study, or when no
        document is linked; ``reported`` otherwise.

    >>> source_role([("study", ()), ("communique", {"m38"})], "m38")
    'primary'
    >>> source_role([("communique", {"m39"})], "m38")
    'reported'
    """
    seen = False
    for kind, issued_at in documents:
        seen = True
        if kind in SECONDARY_DOC_KINDS:
            continue
        if meeting is None or meeting in issued_at:
            return PRIMARY_ROLE
    return REPORTED_ROLE if seen else PRIMARY_ROLE


def kind_path(kind: Kind) -> str:
    """Path segment for IRIs of ``kind``: ``NuclearTest`` -> ``nuclear-test``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", kind.value).lower()


def _check_value(name: str, value: Any) -> PropertyValue:
    if isinstance(value, bool | int | float | str | dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, list | tuple):
        items = list(value)
        kinds = {type(v) for v in items}
        if not items or kinds <= {str} or kinds <= {int} or kinds <= {float, int}:
            if kinds == {float, int}:
                return [float(v) for v in items]
            return items
        found = sorted(t.__name__ for t in kinds)
        msg = f"property {name!r}: a list must hold only str, only int or only float, got {found}"
        raise ValueError(msg)
    msg = f"property {name!r}: unsupported value type {type(value).__name__}"
    raise ValueError(msg)


class Node(BaseModel):
    """A node of the graph: an instance of one ontology class.

    Attributes:
        iri: stable identifier (see :func:`make_iri`).
        kind: most specific ontology class.
        label: human-readable name (``rdfs:label``).
        props: further properties, keyed by :class:`~graph.schema.Prop` values.
    """

    model_config = ConfigDict(extra="forbid")

    iri: str
    kind: Kind
    label: str
    props: Properties = Field(default_factory=dict)

    @field_validator("props", mode="before")
    @classmethod
    def _valid_props(cls, value: Any) -> Any:
        # "before": check the raw values, so None is dropped and bytes or sets are refused, not coerced
        if not isinstance(value, dict):
            return value
        reserved = {Prop.IRI.value, Prop.KIND.value, Prop.LABEL.value}
        out: Properties = {}
        for name, item in value.items():
            if name in reserved:
                msg = f"property {name!r} is structural; set it on the node itself"
                raise ValueError(msg)
            if item is None:
                continue
            out[name] = _check_value(name, item)
        return out

    @property
    def date(self) -> dt.date | None:
        """The node's ``date`` property, if it has one."""
        value = self.props.get(Prop.DATE.value)
        return value if isinstance(value, dt.date) else None

    def flat(self) -> dict[str, PropertyValue]:
        """All properties including ``iri``, ``kind`` and ``label``."""
        return {Prop.IRI.value: self.iri, Prop.KIND.value: self.kind.value, Prop.LABEL.value: self.label, **self.props}


class Relationship(BaseModel):
    """A directed, typed relationship between two nodes, identified by its ends and type."""

    model_config = ConfigDict(extra="forbid")

    type: Rel
    source: str
    target: str
    props: Properties = Field(default_factory=dict)

    @field_validator("props", mode="before")
    @classmethod
    def _valid_props(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return {k: _check_value(k, v) for k, v in value.items() if v is not None}

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of the relationship: ``(source, type, target)``."""
        return (self.source, self.type.value, self.target)


class GraphData(BaseModel):
    """A batch of nodes and relationships (an extraction result, a subgraph)."""

    model_config = ConfigDict(extra="forbid")

    nodes: list[Node] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)

    def node_map(self) -> dict[str, Node]:
        """Nodes by IRI (later duplicates win, see :meth:`merged`)."""
        return {n.iri: n for n in self.nodes}

    def merged(self) -> GraphData:
        """The same batch with duplicate nodes and relationships merged.

        Properties of repeated nodes are combined (later values win), so that
        a batch never carries two records of one IRI.
        """
        nodes: dict[str, Node] = {}
        for node in self.nodes:
            seen = nodes.get(node.iri)
            if seen is None:
                nodes[node.iri] = node.model_copy(deep=True)
            else:
                seen.props.update(node.props)
                if node.label:
                    seen.label = node.label
        rels: dict[tuple[str, str, str], Relationship] = {}
        for rel in self.relationships:
            seen_rel = rels.get(rel.key)
            if seen_rel is None:
                rels[rel.key] = rel.model_copy(deep=True)
            else:
                seen_rel.props.update(rel.props)
        return GraphData(nodes=list(nodes.values()), relationships=list(rels.values()))

    def extend(self, other: GraphData) -> None:
        """Append another batch's records (call :meth:`merged` to deduplicate)."""
        self.nodes.extend(other.nodes)
        self.relationships.extend(other.relationships)

    def __len__(self) -> int:
        return len(self.nodes) + len(self.relationships)


class Evidence(BaseModel):
    """A mention that evidences a node, with the document it comes from."""

    model_config = ConfigDict(extra="forbid")

    mention: Node
    document: Node | None = None


class NodeDetail(BaseModel):
    """A node with its evidence, as :meth:`GraphStore.get_node` returns it."""

    model_config = ConfigDict(extra="forbid")

    node: Node
    evidence: list[Evidence] = Field(default_factory=list)
    degree: int = 0


class CypherResult(BaseModel):
    """Rows of an analyst query, with the graph elements found in them."""

    model_config = ConfigDict(extra="forbid")

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False
    graph: GraphData = Field(default_factory=GraphData)


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Yield lists of at most ``size`` items."""
    if size < 1:
        msg = f"batch size must be at least 1, got {size}"
        raise ValueError(msg)
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch

