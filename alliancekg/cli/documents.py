"""Document commands: ``ingest`` (files into a store) and ``extract`` (one file, no store)."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from alliancekg.cli.options import DataFile, StoreKind, opened
from alliancekg.cli.output import Printer, literal
from alliancekg.cli.output import console as new_console
from alliancekg.settings import Settings
from graph.errors import ConfigurationError, ExtractionError

if TYPE_CHECKING:
    from rich.table import Table

    from alliancekg.ingest import IngestReport

SUMMARY_ROWS = 200
"""Above this many files, the summary lists failures and the first rows only."""

_STATUS_STYLE = {"ok": "green", "failed": "bold red", "skipped-unchanged": "dim"}


def _max_bytes(max_size_mb: float | None) -> int | None:
    if max_size_mb is None:
        return None
    if max_size_mb <= 0:
        msg = f"--max-size-mb must be positive, got {max_size_mb}"
        raise ConfigurationError(msg)
    return int(max_size_mb * 1024 * 1024)


def _display_path(path: str) -> str:
    """The path relative to the working directory when it lies below it, printable.

    Control and bidirectional-override characters in a file name are shown
    escaped (``\\n``, ``\\u202e``), so a name cannot split a row of the summary
    or reorder what the terminal shows.
    """
    try:
        shown = str(Path(path).resolve().relative_to(Path.cwd()))
    except (ValueError, OSError, RuntimeError):
        shown = path
    return printable(shown)


def printable(text: str) -> str:
    r"""``text`` with control, format and bidi characters escaped.

    >>> printable("a\nb\u202etxt.exe")
    'a\\nb\\u202etxt.exe'
    """
    out = []
    for ch in text:
        if ch.isprintable() and unicodedata.category(ch) != "Cf":
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def summary_table(report: IngestReport) -> Table:
    """The per-file summary of an ingest run."""
    from rich.table import Table

    table = Table(title="Ingest summary", show_lines=False)
    for name, justify in (
        ("file", "left"),
        ("status", "left"),
        ("kind", "left"),
        ("nodes", "right"),
        ("relationships", "right"),
        ("seconds", "right"),
        ("error", "left"),
    ):
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    rows = report.files
    if len(rows) > SUMMARY_ROWS:
        rows = [f for f in report.files if f.status == "failed"] + [f for f in report.files if f.status != "failed"]
        rows = rows[:SUMMARY_ROWS]
    for result in rows:
        style = _STATUS_STYLE.get(result.status, "")
        table.add_row(
            literal(_display_path(result.path)),
            f"[{style}]{result.status}[/{style}]" if style else result.status,
            result.kind or "",
            str(result.nodes),
            str(result.relationships),
            f"{result.seconds:.2f}",
            literal(printable(result.error or "")),
        )
    if len(rows) < len(report.files):
        table.caption = f"{len(report.files) - len(rows)} more files not listed"
    return table


def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (.txt, .html, .pdf; recursive).")],
    store_kind: StoreKind = None,
    data: DataFile = None,
    rdf: Annotated[
        Path | None,
        typer.Option("--rdf", help="Also export the store as RDF (.ttl, .nt, .jsonld)."),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Processes for reading and extraction.")] = 1,
    force: Annotated[bool, typer.Option("--force", help="Re-extract documents already in the store.")] = False,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Text encoding of every file (default: detect).")
    ] = None,
    max_size_mb: Annotated[
        float | None,
        typer.Option("--max-size-mb", help="Largest file read (default 100 or ALLIANCEKG_MAX_FILE_MB)."),
    ] = None,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="Do not show the progress bar.")] = False,
) -> None:
    """Read documents, extract their graphs and load them into the store.

    Bad files are reported and skipped; nothing of a failed document enters
    the store. Exits with status 1 when any file failed.
    """
    from alliancekg.ingest import INGEST_SUFFIXES, expand_paths, ingest_paths

    settings = Settings.from_env()
    limit = _max_bytes(max_size_mb)
    if not expand_paths(paths):
        shown = ", ".join(str(p) for p in paths)
        msg = f"no documents to ingest under {shown} (looked for {', '.join(sorted(INGEST_SUFFIXES))})"
        raise ExtractionError(msg)
    with opened(store_kind, data, settings, create=True) as store:
        report = ingest_paths(
            paths,
            store,
            progress=not no_progress,
            rdf_out=rdf,
            workers=workers,
            base=settings.base_iri,
            force=force,
            encoding=encoding,
            max_bytes=limit,
        )
    console = Printer()
    console.print(summary_table(report))
    if report.stopped is not None:
        loaded = report.count("ok")
        new_console(stderr=True).print(
            f"[red]error:[/red] the {store.name} store stopped answering ({literal(report.stopped)}); "
            "the run stopped after "
            f"{loaded} document(s) were loaded, {len(report.not_attempted)} file(s) not read. "
            "Run the same command again when the store is back: documents already loaded are skipped.",
            highlight=False,
        )
        raise typer.Exit(code=1)
    line = (
        f"{report.count('ok')} ingested, {report.count('skipped-unchanged')} unchanged, "
        f"{report.count('failed')} failed in {report.seconds:.1f} s "
        f"({report.nodes} nodes, {report.relationships} relationships) into the {store.name} store"
    )
    if report.store_file is not None:
        line += f" ({literal(report.store_file)})"
    console.print(line)
    if report.rdf_file is not None:
        console.print(f"RDF written to {literal(report.rdf_file)}")
    if not report.ok:
        raise typer.Exit(code=1)


def extract_command(
    file: Annotated[Path, typer.Argument(help="A .txt, .html or .pdf document.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json (GraphData) or ttl (Turtle).")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Text encoding of the file (default: detect).")
    ] = None,
) -> None:
    """Extract one document's graph and print it; no store is touched."""
    from extractors.extract import extract_file

    kind = fmt.strip().lower()
    if kind not in ("json", "ttl"):
        msg = f"--format {fmt!r}: expected json or ttl"
        raise ConfigurationError(msg)
    base = Settings.from_env().base_iri
    try:
        graph = extract_file(file, base=base, encoding=encoding)
    except ExtractionError as e:
        msg = f"{file}: {e}"
        raise ExtractionError(msg) from e
    if kind == "json":
        text = graph.model_dump_json(indent=2) + "\n"
    else:
        from ontology.rdf_export import export_string

        text = export_string(graph, "ttl", base=base)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        new_console(stderr=True).print(
            f"{len(graph.nodes)} nodes, {len(graph.relationships)} relationships written to {literal(output)}"
        )


def register(app: typer.Typer) -> None:
    """Add ``ingest`` and ``extract`` to ``app``."""
    app.command("ingest")(ingest_command)
    app.command("extract")(extract_command)
