"""Crisis-response analytics over any :class:`~graph.store.GraphStore`.

Pure functions of a store that return pandas DataFrames (wrapped in small
result dataclasses where an answer has several tables):

* :func:`crises`: every incident against the next meeting of each series at once;
* :func:`trace` and :func:`incidents_answered`: how the next meetings after an
  incident answered it, and which incidents a commitment answers;
* :func:`lineage` and :func:`in_force`: a commitment type through time;
* :func:`themes`: commitment and threat types by period, first appearances;
* :func:`centrality`, :func:`response_paths`, :func:`compare_windows`:
  network analytics with networkx.

They read the store through its interface only (see :mod:`analytics.loader`),
so the embedded store and Neo4j give identical answers. Each takes a store or
its :class:`AnalyticsView` (:func:`view_of`): a caller that asks many
questions of a graph that does not change reads the view once and passes it.

This module is the package's public API: callers outside ``analytics``
import from here only.
"""

from __future__ import annotations

from analytics.aggregate import CHANGES, WORDINGS, Statement, changes_at, statements_at, wording_of
from analytics.crises import CHANGE_COUNT_COLUMNS, CRISES_COLUMNS, CrisesResult, crises
from analytics.frames import plain, records
from analytics.lineage import LineageResult, ended, in_force, lineage, reaffirms_relationships, write_reaffirms
from analytics.loader import SOURCE_ROLES, AnalyticsView, StoreOrView, select, view_of
from analytics.network import CompareResult, centrality, compare_windows, response_paths
from analytics.themes import ThemesResult, themes
from analytics.tracer import CHANGE_COLUMNS, DEFAULT_WINDOW_DAYS, TraceResult, incidents_answered, trace

__all__ = [
    "CHANGES",
    "CHANGE_COUNT_COLUMNS",
    "CHANGE_COLUMNS",
    "DEFAULT_WINDOW_DAYS",
    "AnalyticsView",
    "CRISES_COLUMNS",
    "CompareResult",
    "SOURCE_ROLES",
    "CrisesResult",
    "LineageResult",
    "Statement",
    "StoreOrView",
    "ThemesResult",
    "TraceResult",
    "centrality",
    "changes_at",
    "compare_windows",
    "crises",
    "ended",
    "in_force",
    "incidents_answered",
    "lineage",
    "plain",
    "reaffirms_relationships",
    "records",
    "response_paths",
    "select",
    "statements_at",
    "themes",
    "trace",
    "view_of",
    "wording_of",
    "WORDINGS",
    "write_reaffirms",
]
