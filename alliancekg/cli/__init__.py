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
import os
import sys
from typing import NoReturn

import typer

from graph.errors import AllianceKGError, ConfigurationError, EmptyStoreError, LookupAmbiguityError

PROG = "alliancekg"

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
    rich_markup_mode=None,
)

USAGE_EXIT = 2
"""Exit status of a usage error: unknown command or option, bad or missing value, missing file."""


def _version(value: bool) -> None:
    if value:
        from alliancekg import __version__

        typer.echo(f"alliancekg {__version__}")
        raise typer.Exit


NOISY_LOGGERS: tuple[str, ...] = ("neo4j", "pypdf", "werkzeug", "waitress")
"""Libraries whose warnings (driver retries, PDF repairs) reach the user only with --verbose."""


_verbose = False


def configure_logging(verbose: bool) -> None:
    """Log to stderr: warnings of the project by default, everything with ``--verbose``.

    Third-party chatter (:data:`NOISY_LOGGERS`) is shown only with ``--verbose``.
    """
    global _verbose
    _verbose = verbose
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


def _click_exception_types() -> tuple[tuple[type[Exception], ...], tuple[type[BaseException], ...]]:
    """The click ``ClickException`` and ``Abort`` classes typer raises (its own copy of click, or click)."""
    modules = [importlib.import_module(typer.BadParameter.__module__)]
    if "click.exceptions" in sys.modules:  # raised only by code that imported click itself
        modules.append(sys.modules["click.exceptions"])
    errors = tuple(m.ClickException for m in modules)
    aborts = tuple(a for a in (getattr(m, "Abort", None) for m in modules) if isinstance(a, type))
    return errors, aborts


def error_line(message: str) -> str:
    """One line ``alliancekg: error: ...``: newlines folded, so the message never spans lines."""
    return f"{PROG}: error: {' '.join(str(message).split())}"


def _fail(message: str, code: int, more: list[str] | None = None) -> NoReturn:
    sys.stderr.write(error_line(message) + "\n")
    for line in more or []:
        sys.stderr.write(line + "\n")
    sys.stderr.flush()
    sys.exit(code)


def usage_message(exc: Exception) -> str:
    """A click usage error as one line, with the command whose ``--help`` explains it.

    >>> usage_message(typer.BadParameter("nope"))
    'invalid value: nope (see alliancekg --help)'
    """
    text = " ".join(exc.format_message().split()).rstrip(".")  # type: ignore[attr-defined]
    text = text[:1].lower() + text[1:]
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None and ctx.command_path else PROG
    return f"{text} (see {where} --help)"


def _quiet_broken_pipe() -> NoReturn:
    """Standard output was closed by the reader (``| head``): stop without a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(1)


def main() -> None:
    """Entry point: run the app; every error is one line on standard error, never a traceback.

    Exit status: 0 done; 1 the command failed (a store unavailable, a file that failed
    to ingest, an export that does not conform); 2 a usage error (unknown command or
    option, a bad or missing value or setting (:class:`~graph.errors.ConfigurationError`),
    a missing input or store file, a name that matches nothing); 130 interrupted.
    """
    click_errors, aborts = _click_exception_types()
    interrupts: tuple[type[BaseException], ...] = (typer.Abort, KeyboardInterrupt, *aborts)
    try:
        code = app(standalone_mode=False, prog_name=PROG)
        if isinstance(code, int) and code != 0:  # typer.Exit(code) is returned, not raised, in this mode
            sys.exit(code)
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except EmptyStoreError as exc:
        from alliancekg.cli.options import store_in_use

        where = store_in_use() or "the store"
        _fail(f"{where} holds no {exc.what} yet: run `alliancekg ingest corpus/` first", USAGE_EXIT)
    except LookupAmbiguityError as exc:
        more = ["Close matches:", *(f"  - {c}" for c in exc.candidates)] if exc.candidates else None
        _fail(str(exc), USAGE_EXIT, more)
    except ConfigurationError as exc:  # a wrong option or setting, a missing input or store file
        _fail(str(exc), USAGE_EXIT)
    except AllianceKGError as exc:
        _fail(str(exc), 1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except interrupts:
        sys.stderr.write("Aborted.\n")
        sys.exit(130)
    except click_errors as exc:
        code = getattr(exc, "exit_code", 1)
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `alliancekg`: the help, as click shows it
            exc.show()  # type: ignore[attr-defined]
            sys.exit(USAGE_EXIT)
        if code == USAGE_EXIT:
            _fail(usage_message(exc), USAGE_EXIT)
        _fail(" ".join(exc.format_message().split()), code)  # type: ignore[attr-defined]
    except Exception as exc:
        if _verbose:
            raise
        _fail(f"internal error: {type(exc).__name__}: {exc} (run with --verbose for the traceback)", 1)


if __name__ == "__main__":
    main()
