"""``stated``: when a pledge or a phrase was first stated, left out and stated again at a series' meetings;
``coverage``: which meetings of each series have a text loaded."""

from __future__ import annotations

from pathlib import Path

import typer

from alliancekg.cli.options import (
    CsvFile,
    DataFile,
    JsonFile,
    MinConfidence,
    OutputFormat,
    OutputFormatOption,
    Sources,
    StoreKind,
    opened,
)
from alliancekg.cli.output import frame_table, literal, short, show, write_result
from graph.errors import AllianceKGError

_STATUS_STYLE = {
    "first stated": "bold green",
    "stated again": "green",
    "not restated": "yellow",
    "no text loaded": "dim",
}


def read_recorded_text(doc_iri: str, source: str) -> str | None:
    """The text of a loaded document, read again from the file it was ingested from.

    None when ``source`` is no local file (a URL), cannot be read, or no longer holds
    the text that was loaded (its digest gives another document IRI).
    """
    from extractors.readers import read_document
    from graph.model import document_iri

    path = Path(source)
    if "://" in source or not path.is_file():
        return None
    try:
        doc = read_document(path)
    except AllianceKGError:
        return None
    base = doc_iri[: doc_iri.index("/document/") + 1] if "/document/" in doc_iri else None
    same = document_iri(doc.sha256, base=base) if base else document_iri(doc.sha256)
    return doc.text if same == doc_iri else None


def register(app: typer.Typer) -> None:
    """Add the ``stated`` command to ``app``."""

    def stated_command(
        what: str = typer.Argument(..., help="A commitment type (local name or label) or a phrase."),
        series: str = typer.Option("SCM", "--series", help="The meeting series to follow."),
        party: str | None = typer.Option(None, "--party", help="Only statements by this party (KOR, USA...)."),
        phrase: bool = typer.Option(False, "--phrase", help="Look for WHAT as a phrase even if it names a type."),
        all_meetings: bool = typer.Option(
            False, "--all", help="List every meeting of the record, not only the loaded ones."
        ),
        sources: Sources = "primary",
        min_confidence: MinConfidence = None,
        store: StoreKind = None,
        data: DataFile = None,
        csv: CsvFile = None,
        json_file: JsonFile = None,
        fmt: OutputFormatOption = OutputFormat.TABLE,
    ) -> None:
        """When WHAT was first stated at a series' meetings, left out and stated again.

        Follows the record of the series (every meeting of the series reference,
        loaded or not): a meeting without a loaded text says so ("no text for the
        52nd SCM loaded") and is never read as silence. A phrase is looked for in
        the pledge sentences, then in the texts that record each meeting (read
        again from the files they were ingested from).
        """
        from rich.text import Text

        from analytics.record import stated

        with opened(store, data) as graph:
            result = stated(
                graph,
                what,
                series=series,
                party=party,
                phrase=True if phrase else None,
                sources=sources,
                min_confidence=min_confidence,
                read_text=read_recorded_text,
            )
            if fmt is not OutputFormat.TABLE:
                write_result(result.table, result.to_dict(), csv, json_file, fmt)
                return
            kind = "commitment type" if result.kind == "type" else "phrase"
            head = f"[bold]{literal(result.label)}[/bold] ({kind}) at the {literal(result.series)} meetings: "
            if result.first_meeting is None:
                show(head + "not stated in any loaded text.")
            else:
                show(head + literal(f"{result.first_note} ({result.first_date})"))
            table = result.table if all_meetings else result.table[result.table["text_loaded"]]
            missing = int((~result.table["text_loaded"]).sum())
            shown = table.assign(
                status=table["status"].map(lambda s: Text(s, style=_STATUS_STYLE[s]) if s in _STATUS_STYLE else s),
                note=table["note"].map(lambda t: short(t, 60)),
                evidence=table["evidence"].map(lambda t: short(t, 70)),
            )
            show(
                frame_table(
                    shown,
                    [
                        ("meeting_label", "meeting"),
                        ("date", "date"),
                        ("status", "status"),
                        ("note", "note"),
                        ("party", "party"),
                        ("evidence", "evidence"),
                    ],
                )
            )
            if missing and not all_meetings:
                show(f"{missing} meetings of the record have no text loaded (--all lists them).")
            write_result(result.table, result.to_dict(), csv, json_file)

    app.command("stated")(stated_command)
    app.command("first-stated", hidden=True)(stated_command)

    @app.command("coverage")
    def coverage_command(
        until: str | None = typer.Option(None, "--until", metavar="DATE", help="Only meetings held by this date."),
        store: StoreKind = None,
        data: DataFile = None,
        csv: CsvFile = None,
        json_file: JsonFile = None,
        fmt: OutputFormatOption = OutputFormat.TABLE,
    ) -> None:
        """Which meetings of each series have a text loaded, and which of the record do not.

        Every other answer rests on the loaded texts: a meeting without one is
        unknown, never silent. For the series the reference lists (SCM, 2+2,
        NCG, EDSCG) the missing meetings are named by ordinal.
        """
        from analytics.frames import records
        from analytics.record import coverage

        with opened(store, data) as graph:
            table = coverage(graph, until)
            payload = {"until": until, "series": records(table)}
            if fmt is not OutputFormat.TABLE:
                write_result(table, payload, csv, json_file, fmt)
                return
            show(
                frame_table(
                    table,
                    [
                        ("series", "series"),
                        ("held", "held"),
                        ("loaded", "text loaded"),
                        ("first_loaded", "first"),
                        ("last_loaded", "last"),
                        ("missing", "no text for"),
                        ("note", "note"),
                    ],
                    title="Texts loaded per meeting series" + (f", meetings held by {until}" if until else ""),
                )
            )
            write_result(table, payload, csv, json_file)
