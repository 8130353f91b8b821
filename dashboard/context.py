"""What every page's callbacks share: the store, the element budget, cached facts.

The dashboard reads a graph that does not change while it serves, so facts
that need a full scan (the range of years, the concept labels, the timeline
matrix) are computed once, on first use, and kept here.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from analytics import AnalyticsView, view_of
from graph.schema import COMMITMENT_TYPES, THREAT_TYPES, Kind, concept_iri, concept_local_name
from graph.store import GraphStore

T = TypeVar("T")

DEFAULT_MAX_ELEMENTS = 1500
FALLBACK_YEARS = (1968, dt.date.today().year)


@dataclass
class AppContext:
    """The store and settings the callbacks close over.

    Attributes:
        store: the graph (any :class:`graph.store.GraphStore`).
        max_elements: most cytoscape elements (nodes + edges) sent to a browser.
        query_timeout: seconds a console query may run.
        row_limit: most rows a console query returns.
    """

    store: GraphStore
    max_elements: int = DEFAULT_MAX_ELEMENTS
    query_timeout: float = 10.0
    row_limit: int = 500
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """The value under ``key``, computed once."""
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        value = compute()
        with self._lock:
            self._cache.setdefault(key, value)
            return self._cache[key]

    def remembered(self, family: str, key: str, compute: Callable[[], T], size: int = 64) -> T:
        """``compute()`` remembered under ``key`` in a bounded LRU per ``family``."""
        with self._lock:
            lru: OrderedDict[str, Any] = self._cache.setdefault(f"lru:{family}", OrderedDict())
            if key in lru:
                lru.move_to_end(key)
                return lru[key]
        value = compute()
        with self._lock:
            lru[key] = value
            while len(lru) > size:
                lru.popitem(last=False)
        return value

    def analytics(self) -> AnalyticsView:
        """The analytics view of the store (read once, then passed to every analysis)."""
        return self.cached("analytics", lambda: view_of(self.store))

    def year_bounds(self) -> tuple[int, int]:
        """First and last year of any dated event or document."""
        return self.cached("years", self._compute_years)

    def _compute_years(self) -> tuple[int, int]:
        years: list[int] = []
        for node in self.store.nodes(kinds=[Kind.EVENT, Kind.DOCUMENT]):
            date = node.date
            if date is not None:
                years.append(date.year)
        if not years:
            return FALLBACK_YEARS
        return min(years), max(years)

    def concept_labels(self) -> dict[str, str]:
        """Local name -> label of every commitment- and threat-type concept."""
        return self.cached("concepts", self._compute_concepts)

    def _compute_concepts(self) -> dict[str, str]:
        labels = {name: _spaced(name) for name in (*COMMITMENT_TYPES, *THREAT_TYPES)}
        for node in self.store.nodes(kinds=[Kind.CONCEPT]):
            name = concept_local_name(node.iri)
            if name in labels and node.label:
                labels[name] = node.label
        return labels

    def concept_iri(self, local_name: str) -> str:
        """IRI of a concept by local name."""
        return concept_iri(local_name)


def _spaced(name: str) -> str:
    out: list[str] = []
    for ch in name:
        if ch.isupper() and out and not out[-1].isupper():
            out.append(" ")
        out.append(ch)
    return "".join(out)
