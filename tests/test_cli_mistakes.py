"""Every usual command-line mistake gets one line on stderr and exit status 2, never a traceback.

Each case runs ``alliancekg`` as a real process (``python -m alliancekg.cli``)
from an empty directory outside the checkout, so nothing there can be read
or created by accident; the cases that need a store get a real saved one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_analytics_support import build_fixture

from graph.nx_store import NetworkXStore

USAGE = 2


@pytest.fixture(scope="module")
def saved_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = NetworkXStore()
    store.load(build_fixture().data)
    return store.save(tmp_path_factory.mktemp("cli-mistakes") / "graph.json.gz")


def alliancekg(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line as a user does, with a narrow terminal (mistakes must not wrap either)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ALLIANCEKG_", "NEO4J_"))}
    return subprocess.run(
        [sys.executable, "-m", "alliancekg.cli", *args],
        capture_output=True, text=True, check=False, cwd=cwd, timeout=120,
        env={**base, "COLUMNS": "60", **(env or {})},
    )  # fmt: skip


def assert_one_line_usage_error(done: subprocess.CompletedProcess[str], *expected: str) -> str:
    lines = done.stderr.splitlines()
    assert done.returncode == USAGE, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr + done.stdout
    assert len(lines) == 1, lines
    assert lines[0].startswith("alliancekg: error: "), lines[0]
    for text in expected:
        assert text in lines[0], (text, lines[0])
    assert done.stdout == ""
    return lines[0]


MISTAKES: list[tuple[str, list[str], tuple[str, ...]]] = [
    ("unknown command", ["foo"], ("no such command 'foo'", "see alliancekg --help")),
    ("unknown option", ["stats", "--nope"], ("no such option: --nope", "see alliancekg stats --help")),
    ("missing argument", ["trace"], ("missing argument", "see alliancekg trace --help")),
    ("window not a number", ["trace", "2017-09-03", "--window", "abc"], ("'--window'", "integer")),
    ("limit zero", ["cypher", "MATCH (n) RETURN n", "--limit", "0"], ("'--limit'", "greater than or equal to 1")),
    ("sparql limit zero", ["sparql", "list", "--limit", "0"], ("'--limit'",)),
    ("validate a missing file", ["validate", "no-such.ttl"], ("no-such.ttl", "does not exist")),
    ("import a missing file", ["import", "no-such.ttl"], ("no-such.ttl", "does not exist")),
    ("sparql over a missing file", ["sparql", "list", "--data", "no-such.ttl"], ("no-such.ttl", "does not exist")),
    ("unknown output format", ["crises", "--format", "xml"], ("'--format'", "xml")),
    ("unknown store", ["stats", "--store", "mongo"], ("'--store'", "'mongo' is not one of embedded, neo4j")),
    ("unknown extract format", ["extract", "doc.txt", "--format", "xml"], ("--format 'xml'", "json or ttl")),
    ("not a date", ["centrality", "--start", "2020-13-45"], ("--start '2020-13-45' is not a date",)),
    ("a parameter without a value", ["cypher", "RETURN 1", "--param", "oops"], ("--param 'oops'", "NAME=VALUE")),
]


@pytest.mark.parametrize(("args", "expected"), [(a, e) for _, a, e in MISTAKES], ids=[n for n, _, _ in MISTAKES])
def test_a_mistake_is_one_line_and_exit_2(tmp_path: Path, args: list[str], expected: tuple[str, ...]) -> None:
    assert_one_line_usage_error(alliancekg(tmp_path, *args), *expected)
    assert list(tmp_path.iterdir()) == []  # nothing created by a mistake


@pytest.mark.parametrize(
    "args",
    [
        ["stats"],
        ["crises"],
        ["trace", "2017-09-03"],
        ["cypher", "MATCH (n) RETURN count(n)"],
        ["export", "-o", "x.ttl"],
    ],
    ids=["stats", "crises", "trace", "cypher", "export"],
)
def test_outside_the_checkout_a_reading_command_names_the_store_it_looked_for(tmp_path: Path, args: list[str]) -> None:
    line = assert_one_line_usage_error(alliancekg(tmp_path, *args), "alliancekg ingest")
    assert str(tmp_path.resolve() / "data" / "graph.json.gz") in line
    assert not (tmp_path / "data").exists()  # no empty store was made
    assert not (tmp_path / "x.ttl").exists()


def test_a_missing_data_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "elsewhere" / "kg.json.gz"
    line = assert_one_line_usage_error(alliancekg(tmp_path, "themes", "--data", str(missing)))
    assert str(missing) in line
    env_line = assert_one_line_usage_error(alliancekg(tmp_path, "lineage", "X", env={"ALLIANCEKG_DATA": str(missing)}))
    assert str(missing) in env_line


def test_an_empty_store_is_named_in_the_message(tmp_path: Path) -> None:
    empty = NetworkXStore().save(tmp_path / "empty.json.gz")
    done = alliancekg(tmp_path, "trace", "2017-09-03", "--data", str(empty))
    line = assert_one_line_usage_error(done, "holds no incidents yet", "alliancekg ingest")
    assert f"the embedded store {empty.resolve()} holds no incidents yet" in line


def test_a_project_error_is_one_line_with_its_own_status(tmp_path: Path, saved_store: Path) -> None:
    """A runtime problem (here Neo4j unreachable) is not a usage error: one line, exit 1."""
    done = alliancekg(
        tmp_path, "stats", "--store", "neo4j",
        env={"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_USERNAME": "neo4j", "NEO4J_PASSWORD": "x"},
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("alliancekg: error: ")


def test_a_long_error_stays_on_one_line_in_a_narrow_terminal(tmp_path: Path, saved_store: Path) -> None:
    done = alliancekg(tmp_path, "trace", "a crisis nobody ever named in any text at all", "--data", str(saved_store))
    assert done.returncode == USAGE
    assert "Traceback" not in done.stderr
    first = done.stderr.splitlines()[0]
    assert first.startswith("alliancekg: error: ") and "a crisis nobody ever named in any text at all" in first


def test_bare_command_shows_the_usage(tmp_path: Path) -> None:
    done = alliancekg(tmp_path)
    assert done.returncode == USAGE
    assert "Traceback" not in done.stderr
    assert "Usage: alliancekg" in done.stderr and "Commands:" in done.stderr
