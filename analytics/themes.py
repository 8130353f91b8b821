"""Theme emergence: which commitment and threat types the meetings spoke of, when.

:func:`themes` counts, per period (decades or analyst-chosen bins), the
recorded meetings at which each commitment type was pledged and each threat
type was addressed, and names the first meeting at which each appears. A
threat type is addressed at a meeting when a commitment made there responds
to or concerns a threat or an incident of that type.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics.aggregate import dated_meetings
from analytics.frames import frame, records
from analytics.loader import (
    COMMITMENT_SCHEME_NAME,
    THREAT_SCHEME_NAME,
    AnalyticsView,
    MeetingRec,
    StoreOrView,
    select,
)
from graph.errors import ConfigurationError

FIRST_COLUMNS: tuple[str, ...] = (
    "scheme",
    "type",
    "label",
    "first_meeting",
    "first_date",
    "first_series",
    "meetings",
)

LONG_COLUMNS: tuple[str, ...] = ("scheme", "type", "label", "period", "meetings")


@dataclass
class ThemesResult:
    """What :func:`themes` found.

    Attributes:
        periods: period labels, oldest first.
        table: one row per (scheme, type), one column per period: the number
            of meetings of that period at which the type appears, then
            ``first_meeting`` and ``first_date``.
        first: one row per type with its first meeting, oldest first.
        long: the counts as (scheme, type, label, period, meetings) rows.
    """

    periods: list[str]
    table: pd.DataFrame
    first: pd.DataFrame
    long: pd.DataFrame

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole result."""
        return {"periods": self.periods, "first": records(self.first), "counts": records(self.long)}


def _bins(bins: str | Sequence[int], years: list[int]) -> tuple[list[int], list[str]]:
    """Lower edges and labels of the periods covering ``years``."""
    if isinstance(bins, str):
        if bins.strip().lower() != "decade":
            try:
                edges = [int(part) for part in bins.split(",") if part.strip()]
            except ValueError as exc:
                msg = f"bins must be 'decade' or comma-separated years (e.g. 1990,2000,2010), got {bins!r}"
                raise ConfigurationError(msg) from exc
            return _bins(edges, years)
        if not years:
            return [], []
        decades = list(range(min(years) // 10 * 10, max(years) // 10 * 10 + 1, 10))
        return decades, [f"{low}s" for low in decades]
    edges = sorted(set(bins))
    if not edges:
        msg = "bins must name at least one year"
        raise ConfigurationError(msg)
    if any(e < 1 or e > 9999 for e in edges):
        msg = f"bins must be years, got {edges}"
        raise ConfigurationError(msg)
    lows: list[int] = []
    labels: list[str] = []
    if years and min(years) < edges[0]:
        lows.append(0)
        labels.append(f"before {edges[0]}")
    for i, low in enumerate(edges):
        lows.append(low)
        labels.append(f"{low}-{edges[i + 1] - 1}" if i + 1 < len(edges) else f"{low}-")
    return lows, labels


def meeting_themes(view: AnalyticsView, meeting: MeetingRec) -> set[tuple[str, str]]:
    """(scheme, type) pairs that appear at a meeting (memoised)."""
    key = ("themes", meeting.iri)
    cached = view.memo.get(key)
    if cached is not None:
        return set(cached)
    found: set[tuple[str, str]] = set()
    for iri in view.by_meeting.get(meeting.iri, ()):
        rec = view.commitments[iri]
        found.update((COMMITMENT_SCHEME_NAME, t) for t in rec.types)
        for target in (*rec.responds_to, *rec.concerns):
            if target in view.threats:
                found.update((THREAT_SCHEME_NAME, t) for t in view.threats[target].types)
            elif target in view.incidents:
                found.update((THREAT_SCHEME_NAME, t) for t in view.incidents[target].threat_types)
    view.memo[key] = frozenset(found)
    return found


def themes(
    store: StoreOrView,
    bins: str | Sequence[int] = "decade",
    sources: str = "all",
    min_confidence: float | None = None,
) -> ThemesResult:
    """Commitment and threat types by period, and the first meeting of each.

    Args:
        store: the graph, or its analytics view (:func:`~analytics.loader.view_of`).
        bins: ``"decade"``, or the first years of the periods (``[1990, 2000,
            2010]`` or ``"1990,2000,2010"``); meetings before the first year
            form a ``before ...`` period.

    Raises:
        ConfigurationError: the bins are not ``decade`` or a list of years.
    """
    view = select(store, sources, min_confidence)
    meetings = [m for m in dated_meetings(view) if m.date is not None]
    years = [m.date.year for m in meetings if m.date is not None]
    lows, labels = _bins(bins, years)
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    first: dict[tuple[str, str], MeetingRec] = {}
    total: dict[tuple[str, str], int] = defaultdict(int)
    for meeting in meetings:
        if meeting.date is None:
            continue
        slot = bisect.bisect_right(lows, meeting.date.year) - 1
        for pair in sorted(meeting_themes(view, meeting)):
            first.setdefault(pair, meeting)
            total[pair] += 1
            if slot >= 0:
                counts[pair][labels[slot]] += 1

    order = sorted(first, key=lambda p: (p[0] != COMMITMENT_SCHEME_NAME, first[p].date or dt.date.min, p[1]))
    facts = {
        (scheme, local): {
            "scheme": scheme,
            "type": local,
            "label": view.concept_label(local),
            "first_meeting": first[(scheme, local)].label,
            "first_date": first[(scheme, local)].date,
        }
        for scheme, local in order
    }
    first_rows = [{**facts[pair], "first_series": first[pair].series, "meetings": total[pair]} for pair in order]
    table_rows = [{**facts[pair], **{period: counts[pair].get(period, 0) for period in labels}} for pair in order]
    long_rows = [
        {**facts[pair], "period": period, "meetings": counts[pair].get(period, 0)}
        for pair in order
        for period in labels
    ]
    return ThemesResult(
        periods=labels,
        table=frame(table_rows, ("scheme", "type", "label", *labels, "first_meeting", "first_date")),
        first=frame(first_rows, FIRST_COLUMNS),
        long=frame(long_rows, LONG_COLUMNS),
    )
