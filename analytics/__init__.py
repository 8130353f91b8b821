"""Crisis-response analytics over any :class:`~graph.store.GraphStore`.

Pure functions of a store that return pandas DataFrames (wrapped in small
result dataclasses where an answer has several tables):

* :func:`trace` and :func:`incidents_answered`: how the next meetings after an
  incident answered it, and which incidents a commitment answers;
* :func:`lineage` and :func:`in_force`: a commitment type through time;
* :func:`themes`: commitment and threat types by period, first appearances;
* :func:`centrality`, :func:`response_paths`, :func:`compare_windows`:
  network analytics with networkx.

They read the store through its interface only (see :mod:`analytics.loader`),
so the embedded store and Neo4j give identical answers.
"""

from __future__ import annotations

from analytics.lineage import LineageResult, in_force, lineage, reaffirms_relationships, write_reaffirms
from analytics.loader import invalidate, load_view
from analytics.network import CompareResult, centrality, compare_windows, response_paths
from analytics.themes import ThemesResult, themes
from analytics.tracer import TraceResult, incidents_answered, trace

__all__ = [
    "CompareResult",
    "LineageResult",
    "ThemesResult",
    "TraceResult",
    "centrality",
    "compare_windows",
    "in_force",
    "incidents_answered",
    "invalidate",
    "lineage",
    "load_view",
    "reaffirms_relationships",
    "response_paths",
    "themes",
    "trace",
    "write_reaffirms",
]
