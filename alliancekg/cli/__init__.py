"""The ``alliancekg`` command line: one typer app.

The commands live in this package, one module per area (documents, store,
linked data, analysis, the explorer), each with a ``register(app)`` function
listed in :data:`COMMAND_MODULES`; the options they share are declared once in
:mod:`alliancekg.cli.options`. This module assembles them and turns the
project's errors into clear one-line messages.
"""

from __future__ import annotations

import importlib
import logging
import sys

import typer
from rich.console import Console

from alliancekg import __version__
from graph.errors import AllianceKGError, LookupAmbiguityError

COMMAND_MODULES: tuple[str, ...] = (
    "alliancekg.cli.store",
    "alliancekg.cli.rdf",
    "alliancekg.cli.analysis",
    "alliancekg.cli.record",
    "alliancekg.cli.serve",
    "alliancekg.cli.fetch",
    "alliancekg.cli.documents",
    "alliancekg.cli.evaluate",
)
"""Modules whose ``register(app)`` adds commands, in help order."""

app = typer.Typer(
    name="alliancekg",
    help=(
        "Explore how an alliance's commitments answer its crises: ingest SCM communiques and "
        "related statements, build a knowledge graph (embedded or Neo4j), trace crisis responses, "
        "export linked data and open the explorer."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

err_console = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"alliancekg {__version__}")
        raise typer.Exit


NOISY_LOGGERS: tuple[str, ...] = ("neo4j", "pypdf", "werkzeug", "waitress")
"""Libraries whose warnings (driver retries, PDF repairs) reach the user only with --verbose."""


def configure_logging(verbose: bool) -> None:
    """Log to stderr: warnings of the project by default, everything with ``--verbose``.

    Third-party chatter (:data:`NOISY_LOGGERS`) is shown only with ``--verbose``.
    """
    level = logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", force=True)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO if verbose else logging.ERROR)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also show library warnings and progress logs."),
) -> None:
    """alliancekg: a knowledge-graph explorer of alliance events and commitments."""
    configure_logging(verbose)


for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)


def main() -> None:
    """Entry point: run the app, report project errors without a traceback."""
    try:
        code = app(standalone_mode=False)
        if isinstance(code, int) and code != 0:  # typer.Exit(code) is returned, not raised, in this mode
            sys.exit(code)
    except LookupAmbiguityError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        if exc.candidates:
            err_console.print("Close matches:")
            for candidate in exc.candidates:
                err_console.print(f"  - {candidate}")
        sys.exit(2)
    except AllianceKGError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err_console.print("Aborted.")
        sys.exit(130)
    except Exception as exc:  # click usage errors arrive here in non-standalone mode
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise


if __name__ == "__main__":
    main()
