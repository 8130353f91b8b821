"""Exports: the current view or the whole graph as RDF, and its tables as CSV.

RDF is written by :mod:`ontology.rdf_export` (one exporter for the CLI and
the dashboard). The "current view" is the explorer's view named by the URL
(years, kinds, types, selected node), recomputed on the server, so a shared
link exports the same thing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dash import Dash, Input, Output, State, ctx, dcc, html

from dashboard import ids, styles
from dashboard.context import AppContext
from dashboard.explorer_graph import explorer_view, initial_state
from dashboard.state import ViewState, encode_query
from graph.csvsafe import safe_row
from graph.errors import AllianceKGError
from graph.model import GraphData
from ontology.rdf_export import export_string

PAGE = "exports"
RDF_FORMATS: dict[str, tuple[str, str, str]] = {
    "ttl": ("Turtle", "ttl", "text/turtle"),
    "jsonld": ("JSON-LD", "jsonld", "application/ld+json"),
    "nt": ("N-Triples", "nt", "application/n-triples"),
}
"""Format key -> (name, file extension, media type)."""
SCOPES = ("view", "all")


@dataclass(frozen=True)
class ExportFile:
    """A file for ``dcc.Download``."""

    content: str
    filename: str
    media_type: str

    def as_download(self) -> dict[str, Any]:
        """The ``data`` of a ``dcc.Download``."""
        return {"content": self.content, "filename": self.filename, "type": self.media_type}


def view_graph(app_ctx: AppContext, view: ViewState) -> GraphData:
    """The explorer's view for a URL state (what the analyst sees there)."""
    state = initial_state(view, app_ctx.year_bounds())
    return explorer_view(app_ctx, state).graph


def _scope_source(app_ctx: AppContext, scope: str, view: ViewState) -> GraphData | Any:
    if scope == "all":
        return app_ctx.store
    return view_graph(app_ctx, view)


def rdf_file(app_ctx: AppContext, scope: str, fmt: str, view: ViewState) -> ExportFile:
    """The scope serialised as RDF.

    Raises:
        RDFError: the exporter could not write the graph.
    """
    name, ext, media = RDF_FORMATS.get(fmt, RDF_FORMATS["ttl"])
    text = export_string(_scope_source(app_ctx, scope, view), ext)
    stamp = dt.date.today().isoformat()
    return ExportFile(text, f"alliancekg-{scope}-{stamp}.{ext}", media)


def _cell(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def nodes_csv(graph: GraphData) -> str:
    """Nodes as CSV: iri, kind, label, then every property seen (sorted)."""
    return _csv(("iri", "kind", "label"), (((n.iri, n.kind.value, n.label), n.props) for n in graph.nodes))


def relationships_csv(graph: GraphData) -> str:
    """Relationships as CSV: source, type, target, then their properties."""
    return _csv(
        ("source", "type", "target"), (((r.source, r.type.value, r.target), r.props) for r in graph.relationships)
    )


def _csv(columns: tuple[str, ...], records: Iterable[tuple[tuple[str, ...], dict[str, Any]]]) -> str:
    """Records ``(cells, properties)`` as CSV: ``columns``, then every property seen (sorted)."""
    rows = list(records)
    props = sorted({k for _, record_props in rows for k in record_props})
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*columns, *props])
    for cells, record_props in rows:
        writer.writerow(safe_row([*cells, *(_cell(record_props[p]) if p in record_props else "" for p in props)]))
    return buffer.getvalue()


def table_file(app_ctx: AppContext, scope: str, table: str, view: ViewState) -> ExportFile:
    """Nodes or relationships of the scope as CSV."""
    graph = app_ctx.store.dump() if scope == "all" else view_graph(app_ctx, view)
    if table == "nodes":
        return ExportFile(nodes_csv(graph), f"alliancekg-{scope}-nodes.csv", "text/csv")
    return ExportFile(relationships_csv(graph), f"alliancekg-{scope}-relationships.csv", "text/csv")


def export_outputs(
    app_ctx: AppContext, trigger: str | None, scope: str, fmt: str, search: str | None
) -> tuple[dict[str, Any] | None, Any]:
    """Download data and message for a button press (the callback's body)."""
    from dashboard.state import parse_query

    view = parse_query(search)
    scope = scope if scope in SCOPES else "view"
    try:
        if trigger == ids.EXPORTS_RDF_BUTTON:
            file = rdf_file(app_ctx, scope, fmt, view)
        elif trigger == ids.EXPORTS_CSV_NODES_BUTTON:
            file = table_file(app_ctx, scope, "nodes", view)
        elif trigger == ids.EXPORTS_CSV_RELS_BUTTON:
            file = table_file(app_ctx, scope, "relationships", view)
        else:
            return None, None
    except AllianceKGError as e:
        return None, html.Div(f"Export failed: {e}", style=styles.ERROR_STYLE)
    size = len(file.content.encode("utf-8"))
    return file.as_download(), html.Div(f"Prepared {file.filename} ({size / 1024:.1f} KiB).", className="exports-done")


def summary(app_ctx: AppContext, view: ViewState) -> list[Any]:
    """What each scope holds."""
    graph = view_graph(app_ctx, view)
    kinds, types = app_ctx.counts()
    total_nodes = sum(kinds.values())
    total_rels = sum(types.values())
    filters = encode_query(view.with_(incident=None, example=None)) or "(no filters: the default view)"
    return [
        html.Li(
            f"Current view: {len(graph.nodes)} nodes, {len(graph.relationships)} relationships \u2014 filters {filters}"
        ),
        html.Li(f"Whole graph: {total_nodes} nodes, {total_rels} relationships"),
    ]


def layout(app_ctx: AppContext, view: ViewState) -> html.Div:
    """The exports page for a URL state."""
    return html.Div(
        [
            html.H3("Export", style={"marginTop": "4px"}),
            html.Ul(summary(app_ctx, view), id=ids.EXPORTS_SUMMARY),
            html.Div(
                [
                    html.Label("What", style={"fontWeight": 600}),
                    styles.inline_radio(
                        ids.EXPORTS_SCOPE, [(" the current explorer view", "view"), (" the whole graph", "all")], "view"
                    ),
                ],
                style={"display": "flex", "gap": "8px", "alignItems": "center"},
            ),
            html.Div(
                [
                    html.Label("RDF format", style={"fontWeight": 600}),
                    styles.inline_radio(
                        ids.EXPORTS_FORMAT, [(f" {name}", key) for key, (name, _, _) in RDF_FORMATS.items()], "ttl"
                    ),
                    html.Button(
                        "Download RDF",
                        id=ids.EXPORTS_RDF_BUTTON,
                        n_clicks=0,
                        style={"marginLeft": "12px", "fontWeight": 600},
                    ),
                ],
                style={"display": "flex", "gap": "8px", "alignItems": "center", "marginTop": "8px"},
            ),
            html.Div(
                [
                    html.Label("Tables", style={"fontWeight": 600}),
                    html.Button("Nodes as CSV", id=ids.EXPORTS_CSV_NODES_BUTTON, n_clicks=0),
                    html.Button("Relationships as CSV", id=ids.EXPORTS_CSV_RELS_BUTTON, n_clicks=0),
                ],
                style={"display": "flex", "gap": "8px", "alignItems": "center", "marginTop": "8px"},
            ),
            dcc.Loading(html.Div(id=ids.EXPORTS_MESSAGE, style={"marginTop": "10px"}), type="dot"),
            dcc.Download(id=ids.EXPORTS_DOWNLOAD),
            html.P(
                "The RDF uses the alliance ontology (ak:) with PROV-O, SKOS and Dublin Core terms; "
                "for very large graphs use the command line (alliancekg export), which streams to a file.",
                style={"fontSize": 12, "color": "#595959", "marginTop": "16px"},
            ),
        ]
    )


def register(app: Dash, app_ctx: AppContext) -> None:
    """Add the export callbacks to ``app``."""

    @app.callback(
        Output(ids.EXPORTS_DOWNLOAD, "data"),
        Output(ids.EXPORTS_MESSAGE, "children"),
        Input(ids.EXPORTS_RDF_BUTTON, "n_clicks"),
        Input(ids.EXPORTS_CSV_NODES_BUTTON, "n_clicks"),
        Input(ids.EXPORTS_CSV_RELS_BUTTON, "n_clicks"),
        State(ids.EXPORTS_SCOPE, "value"),
        State(ids.EXPORTS_FORMAT, "value"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def _export(_rdf, _nodes, _rels, scope, fmt, search):
        return export_outputs(app_ctx, ctx.triggered_id, scope or "view", fmt or "ttl", search)
