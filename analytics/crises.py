"""Every crisis at once: each incident with the next meeting of each series.

:func:`crises` runs the tracer's logic over every dated incident: for each
series, the next meeting after the incident (from the series reference for
SCM, 2+2, NCG and EDSCG, loaded or not; the next loaded meeting for other
series), the lag in days, how many of that meeting's statements answer the
incident explicitly (``respondsTo``) or only temporally, and the counts by
change (new, stronger, continued, weaker, not restated, unknown). ``lags``
summarises the lag distribution by decade and incident kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics.aggregate import CHANGES, NOT_RESTATED, classify_meeting, series_index
from analytics.frames import frame, records
from analytics.loader import AnalyticsView, StoreOrView, select
from analytics.resolve import unnamed_incidents
from analytics.tracer import DEFAULT_WINDOW_DAYS, _series_filter, next_meetings

CHANGE_COUNT_COLUMNS: tuple[str, ...] = tuple(f"n_{c.replace(' ', '_')}" for c in CHANGES)
"""One count column per change class: ``n_new`` ... ``n_not_restated``, ``n_unknown``."""

CRISES_COLUMNS: tuple[str, ...] = (
    "incident",
    "label",
    "kind",
    "date",
    "decade",
    "series",
    "meeting",
    "meeting_label",
    "meeting_date",
    "lag_days",
    "text_loaded",
    "statements",
    "explicit",
    "temporal",
    *CHANGE_COUNT_COLUMNS,
    "named_in_texts",
)

LAG_COLUMNS: tuple[str, ...] = ("decade", "kind", "series", "incidents", "median_lag", "min_lag", "max_lag")


@dataclass
class CrisesResult:
    """What :func:`crises` found: one row per (incident, series), and the lag summary."""

    window_days: int
    table: pd.DataFrame
    lags: pd.DataFrame
    unnamed: int = 0
    """Dated catalogue incidents that no loaded text names (rows of the table only with ``catalogue=True``)."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole result."""
        return {
            "window_days": self.window_days,
            "crises": records(self.table),
            "lags": records(self.lags),
            "unnamed_incidents": self.unnamed,
        }


def crises(
    store: StoreOrView,
    window_days: int = DEFAULT_WINDOW_DAYS,
    series: str | Iterable[str] | None = None,
    sources: str = "all",
    min_confidence: float | None = None,
    catalogue: bool = False,
) -> CrisesResult:
    """The cross-incident table: every dated incident against the next meeting of each series.

    An incident with no meeting of any series within the window still has
    one row (series empty), so no crisis is silently left out. ``sources`` and
    ``min_confidence`` choose which commitments count (:func:`analytics.loader.select`):
    a meeting's text is loaded only when a primary document records it.

    ``catalogue=True`` adds the incidents of the public incident catalogue that
    no loaded text names (``named_in_texts`` False): each is placed against the
    series reference like any other, and none can have an explicit answer.
    ``unnamed`` in the result counts them either way.
    """
    view = select(store, sources, min_confidence)
    names = _series_filter(series, view)
    keys = dict(zip(CHANGES, CHANGE_COUNT_COLUMNS, strict=True))
    rows: list[dict[str, Any]] = []
    per_meeting: dict[str, tuple[dict[str, int], list[frozenset[str]]]] = {}
    unnamed = unnamed_incidents(view) if view.incidents or view.meetings or view.documents else []  # nothing ingested
    pool = [*view.incidents.values(), *(unnamed if catalogue else ())]
    dated = sorted(((i, i.date) for i in pool if i.date is not None), key=lambda p: (p[1], p[0].iri))
    for inc, day in dated:
        base = {
            "incident": inc.iri,
            "label": inc.label,
            "kind": inc.kind,
            "date": day,
            "decade": f"{day.year // 10 * 10}s",
            "named_in_texts": inc.iri in view.incidents,
        }
        found = next_meetings(view, day, window_days, names)
        if not found:
            rows.append({**base, "text_loaded": False, **dict.fromkeys(keys.values(), 0)})
            continue
        for nxt in found:
            counts = dict.fromkeys(keys.values(), 0)
            explicit = temporal = statements = 0
            if nxt.loaded is not None:
                summary = per_meeting.get(nxt.loaded.iri)
                if summary is None:
                    summary = _summary(view, nxt.loaded.iri, keys)
                    per_meeting[nxt.loaded.iri] = summary
                counts = dict(summary[0])
                answers = summary[1]
                statements = len(answers)
                explicit = sum(1 for r in answers if inc.iri in r)
                temporal = statements - explicit
            rows.append(
                {
                    **base,
                    "series": nxt.series,
                    "meeting": nxt.loaded.iri if nxt.loaded is not None else None,
                    "meeting_label": nxt.label,
                    "meeting_date": nxt.date,
                    "lag_days": nxt.lag,
                    "text_loaded": nxt.loaded is not None,
                    "statements": statements,
                    "explicit": explicit,
                    "temporal": temporal,
                    **counts,
                }
            )
    table = frame(rows, CRISES_COLUMNS)
    n_unnamed = sum(1 for i in unnamed if i.date is not None)
    return CrisesResult(window_days=window_days, table=table, lags=_lags(table), unnamed=n_unnamed)


def _summary(view: AnalyticsView, meeting: str, keys: dict[str, str]) -> tuple[dict[str, int], list[frozenset[str]]]:
    """Counts by change and the ``respondsTo`` targets of each statement of a meeting (once per meeting)."""
    counts = dict.fromkeys(keys.values(), 0)
    answers: list[frozenset[str]] = []
    located = series_index(view, meeting)
    if located is not None:
        for item in classify_meeting(view, *located):
            counts[keys[item.change]] += 1
            if item.change != NOT_RESTATED:
                answers.append(item.statement.responds_to)
    return counts, answers


def _lags(table: pd.DataFrame) -> pd.DataFrame:
    dated = table.dropna(subset=["lag_days"])
    out: list[dict[str, Any]] = []
    if not dated.empty:
        for (decade, kind, name), group in dated.groupby(["decade", "kind", "series"], sort=True):
            lags = group["lag_days"].astype(int)
            out.append(
                {
                    "decade": decade,
                    "kind": kind,
                    "series": name,
                    "incidents": int(group["incident"].nunique()),
                    "median_lag": float(lags.median()),
                    "min_lag": int(lags.min()),
                    "max_lag": int(lags.max()),
                }
            )
    return frame(out, LAG_COLUMNS)


__all__ = ["CHANGE_COUNT_COLUMNS", "CRISES_COLUMNS", "CrisesResult", "crises"]
