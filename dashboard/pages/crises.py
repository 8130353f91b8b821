"""Every crisis at once: the cross-incident table and the lag distribution.

One row per incident and series: the next meeting (from the series
reference, loaded or not), the lag, the explicit and temporal answers and the
counts by change (see :func:`analytics.crises`). Each incident links to the
crisis tracer for it through the URL state (``/tracer?incident=IRI``). The
chart shows the lag distribution by decade, one box per incident kind.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import Dash, Input, Output, dcc, html

from analytics import CHANGE_COUNT_COLUMNS, CHANGES, CrisesResult, coverage, crises
from dashboard import ids, styles
from dashboard.context import AppContext
from dashboard.filters import chosen, filter_bar
from dashboard.state import ViewState, encode_query
from graph import labels
from graph.errors import AllianceKGError

TABLE_ID = "crises-table"
CHART_ID = "crises-lag-chart"

SHOWN: tuple[tuple[str, str], ...] = (
    ("meeting_label", "next meeting"),
    ("lag_days", "lag (days)"),
    ("explicit", "explicit"),
    ("temporal", "temporal"),
    *zip(CHANGE_COUNT_COLUMNS, CHANGES, strict=True),  # one count per change class, titled by it
)


def crises_data(app_ctx: AppContext, sources: str = "all", min_confidence: float | None = None) -> CrisesResult:
    """The cross-incident table of the served graph (computed once per graph revision and filter).

    Raises:
        ConfigurationError: a filter value is refused (see :func:`analytics.select`).
    """
    return app_ctx.cached(
        ("crises", sources, min_confidence),
        lambda: crises(app_ctx.analytics(), sources=sources, min_confidence=min_confidence),
    )


def coverage_text(app_ctx: AppContext) -> str:
    """What the table rests on: per series of the reference, the meetings with a text loaded and those without."""

    def compute() -> str:
        table = coverage(app_ctx.analytics())
        parts = []
        for row in table[table["held"].fillna(0) > 0].to_dict("records"):
            missing = f" (no text for the {row['missing']})" if row["missing"] else ""
            parts.append(f"{row['series']} {row['loaded']} of {row['held']}{missing}")
        return (
            "Texts loaded: " + "; ".join(parts) + ". A next meeting without a text is shown as such, never as silence."
        )

    return app_ctx.cached(("crises-coverage",), compute)


def lag_figure(result: CrisesResult) -> dict[str, Any]:
    """Box plots of the lag to the next meeting, by decade, one trace per incident kind (named with its count of
    incidents)."""
    table = result.table.dropna(subset=["lag_days"])
    traces: list[dict[str, Any]] = []
    for kind, group in table.groupby("kind", sort=True):
        traces.append(
            {
                "type": "box",
                "name": f"{labels.kind_label(str(kind))} ({group['incident'].nunique()})",
                "marker": {"color": styles.kind_style(str(kind)).colour},
                "x": [str(d) for d in group["decade"]],
                "y": [int(v) for v in group["lag_days"]],
                "boxpoints": "all",
                "text": [
                    f"{label} \u2192 {meeting}"
                    for label, meeting in zip(group["label"], group["meeting_label"], strict=True)
                ],
            }
        )
    return {
        "data": traces,
        "layout": {
            "title": {"text": "Lag to the next meeting, by decade and incident kind"},
            "boxmode": "group",
            "xaxis": {"title": {"text": "decade of the incident"}, "categoryorder": "category ascending"},
            "yaxis": {"title": {"text": "days"}},
            "height": 420,
            "margin": {"t": 50, "l": 60, "r": 20, "b": 50},
        },
    }


def _cell(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def table_rows(result: CrisesResult) -> list[Any]:
    """Table rows: each incident links to the tracer for it."""
    rows: list[Any] = []
    for row in result.table.to_dict("records"):
        href = "/tracer" + encode_query(ViewState(incident=str(row["incident"])))
        meeting = _cell(row["meeting_label"])
        if meeting and not row["text_loaded"]:
            meeting += " (no text loaded)"
        cells = [
            html.Td(_cell(row["date"])),
            html.Td(dcc.Link(str(row["label"]), href=href, className="crisis-link")),
            html.Td(labels.kind_label(_cell(row["kind"]))),
            html.Td(_cell(row["series"])),
            html.Td(meeting),
            *[html.Td(_cell(row[name])) for name, _ in SHOWN[1:]],
        ]
        rows.append(html.Tr(cells))
    return rows


def _summary(result: CrisesResult) -> str:
    return (
        f"{result.table['incident'].nunique()} incidents; the next meeting of each series within "
        f"{result.window_days} days (from the series reference for SCM, 2+2, NCG and EDSCG). "
        "Change is against the previous meeting of the series; click an incident to trace it."
    )


def layout(app_ctx: AppContext, view: ViewState) -> html.Div:
    """The crises page (the table and chart do not depend on the URL state; the filters redraw them)."""
    del view
    try:
        result = crises_data(app_ctx)
    except Exception as exc:  # a store error is shown, not raised into Dash
        return html.Div([html.P(f"The cross-incident table failed: {exc}", style=styles.ERROR_STYLE)])
    header = ["date", "incident", "kind", "series", *[title for _, title in SHOWN]]
    return html.Div(
        [
            html.H3("Every crisis at once", style={"marginTop": "4px"}),
            filter_bar(ids.CRISES_SOURCES, ids.CRISES_MIN_CONFIDENCE),
            html.P(_summary(result), id=ids.CRISES_NOTICE, style={"fontSize": 13, "color": "#595959"}),
            html.P(coverage_text(app_ctx), className="crises-coverage", style={"fontSize": 12, "color": "#595959"}),
            dcc.Graph(id=CHART_ID, figure=lag_figure(result), config={"displaylogo": False}),
            html.Table(
                [html.Thead(html.Tr([html.Th(h) for h in header])), html.Tbody(table_rows(result), id=ids.CRISES_BODY)],
                id=TABLE_ID,
                style={"fontSize": 13, "borderCollapse": "collapse"},
            ),
        ]
    )


def crises_outputs(app_ctx: AppContext, sources: Any, min_confidence: Any) -> tuple[Any, dict[str, Any], list[Any]]:
    """The summary (or the refusal of a filter value), the chart and the table rows (the callback's body)."""
    role, confidence = chosen(sources, min_confidence)
    try:
        result = crises_data(app_ctx, role, confidence)
    except AllianceKGError as exc:
        return html.Span(str(exc), style=styles.ERROR_STYLE), {"data": [], "layout": {}}, []
    return _summary(result), lag_figure(result), table_rows(result)


def register(app: Dash, app_ctx: AppContext) -> None:
    """The filters redraw the summary, the chart and the table; the incident links change the URL."""

    @app.callback(
        Output(ids.CRISES_NOTICE, "children"),
        Output(CHART_ID, "figure"),
        Output(ids.CRISES_BODY, "children"),
        Input(ids.CRISES_SOURCES, "value"),
        Input(ids.CRISES_MIN_CONFIDENCE, "value"),
        prevent_initial_call=True,
    )
    def _filter(sources, min_confidence):
        return crises_outputs(app_ctx, sources, min_confidence)
