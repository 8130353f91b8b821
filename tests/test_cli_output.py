"""``--format table|csv|json`` of the reading commands, as a user pipes them (real processes)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from test_analytics_support import build_fixture

from graph.model import GraphData, Node
from graph.nx_store import NetworkXStore
from graph.schema import Kind


@pytest.fixture(scope="module")
def saved_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = NetworkXStore()
    store.load(build_fixture().data)
    return store.save(tmp_path_factory.mktemp("cli-output") / "graph.json.gz")


def alliancekg(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Standard output is a pipe here, as in ``alliancekg ... | less``; no COLUMNS is set."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS" and not k.startswith(("ALLIANCEKG_", "NEO4J_"))}
    return subprocess.run(
        [sys.executable, "-m", "alliancekg.cli", *args],
        capture_output=True, text=True, check=False, cwd=cwd, env=env, timeout=120,
    )  # fmt: skip


def test_crises_as_csv_is_the_table_the_csv_option_writes(tmp_path: Path, saved_store: Path) -> None:
    done = alliancekg(tmp_path, "crises", "--data", str(saved_store), "--format", "csv", "--csv", "also.csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (tmp_path / "also.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert {"First North Korean nuclear test", "Taepodong-2 launch"} <= {r["label"] for r in rows}
    assert "wrote" in done.stderr  # the message is for the person, on stderr


def test_trace_as_json_is_the_whole_result(tmp_path: Path, saved_store: Path) -> None:
    done = alliancekg(tmp_path, "trace", "2006-10-09", "--data", str(saved_store), "--format", "json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["incident"]["label"] == "First North Korean nuclear test"
    assert result["meetings"][0]["meeting_label"] == "38th Security Consultative Meeting"
    assert {"changes", "explicit", "window_days"} <= set(result)


def test_stats_in_every_format(tmp_path: Path, saved_store: Path) -> None:
    as_json = json.loads(alliancekg(tmp_path, "stats", "--data", str(saved_store), "--format", "json").stdout)
    assert as_json["store"] == f"embedded store {saved_store.resolve()}"
    as_csv = alliancekg(tmp_path, "stats", "--data", str(saved_store), "--format", "CSV").stdout
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert {r["name"]: int(r["count"]) for r in rows if r["element"] == "node"} == as_json["nodes"]
    table = alliancekg(tmp_path, "stats", "--data", str(saved_store)).stdout
    assert str(saved_store.resolve()) in table


def test_a_piped_table_keeps_each_row_on_one_line(tmp_path: Path, saved_store: Path) -> None:
    done = alliancekg(tmp_path, "crises", "--data", str(saved_store))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    rows = [line for line in lines if "First North Korean nuclear test" in line]
    assert rows, done.stdout
    assert "38th Security Consultative Meeting" in rows[0]  # same line: nothing folded at 80 columns
    assert max(len(line) for line in lines) > 80
    assert "\x1b[" not in done.stdout  # no colour codes into a pipe


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path: Path) -> None:
    store = NetworkXStore()
    store.load(GraphData(nodes=[Node(iri="urn:x:1", kind=Kind.ACTOR, label='=HYPERLINK("http://x","y")')]))
    path = store.save(tmp_path / "g.json.gz")
    query = "MATCH (a:Actor) RETURN a.label AS label"
    done = alliancekg(tmp_path, "cypher", query, "--data", str(path), "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows == [["label"], ['\'=HYPERLINK("http://x","y")']]
    as_json = alliancekg(tmp_path, "cypher", query, "--data", str(path), "--format", "json")
    assert json.loads(as_json.stdout) == [{"label": '=HYPERLINK("http://x","y")'}]  # JSON is data, kept as it is


@pytest.mark.neo4j
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_neo4j_check_in_csv_and_json(tmp_path: Path, neo4j_store: Any, neo4j_uri: str, fmt: str) -> None:
    """``neo4j-check --format`` gives the report as data: the counts of the real server's graph."""
    neo4j_store.load(build_fixture().data)
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    done = subprocess.run(
        [sys.executable, "-m", "alliancekg.cli", "neo4j-check", "--format", fmt],
        capture_output=True, text=True, check=False, cwd=tmp_path, env={**env, "NEO4J_URI": neo4j_uri}, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout) if fmt == "json" else next(csv.DictReader(io.StringIO(done.stdout)))
    assert int(report["nodes"]) == len(build_fixture().data.nodes)
    assert int(report["relationships"]) == neo4j_store.count_relationships()
    assert report["uri"] == neo4j_uri and "Neo4j" in report["server"]


def test_trace_says_when_a_meeting_text_yields_no_commitments(tmp_path: Path) -> None:
    """A meeting whose loaded text has no pledge gets a sentence, not an empty table with headers."""
    (tmp_path / "tri.txt").write_text(
        "Joint Statement of the Trilateral Vice Foreign Ministerial Meeting\n\nOctober 14, 2016\n\n"
        "The three vice ministers condemned North Korea's fifth nuclear test of September 9, 2016, and noted "
        "that it violated several resolutions of the UN Security Council.\n",
        encoding="utf-8",
    )
    data = tmp_path / "graph.json.gz"
    assert alliancekg(tmp_path, "ingest", "tri.txt", "--data", str(data), "--no-progress").returncode == 0
    done = alliancekg(tmp_path, "trace", "2016-09-09", "--data", str(data))
    assert done.returncode == 0, done.stderr
    block = done.stdout.split("Trilateral vice foreign ministers' meeting, 2016-10-14", 1)[1].split("\n\n", 1)[0]
    assert "No commitments were extracted from its loaded text." in block
    assert "wording" not in block and "evidence" not in block  # no table header for an empty table


def test_source_text_prints_as_written_never_as_markup(tmp_path: Path) -> None:
    """Brackets and emoji codes in a document ("[/]", "[red]...[/red]", ":date:") are text: printed as written,
    never styled, swallowed or failing as a markup error, in the tables and lines of the reading commands."""
    (tmp_path / "scm.txt").write_text(
        "JOINT COMMUNIQUE [bold red]\nThe 56th ROK-U.S. Security Consultative Meeting\n\n"
        "October 30, 2024, Washington\n\n"
        "1. The 56th ROK-U.S. Security Consultative Meeting was held in Washington on October 30, 2024.\n\n"
        "2. The Minister and the Secretary condemned the DPRK's launch of a Hwasong-18 ICBM on December 18, 2023 [/], "
        "and pledged to respond to it with combined exercises [red]at scale[/red] :date:.\n",
        encoding="utf-8",
    )
    data = str(tmp_path / "graph.json.gz")
    assert alliancekg(tmp_path, "ingest", "scm.txt", "--data", data, "--no-progress").returncode == 0
    runs = {
        "trace": alliancekg(tmp_path, "trace", "2023-12-18", "--data", data),
        "lineage": alliancekg(tmp_path, "lineage", "CombinedExercises", "--data", data),
        "stated": alliancekg(tmp_path, "stated", "combined exercises", "--data", data),
        "cypher": alliancekg(tmp_path, "cypher", "MATCH (d:Document) RETURN d.title AS title", "--data", data),
    }
    for name, done in runs.items():
        assert done.returncode == 0, (name, done.stderr)
        assert "error" not in done.stderr, (name, done.stderr)
    for name in ("trace", "lineage"):
        assert "[red]at scale[/red]" in runs[name].stdout, name
    assert "[red]at scale[/red] :date:" in runs["trace"].stdout  # no emoji for ":date:"
    assert "combined exercises [red]" in runs["stated"].stdout
    assert "JOINT COMMUNIQUE [bold red]" in runs["cypher"].stdout


def test_the_cli_console_keeps_emoji_codes_and_escaped_values_as_written() -> None:
    """A SHACL message "should have ak:madeAt or ak:date: ..." is printed with its colon, not as an emoji."""
    from alliancekg.cli.output import console, literal

    buf = io.StringIO()
    console(file=buf, width=120).print(f"[bold]{literal('[/] ak:date: [red]x[/red]')}[/bold] should have ak:date:")
    assert buf.getvalue().strip() == "[/] ak:date: [red]x[/red] should have ak:date:"


def test_file_names_the_user_gave_print_as_written(tmp_path: Path, saved_store: Path) -> None:
    """A path from the command line ("[red]out.csv", "[bold]graph.ttl") is named as it is in the messages and
    tables that report it, never read as markup (the bracket part was swallowed: "wrote 3 rows to out.csv")."""
    done = alliancekg(tmp_path, "crises", "--data", str(saved_store), "--csv", "[red]out.csv")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "[red]out.csv").is_file()
    assert "rows to [red]out.csv" in done.stdout
    done = alliancekg(tmp_path, "crises", "--data", str(saved_store), "--json", "[red]out.json")
    assert done.returncode == 0, done.stderr
    assert "wrote [red]out.json" in done.stdout
    exported = alliancekg(tmp_path, "export", "-o", "[bold]graph.ttl", "--data", str(saved_store))
    assert exported.returncode == 0, exported.stderr
    assert "[bold]graph.ttl" in exported.stdout
    imported = alliancekg(tmp_path, "import", "[bold]graph.ttl", "--data", str(tmp_path / "[i]copy.json.gz"))
    assert imported.returncode == 0, imported.stderr
    assert "Imported [bold]graph.ttl" in imported.stdout
    assert "[i]copy.json.gz" in " ".join(imported.stdout.split())  # the store file, in a cell that may fold
