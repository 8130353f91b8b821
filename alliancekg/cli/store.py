"""Store commands: ``stats``, ``cypher`` (the read-only console), ``neo4j-check``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Annotated, Any

import typer

from alliancekg.cli.options import (
    ROW_LIMIT,
    DataFile,
    OutputFormat,
    OutputFormatOption,
    StoreKind,
    _cap,
    describe,
    opened,
)
from alliancekg.cli.output import emit_rows, literal, note, show
from alliancekg.settings import Settings, open_store
from graph.errors import ConfigurationError
from graph.labels import kind_label, relationship_label, shorten


def parse_param(text: str) -> tuple[str, Any]:
    """``name=value`` from the command line; the value is read as JSON when it parses, else as text.

    ``n=3`` gives the int 3, ``who="PRK"`` or ``who=PRK`` the string, ``xs=[1,2]`` a list and
    ``d=date:2017-09-03`` a date.

    Raises:
        ConfigurationError: no ``=`` or an empty name.
    """
    name, sep, raw = text.partition("=")
    name = name.strip().lstrip("$")
    if not sep or not name:
        msg = f"--param {text!r}: expected NAME=VALUE"
        raise ConfigurationError(msg)
    if raw.startswith("date:"):
        try:
            return name, dt.date.fromisoformat(raw[5:])
        except ValueError as e:
            msg = f"--param {text!r}: {raw[5:]!r} is not an ISO date (YYYY-MM-DD)"
            raise ConfigurationError(msg) from e
    try:
        return name, json.loads(raw)
    except json.JSONDecodeError:
        return name, raw


def _text(value: Any) -> str:
    """A Cypher value as text: a node as ``(Kind) label <iri>``, a date in ISO, a map or list as JSON."""
    if isinstance(value, dict) and "iri" in value and "kind" in value:
        text = f"({value['kind']}) {value.get('label', '')} <{value['iri']}>"
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, default=str)
    else:
        text = "null" if value is None else str(value)
    return text


def _cell(value: Any, width: int = 80) -> str:
    return shorten(_text(value), width, words=False)


def _named(code: str, label: Callable[[str], str]) -> str:
    """A kind or relationship type in words, with the code Cypher uses (dim) when the two differ."""
    if not code:
        return ""
    words = label(code)
    return words if words == code else f"{words} [dim]{code}[/dim]"


def register(app: typer.Typer) -> None:
    """Add the store commands to ``app``."""

    @app.command("stats")
    def stats(
        store: StoreKind = None,
        data: DataFile = None,
        fmt: OutputFormatOption = OutputFormat.TABLE,
    ) -> None:
        """Count the nodes by kind and the relationships by type."""
        from rich.table import Table

        with opened(store, data) as graph:
            kinds = graph.count_by_kind()
            types = graph.count_by_type()
        if fmt is not OutputFormat.TABLE:
            rows = [("node", k, n) for k, n in sorted(kinds.items())]
            rows += [("relationship", t, n) for t, n in sorted(types.items())]
            payload = {"store": describe(graph).removeprefix("the "), "nodes": kinds, "relationships": types}
            emit_rows(fmt, ("element", "name", "count"), rows, payload)
            return
        table = Table(title=f"graph in {literal(describe(graph))}")
        table.add_column("nodes by kind")
        table.add_column("count", justify="right")
        table.add_column("relationships by type")
        table.add_column("count", justify="right")
        left = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
        right = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))
        for i in range(max(len(left), len(right))):
            k = left[i] if i < len(left) else ("", "")
            t = right[i] if i < len(right) else ("", "")
            table.add_row(_named(k[0], kind_label), f"{k[1]:,}" if k[1] != "" else "",
                          _named(t[0], relationship_label), f"{t[1]:,}" if t[1] != "" else "")
        total_nodes, total_rels = sum(kinds.values()), sum(types.values())
        table.add_row("[b]total[/b]", f"[b]{total_nodes:,}[/b]", "[b]total[/b]", f"[b]{total_rels:,}[/b]")
        show(table)
        if not kinds:
            where = literal(_cap(describe(graph)))
            show(f"{where} is empty: run `alliancekg ingest corpus/` to load the sample corpus.")

    @app.command("cypher")
    def cypher(
        query: Annotated[str, typer.Argument(help="A read-only Cypher query; values go in --param, not in the text.")],
        param: Annotated[
            list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE (JSON, or text; date:YYYY-MM-DD).")
        ] = None,
        limit: Annotated[int, typer.Option("--limit", min=1, help="Maximum rows.")] = ROW_LIMIT,
        timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds before giving up.")] = 10.0,
        as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON lines.")] = False,
        store: StoreKind = None,
        data: DataFile = None,
        fmt: OutputFormatOption = OutputFormat.TABLE,
    ) -> None:
        """Run a read-only Cypher query on the graph (writes are refused)."""
        from rich.table import Table

        params = dict(parse_param(p) for p in (param or []))
        with opened(store, data) as graph:
            result = graph.run_cypher(query, params, limit=limit, timeout=timeout)
        if fmt is not OutputFormat.TABLE:
            rows = [[_text(v) for v in row] for row in result.rows] if fmt is OutputFormat.CSV else result.rows
            emit_rows(fmt, result.columns, rows)
            if result.truncated:
                note(f"only the first {limit} rows were written; raise --limit to get more", fmt)
            return
        if as_json:
            for row in result.rows:
                typer.echo(json.dumps(dict(zip(result.columns, row, strict=True)), ensure_ascii=False, default=str))
            return
        title = f"{len(result.rows)} row(s) from the {graph.name} store"
        table = Table(*(literal(c) for c in result.columns), title=title)
        for row in result.rows:
            table.add_row(*(literal(_cell(v)) for v in row))
        show(table)
        if result.truncated:
            show(f"[yellow]only the first {limit} rows are shown; raise --limit to see more[/yellow]")

    @app.command("neo4j-check")
    def neo4j_check(fmt: OutputFormatOption = OutputFormat.TABLE) -> None:
        """Connect to Neo4j (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD) and report what is there."""
        from rich.table import Table

        settings = Settings.from_env()
        with open_store("neo4j", settings=settings) as graph:
            info = graph.server_info()  # type: ignore[attr-defined]
            nodes, rels = graph.count_nodes(), graph.count_relationships()  # type: ignore[attr-defined]
        report: dict[str, Any] = {
            "uri": settings.neo4j_uri or "",
            "user": settings.neo4j_username if settings.neo4j_auth else None,
            "database": settings.neo4j_database,
            "server": f"{info['name']} {info['version']} {info['edition']}",
            "nodes": nodes,
            "relationships": rels,
        }
        if fmt is not OutputFormat.TABLE:
            emit_rows(fmt, list(report), [list(report.values())], payload=report)
            return
        table = Table(title="Neo4j", show_header=False)
        table.add_row("URI", report["uri"])
        table.add_row("user", report["user"] or "(no authentication)")
        table.add_row("database", report["database"] or "(server default)")
        table.add_row("server", report["server"])
        table.add_row("nodes", f"{nodes:,}")
        table.add_row("relationships", f"{rels:,}")
        show(table)
        show("[green]Neo4j is reachable[/green]")
