"""Cypher console: read-only analyst queries with parameters, as a table and a graph.

Queries go to :meth:`graph.store.GraphStore.run_cypher` exactly as typed,
with the values in a separate JSON object of parameters (the console never
splices input into a query). The store refuses writes, stops slow queries
and caps the rows; every refusal or error comes back as a readable message.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import dash_cytoscape as cyto
from dash import Dash, Input, Output, State, dcc, html
from dash.dash_table.DataTable import DataTable

from dashboard import ids, styles
from dashboard.context import AppContext
from dashboard.elements import cap_graph, to_elements
from dashboard.security import json_depth
from dashboard.state import ViewState
from graph.csvsafe import safe_cell
from graph.errors import (
    AllianceKGError,
    CypherSyntaxError,
    QueryError,
    QueryTimeoutError,
    UnsupportedQueryError,
    WriteNotAllowedError,
)
from graph.model import CypherResult
from graph.schema import Kind, Prop, Rel, concept_iri

PAGE = "console"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Example:
    """A parameterised example query."""

    key: str
    title: str
    query: str
    params: dict[str, Any]
    needs: Rel | None = None
    """A derived relationship the example reads, which a command must write first (else it returns no rows)."""


def _examples() -> list[Example]:
    commitment, nuclear, scm = Kind.COMMITMENT.value, Kind.NUCLEAR_TEST.value, Kind.SCM.value
    concept, person = Kind.CONCEPT.value, Kind.PERSON.value
    label, stance, ordinal, iri, date = (
        Prop.LABEL.value,
        Prop.STANCE.value,
        Prop.ORDINAL.value,
        Prop.IRI.value,
        Prop.DATE.value,
    )
    return [
        Example(
            "nuclear-responses",
            "Commitments responding to nuclear tests",
            f"MATCH (i:{nuclear})<-[:{Rel.RESPONDS_TO.value}]-(c:{commitment})-[:{Rel.MADE_AT.value}]->(m:{scm})\n"
            f"WHERE m.{ordinal} >= $first_scm\n"
            f"RETURN i.{label} AS incident, i.{date} AS tested, m.{label} AS meeting,\n"
            f"       c.{label} AS commitment, c.{stance} AS stance\n"
            f"ORDER BY m.{ordinal}",
            {"first_scm": 1},
        ),
        Example(
            "extended-deterrence",
            "Lineage of extended deterrence",
            f"MATCH (later:{commitment})-[r:{Rel.REAFFIRMS.value}]->(earlier:{commitment})\n"
            f"      -[:{Rel.COMMITMENT_TYPE.value}]->(t:{concept})\n"
            f"WHERE t.{iri} = $type\n"
            f"RETURN later, r, earlier",
            {"type": concept_iri("ExtendedDeterrence")},
            needs=Rel.REAFFIRMS,
        ),
        Example(
            "extended-deterrence-table",
            "Extended deterrence pledges, meeting by meeting",
            f"MATCH (t:{concept})<-[:{Rel.COMMITMENT_TYPE.value}]-(c:{commitment})-[:{Rel.MADE_AT.value}]->(m:{scm})\n"
            f"WHERE t.{iri} = $type\n"
            f"RETURN m.{ordinal} AS scm, m.{date} AS date, c.{stance} AS stance, c.{label} AS commitment\n"
            f"ORDER BY m.{ordinal}",
            {"type": concept_iri("ExtendedDeterrence")},
        ),
        Example(
            "heads-of-delegation",
            "Meetings and their heads of delegation",
            f"MATCH (m:{scm})-[r:{Rel.HEAD_OF_DELEGATION.value}]->(p:{person})\n"
            f"WHERE m.{ordinal} >= $first_scm\n"
            f"RETURN m, r, p\nORDER BY m.{ordinal}",
            {"first_scm": 1},
        ),
    ]


EXAMPLES: dict[str, Example] = {e.key: e for e in _examples()}
DEFAULT_EXAMPLE = "nuclear-responses"
DERIVED_BY: dict[Rel, str] = {Rel.REAFFIRMS: "alliancekg lineage --write-reaffirms"}
"""The command that writes each derived relationship an example may read."""
EMBEDDED_SUBSET = (
    "Embedded store: a read-only subset of Cypher: MATCH (one or several, directed and variable-length patterns), "
    "WHERE, RETURN [DISTINCT] with count/sum/avg/min/max/collect, ORDER BY, SKIP, LIMIT and $parameters. "
    "WITH, OPTIONAL MATCH, UNWIND, CALL, CASE and most functions need Neo4j (--store neo4j)."
)
CAPABILITY_QUERY = "RETURN 1 AS one"
"""A read-only query that reads no node and lies outside the embedded store's subset of Cypher
(it has no MATCH): a store answers it when it answers full Cypher (see :func:`full_cypher`)."""


@dataclass
class ConsoleOutcome:
    """What a console run produced: rows, a graph, or a message."""

    ok: bool
    message: str
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)
    elements: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False
    seconds: float = 0.0


def full_cypher(app_ctx: AppContext) -> bool:
    """True when the store answers any read-only Cypher, False when only a subset (asked once).

    The store says so itself: one that answers a subset raises
    :class:`~graph.errors.UnsupportedQueryError` for :data:`CAPABILITY_QUERY`.
    """
    return app_ctx.cached("full-cypher", lambda: _answers(app_ctx, CAPABILITY_QUERY))


def _answers(app_ctx: AppContext, query: str) -> bool:
    try:
        app_ctx.store.run_cypher(query, {}, limit=1, timeout=app_ctx.query_timeout)
    except UnsupportedQueryError:
        return False
    except AllianceKGError:  # another failure (Neo4j unreachable) is no refusal of the query
        return True
    return True


MAX_PARAMS_CHARS = 100_000
MAX_PARAMS_DEPTH = 20
MAX_QUERY_CHARS = 100_000


def row_limit(value: Any, most: int) -> int | None:
    """The row limit box as a number of rows within ``[1, most]`` (``most`` when empty), or None when it is
    not a whole number."""
    if value is None or value == "":
        return most
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        return None
    return max(1, min(value, most))


def parse_params(text: object) -> dict[str, Any]:
    """The parameters box as a dict (whatever the browser sent: text is expected).

    Raises:
        QueryError: the text is not a JSON object.
    """
    if text is not None and not isinstance(text, str):
        msg = "the parameters must be JSON text"
        raise QueryError(msg)
    if not text or not text.strip():
        return {}
    if len(text) > MAX_PARAMS_CHARS:
        msg = f"the parameters are longer than {MAX_PARAMS_CHARS:,} characters"
        raise QueryError(msg)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        msg = f"the parameters are not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})"
        raise QueryError(msg) from e
    except RecursionError as e:
        msg = f"the parameters are nested deeper than {MAX_PARAMS_DEPTH} levels"
        raise QueryError(msg) from e
    if json_depth(value, MAX_PARAMS_DEPTH) > MAX_PARAMS_DEPTH:
        msg = f"the parameters are nested deeper than {MAX_PARAMS_DEPTH} levels"
        raise QueryError(msg)
    if not isinstance(value, dict):
        msg = 'the parameters must be a JSON object, e.g. {"first_scm": 38}'
        raise QueryError(msg)
    return value


def cell_text(value: Any) -> str:
    """A result cell as text: a node shows its label and kind, a relationship its type."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if Prop.IRI.value in value and Prop.KIND.value in value:
            name = value.get(Prop.LABEL.value) or value[Prop.IRI.value]
            return f"{name} ({styles.kind_label(str(value[Prop.KIND.value]))})"
        if "type" in value and "source" in value and "target" in value:
            return f"[{value['type']}]"
        return json.dumps(value, default=str, ensure_ascii=False)
    if isinstance(value, list):
        return ", ".join(cell_text(v) for v in value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _column_ids(columns: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in columns:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


ANSWERS_REMEMBERED = 32
"""Console answers remembered per state of a store that counts its writes (an example run again is not re-run)."""


def answer(app_ctx: AppContext, query: str, params: dict[str, Any], limit: int) -> CypherResult:
    """The store's answer to a checked query; remembered per revision when the store has one.

    A store with a revision (the embedded one) says exactly when its graph changed, so the same query
    with the same parameters and limit gives the same rows until then, and the console's worker
    process need not be forked again. A store without one (Neo4j) is always asked: its state is only
    estimated from counts, which an edited property does not change.
    """

    def ask() -> CypherResult:
        return app_ctx.store.run_cypher(query, params, limit=limit, timeout=app_ctx.query_timeout)

    if app_ctx.store.revision is None:
        return ask()
    try:
        key = (query, json.dumps(params, sort_keys=True, default=str), limit)
    except (TypeError, ValueError):  # parameters with no stable text: ask the store
        return ask()
    return app_ctx.remembered("console-answers", key, ask, size=ANSWERS_REMEMBERED)


def run_query(app_ctx: AppContext, query: object, params_text: object, limit: object = None) -> ConsoleOutcome:
    """Run an analyst query; every failure becomes a message (the callback's body).

    The arguments are what the browser sent, checked here: a query that is not text or a row limit that is
    not a whole number gets a message, as a malformed query does.
    """
    if query is not None and not isinstance(query, str):
        return ConsoleOutcome(False, "Query error: the query must be text.")
    if not query or not query.strip():
        return ConsoleOutcome(False, "Type a Cypher query, or pick an example.")
    if len(query) > MAX_QUERY_CHARS:
        return ConsoleOutcome(False, f"Query error: the query is longer than {MAX_QUERY_CHARS:,} characters.")
    wanted = row_limit(limit, app_ctx.row_limit)
    if wanted is None:
        most = app_ctx.row_limit
        return ConsoleOutcome(False, f"Query error: the row limit must be a whole number from 1 to {most}.")
    rows_wanted = wanted
    t0 = time.perf_counter()
    try:
        params = parse_params(params_text)
        result = answer(app_ctx, query, params, rows_wanted)
    except WriteNotAllowedError as e:
        return ConsoleOutcome(False, f"Refused: {e}. The console only reads the graph.")
    except CypherSyntaxError as e:
        return ConsoleOutcome(False, _syntax_message(str(e)))
    except UnsupportedQueryError as e:
        return ConsoleOutcome(False, f"Not available on the {app_ctx.store.name} store: {e}")
    except QueryTimeoutError:
        return ConsoleOutcome(
            False,
            f"Timeout: the query was stopped after {app_ctx.query_timeout:g} s, the console's limit. Narrow it: "
            "give labels to the nodes, add a WHERE on a property, or match fewer patterns at once.",
        )
    except QueryError as e:
        return ConsoleOutcome(False, f"Query error: {e}")
    except AllianceKGError as e:
        return ConsoleOutcome(False, f"The store could not answer: {e}")
    except Exception as e:  # the console is a boundary: an analyst sees a message, never a traceback
        log.exception("console query failed")
        return ConsoleOutcome(False, f"The query failed unexpectedly ({type(e).__name__}: {e}).")
    seconds = time.perf_counter() - t0
    col_ids = _column_ids(result.columns)
    rows = [{cid: cell_text(v) for cid, v in zip(col_ids, row, strict=False)} for row in result.rows]
    elements: list[dict[str, Any]] = []
    if result.graph.nodes:
        elements = to_elements(cap_graph(result.graph, app_ctx.max_elements).graph)
    note = f"{len(rows)} row{'s' if len(rows) != 1 else ''} in {seconds * 1000:.0f} ms"
    if result.truncated:
        note = (
            f"Row limit reached: showing the first {rows_wanted} rows ({seconds * 1000:.0f} ms); there are more. "
            f"Narrow the query, or raise the row limit (up to {app_ctx.row_limit})."
        )
    elif not rows:
        missing = missing_derivations(app_ctx, query)
        if missing:
            note += f". {missing}"
    return ConsoleOutcome(
        True, note, columns=col_ids, rows=rows, elements=elements, truncated=result.truncated, seconds=seconds
    )


def _syntax_message(text: str) -> str:
    """``Syntax error at line 1, column 20: ...`` (the store's wording, capitalised), or what could not be read."""
    if text.lower().startswith("syntax error"):
        return "Syntax error" + text[len("syntax error") :]
    return f"Cannot read the query: {text}"


def derived_missing(app_ctx: AppContext, example: Example) -> str | None:
    """What to run before ``example`` gives rows, when the relationship it reads is not in the graph yet."""
    if example.needs is None:
        return None
    count = app_ctx.cached("rel-counts", app_ctx.store.count_by_type).get(example.needs.value, 0)
    if count:
        return None
    return (
        f"This example reads {example.needs.value} links, which are derived, not extracted: the graph has none yet. "
        f"Run `{DERIVED_BY[example.needs]}` (then restart `alliancekg serve`) to derive them; "
        "until then it returns no rows."
    )


def missing_derivations(app_ctx: AppContext, query: str) -> str | None:
    """The derivation hint of the first derived relationship ``query`` names that the graph lacks."""
    for example in EXAMPLES.values():
        if example.needs is not None and example.needs.value in query:
            return derived_missing(app_ctx, example)
    return None


def rows_csv(columns: list[str], rows: list[dict[str, str]]) -> str:
    """Rows as CSV text (header first)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def render_outcome(outcome: ConsoleOutcome) -> tuple[Any, list[dict[str, str]], list[dict[str, str]], Any]:
    """Message, table data, table columns and graph (or None) of an outcome.

    The graph is a fresh cytoscape component, mounted visible with its
    elements, so its layout runs on a container of real size.
    """
    message = html.Div(
        outcome.message,
        className="console-ok" if outcome.ok else "console-error",
        style={} if outcome.ok else styles.ERROR_STYLE,
    )
    columns = [{"name": c, "id": c} for c in outcome.columns]
    graph = None
    if outcome.elements:
        graph = cyto.Cytoscape(
            id=ids.CONSOLE_GRAPH,
            elements=outcome.elements,
            stylesheet=styles.cytoscape_stylesheet(),
            layout={"name": "cose", "animate": False, "padding": 40},
            maxZoom=1.5,
            style={"width": "100%", "height": "420px", "border": "1px solid #d9d9d9", "background": "#fff"},
        )
    return message, outcome.rows, columns, graph


def example_note(app_ctx: AppContext, example: Example) -> Any:
    """The notice under the examples when the chosen one reads links the graph does not have yet."""
    missing = derived_missing(app_ctx, example)
    return html.Div(missing, className="console-example-note", style=styles.NOTICE_STYLE) if missing else None


def layout(app_ctx: AppContext, view: ViewState) -> html.Div:
    """The console page for a URL state."""
    example = EXAMPLES.get(view.example or DEFAULT_EXAMPLE, EXAMPLES[DEFAULT_EXAMPLE])
    note = "Runs on Neo4j: full read-only Cypher." if full_cypher(app_ctx) else EMBEDDED_SUBSET
    area = {"width": "100%", "fontFamily": "ui-monospace, SFMono-Regular, Menlo, monospace", "fontSize": 13}
    return html.Div(
        [
            dcc.Store(id=ids.url_state(PAGE), data={"example": example.key}),
            dcc.Store(id=ids.CONSOLE_RESULT),
            html.Div(
                [
                    html.Label("Examples", htmlFor=ids.CONSOLE_EXAMPLES, style={"fontWeight": 600}),
                    dcc.Dropdown(
                        id=ids.CONSOLE_EXAMPLES,
                        options=styles.options((e.title, e.key) for e in EXAMPLES.values()),
                        value=example.key,
                        clearable=False,
                        style={"width": "420px"},
                    ),
                    html.Span(note, id=ids.CONSOLE_SUBSET, style={"fontSize": 12, "color": "#595959"}),
                ],
                className="akg-wrap",
                style={"display": "flex", "gap": "10px", "alignItems": "center"},
            ),
            html.Div(
                f"This link names an example the console does not have ({view.example}); "
                f"showing \u201c{example.title}\u201d.",
                className="console-unknown-example",
                style=styles.NOTICE_STYLE,
            )
            if view.example and view.example not in EXAMPLES
            else None,
            html.Div(example_note(app_ctx, example), id=ids.CONSOLE_EXAMPLE_NOTE),
            html.Div(
                [
                    html.Div(
                        [
                            html.Label("Query", htmlFor=ids.CONSOLE_QUERY),
                            dcc.Textarea(
                                id=ids.CONSOLE_QUERY,
                                value=example.query,
                                style={**area, "height": "150px"},
                                spellCheck=False,
                            ),
                        ],
                        style={"flex": "3 1 0"},
                    ),
                    html.Div(
                        [
                            html.Label("Parameters (JSON)", htmlFor=ids.CONSOLE_PARAMS),
                            dcc.Textarea(
                                id=ids.CONSOLE_PARAMS,
                                value=json.dumps(example.params, indent=1),
                                style={**area, "height": "150px"},
                                spellCheck=False,
                            ),
                        ],
                        style={"flex": "1 1 0"},
                    ),
                ],
                className="akg-wrap",
                style={"display": "flex", "gap": "10px", "marginTop": "8px"},
            ),
            html.Div(
                [
                    html.Button("Run", id=ids.CONSOLE_RUN, n_clicks=0, style={"fontWeight": 600}),
                    html.Label("Row limit", htmlFor=ids.CONSOLE_LIMIT, style={"marginLeft": "10px"}),
                    dcc.Input(
                        id=ids.CONSOLE_LIMIT,
                        type="number",
                        min=1,
                        max=app_ctx.row_limit,
                        value=app_ctx.row_limit,
                        style={"width": "80px"},
                    ),
                    html.Span(
                        f"at most {app_ctx.row_limit} rows, timeout {app_ctx.query_timeout:g} s, read-only",
                        style={"fontSize": 12, "color": "#595959"},
                    ),
                    html.Button("Rows as CSV", id=ids.CONSOLE_CSV_BUTTON, n_clicks=0, style={"marginLeft": "auto"}),
                    dcc.Download(id=ids.CONSOLE_CSV),
                ],
                className="akg-wrap",
                style={"display": "flex", "gap": "8px", "alignItems": "center", "margin": "6px 0"},
            ),
            dcc.Loading(
                [
                    html.Div(id=ids.CONSOLE_MESSAGE, style={"margin": "6px 0"}),
                    html.Div(id=ids.CONSOLE_GRAPH_WRAP),
                ],
                type="dot",
                delay_show=300,
            ),
            DataTable(
                id=ids.CONSOLE_TABLE,
                data=[],
                columns=[],
                page_size=25,
                sort_action="native",
                style_cell={
                    "fontSize": 12,
                    "textAlign": "left",
                    "whiteSpace": "normal",
                    "height": "auto",
                    "maxWidth": "480px",
                    "fontFamily": "inherit",
                },
                style_header={"fontWeight": 600},
            ),
        ]
    )


def register(app: Dash, app_ctx: AppContext) -> None:
    """Add the console's callbacks to ``app``."""

    @app.callback(
        Output(ids.CONSOLE_QUERY, "value"),
        Output(ids.CONSOLE_PARAMS, "value"),
        Output(ids.url_state(PAGE), "data"),
        Output(ids.CONSOLE_EXAMPLE_NOTE, "children"),
        Input(ids.CONSOLE_EXAMPLES, "value"),
        prevent_initial_call=True,
    )
    def _example(key):
        example = EXAMPLES.get(key or DEFAULT_EXAMPLE, EXAMPLES[DEFAULT_EXAMPLE])
        note = example_note(app_ctx, example)
        return example.query, json.dumps(example.params, indent=1), {"example": example.key}, note

    @app.callback(
        Output(ids.CONSOLE_MESSAGE, "children"),
        Output(ids.CONSOLE_TABLE, "data"),
        Output(ids.CONSOLE_TABLE, "columns"),
        Output(ids.CONSOLE_GRAPH_WRAP, "children"),
        Output(ids.CONSOLE_RESULT, "data"),
        Input(ids.CONSOLE_RUN, "n_clicks"),
        State(ids.CONSOLE_QUERY, "value"),
        State(ids.CONSOLE_PARAMS, "value"),
        State(ids.CONSOLE_LIMIT, "value"),
        prevent_initial_call=True,
    )
    def _run(_clicks, query, params, limit):
        outcome = run_query(app_ctx, query, params, limit)
        message, data, columns, graph = render_outcome(outcome)
        return message, data, columns, graph, {"columns": outcome.columns, "rows": outcome.rows}

    @app.callback(
        Output(ids.CONSOLE_CSV, "data"),
        Input(ids.CONSOLE_CSV_BUTTON, "n_clicks"),
        State(ids.CONSOLE_RESULT, "data"),
        prevent_initial_call=True,
    )
    def _csv(_clicks, result):
        if not result or not result.get("columns"):
            return None
        return {
            "content": rows_csv(result["columns"], result["rows"]),
            "filename": "query-results.csv",
            "type": "text/csv",
        }
