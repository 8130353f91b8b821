"""Exports: the current view or the whole graph as RDF, and its tables as CSV.

RDF is written by :mod:`ontology.rdf_export` (one exporter for the CLI and
the dashboard). The "current view" is the explorer's view named by the URL
(years, kinds, types, selected, opened and hidden nodes), recomputed on the
server, so a shared link exports the same thing. Its RDF also holds what its
commitments need to pass the project's SHACL shapes (party, type, meeting,
evidence and its documents: :func:`dashboard.explorer_graph.export_graph`),
is validated before it is offered, and the message says what was added and
what, if anything, still does not conform. Its CSV tables have the columns an
analyst reads (label, kind, type, party, meeting, date, change, wording,
evidence, document, IRI), every cell through :mod:`graph.csvsafe`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dash import Dash, Input, Output, State, ctx, dcc, html
from rdflib import Graph

from analytics import changes_at
from dashboard import ids, styles
from dashboard.context import AppContext
from dashboard.explorer_graph import display_name, explorer_view, export_graph, initial_state
from dashboard.state import ViewState, encode_query
from graph import labels
from graph.csvsafe import safe_row
from graph.errors import AllianceKGError
from graph.model import GraphData
from graph.schema import Kind, Prop, is_a
from ontology.rdf_export import export_string, to_rdflib
from ontology.validate import validate
from ontology.vocabulary import bind_prefixes, ontology_graph, shapes_graph

PAGE = "exports"
RDF_FORMATS: dict[str, tuple[str, str, str]] = {
    "ttl": ("Turtle", "ttl", "text/turtle"),
    "jsonld": ("JSON-LD", "jsonld", "application/ld+json"),
    "nt": ("N-Triples", "nt", "application/n-triples"),
}
"""Format key -> (name, file extension, media type)."""
SCOPES = ("view", "all")
EXPORTS_FAMILY = "exports"
EXPORTS_REMEMBERED = 24
"""Export texts, view graphs and validation notes remembered per state of the store (a repeated download
is not serialised and validated again)."""


@dataclass(frozen=True)
class ExportFile:
    """A file for ``dcc.Download``."""

    content: str
    filename: str
    media_type: str
    note: str = ""
    """What the analyst should know about the file (what was added, whether it validates)."""

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
    """The scope serialised as RDF; the current view with what its commitments need, validated.

    Raises:
        RDFError: the exporter could not write the graph, or the validation could not run.
    """
    name, ext, media = RDF_FORMATS.get(fmt, RDF_FORMATS["ttl"])
    stamp = dt.date.today().isoformat()
    filename = f"alliancekg-{scope}-{stamp}.{ext}"
    if scope == "all":
        text = app_ctx.remembered(EXPORTS_FAMILY, ("rdf", scope, ext), lambda: export_string(app_ctx.store, ext),
                                  size=EXPORTS_REMEMBERED)
        return ExportFile(text, filename, media)
    key = encode_query(view)

    def whole_view() -> tuple[GraphData, dict[str, int]]:
        whole = export_graph(app_ctx, view_graph(app_ctx, view))
        return whole.graph, whole.added

    graph, added = app_ctx.remembered(EXPORTS_FAMILY, ("view-graph", key), whole_view, size=EXPORTS_REMEMBERED)
    text = app_ctx.remembered(EXPORTS_FAMILY, ("rdf", key, ext), lambda: export_string(graph, ext),
                              size=EXPORTS_REMEMBERED)
    # the validation does not depend on the format: one per view
    note = app_ctx.remembered(
        EXPORTS_FAMILY, ("note", key), lambda: view_note(graph, added, *validation_graphs(app_ctx)),
        size=EXPORTS_REMEMBERED,
    )
    return ExportFile(text, filename, media, note=note)


VIOLATIONS_SHOWN = 5
"""Violations named in the export message (the rest are counted)."""


def validation_graphs(app_ctx: AppContext) -> tuple[Graph, Graph]:
    """The SHACL shapes and the ontology, parsed once (not once per export) and kept in the dashboard's cache.

    pySHACL adds two axioms to the shapes graph it is given, so each validation gets a copy of the shapes;
    the ontology is only read.
    """
    return app_ctx.cached("export-validation-graphs", lambda: (shapes_graph(), ontology_graph()))


def view_note(graph: GraphData, added: dict[str, int], shapes: Graph | None = None,
              ontology: Graph | None = None) -> str:
    """What was added to the view for its commitments, and whether the result passes the SHACL shapes.

    ``shapes`` (copied, never changed) and ``ontology`` (read): as parsed by :func:`validation_graphs`;
    default: parsed from the project's files.
    """
    parts = []
    if added:
        listed = ", ".join(f"{n} {labels.kind_label(kind, plural=n != 1).lower()}" for kind, n in sorted(added.items()))
        parts.append(f"Added what the view's commitments need (party, type, meeting, evidence): {listed}.")
    own_shapes = None
    if shapes is not None:
        own_shapes = Graph()
        bind_prefixes(own_shapes)
        own_shapes += shapes
    report = validate(to_rdflib(graph), shapes=own_shapes, ontology=ontology, keep_data=False)  # built for this
    if report.conforms:
        parts.append("It passes the project's SHACL validation.")
    else:
        errors = report.errors
        named = "; ".join(v.describe() for v in errors[:VIOLATIONS_SHOWN])
        more = f" (and {len(errors) - VIOLATIONS_SHOWN} more)" if len(errors) > VIOLATIONS_SHOWN else ""
        parts.append(
            f"{len(errors)} SHACL violation(s) remain, in the stored data itself (the whole graph has them too): "
            f"{named}{more}."
        )
    return " ".join(parts)


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


VIEW_NODE_COLUMNS: tuple[str, ...] = (
    *("label", "kind", "type", "party", "meeting", "date"),
    *("change", "wording", "evidence", "document", "iri"),
)
"""Columns of the current view's node table (headers through :func:`graph.labels.column_label`)."""
VIEW_RELATIONSHIP_COLUMNS: tuple[str, ...] = ("source", "relationship", "target", "source_iri", "target_iri")


def view_nodes_csv(app_ctx: AppContext, graph: GraphData) -> str:
    """The view's nodes as an analyst reads them: one row per node, codes in words, its first evidence."""
    analytics = app_ctx.analytics()
    meetings = {rec.meeting for n in graph.nodes if (rec := analytics.commitments.get(n.iri)) and rec.meeting}
    analytics.prefetch_evidence(meetings)
    changes: dict[str, str] = {}
    for meeting in sorted(meetings):
        changes.update(changes_at(analytics, meeting))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([labels.column_label(c) for c in VIEW_NODE_COLUMNS])
    for node in sorted(graph.nodes, key=lambda n: (n.kind.value, display_name(n, analytics), n.iri)):
        ctype = party = meeting = change = wording = ""
        rec = analytics.commitments.get(node.iri)
        if rec is not None:
            ctype = "; ".join(labels.type_label(t) for t in rec.types)
            party = labels.parties_label(rec.parties)
            if rec.meeting and rec.meeting in analytics.meetings:
                meeting = _meeting_name(analytics, rec.meeting)
            change = labels.change_label(changes.get(node.iri)) if rec.meeting else ""
            wording = labels.stance_label(rec.stance)
        elif (incident := analytics.incidents.get(node.iri)) is not None:
            ctype = "; ".join(labels.type_label(t) for t in incident.threat_types)
            party = labels.parties_label(incident.perpetrators) if incident.perpetrators else ""
        elif node.kind == Kind.CONCEPT:
            ctype = labels.type_label(node.iri)
        day = node.props.get(Prop.DATE.value)
        evidence = analytics.evidence(node.iri) if not is_a(node.kind, Kind.MENTION) else None
        writer.writerow(
            safe_row(
                [
                    display_name(node, analytics),
                    labels.kind_label(node.kind.value),
                    ctype,
                    party,
                    meeting,
                    day.isoformat() if isinstance(day, dt.date) else "",
                    change,
                    wording,
                    evidence.text if evidence is not None else "",
                    evidence.document if evidence is not None else "",
                    node.iri,
                ]
            )
        )
    return buffer.getvalue()


def _meeting_name(analytics: Any, iri: str) -> str:
    rec = analytics.meetings[iri]
    return labels.meeting_label(rec.series, rec.ordinal, rec.date, rec.location)


def view_relationships_csv(app_ctx: AppContext, graph: GraphData) -> str:
    """The view's links in words: source, relationship, target, and both IRIs."""
    analytics = app_ctx.analytics()
    nodes = graph.node_map()
    name = {iri: display_name(node, analytics) for iri, node in nodes.items()}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([labels.column_label(c) for c in VIEW_RELATIONSHIP_COLUMNS])
    for rel in graph.relationships:
        writer.writerow(
            safe_row(
                [
                    name.get(rel.source, rel.source),
                    labels.relationship_label(rel.type.value),
                    name.get(rel.target, rel.target),
                    rel.source,
                    rel.target,
                ]
            )
        )
    return buffer.getvalue()


def table_file(app_ctx: AppContext, scope: str, table: str, view: ViewState) -> ExportFile:
    """Nodes or relationships of the scope as CSV (the view's in words; the whole graph's with every property)."""
    if scope == "all":
        graph = app_ctx.store.dump()
        if table == "nodes":
            return ExportFile(nodes_csv(graph), f"alliancekg-{scope}-nodes.csv", "text/csv")
        return ExportFile(relationships_csv(graph), f"alliancekg-{scope}-relationships.csv", "text/csv")
    graph = view_graph(app_ctx, view)
    if table == "nodes":
        return ExportFile(view_nodes_csv(app_ctx, graph), f"alliancekg-{scope}-nodes.csv", "text/csv")
    return ExportFile(view_relationships_csv(app_ctx, graph), f"alliancekg-{scope}-relationships.csv", "text/csv")


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
    message = f"Prepared {file.filename} ({size / 1024:.1f} KiB)."
    return file.as_download(), html.Div(
        [html.Div(message), html.Div(file.note, className="exports-note") if file.note else None],
        className="exports-done",
    )


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
