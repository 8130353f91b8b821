"""Analysis commands: ``trace``, ``crises``, ``lineage``, ``in-force``, ``themes``, ``centrality``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

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
from alliancekg.cli.output import cell, frame_table, literal, new_table, note, short, show, shown, write_result
from analytics.defaults import DEFAULT_WINDOW_DAYS
from graph.errors import ConfigurationError
from graph.labels import party_label

if TYPE_CHECKING:
    pass

_CHANGE_STYLE = {
    "new": "bold green",
    "stronger": "green",
    "continued": "",
    "weaker": "yellow",
    "not restated": "dim",
    "unknown": "dim",
}



def _date(value: str | None, option: str) -> dt.date | None:
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        msg = f"{option} {value!r} is not a date (YYYY-MM-DD)"
        raise ConfigurationError(msg) from exc


def _present(value: Any) -> bool:
    """True for a real value (not None, not a pandas missing value, not empty)."""
    import pandas as pd

    if value is None or (not isinstance(value, str | list | tuple) and pd.isna(value)):
        return False
    return value != ""


def register(app: typer.Typer) -> None:
    """Add the analytics commands to ``app``."""

    @app.command("trace")
    def trace_command(
        incident: str = typer.Argument(..., help="Incident label, date (YYYY-MM-DD), catalogue id or IRI."),
        window: int = typer.Option(DEFAULT_WINDOW_DAYS, "--window", help="Days after the incident a meeting counts."),
        series: str | None = typer.Option(None, "--series", help="Only these meeting series (comma-separated)."),
        sources: Sources = "all",
        min_confidence: MinConfidence = None,
        store: StoreKind = None,
        data: DataFile = None,
        csv: CsvFile = None,
        json_file: JsonFile = None,
        fmt: OutputFormatOption = OutputFormat.TABLE,
    ) -> None:
        """How the next meetings after an incident answered it.

        Two measures per pledge: its wording (the text's stance: new, reaffirmed,
        strengthened, weakened, suspended) and its change against the previous
        meeting of the series in the record (new, stronger, continued, weaker,
        not restated; unknown when that meeting's text is not loaded).
        """
        from analytics.tracer import trace

        with opened(store, data) as graph:
            result = trace(
                graph, incident, window_days=window, series=series, sources=sources, min_confidence=min_confidence
            )
            if fmt is not OutputFormat.TABLE:
                write_result(result.changes, result.to_dict(), csv, json_file, fmt)
                return
            when = result.date.isoformat() + (", estimated date" if result.estimated else "")
            show(f"[bold]{literal(result.label)}[/bold] ({when})  window {window} days")
            if not result.named_in_texts:
                show(
                    "No loaded text names this incident (it comes from the public incident catalogue): "
                    "its next meetings are placed by date, and no pledge can answer it explicitly."
                )
            if result.meetings.empty:
                show("No recorded meeting of any series followed within the window.")
            for meeting in result.meetings.to_dict(orient="records"):
                if not meeting["text_loaded"]:
                    prev = f"; {meeting['note']}"
                elif not _present(meeting["previous_label"]):
                    # a series the reference lists starts here; any other only starts in the loaded texts
                    prev = f"; {meeting['note']}: no change verdict" if _present(meeting["note"]) else (
                        "; first meeting of its series"
                    )
                elif not meeting["previous_loaded"]:
                    prev = f"; {meeting['note']}: no change verdict"
                else:
                    prev = f"; compared with {meeting['previous_label']} ({cell(meeting['previous_date'])})"
                    if _present(meeting["note"]):
                        prev += f" ({meeting['note']})"
                show(
                    f"\n[bold]{literal(meeting['series'])}[/bold]: "
                    + literal(f"{meeting['meeting_label']} ({cell(meeting['date'])}), ")
                    + literal(f"lag {meeting['lag_days']} days{prev}")
                )
                if not meeting["text_loaded"]:
                    continue  # nothing to classify: the line above says no text is loaded
                rows = result.changes[result.changes["meeting"] == meeting["meeting"]]
                if rows.empty:
                    show("No commitments were extracted from its loaded text.")
                    continue
                table = new_table()
                for header in ("change", "wording", "type", "party", "strength", "basis", "link", "evidence"):
                    table.add_column(header, overflow="fold")
                for row in rows.to_dict(orient="records"):
                    strength = cell(row["strength"])
                    if _present(row["previous_strength"]) and str(row["basis"]).startswith("cues:"):
                        before = cell(row["previous_strength"])
                        if _present(row["baseline_party"]) and row["baseline_party"] != row["party"]:
                            before = f"{before} ({party_label(str(row['baseline_party']))})"
                        strength = f"{before} -> {strength or '-'}"
                    evidence = literal(short(row["evidence"]))
                    if _present(row["document"]):
                        para = f" \u00b6{cell(row['paragraph'])}" if _present(row["paragraph"]) else ""
                        evidence = f"{evidence} [dim]({literal(short(row['document'], 40))}{para})[/dim]"
                    style = _CHANGE_STYLE.get(row["change"], "")
                    table.add_row(
                        f"[{style}]{row['change']}[/{style}]" if style else row["change"],
                        shown("wording", row["wording"]) + (" *" if _present(row["wording_note"]) else ""),
                        literal(row["type_label"]),
                        shown("party", row["party"]),
                        strength,
                        literal(short(row["basis"], 60)),
                        row["link"] + (" (threat)" if row["threat_link"] else ""),
                        evidence,
                    )
                show(table)
            if not result.explicit.empty:
                show(
                    frame_table(
                        result.explicit,
                        [
                            ("date", "date"),
                            ("lag_days", "lag"),
                            ("meeting_label", "meeting"),
                            ("commitment_types", "types"),
                            ("party", "party"),
                            ("wording", "wording"),
                            ("evidence", "evidence"),
                        ],
                        title="Commitments whose text answers the incident (explicit)",
                    )
                )
            write_result(result.changes, result.to_dict(), csv, json_file)

    @app.command("crises")
    def crises_command(
        window: int = typer.Option(DEFAULT_WINDOW_DAYS, "--window", help="Days after an incident a meeting counts."),
        series: str | None = typer.Option(None, "--series", help="Only these meeting series (comma-separated)."),
        sources: Sources = "all",
        min_confidence: MinConfidence = None,
        store: StoreKind = None,
        data: DataFile = None,
        csv: CsvFile = None,
        json_file: JsonFile = None,
        fmt: OutputFormatOption = OutputFormat.TABLE,
        catalogue: bool = typer.Option(
            False,
            "--catalogue",
            help="Also list the incidents of the public incident catalogue that no loaded text names.",
        ),
    ) -> None:
        """Every incident at once: the next meeting of each series, the lag, explicit and temporal answers, changes."""
        from analytics.crises import crises

        with opened(store, data) as graph:
            result = crises(
                graph,
                window_days=window,
                series=series,
                sources=sources,
                min_confidence=min_confidence,
                catalogue=catalogue,
            )
            if fmt is not OutputFormat.TABLE:
                write_result(result.table, result.to_dict(), csv, json_file, fmt)
                return
            shown = result.table.assign(label=result.table["label"].map(lambda t: short(t, 45)))
            show(
                frame_table(
                    shown,
                    [
                        ("date", "date"),
                        ("label", "incident"),
                        ("kind", "kind"),
                        ("meeting_label", "next meeting"),
                        ("lag_days", "lag"),
                        ("text_loaded", "text"),
                        ("explicit", "explicit"),
                        ("temporal", "temporal"),
                        ("n_new", "new"),
                        ("n_stronger", "stronger"),
                        ("n_continued", "continued"),
                        ("n_weaker", "weaker"),
                        ("n_not_restated", "not restated"),
                        ("n_unknown", "unknown"),
                    ],
                    title=f"Every crisis: next meeting of each series within {window} days",
                )
            )
            show(
                frame_table(
                    result.lags,
                    [(c, c.replace("_", " ")) for c in result.lags.columns],
                    title="Lag (days) by decade and incident kind",
                )
            )
            if result.unnamed and not catalogue:
                show(
                    f"{result.unnamed} dated incidents of the public catalogue are named by no loaded text "
                    "and are not listed (--catalogue lists them against the series reference)."
                )
            write_result(result.table, result.to_dict(), csv, json_file)

    @app.command("lineage")
    def lineage_command(
        commitment_type: str = typer.Argument(..., metavar="TYPE", help="Commitment type: local name or label."),
        party: str | None = typer.Option(None, "--party", help="Only statements by this party (KOR, USA...)."),
        write_reaffirms: bool = typer.Option(
            False,
            "--write-reaffirms",
            help="First write the computed restatement chains of this type into the store (REAFFIRMS; idempotent).",
        ),
        sources: Sources = "all",
        min_confidence: MinConfidence = None,
        store: StoreKind = None,
        data: DataFile = None,
        csv: CsvFile = None,
        json_file: JsonFile = None,
        fmt: OutputFormatOption = OutputFormat.TABLE,
    ) -> None:
        """First appearance, restatements and strength over time of a commitment type."""
        from analytics.lineage import lineage
        from analytics.lineage import write_reaffirms as write_chains

        with opened(store, data) as graph:
            if write_reaffirms:
                written = write_chains(graph, commitment_type)
                saved = graph.save() if written else None
                where = f" (saved to {literal(saved)})" if saved else ""
                note(f"wrote {written} REAFFIRMS relationships{where}", fmt)
            result = lineage(
                graph, commitment_type, party=party, evidence=True, sources=sources, min_confidence=min_confidence
            )
            if fmt is not OutputFormat.TABLE:
                write_result(result.chain, result.to_dict(), csv, json_file, fmt)
                return
            who = f" by {party_label(result.party)}" if result.party else ""
            if result.first_date is None:
                show(f"[bold]{literal(result.label)}[/bold]{who}: never stated at a recorded meeting.")
            else:
                show(
                    f"[bold]{literal(result.label)}[/bold]{who}: first stated in the loaded texts at the "
                    f"{literal(result.first_meeting)} ({result.first_date.isoformat()}) by "
                    f"{party_label(str(result.first_party))}; {len(result.chain)} statements"
                )
                missing = result.missing_before
                if missing:
                    # the date and party belong to the first statement, not to the list of missing texts
                    named = ", ".join(missing[:6]) + (f", ... {missing[-1]}" if len(missing) > 6 else "")
                    show(f"No text loaded for {len(missing)} earlier meetings of the record: {literal(named)}")
                chain = result.chain.assign(evidence=result.chain["evidence"].map(lambda t: short(t, 70)))
                show(
                    frame_table(
                        chain,
                        [
                            ("date", "date"),
                            ("series", "series"),
                            ("meeting_label", "meeting"),
                            ("party", "party"),
                            ("change", "change"),
                            ("wording", "wording"),
                            ("strength", "strength"),
                            ("reaffirms_source", "reaffirms"),
                            ("evidence", "evidence"),
                        ],
                    )
                )
            write_result(result.chain, result.to_dict(), csv, json_file)

    @app.command("in-force")
    def in_force_command(
        date: str = typer.Argument(..., help="The date (YYYY-MM-DD)."),
        party: str | None = typer.Option(None, "--party", help="Only commitments by this party."),
        within: float | None = typer.Option(
            None, "--within", metavar="YEARS", help="Only what was restated within this many years of DATE."
        ),
        sources: Sources = "all",
        min_confidence: MinConfidence = None,
        store: StoreKind = None,
        data: DataFile = None,
        csv: CsvFile = None,
        json_file: JsonFile = None,
        fmt: OutputFormatOption = OutputFormat.TABLE,
    ) -> None:
        """Commitments in force on a date: stated and not ended by a text (silence does not end a pledge)."""
        from analytics.frames import records
        from analytics.lineage import in_force

        with opened(store, data) as graph:
            table = in_force(
                graph, date, party=party, within_years=within, sources=sources, min_confidence=min_confidence
            )
            if fmt is not OutputFormat.TABLE:
                write_result(table, {"date": date, "in_force": records(table)}, csv, json_file, fmt)
                return
            show(
                frame_table(
                    table,
                    [
                        ("type_label", "type"),
                        ("party", "party"),
                        ("since", "since"),
                        ("last_meeting", "last restated at"),
                        ("last_stated", "on"),
                        ("years_since_restated", "years ago"),
                        ("wording", "wording"),
                        ("strength", "strength"),
                        ("statements", "statements"),
                    ],
                    title=f"In force on {date}",
                )
            )
            show(_coverage_line(graph, date))
            write_result(table, {"date": date, "in_force": records(table)}, csv, json_file)

    @app.command("themes")
    def themes_command(
        bins: str = typer.Option("decade", "--bins", help="'decade' or first years of periods: 1990,2000,2010."),
        sources: Sources = "all",
        min_confidence: MinConfidence = None,
        store: StoreKind = None,
        data: DataFile = None,
        csv: CsvFile = None,
        json_file: JsonFile = None,
        fmt: OutputFormatOption = OutputFormat.TABLE,
    ) -> None:
        """Commitment and threat types by period, and the first meeting at which each appears."""
        from analytics.themes import themes

        with opened(store, data) as graph:
            result = themes(graph, bins=bins, sources=sources, min_confidence=min_confidence)
            if fmt is not OutputFormat.TABLE:
                write_result(result.table, result.to_dict(), csv, json_file, fmt)
                return
            columns = [("scheme", "scheme"), ("label", "type")]
            columns += [(p, p) for p in result.periods]
            columns += [("first_meeting", "first meeting"), ("first_date", "first date")]
            show(frame_table(result.table, columns, title="Meetings at which each type appears, by period"))
            write_result(result.table, result.to_dict(), csv, json_file)

    @app.command("centrality")
    def centrality_command(
        start: str | None = typer.Option(None, "--start", help="Window start (YYYY-MM-DD)."),
        end: str | None = typer.Option(None, "--end", help="Window end (YYYY-MM-DD)."),
        compare_start: str | None = typer.Option(None, "--compare-start", help="Start of a second window."),
        compare_end: str | None = typer.Option(None, "--compare-end", help="End of a second window."),
        store: StoreKind = None,
        data: DataFile = None,
        csv: CsvFile = None,
        json_file: JsonFile = None,
        fmt: OutputFormatOption = OutputFormat.TABLE,
    ) -> None:
        """Centrality of actors and commitment types in a window (optionally compared with a second one)."""
        from analytics.frames import records
        from analytics.network import centrality, compare_windows

        first = (_date(start, "--start"), _date(end, "--end"))
        with opened(store, data) as graph:
            if compare_start is None and compare_end is None:
                table = centrality(graph, *first)
                if fmt is not OutputFormat.TABLE:
                    write_result(table, {"centrality": records(table)}, csv, json_file, fmt)
                    return
                show(
                    frame_table(
                        table,
                        [
                            ("rank", "rank"),
                            ("label", "node"),
                            ("category", "category"),
                            ("weighted_degree", "commitments"),
                            ("degree_centrality", "degree c."),
                            ("betweenness", "betweenness"),
                            ("eigenvector", "eigenvector"),
                        ],
                        title=f"Centrality {cell(first[0]) or '...'} to {cell(first[1]) or '...'}",
                    )
                )
                write_result(table, {"centrality": records(table)}, csv, json_file)
                return
            second = (_date(compare_start, "--compare-start"), _date(compare_end, "--compare-end"))
            result = compare_windows(graph, first, second)
            if fmt is not OutputFormat.TABLE:
                write_result(result.centrality, result.to_dict(), csv, json_file, fmt)
                return
            show(
                frame_table(
                    result.centrality,
                    [
                        ("label", "node"),
                        ("category", "category"),
                        ("weighted_degree_a", "commitments A"),
                        ("weighted_degree_b", "commitments B"),
                        ("rank_a", "rank A"),
                        ("rank_b", "rank B"),
                        ("rank_change", "rank change"),
                    ],
                    title="Centrality in window A and window B",
                )
            )
            show(
                frame_table(
                    result.responses,
                    [
                        ("window", "window"),
                        ("incidents", "incidents"),
                        ("incidents_answered", "answered"),
                        ("commitments_reached", "commitments"),
                        ("explicit_share", "explicit share"),
                        ("mean_hops", "mean hops"),
                        ("median_lag_days", "median lag"),
                    ],
                    title="How the incidents of each window were answered",
                )
            )
            write_result(result.centrality, result.to_dict(), csv, json_file)


def _coverage_line(graph: Any, date: str) -> str:
    """What an in-force table rests on: the texts loaded of the meetings held by ``date``."""
    from analytics.record import coverage

    table = coverage(graph, date)
    held = table[table["held"].fillna(0) > 0]
    parts = [f"{r['series']} {r['loaded']} of {r['held']}" for r in held.to_dict("records")]
    loaded = f"Texts loaded of the meetings held by {date}: {', '.join(parts)} (alliancekg coverage names the rest). "
    return (loaded if parts else "") + (
        "A pledge stays in force until a loaded text ends it; a meeting without a text can neither restate nor end one."
    )

