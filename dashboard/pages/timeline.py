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
from graph import labels
from graph.errors import NodeNotFoundError
from graph.schema import STANCES

PAGE = "timeline"
INCIDENT_ROW = "\u25bc incidents"
"""Title of the incident strip."""
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
    wordings: tuple[tuple[str, str], ...] = ()
    """``(party, stance)`` of each statement: a cell whose statements differ is :data:`MIXED`."""


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


MIXED = "mixed"
"""The stance of a cell whose statements are worded differently (one party reaffirms, another strengthens)."""
MIXED_MARKER: dict[str, Any] = {
    "symbol": "square-x",
    "color": "#ffffff",
    "line": {"width": 2, "color": "#404040"},
}
"""A mixed cell: no stance colour (it has several), a crossed square."""
GUIDE_LIMIT = 150
"""Most incident guide lines drawn at once (above it, the busiest years would be a solid wall)."""
LABEL_LIMIT = 40
"""Incident labels are written beside the markers when at most this many incidents are shown."""
LANE_PX = 20
"""Height of one lane of the incident strip."""
LABEL_CHARS = 26
"""Incident labels are cut to this many characters (the hover has the whole label)."""
LABEL_PX_PER_CHAR = 7.0
"""Estimated width of a label character (11 px text), with room to spare."""
PLOT_PX = 640
"""Width of the plotting area the lanes are planned for (the chart's at 900 px, the narrow case)."""
MAX_LANES = 8
"""Most lanes of the incident strip; an incident that finds no room is a marker without a label."""


def _stance_of(stances: set[str | None]) -> str:
    """The cell's stance: the one its statements share, :data:`MIXED` when they differ."""
    stated = {s for s in stances if s is not None}
    if len(stated) > 1:
        return MIXED
    for stance in STANCE_ORDER:
        if stance in stated:
            return stance
    return styles.UNKNOWN_STANCE


def _short(label: str, chars: int = LABEL_CHARS) -> str:
    """``label`` cut at a word boundary to at most ``chars`` characters (with an ellipsis)."""
    if len(label) <= chars:
        return label
    cut = label[: chars - 1].rsplit(" ", 1)[0] or label[: chars - 1]
    return cut.rstrip(" ,;:") + "\u2026"


def incident_lanes(
    marks: list[IncidentMark], span_days: float, width_px: int = PLOT_PX, max_lanes: int = MAX_LANES
) -> list[tuple[int, bool]]:
    """``(lane, labelled)`` for each incident: markers and labels in lanes so that none overlap.

    Incidents are taken in date order; each goes to the first lane whose
    last label ends before its date, with its label (a label's width in days
    is estimated from its length at ``width_px`` pixels for ``span_days``
    days). When all ``max_lanes`` lanes are taken there, it goes to one more
    lane under them, as a marker without a label (its hover names it).
    Deterministic: the same incidents always get the same places.

    >>> import datetime as dt
    >>> day = dt.date(2006, 10, 9)
    >>> marks = [IncidentMark(i, i, "NuclearTest", day) for i in "abc"]
    >>> incident_lanes(marks, 365, max_lanes=2)
    [(0, True), (1, True), (2, False)]
    """
    days_per_px = max(span_days, 1.0) / max(width_px, 100)
    ends: list[float] = []
    placed: list[tuple[int, bool]] = []
    for mark in marks:
        day = mark.date.toordinal()
        label = (16 + LABEL_PX_PER_CHAR * len(_short(mark.label))) * days_per_px
        left = _text_side(mark, marks) == "middle left"
        start, stop = (day - label, day + 8 * days_per_px) if left else (day - 8 * days_per_px, day + label)
        lane = next((i for i, end in enumerate(ends) if end < start), None)
        labelled = True
        if lane is None and len(ends) < max_lanes:
            lane = len(ends)
            ends.append(0.0)
        elif lane is None:
            placed.append((max_lanes, False))
            continue
        ends[lane] = stop
        placed.append((lane, labelled))
    return placed


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
            wordings = tuple(sorted((labels.party_label(s.party), s.stance or styles.UNKNOWN_STANCE) for s in stmts))
            cells.append(
                Cell(
                    meeting=meeting.iri,
                    meeting_label=meeting.label,
                    date=meeting.date,
                    ctype=ctype,
                    type_label=view.concept_label(ctype),
                    stance=_stance_of({s.stance for s in stmts}),
                    strength=max(strengths) if strengths else None,
                    parties=", ".join(sorted(labels.party_label(s.party) for s in stmts)),
                    commitments=tuple(c for s in stmts for c in s.commitments),
                    wordings=wordings,
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


def timeline_figure(
    app_ctx: AppContext, years: list[int] | None, colour: str = "stance", width_px: int = PLOT_PX
) -> dict[str, Any]:
    """The chart for a year range, coloured by ``stance`` or ``strength``.

    Cells (commitment type x meeting) fill the lower panel; incidents sit in
    a strip above it, each in a lane so no two markers or labels overlap
    (:func:`incident_lanes`), with a dotted guide line down through the
    cells at its date, so what the meetings said after it reads straight
    down. Cells whose statements are worded differently are drawn as
    :data:`MIXED`. The legend sits under the chart, clear of the tool bar,
    and gives each entry's count.
    Built as a plain plotly figure dict (what ``dcc.Graph`` receives): no
    per-point validation, so large graphs stay fast.
    """
    data = timeline_data(app_ctx)
    cells = [c for c in data.cells if _in_years(c.date, years)]
    marks = [m for m in data.incidents if _in_years(m.date, years)]
    kind = "scattergl" if len(cells) > WEBGL_POINTS else "scatter"
    traces: list[dict[str, Any]] = []
    hover = "%{customdata[2]}<br>%{x|%Y-%m-%d}<br>%{y}<br>%{customdata[3]}<extra>WHAT</extra>"

    def cell_trace(name: str, group: list[Cell], marker: dict[str, Any]) -> dict[str, Any]:
        """One legend entry: ``name`` and, in the legend, how many cells it has."""
        return {
            "type": kind,
            "name": f"{name} ({len(group)})",
            "legendgroup": name,
            "mode": "markers",
            "x": [c.date.isoformat() for c in group],
            "y": [c.type_label for c in group],
            "customdata": [[c.meeting, c.ctype, c.meeting_label, _wording_text(c)] for c in group],
            "hovertemplate": hover.replace("WHAT", name),
            "marker": {"symbol": "square", "size": 11, **marker},
        }

    if colour == "strength":
        strengths = [c.strength if c.strength is not None else 0.0 for c in cells]
        scale = {"colorscale": "Viridis", "cmin": 0, "cmax": 1, "colorbar": {"title": {"text": "strength"}}}
        traces.append(cell_trace("strength", cells, {"color": strengths, **scale}))
    else:
        for stance in (*STANCES, MIXED, styles.UNKNOWN_STANCE):
            group = [c for c in cells if c.stance == stance]
            if not group:
                continue
            if stance == MIXED:
                traces.append(cell_trace(f"{MIXED} (parties differ)", group, MIXED_MARKER))
                continue
            colour_of = styles.stance_colour(stance if stance in STANCES else None)
            traces.append(cell_trace(stance, group, {"color": colour_of}))
    span = _span_days(cells, marks)
    labelled = len(marks) <= LABEL_LIMIT
    lanes = incident_lanes(marks, span, width_px) if labelled else [(0, False)] * len(marks)
    lane_count = max((lane for lane, _ in lanes), default=-1) + 1
    by_kind: dict[str, list[tuple[IncidentMark, int, bool]]] = {}
    for mark, (lane, with_label) in zip(marks, lanes, strict=True):
        by_kind.setdefault(mark.kind, []).append((mark, lane, with_label))
    for incident_kind, placed in sorted(by_kind.items()):
        traces.append(
            {
                "type": "scatter",
                "name": f"\u25bc {styles.kind_label(incident_kind)} ({len(placed)})",
                "legendgroup": incident_kind,
                "mode": "markers+text" if labelled else "markers",
                "x": [m.date.isoformat() for m, _, _ in placed],
                "y": [lane for _, lane, _ in placed],
                "yaxis": "y2",
                "text": [_short(m.label) if t else "" for m, _, t in placed] if labelled else None,
                "textposition": [_text_side(m, marks) for m, _, _ in placed],
                "textfont": {"size": 11, "color": "#404040"},
                "cliponaxis": False,
                "customdata": [[m.iri, "", m.label, ""] for m, _, _ in placed],
                "hovertemplate": "%{customdata[2]}<br>%{x|%Y-%m-%d}<extra>incident</extra>",
                "marker": {
                    "symbol": "triangle-down",
                    "size": 12,
                    "color": styles.kind_style(incident_kind).colour,
                    "line": {"width": 0.5, "color": "#fff"},
                },
            }
        )
    shown = {c.type_label for c in cells}
    types = [t for t in data.type_order if t in shown]
    cells_px = max(220, 28 * len(types) + 60)
    strip_px = lane_count * LANE_PX + 16 if marks else 0
    plot_px = cells_px + strip_px
    strip = strip_px / plot_px if plot_px else 0.0
    layout: dict[str, Any] = {
        "height": plot_px + 170,
        "margin": {"l": 10, "r": 20, "t": 36, "b": 90},
        "legend": {
            "orientation": "h",
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "y": 0,
            "yanchor": "bottom",
            "yref": "container",
            "traceorder": "normal",
        },
        "plot_bgcolor": "#ffffff",
        "clickmode": "event",
        "hovermode": "closest",
        "yaxis": {
            "categoryorder": "array",
            "categoryarray": types,
            "gridcolor": "#eeeeee",
            "automargin": True,
            "domain": [0, 1 - strip - (0.02 if marks else 0)],
        },
        "xaxis": {
            "type": "date",
            "gridcolor": "#eeeeee",
            "anchor": "y",
            "automargin": True,
            "side": "bottom",
        },
        "shapes": _guide_lines(marks),
    }
    if marks:
        layout["yaxis2"] = {
            "domain": [1 - strip, 1],
            "range": [lane_count - 0.5, -0.5],
            "showgrid": False,
            "zeroline": False,
            "showticklabels": False,
            "fixedrange": True,
            "title": {"text": INCIDENT_ROW, "standoff": 4},
            "automargin": True,
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


def _text_side(mark: IncidentMark, marks: list[IncidentMark]) -> str:
    """Labels of the last fifth of the time span go left of their marker, so they stay inside the chart."""
    first, last = marks[0].date.toordinal(), marks[-1].date.toordinal()
    return "middle left" if last > first and mark.date.toordinal() > first + 0.8 * (last - first) else "middle right"


def _span_days(cells: list[Cell], marks: list[IncidentMark]) -> float:
    days = [c.date.toordinal() for c in cells] + [m.date.toordinal() for m in marks]
    return float(max(days) - min(days)) if days else 1.0


def _guide_lines(marks: list[IncidentMark]) -> list[dict[str, Any]]:
    """A dotted vertical line through the whole chart at each incident's date (at most :data:`GUIDE_LIMIT`)."""
    if len(marks) > GUIDE_LIMIT:
        return []
    return [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": m.date.isoformat(),
            "x1": m.date.isoformat(),
            "y0": 0,
            "y1": 1,
            "layer": "below",
            "line": {"color": styles.kind_style(m.kind).colour, "width": 1, "dash": "dot"},
            "opacity": 0.55,
        }
        for m in marks
    ]


def _wording_text(cell: Cell) -> str:
    """``ROK: strengthened, U.S.: reaffirmed`` for a mixed cell; the parties otherwise."""
    if cell.stance != MIXED:
        return cell.parties
    return ", ".join(f"{party}: {stance}" for party, stance in cell.wordings)


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
            f"{cell.date.isoformat()} \u00b7 wording {cell.stance} \u00b7 parties {cell.parties}"
            + (f" ({_wording_text(cell)})" if cell.stance == MIXED else ""),
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
                className="akg-wrap",
                style={"display": "flex", "gap": "12px", "alignItems": "center"},
            ),
            html.P(
                "Each square is what one meeting said of one commitment type, coloured by its wording; "
                "\u22a0 mixed: the parties worded it differently. \u25bc incidents sit above, each with a dotted "
                "line at its date: read down the line to see what the meetings after it said. Click a square "
                "for its evidence, an incident for its trace.",
                className="timeline-guide",
                style={"fontSize": 12, "color": "#595959", "margin": "4px 0"},
            ),
            html.Div(
                [
                    html.Div(
                        dcc.Loading(
                            dcc.Graph(id=ids.TIMELINE_GRAPH, config={"displaylogo": False, "responsive": True}),
                            type="dot",
                            delay_show=300,
                        ),
                        id=ids.TIMELINE_GRAPH_BOX,
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
