"""Timeline: commitment types (rows) against meetings over time (columns).

Each cell is what one meeting said of one commitment type, coloured by its
stance or by its strength; incidents are markers on the time axis. Clicking a
cell lists the commitments behind it with their evidence. The statements come
from :mod:`analytics` (``statements_at``: commitments aggregated by meeting,
type and party), so this page and the tracer agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dash import Dash, Input, Output, dcc, html

from analytics import AnalyticsView, statements_at
from dashboard import ids, styles
from dashboard.context import AppContext
from dashboard.evidence import evidence_views, render_evidence_list
from dashboard.state import ViewState
from graph.errors import NodeNotFoundError
from graph.schema import STANCES

PAGE = "timeline"
INCIDENT_ROW = "\u25b2 incidents"
STANCE_ORDER: tuple[str, ...] = ("suspended", "weakened", "strengthened", "new", "reaffirmed")
"""Most telling stance first: a cell shows the first its statements carry."""
WEBGL_POINTS = 4000
"""Above this many cells the chart switches to WebGL markers."""
CELL_EVIDENCE = 12


@dataclass(frozen=True)
class Cell:
    """One meeting's statements of one commitment type."""

    meeting: str
    meeting_label: str
    date: dt.date
    ctype: str
    type_label: str
    stance: str
    strength: float | None
    parties: str
    commitments: tuple[str, ...]


@dataclass(frozen=True)
class IncidentMark:
    """An incident on the time axis."""

    iri: str
    label: str
    kind: str
    date: dt.date


@dataclass(frozen=True)
class TimelineData:
    """Every cell and incident, computed once per graph state."""

    cells: tuple[Cell, ...]
    incidents: tuple[IncidentMark, ...]
    type_order: tuple[str, ...]


def _stance_of(stances: set[str | None]) -> str:
    for stance in STANCE_ORDER:
        if stance in stances:
            return stance
    return styles.UNKNOWN_STANCE


def build_timeline(view: AnalyticsView) -> TimelineData:
    """Cells of every dated meeting that has statements, and every dated incident."""
    cells: list[Cell] = []
    for meeting_iri in view.by_meeting:
        meeting = view.meetings.get(meeting_iri)
        if meeting is None or meeting.date is None:
            continue
        grouped: dict[str, list[Any]] = {}
        for (ctype, _party), stmt in statements_at(view, meeting_iri).items():
            grouped.setdefault(ctype, []).append(stmt)
        for ctype, stmts in grouped.items():
            strengths = [s.strength for s in stmts if s.strength is not None]
            cells.append(
                Cell(
                    meeting=meeting.iri,
                    meeting_label=meeting.label,
                    date=meeting.date,
                    ctype=ctype,
                    type_label=view.concept_label(ctype),
                    stance=_stance_of({s.stance for s in stmts}),
                    strength=max(strengths) if strengths else None,
                    parties=", ".join(sorted(s.party for s in stmts)),
                    commitments=tuple(c for s in stmts for c in s.commitments),
                )
            )
    cells.sort(key=lambda c: (c.date, c.type_label, c.meeting))
    counts: dict[str, int] = {}
    for cell in cells:
        counts[cell.type_label] = counts.get(cell.type_label, 0) + 1
    type_order = tuple(sorted(counts, key=lambda t: (counts[t], t)))
    incidents = tuple(
        sorted(
            (IncidentMark(i.iri, i.label, i.kind, i.date) for i in view.incidents.values() if i.date is not None),
            key=lambda m: (m.date, m.iri),
        )
    )
    return TimelineData(cells=tuple(cells), incidents=incidents, type_order=type_order)


def timeline_data(app_ctx: AppContext) -> TimelineData:
    """The timeline of the served graph (computed once; the dashboard serves a snapshot)."""
    return app_ctx.cached("timeline", lambda: build_timeline(app_ctx.analytics()))


def _in_years(date: dt.date, years: list[int] | None) -> bool:
    if not years or len(years) != 2:
        return True
    return min(years) <= date.year <= max(years)


def timeline_figure(app_ctx: AppContext, years: list[int] | None, colour: str = "stance") -> dict[str, Any]:
    """The chart for a year range, coloured by ``stance`` or ``strength``.

    Built as a plain plotly figure dict (what ``dcc.Graph`` receives): no
    per-point validation, so large graphs stay fast.
    """
    data = timeline_data(app_ctx)
    cells = [c for c in data.cells if _in_years(c.date, years)]
    marks = [m for m in data.incidents if _in_years(m.date, years)]
    kind = "scattergl" if len(cells) > WEBGL_POINTS else "scatter"
    traces: list[dict[str, Any]] = []
    hover = "%{customdata[2]}<br>%{x|%Y-%m-%d}<br>%{y}<br>%{customdata[3]}<extra>%{fullData.name}</extra>"

    def cell_trace(name: str, group: list[Cell], marker: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": kind,
            "name": name,
            "mode": "markers",
            "x": [c.date.isoformat() for c in group],
            "y": [c.type_label for c in group],
            "customdata": [[c.meeting, c.ctype, c.meeting_label, c.parties] for c in group],
            "hovertemplate": hover,
            "marker": {"symbol": "square", "size": 11, **marker},
        }

    if colour == "strength":
        strengths = [c.strength if c.strength is not None else 0.0 for c in cells]
        scale = {"colorscale": "Viridis", "cmin": 0, "cmax": 1, "colorbar": {"title": {"text": "strength"}}}
        traces.append(cell_trace("strength", cells, {"color": strengths, **scale}))
    else:
        for stance in (*STANCES, styles.UNKNOWN_STANCE):
            group = [c for c in cells if c.stance == stance]
            if group:
                colour_of = styles.stance_colour(stance if stance in STANCES else None)
                traces.append(cell_trace(stance, group, {"color": colour_of}))
    by_kind: dict[str, list[IncidentMark]] = {}
    for mark in marks:
        by_kind.setdefault(mark.kind, []).append(mark)
    for incident_kind, incidents in sorted(by_kind.items()):
        traces.append(
            {
                "type": kind,
                "name": styles.kind_label(incident_kind),
                "mode": "markers",
                "x": [m.date.isoformat() for m in incidents],
                "y": [INCIDENT_ROW] * len(incidents),
                "customdata": [[m.iri, "", m.label, ""] for m in incidents],
                "hovertemplate": "%{customdata[2]}<br>%{x|%Y-%m-%d}<extra>incident</extra>",
                "marker": {
                    "symbol": "triangle-up",
                    "size": 12,
                    "color": styles.kind_style(incident_kind).colour,
                    "line": {"width": 0.5, "color": "#fff"},
                },
            }
        )
    shown = {c.type_label for c in cells}
    types = [t for t in data.type_order if t in shown]
    rows = [INCIDENT_ROW, *types] if marks else types
    layout: dict[str, Any] = {
        "height": max(360, 28 * len(rows) + 140),
        "margin": {"l": 10, "r": 10, "t": 30, "b": 40},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        "plot_bgcolor": "#ffffff",
        "clickmode": "event",
        "hovermode": "closest",
        "yaxis": {"categoryorder": "array", "categoryarray": rows, "gridcolor": "#eeeeee", "automargin": True},
        "xaxis": {"type": "date", "gridcolor": "#eeeeee", "title": {"text": "meeting date"}},
    }
    if not cells and not marks:
        layout["annotations"] = [
            {
                "text": "No meetings or incidents in these years",
                "showarrow": False,
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
            }
        ]
    return {"data": traces, "layout": layout}


def cell_details(app_ctx: AppContext, click: dict[str, Any] | None) -> list[Any]:
    """The evidence panel for a clicked cell (or incident marker)."""
    if not click or not click.get("points"):
        return [html.P("Click a cell to read the commitments behind it.", style={"color": "#7f7f7f"})]
    point = click["points"][0]
    custom = point.get("customdata") or []
    if len(custom) < 3:
        return [html.P("This point has no details.")]
    iri, ctype, label = str(custom[0]), str(custom[1]), str(custom[2])
    if not ctype:
        return [
            html.H4(label, style={"margin": "4px 0"}),
            html.Div(f"Incident, {str(point.get('x', ''))[:10]}"),
            dcc.Link("Trace the alliance's response \u2192", href=f"/tracer?incident={iri}"),
        ]
    cell = next((c for c in timeline_data(app_ctx).cells if c.meeting == iri and c.ctype == ctype), None)
    if cell is None:
        return [html.P("This cell is no longer in the graph.", style=styles.ERROR_STYLE)]
    children: list[Any] = [
        html.H4(f"{cell.type_label} at {cell.meeting_label}", id="timeline-cell-title", style={"margin": "4px 0"}),
        html.Div(
            f"{cell.date.isoformat()} \u00b7 wording {cell.stance} \u00b7 parties {cell.parties}",
            style={"fontSize": 13, "color": "#595959"},
        ),
    ]
    for commitment in cell.commitments[:CELL_EVIDENCE]:
        try:
            detail = app_ctx.store.get_node(commitment)
        except NodeNotFoundError:
            continue
        stance = detail.node.props.get("stance")
        children.append(
            html.Div(
                f"{detail.node.label}" + (f" ({stance})" if stance else ""),
                style={"fontWeight": 600, "marginTop": "8px"},
            )
        )
        children.append(render_evidence_list(evidence_views(detail, limit=3, store=app_ctx.store)))
    if len(cell.commitments) > CELL_EVIDENCE:
        children.append(html.P(f"\u2026 and {len(cell.commitments) - CELL_EVIDENCE} more commitments."))
    return children


def layout(app_ctx: AppContext, view: ViewState) -> html.Div:
    """The timeline page for a URL state."""
    lo, hi = app_ctx.year_bounds()
    year_from = view.year_from if view.year_from is not None else lo
    year_to = view.year_to if view.year_to is not None else hi
    return html.Div(
        [
            dcc.Store(id=ids.url_state(PAGE), data={"from": year_from, "to": year_to}),
            html.Div(
                [
                    html.Div(
                        dcc.RangeSlider(
                            id=ids.TIMELINE_YEARS,
                            min=lo,
                            max=hi,
                            step=1,
                            value=[max(lo, year_from), min(hi, year_to)],
                            marks=styles.year_marks(lo, hi),
                            allowCross=False,
                        ),
                        style={"flex": "1 1 auto"},
                    ),
                    styles.inline_radio(
                        ids.TIMELINE_COLOUR, [(" stance", "stance"), (" strength", "strength")], "stance"
                    ),
                ],
                style={"display": "flex", "gap": "12px", "alignItems": "center"},
            ),
            html.Div(
                [
                    html.Div(
                        dcc.Graph(id=ids.TIMELINE_GRAPH, config={"displaylogo": False}),
                        style={"flex": "1 1 auto", "minWidth": "400px"},
                    ),
                    html.Div(
                        id=ids.TIMELINE_EVIDENCE,
                        children=cell_details(app_ctx, None),
                        style={
                            **styles.PANEL_STYLE,
                            "width": "400px",
                            "flex": "0 0 400px",
                            "maxHeight": "calc(100vh - 130px)",
                        },
                    ),
                ],
                style={"display": "flex", "gap": "12px"},
            ),
        ]
    )


def register(app: Dash, app_ctx: AppContext) -> None:
    """Add the timeline's callbacks to ``app``."""

    @app.callback(
        Output(ids.TIMELINE_GRAPH, "figure"),
        Output(ids.url_state(PAGE), "data"),
        Input(ids.TIMELINE_YEARS, "value"),
        Input(ids.TIMELINE_COLOUR, "value"),
    )
    def _figure(years, colour):
        state = {"from": min(years), "to": max(years)} if years else {}
        return timeline_figure(app_ctx, years, colour or "stance"), state

    @app.callback(
        Output(ids.TIMELINE_EVIDENCE, "children"), Input(ids.TIMELINE_GRAPH, "clickData"), prevent_initial_call=True
    )
    def _click(click):
        return cell_details(app_ctx, click)
