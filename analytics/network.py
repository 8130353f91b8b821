"""Network analytics with networkx, built from the store interface.

Two graphs are derived from the analytics view (so both stores give the
same graph, node for node and weight for weight):

* the **actor-theme graph** of a time window (:func:`theme_graph`):
  undirected and weighted, its nodes the committing actors, the commitment
  types and the threat types; an edge counts the commitments of the window
  that tie its ends (an actor to the types it pledged, co-committing actors
  to each other, a commitment type to the threat types it answered, a
  perpetrator to the threat types of its incidents). It stays small whatever
  the size of the graph, so :func:`centrality` is exact and fast;
* the **response graph** of an incident (:func:`response_graph`): directed,
  from the incident to what followed it within a window: the commitments
  whose text answers it, the threats it manifests and the commitments that
  answer those, the next meeting of each series and the commitments made
  there, and the later restatements of those commitments.
  :func:`response_paths` lists the shortest path to each commitment.

:func:`compare_windows` shows how both change between two windows.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from analytics.errors import AnalysisError
from analytics.frames import frame, records
from analytics.loader import AnalyticsView, CommitmentRec, IncidentRec, StoreOrView, view_of
from analytics.resolve import resolve_incident
from analytics.tracer import DEFAULT_WINDOW_DAYS, commitment_cells, next_meetings
from graph.errors import ConfigurationError
from graph.labels import shorten
from graph.store import in_window as graph_in_window

ACTOR = "actor"
COMMITMENT_TYPE = "commitment_type"
THREAT_TYPE = "threat_type"

CENTRALITY_COLUMNS: tuple[str, ...] = (
    "node",
    "label",
    "category",
    "degree",
    "weighted_degree",
    "degree_centrality",
    "betweenness",
    "eigenvector",
    "rank",
)

PATH_COLUMNS: tuple[str, ...] = (
    "commitment",
    "commitment_types",
    "party",
    "meeting_label",
    "date",
    "hops",
    "link",
    "path",
)

COMPARE_COLUMNS: tuple[str, ...] = (
    "node",
    "label",
    "category",
    "weighted_degree_a",
    "weighted_degree_b",
    "betweenness_a",
    "betweenness_b",
    "rank_a",
    "rank_b",
    "rank_change",
)

RESPONSE_SUMMARY_COLUMNS: tuple[str, ...] = (
    "window",
    "start",
    "end",
    "incidents",
    "incidents_answered",
    "commitments_reached",
    "explicit_share",
    "mean_hops",
    "median_lag_days",
)

_LABEL_WIDTH = 60


def _in(day: dt.date | None, start: dt.date | None, end: dt.date | None) -> bool:
    return graph_in_window(day, start, end, undated=False)


def _check_window(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and start > end:
        msg = f"the window starts ({start}) after it ends ({end})"
        raise ConfigurationError(msg)


def _short(text: str) -> str:
    return shorten(text, _LABEL_WIDTH, words=False)


# -- actor-theme graph and centrality ---------------------------------------


def theme_graph(view: AnalyticsView, start: dt.date | None = None, end: dt.date | None = None) -> nx.Graph:
    """The weighted actor / commitment-type / threat-type graph of a window.

    Node ids are ``actor:<code>``, ``commitment_type:<local>`` and
    ``threat_type:<local>``; attributes ``label`` and ``category``; edge
    attribute ``weight`` (how many commitments or incidents tie the ends).
    """
    _check_window(start, end)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    labels: dict[str, tuple[str, str]] = {}
    actor_labels = dict(view.actors.values())

    def actor(code: str) -> str:
        node = f"{ACTOR}:{code}"
        labels.setdefault(node, (actor_labels.get(code) or code, ACTOR))
        return node

    def ctype(local: str) -> str:
        node = f"{COMMITMENT_TYPE}:{local}"
        labels.setdefault(node, (view.concept_label(local), COMMITMENT_TYPE))
        return node

    def ttype(local: str) -> str:
        node = f"{THREAT_TYPE}:{local}"
        labels.setdefault(node, (view.concept_label(local), THREAT_TYPE))
        return node

    def tie(a: str, b: str) -> None:
        if a != b:
            weights[(a, b) if a < b else (b, a)] += 1

    for rec in view.commitments.values():
        if not _in(rec.date, start, end):
            continue
        threat_types: set[str] = set()
        for target in (*rec.responds_to, *rec.concerns):
            if target in view.threats:
                threat_types.update(view.threats[target].types)
            elif target in view.incidents:
                threat_types.update(view.incidents[target].threat_types)
        for code in rec.parties:
            for local in rec.types:
                tie(actor(code), ctype(local))
        for i, code in enumerate(rec.parties):
            for other in rec.parties[i + 1 :]:
                tie(actor(code), actor(other))
        for local in rec.types:
            for threat in sorted(threat_types):
                tie(ctype(local), ttype(threat))
    for inc in view.incidents.values():
        if not _in(inc.date, start, end):
            continue
        for code in inc.perpetrators:
            for threat in inc.threat_types:
                tie(actor(code), ttype(threat))
    graph = nx.Graph()
    for node in sorted(labels):
        label, category = labels[node]
        graph.add_node(node, label=label, category=category)
    for (a, b), weight in sorted(weights.items()):
        graph.add_edge(a, b, weight=weight, distance=1.0 / weight)
    return graph


def _measures(graph: nx.Graph) -> pd.DataFrame:
    if graph.number_of_nodes() == 0:
        return frame([], CENTRALITY_COLUMNS)
    degree_c = nx.degree_centrality(graph)
    between = nx.betweenness_centrality(graph, weight="distance", normalized=True)
    try:
        eigen = nx.eigenvector_centrality(graph, weight="weight", max_iter=1000, tol=1e-8)
    except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
        eigen = dict.fromkeys(graph.nodes, math.nan)
    rows = [
        {
            "node": node,
            "label": data["label"],
            "category": data["category"],
            "degree": int(graph.degree(node)),
            "weighted_degree": int(graph.degree(node, weight="weight")),
            "degree_centrality": round(float(degree_c[node]), 6),
            "betweenness": round(float(between[node]), 6),
            "eigenvector": round(float(eigen[node]), 6),
        }
        for node, data in graph.nodes(data=True)
    ]
    rows.sort(key=lambda r: (-r["weighted_degree"], -r["betweenness"], r["node"]))
    for i, row in enumerate(rows, start=1):
        row["rank"] = i
    return frame(rows, CENTRALITY_COLUMNS)


def centrality(
    store: StoreOrView,
    start: dt.date | None = None,
    end: dt.date | None = None,
    categories: tuple[str, ...] = (ACTOR, COMMITMENT_TYPE),
) -> pd.DataFrame:
    """Centrality of actors and commitment types in a window.

    Measures on the actor-theme graph (:func:`theme_graph`): degree,
    weighted degree (commitments), degree centrality, betweenness (shortest
    paths over distance = 1 / weight) and eigenvector centrality. Rank 1 is
    the highest weighted degree (then betweenness). ``categories`` chooses
    the rows (``actor``, ``commitment_type``, ``threat_type``); the measures
    are always computed on the whole graph.

    Raises:
        ConfigurationError: the window starts after it ends.
    """
    view = view_of(store)
    table = _measures(theme_graph(view, start, end))
    kept = table[table["category"].isin(categories)].reset_index(drop=True)
    kept["rank"] = range(1, len(kept) + 1)
    return kept


# -- response graph and paths -----------------------------------------------


def response_graph(view: AnalyticsView, incident: IncidentRec, window_days: int = DEFAULT_WINDOW_DAYS) -> nx.DiGraph:
    """Directed graph from an incident to what followed it within ``window_days``.

    Edge attribute ``rel``: ``answered by`` (a commitment's ``respondsTo``),
    ``manifests``, ``addressed by`` (a commitment responding to or concerning
    the threat), ``next meeting``, ``states`` (meeting -> commitment made
    there), ``restated by`` (a commitment -> a later one that reaffirms it).
    """
    if incident.date is None:
        msg = f"incident {incident.label!r} has no date"
        raise AnalysisError(msg)
    start = incident.date
    end = start + dt.timedelta(days=window_days)
    graph = nx.DiGraph()
    graph.add_node(incident.iri, label=incident.label, category="incident")

    def add_commitment(rec: CommitmentRec) -> None:
        graph.add_node(rec.iri, label=rec.label, category="commitment")

    window = sorted((c for c in view.commitments.values() if _in(c.date, start, end)), key=lambda c: c.iri)
    for rec in window:
        if incident.iri in rec.responds_to:
            add_commitment(rec)
            graph.add_edge(incident.iri, rec.iri, rel="answered by")
    for threat in incident.threats:
        if threat not in view.threats:
            continue
        graph.add_node(threat, label=view.threats[threat].label, category="threat")
        graph.add_edge(incident.iri, threat, rel="manifests")
        for rec in window:
            if threat in rec.responds_to or threat in rec.concerns:
                add_commitment(rec)
                graph.add_edge(threat, rec.iri, rel="addressed by")
    for nxt in next_meetings(view, start, window_days, view.series_meetings):
        meeting = nxt.loaded
        if meeting is None:  # the record's next meeting has no text loaded: nothing it states is known
            continue
        graph.add_node(meeting.iri, label=meeting.label, category="meeting")
        graph.add_edge(incident.iri, meeting.iri, rel="next meeting")
        for iri in view.by_meeting.get(meeting.iri, ()):
            add_commitment(view.commitments[iri])
            graph.add_edge(meeting.iri, iri, rel="states")
    reached = {n for n, d in graph.nodes(data=True) if d["category"] == "commitment"}
    for rec in window:
        for earlier in rec.reaffirms:
            if earlier in reached and earlier != rec.iri:
                add_commitment(rec)
                graph.add_edge(earlier, rec.iri, rel="restated by")
    return graph


def _path_text(graph: nx.DiGraph, path: list[str]) -> str:
    parts = [_short(graph.nodes[path[0]]["label"])]
    for a, b in zip(path, path[1:], strict=False):
        parts.append(f"-[{graph.edges[a, b]['rel']}]-> {_short(graph.nodes[b]['label'])}")
    return " ".join(parts)


def response_paths(store: StoreOrView, incident: str, window_days: int = DEFAULT_WINDOW_DAYS) -> pd.DataFrame:
    """Shortest paths from an incident to each commitment it led to.

    ``link`` is ``explicit`` when the path's first step is the text's own
    ``respondsTo``, else ``threat`` (through a threat the incident manifests),
    ``temporal`` (through the next meeting) or ``lineage``.

    Raises:
        LookupAmbiguityError: the incident is unknown or ambiguous.
        AnalysisError: the incident has no date.
    """
    view = view_of(store)
    inc = resolve_incident(view, incident)
    graph = response_graph(view, inc, window_days)
    return _paths(view, graph, inc)


def _paths(view: AnalyticsView, graph: nx.DiGraph, inc: IncidentRec) -> pd.DataFrame:
    paths = nx.single_source_shortest_path(graph, inc.iri)
    rows: list[dict[str, Any]] = []
    for target, path in sorted(paths.items()):
        if graph.nodes[target]["category"] != "commitment":
            continue
        rec = view.commitments[target]
        first_rel = graph.edges[path[0], path[1]]["rel"]
        link = {"answered by": "explicit", "manifests": "threat", "next meeting": "temporal"}.get(first_rel, "lineage")
        if any(graph.edges[a, b]["rel"] == "restated by" for a, b in zip(path, path[1:], strict=False)):
            link = "lineage"
        rows.append(
            {
                **commitment_cells(view, rec),
                "hops": len(path) - 1,
                "link": link,
                "path": _path_text(graph, path),
            }
        )
    rows.sort(key=lambda r: (r["hops"], r["date"] or dt.date.min, r["commitment"]))
    return frame(rows, PATH_COLUMNS)


# -- two windows -------------------------------------------------------------


@dataclass
class CompareResult:
    """How centrality and crisis responses changed between two windows.

    Attributes:
        centrality: actors and commitment types with their weighted degree,
            betweenness and rank in each window (``_a``, ``_b``) and the rank change
            (positive: rose).
        responses: per window, how the incidents of the window were answered
            (shortest-path summary of their response graphs).
    """

    centrality: pd.DataFrame
    responses: pd.DataFrame

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole result."""
        return {"centrality": records(self.centrality), "responses": records(self.responses)}


def _response_summary(
    view: AnalyticsView, name: str, start: dt.date | None, end: dt.date | None, window_days: int
) -> dict[str, Any]:
    incidents = sorted(
        (i for i in view.incidents.values() if _in(i.date, start, end)), key=lambda i: (i.date or dt.date.min, i.iri)
    )
    answered = 0
    reached: set[str] = set()
    hops: list[int] = []
    explicit = 0
    lags: list[int] = []
    for inc in incidents:
        table = _paths(view, response_graph(view, inc, window_days), inc)
        if table.empty:
            continue
        answered += 1
        reached.update(table["commitment"])
        hops.extend(int(h) for h in table["hops"])
        explicit += int((table["link"] == "explicit").sum())
        dated = [d for d in table["date"] if isinstance(d, dt.date) and inc.date is not None]
        if dated and inc.date is not None:
            lags.append(min((d - inc.date).days for d in dated))
    total_paths = len(hops)
    return {
        "window": name,
        "start": start,
        "end": end,
        "incidents": len(incidents),
        "incidents_answered": answered,
        "commitments_reached": len(reached),
        "explicit_share": round(explicit / total_paths, 4) if total_paths else None,
        "mean_hops": round(sum(hops) / total_paths, 4) if total_paths else None,
        "median_lag_days": float(pd.Series(lags).median()) if lags else None,
    }


def compare_windows(
    store: StoreOrView,
    window_a: tuple[dt.date | None, dt.date | None],
    window_b: tuple[dt.date | None, dt.date | None],
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> CompareResult:
    """Centrality and crisis responses in two windows, side by side.

    Raises:
        ConfigurationError: a window starts after it ends.
    """
    view = view_of(store)
    tables = []
    for start, end in (window_a, window_b):
        tables.append(_measures(theme_graph(view, start, end)))
    a, b = tables
    keep = [COMMITMENT_TYPE, ACTOR]
    a = a[a["category"].isin(keep)].reset_index(drop=True)
    b = b[b["category"].isin(keep)].reset_index(drop=True)
    a["rank"] = range(1, len(a) + 1)
    b["rank"] = range(1, len(b) + 1)
    cols = ["node", "label", "category", "weighted_degree", "betweenness", "rank"]
    merged = a[cols].merge(b[cols], on=["node", "label", "category"], how="outer", suffixes=("_a", "_b"))
    merged["weighted_degree_a"] = merged["weighted_degree_a"].fillna(0).astype(int)
    merged["weighted_degree_b"] = merged["weighted_degree_b"].fillna(0).astype(int)
    merged["betweenness_a"] = merged["betweenness_a"].fillna(0.0)
    merged["betweenness_b"] = merged["betweenness_b"].fillna(0.0)
    merged["rank_a"] = merged["rank_a"].astype("Int64")
    merged["rank_b"] = merged["rank_b"].astype("Int64")
    merged["rank_change"] = merged["rank_a"] - merged["rank_b"]
    merged = merged.sort_values(["rank_b", "rank_a", "node"], na_position="last").reset_index(drop=True)
    responses = frame(
        [
            _response_summary(view, "a", window_a[0], window_a[1], window_days),
            _response_summary(view, "b", window_b[0], window_b[1], window_days),
        ],
        RESPONSE_SUMMARY_COLUMNS,
    )
    return CompareResult(centrality=merged[list(COMPARE_COLUMNS)], responses=responses)
