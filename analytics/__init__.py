"""Crisis-response analytics over any :class:`~graph.store.GraphStore`.

Pure functions of a store that return pandas DataFrames (wrapped in small
result dataclasses where an answer has several tables):

* :func:`crises`: every incident against the next meeting of each series at once;
* :func:`trace` and :func:`incidents_answered`: how the next meetings after an
  incident answered it, and which incidents a commitment answers;
* :func:`lineage` and :func:`in_force`: a commitment type through time;
* :func:`stated`: when a pledge or a phrase was first stated, left out, stated again;
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

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from analytics.aggregate import CHANGES, WORDINGS, Statement, changes_at, statements_at, wording_of
    from analytics.crises import CHANGE_COUNT_COLUMNS, CRISES_COLUMNS, CrisesResult, crises
    from analytics.frames import plain, records
    from analytics.lineage import LineageResult, ended, in_force, lineage, reaffirms_relationships, write_reaffirms
    from analytics.loader import SOURCE_ROLES, AnalyticsView, StoreOrView, select, view_of
    from analytics.network import CompareResult, centrality, compare_windows, response_paths
    from analytics.record import COVERAGE_COLUMNS, RECORD_COLUMNS, STATUSES, StatedResult, TextReader, coverage, stated
    from analytics.sources import reports_relationships, write_reports
    from analytics.themes import ThemesResult, themes
    from analytics.tracer import CHANGE_COLUMNS, DEFAULT_WINDOW_DAYS, TraceResult, incidents_answered, trace

_EXPORTS: dict[str, str] = {
    "CHANGES": "analytics.aggregate",
    "WORDINGS": "analytics.aggregate",
    "Statement": "analytics.aggregate",
    "changes_at": "analytics.aggregate",
    "statements_at": "analytics.aggregate",
    "wording_of": "analytics.aggregate",
    "CHANGE_COUNT_COLUMNS": "analytics.crises",
    "CRISES_COLUMNS": "analytics.crises",
    "CrisesResult": "analytics.crises",
    "crises": "analytics.crises",
    "plain": "analytics.frames",
    "records": "analytics.frames",
    "LineageResult": "analytics.lineage",
    "ended": "analytics.lineage",
    "in_force": "analytics.lineage",
    "lineage": "analytics.lineage",
    "reaffirms_relationships": "analytics.lineage",
    "write_reaffirms": "analytics.lineage",
    "SOURCE_ROLES": "analytics.loader",
    "AnalyticsView": "analytics.loader",
    "StoreOrView": "analytics.loader",
    "select": "analytics.loader",
    "view_of": "analytics.loader",
    "CompareResult": "analytics.network",
    "centrality": "analytics.network",
    "compare_windows": "analytics.network",
    "response_paths": "analytics.network",
    "COVERAGE_COLUMNS": "analytics.record",
    "coverage": "analytics.record",
    "RECORD_COLUMNS": "analytics.record",
    "STATUSES": "analytics.record",
    "StatedResult": "analytics.record",
    "TextReader": "analytics.record",
    "stated": "analytics.record",
    "reports_relationships": "analytics.sources",
    "write_reports": "analytics.sources",
    "ThemesResult": "analytics.themes",
    "themes": "analytics.themes",
    "CHANGE_COLUMNS": "analytics.tracer",
    "DEFAULT_WINDOW_DAYS": "analytics.defaults",
    "TraceResult": "analytics.tracer",
    "incidents_answered": "analytics.tracer",
    "trace": "analytics.tracer",
}
"""Where each public name lives; imported on first use, so importing the package costs nothing."""

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
    "coverage",
    "crises",
    "ended",
    "in_force",
    "incidents_answered",
    "lineage",
    "plain",
    "reaffirms_relationships",
    "reports_relationships",
    "records",
    "response_paths",
    "COVERAGE_COLUMNS",
    "RECORD_COLUMNS",
    "STATUSES",
    "StatedResult",
    "TextReader",
    "select",
    "stated",
    "statements_at",
    "themes",
    "trace",
    "view_of",
    "wording_of",
    "WORDINGS",
    "write_reaffirms",
    "write_reports",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (``import analytics`` stays cheap for the command line)."""
    module = _EXPORTS.get(name)
    if module is None:
        msg = f"module 'analytics' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


class _PublicAPI(types.ModuleType):
    """The package module, whose public functions keep their names over same-named submodules.

    Importing a submodule sets it as an attribute of its package: ``import analytics.lineage``
    would make ``analytics.lineage`` the module, not the :func:`lineage` function. The eager
    imports this package had hid that by assigning the function afterwards; with names imported
    on first use, a submodule named like a public function is kept out of the package's
    attributes instead (it stays in ``sys.modules``, where ``from analytics.lineage import ...``
    finds it).
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and _EXPORTS.get(name) == f"{__name__}.{name}":
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _PublicAPI
