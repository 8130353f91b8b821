"""The source-role and confidence filters of the reading pages (tracer, crises).

Both go to the analytics as ``sources`` and ``min_confidence`` (see
:func:`analytics.select`): every commitment (reported ones flagged), the records
of their meetings only, or only what secondary texts report; and the lowest
extraction confidence that counts.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

SOURCE_OPTIONS: tuple[tuple[str, str], ...] = (
    ("all", "all sources"),
    ("primary", "records of the meeting"),
    ("reported", "reported by other texts"),
)


def filter_bar(sources_id: str, confidence_id: str) -> html.Div:
    """A radio for the source role and a number box for the minimum confidence."""
    return html.Div(
        [
            html.Label("Sources", htmlFor=sources_id, style={"fontWeight": 600}),
            dcc.RadioItems(
                id=sources_id,
                options=dict(SOURCE_OPTIONS),
                value="all",
                inline=True,
                inputStyle={"marginRight": "4px", "marginLeft": "8px"},
            ),
            html.Label("Minimum confidence", htmlFor=confidence_id, style={"fontWeight": 600, "marginLeft": "12px"}),
            dcc.Input(
                id=confidence_id,
                type="number",
                min=0,
                max=1,
                step=0.05,
                placeholder="any",
                debounce=True,
                style={"width": "80px"},
            ),
        ],
        className="source-filters",
        style={"display": "flex", "alignItems": "center", "gap": "6px", "marginBottom": "8px", "fontSize": 13},
    )


def chosen(sources: Any, min_confidence: Any) -> tuple[str, float | None]:
    """The filter values as the analytics take them (bad values are left for them to refuse)."""
    role = sources if isinstance(sources, str) and sources else "all"
    if min_confidence is None or min_confidence == "":
        return role, None
    try:
        return role, float(min_confidence)
    except (TypeError, ValueError):
        return role, -1.0  # refused by analytics.select with a readable message
