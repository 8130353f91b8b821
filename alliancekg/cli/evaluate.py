"""``alliancekg evaluate``: score the extractor against gold annotations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from alliancekg.cli.options import OutputFormat, OutputFormatOption
from alliancekg.cli.output import emit_rows, literal, show


def register(app: typer.Typer) -> None:
    """Add the ``evaluate`` command to ``app``."""

    @app.command("evaluate")
    def evaluate_command(
        gold: Annotated[list[Path], typer.Argument(help="Gold annotation files, or directories of them.")],
        corpus: Annotated[
            Path | None,
            typer.Option(
                "--corpus",
                help="Directory the gold files' document paths are relative to (default: the gold dir's parent).",
            ),
        ] = None,
        details: Annotated[
            bool, typer.Option("--details", help="Also list each document's misses and spurious keys.")
        ] = False,
        fmt: OutputFormatOption = OutputFormat.TABLE,
    ) -> None:
        """Print precision, recall and F1 of the extractor per category (micro-averaged over documents)."""
        from rich.table import Table

        from extractors.evaluate import CATEGORIES, evaluate

        report = evaluate(gold, corpus)
        if fmt is not OutputFormat.TABLE:
            records = report.records()
            columns = ("category", "tp", "fp", "fn", "precision", "recall", "f1")
            rows = [[row[c] for c in columns] for row in records]
            emit_rows(fmt, columns, rows, {"documents": len(report.documents), "categories": records})
            return
        table = Table(title=f"Extraction quality on {len(report.documents)} gold documents (micro-averaged)")
        for column in ("category", "TP", "FP", "FN", "precision", "recall", "F1"):
            table.add_column(column, justify="left" if column == "category" else "right")
        for row in report.records():
            table.add_row(
                row["category"], str(row["tp"]), str(row["fp"]), str(row["fn"]),
                f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}",
            )  # fmt: skip
        show(table)
        if details:
            for doc in report.documents:
                lines = []
                for c in CATEGORIES:
                    for key in doc.missed[c]:
                        lines.append(f"  [red]missed[/red]   {c}: {literal(' / '.join(key))}")
                    for key in doc.spurious[c]:
                        lines.append(f"  [yellow]spurious[/yellow] {c}: {literal(' / '.join(key))}")
                if lines:
                    show(f"[bold]{literal(doc.document)}[/bold]", *lines)
