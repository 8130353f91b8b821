"""Standard output of the reading commands: a table that fits, or CSV, or JSON.

``--format table`` (the default) prints rich tables: on a terminal they fit its
width (long cells fold); piped into a file or another program they are printed
at their natural width, one line per row, instead of being wrapped one word
per line at 80 columns (``COLUMNS`` set in the environment still wins).
``--format csv`` prints the command's main table, every text cell through
:func:`graph.csvsafe.safe_cell` (a spreadsheet never reads it as a formula);
``--format json`` prints the whole result, the same document ``--json FILE``
writes. With csv or json, messages meant for a person go to standard error,
so standard output holds only the data.

Rich and pandas are imported when something is printed, not when the command
line starts.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alliancekg.cli.options import OutputFormat
from graph.errors import ConfigurationError
from graph.labels import cell_label, shorten

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console, RenderableType
    from rich.table import Table

MAX_PIPED_WIDTH = 4000
"""Widest line a table printed into a pipe may take (a cap, not a target)."""


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # replaced or closed stdout
        return False


def console(stderr: bool = False, **options: Any) -> Console:
    """A rich console for standard output (or error) as it is now, sized for the terminal.

    Nothing in a printed value is decorated behind the reader's back: no highlighting, and no emoji codes
    (":date:" in "ak:date:" stays as written). Markup is for the command's own words only: a value from a
    document, the store or the user goes through :func:`literal` first.
    """
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, emoji=False, **options)


def literal(value: Any) -> str:
    """``value`` as text that rich prints as written: a "[/]" or "[red]" in a source text, a title or a query's
    answer is shown, never read as markup (nor fails as a markup error)."""
    from rich.markup import escape

    return escape(str(value))


def show(*renderables: RenderableType) -> None:
    """Print tables and text (each on its own lines) to standard output, fitting the terminal or, piped, unwrapped."""
    from rich.measure import Measurement

    if _stdout_is_terminal() or os.environ.get("COLUMNS"):
        out = console()
        for renderable in renderables:
            out.print(renderable)
        return
    wide = console(width=MAX_PIPED_WIDTH)
    for renderable in renderables:
        natural = Measurement.get(wide, wide.options, renderable).maximum
        console(width=max(80, min(natural, MAX_PIPED_WIDTH)), soft_wrap=True).print(renderable)


class Printer:
    """A stand-in for a rich console whose ``print`` goes through :func:`show`."""

    def print(self, *objects: RenderableType) -> None:
        show(*objects)


def note(text: str, fmt: OutputFormat = OutputFormat.TABLE) -> None:
    """A message for a person: standard output with tables, standard error when stdout holds data."""
    if fmt is OutputFormat.TABLE:
        show(text)
    else:
        console(stderr=True).print(text, soft_wrap=True)


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return str(value)


def emit_json(payload: Any) -> None:
    """``payload`` as indented JSON on standard output."""
    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False, default=_json_default) + "\n")


def emit_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A header and rows as CSV on standard output, every cell formula-safe."""
    from graph.csvsafe import safe_row

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(safe_row(list(columns)))
    for row in rows:
        writer.writerow(safe_row(["" if v is None else v for v in row]))


def emit_frame(fmt: OutputFormat, frame: pd.DataFrame, payload: Any) -> None:
    """A command's main table (csv, as ``--csv FILE`` writes it) or whole result (json) on standard output."""
    if fmt is OutputFormat.JSON:
        emit_json(payload)
        return
    from graph.csvsafe import safe_frame

    safe_frame(frame).to_csv(sys.stdout, index=False, lineterminator="\n")


def emit_rows(fmt: OutputFormat, columns: Sequence[str], rows: Sequence[Sequence[Any]], payload: Any = None) -> None:
    """Rows as csv, or as json (``payload``, else one object per row)."""
    if fmt is OutputFormat.JSON:
        emit_json(payload if payload is not None else [dict(zip(columns, row, strict=True)) for row in rows])
    else:
        emit_csv(columns, rows)


def cell(value: Any) -> str:
    """A value as a table cell: plain Python, missing as empty, floats without trailing zeros."""
    from analytics import plain

    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def shown(column: str, value: Any) -> str:
    """A cell of a printed table in words (:func:`graph.labels.cell_label`: parties, types, kinds, yes/no)."""
    from analytics import plain

    return cell(cell_label(column, plain(value)))


def short(text: Any, width: int = 90) -> str:
    """A cell on one line, cut to ``width`` characters."""
    out = cell(text).replace("\n", " ")
    return shorten(out, width, words=False)


def frame_table(df: pd.DataFrame, columns: list[tuple[str, str]], title: str | None = None) -> Table:
    """A rich table of ``df``'s ``(column, header)`` pairs, cells in words (:func:`shown`), printed as written
    (:func:`literal`); a cell that is already a rich ``Text`` (a styled status) is kept as it is."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=literal(title) if title is not None else None, show_lines=False, header_style="bold")
    for _, header in columns:
        table.add_column(header, overflow="fold")
    for row in df.to_dict(orient="records"):
        table.add_row(
            *(v if isinstance(v := row.get(name), Text) else literal(shown(name, v)) for name, _ in columns)
        )
    return table


def new_table() -> Table:
    """An empty rich table with bold headers."""
    from rich.table import Table

    return Table(header_style="bold")


def write_result(
    df: pd.DataFrame,
    payload: dict[str, Any],
    csv: Path | None,
    json_file: Path | None,
    fmt: OutputFormat = OutputFormat.TABLE,
) -> None:
    """``--csv FILE`` / ``--json FILE``; with ``--format csv|json`` also the data on standard output."""
    from graph.csvsafe import safe_frame

    if fmt is not OutputFormat.TABLE:
        emit_frame(fmt, df, payload)
    if csv is not None and json_file is not None:
        msg = "give either --csv or --json, not both"
        raise ConfigurationError(msg)
    try:
        if csv is not None:
            safe_frame(df).to_csv(csv, index=False)
            note(f"wrote {len(df)} rows to {literal(csv)}", fmt)
        if json_file is not None:
            json_file.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            note(f"wrote {literal(json_file)}", fmt)
    except OSError as exc:
        msg = f"cannot write {csv or json_file}: {exc.strerror or exc}"
        raise ConfigurationError(msg) from exc
