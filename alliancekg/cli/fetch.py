"""The ``fetch`` command: the public texts the source manifest lists, into a local cache."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from alliancekg.cli.options import OutputFormat, OutputFormatOption
from alliancekg.cli.output import Printer, emit_rows, literal
from alliancekg.cli.output import console as new_console
from alliancekg.cli.output import note as note_to_person
from alliancekg.settings import Settings
from graph.errors import ConfigurationError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import TaskID
    from rich.table import Table

    from alliancekg.fetch import FetchEvent, FetchReport, Selection

SOURCES_DIR = "sources"
"""The default cache: this directory beside the embedded store's file (``data/sources``)."""

_STATUS_STYLE = {"fetched": "green", "unchanged": "cyan", "cached": "dim", "skipped": "dim", "failed": "bold red"}


def default_out(settings: Settings | None = None) -> Path:
    """The default cache directory: ``sources`` beside the embedded store file."""
    conf = settings or Settings.from_env()
    return conf.data_path.parent / SOURCES_DIR


def _size(value: int | None) -> str:
    from alliancekg.fetch import MB

    if value is None:
        return ""
    if value >= MB:
        return f"{value / MB:.1f} MB"
    return f"{value / 1024:.0f} kB" if value >= 1024 else f"{value} B"


def summary_table(report: FetchReport) -> Table:
    """One row per source: what happened and why."""
    from rich.table import Table

    table = Table(title="Fetch summary", show_lines=False)
    for name, justify in (("source", "left"), ("status", "left"), ("size", "right"), ("detail", "left")):
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for result in report.results:
        style = _STATUS_STYLE.get(result.status, "")
        table.add_row(
            literal(result.id),
            f"[{style}]{result.status}[/{style}]" if style else result.status,
            _size(result.bytes),
            literal(result.reason),
        )
    return table


class _Bar:
    """A rich progress bar fed by the fetcher's events: the sources done, and the current download's bytes."""

    def __init__(self, console: Console, enabled: bool) -> None:
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[detail]}"),
            TimeElapsedColumn(),
            console=console,
            disable=not enabled,
            transient=False,
        )
        self.task: TaskID | None = None
        self.bytes_task: TaskID | None = None
        self.done = 0
        self.total = 0

    def __call__(self, event: FetchEvent) -> None:
        if event.kind == "plan":
            self.total = event.total
            self.task = self.progress.add_task("[bold]fetch[/bold]", total=event.total, detail=f"0/{event.total}")
        elif event.kind == "source" and self.task is not None:
            self.progress.update(self.task, description=f"[bold]fetch[/bold] {literal(event.source)}")
        elif event.kind == "bytes":
            detail = _size(event.received) + (f" of {_size(event.expected)}" if event.expected else "")
            if self.bytes_task is None:
                self.bytes_task = self.progress.add_task("  download", total=event.expected, detail=detail)
            self.progress.update(self.bytes_task, completed=event.received, total=event.expected, detail=detail)
        elif event.kind == "result" and self.task is not None:
            self.done += 1
            self.progress.update(self.task, advance=1, detail=f"{self.done}/{self.total}")
            if self.bytes_task is not None:
                self.progress.remove_task(self.bytes_task)
                self.bytes_task = None

    def __enter__(self) -> _Bar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


def fetch_command(
    what: Annotated[
        list[str] | None,
        typer.Argument(
            help="Series (SCM, MCM, 2+2, EDSCG, NCG, summit, trilateral), document keys or source ids; default all.",
            show_default=False,
        ),
    ] = None,
    since: Annotated[int | None, typer.Option("--since", help="Only meetings of this year or later.")] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Cache directory (default: 'sources' beside the embedded store file)."),
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", help="Languages to fetch: en, ko or all (extraction reads English).")
    ] = "en",
    all_copies: Annotated[
        bool, typer.Option("--all-copies", help="Fetch every listed copy of each text, not the first that works.")
    ] = False,
    manifest: Annotated[
        Path | None, typer.Option("--manifest", help="Another source manifest (default: the shipped one).")
    ] = None,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Ask the servers again even for sources checked in the last day.")
    ] = False,
    record: Annotated[
        bool, typer.Option("--record", help="Write bytes, SHA-256 and retrieval time of the copies into the manifest.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be fetched, in order; no network.")
    ] = False,
    fmt: OutputFormatOption = OutputFormat.TABLE,
    rate: Annotated[float, typer.Option("--rate", help="Seconds between two requests to one host.")] = 2.0,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for an answer or for data.")] = 30.0,
    host_timeout: Annotated[
        list[str] | None,
        typer.Option("--host-timeout", help="HOST=SECONDS: another timeout for one host (repeatable)."),
    ] = None,
    retries: Annotated[int, typer.Option("--retries", help="Further attempts after a transient failure.")] = 3,
    max_size_mb: Annotated[float, typer.Option("--max-size-mb", help="Largest download accepted.")] = 20.0,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="Do not show the progress bar.")] = False,
) -> None:
    """Download the public texts the source manifest lists into a local cache.

    One copy of each text is fetched (official sources first; the next copy
    only when one fails), with a polite rate limit, robots.txt respected,
    retries with back-off and conditional requests; a rerun resumes where an
    interrupted one stopped. Then build the graph with
    `alliancekg ingest <cache>`. Exits with status 1 when a text has no copy.
    """
    from alliancekg.fetch import MB, FetchConfig, Selection, fetch_sources

    languages = _languages(lang)
    for name, value in (("--rate", rate), ("--timeout", timeout), ("--max-size-mb", max_size_mb)):
        if value < 0 or (value == 0 and name != "--rate"):
            msg = f"{name} must be positive, got {value}"
            raise ConfigurationError(msg)
    if retries < 0:
        msg = f"--retries must be 0 or more, got {retries}"
        raise ConfigurationError(msg)
    host_timeouts = _host_timeouts(host_timeout or [])
    selection = Selection(what=tuple(what or ()), since=since, languages=languages, all_copies=all_copies)
    console = Printer()
    if dry_run:
        _print_plan(console, manifest, selection, fmt)
        return
    if fmt is not OutputFormat.TABLE:
        msg = f"--format {fmt.value} lists the plan of --dry-run; a fetch reports as a table"
        raise ConfigurationError(msg)
    config = FetchConfig(
        out=out if out is not None else default_out(),
        timeout=timeout,
        host_timeouts=host_timeouts,
        retries=retries,
        min_interval=rate,
        max_bytes=int(max_size_mb * MB),
        max_age=0.0 if refresh else FetchConfig.max_age,
    )
    with _Bar(new_console(stderr=True), enabled=not no_progress) as bar:
        report = fetch_sources(config, manifest=manifest, selection=selection, progress=bar, record=record)
    console.print(summary_table(report))
    for note in report.notes:
        console.print(f"note: {literal(note)}")
    if report.temp_removed:
        console.print(f"removed {report.temp_removed} temporary file(s) left by an interrupted run")
    line = (
        f"{report.count('fetched')} fetched, {report.count('unchanged')} unchanged, {report.count('cached')} cached, "
        f"{report.count('skipped')} skipped, {report.count('failed')} failed in {report.seconds:.1f} s; "
        f"{len(report.documents) - len(report.missing)} of {len(report.documents)} texts in {literal(report.out)}"
    )
    console.print(line)
    if report.missing:
        console.print(f"[bold red]no copy of:[/bold red] {literal(', '.join(report.missing))}")
    if report.saved():
        console.print(f"next: alliancekg ingest {literal(report.out)}")
    if not report.ok:
        raise typer.Exit(code=1)


def _host_timeouts(values: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for value in values:
        host, sep, seconds = value.partition("=")
        try:
            number = float(seconds)
        except ValueError:
            number = -1.0
        if not sep or not host.strip() or number <= 0:
            msg = f"--host-timeout {value!r}: expected HOST=SECONDS with a positive number"
            raise ConfigurationError(msg)
        out[host.strip().lower()] = number
    return out


def _languages(lang: str) -> tuple[str, ...]:
    from alliancekg.manifest import LANGUAGES

    value = lang.strip().lower()
    if value == "all":
        return ()
    chosen = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = [part for part in chosen if part not in LANGUAGES]
    if not chosen or unknown:
        msg = f"--lang {lang!r}: expected {', '.join(LANGUAGES)} or all"
        raise ConfigurationError(msg)
    return chosen


PLAN_COLUMNS = ("text", "try", "source", "format", "url")
"""Columns of the fetch plan (``fetch --dry-run``), in every output format."""


def _print_plan(
    console: Printer, manifest: Path | None, selection: Selection, fmt: OutputFormat = OutputFormat.TABLE
) -> None:
    from rich.table import Table

    from alliancekg.fetch import plan
    from alliancekg.manifest import load_manifest

    groups = plan(load_manifest(manifest), selection)
    if fmt is not OutputFormat.TABLE:
        rows = [(s.document, n, s.id, s.format, s.url) for g in groups for n, s in enumerate(g, start=1)]
        emit_rows(fmt, PLAN_COLUMNS, rows)
        note_to_person(f"{len(groups)} texts, {len(rows)} sources (nothing is downloaded)", fmt)
        return
    table = Table(title="Fetch plan (nothing is downloaded)")
    for column in PLAN_COLUMNS:
        table.add_column(column, overflow="fold")
    for group in groups:
        for n, source in enumerate(group, start=1):
            cells = (source.document if n == 1 else "", str(n), source.id, source.format, source.url)
            table.add_row(*(literal(c) for c in cells))
    console.print(table)
    console.print(f"{len(groups)} texts, {sum(len(g) for g in groups)} sources")


def register(app: typer.Typer) -> None:
    """Add ``fetch`` to ``app``."""
    app.command("fetch")(fetch_command)
