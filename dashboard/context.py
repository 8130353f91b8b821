"""What every page's callbacks share: the store, the settings, and the dashboard's one cache.

The cache holds what is worth computing once per state of the graph: facts
that need a full scan (the analytics view, the range of years, the concept
labels, the timeline matrix) and the pages' own results (a view of the
explorer, a trace), remembered by the pages through :meth:`AppContext.cached`
and :meth:`AppContext.remembered`. Nothing else in the dashboard, and nothing
in the analytics, keeps answers between callbacks.

Everything in it belongs to one state of the store and is dropped together
when that state changes. The state is the store's ``revision`` (the embedded
store counts the writes made through it) when it has one; otherwise (Neo4j)
the store's change mark (the bookmark of the database's last committed
transaction, so a write by any client is seen, an edited property included),
read again at most every :attr:`AppContext.recheck_seconds`; a store with
neither is known by its node counts per kind and relationship counts per type,
and a change that keeps every count is then not seen until
:meth:`AppContext.forget`.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from analytics import AnalyticsView, view_of
from dashboard.defaults import DEFAULT_MAX_ELEMENTS
from graph.errors import AllianceKGError
from graph.labels import type_label
from graph.schema import COMMITMENT_TYPES, THREAT_TYPES, Kind
from graph.store import DEFAULT_ROW_LIMIT, GraphStore

T = TypeVar("T")

FALLBACK_YEARS = (1968, dt.date.today().year)
RECHECK_SECONDS = 5.0
"""How often the counts of a store without a revision are read again to see a change."""
REMEMBERED = 64
"""Default size of a :meth:`AppContext.remembered` family."""


@dataclass
class AppContext:
    """The store and settings the callbacks close over, and the one cache (see the module notes).

    Attributes:
        store: the graph (any :class:`graph.store.GraphStore`).
        max_elements: most cytoscape elements (nodes + edges) sent to a browser.
        query_timeout: seconds a console query may run.
        row_limit: most rows a console query returns.
        recheck_seconds: for a store without a revision, how long its counts
            are trusted before they are read again.
    """

    store: GraphStore
    max_elements: int = DEFAULT_MAX_ELEMENTS
    query_timeout: float = 10.0
    row_limit: int = DEFAULT_ROW_LIMIT
    recheck_seconds: float = RECHECK_SECONDS
    _values: dict[Hashable, Any] = field(default_factory=dict, repr=False)
    _families: dict[str, OrderedDict[Hashable, tuple[Any, int]]] = field(default_factory=dict, repr=False)
    _weights: dict[str, int] = field(default_factory=dict, repr=False)
    _state: Hashable = field(default=None, repr=False)
    _checked: float = field(default=-float("inf"), repr=False)
    _generation: int = field(default=0, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    # -- the cache -----------------------------------------------------------

    def state(self) -> Hashable:
        """What identifies the store's current state: its revision, else its change mark, else its counts."""
        revision = self.store.revision
        if revision is not None:
            return ("revision", revision)
        mark = self.store.change_mark()
        if mark is not None:
            return ("mark", mark)
        kinds = tuple(sorted(self.store.count_by_kind().items()))
        types = tuple(sorted(self.store.count_by_type().items()))
        return ("counts", kinds, types)

    def _current(self) -> int:
        """The generation of the cache for the store's current state (everything is dropped on a change)."""
        revision = self.store.revision
        if revision is not None:
            state: Hashable = ("revision", revision)
        else:
            now = time.monotonic()
            with self._lock:
                if now - self._checked < self.recheck_seconds:
                    return self._generation
            try:
                state = self.state()
            except AllianceKGError:  # the store cannot say now (Neo4j unreachable): keep what is remembered
                with self._lock:
                    self._checked = now
                    return self._generation
            with self._lock:
                self._checked = now
        with self._lock:
            if state != self._state:
                self._state = state
                self._values.clear()
                self._families.clear()
                self._weights.clear()
                self._generation += 1
            return self._generation

    def generation(self) -> int:
        """A number that changes whenever the cache is dropped (the store's state changed, or :meth:`forget`)."""
        return self._current()

    def forget(self) -> None:
        """Drop everything remembered (after a change the state does not show)."""
        with self._lock:
            self._values.clear()
            self._families.clear()
            self._weights.clear()
            self._state = None
            self._checked = -float("inf")
            self._generation += 1

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value under ``key``, computed once per state of the store."""
        generation = self._current()
        with self._lock:
            if key in self._values:
                return self._values[key]
        value = compute()
        with self._lock:
            if generation != self._generation:  # the store changed meanwhile: do not keep a stale value
                return value
            return self._values.setdefault(key, value)

    def recall(self, family: str, key: Hashable) -> tuple[bool, Any]:
        """What :meth:`remembered` holds under ``key`` for the store's current state, without computing anything:
        ``(True, value)``, or ``(False, None)`` when nothing is remembered (the value itself may be None)."""
        self._current()
        with self._lock:
            lru = self._families.get(family)
            if lru is None or key not in lru:
                return False, None
            lru.move_to_end(key)
            return True, lru[key][0]

    def remembered(
        self,
        family: str,
        key: Hashable,
        compute: Callable[[], T],
        size: int = REMEMBERED,
        weigh: Callable[[T], int] | None = None,
        budget: int | None = None,
    ) -> T:
        """``compute()`` remembered under ``key`` in a bounded LRU per ``family``, per state of the store.

        The family keeps at most ``size`` values and, with ``weigh`` (a value's
        size in bytes) and ``budget``, at most ``budget`` bytes: the least
        recently used go first, and a value heavier than the whole budget is
        answered but not kept.
        """
        generation = self._current()
        with self._lock:
            lru = self._families.setdefault(family, OrderedDict())
            if key in lru:
                lru.move_to_end(key)
                return lru[key][0]
        value = compute()
        weight = weigh(value) if weigh is not None else 0
        with self._lock:
            if generation != self._generation or (budget is not None and weight > budget):
                return value
            total = self._weights.get(family, 0) + weight
            previous = lru.pop(key, None)  # computed meanwhile by another thread: replaced, not counted twice
            if previous is not None:
                total -= previous[1]
            lru[key] = (value, weight)
            while len(lru) > size or (budget is not None and total > budget):
                total -= lru.popitem(last=False)[1][1]
            self._weights[family] = total
        return value

    # -- per-graph facts -------------------------------------------------------

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
        return {name: type_label(name) for name in (*COMMITMENT_TYPES, *THREAT_TYPES)}

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per kind and relationships per type."""
        return self.cached("counts", lambda: (self.store.count_by_kind(), self.store.count_by_type()))
