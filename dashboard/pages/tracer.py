"""Crisis tracer: how the alliance's next meetings answered an incident.

The analysis is :func:`analytics.trace` (one place for that logic);
this page picks the incident, lays the result out by meeting and change class
with the evidence of each statement, and compares the commitment types stated
at each series' meeting before the incident with those of the meeting after.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, dcc, html
from dash.dash_table.DataTable import DataTable

from analytics import CHANGE_COLUMNS, CHANGES, TraceResult, select, statements_at, trace
from dashboard import ids, styles
from dashboard.context import AppContext
from dashboard.evidence import EvidenceView, evidence_views, render_evidence_list
from dashboard.filters import chosen, filter_bar
from dashboard.state import ViewState
from graph import labels
from graph.csvsafe import safe_frame
from graph.errors import AllianceKGError, NodeNotFoundError

PAGE = "tracer"
OPTION_LIMIT = 300
"""Most incidents listed at once (type to search the rest)."""
EXPLICIT_SHOWN = ("meeting_label", "date", "lag_days", "commitment_types", "party", "wording", "evidence")
EVIDENCE_ROWS = 40
CSV_RENAMED = {"commitment_type": "type_code", "commitment": "commitment_iri", "meeting": "meeting_iri"}
"""Change-table columns holding codes or IRIs, renamed for the CSV so that their headers say so."""
"""Most statements whose evidence is read from the store per trace (when the analysis has none)."""


@dataclass(frozen=True)
class ChangeItem:
    """One classified statement at a next meeting."""

    change: str
    type_label: str
    party: str
    stance: str | None
    """The wording (the text's own stance)."""
    strength: float | None
    link: str
    baseline: str | None
    commitment: str
    evidence: list[EvidenceView]
    basis: str | None = None
    """The rule that decided the change (the cues when they decided it)."""
    wording_note: str | None = None


@dataclass(frozen=True)
class MeetingBlock:
    """A next meeting of one series and what it said."""

    iri: str
    label: str
    series: str
    date: str | None
    lag_days: int | None
    previous_label: str | None
    items: dict[str, list[ChangeItem]]
    note: str | None = None
    """``no text for the 37th SCM loaded`` and the like."""


@dataclass
class Comparison:
    """Commitment types at a series' meeting before and after the incident."""

    series: str
    before: str | None
    after: str
    rows: list[dict[str, str]]
    before_note: str | None = None
    """Why there is no "before" side: ``no text for the 37th SCM loaded``."""


@dataclass
class TracerData:
    """The tracer page's content for one incident, before rendering."""

    iri: str
    label: str
    date: str
    kind: str
    window_days: int
    blocks: list[MeetingBlock] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    explicit: list[dict[str, Any]] = field(default_factory=list)
    changes: pd.DataFrame | None = None


# -- data shaping ----------------------------------------------------------


def incident_options(app_ctx: AppContext, text: str | None = None, current: str | None = None) -> list[Any]:
    """Incidents as dropdown options, newest first, filtered by ``text``.

    The full list is cached; at most :data:`OPTION_LIMIT` are sent at once
    (the current one always among them).
    """
    every: list[dict[str, str]] = app_ctx.cached("incident-options", lambda: _all_incidents(app_ctx))
    needle = (text or "").strip().casefold()
    chosen = [o for o in every if needle in o["search"]] if needle else list(every)
    out: list[Any] = [{"label": o["label"], "value": o["value"]} for o in chosen[:OPTION_LIMIT]]
    if current and not any(o["value"] == current for o in out):
        out.extend({"label": o["label"], "value": o["value"]} for o in every if o["value"] == current)
    return out


def is_incident(app_ctx: AppContext, iri: str) -> bool:
    """True when ``iri`` names an incident of the served graph."""
    every: list[dict[str, str]] = app_ctx.cached("incident-options", lambda: _all_incidents(app_ctx))
    return any(o["value"] == iri for o in every)


def unknown_link_notice(iri: str) -> html.Div:
    """What an unknown deep link (``/tracer?incident=<iri>``) shows instead of an empty page."""
    return html.Div(
        [
            "This link names an incident that is not in the graph: ",
            html.Code(iri, style={"wordBreak": "break-all"}),
            ". It may come from another graph, or the incident was merged or removed. "
            "Choose an incident below, or search for it by name or date.",
        ],
        id=ids.TRACER_NOTICE,
        className="tracer-unknown-link",
        style={**styles.NOTICE_STYLE, "marginBottom": "8px"},
    )


def _all_incidents(app_ctx: AppContext) -> list[dict[str, str]]:
    nodes = app_ctx.store.incidents_between(None, None)
    options = []
    for node in reversed(nodes):
        date = node.date.isoformat() if node.date else "undated"
        label = f"{date} \u2014 {node.label} ({styles.kind_label(node.kind)})"
        options.append({"label": label, "value": node.iri, "search": label.casefold()})
    return options


def _first_evidence(app_ctx: AppContext, iri: str) -> list[EvidenceView]:
    try:
        return evidence_views(app_ctx.store.get_node(iri), limit=1, store=app_ctx.store)
    except NodeNotFoundError:
        return []


def _row_evidence(row: dict[str, Any]) -> list[EvidenceView]:
    """The evidence sentence the analysis already read for a row (no further store call)."""
    text = _text(row.get("evidence"))
    if not text:
        return []
    paragraph = row.get("paragraph")
    return [
        EvidenceView(
            segments=((text, True),),
            document=_text(row.get("document")) or "(document not recorded)",
            document_iri=None,
            date=None,
            paragraph=int(paragraph) if paragraph is not None and not pd.isna(paragraph) else None,
            page=None,
            confidence=None,
            char_start=None,
            char_end=None,
            mention_iri="",
        )
    ]


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return float(value)


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def tracer_data(
    app_ctx: AppContext, incident: str, sources: str = "all", min_confidence: float | None = None
) -> TracerData:
    """Trace an incident and shape the result for the page.

    ``sources`` and ``min_confidence`` restrict which commitments count (see
    :func:`analytics.select`).

    Raises:
        AllianceKGError: the incident is unknown or cannot be traced, or a filter
            value is refused (raised by :func:`analytics.trace`).
    """
    result: TraceResult = trace(app_ctx.analytics(), incident, sources=sources, min_confidence=min_confidence)
    data = TracerData(
        iri=result.incident,
        label=result.label,
        date=result.date.isoformat(),
        # a catalogue incident no loaded text names is not in the store: its kind comes with the result
        kind=styles.kind_label(result.kind),
        window_days=result.window_days,
        changes=result.changes,
    )
    budget = EVIDENCE_ROWS
    changes = result.changes
    for meeting in result.meetings.to_dict("records"):
        rows = changes[changes["meeting"] == meeting["meeting"]].to_dict("records") if len(changes) else []
        items: dict[str, list[ChangeItem]] = {c: [] for c in CHANGES}
        for row in rows:
            evidence = _row_evidence(row)
            if not evidence and budget > 0:
                evidence = _first_evidence(app_ctx, str(row["commitment"]))
                budget -= 1
            items.setdefault(str(row["change"]), []).append(
                ChangeItem(
                    change=str(row["change"]),
                    type_label=str(row["type_label"]),
                    party=labels.party_label(str(row["party"])),
                    stance=_text(row["wording"]),
                    strength=_number(row["strength"]),
                    link=str(row["link"]),
                    baseline=_text(row["baseline_meeting"]),
                    basis=_text(row["basis"]),
                    wording_note=_text(row["wording_note"]),
                    commitment=str(row["commitment"]),
                    evidence=evidence,
                )
            )
        lag = meeting["lag_days"]
        data.blocks.append(
            MeetingBlock(
                iri=_text(meeting["meeting"]) or "",
                label=str(meeting["meeting_label"]),
                series=str(meeting["series"]),
                date=_text(meeting["date"]),
                lag_days=int(lag) if lag is not None and not pd.isna(lag) else None,
                previous_label=_text(meeting["previous_label"]),
                items=items,
                note=_text(meeting["note"]),
            )
        )
        if _text(meeting["meeting"]):
            comparison = compare_meetings(
                app_ctx,
                _text(meeting["previous"]),
                str(meeting["meeting"]),
                str(meeting["series"]),
                sources=sources,
                min_confidence=min_confidence,
            )
            previous_label, why = _text(meeting["previous_label"]), _text(meeting["previous_note"])
            if comparison.before is None and not bool(meeting["previous_loaded"]) and (previous_label or why):
                # the record's previous meeting has no text, or the series' earlier meetings are unknown (the
                # 48th MCM with no earlier MCM loaded): say so, never "first meeting of its series"
                comparison.before_note = why or f"no text for the {previous_label} loaded"
            data.comparisons.append(comparison)
    for row in result.explicit.to_dict("records"):
        data.explicit.append({k: _text(v) for k, v in row.items()})
    return data


def compare_meetings(
    app_ctx: AppContext,
    before: str | None,
    after: str,
    series: str,
    sources: str = "all",
    min_confidence: float | None = None,
) -> Comparison:
    """Commitment types stated at the meeting before and the meeting after, side by side."""
    view = select(app_ctx.analytics(), sources, min_confidence)
    after_stmts = statements_at(view, after)
    before_stmts = statements_at(view, before) if before and before in view.meetings else {}

    def by_type(stmts: dict[tuple[str, str], Any]) -> dict[str, str]:
        out: dict[str, list[str]] = {}
        for (ctype, party), stmt in stmts.items():
            out.setdefault(ctype, []).append(f"{labels.party_label(party)}: {stmt.stance or 'stated'}")
        return {k: "; ".join(sorted(v)) for k, v in out.items()}

    b, a = by_type(before_stmts), by_type(after_stmts)
    rows = []
    for ctype in sorted(set(a) | set(b), key=view.concept_label):
        status = "both" if ctype in a and ctype in b else "only after" if ctype in a else "only before"
        rows.append(
            {
                "type": view.concept_label(ctype),
                "before": b.get(ctype, "\u2014"),
                "after": a.get(ctype, "\u2014"),
                "status": status,
            }
        )
    before_label = view.meetings[before].label if before and before in view.meetings else None
    return Comparison(series=series, before=before_label, after=view.meetings[after].label, rows=rows)


def changes_csv(
    app_ctx: AppContext, incident: str, sources: str = "all", min_confidence: float | None = None
) -> str:
    """The trace's change table as CSV text, as an analyst reads it.

    Headers and codes in words (:mod:`graph.labels`: parties, wordings, yes/no,
    "change unknown"); the type's code and the IRIs of the commitment and the
    meeting stay as columns of their own, for joining with other exports.
    """
    result = trace(app_ctx.analytics(), incident, sources=sources, min_confidence=min_confidence)
    frame = result.changes[list(CHANGE_COLUMNS)].rename(columns=CSV_RENAMED)
    for column in frame.columns:
        if column == "change":
            frame[column] = frame[column].map(labels.change_label)
        else:
            frame[column] = frame[column].map(lambda value, name=column: labels.cell_label(name, value))
    frame.columns = [labels.column_label(c) for c in frame.columns]
    buffer = io.StringIO()
    safe_frame(frame).to_csv(buffer, index=False)
    return buffer.getvalue()


# -- rendering -------------------------------------------------------------


def _badge(text: str, colour: str) -> html.Span:
    return html.Span(
        text,
        className=f"badge badge-{text}",
        style={
            "background": colour,
            "color": styles.text_on(colour),
            "padding": "1px 7px",
            "borderRadius": "10px",
            "fontSize": 12,
            "marginRight": "6px",
        },
    )


def render_item(item: ChangeItem) -> html.Li:
    """One statement: type, party, change, link, and its evidence."""
    facts = [f"party {item.party}"]
    if item.stance:
        note = f" (discounted: {item.wording_note})" if item.wording_note else ""
        facts.append(f"wording {item.stance}{note}")
    if item.basis:
        facts.append(f"change basis: {item.basis}")
    if item.baseline:
        facts.append(f"compared with {item.baseline}")
    facts.append("explicit response" if item.link == "explicit" else "next meeting (temporal link)")
    return html.Li(
        [
            _badge(item.change, styles.CHANGE_COLOURS.get(item.change, "#7f7f7f")),
            html.Strong(item.type_label),
            html.Span(" \u2014 " + ", ".join(facts), style={"fontSize": 13, "color": "#404040"}),
            render_evidence_list(item.evidence, empty="(no evidence sentence recorded)"),
        ],
        className=f"change change-{item.change}",
        style={"marginBottom": "6px"},
    )


def render_block(block: MeetingBlock) -> html.Div:
    """A next meeting: header with lag, statements by change class."""
    lag = f"{block.lag_days} days after" if block.lag_days is not None else "lag unknown"
    children: list[Any] = [
        html.H4(f"{block.label} ({block.date or 'undated'})", className="meeting-title", style={"marginBottom": "2px"}),
        html.Div(
            f"{block.series} \u00b7 {lag}"
            + (f" \u00b7 previous: {block.previous_label}" if block.previous_label else "")
            + (f" \u00b7 {block.note}" if block.note else ""),
            style={"fontSize": 13, "color": "#595959"},
        ),
    ]
    for change in CHANGES:
        items = block.items.get(change) or []
        if not items:
            continue
        children.append(
            html.H5(f"Change: {change} ({len(items)})", style={"margin": "8px 0 4px 0"})
        )
        children.append(html.Ul([render_item(i) for i in items], style={"listStyle": "none", "paddingLeft": "4px"}))
    if not block.iri:
        children.append(html.P("Its text is not loaded: what this meeting pledged is unknown here."))
    elif not any(block.items.values()):
        children.append(html.P("No commitments were extracted for this meeting."))
    return html.Div(children, className="meeting-block", style={**styles.PANEL_STYLE, "marginBottom": "10px"})


def _rows(rows: list[Any]) -> Any:
    """Rows for a DataTable (its type stubs are narrower than what it accepts)."""
    return rows


def render_comparison(comparisons: list[Comparison]) -> list[Any]:
    """Before/after tables, one per series."""
    out: list[Any] = [html.H4("Before and after", style={"marginTop": 0})]
    for comp in comparisons:
        before = comp.before or comp.before_note or "(first meeting of its series)"
        out.append(
            html.Div(
                f"{comp.series}: {before} \u2192 {comp.after}", className="comparison-title", style={"fontWeight": 600}
            )
        )
        if comp.before_note:
            out.append(
                html.P(
                    f"{comp.before_note[:1].upper()}{comp.before_note[1:]}: the types below are those of the "
                    f"{comp.after} alone, not a comparison.",
                    className="comparison-note",
                    style={"fontSize": 12, "color": "#595959", "margin": "2px 0 4px 0"},
                )
            )
        out.append(
            DataTable(
                data=_rows(comp.rows),
                columns=[
                    {"name": n, "id": k}
                    for k, n in (("type", "Commitment type"), ("before", "Before"), ("after", "After"), ("status", ""))
                ],
                style_cell={
                    "fontSize": 12,
                    "textAlign": "left",
                    "whiteSpace": "normal",
                    "height": "auto",
                    "fontFamily": "inherit",
                },
                style_data_conditional=_rows(
                    [
                        {"if": {"filter_query": '{status} = "only after"'}, "backgroundColor": "#e2efda"},
                        {"if": {"filter_query": '{status} = "only before"'}, "backgroundColor": "#fce4d6"},
                    ]
                ),
                style_table={"marginBottom": "10px"},
            )
        )
    if not comparisons:
        # the next meetings may be known from the series reference without their texts: never "none followed"
        out.append(html.P("No meeting whose text is loaded followed within the window: nothing to compare."))
    return out


def render_result(data: TracerData) -> list[Any]:
    """The whole trace."""
    head = html.Div(
        [
            html.H3(data.label, id="tracer-title", style={"margin": "4px 0"}),
            html.Div(
                f"{data.kind} \u00b7 {data.date} \u00b7 meetings within {data.window_days} days",
                style={"color": "#595959"},
            ),
            dcc.Link("Show in the graph explorer", href=f"/explorer?node={data.iri}", style={"fontSize": 13}),
        ]
    )
    blocks: list[Any] = [render_block(b) for b in data.blocks] or [
        html.P("No meeting of any series followed within the window.")
    ]
    explicit: list[Any] = [html.H4(f"Commitments that name this incident ({len(data.explicit)})")]
    if data.explicit:
        explicit.append(
            DataTable(
                data=_rows([{k: labels.cell_label(k, r.get(k)) for k in EXPLICIT_SHOWN} for r in data.explicit]),
                columns=[{"name": labels.column_label(k), "id": k} for k in EXPLICIT_SHOWN],
                style_cell={
                    "fontSize": 12,
                    "textAlign": "left",
                    "whiteSpace": "normal",
                    "height": "auto",
                    "fontFamily": "inherit",
                },
                page_size=10,
            )
        )
    else:
        explicit.append(html.P("No commitment's text names it explicitly.", style={"color": "#7f7f7f"}))
    return [head, html.Div(blocks, id="tracer-meetings"), html.Div(explicit)]


def render_error(message: str) -> list[Any]:
    """A readable error instead of a result."""
    return [html.Div(message, className="tracer-error", style=styles.ERROR_STYLE)]


def layout(app_ctx: AppContext, view: ViewState) -> html.Div:
    """The tracer page for a URL state (an incident the graph does not hold is said so)."""
    incident = view.incident
    notice = None
    if incident and not is_incident(app_ctx, incident):
        notice, incident = unknown_link_notice(incident), None
    return html.Div(
        [
            dcc.Store(id=ids.url_state(PAGE), data={"incident": incident}),
            notice,
            html.Div(
                [
                    html.Label("Incident", htmlFor=ids.TRACER_INCIDENT, style={"fontWeight": 600}),
                    dcc.Dropdown(
                        id=ids.TRACER_INCIDENT,
                        options=incident_options(app_ctx, None, incident),
                        value=incident,
                        placeholder="Search incidents by name or date (e.g. 2006-10 or nuclear test)",
                        style={"flex": "1 1 auto"},
                    ),
                    html.Button("Changes as CSV", id=ids.TRACER_CSV_BUTTON, n_clicks=0),
                    dcc.Download(id=ids.TRACER_CSV),
                ],
                className="akg-wrap",
                style={"display": "flex", "gap": "10px", "alignItems": "center", "marginBottom": "10px"},
            ),
            filter_bar(ids.TRACER_SOURCES, ids.TRACER_MIN_CONFIDENCE),
            html.Div(
                [
                    dcc.Loading(
                        html.Div(id=ids.TRACER_RESULT),
                        type="dot",
                        delay_show=300,
                        parent_style={"flex": "1 1 auto", "minWidth": 0},
                    ),
                    html.Div(
                        id=ids.TRACER_COMPARISON,
                        style={**styles.PANEL_STYLE, "width": "460px", "flex": "0 0 460px", "alignSelf": "flex-start"},
                    ),
                ],
                style={"display": "flex", "gap": "12px"},
            ),
        ]
    )


def tracer_outputs(
    app_ctx: AppContext, incident: str | None, sources: str = "all", min_confidence: float | None = None
) -> tuple[list[Any], list[Any]]:
    """The result and comparison panels for an incident (the callback's body)."""
    if not incident:
        hint = [html.P("Choose an incident to see how the next meetings answered it.", style={"color": "#7f7f7f"})]
        return hint, [html.H4("Before and after", style={"marginTop": 0}), html.P("\u2014")]
    key = (incident, sources, min_confidence)
    return app_ctx.remembered("tracer", key, lambda: _tracer_outputs(app_ctx, incident, sources, min_confidence))


def _tracer_outputs(
    app_ctx: AppContext, incident: str, sources: str, min_confidence: float | None
) -> tuple[list[Any], list[Any]]:
    try:
        data = tracer_data(app_ctx, incident, sources, min_confidence)
    except AllianceKGError as e:
        return render_error(str(e)), []
    return render_result(data), render_comparison(data.comparisons)


def register(app: Dash, app_ctx: AppContext) -> None:
    """Add the tracer's callbacks to ``app``."""
    state_id = ids.url_state(PAGE)

    @app.callback(
        Output(ids.TRACER_RESULT, "children"),
        Output(ids.TRACER_COMPARISON, "children"),
        Output(state_id, "data"),
        Input(ids.TRACER_INCIDENT, "value"),
        Input(ids.TRACER_SOURCES, "value"),
        Input(ids.TRACER_MIN_CONFIDENCE, "value"),
    )
    def _trace(incident, sources, min_confidence):
        result, comparison = tracer_outputs(app_ctx, incident, *chosen(sources, min_confidence))
        return result, comparison, {"incident": incident}

    @app.callback(
        Output(ids.TRACER_INCIDENT, "options"),
        Input(ids.TRACER_INCIDENT, "search_value"),
        State(ids.TRACER_INCIDENT, "value"),
        prevent_initial_call=True,
    )
    def _options(text, current):
        return incident_options(app_ctx, text, current)

    @app.callback(
        Output(ids.TRACER_CSV, "data"),
        Input(ids.TRACER_CSV_BUTTON, "n_clicks"),
        State(ids.TRACER_INCIDENT, "value"),
        State(ids.TRACER_SOURCES, "value"),
        State(ids.TRACER_MIN_CONFIDENCE, "value"),
        prevent_initial_call=True,
    )
    def _csv(_clicks, incident, sources, min_confidence):
        if not incident:
            return None
        try:
            content = changes_csv(app_ctx, incident, *chosen(sources, min_confidence))
        except AllianceKGError:
            return None
        return {"content": content, "filename": "trace-changes.csv", "type": "text/csv"}
