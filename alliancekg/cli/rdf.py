"""Linked-data commands: ``export``, ``import``, ``validate``, ``sparql``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from alliancekg.cli.options import ROW_LIMIT, DataFile, OutputFormat, OutputFormatOption, StoreKind, opened
from alliancekg.cli.output import Printer, emit_rows, literal
from alliancekg.settings import Settings
from ontology.inference import INFERENCE_MODES

if TYPE_CHECKING:
    from rich.table import Table

    from ontology.validate import ValidationReport


def _console() -> Printer:
    """Standard output through :func:`alliancekg.cli.output.show` (fits the terminal, no wrap in a pipe)."""
    return Printer()


def _new_table(**kwargs: object) -> Table:
    from rich.table import Table

    return Table(**kwargs)  # type: ignore[arg-type]

FORMAT_HELP = "ttl, nt, jsonld or xml (default: from the file extension)."
INFERENCE_HELP = ", ".join(INFERENCE_MODES)


def _violations_table(report: ValidationReport, limit: int = 50) -> Table:
    table = _new_table(title="SHACL results", show_lines=False)
    for column in ("severity", "node", "label", "shape / path", "why"):
        table.add_column(column, overflow="fold")
    for violation in report.violations[:limit]:
        where = f"{violation.shape} {violation.path}" if violation.path else violation.shape
        why = violation.message + (f" (value: {violation.value})" if violation.value is not None else "")
        cells = (violation.severity, violation.focus, violation.focus_label or "", where, why)
        table.add_row(*(literal(c) for c in cells))
    return table


def _print_validation(report: ValidationReport) -> None:
    if report.violations:
        _console().print(_violations_table(report))
        if len(report.violations) > 50:
            _console().print(f"... and {len(report.violations) - 50} more results")
    verdict = "[green]conforms[/green]" if report.conforms else "[red]does not conform[/red]"
    _console().print(f"SHACL: {verdict} ({len(report.errors)} violation(s), {len(report.warnings)} warning(s))")


def export_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    fmt: Annotated[str | None, typer.Option("--format", "-f", help=FORMAT_HELP)] = None,
    validate: Annotated[bool, typer.Option("--validate", help="Validate the export with SHACL and report.")] = False,
    store_kind: StoreKind = None,
    data_file: DataFile = None,
    base: Annotated[str | None, typer.Option("--base", help="Instance IRI base (ALLIANCEKG_BASE_IRI).")] = None,
    inference: Annotated[str, typer.Option("--inference", help=f"SHACL inference: {INFERENCE_HELP}.")] = "none",
) -> None:
    """Export the graph as RDF (N-Triples and Turtle are streamed)."""
    from ontology.rdf_export import export_file
    from ontology.validate import validate_file

    settings = Settings.from_env()
    with opened(store_kind, data_file, settings) as store:
        report = export_file(store, out, fmt, base or settings.base_iri)
    table = _new_table(title=f"Exported {store.name} store")
    for column in ("file", "format", "triples", "nodes", "relationships", "seconds"):
        table.add_column(column)
    table.add_row(literal(out), report.format, f"{report.triples:,}", f"{report.nodes:,}",
                  f"{report.relationships:,}", f"{report.seconds:.2f}")
    _console().print(table)
    if validate:
        result = validate_file(out, fmt, inference=inference)
        _print_validation(result)
        if not result.conforms:
            raise typer.Exit(1)


def import_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="RDF file (ttl, nt, jsonld, rdf/xml).")],
    fmt: Annotated[str | None, typer.Option("--format", "-f", help=FORMAT_HELP)] = None,
    store_kind: StoreKind = None,
    data_file: DataFile = None,
) -> None:
    """Load an RDF file in the alliance ontology into the store (upsert)."""
    from ontology.rdf_import import import_file

    with opened(store_kind, data_file, create=True) as store:
        _, report = import_file(file, store, fmt)
        saved = store.save()
    table = _new_table(title=f"Imported {literal(file)}")
    for column in ("triples read", "nodes", "relationships", "store"):
        table.add_column(column)
    table.add_row(f"{report.triples:,}", f"{report.nodes:,}", f"{report.relationships:,}",
                  f"{store.name}" + (f" ({literal(saved)})" if saved else ""))
    _console().print(table)
    for what, count in report.added.items():
        _console().print(f"{what}: {count}")
    if report.skipped:
        skipped = _new_table(title="Triples not mapped to the graph")
        skipped.add_column("reason", overflow="fold")
        skipped.add_column("count", justify="right")
        for reason, count in report.skipped.most_common(20):
            skipped.add_row(literal(reason), str(count))
        _console().print(skipped)


def validate_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="RDF file to validate.")],
    fmt: Annotated[str | None, typer.Option("--format", "-f", help=FORMAT_HELP)] = None,
    inference: Annotated[str, typer.Option("--inference", help=f"SHACL inference: {INFERENCE_HELP}.")] = "none",
) -> None:
    """Validate an RDF file against the SHACL shapes; exit 1 when it does not conform."""
    from ontology.validate import validate_file

    result = validate_file(file, fmt, inference=inference)
    _print_validation(result)
    if not result.conforms:
        raise typer.Exit(1)


def sparql_command(
    query: Annotated[str, typer.Argument(help="A query, a .rq file, a bundled example's name, or 'list'.")],
    data: Annotated[
        Path | None,
        typer.Option("--data", "-d", exists=True, dir_okay=False,
                     help="RDF file to query (default: the current store's export)."),
    ] = None,
    store_kind: StoreKind = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Rows to show at most.")] = ROW_LIMIT,
    no_ontology: Annotated[bool, typer.Option("--no-ontology", help="Do not add the ontology and schemes.")] = False,
    out_format: OutputFormatOption = OutputFormat.TABLE,
) -> None:
    """Run SPARQL over an RDF file or the current store's export (ontology included)."""
    from ontology.sparql import dataset, example_queries, read_query, run_query
    from ontology.sparql import show as show_term

    if query == "list":
        for name, path in example_queries().items():
            _console().print(f"{literal(name)}  [dim]{literal(path)}[/dim]")
        return
    text = read_query(query)
    settings = Settings.from_env()
    if data is not None:
        graph = dataset(data=data, include_ontology=not no_ontology)
    else:
        with opened(store_kind, None, settings) as store:
            graph = dataset(store=store, include_ontology=not no_ontology, base=settings.base_iri)
    result = run_query(graph, text, limit=limit)
    if out_format is not OutputFormat.TABLE:
        rows = [[None if term is None else str(term) for term in row] for row in result.rows]  # full IRIs
        emit_rows(out_format, result.columns, rows)
        return
    table = _new_table(title=f"{len(result.rows)} row(s)" + (" (truncated)" if result.truncated else ""))
    for column in result.columns:
        table.add_column(literal(column), overflow="fold")
    for row in result.rows:
        table.add_row(*(literal(show_term(term, settings.base_iri)) for term in row))
    _console().print(table)


def register(app: typer.Typer) -> None:
    """Add the linked-data commands to ``app``."""
    app.command("export")(export_command)
    app.command("import")(import_command)
    app.command("validate")(validate_command)
    app.command("sparql")(sparql_command)

