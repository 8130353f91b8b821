"""The explorer's search results and details panel, as data (rendered by :mod:`dashboard.pages.explorer`).

:func:`search_results` answers the search box: the store's own search
(:meth:`graph.store.GraphReader.find_text`: names, aliases, dates, evidence
text) plus the names the analyst reads and the store does not keep (a
meeting's display name, a type's SKOS labels), grouped by kind.
:func:`node_panel_data` lists everything a node is linked to, grouped by the
link and clickable, with every piece of its evidence. Both are remembered in
the dashboard's one cache.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from analytics import changes_at
from dashboard.context import AppContext
from dashboard.evidence import SHORT_MENTION, EvidenceView, evidence_views
from dashboard.explorer_graph import display_name
from graph import labels
from graph.errors import NodeNotFoundError
from graph.model import Node
from graph.schema import COMMITMENT_TYPES, SKOS, THREAT_TYPES, Kind, Prop, Rel, concept_iri, is_a
from graph.store import LINKED_LIMIT, first_page_size

SEARCH_MIN = 2
"""Shortest search text answered."""
SEARCH_LIMIT = 25
"""Most nodes the store gives per kind of match."""
GROUP_LIMIT = 8
"""Most results shown per group (the rest are counted)."""
PANEL_SHOWN = 12
"""Items a group of the details panel lists at first; the rest are counted, and "show more" lists more."""
PANEL_MORE = 25
"""Items one "show more" adds to a group."""
PANEL_MOST = LINKED_LIMIT
"""Most items a group of the details panel ever lists (beyond them, the search finds a node)."""
GROUP_SORTED = 200
"""A group of at most this many links is read whole and listed in the analyst's order (by name; a
meeting's commitments by change); a larger one (a hub's thousands) is read a page at a time, by IRI."""
EVIDENCE_LIMIT = 60
"""Most pieces of evidence the details panel shows."""
SNIPPET = 90
"""Characters of evidence text shown around a match."""

GROUPS: tuple[tuple[str, Kind], ...] = tuple(
    (labels.kind_label(kind.value, plural=True), kind)
    for kind in (
        Kind.MEETING,
        Kind.INCIDENT,
        Kind.COMMITMENT,
        Kind.CONCEPT,
        Kind.THREAT,
        Kind.ACTOR,
        Kind.EXERCISE,
        Kind.DOCUMENT,
    )
)
"""Result groups, in order, titled by the label mapping: a node goes in the first whose kind it is
(persons count as actors)."""


@dataclass(frozen=True)
class Hit:
    """One search result or one linked item: a node to open, its name and why it is listed."""

    iri: str
    label: str
    kind: str
    detail: str = ""


@dataclass(frozen=True)
class Group:
    """Results or linked items under one heading.

    Attributes:
        more: how many more were left out.
        key: for a group of the details panel, the links it lists (:func:`group_key`), so "show more"
            can ask for the next items (:func:`panel_group`); empty for other groups.
    """

    title: str
    hits: tuple[Hit, ...]
    more: int = 0
    key: str = ""


def _group_of(kind: Kind) -> str:
    for title, ancestor in GROUPS:
        if is_a(kind, ancestor):
            return title
    return "Other"


def _snippet(text: str, needle: str) -> str:
    """The part of ``text`` around ``needle``, cut at words, with ``…`` where cut."""
    flat = " ".join(text.split())
    at = flat.lower().find(needle.lower())
    if at < 0 or len(flat) <= SNIPPET:
        return labels.shorten(flat, SNIPPET)
    left = max(0, at - SNIPPET // 3)
    if left > 0:
        space = flat.find(" ", left)
        left = space + 1 if 0 <= space < at else left
    piece = labels.shorten(flat[left:], SNIPPET)
    return (labels.ELLIPSIS if left > 0 else "") + piece


def _type_terms(app_ctx: AppContext) -> dict[str, tuple[str, ...]]:
    """Concept local name -> its prefLabel and altLabels (from the ontology's schemes), remembered."""

    def read() -> dict[str, tuple[str, ...]]:
        from rdflib import URIRef

        from ontology.vocabulary import ontology_graph

        graph = ontology_graph()
        alt = URIRef(SKOS + "altLabel")
        out: dict[str, tuple[str, ...]] = {}
        for name in (*COMMITMENT_TYPES, *THREAT_TYPES):
            words = [labels.type_label(name), *(str(o) for o in graph.objects(URIRef(concept_iri(name)), alt))]
            out[name] = tuple(dict.fromkeys(words))
        return out

    return app_ctx.cached("explorer_type_terms", read)


def _meeting_names(app_ctx: AppContext) -> list[tuple[Node, str, tuple[str, ...]]]:
    """Every meeting as a node, its display name, and the names the analyst reads (display and short name)
    lower-cased; remembered.

    Naming a meeting looks its series up in the reference, so this is done
    once per state of the graph, not at every search.
    """

    def read() -> list[tuple[Node, str, tuple[str, ...]]]:
        out: list[tuple[Node, str, tuple[str, ...]]] = []
        for meeting in app_ctx.analytics().meetings.values():
            node = Node.model_construct(
                iri=meeting.iri,
                kind=Kind.SCM if meeting.series == "SCM" else Kind.MEETING,
                label=meeting.label,
                props={k: v for k, v in (("series", meeting.series), ("ordinal", meeting.ordinal),
                                         ("date", meeting.date), ("location", meeting.location)) if v is not None},
            )
            names = (display_name(node), labels.short_meeting_label(meeting.series, meeting.ordinal, meeting.date))
            out.append((node, names[0], tuple(n.lower() for n in names)))
        return out

    return app_ctx.cached("explorer_meeting_names", read)


def search_results(app_ctx: AppContext, text: str | None) -> list[Group]:
    """Groups of nodes a search text finds (remembered per text); empty for a text under two characters."""
    needle = (text or "").strip()
    if len(needle) < SEARCH_MIN:
        return []
    return app_ctx.remembered("explorer_search", needle.lower(), lambda: _search_results(app_ctx, needle))


def _search_results(app_ctx: AppContext, needle: str) -> list[Group]:
    store = app_ctx.store
    view = app_ctx.analytics()
    low = needle.lower()
    found: dict[str, tuple[Hit, int]] = {}

    def add(node: Node, why: str, rank: int, name: str | None = None) -> None:
        if node.iri in found and found[node.iri][1] <= rank:
            return
        found[node.iri] = (Hit(node.iri, name or display_name(node, view), node.kind.value, why), rank)

    # names the analyst reads but the store does not keep: meetings by their display name, types by their terms
    for node, name, names in _meeting_names(app_ctx):
        if any(low in n for n in names):
            add(node, "name", 0, name)
    for name, terms in _type_terms(app_ctx).items():
        term = next((t for t in terms if low in t.lower()), None)
        if term is not None and store.has_node(concept_iri(name)):
            node = store.get_node(concept_iri(name)).node
            add(node, "name" if term == terms[0] else f"also called \u201c{term}\u201d", 0 if term == terms[0] else 1)
    for match in store.find_text(needle, limit=SEARCH_LIMIT):
        if match.field == "name":
            add(match.node, "name", 0)
        elif match.field == "alias":
            add(match.node, f"also called \u201c{match.text}\u201d", 1)
        elif match.field == "date":
            add(match.node, f"dated {match.text}", 2)
        else:
            add(match.node, f"\u201c{_snippet(match.text, needle)}\u201d", 3)
    by_group: dict[str, list[tuple[int, str, Hit]]] = {}
    for hit, rank in found.values():
        by_group.setdefault(_group_of(Kind(hit.kind)), []).append((rank, hit.label.lower(), hit))
    out: list[Group] = []
    for title in [t for t, _ in GROUPS] + ["Other"]:
        rows = sorted(by_group.get(title, []), key=lambda r: (r[0], r[1], r[2].iri))
        if rows:
            hits = tuple(h for _, _, h in rows[:GROUP_LIMIT])
            out.append(Group(title, hits, max(0, len(rows) - GROUP_LIMIT)))
    return out


# -- the details panel -------------------------------------------------------------


@dataclass(frozen=True)
class NamedIn:
    """Short mentions of a node in one document (its name, a place, a date): where it is named, not evidence."""

    document: str
    document_iri: str | None
    texts: tuple[str, ...]


@dataclass(frozen=True)
class NodePanel:
    """The details panel's content, before rendering.

    Attributes:
        facts: ``(name, value)`` rows in words (date, place, wording...).
        groups: linked nodes, one group per kind of link, each item clickable.
        evidence: sentences that say so, the span marked.
        named_in: where documents only name the node (no sentence around the name).
        links: how many links the node has in all.
    """

    iri: str
    label: str
    kind: str
    links: int
    facts: list[tuple[str, str]]
    groups: list[Group]
    evidence: list[EvidenceView]
    named_in: list[NamedIn] = field(default_factory=list)
    is_incident: bool = False
    is_meeting: bool = False


HIDDEN_PROPS = {Prop.LABEL.value, Prop.KIND.value, Prop.IRI.value, Prop.TEXT.value}
"""Properties the facts table does not repeat (the title shows the name)."""
GROUP_ORDER: tuple[tuple[str, bool], ...] = (
    (Rel.MADE_AT.value, False),
    (Rel.MADE_AT.value, True),
    (Rel.COMMITMENT_TYPE.value, True),
    (Rel.COMMITTED_BY.value, True),
    (Rel.RESPONDS_TO.value, True),
    (Rel.RESPONDS_TO.value, False),
    (Rel.CONCERNS.value, True),
    (Rel.REAFFIRMS.value, True),
    (Rel.REAFFIRMS.value, False),
    (Rel.ISSUED_AT.value, False),
    (Rel.ISSUED_AT.value, True),
    (Rel.PERPETRATOR.value, True),
    (Rel.MANIFESTS.value, True),
    (Rel.PARTICIPANT.value, True),
    (Rel.HEAD_OF_DELEGATION.value, True),
)
"""Groups that come first, in this order (``(type, outgoing)``); the rest follow by heading."""
CHANGE_ORDER = {labels.change_label(c): i for i, c in enumerate(("new", "stronger", "continued", "weaker", "unknown"))}


def _show(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def node_panel_data(app_ctx: AppContext, iri: str) -> NodePanel | None:
    """Details of a node, or None when the store has no such node (remembered per node)."""
    return app_ctx.remembered("node_panel", iri, lambda: _node_panel_data(app_ctx, iri))


def _facts(node: Node, view: Any) -> list[tuple[str, str]]:
    props = node.props
    facts: list[tuple[str, str]] = [("Kind", labels.kind_label(node.kind.value))]
    if node.kind == Kind.COMMITMENT:
        rec = view.commitments.get(node.iri)
        if rec is not None:
            facts.append(("Party", labels.parties_label(rec.parties)))
            facts.append(("Type", ", ".join(labels.type_label(t) for t in rec.types) or "none recorded"))
            facts.append(("Wording", labels.stance_label(rec.stance)))
    for key in sorted(props):
        if key in HIDDEN_PROPS or (node.kind == Kind.COMMITMENT and key == Prop.STANCE.value):
            continue
        value = props[key]
        if value is None or value == [] or value == "":
            continue
        if key == Prop.SERIES.value:
            value = labels.series_name(str(value))
        elif key == Prop.FROM_REFERENCE.value:  # property names: named as their own facts are
            value = labels.cell_label(key, value)
        facts.append((labels.column_label(key), _show(value)))
    return facts


SKIPPED_LINKS = frozenset({Rel.EVIDENCE.value, Rel.WAS_DERIVED_FROM.value})
"""Links the panel does not list as linked items (evidence has its own section)."""


def group_key(rel_type: str, outgoing: bool) -> str:
    """The key of a details panel group: relationship type and direction (``MADE_AT:in``)."""
    return f"{rel_type}:{'out' if outgoing else 'in'}"


def _parse_key(key: str) -> tuple[str, bool] | None:
    rel_type, _, way = key.partition(":")
    if way not in ("in", "out") or rel_type not in {r.value for r in Rel} or rel_type in SKIPPED_LINKS:
        return None
    return rel_type, way == "out"


def link_counts(
    app_ctx: AppContext, iri: str, read: dict[tuple[str, bool], int] | None = None
) -> dict[tuple[str, bool], int]:
    """A node's links per type and direction (:meth:`graph.store.GraphReader.link_counts`), remembered; ``read``:
    the counts when the caller read them already (with the details panel, :meth:`GraphReader.node_links`)."""
    return app_ctx.remembered(
        "link_counts", iri, (lambda: read) if read is not None else (lambda: app_ctx.store.link_counts(iri)), size=256
    )


def panel_group(app_ctx: AppContext, iri: str, key: str, shown: int = PANEL_SHOWN) -> Group | None:
    """One group of a node's details panel with up to ``shown`` items (remembered); None for no such group.

    A group of at most :data:`GROUP_SORTED` links is read whole and sorted
    the analyst's way; a larger one is read from the store a page at a time
    (its first ``shown`` nodes by IRI), so a hub with thousands of links
    costs what is listed, not what it has.
    """
    parsed = _parse_key(key)
    if parsed is None:
        return None
    shown = max(1, min(int(shown), PANEL_MOST))
    return app_ctx.remembered("node_panel_group", (iri, key, shown), lambda: _panel_group(app_ctx, iri, parsed, shown))


def _page_size(count: int, shown: int) -> int:
    """How many of a group's ``count`` links are read: all of a small group (sorted here), else ``shown``."""
    return first_page_size(count, shown, GROUP_SORTED)


def _panel_group(
    app_ctx: AppContext, iri: str, parsed: tuple[str, bool], shown: int, read: list[Node] | None = None
) -> Group | None:
    """One group; ``read`` is its page when the caller read it already (with the other groups, in one read)."""
    rel_type, outgoing = parsed
    try:
        count = link_counts(app_ctx, iri).get(parsed, 0)
    except NodeNotFoundError:
        return None
    if not count:
        return None
    view = app_ctx.analytics()
    store = app_ctx.store
    changes: dict[str, str] = {}
    if rel_type == Rel.MADE_AT.value and not outgoing and iri in view.meetings:
        changes = changes_at(view, iri)
    whole = count <= GROUP_SORTED
    others = read if read is not None else store.linked(iri, rel_type, outgoing, 0, _page_size(count, shown))
    hits: list[Hit] = []
    for other in others:
        if other.kind == Kind.MENTION:
            continue
        detail_text = ""
        if other.kind == Kind.COMMITMENT and rel_type == Rel.MADE_AT.value:
            rec = view.commitments.get(other.iri)
            wording = labels.stance_label(rec.stance if rec is not None else None)
            worded = f"worded \u201c{wording}\u201d"
            detail_text = f"{labels.change_label(changes.get(other.iri))} \u00b7 {worded}" if changes else worded
        elif other.props.get(Prop.DATE.value) is not None and not is_a(other.kind, Kind.MEETING):
            detail_text = _show(other.props[Prop.DATE.value])
        hits.append(Hit(other.iri, display_name(other, view), other.kind.value, detail_text))
    if whole:
        if changes:
            hits.sort(key=lambda h: (CHANGE_ORDER.get(h.detail.split(" \u00b7 ")[0], 9), h.label, h.iri))
        else:
            hits.sort(key=lambda h: (h.label.lower(), h.iri))
    listed = tuple(hits[:shown])
    # mentions are not listed, so not counted as more either: exact for a group read whole; for a larger one,
    # the mentions of its page are taken off (the rest of it is counted, not read)
    skipped = len(others) - len(hits)
    more = len(hits) - len(listed) if whole else count - skipped - len(listed)
    return Group(labels.link_label(rel_type, outgoing), listed, max(0, more), group_key(*parsed))


def _node_panel_data(app_ctx: AppContext, iri: str) -> NodePanel | None:
    store = app_ctx.store
    # the node, its link counts and the first page of every group not remembered yet, in one read (one round trip
    # on Neo4j); with the counts remembered, the groups remembered are not read again
    has_counts, remembered_counts = app_ctx.recall("link_counts", iri)
    skip = {(t, out) for t in SKIPPED_LINKS for out in (True, False)}
    known: dict[tuple[str, bool], Group | None] = {}
    for k in remembered_counts if has_counts and remembered_counts else {}:
        found, group = app_ctx.recall("node_panel_group", (iri, group_key(*k), PANEL_SHOWN))
        if found:
            known[k] = group
            skip.add(k)
    try:
        links = store.node_links(iri, PANEL_SHOWN, GROUP_SORTED, skip=skip)
    except NodeNotFoundError:
        return None
    detail, counts, pages = links.detail, link_counts(app_ctx, iri, links.counts), links.pages
    node = detail.node
    view = app_ctx.analytics()
    name: Callable[[Node], str] = lambda n: display_name(n, view)  # noqa: E731
    is_meeting = is_a(node.kind, Kind.MEETING)
    order = {key: i for i, key in enumerate(GROUP_ORDER)}
    keys = sorted(
        (k for k in counts if k[0] not in SKIPPED_LINKS),
        key=lambda k: (order.get(k, len(order)), labels.link_label(k[0], k[1])),
    )
    read = [
        known[k]
        if k in known
        else app_ctx.remembered(
            "node_panel_group",
            (iri, group_key(*k), PANEL_SHOWN),
            functools.partial(_panel_group, app_ctx, iri, k, PANEL_SHOWN, pages.get(k, [])),
        )
        for k in keys
    ]
    groups = [g for g in read if g is not None and g.hits]
    if is_meeting:
        answered = _answered(app_ctx, iri, view)
        if answered:
            listed = tuple(answered[:PANEL_SHOWN])
            groups.insert(1 if groups and groups[0].title == labels.link_label(Rel.MADE_AT.value, False) else 0,
                          Group("What its commitments answer", listed, len(answered) - len(listed)))
    views = evidence_views(detail, limit=EVIDENCE_LIMIT, store=store)
    sentences = [v for v in views if len(v.segments) > 1 or len(v.text) > SHORT_MENTION // 2]
    bare = [v for v in views if v not in sentences]
    named: dict[tuple[str, str | None], list[str]] = {}
    for v in bare:
        named.setdefault((v.document, v.document_iri), [])
        if v.text not in named[(v.document, v.document_iri)]:
            named[(v.document, v.document_iri)].append(v.text)
    return NodePanel(
        iri=node.iri,
        label=name(node),
        kind=node.kind.value,
        links=detail.degree,
        facts=_facts(node, view),
        groups=groups,
        evidence=sentences,
        named_in=[NamedIn(doc, doc_iri, tuple(texts)) for (doc, doc_iri), texts in sorted(named.items())],
        is_incident=is_a(node.kind, Kind.INCIDENT),
        is_meeting=is_meeting,
    )


def _answered(app_ctx: AppContext, meeting: str, view: Any) -> list[Hit]:
    """Incidents (and threats) the commitments made at a meeting respond to."""
    targets: dict[str, None] = {}
    for c in view.by_meeting.get(meeting, ()):
        rec = view.commitments.get(c)
        for target in rec.responds_to if rec is not None else ():
            targets.setdefault(target, None)
    hits: list[Hit] = []
    for target in list(targets)[:GROUP_SORTED]:
        incident = view.incidents.get(target)
        if incident is not None:  # named as display_name names an incident, from the view: no store read each
            name = incident.label or target.rsplit("/", 1)[-1]
            hits.append(Hit(target, name, incident.kind, _show(incident.date) if incident.date else ""))
            continue
        try:
            other = app_ctx.store.get_node(target).node
        except NodeNotFoundError:
            continue
        day = other.props.get(Prop.DATE.value)
        hits.append(Hit(other.iri, display_name(other, view), other.kind.value, _show(day) if day else ""))
    hits.sort(key=lambda h: (h.detail, h.label, h.iri))
    return hits
