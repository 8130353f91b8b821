"""The analytics commands, run as a user runs them (over a saved embedded store and Neo4j)."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_analytics_support import build_fixture

from alliancekg import cli
from graph.nx_store import NetworkXStore


@pytest.fixture(scope="module")
def data_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = NetworkXStore()
    store.load(build_fixture().data)
    return store.save(tmp_path_factory.mktemp("analytics-cli") / "graph.json.gz")


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``alliancekg ARGS`` in-process through ``cli.main``; return (exit code, stdout, stderr)."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr(sys, "argv", ["alliancekg", *args])
    code = 0
    try:
        cli.main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_trace_prints_the_next_meeting_and_changes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    code, out, err = run(monkeypatch, capsys, "trace", "2006-10-09", "--data", str(data_file))
    assert code == 0, err
    assert "First North Korean nuclear test (2006-10-09)" in out
    assert "38th Security Consultative Meeting (2006-10-20), lag 11 days" in out
    assert "compared with 37th Security Consultative Meeting" in out
    for word in ("new", "stronger", "continued", "not restated", "wording", "explicit", "Extended deterrence"):
        assert word in out


def test_trace_writes_json_and_csv(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_file: Path, tmp_path: Path
) -> None:
    out_json = tmp_path / "trace.json"
    code, _, err = run(
        monkeypatch, capsys, "trace", "first nuclear test", "--window", "600", "--data", str(data_file),
        "--json", str(out_json),
    )
    assert code == 0, err
    payload = json.loads(out_json.read_text(encoding="utf-8"))
    assert payload["incident"]["date"] == "2006-10-09"
    assert payload["incident"]["estimated"] is False
    assert [m["series"] for m in payload["meetings"]] == ["SCM", "Summit"]
    ed = [c for c in payload["changes"] if c["commitment_type"] == "ExtendedDeterrence"]
    assert ed[0]["change"] == "new" and ed[0]["meeting_date"] == "2006-10-20" and ed[0]["link"] == "explicit"
    out_csv = tmp_path / "trace.csv"
    code, _, err = run(monkeypatch, capsys, "trace", "2006-10-09", "--data", str(data_file), "--csv", str(out_csv))
    assert code == 0, err
    with out_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["change"] for r in rows} == {"new", "stronger", "continued", "not restated"}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["trace", "Frist nuclear tset"], "First North Korean nuclear test (2006-10-09)"),
        (["trace", "nuclear test"], "Second North Korean nuclear test (2009-05-25)"),
        (["lineage", "extended deterance"], "ExtendedDeterrence (Extended deterrence)"),
        (["trace", "2006-10-09", "--series", "NATO"], "SCM"),
    ],
)
def test_unknown_names_exit_2_with_close_matches(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_file: Path,
    args: list[str], expected: str,
) -> None:
    code, _, err = run(monkeypatch, capsys, *args, "--data", str(data_file))
    assert code == 2
    assert "Close matches:" in err
    assert expected in err
    assert "Traceback" not in err


def test_bad_options_are_usage_errors_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    code, _, err = run(monkeypatch, capsys, "themes", "--bins", "every-year", "--data", str(data_file))
    assert code == 2 and "bins must be" in err and "Traceback" not in err
    code, _, err = run(monkeypatch, capsys, "centrality", "--start", "2007", "--data", str(data_file))
    assert code == 2 and "not a date" in err
    code, _, err = run(monkeypatch, capsys, "trace", "2006-10-09", "--window", "-3", "--data", str(data_file))
    assert code == 2 and "positive" in err


def test_lineage_themes_in_force_and_centrality(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_file: Path, tmp_path: Path
) -> None:
    code, out, err = run(monkeypatch, capsys, "lineage", "Nuclear umbrella", "--party", "USA", "--data", str(data_file))
    assert code == 0, err
    assert "first stated in the loaded texts at the 36th Security Consultative Meeting (2004-10-22) by" in out
    assert "No text loaded for 35 earlier meetings of the record: 1st SCM" in out  # apart from the first date
    code, out, err = run(monkeypatch, capsys, "themes", "--bins", "2005,2007", "--data", str(data_file))
    assert code == 0, err
    assert "before 2005" in out and "2005-2006" in out and "Extended deterrence" in out
    code, out, err = run(monkeypatch, capsys, "in-force", "2007-12-31", "--data", str(data_file))
    assert code == 0, err
    assert "Extended deterrence" in out and "Cost sharing" in out  # not restated since 2005, never ended
    code, out, err = run(monkeypatch, capsys, "in-force", "2007-12-31", "--within", "1", "--data", str(data_file))
    assert code == 0, err
    assert "Extended deterrence" in out and "Cost sharing" not in out  # last restated 2.2 years before
    out_json = tmp_path / "centrality.json"
    code, out, err = run(
        monkeypatch, capsys, "centrality", "--start", "2004-01-01", "--end", "2007-12-31",
        "--data", str(data_file), "--json", str(out_json),
    )
    assert code == 0, err
    assert json.loads(out_json.read_text(encoding="utf-8"))["centrality"][0]["node"] == "actor:USA"
    code, out, err = run(
        monkeypatch, capsys, "centrality", "--end", "2005-12-31", "--compare-start", "2006-01-01",
        "--data", str(data_file),
    )
    assert code == 0, err
    assert "rank change" in out and "How the incidents of each window were answered" in out


def test_the_installed_command_shows_no_traceback(data_file: Path) -> None:
    exe = Path(sys.executable).with_name("alliancekg")
    done = subprocess.run(
        [str(exe), "trace", "no such crisis", "--data", str(data_file)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert done.returncode == 2
    assert "no incident is named 'no such crisis'" in done.stderr
    assert "Traceback" not in done.stderr


def test_trace_on_neo4j_matches_the_embedded_store(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_file: Path, tmp_path: Path,
    neo4j_clean: object, neo4j_uri: str,
) -> None:
    from graph.neo4j_store import Neo4jStore

    neo = Neo4jStore(neo4j_clean)
    neo.ensure_schema()
    neo.load(build_fixture().data)
    monkeypatch.setenv("NEO4J_URI", neo4j_uri)
    outputs = {}
    for kind in ("embedded", "neo4j"):
        target = tmp_path / f"{kind}.json"
        code, _, err = run(
            monkeypatch, capsys, "trace", "2006-10-09", "--store", kind, "--data", str(data_file),
            "--json", str(target),
        )
        assert code == 0, err
        outputs[kind] = json.loads(target.read_text(encoding="utf-8"))
    assert outputs["embedded"] == outputs["neo4j"]
    assert outputs["neo4j"]["meetings"][0]["lag_days"] == 11


def test_lineage_writes_the_reaffirms_chain_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_file: Path, tmp_path: Path
) -> None:
    own = tmp_path / "graph.json.gz"
    shutil.copyfile(data_file, own)
    code, out, err = run(monkeypatch, capsys, "lineage", "NuclearUmbrella", "--write-reaffirms", "--data", str(own))
    assert code == 0, err
    assert "wrote 2 REAFFIRMS relationships" in out
    written = NetworkXStore.load_file(own)
    assert written.count_by_type()["REAFFIRMS"] == 1 + 2
    code, out, err = run(monkeypatch, capsys, "lineage", "NuclearUmbrella", "--write-reaffirms", "--data", str(own))
    assert code == 0, err
    assert "wrote 0 REAFFIRMS relationships" in out
    assert NetworkXStore.load_file(own).count_by_type()["REAFFIRMS"] == 3


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("trace", "2006-10-09"), ("U.S.", "Extended deterrence")),
        (("crises",), ("Nuclear test", "yes")),
        (("lineage", "ExtendedDeterrence"), ("by U.S.", "U.S.")),
        (("in-force", "2017-01-01"), ("ROK and U.S.",)),
        (("centrality",), ("commitment type",)),
    ],
)
def test_printed_tables_name_parties_types_and_kinds_in_words(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    data_file: Path,
    args: tuple[str, ...],
    words: tuple[str, ...],
) -> None:
    """No code of the graph in a printed table: ``KOR+USA``, ``ExtendedDeterrence``, ``NuclearTest``, ``True``."""
    code, out, err = run(monkeypatch, capsys, *args, "--data", str(data_file))
    assert code == 0, err
    printed = {w.strip("│┃,;:()") for w in out.split()}
    codes = {"KOR", "USA", "PRK", "KOR+USA", "ExtendedDeterrence", "NuclearUmbrella", "SanctionsEnforcement",
             "NuclearTest", "MissileLaunch", "ArmedProvocation", "True", "False", "commitment_type"}
    assert not printed & codes, sorted(printed & codes)
    assert all(w in out for w in words), [w for w in words if w not in out]


def test_trace_and_crises_say_when_no_loaded_text_names_an_incident(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    code, out, err = run(monkeypatch, capsys, "trace", "Cheonan", "--data", str(data_file))
    assert code == 0, err
    assert "Sinking of the ROKS Cheonan (2010-03-26)" in out
    assert "No loaded text names this incident" in out
    assert "42nd SCM (2010-10-08), lag 196 days; no text for the 42nd SCM loaded" in out
    code, out, err = run(monkeypatch, capsys, "crises", "--data", str(data_file))
    assert code == 0, err
    assert "named by no loaded text and are not listed (--catalogue" in out and "Cheonan" not in out
    code, out, err = run(monkeypatch, capsys, "crises", "--catalogue", "--format", "csv", "--data", str(data_file))
    assert code == 0, err
    rows = [r for r in csv.DictReader(out.splitlines()) if r["label"] == "Sinking of the ROKS Cheonan"]
    scm = [r for r in rows if r["series"] == "SCM"]
    assert len(scm) == 1 and (scm[0]["lag_days"], scm[0]["named_in_texts"], scm[0]["text_loaded"]) == (
        "196",
        "False",
        "False",
    )


def test_coverage_and_in_force_say_which_texts_the_answer_rests_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    code, out, err = run(monkeypatch, capsys, "coverage", "--until", "2007-12-31", "--data", str(data_file))
    assert code == 0 and not err
    assert "1st-35th" in out and "no text for 35 of the 39 meetings of the record" in out
    code, out, _ = run(monkeypatch, capsys, "coverage", "--format", "csv", "--data", str(data_file))
    assert code == 0 and out.splitlines()[0] == "series,held,loaded,first_loaded,last_loaded,missing,note"
    code, out, _ = run(monkeypatch, capsys, "in-force", "2007-12-31", "--data", str(data_file))
    assert code == 0 and "Texts loaded of the meetings held by 2007-12-31: " in out and "SCM 4 of 39" in out
    code, out, err = run(monkeypatch, capsys, "coverage", "--until", "2007", "--data", str(data_file))
    assert code == 2 and err.strip() == "alliancekg: error: '2007' is not a date (YYYY-MM-DD)"
